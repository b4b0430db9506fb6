//! `smartspend tx list | show | add | edit | delete | categorize`.

use anyhow::{Context, Result, anyhow, bail};
use comfy_table::{Cell, CellAlignment, Color};

use super::Ctx;
use crate::categorize::Categorizer;
use crate::categorize::apply::{self, Scope};
use crate::cli::{PeriodArgs, TxAddArgs, TxCommand, TxEditArgs, TxListArgs};
use crate::error::CliError;
use crate::ledger::transactions::{self, NewTx, TxDetail, TxEdit, TxFilter, TxRow};
use crate::ledger::{Ledger, catalog};
use crate::money::{self, NumberFormat};
use crate::output;
use crate::period;

pub fn run(cmd: TxCommand, ctx: &Ctx) -> Result<()> {
    let (_user, ledger, _) = ctx.open_ledger()?;
    match cmd {
        TxCommand::List(args) => list(&args, &ledger, ctx),
        TxCommand::Show { id, json } => {
            let detail = transactions::detail(ledger.conn(), id)
                .map_err(|e| ledger.err(e))?
                .ok_or_else(|| no_such(id))?;
            if json {
                output::print_json(&detail)
            } else {
                output::print(output::kv_table(show_rows(&detail), ctx.styled))
            }
        }
        TxCommand::Add(args) => add(&args, ledger, ctx),
        TxCommand::Edit(args) => edit(&args, ledger, ctx),
        TxCommand::Delete { id, yes } => delete(id, yes, ledger, ctx),
        TxCommand::Categorize {
            id,
            category,
            no_rule,
        } => {
            let mut ledger = ledger;
            let tx = ledger.write()?;
            let done = apply::correct(
                &tx,
                id,
                &category,
                no_rule,
                ctx.settings.config.categorize.min_confidence,
            )?;
            crate::ledger::commit(tx)?;
            match done.rule_id {
                Some(rule) => eprintln!(
                    "transaction {id} is now {}; rule {rule} puts merchant `{}` there from now on, and moved {} other transactions",
                    done.category, done.merchant_key, done.also_changed
                ),
                None => eprintln!("transaction {id} is now {}", done.category),
            }
            Ok(())
        }
    }
}

fn no_such(id: i64) -> anyhow::Error {
    anyhow!("there is no transaction {id}\nhint: `smartspend tx list` shows their ids")
}

/// Inclusive date bounds of `--month` or `--from`/`--to`, as `YYYY-MM-DD`.
pub fn date_bounds(p: &PeriodArgs, ctx: &Ctx) -> Result<(Option<String>, Option<String>)> {
    let (from, to) = period::bounds(
        p.month.as_deref(),
        p.from.as_deref(),
        p.to.as_deref(),
        ctx.today,
    )?;
    let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok((from.map(iso), to.map(iso)))
}

/// An account that exists, or an error listing those that do.
pub fn check_account(conn: &rusqlite::Connection, name: &str) -> Result<i64> {
    let mut stmt = conn.prepare("SELECT id, name FROM accounts ORDER BY name")?;
    let accounts: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if let Some((id, _)) = accounts.iter().find(|a| a.1.eq_ignore_ascii_case(name)) {
        return Ok(*id);
    }
    let names: Vec<&str> = accounts.iter().map(|a| a.1.as_str()).collect();
    bail!(
        "there is no account `{name}`; the accounts are: {}",
        if names.is_empty() {
            "none yet".to_string()
        } else {
            names.join(", ")
        }
    )
}

fn check_category(conn: &rusqlite::Connection, name: &str) -> Result<i64> {
    catalog::category_id(conn, name)?.ok_or_else(|| {
        anyhow!("there is no category `{name}`\nhint: `smartspend categories list` shows them")
    })
}

fn list(args: &TxListArgs, ledger: &Ledger, ctx: &Ctx) -> Result<()> {
    let conn = ledger.conn();
    let (from, to) = date_bounds(&args.period, ctx)?;
    if let Some(a) = &args.account {
        check_account(conn, a)?;
    }
    if let Some(c) = &args.category {
        check_category(conn, c)?;
    }
    let size = |flag: &str, text: &Option<String>| -> Result<Option<i128>> {
        text.as_deref()
            .map(|t| {
                money::parse_amount(t, NumberFormat::POINT, transactions::MICROS)
                    .map(|m| i128::from(m.unsigned_abs()))
                    .map_err(|e| anyhow!("--{flag} `{t}`: {e}"))
            })
            .transpose()
    };
    let filter = TxFilter {
        from,
        to,
        account: args.account.clone(),
        category: args.category.clone(),
        uncategorized: args.uncategorized,
        source: args.source.map(|s| s.as_str().to_string()),
        min_micros: size("min", &args.min)?,
        max_micros: size("max", &args.max)?,
        search: args.search.clone(),
        sort: args.sort,
        reverse: args.reverse,
        limit: args.limit,
    };
    let rows = transactions::list(conn, &filter).map_err(|e| ledger.err(e))?;
    if args.json {
        return output::print_json(&rows);
    }
    if args.csv {
        let mut w = csv::Writer::from_writer(vec![]);
        for r in &rows {
            w.serialize(r)?;
        }
        let text = String::from_utf8(w.into_inner()?)?;
        return output::print(text.trim_end());
    }
    if rows.is_empty() {
        eprintln!("no transactions match");
        return Ok(());
    }
    output::print(table(&rows, ctx))
}

