//! `smartspend tx list`.

use anyhow::Result;
use comfy_table::{Cell, CellAlignment, Color};

use super::Ctx;
use crate::cli::TxCommand;
use crate::ledger::queries;
use crate::output;

pub fn run(cmd: TxCommand, ctx: &Ctx) -> Result<()> {
    let (_user, ledger, _) = ctx.open_ledger()?;
    match cmd {
        TxCommand::List { limit, json } => {
            let rows =
                queries::list_transactions(ledger.conn(), limit).map_err(|e| ledger.err(e))?;
            if json {
                return output::print_json(&rows);
            }
            let mut t = output::table(
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
            );
            for r in rows {
                let mut amount = Cell::new(&r.amount).set_alignment(CellAlignment::Right);
                if ctx.color {
                    amount = amount.fg(if r.minor < 0 {
                        Color::Red
                    } else {
                        Color::Green
                    });
                }
                t.add_row(vec![
                    Cell::new(r.id),
                    Cell::new(&r.date),
                    Cell::new(&r.account),
                    amount,
                    Cell::new(&r.currency),
                    Cell::new(&r.description),
                    Cell::new(r.category.as_deref().unwrap_or("")),
                ]);
            }
            output::print(t)
        }
        TxCommand::Categorize {
            id,
            category,
            no_rule,
        } => {
            let mut ledger = ledger;
            let tx = ledger.write()?;
            let done = crate::categorize::apply::correct(
                &tx,
                id,
                &category,
                no_rule,
                ctx.settings.config.categorize.min_confidence,
            )?;
            tx.commit()?;
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
