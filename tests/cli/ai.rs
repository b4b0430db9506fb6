//! The remote AI tier against a local server on 127.0.0.1: both providers, failures of
//! every kind, the cache, and what leaves the machine.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::server::{Reply, Request, Server, chat_items, chat_reply, invented_merchants};
use crate::common::{PASS, TestEnv, stderr_of};

/// Invented merchants no tier of smartspend knows, so that the AI is asked about them.
const MERCHANTS: [&str; 4] = [
    "ZORBLAX QUENDI",
    "QUIBBLETON VARSK",
    "FLONDRIK MERBO",
    "SNARVELO TUSK",
];

fn statement(merchants: &[&str], month: u32) -> String {
    let mut s = String::from("Date,Description,Amount,Currency\n");
    for (i, m) in merchants.iter().enumerate() {
        for day in [3, 17] {
            let _ = writeln!(
                s,
                "2026-{month:02}-{day:02},{m} {},-{}.25,EUR",
                100 + i,
                10 + i
            );
        }
    }
    s
}

/// The category a fake model gives a description.
fn category_for(text: &str) -> &'static str {
    if text.contains("FLONDRIK") {
        "Dining"
    } else if text.contains("SNARVELO") {
        "Transport"
    } else {
        "Shopping"
    }
}

/// An OpenAI-compatible server that answers every numbered transaction.
fn openai_answer(req: &Request) -> Reply {
    let answers: Vec<_> = chat_items(req)
        .into_iter()
        .map(|(id, text)| json!({"id": id, "category": category_for(&text), "confidence": 0.9}))
        .collect();
    chat_reply(&json!({ "answers": answers }).to_string())
}

fn hf_answer(req: &Request) -> Reply {
    let text = req.json()["inputs"].as_str().unwrap().to_string();
    Reply::json(json!([
        {"label": category_for(&text), "score": 0.8},
        {"label": "Groceries", "score": 0.2},
    ]))
}

fn openai_env(server: &Server, extra: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[ai]\nprovider = \"openai\"\nbase_url = \"{}/v1\"\nmodel = \"test-model\"\n{extra}",
        server.url
    ));
    env
}

