//! The built-in lexicon: well-known merchants and banks' own wording, by merchant key.
//!
//! `lexicon.tsv` holds `KEY<TAB>CATEGORY` lines. A key matches a merchant key whose
//! leading words are the key's words: `uber` matches `uber trip`, `uber eats` matches
//! `uber eats amsterdam` and wins there for being longer; nothing matches inside a word.
//!
//! `keywords.tsv` holds trade words and payment wording (`pharmacy`, `huur`, `tuition`,
//! `zelle`) matched as whole words anywhere in a line: the tier after the merchant
//! lexicon, for the local merchants no list can name.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

const DATA: &str = include_str!("lexicon.tsv");
const KEYWORDS: &str = include_str!("keywords.tsv");

pub struct Lexicon {
    map: HashMap<&'static str, &'static str>,
    longest: usize,
}

impl Lexicon {
    /// The lexicon built into the binary, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(DATA))
    }

    fn parse(data: &'static str) -> Lexicon {
        let mut map = HashMap::new();
        let mut longest = 0;
        for line in data.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((key, category)) = line.split_once('\t') {
                longest = longest.max(key.split(' ').count());
                map.insert(key, category.trim());
            }
        }
        Lexicon { map, longest }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.map.keys().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The category name for a merchant key, by its longest matching leading words.
    pub fn lookup(&self, merchant_key: &str) -> Option<&'static str> {
        let words: Vec<usize> = std::iter::once(0)
            .chain(merchant_key.match_indices(' ').map(|(i, _)| i))
            .collect();
        let n = words.len().min(self.longest);
        for k in (1..=n).rev() {
            let end = words.get(k).copied().unwrap_or(merchant_key.len());
            if let Some(c) = self.map.get(&merchant_key[..end]) {
                return Some(c);
            }
        }
        None
    }
}

/// What a keyword says about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeywordMatch {
    pub category: &'static str,
    /// Only a kind of payment (a transfer), said when nothing stronger is.
    pub weak: bool,
}

/// Keywords matched anywhere in a line (see `keywords.tsv`).
pub struct Keywords {
    phrases: HashMap<&'static str, KeywordMatch>,
    /// `word*` and `*word` stems: (stem, is prefix, category).
    stems: Vec<(&'static str, bool, KeywordMatch)>,
    longest: usize,
}

impl Keywords {
    pub fn builtin() -> &'static Keywords {
        static KW: OnceLock<Keywords> = OnceLock::new();
        KW.get_or_init(|| Keywords::parse(KEYWORDS))
    }

