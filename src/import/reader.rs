//! Reads a CSV export through a profile, one normalized row at a time (streaming).

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;

use chrono::NaiveDate;
use chrono::format::{Item, Parsed, StrftimeItems};
use regex::Regex;

use super::profile::{Column, Columns, Filter, Profile};
use crate::money::{self, AmountError, NumberFormat};

/// One transaction as read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line in the file where the row starts.
    pub line: u64,
    pub date: NaiveDate,
    pub value_date: Option<NaiveDate>,
    /// Minor units; negative = money out.
    pub amount: i64,
    /// ISO 4217 code, shared between rows (no allocation per row).
    pub currency: Arc<str>,
    /// Joined, spaces collapsed.
    pub description: String,
    /// As the bank wrote it, when cleaning changed it.
    pub description_raw: Option<String>,
    pub balance: Option<i64>,
    pub reference: Option<String>,
    /// The row's fields as read, for `tx show`.
    pub raw: String,
}

/// A row that cannot be read. Displays as `LINE: column NAME: value "..." PROBLEM`; the
/// caller puts the file name in front.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub value: String,
    pub problem: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column.is_empty() {
            write!(f, "{}: {}", self.line, self.problem)
        } else {
            write!(
                f,
                "{}: column {}: value \"{}\" {}",
                self.line, self.column, self.value, self.problem
            )
        }
    }
}

/// Problems with the file as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("this is a binary file, not a CSV export")]
    Binary,
    #[error("no line matches the header pattern `{0}`")]
    HeaderNotFound(String),
    #[error("the file ends before its header (after {0} lines)")]
    NoHeader(usize),
    #[error("line {line}: the header has no column `{column}`; it has: {header}")]
    MissingColumn {
        line: u64,
        column: String,
        header: String,
    },
    #[error("reading: {0}")]
    Io(#[from] std::io::Error),
}

/// Column indices, resolved against the header once.
struct Cols {
    date: (usize, String),
    value_date: Option<(usize, String)>,
    description: Vec<usize>,
    amount: Option<(usize, String)>,
    debit: Option<(usize, String)>,
    credit: Option<(usize, String)>,
    direction: Option<(usize, String)>,
    fee: Option<(usize, String)>,
    currency: Option<(usize, String)>,
    balance: Option<(usize, String)>,
    reference: Option<usize>,
    excludes: Vec<(Vec<usize>, Regex)>,
    only: Vec<(Vec<usize>, Regex)>,
    /// Fields a row must have.
    needed: usize,
}

/// Decodes a byte stream to UTF-8 per the profile's encoding; a byte order mark wins
/// over the profile. UTF-8 input is passed through unchanged, so that invalid bytes are
/// reported (with a hint about the encoding) rather than silently replaced.
pub fn decoder<'a, R: Read + 'a>(mut input: R, encoding: &str) -> Box<dyn Read + 'a> {
    let mut head = [0u8; 3];
    let mut n = 0;
    while n < head.len() {
        match input.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    let (enc, bom) = match encoding_rs::Encoding::for_bom(&head[..n]) {
        Some((enc, len)) => (enc, len),
        None => (
            encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8),
            0,
        ),
    };
    let rest = std::io::Cursor::new(head[bom..n].to_vec()).chain(input);
    if enc == encoding_rs::UTF_8 {
        Box::new(rest)
    } else {
        Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(enc))
                .bom_sniffing(false)
                .build(rest),
        )
    }
}

/// Puts a space on every empty line. The csv crate skips empty lines but then reports
/// the next record at the empty line's number; with no empty lines its line numbers are
/// exact, and the reader skips the blank records itself.
pub struct NoEmptyLines<R> {
    inner: R,
    /// The last byte handed out (a newline at the start).
    last: u8,
    /// A byte read from `inner` but not yet handed out.
    held: Option<u8>,
}

impl<R: Read> NoEmptyLines<R> {
    pub fn new(inner: R) -> Self {
        NoEmptyLines {
            inner,
            last: b'\n',
            held: None,
        }
    }
}

