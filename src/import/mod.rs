//! Bank CSV import: profiles, detection, streaming read, dedup, one atomic batch.

pub mod detect;
pub mod profile;
pub mod profiles;
pub mod reader;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

use rusqlite::{Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use xxhash_rust::xxh3::Xxh3;

pub use profile::Profile;
pub use reader::{ReadError, Reader, Row, RowError};

use crate::categorize::merchant::merchant_key;
use crate::categorize::rules::Subject;
use crate::categorize::{Categorizer, Decision, Source};
use crate::ledger::{LedgerError, catalog};

/// How many bad rows an error lists before "and N more".
pub const MAX_LISTED_ERRORS: usize = 20;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: {source}", path.display())]
    Read { path: PathBuf, source: ReadError },
    #[error("{}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {}", path.display(), invalid_summary(errors, *total, path))]
    InvalidRows {
        path: PathBuf,
        errors: Vec<RowError>,
        total: u64,
    },
    #[error("{}: {message}", path.display())]
    NoProfile { path: PathBuf, message: String },
    #[error("no profile named `{0}`; `smartspend profiles list` shows them")]
    UnknownProfile(String),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error(transparent)]
    Categorize(#[from] crate::categorize::CategorizeError),
}

fn invalid_summary(errors: &[RowError], total: u64, path: &Path) -> String {
    let mut s = format!(
        "{total} invalid row{}; nothing was imported (--skip-invalid imports the good rows)",
        if total == 1 { "" } else { "s" }
    );
    for e in errors {
        s.push_str(&format!("\n  {}:{e}", path.display()));
    }
    if total > errors.len() as u64 {
        s.push_str(&format!("\n  and {} more", total - errors.len() as u64));
    }
    s
}

/// The beginning of a file, decoded, for choosing a profile.
pub struct Sample {
    pub text: String,
    /// `utf-8` or `windows-1252`, as guessed from the bytes.
    pub encoding: &'static str,
}

const SAMPLE_BYTES: usize = 64 * 1024;

/// Reads the start of a file and guesses its encoding. Fails on empty and binary files.
pub fn sample(path: &Path) -> Result<Sample, ImportError> {
    let mut bytes = Vec::with_capacity(SAMPLE_BYTES);
    File::open(path)
        .and_then(|f| f.take(SAMPLE_BYTES as u64).read_to_end(&mut bytes))
        .map_err(|source| ImportError::Open {
            path: path.into(),
            source,
        })?;
    sample_bytes(&bytes).map_err(|source| ImportError::Read {
        path: path.into(),
        source,
    })
}

pub fn sample_bytes(bytes: &[u8]) -> Result<Sample, ReadError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        if text.trim().is_empty() {
            return Err(ReadError::Empty);
        }
        return Ok(Sample {
            text: text.into_owned(),
            encoding: if enc == encoding_rs::UTF_8 {
                "utf-8"
            } else {
                enc.name()
            },
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    if looks_binary(bytes) {
        return Err(ReadError::Binary);
    }
    // Cut a multi-byte character that the sample limit split.
    let valid = match std::str::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok(),
        Err(_) => None,
    };
    Ok(match valid {
        Some(s) => Sample {
            text: s.to_string(),
            encoding: "utf-8",
        },
        None => Sample {
            text: encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
            encoding: "windows-1252",
        },
    })
}

fn looks_binary(bytes: &[u8]) -> bool {
    let control = bytes
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    bytes.contains(&0) || control * 100 > bytes.len()
}

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub account: Option<String>,
    pub skip_invalid: bool,
}

/// How many imported transactions each tier categorized. JSON names are a contract.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tiers {
    pub rule: u64,
    pub learned: u64,
    pub lexicon: u64,
    pub ai: u64,
    pub uncategorized: u64,
}

/// The outcome of importing one file. JSON field names are a public contract.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub file: String,
    pub profile: String,
    pub account: String,
    pub import_id: i64,
    /// Data rows read (not counting excluded ones).
    pub read: u64,
    pub imported: u64,
    pub duplicates: u64,
    pub invalid: u64,
    /// Rows the profile leaves out (pending, summaries).
    pub excluded: u64,
    /// Imported transactions by the tier that categorized them.
    pub categorized: Tiers,
    /// The bad rows, when `--skip-invalid` let the rest through.
    #[serde(skip)]
    pub errors: Vec<RowError>,
}

