//! `smartspend coach`, written by smartspend's own rules (no language model configured),
//! run as cron would: no terminal, no stdin, the passphrase from the environment.

use std::fmt::Write as _;
use std::process::Stdio;

use crate::common::{PASS, TestEnv, mode, stderr_of, stdout_of};

fn statement() -> String {
    let mut s = String::from("Date,Description,Amount,Currency\n");
    for m in 1..=9 {
        let _ = writeln!(s, "2026-{m:02}-01,ACME SALARY,2500.00,EUR");
        let _ = writeln!(s, "2026-{m:02}-02,RENT HOUSING CO,-900.00,EUR");
        let _ = writeln!(
            s,
            "2026-{m:02}-05,NETFLIX.COM,-{},EUR",
            if m < 9 { "12.99" } else { "15.99" }
        );
        let _ = writeln!(
            s,
            "2026-{m:02}-10,ALBERT HEIJN 1234,-{}.50,EUR",
            100 + m * 3
        );
    }
    // Personal data that must never reach the facts pack or the report.
    s.push_str("2026-09-12,Zelle payment to Maria Lopez NL91ABNA0417164300,-950.00,EUR\n");
    s.push_str("2026-09-25,ALBERT HEIJN 1234,-640.00,EUR\n");
    s
}

fn setup() -> TestEnv {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let file = env.file("bank.csv", statement());
    let out = cron(&env, &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = cron(&env, &["budget", "set", "Groceries", "300"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    env
}

/// As cron runs it: no terminal, nothing on stdin.
fn cron(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.std_cmd()
        .args(args)
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .env("SMARTSPEND_TEST_TODAY", "2026-10-01")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn last_months_report_unattended_into_a_file_once_per_month() {
    let env = setup();
    let file = env.tmp.path().join("coach.md");
    for _ in 0..2 {
        let out = cron(
            &env,
            &["coach", "--month", "last", "--out", file.to_str().unwrap()],
        );
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    assert_eq!(mode(&file), 0o600);
    let body = std::fs::read_to_string(&file).unwrap();
    for part in [
        "# Your money in 2026-09",
        "| income | 2500.00 EUR",
        "Groceries went over its budget of 300.00 EUR",
        "Keep Groceries under 300.00 EUR next month",
        "netflix went up from 12.99 EUR to 15.99 EUR",
        "no language model is configured",
    ] {
        assert!(body.contains(part), "{part} in\n{body}");
    }
    assert!(!body.contains("Maria") && !body.contains("NL91"), "{body}");
    let history: serde_json::Value =
        serde_json::from_slice(&cron(&env, &["coach", "history", "--json"]).stdout).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["month"], "2026-09");
    let shown = stdout_of(&cron(&env, &["coach", "show", "2026-09"]));
    assert_eq!(shown.trim_end(), body.trim_end());
}

#[test]
fn the_dry_run_shows_the_facts_pack_without_personal_data_and_keeps_nothing() {
    let env = setup();
    let out = cron(&env, &["coach", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let facts: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(facts["month"], "2026-09");
    assert_eq!(facts["income"], 250000);
    assert!(
        !text.contains("Maria") && !text.contains("Lopez") && !text.contains("NL91"),
        "{text}"
    );
    let history = stdout_of(&cron(&env, &["coach", "history", "--json"]));
    assert_eq!(history.trim(), "[]");
}

#[test]
fn the_next_report_follows_up_on_the_last_ones_actions() {
    let env = setup();
    assert!(
        cron(&env, &["coach", "--month", "2026-08"])
            .status
            .success()
    );
    let out = cron(&env, &["coach", "--month", "2026-09", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = j["facts"]["last_actions"].as_array().unwrap();
    assert!(!last.is_empty(), "{j}");
    assert!(
        j["body"].as_str().unwrap().contains("from last month"),
        "{j}"
    );
    assert_eq!(j["actions"].as_array().unwrap().len(), 3);
}

#[test]
fn a_month_without_transactions_fails_with_one_line() {
    let env = setup();
    let out = cron(&env, &["coach", "--month", "2025-01"]);
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("no transactions in 2025-01"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
