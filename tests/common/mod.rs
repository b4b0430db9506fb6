//! Test harness: every test gets its own temporary smartspend home, a scrubbed
//! environment (no SMARTSPEND_* from the developer's shell, no real HOME, no session bus)
//! and, when asked, a folder that stands in for the OS keyring.

#![allow(dead_code)]

pub mod server;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub const PASS: &str = "correct horse battery staple";

pub struct TestEnv {
    pub tmp: TempDir,
    keyring: bool,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            tmp: tempfile::tempdir().unwrap(),
            keyring: false,
        }
    }

    /// Lets `unlock` keep keys in a test folder instead of the (absent) OS keyring.
    pub fn with_keyring() -> TestEnv {
        TestEnv {
            keyring: true,
            ..TestEnv::new()
        }
    }

    pub fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    pub fn keyring_dir(&self) -> PathBuf {
        self.tmp.path().join("keyring")
    }

    pub fn user_dir(&self, name: &str) -> PathBuf {
        self.home().join("users").join(name)
    }

    /// The smartspend binary with a clean environment.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("smartspend").unwrap();
        c.env_clear().envs(self.envs());
        c
    }

    /// The same as a `std::process::Command`, for driving it through a pseudo-terminal.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("smartspend"));
        c.env_clear().envs(self.envs());
        c
    }

    fn envs(&self) -> Vec<(String, std::ffi::OsString)> {
        let mut v: Vec<(String, std::ffi::OsString)> = vec![
            ("PATH".into(), std::env::var_os("PATH").unwrap_or_default()),
            ("HOME".into(), self.tmp.path().join("fake-home").into()),
            (
                "XDG_CONFIG_HOME".into(),
                self.tmp.path().join("xdg-config").into(),
            ),
            (
                "XDG_DATA_HOME".into(),
                self.tmp.path().join("xdg-data").into(),
            ),
            ("SMARTSPEND_HOME".into(), self.home().into()),
            ("NO_COLOR".into(), "1".into()),
        ];
        if self.keyring {
            v.push(("SMARTSPEND_TEST_KEYRING".into(), self.keyring_dir().into()));
        } else {
            v.push(("SMARTSPEND_KEYRING".into(), "off".into()));
        }
        v
    }

    /// Runs smartspend with the ledger unlocked by `PASS` and "today" being `today`.
    pub fn run_on(&self, today: &str, args: &[&str]) -> std::process::Output {
        self.cmd()
            .args(args)
            .env("SMARTSPEND_PASSPHRASE", PASS)
            .env("SMARTSPEND_TEST_TODAY", today)
            .output()
            .unwrap()
    }

    /// As `run_on`, asserting success; returns standard output.
    pub fn ok_on(&self, today: &str, args: &[&str]) -> String {
        let out = self.run_on(today, args);
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        stdout_of(&out)
    }

    pub fn add_user(&self, name: &str, pass: &str) {
        self.cmd()
            .args(["user", "add", name])
            .env("SMARTSPEND_PASSPHRASE", pass)
            .assert()
            .success();
    }

    pub fn write_config(&self, text: &str) {
        fs::create_dir_all(self.home()).unwrap();
        fs::write(self.home().join("config.toml"), text).unwrap();
    }

    /// Opens a user's ledger through the library, as the binary would.
    pub fn open_ledger(&self, name: &str, pass: &str) -> smartspend::ledger::Ledger {
        let store = smartspend::user::UserStore::new(self.home().join("users"));
        let user = store.get(name).unwrap();
        let key = user
            .derive_key(&smartspend::crypto::Passphrase::new(pass.into()))
            .unwrap();
        user.open(&key).unwrap()
    }
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl TestEnv {
    /// Writes a file in the test's temporary folder and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.tmp.path().join(name);
        fs::write(&path, contents).unwrap();
        path
    }

    /// `smartspend import ARGS --json` for user `alice` (created on first use).
    pub fn import(&self, args: &[&str]) -> std::process::Output {
        if !self.user_dir("alice").exists() {
            self.add_user("alice", PASS);
        }
        self.cmd()
            .arg("import")
            .args(args)
            .arg("--json")
            .env("SMARTSPEND_PASSPHRASE", PASS)
            .output()
            .unwrap()
    }

    /// The import summary of a successful `import`.
    pub fn import_ok(&self, args: &[&str]) -> serde_json::Value {
        let out = self.import(args);
        assert!(out.status.success(), "import failed: {}", stderr_of(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// (date, amount in minor units, description) of every transaction, in id order.
    pub fn transactions(&self) -> Vec<(String, i64, String)> {
        let ledger = self.open_ledger("alice", PASS);
        let mut stmt = ledger
            .conn()
            .prepare("SELECT date, amount, description FROM transactions ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

/// A statement in a simple layout: Date,Description,Amount,Balance, ISO dates, USD.
pub fn statement(rows: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("Date,Description,Amount,Balance\n");
    let mut balance: i64 = 1_000_000;
    for (date, desc, amount) in rows {
        let cents: i64 = (amount.parse::<f64>().unwrap() * 100.0).round() as i64;
        balance += cents;
        s.push_str(&format!(
            "{date},\"{desc}\",{amount},{}.{:02}\n",
            balance / 100,
            balance % 100
        ));
    }
    s
}