/// Counts and hashes the bytes that pass through.
struct Tap<R> {
    inner: R,
    hasher: Rc<RefCell<Sha256>>,
    bytes: Rc<Cell<u64>>,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.borrow_mut().update(&buf[..n]);
        self.bytes.set(self.bytes.get() + n as u64);
        Ok(n)
    }
}

/// A row read, keyed and categorized, ready for the ledger.
struct Prepared {
    row: Row,
    fingerprint: [u8; 16],
    merchant_key: String,
    decision: Option<Decision>,
}

enum Item {
    Row(Prepared),
    Bad(RowError),
}

const BATCH: usize = 1024;

/// Imports one file into the ledger inside `tx` (the caller commits or rolls back).
/// `progress` is called now and then with the bytes read so far.
///
/// Two threads: one reads, parses, fingerprints and categorizes rows, the other (this
/// one) writes them, so that parsing and SQLCipher's encryption run side by side. A
/// bounded channel of batches keeps memory flat.
pub fn import_file(
    tx: &Transaction<'_>,
    path: &Path,
    profile: &Profile,
    opts: &Options,
    categorizer: &Categorizer,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary, ImportError> {
    // Open it here so that a missing file fails before anything is written.
    let file = File::open(path).map_err(|source| ImportError::Open {
        path: path.into(),
        source,
    })?;
    let account_name = opts
        .account
        .clone()
        .or_else(|| profile.account.clone())
        .unwrap_or_else(|| "main".into());
    let account_id = catalog::ensure_account(tx, &account_name).map_err(sql)?;
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    tx.execute(
        "INSERT INTO imports (account_id, file_name, file_sha256, profile) VALUES (?1, ?2, '', ?3)",
        params![account_id, file_name, profile.name],
    )
    .map_err(sql)?;
    let import_id = tx.last_insert_rowid();
    let mut summary = Summary {
        file: path.display().to_string(),
        profile: profile.name.clone(),
        account: account_name,
        import_id,
        ..Summary::default()
    };
    let bytes = AtomicU64::new(0);
    // Three stages, each on its own thread: reading (parse, fingerprint), categorizing
    // (merchant key, tiers), writing (the ledger).
    let (send, recv) = mpsc::sync_channel::<Vec<Item>>(4);
    let (send_categorized, recv_categorized) = mpsc::sync_channel::<Vec<Item>>(4);

    let outcome = std::thread::scope(|scope| {
        // Written rows go back to the reading thread to be freed where they were
        // allocated: glibc frees another thread's memory slowly, on the busiest thread.
        let (send_spent, recv_spent) = mpsc::sync_channel::<Vec<Row>>(8);
        let reading =
            scope.spawn(|| read_rows(file, path, profile, account_id, &bytes, send, recv_spent));
        scope.spawn(|| categorize_rows(categorizer, account_id, recv, send_categorized));
        let written = write_rows(
            tx,
            recv_categorized,
            send_spent,
            account_id,
            &mut summary,
            &bytes,
            progress,
        );
        let read = reading.join().expect("the reading thread does not panic");
        // A read error explains a write loop that ended early; report it first.
        read.and_then(|r| written.map(|()| r))
    });
    let (digest, excluded) = outcome?;
    progress(bytes.load(Ordering::Relaxed));
    summary.excluded = excluded;
    if summary.invalid > 0 && !opts.skip_invalid {
        return Err(ImportError::InvalidRows {
            path: path.into(),
            errors: summary.errors,
            total: summary.invalid,
        });
    }
    tx.execute(
        "UPDATE imports SET file_sha256 = ?2, rows_read = ?3, rows_imported = ?4,
             rows_duplicate = ?5, rows_invalid = ?6 WHERE id = ?1",
        params![
            import_id,
            digest,
            summary.read as i64,
            summary.imported as i64,
            summary.duplicates as i64,
            summary.invalid as i64
        ],
    )
    .map_err(sql)?;
    Ok(summary)
}

/// The reading side: returns the file's SHA-256 and the number of excluded rows.
fn read_rows(
    file: File,
    path: &Path,
    profile: &Profile,
    account_id: i64,
    bytes: &AtomicU64,
    send: mpsc::SyncSender<Vec<Item>>,
    spent: mpsc::Receiver<Vec<Row>>,
) -> Result<(String, u64), ImportError> {
    let hasher = Rc::new(RefCell::new(Sha256::new()));
    let counted = Rc::new(Cell::new(0));
    let tap = Tap {
        inner: file,
        hasher: hasher.clone(),
        bytes: counted.clone(),
    };
    let mut reader =
        Reader::new(reader::decoder(tap, &profile.csv.encoding), profile).map_err(|source| {
            ImportError::Read {
                path: path.into(),
                source,
            }
        })?;
    let mut occurrences = Occurrences::default();
    let mut batch = Vec::with_capacity(BATCH);
    while let Some(next) = reader.next_row() {
        let item = match next {
            Err(e) => Item::Bad(e),
            Ok(row) => Item::Row(Prepared {
                fingerprint: fingerprint(account_id, &row, &mut occurrences),
                row,
                merchant_key: String::new(),
                decision: None,
            }),
        };
        batch.push(item);
        if batch.len() == BATCH {
            // Rows the writer is done with.
            while let Ok(rows) = spent.try_recv() {
                drop(rows);
            }
            bytes.store(counted.get(), Ordering::Relaxed);
            if send
                .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                .is_err()
            {
                // The writer stopped (a ledger error); it reports why.
                return Ok((String::new(), reader.excluded));
            }
        }
    }
    bytes.store(counted.get(), Ordering::Relaxed);
    if !batch.is_empty() {
        let _ = send.send(batch);
    }
    let digest = hex::encode(hasher.borrow().clone().finalize());
    Ok((digest, reader.excluded))
}

/// The categorizing stage: each row's merchant key and the tiers' decision.
fn categorize_rows(
    categorizer: &Categorizer,
    account_id: i64,
    recv: mpsc::Receiver<Vec<Item>>,
    send: mpsc::SyncSender<Vec<Item>>,
) {
    let mut last_currency: (std::sync::Arc<str>, u32) = ("".into(), 2);
    for mut batch in recv {
        for item in &mut batch {
            let Item::Row(p) = item else { continue };
            if last_currency.0 != p.row.currency {
                last_currency = (
                    p.row.currency.clone(),
                    crate::money::exponent(&p.row.currency).unwrap_or(2),
                );
            }
            p.merchant_key = merchant_key(&p.row.description);
            p.decision = categorizer.decide(&Subject {
                description: &p.row.description,
                merchant_key: &p.merchant_key,
                amount: p.row.amount,
                exponent: last_currency.1,
                account_id,
            });
        }
        if send.send(batch).is_err() {
            // The writer stopped; dropping `recv` stops the reader too.
            return;
        }
    }
}

/// The writing side: inserts new rows, counts duplicates and bad rows, and records what
/// the rules decided for the learned model.
fn write_rows(
    tx: &Transaction<'_>,
    recv: mpsc::Receiver<Vec<Item>>,
    spent: mpsc::SyncSender<Vec<Row>>,
    account_id: i64,
    summary: &mut Summary,
    bytes: &AtomicU64,
    progress: &mut dyn FnMut(u64),
) -> Result<(), ImportError> {
    // Rows the user deleted once stay deleted (usually none, so a set in memory).
    let deleted: std::collections::HashSet<Vec<u8>> = {
        let mut stmt = tx
            .prepare("SELECT fingerprint FROM deleted_fingerprints")
            .map_err(sql)?;
        stmt.query_map([], |r| r.get(0))
            .map_err(sql)?
            .collect::<Result<_, _>>()
            .map_err(sql)?
    };
    let next_id = tx
        .query_row(
            "SELECT coalesce(max(id), 0) + 1 FROM transactions",
            [],
            |r| r.get(0),
        )
        .map_err(sql)?;
    let mut writer = Writer {
        tx,
        insert: tx.prepare(&insert_sql(ROWS_PER_INSERT)).map_err(sql)?,
        account_id,
        summary,
        next_id,
        pending: Vec::with_capacity(ROWS_PER_INSERT),
        stats: HashMap::new(),
        currencies: HashMap::new(),
        month_stats: Default::default(),
        spent: Vec::new(),
    };
    for batch in recv {
        for item in batch {
            writer.summary.read += 1;
            match item {
                Item::Bad(e) => {
                    writer.summary.invalid += 1;
                    if writer.summary.errors.len() < MAX_LISTED_ERRORS {
                        writer.summary.errors.push(e);
                    }
                }
                Item::Row(p) if !deleted.is_empty() && deleted.contains(&p.fingerprint[..]) => {
                    writer.summary.duplicates += 1;
                }
                Item::Row(p) => {
                    writer.pending.push(p);
                    if writer.pending.len() == ROWS_PER_INSERT {
                        writer.insert()?;
                    }
                }
            }
        }
        if !writer.spent.is_empty() {
            let rows = std::mem::take(&mut writer.spent);
            let _ = spent.try_send(rows);
        }
        progress(bytes.load(Ordering::Relaxed));
        // Written as the import goes (this thread mostly waits for the reader), which also
        // bounds memory whatever the file size.
        if writer.month_stats.len() > 20_000 {
            writer.month_stats.flush(tx).map_err(sql)?;
        }
    }
    writer.finish()
}

fn sql(source: rusqlite::Error) -> LedgerError {
    LedgerError::Sqlite {
        path: PathBuf::from("ledger"),
        source,
    }
}

/// Rows per INSERT statement: one statement for many rows saves most of SQLite's work
/// per statement.
const ROWS_PER_INSERT: usize = 64;

/// `INSERT OR IGNORE` of `rows` transactions, each with the id chosen for it.
fn insert_sql(rows: usize) -> String {
    let one = format!("({})", ["?"; 18].join(","));
    format!(
        "INSERT OR IGNORE INTO transactions (id, account_id, import_id, date, value_date, amount,
             currency, balance, description_raw, description, bank_ref, fingerprint, raw_line,
             merchant_key, category_id, category_source, rule_id, confidence)
         VALUES {}",
        vec![one; rows].join(",")
    )
}

