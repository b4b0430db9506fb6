//! `smartspend export`: transactions as CSV, JSON, an hledger journal or a beancount file.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{Context, Result};

use super::Ctx;
use super::tx::{check_account, date_bounds};
use crate::cli::{ExportArgs, ExportFormat};
use crate::fsutil;
use crate::ledger::transactions::{self, SortKey, TxFilter, TxRow};

pub fn run(args: &ExportArgs, ctx: &Ctx) -> Result<()> {
    let (_user, ledger, _) = ctx.open_ledger()?;
    let conn = ledger.conn();
    let (from, to) = date_bounds(&args.period, ctx)?;
    if let Some(a) = &args.account {
        check_account(conn, a)?;
    }
    let filter = TxFilter {
        from,
        to,
        account: args.account.clone(),
        sort: SortKey::Date,
        reverse: true,
        ..TxFilter::default()
    };
    let kinds: BTreeMap<String, String> = {
        let mut stmt = conn.prepare("SELECT name, kind FROM categories")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    let mut count = 0usize;
    // Rows go straight from the ledger to the output, whatever their number.
    let mut write = |w: &mut dyn Write| -> std::io::Result<()> {
        match args.format {
            ExportFormat::Csv => {
                let mut csv = csv::Writer::from_writer(&mut *w);
                transactions::for_each(conn, &filter, |r| {
                    count += 1;
                    csv.serialize(&r).map_err(Error::from)
                })
                .map_err(Error::io)?;
                csv.flush()?;
            }
            ExportFormat::Json => {
                w.write_all(b"[")?;
                transactions::for_each(conn, &filter, |r| {
                    let sep = if count == 0 { "\n  " } else { ",\n  " };
                    count += 1;
                    w.write_all(sep.as_bytes())?;
                    serde_json::to_writer(&mut *w, &r).map_err(Error::from)
                })
                .map_err(Error::io)?;
                w.write_all(b"\n]\n")?;
            }
            ExportFormat::Ledger | ExportFormat::Beancount => {
                let syntax = if args.format == ExportFormat::Ledger {
                    Syntax::Ledger
                } else {
                    Syntax::Beancount
                };
                writeln!(
                    w,
                    "{} exported by smartspend\n",
                    if syntax == Syntax::Ledger { ";" } else { ";;" }
                )?;
                if syntax == Syntax::Beancount {
                    opens(conn, &filter, &kinds, w).map_err(Error::io)?;
                }
                transactions::for_each(conn, &filter, |r| {
                    count += 1;
                    entry(&r, &kinds, syntax, w).map_err(Error::from)
                })
                .map_err(Error::io)?;
            }
        }
        w.flush()
    };
    match &args.output {
        Some(path) => {
            fsutil::write_private_atomic_with(path, &mut write)
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("wrote {count} transactions to {}", path.display());
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write(&mut out)?;
        }
    }
    Ok(())
}

/// What can go wrong while rows stream out.
#[derive(Debug, thiserror::Error)]
enum Error {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Format(String),
}

impl Error {
    fn io(self) -> std::io::Error {
        match self {
            Error::Io(e) => e,
            other => std::io::Error::other(other.to_string()),
        }
    }
}

// A closed pipe must stay an I/O error, so that `| head` ends quietly.
impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Error {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::Io(io),
            other => Error::Format(format!("{other:?}")),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        match e.io_error_kind() {
            Some(kind) => Error::Io(kind.into()),
            None => Error::Format(e.to_string()),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Syntax {
    Ledger,
    Beancount,
}

/// An account name part both tools accept: ASCII words joined by `-`, capitalized for
/// beancount (`Rent/Mortgage` -> `rent-mortgage` / `Rent-Mortgage`).
fn part(name: &str, syntax: Syntax) -> String {
    let ascii = deunicode::deunicode(name);
    let words: Vec<String> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match syntax {
            Syntax::Ledger => w.to_ascii_lowercase(),
            Syntax::Beancount => {
                let lower = w.to_ascii_lowercase();
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect();
    let joined = words.join("-");
    match joined.chars().next() {
        None => "Other".into(),
        // Beancount parts start with a capital letter.
        Some(c) if syntax == Syntax::Beancount && !c.is_ascii_uppercase() => format!("X{joined}"),
        _ => joined,
    }
}

/// The two accounts of a transaction: where the money was, and what it was for.
/// `money_in` says which way an uncategorized transaction went.
fn accounts(
    account: &str,
    category: Option<&str>,
    money_in: bool,
    kinds: &BTreeMap<String, String>,
    syntax: Syntax,
) -> (String, String) {
    let (assets, expenses, income, equity) = match syntax {
        Syntax::Ledger => ("assets", "expenses", "income", "equity"),
        Syntax::Beancount => ("Assets", "Expenses", "Income", "Equity"),
    };
    let bank = format!("{assets}:{}", part(account, syntax));
    let other = match category {
        None => {
            let root = if money_in { income } else { expenses };
            format!("{root}:{}", part("uncategorized", syntax))
        }
        Some(c) => match kinds.get(c).map(String::as_str) {
            Some("income") => format!("{income}:{}", part(c, syntax)),
            Some("transfer") => format!("{equity}:{}", part(c, syntax)),
            _ => format!("{expenses}:{}", part(c, syntax)),
        },
    };
    (bank, other)
}

/// Beancount's `open` directives: every account on the day it is first used.
fn opens(
    conn: &rusqlite::Connection,
    filter: &TxFilter,
    kinds: &BTreeMap<String, String>,
    w: &mut dyn Write,
) -> Result<(), Error> {
    let mut stmt = conn.prepare(
        "SELECT a.name, c.name, t.amount > 0, min(t.date) FROM transactions t
         JOIN accounts a ON a.id = t.account_id
         LEFT JOIN categories c ON c.id = t.category_id
         WHERE (?1 IS NULL OR t.date >= ?1) AND (?2 IS NULL OR t.date <= ?2)
           AND (?3 IS NULL OR a.name = ?3 COLLATE NOCASE)
         GROUP BY 1, 2, 3",
    )?;
    let mut opened: BTreeMap<String, String> = BTreeMap::new();
    let mut rows = stmt.query(rusqlite::params![filter.from, filter.to, filter.account])?;
    while let Some(r) = rows.next()? {
        let (account, category, money_in, date): (String, Option<String>, bool, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let (bank, other) = accounts(
            &account,
            category.as_deref(),
            money_in,
            kinds,
            Syntax::Beancount,
        );
        for name in [bank, other] {
            let first = opened.entry(name).or_insert_with(|| date.clone());
            if date < *first {
                first.clone_from(&date);
            }
        }
    }
    let mut by_date: Vec<(String, String)> = opened.into_iter().map(|(a, d)| (d, a)).collect();
    by_date.sort();
    for (date, account) in by_date {
        writeln!(w, "{date} open {account}")?;
    }
    writeln!(w)?;
    Ok(())
}

/// One transaction as a journal entry.
fn entry(
    r: &TxRow,
    kinds: &BTreeMap<String, String>,
    syntax: Syntax,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let (bank, other) = accounts(
        &r.account,
        r.category.as_deref(),
        r.minor > 0,
        kinds,
        syntax,
    );
    // The category side takes the opposite of what the bank account saw.
    let negated = match r.amount.strip_prefix('-') {
        Some(a) => a.to_string(),
        None => format!("-{}", r.amount),
    };
    match syntax {
        Syntax::Ledger => {
            // `;` opens a comment and `|` splits payee from note in hledger.
            let description = r.description.replace([';', '|'], ",");
            writeln!(w, "{} {description}", r.date)?;
            writeln!(w, "    ; smartspend-id: {}", r.id)?;
            if let Some(note) = &r.note {
                writeln!(w, "    ; {}", note.replace('\n', " "))?;
            }
            writeln!(w, "    {other}  {negated} {}", r.currency)?;
            writeln!(w, "    {bank}  {} {}\n", r.amount, r.currency)
        }
        Syntax::Beancount => {
            let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
            writeln!(w, "{} * \"{}\"", r.date, quote(&r.description))?;
            writeln!(w, "  smartspend-id: \"{}\"", r.id)?;
            if let Some(note) = &r.note {
                writeln!(w, "  note: \"{}\"", quote(note))?;
            }
            writeln!(w, "  {other}  {negated} {}", r.currency)?;
            writeln!(w, "  {bank}  {} {}\n", r.amount, r.currency)
        }
    }
}
