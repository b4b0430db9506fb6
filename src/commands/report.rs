//! `smartspend report`: the figures of `report::build`, drawn for a terminal, or as JSON
//! or CSV.

use std::fmt::Write as _;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment, Color, Table};

use super::Ctx;
use super::tx::{check_account, date_bounds};
use crate::cli::ReportArgs;
use crate::money;
use crate::output;
use crate::period::Period;
use crate::report::{self, CurrencyReport, Options, Report, Totals};

pub fn run(args: &ReportArgs, ctx: &Ctx) -> Result<()> {
    let (_user, ledger, _) = ctx.open_ledger()?;
    let conn = ledger.conn();
    let period = match date_bounds(&args.period, ctx)? {
        (None, None) => Period::month_of(ctx.today),
        (from, to) => {
            let parse = |d: Option<String>, or: chrono::NaiveDate| {
                d.map_or(Ok(or), |d| crate::period::parse_date(&d))
            };
            Period {
                from: parse(
                    from,
                    chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid"),
                )?,
                to: parse(to, ctx.today)?,
            }
        }
    };
    let account_id = args
        .account
        .as_deref()
        .map(|a| check_account(conn, a))
        .transpose()?;
    let report = report::build(conn, &Options { period, account_id }).map_err(|e| ledger.err(e))?;
    if args.json {
        return output::print_json(&report);
    }
    if args.csv {
        return output::print(csv(&report)?.trim_end());
    }
    if report.currencies.is_empty() {
        eprintln!("no transactions from {} to {}", report.from, report.to);
        return Ok(());
    }
    let mut text = String::new();
    for c in &report.currencies {
        draw(&mut text, &report, c, ctx);
    }
    output::print(text.trim_end())
}

