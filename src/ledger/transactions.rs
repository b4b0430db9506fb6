//! Transactions one at a time: listing with filters, showing one in full, adding one by
//! hand, editing and deleting.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde::Serialize;

use crate::categorize::merchant::merchant_key;
use crate::money;

/// A transaction as `tx list` shows it. JSON field names are a public contract.
#[derive(Debug, Clone, Serialize)]
pub struct TxRow {
    pub id: i64,
    pub date: String,
    /// Decimal string, negative = money out.
    pub amount: String,
    pub currency: String,
    pub description: String,
    pub category: Option<String>,
    pub source: Option<String>,
    pub account: String,
    pub note: Option<String>,
    #[serde(skip)]
    pub minor: i64,
}

/// How `tx list` orders rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SortKey {
    /// Newest first
    #[default]
    Date,
    /// Largest amounts first (money in or out)
    Amount,
    /// A to Z
    Description,
    /// A to Z, uncategorized last
    Category,
    /// Order of entry
    Id,
}

/// What `tx list` narrows to. Every field is optional.
#[derive(Debug, Clone, Default)]
pub struct TxFilter {
    /// `YYYY-MM-DD`, both ends included.
    pub from: Option<String>,
    pub to: Option<String>,
    pub account: Option<String>,
    pub category: Option<String>,
    pub uncategorized: bool,
    /// A category source (`manual`, `rule`...), or `none` for uncategorized.
    pub source: Option<String>,
    /// Size of the amount (money in or out), in millionths of a unit, both ends included.
    pub min_micros: Option<i128>,
    pub max_micros: Option<i128>,
    /// Case-insensitive text in the description, note or merchant key.
    pub search: Option<String>,
    pub sort: SortKey,
    pub reverse: bool,
    pub limit: Option<u64>,
}

/// The exponent that `TxFilter` amounts are given in.
pub const MICROS: u32 = 6;

pub fn list(conn: &Connection, f: &TxFilter) -> rusqlite::Result<Vec<TxRow>> {
    let mut out = vec![];
    for_each(conn, f, |row| {
        out.push(row);
        Ok::<(), rusqlite::Error>(())
    })?;
    Ok(out)
}

