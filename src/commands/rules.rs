//! `smartspend rules list | add | edit | remove | export | import | test`.

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::Ctx;
use crate::categorize::Categorizer;
use crate::categorize::apply::{self, Scope};
use crate::categorize::merchant::merchant_key;
use crate::categorize::rules::{Direction, MatchKind, Origin, Rule, RuleSet, Subject};
use crate::cli::{RuleOptions, RulesCommand};
use crate::ledger::catalog;
use crate::money::{self, NumberFormat};
use crate::output;

/// A rule as `rules export` writes it and `rules import` reads it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleToml {
    pattern: String,
    #[serde(rename = "match", default = "default_kind")]
    kind: MatchKind,
    category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount_min: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount_max: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    account: Option<String>,
    #[serde(default)]
    priority: i64,
    #[serde(default = "default_origin")]
    origin: Origin,
}

fn default_kind() -> MatchKind {
    MatchKind::Substring
}

fn default_origin() -> Origin {
    Origin::User
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RulesFile {
    #[serde(default, rename = "rule")]
    rules: Vec<RuleToml>,
}

#[derive(Serialize)]
struct RuleRow {
    id: i64,
    pattern: String,
    #[serde(rename = "match")]
    kind: &'static str,
    category: String,
    amount_min: Option<String>,
    amount_max: Option<String>,
    direction: Option<&'static str>,
    account: Option<String>,
    priority: i64,
    origin: &'static str,
}

pub fn run(cmd: RulesCommand, ctx: &Ctx) -> Result<()> {
    let (_user, mut ledger, _) = ctx.open_ledger()?;
    let min_confidence = ctx.settings.config.categorize.min_confidence;
    match cmd {
        RulesCommand::List { json } => {
            let rows = rows(ledger.conn())?;
            if json {
                return output::print_json(&rows);
            }
            if rows.is_empty() {
                eprintln!(
                    "no rules yet: `smartspend rules add PATTERN CATEGORY`, or correct a transaction with `smartspend tx categorize`"
                );
                return Ok(());
            }
            let mut t = output::table(
                [
                    "id",
                    "pattern",
                    "match",
                    "category",
                    "conditions",
                    "priority",
                    "origin",
                ],
                ctx.styled,
            );
            for r in rows {
                let mut cond = vec![];
                if let Some(m) = &r.amount_min {
                    cond.push(format!(">= {m}"));
                }
                if let Some(m) = &r.amount_max {
                    cond.push(format!("<= {m}"));
                }
                if let Some(d) = r.direction {
                    cond.push(format!("money {d}"));
                }
                if let Some(a) = &r.account {
                    cond.push(format!("account {a}"));
                }
                t.add_row(vec![
                    r.id.to_string(),
                    r.pattern,
                    r.kind.to_string(),
                    r.category,
                    cond.join(", "),
                    r.priority.to_string(),
                    r.origin.to_string(),
                ]);
            }
            output::print(t)
        }
        RulesCommand::Add {
            pattern,
            category,
            options,
        } => {
            let tx = ledger.write()?;
            let mut rule = Rule::new("", MatchKind::Substring, 0, "");
            apply_options(&tx, &mut rule, Some(&pattern), Some(&category), &options)?;
            let id = catalog::insert_rule(&tx, &rule)?;
            check_compiles(&tx)?;
            let changed = reapply(&tx, min_confidence)?;
            crate::ledger::commit(tx)?;
            eprintln!("added rule {id}; {changed} transactions changed category");
            Ok(())
        }
        RulesCommand::Edit {
            id,
            pattern,
            category,
            options,
        } => {
            let tx = ledger.write()?;
            let mut rule = catalog::rules(&tx)?
                .into_iter()
                .find(|r| r.id == id)
                .ok_or_else(|| {
                    anyhow!("there is no rule {id}; `smartspend rules list` shows them")
                })?;
            apply_options(
                &tx,
                &mut rule,
                pattern.as_deref(),
                category.as_deref(),
                &options,
            )?;
            catalog::update_rule(&tx, &rule)?;
            check_compiles(&tx)?;
            let changed = reapply(&tx, min_confidence)?;
            crate::ledger::commit(tx)?;
            eprintln!("changed rule {id}; {changed} transactions changed category");
            Ok(())
        }
        RulesCommand::Remove { id } => {
            let tx = ledger.write()?;
            if tx.execute("DELETE FROM rules WHERE id = ?1", [id])? == 0 {
                bail!("there is no rule {id}; `smartspend rules list` shows them");
            }
            let changed = reapply(&tx, min_confidence)?;
            crate::ledger::commit(tx)?;
            eprintln!("removed rule {id}; {changed} transactions changed category");
            Ok(())
        }
        RulesCommand::Export => {
            let file = RulesFile {
                rules: rows(ledger.conn())?
                    .into_iter()
                    .map(|r| RuleToml {
                        pattern: r.pattern,
                        kind: MatchKind::parse(r.kind).unwrap_or(MatchKind::Substring),
                        category: r.category,
                        amount_min: r.amount_min,
                        amount_max: r.amount_max,
                        direction: r.direction.and_then(Direction::parse),
                        account: r.account,
                        priority: r.priority,
                        origin: Origin::parse(r.origin).unwrap_or(Origin::User),
                    })
                    .collect(),
            };
            let text = toml::to_string(&file).context("writing TOML")?;
            output::print(
                format!("# smartspend rules (`smartspend rules import FILE`)\n{text}").trim_end(),
            )
        }
        RulesCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let parsed: RulesFile = toml::from_str(&text)
                .map_err(|e| anyhow!("{}: {}", file.display(), e.to_string().trim_end()))?;
            let tx = ledger.write()?;
            let existing = catalog::rules(&tx)?;
            let mut added = 0;
            for (n, r) in parsed.rules.iter().enumerate() {
                let options = RuleOptions {
                    regex: r.kind == MatchKind::Regex,
                    word: r.kind == MatchKind::Word,
                    merchant: r.kind == MatchKind::Merchant,
                    substring: r.kind == MatchKind::Substring,
                    amount_min: r.amount_min.clone(),
                    amount_max: r.amount_max.clone(),
                    direction: r.direction,
                    account: r.account.clone(),
                    priority: Some(r.priority),
                };
                let mut rule = Rule {
                    origin: r.origin,
                    ..Rule::new("", r.kind, 0, "")
                };
                apply_options(
                    &tx,
                    &mut rule,
                    Some(&r.pattern),
                    Some(&r.category),
                    &options,
                )
                .with_context(|| format!("{}: rule {}", file.display(), n + 1))?;
                // Importing the same file twice adds nothing twice.
                let same = existing.iter().any(|e| {
                    e.pattern == rule.pattern
                        && e.kind == rule.kind
                        && e.category_id == rule.category_id
                        && e.amount_min == rule.amount_min
                        && e.amount_max == rule.amount_max
                        && e.direction == rule.direction
                        && e.account_id == rule.account_id
                        && e.priority == rule.priority
                });
                if !same {
                    catalog::insert_rule(&tx, &rule)?;
                    added += 1;
                }
            }
            check_compiles(&tx)?;
            let changed = reapply(&tx, min_confidence)?;
            crate::ledger::commit(tx)?;
            eprintln!(
                "imported {added} rules ({} already there); {changed} transactions changed category",
                parsed.rules.len() - added
            );
            Ok(())
        }
        RulesCommand::Test {
            description,
            amount,
            account,
        } => {
            let conn = ledger.conn();
            let amount = money::parse_amount(&amount, NumberFormat::POINT, 2)
                .map_err(|e| anyhow!("--amount `{amount}` {e}"))?;
            let account_id = match &account {
                Some(a) => account_id(conn, a)?,
                None => 0,
            };
            let categorizer =
                Categorizer::load(conn, ctx.settings.config.categorize.min_confidence)?;
            let key = merchant_key(&description);
            let subject = Subject {
                description: &description,
                merchant_key: &key,
                amount,
                exponent: 2,
                account_id,
            };
            let names: std::collections::HashMap<i64, String> =
                catalog::category_names(conn)?.into_iter().collect();
            let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
            let matching = categorizer.rules.matching(&subject);
            let mut rows = vec![("merchant key".to_string(), key.clone())];
            let describe = |r: &Rule| {
                format!(
                    "{} `{}` ({}) -> {}",
                    r.id,
                    r.pattern,
                    r.kind.as_str(),
                    r.category
                )
            };
            rows.push((
                "winning rule".into(),
                matching
                    .first()
                    .map_or_else(|| "none".into(), |r| describe(r)),
            ));
            for r in matching.iter().skip(1) {
                rows.push(("also matches".into(), describe(r)));
            }
            let model = categorizer.model.predict(&key, amount);
            rows.push((
                "learned model".into(),
                match model {
                    Some((c, p)) => format!(
                        "{} ({:.0}% sure{})",
                        name(c),
                        p * 100.0,
                        if p < categorizer.threshold {
                            ", below the threshold: abstains"
                        } else {
                            ""
                        }
                    ),
                    None => "no opinion".into(),
                },
            ));
            rows.push((
                "lexicon".into(),
                match categorizer.from_lexicon(&key, amount) {
                    Some(d) => name(d.category_id),
                    None => "no entry".into(),
                },
            ));
            rows.push((
                "keywords".into(),
                match categorizer.from_keywords(&description, amount) {
                    Some(d) => format!(
                        "{} ({:.0}% sure)",
                        name(d.category_id),
                        d.confidence * 100.0
                    ),
                    None => "none".into(),
                },
            ));
            // What a remote AI said of this merchant before (it is asked during `import`
            // and `categorize` only, for what the local tiers leave).
            let mut stmt = conn.prepare(
                "SELECT provider, model, category, confidence FROM ai_cache
                 WHERE merchant_key = ?1 ORDER BY created_at DESC",
            )?;
            let answers: Vec<(String, String, Option<String>, Option<f64>)> = stmt
                .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<_, _>>()?;
            if answers.is_empty() {
                rows.push(("remote AI".into(), "not asked about this merchant".into()));
            }
            for (provider, model, category, confidence) in answers {
                let said = match (category, confidence) {
                    (Some(c), Some(p)) => format!("{c} ({:.0}% sure)", p * 100.0),
                    (Some(c), None) => c,
                    (None, _) => "no answer".into(),
                };
                rows.push((
                    "remote AI".into(),
                    format!("{said}, cached from {provider} {model}"),
                ));
            }
            let verdict = categorizer.decide(&subject);
            rows.push((
                "result".into(),
                match verdict {
                    Some(d) => format!(
                        "{} (by {}, {:.0}% sure)",
                        name(d.category_id),
                        d.source.as_str(),
                        d.confidence * 100.0
                    ),
                    None => "uncategorized".into(),
                },
            ));
            output::print(output::kv_table(rows, ctx.styled))
        }
    }
}