impl<R: Read> Read for NoEmptyLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let mut n = 0;
        if let Some(b) = self.held.take() {
            buf[0] = b;
            n = 1;
        } else {
            // Leave room to insert one space per byte read.
            let want = buf.len().div_ceil(2);
            let start = buf.len() - want;
            let got = self.inner.read(&mut buf[start..])?;
            let chunk = &buf[start..start + got];
            let blank = (self.last == b'\n' && chunk.first() == Some(&b'\n'))
                || memchr::memmem::find(chunk, b"\n\n").is_some();
            if !blank {
                // The common case: nothing to insert.
                if let Some(&b) = chunk.last() {
                    self.last = b;
                }
                buf.copy_within(start..start + got, 0);
                return Ok(got);
            }
            // Writing never overtakes reading: byte i is read from start + i >= 2i.
            for i in 0..got {
                let b = buf[start + i];
                if b == b'\n' && self.last == b'\n' {
                    buf[n] = b' ';
                    n += 1;
                }
                if n < buf.len() {
                    buf[n] = b;
                    n += 1;
                } else {
                    self.held = Some(b);
                }
                self.last = b;
            }
        }
        Ok(n)
    }
}

pub struct Reader<R: Read> {
    csv: csv::Reader<NoEmptyLines<BufReader<R>>>,
    /// Lines before the csv reader's first line (preamble and header).
    offset: u64,
    header: Option<Vec<String>>,
    cols: Cols,
    dates: Vec<(String, Vec<Item<'static>>)>,
    number: NumberFormat,
    fixed_currency: Option<(Arc<str>, u32)>,
    /// The last currency read from a currency column, reused while it repeats.
    column_currency: RefCell<Option<(Arc<str>, u32)>>,
    invert: bool,
    fee_signed: bool,
    debit_values: Vec<String>,
    credit_values: Vec<String>,
    delimiter: char,
    record: csv::StringRecord,
    /// Rows left out by the profile's `exclude` patterns.
    pub excluded: u64,
}

impl<R: Read> Reader<R> {
    /// Reads up to the header and resolves the profile's columns. `input` is UTF-8.
    pub fn new(input: R, profile: &Profile) -> Result<Reader<R>, ReadError> {
        let mut input = BufReader::with_capacity(256 * 1024, input);
        let mut offset = 0u64;
        let mut header = None;
        let header_pattern = profile
            .csv
            .header_pattern
            .as_ref()
            .map(|p| Regex::new(p).expect("validated with the profile"));
        let mut line = String::new();
        if let Some(re) = &header_pattern {
            loop {
                line.clear();
                if input.read_line(&mut line)? == 0 {
                    return Err(ReadError::HeaderNotFound(re.as_str().into()));
                }
                offset += 1;
                if re.is_match(line.trim_end_matches(['\r', '\n'])) {
                    header = Some(split_line(&line, profile.csv.delimiter, profile.csv.quote));
                    break;
                }
            }
        } else {
            for _ in 0..profile.csv.skip_lines {
                line.clear();
                if input.read_line(&mut line)? == 0 {
                    return Err(ReadError::NoHeader(offset as usize));
                }
                offset += 1;
            }
            if profile.csv.has_header {
                // Blank lines before the header are not the header.
                loop {
                    line.clear();
                    if input.read_line(&mut line)? == 0 {
                        return Err(if offset == 0 {
                            ReadError::Empty
                        } else {
                            ReadError::NoHeader(offset as usize)
                        });
                    }
                    offset += 1;
                    if !line.trim().is_empty() {
                        header = Some(split_line(&line, profile.csv.delimiter, profile.csv.quote));
                        break;
                    }
                }
            }
        }
        let cols = resolve(profile, header.as_deref(), offset)?;
        let csv = csv::ReaderBuilder::new()
            .delimiter(profile.csv.delimiter as u8)
            .quote(profile.csv.quote as u8)
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(NoEmptyLines::new(input));
        let dates = profile
            .format
            .date_formats
            .iter()
            .map(|f| {
                let items: Vec<Item<'static>> =
                    StrftimeItems::new(f).map(|i| i.to_owned()).collect();
                (f.clone(), items)
            })
            .collect();
        let fixed_currency = profile.format.currency.as_ref().map(|c| {
            let code: Arc<str> = c.to_ascii_uppercase().into();
            let exp = money::exponent(&code).expect("validated with the profile");
            (code, exp)
        });
        Ok(Reader {
            csv,
            offset,
            header,
            cols,
            dates,
            number: NumberFormat {
                decimal: profile.format.decimal,
                thousands: profile.format.thousands.chars().next(),
            },
            fixed_currency,
            column_currency: RefCell::new(None),
            invert: profile.format.invert_sign,
            fee_signed: profile.format.fee_signed,
            debit_values: lower(&profile.format.debit_values),
            credit_values: lower(&profile.format.credit_values),
            delimiter: profile.csv.delimiter,
            record: csv::StringRecord::new(),
            excluded: 0,
        })
    }

