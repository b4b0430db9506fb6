//! The remote AI tier of categorization: what the user's rules, history and the lexicon
//! leave uncategorized is asked of a configured provider, one question per merchant key,
//! ever. Only redacted descriptions leave the machine; answers are cached in the ledger
//! per merchant key, provider and model. A provider that fails never fails the caller:
//! the transactions stay uncategorized and the outcome says why.

pub mod http;
pub mod providers;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use indicatif::ProgressBar;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::categorize::apply::Change;
use crate::ledger::catalog;
use crate::redact::redact;
use crate::settings::AiConfig;
use http::{Client, HttpError};
pub use providers::{Answer, Kind, Provider, Question};

/// A configured provider and its client.
pub struct Remote {
    pub provider: Provider,
    pub client: Client,
    pub concurrency: usize,
    pub min_confidence: f64,
}

impl Remote {
    /// None when the settings name no provider.
    pub fn new(
        cfg: &AiConfig,
        key: Option<Zeroizing<String>>,
    ) -> Result<Option<Remote>, HttpError> {
        let Some(kind) = Kind::parse(&cfg.provider) else {
            return Ok(None);
        };
        let or = |value: &str, default: &str| {
            if value.trim().is_empty() {
                default.to_string()
            } else {
                value.trim().to_string()
            }
        };
        let client = Client::new(key, http::Options::new(cfg.timeout_secs, cfg.retries))?;
        Ok(Some(Remote {
            provider: Provider {
                kind,
                base_url: or(&cfg.base_url, kind.default_base_url()),
                model: or(&cfg.model, kind.default_model()),
                batch_size: match kind {
                    Kind::HuggingFace => 1,
                    Kind::OpenAi => cfg.batch_size.max(1) as usize,
                },
            },
            client,
            concurrency: cfg.concurrency.max(1) as usize,
            min_confidence: cfg.min_confidence,
        }))
    }
}

/// What the tier did in one run. JSON names are a contract.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outcome {
    pub provider: String,
    pub model: String,
    /// Distinct uncategorized merchants looked at.
    pub merchants: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
    /// Of those, asked in this run.
    pub asked: usize,
    /// Of those, not asked (a dry run asks nothing).
    pub unasked: usize,
    /// Asked, but the provider failed.
    pub failed: usize,
    /// HTTP requests, retries included.
    pub requests: usize,
    /// Transactions given a category.
    pub categorized: u64,
    pub error: Option<String>,
    #[serde(skip)]
    pub changes: Vec<Change>,
}

impl Outcome {
    /// One line for the end of an import or `categorize`.
    pub fn describe(&self) -> String {
        let mut text = format!(
            "ai ({} {}): categorized {} transactions of {} uncategorized merchants ({} from the cache, {} asked in {} requests)",
            self.provider,
            self.model,
            self.categorized,
            self.merchants,
            self.cached,
            self.asked,
            self.requests
        );
        if self.unasked > 0 {
            text.push_str(&format!("; {} merchants not asked (dry run)", self.unasked));
        }
        if let Some(e) = &self.error {
            text.push_str(&format!(
                "\nai: {e}; {} merchants got no answer and their transactions stay uncategorized \
                 (`smartspend categorize` asks again)",
                self.failed
            ));
        }
        text
    }
}

struct Group {
    text: String,
    outflow: bool,
    rows: Vec<(i64, String, String)>,
    answer: Option<Answer>,
}

