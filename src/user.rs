//! Users: one folder each under the users folder, holding an encrypted ledger and a small
//! non-secret `user.toml` (KDF parameters, salt, key check, current ledger file).

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::crypto::{KdfParams, Key, Passphrase, kdf, key_check};
use crate::fsutil;
use crate::ledger::{self, Ledger, LedgerError};

const USER_FILE: &str = "user.toml";

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("no user named `{name}`{}", known_hint(known))]
    NotFound { name: String, known: Vec<String> },
    #[error("a user named `{0}` already exists")]
    Exists(String),
    #[error(
        "`{0}` is not a valid user name: use 1-32 letters, digits, `-` or `_`, starting with a letter or digit"
    )]
    InvalidName(String),
    #[error("no users yet; create one with `smartspend user add NAME`")]
    NoUsers,
    #[error(
        "there are several users ({}); choose one with --user NAME, SMARTSPEND_USER or `user` in config.toml",
        .0.join(", ")
    )]
    Ambiguous(Vec<String>),
    #[error("wrong passphrase for user `{0}`")]
    WrongPassphrase(String),
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    #[error("{}: {reason}", path.display())]
    BadUserFile { path: PathBuf, reason: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Kdf(#[from] kdf::KdfError),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

fn known_hint(known: &[String]) -> String {
    if known.is_empty() {
        "; there are no users yet (`smartspend user add NAME`)".into()
    } else {
        format!("; users: {}", known.join(", "))
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> UserError + '_ {
    move |source| UserError::Io {
        path: path.into(),
        source,
    }
}

/// The contents of `user.toml`. Nothing in it is secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserFile {
    pub name: String,
    pub created: String,
    /// File name of the current ledger in the user's folder. `user passwd` writes a new
    /// file and switches this name in one atomic rename of `user.toml`.
    pub ledger: String,
    /// Tells a wrong passphrase from a damaged ledger (see `crypto::key_check`).
    pub key_check: String,
    pub kdf: KdfParams,
}

#[derive(Debug, Clone)]
pub struct User {
    pub dir: PathBuf,
    pub file: UserFile,
}

/// The folder that holds every user.
pub struct UserStore {
    pub dir: PathBuf,
}

pub fn validate_name(name: &str) -> Result<(), UserError> {
    let ok = (1..=32).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(UserError::InvalidName(name.into()))
    }
}

impl UserStore {
    pub fn new(dir: PathBuf) -> UserStore {
        UserStore { dir }
    }

    /// Names of all users, sorted.
    pub fn names(&self) -> Result<Vec<String>, UserError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => return Err(io_err(&self.dir)(e)),
        };
        let mut names = vec![];
        for entry in entries {
            let entry = entry.map_err(io_err(&self.dir))?;
            let path = entry.path();
            if path.join(USER_FILE).is_file()
                && let Some(name) = path.file_name().and_then(|n| n.to_str())
            {
                names.push(name.to_string());
            }
        }
        names.sort();
        Ok(names)
    }

    pub fn get(&self, name: &str) -> Result<User, UserError> {
        validate_name(name)?;
        let dir = self.dir.join(name);
        let path = dir.join(USER_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(UserError::NotFound {
                    name: name.into(),
                    known: self.names()?,
                });
            }
            Err(e) => return Err(io_err(&path)(e)),
        };
        let file: UserFile = toml::from_str(&text).map_err(|e| UserError::BadUserFile {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        if file.ledger.contains(['/', '\\']) || file.ledger.starts_with('.') {
            return Err(UserError::BadUserFile {
                path,
                reason: format!("`ledger = {:?}` must be a plain file name", file.ledger),
            });
        }
        Ok(User { dir, file })
    }

    /// The user to act as: the one asked for, else the only one there is.
    pub fn select(&self, wanted: Option<&str>) -> Result<User, UserError> {
        if let Some(name) = wanted {
            return self.get(name);
        }
        let mut names = self.names()?;
        match names.len() {
            0 => Err(UserError::NoUsers),
            1 => self.get(&names.remove(0)),
            _ => Err(UserError::Ambiguous(names)),
        }
    }

    /// Creates a user folder with a fresh, empty ledger. Returns the user and its key.
    pub fn create(
        &self,
        name: &str,
        passphrase: &Passphrase,
        kdf: (u32, u32, u32),
        now: &str,
    ) -> Result<(User, Key), UserError> {
        validate_name(name)?;
        if passphrase.is_empty() {
            return Err(UserError::EmptyPassphrase);
        }
        let params = KdfParams::generate(kdf.0, kdf.1, kdf.2)?;
        let dir = self.dir.join(name);
        fsutil::create_private_dir(&self.dir).map_err(io_err(&self.dir))?;
        match fs::create_dir(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(UserError::Exists(name.into()));
            }
            Err(e) => return Err(io_err(&dir)(e)),
        }
        let result = (|| {
            fsutil::set_mode(&dir, 0o700).map_err(io_err(&dir))?;
            let key = params.derive(passphrase)?;
            let file = UserFile {
                name: name.into(),
                created: now.into(),
                ledger: "ledger.db".into(),
                key_check: key_check(&key),
                kdf: params,
            };
            let user = User {
                dir: dir.clone(),
                file,
            };
            Ledger::create(&user.ledger_path(), &key)?.close()?;
            // user.toml last: a folder without it is not a user, so a crash part-way
            // leaves nothing half-made that would be taken for one.
            user.save()?;
            Ok((user, key))
        })();
        if result.is_err() {
            let _ = fs::remove_dir_all(&dir);
        }
        result
    }

    pub fn remove(&self, user: &User) -> Result<(), UserError> {
        fs::remove_dir_all(&user.dir).map_err(io_err(&user.dir))
    }
}

