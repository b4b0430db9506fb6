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
    /// Import bank CSV exports into the ledger
    Import(ImportArgs),
    /// List past imports, or undo one
    #[command(subcommand)]
    Imports(ImportsCommand),
    /// List, show and detect CSV mapping profiles
    #[command(subcommand)]
    Profiles(ProfilesCommand),
    /// List transactions
    #[command(subcommand)]
    Tx(TxCommand),
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
pub struct ImportArgs {
    /// Bank CSV exports
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Account the transactions belong to (created if new; default: the profile's, or "main")
    #[arg(long, short = 'a', value_name = "NAME")]
    pub account: Option<String>,
    /// Read the files with this profile instead of choosing one
    #[arg(long, short = 'p', value_name = "NAME")]
    pub profile: Option<String>,
    /// Read and check everything, report what would happen, change nothing
    #[arg(long, short = 'n')]
    pub dry_run: bool,
    /// Import the good rows and list the bad ones (default: import nothing if any row is bad)
    #[arg(long)]
    pub skip_invalid: bool,
    /// Accept a detected layout without asking, even where detection is unsure
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportsCommand {
    /// List import batches, newest first
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Remove exactly the transactions of one import batch
    Undo {
        /// The batch id (from `imports list` or the import summary)
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfilesCommand {
    /// List built-in and user profiles
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a profile as TOML
    Show { name: String },
    /// Work out a profile from a file's content and print it as TOML
    Detect {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum TxCommand {
    /// List transactions, newest first
    List {
        /// Show at most N transactions
        #[arg(long, short = 'l', value_name = "N")]
        limit: Option<u64>,
        /// Print JSON
        #[arg(long)]
        json: bool,
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