/// Binds `rows` (booked on `dates`) to an INSERT made by `insert_sql` and runs it;
/// returns how many went in. `ids`: the first row's id, the account's, the import's.
fn insert_rows(
    stmt: &mut rusqlite::Statement<'_>,
    rows: &[Prepared],
    dates: &[IsoDate],
    (first_id, account_id, import_id): (i64, i64, i64),
) -> rusqlite::Result<usize> {
    let mut i = 1;
    for (n, (p, date)) in rows.iter().zip(dates).enumerate() {
        let value_date = p.row.value_date.map(iso_date);
        let d = p.decision.as_ref();
        stmt.raw_bind_parameter(i, first_id + n as i64)?;
        stmt.raw_bind_parameter(i + 1, account_id)?;
        stmt.raw_bind_parameter(i + 2, import_id)?;
        stmt.raw_bind_parameter(i + 3, date.as_str())?;
        stmt.raw_bind_parameter(i + 4, value_date.as_ref().map(|d| d.as_str()))?;
        stmt.raw_bind_parameter(i + 5, p.row.amount)?;
        stmt.raw_bind_parameter(i + 6, &*p.row.currency)?;
        stmt.raw_bind_parameter(i + 7, p.row.balance)?;
        stmt.raw_bind_parameter(i + 8, &p.row.description_raw)?;
        stmt.raw_bind_parameter(i + 9, &p.row.description)?;
        stmt.raw_bind_parameter(i + 10, &p.row.reference)?;
        stmt.raw_bind_parameter(i + 11, &p.fingerprint[..])?;
        stmt.raw_bind_parameter(i + 12, &p.row.raw)?;
        stmt.raw_bind_parameter(i + 13, &p.merchant_key)?;
        stmt.raw_bind_parameter(i + 14, d.map(|d| d.category_id))?;
        stmt.raw_bind_parameter(i + 15, d.map(|d| d.source.as_str()))?;
        stmt.raw_bind_parameter(i + 16, d.and_then(|d| d.rule_id))?;
        stmt.raw_bind_parameter(i + 17, d.map(|d| d.confidence))?;
        i += 18;
    }
    stmt.raw_execute()
}