    pub fn header(&self) -> Option<&[String]> {
        self.header.as_deref()
    }

    /// The next row, an error for a bad row, or None at the end.
    pub fn next_row(&mut self) -> Option<Result<Row, RowError>> {
        loop {
            let line = self.offset + self.csv.position().line();
            match self.csv.read_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(line, |p| self.offset + p.line());
                    let problem = match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => {
                            "is not valid UTF-8; the file may be in another encoding (set [csv] encoding, e.g. \"windows-1252\")".to_string()
                        }
                        _ => e.to_string(),
                    };
                    // The csv reader resumes after a bad record.
                    return Some(Err(RowError {
                        line,
                        column: String::new(),
                        value: String::new(),
                        problem,
                    }));
                }
            }
            let line = self
                .record
                .position()
                .map_or(line, |p| self.offset + p.line());
            if self.record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if self.is_excluded() {
                self.excluded += 1;
                continue;
            }
            return Some(self.parse(line));
        }
    }

    fn is_excluded(&self) -> bool {
        let matches = |(cols, re): &(Vec<usize>, Regex)| {
            if cols.is_empty() {
                self.record.iter().any(|f| re.is_match(f.trim()))
            } else {
                cols.iter()
                    .all(|&i| re.is_match(self.record.get(i).unwrap_or("").trim()))
            }
        };
        self.cols.excludes.iter().any(matches) || !self.cols.only.iter().all(matches)
    }

    fn parse(&self, line: u64) -> Result<Row, RowError> {
        let r = &self.record;
        if r.len() < self.cols.needed {
            return Err(RowError {
                line,
                column: String::new(),
                value: String::new(),
                problem: format!(
                    "has {} fields, expected {}",
                    r.len(),
                    self.header.as_ref().map_or(self.cols.needed, Vec::len)
                ),
            });
        }
        let field = |i: usize| r.get(i).unwrap_or("").trim();
        let err = |(i, name): &(usize, String), problem: String| RowError {
            line,
            column: name.clone(),
            value: field(*i).to_string(),
            problem,
        };

        let (currency, exp) = match (&self.cols.currency, &self.fixed_currency) {
            (Some(c), fixed) => {
                let text = field(c.0);
                let mut cache = self.column_currency.borrow_mut();
                match &*cache {
                    Some((code, e)) if code.eq_ignore_ascii_case(text) => (code.clone(), *e),
                    _ => {
                        let code = text.to_ascii_uppercase();
                        match (money::exponent(&code), fixed) {
                            (Some(e), _) => {
                                let code: Arc<str> = code.into();
                                *cache = Some((code.clone(), e));
                                (code, e)
                            }
                            // An empty currency cell falls back to the profile's fixed currency.
                            (None, Some((f, e))) if code.is_empty() => (f.clone(), *e),
                            (None, _) => {
                                return Err(err(c, "is not an ISO 4217 currency code".into()));
                            }
                        }
                    }
                }
            }
            (None, Some((code, e))) => (code.clone(), *e),
            (None, None) => unreachable!("validated with the profile"),
        };
        let amount_of = |c: &(usize, String)| -> Result<Option<i64>, RowError> {
            match money::parse_amount(field(c.0), self.number, exp) {
                Ok(v) => Ok(Some(v)),
                Err(AmountError::Empty) => Ok(None),
                Err(e) => Err(err(c, format!("{e} ({})", self.describe_number()))),
            }
        };

        let date = self.date(field(self.cols.date.0)).ok_or_else(|| {
            err(
                &self.cols.date,
                format!("is not a date in format {}", self.formats()),
            )
        })?;
        let value_date = match &self.cols.value_date {
            Some(c) if !field(c.0).is_empty() => Some(
                self.date(field(c.0))
                    .ok_or_else(|| err(c, format!("is not a date in format {}", self.formats())))?,
            ),
            _ => None,
        };

        let mut amount = if let Some(c) = &self.cols.amount {
            let a = amount_of(c)?.ok_or_else(|| err(c, "is empty; expected an amount".into()))?;
            match &self.cols.direction {
                Some(d) => {
                    let v = field(d.0).to_lowercase();
                    if self.debit_values.contains(&v) {
                        -a.abs()
                    } else if self.credit_values.contains(&v) {
                        a.abs()
                    } else {
                        return Err(err(
                            d,
                            format!(
                                "is neither a debit ({}) nor a credit ({}) marker",
                                self.debit_values.join(", "),
                                self.credit_values.join(", ")
                            ),
                        ));
                    }
                }
                None => a,
            }
        } else {
            let (d, c) = (
                self.cols.debit.as_ref().expect("validated"),
                self.cols.credit.as_ref().expect("validated"),
            );
            let fee_given = self
                .cols
                .fee
                .as_ref()
                .is_some_and(|f| !field(f.0).is_empty());
            match (amount_of(d)?, amount_of(c)?) {
                // A row that only charges (or refunds) a fee.
                (None, None) if fee_given => 0,
                (None, None) => {
                    return Err(RowError {
                        line,
                        column: format!("{} / {}", d.1, c.1),
                        value: String::new(),
                        problem: "are both empty; expected an amount in one of them".into(),
                    });
                }
                (debit, credit) => credit.unwrap_or(0).abs() - debit.unwrap_or(0).abs(),
            }
        };
        if let Some(c) = &self.cols.fee
            && let Some(fee) = amount_of(c)?
        {
            if self.fee_signed {
                amount += fee;
            } else {
                amount -= fee.abs();
            }
        }
        if self.invert {
            amount = -amount;
        }
        let balance = match &self.cols.balance {
            Some(c) => amount_of(c)?,
            None => None,
        };
        // Parts joined with one space; spaces inside collapsed. The uncleaned text is kept
        // only when cleaning changed something.
        let mut cleaned = String::with_capacity(64);
        let mut untidy = false;
        for &i in &self.cols.description {
            let part = field(i);
            untidy |= part.contains("  ") || part.contains(|c: char| c.is_whitespace() && c != ' ');
            for word in part.split_whitespace() {
                if !cleaned.is_empty() {
                    cleaned.push(' ');
                }
                cleaned.push_str(word);
            }
        }
        let description_raw = untidy.then(|| {
            self.cols
                .description
                .iter()
                .map(|&i| field(i))
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        });
        let reference = self
            .cols
            .reference
            .map(|i| field(i).trim_matches('\'').trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        Ok(Row {
            line,
            date,
            value_date,
            amount,
            currency,
            description: cleaned,
            description_raw,
            balance,
            reference,
            raw: join_fields(r, self.delimiter),
        })
    }

    fn date(&self, text: &str) -> Option<NaiveDate> {
        self.dates
            .iter()
            .find_map(|(_, items)| parse_date(text, items))
    }

    fn formats(&self) -> String {
        self.dates
            .iter()
            .map(|(f, _)| f.as_str())
            .collect::<Vec<_>>()
            .join(" or ")
    }

    fn describe_number(&self) -> String {
        format!("decimal separator `{}`", self.number.decimal)
    }
}

