//! `smartspend coach`, written by smartspend's own rules (no language model configured),
//! run as cron would: no terminal, no stdin, the passphrase from the environment.

use std::fmt::Write as _;
use std::process::Stdio;

use serde_json::{Value, json};

use crate::common::server::{Reply, Request, Server, chat_reply};
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

type Handler = dyn Fn(&Request, usize) -> Reply + Send + Sync;

/// The facts pack in a coaching request.
fn facts_of(req: &Request) -> Value {
    let body = req.json();
    serde_json::from_str(body["messages"][1]["content"].as_str().unwrap()).unwrap()
}

/// A model that quotes the facts pack it was sent.
fn coach_answer(req: &Request) -> Reply {
    let f = facts_of(req);
    let groceries = f["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "Groceries")
        .unwrap();
    chat_reply(
        &json!({
            "went_well": [format!("Income held at {}.", f["income"].as_str().unwrap())],
            "to_watch": [format!(
                "Groceries came to {} against a budget of {}.",
                groceries["spent"].as_str().unwrap(),
                groceries["budget"].as_str().unwrap()
            )],
            "actions": [
                {"text": format!("Keep Groceries under {}.", groceries["budget"].as_str().unwrap()),
                 "category": "Groceries", "target": groceries["budget"]},
                {"text": "Look at the netflix price rise.", "category": null, "target": null},
                {"text": format!("Put aside part of the {} you kept.", f["net"].as_str().unwrap()),
                 "category": null, "target": null},
            ]
        })
        .to_string(),
    )
}

fn with_llm(env: &TestEnv, url: &str) {
    env.write_config(&format!(
        "[llm]\nbase_url = \"{url}\"\nmodel = \"coach-model\"\nretries = 1\ntimeout_secs = 2\n"
    ));
}

#[test]
fn a_language_model_writes_the_words_around_smartspends_figures() {
    let server = Server::start(|req, _| coach_answer(req));
    let env = setup();
    with_llm(&env, &format!("{}/v1", server.url));
    let file = env.tmp.path().join("coach.md");
    for _ in 0..2 {
        let out = env
            .std_cmd()
            .args(["coach", "--out", file.to_str().unwrap()])
            .env("SMARTSPEND_PASSPHRASE", PASS)
            .env("SMARTSPEND_TEST_TODAY", "2026-10-01")
            .env("OPENAI_API_KEY", "sk-coach")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let req = &requests[0];
    assert_eq!(req.path, "/v1/chat/completions");
    assert_eq!(req.authorization.as_deref(), Some("Bearer sk-coach"));
    assert_eq!(req.json()["model"], "coach-model");
    let facts = facts_of(req);
    assert_eq!(facts["month"], "2026-09");
    assert_eq!(facts["income"], "2500.00 EUR");
    for secret in ["Maria", "Lopez", "NL91", "0417164300"] {
        assert!(
            !req.body.contains(secret),
            "{secret} was sent: {}",
            req.body
        );
    }
    let body = std::fs::read_to_string(&file).unwrap();
    for part in [
        "| income | 2500.00 EUR",
        "Income held at 2500.00 EUR.",
        "Groceries came to",
        "against a budget of 300.00 EUR.",
        "1. Keep Groceries under 300.00 EUR.",
        "Written by the language model coach-model",
    ] {
        assert!(body.contains(part), "{part} in\n{body}");
    }
    let history: Value =
        serde_json::from_slice(&cron(&env, &["coach", "history", "--json"]).stdout).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["source"], "llm");
    assert_eq!(history[0]["model"], "coach-model");
    // The model's action with a category target is followed up the month after.
    assert!(
        cron(&env, &["coach", "--month", "2026-08"])
            .status
            .success()
    );
    let out = cron(&env, &["coach", "--month", "2026-09", "--dry-run"]);
    let request: Value = serde_json::from_slice(&out.stdout).unwrap();
    let facts: Value =
        serde_json::from_str(request["messages"][1]["content"].as_str().unwrap()).unwrap();
    let last = &facts["last_actions"][0];
    assert_eq!(last["category"], "Groceries", "{last}");
    assert_eq!(last["target"], "300.00 EUR", "{last}");
    assert_eq!(server.requests().len(), 3, "a dry run sends nothing");
}

#[test]
fn the_report_falls_back_to_smartspends_own_when_the_model_fails() {
    let cases: Vec<(&str, Box<Handler>, &str)> = vec![
        (
            "500s",
            Box::new(|_: &Request, _| Reply::status(500, "boom")),
            "HTTP 500",
        ),
        (
            "garbage",
            Box::new(|_: &Request, _| chat_reply("Dear user, you are doing great!")),
            "not the JSON asked for",
        ),
        (
            "invented figures",
            Box::new(|_: &Request, _| {
                chat_reply(
                    &json!({"went_well": ["You saved 4321.99 EUR."], "to_watch": [],
                        "actions": [{"text": "a"}, {"text": "b"}, {"text": "c"}]})
                    .to_string(),
                )
            }),
            "not in the facts pack: 4321.99",
        ),
    ];
    for (name, handler, why) in cases {
        let server = Server::start(handler);
        let env = setup();
        with_llm(&env, &server.url);
        let out = cron(&env, &["coach", "--format", "json"]);
        assert!(out.status.success(), "{name}: {}", stderr_of(&out));
        assert!(stderr_of(&out).contains(why), "{name}: {}", stderr_of(&out));
        let j: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(j["source"], "builtin", "{name}");
        let body = j["body"].as_str().unwrap();
        assert!(
            body.contains("Keep Groceries under 300.00 EUR"),
            "{name}: {body}"
        );
        assert!(body.contains("smartspend's own rules"), "{name}: {body}");
        assert!(body.contains(why), "{name}: {body}");
        assert!(!server.requests().is_empty(), "{name}");
    }
    // Nothing listens: the same.
    let env = setup();
    with_llm(&env, "http://127.0.0.1:9/v1");
    let out = cron(&env, &["coach"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("cannot connect"),
        "{}",
        stderr_of(&out)
    );
    assert!(stdout_of(&out).contains("Keep Groceries under 300.00 EUR"));
}

#[test]
fn the_dry_run_prints_the_exact_request_and_sends_nothing() {
    let server = Server::start(|req, _| coach_answer(req));
    let env = setup();
    with_llm(&env, &server.url);
    let out = cron(&env, &["coach", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let request: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(request["model"], "coach-model");
    let facts: Value =
        serde_json::from_str(request["messages"][1]["content"].as_str().unwrap()).unwrap();
    assert!(facts["spending"].as_str().unwrap().ends_with(" EUR"));
    assert!(server.requests().is_empty());
    // What is sent is exactly what the dry run printed.
    assert!(cron(&env, &["coach"]).status.success());
    assert_eq!(server.requests()[0].json(), request);
}
