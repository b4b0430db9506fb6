//! The monthly coaching report: a facts pack built from the month's figures (aggregates
//! and redacted merchant names only), and a report written from it by a language model
//! (`llm`) or by smartspend's own rules, which are also the fallback when the model fails.

pub mod llm;

use serde::{Deserialize, Serialize};

use crate::money;
use crate::redact::redact;
use crate::report::{CurrencyReport, Report, Totals};

/// What the coach knows of a month: figures, never raw descriptions or account data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Facts {
    pub month: String,
    pub currency: String,
    pub income: i64,
    pub spending: i64,
    pub net: i64,
    pub savings_rate: Option<f64>,
    pub previous_month: Figures,
    pub average_3_months: Option<Figures>,
    pub average_12_months: Option<Figures>,
    /// Spending by category, largest first.
    pub categories: Vec<CategoryFact>,
    pub recurring: Vec<RecurringFact>,
    pub unusual: Vec<UnusualFact>,
    /// What last month's report asked, and what happened.
    pub last_actions: Vec<ActionResult>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Figures {
    pub income: i64,
    pub spending: i64,
    pub savings_rate: Option<f64>,
}

impl From<&Totals> for Figures {
    fn from(t: &Totals) -> Figures {
        Figures {
            income: t.income,
            spending: t.spending,
            savings_rate: t.savings_rate,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CategoryFact {
    pub category: String,
    pub spent: i64,
    pub previous_month: i64,
    pub average_3_months: Option<i64>,
    pub average_12_months: Option<i64>,
    pub budget: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecurringFact {
    /// The merchant key, redacted.
    pub merchant: String,
    pub cadence: String,
    pub monthly_cost: i64,
    pub amount: i64,
    pub previous_amount: Option<i64>,
    pub new: bool,
    pub stopped: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnusualFact {
    pub date: String,
    /// The description, redacted.
    pub what: String,
    pub amount: i64,
    pub usual: i64,
}

/// One of the three things to do, with a figure to check next month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub text: String,
    /// A category to keep under `target` next month, when the action says so.
    pub category: Option<String>,
    pub target: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionResult {
    pub action: String,
    pub category: Option<String>,
    pub target: Option<i64>,
    pub actual: Option<i64>,
    pub kept: Option<bool>,
}

/// The facts of the report's main currency (the one with most transactions).
pub fn facts(report: &Report, month: &str, last_actions: &[Action]) -> Option<Facts> {
    let c: &CurrencyReport = report.currencies.iter().max_by_key(|c| c.transactions)?;
    let categories: Vec<CategoryFact> = c
        .categories
        .iter()
        .map(|l| CategoryFact {
            category: l
                .category
                .clone()
                .unwrap_or_else(|| "(uncategorized)".into()),
            spent: l.spent,
            previous_month: l.previous,
            average_3_months: l.average_3_months,
            average_12_months: l.average_12_months,
            budget: l.budget,
        })
        .collect();
    let last_actions = last_actions
        .iter()
        .map(|a| {
            let actual = a.category.as_ref().map(|name| {
                categories
                    .iter()
                    .find(|c| &c.category == name)
                    .map_or(0, |c| c.spent)
            });
            ActionResult {
                action: a.text.clone(),
                category: a.category.clone(),
                target: a.target,
                actual,
                kept: a.target.zip(actual).map(|(t, x)| x <= t),
            }
        })
        .collect();
    Some(Facts {
        month: month.to_string(),
        currency: c.currency.clone(),
        income: c.totals.income,
        spending: c.totals.spending,
        net: c.totals.net,
        savings_rate: c.totals.savings_rate,
        previous_month: (&c.previous).into(),
        average_3_months: c.average_3_months.as_ref().map(Into::into),
        average_12_months: c.average_12_months.as_ref().map(Into::into),
        categories,
        recurring: c
            .recurring
            .iter()
            .filter(|r| r.new || r.stopped || r.previous_amount.is_some() || r.monthly_cost > 0)
            .take(10)
            .map(|r| RecurringFact {
                merchant: redact(&r.merchant),
                cadence: r.cadence.as_str().into(),
                monthly_cost: r.monthly_cost,
                amount: r.amount,
                previous_amount: r.previous_amount,
                new: r.new,
                stopped: r.stopped,
            })
            .collect(),
        unusual: c
            .unusual
            .iter()
            .map(|u| UnusualFact {
                date: u.tx.date.clone(),
                what: redact(&u.tx.description),
                amount: u.tx.amount,
                usual: u.usual,
            })
            .collect(),
        last_actions,
    })
}

/// An amount of the facts' currency as the report writes it: `1234.50 EUR`.
pub fn money_text(f: &Facts, minor: i64) -> String {
    let cur = f.currency.as_str();
    format!(
        "{} {cur}",
        money::format_minor(minor, money::exponent(cur).unwrap_or(2))
    )
}

fn pct(r: Option<f64>) -> String {
    r.map_or("-".to_string(), |r| format!("{:.0}%", r * 100.0))
}

/// The title and the key-figures table, which smartspend always writes itself.
pub fn key_figures(f: &Facts) -> String {
    let m = |minor: i64| money_text(f, minor);
    let mut out = format!("# Your money in {}\n\n", f.month);
    out.push_str("| | this month | last month | 3-month average |\n|---|---:|---:|---:|\n");
    let avg = f.average_3_months.as_ref();
    for (name, now, before, usual) in [
        (
            "income",
            f.income,
            f.previous_month.income,
            avg.map(|a| a.income),
        ),
        (
            "spending",
            f.spending,
            f.previous_month.spending,
            avg.map(|a| a.spending),
        ),
    ] {
        out.push_str(&format!(
            "| {name} | {} | {} | {} |\n",
            m(now),
            m(before),
            usual.map_or("-".into(), m)
        ));
    }
    out.push_str(&format!(
        "| saved | {} ({}) | {} | {} |\n\n",
        m(f.net),
        pct(f.savings_rate),
        pct(f.previous_month.savings_rate),
        pct(avg.and_then(|a| a.savings_rate))
    ));
    out
}

/// The sections under the table: what went well, what to watch, three things to do.
pub fn sections(well: &[String], watch: &[String], actions: &[Action]) -> String {
    let mut out = String::new();
    let section = |out: &mut String, title: &str, items: &[String], none: &str| {
        out.push_str(&format!("## {title}\n\n"));
        if items.is_empty() {
            out.push_str(&format!("- {none}\n"));
        }
        for i in items {
            out.push_str(&format!("- {i}\n"));
        }
        out.push('\n');
    };
    section(
        &mut out,
        "What went well",
        well,
        "Nothing stood out this month.",
    );
    section(
        &mut out,
        "What to watch",
        watch,
        "Nothing out of the ordinary.",
    );
    out.push_str("## Three things to do\n\n");
    for (i, a) in actions.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, a.text));
    }
    out
}

/// A report written by smartspend's own rules, as Markdown, and its three actions.
pub fn builtin(f: &Facts) -> (String, Vec<Action>) {
    let cur = f.currency.as_str();
    let m = |minor: i64| money_text(f, minor);
    let unit = 10i64.pow(money::exponent(cur).unwrap_or(2));
    let avg = f.average_3_months.as_ref();

    // Categories against what they usually cost (or last month, without history).
    let usual = |c: &CategoryFact| c.average_3_months.unwrap_or(c.previous_month);
    let mut up: Vec<&CategoryFact> = f
        .categories
        .iter()
        .filter(|c| c.spent > usual(c) * 115 / 100 && c.spent - usual(c) >= 20 * unit)
        .collect();
    up.sort_by_key(|c| std::cmp::Reverse(c.spent - usual(c)));
    let mut down: Vec<&CategoryFact> = f
        .categories
        .iter()
        .filter(|c| c.spent < usual(c) * 85 / 100 && usual(c) - c.spent >= 20 * unit)
        .collect();
    down.sort_by_key(|c| std::cmp::Reverse(usual(c) - c.spent));
    let over: Vec<&CategoryFact> = f
        .categories
        .iter()
        .filter(|c| c.budget.is_some_and(|b| c.spent > b))
        .collect();

    let mut well = vec![];
    if let (Some(now), Some(before)) = (f.savings_rate, avg.and_then(|a| a.savings_rate))
        && now >= before + 0.05
    {
        well.push(format!(
            "You kept {} of your income, up from {} on average.",
            pct(Some(now)),
            pct(Some(before))
        ));
    }
    for c in down.iter().take(3) {
        well.push(format!(
            "{} cost {}, {} less than usual ({}).",
            c.category,
            m(c.spent),
            m(usual(c) - c.spent),
            m(usual(c))
        ));
    }
    for c in f
        .categories
        .iter()
        .filter(|c| c.budget.is_some_and(|b| c.spent <= b))
    {
        well.push(format!(
            "{} stayed within its budget: {} of {}.",
            c.category,
            m(c.spent),
            m(c.budget.unwrap_or(0))
        ));
    }
    for a in f.last_actions.iter().filter(|a| a.kept == Some(true)) {
        well.push(format!("Done from last month: {}", a.action));
    }
    let mut watch = vec![];
    if let (Some(now), Some(before)) = (f.savings_rate, avg.and_then(|a| a.savings_rate))
        && now <= before - 0.05
    {
        watch.push(format!(
            "You kept {} of your income, down from {} on average.",
            pct(Some(now)),
            pct(Some(before))
        ));
    }
    for c in &over {
        watch.push(format!(
            "{} went over its budget of {} by {}.",
            c.category,
            m(c.budget.unwrap_or(0)),
            m(c.spent - c.budget.unwrap_or(0))
        ));
    }
    for c in up
        .iter()
        .filter(|c| !over.iter().any(|o| o.category == c.category))
        .take(3)
    {
        watch.push(format!(
            "{} cost {}, {} more than usual ({}).",
            c.category,
            m(c.spent),
            m(c.spent - usual(c)),
            m(usual(c))
        ));
    }
    for r in &f.recurring {
        if let Some(p) = r.previous_amount.filter(|p| *p < r.amount) {
            watch.push(format!(
                "{} went up from {} to {}.",
                r.merchant,
                m(p),
                m(r.amount)
            ));
        }
        if r.new {
            watch.push(format!(
                "New {} payment: {}, {} a month.",
                r.cadence,
                r.merchant,
                m(r.monthly_cost)
            ));
        }
    }
    for u in &f.unusual {
        watch.push(format!(
            "{} on {}: {}, where {} is usual.",
            u.what,
            u.date,
            m(u.amount),
            m(u.usual)
        ));
    }
    for a in f.last_actions.iter().filter(|a| a.kept == Some(false)) {
        watch.push(format!(
            "Not yet done from last month: {} ({} spent).",
            a.action,
            m(a.actual.unwrap_or(0))
        ));
    }

    // Three things to do, each with a figure.
    let mut actions: Vec<Action> = vec![];
    for c in over.iter().chain(up.iter()).take(2) {
        let target = c.budget.unwrap_or_else(|| usual(c)).max(unit);
        if actions
            .iter()
            .any(|a| a.category.as_deref() == Some(&c.category))
        {
            continue;
        }
        actions.push(Action {
            text: format!(
                "Keep {} under {} next month (it was {}).",
                c.category,
                m(target),
                m(c.spent)
            ),
            category: Some(c.category.clone()),
            target: Some(target),
        });
    }
    if let Some(r) = f
        .recurring
        .iter()
        .filter(|r| !r.stopped)
        .find(|r| r.new || r.previous_amount.is_some_and(|p| p < r.amount))
        .or_else(|| {
            // The largest subscription, not the rent: at most a tenth of income.
            f.recurring
                .iter()
                .filter(|r| !r.stopped && r.monthly_cost * 10 <= f.income.max(0))
                .max_by_key(|r| r.monthly_cost)
        })
    {
        actions.push(Action {
            text: format!(
                "Check whether {} is worth {} a month ({} a year); cancel it if not.",
                r.merchant,
                m(r.monthly_cost),
                m(r.monthly_cost * 12)
            ),
            category: None,
            target: None,
        });
    }
    if f.net > 0 {
        actions.push(Action {
            text: format!(
                "Move {} of this month's {} surplus to savings now.",
                m(f.net / 2 / unit * unit),
                m(f.net)
            ),
            category: None,
            target: None,
        });
    } else if f.net < 0 {
        actions.push(Action {
            text: format!("Spend {} less next month to break even.", m(-f.net)),
            category: None,
            target: None,
        });
    }
    // Still short of three: hold the largest categories at what they cost.
    for c in &f.categories {
        if actions.len() >= 3 {
            break;
        }
        // Fixed costs (the same every month) need no reminder.
        if c.spent <= 0
            || c.spent == c.previous_month
            || c.category == "(uncategorized)"
            || actions
                .iter()
                .any(|a| a.category.as_deref() == Some(&c.category))
        {
            continue;
        }
        let target = usual(c).min(c.spent).max(unit);
        actions.push(Action {
            text: format!(
                "Hold {} at {} next month (it was {}).",
                c.category,
                m(target),
                m(c.spent)
            ),
            category: Some(c.category.clone()),
            target: Some(target),
        });
    }
    actions.truncate(3);
    let text = key_figures(f) + &sections(&well, &watch, &actions);
    (text, actions)
}
