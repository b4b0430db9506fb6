//! Categories, rules, corrections and the categorize command.

use predicates::prelude::*;

use crate::common::{PASS, TestEnv, statement, stderr_of, stdout_of};

fn run(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd()
        .args(args)
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .env("SMARTSPEND_IMPORT_CURRENCY", "USD")
        .output()
        .unwrap()
}

fn ok(env: &TestEnv, args: &[&str]) -> String {
    let out = run(env, args);
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    format!("{}{}", stdout_of(&out), stderr_of(&out))
}

fn json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let out = run(env, args);
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (id, description, category, source) of every transaction, by id.
fn categorized(env: &TestEnv) -> Vec<(i64, String, Option<String>, Option<String>)> {
    let v = json(env, &["tx", "list", "--json"]);
    let mut rows: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_i64().unwrap(),
                t["description"].as_str().unwrap().to_string(),
                t["category"].as_str().map(String::from),
                t["source"].as_str().map(String::from),
            )
        })
        .collect();
    rows.sort();
    rows
}

fn import(env: &TestEnv, rows: &[(&str, &str, &str)], name: &str) -> serde_json::Value {
    let file = env.file(name, statement(rows));
    let out = env
        .cmd()
        .args(["import", file.to_str().unwrap(), "--json"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .env("SMARTSPEND_IMPORT_CURRENCY", "USD")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_correction_becomes_a_rule_for_the_past_and_the_future() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    import(
        &env,
        &[
            ("2026-03-01", "SQ *NOVA LUMEN BALTIMORE MD", "-21.40"),
            ("2026-03-08", "SQ *NOVA LUMEN", "-18.00"),
            ("2026-03-09", "POS NOVA LUMEN #12 BALTIMORE MD", "-25.10"),
            ("2026-03-10", "ZZQX QUIBBLE 4411", "-9.99"),
        ],
        "march.csv",
    );
    let before = categorized(&env);
    assert!(before.iter().all(|t| t.2.is_none()), "{before:?}");
    let out = ok(
        &env,
        &["tx", "categorize", &before[0].0.to_string(), "Dining"],
    );
    assert!(out.contains("moved 2 other transactions"), "{out}");
    let after = categorized(&env);
    assert_eq!(after[0].2.as_deref(), Some("Dining"));
    assert_eq!(after[0].3.as_deref(), Some("manual"));
    for t in &after[1..3] {
        assert_eq!(
            (t.2.as_deref(), t.3.as_deref()),
            (Some("Dining"), Some("rule")),
            "{t:?}"
        );
    }
    assert_eq!(after[3].2, None, "another merchant is untouched");

    // The rule is there, and the next import uses it.
    let rules = json(&env, &["rules", "list", "--json"]);
    assert_eq!(rules[0]["match"], "merchant");
    assert_eq!(rules[0]["pattern"], "nova lumen");
    assert_eq!(rules[0]["origin"], "correction");
    let summary = import(
        &env,
        &[("2026-04-02", "SQ *NOVA LUMEN", "-30.00")],
        "april.csv",
    );
    assert_eq!(summary["categorized"]["rule"], 1);
    let last = categorized(&env).pop().unwrap();
    assert_eq!(
        (last.2.as_deref(), last.3.as_deref()),
        (Some("Dining"), Some("rule"))
    );

    // Another spelling of the corrected merchant is known to the model.
    let summary = import(
        &env,
        &[("2026-04-03", "NOVA LUMEN EVENTS LTD BALTIMORE", "-45.00")],
        "april-2.csv",
    );
    assert_eq!(summary["categorized"]["learned"], 1, "{summary}");
    let last = categorized(&env).pop().unwrap();
    assert_eq!(
        (last.2.as_deref(), last.3.as_deref()),
        (Some("Dining"), Some("learned"))
    );

    // Correcting again updates the same rule rather than adding another.
    ok(
        &env,
        &[
            "tx",
            "categorize",
            &before[1].0.to_string(),
            "Entertainment",
        ],
    );
    let rules = json(&env, &["rules", "list", "--json"]);
    assert_eq!(rules.as_array().unwrap().len(), 1);
    assert_eq!(rules[0]["category"], "Entertainment");
    let now = categorized(&env);
    assert_eq!(
        now[0].2.as_deref(),
        Some("Dining"),
        "a hand-set category stays"
    );
    assert_eq!(now[2].2.as_deref(), Some("Entertainment"));
}

#[test]
fn a_new_user_sees_well_known_merchants_and_trade_words_categorized() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let summary = import(
        &env,
        &[
            ("2026-03-01", "NETFLIX.COM 866-579-7172 CA", "-15.49"),
            (
                "2026-03-02",
                "Kartenzahlung Zahnarztpraxis Dr. Weber Koeln",
                "-80.00",
            ),
            (
                "2026-03-03",
                "ONLINE TRANSFER TO PETER KOWALSKI REF #IB0M9GWQMKM RENT AUG",
                "-1200.00",
            ),
            (
                "2026-03-04",
                "Zelle payment to Maria Lopez JPM99b7k2xq4",
                "-40.00",
            ),
            ("2026-03-05", "ACME QUIBBLE SALARY MARCH", "2500.00"),
            ("2026-03-06", "ACME QUIBBLE SALARY ADVANCE", "-300.00"),
        ],
        "march.csv",
    );
    assert_eq!(summary["categorized"]["lexicon"], 5, "{summary}");
    let got: Vec<Option<String>> = categorized(&env).into_iter().map(|t| t.2).collect();
    let want = [
        Some("Subscriptions"),
        Some("Health"),
        Some("Rent/Mortgage"),
        Some("Transfers"),
        Some("Income"),
        // Pay words say nothing about money going out.
        None,
    ];
    assert_eq!(got, want.map(|w| w.map(String::from)));
}

#[test]
fn hand_set_categories_never_change_and_no_rule_corrects_one() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    import(
        &env,
        &[
            ("2026-03-01", "CORNER SHOP 1", "-5.00"),
            ("2026-03-02", "CORNER SHOP 2", "-6.00"),
        ],
        "s.csv",
    );
    let ids: Vec<i64> = categorized(&env).iter().map(|t| t.0).collect();
    ok(
        &env,
        &[
            "tx",
            "categorize",
            &ids[0].to_string(),
            "Gifts/Donations",
            "--no-rule",
        ],
    );
    assert_eq!(
        json(&env, &["rules", "list", "--json"]),
        serde_json::json!([])
    );
    ok(&env, &["rules", "add", "corner shop", "Groceries"]);
    ok(&env, &["categorize", "--all"]);
    let t = categorized(&env);
    assert_eq!(t[0].2.as_deref(), Some("Gifts/Donations"));
    assert_eq!(t[1].2.as_deref(), Some("Groceries"));
}

