//! Works out a profile from a file's content alone: delimiter, preamble, header, which
//! column is the date (and its format), the amount or debit/credit pair, the decimal
//! convention, the description, a running balance and the currency.
//!
//! A pure function of the sample; it returns the profile and what it is unsure about.

use chrono::NaiveDate;

use super::Sample;
use super::profile::{Column, ColumnMap, Columns, CsvFormat, Filter, Profile, ValueFormat};
use super::reader::NoEmptyLines;
use crate::money::{self, CURRENCY_SIGNS, NumberFormat};

/// Date formats tried, day-first and month-first both where they differ.
const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%d.%m.%y",
    "%d-%m-%y",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%d %b %y",
    "%d-%b-%y",
];

/// Header words, lower case, in English, German, Dutch, French, Spanish and Afrikaans.
/// Names of the booking date, most telling first.
const DATE_WORDS: &[&str] = &[
    "booking date",
    "buchungstag",
    "buchungsdatum",
    "transaction date",
    "completed date",
    "posting date",
    "boekdatum",
    "transactiedatum",
    "fecha",
    "datum",
    "date",
];
/// Names of a second date: when the money moved, or when a card payment started.
const VALUE_DATE_WORDS: &[&str] = &[
    "value date",
    "valuta",
    "wertstellung",
    "valutadatum",
    "date valeur",
    "post date",
    "posted date",
    "started date",
];
const DESC_WORDS: &[&str] = &[
    "description",
    "details",
    "narrative",
    "payee",
    "merchant",
    "memo",
    "name",
    "transaction",
    "beschreibung",
    "verwendungszweck",
    "buchungstext",
    "omschrijving",
    "naam",
    "mededelingen",
    "libellé",
    "libelle",
    "concepto",
    "beguenstigter",
    "begünstigter",
    "auftraggeber",
    "counterparty",
    "reference",
    "particulars",
    "beskrywing",
];
const MEMO_WORDS: &[&str] = &[
    "memo",
    "mededelingen",
    "verwendungszweck",
    "notes",
    "reference",
    "particulars",
];
const AMOUNT_WORDS: &[&str] = &[
    "amount",
    "betrag",
    "bedrag",
    "montant",
    "importe",
    "value",
    "bedrag (eur)",
    "umsatz",
];
const DEBIT_WORDS: &[&str] = &[
    "debit",
    "paid out",
    "withdrawal",
    "withdrawals",
    "money out",
    "out",
    "soll",
    "af",
    "spent",
    "debit amount",
    "débit",
    "uitgaven",
];
const CREDIT_WORDS: &[&str] = &[
    "credit",
    "paid in",
    "deposit",
    "deposits",
    "money in",
    "in",
    "haben",
    "bij",
    "received",
    "credit amount",
    "crédit",
    "inkomsten",
];
const BALANCE_WORDS: &[&str] = &[
    "balance",
    "saldo",
    "solde",
    "kontostand",
    "running balance",
    "balans",
];
const FEE_WORDS: &[&str] = &["fee", "fees", "gebühr", "gebuehr", "commission"];
const REFERENCE_WORDS: &[&str] = &[
    "transaction id",
    "reference",
    "referenz",
    "id",
    "transaction reference",
    "kenmerk",
];
/// Descriptions of balance lines, which are not transactions.
const BALANCE_LINE: &str = r"^((opening|closing|open|close|beginning|ending|start|end) balance\b.*|anfangssaldo.*|endsaldo.*|beginsaldo.*|eindsaldo.*|solde (initial|final).*)$";

/// Field values that mark a row as not booked (yet): left out of detected layouts.
const PENDING: &str = r"^(\(?pending\)?.*|reverted|declined|failed|cancell?ed|voided|expired|in progress|uncleared|umsatz vorgemerkt|vorgemerkt|in afwachting)$";

/// Currencies looked for in a file that has no currency column.
const COMMON_CURRENCIES: &[&str] = &[
    "EUR", "USD", "GBP", "ZAR", "AUD", "CHF", "CAD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK",
    "HUF", "JPY", "INR", "SGD", "HKD",
];