/// Parses a date with pre-parsed strftime items. Years outside 1900-2200 are refused, so
/// that `%Y` does not read "12/30/19" as the year 19 and a later `%y` format gets its turn.
pub fn parse_date(text: &str, items: &[Item<'_>]) -> Option<NaiveDate> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, text, items.iter()).ok()?;
    let date = parsed.to_naive_date().ok()?;
    (1900..=2200)
        .contains(&chrono::Datelike::year(&date))
        .then_some(date)
}

fn lower(v: &[String]) -> Vec<String> {
    v.iter().map(|s| s.trim().to_lowercase()).collect()
}

/// Splits one line (a header) into trimmed fields.
pub fn split_line(line: &str, delimiter: char, quote: char) -> Vec<String> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .quote(quote as u8)
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(line.as_bytes());
    let mut rec = csv::StringRecord::new();
    match rdr.read_record(&mut rec) {
        Ok(true) => rec
            .iter()
            .map(|f| f.trim_start_matches('\u{feff}').trim().to_string())
            .collect(),
        _ => vec![],
    }
}

fn join_fields(r: &csv::StringRecord, delimiter: char) -> String {
    let mut out = String::with_capacity(r.as_slice().len() + r.len() + 8);
    let last = r.len().saturating_sub(1);
    for (i, f) in r.iter().enumerate() {
        let f = if i == last {
            f.trim_end_matches('\r')
        } else {
            f
        };
        if i > 0 {
            out.push(delimiter);
        }
        if f.contains([delimiter, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out
}

fn resolve(
    profile: &Profile,
    header: Option<&[String]>,
    header_line: u64,
) -> Result<Cols, ReadError> {
    let mut needed = 0;
    let mut find = |c: &Column| -> Result<(usize, String), ReadError> {
        let (i, name) = match c {
            Column::Position(n) => {
                let name = header
                    .and_then(|h| h.get(n - 1))
                    .cloned()
                    .unwrap_or_else(|| format!("#{n}"));
                (n - 1, name)
            }
            Column::Name(name) => {
                let h = header.unwrap_or(&[]);
                let i = h
                    .iter()
                    .position(|f| {
                        f.eq_ignore_ascii_case(name.trim())
                            || f.to_lowercase() == name.trim().to_lowercase()
                    })
                    .ok_or_else(|| ReadError::MissingColumn {
                        line: header_line,
                        column: name.clone(),
                        header: h.join(", "),
                    })?;
                (i, h[i].clone())
            }
        };
        needed = needed.max(i + 1);
        Ok((i, name))
    };
    let c = &profile.columns;
    let mut opt = |c: &Option<Column>| c.as_ref().map(&mut find).transpose();
    let date = opt(&Some(c.date.clone()))?.expect("present");
    let value_date = opt(&c.value_date)?;
    let amount = opt(&c.amount)?;
    let debit = opt(&c.debit)?;
    let credit = opt(&c.credit)?;
    let direction = opt(&c.direction)?;
    let fee = opt(&c.fee)?;
    let currency = opt(&c.currency)?;
    let balance = opt(&c.balance)?;
    let reference = opt(&c.reference)?.map(|(i, _)| i);
    let mut description = vec![];
    for col in c.description.list() {
        description.push(find(col)?.0);
    }
    let mut filters = |list: &[Filter]| -> Result<Vec<(Vec<usize>, Regex)>, ReadError> {
        let mut out = vec![];
        for e in list {
            let mut col = vec![];
            for c in e.column.iter().flat_map(Columns::list) {
                col.push(find(c)?.0);
            }
            let re = regex::RegexBuilder::new(&e.pattern)
                .case_insensitive(true)
                .build()
                .expect("validated with the profile");
            out.push((col, re));
        }
        Ok(out)
    };
    let excludes = filters(&profile.exclude)?;
    let only = filters(&profile.only)?;
    Ok(Cols {
        date,
        value_date,
        description,
        amount,
        debit,
        credit,
        direction,
        fee,
        currency,
        balance,
        reference,
        excludes,
        only,
        needed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{detect, profiles, sample_bytes};
    use proptest::prelude::*;

    fn profile(text: &str) -> Profile {
        Profile::from_toml("t", text).unwrap()
    }

    const SIMPLE: &str = r#"
[columns]
date = "Date"
description = ["Payee", "Memo"]
debit = "Out"
credit = "In"
fee = "Fee"
balance = "Balance"
reference = "Id"
[format]
date_formats = ["%d/%m/%Y", "%d/%m/%Y %H:%M"]
currency = "GBP"
[[exclude]]
column = "Status"
pattern = "^pending$"
[[exclude]]
pattern = "^Closing balance"
"#;

    fn rows(text: &str, p: &Profile) -> Vec<Result<Row, RowError>> {
        let mut r = Reader::new(text.as_bytes(), p).unwrap();
        std::iter::from_fn(|| r.next_row()).collect()
    }

    #[test]
    fn reads_debit_credit_fee_memo_reference_and_excludes() {
        let p = profile(SIMPLE);
        let text = "Id,Date,Payee,Memo,Out,In,Fee,Balance,Status\n\
                    a1,01/02/2026,Corner  Shop,\"milk, bread\",3.20,,,96.80,done\n\
                    a2,02/02/2026 13:45,Employer,,,\"1,000.00\",,\"1,096.80\",done\n\
                    a3,03/02/2026,ATM,,20.00,,1.50,1075.30,pending\n\
                    a4,04/02/2026,FX card,,10.00,,0.25,1065.05,done\n\
                    Closing balance,,,,,,,1065.05,\n";
        let got = rows(text, &p);
        assert_eq!(got.len(), 3);
        let r0 = got[0].as_ref().unwrap();
        assert_eq!(r0.line, 2);
        assert_eq!(r0.amount, -320);
        assert_eq!(r0.description, "Corner Shop milk, bread");
        assert_eq!(r0.balance, Some(9680));
        assert_eq!(r0.reference.as_deref(), Some("a1"));
        assert_eq!(
            r0.raw,
            "a1,01/02/2026,Corner  Shop,\"milk, bread\",3.20,,,96.80,done"
        );
        let r1 = got[1].as_ref().unwrap();
        assert_eq!(
            (r1.amount, r1.date.to_string().as_str()),
            (100000, "2026-02-02")
        );
        assert_eq!(r1.description, "Employer");
        assert_eq!(got[2].as_ref().unwrap().amount, -1025);
    }

    #[test]
    fn errors_name_line_column_value_and_format() {
        let p = profile(SIMPLE);
        let text = "Id,Date,Payee,Memo,Out,In,Fee,Balance,Status\n\
                    a1,2026-02-01,Shop,,3.20,,,96.80,done\n\
                    a2,01/02/2026,Shop,,3.2.0,,,96.80,done\n\
                    a3,01/02/2026,Shop,,,,,96.80,done\n";
        let got = rows(text, &p);
        let e0 = got[0].as_ref().unwrap_err().to_string();
        assert_eq!(
            e0,
            "2: column Date: value \"2026-02-01\" is not a date in format %d/%m/%Y or %d/%m/%Y %H:%M"
        );
        let e1 = got[1].as_ref().unwrap_err().to_string();
        assert!(
            e1.starts_with("3: column Out: value \"3.2.0\" is not a number"),
            "{e1}"
        );
        let e2 = got[2].as_ref().unwrap_err().to_string();
        assert!(e2.contains("Out / In") && e2.contains("both empty"), "{e2}");
    }

    #[test]
    fn missing_columns_and_headers_are_reported() {
        let p = profile(SIMPLE);
        let err = Reader::new("Date,Payee\n".as_bytes(), &p).err().unwrap();
        assert!(err.to_string().contains("no column `Out`"), "{err}");
        let mut p2 = p.clone();
        p2.csv.header_pattern = Some("^Id,".into());
        let err = Reader::new("nothing here\n".as_bytes(), &p2).err().unwrap();
        assert!(matches!(err, ReadError::HeaderNotFound(_)));
        assert!(matches!(
            Reader::new("".as_bytes(), &p).err().unwrap(),
            ReadError::Empty
        ));
    }

    #[test]
    fn windows_1252_is_decoded_and_a_bom_is_dropped() {
        let p = profile(
            "[csv]\nencoding = \"windows-1252\"\ndelimiter = \";\"\n[columns]\ndate = 1\ndescription = 2\namount = 3\n[format]\ndate_formats = [\"%d.%m.%Y\"]\ndecimal = \",\"\nthousands = \".\"\ncurrency = \"EUR\"\n",
        );
        let bytes = b"Datum;Text;Betrag\n01.02.2026;B\xe4ckerei M\xfcller;-3,50\n";
        let mut r = Reader::new(decoder(&bytes[..], "windows-1252"), &p).unwrap();
        let row = r.next_row().unwrap().unwrap();
        assert_eq!(row.description, "Bäckerei Müller");
        assert_eq!(row.amount, -350);
        let bom = b"\xef\xbb\xbfDatum;Text;Betrag\n01.02.2026;Caf\xc3\xa9;1,00\n";
        let mut r = Reader::new(decoder(&bom[..], "windows-1252"), &p).unwrap();
        assert_eq!(r.header().unwrap()[0], "Datum");
        assert_eq!(r.next_row().unwrap().unwrap().description, "Café");
    }

    #[test]
    fn utf8_errors_point_at_the_encoding_setting() {
        let p = profile(
            "[columns]\ndate = \"D\"\ndescription = \"T\"\namount = \"A\"\n[format]\ncurrency = \"EUR\"\n",
        );
        let bytes = b"D,T,A\n2026-01-01,Caf\xe9,1.00\n";
        let mut r = Reader::new(decoder(&bytes[..], "utf-8"), &p).unwrap();
        let e = r.next_row().unwrap().unwrap_err().to_string();
        assert!(e.contains("windows-1252"), "{e}");
    }

    #[test]
    fn no_empty_lines_fills_blank_lines_whatever_the_buffer_size() {
        let input = b"\n\na\n\nb\r\n\n\n";
        for size in 1..8 {
            let mut r = NoEmptyLines::new(&input[..]);
            let mut out = vec![];
            let mut buf = vec![0u8; size];
            loop {
                let n = r.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                out.extend_from_slice(&buf[..n]);
            }
            assert_eq!(out, b" \n \na\n \nb\r\n \n \n", "buffer of {size}");
        }
    }

    #[test]
    fn blank_lines_do_not_shift_line_numbers() {
        let p = profile(SIMPLE);
        let text = "Id,Date,Payee,Memo,Out,In,Fee,Balance,Status\n\n\
                    a1,01/02/2026,Shop,,3.20,,,96.80,done\n\n\n\
                    a2,01/02/2026,Shop,,x,,,96.80,done\n";
        let got = rows(text, &p);
        assert_eq!(got[0].as_ref().unwrap().line, 3);
        assert_eq!(got[1].as_ref().unwrap_err().line, 6);
    }

    #[test]
    fn crlf_files_get_the_right_line_numbers() {
        let p = profile(SIMPLE);
        let text = "Id,Date,Payee,Memo,Out,In,Fee,Balance,Status\r\n\
                    a1,01/02/2026,Shop,,3.20,,,96.80,done\r\n\
                    \r\n\
                    a2,02/02/2026,\"Two\r\nlines\",,1.00,,,95.80,\"done\"\r\n\
                    a3,03/02/2026,Shop,,,bad,,95.80,done\r\n";
        let got = rows(text, &p);
        assert_eq!(got[0].as_ref().unwrap().line, 2);
        let r1 = got[1].as_ref().unwrap();
        assert_eq!(r1.line, 4);
        assert_eq!(r1.description, "Two lines");
        assert!(!r1.raw.ends_with('\r'));
        assert_eq!(got[2].as_ref().unwrap_err().line, 6);
    }

    #[test]
    fn fees_alone_signed_fees_and_only_filters() {
        let mut p = profile(SIMPLE);
        let text = "Id,Date,Payee,Memo,Out,In,Fee,Balance,Status\n\
                    f1,01/02/2026,SMS fee,,,,0.35,1.00,done\n";
        assert_eq!(rows(text, &p)[0].as_ref().unwrap().amount, -35);
        p.format.fee_signed = true;
        let text = "Id,Date,Payee,Memo,Out,In,Fee,Balance,Status\n\
                    f1,01/02/2026,Fee reversal,,,,0.35,1.00,done\n\
                    f2,01/02/2026,Transfer,,10.00,,-0.50,1.00,done\n\
                    f3,01/02/2026,Transfer,,10.00,,-0.50,1.00,reverted\n";
        p.exclude.clear();
        p.only = vec![crate::import::profile::Filter {
            column: Some(Columns::One(Column::Name("Status".into()))),
            pattern: "^done$".into(),
        }];
        let got = rows(text, &p);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap().amount, 35);
        assert_eq!(got[1].as_ref().unwrap().amount, -1050);
    }

    #[test]
    fn four_digit_year_formats_do_not_take_two_digit_years() {
        let p = profile(
            "[columns]\ndate = 1\ndescription = 2\namount = 3\n[csv]\nhas_header = false\n[format]\ndate_formats = [\"%m/%d/%Y\", \"%m/%d/%y\"]\ncurrency = \"USD\"\n",
        );
        let got = rows("12/30/19,A,1.00\n12/30/2019,B,2.00\n", &p);
        assert_eq!(got[0].as_ref().unwrap().date.to_string(), "2019-12-30");
        assert_eq!(got[1].as_ref().unwrap().date.to_string(), "2019-12-30");
    }

    #[test]
    fn the_excel_text_marker_is_dropped_from_references() {
        let p = profile(SIMPLE);
        let text = "Id,Date,Payee,Memo,Out,In,Fee,Balance,Status\n'320260740',01/02/2026,Shop,,1.00,,,1.00,done\n";
        assert_eq!(
            rows(text, &p)[0].as_ref().unwrap().reference.as_deref(),
            Some("320260740")
        );
    }

    /// Feeds arbitrary bytes through everything that reads user files: sampling,
    /// detection and every built-in profile. Nothing may panic.
    fn read_everything(bytes: &[u8]) {
        if let Ok(sample) = sample_bytes(bytes) {
            if let Ok(d) = detect::detect(&sample, Some("EUR"))
                && let Ok(mut r) = Reader::new(decoder(bytes, &d.profile.csv.encoding), &d.profile)
            {
                while r.next_row().is_some() {}
            }
            let _ = profiles::best_match(&profiles::builtin(), &sample.text);
        }
        for e in profiles::builtin() {
            if let Ok(mut r) = Reader::new(decoder(bytes, &e.profile.csv.encoding), &e.profile) {
                while r.next_row().is_some() {}
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            read_everything(&bytes);
        }

        #[test]
        fn mangled_csv_never_panics(
            edits in proptest::collection::vec((0usize..4000, prop::sample::select(vec![
                "\"", ",", ";", "\n", "\r\n", "-", ".", "(", "\u{feff}", "\u{e9}", "\t", "",
                "99999999999999999999", "31/02/2026", "1,23,4",
            ])), 0..12)
        ) {
            let mut text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/csv/chase.csv")).unwrap();
            text.push_str("2026-01-01,\"x\",1.00,\n01/02/2026;y;-1,00;\n");
            for (pos, s) in edits {
                let mut at = pos.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.insert_str(at, s);
            }
            read_everything(text.as_bytes());
        }
    }
}