/// `1234567` in cents as `12,345.67`.
fn amount(minor: i64, currency: &str) -> String {
    let plain = money::format_minor(minor, money::exponent(currency).unwrap_or(2));
    let (sign, digits) = plain
        .strip_prefix('-')
        .map_or(("", plain.as_str()), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The change from `before` to `now` in percent, when there was a before.
fn change(now: i64, before: i64) -> Option<f64> {
    (before != 0).then(|| (now - before) as f64 / before.abs() as f64 * 100.0)
}

/// `+12%`, coloured: `good_up` says whether going up is good (income) or bad (spending).
fn change_cell(now: i64, before: Option<i64>, good_up: bool, ctx: &Ctx) -> Cell {
    let Some(pct) = before.and_then(|b| change(now, b)) else {
        return Cell::new("");
    };
    let text = if pct.abs() < 0.5 {
        "same".to_string()
    } else {
        format!("{}{:.0}%", if pct > 0.0 { "+" } else { "" }, pct)
    };
    let cell = Cell::new(text).set_alignment(CellAlignment::Right);
    if !ctx.color || pct.abs() < 0.5 {
        return cell;
    }
    cell.fg(if (pct > 0.0) == good_up {
        Color::Green
    } else {
        Color::Red
    })
}

fn styled_table(header: &[&str], ctx: &Ctx) -> Table {
    output::color_table(header.iter().copied(), ctx.styled, ctx.color)
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// A bar of `width` cells for `part` of `whole`, in eighths of a cell.
fn bar(part: i64, whole: i64, width: usize) -> String {
    if whole <= 0 || part <= 0 {
        return String::new();
    }
    let eighths = ((part as f64 / whole as f64) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[eighths % 8]);
    s
}

fn draw(out: &mut String, r: &Report, c: &CurrencyReport, ctx: &Ctx) {
    let cur = c.currency.as_str();
    let _ = writeln!(
        out,
        "{} to {} ({cur}): {} transactions{}\n",
        r.from,
        if r.to > ctx.today && r.from <= ctx.today {
            format!("{} (so far)", ctx.today)
        } else {
            r.to.to_string()
        },
        c.transactions,
        if c.uncategorized > 0 {
            format!(
                ", {} without a category (`smartspend review`)",
                c.uncategorized
            )
        } else {
            String::new()
        }
    );
    // Headline figures against the previous period and the averages.
    let mut t = styled_table(
        &[
            "",
            "this period",
            "previous",
            "change",
            "3-month avg",
            "12-month avg",
        ],
        ctx,
    );
    type Pick = fn(&Totals) -> i64;
    let lines: [(&str, Pick, bool); 3] = [
        ("income", |t| t.income, true),
        ("spending", |t| t.spending, false),
        ("net", |t| t.net, true),
    ];
    for (name, pick, good_up) in lines {
        let avg = |a: &Option<Totals>| a.as_ref().map_or(String::new(), |a| amount(pick(a), cur));
        t.add_row(vec![
            Cell::new(name),
            right(amount(pick(&c.totals), cur)),
            right(amount(pick(&c.previous), cur)),
            change_cell(pick(&c.totals), Some(pick(&c.previous)), good_up, ctx),
            right(avg(&c.average_3_months)),
            right(avg(&c.average_12_months)),
        ]);
    }
    let rate = |t: &Totals| {
        t.savings_rate
            .map_or("-".into(), |r| format!("{:.0}%", r * 100.0))
    };
    t.add_row(vec![
        Cell::new("savings rate"),
        right(rate(&c.totals)),
        right(rate(&c.previous)),
        Cell::new(""),
        right(c.average_3_months.as_ref().map_or(String::new(), rate)),
        right(c.average_12_months.as_ref().map_or(String::new(), rate)),
    ]);
    let _ = writeln!(out, "{t}\n");

    if !c.categories.is_empty() {
        let _ = writeln!(out, "Spending by category");
        let mut t = styled_table(
            &["category", "spent", "share", "", "vs previous", "budget"],
            ctx,
        );
        let top = c.categories.iter().map(|l| l.spent).max().unwrap_or(0);
        for l in &c.categories {
            let mut budget = match l.budget {
                Some(b) if l.spent > b => right(format!(
                    "{} (over by {})",
                    amount(b, cur),
                    amount(l.spent - b, cur)
                )),
                Some(b) => right(format!(
                    "{} ({} left)",
                    amount(b, cur),
                    amount(b - l.spent, cur)
                )),
                None => Cell::new(""),
            };
            if ctx.color && l.over_budget() {
                budget = budget.fg(Color::Red);
            }
            t.add_row(vec![
                Cell::new(l.category.as_deref().unwrap_or("(uncategorized)")),
                right(amount(l.spent, cur)),
                right(format!("{:.0}%", l.share * 100.0)),
                Cell::new(bar(l.spent, top, 16)),
                change_cell(l.spent, Some(l.previous), false, ctx),
                budget,
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }

    let _ = writeln!(
        out,
        "Last 12 months (█ spent, ░ earned and kept, ▓ spent beyond what came in)"
    );
    let scale = c
        .trend
        .iter()
        .map(|m| m.income.max(m.spending))
        .max()
        .unwrap_or(0);
    const WIDTH: usize = 32;
    for m in &c.trend {
        let spent = bar(m.spending.min(m.income.max(0)).max(0), scale, WIDTH);
        let mut line = format!("{} {spent}", m.month);
        if m.spending > m.income {
            let over = bar(m.spending, scale, WIDTH).chars().count()
                - bar(m.income.max(0), scale, WIDTH).chars().count();
            line.push_str(&"▓".repeat(over));
        } else {
            let kept = bar(m.income, scale, WIDTH).chars().count() - spent.chars().count();
            line.push_str(&"░".repeat(kept));
        }
        let pad = WIDTH + 9 - line.chars().count().min(WIDTH + 9);
        let _ = writeln!(
            out,
            "{line}{} in {:>12}  out {:>12}",
            " ".repeat(pad),
            amount(m.income, cur),
            amount(m.spending, cur)
        );
    }
    let _ = writeln!(out);

    if !c.top_merchants.is_empty() {
        let _ = writeln!(out, "Top merchants");
        let mut t = styled_table(&["merchant", "spent", "times"], ctx);
        for m in &c.top_merchants {
            t.add_row(vec![
                Cell::new(&m.merchant),
                right(amount(m.spent, cur)),
                right(m.count.to_string()),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
    if !c.largest.is_empty() {
        let _ = writeln!(out, "Largest payments");
        let mut t = styled_table(&["date", "amount", "description", "category"], ctx);
        for x in &c.largest {
            t.add_row(vec![
                Cell::new(&x.date),
                right(amount(x.amount, cur)),
                Cell::new(&x.description),
                Cell::new(x.category.as_deref().unwrap_or("")),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
    if !c.recurring.is_empty() {
        let monthly: i64 = c
            .recurring
            .iter()
            .filter(|r| !r.stopped)
            .map(|r| r.monthly_cost)
            .sum();
        let _ = writeln!(
            out,
            "Recurring payments ({} a month in all)",
            amount(monthly, cur)
        );
        let mut t = styled_table(
            &[
                "merchant",
                "how often",
                "amount",
                "a month",
                "since",
                "note",
            ],
            ctx,
        );
        for x in &c.recurring {
            let mut notes = vec![];
            if let Some(p) = x.previous_amount {
                notes.push(format!("price was {}", amount(p, cur)));
            }
            if x.stopped {
                notes.push(format!("stopped? last paid {}", x.last));
            }
            if x.new {
                notes.push("new".to_string());
            }
            let mut note = Cell::new(notes.join("; "));
            if ctx.color && (x.previous_amount.is_some() || x.stopped || x.new) {
                note = note.fg(Color::Yellow);
            }
            t.add_row(vec![
                Cell::new(&x.merchant),
                Cell::new(x.cadence.as_str()),
                right(amount(x.amount, cur)),
                right(amount(x.monthly_cost, cur)),
                Cell::new(x.first.to_string()),
                note,
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
    if !c.unusual.is_empty() {
        let _ = writeln!(out, "Unusual for their merchant or category");
        let mut t = styled_table(&["date", "amount", "description", "usually"], ctx);
        for u in &c.unusual {
            t.add_row(vec![
                Cell::new(&u.tx.date),
                right(amount(u.tx.amount, cur)),
                Cell::new(&u.tx.description),
                Cell::new(format!("{} ({})", amount(u.usual, cur), u.compared_with)),
            ]);
        }
        let _ = writeln!(out, "{t}\n");
    }
}

/// The same figures as long CSV: section, currency, name, figure, value.
fn csv(r: &Report) -> Result<String> {
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(["section", "currency", "name", "figure", "value"])?;
    for c in &r.currencies {
        let cur = c.currency.as_str();
        let money = |m: i64| money::format_minor(m, money::exponent(cur).unwrap_or(2));
        let mut row = |section: &str, name: &str, figure: &str, value: String| {
            w.write_record([section, cur, name, figure, &value])
        };
        for (name, t) in [
            ("this period", Some(&c.totals)),
            ("previous", Some(&c.previous)),
            ("3-month average", c.average_3_months.as_ref()),
            ("12-month average", c.average_12_months.as_ref()),
        ] {
            let Some(t) = t else { continue };
            row("totals", name, "income", money(t.income))?;
            row("totals", name, "spending", money(t.spending))?;
            row("totals", name, "net", money(t.net))?;
            if let Some(s) = t.savings_rate {
                row("totals", name, "savings rate", format!("{s:.4}"))?;
            }
        }
        for l in &c.categories {
            let name = l.category.as_deref().unwrap_or("");
            row("category", name, "spent", money(l.spent))?;
            row("category", name, "share", format!("{:.4}", l.share))?;
            row("category", name, "previous", money(l.previous))?;
            if let Some(b) = l.budget {
                row("category", name, "budget", money(b))?;
            }
        }
        for m in &c.trend {
            row("trend", &m.month, "income", money(m.income))?;
            row("trend", &m.month, "spending", money(m.spending))?;
        }
        for m in &c.top_merchants {
            row("merchant", &m.merchant, "spent", money(m.spent))?;
        }
        for x in &c.largest {
            row("largest", &x.description, &x.date, money(x.amount))?;
        }
        for x in &c.recurring {
            row(
                "recurring",
                &x.merchant,
                "monthly cost",
                money(x.monthly_cost),
            )?;
        }
        for u in &c.unusual {
            row("unusual", &u.tx.description, &u.tx.date, money(u.tx.amount))?;
        }
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}