#[derive(Debug)]
pub struct Detection {
    pub profile: Profile,
    /// What detection is not sure about; empty when it is sure.
    pub doubts: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot work out the layout: {0}")]
pub struct DetectError(pub String);

/// Per-column facts gathered from the data rows.
#[derive(Debug, Default)]
struct ColumnStats {
    name: String,
    filled: usize,
    /// For each DATE_FORMATS index, how many filled cells parse.
    date_ok: Vec<usize>,
    number_ok: usize,
    negative: usize,
    positive: usize,
    has_decimals: usize,
    text_len: usize,
    alpha: usize,
    distinct: usize,
    iso_codes: usize,
}

pub fn detect(sample: &Sample, fallback_currency: Option<&str>) -> Result<Detection, DetectError> {
    let mut text = sample.text.as_str();
    // The sample may end in the middle of a line.
    if !text.ends_with('\n')
        && let Some(cut) = text.rfind('\n')
    {
        text = &text[..=cut];
    }
    let (delimiter, width, records) = pick_delimiter(text)
        .ok_or_else(|| DetectError("no delimiter gives a table of three or more columns".into()))?;
    // The data starts where full-width records begin to carry a date in the same column
    // (preamble lines may have the table's width too); the header, if any, is the
    // full-width record just before.
    let full: Vec<usize> = (0..records.len())
        .filter(|&i| records[i].1.len() == width)
        .collect();
    let dated = |i: usize, c: usize| parse_any_date(&records[i].1[c]).is_some();
    let date_col = (0..width)
        .max_by_key(|&c| full.iter().filter(|&&i| dated(i, c)).count())
        .filter(|&c| full.iter().any(|&i| dated(i, c)))
        .ok_or_else(|| DetectError("no column holds dates in a format smartspend knows".into()))?;
    // The first dated record after which (nearly) all records are dated: a bad date
    // in the data does not end the table.
    let data_at = (0..full.len())
        .find(|&k| {
            let rest = &full[k..];
            dated(full[k], date_col)
                && mostly(
                    rest.iter().filter(|&&i| dated(i, date_col)).count(),
                    rest.len(),
                )
        })
        .ok_or_else(|| DetectError("no table found".into()))?;
    let header_at = data_at
        .checked_sub(1)
        .map(|k| full[k])
        .filter(|&i| {
            i + 1 == full[data_at] || records[i + 1..full[data_at]].iter().all(|r| r.1.len() < 2)
        })
        .filter(|&i| is_header(&records[i].1));
    let has_header = header_at.is_some();
    let start = header_at.unwrap_or(full[data_at]);
    let first = records[start].1.clone();
    let rows: Vec<Vec<String>> = records[full[data_at]..]
        .iter()
        .map(|(_, r)| r)
        .filter(|r| r.len() >= width && r.iter().any(|f| !f.is_empty()))
        .take(500)
        .cloned()
        .collect();
    // Rows marked as not booked (pending, declined) and balance lines are not
    // transactions: leave them out of what the layout is judged on, and of the import.
    let left_out: Vec<(&str, regex::Regex)> = [PENDING, BALANCE_LINE]
        .into_iter()
        .map(|p| {
            let re = regex::RegexBuilder::new(p)
                .case_insensitive(true)
                .build()
                .expect("valid");
            (p, re)
        })
        .collect();
    let mut used_filters: Vec<&str> = vec![];
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| {
            let hit = left_out
                .iter()
                .find(|(_, re)| r.iter().any(|f| re.is_match(f.trim())));
            if let Some((p, _)) = hit
                && !used_filters.contains(p)
            {
                used_filters.push(p);
            }
            hit.is_none()
        })
        .collect();
    if rows.is_empty() {
        return Err(DetectError("the table has no rows".into()));
    }
    let names: Vec<String> = if has_header {
        first.iter().map(|s| s.to_lowercase()).collect()
    } else {
        vec![String::new(); width]
    };
    let number = pick_number_format(&rows);
    let stats: Vec<ColumnStats> = (0..width)
        .map(|c| column_stats(&rows, c, &names[c], number))
        .collect();
    let mut doubts = vec![];

    // Dates.
    let date_cols: Vec<(usize, usize)> = stats
        .iter()
        .enumerate()
        .filter(|(_, s)| s.filled * 10 >= rows.len() * 9)
        .filter_map(|(i, s)| {
            let best = (0..DATE_FORMATS.len()).max_by_key(|&f| s.date_ok[f])?;
            mostly(s.date_ok[best], s.filled).then_some((i, best))
        })
        .collect();
    if date_cols.is_empty() {
        return Err(DetectError(
            "no column holds dates in a format smartspend knows".into(),
        ));
    }
    let is_value = |i: usize| has_word(&names[i], VALUE_DATE_WORDS);
    let date_col = DATE_WORDS
        .iter()
        .find_map(|w| {
            date_cols
                .iter()
                .map(|&(i, _)| i)
                .find(|&i| !is_value(i) && has_word(&names[i], &[w]))
        })
        .or_else(|| date_cols.iter().map(|&(i, _)| i).find(|&i| !is_value(i)))
        .unwrap_or(date_cols[0].0);
    let value_date_col = date_cols
        .iter()
        .map(|&(i, _)| i)
        .find(|&i| i != date_col && is_value(i));
    let date_formats = pick_date_formats(&rows, date_col, &stats[date_col], &mut doubts);