/// The writer's state: rows waiting for their INSERT, and what is counted of those
/// written.
struct Writer<'a, 'c> {
    tx: &'a Transaction<'c>,
    /// The INSERT of `ROWS_PER_INSERT` rows.
    insert: rusqlite::Statement<'a>,
    account_id: i64,
    summary: &'a mut Summary,
    /// The id the next row gets: ids are chosen here, so that a row's id is known without
    /// asking SQLite after each row.
    next_id: i64,
    pending: Vec<Prepared>,
    /// What rules decided, for the learned model's statistics (one batch at the end).
    stats: HashMap<(String, bool, i64), i64>,
    currencies: HashMap<std::sync::Arc<str>, u64>,
    month_stats: crate::ledger::stats::MonthStats,
    /// Rows written, to go back to the reading thread.
    spent: Vec<Row>,
}

impl Writer<'_, '_> {
    /// Inserts the pending rows in one statement. A row whose fingerprint is already in
    /// the ledger is ignored (a duplicate), and its id stays unused.
    fn insert(&mut self) -> Result<(), ImportError> {
        let rows = std::mem::replace(&mut self.pending, Vec::with_capacity(ROWS_PER_INSERT));
        let first_id = self.next_id;
        self.next_id += rows.len() as i64;
        let ids = (first_id, self.account_id, self.summary.import_id);
        let dates: Vec<IsoDate> = rows.iter().map(|p| iso_date(p.row.date)).collect();
        let inserted = if rows.len() == ROWS_PER_INSERT {
            insert_rows(&mut self.insert, &rows, &dates, ids)
        } else {
            let mut stmt = self.tx.prepare(&insert_sql(rows.len())).map_err(sql)?;
            insert_rows(&mut stmt, &rows, &dates, ids)
        }
        .map_err(sql)?;
        // Which rows went in: all, none, or (rarely) those whose id is now taken.
        let all = inserted == rows.len();
        let taken: std::collections::HashSet<i64> = if all || inserted == 0 {
            Default::default()
        } else {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT id FROM transactions WHERE id BETWEEN ?1 AND ?2")
                .map_err(sql)?;
            stmt.query_map(params![first_id, self.next_id - 1], |r| r.get(0))
                .map_err(sql)?
                .collect::<Result<_, _>>()
                .map_err(sql)?
        };
        for (n, (p, date)) in rows.into_iter().zip(&dates).enumerate() {
            let id = first_id + n as i64;
            if all || taken.contains(&id) {
                self.count(id, p, date);
            } else {
                self.summary.duplicates += 1;
            }
        }
        Ok(())
    }