/// Calls `each` with every transaction `f` selects, in order, without holding them all.
pub fn for_each<E: From<rusqlite::Error>>(
    conn: &Connection,
    f: &TxFilter,
    mut each: impl FnMut(TxRow) -> Result<(), E>,
) -> Result<(), E> {
    let mut wheres: Vec<String> = vec![];
    let mut args: Vec<Value> = vec![];
    let mut arg = |sql: &str, v: Value, wheres: &mut Vec<String>| {
        args.push(v);
        wheres.push(sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(d) = &f.from {
        arg("t.date >= ?", d.clone().into(), &mut wheres);
    }
    if let Some(d) = &f.to {
        arg("t.date <= ?", d.clone().into(), &mut wheres);
    }
    if let Some(a) = &f.account {
        arg("a.name = ? COLLATE NOCASE", a.clone().into(), &mut wheres);
    }
    if let Some(c) = &f.category {
        arg("c.name = ? COLLATE NOCASE", c.clone().into(), &mut wheres);
    }
    if f.uncategorized {
        wheres.push("t.category_id IS NULL".into());
    }
    match f.source.as_deref() {
        Some("none") => wheres.push("t.category_source IS NULL".into()),
        Some(s) => arg("t.category_source = ?", s.to_string().into(), &mut wheres),
        None => {}
    }
    if let Some(text) = &f.search {
        let like = format!(
            "%{}%",
            text.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        arg(
            "(t.description LIKE ? ESCAPE '\\' OR t.merchant_key LIKE ? ESCAPE '\\'
              OR t.note LIKE ? ESCAPE '\\')",
            like.into(),
            &mut wheres,
        );
    }
    let filter = if wheres.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", wheres.join(" AND "))
    };
    let (asc, desc) = if f.reverse {
        ("DESC", "ASC")
    } else {
        ("ASC", "DESC")
    };
    let order = match f.sort {
        SortKey::Date => format!("t.date {desc}, t.id {desc}"),
        SortKey::Amount => format!("abs(t.amount) {desc}, t.date {desc}, t.id {desc}"),
        SortKey::Description => format!("t.description COLLATE NOCASE {asc}, t.id {asc}"),
        SortKey::Category => {
            format!("c.name IS NULL {asc}, c.name COLLATE NOCASE {asc}, t.date {desc}, t.id {desc}")
        }
        SortKey::Id => format!("t.id {asc}"),
    };
    let sql = format!(
        "SELECT {ROW_COLUMNS}
         FROM transactions t
         JOIN accounts a ON a.id = t.account_id
         LEFT JOIN categories c ON c.id = t.category_id
         {filter}
         ORDER BY {order}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let limit = f.limit.map_or(usize::MAX, |l| l as usize);
    let mut given = 0;
    while given < limit {
        let Some(r) = rows.next()? else { break };
        let row = tx_row(r)?;
        // Amount bounds compare sizes in millionths, whatever the currency's decimals.
        let exponent = money::exponent(&row.currency).unwrap_or(2);
        let size =
            i128::from(row.minor.unsigned_abs()) * 10i128.pow(MICROS.saturating_sub(exponent));
        if f.min_micros.is_some_and(|m| size < m) || f.max_micros.is_some_and(|m| size > m) {
            continue;
        }
        given += 1;
        each(row)?;
    }
    Ok(())
}

/// The columns every transaction query starts with.
const ROW_COLUMNS: &str = "t.id, t.date, t.amount, t.currency, t.description, c.name,
     t.category_source, a.name, t.note";

/// A `TxRow` from the first columns of a row (`ROW_COLUMNS`).
fn tx_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TxRow> {
    let minor: i64 = r.get(2)?;
    let currency: String = r.get(3)?;
    let exponent = money::exponent(&currency).unwrap_or(2);
    Ok(TxRow {
        id: r.get(0)?,
        date: r.get(1)?,
        amount: money::format_minor(minor, exponent),
        currency,
        description: r.get(4)?,
        category: r.get(5)?,
        source: r.get(6)?,
        account: r.get(7)?,
        note: r.get(8)?,
        minor,
    })
}

/// Everything about one transaction, for `tx show`.
#[derive(Debug, Clone, Serialize)]
pub struct TxDetail {
    #[serde(flatten)]
    pub row: TxRow,
    pub value_date: Option<String>,
    pub balance: Option<String>,
    pub description_raw: Option<String>,
    pub merchant_key: String,
    pub bank_ref: Option<String>,
    pub confidence: Option<f64>,
    pub rule: Option<RuleRef>,
    /// The import batch and file it came from; none when added by hand.
    pub import_id: Option<i64>,
    pub import_file: Option<String>,
    pub raw_line: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleRef {
    pub id: i64,
    pub pattern: String,
    #[serde(rename = "match")]
    pub kind: String,
    pub origin: String,
}

pub fn detail(conn: &Connection, id: i64) -> rusqlite::Result<Option<TxDetail>> {
    let sql = format!(
        "SELECT {ROW_COLUMNS}, t.value_date, t.balance, t.description_raw, t.merchant_key,
                t.bank_ref, t.confidence, r.id, r.pattern, r.match_kind, r.origin, t.import_id,
                i.file_name, t.raw_line
         FROM transactions t
         JOIN accounts a ON a.id = t.account_id
         LEFT JOIN categories c ON c.id = t.category_id
         LEFT JOIN rules r ON r.id = t.rule_id
         LEFT JOIN imports i ON i.id = t.import_id
         WHERE t.id = ?1"
    );
    conn.query_row(&sql, [id], |r| {
        let row = tx_row(r)?;
        let exponent = money::exponent(&row.currency).unwrap_or(2);
        let balance: Option<i64> = r.get(10)?;
        let rule_id: Option<i64> = r.get(15)?;
        Ok(TxDetail {
            row,
            value_date: r.get(9)?,
            balance: balance.map(|b| money::format_minor(b, exponent)),
            description_raw: r.get(11)?,
            merchant_key: r.get(12)?,
            bank_ref: r.get(13)?,
            confidence: r.get(14)?,
            rule: match rule_id {
                Some(id) => Some(RuleRef {
                    id,
                    pattern: r.get(16)?,
                    kind: r.get(17)?,
                    origin: r.get(18)?,
                }),
                None => None,
            },
            import_id: r.get(19)?,
            import_file: r.get(20)?,
            raw_line: r.get(21)?,
        })
    })
    .optional()
}

/// A transaction entered by hand (cash, a missing row).
pub struct NewTx<'a> {
    pub account_id: i64,
    pub date: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub description: &'a str,
    pub note: Option<&'a str>,
}

/// Inserts a transaction entered by hand and returns its id. Such rows never count as
/// duplicates of anything: their fingerprint is random.
pub fn add(conn: &Connection, tx: &NewTx<'_>) -> Result<i64, rusqlite::Error> {
    let mut fingerprint = [0u8; 16];
    getrandom::fill(&mut fingerprint).expect("the OS has random numbers");
    let key = merchant_key(tx.description);
    conn.execute(
        "INSERT INTO transactions (account_id, date, amount, currency, description,
             merchant_key, note, fingerprint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            tx.account_id,
            tx.date,
            tx.amount,
            tx.currency,
            tx.description,
            key,
            tx.note,
            fingerprint.to_vec()
        ],
    )?;
    let id = conn.last_insert_rowid();
    // Imports count their rows in batches; a row added by hand counts itself.
    conn.execute(
        "INSERT INTO month_stats_changes VALUES (1, ?1, ?2, ?3, 0, ?4, ?5, ?6)",
        params![tx.date, tx.account_id, tx.currency, key, tx.amount, id],
    )?;
    Ok(id)
}

/// What `tx edit` changes; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct TxEdit<'a> {
    pub date: Option<&'a str>,
    pub amount: Option<i64>,
    pub description: Option<&'a str>,
    /// `Some(None)` clears the note.
    pub note: Option<Option<&'a str>>,
}