    // Amounts.
    let numeric: Vec<usize> = (0..width)
        .filter(|&i| !date_cols.iter().any(|&(d, _)| d == i))
        .filter(|&i| {
            let s = &stats[i];
            mostly(s.number_ok, s.filled) && !looks_like_id(&rows, i, number)
        })
        .collect();
    let named = |words: &[&str]| {
        numeric
            .iter()
            .copied()
            .find(|&i| has_word(&names[i], words))
    };
    let mut balance = named(BALANCE_WORDS);
    let fee = named(FEE_WORDS).filter(|&i| Some(i) != balance);
    let debit_named = named(DEBIT_WORDS).filter(|&i| Some(i) != balance);
    let credit_named =
        named(CREDIT_WORDS).filter(|&i| Some(i) != balance && Some(i) != debit_named);
    let candidates: Vec<usize> = numeric
        .iter()
        .copied()
        .filter(|&i| Some(i) != balance && Some(i) != fee)
        .collect();
    let mut amount = None;
    let mut pair = None;
    if let (Some(d), Some(c)) = (debit_named, credit_named) {
        pair = Some((d, c));
    } else if let Some(a) = named(AMOUNT_WORDS).filter(|&i| Some(i) != balance && Some(i) != fee) {
        amount = Some(a);
    } else if let Some((d, c)) = complementary_pair(&rows, &candidates) {
        pair = Some((d, c));
        if debit_named.is_none() && credit_named.is_none() {
            doubts.push(format!(
                "columns {} and {} look like money out and money in, but which is which is a guess",
                label(&stats, d),
                label(&stats, c)
            ));
        }
    } else if let Some(&a) = candidates
        .iter()
        .filter(|&&i| stats[i].negative > 0 && stats[i].positive > 0)
        .max_by_key(|&&i| stats[i].has_decimals)
        .or_else(|| candidates.iter().max_by_key(|&&i| stats[i].has_decimals))
    {
        amount = Some(a);
    }
    if amount.is_none() && pair.is_none() {
        return Err(DetectError("no column holds amounts".into()));
    }
    // An unsigned amount may come with a debit/credit marker column (Af/Bij, D/C, S/H).
    let mut direction: Option<Direction> = None;
    if let Some(a) = amount
        && stats[a].negative == 0
    {
        direction = find_direction(&rows, &numeric, &date_cols, a, balance, number);
    }
    // A second numeric column that is not the amount may be an unnamed running balance.
    if balance.is_none() {
        balance = candidates
            .iter()
            .copied()
            .filter(|&i| Some(i) != amount && pair.is_none_or(|(d, c)| i != d && i != c))
            .find(|&i| {
                let amounts = signed_amounts(&rows, amount, pair, fee, direction.as_ref(), number);
                matches!(
                    balance_fit(&rows, i, &amounts, number),
                    Fit::Same | Fit::Flipped
                )
            });
    }
    let mut invert_sign = false;
    let amounts = signed_amounts(&rows, amount, pair, fee, direction.as_ref(), number);
    if let Some(b) = balance {
        match balance_fit(&rows, b, &amounts, number) {
            Fit::Unknown => {}
            Fit::Same => doubts.retain(|d| !d.contains("which is which")),
            Fit::Flipped => {
                if let Some((d, c)) = pair {
                    // The running balance says the columns are the other way round.
                    pair = Some((c, d));
                    doubts.retain(|d| !d.contains("which is which"));
                } else {
                    invert_sign = true;
                }
            }
            Fit::Mismatch => doubts.push(format!(
                "the running balance in column {} does not add up with the amounts",
                label(&stats, b)
            )),
        }
    } else if let Some(a) = amount
        && direction.is_none()
        && rows.len() >= 5
        && stats[a].positive > stats[a].negative * 3 / 2
    {
        // Most rows of a statement are money out. Mostly positive amounts and no balance
        // to check them against: likely a card export that writes charges as positive.
        doubts.push(format!(
            "most amounts in column {} are positive: is money out written as positive (a credit card)?",
            label(&stats, a)
        ));
    } else if pair.is_some() && debit_named.is_none() && credit_named.is_none() {
        // Without a balance or headers, the debit/credit doubt above stands.
    }

    if let Some(b) = balance {
        let missing = rows.len() - stats[b].filled;
        if missing > 0 && stats[b].filled * 2 > rows.len() {
            doubts.push(format!(
                "{missing} row(s) have no running balance in column {}: pending transactions, or a bank that shows one balance a day?",
                label(&stats, b)
            ));
        }
    }

    // Description.
    let used: Vec<usize> = [
        Some(date_col),
        value_date_col,
        amount,
        balance,
        fee,
        direction.as_ref().map(|d| d.0),
    ]
    .into_iter()
    .flatten()
    .chain(pair.into_iter().flat_map(|(d, c)| [d, c]))
    .collect();
    let text_cols: Vec<usize> = (0..width)
        .filter(|i| !used.contains(i) && !date_cols.iter().any(|&(d, _)| d == *i))
        .filter(|&i| stats[i].alpha > 0)
        .collect();
    let score = |i: usize| {
        let s = &stats[i];
        let avg = s.text_len / s.filled.max(1);
        avg * s.distinct * 100 / rows.len().max(1)
            + if has_word(&names[i], DESC_WORDS) {
                10_000
            } else {
                0
            }
    };
    let mut description: Vec<usize> = vec![];
    if let Some(&best) = text_cols.iter().max_by_key(|&&i| score(i)) {
        description.push(best);
        if let Some(&memo) = text_cols
            .iter()
            .find(|&&i| i != best && has_word(&names[i], MEMO_WORDS) && stats[i].distinct > 1)
        {
            description.push(memo);
            description.sort();
        }
    } else {
        return Err(DetectError("no column holds descriptions".into()));
    }

    // Currency.
    // The amount's currency is on every row; "original"/"local" currencies of card
    // payments abroad are not.
    let foreign = |i: usize| has_word(&names[i], &["original", "local", "foreign", "orig"]);
    let currency_col = (0..width)
        .find(|&i| mostly(stats[i].iso_codes, rows.len()) && !used.contains(&i) && !foreign(i));
    let fixed_currency = if currency_col.is_some() {
        None
    } else if let Some(code) = currency_in_text(&sample.text) {
        Some(code)
    } else if let Some(code) = fallback_currency.filter(|c| money::exponent(c).is_some()) {
        // The user's own setting, not a guess.
        Some(code.to_ascii_uppercase())
    } else {
        doubts.push("the file does not say its currency; set `currency` in [import] of config.toml or use a profile".into());
        Some("XXX".to_string())
    };

    let reference = (0..width).find(|&i| {
        !used.contains(&i)
            && !description.contains(&i)
            && has_exact(&names[i], REFERENCE_WORDS)
            && stats[i].distinct == rows.len()
    });

