//! `smartspend tx list | show | add | edit | delete`.

use crate::common::{PASS, TestEnv, stderr_of};

const STATEMENT: &str = "Date,Description,Amount,Currency
2026-02-27,RENT FEBRUARY LANDLORD,-950.00,EUR
2026-03-01,ALBERT HEIJN 1234 AMSTERDAM,-23.10,EUR
2026-03-02,ZORBLAX QUIBBLE,-5.00,EUR
2026-03-05,ACME SALARY MARCH,2500.00,EUR
2026-03-09,Café Blauw,-4.50,EUR
2026-03-20,ALBERT HEIJN 99 UTRECHT,-61.35,EUR
2026-04-02,ZORBLAX QUIBBLE,-7.25,EUR
";

fn setup() -> TestEnv {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let file = env.file("bank.csv", STATEMENT);
    let out = run(
        &env,
        &["import", file.to_str().unwrap(), "--account", "bank"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    env
}

const TODAY: &str = "2026-04-15";

fn run(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.run_on(TODAY, args)
}

fn ok(env: &TestEnv, args: &[&str]) -> String {
    env.ok_on(TODAY, args)
}

fn list(env: &TestEnv, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["tx", "list", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str::<Vec<serde_json::Value>>(&ok(env, &all)).unwrap()
}

fn descriptions(rows: &[serde_json::Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["description"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_json_has_the_public_fields() {
    let env = setup();
    let rows = list(&env, &["--limit", "1"]);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    for field in [
        "id",
        "date",
        "amount",
        "currency",
        "description",
        "category",
        "source",
        "account",
    ] {
        assert!(r.get(field).is_some(), "{field} in {r}");
    }
    assert_eq!(r["date"], "2026-04-02");
    assert_eq!(r["amount"], "-7.25");
    assert_eq!(r["currency"], "EUR");
    assert_eq!(r["account"], "bank");
    assert!(r["category"].is_null() && r["source"].is_null(), "{r}");
}

#[test]
fn list_filters_narrow_and_combine() {
    let env = setup();
    let march = list(&env, &["--month", "2026-03"]);
    assert_eq!(march.len(), 5);
    assert!(
        march
            .iter()
            .all(|r| r["date"].as_str().unwrap().starts_with("2026-03"))
    );
    // Relative to "today" (2026-04-15): last month is March.
    assert_eq!(list(&env, &["--month", "last"]).len(), 5);
    assert_eq!(
        descriptions(&list(&env, &["--from", "2026-03-02", "--to", "2026-03-05"])),
        ["ACME SALARY MARCH", "ZORBLAX QUIBBLE"]
    );
    assert_eq!(list(&env, &["--account", "bank"]).len(), 7);
    assert_eq!(
        descriptions(&list(&env, &["--category", "groceries"])),
        ["ALBERT HEIJN 99 UTRECHT", "ALBERT HEIJN 1234 AMSTERDAM"]
    );
    assert_eq!(
        descriptions(&list(&env, &["--uncategorized"])),
        ["ZORBLAX QUIBBLE", "ZORBLAX QUIBBLE"]
    );
    assert_eq!(list(&env, &["--source", "none"]).len(), 2);
    assert_eq!(list(&env, &["--source", "lexicon"]).len(), 5);
    // Amount bounds are sizes, money in or out alike.
    assert_eq!(
        descriptions(&list(&env, &["--min", "100"])),
        ["ACME SALARY MARCH", "RENT FEBRUARY LANDLORD"]
    );
    assert_eq!(
        descriptions(&list(&env, &["--min", "5", "--max", "23.10"])),
        [
            "ZORBLAX QUIBBLE",
            "ZORBLAX QUIBBLE",
            "ALBERT HEIJN 1234 AMSTERDAM"
        ]
    );
    // Any case, accents as written, also in the merchant key.
    assert_eq!(
        descriptions(&list(&env, &["--search", "café"])),
        ["Café Blauw"]
    );
    assert_eq!(list(&env, &["--search", "albert heijn"]).len(), 2);
    assert_eq!(
        list(&env, &["--search", "100%_"]).len(),
        0,
        "LIKE wildcards are literal"
    );
    assert_eq!(
        descriptions(&list(&env, &["--sort", "amount", "--limit", "2"])),
        ["ACME SALARY MARCH", "RENT FEBRUARY LANDLORD"]
    );
    assert_eq!(
        descriptions(&list(
            &env,
            &["--sort", "date", "--reverse", "--limit", "1"]
        )),
        ["RENT FEBRUARY LANDLORD"]
    );
    assert_eq!(
        descriptions(&list(
            &env,
            &[
                "--month",
                "2026-03",
                "--category",
                "Groceries",
                "--min",
                "50"
            ]
        )),
        ["ALBERT HEIJN 99 UTRECHT"]
    );
}

#[test]
fn list_says_what_is_wrong_with_a_filter() {
    let env = setup();
    for (args, says) in [
        (&["--month", "2026-3"][..], "is not a month"),
        (&["--from", "03/01/2026"][..], "is not a date"),
        (
            &["--account", "nope"][..],
            "no account `nope`; the accounts are: bank",
        ),
        (&["--category", "Nope"][..], "no category `Nope`"),
        (&["--min", "ten"][..], "--min `ten`"),
    ] {
        let mut all = vec!["tx", "list"];
        all.extend_from_slice(args);
        let out = run(&env, &all);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr_of(&out).contains(says),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn list_as_csv_and_as_a_coloured_table() {
    let env = setup();
    let csv = ok(&env, &["tx", "list", "--csv", "--limit", "2"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,date,amount,currency,description,category,source,account,note")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .contains(",2026-04-02,-7.25,EUR,ZORBLAX QUIBBLE,,,bank,")
    );
    let plain = ok(&env, &["tx", "list"]);
    assert!(!plain.contains('\u{1b}'), "NO_COLOR is respected");
    let coloured = ok(&env, &["tx", "list", "--color", "always"]);
    assert!(coloured.contains("\u{1b}[38;5;9m"), "money out in red");
    assert!(coloured.contains("\u{1b}[38;5;10m"), "money in in green");
}

#[test]
fn show_tells_everything_and_why() {
    let env = setup();
    let rows = list(&env, &["--search", "utrecht"]);
    let id = rows[0]["id"].to_string();
    let out = ok(&env, &["tx", "show", &id]);
    for part in [
        "ALBERT HEIJN 99 UTRECHT",
        "albert heijn utrecht",
        "Groceries",
        "the built-in lexicon, 90% sure",
        "import 1 (bank.csv)",
        "2026-03-20,ALBERT HEIJN 99 UTRECHT,-61.35,EUR",
    ] {
        assert!(out.contains(part), "{part} in {out}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&ok(&env, &["tx", "show", &id, "--json"])).unwrap();
    assert_eq!(json["merchant_key"], "albert heijn utrecht");
    assert_eq!(json["category"], "Groceries");
    let out = run(&env, &["tx", "show", "999"]);
    assert!(stderr_of(&out).contains("there is no transaction 999"));
}

#[test]
fn add_edit_and_delete_by_hand() {
    let env = setup();
    // A cash account takes its currency from --currency, then keeps it.
    let out = run(
        &env,
        &[
            "tx",
            "add",
            "Farmers market",
            "--amount",
            "-12.40",
            "--currency",
            "eur",
            "--note",
            "veg",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("2026-04-15 -12.40 EUR Farmers market (Groceries"));
    let out = run(
        &env,
        &[
            "tx",
            "add",
            "Pocket money",
            "--amount=-20",
            "--date",
            "2026-04-01",
            "--category",
            "Gifts/Donations",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let cash = list(&env, &["--account", "cash", "--sort", "id"]);
    assert_eq!(descriptions(&cash), ["Farmers market", "Pocket money"]);
    assert_eq!(cash[0]["note"], "veg");
    assert_eq!(cash[1]["category"], "Gifts/Donations");
    assert_eq!(cash[1]["source"], "manual");
    assert_eq!(cash[1]["currency"], "EUR");

    // Editing the description re-keys and re-categorizes; a hand-set category stays.
    let id = cash[0]["id"].to_string();
    ok(
        &env,
        &[
            "tx",
            "edit",
            &id,
            "--description",
            "Apotheke am Markt",
            "--amount",
            "-8",
        ],
    );
    let row = &list(&env, &["--search", "apotheke"])[0];
    assert_eq!(row["amount"], "-8.00");
    assert_eq!(row["category"], "Health");
    ok(
        &env,
        &["tx", "edit", &id, "--category", "Shopping", "--note", ""],
    );
    ok(
        &env,
        &["tx", "edit", &id, "--description", "Bakkerij Jansen"],
    );
    let row = &list(&env, &["--search", "bakkerij"])[0];
    assert_eq!(
        (&row["category"], &row["source"]),
        (&"Shopping".into(), &"manual".into())
    );
    assert!(row["note"].is_null());
    let out = run(&env, &["tx", "edit", &id]);
    assert!(stderr_of(&out).contains("nothing to change"));
    let out = run(&env, &["tx", "edit", &id, "--date", "2026-02-30"]);
    assert!(stderr_of(&out).contains("is not a date"));

    // Deleting asks, and without a terminal says to use --yes.
    let out = run(&env, &["tx", "delete", &id]);
    assert!(!out.status.success());
    assert!(stderr_of(&out).contains("--yes"));
    assert_eq!(list(&env, &["--account", "cash"]).len(), 2);
    ok(&env, &["tx", "delete", &id, "--yes"]);
    assert_eq!(
        descriptions(&list(&env, &["--account", "cash"])),
        ["Pocket money"]
    );
    let out = run(&env, &["tx", "delete", &id, "--yes"]);
    assert!(stderr_of(&out).contains(&format!("there is no transaction {id}")));
}

#[test]
fn a_deleted_imported_row_stays_deleted_on_reimport() {
    let env = setup();
    let rows = list(&env, &["--search", "utrecht"]);
    let id = rows[0]["id"].to_string();
    ok(&env, &["tx", "delete", &id, "--yes"]);
    let file = env.file("again.csv", STATEMENT);
    let out = run(
        &env,
        &[
            "import",
            file.to_str().unwrap(),
            "--account",
            "bank",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["imported"], 0, "{summary}");
    assert!(list(&env, &["--search", "utrecht"]).is_empty());
    // Undoing an import forgets its rows without remembering them: a re-import brings
    // them back, all but the one deleted by hand.
    ok(&env, &["imports", "undo", "1"]);
    let out = run(
        &env,
        &[
            "import",
            file.to_str().unwrap(),
            "--account",
            "bank",
            "--json",
        ],
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["imported"], 6, "{summary}");
}

#[test]
fn a_new_account_without_currency_asks_for_one() {
    let env = setup();
    let out = run(
        &env,
        &[
            "tx",
            "add",
            "Coffee",
            "--amount",
            "-3",
            "--account",
            "wallet",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("--currency"),
        "{}",
        stderr_of(&out)
    );
    assert!(
        list(&env, &["--search", "coffee"]).is_empty(),
        "nothing half-written"
    );
}
