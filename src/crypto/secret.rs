//! Secret types: redacted `Debug`, wiped from memory on drop, no `Clone` or `Serialize`.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A user's passphrase as typed or read from a source. Never printed.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Passphrase(String);

impl Passphrase {
    /// Wraps a passphrase, dropping one trailing newline (`\n` or `\r\n`) as files and
    /// commands usually end with one.
    pub fn new(mut text: String) -> Passphrase {
        if text.ends_with('\n') {
            text.pop();
            if text.ends_with('\r') {
                text.pop();
            }
        }
        Passphrase(text)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

/// A 32-byte ledger key (the raw SQLCipher key).
#[derive(Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl Key {
    pub fn from_bytes(bytes: [u8; 32]) -> Key {
        Key(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Lower-case hex, as stored in the OS keyring and handed to SQLCipher.
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0))
    }

    pub fn from_hex(text: &str) -> Option<Key> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(text.trim(), bytes.as_mut()).ok()?;
        Some(Key(*bytes))
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let p = Passphrase::new("hunter2\n".into());
        assert_eq!(p.expose(), "hunter2");
        assert!(!format!("{p:?}").contains("hunter2"));
        let k = Key::from_bytes([0xab; 32]);
        assert!(!format!("{k:?}").contains("ab"));
    }

    #[test]
    fn passphrase_drops_one_trailing_newline_only() {
        assert_eq!(Passphrase::new("a b\r\n".into()).expose(), "a b");
        assert_eq!(Passphrase::new("x\n\n".into()).expose(), "x\n");
        assert_eq!(Passphrase::new(" pad ".into()).expose(), " pad ");
    }

    #[test]
    fn key_hex_round_trips() {
        let k = Key::from_bytes(core::array::from_fn(|i| i as u8));
        assert_eq!(Key::from_hex(&k.to_hex()), Some(k));
        assert_eq!(Key::from_hex("zz"), None);
        assert_eq!(Key::from_hex("00"), None);
    }
}