    let col = |i: usize| -> Column {
        if has_header
            && !first[i].is_empty()
            && first.iter().filter(|f| **f == first[i]).count() == 1
        {
            Column::Name(first[i].clone())
        } else {
            Column::Position(i + 1)
        }
    };
    let profile = Profile {
        name: "detected".into(),
        description: "detected from the file's content".into(),
        account: None,
        matcher: Default::default(),
        csv: CsvFormat {
            delimiter,
            quote: '"',
            encoding: sample.encoding.into(),
            skip_lines: records[start].0 as usize - 1,
            header_pattern: None,
            has_header,
        },
        columns: ColumnMap {
            date: col(date_col),
            value_date: value_date_col.map(col),
            description: if description.len() == 1 {
                Columns::One(col(description[0]))
            } else {
                Columns::Many(description.iter().map(|&i| col(i)).collect())
            },
            amount: amount.map(col),
            debit: pair.map(|(d, _)| col(d)),
            credit: pair.map(|(_, c)| col(c)),
            direction: direction.as_ref().map(|(c, _, _)| col(*c)),
            fee: fee.map(col),
            currency: currency_col.map(col),
            balance: balance.map(col),
            reference: reference.map(col),
        },
        format: ValueFormat {
            date_formats,
            decimal: number.decimal,
            thousands: number.thousands.map(String::from).unwrap_or_default(),
            currency: fixed_currency,
            invert_sign,
            fee_signed: false,
            debit_values: direction.as_ref().map(|d| d.1.clone()).unwrap_or_default(),
            credit_values: direction.as_ref().map(|d| d.2.clone()).unwrap_or_default(),
        },
        // Lines without an amount (opening or closing balances) are not transactions.
        exclude: {
            let money_cols: Vec<usize> = match (amount, pair) {
                (Some(a), _) => vec![a],
                (None, Some((d, c))) => [Some(d), Some(c), fee].into_iter().flatten().collect(),
                _ => vec![],
            };
            let blank = rows
                .iter()
                .any(|r| money_cols.iter().all(|&i| r[i].trim().is_empty()));
            let mut filters = vec![];
            if blank && !money_cols.is_empty() {
                filters.push(Filter {
                    column: Some(Columns::Many(money_cols.iter().map(|&i| col(i)).collect())),
                    pattern: "^$".into(),
                });
            }
            for pattern in &used_filters {
                filters.push(Filter {
                    column: None,
                    pattern: pattern.to_string(),
                });
            }
            // Short lines inside or after the table are summaries ("Kontostand",
            // "Total"): leave out rows labelled like them.
            for (_, r) in &records[full[data_at]..] {
                if r.len() >= width {
                    continue;
                }
                // A summary starts with a word; a short row starting with a date or a
                // number is a broken transaction, which the reader must report.
                let Some(label) = r.iter().find(|f| !f.is_empty()) else {
                    continue;
                };
                if parse_any_date(label).is_some()
                    || money::parse_amount(label, number, 4).is_ok()
                    || !label.chars().any(char::is_alphabetic)
                {
                    continue;
                }
                let pattern = format!("^{}$", regex::escape(label));
                if !filters.iter().any(|f| f.pattern == pattern) && filters.len() < 8 {
                    filters.push(Filter {
                        column: None,
                        pattern,
                    });
                }
            }
            filters
        },
        only: vec![],
    };
    Ok(Detection { profile, doubts })
}

/// Nearly all values fit: a bad row or two must not hide a column (the reader reports
/// those rows with their line numbers).
fn mostly(ok: usize, filled: usize) -> bool {
    filled > 0 && (ok * 10 >= filled * 9 || (filled >= 3 && ok + 1 >= filled))
}

fn label(stats: &[ColumnStats], i: usize) -> String {
    if stats[i].name.is_empty() {
        format!("#{}", i + 1)
    } else {
        format!("`{}`", stats[i].name)
    }
}

fn has_word(name: &str, words: &[&str]) -> bool {
    let name = name.trim();
    !name.is_empty()
        && words.iter().any(|w| {
            name == *w
                || name
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|part| part == *w)
                || (w.contains(' ') && name.contains(w))
        })
}

fn has_exact(name: &str, words: &[&str]) -> bool {
    words.contains(&name.trim())
}

/// A record's line number and trimmed fields.
type Record = (u64, Vec<String>);

/// Records of the text read with one delimiter.
fn records(text: &str, delimiter: char) -> Vec<Record> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(NoEmptyLines::new(text.as_bytes()));
    let mut out = vec![];
    let mut rec = csv::StringRecord::new();
    while let Ok(true) = rdr.read_record(&mut rec) {
        let line = rec.position().map_or(0, |p| p.line());
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.push((
            line,
            rec.iter()
                .map(|f| f.trim_start_matches('\u{feff}').trim().to_string())
                .collect(),
        ));
        if out.len() >= 600 {
            break;
        }
    }
    out
}

/// The delimiter under which most records share one field count (three or more).
fn pick_delimiter(text: &str) -> Option<(char, usize, Vec<Record>)> {
    let mut best: Option<(usize, char, usize, Vec<Record>)> = None;
    for d in [',', ';', '\t', '|'] {
        let recs = records(text, d);
        let mut freq: std::collections::HashMap<usize, usize> = Default::default();
        for (_, r) in &recs {
            if r.len() >= 3 {
                *freq.entry(r.len()).or_default() += 1;
            }
        }
        if let Some((&width, &n)) = freq.iter().max_by_key(|(w, n)| (**n, **w))
            && best
                .as_ref()
                .is_none_or(|(bn, _, bw, _)| (n, width) > (*bn, *bw))
        {
            best = Some((n, d, width, recs));
        }
    }
    best.map(|(_, d, w, r)| (d, w, r))
}

fn is_header(fields: &[String]) -> bool {
    let data_like = fields.iter().filter(|f| {
        parse_any_date(f).is_some()
            || money::parse_amount(f, NumberFormat::POINT, 3).is_ok()
            || money::parse_amount(f, NumberFormat::COMMA, 3).is_ok()
    });
    data_like.count() == 0 && fields.iter().any(|f| f.chars().any(char::is_alphabetic))
}

fn parse_any_date(s: &str) -> Option<NaiveDate> {
    DATE_FORMATS.iter().find_map(|f| parse_date(s, f))
}

fn parse_date(s: &str, fmt: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let plausible = |d: NaiveDate| (1900..=2200).contains(&chrono::Datelike::year(&d));
    if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
        return plausible(d).then_some(d);
    }
    // Date-times: "2026-01-05 14:03:11", "05/01/2026 14:03".
    let (date, rest) = s.split_once([' ', 'T'])?;
    let time_like = rest
        .chars()
        .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
        && rest.contains(':');
    if time_like {
        NaiveDate::parse_from_str(date, fmt)
            .ok()
            .filter(|d| plausible(*d))
    } else {
        None
    }
}