/// Applies an edit. A new description gets a new merchant key. Returns false if there is
/// no such transaction.
pub fn edit(conn: &Connection, id: i64, e: &TxEdit<'_>) -> rusqlite::Result<bool> {
    let exists = conn
        .query_row("SELECT 1 FROM transactions WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some();
    if !exists {
        return Ok(false);
    }
    if let Some(d) = e.date {
        conn.execute(
            "UPDATE transactions SET date = ?2 WHERE id = ?1",
            params![id, d],
        )?;
    }
    if let Some(a) = e.amount {
        conn.execute(
            "UPDATE transactions SET amount = ?2 WHERE id = ?1",
            params![id, a],
        )?;
    }
    if let Some(d) = e.description {
        conn.execute(
            "UPDATE transactions SET description = ?2, description_raw = NULL, merchant_key = ?3
             WHERE id = ?1",
            params![id, d, merchant_key(d)],
        )?;
    }
    if let Some(n) = e.note {
        conn.execute(
            "UPDATE transactions SET note = ?2 WHERE id = ?1",
            params![id, n],
        )?;
    }
    Ok(true)
}

/// Deletes one transaction. Returns false if there was none. An imported one is
/// remembered, so that importing the same statement again does not bring it back.
pub fn delete(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    conn.execute(
        "INSERT OR IGNORE INTO deleted_fingerprints
         SELECT fingerprint FROM transactions WHERE id = ?1 AND import_id IS NOT NULL",
        [id],
    )?;
    Ok(conn.execute("DELETE FROM transactions WHERE id = ?1", [id])? > 0)
}