/// Categorizes the uncategorized transactions with ids above `after_id` from the cache,
/// asking the provider about merchants it has never answered when `ask` is set.
pub fn categorize(
    conn: &Connection,
    remote: &Remote,
    after_id: i64,
    ask: bool,
    bar: &ProgressBar,
) -> Result<Outcome, rusqlite::Error> {
    let p = &remote.provider;
    let mut out = Outcome {
        provider: p.kind.name().into(),
        model: p.model.clone(),
        ..Outcome::default()
    };
    let mut groups: HashMap<String, Group> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, date, description, merchant_key, amount FROM transactions
         WHERE category_id IS NULL AND id > ?1 AND merchant_key != ''",
    )?;
    let mut rows = stmt.query([after_id])?;
    while let Some(r) = rows.next()? {
        let description: String = r.get(2)?;
        let amount: i64 = r.get(4)?;
        let group = groups.entry(r.get(3)?).or_insert_with(|| Group {
            text: redact(&description),
            outflow: amount < 0,
            rows: vec![],
            answer: None,
        });
        group.rows.push((r.get(0)?, r.get(1)?, description));
    }
    drop(rows);
    drop(stmt);
    out.merchants = groups.len();

    let mut cached = conn.prepare(
        "SELECT category, confidence FROM ai_cache
         WHERE merchant_key = ?1 AND provider = ?2 AND model = ?3",
    )?;
    let mut missing = vec![];
    for (key, group) in &mut groups {
        let hit: Option<(Option<String>, Option<f64>)> = cached
            .query_row(params![key, p.kind.name(), p.model], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match hit {
            Some((category, confidence)) => {
                out.cached += 1;
                group.answer = category.map(|category| Answer {
                    category,
                    confidence: confidence.unwrap_or(0.0),
                });
            }
            None => missing.push(key.clone()),
        }
    }
    missing.sort();
    if ask && !missing.is_empty() {
        ask_provider(conn, remote, &missing, &mut groups, &mut out, bar)?;
    } else {
        out.unasked = missing.len();
    }
    out.requests = remote.client.requests();

    let ids: HashMap<String, i64> = catalog::category_names(conn)?
        .into_iter()
        .map(|(id, name)| (name.to_lowercase(), id))
        .collect();
    let mut update = conn.prepare(
        "UPDATE transactions SET category_id = ?2, category_source = 'ai', rule_id = NULL,
             confidence = ?3 WHERE id = ?1 AND category_id IS NULL",
    )?;
    for group in groups.into_values() {
        let Some(a) = group.answer else { continue };
        let Some(&category_id) = ids.get(&a.category.to_lowercase()) else {
            continue;
        };
        if a.confidence < remote.min_confidence {
            continue;
        }
        for (id, date, description) in group.rows {
            if update.execute(params![id, category_id, a.confidence])? > 0 {
                out.categorized += 1;
                out.changes.push(Change {
                    id,
                    date,
                    description,
                    from: None,
                    to: Some(a.category.clone()),
                    source: Some("ai"),
                });
            }
        }
    }
    out.changes.sort_by_key(|c| c.id);
    Ok(out)
}

/// Asks about `missing` merchants in batches, `concurrency` at a time, and caches every
/// answer (an answer of "no category" too) as it comes in.
fn ask_provider(
    conn: &Connection,
    remote: &Remote,
    missing: &[String],
    groups: &mut HashMap<String, Group>,
    out: &mut Outcome,
    bar: &ProgressBar,
) -> Result<(), rusqlite::Error> {
    let p = &remote.provider;
    let categories: Vec<String> = catalog::category_names(conn)?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let questions: Vec<Question> = missing
        .iter()
        .map(|key| Question {
            text: groups[key].text.clone(),
            outflow: groups[key].outflow,
        })
        .collect();
    let batches: Vec<(usize, &[Question])> = questions
        .chunks(p.batch_size)
        .enumerate()
        .map(|(i, b)| (i * p.batch_size, b))
        .collect();
    bar.set_length(questions.len() as u64);
    bar.set_message(format!("asking {}", p.kind.name()));
    let mut store = conn.prepare(
        "INSERT OR REPLACE INTO ai_cache (merchant_key, provider, model, category, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let next = AtomicUsize::new(0);
    let mut worst: Option<HttpError> = None;
    let (send, recv) = mpsc::channel();
    std::thread::scope(|scope| -> Result<(), rusqlite::Error> {
        for _ in 0..remote.concurrency.min(batches.len()) {
            let (send, next, batches, categories) = (send.clone(), &next, &batches, &categories);
            scope.spawn(move || {
                while let Some(&(start, batch)) = batches.get(next.fetch_add(1, Ordering::Relaxed))
                {
                    let answers = p.ask(&remote.client, batch, categories);
                    if send.send((start, batch.len(), answers)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        for (start, len, answers) in recv {
            out.asked += len;
            bar.inc(len as u64);
            match answers {
                Ok(answers) => {
                    for (key, answer) in missing[start..start + len].iter().zip(answers) {
                        store.execute(params![
                            key,
                            p.kind.name(),
                            p.model,
                            answer.as_ref().map(|a| &a.category),
                            answer.as_ref().map(|a| a.confidence),
                        ])?;
                        if let Some(g) = groups.get_mut(key) {
                            g.answer = answer;
                        }
                    }
                }
                Err(e) => {
                    out.failed += len;
                    // A refused key explains everything; the first real failure explains
                    // the ones skipped after it.
                    let rank = |e: &HttpError| match e {
                        HttpError::Auth(_) => 2,
                        HttpError::CircuitOpen => 0,
                        _ => 1,
                    };
                    if worst.as_ref().is_none_or(|w| rank(&e) > rank(w)) {
                        worst = Some(e);
                    }
                }
            }
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    out.error = worst.map(|e| format!("{} at {}: {e}", p.kind.name(), p.base_url));
    Ok(())
}