impl User {
    pub fn name(&self) -> &str {
        &self.file.name
    }

    pub fn ledger_path(&self) -> PathBuf {
        self.dir.join(&self.file.ledger)
    }

    /// The account name under which `unlock` keeps this user's key: the user's name plus
    /// its folder, so that two smartspend homes with the same user name do not collide.
    pub fn keyring_account(&self) -> String {
        format!("{}@{}", self.file.name, self.dir.display())
    }

    fn save(&self) -> Result<(), UserError> {
        let path = self.dir.join(USER_FILE);
        let mut text = String::from(
            "# smartspend user file. Not secret: it holds the KDF salt and parameters, a\n\
             # key check value and the name of the current ledger file. Do not edit.\n",
        );
        text.push_str(&toml::to_string(&self.file).expect("user file serializes"));
        fsutil::write_private_atomic(&path, text.as_bytes()).map_err(io_err(&path))
    }

    pub fn derive_key(&self, passphrase: &Passphrase) -> Result<Key, UserError> {
        if passphrase.is_empty() {
            return Err(UserError::EmptyPassphrase);
        }
        Ok(self.file.kdf.derive(passphrase)?)
    }

    pub fn key_matches(&self, key: &Key) -> bool {
        key_check(key) == self.file.key_check
    }

    /// Opens the ledger, telling a wrong key apart from a damaged file.
    pub fn open(&self, key: &Key) -> Result<Ledger, UserError> {
        if !self.key_matches(key) {
            return Err(UserError::WrongPassphrase(self.file.name.clone()));
        }
        Ok(Ledger::open(&self.ledger_path(), key)?)
    }

    /// Re-encrypts the ledger under a new passphrase (and a new salt).
    ///
    /// Atomic: the ledger is copied under the new key to a new file, the copy is checked,
    /// and only then does one rename of `user.toml` switch to it. An interruption at any
    /// point before that rename leaves the old passphrase working and the old file intact.
    /// Returns the updated user and the new key.
    pub fn change_passphrase(
        &self,
        old_key: &Key,
        new_passphrase: &Passphrase,
        kdf: (u32, u32, u32),
    ) -> Result<(User, Key), UserError> {
        let staged = self.stage_new_passphrase(old_key, new_passphrase, kdf)?;
        staged.0.commit(self)?;
        Ok(staged)
    }

    /// The first half of `change_passphrase`: writes and checks the re-encrypted copy but
    /// does not switch to it. Public so that tests can show an interruption is harmless.
    pub fn stage_new_passphrase(
        &self,
        old_key: &Key,
        new_passphrase: &Passphrase,
        kdf: (u32, u32, u32),
    ) -> Result<(User, Key), UserError> {
        if new_passphrase.is_empty() {
            return Err(UserError::EmptyPassphrase);
        }
        let ledger = self.open(old_key)?;
        self.remove_stale_ledgers()?;
        let params = KdfParams::generate(kdf.0, kdf.1, kdf.2)?;
        let new_key = params.derive(new_passphrase)?;
        let next = User {
            dir: self.dir.clone(),
            file: UserFile {
                ledger: next_ledger_name(&self.file.ledger),
                key_check: key_check(&new_key),
                kdf: params,
                ..self.file.clone()
            },
        };
        let new_path = next.ledger_path();
        ledger.export_encrypted(&new_path, &new_key)?;
        let expected = ledger.table_counts()?;
        drop(ledger);
        let check = (|| {
            let copy = Ledger::open(&new_path, &new_key)?;
            let ok: String = copy
                .conn()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .map_err(|e| copy.err(e))?;
            let counts = copy.table_counts()?;
            copy.close()?;
            Ok::<_, LedgerError>(ok == "ok" && counts == expected)
        })();
        match check {
            Ok(true) => Ok((next, new_key)),
            Ok(false) => {
                let _ = ledger::remove_files(&new_path);
                Err(UserError::BadUserFile {
                    path: new_path,
                    reason: "the re-encrypted copy did not match the ledger; nothing changed"
                        .into(),
                })
            }
            Err(e) => {
                let _ = ledger::remove_files(&new_path);
                Err(e.into())
            }
        }
    }

