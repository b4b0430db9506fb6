//! The encrypted ledger: a SQLCipher database keyed with a raw 32-byte key.

pub mod catalog;
mod migrations;
pub mod queries;
pub mod stats;
pub mod transactions;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

use crate::crypto::Key;
use crate::fsutil;

pub use migrations::LATEST_VERSION;

/// How long a command waits for another smartspend process that is writing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// SQLCipher page size. Fixed for the life of a ledger: a file only opens with the size it
/// was created with. Larger pages mean fewer encryptions and HMACs per row written.
const PAGE_SIZE: u32 = 8192;
/// Page authentication: HMAC-SHA256 (SQLCipher's default is SHA-512), which processors
/// with SHA extensions compute several times faster; fixed for the life of a ledger.
const HMAC: &str = "HMAC_SHA256";

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("{} is an unencrypted SQLite database, not a smartspend ledger", path.display())]
    Plaintext { path: PathBuf },
    #[error(
        "{} cannot be read with this key: the file is corrupt or not a smartspend ledger",
        path.display()
    )]
    Unreadable { path: PathBuf },
    #[error("{} does not exist", path.display())]
    Missing { path: PathBuf },
    #[error("{} already exists; not overwriting it", path.display())]
    Exists { path: PathBuf },
    #[error(
        "{} has schema version {found}, newer than this smartspend understands ({LATEST_VERSION}); upgrade smartspend",
        path.display()
    )]
    TooNew { path: PathBuf, found: i64 },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("ledger {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

/// Commits a write, with the monthly sums brought up to date first (see `stats`): every
/// command that changes transactions commits through here.
pub fn commit(tx: rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    stats::fold(&tx)?;
    tx.commit()
}

pub struct Ledger {
    conn: Connection,
    path: PathBuf,
}

impl Ledger {
    /// Creates a new encrypted ledger at `path` (which must not exist), owner-only.
    pub fn create(path: &Path, key: &Key) -> Result<Ledger, LedgerError> {
        // Create the file ourselves so that it (and SQLite's -wal/-shm files, which copy
        // its mode) is 0600 from the first byte.
        fsutil::create_private_file(path, false).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                LedgerError::Exists { path: path.into() }
            } else {
                LedgerError::Io {
                    path: path.into(),
                    source,
                }
            }
        })?;
        let ledger = Self::connect(path, key).inspect_err(|_| {
            let _ = fs::remove_file(path);
        })?;
        Ok(ledger)
    }

    /// Opens an existing ledger and brings its schema up to date.
    pub fn open(path: &Path, key: &Key) -> Result<Ledger, LedgerError> {
        if !path.exists() {
            return Err(LedgerError::Missing { path: path.into() });
        }
        Self::connect(path, key)
    }

    fn connect(path: &Path, key: &Key) -> Result<Ledger, LedgerError> {
        let sql = |source| LedgerError::Sqlite {
            path: path.into(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sql)?;
        // SQLCipher writes its own lines to stderr on a wrong key; we report it ourselves.
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")
            .map_err(sql)?;
        let pragma = zeroize::Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", &*key.to_hex()));
        conn.execute_batch(&pragma).map_err(sql)?;
        drop(pragma);
        conn.execute_batch(&format!(
            "PRAGMA cipher_page_size = {PAGE_SIZE}; PRAGMA cipher_hmac_algorithm = {HMAC};"
        ))
        .map_err(sql)?;
        // A wrong key only shows at the first real read.
        if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
            return Err(match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase) if starts_with_sqlite_header(path) => {
                    LedgerError::Plaintext { path: path.into() }
                }
                Some(ErrorCode::NotADatabase) => LedgerError::Unreadable { path: path.into() },
                _ => sql(e),
            });
        }
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384;",
        )
        .map_err(sql)?;
        let mut ledger = Ledger {
            conn,
            path: path.into(),
        };
        migrations::migrate(&mut ledger.conn).map_err(|e| match e {
            migrations::Error::TooNew(found) => LedgerError::TooNew {
                path: path.into(),
                found,
            },
            migrations::Error::Sqlite(source) => sql(source),
        })?;
        Ok(ledger)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a write transaction that takes the write lock at once, so that two
    /// processes queue on the busy timeout instead of failing with "database is locked".
    pub fn write(&mut self) -> Result<Transaction<'_>, LedgerError> {
        let path = self.path.clone();
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| LedgerError::Sqlite { path, source })
    }

    /// Turns foreign key enforcement off or on (outside a transaction). Bulk imports turn
    /// it off: their rows only point at the account and batch they just made, and the
    /// parent lookups cost a fifth of the import time.
    pub fn set_foreign_keys(&self, on: bool) -> Result<(), LedgerError> {
        self.conn
            .pragma_update(None, "foreign_keys", on)
            .map_err(|e| self.err(e))
    }

    /// For a bulk write: a rollback journal instead of the write-ahead log, so that the
    /// new pages are written once, not to the log and then again into the ledger at the
    /// checkpoint. Other smartspend processes wait for the commit instead of reading
    /// alongside. When another connection has the ledger open, the log stays (SQLite
    /// refuses the switch), which is only slower. `bulk(false)` goes back.
    pub fn bulk(&self, on: bool) -> Result<(), LedgerError> {
        let mode = if on { "DELETE" } else { "WAL" };
        self.conn
            .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |_| Ok(()))
            .map_err(|e| self.err(e))
    }

    pub fn err(&self, source: rusqlite::Error) -> LedgerError {
        LedgerError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    pub fn schema_version(&self) -> Result<i64, LedgerError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Row counts of every table, by name: a cheap fingerprint of the contents, used to
    /// check a re-encrypted copy and by `status`.
    pub fn table_counts(&self) -> Result<Vec<(String, i64)>, LedgerError> {
        let run = || -> rusqlite::Result<Vec<(String, i64)>> {
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?;
            let names: Vec<String> = stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            names
                .into_iter()
                .map(|name| {
                    let n = self.conn.query_row(
                        &format!("SELECT count(*) FROM \"{name}\""),
                        [],
                        |r| r.get(0),
                    )?;
                    Ok((name, n))
                })
                .collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Writes a copy of this ledger, encrypted with `key`, to `dest` (which must not
    /// exist). The copy is complete and synced when this returns.
    pub fn export_encrypted(&self, dest: &Path, key: &Key) -> Result<(), LedgerError> {
        fsutil::create_private_file(dest, false).map_err(|source| LedgerError::Io {
            path: dest.into(),
            source,
        })?;
        let version = self.schema_version()?;
        let dest_str = dest.to_str().ok_or_else(|| LedgerError::Io {
            path: dest.into(),
            source: std::io::Error::other("path is not valid UTF-8"),
        })?;
        let attach = zeroize::Zeroizing::new(format!(
            "ATTACH DATABASE '{}' AS rekeyed KEY \"x'{}'\";",
            dest_str.replace('\'', "''"),
            &*key.to_hex()
        ));
        let result = self
            .conn
            .execute_batch(&attach)
            .and_then(|()| {
                self.conn.execute_batch(&format!(
                    "PRAGMA rekeyed.cipher_page_size = {PAGE_SIZE};
                         PRAGMA rekeyed.cipher_hmac_algorithm = {HMAC};"
                ))
            })
            .and_then(|()| {
                self.conn
                    .query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))
            })
            .and_then(|()| {
                self.conn
                    .execute_batch(&format!("PRAGMA rekeyed.user_version = {version};"))
            });
        let detach = self.conn.execute_batch("DETACH DATABASE rekeyed;");
        result.and(detach).map_err(|e| self.err(e))?;
        fs::File::open(dest)
            .and_then(|f| f.sync_all())
            .map_err(|source| LedgerError::Io {
                path: dest.into(),
                source,
            })
    }

    /// Checkpoints the WAL and closes, leaving a single self-contained file.
    pub fn close(self) -> Result<(), LedgerError> {
        let path = self.path.clone();
        let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
        self.conn
            .close()
            .map_err(|(_, source)| LedgerError::Sqlite { path, source })
    }
}

fn starts_with_sqlite_header(path: &Path) -> bool {
    let mut buf = [0u8; 16];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok()
        && &buf == SQLITE_HEADER
}

/// Removes a ledger file and SQLite's side files next to it.
pub fn remove_files(path: &Path) -> std::io::Result<()> {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        match fs::remove_file(PathBuf::from(side)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> Key {
        Key::from_bytes([b; 32])
    }

    #[test]
    fn create_seeds_schema_and_categories() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        let l = Ledger::create(&path, &key(1)).unwrap();
        assert_eq!(l.schema_version().unwrap(), LATEST_VERSION);
        let n: i64 = l
            .conn()
            .query_row("SELECT count(*) FROM categories", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 20);
        l.close().unwrap();
        // Reopening does not seed twice.
        let l = Ledger::open(&path, &key(1)).unwrap();
        let n: i64 = l
            .conn()
            .query_row("SELECT count(*) FROM categories", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 20);
    }

    #[test]
    fn create_refuses_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        fs::write(&path, b"keep me").unwrap();
        assert!(matches!(
            Ledger::create(&path, &key(1)),
            Err(LedgerError::Exists { .. })
        ));
        assert_eq!(fs::read(&path).unwrap(), b"keep me");
    }

    #[test]
    fn wrong_key_garbage_and_plaintext_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        Ledger::create(&path, &key(1)).unwrap().close().unwrap();
        let before = fs::read(&path).unwrap();
        assert!(matches!(
            Ledger::open(&path, &key(2)),
            Err(LedgerError::Unreadable { .. })
        ));
        assert_eq!(
            fs::read(&path).unwrap(),
            before,
            "a wrong key changed the file"
        );

        let garbage = dir.path().join("g.db");
        fs::write(&garbage, vec![0x5a; 8192]).unwrap();
        assert!(matches!(
            Ledger::open(&garbage, &key(1)),
            Err(LedgerError::Unreadable { .. })
        ));
        assert_eq!(fs::read(&garbage).unwrap(), vec![0x5a; 8192]);

        let plain = dir.path().join("p.db");
        Connection::open(&plain)
            .unwrap()
            .execute_batch("CREATE TABLE t(x);")
            .unwrap();
        assert!(matches!(
            Ledger::open(&plain, &key(1)),
            Err(LedgerError::Plaintext { .. })
        ));
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        let l = Ledger::create(&path, &key(1)).unwrap();
        l.conn()
            .pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        l.close().unwrap();
        assert!(matches!(
            Ledger::open(&path, &key(1)),
            Err(LedgerError::TooNew { .. })
        ));
    }

    #[test]
    fn export_encrypted_copies_everything_under_the_new_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let mut l = Ledger::create(&path, &key(1)).unwrap();
        let tx = l.write().unwrap();
        tx.execute("INSERT INTO accounts (name) VALUES ('Main')", [])
            .unwrap();
        tx.commit().unwrap();
        let dest = dir.path().join("b.db");
        l.export_encrypted(&dest, &key(9)).unwrap();
        let counts = l.table_counts().unwrap();
        l.close().unwrap();
        let copy = Ledger::open(&dest, &key(9)).unwrap();
        assert_eq!(copy.table_counts().unwrap(), counts);
        assert_eq!(copy.schema_version().unwrap(), LATEST_VERSION);
        assert!(matches!(
            Ledger::open(&dest, &key(1)),
            Err(LedgerError::Unreadable { .. })
        ));
    }

    #[test]
    fn two_writers_wait_for_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        Ledger::create(&path, &key(1)).unwrap().close().unwrap();
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut l = Ledger::open(&path, &key(1)).unwrap();
                    for i in 0..50 {
                        let tx = l.write().unwrap();
                        tx.execute(
                            "INSERT INTO meta (key, value) VALUES (?1, 'x')",
                            [format!("w{w}-{i}")],
                        )
                        .unwrap();
                        // Hold the lock a moment so the other writer has to wait.
                        std::thread::sleep(Duration::from_millis(1));
                        tx.commit().unwrap();
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().expect("a writer failed");
        }
        let l = Ledger::open(&path, &key(1)).unwrap();
        let n: i64 = l
            .conn()
            .query_row("SELECT count(*) FROM meta", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 100);
    }
}
