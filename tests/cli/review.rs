//! `smartspend review`, driven through a real pseudo-terminal with keystrokes.

use rexpect::session::{PtySession, spawn_command};

use crate::common::{PASS, TestEnv, stderr_of};

const STATEMENT: &str = "Date,Description,Amount,Currency
2026-03-01,ZORBLAX 1001 SPRINGFIELD,-12.00,USD
2026-03-08,ZORBLAX 1001 SPRINGFIELD,-14.50,USD
2026-03-15,ZORBLAX 1001 SPRINGFIELD,-9.99,USD
2026-03-03,QUUXCO,-40.00,USD
2026-03-17,QUUXCO,-41.00,USD
2026-03-20,FLIMFLAM,-5.00,USD
2026-03-21,ZORBLAX,-3.00,USD
";

fn setup() -> TestEnv {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let file = env.file("march.csv", STATEMENT);
    let out = env
        .cmd()
        .args(["import", file.to_str().unwrap()])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    env
}

fn review(env: &TestEnv) -> PtySession {
    let mut cmd = env.std_cmd();
    cmd.arg("review").env("SMARTSPEND_PASSPHRASE", PASS);
    spawn_command(cmd, Some(20_000)).unwrap()
}

/// Types into the fuzzy list and takes the best match.
fn pick(p: &mut PtySession, text: &str) {
    p.send(text).unwrap();
    p.flush().unwrap();
    // Let the list filter before Enter.
    std::thread::sleep(std::time::Duration::from_millis(150));
    p.send("\r").unwrap();
    p.flush().unwrap();
}

