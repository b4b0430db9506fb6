//! `smartspend coach`: the monthly coaching report, stored in the ledger.

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::Ctx;
use crate::cli::{CoachArgs, CoachCommand, CoachFormat};
use crate::coach::{self, Action, Facts};
use crate::fsutil;
use crate::output;
use crate::period::{Period, month_label};
use crate::report::{self, Options};

/// What is kept with each report, for the next month's.
#[derive(Serialize, Deserialize)]
struct Stored {
    facts: Facts,
    actions: Vec<Action>,
}

const BUILTIN_NOTE: &str =
    "_Written by smartspend's own rules from the figures above: no language model is configured._";

pub fn run(args: &CoachArgs, ctx: &Ctx) -> Result<()> {
    let (_user, mut ledger, _) = ctx.open_ledger()?;
    match &args.command {
        Some(CoachCommand::History { json }) => {
            let mut stmt = ledger.conn().prepare(
                "SELECT month, source, coalesce(model, ''), created_at FROM coach_reports
                 ORDER BY month DESC",
            )?;
            let rows: Vec<(String, String, String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<_, _>>()?;
            if *json {
                let v: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| {
                        serde_json::json!({"month": r.0, "source": r.1, "model": r.2, "created_at": r.3})
                    })
                    .collect();
                return output::print_json(&v);
            }
            if rows.is_empty() {
                eprintln!("no coaching reports yet: `smartspend coach` writes last month's");
                return Ok(());
            }
            let mut t = output::table(["month", "written by", "when"], ctx.styled);
            for r in rows {
                let by = if r.1 == "llm" {
                    r.2
                } else {
                    "smartspend's rules".into()
                };
                t.add_row(vec![r.0, by, r.3]);
            }
            output::print(t)
        }
        Some(CoachCommand::Show { month }) => {
            let month = month_label(Period::month(month, ctx.today)?.from);
            let body: Option<String> = ledger
                .conn()
                .query_row(
                    "SELECT body FROM coach_reports WHERE month = ?1",
                    [&month],
                    |r| r.get(0),
                )
                .optional()?;
            match body {
                Some(b) => output::print(b.trim_end()),
                None => bail!(
                    "there is no coaching report for {month}\nhint: `smartspend coach --month {month}` writes it"
                ),
            }
        }
        None => {
            let period = Period::month(&args.month, ctx.today)?;
            let month = month_label(period.from);
            let conn = ledger.conn();
            let previous = month_label(period.months_before(1).from);
            let last: Option<String> = conn
                .query_row(
                    "SELECT facts_json FROM coach_reports WHERE month = ?1",
                    [&previous],
                    |r| r.get(0),
                )
                .optional()?;
            let last_actions = last
                .and_then(|j| serde_json::from_str::<Stored>(&j).ok())
                .map(|s| s.actions)
                .unwrap_or_default();
            let report = report::build(
                conn,
                &Options {
                    period,
                    account_id: None,
                },
            )
            .map_err(|e| ledger.err(e))?;
            let Some(facts) = coach::facts(&report, &month, &last_actions) else {
                bail!("there are no transactions in {month} to write about");
            };
            let llm = ctx.llm()?;
            if args.dry_run {
                return match &llm {
                    Some((_, url, model)) => {
                        eprintln!(
                            "dry run: nothing was sent; this is exactly what would be sent to {url}/chat/completions"
                        );
                        output::print_json(&coach::llm::request(model, &facts))
                    }
                    None => {
                        eprintln!(
                            "dry run: no language model is configured, so nothing would be sent; this is the facts pack a model would get"
                        );
                        output::print_json(&facts)
                    }
                };
            }
            let written = llm.as_ref().map(|(client, url, model)| {
                coach::llm::write(client, url, model, &facts)
                    .map_err(|e| format!("the language model at {url} failed: {e}"))
            });
            let (body, actions, source, model) = match written {
                Some(Ok((text, actions))) => {
                    let model = llm.as_ref().map(|l| l.2.clone());
                    let body = format!(
                        "{}{text}\n_Written by the language model {} from the facts pack; the figures in the table are smartspend's own._\n",
                        coach::key_figures(&facts),
                        model.as_deref().unwrap_or_default()
                    );
                    (body, actions, "llm", model)
                }
                failed => {
                    let (text, actions) = coach::builtin(&facts);
                    let note = match failed {
                        Some(Err(why)) => {
                            eprintln!(
                                "smartspend: warning: {why}; smartspend wrote the report itself"
                            );
                            format!(
                                "_Written by smartspend's own rules from the figures above: {why}._"
                            )
                        }
                        _ => BUILTIN_NOTE.to_string(),
                    };
                    (format!("{text}\n{note}\n"), actions, "builtin", None)
                }
            };
            let stored = Stored { facts, actions };
            let tx = ledger.write()?;
            tx.execute(
                "INSERT INTO coach_reports (month, source, model, facts_json, body)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (month) DO UPDATE SET source = excluded.source,
                     model = excluded.model, facts_json = excluded.facts_json,
                     body = excluded.body, created_at = excluded.created_at",
                params![month, source, model, serde_json::to_string(&stored)?, body],
            )?;
            crate::ledger::commit(tx)?;
            let rendered = match args.format {
                CoachFormat::Md => body,
                CoachFormat::Text => plain(&body),
                CoachFormat::Json => {
                    serde_json::to_string_pretty(&serde_json::json!({
                        "month": month,
                        "source": source,
                        "facts": stored.facts,
                        "actions": stored.actions,
                        "body": body,
                    }))? + "\n"
                }
            };
            match &args.out {
                Some(path) => {
                    fsutil::write_private_atomic(path, rendered.as_bytes())
                        .with_context(|| format!("writing {}", path.display()))?;
                    eprintln!("coaching report for {month} written to {}", path.display());
                    Ok(())
                }
                None => output::print(rendered.trim_end()),
            }
        }
    }
}

/// Markdown without its marks, for mail and terminals.
fn plain(md: &str) -> String {
    md.lines()
        .filter(|l| !l.starts_with("|---"))
        .map(|l| {
            l.trim_start_matches('#')
                .trim_start()
                .replace("**", "")
                .trim_matches('_')
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
