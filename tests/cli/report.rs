//! `smartspend report`, `budget` and `export`.

use std::fmt::Write as _;

use crate::common::{PASS, TestEnv, stderr_of};
use smartspend::ledger::stats;

/// Nine months of a small life in EUR, and one transfer in USD.
fn statement() -> String {
    let mut s = String::from("Date,Description,Amount,Currency\n");
    for m in 1..=9 {
        let _ = writeln!(s, "2026-{m:02}-01,ACME SALARY,2500.00,EUR");
        let _ = writeln!(s, "2026-{m:02}-02,RENT HOUSING CO,-900.00,EUR");
        let _ = writeln!(
            s,
            "2026-{m:02}-05,NETFLIX.COM,-{},EUR",
            if m < 8 { "12.99" } else { "15.99" }
        );
        let _ = writeln!(
            s,
            "2026-{m:02}-10,ALBERT HEIJN 1234,-{}.50,EUR",
            100 + m * 3
        );
        let _ = writeln!(s, "2026-{m:02}-20,ALBERT HEIJN 1234,-{}.25,EUR", 80 + m);
        // A gym paid until May, then no more.
        if m <= 5 {
            let _ = writeln!(s, "2026-{m:02}-03,ZORBLAX GYM,-29.00,EUR");
        }
    }
    // September: one very unusual grocery bill, and a savings transfer.
    s.push_str("2026-09-25,ALBERT HEIJN 1234,-640.00,EUR\n");
    s.push_str("2026-09-26,TRANSFER TO OWN SAVINGS,-300.00,EUR\n");
    s.push_str("2026-09-15,AMAZON.COM,-20.00,USD\n");
    s
}

