//! The coaching report written by a language model behind an OpenAI-compatible chat
//! endpoint. It is sent the facts pack only, writes the words around smartspend's own
//! key-figures table, and may quote only figures the facts pack holds (or their plain
//! differences); anything else is refused, and the caller falls back to the built-in
//! report.

use regex::Regex;
use serde_json::{Value, json};

use super::{Action, Facts, money_text};
use crate::ai::http::{Client, HttpError};
use crate::ai::providers::{chat_content, clip, json_in};
use crate::money;

#[derive(Debug, thiserror::Error)]
pub enum LlmError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("its answer is not the JSON asked for: {0}")]
    Shape(String),
    #[error("it quoted figures that are not in the facts pack: {0}")]
    Figures(String),
}

const INSTRUCTIONS: &str = "You are a kind, specific personal finance coach. You get a JSON \
facts pack about one month of one person's money: income, spending, savings rate, spending by \
category against its budget and its usual level, recurring payments, unusual payments, and the \
actions suggested last month with whether they were kept. Amounts are strings with their \
currency. Write a short report for this person: what went well (1 to 4 points), what to watch \
(1 to 4 points), and exactly three concrete actions for next month, each with an amount. Name \
the categories and merchants that matter this month; no generic tips. Quote only figures that \
appear in the facts pack, written as they are there (amounts with the currency code, dates as \
YYYY-MM-DD); do not compute new figures except the difference of two of them. Answer with \
JSON only, in this shape: {\"went_well\": [\"...\"], \"to_watch\": [\"...\"], \"actions\": \
[{\"text\": \"...\", \"category\": \"a category name from the facts pack, or null\", \
\"target\": \"the amount to stay under for that category, or null\"}]}";

/// Facts fields that hold amounts in minor units.
const AMOUNTS: &[&str] = &[
    "income",
    "spending",
    "net",
    "spent",
    "previous_month",
    "average_3_months",
    "average_12_months",
    "budget",
    "monthly_cost",
    "amount",
    "previous_amount",
    "usual",
    "target",
    "actual",
];

/// The facts pack as the model reads it: amounts as decimal strings with the currency,
/// rates as percentages.
pub fn facts_for_model(f: &Facts) -> Value {
    fn walk(v: &mut Value, f: &Facts) {
        match v {
            Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    if let Some(minor) = v.as_i64().filter(|_| AMOUNTS.contains(&k.as_str())) {
                        *v = Value::String(money_text(f, minor));
                    } else if let (true, Some(rate)) = (k == "savings_rate", v.as_f64()) {
                        *v = Value::String(format!("{:.0}%", rate * 100.0));
                    } else {
                        walk(v, f);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, f)),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(f).expect("facts serialize");
    walk(&mut v, f);
    v
}

/// The chat request: exactly what is sent (`coach --dry-run` prints it).
pub fn request(model: &str, f: &Facts) -> Value {
    json!({
        "model": model,
        "temperature": 0.3,
        "response_format": {"type": "json_object"},
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": serde_json::to_string_pretty(&facts_for_model(f)).expect("json")},
        ],
    })
}

/// Asks the model and turns its answer into the report's sections and three actions.
pub fn write(
    client: &Client,
    base_url: &str,
    model: &str,
    f: &Facts,
) -> Result<(String, Vec<Action>), LlmError> {
    let url = format!("{}/chat/completions", base_url.trim_end_matches('/'));
    let answer = client.post_json(&url, &request(model, f))?;
    let content = chat_content(&answer)?;
    let v = json_in(&content).ok_or_else(|| LlmError::Shape(clip(&content)))?;
    let strings = |key: &str| -> Result<Vec<String>, LlmError> {
        let items = v
            .get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| LlmError::Shape(format!("no list `{key}`")))?;
        Ok(items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .take(4)
            .collect())
    };
    let well = strings("went_well")?;
    let watch = strings("to_watch")?;
    let actions: Vec<Action> = v
        .get("actions")
        .and_then(Value::as_array)
        .ok_or_else(|| LlmError::Shape("no list `actions`".into()))?
        .iter()
        .filter_map(|a| action(a, f))
        .take(3)
        .collect();
    if actions.len() < 3 {
        return Err(LlmError::Shape(format!(
            "{} usable actions instead of three",
            actions.len()
        )));
    }
    let all: Vec<&str> = well
        .iter()
        .chain(&watch)
        .map(String::as_str)
        .chain(actions.iter().map(|a| a.text.as_str()))
        .collect();
    let strange = unknown_figures(f, &all.join("\n"));
    if !strange.is_empty() {
        return Err(LlmError::Figures(strange.join(", ")));
    }
    Ok((super::sections(&well, &watch, &actions), actions))
}

