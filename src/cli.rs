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
    /// List, show, add, edit, delete and correct transactions
    #[command(subcommand)]
    Tx(TxCommand),
    /// Go through uncategorized and doubtful transactions, merchant by merchant, and
    /// teach smartspend their categories
    Review(ReviewArgs),
    /// A dashboard of a month (default: this month so far) or any period: income,
    /// spending, categories against budgets, trend, merchants, recurring payments
    Report(ReportArgs),
    /// Monthly budgets per category, shown in `report`
    #[command(subcommand)]
    Budget(BudgetCommand),
    /// Write transactions as CSV, JSON, a ledger (hledger) or a beancount journal
    Export(ExportArgs),
    /// A coaching report on a month (default: last month): what went well, what to
    /// watch, three things to do. Stored in the ledger; runs unattended from cron
    Coach(CoachArgs),
    /// Print statement lines as smartspend would send them to a remote service: with
    /// card, account and ID numbers, IBANs, phones, emails, names and addresses replaced
    Redact(RedactArgs),
    /// List, add, rename and remove categories
    #[command(subcommand)]
    Categories(CategoriesCommand),
    /// Manage categorization rules
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Re-run categorization over the ledger
    Categorize(CategorizeArgs),
    /// API keys and cached answers of the remote AI (the ai and llm sections of config.toml)
    #[command(subcommand)]
    Ai(AiCommand),
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
    /// Do not ask the remote AI this time (its cached answers still apply)
    #[arg(long)]
    pub no_ai: bool,
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
    /// List transactions (newest first), with filters
    List(TxListArgs),
    /// Everything about one transaction: raw line, merchant key, how it was categorized
    Show {
        /// The transaction id (from `tx list`)
        id: i64,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Add a transaction by hand (cash, a missing row)
    Add(TxAddArgs),
    /// Change a transaction's date, amount, description, note or category
    Edit(TxEditArgs),
    /// Delete a transaction
    Delete {
        /// The transaction id (from `tx list`)
        id: i64,
        /// Do not ask for confirmation
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Correct a transaction's category. By default this also makes a rule on its
    /// merchant, applied to the merchant's other transactions now and in later imports
    Categorize {
        /// The transaction id (from `tx list`)
        id: i64,
        /// The category name
        category: String,
        /// Correct only this transaction; make no rule
        #[arg(long)]
        no_rule: bool,
    },
}

/// Which transactions and how to print them.
#[derive(Debug, Args)]
pub struct TxListArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Only this account
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
    /// Only this category
    #[arg(long, value_name = "NAME", conflicts_with = "uncategorized")]
    pub category: Option<String>,
    /// Only transactions without a category
    #[arg(long)]
    pub uncategorized: bool,
    /// Only transactions categorized this way
    #[arg(long, value_enum)]
    pub source: Option<SourceArg>,
    /// Only amounts of at least this size (money in or out), e.g. 100 or 99.50
    #[arg(long, value_name = "AMOUNT")]
    pub min: Option<String>,
    /// Only amounts of at most this size (money in or out)
    #[arg(long, value_name = "AMOUNT")]
    pub max: Option<String>,
    /// Only transactions whose description, note or merchant contains TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Order of the rows
    #[arg(long, value_enum, default_value_t = crate::ledger::transactions::SortKey::Date)]
    pub sort: crate::ledger::transactions::SortKey,
    /// Reverse the order
    #[arg(long, short = 'r')]
    pub reverse: bool,
    /// Show at most N transactions
    #[arg(long, short = 'l', value_name = "N")]
    pub limit: Option<u64>,
    /// Print JSON: an array of objects with id, date, amount (decimal string, negative =
    /// money out), currency, description, category, source, account, note
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV with the same fields as --json
    #[arg(long)]
    pub csv: bool,
}

