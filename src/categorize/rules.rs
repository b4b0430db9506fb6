//! The rules engine: user rules and rules made from corrections, compiled once per run.
//!
//! Literal rules (substring, whole word) go into one Aho-Corasick automaton, regex rules
//! into one `RegexSet`, merchant rules into a map by merchant key: matching 2,000 rules
//! costs about what 20 do.

use foldhash::{HashMap, HashMapExt};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind as AcMatchKind};
use regex::{RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};

/// How a rule's pattern is matched against a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Anywhere in the description, case-insensitive.
    Substring,
    /// As a whole word (or words) of the description, case-insensitive.
    Word,
    /// A regular expression on the description, case-insensitive.
    Regex,
    /// Equal to the transaction's merchant key.
    Merchant,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Substring => "substring",
            MatchKind::Word => "word",
            MatchKind::Regex => "regex",
            MatchKind::Merchant => "merchant",
        }
    }

    pub fn parse(s: &str) -> Option<MatchKind> {
        Some(match s {
            "substring" => MatchKind::Substring,
            "word" => MatchKind::Word,
            "regex" => MatchKind::Regex,
            "merchant" => MatchKind::Merchant,
            _ => return None,
        })
    }

    /// How specific a match of this kind is, for ranking rules of equal priority.
    fn specificity(self) -> u32 {
        match self {
            MatchKind::Merchant => 3,
            MatchKind::Word => 2,
            MatchKind::Substring => 1,
            MatchKind::Regex => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Money in (amount > 0).
    In,
    /// Money out (amount < 0).
    Out,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "in" => Some(Direction::In),
            "out" => Some(Direction::Out),
            _ => None,
        }
    }

    pub fn of(amount: i64) -> Direction {
        if amount < 0 {
            Direction::Out
        } else {
            Direction::In
        }
    }
}

/// Who made a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    User,
    Correction,
    Import,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::User => "user",
            Origin::Correction => "correction",
            Origin::Import => "import",
        }
    }

    pub fn parse(s: &str) -> Option<Origin> {
        match s {
            "user" => Some(Origin::User),
            "correction" => Some(Origin::Correction),
            "import" => Some(Origin::Import),
            _ => None,
        }
    }
}

/// A rule as stored. Amount bounds are absolute amounts in hundredths of the currency
/// unit (cents), inclusive, so that one rule reads the same in every currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: i64,
    pub pattern: String,
    pub kind: MatchKind,
    pub category_id: i64,
    pub category: String,
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    pub direction: Option<Direction>,
    pub account_id: Option<i64>,
    pub priority: i64,
    pub origin: Origin,
}

impl Rule {
    /// A rule without conditions, at priority 0, made by the user.
    pub fn new(pattern: &str, kind: MatchKind, category_id: i64, category: &str) -> Rule {
        Rule {
            id: 0,
            pattern: pattern.into(),
            kind,
            category_id,
            category: category.into(),
            amount_min: None,
            amount_max: None,
            direction: None,
            account_id: None,
            priority: 0,
            origin: Origin::User,
        }
    }
}

/// What a rule is matched against.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub description: &'a str,
    pub merchant_key: &'a str,
    /// Minor units; negative = money out.
    pub amount: i64,
    /// Decimal places of the amount's currency.
    pub exponent: u32,
    pub account_id: i64,
}

impl Subject<'_> {
    /// |amount| in hundredths of the currency unit.
    fn cents(&self) -> i64 {
        let a = self.amount.unsigned_abs().min(i64::MAX as u64) as i64;
        match self.exponent {
            0 => a.saturating_mul(100),
            1 => a.saturating_mul(10),
            2 => a,
            e => a / 10i64.pow(e - 2),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("rule {id}: bad regex `{pattern}`: {message}")]
    BadRegex {
        id: i64,
        pattern: String,
        message: String,
    },
    #[error("the rules' regexes are too large together: {0}")]
    TooLarge(String),
    #[error("cannot build the rules' matcher: {0}")]
    Literal(String),
}

/// Rules compiled for matching.
pub struct RuleSet {
    rules: Vec<Rule>,
    /// Position of each rule in the order of precedence (0 = wins).
    rank: Vec<u32>,
    literals: Option<AhoCorasick>,
    literal_rules: Vec<usize>,
    regexes: Option<RegexSet>,
    regex_rules: Vec<usize>,
    /// The best rank of any regex rule: when a rule ranked better already matched, the
    /// regexes need not run.
    best_regex_rank: u32,
    merchants: HashMap<String, Vec<usize>>,
}

