//! `smartspend import FILE...` and `smartspend imports list | undo`.

use std::path::Path;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use super::Ctx;
use crate::ai;
use crate::categorize::Categorizer;
use crate::cli::{ImportArgs, ImportsCommand};
use crate::import::{self, ImportError, Profile, detect, profiles};
use crate::ledger::queries;
use crate::output;

#[derive(Serialize)]
struct Report<'a> {
    /// The batch id when one file was imported (None for a dry run).
    import_id: Option<i64>,
    read: u64,
    imported: u64,
    duplicates: u64,
    invalid: u64,
    excluded: u64,
    categorized: import::Tiers,
    /// What the remote AI did, when one is configured.
    ai: Option<ai::Outcome>,
    dry_run: bool,
    files: &'a [import::Summary],
}

pub fn run(args: &ImportArgs, ctx: &Ctx) -> Result<()> {
    let entries = profiles::load(&ctx.paths.profiles_dir())?;
    // Choose every file's profile before asking for a passphrase: a bad file fails fast.
    let mut plan = vec![];
    for path in &args.files {
        plan.push((path.as_path(), choose_profile(path, args, &entries, ctx)?));
    }

    let (_user, mut ledger, _) = ctx.open_ledger()?;
    let remote = ctx.remote_ai(args.no_ai)?;
    let opts = import::Options {
        account: args.account.clone(),
        skip_invalid: args.skip_invalid,
    };
    ledger.set_foreign_keys(false)?;
    // A large import is written faster with a rollback journal (see `Ledger::bulk`).
    let bulk = plan
        .iter()
        .map(|(path, _)| std::fs::metadata(path).map_or(0, |m| m.len()))
        .sum::<u64>()
        > 8 << 20;
    if bulk {
        ledger.bulk(true)?;
    }
    let tx = ledger.write()?;
    let categorizer = Categorizer::load(&tx, ctx.settings.config.categorize.min_confidence)
        .context("loading rules")?;
    let before: i64 = tx
        .query_row("SELECT coalesce(max(id), 0) FROM transactions", [], |r| {
            r.get(0)
        })
        .context("reading the ledger")?;
    let mut summaries = vec![];
    for (path, profile) in &plan {
        let bar = progress_bar(path, ctx);
        let summary = import::import_file(&tx, path, profile, &opts, &categorizer, &mut |bytes| {
            bar.set_position(bytes)
        });
        bar.finish_and_clear();
        summaries.push(summary?);
    }
    // The remote AI comes after the import has landed: a provider that fails or hangs
    // never costs a row. A dry run asks nothing and uses cached answers only.
    let mut outcome = None;
    if args.dry_run {
        if let Some(remote) = &remote {
            outcome = Some(ai::categorize(
                &tx,
                remote,
                before,
                false,
                &ProgressBar::hidden(),
            )?);
        }
        tx.rollback().context("rolling back the dry run")?;
        if bulk {
            ledger.bulk(false)?;
        }
    } else {
        crate::ledger::commit(tx).context("committing the import")?;
        if bulk {
            ledger.bulk(false)?;
        }
        if let Some(remote) = &remote {
            match ask_ai(&mut ledger, remote, before, ctx) {
                Ok(o) => outcome = Some(o),
                Err(e) => eprintln!(
                    "smartspend: warning: the import landed, but the remote AI step failed: {e:#}"
                ),
            }
        }
    }

    for s in &summaries {
        for e in &s.errors {
            eprintln!("smartspend: warning: skipped {}:{e}", s.file);
        }
        if s.invalid > s.errors.len() as u64 {
            eprintln!(
                "smartspend: warning: and {} more invalid rows in {}",
                s.invalid - s.errors.len() as u64,
                s.file
            );
        }
    }
    let total = |f: fn(&import::Summary) -> u64| summaries.iter().map(f).sum::<u64>();
    let report = Report {
        import_id: (summaries.len() == 1 && !args.dry_run).then(|| summaries[0].import_id),
        read: total(|s| s.read),
        imported: total(|s| s.imported),
        duplicates: total(|s| s.duplicates),
        invalid: total(|s| s.invalid),
        excluded: total(|s| s.excluded),
        categorized: import::Tiers {
            rule: total(|s| s.categorized.rule),
            learned: total(|s| s.categorized.learned),
            lexicon: total(|s| s.categorized.lexicon),
            ai: outcome.as_ref().map_or(0, |o| o.categorized),
            uncategorized: total(|s| s.categorized.uncategorized)
                - outcome.as_ref().map_or(0, |o| o.categorized),
        },
        ai: outcome,
        dry_run: args.dry_run,
        files: &summaries,
    };
    if args.json {
        return output::print_json(&report);
    }
    let mut t = output::table(
        [
            "file",
            "profile",
            "account",
            "read",
            "imported",
            "duplicates",
            "invalid",
            "batch",
        ],
        ctx.styled,
    );
    for s in &summaries {
        t.add_row(vec![
            Path::new(&s.file)
                .file_name()
                .map_or(s.file.clone(), |n| n.to_string_lossy().into_owned()),
            s.profile.clone(),
            s.account.clone(),
            s.read.to_string(),
            s.imported.to_string(),
            s.duplicates.to_string(),
            s.invalid.to_string(),
            if args.dry_run {
                "-".into()
            } else {
                s.import_id.to_string()
            },
        ]);
    }
    output::print(t)?;
    let c = &report.categorized;
    eprintln!(
        "categorized: {} by your rules, {} from your history, {} by the built-in lexicon{}; {} left for `smartspend review`",
        c.rule,
        c.learned,
        c.lexicon,
        report
            .ai
            .as_ref()
            .map_or(String::new(), |_| format!(", {} by the remote AI", c.ai)),
        c.uncategorized
    );
    if let Some(o) = &report.ai {
        eprintln!("{}", o.describe());
    }
    if args.dry_run {
        eprintln!("dry run: nothing was written");
    }
    Ok(())
}