/// An action of the model's: its text, and a category target that next month's report
/// can check, when it names a category of the facts pack and an amount.
fn action(a: &Value, f: &Facts) -> Option<Action> {
    let text = a.get("text")?.as_str()?.trim().to_string();
    if text.is_empty() {
        return None;
    }
    let category = a
        .get("category")
        .and_then(Value::as_str)
        .and_then(|c| {
            f.categories
                .iter()
                .find(|k| k.category.eq_ignore_ascii_case(c.trim()))
        })
        .map(|k| k.category.clone());
    let exp = money::exponent(&f.currency).unwrap_or(2);
    let target = a.get("target").and_then(|t| match t {
        Value::String(s) => amount_in(s, exp),
        Value::Number(n) => amount_in(&n.to_string(), exp),
        _ => None,
    });
    Some(Action {
        text,
        target: target.filter(|_| category.is_some()),
        category,
    })
}

/// The first amount in `text`, in minor units.
fn amount_in(text: &str, exp: u32) -> Option<i64> {
    numbers(text)
        .into_iter()
        .find(|n| !n.percent)
        .map(|n| n.minor(exp))
}

struct Number {
    /// The value times 100 (two decimals kept).
    hundredths: i64,
    percent: bool,
}

impl Number {
    fn minor(&self, exp: u32) -> i64 {
        match exp {
            0 => self.hundredths / 100,
            1 => self.hundredths / 10,
            e => self.hundredths * 10i64.pow(e - 2),
        }
    }
}

/// Numbers written in `text`: `1,234.50`, `1.234,50`, `1234`, `12%`. Dates are skipped.
fn numbers(text: &str) -> Vec<Number> {
    static DATE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    static NUM: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let date = DATE.get_or_init(|| Regex::new(r"\b\d{4}-\d{2}(?:-\d{2})?\b").expect("valid"));
    let num = NUM.get_or_init(|| {
        Regex::new(r"\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?(?:\s?%)?")
            .expect("valid")
    });
    let text = date.replace_all(text, " ");
    num.find_iter(&text)
        .filter_map(|m| {
            let t = m.as_str().trim();
            let percent = t.ends_with('%');
            let t = t.trim_end_matches('%').trim();
            // A final separator followed by one or two digits is the decimal point.
            let (whole, frac) = match t.rfind(['.', ',']) {
                Some(i) if t.len() - i - 1 <= 2 => (&t[..i], &t[i + 1..]),
                _ => (t, ""),
            };
            let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
            let frac = format!("{frac:0<2}");
            let hundredths = whole.parse::<i64>().ok()? * 100 + frac.parse::<i64>().ok()?;
            Some(Number {
                hundredths,
                percent,
            })
        })
        .collect()
}

