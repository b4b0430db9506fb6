//! Applying categorization to transactions already in the ledger: re-running the
//! pipeline, and corrections that become rules.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::rules::{Origin, Rule, Subject};
use super::{CategorizeError, Categorizer};
use crate::ledger::catalog;
use crate::money;

/// Which transactions a re-run looks at. Hand-set categories are never touched.
#[derive(Debug, Clone)]
pub enum Scope {
    /// Only transactions without a category.
    Uncategorized,
    /// Every transaction not categorized by hand.
    All,
    /// Transactions of these merchant keys not categorized by hand.
    Merchants(Vec<String>),
    /// One transaction, unless categorized by hand.
    Transaction(i64),
}

/// One transaction whose category changed (or would).
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub id: i64,
    pub date: String,
    pub description: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub source: Option<&'static str>,
}

/// Re-runs the pipeline over `scope` and writes what changed, unless `dry_run`.
pub fn recategorize(
    conn: &Connection,
    categorizer: &Categorizer,
    scope: &Scope,
    dry_run: bool,
) -> Result<Vec<Change>, CategorizeError> {
    let names: std::collections::HashMap<i64, String> =
        catalog::category_names(conn)?.into_iter().collect();
    let (filter, arg) = match scope {
        Scope::Uncategorized => ("t.category_id IS NULL", None),
        Scope::All => (
            "(t.category_source IS NULL OR t.category_source != 'manual')",
            None,
        ),
        Scope::Merchants(keys) => (
            "t.merchant_key IN (SELECT value FROM json_each(?1))
             AND (t.category_source IS NULL OR t.category_source != 'manual')",
            Some(rusqlite::types::Value::from(
                serde_json::to_string(keys).expect("strings serialize"),
            )),
        ),
        Scope::Transaction(id) => (
            "t.id = ?1 AND (t.category_source IS NULL OR t.category_source != 'manual')",
            Some(rusqlite::types::Value::from(*id)),
        ),
    };
    let sql = format!(
        "SELECT t.id, t.date, t.description, t.merchant_key, t.amount, t.currency, t.account_id,
                t.category_id, t.category_source, t.rule_id
         FROM transactions t WHERE {filter}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = match &arg {
        Some(a) => stmt.query([a])?,
        None => stmt.query([])?,
    };
    let mut changes = vec![];
    let mut updates: Vec<(i64, Option<super::Decision>)> = vec![];
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let description: String = r.get(2)?;
        let key: String = r.get(3)?;
        let amount: i64 = r.get(4)?;
        let currency: String = r.get(5)?;
        let account_id: i64 = r.get(6)?;
        let old: Option<i64> = r.get(7)?;
        let old_source: Option<String> = r.get(8)?;
        let old_rule: Option<i64> = r.get(9)?;
        let decision = categorizer.decide(&Subject {
            description: &description,
            merchant_key: &key,
            amount,
            exponent: money::exponent(&currency).unwrap_or(2),
            account_id,
        });
        let new = decision.as_ref().map(|d| d.category_id);
        let new_source = decision.as_ref().map(|d| d.source.as_str());
        let new_rule = decision.as_ref().and_then(|d| d.rule_id);
        if new == old && new_source == old_source.as_deref() && new_rule == old_rule {
            continue;
        }
        // Do not take away a category for want of a better one: a run that finds nothing
        // leaves an earlier automatic answer alone.
        if new.is_none() && old.is_some() && !matches!(old_source.as_deref(), Some("rule")) {
            continue;
        }
        if new != old {
            changes.push(Change {
                id,
                date: r.get(1)?,
                description,
                from: old.and_then(|c| names.get(&c).cloned()),
                to: new.and_then(|c| names.get(&c).cloned()),
                source: new_source,
            });
        }
        updates.push((id, decision));
    }
    drop(rows);
    drop(stmt);
    if !dry_run {
        let mut up = conn.prepare(
            "UPDATE transactions SET category_id = ?2, category_source = ?3, rule_id = ?4,
                 confidence = ?5 WHERE id = ?1",
        )?;
        for (id, d) in &updates {
            up.execute(params![
                id,
                d.as_ref().map(|d| d.category_id),
                d.as_ref().map(|d| d.source.as_str()),
                d.as_ref().and_then(|d| d.rule_id),
                d.as_ref().map(|d| d.confidence),
            ])?;
        }
    }
    Ok(changes)
}

