//! Categories and rules in the ledger.

use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::Serialize;

use crate::categorize::rules::{Direction, MatchKind, Origin, Rule};

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub transactions: i64,
}

/// Every category with how many transactions it holds (one pass over the ledger).
pub fn categories(conn: &Connection) -> rusqlite::Result<Vec<Category>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.name, c.kind, coalesce(n.count, 0)
         FROM categories c
         LEFT JOIN (SELECT category_id, count(*) AS count FROM transactions
                    WHERE category_id IS NOT NULL GROUP BY category_id) n ON n.category_id = c.id
         ORDER BY c.name COLLATE NOCASE",
    )?;
    stmt.query_map([], |r| {
        Ok(Category {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            transactions: r.get(3)?,
        })
    })?
    .collect()
}

/// (id, name) of every category, without counting anything.
pub fn category_names(conn: &Connection) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT id, name FROM categories")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// A category's id by name (case-insensitive).
/// The id of the account `name`, made if there is none.
pub fn ensure_account(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    if let Some(id) = conn
        .query_row(
            "SELECT id FROM accounts WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )
        .optional()?
    {
        return Ok(id);
    }
    conn.execute("INSERT INTO accounts (name) VALUES (?1)", [name])?;
    Ok(conn.last_insert_rowid())
}

pub fn category_id(conn: &Connection, name: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM categories WHERE name = ?1 COLLATE NOCASE",
        [name],
        |r| r.get(0),
    )
    .optional()
}

pub fn rules(conn: &Connection) -> rusqlite::Result<Vec<Rule>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.pattern, r.match_kind, r.category_id, c.name, r.amount_min, r.amount_max,
                r.direction, r.account_id, r.priority, r.origin
         FROM rules r JOIN categories c ON c.id = r.category_id ORDER BY r.id",
    )?;
    stmt.query_map([], |r| {
        let kind: String = r.get(2)?;
        let direction: Option<String> = r.get(7)?;
        let origin: String = r.get(10)?;
        Ok(Rule {
            id: r.get(0)?,
            pattern: r.get(1)?,
            kind: MatchKind::parse(&kind).unwrap_or(MatchKind::Substring),
            category_id: r.get(3)?,
            category: r.get(4)?,
            amount_min: r.get(5)?,
            amount_max: r.get(6)?,
            direction: direction.as_deref().and_then(Direction::parse),
            account_id: r.get(8)?,
            priority: r.get(9)?,
            origin: Origin::parse(&origin).unwrap_or(Origin::User),
        })
    })?
    .collect()
}

/// Inserts a rule (its `id` is ignored) and returns the new id.
pub fn insert_rule(conn: &Connection, r: &Rule) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO rules (pattern, match_kind, category_id, amount_min, amount_max, direction,
                            account_id, priority, origin)
         VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params_from_iter(rule_params(r)),
    )?;
    Ok(conn.last_insert_rowid())
}

/// Writes back every field of a rule.
pub fn update_rule(conn: &Connection, r: &Rule) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE rules SET pattern = ?2, match_kind = ?3, category_id = ?4, amount_min = ?5,
                          amount_max = ?6, direction = ?7, account_id = ?8, priority = ?9,
                          origin = ?10
         WHERE id = ?1",
        params_from_iter(rule_params(r)),
    )
}

/// A rule's fields as statement parameters ?1 (id) to ?10 (origin).
fn rule_params(r: &Rule) -> [Box<dyn rusqlite::ToSql + '_>; 10] {
    [
        Box::new(r.id),
        Box::new(&r.pattern),
        Box::new(r.kind.as_str()),
        Box::new(r.category_id),
        Box::new(r.amount_min),
        Box::new(r.amount_max),
        Box::new(r.direction.map(Direction::as_str)),
        Box::new(r.account_id),
        Box::new(r.priority),
        Box::new(r.origin.as_str()),
    ]
}
