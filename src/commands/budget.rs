//! `smartspend budget set | list | remove`.

use anyhow::{Result, anyhow, bail};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Ctx;
use crate::cli::BudgetCommand;
use crate::ledger::catalog;
use crate::money::{self, NumberFormat};
use crate::output;
use crate::period::{Period, month_label};

#[derive(Debug, Serialize)]
struct BudgetRow {
    category: String,
    /// `YYYY-MM`, or null for every month.
    month: Option<String>,
    amount: String,
    currency: String,
}

pub fn run(cmd: BudgetCommand, ctx: &Ctx) -> Result<()> {
    let (_user, mut ledger, _) = ctx.open_ledger()?;
    match cmd {
        BudgetCommand::Set {
            category,
            amount,
            month,
            currency,
        } => {
            let tx = ledger.write()?;
            let (id, name) = category_of(&tx, &category)?;
            let currency = currency_of(&tx, currency, ctx)?;
            let month = month_of(month.as_deref(), ctx)?;
            let exponent = money::exponent(&currency).unwrap_or(2);
            let minor = money::parse_amount(&amount, NumberFormat::POINT, exponent)
                .map_err(|e| anyhow!("amount `{amount}`: {e}"))?;
            if minor < 0 {
                bail!("a budget is the most to spend: give it without a minus sign");
            }
            tx.execute(
                "INSERT INTO budgets (category_id, month, amount, currency) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (category_id, month, currency) DO UPDATE SET amount = excluded.amount",
                params![id, month, minor, currency],
            )?;
            crate::ledger::commit(tx)?;
            eprintln!(
                "budget for {name}: {} {currency} {}",
                money::format_minor(minor, exponent),
                if month.is_empty() {
                    "every month".to_string()
                } else {
                    format!("in {month}")
                }
            );
            Ok(())
        }
        BudgetCommand::List { json } => {
            let rows = list(ledger.conn())?;
            if json {
                return output::print_json(&rows);
            }
            if rows.is_empty() {
                eprintln!("no budgets yet: `smartspend budget set CATEGORY AMOUNT` sets one");
                return Ok(());
            }
            let mut t = output::table(["category", "month", "amount", ""], ctx.styled);
            for r in rows {
                t.add_row(vec![
                    comfy_table::Cell::new(r.category),
                    comfy_table::Cell::new(r.month.unwrap_or_else(|| "every month".into())),
                    comfy_table::Cell::new(r.amount)
                        .set_alignment(comfy_table::CellAlignment::Right),
                    comfy_table::Cell::new(r.currency),
                ]);
            }
            output::print(t)
        }
        BudgetCommand::Remove {
            category,
            month,
            currency,
        } => {
            let tx = ledger.write()?;
            let (id, name) = category_of(&tx, &category)?;
            let month = month_of(month.as_deref(), ctx)?;
            let n = tx.execute(
                "DELETE FROM budgets WHERE category_id = ?1 AND month = ?2
                   AND (?3 IS NULL OR currency = ?3)",
                params![id, month, currency.map(|c| c.to_ascii_uppercase())],
            )?;
            crate::ledger::commit(tx)?;
            if n == 0 {
                bail!("{name} has no such budget; `smartspend budget list` shows them");
            }
            eprintln!("removed the budget for {name}");
            Ok(())
        }
    }
}

fn category_of(conn: &Connection, name: &str) -> Result<(i64, String)> {
    let id = catalog::category_id(conn, name)?.ok_or_else(|| {
        anyhow!("there is no category `{name}`\nhint: `smartspend categories list` shows them")
    })?;
    let name = catalog::category_names(conn)?
        .into_iter()
        .find(|c| c.0 == id)
        .map_or_else(|| name.to_string(), |c| c.1);
    Ok((id, name))
}

/// `''` for every month, or `YYYY-MM`.
fn month_of(month: Option<&str>, ctx: &Ctx) -> Result<String> {
    Ok(match month {
        None => String::new(),
        Some(m) => month_label(Period::month(m, ctx.today)?.from),
    })
}

/// --currency, else `import.currency`, else the currency most transactions are in.
fn currency_of(conn: &Connection, given: Option<String>, ctx: &Ctx) -> Result<String> {
    let setting = Some(ctx.settings.config.import.currency.clone()).filter(|c| !c.is_empty());
    let main: Option<String> = conn
        .query_row(
            "SELECT currency FROM transactions GROUP BY currency ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let currency = given
        .or(setting)
        .or(main)
        .ok_or_else(|| anyhow!("the ledger has no transactions yet: give --currency EUR"))?
        .to_ascii_uppercase();
    if money::exponent(&currency).is_none() {
        bail!("`{currency}` is not an ISO 4217 currency code");
    }
    Ok(currency)
}

fn list(conn: &Connection) -> Result<Vec<BudgetRow>> {
    let mut stmt = conn.prepare(
        "SELECT c.name, b.month, b.amount, b.currency FROM budgets b
         JOIN categories c ON c.id = b.category_id ORDER BY c.name, b.month",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let month: String = r.get(1)?;
            let currency: String = r.get(3)?;
            Ok(BudgetRow {
                category: r.get(0)?,
                month: Some(month).filter(|m| !m.is_empty()),
                amount: money::format_minor(r.get(2)?, money::exponent(&currency).unwrap_or(2)),
                currency,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