    /// Counts a row that went in.
    fn count(&mut self, id: i64, p: Prepared, date: &IsoDate) {
        let Prepared {
            row,
            merchant_key,
            decision,
            ..
        } = p;
        self.summary.imported += 1;
        self.month_stats.add(
            id,
            date.as_str(),
            self.account_id,
            &row.currency,
            decision.as_ref().map(|d| d.category_id),
            &merchant_key,
            row.amount,
        );
        let tier = &mut self.summary.categorized;
        match &decision {
            Some(d) if d.source == Source::Rule => {
                tier.rule += 1;
                *self
                    .stats
                    .entry((merchant_key, row.amount < 0, d.category_id))
                    .or_default() += 1;
            }
            Some(d) if d.source == Source::Learned => tier.learned += 1,
            Some(d) if d.source == Source::Lexicon => tier.lexicon += 1,
            _ => tier.uncategorized += 1,
        }
        if self.currencies.len() < 16 {
            *self.currencies.entry(row.currency.clone()).or_default() += 1;
        }
        self.spent.push(row);
    }

    /// Writes what is left: the last rows, the monthly sums, the model's statistics and
    /// the account's currency.
    fn finish(mut self) -> Result<(), ImportError> {
        if !self.pending.is_empty() {
            self.insert()?;
        }
        self.month_stats.flush(self.tx).map_err(sql)?;
        let mut upsert = self
            .tx
            .prepare(
                "INSERT INTO merchant_stats VALUES (?1, ?2, ?3, 'rule', ?4)
                 ON CONFLICT DO UPDATE SET count = count + excluded.count",
            )
            .map_err(sql)?;
        for ((key, outflow, category_id), count) in &self.stats {
            upsert
                .execute(params![key, outflow, category_id, count])
                .map_err(sql)?;
        }
        // An account takes the currency of its first import.
        if let Some((code, _)) = self.currencies.iter().max_by_key(|(_, n)| **n) {
            self.tx
                .execute(
                    "UPDATE accounts SET currency = ?2 WHERE id = ?1 AND currency = ''",
                    params![self.account_id, code],
                )
                .map_err(sql)?;
        }
        Ok(())
    }
}

