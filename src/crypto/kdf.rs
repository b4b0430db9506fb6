//! Argon2id key derivation: passphrase + salt -> 32-byte ledger key.

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{Key, Passphrase};

/// OWASP's minimum for Argon2id (m=19 MiB, t=2, p=1); smartspend never goes below it.
pub const MIN_MEMORY_KIB: u32 = 19 * 1024;
pub const MIN_ITERATIONS: u32 = 2;
pub const MIN_PARALLELISM: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum KdfError {
    #[error(
        "Argon2 parameters m={memory_kib} KiB, t={iterations}, p={parallelism} are below the minimum m={MIN_MEMORY_KIB} KiB, t={MIN_ITERATIONS}, p={MIN_PARALLELISM}"
    )]
    TooWeak {
        memory_kib: u32,
        iterations: u32,
        parallelism: u32,
    },
    #[error("invalid Argon2 parameters: {0}")]
    Invalid(argon2::Error),
    #[error("bad salt in user file (expected 32 hex digits or more)")]
    BadSalt,
    #[error("the system's random number generator failed: {0}")]
    Random(getrandom::Error),
}

/// The non-secret KDF settings kept in `user.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub algorithm: String,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    /// Random salt, hex.
    pub salt: String,
}

impl KdfParams {
    /// Fresh parameters with a new random 16-byte salt.
    pub fn generate(memory_kib: u32, iterations: u32, parallelism: u32) -> Result<Self, KdfError> {
        if memory_kib < MIN_MEMORY_KIB
            || iterations < MIN_ITERATIONS
            || parallelism < MIN_PARALLELISM
        {
            return Err(KdfError::TooWeak {
                memory_kib,
                iterations,
                parallelism,
            });
        }
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(KdfError::Random)?;
        Ok(KdfParams {
            algorithm: "argon2id".into(),
            memory_kib,
            iterations,
            parallelism,
            salt: hex::encode(salt),
        })
    }

    pub fn derive(&self, passphrase: &Passphrase) -> Result<Key, KdfError> {
        let salt = hex::decode(&self.salt).map_err(|_| KdfError::BadSalt)?;
        if salt.len() < 16 {
            return Err(KdfError::BadSalt);
        }
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(KdfError::Invalid)?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(passphrase.expose().as_bytes(), &salt, out.as_mut())
            .map_err(KdfError::Invalid)?;
        Ok(Key::from_bytes(*out))
    }
}

/// A short value stored in `user.toml` that tells a wrong key from a corrupt ledger
/// without touching the database. It reveals nothing an attacker holding the ledger
/// file could not already test, and each guess still costs one Argon2id run.
pub fn key_check(key: &Key) -> String {
    let mut h = Sha256::new();
    h.update(b"smartspend key check v1\0");
    h.update(key.as_bytes());
    hex::encode(&h.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_parameters_below_owasp_minimum() {
        assert!(matches!(
            KdfParams::generate(8 * 1024, 2, 1),
            Err(KdfError::TooWeak { .. })
        ));
        assert!(KdfParams::generate(MIN_MEMORY_KIB, 1, 1).is_err());
    }

    #[test]
    fn same_passphrase_and_salt_give_same_key_and_new_salt_does_not() {
        let p = KdfParams::generate(MIN_MEMORY_KIB, 2, 1).unwrap();
        let pass = Passphrase::new("correct horse".into());
        let a = p.derive(&pass).unwrap();
        assert_eq!(a, p.derive(&pass).unwrap());
        assert_ne!(
            a,
            p.derive(&Passphrase::new("correct horsf".into())).unwrap()
        );
        let q = KdfParams::generate(MIN_MEMORY_KIB, 2, 1).unwrap();
        assert_ne!(p.salt, q.salt);
        assert_ne!(a, q.derive(&pass).unwrap());
        assert_eq!(key_check(&a), key_check(&p.derive(&pass).unwrap()));
        assert_ne!(key_check(&a), key_check(&q.derive(&pass).unwrap()));
    }

    #[test]
    fn known_answer() {
        // Fixed salt and passphrase: the derived key must never change between versions,
        // or every existing ledger would stop opening.
        let p = KdfParams {
            algorithm: "argon2id".into(),
            memory_kib: MIN_MEMORY_KIB,
            iterations: 2,
            parallelism: 1,
            salt: "000102030405060708090a0b0c0d0e0f".into(),
        };
        let k = p.derive(&Passphrase::new("smartspend".into())).unwrap();
        // Computed independently with the argon2-cffi reference binding.
        assert_eq!(
            k.to_hex().as_str(),
            "a4b81af87e4f6fd6f9b9d8a9e2d861e4c9014580c47612946a73d3deb858ea91"
        );
        assert_eq!(key_check(&k), "e199c1acff81d7a8e70fadc6814192b0");
    }
}