/// (description, category, source) of every transaction, in date order.
fn ledger_rows(env: &TestEnv) -> Vec<(String, Option<String>, Option<String>)> {
    let ledger = env.open_ledger("alice", PASS);
    let mut stmt = ledger
        .conn()
        .prepare(
            "SELECT t.description, c.name, t.category_source FROM transactions t
             LEFT JOIN categories c ON c.id = t.category_id ORDER BY t.date, t.id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn rules(env: &TestEnv) -> Vec<(String, String)> {
    let ledger = env.open_ledger("alice", PASS);
    let mut stmt = ledger
        .conn()
        .prepare(
            "SELECT r.pattern, c.name FROM rules r JOIN categories c ON c.id = r.category_id
             ORDER BY r.pattern",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// `category/source` of the transactions whose description starts with `what`, sorted.
fn category_of(rows: &[(String, Option<String>, Option<String>)], what: &str) -> Vec<String> {
    let mut v: Vec<String> = rows
        .iter()
        .filter(|r| r.0.starts_with(what))
        .map(|r| {
            format!(
                "{}/{}",
                r.1.as_deref().unwrap_or("-"),
                r.2.as_deref().unwrap_or("-")
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn answers_apply_to_the_merchant_make_rules_and_can_be_taken_back() {
    let env = setup();
    let mut p = review(&env);
    p.exp_string("1/4 merchants, 7 transactions left").unwrap();
    p.exp_string("zorblax springfield: 3 transactions, -36.49 USD")
        .unwrap();
    p.exp_string("Category for").unwrap();
    pick(&mut p, "Groceries");
    p.exp_string("3 transactions of `zorblax springfield` are Groceries")
        .unwrap();
    p.exp_string("2/4 merchants, 4 transactions left").unwrap();
    p.exp_string("Category for").unwrap();
    pick(&mut p, "Dining");
    p.exp_string("are Dining").unwrap();
    p.exp_string("3/4 merchants").unwrap();
    p.exp_string("Category for").unwrap();
    // Go back one step: the Dining answer is taken back and QUUXCO asked again.
    pick(&mut p, "[back]");
    p.exp_string("took back: `quuxco` is not Dining").unwrap();
    p.exp_string("2/4 merchants").unwrap();
    p.exp_string("Category for").unwrap();
    pick(&mut p, "Shopping");
    p.exp_string("are Shopping").unwrap();
    p.exp_string("3/4 merchants").unwrap();
    p.exp_string("flimflam").unwrap();
    p.exp_string("Category for").unwrap();
    pick(&mut p, "[skip]");
    // Another spelling of the first merchant: what was just learned is the guess, and
    // Enter takes it.
    p.exp_string("4/4 merchants").unwrap();
    p.exp_string("guess: Groceries (learned").unwrap();
    p.exp_string("Category for").unwrap();
    pick(&mut p, "");
    p.exp_string("1 transaction of `zorblax` is Groceries")
        .unwrap();
    p.exp_string("reviewed 3 merchants (6 transactions); 1 merchant left to review")
        .unwrap();
    p.exp_eof().unwrap();

    let rows = ledger_rows(&env);
    assert_eq!(
        category_of(&rows, "ZORBLAX"),
        [
            "Groceries/manual",
            "Groceries/manual",
            "Groceries/rule",
            "Groceries/rule"
        ]
    );
    assert_eq!(
        category_of(&rows, "QUUXCO"),
        ["Shopping/manual", "Shopping/rule"]
    );
    assert_eq!(category_of(&rows, "FLIMFLAM"), ["-/-"]);
    assert_eq!(
        rules(&env),
        [
            ("quuxco".to_string(), "Shopping".to_string()),
            ("zorblax".to_string(), "Groceries".to_string()),
            ("zorblax springfield".to_string(), "Groceries".to_string())
        ]
    );
}

#[test]
fn what_was_answered_stays_after_ctrl_c_and_new_categories_can_be_made() {
    let env = setup();
    let mut p = review(&env);
    p.exp_string("Category for").unwrap();
    pick(&mut p, "[new category]");
    p.exp_string("New category name").unwrap();
    p.send_line("Pets").unwrap();
    p.exp_string("3 transactions of `zorblax springfield` are Pets")
        .unwrap();
    p.exp_string("2/4 merchants").unwrap();
    p.exp_string("Category for").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("every answer given so far is saved").unwrap();
    p.exp_eof().unwrap();

    let rows = ledger_rows(&env);
    // The other spelling (`ZORBLAX`) moved with the answer, by what the model learned.
    assert_eq!(
        category_of(&rows, "ZORBLAX"),
        ["Pets/learned", "Pets/manual", "Pets/rule", "Pets/rule"]
    );
    assert_eq!(category_of(&rows, "QUUXCO"), ["-/-", "-/-"]);
    assert_eq!(
        rules(&env),
        [("zorblax springfield".to_string(), "Pets".to_string())]
    );
}

#[test]
fn review_without_a_terminal_points_at_the_other_commands() {
    let env = setup();
    let out = env
        .cmd()
        .arg("review")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("needs a terminal") && err.contains("tx categorize ID CATEGORY"),
        "{err}"
    );
    // Nothing was changed.
    assert!(ledger_rows(&env).iter().all(|r| r.1.is_none()));
}

#[test]
fn an_answer_moves_other_spellings_and_back_takes_them_back_too() {
    use smartspend::categorize::review::{self, ReviewFilter};
    let env = setup();
    let mut ledger = env.open_ledger("alice", PASS);
    let tx = ledger.write().unwrap();
    let state = |conn: &rusqlite::Connection| -> Vec<(String, Option<String>)> {
        let mut stmt = conn
            .prepare(
                "SELECT t.description, t.category_source FROM transactions t
                 WHERE t.description LIKE 'ZORBLAX%' ORDER BY t.id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let before = state(&tx);
    let filter = ReviewFilter {
        account_id: None,
        from: None,
        to: None,
    };
    let groups = review::groups(&tx, &filter, 0.6).unwrap();
    let springfield = groups
        .iter()
        .find(|g| g.merchant_key == "zorblax springfield")
        .unwrap();
    let answer = review::answer(&tx, springfield, "Groceries", false, 0.6).unwrap();
    let after = state(&tx);
    assert_eq!(
        after.last().unwrap().1.as_deref(),
        Some("learned"),
        "the other spelling moved with the answer: {after:?}"
    );
    review::undo(&tx, &answer).unwrap();
    assert_eq!(state(&tx), before);
}