/// Decimal comma or point, decided by the numbers in the file.
fn pick_number_format(rows: &[Vec<String>]) -> NumberFormat {
    let (mut comma, mut point) = (0, 0);
    for cell in rows.iter().flatten() {
        let t = cell.trim();
        let b = t.as_bytes();
        let numeric = t.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(c, '.' | ',' | '-' | '+' | ' ' | '\'')
                || CURRENCY_SIGNS.contains(&c)
        });
        if !numeric || b.len() < 3 || parse_any_date(t).is_some() {
            continue;
        }
        if b[b.len() - 1].is_ascii_digit() && b[b.len() - 2].is_ascii_digit() {
            // The decimal separator appears once, two digits from the end, after any
            // grouping separators.
            match b[b.len() - 3] {
                b',' if t.matches(',').count() == 1 => comma += 1,
                b'.' if t.matches('.').count() == 1 => point += 1,
                _ => {}
            }
        }
    }
    if comma > point {
        NumberFormat::COMMA
    } else {
        NumberFormat::POINT
    }
}

fn column_stats(rows: &[Vec<String>], c: usize, name: &str, number: NumberFormat) -> ColumnStats {
    let mut s = ColumnStats {
        name: name.to_string(),
        date_ok: vec![0; DATE_FORMATS.len()],
        ..Default::default()
    };
    let mut seen = std::collections::HashSet::new();
    for row in rows {
        let v = row[c].trim();
        if v.is_empty() {
            continue;
        }
        s.filled += 1;
        for (f, fmt) in DATE_FORMATS.iter().enumerate() {
            if parse_date(v, fmt).is_some() {
                s.date_ok[f] += 1;
            }
        }
        if let Ok(n) = money::parse_amount(v, number, 4) {
            s.number_ok += 1;
            if n < 0 {
                s.negative += 1;
            } else if n > 0 {
                s.positive += 1;
            }
            if v.contains(number.decimal) {
                s.has_decimals += 1;
            }
        }
        s.text_len += v.chars().count();
        if v.chars().any(char::is_alphabetic) {
            s.alpha += 1;
        }
        if v.len() == 3 && v.chars().all(|c| c.is_ascii_uppercase()) && money::exponent(v).is_some()
        {
            s.iso_codes += 1;
        }
        seen.insert(v.to_lowercase());
    }
    s.distinct = seen.len();
    s
}

/// Long whole numbers all different: account or reference numbers, not amounts.
fn looks_like_id(rows: &[Vec<String>], c: usize, number: NumberFormat) -> bool {
    rows.iter().all(|r| {
        let v = r[c].trim();
        v.is_empty()
            || (!v.contains(number.decimal)
                && v.trim_start_matches('-').len() >= 7
                && v.chars().all(|ch| ch.is_ascii_digit() || ch == '-'))
    })
}

/// Two numeric columns that are never both filled (non-zero) on one row.
fn complementary_pair(rows: &[Vec<String>], candidates: &[usize]) -> Option<(usize, usize)> {
    let filled = |r: &Vec<String>, i: usize| {
        let v = r[i].trim();
        !v.is_empty()
            && !v
                .trim_matches(|c| c == '0' || c == '.' || c == ',' || c == '-')
                .is_empty()
    };
    for (x, &a) in candidates.iter().enumerate() {
        for &b in &candidates[x + 1..] {
            let both = rows.iter().filter(|r| filled(r, a) && filled(r, b)).count();
            let either = rows.iter().filter(|r| filled(r, a) || filled(r, b)).count();
            let each = rows.iter().filter(|r| filled(r, a)).count() > 0
                && rows.iter().filter(|r| filled(r, b)).count() > 0;
            if both == 0 && each && either * 10 >= rows.len() * 9 {
                return Some((a, b));
            }
        }
    }
    None
}

/// Each row's amount as the profile would compute it (minor units at 4 decimals).
fn signed_amounts(
    rows: &[Vec<String>],
    amount: Option<usize>,
    pair: Option<(usize, usize)>,
    fee: Option<usize>,
    direction: Option<&Direction>,
    number: NumberFormat,
) -> Vec<Option<i64>> {
    let num = |r: &Vec<String>, i: usize| money::parse_amount(&r[i], number, 4).ok();
    rows.iter()
        .map(|r| {
            let base = match (amount, pair) {
                (Some(a), _) => match direction {
                    Some((d, debit, _)) if debit.contains(&r[*d].trim().to_lowercase()) => {
                        -num(r, a)?.abs()
                    }
                    Some(_) => num(r, a)?.abs(),
                    None => num(r, a)?,
                },
                (None, Some((d, c))) => num(r, c).unwrap_or(0).abs() - num(r, d).unwrap_or(0).abs(),
                _ => return None,
            };
            Some(base - fee.and_then(|f| num(r, f)).unwrap_or(0).abs())
        })
        .collect()
}

/// A debit/credit marker column: (column, values meaning money out, values meaning in).
type Direction = (usize, Vec<String>, Vec<String>);

const DEBIT_MARKS: &[&str] = &[
    "af",
    "debit",
    "d",
    "dr",
    "db",
    "s",
    "soll",
    "out",
    "withdrawal",
    "-",
    "debet",
    "débit",
];
const CREDIT_MARKS: &[&str] = &[
    "bij", "credit", "c", "cr", "h", "haben", "in", "deposit", "+", "crédit",
];