/// Counts identical rows within one file, so that two identical coffees on one day are
/// two transactions, while the same two rows in an overlapping statement are duplicates.
///
/// Identical rows share a date. Statements are sorted by date, so once a file has shown
/// itself sorted, counts of past dates are dropped when the map grows large: memory
/// stays bounded whatever the file size. (In a huge file that is not sorted, identical
/// rows far apart may then be numbered as if first seen.)
#[derive(Default)]
struct Occurrences {
    counts: HashMap<u64, u32>,
    last_date: Option<chrono::NaiveDate>,
    direction: Option<std::cmp::Ordering>,
    sorted: bool,
    started: bool,
}

const OCCURRENCE_MAP_LIMIT: usize = 100_000;

impl Occurrences {
    fn next(&mut self, date: chrono::NaiveDate, key: u64) -> u32 {
        if !self.started {
            self.started = true;
            self.sorted = true;
        }
        if let Some(last) = self.last_date
            && last != date
        {
            let dir = date.cmp(&last);
            match self.direction {
                None => self.direction = Some(dir),
                Some(d) if d != dir => self.sorted = false,
                Some(_) => {}
            }
            if self.sorted && self.counts.len() > OCCURRENCE_MAP_LIMIT {
                self.counts.clear();
            }
        }
        self.last_date = Some(date);
        let n = self.counts.entry(key).or_insert(0);
        *n += 1;
        *n
    }
}

/// The dedup key of a row: the bank's reference when it has one, else account, date,
/// amount, currency, description (case and spacing folded) and the occurrence number
/// among identical rows of the same file. XXH3-128: not a secret, only a name for the
/// row, with collisions as unlikely as duplicates of random 128-bit values.
///
/// Row keys start with the date, so that a statement's keys land next to each other in
/// the ledger's unique index instead of all over it (imports stay fast as it grows).
fn fingerprint(account_id: i64, row: &Row, occ: &mut Occurrences) -> [u8; 16] {
    let mut h = Xxh3::new();
    h.update(&account_id.to_le_bytes());
    let mut out = [0u8; 16];
    if let Some(r) = &row.reference {
        h.update(b"\0ref\0");
        h.update(r.as_bytes());
        out.copy_from_slice(&h.digest128().to_be_bytes());
    } else {
        h.update(b"\0row\0");
        h.update(iso_date(row.date).as_bytes());
        h.update(&row.amount.to_le_bytes());
        h.update(row.currency.as_bytes());
        h.update(b"\0");
        update_lowercase(&mut h, &row.description);
        let n = occ.next(row.date, h.digest());
        h.update(&n.to_le_bytes());
        let days = chrono::Datelike::num_days_from_ce(&row.date) as u32;
        out[..4].copy_from_slice(&days.to_be_bytes());
        out[4..].copy_from_slice(&h.digest128().to_be_bytes()[..12]);
    }
    out
}

/// `YYYY-MM-DD` without going through a format string (this runs once per row).
pub struct IsoDate([u8; 10]);

impl IsoDate {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII digits")
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

pub fn iso_date(d: chrono::NaiveDate) -> IsoDate {
    use chrono::Datelike;
    let mut b = *b"0000-00-00";
    let (y, m, day) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
    for (i, v) in [
        (0, y / 1000),
        (1, y / 100 % 10),
        (2, y / 10 % 10),
        (3, y % 10),
    ] {
        b[i] = b'0' + v as u8;
    }
    b[5] = b'0' + (m / 10) as u8;
    b[6] = b'0' + (m % 10) as u8;
    b[8] = b'0' + (day / 10) as u8;
    b[9] = b'0' + (day % 10) as u8;
    IsoDate(b)
}

/// Hashes `text` lower-cased, without allocating.
fn update_lowercase(h: &mut Xxh3, text: &str) {
    if text.is_ascii() {
        let mut buf = [0u8; 64];
        for chunk in text.as_bytes().chunks(64) {
            for (o, b) in buf.iter_mut().zip(chunk) {
                *o = b.to_ascii_lowercase();
            }
            h.update(&buf[..chunk.len()]);
        }
    } else {
        h.update(text.to_lowercase().as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        for (y, m, d) in [(2026, 1, 5), (1999, 12, 31), (2000, 2, 29)] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(date).as_str(), date.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn lowercase_hashing_matches_lowercasing_first() {
        for text in ["Blue BOTTLE Coffee", "ÉPICERIE Müller", &"AbC".repeat(50)] {
            let mut a = Xxh3::new();
            update_lowercase(&mut a, text);
            let mut b = Xxh3::new();
            b.update(text.to_lowercase().as_bytes());
            assert_eq!(a.digest128(), b.digest128());
        }
    }
}
