//! Adding new transactions to `month_stats` (the sums reports read), in batches.

use std::collections::BTreeMap;
use std::sync::Arc;

use foldhash::HashMap;
use rusqlite::{Connection, params};

/// Month (`YYYY-MM`), account, currency, category (0: none): the key before the merchant.
type Outer = ([u8; 7], i64, Arc<str>, i64);

/// In sum, in count, out sum, out count, out days, largest payment, its transaction.
#[derive(Default, Clone, Copy)]
struct Sums {
    in_sum: i64,
    in_count: i64,
    out_sum: i64,
    out_count: i64,
    out_days: u32,
    out_max: i64,
    out_max_id: Option<i64>,
}

/// Sums of transactions not yet written to `month_stats`.
#[derive(Default)]
pub struct MonthStats {
    sums: HashMap<Outer, HashMap<String, Sums>>,
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
        if amount >= 0 {
            s.in_sum += amount;
            s.in_count += 1;
        } else {
            s.out_sum += amount;
            s.out_count += 1;
            let day: u32 = date[8..10].parse().unwrap_or(1);
            s.out_days |= 1 << (day.clamp(1, 31) - 1);
            if -amount > s.out_max {
                s.out_max = -amount;
                s.out_max_id = Some(id);
            }
        }
    }

    /// How many (month, account, currency, category, merchant) sums are waiting.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds what was counted to `month_stats` (in key order, which is fastest) and starts
    /// again.
    pub fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let mut upsert = conn.prepare_cached(
            "INSERT INTO month_stats VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT DO UPDATE SET in_sum = in_sum + excluded.in_sum,
                 in_count = in_count + excluded.in_count, out_sum = out_sum + excluded.out_sum,
                 out_count = out_count + excluded.out_count,
                 out_days = out_days | excluded.out_days,
                 out_max_id = CASE WHEN excluded.out_max > out_max THEN excluded.out_max_id
                                   ELSE out_max_id END,
                 out_max = max(out_max, excluded.out_max)",
        )?;
        let sorted: BTreeMap<Outer, HashMap<String, Sums>> = self.sums.drain().collect();
        for ((month, account, currency, category), inner) in sorted {
            let month = std::str::from_utf8(&month).unwrap_or("0000-00");
            let inner: BTreeMap<String, Sums> = inner.into_iter().collect();
            for (merchant, s) in inner {
                upsert.execute(params![
                    month,
                    account,
                    &*currency,
                    category,
                    merchant,
                    s.in_sum,
                    s.in_count,
                    s.out_sum,
                    s.out_count,
                    s.out_days,
                    s.out_max,
                    s.out_max_id
                ])?;
            }
        }
        self.len = 0;
        Ok(())
    }
}
