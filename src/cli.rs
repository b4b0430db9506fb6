//! The command line: clap derive only. `///` comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  error
  2  usage error
  3  wrong passphrase
  4  the ledger is locked and no passphrase source is available";

/// smartspend: a local-first, encrypted personal finance manager for the terminal.
#[derive(Debug, Parser)]
#[command(name = "smartspend", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Keep config and users under DIR instead of the platform's folders
    /// [env: SMARTSPEND_HOME]
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,

    /// The user whose ledger to use (default: the only user) [env: SMARTSPEND_USER]
    #[arg(long, short = 'u', global = true, value_name = "NAME")]
    pub user: Option<String>,

    /// Read the passphrase from FILE (its first line). Other sources, in order:
    /// SMARTSPEND_PASSPHRASE, `passphrase_command` in config.toml, the OS keyring
    /// (after `unlock`), a prompt on a terminal
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, list, remove users and change their passphrase
    #[command(subcommand)]
    User(UserCommand),
    /// Keep the derived key in the OS keyring so that later commands need no passphrase
    Unlock,
    /// Remove the key from the OS keyring
    Lock,
    /// Unlock the ledger and show what it holds
    Status(StatusArgs),
    /// Show or create the configuration
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print shell completions, or write them and the man page to a folder
    Completions(CompletionsArgs),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user with a new encrypted ledger (asks for a passphrase twice)
    Add {
        /// 1-32 letters, digits, `-` or `_`
        name: String,
    },
    /// List users
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Delete a user and their ledger, for good
    Remove {
        name: String,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Change the passphrase: re-encrypts the ledger under a new key, atomically
    Passwd {
        /// Read the new passphrase from FILE (else SMARTSPEND_NEW_PASSPHRASE, else a prompt)
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting in force and where it came from
    Show {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Write a commented example config.toml (if there is none yet)
    Init,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print completions for
    #[arg(required_unless_present = "dir")]
    pub shell: Option<Shell>,
    /// Write bash, zsh and fish completions and the man page into DIR
    #[arg(long, value_name = "DIR", conflicts_with = "shell")]
    pub dir: Option<PathBuf>,
}
