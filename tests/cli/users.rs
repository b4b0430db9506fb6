//! Users, unlocking, settings and the encrypted ledger.

use std::fs;

use crate::common::{PASS, TestEnv, mode, stderr_of, stdout_of};
use predicates::prelude::*;

fn insert_transactions(env: &TestEnv, user: &str, pass: &str, descriptions: &[&str]) {
    let mut ledger = env.open_ledger(user, pass);
    let tx = ledger.write().unwrap();
    tx.execute(
        "INSERT INTO accounts (name, currency) VALUES ('Main', 'EUR')",
        [],
    )
    .unwrap();
    for (i, d) in descriptions.iter().enumerate() {
        tx.execute(
            "INSERT INTO transactions (account_id, date, amount, currency, description,
                 description_raw, fingerprint)
             VALUES (1, '2026-11-01', ?1, 'EUR', ?2, NULL, ?3)",
            rusqlite::params![-(i as i64) * 100 - 1, d, format!("fp{i}").into_bytes()],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    ledger.close().unwrap();
}

fn descriptions(env: &TestEnv, user: &str, pass: &str) -> Vec<String> {
    let ledger = env.open_ledger(user, pass);
    let mut stmt = ledger
        .conn()
        .prepare("SELECT description FROM transactions ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn user_add_makes_owner_only_folder_and_files() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let dir = env.user_dir("alice");
    assert_eq!(mode(&env.home().join("users")), 0o700);
    assert_eq!(mode(&dir), 0o700);
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    assert!(dir.join("ledger.db").is_file());
    assert!(dir.join("user.toml").is_file());
}

#[test]
fn ledger_file_holds_no_plaintext() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let canary = "ZEPHYR CANARY GROCERIES 4417";
    insert_transactions(&env, "alice", PASS, &[canary]);
    assert_eq!(descriptions(&env, "alice", PASS), vec![canary]);
    let mut checked = 0;
    for entry in fs::read_dir(env.user_dir("alice")).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        let hay = String::from_utf8_lossy(&bytes);
        assert!(!hay.contains("ZEPHYR"), "description found in plaintext");
        assert!(!hay.contains(PASS), "passphrase found in a file");
        assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));
        checked += 1;
    }
    assert!(checked >= 2);
}

#[test]
fn wrong_passphrase_fails_cleanly_and_leaves_the_ledger_alone() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let ledger = env.user_dir("alice").join("ledger.db");
    let before = fs::read(&ledger).unwrap();
    let out = env
        .cmd()
        .arg("status")
        .env("SMARTSPEND_PASSPHRASE", "not the passphrase")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr_of(&out);
    assert!(err.contains("wrong passphrase for user `alice`"), "{err}");
    assert!(!err.contains("not the passphrase"));
    assert!(!err.contains("hmac"), "SQLCipher's own log leaked: {err}");
    assert_eq!(fs::read(&ledger).unwrap(), before);
}

#[test]
fn corrupt_or_foreign_ledger_is_reported_and_never_overwritten() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let ledger = env.user_dir("alice").join("ledger.db");
    let garbage: Vec<u8> = (0..65536u32).map(|i| (i * 7919 % 251) as u8).collect();
    fs::write(&ledger, &garbage).unwrap();
    env.cmd()
        .arg("status")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "corrupt or not a smartspend ledger",
        ));
    assert_eq!(fs::read(&ledger).unwrap(), garbage);

    fs::remove_file(&ledger).unwrap();
    rusqlite::Connection::open(&ledger)
        .unwrap()
        .execute_batch("CREATE TABLE notes(x TEXT);")
        .unwrap();
    let plain = fs::read(&ledger).unwrap();
    env.cmd()
        .arg("status")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unencrypted SQLite database"));
    assert_eq!(fs::read(&ledger).unwrap(), plain);

    fs::remove_file(&ledger).unwrap();
    env.cmd()
        .arg("status")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn bad_user_names_duplicates_and_empty_passphrases_are_refused() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    env.cmd()
        .args(["user", "add", "alice"])
        .env("SMARTSPEND_PASSPHRASE", "x")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "a user named `alice` already exists",
        ));
    env.cmd()
        .args(["user", "add", "../evil"])
        .env("SMARTSPEND_PASSPHRASE", "x")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a valid user name"));
    env.cmd()
        .args(["user", "add", "bob"])
        .env("SMARTSPEND_PASSPHRASE", "")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("passphrase is empty"));
    assert!(!env.user_dir("bob").exists());
    env.cmd()
        .args(["--user", "carol", "status"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no user named `carol`; users: alice",
        ));
}

