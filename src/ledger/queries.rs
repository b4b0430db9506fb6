//! Reads and small writes on the ledger that commands share.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// An import batch as `imports list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ImportRow {
    pub id: i64,
    pub created_at: String,
    pub file: String,
    pub profile: String,
    pub account: String,
    pub read: i64,
    pub imported: i64,
    pub duplicates: i64,
    pub invalid: i64,
    /// Transactions of this batch still in the ledger.
    pub remaining: i64,
}

pub fn list_imports(conn: &Connection) -> rusqlite::Result<Vec<ImportRow>> {
    let mut stmt = conn.prepare(
        "SELECT i.id, i.created_at, i.file_name, i.profile, a.name, i.rows_read, i.rows_imported,
                i.rows_duplicate, i.rows_invalid,
                (SELECT count(*) FROM transactions t WHERE t.import_id = i.id)
         FROM imports i JOIN accounts a ON a.id = i.account_id
         ORDER BY i.id DESC",
    )?;
    stmt.query_map([], |r| {
        Ok(ImportRow {
            id: r.get(0)?,
            created_at: r.get(1)?,
            file: r.get(2)?,
            profile: r.get(3)?,
            account: r.get(4)?,
            read: r.get(5)?,
            imported: r.get(6)?,
            duplicates: r.get(7)?,
            invalid: r.get(8)?,
            remaining: r.get(9)?,
        })
    })?
    .collect()
}

/// Deletes one import batch and exactly its transactions. Returns how many were
/// deleted, or None if there is no such batch.
pub fn undo_import(conn: &Connection, id: i64) -> rusqlite::Result<Option<usize>> {
    let exists = conn
        .query_row("SELECT 1 FROM imports WHERE id = ?1", [id], |_| Ok(()))
        .optional()?;
    if exists.is_none() {
        return Ok(None);
    }
    let n = conn.execute("DELETE FROM transactions WHERE import_id = ?1", params![id])?;
    conn.execute("DELETE FROM imports WHERE id = ?1", params![id])?;
    Ok(Some(n))
}