/// A text column with exactly two values, one for money out and one for money in, told
/// apart by well-known markers or by the running balance.
fn find_direction(
    rows: &[Vec<String>],
    numeric: &[usize],
    date_cols: &[(usize, usize)],
    amount: usize,
    balance: Option<usize>,
    number: NumberFormat,
) -> Option<Direction> {
    let width = rows.first()?.len();
    for c in 0..width {
        if c == amount || numeric.contains(&c) || date_cols.iter().any(|&(d, _)| d == c) {
            continue;
        }
        let mut values: Vec<String> = rows.iter().map(|r| r[c].trim().to_lowercase()).collect();
        if values.iter().any(String::is_empty) {
            continue;
        }
        values.sort();
        values.dedup();
        let [x, y] = &values[..] else { continue };
        let by_words = if DEBIT_MARKS.contains(&x.as_str()) && CREDIT_MARKS.contains(&y.as_str()) {
            Some((x, y))
        } else if DEBIT_MARKS.contains(&y.as_str()) && CREDIT_MARKS.contains(&x.as_str()) {
            Some((y, x))
        } else {
            None
        };
        let guess = by_words.or_else(|| {
            let b = balance?;
            [(x, y), (y, x)].into_iter().find(|(d, cr)| {
                let dir: Direction = (c, vec![d.to_string()], vec![cr.to_string()]);
                let amounts = signed_amounts(rows, Some(amount), None, None, Some(&dir), number);
                balance_fit(rows, b, &amounts, number) == Fit::Same
            })
        });
        if let Some((d, cr)) = guess {
            return Some((c, vec![d.clone()], vec![cr.clone()]));
        }
    }
    None
}

/// How a column relates to the amounts as a running balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// It adds up with the amounts as they are.
    Same,
    /// It adds up with every sign flipped.
    Flipped,
    /// Too few rows to tell.
    Unknown,
    /// It does not add up.
    Mismatch,
}

/// Whether a column is a running balance of the amounts, in files sorted oldest-first
/// or newest-first.
fn balance_fit(
    rows: &[Vec<String>],
    b: usize,
    amounts: &[Option<i64>],
    number: NumberFormat,
) -> Fit {
    let bal: Vec<Option<i64>> = rows
        .iter()
        .map(|r| money::parse_amount(&r[b], number, 4).ok())
        .collect();
    let (mut same, mut flipped, mut pairs) = (0, 0, 0);
    for i in 1..rows.len() {
        // Rows whose balance or amount does not parse say nothing either way.
        let (Some(prev), Some(cur), Some(_), Some(_)) =
            (bal[i - 1], bal[i], amounts[i], amounts[i - 1])
        else {
            continue;
        };
        pairs += 1;
        let (asc, desc) = (amounts[i], amounts[i - 1]);
        if asc == Some(cur - prev) || desc == Some(prev - cur) {
            same += 1;
        } else if asc == Some(prev - cur) || desc == Some(cur - prev) {
            flipped += 1;
        }
    }
    if pairs == 0 {
        Fit::Unknown
    } else if same * 10 >= pairs * 8 {
        Fit::Same
    } else if flipped * 10 >= pairs * 8 {
        Fit::Flipped
    } else {
        Fit::Mismatch
    }
}

/// Day-first or month-first, decided by the values; sortedness breaks a tie.
fn pick_date_formats(
    rows: &[Vec<String>],
    c: usize,
    s: &ColumnStats,
    doubts: &mut Vec<String>,
) -> Vec<String> {
    let most = s.date_ok.iter().copied().max().unwrap_or(0);
    let full: Vec<usize> = (0..DATE_FORMATS.len())
        .filter(|&f| s.date_ok[f] == most)
        .collect();
    let with_time = rows.iter().any(|r| r[c].trim().contains(':'));
    let finish = |f: &str| {
        let mut v = vec![f.to_string()];
        if with_time {
            v.push(format!("{f} %H:%M:%S"));
            v.push(format!("{f} %H:%M"));
            v.push(format!("{f}T%H:%M:%S"));
        }
        v
    };
    let reading = |f: usize| -> Vec<Option<NaiveDate>> {
        rows.iter()
            .map(|r| parse_date(&r[c], DATE_FORMATS[f]))
            .collect()
    };
    // Formats that read every value the same way (`%b` and `%B`) are one reading.
    let mut full = full;
    let first = reading(full[0]);
    if full.iter().all(|&f| reading(f) == first) {
        full.truncate(1);
    }
    if full.len() == 1 {
        return finish(DATE_FORMATS[full[0]]);
    }
    // Several formats read every value: all days are 12 or less. A statement is sorted,
    // so the reading under which the dates are in order is the right one.
    let sorted: Vec<usize> = full
        .iter()
        .copied()
        .filter(|&f| {
            let dates: Vec<NaiveDate> = rows
                .iter()
                .filter_map(|r| parse_date(&r[c], DATE_FORMATS[f]))
                .collect();
            dates.windows(2).all(|w| w[0] <= w[1]) || dates.windows(2).all(|w| w[0] >= w[1])
        })
        .collect();
    let pick = if sorted.len() == 1 {
        sorted[0]
    } else {
        full[0]
    };
    if sorted.len() != 1 {
        doubts.push(format!(
            "the dates read both as {} and as {}: day-first or month-first cannot be told from the values",
            DATE_FORMATS[full[0]],
            DATE_FORMATS[full[1]]
        ));
    }
    finish(DATE_FORMATS[pick])
}

