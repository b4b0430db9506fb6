//! Money as integer minor units with an ISO 4217 currency; never a float.

use std::fmt::Write;

/// Digits after the decimal point for a currency (EUR 2, JPY 0, KWD 3), or None when
/// the code is not an ISO 4217 currency.
pub fn exponent(code: &str) -> Option<u32> {
    let currency = iso_currency::Currency::from_code(&code.to_ascii_uppercase())?;
    Some(currency.exponent().map_or(0, u32::from))
}

/// `-123456` with exponent 2 -> "-1234.56".
pub fn format_minor(minor: i64, exponent: u32) -> String {
    let mut s = String::new();
    if minor < 0 {
        s.push('-');
    }
    let abs = minor.unsigned_abs();
    if exponent == 0 {
        let _ = write!(s, "{abs}");
        return s;
    }
    let scale = 10u64.pow(exponent);
    let _ = write!(
        s,
        "{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = exponent as usize
    );
    s
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("is empty")]
    Empty,
    #[error("is not a number")]
    NotANumber,
    #[error("has more than {0} decimal places")]
    TooPrecise(u32),
    #[error("is too large")]
    TooLarge,
}

/// How a bank writes numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    pub decimal: char,
    /// Grouping separator, dropped wherever it appears between digits.
    pub thousands: Option<char>,
}

impl NumberFormat {
    pub const POINT: NumberFormat = NumberFormat {
        decimal: '.',
        thousands: Some(','),
    };
    pub const COMMA: NumberFormat = NumberFormat {
        decimal: ',',
        thousands: Some('.'),
    };
}

pub const CURRENCY_SIGNS: &[char] = &[
    '$', '€', '£', '¥', '₹', '₩', '₪', '₺', '₽', '฿', '₫', '₦', '₱', '₴', '₡',
];

/// Letters that stand for a currency next to an amount: ISO codes ("EUR"), and local
/// signs written in letters ("R" for rand, "kr", "zł", the "A" of "A$").
fn is_currency_word(word: &str) -> bool {
    (word.len() == 3 && word.chars().all(|c| c.is_ascii_alphabetic()) && exponent(word).is_some())
        || matches!(
            word.to_lowercase().as_str(),
            "r" | "kr" | "zł" | "fr" | "rs" | "lei" | "a" | "us" | "c" | "ca" | "nz" | "hk" | "s"
        )
}

/// Drops currency signs and codes at either end; anything else stays (and then fails
/// to parse, so that "4.5x" is an error, not 4.50).
fn strip_currency(mut s: &str) -> &str {
    let digit_at = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    if digit_at(s.as_bytes().first()) && digit_at(s.as_bytes().last()) {
        return s;
    }
    loop {
        let before = s;
        s = s
            .trim()
            .trim_matches(|c| CURRENCY_SIGNS.contains(&c))
            .trim();
        let lead = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
        if lead > 0 && is_currency_word(&s[..lead]) {
            s = &s[lead..];
        }
        let tail = s
            .rfind(|c: char| !c.is_alphabetic())
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        if tail < s.len() && is_currency_word(&s[tail..]) {
            s = &s[..tail];
        }
        if s == before {
            return s;
        }
    }
}