/// The remote AI over what this import left uncategorized, in its own transaction.
fn ask_ai(
    ledger: &mut crate::ledger::Ledger,
    remote: &ai::Remote,
    after_id: i64,
    ctx: &Ctx,
) -> Result<ai::Outcome> {
    let tx = ledger.write()?;
    let outcome = ai::categorize(&tx, remote, after_id, true, &ai_bar(ctx))?;
    crate::ledger::commit(tx).context("saving the remote AI's answers")?;
    Ok(outcome)
}

/// A bar for remote questions, on a terminal only.
pub fn ai_bar(ctx: &Ctx) -> ProgressBar {
    if !ctx.interactive {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} merchants {eta}")
            .expect("valid template"),
    );
    bar
}

fn progress_bar(path: &Path, ctx: &Ctx) -> ProgressBar {
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    // Small files finish before a bar is worth drawing; no bar off a terminal.
    if !ctx.interactive || len < 1 << 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} {wide_bar} {bytes}/{total_bytes} {eta}")
            .expect("valid template"),
    );
    bar.set_message(
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    bar
}

/// `--profile`, else the profile whose header matches, else detection from content.
fn choose_profile(
    path: &Path,
    args: &ImportArgs,
    entries: &[profiles::Entry],
    ctx: &Ctx,
) -> Result<Profile> {
    if let Some(name) = &args.profile {
        let entry = entries
            .iter()
            .find(|e| e.profile.name == *name)
            .ok_or_else(|| ImportError::UnknownProfile(name.clone()))?;
        return Ok(entry.profile.clone());
    }
    let sample = import::sample(path)?;
    if let Some(entry) = profiles::best_match(entries, &sample.text) {
        return Ok(entry.profile.clone());
    }
    let fallback = Some(ctx.settings.config.import.currency.as_str()).filter(|c| !c.is_empty());
    let detection = detect::detect(&sample, fallback).map_err(|e| ImportError::NoProfile {
        path: path.into(),
        message: format!(
            "matches no profile and {e}\nhint: write a profile (see `smartspend profiles show chase`) and pass --profile"
        ),
    })?;
    if detection.profile.format.currency.as_deref() == Some("XXX") {
        bail!(ImportError::NoProfile {
            path: path.into(),
            message: "matches no profile and does not say its currency\n\
                 hint: set it with SMARTSPEND_IMPORT_CURRENCY=EUR (or `currency` under [import] in \
                 config.toml), or import with a --profile"
                .into(),
        });
    }
    if detection.doubts.is_empty() || args.yes {
        return Ok(detection.profile);
    }
    let doubts = detection
        .doubts
        .iter()
        .map(|d| format!("  - {d}"))
        .collect::<Vec<_>>()
        .join("\n");
    if !ctx.interactive {
        bail!(ImportError::NoProfile {
            path: path.into(),
            message: format!(
                "matches no profile, and detection is unsure:\n{doubts}\n\
                 hint: run `smartspend profiles detect {0} > profile.toml`, fix it, save it as \
                 profiles/NAME.toml in the config folder and import with --profile NAME \
                 (or pass --yes to accept the guess)",
                path.display()
            ),
        });
    }
    eprintln!(
        "{}: no profile matches; detected this layout:\n{}\nbut unsure about:\n{doubts}",
        path.display(),
        detection.profile.to_toml()
    );
    let ok = dialoguer::Confirm::new()
        .with_prompt("Import with this layout?")
        .default(false)
        .interact()
        .context("asking about the detected layout")?;
    if !ok {
        bail!("import cancelled; nothing was imported");
    }
    Ok(detection.profile)
}

pub fn imports(cmd: ImportsCommand, ctx: &Ctx) -> Result<()> {
    let (_user, mut ledger, _) = ctx.open_ledger()?;
    match cmd {
        ImportsCommand::List { json } => {
            let rows = queries::list_imports(ledger.conn()).map_err(|e| ledger.err(e))?;
            if json {
                return output::print_json(&rows);
            }
            if rows.is_empty() {
                eprintln!("no imports yet");
                return Ok(());
            }
            let mut t = output::table(
                [
                    "batch",
                    "when",
                    "file",
                    "profile",
                    "account",
                    "imported",
                    "duplicates",
                    "in ledger",
                ],
                ctx.styled,
            );
            for r in rows {
                t.add_row(vec![
                    r.id.to_string(),
                    r.created_at,
                    r.file,
                    r.profile,
                    r.account,
                    r.imported.to_string(),
                    r.duplicates.to_string(),
                    r.remaining.to_string(),
                ]);
            }
            output::print(t)
        }
        ImportsCommand::Undo { id } => {
            let tx = ledger.write()?;
            let Some(n) = queries::undo_import(&tx, id).context("undoing the import")? else {
                bail!("there is no import batch {id}; `smartspend imports list` shows them");
            };
            crate::ledger::commit(tx).context("committing the undo")?;
            eprintln!("removed import batch {id} and its {n} transactions");
            Ok(())
        }
    }
}
