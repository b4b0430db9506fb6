//! smartspend: a local-first personal finance manager for the terminal.
//!
//! The binary is a thin shell over this library: `cli` parses, `commands` glue the
//! domain modules (`ledger`, `user`, `crypto`, `settings`) to `output`.

pub mod ai;
pub mod categorize;
pub mod cli;
pub mod coach;
pub mod commands;
pub mod crypto;
pub mod error;
pub mod fsutil;
pub mod import;
pub mod ledger;
pub mod money;
pub mod output;
pub mod period;
pub mod redact;
pub mod report;
pub mod settings;
pub mod user;