fn setup() -> TestEnv {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let file = env.file("bank.csv", statement());
    let out = run(
        &env,
        &["import", file.to_str().unwrap(), "--account", "Bank"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    // The savings transfer is a transfer (its category is of kind `transfer`).
    let out = run(&env, &["tx", "list", "--search", "own savings", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = rows[0]["id"].to_string();
    let out = run(&env, &["tx", "categorize", &id, "Transfers"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    env
}

const TODAY: &str = "2026-09-28";

fn run(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.run_on(TODAY, args)
}

fn ok(env: &TestEnv, args: &[&str]) -> String {
    env.ok_on(TODAY, args)
}

fn report(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["report", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(env, &all)).unwrap()
}

fn eur(r: &serde_json::Value) -> &serde_json::Value {
    r["currencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["currency"] == "EUR")
        .unwrap()
}

#[test]
fn the_month_in_figures() {
    let env = setup();
    // Default: this month (September 2026, "today" being the 28th).
    let r = report(&env, &[]);
    assert_eq!(
        (r["from"].as_str(), r["to"].as_str()),
        (Some("2026-09-01"), Some("2026-09-30"))
    );
    let c = eur(&r);
    let t = &c["totals"];
    assert_eq!(t["income"], 250000);
    // Rent 900 + Netflix 15.99 + groceries 127.50 + 89.25 + 640; not the transfer.
    assert_eq!(t["spending"], 90000 + 1599 + 12750 + 8925 + 64000);
    assert_eq!(t["net"], 250000 - (90000 + 1599 + 12750 + 8925 + 64000));
    let p = &c["previous"];
    assert_eq!(p["spending"], 90000 + 1599 + 12450 + 8825);
    assert!(c["average_3_months"]["spending"].as_i64().unwrap() > 0);
    let groceries = c["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["category"] == "Groceries")
        .unwrap();
    assert_eq!(groceries["spent"], 12750 + 8925 + 64000);
    assert_eq!(groceries["previous"], 12450 + 8825);
    assert!(
        !c["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["category"] == "Transfers"),
        "transfers are not spending"
    );
    // Currencies are never summed: USD has its own block.
    let usd = r["currencies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["currency"] == "USD")
        .unwrap();
    assert_eq!(usd["totals"]["spending"], 2000);
    assert_eq!(c["trend"].as_array().unwrap().len(), 12);
    assert_eq!(c["trend"][11]["month"], "2026-09");
    assert_eq!(c["trend"][0]["month"], "2025-10");
    assert_eq!(c["trend"][11]["income"], 250000);

    // Recurring: Netflix monthly with its new price; the gym stopped.
    let recurring = c["recurring"].as_array().unwrap();
    let netflix = recurring
        .iter()
        .find(|x| x["merchant"] == "netflix")
        .unwrap();
    assert_eq!(netflix["cadence"], "monthly");
    assert_eq!(netflix["amount"], 1599);
    assert_eq!(
        netflix["previous_amount"],
        serde_json::Value::Null,
        "{netflix}"
    );
    let rent = recurring
        .iter()
        .find(|x| x["merchant"] == "rent housing")
        .unwrap();
    assert_eq!(rent["monthly_cost"], 90000);
    assert!(
        recurring.iter().all(|x| x["merchant"] != "zorblax gym"),
        "stopped in May: more than three months before September"
    );
    // The 640 grocery bill is unusual for that shop.
    let unusual = c["unusual"].as_array().unwrap();
    assert_eq!(unusual.len(), 1, "{unusual:?}");
    assert_eq!(unusual[0]["amount"], 64000);
    assert_eq!(unusual[0]["compared_with"], "this merchant");
    assert_eq!(c["largest"][0]["amount"], 90000);
    assert_eq!(c["top_merchants"][0]["merchant"], "rent housing");
}

#[test]
fn price_changes_and_stopped_payments_show_in_their_month() {
    let env = setup();
    let c = eur(&report(&env, &["--month", "2026-08"])).clone();
    let netflix = c["recurring"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["merchant"] == "netflix")
        .unwrap()
        .clone();
    assert_eq!(netflix["previous_amount"], 1299);
    let c = eur(&report(&env, &["--month", "2026-07"])).clone();
    let gym = c["recurring"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["merchant"] == "zorblax gym")
        .unwrap()
        .clone();
    assert_eq!(gym["stopped"], true);
    assert_eq!(gym["last"], "2026-05-03");
}

#[test]
fn budgets_show_against_spending() {
    let env = setup();
    ok(&env, &["budget", "set", "groceries", "300"]);
    ok(
        &env,
        &["budget", "set", "Dining", "50", "--month", "2026-09"],
    );
    let out = run(&env, &["budget", "set", "Nope", "5"]);
    assert!(stderr_of(&out).contains("no category `Nope`"));
    let out = run(&env, &["budget", "set", "Dining", "-5"]);
    assert!(!out.status.success());
    let list: serde_json::Value =
        serde_json::from_str(&ok(&env, &["budget", "list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[1]["category"], "Groceries");
    assert_eq!(list[1]["amount"], "300.00");
    assert_eq!(list[1]["currency"], "EUR", "the ledger's currency");
    let c = eur(&report(&env, &[])).clone();
    let line = |name: &str| {
        c["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["category"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(line("Groceries")["budget"], 30000);
    assert_eq!(line("Dining")["budget"], 5000);
    assert_eq!(line("Dining")["spent"], 0);
    // Over budget stands out in the table.
    let text = ok(&env, &["report"]);
    assert!(text.contains("over by 556.75"), "{text}");
    // Only September has a Dining budget.
    let c = eur(&report(&env, &["--month", "2026-08"])).clone();
    assert!(
        c["categories"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["category"] != "Dining")
    );
    ok(&env, &["budget", "remove", "Groceries"]);
    let out = run(&env, &["budget", "remove", "Groceries"]);
    assert!(!out.status.success());
}

#[test]
fn the_dashboard_fits_and_the_csv_has_the_same_figures() {
    let env = setup();
    let text = ok(&env, &["report", "--month", "2026-09"]);
    for part in [
        "2026-09-01 to 2026-09-28 (so far) (EUR)",
        "savings rate",
        "Spending by category",
        "Last 12 months",
        "Recurring payments",
        "Unusual",
        "netflix",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    // The trend: 12 months for each of the two currencies, each line within 80 columns.
    let trend: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("20") && l.contains("  out "))
        .collect();
    assert_eq!(trend.len(), 24, "{text}");
    assert!(
        trend.iter().all(|l| l.chars().count() <= 80),
        "the trend fits 80 columns:\n{}",
        trend.join("\n")
    );
    let csv = ok(&env, &["report", "--month", "2026-09", "--csv"]);
    assert!(csv.starts_with("section,currency,name,figure,value\n"));
    assert!(
        csv.contains("totals,EUR,this period,income,2500.00"),
        "{csv}"
    );
    assert!(csv.contains("category,EUR,Groceries,spent,856.75"), "{csv}");
    assert!(
        csv.contains("totals,USD,this period,spending,20.00"),
        "{csv}"
    );
}

/// The monthly sums reports read agree with the transactions after every kind of change.
#[test]
fn monthly_sums_follow_every_change() {
    let env = setup();
    let check = |env: &TestEnv, when: &str| {
        let ledger = env.open_ledger("alice", PASS);
        // What readers see (waiting changes included), and the transactions grouped.
        let read = |conn: &rusqlite::Connection| -> Vec<(String, i64, i64, i64, i64)> {
            let months = stats::read(conn, "0000-00", "9999-99", None, None).unwrap();
            let mut out: Vec<_> = months
                .into_iter()
                .flat_map(|m| {
                    m.entries.into_iter().map(move |e| {
                        let key = format!(
                            "{}/{}/{}/{}",
                            m.month, m.currency, e.category_id, e.merchant_key
                        );
                        let s = e.sums;
                        (key, s.in_sum, s.in_count, s.out_sum, s.out_count)
                    })
                })
                .collect();
            out.sort();
            out
        };
        let truth = |conn: &rusqlite::Connection| -> Vec<(String, i64, i64, i64, i64)> {
            let mut stmt = conn
                .prepare(
                    "SELECT substr(date, 1, 7) || '/' || currency || '/'
                            || coalesce(category_id, 0) || '/' || merchant_key,
                            sum(max(amount, 0)), sum(amount >= 0), sum(min(amount, 0)),
                            sum(amount < 0)
                     FROM transactions GROUP BY 1 ORDER BY 1",
                )
                .unwrap();
            stmt.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
        };
        assert_eq!(read(ledger.conn()), truth(ledger.conn()), "after {when}");
        let waiting = |conn: &rusqlite::Connection| -> i64 {
            conn.query_row("SELECT count(*) FROM month_stats_changes", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(waiting(ledger.conn()), 0, "folded in by {when}");
        // A change made behind smartspend's back waits; readers count it, and folding
        // it in gives the same.
        let tx = ledger.conn().unchecked_transaction().unwrap();
        tx.execute(
            "UPDATE transactions SET amount = amount - 100, date = '2026-08-31'
             WHERE id = (SELECT min(id) FROM transactions)",
            [],
        )
        .unwrap();
        assert_eq!(waiting(&tx), 2);
        assert_eq!(read(&tx), truth(&tx), "with a change waiting, after {when}");
        stats::fold(&tx).unwrap();
        assert_eq!(waiting(&tx), 0);
        assert_eq!(read(&tx), truth(&tx), "folded, after {when}");
        tx.rollback().unwrap();
    };
    check(&env, "the import and a correction");
    let rows: serde_json::Value =
        serde_json::from_str(&ok(&env, &["tx", "list", "--search", "netflix", "--json"])).unwrap();
    let id = rows[0]["id"].to_string();
    ok(
        &env,
        &["tx", "edit", &id, "--amount", "-99", "--date", "2026-10-01"],
    );
    check(&env, "an edit");
    ok(
        &env,
        &[
            "tx",
            "add",
            "Flowers",
            "--amount",
            "-15",
            "--account",
            "Bank",
            "--date",
            "2026-09-03",
        ],
    );
    check(&env, "a transaction added by hand");
    ok(&env, &["tx", "delete", &id, "--yes"]);
    check(&env, "a delete");
    ok(
        &env,
        &["categories", "remove", "Groceries", "--move-to", "Shopping"],
    );
    check(&env, "removing a category");
    ok(&env, &["imports", "undo", "1"]);
    check(&env, "undoing the import");
}

#[test]
fn exports_are_read_by_hledger_and_beancount() {
    let env = setup();
    ok(
        &env,
        &[
            "tx",
            "add",
            "Cafe \"Zum Löwen\"; Tisch 4 | Bar",
            "--amount",
            "-8.40",
            "--account",
            "Geldbörse",
            "--currency",
            "EUR",
            "--note",
            "with Ann",
        ],
    );
    let csv = ok(&env, &["export"]);
    assert!(csv.starts_with("id,date,amount,currency,description,category,source,account,note\n"));
    // A header, 53 imported rows and one added by hand.
    assert_eq!(csv.lines().count(), 1 + 53 + 1);
    let json: serde_json::Value = serde_json::from_str(&ok(
        &env,
        &["export", "--format", "json", "--month", "2026-09"],
    ))
    .unwrap();
    // September: seven rows in EUR, one in USD, and the one added by hand today.
    assert_eq!(json.as_array().unwrap().len(), 9);
    // Written owner-only and whole.
    let journal = env.tmp.path().join("out.journal");
    ok(
        &env,
        &[
            "export",
            "--format",
            "ledger",
            "-o",
            journal.to_str().unwrap(),
        ],
    );
    assert_eq!(crate::common::mode(&journal), 0o600);
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.contains("expenses:groceries  127.50 EUR"), "{text}");
    assert!(text.contains("assets:bank  -127.50 EUR"), "{text}");
    assert!(text.contains("equity:transfers  300.00 EUR"), "{text}");
    let bean = env.tmp.path().join("out.beancount");
    ok(
        &env,
        &["export", "-f", "beancount", "-o", bean.to_str().unwrap()],
    );
    let btext = std::fs::read_to_string(&bean).unwrap();
    assert!(btext.contains("open Assets:Geldborse"), "{btext}");
    assert!(btext.contains("Income:Income  -2500.00 EUR"), "{btext}");

    // The tools themselves, where installed (CI installs both).
    let have = |tool: &str| {
        std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    for (tool, args) in [
        ("hledger", vec!["-f", journal.to_str().unwrap(), "check"]),
        ("bean-check", vec![bean.to_str().unwrap()]),
    ] {
        if !have(tool) {
            assert!(std::env::var_os("CI").is_none(), "CI must install {tool}");
            eprintln!("{tool} is not installed: not checked");
            continue;
        }
        let out = std::process::Command::new(tool)
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{tool} rejects the export:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if have("hledger") {
        // hledger sees the same totals.
        let out = std::process::Command::new("hledger")
            .args([
                "-f",
                journal.to_str().unwrap(),
                "balance",
                "expenses:groceries",
                "-p",
                "2026-09",
                "-N",
            ])
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("856.75 EUR"),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
