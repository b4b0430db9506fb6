//! `month_stats`: what reports read instead of every transaction. One row per month,
//! account and currency holds the sums of each merchant and category in a packed list,
//! so that a large import writes a few dozen rows, not one per merchant and month.
//!
//! The import merges its sums in (`MonthStats`). Every other change (an edit, a delete,
//! a correction, a row added by hand) is appended to `month_stats_changes` by triggers
//! or by `transactions::add`; readers add those on top, and `fold` merges them in.

use std::collections::BTreeMap;
use std::sync::Arc;

use foldhash::HashMap;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// The packed list's format, its first byte.
const FORMAT: u8 = 1;

/// One merchant and category's sums in a month.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sums {
    /// Amounts >= 0.
    pub in_sum: i64,
    pub in_count: i64,
    /// Amounts < 0 (a negative sum).
    pub out_sum: i64,
    pub out_count: i64,
    /// Bit d-1: money out on day d (kept when a payment goes).
    pub out_days: u32,
    /// The largest single payment and its transaction (kept when it goes).
    pub out_max: i64,
    pub out_max_id: Option<i64>,
}

impl Sums {
    fn add(&mut self, id: i64, day: u32, amount: i64) {
        if amount >= 0 {
            self.in_sum += amount;
            self.in_count += 1;
        } else {
            self.out_sum += amount;
            self.out_count += 1;
            self.out_days |= 1 << (day.clamp(1, 31) - 1);
            if -amount > self.out_max {
                self.out_max = -amount;
                self.out_max_id = Some(id);
            }
        }
    }

    fn remove(&mut self, amount: i64) {
        if amount >= 0 {
            self.in_sum -= amount;
            self.in_count -= 1;
        } else {
            self.out_sum -= amount;
            self.out_count -= 1;
        }
    }

    fn merge(&mut self, other: &Sums) {
        self.in_sum += other.in_sum;
        self.in_count += other.in_count;
        self.out_sum += other.out_sum;
        self.out_count += other.out_count;
        self.out_days |= other.out_days;
        if other.out_max > self.out_max {
            self.out_max = other.out_max;
            self.out_max_id = other.out_max_id;
        }
    }

    fn is_empty(&self) -> bool {
        self.in_count + self.out_count <= 0
    }
}

/// A merchant key (`""`: none) and category id (0: none) with its sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub merchant_key: String,
    pub category_id: i64,
    pub sums: Sums,
}

/// The sums of one month (`YYYY-MM`), account and currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    pub month: String,
    pub account_id: i64,
    pub currency: String,
    pub entries: Vec<Entry>,
}

type Entries = BTreeMap<(String, i64), Sums>;

fn encode(entries: &Entries) -> Vec<u8> {
    let list: Vec<Entry> = entries
        .iter()
        .filter(|(_, s)| !s.is_empty())
        .map(|((merchant_key, category_id), sums)| Entry {
            merchant_key: merchant_key.clone(),
            category_id: *category_id,
            sums: *sums,
        })
        .collect();
    let mut out = vec![FORMAT];
    out.extend(postcard::to_allocvec(&list).expect("plain data serializes"));
    out
}

fn decode(blob: &[u8]) -> rusqlite::Result<Vec<Entry>> {
    match blob.split_first() {
        Some((&FORMAT, rest)) => postcard::from_bytes(rest).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, e.into())
        }),
        _ => Err(rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Blob,
            "unknown month_stats format".into(),
        )),
    }
}

fn load(
    conn: &Connection,
    month: &str,
    account_id: i64,
    currency: &str,
) -> rusqlite::Result<Entries> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT entries FROM month_stats
             WHERE month = ?1 AND account_id = ?2 AND currency = ?3",
        )?
        .query_row(params![month, account_id, currency], |r| r.get(0))
        .optional()?;
    let mut out = Entries::new();
    for e in blob.as_deref().map_or(Ok(vec![]), decode)? {
        out.insert((e.merchant_key, e.category_id), e.sums);
    }
    Ok(out)
}

fn store(
    conn: &Connection,
    month: &str,
    account_id: i64,
    currency: &str,
    entries: &Entries,
) -> rusqlite::Result<()> {
    if entries.values().all(Sums::is_empty) {
        conn.prepare_cached(
            "DELETE FROM month_stats WHERE month = ?1 AND account_id = ?2 AND currency = ?3",
        )?
        .execute(params![month, account_id, currency])?;
    } else {
        conn.prepare_cached("INSERT OR REPLACE INTO month_stats VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![month, account_id, currency, encode(entries)])?;
    }
    Ok(())
}

/// Month (`YYYY-MM`), account, currency.
type MonthKey = ([u8; 7], i64, Arc<str>);

/// Month, account, currency, category (0: none): the key before the merchant.
type Key = ([u8; 7], i64, Arc<str>, i64);

type ByMerchant = HashMap<String, Sums>;

/// Sums of new transactions not yet merged into `month_stats`.
#[derive(Default)]
pub struct MonthStats {
    sums: HashMap<Key, ByMerchant>,
    len: usize,
}

impl MonthStats {
    /// Counts one new transaction (`date` is `YYYY-MM-DD`).
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        id: i64,
        date: &str,
        account_id: i64,
        currency: &Arc<str>,
        category_id: Option<i64>,
        merchant_key: &str,
        amount: i64,
    ) {
        let mut month = [0u8; 7];
        month.copy_from_slice(&date.as_bytes()[..7]);
        let inner = self
            .sums
            .entry((
                month,
                account_id,
                currency.clone(),
                category_id.unwrap_or(0),
            ))
            .or_default();
        let s = match inner.get_mut(merchant_key) {
            Some(s) => s,
            None => {
                self.len += 1;
                inner.entry(merchant_key.to_string()).or_default()
            }
        };
        s.add(id, day_of(date), amount);
    }

    /// How many (month, account, currency, category, merchant) sums are waiting.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Merges what was counted into `month_stats` and starts again.
    pub fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut months: BTreeMap<MonthKey, Vec<(i64, ByMerchant)>> = BTreeMap::new();
        for ((month, account, currency, category), new) in self.sums.drain() {
            months
                .entry((month, account, currency))
                .or_default()
                .push((category, new));
        }
        for ((month, account, currency), categories) in months {
            let month = month_str(&month);
            let mut entries = load(conn, month, account, &currency)?;
            for (category, new) in categories {
                for (merchant, s) in new {
                    entries.entry((merchant, category)).or_default().merge(&s);
                }
            }
            store(conn, month, account, &currency, &entries)?;
        }
        self.len = 0;
        Ok(())
    }
}

