//! Key derivation, secret types and the key store behind `unlock`.

pub mod kdf;
pub mod keystore;
mod secret;

pub use kdf::{KdfParams, key_check};
pub use keystore::{FolderKeyStore, KeyStore, KeyStoreError, OsKeyring};
pub use secret::{Key, Passphrase};