/// What a correction did.
#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    pub id: i64,
    pub category: String,
    /// The rule made or updated on the transaction's merchant key, if any.
    pub rule_id: Option<i64>,
    pub merchant_key: String,
    /// Other transactions of the merchant that changed category.
    pub also_changed: usize,
    /// Transactions of the merchant's other spellings as they were before: id, category,
    /// source, rule, confidence (for an exact undo).
    #[serde(skip)]
    pub others_before: Vec<Categorized>,
}

/// A transaction's category as stored: id, category, source, rule, confidence.
pub type Categorized = (i64, Option<i64>, Option<String>, Option<i64>, Option<f64>);

#[derive(Debug, thiserror::Error)]
pub enum CorrectionError {
    #[error("there is no transaction {0}")]
    NoTransaction(i64),
    #[error("there is no category `{0}`; `smartspend categories list` shows them")]
    NoCategory(String),
    #[error(transparent)]
    Categorize(#[from] CategorizeError),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// A user's correction: the transaction gets the category by hand, and (unless
/// `no_rule`) a rule on its merchant key makes every other transaction of that merchant
/// not set by hand follow, now and in every later import.
pub fn correct(
    conn: &Connection,
    id: i64,
    category: &str,
    no_rule: bool,
    min_confidence: f64,
) -> Result<Correction, CorrectionError> {
    let category_id = catalog::category_id(conn, category)?
        .ok_or_else(|| CorrectionError::NoCategory(category.into()))?;
    let category = catalog::category_names(conn)?
        .into_iter()
        .find(|(i, _)| *i == category_id)
        .map(|(_, n)| n)
        .unwrap_or_else(|| category.into());
    let key: String = conn
        .query_row(
            "SELECT merchant_key FROM transactions WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(CorrectionError::NoTransaction(id))?;
    conn.execute(
        "UPDATE transactions SET category_id = ?2, category_source = 'manual', rule_id = NULL,
             confidence = 1.0 WHERE id = ?1",
        params![id, category_id],
    )?;
    let mut rule_id = None;
    let mut also_changed = 0;
    let mut others_before = vec![];
    if !no_rule && !key.is_empty() {
        let existing: Option<i64> = conn
            .query_row(
                "SELECT id FROM rules WHERE match_kind = 'merchant' AND pattern = ?1
                     AND origin = 'correction' AND amount_min IS NULL AND amount_max IS NULL
                     AND direction IS NULL AND account_id IS NULL
                 ORDER BY id DESC LIMIT 1",
                [&key],
                |r| r.get(0),
            )
            .optional()?;
        rule_id = Some(match existing {
            Some(rid) => {
                conn.execute(
                    "UPDATE rules SET category_id = ?2 WHERE id = ?1",
                    params![rid, category_id],
                )?;
                rid
            }
            None => catalog::insert_rule(
                conn,
                &Rule {
                    origin: Origin::Correction,
                    ..Rule::new(
                        &key,
                        super::rules::MatchKind::Merchant,
                        category_id,
                        &category,
                    )
                },
            )?,
        });
        // The merchant's other spellings (`PURE GYM GLASGOW`, `PUREGYM (Apple Pay)`)
        // follow too, unless a rule of their own says otherwise.
        let categorizer = Categorizer::load(conn, min_confidence)?;
        let mut stmt = conn.prepare(
            "SELECT DISTINCT merchant_key FROM transactions
             WHERE merchant_key != ?1 AND merchant_key != ''
               AND (category_source IS NULL OR category_source != 'manual')",
        )?;
        let mut others: Vec<String> = stmt
            .query_map([&key], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        others.retain(|k| categorizer.model.corrected_spelling(k) == Some(key.as_str()));
        if !others.is_empty() {
            let mut state = conn.prepare(
                "SELECT id, category_id, category_source, rule_id, confidence FROM transactions
                 WHERE merchant_key IN (SELECT value FROM json_each(?1))
                   AND (category_source IS NULL OR category_source != 'manual')",
            )?;
            others_before = state
                .query_map(
                    [serde_json::to_string(&others).expect("strings serialize")],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )?
                .collect::<Result<_, _>>()?;
        }
        let mut keys = others;
        keys.push(key.clone());
        also_changed = recategorize(conn, &categorizer, &Scope::Merchants(keys), false)?.len();
    }
    Ok(Correction {
        id,
        category,
        rule_id,
        merchant_key: key,
        also_changed,
        others_before,
    })
}