#[test]
fn user_add_without_a_passphrase_source_or_terminal_fails_with_a_hint() {
    let env = TestEnv::new();
    env.cmd()
        .args(["user", "add", "alice"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("needs a terminal")
                .and(predicate::str::contains("--passphrase-file")),
        );
    assert!(!env.user_dir("alice").exists());
}

#[test]
fn passphrase_is_never_a_command_line_value() {
    let env = TestEnv::new();
    env.cmd()
        .args(["--passphrase", PASS, "status"])
        .assert()
        .code(2);
}

#[test]
fn passwd_keeps_every_row_and_the_old_passphrase_stops_working() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let rows: Vec<String> = (0..300).map(|i| format!("CARD PURCHASE {i}")).collect();
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    insert_transactions(&env, "alice", PASS, &refs);

    env.cmd()
        .args(["user", "passwd"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .env("SMARTSPEND_NEW_PASSPHRASE", "a brand new passphrase")
        .assert()
        .success();

    env.cmd()
        .arg("status")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(3);
    assert_eq!(descriptions(&env, "alice", "a brand new passphrase"), rows);
    // Only the new ledger file is left.
    let dbs: Vec<String> = fs::read_dir(env.user_dir("alice"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".db"))
        .collect();
    assert_eq!(dbs.len(), 1, "{dbs:?}");
    assert_eq!(mode(&env.user_dir("alice").join(&dbs[0])), 0o600);
}

#[test]
fn passwd_with_the_wrong_old_passphrase_changes_nothing() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let toml_before = fs::read(env.user_dir("alice").join("user.toml")).unwrap();
    env.cmd()
        .args(["user", "passwd"])
        .env("SMARTSPEND_PASSPHRASE", "wrong")
        .env("SMARTSPEND_NEW_PASSPHRASE", "new")
        .assert()
        .code(3);
    assert_eq!(
        fs::read(env.user_dir("alice").join("user.toml")).unwrap(),
        toml_before
    );
}

#[test]
fn unlock_keeps_the_key_so_later_commands_need_no_passphrase() {
    let env = TestEnv::with_keyring();
    env.add_user("alice", PASS);
    env.cmd().arg("status").assert().code(4);
    env.cmd()
        .arg("unlock")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .success();
    for entry in fs::read_dir(env.keyring_dir()).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
    let out = env.cmd().args(["status", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["unlocked_with"], "OS keyring");
    assert_eq!(status["user"], "alice");

    // After a passphrase change the user stays unlocked with the new key.
    env.cmd()
        .args(["user", "passwd"])
        .env("SMARTSPEND_NEW_PASSPHRASE", "second passphrase")
        .assert()
        .success();
    env.cmd().arg("status").assert().success();

    env.cmd().arg("lock").assert().success();
    env.cmd()
        .arg("status")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("smartspend unlock"));
}

#[test]
fn unlock_refuses_a_wrong_passphrase_and_stores_nothing() {
    let env = TestEnv::with_keyring();
    env.add_user("alice", PASS);
    env.cmd()
        .arg("unlock")
        .env("SMARTSPEND_PASSPHRASE", "nope")
        .assert()
        .code(3);
    assert!(!env.keyring_dir().exists() || fs::read_dir(env.keyring_dir()).unwrap().count() == 0);
}

#[test]
fn unlock_says_so_when_the_keyring_is_off() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    env.cmd()
        .arg("unlock")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("keyring is turned off"));
}

#[test]
fn passphrase_sources_are_tried_in_order() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let file = env.tmp.path().join("pass.txt");
    fs::write(&file, format!("{PASS}\n")).unwrap();
    common_set_mode(&file, 0o600);

    // --passphrase-file wins over a wrong SMARTSPEND_PASSPHRASE.
    let out = env
        .cmd()
        .args([
            "--passphrase-file",
            file.to_str().unwrap(),
            "status",
            "--json",
        ])
        .env("SMARTSPEND_PASSPHRASE", "wrong")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("\"unlocked_with\": \"--passphrase-file\""));

    // SMARTSPEND_PASSPHRASE wins over passphrase_command (which would fail).
    env.write_config("passphrase_command = \"exit 7\"\n");
    env.cmd()
        .arg("status")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .success();
    env.cmd()
        .arg("status")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "passphrase_command `exit 7` failed",
        ));

    // passphrase_command alone, as cron uses it; only its first line counts.
    env.write_config(&format!(
        "passphrase_command = \"printf '%s\\\\nnotes\\\\n' '{PASS}'\"\n"
    ));
    let out = env.cmd().args(["status", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("\"unlocked_with\": \"passphrase_command\""));
}

#[test]
fn a_passphrase_file_others_can_read_draws_a_warning() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    let file = env.tmp.path().join("pass.txt");
    fs::write(&file, PASS).unwrap();
    common_set_mode(&file, 0o644);
    env.cmd()
        .args(["--passphrase-file", file.to_str().unwrap(), "status"])
        .assert()
        .success()
        .stderr(predicate::str::contains("can be read by other users"));
}

fn common_set_mode(path: &std::path::Path, m: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(m)).unwrap();
}