#[test]
fn rules_with_conditions_export_and_import() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    import(
        &env,
        &[
            ("2026-03-01", "AMAZON MARKETPLACE", "-250.00"),
            ("2026-03-02", "AMAZON MARKETPLACE", "-12.00"),
            ("2026-03-03", "AMAZON MARKETPLACE REFUND", "12.00"),
        ],
        "s.csv",
    );
    ok(
        &env,
        &[
            "rules",
            "add",
            "amazon",
            "Home",
            "--amount-min",
            "100",
            "--priority",
            "5",
        ],
    );
    ok(
        &env,
        &[
            "rules",
            "add",
            "amazon",
            "Shopping",
            "--direction",
            "in",
            "--word",
        ],
    );
    let t = categorized(&env);
    assert_eq!(t[0].2.as_deref(), Some("Home"));
    assert_eq!(t[2].2.as_deref(), Some("Shopping"));
    assert_ne!(t[1].2.as_deref(), Some("Home"), "below the amount");

    let exported = ok(&env, &["rules", "export"]);
    assert!(exported.contains("amount_min = \"100.00\""), "{exported}");
    let file = env.file("rules.toml", &exported);
    let other = TestEnv::new();
    other.add_user("alice", PASS);
    let out = ok(&other, &["rules", "import", file.to_str().unwrap()]);
    assert!(out.contains("imported 2 rules"), "{out}");
    let out = ok(&other, &["rules", "import", file.to_str().unwrap()]);
    assert!(out.contains("imported 0 rules (2 already there)"), "{out}");
    assert_eq!(
        json(&other, &["rules", "list", "--json"]),
        json(&env, &["rules", "list", "--json"])
    );

    let bad = env.file(
        "bad.toml",
        "[[rule]]\npattern = \"x\"\ncategory = \"Nope\"\n",
    );
    let out = run(&env, &["rules", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("no category `Nope`"));
    let out = run(&env, &["rules", "add", "(broken", "Home", "--regex"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("bad regex"), "{}", stderr_of(&out));
    assert_eq!(
        json(&env, &["rules", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn rules_test_explains_the_decision() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    ok(&env, &["rules", "add", "coffee", "Dining"]);
    ok(
        &env,
        &[
            "rules",
            "add",
            "blue bottle",
            "Groceries",
            "--priority",
            "3",
        ],
    );
    let out = ok(
        &env,
        &["rules", "test", "TST* BLUE BOTTLE COFFEE OAKLAND CA"],
    );
    assert!(out.contains("blue bottle coffee"), "merchant key: {out}");
    assert!(
        out.contains("`blue bottle` (substring) -> Groceries"),
        "{out}"
    );
    assert!(out.contains("also matches"), "{out}");
    assert!(out.contains("Groceries (by rule"), "{out}");
    let out = ok(&env, &["rules", "test", "NETFLIX.COM 866-579-7172"]);
    assert!(
        out.contains("lexicon") && out.contains("Subscriptions"),
        "{out}"
    );
    assert!(out.contains("not asked about this merchant"), "{out}");
    // A remote AI's cached answer for the merchant shows too.
    {
        let ledger = env.open_ledger("alice", PASS);
        ledger
            .conn()
            .execute(
                "INSERT INTO ai_cache (merchant_key, provider, model, category, confidence)
                 VALUES ('corner deli', 'openai', 'gpt-test', 'Dining', 0.83)",
                [],
            )
            .unwrap();
    }
    let out = ok(&env, &["rules", "test", "CORNER DELI 0042"]);
    assert!(
        out.contains("Dining (83% sure), cached from openai gpt-test"),
        "{out}"
    );
}

#[test]
fn categories_add_rename_and_remove_with_their_transactions() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    import(&env, &[("2026-03-01", "VET CLINIC 12", "-80.00")], "s.csv");
    ok(&env, &["categories", "add", "Pets"]);
    let out = run(&env, &["categories", "add", "pets"]);
    assert_eq!(out.status.code(), Some(1), "names are case-insensitive");
    let id = categorized(&env)[0].0.to_string();
    ok(&env, &["tx", "categorize", &id, "Pets"]);
    ok(&env, &["categories", "rename", "Pets", "Animals"]);
    assert_eq!(categorized(&env)[0].2.as_deref(), Some("Animals"));
    assert_eq!(
        json(&env, &["rules", "list", "--json"])[0]["category"],
        "Animals"
    );
    env.cmd()
        .args(["categories", "remove", "Animals"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--move-to"));
    ok(
        &env,
        &["categories", "remove", "Animals", "--move-to", "Health"],
    );
    assert_eq!(categorized(&env)[0].2.as_deref(), Some("Health"));
    assert_eq!(
        json(&env, &["rules", "list", "--json"])[0]["category"],
        "Health"
    );
    ok(&env, &["categories", "remove", "Health", "--uncategorize"]);
    assert_eq!(categorized(&env)[0].2, None);
    assert_eq!(
        json(&env, &["rules", "list", "--json"]),
        serde_json::json!([])
    );
    let names: Vec<String> = json(&env, &["categories", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert!(!names.contains(&"Health".to_string()) && names.contains(&"Groceries".to_string()));
}

#[test]
fn categorize_dry_run_shows_and_changes_nothing() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    import(
        &env,
        &[("2026-03-01", "ACME QUARTERLY", "2000.00")],
        "s.csv",
    );
    // A rule added straight into the ledger, behind the commands' backs.
    {
        let ledger = env.open_ledger("alice", PASS);
        ledger
            .conn()
            .execute(
                "INSERT INTO rules (pattern, match_kind, category_id)
                 SELECT 'quarterly', 'word', id FROM categories WHERE name = 'Income'",
                [],
            )
            .unwrap();
        ledger.close().unwrap();
    }
    let changes = json(&env, &["categorize", "--dry-run", "--json"]);
    assert_eq!(changes[0]["to"], "Income");
    assert_eq!(categorized(&env)[0].2, None);
    ok(&env, &["categorize"]);
    assert_eq!(categorized(&env)[0].2.as_deref(), Some("Income"));
}

#[test]
fn a_correction_moves_the_merchant_under_its_other_spellings_too() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    import(
        &env,
        &[
            ("2026-03-01", "PURE GYM GLASGOW", "-19.99"),
            ("2026-03-02", "PureGym Ltd Direct Debit", "-19.99"),
            ("2026-03-03", "PUREGYM (Apple Pay)", "-19.99"),
            ("2026-03-04", "GLASGOW CITY PARKING", "-4.00"),
        ],
        "march.csv",
    );
    let before = categorized(&env);
    let out = ok(
        &env,
        &["tx", "categorize", &before[0].0.to_string(), "Health"],
    );
    assert!(out.contains("moved 2 other transactions"), "{out}");
    let after = categorized(&env);
    for t in &after[..3] {
        assert_eq!(t.2.as_deref(), Some("Health"), "{t:?}");
    }
    assert_ne!(after[3].2.as_deref(), Some("Health"), "{:?}", after[3]);
    // A spelling with a correction of its own follows that one, not the first.
    ok(
        &env,
        &["tx", "categorize", &after[2].0.to_string(), "Subscriptions"],
    );
    ok(
        &env,
        &["tx", "categorize", &after[0].0.to_string(), "Entertainment"],
    );
    let last: Vec<_> = categorized(&env).into_iter().map(|t| t.2).collect();
    assert_eq!(
        last[..3],
        [
            Some("Entertainment".to_string()),
            Some("Subscriptions".to_string()),
            Some("Subscriptions".to_string())
        ]
    );
}
