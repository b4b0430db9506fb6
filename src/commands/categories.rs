//! `smartspend categories list | add | rename | remove`.

use anyhow::{Context, Result, bail};
use rusqlite::params;

use super::Ctx;
use crate::cli::{CategoriesCommand, CategoryKind};
use crate::ledger::catalog;
use crate::output;

pub fn run(cmd: CategoriesCommand, ctx: &Ctx) -> Result<()> {
    let (_user, mut ledger, _) = ctx.open_ledger()?;
    match cmd {
        CategoriesCommand::List { json } => {
            let list = catalog::categories(ledger.conn()).map_err(|e| ledger.err(e))?;
            if json {
                return output::print_json(&list);
            }
            let mut t = output::table(["category", "kind", "transactions"], ctx.styled);
            for c in list {
                t.add_row(vec![c.name, c.kind, c.transactions.to_string()]);
            }
            output::print(t)
        }
        CategoriesCommand::Add { name, kind } => {
            let name = name.trim().to_string();
            if name.is_empty() {
                bail!("a category needs a name");
            }
            let tx = ledger.write()?;
            if catalog::category_id(&tx, &name)?.is_some() {
                bail!("there is already a category `{name}`");
            }
            let kind = match kind {
                CategoryKind::Expense => "expense",
                CategoryKind::Income => "income",
                CategoryKind::Transfer => "transfer",
            };
            tx.execute(
                "INSERT INTO categories (name, kind) VALUES (?1, ?2)",
                params![name, kind],
            )?;
            crate::ledger::commit(tx)?;
            eprintln!("added category `{name}`");
            Ok(())
        }
        CategoriesCommand::Rename { old, new } => {
            let tx = ledger.write()?;
            let id = existing(&tx, &old)?;
            if let Some(other) = catalog::category_id(&tx, &new)?
                && other != id
            {
                bail!("there is already a category `{new}`");
            }
            tx.execute(
                "UPDATE categories SET name = ?2 WHERE id = ?1",
                params![id, new.trim()],
            )?;
            crate::ledger::commit(tx)?;
            eprintln!("renamed `{old}` to `{}`", new.trim());
            Ok(())
        }
        CategoriesCommand::Remove {
            name,
            move_to,
            uncategorize,
        } => {
            let tx = ledger.write()?;
            let id = existing(&tx, &name)?;
            let target = match (move_to, uncategorize) {
                (Some(to), _) => Some(existing(&tx, &to)?),
                (None, true) => None,
                (None, false) => {
                    ctx.require_terminal(
                        &format!("removing `{name}`"),
                        "say where its transactions and rules go: --move-to CATEGORY or --uncategorize",
                    )?;
                    let others: Vec<(i64, String)> = catalog::category_names(&tx)?
                        .into_iter()
                        .filter(|(i, _)| *i != id)
                        .collect();
                    let mut items: Vec<String> =
                        others.iter().map(|(_, n)| format!("move to {n}")).collect();
                    items.push("leave them uncategorized (and delete the rules)".into());
                    let choice = dialoguer::Select::new()
                        .with_prompt(format!(
                            "Where do the transactions and rules of `{name}` go?"
                        ))
                        .items(&items)
                        .default(items.len() - 1)
                        .interact_opt()
                        .context("asking where they go")?;
                    match choice {
                        None => bail!("cancelled; nothing changed"),
                        Some(i) if i < others.len() => Some(others[i].0),
                        Some(_) => None,
                    }
                }
            };
            if Some(id) == target {
                bail!("cannot move `{name}` into itself");
            }
            let (moved, rules) = match target {
                Some(to) => (
                    tx.execute(
                        "UPDATE transactions SET category_id = ?2 WHERE category_id = ?1",
                        params![id, to],
                    )?,
                    tx.execute(
                        "UPDATE rules SET category_id = ?2 WHERE category_id = ?1",
                        params![id, to],
                    )?,
                ),
                None => (
                    tx.execute(
                        "UPDATE transactions SET category_id = NULL, category_source = NULL,
                             rule_id = NULL, confidence = NULL WHERE category_id = ?1",
                        [id],
                    )?,
                    tx.execute("DELETE FROM rules WHERE category_id = ?1", [id])?,
                ),
            };
            tx.execute("DELETE FROM budgets WHERE category_id = ?1", [id])?;
            tx.execute("DELETE FROM categories WHERE id = ?1", [id])?;
            crate::ledger::commit(tx)?;
            let what = if target.is_some() {
                "moved"
            } else {
                "uncategorized"
            };
            eprintln!(
                "removed `{name}`: {moved} transactions {what}, {rules} rules {}",
                if target.is_some() { "moved" } else { "deleted" }
            );
            Ok(())
        }
    }
}

fn existing(conn: &rusqlite::Connection, name: &str) -> Result<i64> {
    catalog::category_id(conn, name)?.ok_or_else(|| {
        anyhow::anyhow!("there is no category `{name}`; `smartspend categories list` shows them")
    })
}