/// The most frequent common ISO code or currency sign in the file's text.
fn currency_in_text(text: &str) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for code in COMMON_CURRENCIES {
        let n = text
            .match_indices(code)
            .filter(|(i, _)| {
                let before = text[..*i].chars().next_back();
                let after = text[i + 3..].chars().next();
                !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
            })
            .count();
        if n > 0 && best.is_none_or(|(bn, _)| n > bn) {
            best = Some((n, code));
        }
    }
    if let Some((_, code)) = best {
        return Some(code.to_string());
    }
    for (sign, code) in [('€', "EUR"), ('£', "GBP"), ('¥', "JPY"), ('₹', "INR")] {
        if text.contains(sign) {
            return Some(code.into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reader::{Reader, decoder};
    use crate::import::sample_bytes;

    /// A month of transactions: (year, month, day, description, minor units).
    fn ledger() -> Vec<(i32, u32, u32, &'static str, i64)> {
        vec![
            (2026, 1, 2, "RENT JANUARY", -95000),
            (2026, 1, 3, "TESCO STORES 3312", -2345),
            (2026, 1, 7, "SALARY ACME LTD", 310000),
            (2026, 1, 9, "SHELL, FUEL 8812", -6010),
            (2026, 1, 13, "NETFLIX.COM", -1599),
            (2026, 1, 17, "REFUND AMAZON", 2599),
            (2026, 1, 21, "PHARMACY PLUS", -1240),
            (2026, 1, 25, "COUNCIL TAX", -123456),
            (2026, 1, 28, "COFFEE CORNER", -450),
        ]
    }

    #[derive(Clone, Copy, Debug)]
    enum Money {
        Signed,
        /// Debit and credit columns, with or without telling headers.
        Pair {
            named: bool,
        },
    }

    #[derive(Clone, Copy, Debug)]
    struct Layout {
        delimiter: char,
        date: &'static str,
        comma_decimal: bool,
        money: Money,
        balance: bool,
        header: bool,
        preamble: bool,
        currency_col: bool,
        newest_first: bool,
    }

    fn amount_text(minor: i64, comma: bool, thousands: bool) -> String {
        let s = crate::money::format_minor(minor.abs(), 2);
        let (int, frac) = s.split_once('.').unwrap();
        let mut grouped = String::new();
        for (i, ch) in int.chars().enumerate() {
            if thousands && i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(if comma { '.' } else { ',' });
            }
            grouped.push(ch);
        }
        format!(
            "{}{grouped}{}{frac}",
            if minor < 0 { "-" } else { "" },
            if comma { ',' } else { '.' }
        )
    }

    fn render(l: Layout) -> String {
        let d = l.delimiter;
        let q = |s: &str| {
            if s.contains(d) || s.contains(',') {
                format!("\"{s}\"")
            } else {
                s.to_string()
            }
        };
        let mut out = String::new();
        if l.preamble {
            out.push_str(&format!(
                "Account statement{d}{d}\nAccount{d}12-34-56 7890{d}\n\n"
            ));
        }
        if l.header {
            let mut h = vec!["Date", "Details"];
            match l.money {
                Money::Signed => h.push("Amount"),
                Money::Pair { named: true } => h.extend(["Paid out", "Paid in"]),
                Money::Pair { named: false } => h.extend(["Col A", "Col B"]),
            }
            if l.balance {
                h.push("Running total");
            }
            if l.currency_col {
                h.push("Cur");
            }
            out.push_str(&h.join(&d.to_string()));
            out.push('\n');
        }
        let mut rows = ledger();
        let mut balance = 500_000i64;
        let mut lines = vec![];
        for (y, m, day, desc, minor) in rows.drain(..) {
            balance += minor;
            let date = NaiveDate::from_ymd_opt(y, m, day)
                .unwrap()
                .format(l.date)
                .to_string();
            let mut f = vec![date, q(desc)];
            let thousands = !matches!(d, ',') || l.comma_decimal;
            match l.money {
                Money::Signed => f.push(q(&amount_text(minor, l.comma_decimal, thousands))),
                Money::Pair { .. } => {
                    let a = q(&amount_text(minor.abs(), l.comma_decimal, thousands));
                    if minor < 0 {
                        f.extend([a, String::new()]);
                    } else {
                        f.extend([String::new(), a]);
                    }
                }
            }
            if l.balance {
                f.push(q(&amount_text(balance, l.comma_decimal, thousands)));
            }
            if l.currency_col {
                f.push("GBP".into());
            }
            lines.push(f.join(&d.to_string()));
        }
        if l.newest_first {
            lines.reverse();
        }
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    fn read_all(text: &str, p: &Profile) -> Vec<(NaiveDate, i64, String)> {
        let mut r = Reader::new(decoder(text.as_bytes(), &p.csv.encoding), p).unwrap();
        let mut v = vec![];
        while let Some(row) = r.next_row() {
            let row = row.unwrap_or_else(|e| panic!("{e}\n{}", p.to_toml()));
            v.push((row.date, row.amount, row.description));
        }
        v.sort();
        v
    }

    /// Detection across many layouts, none of them a fixture: every combination of
    /// delimiter, date format, decimal convention, amount style, balance, header,
    /// preamble and order must be read back exactly.
    #[test]
    fn detects_many_layouts_and_reads_them_back_exactly() {
        let mut want: Vec<(NaiveDate, i64, String)> = ledger()
            .into_iter()
            .map(|(y, m, d, s, a)| (NaiveDate::from_ymd_opt(y, m, d).unwrap(), a, s.to_string()))
            .collect();
        want.sort();
        let mut checked = 0;
        for delimiter in [',', ';', '\t'] {
            for date in ["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d %b %Y"] {
                for comma_decimal in [false, true] {
                    if comma_decimal && delimiter == ',' {
                        continue; // would need quoting of every amount; covered below
                    }
                    for money in [
                        Money::Signed,
                        Money::Pair { named: true },
                        Money::Pair { named: false },
                    ] {
                        for (balance, header, preamble, currency_col, newest_first) in [
                            (true, true, false, false, false),
                            (false, true, true, true, true),
                            (true, false, false, true, true),
                            (true, true, true, false, true),
                        ] {
                            if matches!(money, Money::Pair { named: false }) && !balance {
                                continue; // nothing can tell debit from credit
                            }
                            if matches!(money, Money::Pair { named: true }) && !header {
                                continue;
                            }
                            let l = Layout {
                                delimiter,
                                date,
                                comma_decimal,
                                money,
                                balance,
                                header,
                                preamble,
                                currency_col,
                                newest_first,
                            };
                            let text = render(l);
                            let sample = sample_bytes(text.as_bytes()).unwrap();
                            let d = detect(&sample, Some("GBP"))
                                .unwrap_or_else(|e| panic!("{l:?}: {e}\n{text}"));
                            assert!(d.doubts.is_empty(), "{l:?}: {:?}\n{text}", d.doubts);
                            assert_eq!(read_all(&text, &d.profile), want, "{l:?}\n{text}");
                            assert_eq!(d.profile.format.currency.is_none(), currency_col);
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 150, "only {checked} layouts checked");
    }

    #[test]
    fn quoted_comma_decimals_in_a_comma_file() {
        let text = "Datum,Omschrijving,Bedrag\n\"03-01-2026\",\"HUUR\",\"-850,00\"\n\"15-01-2026\",\"SALARIS\",\"2.400,00\"\n\"20-01-2026\",\"AH 1234\",\"-45,10\"\n";
        let d = detect(&sample_bytes(text.as_bytes()).unwrap(), Some("EUR")).unwrap();
        assert_eq!(d.profile.format.decimal, ',');
        let rows = read_all(text, &d.profile);
        assert_eq!(rows[1].1, 240000);
    }

    #[test]
    fn day_first_or_month_first_is_decided_by_the_values() {
        let text = "Date,Description,Amount\n03/01/2026,A,-1.00\n13/01/2026,B,-2.00\n";
        let d = detect(&sample_bytes(text.as_bytes()).unwrap(), Some("EUR")).unwrap();
        assert_eq!(d.profile.format.date_formats[0], "%d/%m/%Y");
        let text = "Date,Description,Amount\n01/03/2026,A,-1.00\n01/13/2026,B,-2.00\n";
        let d = detect(&sample_bytes(text.as_bytes()).unwrap(), Some("EUR")).unwrap();
        assert_eq!(d.profile.format.date_formats[0], "%m/%d/%Y");
        // Only sorted as month-first: 05/01 (May 1) .. 06/01 .. 07/01 are in order,
        // day-first they would be Jan 5, Jan 6, Jan 7: also in order. Ambiguous.
        let text =
            "Date,Description,Amount\n05/01/2026,A,-1.00\n06/01/2026,B,-2.00\n07/01/2026,C,-3.00\n";
        let d = detect(&sample_bytes(text.as_bytes()).unwrap(), Some("EUR")).unwrap();
        assert!(
            d.doubts.iter().any(|x| x.contains("day-first")),
            "{:?}",
            d.doubts
        );
        // In order only when read month-first.
        let text =
            "Date,Description,Amount\n01/02/2026,A,-1.00\n03/01/2026,B,-2.00\n05/01/2026,C,-3.00\n";
        let d = detect(&sample_bytes(text.as_bytes()).unwrap(), Some("EUR")).unwrap();
        assert!(d.doubts.is_empty(), "{:?}", d.doubts);
        assert_eq!(d.profile.format.date_formats[0], "%m/%d/%Y");
    }

    #[test]
    fn a_running_balance_fixes_the_sign_of_credit_card_exports() {
        // Charges written as positive numbers, the balance owed going up.
        let text = "Date,Description,Amount,Balance\n2026-01-02,BOOKS,12.00,-12.00\n2026-01-05,CAFE,3.50,-15.50\n2026-01-09,PAYMENT THANK YOU,-15.50,0.00\n";
        let d = detect(&sample_bytes(text.as_bytes()).unwrap(), Some("USD")).unwrap();
        assert!(d.profile.format.invert_sign);
        assert_eq!(read_all(text, &d.profile)[0].1, -1200);
    }

    #[test]
    fn all_positive_amounts_without_a_balance_raise_a_doubt() {
        let text = "Date,Description,Amount\n2026-01-02,A,1.00\n2026-01-03,B,2.00\n2026-01-04,C,3.00\n2026-01-05,D,4.00\n2026-01-06,E,5.00\n";
        let d = detect(&sample_bytes(text.as_bytes()).unwrap(), Some("USD")).unwrap();
        assert!(
            d.doubts.iter().any(|x| x.contains("positive")),
            "{:?}",
            d.doubts
        );
    }

    #[test]
    fn currency_is_found_in_the_text_or_left_in_doubt() {
        let text = "Date,Description,Amount (EUR)\n2026-01-02,A,-1.00\n2026-01-03,B,2.00\n";
        let d = detect(&sample_bytes(text.as_bytes()).unwrap(), None).unwrap();
        assert_eq!(d.profile.format.currency.as_deref(), Some("EUR"));
        let text = "Date,Description,Amount\n2026-01-02,A,-1.00\n2026-01-03,B,2.00\n";
        let d = detect(&sample_bytes(text.as_bytes()).unwrap(), None).unwrap();
        assert!(d.doubts.iter().any(|x| x.contains("currency")));
    }

    #[test]
    fn what_is_not_a_statement_is_refused() {
        for text in [
            "hello\nworld\n",
            "a,b\n1,2\n",
            "Name,Age,City\nAnn,31,Oslo\nBo,40,Rome\n",
        ] {
            let s = sample_bytes(text.as_bytes()).unwrap();
            assert!(detect(&s, Some("EUR")).is_err(), "{text}");
        }
    }
}
