//! Mapping profiles: declarative TOML that says how to read one bank's CSV export.

use serde::{Deserialize, Serialize};

/// A column given by header name or by 1-based position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Column {
    Position(usize),
    Name(String),
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Column::Position(n) => write!(f, "#{n}"),
            Column::Name(s) => f.write_str(s),
        }
    }
}

/// One or several columns (descriptions are often payee + memo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Columns {
    One(Column),
    Many(Vec<Column>),
}

impl Columns {
    pub fn list(&self) -> Vec<&Column> {
        match self {
            Columns::One(c) => vec![c],
            Columns::Many(v) => v.iter().collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Set from the file name; not written in the file.
    #[serde(skip)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The account that imports go to when `--account` is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, rename = "match", skip_serializing_if = "Match::is_empty")]
    pub matcher: Match,
    #[serde(default)]
    pub csv: CsvFormat,
    pub columns: ColumnMap,
    #[serde(default)]
    pub format: ValueFormat,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<Filter>,
    /// Rows must match every one of these to be read (e.g. State = COMPLETED).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<Filter>,
}

/// How a file is recognised as this profile's, without `--profile`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Match {
    /// Header names that must all be present (case and surrounding spaces ignored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    /// For files without a header: a regex that the first data line matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_pattern: Option<String>,
}

impl Match {
    pub fn is_empty(&self) -> bool {
        self.headers.is_empty() && self.row_pattern.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CsvFormat {
    pub delimiter: char,
    pub quote: char,
    /// `utf-8` (a BOM is allowed), `windows-1252`, `latin-1`, or any WHATWG label.
    pub encoding: String,
    /// Lines before the header (or before the first row when there is no header).
    pub skip_lines: usize,
    /// Instead of `skip_lines`: the header is the first line matching this regex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_pattern: Option<String>,
    pub has_header: bool,
}

impl Default for CsvFormat {
    fn default() -> Self {
        CsvFormat {
            delimiter: ',',
            quote: '"',
            encoding: "utf-8".into(),
            skip_lines: 0,
            header_pattern: None,
            has_header: true,
        }
    }
}

/// Which column holds what. Give `amount`, or `debit` and `credit`, or `amount` with
/// `direction`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    pub date: Column,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date: Option<Column>,
    pub description: Columns,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Column>,
    /// Money out (paid out, withdrawals); its sign is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debit: Option<Column>,
    /// Money in (paid in, deposits); its sign is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<Column>,
    /// A debit/credit indicator next to an unsigned `amount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Column>,
    /// A fee charged on top of the amount (always money out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<Column>,
    /// The bank's own unique id for a transaction (used for deduplication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Column>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ValueFormat {
    /// chrono strftime formats, tried in order (`%d/%m/%Y`, `%Y-%m-%d %H:%M:%S`, ...).
    pub date_formats: Vec<String>,
    pub decimal: char,
    /// Grouping separator; "" for none. Spaces are always accepted between groups.
    pub thousands: String,
    /// ISO 4217 code when the file has no currency column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Flip every sign (credit-card exports where a charge is positive).
    pub invert_sign: bool,
    /// The fee column is signed (negative = charged, positive = refunded) and is added to
    /// the amount; by default a fee is always money out.
    pub fee_signed: bool,
    /// Values of the `direction` column that mean money out / money in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub debit_values: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub credit_values: Vec<String>,
}

impl Default for ValueFormat {
    fn default() -> Self {
        ValueFormat {
            date_formats: vec!["%Y-%m-%d".into()],
            decimal: '.',
            thousands: ",".into(),
            currency: None,
            invert_sign: false,
            fee_signed: false,
            debit_values: vec![],
            credit_values: vec![],
        }
    }
}

/// A row filter (`[[exclude]]`: pending rows, summaries, opening balances; `[[only]]`:
/// the rows to keep): a case-insensitive regex on a column's trimmed value; with several
/// columns it must match in every one of them; with none, in any field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<Columns>,
    pub pattern: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("profile `{name}`: {message}")]
    Invalid { name: String, message: String },
    #[error("profile `{name}`: {source}")]
    Toml {
        name: String,
        source: toml::de::Error,
    },
}

impl Profile {
    pub fn from_toml(name: &str, text: &str) -> Result<Profile, ProfileError> {
        let mut p: Profile = toml::from_str(text).map_err(|source| ProfileError::Toml {
            name: name.into(),
            source,
        })?;
        p.name = name.into();
        p.validate()?;
        Ok(p)
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("profiles serialize")
    }

    fn validate(&self) -> Result<(), ProfileError> {
        let bad = |message: String| ProfileError::Invalid {
            name: self.name.clone(),
            message,
        };
        let c = &self.columns;
        match (&c.amount, &c.debit, &c.credit, &c.direction) {
            (Some(_), None, None, _) => {}
            (None, Some(_), Some(_), None) => {}
            _ => {
                return Err(bad(
                    "give [columns] amount, or debit and credit, or amount with direction".into(),
                ));
            }
        }
        if c.direction.is_some()
            && (self.format.debit_values.is_empty() || self.format.credit_values.is_empty())
        {
            return Err(bad(
                "a direction column needs [format] debit_values and credit_values".into(),
            ));
        }
        if c.currency.is_none() {
            match &self.format.currency {
                None => {
                    return Err(bad(
                        "give [columns] currency or [format] currency (ISO 4217)".into(),
                    ));
                }
                Some(code) if crate::money::exponent(code).is_none() => {
                    return Err(bad(format!("`{code}` is not an ISO 4217 currency code")));
                }
                Some(_) => {}
            }
        }
        if self.format.date_formats.is_empty() {
            return Err(bad("[format] date_formats is empty".into()));
        }
        if self.format.thousands.chars().count() > 1 {
            return Err(bad(
                "[format] thousands must be one character or empty".into()
            ));
        }
        if !self.csv.has_header
            && self
                .all_columns()
                .iter()
                .any(|c| matches!(c, Column::Name(_)))
        {
            return Err(bad(
                "a file without a header needs columns by position (1, 2, ...)".into(),
            ));
        }
        if self
            .all_columns()
            .iter()
            .any(|c| matches!(c, Column::Position(0)))
        {
            return Err(bad("column positions start at 1".into()));
        }
        if encoding_rs::Encoding::for_label(self.csv.encoding.as_bytes()).is_none() {
            return Err(bad(format!("unknown encoding `{}`", self.csv.encoding)));
        }
        for pattern in self
            .exclude
            .iter()
            .chain(&self.only)
            .map(|e| &e.pattern)
            .chain(&self.csv.header_pattern)
            .chain(&self.matcher.row_pattern)
        {
            regex::Regex::new(pattern).map_err(|e| bad(format!("bad regex: {e}")))?;
        }
        Ok(())
    }

    pub fn all_columns(&self) -> Vec<&Column> {
        let c = &self.columns;
        let mut v = vec![&c.date];
        v.extend(c.description.list());
        v.extend(
            [
                &c.value_date,
                &c.amount,
                &c.debit,
                &c.credit,
                &c.direction,
                &c.fee,
                &c.currency,
                &c.balance,
                &c.reference,
            ]
            .into_iter()
            .flatten(),
        );
        v.extend(
            self.exclude
                .iter()
                .chain(&self.only)
                .filter_map(|e| e.column.as_ref())
                .flat_map(Columns::list),
        );
        v
    }
}
