//! Reads a CSV export through a profile, one normalized row at a time (streaming).

use std::io::{BufRead, BufReader, Read};

use chrono::NaiveDate;
use chrono::format::{Item, Parsed, StrftimeItems};
use regex::Regex;

use super::profile::{Column, Profile};
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
    pub currency: String,
    pub description: String,
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
    excludes: Vec<(Option<usize>, Regex)>,
    /// Fields a row must have.
    needed: usize,
}

/// Decodes a byte stream to UTF-8 per the profile's encoding (a BOM always wins).
pub fn decoder<R: Read>(input: R, encoding: &str) -> impl Read {
    let enc = encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(enc))
        .bom_override(true)
        .strip_bom(true)
        .utf8_passthru(true)
        .build(input)
}

pub struct Reader<R: Read> {
    csv: csv::Reader<BufReader<R>>,
    /// Lines before the csv reader's first line (preamble and header).
    offset: u64,
    header: Option<Vec<String>>,
    cols: Cols,
    dates: Vec<(String, Vec<Item<'static>>)>,
    number: NumberFormat,
    fixed_currency: Option<(String, u32)>,
    invert: bool,
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
            .from_reader(input);
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
            let code = c.to_ascii_uppercase();
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
            invert: profile.format.invert_sign,
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
        self.cols.excludes.iter().any(|(col, re)| match col {
            Some(i) => re.is_match(self.record.get(*i).unwrap_or("")),
            None => self.record.iter().any(|f| re.is_match(f)),
        })
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
                let code = field(c.0).to_ascii_uppercase();
                match (money::exponent(&code), fixed) {
                    (Some(e), _) => (code, e),
                    // An empty currency cell falls back to the profile's fixed currency.
                    (None, Some((f, e))) if code.is_empty() => (f.clone(), *e),
                    (None, _) => return Err(err(c, "is not an ISO 4217 currency code".into())),
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
            match (amount_of(d)?, amount_of(c)?) {
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
            amount -= fee.abs();
        }
        if self.invert {
            amount = -amount;
        }
        let balance = match &self.cols.balance {
            Some(c) => amount_of(c)?,
            None => None,
        };
        let mut description = String::new();
        for &i in &self.cols.description {
            let part = field(i);
            if !part.is_empty() {
                if !description.is_empty() {
                    description.push(' ');
                }
                description.push_str(part);
            }
        }
        let description = collapse_spaces(&description);
        let reference = self
            .cols
            .reference
            .map(field)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        Ok(Row {
            line,
            date,
            value_date,
            amount,
            currency,
            description,
            balance,
            reference,
            raw: join_fields(r, self.delimiter),
        })
    }

    fn date(&self, text: &str) -> Option<NaiveDate> {
        self.dates.iter().find_map(|(_, items)| {
            let mut parsed = Parsed::new();
            chrono::format::parse(&mut parsed, text, items.iter()).ok()?;
            parsed.to_naive_date().ok()
        })
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

fn lower(v: &[String]) -> Vec<String> {
    v.iter().map(|s| s.trim().to_lowercase()).collect()
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Splits one line (a header) into trimmed fields.
pub fn split_line(line: &str, delimiter: char, quote: char) -> Vec<String> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .quote(quote as u8)
        .has_headers(false)
        .flexible(true)
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
    let mut out = String::new();
    for (i, f) in r.iter().enumerate() {
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
    let mut excludes = vec![];
    for e in &profile.exclude {
        let col = match &e.column {
            Some(col) => Some(find(col)?.0),
            None => None,
        };
        let re = regex::RegexBuilder::new(&e.pattern)
            .case_insensitive(true)
            .build()
            .expect("validated with the profile");
        excludes.push((col, re));
    }
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
        needed,
    })
}
