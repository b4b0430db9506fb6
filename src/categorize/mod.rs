//! Categorization: the user's rules, then a model learned from the user's own history,
//! then a built-in lexicon of well-known merchants. Each tier says which category, why
//! (the source and, for rules, the rule) and how sure it is.

pub mod apply;
pub mod lexicon;
pub mod merchant;
pub mod model;
pub mod review;
pub mod rules;

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::ledger::catalog;
use lexicon::{Keywords, Lexicon};
use model::{Example, Model};
use rules::{RuleSet, Subject};

/// Who chose a transaction's category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Manual,
    Rule,
    Learned,
    Lexicon,
    Ai,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Manual => "manual",
            Source::Rule => "rule",
            Source::Learned => "learned",
            Source::Lexicon => "lexicon",
            Source::Ai => "ai",
        }
    }
}

/// A tier's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub category_id: i64,
    pub source: Source,
    pub rule_id: Option<i64>,
    pub confidence: f64,
}

/// How sure the lexicon is of a well-known merchant.
const LEXICON_CONFIDENCE: f64 = 0.9;
/// How sure a trade word or memo word anywhere in the line makes it.
const KEYWORD_CONFIDENCE: f64 = 0.75;
/// How sure transfer wording alone makes it.
const WEAK_KEYWORD_CONFIDENCE: f64 = 0.55;

/// Everything needed to categorize, loaded once per run.
pub struct Categorizer {
    pub rules: RuleSet,
    pub model: Model,
    lexicon: &'static Lexicon,
    keywords: &'static Keywords,
    /// Lexicon category names to this ledger's category ids (renamed or removed
    /// categories simply drop out).
    lexicon_ids: HashMap<String, i64>,
    /// The model abstains below this confidence.
    pub threshold: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum CategorizeError {
    #[error(transparent)]
    Rules(#[from] rules::RuleError),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

impl Categorizer {
    /// Loads rules and categories and trains the model on transactions categorized by hand
    /// or by rules (never on the model's or lexicon's own guesses).
    pub fn load(conn: &Connection, threshold: f64) -> Result<Categorizer, CategorizeError> {
        let rules = RuleSet::compile(catalog::rules(conn)?)?;
        let categories = catalog::category_names(conn)?;
        let mut stmt = conn.prepare(
            "SELECT merchant_key, outflow, category_id, source, count FROM merchant_stats",
        )?;
        let rows: Vec<(String, bool, i64, String, i64)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        let model = Model::train(
            rows.iter()
                .map(|(key, outflow, cat, source, count)| Example {
                    merchant_key: key,
                    amount: if *outflow { -1 } else { 1 },
                    category_id: *cat,
                    weight: *count as f32,
                    corrected: source == "manual",
                }),
        );
        Ok(Categorizer::new(rules, model, &categories, threshold))
    }

    /// A categorizer from compiled rules, a trained model and the ledger's categories
    /// (id, name).
    pub fn new(
        rules: RuleSet,
        mut model: Model,
        categories: &[(i64, String)],
        threshold: f64,
    ) -> Categorizer {
        let lexicon = Lexicon::builtin();
        model.add_vocabulary(lexicon.keys());
        Categorizer {
            rules,
            model,
            lexicon,
            keywords: Keywords::builtin(),
            lexicon_ids: categories
                .iter()
                .map(|(id, name)| (name.to_lowercase(), *id))
                .collect(),
            threshold,
        }
    }

    /// The first tier that answers: rules, then the model's memory of merchants the user
    /// corrected, then the surest of the model's guess (when sure enough), the merchant
    /// lexicon and the keywords anywhere in the line (each with its confidence; on a tie
    /// the earlier tier wins).
    pub fn decide(&self, s: &Subject<'_>) -> Option<Decision> {
        if let Some(rule) = self.rules.best(s) {
            return Some(Decision {
                category_id: rule.category_id,
                source: Source::Rule,
                rule_id: Some(rule.id),
                confidence: 1.0,
            });
        }
        let (learned, corrected) = self.learned_why(s);
        if corrected {
            return learned;
        }
        // Otherwise the surest of the model, the merchant lexicon and the keywords (each
        // looked at only when it could beat what is there).
        let surest = |a: Option<Decision>, b: Option<Decision>| match (a, b) {
            (Some(a), Some(b)) => Some(if b.confidence > a.confidence { b } else { a }),
            (a, b) => a.or(b),
        };
        let best = if learned
            .as_ref()
            .is_some_and(|d| d.confidence >= LEXICON_CONFIDENCE)
        {
            learned
        } else {
            surest(learned, self.from_lexicon(s.merchant_key, s.amount))
        };
        if best
            .as_ref()
            .is_some_and(|d| d.confidence >= KEYWORD_CONFIDENCE)
        {
            return best;
        }
        surest(best, self.from_keywords(s.description, s.amount))
    }

    pub fn learned(&self, s: &Subject<'_>) -> Option<Decision> {
        self.learned_why(s).0
    }

    /// The model's answer when sure enough, and whether it rests on a correction.
    fn learned_why(&self, s: &Subject<'_>) -> (Option<Decision>, bool) {
        let Some((category_id, confidence, corrected)) =
            self.model.predict_why(s.merchant_key, s.amount)
        else {
            return (None, false);
        };
        let d = (confidence >= self.threshold).then_some(Decision {
            category_id,
            source: Source::Learned,
            rule_id: None,
            confidence,
        });
        (d, corrected)
    }

    /// Trade and memo words anywhere in the description. Income words say nothing about
    /// money going out.
    pub fn from_keywords(&self, description: &str, amount: i64) -> Option<Decision> {
        let m = self.keywords.lookup(&merchant::words(description))?;
        if m.category == "Income" && amount < 0 {
            return None;
        }
        Some(Decision {
            category_id: *self.lexicon_ids.get(&m.category.to_lowercase())?,
            source: Source::Lexicon,
            rule_id: None,
            confidence: if m.weak {
                WEAK_KEYWORD_CONFIDENCE
            } else {
                KEYWORD_CONFIDENCE
            },
        })
    }

    /// The lexicon's entry for the merchant. Income entries (employers, benefits) say
    /// nothing about money going out: that is a repayment or a tax payment.
    pub fn from_lexicon(&self, merchant_key: &str, amount: i64) -> Option<Decision> {
        let name = self.lexicon.lookup(merchant_key)?;
        if name == "Income" && amount < 0 {
            return None;
        }
        Some(Decision {
            category_id: *self.lexicon_ids.get(&name.to_lowercase())?,
            source: Source::Lexicon,
            rule_id: None,
            confidence: LEXICON_CONFIDENCE,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_says_income_only_for_money_coming_in() {
        let categories = [(1, "Income".to_string()), (2, "Groceries".to_string())];
        let c = Categorizer::new(
            RuleSet::compile(vec![]).unwrap(),
            Model::default(),
            &categories,
            0.6,
        );
        let decide = |description: &str, amount: i64| {
            c.decide(&Subject {
                description,
                merchant_key: &merchant::merchant_key(description),
                amount,
                exponent: 2,
                account_id: 1,
            })
            .map(|d| d.category_id)
        };
        assert_eq!(decide("PAYROLL ACME CORP", 250_000), Some(1));
        assert_eq!(decide("PAYROLL ACME CORP", -250_000), None);
        assert_eq!(decide("LIDL 1234", -2_000), Some(2));
    }
}
