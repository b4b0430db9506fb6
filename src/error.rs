//! Errors that decide the exit code, and the mapping from any error to an exit code.

use crate::user::UserError;

/// Exit code for a wrong passphrase.
pub const EXIT_WRONG_PASSPHRASE: i32 = 3;
/// Exit code when the ledger is locked and no passphrase source is available.
pub const EXIT_LOCKED: i32 = 4;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(
        "the ledger of user `{0}` is locked and there is no passphrase to open it\n\
         hint: give one with --passphrase-file FILE, SMARTSPEND_PASSPHRASE or `passphrase_command` \
         in config.toml, run `smartspend unlock` once where an OS keyring works, or run in a terminal \
         to be asked"
    )]
    Locked(String),
    #[error("{what} needs a terminal to ask\nhint: {hint}")]
    NotATerminal { what: String, hint: String },
}

pub fn exit_code(err: &anyhow::Error) -> i32 {
    for cause in err.chain() {
        if let Some(UserError::WrongPassphrase(_)) = cause.downcast_ref() {
            return EXIT_WRONG_PASSPHRASE;
        }
        if let Some(CliError::Locked(_)) = cause.downcast_ref() {
            return EXIT_LOCKED;
        }
    }
    1
}
