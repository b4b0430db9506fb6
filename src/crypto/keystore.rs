//! Where `smartspend unlock` keeps derived keys, and `smartspend ai key set` API keys: the
//! OS keyring, or (in tests) a folder.
//!
//! The keyring is a convenience, never the only way in: on headless machines, in CI and
//! under cron there is often no keyring service, and every error here must let the caller
//! fall through to the next passphrase source.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use zeroize::Zeroizing;

use super::Key;

#[derive(Debug, thiserror::Error)]
pub enum KeyStoreError {
    #[error("the OS keyring is not available: {0}")]
    Unavailable(String),
    #[error("the OS keyring holds something for `{0}` that is not a smartspend key")]
    BadEntry(String),
    #[error("test key store {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A store of secrets by account name: ledger keys (as hex) and API keys.
pub trait KeyStore {
    fn get_secret(&self, account: &str) -> Result<Option<Zeroizing<String>>, KeyStoreError>;
    fn set_secret(&self, account: &str, secret: &str) -> Result<(), KeyStoreError>;
    /// Removes an entry; returns whether there was one.
    fn delete(&self, account: &str) -> Result<bool, KeyStoreError>;
    /// Short name for messages ("OS keyring").
    fn name(&self) -> &'static str;

    fn get(&self, account: &str) -> Result<Option<Key>, KeyStoreError> {
        match self.get_secret(account)? {
            Some(text) => Key::from_hex(text.trim())
                .map(Some)
                .ok_or_else(|| KeyStoreError::BadEntry(account.into())),
            None => Ok(None),
        }
    }

    fn set(&self, account: &str, key: &Key) -> Result<(), KeyStoreError> {
        self.set_secret(account, &key.to_hex())
    }
}

const SERVICE: &str = "smartspend";

/// The platform's keyring (Secret Service, macOS Keychain, Windows Credential Manager).
pub struct OsKeyring;

impl OsKeyring {
    fn entry(account: &str) -> Result<keyring::Entry, KeyStoreError> {
        keyring::Entry::new(SERVICE, account).map_err(|e| KeyStoreError::Unavailable(e.to_string()))
    }
}

impl KeyStore for OsKeyring {
    fn get_secret(&self, account: &str) -> Result<Option<Zeroizing<String>>, KeyStoreError> {
        match Self::entry(account)?.get_password() {
            Ok(text) => Ok(Some(Zeroizing::new(text))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(KeyStoreError::Unavailable(e.to_string())),
        }
    }

    fn set_secret(&self, account: &str, secret: &str) -> Result<(), KeyStoreError> {
        Self::entry(account)?
            .set_password(secret)
            .map_err(|e| KeyStoreError::Unavailable(e.to_string()))
    }

    fn delete(&self, account: &str) -> Result<bool, KeyStoreError> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(KeyStoreError::Unavailable(e.to_string())),
        }
    }

    fn name(&self) -> &'static str {
        "OS keyring"
    }
}

/// A stand-in keyring for tests: one 0600 file per account in a folder. Enabled only by
/// the `SMARTSPEND_TEST_KEYRING` environment variable, so that integration tests can check
/// `unlock` across processes without touching the real keyring.
pub struct FolderKeyStore {
    pub dir: PathBuf,
}

impl FolderKeyStore {
    fn path(&self, account: &str) -> PathBuf {
        let safe: String = account
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        self.dir.join(safe)
    }

    fn io(&self, source: std::io::Error) -> KeyStoreError {
        KeyStoreError::Io {
            path: self.dir.clone(),
            source,
        }
    }
}

impl KeyStore for FolderKeyStore {
    fn get_secret(&self, account: &str) -> Result<Option<Zeroizing<String>>, KeyStoreError> {
        match fs::read_to_string(self.path(account)) {
            Ok(text) => Ok(Some(Zeroizing::new(text))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.io(e)),
        }
    }

    fn set_secret(&self, account: &str, secret: &str) -> Result<(), KeyStoreError> {
        crate::fsutil::create_private_dir(&self.dir).map_err(|e| self.io(e))?;
        let mut f = crate::fsutil::create_private_file(&self.path(account), true)
            .map_err(|e| self.io(e))?;
        f.write_all(secret.as_bytes()).map_err(|e| self.io(e))
    }

    fn delete(&self, account: &str) -> Result<bool, KeyStoreError> {
        match fs::remove_file(self.path(account)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(self.io(e)),
        }
    }

    fn name(&self) -> &'static str {
        "test key store"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_store_round_trips_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let store = FolderKeyStore {
            dir: dir.path().join("keys"),
        };
        let key = Key::from_bytes([7; 32]);
        assert!(store.get("alice@x").unwrap().is_none());
        store.set("alice@x", &key).unwrap();
        assert_eq!(
            store.get("alice@x").unwrap(),
            Some(Key::from_bytes([7; 32]))
        );
        assert!(store.get("bob@x").unwrap().is_none());
        assert!(store.delete("alice@x").unwrap());
        assert!(!store.delete("alice@x").unwrap());
    }
}