/// `import --json` with the given API key in OPENAI_API_KEY.
fn import(env: &TestEnv, file: &std::path::Path, args: &[&str]) -> serde_json::Value {
    if !env.user_dir("alice").exists() {
        env.add_user("alice", PASS);
    }
    let out = env
        .cmd()
        .arg("import")
        .arg(file)
        .args(args)
        .arg("--json")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .env("OPENAI_API_KEY", "sk-test-key")
        .env("HF_TOKEN", "hf_test_token")
        .output()
        .unwrap();
    assert!(out.status.success(), "import failed: {}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (description, category, source) of every transaction.
fn categories(env: &TestEnv) -> Vec<(String, Option<String>, Option<String>)> {
    let ledger = env.open_ledger("alice", PASS);
    let mut stmt = ledger
        .conn()
        .prepare(
            "SELECT t.description, c.name, t.category_source FROM transactions t
             LEFT JOIN categories c ON c.id = t.category_id ORDER BY t.id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn assert_all_by_ai(env: &TestEnv) {
    let rows = categories(env);
    assert_eq!(rows.len(), 8);
    for (description, category, source) in rows {
        assert_eq!(source.as_deref(), Some("ai"), "{description}");
        assert_eq!(
            category.as_deref(),
            Some(category_for(&description)),
            "{description}"
        );
    }
}

fn assert_none_by_ai(env: &TestEnv) {
    for (description, category, source) in categories(env) {
        assert_eq!(category, None, "{description}");
        assert_eq!(source, None, "{description}");
    }
}

#[test]
fn openai_answers_once_per_merchant_and_the_cache_answers_after() {
    let server = Server::start(|req, _| openai_answer(req));
    let env = openai_env(&server, "");
    let first = env.file("october.csv", statement(&MERCHANTS, 10));
    let report = import(&env, &first, &[]);
    assert_eq!(report["categorized"]["ai"], 8, "{report}");
    assert_eq!(report["categorized"]["uncategorized"], 0);
    assert_eq!(report["ai"]["asked"], 4);
    assert_all_by_ai(&env);

    let requests = server.requests();
    assert_eq!(requests.len(), 1, "four merchants fit one batch");
    let req = &requests[0];
    assert_eq!(req.path, "/v1/chat/completions");
    assert_eq!(req.authorization.as_deref(), Some("Bearer sk-test-key"));
    let body = req.json();
    assert_eq!(body["model"], "test-model");
    let user = body["messages"][1]["content"].as_str().unwrap();
    assert!(
        user.contains("\"Groceries\""),
        "categories are sent: {user}"
    );
    assert_eq!(chat_items(req).len(), 4, "each merchant once: {user}");

    // The same merchants next month: answered from the cache, nothing asked.
    let second = env.file("november.csv", statement(&MERCHANTS, 11));
    let report = import(&env, &second, &[]);
    assert_eq!(report["categorized"]["ai"], 8, "{report}");
    assert_eq!(report["ai"]["cached"], 4);
    assert_eq!(report["ai"]["asked"], 0);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn huggingface_zero_shot_takes_the_top_label() {
    let server = Server::start(|req, _| hf_answer(req));
    let env = TestEnv::new();
    env.write_config(&format!(
        "[ai]\nprovider = \"huggingface\"\nbase_url = \"{}/models\"\n",
        server.url
    ));
    let file = env.file("october.csv", statement(&MERCHANTS, 10));
    let report = import(&env, &file, &[]);
    assert_eq!(report["categorized"]["ai"], 8, "{report}");
    assert_eq!(report["ai"]["model"], "facebook/bart-large-mnli");
    assert_all_by_ai(&env);
    let requests = server.requests();
    assert_eq!(requests.len(), 4, "one question per merchant");
    for req in &requests {
        assert_eq!(req.path, "/models/facebook/bart-large-mnli");
        assert_eq!(req.authorization.as_deref(), Some("Bearer hf_test_token"));
        let labels = &req.json()["parameters"]["candidate_labels"];
        assert!(
            labels.as_array().unwrap().contains(&json!("Dining")),
            "{labels}"
        );
    }
    let shown = env.ok_on("2026-11-01", &["tx", "show", "1"]);
    assert!(shown.contains("remote AI"), "{shown}");
}

#[test]
fn a_429_is_retried_after_the_time_the_server_asks() {
    let server = Server::start(|req, n| {
        if n == 0 {
            Reply::status(429, "slow down").header("Retry-After", "1")
        } else {
            openai_answer(req)
        }
    });
    let env = openai_env(&server, "");
    let file = env.file("october.csv", statement(&MERCHANTS, 10));
    env.add_user("alice", PASS);
    let started = Instant::now();
    let report = import(&env, &file, &[]);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was not honoured"
    );
    assert_eq!(report["categorized"]["ai"], 8, "{report}");
    assert_eq!(server.requests().len(), 2);
    assert_all_by_ai(&env);
}

#[test]
fn server_errors_are_retried_until_an_answer_comes() {
    let server = Server::start(|req, n| match n {
        0 => Reply::status(500, "internal error"),
        1 => Reply::status(503, "overloaded"),
        _ => openai_answer(req),
    });
    let env = openai_env(&server, "");
    let file = env.file("october.csv", statement(&MERCHANTS, 10));
    let report = import(&env, &file, &[]);
    assert_eq!(report["categorized"]["ai"], 8, "{report}");
    assert_eq!(report["ai"]["requests"], 3);
    assert!(report["ai"]["error"].is_null());
    assert_all_by_ai(&env);
}

#[test]
fn timeouts_leave_the_import_whole_and_uncategorized() {
    let server = Server::start(|req, _| openai_answer(req).after(Duration::from_secs(3)));
    let env = openai_env(&server, "timeout_secs = 0.3\nretries = 1\n");
    let file = env.file("october.csv", statement(&MERCHANTS, 10));
    let report = import(&env, &file, &[]);
    assert_eq!(report["imported"], 8, "{report}");
    assert_eq!(report["categorized"]["ai"], 0);
    assert_eq!(report["categorized"]["uncategorized"], 8);
    assert_eq!(report["ai"]["failed"], 4);
    let error = report["ai"]["error"].as_str().unwrap();
    assert!(error.contains("no answer within 0.3 s"), "{error}");
    assert_eq!(server.requests().len(), 2, "one try and one retry");
    assert_eq!(env.transactions().len(), 8);
    assert_none_by_ai(&env);
}

#[test]
fn malformed_answers_are_not_applied_nor_cached() {
    let server = Server::start(|req, n| {
        if n == 0 {
            chat_reply("Sure! Here are the categories you asked for.")
        } else if n == 1 {
            Reply::status(200, "<html>gateway</html>")
        } else {
            openai_answer(req)
        }
    });
    let env = openai_env(&server, "");
    env.add_user("alice", PASS);
    for month in [10, 11] {
        let file = env.file(&format!("m{month}.csv"), statement(&MERCHANTS[..2], month));
        let out = env
            .cmd()
            .args(["import", file.to_str().unwrap()])
            .env("SMARTSPEND_PASSPHRASE", PASS)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(err.contains("not what was asked for"), "{err}");
        assert!(err.contains("stay uncategorized"), "{err}");
    }
    assert_none_by_ai(&env);
    // Nothing bad was cached: `categorize` asks again and now gets answers.
    let out = env.run_on("2026-12-01", &["categorize"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(server.requests().len(), 3);
    let rows = categories(&env);
    assert!(
        rows.iter().all(|r| r.2.as_deref() == Some("ai")),
        "{rows:?}"
    );
}

#[test]
fn a_category_that_does_not_exist_is_no_answer() {
    let server = Server::start(|req, _| {
        let answers: Vec<_> = chat_items(req)
            .into_iter()
            .map(|(id, _)| json!({"id": id, "category": "Casino Winnings", "confidence": 0.99}))
            .collect();
        chat_reply(&json!({ "answers": answers }).to_string())
    });
    let env = openai_env(&server, "");
    let file = env.file("october.csv", statement(&MERCHANTS, 10));
    let report = import(&env, &file, &[]);
    assert_eq!(report["categorized"]["ai"], 0, "{report}");
    assert_eq!(report["ai"]["asked"], 4);
    assert_none_by_ai(&env);
    assert!(
        !categories(&env)
            .iter()
            .any(|r| r.1.as_deref() == Some("Casino Winnings"))
    );
    // "No answer" is an answer: not asked again.
    let file = env.file("november.csv", statement(&MERCHANTS, 11));
    let report = import(&env, &file, &[]);
    assert_eq!(report["ai"]["cached"], 4, "{report}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_refused_key_is_named_and_stops_the_questions() {
    let server = Server::start(|_, _| Reply::status(401, "{\"error\": \"invalid api key\"}"));
    let env = openai_env(&server, "batch_size = 1\nconcurrency = 1\n");
    let file = env.file("october.csv", statement(&MERCHANTS, 10));
    env.add_user("alice", PASS);
    let out = env
        .cmd()
        .args(["import", file.to_str().unwrap()])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .env("OPENAI_API_KEY", "sk-wrong")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("API key was refused (HTTP 401)"), "{err}");
    assert!(!err.contains("sk-wrong"), "the key is never printed: {err}");
    assert_eq!(
        server.requests().len(),
        1,
        "no question after a refused key"
    );
    assert_eq!(env.transactions().len(), 8);
    assert_none_by_ai(&env);
}

#[test]
fn repeated_failures_open_the_circuit() {
    let server = Server::start(|_, _| Reply::status(500, "down"));
    let env = openai_env(&server, "batch_size = 1\nconcurrency = 1\nretries = 0\n");
    let file = env.file("october.csv", statement(&MERCHANTS, 10));
    let report = import(&env, &file, &[]);
    assert_eq!(report["imported"], 8);
    assert_eq!(report["ai"]["failed"], 4);
    assert_eq!(
        server.requests().len(),
        3,
        "three failures, then no more asking"
    );
    let error = report["ai"]["error"].as_str().unwrap();
    assert!(error.contains("HTTP 500"), "{error}");
}

#[test]
fn no_ai_and_a_server_that_is_down() {
    let server = Server::start(|req, _| openai_answer(req));
    let env = openai_env(&server, "");
    let file = env.file("october.csv", statement(&MERCHANTS, 10));
    let report = import(&env, &file, &["--no-ai"]);
    assert!(report["ai"].is_null());
    assert_eq!(report["categorized"]["uncategorized"], 8);
    assert!(server.requests().is_empty());

    // Nothing listens here: the import still lands.
    let down = TestEnv::new();
    down.write_config(
        "[ai]\nprovider = \"openai\"\nbase_url = \"http://127.0.0.1:9/v1\"\nretries = 1\n",
    );
    let file = down.file("october.csv", statement(&MERCHANTS, 10));
    let report = import(&down, &file, &[]);
    assert_eq!(report["imported"], 8, "{report}");
    assert!(
        report["ai"]["error"]
            .as_str()
            .unwrap()
            .contains("cannot connect")
    );
}

#[test]
fn keys_come_from_a_command_or_the_keyring_never_the_config_file() {
    let server = Server::start(|req, _| openai_answer(req));
    let env = TestEnv::with_keyring();
    let config = format!(
        "[ai]\nprovider = \"openai\"\nbase_url = \"{}/v1\"\n",
        server.url
    );
    env.write_config(&format!("{config}api_key = \"sk-plain\"\n"));
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("API keys are never read from config.toml"),
        "{}",
        stderr_of(&out)
    );

    env.write_config(&config);
    env.cmd()
        .args(["ai", "key", "set"])
        .write_stdin("sk-from-keyring\n")
        .assert()
        .success();
    env.add_user("alice", PASS);
    let file = env.file("october.csv", statement(&MERCHANTS[..1], 10));
    env.cmd()
        .args(["import", file.to_str().unwrap()])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .success();
    let status = env.cmd().args(["ai", "status"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&status.stdout).contains("test key store (openai)"),
        "{status:?}"
    );

    env.write_config(&format!(
        "{config}api_key_command = \"echo sk-from-command\"\n"
    ));
    let file = env.file("november.csv", statement(&MERCHANTS[1..2], 11));
    env.cmd()
        .args(["import", file.to_str().unwrap()])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .success();
    let auth: Vec<_> = server
        .requests()
        .into_iter()
        .map(|r| r.authorization.unwrap_or_default())
        .collect();
    assert_eq!(auth, ["Bearer sk-from-keyring", "Bearer sk-from-command"]);
}

/// Every piece of personal data in `fixtures/ai/personal.csv`.
const PERSONAL: &[&str] = &[
    "Hannah",
    "Whitfield",
    "Tobias",
    "Lindqvist",
    "GREGORY",
    "MCALLISTER",
    "PRIYA",
    "RAMANATHAN",
    "Verhoeven",
    "Friederike",
    "Obermaier",
    "Aurelien",
    "Chassagne",
    "ESPERANZA",
    "VILLALOBOS",
    "4539 5787 6362 1486",
    "8816",
    "NL20INGB0001234567",
    "DE44 5001 0517 5407 3249 31",
    "constance.beaumont",
    "7700 900456",
    "98765432",
    "70872490",
    "40-47-84",
    "987654321",
    "026009593",
    "219-09-9999",
    "42 Wallaby Way",
    "Ottilie",
    "Fairweather",
    "CORNELIUS",
    "ABERNATHY",
    "bartholomew",
];

#[test]
fn no_personal_data_reaches_either_provider() {
    let fixture = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ai/personal.csv"),
    )
    .unwrap();
    for secret in PERSONAL {
        assert!(fixture.contains(secret), "{secret} is not in the fixture");
    }
    // What any line would look like when sent (the AI tier redacts the same way).
    let lines: Vec<&str> = fixture
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    let out = TestEnv::new()
        .cmd()
        .arg("redact")
        .args(&lines)
        .output()
        .unwrap();
    let redacted = String::from_utf8(out.stdout).unwrap().to_lowercase();
    assert_eq!(redacted.lines().count(), lines.len());
    for secret in PERSONAL {
        assert!(
            !redacted.contains(&secret.to_lowercase()),
            "`{secret}` survives redaction: {redacted}"
        );
    }
    for provider in ["openai", "huggingface"] {
        let server = Server::start(move |req, _| {
            if provider == "openai" {
                openai_answer(req)
            } else {
                hf_answer(req)
            }
        });
        let env = TestEnv::new();
        env.write_config(&format!(
            "[ai]\nprovider = \"{provider}\"\nbase_url = \"{}\"\n",
            server.url
        ));
        let file = env.file("personal.csv", &fixture);
        let report = import(&env, &file, &[]);
        // The local tiers categorize most transfers; the rest is asked.
        let asked = report["ai"]["asked"].as_u64().unwrap();
        assert!(
            asked >= 5,
            "{provider}: only {asked} merchants asked: {report}"
        );
        let requests = server.requests();
        assert!(!requests.is_empty());
        for req in requests {
            let body = req.body.to_lowercase();
            for secret in PERSONAL {
                assert!(
                    !body.contains(&secret.to_lowercase()),
                    "{provider}: `{secret}` was sent: {}",
                    req.body
                );
            }
        }
    }
}

#[test]
fn ten_thousand_rows_of_500_merchants_ask_500_questions_once() {
    let server = Server::start(|req, _| openai_answer(req));
    let env = openai_env(&server, "");
    let merchants = invented_merchants();
    assert_eq!(merchants.len(), 500);
    let write = |name: &str, year: u32| {
        let mut s = String::from("Date,Description,Amount,Currency\n");
        for i in 0..10_000u32 {
            let m = &merchants[(i as usize * 7) % 500];
            let _ = writeln!(
                s,
                "{year}-{:02}-{:02},{m},-{}.{:02},EUR",
                1 + i % 12,
                1 + i % 28,
                1 + i % 97,
                i % 100
            );
        }
        env.file(name, s)
    };
    let report = import(&env, &write("2025.csv", 2025), &[]);
    assert_eq!(report["imported"], 10_000);
    assert_eq!(report["ai"]["merchants"], 500, "{}", report["ai"]);
    assert_eq!(report["ai"]["asked"], 500);
    assert_eq!(report["categorized"]["ai"], 10_000);
    let requests = server.requests();
    assert!(requests.len() <= 500, "{} requests", requests.len());
    let mut asked: Vec<String> = requests
        .iter()
        .flat_map(chat_items)
        .map(|(_, text)| text)
        .collect();
    assert_eq!(asked.len(), 500);
    asked.sort();
    asked.dedup();
    assert_eq!(asked.len(), 500, "each merchant asked once");

    let report = import(&env, &write("2026.csv", 2026), &[]);
    assert_eq!(report["imported"], 10_000);
    assert_eq!(report["ai"]["asked"], 0);
    assert_eq!(report["categorized"]["ai"], 10_000);
    assert_eq!(
        server.requests().len(),
        requests.len(),
        "no question the second time"
    );
}