fn rows(conn: &Connection) -> Result<Vec<RuleRow>> {
    let accounts: std::collections::HashMap<i64, String> = {
        let mut stmt = conn.prepare("SELECT id, name FROM accounts")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    Ok(catalog::rules(conn)?
        .into_iter()
        .map(|r| RuleRow {
            id: r.id,
            pattern: r.pattern,
            kind: r.kind.as_str(),
            category: r.category,
            amount_min: r.amount_min.map(|c| money::format_minor(c, 2)),
            amount_max: r.amount_max.map(|c| money::format_minor(c, 2)),
            direction: r.direction.map(Direction::as_str),
            account: r.account_id.and_then(|a| accounts.get(&a).cloned()),
            priority: r.priority,
            origin: r.origin.as_str(),
        })
        .collect())
}

fn account_id(conn: &Connection, name: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM accounts WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| anyhow!("there is no account `{name}`"))
}

fn apply_options(
    conn: &Connection,
    rule: &mut Rule,
    pattern: Option<&str>,
    category: Option<&str>,
    o: &RuleOptions,
) -> Result<()> {
    if let Some(p) = pattern {
        if p.trim().is_empty() {
            bail!("the pattern is empty");
        }
        rule.pattern = p.to_string();
    }
    if o.regex {
        rule.kind = MatchKind::Regex;
    } else if o.word {
        rule.kind = MatchKind::Word;
    } else if o.merchant {
        rule.kind = MatchKind::Merchant;
    } else if o.substring {
        rule.kind = MatchKind::Substring;
    }
    if rule.kind == MatchKind::Merchant {
        // Written as the bank does or as a key: either way, compare keys.
        let key = merchant_key(&rule.pattern);
        if !key.is_empty() {
            rule.pattern = key;
        }
    }
    if let Some(c) = category {
        rule.category_id = catalog::category_id(conn, c)?.ok_or_else(|| {
            anyhow!("there is no category `{c}`; `smartspend categories list` shows them")
        })?;
        rule.category = c.to_string();
    }
    let cents = |text: &str| -> Result<i64> {
        money::parse_amount(text, NumberFormat::POINT, 2)
            .map(i64::abs)
            .map_err(|e| anyhow!("amount `{text}` {e}"))
    };
    if let Some(m) = &o.amount_min {
        rule.amount_min = Some(cents(m)?);
    }
    if let Some(m) = &o.amount_max {
        rule.amount_max = Some(cents(m)?);
    }
    if let (Some(a), Some(b)) = (rule.amount_min, rule.amount_max)
        && a > b
    {
        bail!("--amount-min is above --amount-max");
    }
    if o.direction.is_some() {
        rule.direction = o.direction;
    }
    if let Some(a) = &o.account {
        rule.account_id = Some(account_id(conn, a)?);
    }
    if let Some(p) = o.priority {
        rule.priority = p;
    }
    Ok(())
}

/// Fails (and so rolls back) if the rules no longer compile, e.g. a bad regex.
fn check_compiles(conn: &Connection) -> Result<()> {
    RuleSet::compile(catalog::rules(conn)?)?;
    Ok(())
}

/// Applies the rules as they now are to every transaction not categorized by hand.
fn reapply(conn: &Connection, min_confidence: f64) -> Result<usize> {
    let categorizer = Categorizer::load(conn, min_confidence)?;
    Ok(apply::recategorize(conn, &categorizer, &Scope::All, false)?.len())
}
