//! `import`, `imports`, `profiles`, `tx list`.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

use crate::common::{PASS, TestEnv, statement, stderr_of, stdout_of};

const USD: (&str, &str) = ("SMARTSPEND_IMPORT_CURRENCY", "USD");

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/csv")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn import_reads_a_bank_export_and_tx_list_shows_it() {
    let env = TestEnv::new();
    let summary = env.import_ok(&[&fixture("chase.csv")]);
    let imported = summary["imported"].as_u64().unwrap();
    assert!(imported >= 2);
    assert_eq!(summary["read"], summary["imported"]);
    assert_eq!(summary["duplicates"], 0);
    assert_eq!(summary["invalid"], 0);
    assert!(summary["import_id"].as_i64().unwrap() > 0);
    assert_eq!(summary["files"][0]["profile"], "chase");

    let out = env
        .cmd()
        .args(["tx", "list", "--json", "--limit", "1"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tx = &list[0];
    for key in [
        "id",
        "date",
        "amount",
        "currency",
        "description",
        "category",
        "source",
        "account",
    ] {
        assert!(tx.get(key).is_some(), "tx list JSON lacks `{key}`: {tx}");
    }
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(tx["currency"], "USD");
    assert_eq!(tx["account"], "Chase");
    // A category, when there is one, says where it came from.
    assert_eq!(tx["category"].is_null(), tx["source"].is_null(), "{tx}");
    let amount = tx["amount"].as_str().unwrap();
    assert!(amount.contains('.') && amount.trim_start_matches('-').parse::<f64>().is_ok());
}

#[test]
fn re_importing_a_file_adds_nothing() {
    let env = TestEnv::new();
    let csv = env.file(
        "s.csv",
        statement(&[
            ("2026-03-01", "SALARY ACME", "2500.00"),
            ("2026-03-02", "TESCO STORES 2231", "-41.20"),
            ("2026-03-03", "SHELL 7781", "-60.00"),
        ]),
    );
    let path = csv.to_str().unwrap();
    let first = env.cmd_import_usd(path);
    assert_eq!(first["imported"], 3);
    let second = env.cmd_import_usd(path);
    assert_eq!(second["imported"], 0);
    assert_eq!(second["duplicates"], 3);
    assert_eq!(env.transactions().len(), 3);
}

#[test]
fn an_overlapping_statement_adds_only_its_new_rows_and_keeps_genuine_repeats() {
    let env = TestEnv::new();
    // Two identical coffees on one day are two transactions.
    let march = env.file(
        "march.csv",
        statement(&[
            ("2026-03-01", "SALARY ACME", "2500.00"),
            ("2026-03-05", "BLUE BOTTLE COFFEE", "-4.50"),
            ("2026-03-05", "BLUE BOTTLE COFFEE", "-4.50"),
            ("2026-03-09", "RENT MARCH", "-1200.00"),
        ]),
    );
    let overlap = env.file(
        "overlap.csv",
        statement(&[
            ("2026-03-05", "BLUE BOTTLE COFFEE", "-4.50"),
            ("2026-03-05", "BLUE BOTTLE COFFEE", "-4.50"),
            ("2026-03-05", "BLUE BOTTLE COFFEE", "-4.50"),
            ("2026-03-09", "RENT MARCH", "-1200.00"),
            ("2026-03-12", "blue   bottle coffee", "-4.50"),
        ]),
    );
    let first = env.cmd_import_usd(march.to_str().unwrap());
    assert_eq!(first["imported"], 4);
    let second = env.cmd_import_usd(overlap.to_str().unwrap());
    // The third coffee of March 5 and the coffee of March 12 are new.
    assert_eq!(second["imported"], 2);
    assert_eq!(second["duplicates"], 3);
    let coffees = env
        .transactions()
        .iter()
        .filter(|t| t.2.eq_ignore_ascii_case("blue bottle coffee") && t.0 == "2026-03-05")
        .count();
    assert_eq!(coffees, 3);
}

#[test]
fn bad_rows_abort_the_import_and_are_each_named() {
    let env = TestEnv::new();
    let csv = env.file(
        "bad.csv",
        "Date,Description,Amount,Balance\n\
         2026-03-01,SALARY,2500.00,2500.00\n\
         2026-02-31,GROCER,-10.00,2490.00\n\
         2026-03-03,CAFE,-4.5x,2485.50\n\
         2026-03-04,SHORT ROW\n\
         2026-03-05,BOOKS,-12.00,2473.50\n",
    );
    let out = env.cmd_import_usd_raw(csv.to_str().unwrap(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    let name = csv.display().to_string();
    assert!(
        err.contains(&format!(
            "{name}:3: column Date: value \"2026-02-31\" is not a date in format %Y-%m-%d"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{name}:4: column Amount: value \"-4.5x\" is not a number"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}:5: has 2 fields, expected 4")),
        "{err}"
    );
    assert!(
        err.contains("3 invalid rows; nothing was imported"),
        "{err}"
    );
    assert!(
        env.transactions().is_empty(),
        "a failed import left rows behind"
    );

    // --skip-invalid imports the two good rows and still names the bad ones.
    let out = env.cmd_import_usd_raw(csv.to_str().unwrap(), &["--skip-invalid"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["imported"], 2);
    assert_eq!(v["invalid"], 3);
    assert!(stderr_of(&out).contains(&format!("skipped {name}:3:")));
    assert_eq!(env.transactions().len(), 2);
}

#[test]
fn one_bad_file_among_several_imports_nothing() {
    let env = TestEnv::new();
    let good = env.file("good.csv", statement(&[("2026-03-01", "SALARY", "10.00")]));
    let bad = env.file(
        "bad.csv",
        "Date,Description,Amount,Balance\nnope,X,1.00,1.00\n",
    );
    let out = env.cmd_import_usd_raw(good.to_str().unwrap(), &[bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(env.transactions().is_empty());
}

#[test]
fn dry_run_reports_but_writes_nothing() {
    let env = TestEnv::new();
    let csv = env.file("s.csv", statement(&[("2026-03-01", "SALARY", "10.00")]));
    let out = env.cmd_import_usd_raw(csv.to_str().unwrap(), &["--dry-run"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["imported"], 1);
    assert_eq!(v["dry_run"], true);
    assert!(v["import_id"].is_null());
    assert!(env.transactions().is_empty());
}

#[test]
fn imports_undo_removes_exactly_that_batch() {
    let env = TestEnv::new();
    let a = env.file(
        "a.csv",
        statement(&[
            ("2026-03-01", "A ONE", "-1.00"),
            ("2026-03-02", "A TWO", "-2.00"),
        ]),
    );
    let b = env.file(
        "b.csv",
        statement(&[
            ("2026-03-02", "A TWO", "-2.00"),
            ("2026-03-03", "B THREE", "-3.00"),
        ]),
    );
    let first = env.cmd_import_usd(a.to_str().unwrap());
    let second = env.cmd_import_usd(b.to_str().unwrap());
    assert_eq!(second["imported"], 1);
    let id = second["import_id"].as_i64().unwrap();
    env.cmd()
        .args(["imports", "undo", &id.to_string()])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .success()
        .stderr(predicate::str::contains("its 1 transactions"));
    let left: Vec<String> = env.transactions().into_iter().map(|t| t.2).collect();
    assert_eq!(left, ["A ONE", "A TWO"]);
    let out = env
        .cmd()
        .args(["imports", "list", "--json"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], first["import_id"]);
    env.cmd()
        .args(["imports", "undo", "999"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no import batch 999"));
}

#[test]
fn empty_binary_and_unrecognisable_files_get_clear_errors() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.csv", b"", "the file is empty"),
        ("blank.csv", b"\n\n  \n", "the file is empty"),
        (
            "photo.csv",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
            "binary file",
        ),
        (
            "notes.csv",
            b"just some words\nand more words\n",
            "matches no profile",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = env.file(name, bytes);
        let out = env.cmd_import_usd_raw(path.to_str().unwrap(), &[]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr_of(&out);
        assert!(err.contains(message), "{name}: {err}");
        assert!(
            err.contains(name),
            "{name}: the error does not name the file: {err}"
        );
    }
    env.cmd()
        .args(["import", "nope.csv"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nope.csv"));
}

#[test]
fn unsure_detection_without_a_terminal_fails_with_a_hint_and_yes_accepts() {
    let env = TestEnv::new();
    // Every day is 12 or less and the dates are in order either way: day-first or
    // month-first cannot be told.
    let csv = env.file(
        "ambiguous.csv",
        "Date,Description,Amount\n01/02/2026,GROCER,-10.00\n01/03/2026,SALARY,900.00\n02/03/2026,CAFE,-3.00\n",
    );
    let out = env.cmd_import_usd_raw(csv.to_str().unwrap(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("day-first or month-first"), "{err}");
    assert!(err.contains("smartspend profiles detect"), "{err}");
    assert!(env.transactions().is_empty());
    let out = env.cmd_import_usd_raw(csv.to_str().unwrap(), &["--yes"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(env.transactions().len(), 3);
}

#[test]
fn a_file_without_a_currency_needs_one() {
    let env = TestEnv::new();
    let csv = env.file("s.csv", statement(&[("2026-03-01", "SALARY", "10.00")]));
    let out = env.import(&[csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("SMARTSPEND_IMPORT_CURRENCY"));
}

#[test]
fn profiles_list_show_and_detect() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["profiles", "list", "--json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "chase")
    );
    env.cmd()
        .args(["profiles", "show", "chase"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[columns]"));
    let csv = env.file(
        "eu.csv",
        "Kontoauszug\nKonto;DE00 1234\n\nDatum;Text;Betrag;Saldo\n\
         03.01.2026;MIETE JANUAR;-850,00;1.150,00\n\
         15.01.2026;GEHALT ACME GMBH;2.400,00;3.550,00\n\
         20.01.2026;REWE SAGT DANKE;-45,10;3.504,90\n",
    );
    let out = env
        .cmd()
        .args(["profiles", "detect", csv.to_str().unwrap()])
        .env("SMARTSPEND_IMPORT_CURRENCY", "EUR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("delimiter = \";\""), "{text}");
    assert!(text.contains("skip_lines = 3"), "{text}");
    assert!(text.contains("decimal = \",\""), "{text}");
    assert!(text.contains("%d.%m.%Y"), "{text}");
    // The detected profile, saved as a user profile, imports the file.
    let dir = env.home().join("profiles");
    fs::create_dir_all(&dir).unwrap();
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(dir.join("my-bank.toml"), body).unwrap();
    let v = env.import_ok(&[csv.to_str().unwrap(), "--profile", "my-bank"]);
    assert_eq!(v["imported"], 3);
    let tx = env.transactions();
    assert_eq!(
        tx[1],
        ("2026-01-15".into(), 240000, "GEHALT ACME GMBH".into())
    );
}

#[test]
fn an_import_killed_midway_leaves_the_ledger_as_it_was() {
    let env = TestEnv::new();
    let small = env.file(
        "small.csv",
        statement(&[("2026-01-01", "SALARY", "100.00")]),
    );
    env.cmd_import_usd(small.to_str().unwrap());
    // A large file, so that the import is still running when it is killed.
    let mut big = String::from("Date,Description,Amount,Balance\n");
    for i in 0..400_000u32 {
        let day = 1 + i % 28;
        big.push_str(&format!(
            "2025-{:02}-{day:02},SHOP {i},-1.{:02},0.00\n",
            1 + (i / 28) % 12,
            i % 100
        ));
    }
    let path = env.file("big.csv", big);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("smartspend"))
        .args(["import", path.to_str().unwrap(), "--yes"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("SMARTSPEND_HOME", env.home())
        .env("SMARTSPEND_KEYRING", "off")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .env(USD.0, USD.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let size = |name: &str| {
        fs::metadata(env.user_dir("alice").join(name))
            .map(|m| m.len())
            .unwrap_or(0)
    };
    let before = size("ledger.db");
    let start = std::time::Instant::now();
    // Wait until the import has written a good part of its rows: into the write-ahead
    // log, or (a large import uses a rollback journal) into the ledger itself.
    while size("ledger.db-wal") < 4 << 20 && size("ledger.db") < before + (4 << 20) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it could be killed"
        );
        assert!(start.elapsed().as_secs() < 120, "the import wrote nothing");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import ended before it could be killed"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let ledger = env.open_ledger("alice", PASS);
    let check: String = ledger
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let counts: (i64, i64) = ledger
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM transactions), (SELECT count(*) FROM imports)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(counts, (1, 1), "the killed import left rows behind");
    drop(ledger);
    // The next import works.
    let again = env.file("again.csv", statement(&[("2026-01-02", "CAFE", "-3.00")]));
    let v = env.cmd_import_usd(again.to_str().unwrap());
    assert_eq!(v["imported"], 1);
}

#[test]
fn tx_list_is_newest_first_and_respects_limit() {
    let env = TestEnv::new();
    let csv = env.file(
        "s.csv",
        statement(&[
            ("2026-03-02", "SECOND", "-2.00"),
            ("2026-03-01", "FIRST", "-1.00"),
            ("2026-03-03", "THIRD", "-3.00"),
        ]),
    );
    env.cmd_import_usd(csv.to_str().unwrap());
    let out = env
        .cmd()
        .args(["tx", "list", "--json"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let descs: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["description"].as_str().unwrap())
        .collect();
    assert_eq!(descs, ["THIRD", "SECOND", "FIRST"]);
    assert_eq!(list[0]["amount"], "-3.00");
    env.cmd()
        .args(["tx", "list", "--limit", "1"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .success()
        .stdout(predicate::str::contains("THIRD").and(predicate::str::contains("FIRST").not()));
}

impl TestEnv {
    fn cmd_import_usd_raw(&self, file: &str, extra: &[&str]) -> std::process::Output {
        if !self.user_dir("alice").exists() {
            self.add_user("alice", PASS);
        }
        self.cmd()
            .arg("import")
            .arg(file)
            .args(extra)
            .arg("--json")
            .env("SMARTSPEND_PASSPHRASE", PASS)
            .env(USD.0, USD.1)
            .output()
            .unwrap()
    }

    fn cmd_import_usd(&self, file: &str) -> serde_json::Value {
        let out = self.cmd_import_usd_raw(file, &[]);
        assert!(out.status.success(), "import failed: {}", stderr_of(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}