#[test]
fn the_only_user_is_the_default_otherwise_one_must_be_named() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    env.cmd()
        .arg("status")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .success();
    env.add_user("bob", "bobs passphrase");
    env.cmd()
        .arg("status")
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("several users (alice, bob)"));
    let user_of = |out: std::process::Output| -> String {
        assert!(out.status.success(), "{}", stderr_of(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["user"].as_str().unwrap().to_string()
    };
    let pass_bob = |c: &mut assert_cmd::Command| {
        c.env("SMARTSPEND_PASSPHRASE", "bobs passphrase");
    };
    let mut c = env.cmd();
    pass_bob(c.args(["--user", "bob", "status", "--json"]));
    assert_eq!(user_of(c.output().unwrap()), "bob");
    let mut c = env.cmd();
    pass_bob(c.args(["status", "--json"]).env("SMARTSPEND_USER", "bob"));
    assert_eq!(user_of(c.output().unwrap()), "bob");
    env.write_config("user = \"bob\"\n");
    let mut c = env.cmd();
    pass_bob(c.args(["status", "--json"]));
    assert_eq!(user_of(c.output().unwrap()), "bob");
    // The command line beats the config file.
    let out = env
        .cmd()
        .args(["--user", "alice", "status", "--json"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert_eq!(user_of(out), "alice");
}

#[test]
fn user_remove_asks_unless_yes() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    env.cmd()
        .args(["user", "remove", "alice"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--yes"));
    assert!(env.user_dir("alice").exists());
    env.cmd()
        .args(["user", "remove", "alice", "--yes"])
        .assert()
        .success();
    assert!(!env.user_dir("alice").exists());
    let out = env.cmd().args(["user", "list", "--json"]).output().unwrap();
    assert_eq!(stdout_of(&out).trim(), "[]");
}

#[test]
fn user_list_shows_users_without_unlocking() {
    let env = TestEnv::new();
    env.add_user("alice", PASS);
    env.add_user("bob", "other");
    let out = env.cmd().args(["user", "list", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "bob"]);
    env.cmd()
        .args(["user", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("alice").and(predicate::str::contains("bob")));
}

#[test]
fn config_show_tells_where_each_setting_came_from() {
    let env = TestEnv::new();
    env.write_config("[kdf]\niterations = 3\n");
    let out = env
        .cmd()
        .args(["--user", "zed", "config", "show", "--json"])
        .env("SMARTSPEND_KDF_MEMORY_KIB", "32768")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let origin = |key: &str| -> (String, String) {
        let s = v["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap();
        (
            s["value"].as_str().unwrap().to_string(),
            s["origin"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(origin("user"), ("zed".into(), "command line --user".into()));
    assert_eq!(
        origin("kdf.memory_kib"),
        ("32768".into(), "env SMARTSPEND_KDF_MEMORY_KIB".into())
    );
    assert_eq!(origin("kdf.iterations"), ("3".into(), "config.toml".into()));
    assert_eq!(origin("kdf.parallelism"), ("1".into(), "default".into()));
    assert_eq!(
        origin("keyring"),
        ("false".into(), "env SMARTSPEND_KEYRING".into())
    );
}

#[test]
fn a_broken_config_file_is_named_with_its_line() {
    let env = TestEnv::new();
    env.write_config("user = \"alice\"\nkeyring = maybe\n");
    env.cmd()
        .args(["config", "show"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("config.toml").and(predicate::str::contains("line 2")));
}

#[test]
fn config_init_writes_the_example_once() {
    let env = TestEnv::new();
    env.cmd().args(["config", "init"]).assert().success();
    let path = env.home().join("config.toml");
    assert_eq!(mode(&path), 0o600);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("passphrase_command")
    );
    env.cmd().args(["config", "show"]).assert().success();
    env.cmd()
        .args(["config", "init"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn new_users_take_kdf_parameters_from_settings_but_never_below_the_minimum() {
    let env = TestEnv::new();
    env.cmd()
        .args(["user", "add", "alice"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .env("SMARTSPEND_KDF_MEMORY_KIB", "4096")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("below OWASP"));
    env.cmd()
        .args(["user", "add", "alice"])
        .env("SMARTSPEND_PASSPHRASE", PASS)
        .env("SMARTSPEND_KDF_ITERATIONS", "3")
        .assert()
        .success();
    let toml = fs::read_to_string(env.user_dir("alice").join("user.toml")).unwrap();
    assert!(toml.contains("iterations = 3"), "{toml}");
}

#[test]
fn completions_in_the_repository_match_the_cli() {
    let env = TestEnv::new();
    let out_dir = env.tmp.path().join("completions");
    env.cmd()
        .args(["completions", "--dir", out_dir.to_str().unwrap()])
        .assert()
        .success();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for file in [
        "smartspend.bash",
        "_smartspend",
        "smartspend.fish",
        "smartspend.1",
    ] {
        let want = fs::read(out_dir.join(file)).unwrap();
        let have = fs::read(repo.join(file)).unwrap_or_default();
        assert!(
            want == have,
            "completions/{file} is out of date: run `cargo run -- completions --dir completions`"
        );
    }
    env.cmd()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("smartspend"));
}