impl RuleSet {
    pub fn compile(rules: Vec<Rule>) -> Result<RuleSet, RuleError> {
        let mut literal_patterns = vec![];
        let mut literal_rules = vec![];
        let mut regex_patterns = vec![];
        let mut regex_rules = vec![];
        let mut merchants: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            match r.kind {
                MatchKind::Substring | MatchKind::Word => {
                    literal_patterns.push(r.pattern.to_lowercase());
                    literal_rules.push(i);
                }
                MatchKind::Regex => {
                    // Checked alone first, so that a bad one is named.
                    regex::RegexBuilder::new(&r.pattern)
                        .case_insensitive(true)
                        .build()
                        .map_err(|e| RuleError::BadRegex {
                            id: r.id,
                            pattern: r.pattern.clone(),
                            message: e.to_string(),
                        })?;
                    regex_patterns.push(r.pattern.clone());
                    regex_rules.push(i);
                }
                MatchKind::Merchant => merchants
                    .entry(r.pattern.to_lowercase())
                    .or_default()
                    .push(i),
            }
        }
        let literals = if literal_patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(AcMatchKind::Standard)
                    .build(&literal_patterns)
                    .map_err(|e| RuleError::Literal(e.to_string()))?,
            )
        };
        let regexes = if regex_patterns.is_empty() {
            None
        } else {
            Some(
                RegexSetBuilder::new(&regex_patterns)
                    .case_insensitive(true)
                    .size_limit(64 << 20)
                    .build()
                    .map_err(|e| RuleError::TooLarge(e.to_string()))?,
            )
        };
        let mut order: Vec<usize> = (0..rules.len()).collect();
        order.sort_by_key(|&i| {
            let r = &rules[i];
            let conditions = u32::from(r.amount_min.is_some())
                + u32::from(r.amount_max.is_some())
                + u32::from(r.direction.is_some())
                + u32::from(r.account_id.is_some());
            (
                std::cmp::Reverse(r.priority),
                std::cmp::Reverse(r.origin == Origin::Correction),
                std::cmp::Reverse(r.kind.specificity()),
                std::cmp::Reverse(conditions),
                std::cmp::Reverse(r.pattern.len()),
                std::cmp::Reverse(r.id),
            )
        });
        let mut rank = vec![0u32; rules.len()];
        for (pos, &i) in order.iter().enumerate() {
            rank[i] = pos as u32;
        }
        let best_regex_rank = regex_rules
            .iter()
            .map(|&i| rank[i])
            .min()
            .unwrap_or(u32::MAX);
        Ok(RuleSet {
            rules,
            rank,
            best_regex_rank,
            literals,
            literal_rules,
            regexes,
            regex_rules,
            merchants,
        })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Every rule that matches, best first.
    pub fn matching(&self, s: &Subject<'_>) -> Vec<&Rule> {
        let mut hits: Vec<usize> = vec![];
        self.each_match(s, |i| hits.push(i));
        hits.sort_by_key(|&i| self.rank[i]);
        hits.dedup();
        hits.into_iter().map(|i| &self.rules[i]).collect()
    }

    /// The rule that wins, if any matches.
    pub fn best(&self, s: &Subject<'_>) -> Option<&Rule> {
        let best = std::cell::Cell::new(None::<usize>);
        let mut take = |i: usize| {
            if best.get().is_none_or(|b| self.rank[i] < self.rank[b]) {
                best.set(Some(i));
            }
        };
        self.literal_and_merchant_matches(s, &mut take);
        if best
            .get()
            .is_none_or(|b| self.rank[b] > self.best_regex_rank)
        {
            self.regex_matches(s, &mut take);
        }
        best.get().map(|i| &self.rules[i])
    }

    fn each_match(&self, s: &Subject<'_>, mut hit: impl FnMut(usize)) {
        self.literal_and_merchant_matches(s, &mut hit);
        self.regex_matches(s, &mut hit);
    }

    /// Literal and merchant rules that match and whose conditions hold.
    fn literal_and_merchant_matches(&self, s: &Subject<'_>, hit: &mut impl FnMut(usize)) {
        if let Some(list) = self.merchants.get(s.merchant_key) {
            for &i in list {
                if self.conditions_hold(&self.rules[i], s) {
                    hit(i);
                }
            }
        }
        if let Some(ac) = &self.literals {
            let text = s.description.as_bytes();
            for m in ac.find_overlapping_iter(s.description) {
                let i = self.literal_rules[m.pattern().as_usize()];
                if self.rules[i].kind == MatchKind::Word {
                    let before = m.start().checked_sub(1).map(|j| text[j]);
                    let after = text.get(m.end()).copied();
                    let boundary = |b: Option<u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
                    if !boundary(before) || !boundary(after) {
                        continue;
                    }
                }
                if self.conditions_hold(&self.rules[i], s) {
                    hit(i);
                }
            }
        }
    }

    /// Regex rules that match and whose conditions hold.
    fn regex_matches(&self, s: &Subject<'_>, hit: &mut impl FnMut(usize)) {
        if let Some(set) = &self.regexes {
            for k in set.matches(s.description).iter() {
                let i = self.regex_rules[k];
                if self.conditions_hold(&self.rules[i], s) {
                    hit(i);
                }
            }
        }
    }

    fn conditions_hold(&self, r: &Rule, s: &Subject<'_>) -> bool {
        let cents = s.cents();
        r.amount_min.is_none_or(|m| cents >= m)
            && r.amount_max.is_none_or(|m| cents <= m)
            && r.direction.is_none_or(|d| d == Direction::of(s.amount))
            && r.account_id.is_none_or(|a| a == s.account_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: i64, pattern: &str, kind: MatchKind, category: &str) -> Rule {
        Rule {
            id,
            ..Rule::new(pattern, kind, id, category)
        }
    }

    fn subject<'a>(description: &'a str, merchant_key: &'a str, amount: i64) -> Subject<'a> {
        Subject {
            description,
            merchant_key,
            amount,
            exponent: 2,
            account_id: 1,
        }
    }

    #[test]
    fn kinds_match_as_they_say() {
        let set = RuleSet::compile(vec![
            rule(1, "coffee", MatchKind::Substring, "Dining"),
            rule(2, "bp", MatchKind::Word, "Fuel"),
            rule(3, r"^uber\s+\*?trip", MatchKind::Regex, "Transport"),
            rule(4, "tesco", MatchKind::Merchant, "Groceries"),
        ])
        .unwrap();
        let best = |d, m| set.best(&subject(d, m, -100)).map(|r| r.id);
        assert_eq!(best("BLUE BOTTLE COFFEE", "blue bottle coffee"), Some(1));
        assert_eq!(best("COFFEEHOUSE", "coffeehouse"), Some(1));
        assert_eq!(best("BP 8812 LEEDS", "bp"), Some(2));
        assert_eq!(
            best("BPXL SHOP", "bpxl shop"),
            None,
            "a word rule is not a substring"
        );
        assert_eq!(best("Uber *Trip help.uber.com", "uber"), Some(3));
        assert_eq!(best("TESCO STORES 2231", "tesco"), Some(4));
        assert_eq!(
            best("TESCO EXPRESS", "tesco express"),
            None,
            "merchant rules are exact"
        );
    }

    #[test]
    fn priority_then_corrections_then_specificity_decide() {
        let mut shopping = rule(1, "amazon", MatchKind::Substring, "Shopping");
        let mut prime = rule(2, "amazon prime", MatchKind::Merchant, "Subscriptions");
        let set = RuleSet::compile(vec![shopping.clone(), prime.clone()]).unwrap();
        let s = subject("AMAZON PRIME*2K4L0", "amazon prime", -799);
        assert_eq!(set.best(&s).unwrap().id, 2, "more specific wins");
        shopping.priority = 10;
        let set = RuleSet::compile(vec![shopping.clone(), prime.clone()]).unwrap();
        assert_eq!(set.best(&s).unwrap().id, 1, "higher priority wins");
        prime.priority = 10;
        prime.origin = Origin::Correction;
        let set = RuleSet::compile(vec![shopping, prime]).unwrap();
        assert_eq!(
            set.best(&s).unwrap().id,
            2,
            "a correction wins at equal priority"
        );
        assert_eq!(set.matching(&s).len(), 2);
    }

    #[test]
    fn conditions_on_amount_direction_and_account() {
        let mut big = rule(1, "amazon", MatchKind::Substring, "Home");
        big.amount_min = Some(10_000);
        let mut refund = rule(2, "amazon", MatchKind::Substring, "Shopping");
        refund.direction = Some(Direction::In);
        let mut joint = rule(3, "amazon", MatchKind::Substring, "Gifts/Donations");
        joint.account_id = Some(7);
        let set = RuleSet::compile(vec![big, refund, joint]).unwrap();
        let ids = |amount: i64, exponent: u32, account_id: i64| -> Vec<i64> {
            let s = Subject {
                description: "AMAZON",
                merchant_key: "amazon",
                amount,
                exponent,
                account_id,
            };
            set.matching(&s).iter().map(|r| r.id).collect()
        };
        assert_eq!(ids(-15_000, 2, 1), vec![1]);
        assert_eq!(ids(-5_000, 2, 1), Vec::<i64>::new());
        assert_eq!(ids(2_000, 2, 1), vec![2]);
        assert_eq!(ids(-150, 0, 1), vec![1], "150 JPY is 15000 hundredths");
        assert_eq!(ids(-5_000, 2, 7), vec![3]);
    }

    #[test]
    fn a_bad_regex_is_named() {
        let err = RuleSet::compile(vec![rule(9, "(unclosed", MatchKind::Regex, "X")])
            .err()
            .unwrap();
        assert!(err.to_string().contains("rule 9"), "{err}");
    }

    #[test]
    fn a_regex_rule_wins_when_it_ranks_first_and_is_skipped_when_it_cannot() {
        let with = |regex_priority: i64| {
            RuleSet::compile(vec![
                Rule {
                    priority: 5,
                    ..rule(1, "roastery", MatchKind::Substring, "Dining")
                },
                Rule {
                    priority: regex_priority,
                    ..rule(2, r"coffee\s+beans", MatchKind::Regex, "Groceries")
                },
            ])
            .unwrap()
        };
        let s = subject("COFFEE BEANS ROASTERY", "coffee beans roastery", -900);
        assert_eq!(with(10).best(&s).unwrap().id, 2);
        assert_eq!(with(0).best(&s).unwrap().id, 1);
        assert_eq!(with(0).matching(&s).len(), 2);
        let only_regex = subject("COFFEE  BEANS 4411", "coffee beans", -900);
        assert_eq!(with(0).best(&only_regex).unwrap().id, 2);
    }
}
