//! Periods on the command line: `--month 2026-03`, `--month last`, `--from`/`--to`.

use chrono::{Datelike, Months, NaiveDate};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PeriodError {
    #[error("`{0}` is not a month: give YYYY-MM, `this` or `last`")]
    Month(String),
    #[error("`{0}` is not a date: give YYYY-MM-DD")]
    Date(String),
    #[error("the period starts ({0}) after it ends ({1})")]
    Backwards(NaiveDate, NaiveDate),
}

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The calendar month `text` names: `YYYY-MM`, `this` or `last` (relative to `today`).
    pub fn month(text: &str, today: NaiveDate) -> Result<Period, PeriodError> {
        let first_of_this = today.with_day(1).expect("day 1 exists");
        let first = match text.trim() {
            "this" | "current" => first_of_this,
            "last" | "previous" => first_of_this - Months::new(1),
            t => NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d")
                .ok()
                .filter(|_| t.len() == 7)
                .ok_or_else(|| PeriodError::Month(t.to_string()))?,
        };
        Ok(Period::month_of(first))
    }

    /// The calendar month that holds `day`.
    pub fn month_of(day: NaiveDate) -> Period {
        let from = day.with_day(1).expect("day 1 exists");
        let to = from + Months::new(1) - chrono::Days::new(1);
        Period { from, to }
    }

    /// The same span of months, `n` months earlier (for "against the previous period").
    pub fn months_before(self, n: u32) -> Period {
        let from = self.from - Months::new(n);
        let to = (self.to + chrono::Days::new(1)) - Months::new(n) - chrono::Days::new(1);
        Period { from, to }
    }
}

/// A date as `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, PeriodError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| PeriodError::Date(text.to_string()))
}

/// `--month`, or `--from`/`--to` (either end open), as inclusive date bounds.
pub fn bounds(
    month: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    today: NaiveDate,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), PeriodError> {
    if let Some(m) = month {
        let p = Period::month(m, today)?;
        return Ok((Some(p.from), Some(p.to)));
    }
    let from = from.map(parse_date).transpose()?;
    let to = to.map(parse_date).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(PeriodError::Backwards(f, t));
    }
    Ok((from, to))
}

/// The year and month of a date, as `YYYY-MM`.
pub fn month_label(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn months_by_name_and_number() {
        let today = d("2026-03-31");
        assert_eq!(
            Period::month("last", today).unwrap(),
            Period {
                from: d("2026-02-01"),
                to: d("2026-02-28")
            }
        );
        assert_eq!(Period::month("this", today).unwrap().to, d("2026-03-31"));
        assert_eq!(Period::month("2024-02", today).unwrap().to, d("2024-02-29"));
        assert_eq!(
            Period::month("last", d("2026-01-15")).unwrap().from,
            d("2025-12-01")
        );
        for bad in ["2026-13", "2026-3", "march", "2026-03-01"] {
            assert!(Period::month(bad, today).is_err(), "{bad}");
        }
    }

    #[test]
    fn earlier_periods_keep_whole_months() {
        let march = Period::month("2026-03", d("2026-05-01")).unwrap();
        assert_eq!(
            march.months_before(1),
            Period {
                from: d("2026-02-01"),
                to: d("2026-02-28")
            }
        );
        assert_eq!(march.months_before(12).to, d("2025-03-31"));
    }

    #[test]
    fn bounds_from_flags() {
        let today = d("2026-03-10");
        assert_eq!(
            bounds(None, Some("2026-01-05"), None, today).unwrap(),
            (Some(d("2026-01-05")), None)
        );
        assert!(matches!(
            bounds(None, Some("2026-02-01"), Some("2026-01-01"), today),
            Err(PeriodError::Backwards(..))
        ));
        assert!(matches!(
            bounds(None, Some("01/02/2026"), None, today),
            Err(PeriodError::Date(_))
        ));
    }
}