    fn parse(data: &'static str) -> Keywords {
        let mut kw = Keywords {
            phrases: HashMap::new(),
            stems: vec![],
            longest: 0,
        };
        for line in data.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(phrase), Some(category)) = (fields.next(), fields.next()) else {
                continue;
            };
            let m = KeywordMatch {
                category: category.trim(),
                weak: fields.next().is_some_and(|f| f.trim() == "weak"),
            };
            if let Some(stem) = phrase.strip_suffix('*') {
                kw.stems.push((stem, true, m));
            } else if let Some(stem) = phrase.strip_prefix('*') {
                kw.stems.push((stem, false, m));
            } else {
                kw.longest = kw.longest.max(phrase.split(' ').count());
                kw.phrases.insert(phrase, m);
            }
        }
        kw
    }

    /// The category that the words of `line` (as `merchant::words` gives them) point to.
    /// The longest phrase wins; phrases of equal length that disagree give no answer, and
    /// a weak match counts only when there is no other.
    pub fn lookup(&self, line: &str) -> Option<KeywordMatch> {
        let bounds: Vec<(usize, usize)> = line
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, start + w.len()))
            })
            .filter(|(a, b)| b > a)
            .collect();
        // (words in the phrase, match) for the best so far; None inside = a tie.
        let mut best: Option<(usize, Option<KeywordMatch>)> = None;
        let mut weak = None;
        let mut consider = |len: usize, m: KeywordMatch| {
            if m.weak {
                weak.get_or_insert(m);
                return;
            }
            best = match best {
                Some((l, _)) if l > len => best,
                Some((l, Some(b))) if l == len && b.category == m.category => best,
                Some((l, _)) if l == len => Some((l, None)),
                _ => Some((len, Some(m))),
            };
        };
        for i in 0..bounds.len() {
            for len in 1..=self.longest.min(bounds.len() - i) {
                let phrase = &line[bounds[i].0..bounds[i + len - 1].1];
                if let Some(m) = self.phrases.get(phrase) {
                    consider(len, *m);
                }
            }
            let word = &line[bounds[i].0..bounds[i].1];
            for (stem, prefix, m) in &self.stems {
                let hit = if *prefix {
                    word.starts_with(stem)
                } else {
                    word.ends_with(stem)
                };
                if hit && word.len() > stem.len() {
                    consider(1, *m);
                }
            }
        }
        match best {
            Some((_, answer)) => answer,
            None => weak,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_leading_words_win_and_words_are_whole() {
        let lex = Lexicon::parse("# test\nuber\tTransport\nuber eats\tDining\nshell\tFuel\n");
        assert_eq!(lex.lookup("uber"), Some("Transport"));
        assert_eq!(lex.lookup("uber trip"), Some("Transport"));
        assert_eq!(lex.lookup("uber eats amsterdam"), Some("Dining"));
        assert_eq!(lex.lookup("shellfish shack"), None);
        assert_eq!(lex.lookup("the shell"), None);
        assert_eq!(lex.lookup(""), None);
    }

    #[test]
    fn keywords_match_whole_words_anywhere_and_the_longest_wins() {
        let kw = Keywords::parse(
            "rent\tRent/Mortgage\nrent a car\tTravel\ntransfer\tTransfers\tweak\n\
             *apotheke\tHealth\nzahnarzt*\tHealth\nschool\tEducation\nbus\tTransport\n",
        );
        let cat = |line: &str| kw.lookup(line).map(|m| (m.category, m.weak));
        assert_eq!(
            cat("transfer to p pike rent aug"),
            Some(("Rent/Mortgage", false))
        );
        assert_eq!(cat("transfer to p pike"), Some(("Transfers", true)));
        assert_eq!(cat("hertz rent a car madrid"), Some(("Travel", false)));
        assert_eq!(cat("rental cars ltd"), None, "whole words only");
        assert_eq!(
            cat("stadt apotheke"),
            None,
            "a stem matches inside a word only"
        );
        assert_eq!(cat("stadtapotheke koeln"), Some(("Health", false)));
        assert_eq!(cat("zahnarztpraxis dr weber"), Some(("Health", false)));
        assert_eq!(
            cat("school bus"),
            None,
            "equal phrases that disagree say nothing"
        );
        assert_eq!(cat(""), None);
    }

    #[test]
    fn the_builtin_lexicon_is_well_formed() {
        const CATEGORIES: &[&str] = &[
            "Groceries",
            "Dining",
            "Transport",
            "Fuel",
            "Utilities",
            "Rent/Mortgage",
            "Income",
            "Subscriptions",
            "Shopping",
            "Health",
            "Travel",
            "Entertainment",
            "Education",
            "Insurance",
            "Fees",
            "Cash",
            "Transfers",
            "Gifts/Donations",
            "Personal Care",
            "Home",
        ];
        for (n, line) in KEYWORDS.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(
                matches!(fields.len(), 2 | 3) && CATEGORIES.contains(&fields[1]),
                "keywords.tsv:{}: {line}",
                n + 1
            );
            assert!(
                fields.len() == 2 || fields[2] == "weak",
                "keywords.tsv:{}",
                n + 1
            );
            let phrase = fields[0].trim_matches('*');
            assert!(
                phrase.split(' ').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "keywords.tsv:{}: `{}`",
                n + 1,
                fields[0]
            );
            assert!(
                phrase.len() == fields[0].len() || (phrase.len() >= 6 && !phrase.contains(' ')),
                "keywords.tsv:{}: stems are single words of six letters or more",
                n + 1
            );
        }
        let mut seen = std::collections::HashSet::new();
        let mut entries = 0;
        for (n, line) in DATA.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, category) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("lexicon.tsv:{}: no tab", n + 1));
            assert!(
                CATEGORIES.contains(&category),
                "lexicon.tsv:{}: {category}",
                n + 1
            );
            assert!(
                !key.is_empty()
                    && key.split(' ').all(|w| !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "lexicon.tsv:{}: key `{key}`",
                n + 1
            );
            assert!(seen.insert(key), "lexicon.tsv:{}: duplicate `{key}`", n + 1);
            entries += 1;
        }
        assert_eq!(Lexicon::builtin().len(), entries);
    }

    /// Every merchant of the lexicon is reached from a realistic statement line through
    /// merchant normalization: a change to either that breaks one shows here.
    #[test]
    fn statement_lines_of_lexicon_merchants_find_their_entry() {
        let lex = Lexicon::builtin();
        let mut wrong = vec![];
        let mut total = 0;
        for line in include_str!("../../fixtures/lexicon/examples.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (descriptor, category) = line.split_once('\t').expect("two fields");
            total += 1;
            let key = crate::categorize::merchant::merchant_key(descriptor);
            let got = lex.lookup(&key);
            if got != Some(category) {
                wrong.push(format!(
                    "{descriptor} -> `{key}` -> {got:?}, not {category}"
                ));
            }
        }
        assert!(total > 3000, "{total} examples");
        assert!(
            wrong.is_empty(),
            "{} of {total}:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }
}
