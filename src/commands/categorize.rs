//! `smartspend categorize`: re-run the pipeline over the ledger.

use anyhow::{Context, Result};

use indicatif::ProgressBar;

use super::Ctx;
use crate::ai;
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
    let mut changes =
        apply::recategorize(&tx, &categorizer, &scope, args.dry_run).context("categorizing")?;
    // What is still open goes to the remote AI. Its updates are seen by a dry run too
    // (inside the transaction it rolls back), from cached answers only.
    let mut outcome = None;
    if let Some(remote) = ctx.remote_ai(args.no_ai)? {
        if args.dry_run {
            // The local tiers' answers were not written; leave alone what they categorize.
            let local: std::collections::HashSet<i64> = changes.iter().map(|c| c.id).collect();
            let o = ai::categorize(&tx, &remote, 0, false, &ProgressBar::hidden())?;
            changes.extend(o.changes.iter().filter(|c| !local.contains(&c.id)).cloned());
            outcome = Some(o);
        } else {
            let o = ai::categorize(&tx, &remote, 0, true, &super::import::ai_bar(ctx))?;
            changes.extend(o.changes.iter().cloned());
            outcome = Some(o);
        }
    }
    if !args.dry_run {
        crate::ledger::commit(tx).context("saving the categories")?;
    }
    show_changes(&changes, args.dry_run, args.json, ctx)?;
    if let Some(o) = outcome {
        eprintln!("{}", o.describe());
    }
    Ok(())
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