/// A month, or a span of days.
#[derive(Debug, Args, Clone, Default)]
pub struct PeriodArgs {
    /// Only this month: YYYY-MM, `this` or `last`
    #[arg(long, value_name = "MONTH", conflicts_with_all = ["from", "to"])]
    pub month: Option<String>,
    /// From this day on (YYYY-MM-DD, included)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Up to this day (YYYY-MM-DD, included)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SourceArg {
    Manual,
    Rule,
    Learned,
    Lexicon,
    Ai,
    /// Not categorized
    None,
}

impl SourceArg {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceArg::Manual => "manual",
            SourceArg::Rule => "rule",
            SourceArg::Learned => "learned",
            SourceArg::Lexicon => "lexicon",
            SourceArg::Ai => "ai",
            SourceArg::None => "none",
        }
    }
}

#[derive(Debug, Args)]
pub struct TxAddArgs {
    /// What it was for, as a bank would print it
    pub description: String,
    /// The amount: negative for money out, e.g. -4.50
    #[arg(long, allow_hyphen_values = true, value_name = "AMOUNT")]
    pub amount: String,
    /// The day (YYYY-MM-DD; default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The account (made if new)
    #[arg(long, value_name = "NAME", default_value = "cash")]
    pub account: String,
    /// ISO 4217 code (default: the account's, then `import.currency`)
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Its category (default: what the rules, model and lexicon say)
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// A note of your own
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct TxEditArgs {
    /// The transaction id (from `tx list`)
    pub id: i64,
    /// New day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// New amount, negative for money out
    #[arg(long, allow_hyphen_values = true, value_name = "AMOUNT")]
    pub amount: Option<String>,
    /// New description
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// New note (an empty one removes it)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Set the category by hand for this transaction only (`tx categorize` also makes a
    /// rule for its merchant)
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The month (YYYY-MM, `this` or `last`; default this month so far), or --from/--to
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Only this account
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
    /// Print the figures as JSON
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the figures as CSV (section, currency, name, figure, value)
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// Set a category's monthly budget (every month, or one month with --month)
    Set {
        /// The category
        category: String,
        /// The most to spend a month, e.g. 400 or 399.99
        amount: String,
        /// Only for this month (YYYY-MM, `this` or `last`)
        #[arg(long, value_name = "MONTH")]
        month: Option<String>,
        /// ISO 4217 code (default: `import.currency`, else the ledger's main currency)
        #[arg(long, value_name = "CODE")]
        currency: Option<String>,
    },
    /// List budgets
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Remove a category's budget (the every-month one, or one month's with --month)
    Remove {
        category: String,
        #[arg(long, value_name = "MONTH")]
        month: Option<String>,
        #[arg(long, value_name = "CODE")]
        currency: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    /// hledger / Ledger journal
    Ledger,
    /// beancount journal
    Beancount,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Only this account
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
    /// Write to FILE (owner-only, replaced atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CoachArgs {
    #[command(subcommand)]
    pub command: Option<CoachCommand>,
    /// The month: YYYY-MM, `last` (the default) or `this`
    #[arg(long, value_name = "MONTH", default_value = "last")]
    pub month: String,
    /// Write the report to FILE (owner-only, replaced atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Markdown, plain text, or JSON with the facts and the actions
    #[arg(long, value_enum, default_value_t = CoachFormat::Md)]
    pub format: CoachFormat,
    /// Print exactly what would be sent to a model, send nothing and store nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum CoachCommand {
    /// List the stored reports
    History {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Print a stored report again
    Show {
        /// YYYY-MM, `last` or `this`
        month: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CoachFormat {
    Md,
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum AiCommand {
    /// Keep an API key in the OS keyring (read from a hidden prompt, or from stdin)
    #[command(subcommand)]
    Key(AiKeyCommand),
    /// Show the provider in use, where its key comes from, and the cached answers
    Status,
    /// Forget the cached answers, so that the provider is asked again
    Forget,
}

#[derive(Debug, Subcommand)]
pub enum AiKeyCommand {
    /// Store the key of a provider: huggingface, openai or llm (default: the provider in use)
    Set {
        #[arg(value_name = "PROVIDER", value_parser = ["huggingface", "openai", "llm"])]
        provider: Option<String>,
    },
    /// Remove a stored key
    Remove {
        #[arg(value_name = "PROVIDER", value_parser = ["huggingface", "openai", "llm"])]
        provider: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct RedactArgs {
    /// Lines to redact (default: each line of standard input)
    #[arg(value_name = "TEXT")]
    pub texts: Vec<String>,
}

/// Which transactions `review` asks about.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Ask about at most N merchants
    #[arg(long, short = 'l', value_name = "N")]
    pub limit: Option<usize>,
    /// Only this account
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
    /// Only this month: YYYY-MM, `this` or `last`
    #[arg(long, value_name = "MONTH")]
    pub month: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CategoriesCommand {
    /// List categories and how many transactions each holds
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Add a category
    Add {
        name: String,
        /// What kind of money it is
        #[arg(long, value_enum, default_value_t = CategoryKind::Expense)]
        kind: CategoryKind,
    },
    /// Rename a category (its transactions and rules follow)
    Rename { old: String, new: String },
    /// Remove a category; its transactions and rules move to another one, or are left
    /// uncategorized and deleted
    Remove {
        name: String,
        /// Move its transactions and rules to this category
        #[arg(long, value_name = "CATEGORY", conflicts_with = "uncategorize")]
        move_to: Option<String>,
        /// Leave its transactions uncategorized and delete its rules
        #[arg(long)]
        uncategorize: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CategoryKind {
    Expense,
    Income,
    Transfer,
}

#[derive(Debug, Args)]
pub struct RuleOptions {
    /// Match the pattern as a regular expression
    #[arg(long, group = "kind")]
    pub regex: bool,
    /// Match the pattern as a whole word
    #[arg(long, group = "kind")]
    pub word: bool,
    /// Match the pattern against the merchant key exactly
    #[arg(long, group = "kind")]
    pub merchant: bool,
    /// Match the pattern anywhere in the description (the default)
    #[arg(long, group = "kind")]
    pub substring: bool,
    /// Only amounts of at least X (absolute value, e.g. 10 or 10.50)
    #[arg(long, value_name = "X")]
    pub amount_min: Option<String>,
    /// Only amounts of at most Y (absolute value)
    #[arg(long, value_name = "Y")]
    pub amount_max: Option<String>,
    /// Only money in or only money out
    #[arg(long, value_enum)]
    pub direction: Option<crate::categorize::rules::Direction>,
    /// Only transactions of this account
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
    /// Higher wins when several rules match
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub priority: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List rules
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Add a rule and apply it to the transactions not categorized by hand
    Add {
        pattern: String,
        category: String,
        #[command(flatten)]
        options: RuleOptions,
    },
    /// Change a rule
    Edit {
        id: i64,
        /// New pattern
        #[arg(long)]
        pattern: Option<String>,
        /// New category
        #[arg(long)]
        category: Option<String>,
        #[command(flatten)]
        options: RuleOptions,
    },
    /// Remove a rule
    Remove { id: i64 },
    /// Print every rule as TOML (for `rules import`, version control, another machine)
    Export,
    /// Add the rules of a TOML file written by `rules export`
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Show which rule wins for a description, which others match, and what the model
    /// and the lexicon would say
    Test {
        description: String,
        /// The amount (negative = money out)
        #[arg(long, allow_negative_numbers = true, default_value = "-1.00")]
        amount: String,
        /// The account name
        #[arg(long)]
        account: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct CategorizeArgs {
    /// Only transactions without a category (the default)
    #[arg(long, conflicts_with = "all")]
    pub uncategorized: bool,
    /// Every transaction not categorized by hand
    #[arg(long)]
    pub all: bool,
    /// Show what would change, change nothing (the remote AI answers from its cache only)
    #[arg(long, short = 'n')]
    pub dry_run: bool,
    /// Do not ask the remote AI this time
    #[arg(long)]
    pub no_ai: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
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