    /// The second half: switch `user.toml` to the new ledger, then delete the old file.
    pub fn commit(&self, old: &User) -> Result<(), UserError> {
        self.save()?;
        let old_path = old.ledger_path();
        ledger::remove_files(&old_path).map_err(io_err(&old_path))
    }

    /// Deletes ledger files in the folder that `user.toml` does not point at: leftovers of
    /// an interrupted `user passwd`.
    fn remove_stale_ledgers(&self) -> Result<(), UserError> {
        for entry in fs::read_dir(&self.dir).map_err(io_err(&self.dir))? {
            let path = entry.map_err(io_err(&self.dir))?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with("ledger") && name.ends_with(".db") && name != self.file.ledger {
                ledger::remove_files(&path).map_err(io_err(&path))?;
            }
        }
        Ok(())
    }
}

/// `ledger.db` -> `ledger-2.db` -> `ledger-3.db` ...
fn next_ledger_name(current: &str) -> String {
    let n = current
        .strip_prefix("ledger-")
        .and_then(|s| s.strip_suffix(".db"))
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(1);
    format!("ledger-{}.db", n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::kdf::MIN_MEMORY_KIB;

    const KDF: (u32, u32, u32) = (MIN_MEMORY_KIB, 2, 1);

    fn pass(s: &str) -> Passphrase {
        Passphrase::new(s.into())
    }

    #[test]
    fn names_are_checked() {
        for ok in ["alice", "Bob-2", "x_y", "7"] {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-x", "a/b", "..", "a b", "é", &"x".repeat(33)] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn next_ledger_names() {
        assert_eq!(next_ledger_name("ledger.db"), "ledger-2.db");
        assert_eq!(next_ledger_name("ledger-2.db"), "ledger-3.db");
    }

    #[test]
    fn create_select_and_duplicate() {
        let dir = tempfile::tempdir().unwrap();
        let store = UserStore::new(dir.path().join("users"));
        assert!(matches!(store.select(None), Err(UserError::NoUsers)));
        store.create("alice", &pass("pw"), KDF, "now").unwrap();
        assert_eq!(store.select(None).unwrap().name(), "alice");
        assert!(matches!(
            store.create("alice", &pass("pw"), KDF, "now"),
            Err(UserError::Exists(_))
        ));
        assert!(matches!(
            store.create("bob", &pass(""), KDF, "now"),
            Err(UserError::EmptyPassphrase)
        ));
        assert!(!dir.path().join("users/bob").exists());
        store.create("bob", &pass("pw"), KDF, "now").unwrap();
        assert!(matches!(store.select(None), Err(UserError::Ambiguous(_))));
        assert!(matches!(
            store.select(Some("carol")),
            Err(UserError::NotFound { .. })
        ));
    }

    #[test]
    fn interrupted_passwd_keeps_the_old_passphrase_working() {
        let dir = tempfile::tempdir().unwrap();
        let store = UserStore::new(dir.path().to_path_buf());
        let (user, key) = store.create("alice", &pass("old"), KDF, "now").unwrap();
        // Stage the change but "crash" before the switch.
        let (staged, _) = user.stage_new_passphrase(&key, &pass("new"), KDF).unwrap();
        assert!(staged.ledger_path().exists());
        let user = store.get("alice").unwrap();
        let old = user.derive_key(&pass("old")).unwrap();
        user.open(&old).unwrap();
        let new = user.derive_key(&pass("new")).unwrap();
        assert!(matches!(
            user.open(&new),
            Err(UserError::WrongPassphrase(_))
        ));
        // A later passwd cleans the leftover up and succeeds.
        let (user2, _) = user.change_passphrase(&old, &pass("new"), KDF).unwrap();
        let reloaded = store.get("alice").unwrap();
        assert_eq!(reloaded.file.ledger, user2.file.ledger);
        let new = reloaded.derive_key(&pass("new")).unwrap();
        reloaded.open(&new).unwrap();
        let dbs: Vec<_> = fs::read_dir(&reloaded.dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".db"))
            .collect();
        assert_eq!(dbs, vec![reloaded.file.ledger.clone()]);
    }
}
