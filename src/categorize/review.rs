//! What `smartspend review` asks about, and answers that can be taken back.
//!
//! Transactions that need a human (no category, or one the tiers were not sure of) are
//! grouped by merchant key, largest groups first. An answer is a correction of the
//! group's first transaction, whose rule then moves the rest of the merchant; `undo`
//! puts back exactly what the answer changed.

use rusqlite::{Connection, params};

use super::apply::{self, CorrectionError};
use super::rules::Subject;
use super::{Categorizer, Decision};
use crate::money;

/// Which transactions to look at.
#[derive(Debug, Clone, Default)]
pub struct ReviewFilter {
    pub account_id: Option<i64>,
    /// `YYYY-MM-DD`, both included.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// One merchant's transactions that need a human.
#[derive(Debug, Clone)]
pub struct Group {
    pub merchant_key: String,
    /// Newest first.
    pub ids: Vec<i64>,
    /// Total per currency, minor units.
    pub totals: Vec<(String, i64)>,
    /// A few (date, amount, currency, description), newest first.
    pub examples: Vec<(String, String, String, String)>,
    /// What the group has now (category id, source, confidence), if anything.
    pub current: Option<(i64, String, f64)>,
    /// One transaction's data, for asking the tiers again.
    pub sample: (String, i64, String, i64),
}

const EXAMPLES: usize = 3;

/// The groups that need a human: transactions without a category, and those an
/// automatic tier gave with less than `threshold` confidence. Never a hand-set or
/// rule-set one. Largest groups first.
pub fn groups(
    conn: &Connection,
    filter: &ReviewFilter,
    threshold: f64,
) -> rusqlite::Result<Vec<Group>> {
    let mut stmt = conn.prepare(
        "SELECT id, merchant_key, date, amount, currency, description, account_id,
                category_id, category_source, confidence
         FROM transactions
         WHERE (category_id IS NULL
                OR (category_source NOT IN ('manual', 'rule') AND coalesce(confidence, 0) < ?1))
           AND (?2 IS NULL OR account_id = ?2)
           AND (?3 IS NULL OR date >= ?3)
           AND (?4 IS NULL OR date <= ?4)
         ORDER BY merchant_key, date DESC, id DESC",
    )?;
    let mut rows = stmt.query(params![
        threshold,
        filter.account_id,
        filter.from,
        filter.to
    ])?;
    let mut groups: Vec<Group> = vec![];
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let key: String = r.get(1)?;
        let date: String = r.get(2)?;
        let amount: i64 = r.get(3)?;
        let currency: String = r.get(4)?;
        let description: String = r.get(5)?;
        let account_id: i64 = r.get(6)?;
        let category: Option<i64> = r.get(7)?;
        let source: Option<String> = r.get(8)?;
        let confidence: Option<f64> = r.get(9)?;
        let new_group = groups.last().is_none_or(|g| g.merchant_key != key);
        if new_group {
            groups.push(Group {
                merchant_key: key,
                ids: vec![],
                totals: vec![],
                examples: vec![],
                current: category
                    .zip(source)
                    .map(|(c, s)| (c, s, confidence.unwrap_or(0.0))),
                sample: (description.clone(), amount, currency.clone(), account_id),
            });
        }
        let g = groups.last_mut().expect("pushed above");
        g.ids.push(id);
        match g.totals.iter_mut().find(|t| t.0 == currency) {
            Some(t) => t.1 += amount,
            None => g.totals.push((currency.clone(), amount)),
        }
        if g.examples.len() < EXAMPLES {
            let exponent = money::exponent(&currency).unwrap_or(2);
            g.examples.push((
                date,
                money::format_minor(amount, exponent),
                currency,
                description,
            ));
        }
    }
    groups.sort_by(|a, b| {
        b.ids.len().cmp(&a.ids.len()).then_with(|| {
            let size = |g: &Group| g.totals.iter().map(|t| t.1.unsigned_abs()).sum::<u64>();
            size(b).cmp(&size(a))
        })
    });
    Ok(groups)
}