/// Figures in `text` that are neither in the facts pack nor the difference of two of its
/// figures (to the unit: "about 1,235" for 1234.56 is fine). Numbers under 10 are counts.
fn unknown_figures(f: &Facts, text: &str) -> Vec<String> {
    let exp = money::exponent(&f.currency).unwrap_or(2);
    let unit = 10i64.pow(exp);
    let mut amounts: Vec<i64> = vec![];
    let mut percents: Vec<i64> = vec![];
    collect(
        &serde_json::to_value(f).expect("facts serialize"),
        &mut amounts,
        &mut percents,
    );
    // Differences of figures that belong together (halves, years of a monthly cost).
    let base: Vec<i64> = amounts.clone();
    for (i, a) in base.iter().enumerate() {
        for b in &base[i + 1..] {
            amounts.push((a - b).abs());
        }
        amounts.push(a.abs() / 2 / unit * unit);
        amounts.push(a * 12);
    }
    let percent_of = |now: i64, usual: i64| (usual != 0).then(|| (now - usual) * 100 / usual);
    for c in &f.categories {
        for usual in [
            Some(c.previous_month),
            c.average_3_months,
            c.average_12_months,
            c.budget,
        ]
        .into_iter()
        .flatten()
        {
            percents.extend(percent_of(c.spent, usual).map(i64::abs));
        }
    }
    percents.extend(percent_of(f.spending, f.previous_month.spending).map(i64::abs));
    numbers(text)
        .into_iter()
        .filter(|n| n.hundredths >= 1000 || n.percent)
        .filter(|n| {
            if n.percent {
                let p = n.hundredths / 100;
                !percents.iter().any(|k| (k - p).abs() <= 1)
            } else {
                let v = n.minor(exp);
                !amounts.iter().any(|a| (a.abs() - v).abs() <= unit)
            }
        })
        .map(|n| {
            let s = format!("{}.{:02}", n.hundredths / 100, n.hundredths % 100);
            if n.percent { format!("{s}%") } else { s }
        })
        .collect()
}

fn collect(v: &Value, amounts: &mut Vec<i64>, percents: &mut Vec<i64>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::Number(n) if AMOUNTS.contains(&k.as_str()) => {
                        amounts.extend(n.as_i64());
                    }
                    Value::Number(n) if k == "savings_rate" => {
                        percents.extend(n.as_f64().map(|r| (r * 100.0).round() as i64));
                    }
                    other => collect(other, amounts, percents),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect(i, amounts, percents)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coach::{CategoryFact, Figures};

    fn facts() -> Facts {
        Facts {
            month: "2026-10".into(),
            currency: "EUR".into(),
            income: 250_000,
            spending: 180_050,
            net: 69_950,
            savings_rate: Some(0.2798),
            previous_month: Figures {
                income: 250_000,
                spending: 150_000,
                savings_rate: Some(0.4),
            },
            average_3_months: None,
            average_12_months: None,
            categories: vec![CategoryFact {
                category: "Groceries".into(),
                spent: 64_000,
                previous_month: 40_000,
                average_3_months: Some(42_000),
                average_12_months: None,
                budget: Some(50_000),
            }],
            recurring: vec![],
            unusual: vec![],
            last_actions: vec![],
        }
    }

    #[test]
    fn figures_from_the_facts_and_their_differences_pass() {
        let f = facts();
        let ok = "You spent 1,800.50 EUR (1.800,50 EUR) against 1500.00 EUR; Groceries took \
                  640 EUR, 140.00 EUR over its 500 budget and 52% above usual (2026-10-03). \
                  Save 349 EUR, half of 699.50. You kept 28% of 2500 EUR. 3 actions.";
        assert_eq!(unknown_figures(&f, ok), Vec::<String>::new());
        let bad = "Groceries cost 712.40 EUR, 37% more; save 95 EUR.";
        assert_eq!(unknown_figures(&f, bad), ["712.40", "37.00%", "95.00"]);
    }

    #[test]
    fn the_model_reads_amounts_with_their_currency() {
        let v = facts_for_model(&facts());
        assert_eq!(v["spending"], "1800.50 EUR");
        assert_eq!(v["savings_rate"], "28%");
        assert_eq!(v["categories"][0]["budget"], "500.00 EUR");
        assert_eq!(v["month"], "2026-10");
    }

    #[test]
    fn actions_keep_targets_only_with_a_known_category() {
        let f = facts();
        let a = action(
            &json!({"text": "Keep groceries under 500 EUR", "category": "groceries", "target": "500.00 EUR"}),
            &f,
        )
        .unwrap();
        assert_eq!(a.category.as_deref(), Some("Groceries"));
        assert_eq!(a.target, Some(50_000));
        let b = action(
            &json!({"text": "Save", "category": "Yachts", "target": 900}),
            &f,
        )
        .unwrap();
        assert_eq!((b.category, b.target), (None, None));
        assert!(action(&json!({"text": " "}), &f).is_none());
    }
}
