//! The figures of `smartspend report`, computed from the ledger: pure data, rendered
//! elsewhere. Every amount is integer minor units of one currency; currencies are never
//! summed together.
//!
//! Income is what income categories received (net of what they paid back) plus money in
//! without a category; spending is what expense categories cost (net of refunds) plus
//! money out without a category. Transfers (categories of kind `transfer`) are neither.

pub mod recurring;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::ledger::stats::{self, Entry, Month};
use crate::period::{Period, month_label};
use recurring::Recurring;

/// What to report on.
#[derive(Debug, Clone)]
pub struct Options {
    pub period: Period,
    pub account_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The period before, of the same length, for the changes.
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
    pub currencies: Vec<CurrencyReport>,
}

/// Income, spending, net and savings rate of a span of time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Totals {
    pub income: i64,
    pub spending: i64,
    pub net: i64,
    /// Net over income, when there was income.
    pub savings_rate: Option<f64>,
}

impl Totals {
    fn finish(income: i64, spending: i64) -> Totals {
        let net = income - spending;
        Totals {
            income,
            spending,
            net,
            savings_rate: (income > 0).then(|| net as f64 / income as f64),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CurrencyReport {
    pub currency: String,
    pub totals: Totals,
    pub previous: Totals,
    /// The monthly averages of the 3 and 12 months before the period, scaled to the
    /// period's length; None without that much history.
    pub average_3_months: Option<Totals>,
    pub average_12_months: Option<Totals>,
    /// Spending by category, largest first.
    pub categories: Vec<CategoryLine>,
    /// The 12 months up to the period's end, oldest first.
    pub trend: Vec<MonthLine>,
    pub top_merchants: Vec<MerchantLine>,
    pub largest: Vec<TxLine>,
    pub recurring: Vec<Recurring>,
    pub unusual: Vec<Unusual>,
    pub transactions: i64,
    pub uncategorized: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryLine {
    /// None: money out without a category.
    pub category: Option<String>,
    pub spent: i64,
    /// Of all spending in the period.
    pub share: f64,
    pub previous: i64,
    pub average_3_months: Option<i64>,
    pub average_12_months: Option<i64>,
    pub budget: Option<i64>,
}

impl CategoryLine {
    pub fn over_budget(&self) -> bool {
        self.budget.is_some_and(|b| self.spent > b)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthLine {
    pub month: String,
    pub income: i64,
    pub spending: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MerchantLine {
    pub merchant: String,
    pub spent: i64,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TxLine {
    pub id: i64,
    pub date: String,
    /// Positive minor units of money out.
    pub amount: i64,
    pub description: String,
    pub category: Option<String>,
}

/// A transaction far above what its merchant or category usually costs.
#[derive(Debug, Clone, Serialize)]
pub struct Unusual {
    #[serde(flatten)]
    pub tx: TxLine,
    /// What it is usually (the average of the 12 months before), and against what.
    pub usual: i64,
    pub compared_with: String,
}

const TOP: usize = 5;

/// Average days in a month, for scaling.
const MONTH_DAYS: f64 = 30.436875;

pub fn build(conn: &Connection, opts: &Options) -> rusqlite::Result<Report> {
    let p = opts.period;
    let period_months = whole_months(p);
    let months = period_months.map_or_else(
        || ((p.to - p.from).num_days() + 1) as f64 / MONTH_DAYS,
        f64::from,
    );
    let previous = match period_months {
        Some(n) => p.months_before(n),
        None => {
            let len = Days::new(((p.to - p.from).num_days() + 1) as u64);
            Period {
                from: p.from - len,
                to: p.to - len,
            }
        }
    };
    let kinds = category_kinds(conn)?;
    let acct = opts.account_id;

    // Months for the trend (12 up to the period's end) and the averages (12 before it).
    let first_month = p.from.with_day(1).expect("day 1") - Months::new(12);
    let trend_start = p.to.with_day(1).expect("day 1") - Months::new(11);
    // The monthly sums every part below reads: from the recurring payments' window (13
    // months up to the period's end) or the averages' (12 before it), to the period's end.
    let stats = stats::read(
        conn,
        &month_label(first_month.min(trend_start - Months::new(1))),
        &month_label(p.to),
        acct,
        None,
    )?;
    let monthly = sums_by_month(&stats);
    // A period of whole months (and the one before it) is a sum of those months.
    let by_category = |from: NaiveDate, to: NaiveDate| match whole_months(Period { from, to }) {
        Some(_) if from >= first_month.min(trend_start) => {
            let (a, b) = (month_label(from), month_label(to));
            let mut sums: BTreeMap<(String, Option<i64>), Flow> = BTreeMap::new();
            for ((currency, month, category), f) in &monthly {
                if *month >= a && *month <= b {
                    let s = sums.entry((currency.clone(), *category)).or_default();
                    s.inflow += f.inflow;
                    s.outflow += f.outflow;
                    s.count += f.count;
                }
            }
            Ok(sums)
        }
        _ => sums_by_category(conn, from, to, acct),
    };
    let now = by_category(p.from, p.to)?;
    let before = by_category(previous.from, previous.to)?;
    let budgets = budgets(conn, p)?;

    let mut currencies: Vec<String> = now.keys().map(|k| k.0.clone()).collect();
    currencies.dedup();
    let mut out = vec![];
    for currency in currencies {
        let cur = |m: &BTreeMap<(String, Option<i64>), Flow>| -> Vec<(Option<i64>, Flow)> {
            m.iter()
                .filter(|(k, _)| k.0 == currency)
                .map(|(k, v)| (k.1, *v))
                .collect()
        };
        let now_c = cur(&now);
        let before_c = cur(&before);
        let totals = totals(&now_c, &kinds);
        let month_flows = |from: NaiveDate, n: u32| -> Option<Vec<Flows>> {
            let months: Vec<String> = (0..n).map(|i| month_label(from + Months::new(i))).collect();
            // Averages need the whole span in the ledger's history.
            let known = monthly.keys().any(|k| k.0 == currency && k.1 <= months[0]);
            known.then(|| {
                months
                    .iter()
                    .map(|m| {
                        monthly
                            .iter()
                            .filter(|(k, _)| k.0 == currency && &k.1 == m)
                            .map(|(k, v)| (k.2, *v))
                            .collect()
                    })
                    .collect()
            })
        };
        let start = p.from.with_day(1).expect("day 1");
        let average = |n: u32| {
            month_flows(start - Months::new(n), n).map(|ms| {
                let t: Vec<Totals> = ms.iter().map(|m| self::totals(m, &kinds)).collect();
                let scale = months / f64::from(n);
                let sum = |f: fn(&Totals) -> i64| {
                    (t.iter().map(f).sum::<i64>() as f64 * scale).round() as i64
                };
                Totals::finish(sum(|t| t.income), sum(|t| t.spending))
            })
        };
        let by_category = |n: u32| {
            month_flows(start - Months::new(n), n).map(|ms| {
                let mut sums: BTreeMap<Option<i64>, i64> = BTreeMap::new();
                for m in &ms {
                    for (c, f) in m {
                        if let Some(s) = spent(*c, *f, &kinds) {
                            *sums.entry(*c).or_default() += s;
                        }
                    }
                }
                sums.into_iter()
                    .map(|(c, s)| (c, (s as f64 * months / f64::from(n)).round() as i64))
                    .collect::<BTreeMap<_, _>>()
            })
        };
        let (avg3_by_category, avg12_by_category) = (by_category(3), by_category(12));
        let mut categories: Vec<CategoryLine> = vec![];
        let mut seen: Vec<Option<i64>> = vec![];
        for (c, f) in now_c.iter().chain(before_c.iter()) {
            if seen.contains(c) {
                continue;
            }
            seen.push(*c);
            let spent_now = now_c
                .iter()
                .find(|x| x.0 == *c)
                .and_then(|x| spent(*c, x.1, &kinds))
                .unwrap_or(0);
            let Some(_) = spent(*c, *f, &kinds) else {
                continue;
            };
            categories.push(CategoryLine {
                category: c.map(|id| kinds.get(&id).map_or_else(String::new, |k| k.0.clone())),
                spent: spent_now,
                share: 0.0,
                previous: before_c
                    .iter()
                    .find(|x| x.0 == *c)
                    .and_then(|x| spent(*c, x.1, &kinds))
                    .unwrap_or(0),
                average_3_months: avg3_by_category
                    .as_ref()
                    .map(|a| a.get(c).copied().unwrap_or(0)),
                average_12_months: avg12_by_category
                    .as_ref()
                    .map(|a| a.get(c).copied().unwrap_or(0)),
                budget: c.and_then(|id| budgets.get(&(id, currency.clone())).copied()),
            });
        }
        // Budgeted categories with nothing spent yet show too.
        for ((id, cur), b) in &budgets {
            if *cur == currency && !seen.contains(&Some(*id)) {
                categories.push(CategoryLine {
                    category: kinds.get(id).map(|k| k.0.clone()),
                    spent: 0,
                    share: 0.0,
                    previous: 0,
                    average_3_months: None,
                    average_12_months: None,
                    budget: Some(*b),
                });
            }
        }
        let total_spent: i64 = categories.iter().map(|c| c.spent.max(0)).sum();
        for c in &mut categories {
            c.share = if total_spent > 0 {
                c.spent.max(0) as f64 / total_spent as f64
            } else {
                0.0
            };
        }
        categories.sort_by(|a, b| b.spent.cmp(&a.spent).then(a.category.cmp(&b.category)));
        let trend = (0..12)
            .map(|i| {
                let m = month_label(trend_start + Months::new(i));
                let flows: Vec<(Option<i64>, Flow)> = monthly
                    .iter()
                    .filter(|(k, _)| k.0 == currency && k.1 == m)
                    .map(|(k, v)| (k.2, *v))
                    .collect();
                let t = self::totals(&flows, &kinds);
                MonthLine {
                    month: m,
                    income: t.income,
                    spending: t.spending,
                }
            })
            .collect();
        let count: i64 = now_c.iter().map(|x| x.1.count).sum();
        let uncategorized = now_c
            .iter()
            .filter(|x| x.0.is_none())
            .map(|x| x.1.count)
            .sum();
        let (average_3_months, average_12_months) = (average(3), average(12));
        let top_merchants = top_merchants(conn, &stats, p, acct, &currency, &kinds)?;
        let (largest, unusual) = largest_and_unusual(conn, &stats, p, acct, &currency, &kinds)?;
        let recurring = find_recurring(&stats, p, &currency, &kinds);
        out.push(CurrencyReport {
            top_merchants,
            largest,
            recurring,
            unusual,
            currency: currency.clone(),
            totals,
            previous: self::totals(&before_c, &kinds),
            average_3_months,
            average_12_months,
            categories,
            trend,
            transactions: count,
            uncategorized,
        });
    }
    Ok(Report {
        from: p.from,
        to: p.to,
        previous_from: previous.from,
        previous_to: previous.to,
        currencies: out,
    })
}

/// The number of calendar months a period spans exactly, if it does.
fn whole_months(p: Period) -> Option<u32> {
    let next = p.to + Days::new(1);
    (p.from.day() == 1 && next.day() == 1).then(|| {
        let months =
            (next.year() - p.from.year()) * 12 + next.month() as i32 - p.from.month() as i32;
        months.max(1) as u32
    })
}

/// Money in and out by category (None: uncategorized).
type Flows = Vec<(Option<i64>, Flow)>;

/// Money in and out of one group of transactions.
#[derive(Debug, Clone, Copy, Default)]
struct Flow {
    inflow: i64,
    outflow: i64,
    count: i64,
}

impl Flow {
    fn add(&mut self, e: &Entry) {
        self.inflow += e.sums.in_sum;
        self.outflow += e.sums.out_sum;
        self.count += e.sums.in_count + e.sums.out_count;
    }
}

/// Category id to (name, kind).
fn category_kinds(conn: &Connection) -> rusqlite::Result<BTreeMap<i64, (String, String)>> {
    let mut stmt = conn.prepare("SELECT id, name, kind FROM categories")?;
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect()
}

/// What a category spent (net of refunds), or None for income and transfers.
fn spent(c: Option<i64>, f: Flow, kinds: &BTreeMap<i64, (String, String)>) -> Option<i64> {
    match c.and_then(|id| kinds.get(&id)).map(|k| k.1.as_str()) {
        None if c.is_none() => (f.outflow != 0).then_some(-f.outflow),
        Some("expense") | None => Some(-(f.inflow + f.outflow)),
        _ => None,
    }
}

fn totals(flows: &[(Option<i64>, Flow)], kinds: &BTreeMap<i64, (String, String)>) -> Totals {
    let (mut income, mut spending) = (0, 0);
    for (c, f) in flows {
        match c.and_then(|id| kinds.get(&id)).map(|k| k.1.as_str()) {
            _ if c.is_none() => {
                income += f.inflow;
                spending -= f.outflow;
            }
            Some("income") => income += f.inflow + f.outflow,
            Some("transfer") => {}
            _ => spending -= f.inflow + f.outflow,
        }
    }
    Totals::finish(income, spending)
}

const ACCOUNT: &str = "(?3 IS NULL OR t.account_id = ?3)";

fn sums_by_category(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    account: Option<i64>,
) -> rusqlite::Result<BTreeMap<(String, Option<i64>), Flow>> {
    let read = |r: &rusqlite::Row<'_>| {
        Ok((
            (r.get(0)?, r.get(1)?),
            Flow {
                inflow: r.get(2)?,
                outflow: r.get(3)?,
                count: r.get(4)?,
            },
        ))
    };
    // Whole months come from the monthly sums; other spans from the transactions.
    if whole_months(Period { from, to }).is_some() {
        let months = stats::read(conn, &month_label(from), &month_label(to), account, None)?;
        let mut sums: BTreeMap<(String, Option<i64>), Flow> = BTreeMap::new();
        for m in &months {
            for e in &m.entries {
                sums.entry((m.currency.clone(), category(e)))
                    .or_default()
                    .add(e);
            }
        }
        return Ok(sums);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.currency, t.category_id,
                sum(CASE WHEN t.amount >= 0 THEN t.amount ELSE 0 END),
                sum(CASE WHEN t.amount < 0 THEN t.amount ELSE 0 END), count(*)
         FROM transactions t
         WHERE t.date BETWEEN ?1 AND ?2 AND {ACCOUNT}
         GROUP BY 1, 2"
    ))?;
    stmt.query_map(params![iso(from), iso(to), account], read)?
        .collect()
}

type MonthKey = (String, String, Option<i64>);

fn sums_by_month(months: &[Month]) -> BTreeMap<MonthKey, Flow> {
    let mut out: BTreeMap<MonthKey, Flow> = BTreeMap::new();
    for m in months {
        for e in &m.entries {
            out.entry((m.currency.clone(), m.month.clone(), category(e)))
                .or_default()
                .add(e);
        }
    }
    out
}

/// An entry's category (None: uncategorized).
fn category(e: &Entry) -> Option<i64> {
    (e.category_id != 0).then_some(e.category_id)
}

/// Whether an entry's category is a transfer.
fn is_transfer(e: &Entry, kinds: &BTreeMap<i64, (String, String)>) -> bool {
    kinds.get(&e.category_id).is_some_and(|k| k.1 == "transfer")
}

/// The entries of one currency in months `from..=to`.
fn entries<'a>(
    months: &'a [Month],
    from: NaiveDate,
    to: NaiveDate,
    currency: &'a str,
) -> impl Iterator<Item = (&'a Month, &'a Entry)> {
    let (from, to) = (month_label(from), month_label(to));
    months
        .iter()
        .filter(move |m| m.currency == currency && m.month >= from && m.month <= to)
        .flat_map(|m| m.entries.iter().map(move |e| (m, e)))
}

/// Budgets for the period by (category, currency): each month's own budget, or the
/// every-month one; scaled for a period that is not whole months.
fn budgets(conn: &Connection, p: Period) -> rusqlite::Result<BTreeMap<(i64, String), i64>> {
    let mut stmt = conn.prepare("SELECT category_id, month, amount, currency FROM budgets")?;
    let rows: Vec<(i64, String, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = BTreeMap::new();
    let first = p.from.with_day(1).expect("day 1");
    let mut month = first;
    while month <= p.to {
        let label = month_label(month);
        let m = Period::month_of(month);
        // The share of this month inside the period.
        let days = (m.to.min(p.to) - m.from.max(p.from)).num_days() + 1;
        let share = days as f64 / ((m.to - m.from).num_days() + 1) as f64;
        let mut keys: Vec<(i64, String)> = rows.iter().map(|r| (r.0, r.3.clone())).collect();
        keys.dedup();
        for key in keys {
            let own = rows
                .iter()
                .find(|r| r.0 == key.0 && r.3 == key.1 && r.1 == label);
            let every = rows
                .iter()
                .find(|r| r.0 == key.0 && r.3 == key.1 && r.1.is_empty());
            if let Some(b) = own.or(every) {
                *out.entry(key).or_insert(0) += (b.2 as f64 * share).round() as i64;
            }
        }
        month = month + Months::new(1);
    }
    Ok(out)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Money out that is not a transfer.
const SPENDING: &str = "t.amount < 0 AND coalesce(c.kind, 'expense') != 'transfer'";

fn top_merchants(
    conn: &Connection,
    months: &[Month],
    p: Period,
    account: Option<i64>,
    currency: &str,
    kinds: &BTreeMap<i64, (String, String)>,
) -> rusqlite::Result<Vec<MerchantLine>> {
    if whole_months(p).is_some() {
        let mut by_merchant: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
        for (_, e) in entries(months, p.from, p.to, currency) {
            if e.sums.out_count > 0 && !e.merchant_key.is_empty() && !is_transfer(e, kinds) {
                let m = by_merchant.entry(&e.merchant_key).or_default();
                m.0 -= e.sums.out_sum;
                m.1 += e.sums.out_count;
            }
        }
        let mut lines: Vec<MerchantLine> = by_merchant
            .into_iter()
            .map(|(merchant, (spent, count))| MerchantLine {
                merchant: merchant.to_string(),
                spent,
                count,
            })
            .collect();
        lines.sort_by(|a, b| b.spent.cmp(&a.spent).then(a.merchant.cmp(&b.merchant)));
        lines.truncate(TOP);
        return Ok(lines);
    }
    let read = |r: &rusqlite::Row<'_>| {
        Ok(MerchantLine {
            merchant: r.get(0)?,
            spent: r.get(1)?,
            count: r.get(2)?,
        })
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT t.merchant_key, -sum(t.amount), count(*)
         FROM transactions t LEFT JOIN categories c ON c.id = t.category_id
         WHERE t.date BETWEEN ?1 AND ?2 AND {ACCOUNT} AND t.currency = ?4 AND {SPENDING}
           AND t.merchant_key != ''
         GROUP BY t.merchant_key ORDER BY 2 DESC, 1 LIMIT {TOP}"
    ))?;
    stmt.query_map(params![iso(p.from), iso(p.to), account, currency], read)?
        .collect()
}

fn tx_line(r: &rusqlite::Row<'_>) -> rusqlite::Result<TxLine> {
    Ok(TxLine {
        id: r.get(0)?,
        date: r.get(1)?,
        amount: r.get(2)?,
        description: r.get(3)?,
        category: r.get(4)?,
    })
}

/// Recurring payments seen in the 13 months up to the period's end (weekly to quarterly),
/// active in the period or stopped in the three months before it. Read from the monthly sums: the days of the
/// month with money out, and the average payment of each month.
fn find_recurring(
    months: &[Month],
    p: Period,
    currency: &str,
    kinds: &BTreeMap<i64, (String, String)>,
) -> Vec<Recurring> {
    let window = p.to.with_day(1).expect("day 1") - Months::new(12);
    let recent = p.from - Months::new(3);
    // Per merchant: whether it is a transfer, and per month (sum, count, days).
    type ByMonth<'a> = BTreeMap<&'a str, (i64, i64, u32)>;
    let mut merchants: foldhash::HashMap<&str, (bool, ByMonth)> = Default::default();
    for (m, e) in entries(months, window, p.to, currency) {
        if e.sums.out_count <= 0 || e.merchant_key.is_empty() {
            continue;
        }
        let entry = merchants.entry(&e.merchant_key).or_default();
        entry.0 |= is_transfer(e, kinds);
        let month = entry.1.entry(&m.month).or_default();
        month.0 += e.sums.out_sum;
        month.1 += e.sums.out_count;
        month.2 |= e.sums.out_days;
    }
    let mut out = vec![];
    for (key, (transfer, months)) in merchants {
        // A few payments a month at most, and not all in the past.
        let busiest = months.values().map(|m| m.1).max().unwrap_or(0);
        if transfer || months.len() < 2 || busiest > 6 {
            continue;
        }
        let mut payments = vec![];
        for (month, &(sum, count, days)) in &months {
            let Ok(first) = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d") else {
                continue;
            };
            let per_payment = -sum / count.max(1);
            for d in 0..31 {
                if days & (1 << d) != 0
                    && let Some(day) = first.with_day(d + 1)
                {
                    payments.push((day, per_payment));
                }
            }
        }
        if let Some(r) = recurring::detect(key, &payments, p.from, p.to)
            && (!r.stopped || r.last >= recent)
        {
            out.push(r);
        }
    }
    out.sort_by(|a, b| {
        b.monthly_cost
            .cmp(&a.monthly_cost)
            .then(a.merchant.cmp(&b.merchant))
    });
    out
}

/// What merchants and categories usually cost in the 12 months before the period:
/// (payments, total out) by merchant key and by category id.
type Usual = (BTreeMap<String, (i64, i64)>, BTreeMap<i64, (i64, i64)>);

fn usual(months: &[Month], p: Period, currency: &str) -> Usual {
    let start = p.from.with_day(1).expect("day 1");
    let mut merchants: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut categories: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    let (from, to) = (start - Months::new(12), start - Months::new(1));
    for (_, e) in entries(months, from, to, currency) {
        let (n, total) = (e.sums.out_count, -e.sums.out_sum);
        if n <= 0 {
            continue;
        }
        let m = merchants.entry(e.merchant_key.clone()).or_default();
        m.0 += n;
        m.1 += total;
        if e.category_id != 0 {
            let c = categories.entry(e.category_id).or_default();
            c.0 += n;
            c.1 += total;
        }
    }
    (merchants, categories)
}

/// The usual payment a payment is compared with: its merchant's average (with three
/// payments or more before; unusual at three times that), or its category's (with ten or
/// more; unusual at five times). (usual, times, compared with what)
fn usual_for(
    usual: &Usual,
    merchant: &str,
    category: Option<i64>,
    kinds: &BTreeMap<i64, (String, String)>,
) -> Option<(i64, i64, String)> {
    usual
        .0
        .get(merchant)
        .filter(|m| m.0 >= 3 && !merchant.is_empty())
        .map(|m| (m.1 / m.0, 3, "this merchant".to_string()))
        .or_else(|| {
            let id = category?;
            let c = usual.1.get(&id).filter(|c| c.0 >= 10)?;
            let name = kinds.get(&id).map_or_else(String::new, |k| k.0.clone());
            Some((c.1 / c.0, 5, name))
        })
}

/// The largest payments of the period, and those far above what is usual for their
/// merchant or category (never for small sums: at least 20 units above the usual). For
/// whole months, only each merchant's largest payment of each month is looked at (from the
/// monthly sums); other periods read every payment.
fn largest_and_unusual(
    conn: &Connection,
    months: &[Month],
    p: Period,
    account: Option<i64>,
    currency: &str,
    kinds: &BTreeMap<i64, (String, String)>,
) -> rusqlite::Result<(Vec<TxLine>, Vec<Unusual>)> {
    let exponent = crate::money::exponent(currency).unwrap_or(2);
    let floor = 20 * 10i64.pow(exponent);
    let usual = usual(months, p, currency);
    // Candidates: (amount, id, merchant, category).
    let mut candidates: Vec<(i64, i64, String, Option<i64>)> = if whole_months(p).is_some() {
        entries(months, p.from, p.to, currency)
            .filter(|(_, e)| !is_transfer(e, kinds))
            .filter_map(|(_, e)| {
                let id = e.sums.out_max_id?;
                Some((e.sums.out_max, id, e.merchant_key.clone(), category(e)))
            })
            .collect()
    } else {
        let mut stmt = conn.prepare(&format!(
            "SELECT -t.amount, t.id, t.merchant_key, t.category_id
             FROM transactions t LEFT JOIN categories c ON c.id = t.category_id
             WHERE t.date BETWEEN ?1 AND ?2 AND {ACCOUNT} AND t.currency = ?4 AND {SPENDING}"
        ))?;
        stmt.query_map(params![iso(p.from), iso(p.to), account, currency], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?
    };
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut odd: Vec<(f64, i64, i64, String)> = candidates
        .iter()
        .filter_map(|(amount, id, merchant, category)| {
            let (u, times, what) = usual_for(&usual, merchant, *category, kinds)?;
            (*amount > times * u && amount - u >= floor)
                .then(|| (*amount as f64 / u.max(1) as f64, *id, u, what))
        })
        .collect();
    odd.sort_by(|a, b| b.0.total_cmp(&a.0));
    // The transactions themselves, checked against the period (the monthly sums keep a
    // largest payment that was since moved or deleted).
    let mut fetch = conn.prepare(&format!(
        "SELECT t.id, t.date, -t.amount, t.description, c.name
         FROM transactions t LEFT JOIN categories c ON c.id = t.category_id
         WHERE t.id = ?1 AND t.date BETWEEN ?2 AND ?3 AND t.currency = ?4 AND {SPENDING}"
    ))?;
    let mut get = |id: i64| -> rusqlite::Result<Option<TxLine>> {
        fetch
            .query_row(params![id, iso(p.from), iso(p.to), currency], tx_line)
            .optional()
    };
    let mut largest = vec![];
    for (_, id, _, _) in &candidates {
        if largest.len() == TOP {
            break;
        }
        if let Some(t) = get(*id)? {
            largest.push(t);
        }
    }
    let mut unusual = vec![];
    for (_, id, usual, compared_with) in odd {
        if unusual.len() == TOP {
            break;
        }
        if let Some(tx) = get(id)? {
            unusual.push(Unusual {
                tx,
                usual,
                compared_with,
            });
        }
    }
    Ok((largest, unusual))
}
