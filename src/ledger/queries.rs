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
    // In windows of ids: SQLite holds every row a DELETE with triggers removes in memory
    // until it ends.
    let (first, last): (Option<i64>, Option<i64>) = conn.query_row(
        "SELECT min(id), max(id) FROM transactions WHERE import_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut n = 0;
    if let (Some(first), Some(last)) = (first, last) {
        let mut delete =
            conn.prepare("DELETE FROM transactions WHERE import_id = ?1 AND id BETWEEN ?2 AND ?3")?;
        for start in (first..=last).step_by(10_000) {
            n += delete.execute(params![id, start, start + 9_999])?;
        }
    }
    conn.execute("DELETE FROM imports WHERE id = ?1", params![id])?;
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::Key;
    use crate::ledger::Ledger;

    /// An import spread over several windows of ids, with other rows before, between and
    /// after its rows: exactly its rows go, and the monthly sums follow.
    #[test]
    fn undo_removes_exactly_the_import_across_id_windows() {
        let dir = tempfile::tempdir().unwrap();
        let mut l = Ledger::create(&dir.path().join("l.db"), &Key::from_bytes([3; 32])).unwrap();
        let tx = l.write().unwrap();
        tx.execute_batch(
            "INSERT INTO accounts (name) VALUES ('Main');
             INSERT INTO imports (account_id, file_name, file_sha256, profile)
                 VALUES (1, 'a.csv', '', 'p'), (1, 'b.csv', '', 'p');",
        )
        .unwrap();
        let mut insert = tx
            .prepare(
                "INSERT INTO transactions (account_id, import_id, date, amount, currency,
                     description, merchant_key, fingerprint)
                 VALUES (1, ?1, ?2, -100, 'EUR', 'shop', 'shop', ?3)",
            )
            .unwrap();
        for i in 0..25_003i64 {
            // Import 2 from row 7 on, with every thousandth row left to import 1.
            let import = if i >= 7 && i % 1000 != 0 { 2 } else { 1 };
            let date = format!("2026-{:02}-01", i % 12 + 1);
            insert
                .execute(params![import, date, i.to_be_bytes().to_vec()])
                .unwrap();
        }
        drop(insert);
        // Counted in the monthly sums, as `tx add` counts a row.
        tx.execute(
            "INSERT INTO month_stats_changes
             SELECT 1, date, account_id, currency, 0, merchant_key, amount, id FROM transactions",
            [],
        )
        .unwrap();
        crate::ledger::stats::fold(&tx).unwrap();
        let count = |tx: &Connection, import: i64| -> i64 {
            tx.query_row(
                "SELECT count(*) FROM transactions WHERE import_id = ?1",
                [import],
                |r| r.get(0),
            )
            .unwrap()
        };
        let kept = count(&tx, 1);
        let removed = count(&tx, 2);
        assert_eq!(undo_import(&tx, 2).unwrap(), Some(removed as usize));
        assert_eq!(count(&tx, 2), 0);
        assert_eq!(count(&tx, 1), kept);
        assert_eq!(undo_import(&tx, 2).unwrap(), None);
        crate::ledger::stats::fold(&tx).unwrap();
        let months = crate::ledger::stats::read(&tx, "0000-00", "9999-99", None, None).unwrap();
        let counted: i64 = months
            .iter()
            .flat_map(|m| &m.entries)
            .map(|e| e.sums.out_count)
            .sum();
        assert_eq!(counted, kept);
        assert!(removed > 20_000 && kept > 20);
    }
}