/// Parses a bank's amount text into minor units.
///
/// Accepts a sign before or after the number (`-12.50`, `12.50-`), accounting negatives
/// `(12.50)`, `CR`/`DR` suffixes, currency symbols or codes around the number
/// (`$1,234.50`, `R 1 234,50`, `12,50 EUR`), and spaces or the configured separator as
/// thousands grouping.
pub fn parse_amount(text: &str, fmt: NumberFormat, exponent: u32) -> Result<i64, AmountError> {
    let mut s = text.trim();
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].trim();
    }
    let upper_tail = s
        .get(s.len().saturating_sub(2)..)
        .unwrap_or("")
        .to_ascii_uppercase();
    if upper_tail == "CR" || upper_tail == "DR" {
        let head = &s[..s.len() - 2];
        // Only a suffix when it follows the number: "12.50CR", "12.50 Dr".
        if head.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
            negative ^= upper_tail == "DR";
            s = head.trim_end();
        }
    }
    s = strip_currency(s);
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    } else if let Some(rest) = s.strip_suffix('-') {
        negative = !negative;
        s = rest;
    }
    // A currency symbol may sit between the sign and the digits: "-$12.50".
    s = strip_currency(s);
    if s.is_empty() {
        return Err(AmountError::NotANumber);
    }

    let mut whole: u64 = 0;
    let mut frac: u64 = 0;
    let mut frac_digits = 0u32;
    let mut seen_decimal = false;
    let mut digits = 0;
    let mut prev_digit = false;
    for (i, c) in s.char_indices() {
        if let Some(d) = c.to_digit(10) {
            digits += 1;
            prev_digit = true;
            if seen_decimal {
                frac_digits += 1;
                if frac_digits > exponent {
                    if d != 0 {
                        return Err(AmountError::TooPrecise(exponent));
                    }
                    continue;
                }
                frac = frac * 10 + u64::from(d);
            } else {
                whole = whole
                    .checked_mul(10)
                    .and_then(|w| w.checked_add(u64::from(d)))
                    .ok_or(AmountError::TooLarge)?;
            }
            continue;
        }
        let was_digit = std::mem::replace(&mut prev_digit, false);
        if c == fmt.decimal && !seen_decimal {
            seen_decimal = true;
        } else if Some(c) == fmt.thousands || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'') {
            // Grouping is only valid between digits, before the decimal separator, and
            // groups after it hold exactly three digits ("12.50" is not 1250 in
            // comma-decimal notation).
            let group = s[i + c.len_utf8()..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if seen_decimal || !was_digit || group != 3 {
                return Err(AmountError::NotANumber);
            }
        } else {
            return Err(AmountError::NotANumber);
        }
    }
    if digits == 0 {
        return Err(AmountError::NotANumber);
    }
    let frac = frac * 10u64.pow(exponent - frac_digits.min(exponent));
    let minor = whole
        .checked_mul(10u64.pow(exponent))
        .and_then(|w| w.checked_add(frac))
        .and_then(|m| i64::try_from(m).ok())
        .ok_or(AmountError::TooLarge)?;
    Ok(if negative { -minor } else { minor })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<i64, AmountError> {
        parse_amount(s, NumberFormat::POINT, 2)
    }

    fn c(s: &str) -> Result<i64, AmountError> {
        parse_amount(s, NumberFormat::COMMA, 2)
    }

    #[test]
    fn point_decimals() {
        assert_eq!(p("12.50"), Ok(1250));
        assert_eq!(p("-12.5"), Ok(-1250));
        assert_eq!(p("+3"), Ok(300));
        assert_eq!(p("1,234.56"), Ok(123456));
        assert_eq!(p("$1,234.56"), Ok(123456));
        assert_eq!(p("-$5.00"), Ok(-500));
        assert_eq!(p("$-5.00"), Ok(-500));
        assert_eq!(p("(42.10)"), Ok(-4210));
        assert_eq!(p("42.10-"), Ok(-4210));
        assert_eq!(p("100.00 CR"), Ok(10000));
        assert_eq!(p("100.00DR"), Ok(-10000));
        assert_eq!(p(".99"), Ok(99));
        assert_eq!(p("0.10"), Ok(10));
        assert_eq!(
            p("1.500"),
            Ok(150),
            "trailing zero beyond the exponent is fine"
        );
    }

    #[test]
    fn comma_decimals_and_spaces() {
        assert_eq!(c("12,50"), Ok(1250));
        assert_eq!(c("-1.234,56"), Ok(-123456));
        assert_eq!(c("1 234,56"), Ok(123456));
        assert_eq!(c("1\u{a0}234,56 €"), Ok(123456));
        assert_eq!(c("EUR -7,00"), Ok(-700));
        assert_eq!(
            parse_amount("R 1 234.50", NumberFormat::POINT, 2),
            Ok(123450)
        );
    }

    #[test]
    fn exponents() {
        assert_eq!(parse_amount("1,200", NumberFormat::POINT, 0), Ok(1200));
        assert_eq!(parse_amount("1.234", NumberFormat::POINT, 3), Ok(1234));
        assert_eq!(
            parse_amount("1.25", NumberFormat::POINT, 0),
            Err(AmountError::TooPrecise(0))
        );
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        assert_eq!(p(""), Err(AmountError::Empty));
        assert_eq!(p("   "), Err(AmountError::Empty));
        for bad in [
            "abc", "1.2.3", "12..5", "--", "1,2,", "12.345", "1e5", "$", "12 .5",
        ] {
            assert!(p(bad).is_err(), "{bad:?} parsed");
        }
        assert_eq!(p("99999999999999999999"), Err(AmountError::TooLarge));
        assert_eq!(
            c("12.50"),
            Err(AmountError::NotANumber),
            "12.50 is not comma-decimal"
        );
    }

    #[test]
    fn formats_minor_units() {
        assert_eq!(format_minor(-123456, 2), "-1234.56");
        assert_eq!(format_minor(5, 2), "0.05");
        assert_eq!(format_minor(0, 2), "0.00");
        assert_eq!(format_minor(1200, 0), "1200");
        assert_eq!(format_minor(-1, 3), "-0.001");
        assert_eq!(format_minor(i64::MIN, 2), "-92233720368547758.08");
    }

    #[test]
    fn currency_exponents() {
        assert_eq!(exponent("EUR"), Some(2));
        assert_eq!(exponent("jpy"), Some(0));
        assert_eq!(exponent("KWD"), Some(3));
        assert_eq!(exponent("XYZ"), None);
    }
}
