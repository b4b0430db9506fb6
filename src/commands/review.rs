//! `smartspend review`: merchant by merchant, the user says what things are.

use anyhow::{Result, bail};
use dialoguer::console::{Term, style};
use dialoguer::{FuzzySelect, Input};

use super::Ctx;
use super::tx::check_account;
use crate::categorize::Categorizer;
use crate::categorize::review::{self, Answer, Group, ReviewFilter};
use crate::cli::{PeriodArgs, ReviewArgs};
use crate::ledger::catalog;
use crate::money;

const NEW: &str = "[new category]";
const SKIP: &str = "[skip]";
const BACK: &str = "[back]";
const QUIT: &str = "[quit]";

pub fn run(args: &ReviewArgs, ctx: &Ctx) -> Result<()> {
    ctx.require_terminal(
        "`review`",
        "without a terminal, `smartspend tx list --uncategorized` lists what needs a category, \
         `smartspend tx categorize ID CATEGORY` sets one (and makes a rule), and \
         `smartspend categorize` runs the rules again",
    )?;
    let (_user, mut ledger, _) = ctx.open_ledger()?;
    let threshold = ctx.settings.config.categorize.min_confidence;
    let (from, to) = super::tx::date_bounds(
        &PeriodArgs {
            month: args.month.clone(),
            ..PeriodArgs::default()
        },
        ctx,
    )?;
    let filter = ReviewFilter {
        account_id: args
            .account
            .as_deref()
            .map(|a| check_account(ledger.conn(), a))
            .transpose()?,
        from,
        to,
    };
    let mut groups = review::groups(ledger.conn(), &filter, threshold)?;
    if let Some(n) = args.limit {
        groups.truncate(n);
    }
    if groups.is_empty() {
        eprintln!("nothing to review: every transaction has a category smartspend is sure of");
        return Ok(());
    }
    let term = Term::stderr();
    // Ctrl-C ends the review at once: every answer is already saved. The prompt hides
    // the cursor, so give it back before going.
    ctrlc::set_handler(|| {
        let _ = Term::stderr().show_cursor();
        eprintln!("\nstopped; every answer given so far is saved");
        std::process::exit(130);
    })?;
    let mut categorizer = Categorizer::load(ledger.conn(), threshold)?;
    // Steps taken, for [back]: the group's index and the answer (None: skipped).
    let mut history: Vec<(usize, Option<Answer>)> = vec![];
    let mut i = 0;
    while i < groups.len() {
        let g = &groups[i];
        let left: usize = groups[i..].iter().map(|g| g.ids.len()).sum();
        term.write_line("")?;
        term.write_line(&format!(
            "{}",
            style(format!(
                "{}/{} merchants, {} left",
                i + 1,
                groups.len(),
                plural(left, "transaction")
            ))
            .bold()
        ))?;
        show_group(&term, g)?;
        let categories = catalog::category_names(ledger.conn())?;
        let names: Vec<String> = categories.iter().map(|(_, n)| n.clone()).collect();
        let guess = review::guess(&categorizer, g);
        let guess_name = guess.as_ref().and_then(|d| {
            categories
                .iter()
                .find(|(id, _)| *id == d.category_id)
                .map(|(_, n)| n.clone())
        });
        match (&guess, &guess_name) {
            (Some(d), Some(n)) => term.write_line(&format!(
                "guess: {} ({}, {:.0}% sure); Enter takes it",
                style(n).cyan(),
                d.source.as_str(),
                d.confidence * 100.0
            ))?,
            _ => term.write_line("no guess")?,
        }
        // The guess first, so that Enter takes it; with none, Enter skips.
        let mut items: Vec<&str> = guess_name.as_deref().into_iter().collect();
        items.extend(
            names
                .iter()
                .map(String::as_str)
                .filter(|n| Some(*n) != guess_name.as_deref()),
        );
        items.extend([NEW, SKIP, BACK, QUIT]);
        let default = if guess_name.is_some() {
            0
        } else {
            items.len() - 3
        };
        let picked = FuzzySelect::new()
            .with_prompt(format!("Category for `{}` (type to search)", label(g)))
            .items(&items)
            .default(default)
            .max_length(10)
            .interact_on_opt(&term);
        let picked = match picked {
            Ok(p) => p,
            Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => None,
            Err(e) => return Err(e.into()),
        };
        let choice = picked.map_or(QUIT, |p| items[p]);
        match choice {
            QUIT => break,
            SKIP => {
                history.push((i, None));
                i += 1;
            }
            BACK => match history.pop() {
                None => term.write_line("nothing to go back to")?,
                Some((at, answer)) => {
                    if let Some(a) = answer {
                        let tx = ledger.write()?;
                        review::undo(&tx, &a)?;
                        crate::ledger::commit(tx)?;
                        term.write_line(&format!(
                            "took back: `{}` is not {}",
                            label(&groups[at]),
                            a.category
                        ))?;
                        categorizer = Categorizer::load(ledger.conn(), threshold)?;
                    }
                    i = at;
                }
            },
            chosen => {
                let (name, new) = if chosen == NEW {
                    match ask_new_category(&term, &names)? {
                        Some(n) => n,
                        None => continue,
                    }
                } else {
                    (chosen.to_string(), false)
                };
                let tx = ledger.write()?;
                let answer = review::answer(&tx, g, &name, new, threshold)?;
                crate::ledger::commit(tx)?;
                term.write_line(&format!(
                    "{} {} of `{}` {} {}; a rule keeps it so",
                    style("✓").green(),
                    plural(g.ids.len(), "transaction"),
                    label(g),
                    if g.ids.len() == 1 { "is" } else { "are" },
                    answer.category
                ))?;
                history.push((i, Some(answer)));
                categorizer = Categorizer::load(ledger.conn(), threshold)?;
                i += 1;
            }
        }
    }
    term.show_cursor()?;
    let answered: Vec<&Answer> = history.iter().filter_map(|h| h.1.as_ref()).collect();
    let done: usize = history
        .iter()
        .filter(|h| h.1.is_some())
        .map(|h| groups[h.0].ids.len())
        .sum();
    eprintln!(
        "reviewed {} ({}); {} left to review",
        plural(answered.len(), "merchant"),
        plural(done, "transaction"),
        plural(groups.len() - answered.len(), "merchant")
    );
    Ok(())
}