/// What the tiers say about a group now (after what was just learned).
pub fn guess(categorizer: &Categorizer, group: &Group) -> Option<Decision> {
    let (description, amount, currency, account_id) = &group.sample;
    categorizer.decide(&Subject {
        description,
        merchant_key: &group.merchant_key,
        amount: *amount,
        exponent: money::exponent(currency).unwrap_or(2),
        account_id: *account_id,
    })
}

/// A transaction's categorization: id, category, source, rule, confidence.
use super::apply::Categorized;

/// What an answer changed, to put back on undo.
#[derive(Debug, Clone)]
pub struct Answer {
    pub category: String,
    /// Transactions of the merchant as they were: id, category, source, rule, confidence.
    before: Vec<Categorized>,
    /// Merchant rules on the key as they were: id, category.
    rules_before: Vec<(i64, i64)>,
    merchant_key: String,
    /// A category made for this answer, removed again on undo.
    pub created_category: Option<i64>,
}

/// Puts `category` on the whole group (a correction, with a rule on the merchant) and
/// returns what it changed. `new_category` makes the category first.
pub fn answer(
    conn: &Connection,
    group: &Group,
    category: &str,
    new_category: bool,
    min_confidence: f64,
) -> Result<Answer, CorrectionError> {
    let key = &group.merchant_key;
    let mut stmt = conn.prepare(
        "SELECT id, category_id, category_source, rule_id, confidence FROM transactions
         WHERE merchant_key = ?1 OR id = ?2",
    )?;
    let mut before: Vec<Categorized> = stmt
        .query_map(params![key, group.ids[0]], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT id, category_id FROM rules WHERE match_kind = 'merchant' AND pattern = ?1",
    )?;
    let rules_before = stmt
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let created_category = if new_category {
        conn.execute("INSERT INTO categories (name) VALUES (?1)", [category])?;
        Some(conn.last_insert_rowid())
    } else {
        None
    };
    let mut done = apply::correct(conn, group.ids[0], category, false, min_confidence)?;
    // Other spellings of the merchant moved with it: the undo puts them back too.
    before.append(&mut done.others_before);
    // A group can hold transactions with no merchant key (nothing but digits): the rule
    // cannot reach them, so each gets the answer by hand.
    if key.is_empty() {
        for id in &group.ids[1..] {
            apply::correct(conn, *id, category, true, min_confidence)?;
        }
    }
    Ok(Answer {
        category: done.category,
        before,
        rules_before,
        merchant_key: key.clone(),
        created_category,
    })
}

/// Takes an answer back: the merchant's transactions and rules as they were before it.
pub fn undo(conn: &Connection, a: &Answer) -> rusqlite::Result<()> {
    let mut restore = conn.prepare(
        "UPDATE transactions SET category_id = ?2, category_source = ?3, rule_id = ?4,
             confidence = ?5 WHERE id = ?1",
    )?;
    for (id, category, source, rule, confidence) in &a.before {
        restore.execute(params![id, category, source, rule, confidence])?;
    }
    let kept: Vec<i64> = a.rules_before.iter().map(|r| r.0).collect();
    let mut stmt =
        conn.prepare("SELECT id FROM rules WHERE match_kind = 'merchant' AND pattern = ?1")?;
    let now: Vec<i64> = stmt
        .query_map([&a.merchant_key], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in now.iter().filter(|id| !kept.contains(id)) {
        conn.execute("DELETE FROM rules WHERE id = ?1", [id])?;
    }
    for (id, category) in &a.rules_before {
        conn.execute(
            "UPDATE rules SET category_id = ?2 WHERE id = ?1",
            params![id, category],
        )?;
    }
    if let Some(c) = a.created_category {
        conn.execute(
            "DELETE FROM categories WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM transactions WHERE category_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM rules WHERE category_id = ?1)",
            [c],
        )?;
    }
    Ok(())
}
