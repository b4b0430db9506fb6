//! Recurring payments: the same merchant at a regular interval with a similar amount
//! (subscriptions, debit orders, rent), found in a merchant's dated payments.

use chrono::NaiveDate;
use serde::Serialize;

/// How often a recurring payment comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    Weekly,
    Fortnightly,
    Monthly,
    Quarterly,
}

impl Cadence {
    /// Typical days between payments, and how far one interval may stray from it.
    fn days(self) -> (f64, f64) {
        match self {
            Cadence::Weekly => (7.0, 1.5),
            Cadence::Fortnightly => (14.0, 2.5),
            Cadence::Monthly => (30.44, 4.5),
            Cadence::Quarterly => (91.3, 10.0),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Fortnightly => "fortnightly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
        }
    }
}

/// A recurring payment and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recurring {
    pub merchant: String,
    pub cadence: Cadence,
    /// The latest amount, positive minor units.
    pub amount: i64,
    /// What it costs a month at the latest amount.
    pub monthly_cost: i64,
    pub count: usize,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The amount before the latest, when it changed.
    pub previous_amount: Option<i64>,
    /// No payment for more than one and a half intervals before the end of the period.
    pub stopped: bool,
    /// The first payment fell in the period.
    pub new: bool,
}

/// Finds a recurring pattern in one merchant's payments (date, positive amount), sorted
/// by date. `from` and `to` are the period reported on.
pub fn detect(
    merchant: &str,
    payments: &[(NaiveDate, i64)],
    from: NaiveDate,
    to: NaiveDate,
) -> Option<Recurring> {
    // Several payments on one day (a split order) count once.
    let mut days: Vec<(NaiveDate, i64)> = Vec::with_capacity(payments.len());
    for &(d, a) in payments {
        match days.last_mut() {
            Some(last) if last.0 == d => last.1 += a,
            _ => days.push((d, a)),
        }
    }
    let n = days.len();
    let gaps: Vec<f64> = days
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).num_days() as f64)
        .collect();
    let cadence = [
        Cadence::Weekly,
        Cadence::Fortnightly,
        Cadence::Monthly,
        Cadence::Quarterly,
    ]
    .into_iter()
    .find(|c| {
        let (typical, slack) = c.days();
        n >= 3
            && gaps
                .iter()
                .filter(|g| (**g - typical).abs() <= slack)
                .count() as f64
                >= 0.8 * gaps.len() as f64
    })?;
    // Similar amounts: most within a quarter of the median (a price change is allowed).
    let mut amounts: Vec<i64> = days.iter().map(|d| d.1).collect();
    amounts.sort_unstable();
    let median = amounts[n / 2] as f64;
    let similar = days
        .iter()
        .filter(|d| (d.1 as f64 - median).abs() <= 0.25 * median)
        .count();
    if (similar as f64) < 0.75 * n as f64 || median <= 0.0 {
        return None;
    }
    let (typical, _) = cadence.days();
    let (last_day, amount) = days[n - 1];
    let previous = days[n - 2].1;
    let changed = (amount - previous).abs() * 100 > previous;
    Some(Recurring {
        merchant: merchant.to_string(),
        cadence,
        amount,
        monthly_cost: (amount as f64 * 30.44 / typical).round() as i64,
        count: n,
        first: days[0].0,
        last: last_day,
        previous_amount: changed.then_some(previous),
        stopped: ((to - last_day).num_days() as f64) > 1.5 * typical,
        new: days[0].0 >= from,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn monthly(start: &str, n: u32, amount: i64) -> Vec<(NaiveDate, i64)> {
        (0..n)
            .map(|i| (d(start) + chrono::Months::new(i), amount))
            .collect()
    }

    #[test]
    fn a_monthly_subscription_with_a_price_change() {
        let mut p = monthly("2025-01-15", 10, 1299);
        p.push((d("2025-11-16"), 1499));
        let r = detect("netflix", &p, d("2025-11-01"), d("2025-11-30")).unwrap();
        assert_eq!(r.cadence, Cadence::Monthly);
        assert_eq!(r.amount, 1499);
        assert_eq!(r.previous_amount, Some(1299));
        assert_eq!(r.monthly_cost, 1499);
        assert!(!r.stopped && !r.new);
        assert_eq!(r.count, 11);
    }

    #[test]
    fn stopped_new_weekly_and_quarterly() {
        let gym = monthly("2025-01-03", 5, 3000);
        let r = detect("gym", &gym, d("2025-11-01"), d("2025-11-30")).unwrap();
        assert!(r.stopped, "last paid in May");
        let weekly: Vec<_> = (0..6)
            .map(|i| (d("2025-11-02") + chrono::Days::new(7 * i), 500))
            .collect();
        let r = detect("cleaner", &weekly, d("2025-11-01"), d("2025-12-31")).unwrap();
        assert_eq!((r.cadence, r.new), (Cadence::Weekly, true));
        assert_eq!(r.monthly_cost, 2174);
        let quarterly = [
            (d("2024-09-01"), 9900),
            (d("2024-12-01"), 9900),
            (d("2025-03-02"), 9900),
        ];
        assert_eq!(
            detect("water", &quarterly, d("2025-03-01"), d("2025-03-31"))
                .unwrap()
                .cadence,
            Cadence::Quarterly
        );
    }

    #[test]
    fn irregular_or_varied_payments_are_not_recurring() {
        let shop = [
            (d("2025-01-03"), 2000),
            (d("2025-01-09"), 5000),
            (d("2025-02-20"), 1200),
            (d("2025-04-01"), 3000),
        ];
        assert!(detect("shop", &shop, d("2025-04-01"), d("2025-04-30")).is_none());
        // Monthly, but the amounts are all over the place: groceries, not a debit order.
        let varied: Vec<_> = monthly("2025-01-05", 6, 0)
            .into_iter()
            .zip([1000, 8000, 2500, 12000, 400, 6000])
            .map(|((day, _), a)| (day, a))
            .collect();
        assert!(detect("market", &varied, d("2025-06-01"), d("2025-06-30")).is_none());
        assert!(
            detect(
                "once",
                &monthly("2025-01-05", 2, 999),
                d("2025-02-01"),
                d("2025-02-28")
            )
            .is_none()
        );
    }
}