fn table(rows: &[TxRow], ctx: &Ctx) -> comfy_table::Table {
    let mut t = output::color_table(
        [
            "id",
            "date",
            "account",
            "amount",
            "",
            "description",
            "category",
        ],
        ctx.styled,
        ctx.color,
    );
    for r in rows {
        t.add_row(vec![
            Cell::new(r.id),
            Cell::new(&r.date),
            Cell::new(&r.account),
            amount_cell(&r.amount, r.minor, ctx.color),
            Cell::new(&r.currency),
            Cell::new(&r.description),
            Cell::new(r.category.as_deref().unwrap_or("")),
        ]);
    }
    t
}

/// An amount right-aligned, red for money out and green for money in when in colour.
pub fn amount_cell(text: &str, minor: i64, color: bool) -> Cell {
    let cell = Cell::new(text).set_alignment(CellAlignment::Right);
    match (color, minor.signum()) {
        (true, -1) => cell.fg(Color::Red),
        (true, 1) => cell.fg(Color::Green),
        _ => cell,
    }
}

/// Why a transaction has its category, in words.
fn why(d: &TxDetail) -> String {
    let sure = d
        .confidence
        .map(|c| format!(", {:.0}% sure", c * 100.0))
        .unwrap_or_default();
    match d.row.source.as_deref() {
        Some("manual") => "set by hand".into(),
        Some("rule") => match &d.rule {
            Some(r) => format!(
                "rule {} ({} `{}`, {})",
                r.id,
                r.kind,
                r.pattern,
                if r.origin == "correction" {
                    "made from a correction"
                } else {
                    "written by you"
                }
            ),
            None => "a rule since removed".into(),
        },
        Some("learned") => format!("the model learned from your history{sure}"),
        Some("lexicon") => format!("the built-in lexicon{sure}"),
        Some("ai") => format!("the remote AI{sure}"),
        Some(other) => other.to_string(),
        None => "not categorized".into(),
    }
}

fn show_rows(d: &TxDetail) -> Vec<(String, String)> {
    let r = &d.row;
    let mut rows = vec![
        ("id".to_string(), r.id.to_string()),
        ("date".into(), r.date.clone()),
    ];
    let opt = |rows: &mut Vec<(String, String)>, k: &str, v: &Option<String>| {
        if let Some(v) = v {
            rows.push((k.into(), v.clone()));
        }
    };
    opt(&mut rows, "value date", &d.value_date);
    rows.push(("account".into(), r.account.clone()));
    rows.push(("amount".into(), format!("{} {}", r.amount, r.currency)));
    opt(
        &mut rows,
        "balance after",
        &d.balance.as_ref().map(|b| format!("{b} {}", r.currency)),
    );
    rows.push(("description".into(), r.description.clone()));
    opt(&mut rows, "as the bank wrote it", &d.description_raw);
    opt(&mut rows, "note", &r.note);
    rows.push(("merchant key".into(), d.merchant_key.clone()));
    rows.push((
        "category".into(),
        r.category.clone().unwrap_or_else(|| "none".into()),
    ));
    rows.push(("why".into(), why(d)));
    opt(&mut rows, "bank reference", &d.bank_ref);
    rows.push((
        "from".into(),
        match (d.import_id, &d.import_file) {
            (Some(id), Some(f)) => format!("import {id} ({f})"),
            _ => "added by hand".into(),
        },
    ));
    opt(&mut rows, "raw line", &d.raw_line);
    rows
}

fn parse_date(text: &str) -> Result<String> {
    Ok(period::parse_date(text)?.format("%Y-%m-%d").to_string())
}

fn parse_amount(text: &str, currency: &str) -> Result<i64> {
    let exponent = money::exponent(currency).unwrap_or(2);
    money::parse_amount(text, NumberFormat::POINT, exponent)
        .map_err(|e| anyhow!("--amount `{text}`: {e}"))
}

