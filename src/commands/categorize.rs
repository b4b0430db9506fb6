//! `smartspend categorize`: re-run the pipeline over the ledger.

use anyhow::{Context, Result};

use super::Ctx;
use crate::categorize::Categorizer;
use crate::categorize::apply::{self, Change, Scope};
use crate::cli::CategorizeArgs;
use crate::output;

pub fn run(args: &CategorizeArgs, ctx: &Ctx) -> Result<()> {
    let (_user, mut ledger, _) = ctx.open_ledger()?;
    let tx = ledger.write()?;
    let categorizer = Categorizer::load(&tx, ctx.settings.config.categorize.min_confidence)
        .context("loading rules")?;
    let scope = if args.all {
        Scope::All
    } else {
        Scope::Uncategorized
    };
    let changes =
        apply::recategorize(&tx, &categorizer, &scope, args.dry_run).context("categorizing")?;
    if !args.dry_run {
        tx.commit().context("saving the categories")?;
    }
    show_changes(&changes, args.dry_run, args.json, ctx)
}

/// Prints changed transactions (a table of the first ones, or JSON) and a count.
pub fn show_changes(changes: &[Change], dry_run: bool, json: bool, ctx: &Ctx) -> Result<()> {
    if json {
        return output::print_json(&changes);
    }
    const SHOWN: usize = 50;
    if !changes.is_empty() {
        let mut t = output::table(
            ["id", "date", "description", "from", "to", "by"],
            ctx.styled,
        );
        for c in changes.iter().take(SHOWN) {
            t.add_row(vec![
                c.id.to_string(),
                c.date.clone(),
                c.description.clone(),
                c.from.clone().unwrap_or_default(),
                c.to.clone().unwrap_or_default(),
                c.source.unwrap_or("").to_string(),
            ]);
        }
        output::print(t)?;
        if changes.len() > SHOWN {
            eprintln!("and {} more", changes.len() - SHOWN);
        }
    }
    let verb = if dry_run { "would change" } else { "changed" };
    eprintln!("{verb} the category of {} transactions", changes.len());
    Ok(())
}