/// `1 transaction`, `3 transactions`.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The merchant key, or the first description when there is no key.
fn label(g: &Group) -> String {
    if g.merchant_key.is_empty() {
        g.sample.0.clone()
    } else {
        g.merchant_key.clone()
    }
}

fn show_group(term: &Term, g: &Group) -> Result<()> {
    let totals: Vec<String> = g
        .totals
        .iter()
        .map(|(c, m)| {
            format!(
                "{} {c}",
                money::format_minor(*m, money::exponent(c).unwrap_or(2))
            )
        })
        .collect();
    term.write_line(&format!(
        "{}: {}, {}",
        style(label(g)).bold(),
        plural(g.ids.len(), "transaction"),
        totals.join(", ")
    ))?;
    for (date, amount, currency, description) in &g.examples {
        term.write_line(&format!("  {date}  {amount:>12} {currency}  {description}"))?;
    }
    if g.ids.len() > g.examples.len() {
        term.write_line(&format!(
            "  ... and {} more",
            g.ids.len() - g.examples.len()
        ))?;
    }
    Ok(())
}

/// Asks for a new category's name; an existing name is simply taken. None: cancelled.
fn ask_new_category(term: &Term, names: &[String]) -> Result<Option<(String, bool)>> {
    let name: String = Input::new()
        .with_prompt("New category name (empty to cancel)")
        .allow_empty(true)
        .interact_text_on(term)?;
    let name = name.trim().to_string();
    if name.is_empty() {
        return Ok(None);
    }
    if name.starts_with('[') {
        bail!("a category name cannot start with `[`");
    }
    match names.iter().find(|n| n.eq_ignore_ascii_case(&name)) {
        Some(existing) => Ok(Some((existing.clone(), false))),
        None => Ok(Some((name, true))),
    }
}