fn add(args: &TxAddArgs, mut ledger: Ledger, ctx: &Ctx) -> Result<()> {
    let date = match &args.date {
        Some(d) => parse_date(d)?,
        None => ctx.today.format("%Y-%m-%d").to_string(),
    };
    let description = args.description.trim();
    if description.is_empty() {
        bail!("the description is empty");
    }
    let min_confidence = ctx.settings.config.categorize.min_confidence;
    let tx = ledger.write()?;
    let account_id = catalog::ensure_account(&tx, args.account.trim())?;
    let account_currency: String = tx.query_row(
        "SELECT currency FROM accounts WHERE id = ?1",
        [account_id],
        |r| r.get(0),
    )?;
    let currency = args
        .currency
        .clone()
        .or_else(|| Some(account_currency.clone()).filter(|c| !c.is_empty()))
        .or_else(|| Some(ctx.settings.config.import.currency.clone()).filter(|c| !c.is_empty()))
        .ok_or_else(|| {
            anyhow!(
                "account `{}` has no currency yet; give one with --currency EUR (or set `currency` under [import] in config.toml)",
                args.account
            )
        })?
        .to_ascii_uppercase();
    if money::exponent(&currency).is_none() {
        bail!("`{currency}` is not an ISO 4217 currency code");
    }
    let amount = parse_amount(&args.amount, &currency)?;
    let category_id = args
        .category
        .as_deref()
        .map(|c| check_category(&tx, c))
        .transpose()?;
    let id = transactions::add(
        &tx,
        &NewTx {
            account_id,
            date: &date,
            amount,
            currency: &currency,
            description,
            note: args.note.as_deref(),
        },
    )?;
    if account_currency.is_empty() {
        tx.execute(
            "UPDATE accounts SET currency = ?2 WHERE id = ?1",
            rusqlite::params![account_id, currency],
        )?;
    }
    match category_id {
        Some(c) => {
            tx.execute(
                "UPDATE transactions SET category_id = ?2, category_source = 'manual',
                     confidence = 1.0 WHERE id = ?1",
                rusqlite::params![id, c],
            )?;
        }
        None => {
            let categorizer = Categorizer::load(&tx, min_confidence)?;
            apply::recategorize(&tx, &categorizer, &Scope::Transaction(id), false)?;
        }
    }
    let detail = transactions::detail(&tx, id)?.context("the new transaction")?;
    crate::ledger::commit(tx)?;
    eprintln!(
        "added transaction {id}: {} {} {} {} ({}: {})",
        detail.row.date,
        detail.row.amount,
        detail.row.currency,
        detail.row.description,
        detail.row.category.as_deref().unwrap_or("uncategorized"),
        why(&detail)
    );
    Ok(())
}

fn edit(args: &TxEditArgs, mut ledger: Ledger, ctx: &Ctx) -> Result<()> {
    if args.date.is_none()
        && args.amount.is_none()
        && args.description.is_none()
        && args.note.is_none()
        && args.category.is_none()
    {
        bail!("nothing to change: give --date, --amount, --description, --note or --category");
    }
    let min_confidence = ctx.settings.config.categorize.min_confidence;
    let tx = ledger.write()?;
    let before = transactions::detail(&tx, args.id)?.ok_or_else(|| no_such(args.id))?;
    let date = args.date.as_deref().map(parse_date).transpose()?;
    let amount = args
        .amount
        .as_deref()
        .map(|a| parse_amount(a, &before.row.currency))
        .transpose()?;
    let description = args.description.as_deref().map(str::trim);
    if description == Some("") {
        bail!("the description cannot be empty");
    }
    let category_id = args
        .category
        .as_deref()
        .map(|c| check_category(&tx, c))
        .transpose()?;
    let note = args
        .note
        .as_deref()
        .map(|n| Some(n.trim()).filter(|n| !n.is_empty()));
    transactions::edit(
        &tx,
        args.id,
        &TxEdit {
            date: date.as_deref(),
            amount,
            description,
            note,
        },
    )?;
    if let Some(c) = category_id {
        tx.execute(
            "UPDATE transactions SET category_id = ?2, category_source = 'manual', rule_id = NULL,
                 confidence = 1.0 WHERE id = ?1",
            rusqlite::params![args.id, c],
        )?;
    } else if amount.is_some() || description.is_some() {
        // What the rules and the model say may differ now (a hand-set category stays).
        let categorizer = Categorizer::load(&tx, min_confidence)?;
        apply::recategorize(&tx, &categorizer, &Scope::Transaction(args.id), false)?;
    }
    let after = transactions::detail(&tx, args.id)?.context("the edited transaction")?;
    crate::ledger::commit(tx)?;
    eprintln!(
        "transaction {}: {} {} {} {} ({})",
        args.id,
        after.row.date,
        after.row.amount,
        after.row.currency,
        after.row.description,
        after.row.category.as_deref().unwrap_or("uncategorized")
    );
    Ok(())
}

fn delete(id: i64, yes: bool, mut ledger: Ledger, ctx: &Ctx) -> Result<()> {
    let d = transactions::detail(ledger.conn(), id)
        .map_err(|e| ledger.err(e))?
        .ok_or_else(|| no_such(id))?;
    let what = format!(
        "transaction {id}: {} {} {} {}",
        d.row.date, d.row.amount, d.row.currency, d.row.description
    );
    if !yes {
        if !ctx.interactive {
            return Err(CliError::NotATerminal {
                what: "`tx delete`".into(),
                hint: "add --yes to delete without being asked".into(),
            }
            .into());
        }
        let sure = dialoguer::Confirm::new()
            .with_prompt(format!("Delete {what}?"))
            .default(false)
            .interact_opt()?
            .unwrap_or(false);
        if !sure {
            eprintln!("nothing deleted");
            return Ok(());
        }
    }
    let tx = ledger.write()?;
    transactions::delete(&tx, id)?;
    crate::ledger::commit(tx)?;
    eprintln!("deleted {what}");
    Ok(())
}