fn month_str(month: &[u8; 7]) -> &str {
    std::str::from_utf8(month).unwrap_or("0000-00")
}

fn day_of(date: &str) -> u32 {
    date.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1)
}

/// A change waiting in `month_stats_changes`.
struct Change {
    sign: i64,
    date: String,
    account_id: i64,
    currency: String,
    category_id: i64,
    merchant_key: String,
    amount: i64,
    id: i64,
}

fn apply(entries: &mut Entries, c: Change) {
    let s = entries.entry((c.merchant_key, c.category_id)).or_default();
    if c.sign > 0 {
        s.add(c.id, day_of(&c.date), c.amount);
    } else {
        s.remove(c.amount);
    }
}

/// Changes for months `from..=to` (`YYYY-MM`), in the order they were made.
fn changes(
    conn: &Connection,
    from: &str,
    to: &str,
    account: Option<i64>,
    currency: Option<&str>,
) -> rusqlite::Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{CHANGES} WHERE substr(date, 1, 7) BETWEEN ?1 AND ?2 AND (?3 IS NULL OR account_id = ?3)
           AND (?4 IS NULL OR currency = ?4)
         ORDER BY rowid"
    ))?;
    stmt.query_map(params![from, to, account, currency], change)?
        .collect()
}

const CHANGES: &str = "SELECT sign, date, account_id, currency, category_id, merchant_key,
    amount, tx_id FROM month_stats_changes";

fn change(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    Ok(Change {
        sign: r.get(0)?,
        date: r.get(1)?,
        account_id: r.get(2)?,
        currency: r.get(3)?,
        category_id: r.get(4)?,
        merchant_key: r.get(5)?,
        amount: r.get(6)?,
        id: r.get(7)?,
    })
}

/// Merges the waiting changes into `month_stats`.
pub fn fold(conn: &Connection) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(&format!("{CHANGES} ORDER BY rowid"))?;
    let mut rows = stmt.query([])?;
    let mut months: BTreeMap<(String, i64, String), Entries> = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let c = change(r)?;
        let key = (c.date[..7].to_string(), c.account_id, c.currency.clone());
        let entries = match months.get_mut(&key) {
            Some(e) => e,
            None => {
                let loaded = load(conn, &key.0, key.1, &key.2)?;
                months.entry(key).or_insert(loaded)
            }
        };
        apply(entries, c);
    }
    if months.is_empty() {
        return Ok(());
    }
    for ((month, account, currency), entries) in &months {
        store(conn, month, *account, currency, entries)?;
    }
    conn.execute("DELETE FROM month_stats_changes", [])?;
    Ok(())
}

/// The sums of months `from..=to` (`YYYY-MM`), of one account or all, one currency or
/// all, waiting changes included; in month order.
pub fn read(
    conn: &Connection,
    from: &str,
    to: &str,
    account: Option<i64>,
    currency: Option<&str>,
) -> rusqlite::Result<Vec<Month>> {
    let mut stmt = conn.prepare_cached(
        "SELECT month, account_id, currency, entries FROM month_stats
         WHERE month BETWEEN ?1 AND ?2 AND (?3 IS NULL OR account_id = ?3)
           AND (?4 IS NULL OR currency = ?4)
         ORDER BY month, account_id, currency",
    )?;
    let mut rows = stmt.query(params![from, to, account, currency])?;
    let mut out = vec![];
    while let Some(r) = rows.next()? {
        out.push(Month {
            month: r.get(0)?,
            account_id: r.get(1)?,
            currency: r.get(2)?,
            entries: decode(r.get_ref(3)?.as_blob()?)?,
        });
    }
    let pending = changes(conn, from, to, account, currency)?;
    if pending.is_empty() {
        return Ok(out);
    }
    // Months with changes are rebuilt with them.
    let mut months: BTreeMap<(String, i64, String), Entries> = out
        .into_iter()
        .map(|m| {
            let entries = m
                .entries
                .into_iter()
                .map(|e| ((e.merchant_key, e.category_id), e.sums))
                .collect();
            ((m.month, m.account_id, m.currency), entries)
        })
        .collect();
    for c in pending {
        let key = (c.date[..7].to_string(), c.account_id, c.currency.clone());
        apply(months.entry(key).or_default(), c);
    }
    Ok(months
        .into_iter()
        .map(|((month, account_id, currency), entries)| Month {
            month,
            account_id,
            currency,
            entries: entries
                .into_iter()
                .filter(|(_, s)| !s.is_empty())
                .map(|((merchant_key, category_id), sums)| Entry {
                    merchant_key,
                    category_id,
                    sums,
                })
                .collect(),
        })
        .filter(|m| !m.entries.is_empty())
        .collect())
}
