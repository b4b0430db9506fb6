//! Command glue: read args, call the domain, hand the result to `output`.

mod ai;
mod budget;
mod categories;
mod categorize;
mod coach;
mod completions;
mod config;
mod export;
mod import;
mod profiles;
mod report;
mod review;
mod rules;
mod status;
mod tx;
mod unlock;
mod user;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::{Command as Process, Stdio};

use anyhow::{Context, Result, bail};

use crate::cli::{Cli, Command, GlobalArgs};
use crate::crypto::{FolderKeyStore, Key, KeyStore, OsKeyring, Passphrase};
use crate::error::CliError;
use crate::fsutil;
use crate::ledger::Ledger;
use crate::output;
use crate::settings::{self, Paths, Resolved};
use crate::user::{User, UserError, UserStore};

pub fn run(cli: Cli, env: HashMap<String, String>) -> Result<()> {
    // These need no settings, so work even with a broken config.toml.
    match &cli.command {
        Command::Completions(args) => return completions::run(args),
        Command::Redact(args) => return redact(args),
        _ => {}
    }
    let ctx = Ctx::new(&cli.global, env)?;
    match cli.command {
        Command::User(cmd) => user::run(cmd, &ctx),
        Command::Unlock => unlock::unlock(&ctx),
        Command::Lock => unlock::lock(&ctx),
        Command::Import(args) => import::run(&args, &ctx),
        Command::Imports(cmd) => import::imports(cmd, &ctx),
        Command::Profiles(cmd) => profiles::run(cmd, &ctx),
        Command::Tx(cmd) => tx::run(cmd, &ctx),
        Command::Review(args) => review::run(&args, &ctx),
        Command::Report(args) => report::run(&args, &ctx),
        Command::Coach(args) => coach::run(&args, &ctx),
        Command::Budget(cmd) => budget::run(cmd, &ctx),
        Command::Export(args) => export::run(&args, &ctx),
        Command::Categories(cmd) => categories::run(cmd, &ctx),
        Command::Rules(cmd) => rules::run(cmd, &ctx),
        Command::Categorize(args) => categorize::run(&args, &ctx),
        Command::Ai(cmd) => ai::run(cmd, &ctx),
        Command::Status(args) => status::run(&args, &ctx),
        Command::Config(cmd) => config::run(cmd, &ctx),
        Command::Completions(_) | Command::Redact(_) => unreachable!("handled above"),
    }
}

/// `smartspend redact`: each argument, or each line of stdin, redacted.
fn redact(args: &crate::cli::RedactArgs) -> Result<()> {
    use std::io::{BufRead, Write};
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.texts.is_empty() {
        for line in std::io::stdin().lock().lines() {
            writeln!(out, "{}", crate::redact::redact(&line?))?;
        }
    } else {
        for text in &args.texts {
            writeln!(out, "{}", crate::redact::redact(text))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// How the ledger key was obtained, for messages and `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    PassphraseFile,
    Env,
    Command,
    Keyring,
    Prompt,
}

impl KeySource {
    pub fn describe(self) -> &'static str {
        match self {
            KeySource::PassphraseFile => "--passphrase-file",
            KeySource::Env => "SMARTSPEND_PASSPHRASE",
            KeySource::Command => "passphrase_command",
            KeySource::Keyring => "OS keyring",
            KeySource::Prompt => "prompt",
        }
    }
}

/// What the command line and environment mean, resolved once.
pub struct Ctx {
    pub paths: Paths,
    pub settings: Resolved,
    passphrase_file: Option<PathBuf>,
    env_passphrase: Option<Passphrase>,
    env_new_passphrase: Option<Passphrase>,
    keystore: Option<Box<dyn KeyStore>>,
    /// The environment, without the passphrases.
    env: HashMap<String, String>,
    /// Prompts are possible (stdin and stderr are terminals, or a test forces it).
    pub interactive: bool,
    pub color: bool,
    pub styled: bool,
    /// Today, for `--month last` and new transactions (SMARTSPEND_TEST_TODAY in tests).
    pub today: chrono::NaiveDate,
}

impl Ctx {
    pub fn new(global: &GlobalArgs, mut env: HashMap<String, String>) -> Result<Ctx> {
        let home = global
            .home
            .clone()
            .or_else(|| env.get("SMARTSPEND_HOME").map(PathBuf::from));
        let paths = Paths::new(home.as_deref())?;
        let text = match std::fs::read_to_string(&paths.config_file) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(e).with_context(|| {
                    format!("reading config file {}", paths.config_file.display())
                });
            }
        };
        let mut cli = vec![];
        if let Some(user) = &global.user {
            cli.push(("user", "--user", user.clone()));
        }
        let settings = settings::resolve(
            text.as_deref().map(|t| (paths.config_file.as_path(), t)),
            &env,
            &cli,
        )?;
        let keystore: Option<Box<dyn KeyStore>> = if !settings.config.keyring {
            None
        } else if let Some(dir) = env.get("SMARTSPEND_TEST_KEYRING") {
            Some(Box::new(FolderKeyStore { dir: dir.into() }))
        } else {
            Some(Box::new(OsKeyring))
        };
        let force_tty = env.get("SMARTSPEND_TEST_TTY").is_some_and(|v| v == "1");
        let stdout_tty = output::stdout_is_tty() || force_tty;
        let color = output::resolve_color(
            global.color,
            env.get("NO_COLOR").is_some_and(|v| !v.is_empty()),
            stdout_tty,
        );
        // comfy-table's terminal library reads NO_COLOR itself; `--color always` wins.
        crossterm::style::force_color_output(color);
        Ok(Ctx {
            paths,
            passphrase_file: global.passphrase_file.clone(),
            env_passphrase: env.remove("SMARTSPEND_PASSPHRASE").map(Passphrase::new),
            env_new_passphrase: env.remove("SMARTSPEND_NEW_PASSPHRASE").map(Passphrase::new),
            keystore,
            interactive: force_tty
                || (std::io::stdin().is_terminal() && std::io::stderr().is_terminal()),
            color,
            styled: stdout_tty,
            today: match env.get("SMARTSPEND_TEST_TODAY") {
                Some(d) => crate::period::parse_date(d)?,
                None => chrono::Local::now().date_naive(),
            },
            settings,
            env,
        })
    }

    pub fn users(&self) -> UserStore {
        UserStore::new(self.paths.users_dir.clone())
    }

    /// The user this command acts on.
    pub fn user(&self) -> Result<User> {
        let wanted = Some(self.settings.config.user.as_str()).filter(|u| !u.is_empty());
        Ok(self.users().select(wanted)?)
    }

    pub fn keystore(&self) -> Option<&dyn KeyStore> {
        self.keystore.as_deref()
    }

    /// A passphrase from a source that needs no human: `--passphrase-file`, then
    /// SMARTSPEND_PASSPHRASE, then `passphrase_command`.
    pub fn passphrase_unattended(&self) -> Result<Option<(Passphrase, KeySource)>> {
        if let Some(path) = &self.passphrase_file {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading passphrase file {}", path.display()))?;
            if fsutil::readable_by_others(path) {
                eprintln!(
                    "smartspend: warning: passphrase file {} can be read by other users; chmod 600 it",
                    path.display()
                );
            }
            let first_line = text.lines().next().unwrap_or("").to_string();
            drop(zeroize::Zeroizing::new(text));
            return Ok(Some((
                Passphrase::new(first_line),
                KeySource::PassphraseFile,
            )));
        }
        if let Some(p) = &self.env_passphrase {
            return Ok(Some((
                Passphrase::new(p.expose().to_string()),
                KeySource::Env,
            )));
        }
        let cmd = &self.settings.config.passphrase_command;
        if !cmd.trim().is_empty() {
            return Ok(Some((run_passphrase_command(cmd)?, KeySource::Command)));
        }
        Ok(None)
    }

    pub fn new_passphrase_from_env(&self) -> Option<Passphrase> {
        self.env_new_passphrase
            .as_ref()
            .map(|p| Passphrase::new(p.expose().to_string()))
    }

    /// Asks on the terminal; `confirm` asks twice (for a new passphrase).
    pub fn prompt_passphrase(&self, prompt: &str, confirm: bool) -> Result<Passphrase> {
        let mut p = dialoguer::Password::new().with_prompt(prompt);
        if confirm {
            p = p.with_confirmation("Repeat it", "the two passphrases differ");
        }
        Ok(Passphrase::new(
            p.interact().context("reading the passphrase")?,
        ))
    }

    /// Finds the key of `user`: unattended sources, then the keyring, then a prompt.
    pub fn key_for(&self, user: &User) -> Result<(Key, KeySource)> {
        if let Some((pass, source)) = self.passphrase_unattended()? {
            let key = user.derive_key(&pass)?;
            if !user.key_matches(&key) {
                return Err(UserError::WrongPassphrase(user.name().into()).into());
            }
            return Ok((key, source));
        }
        if let Some(store) = self.keystore() {
            // Any keyring trouble falls through quietly to the next source.
            if let Ok(Some(key)) = store.get(&user.keyring_account()) {
                if user.key_matches(&key) {
                    return Ok((key, KeySource::Keyring));
                }
                // The passphrase was changed elsewhere; the stored key is stale.
                let _ = store.delete(&user.keyring_account());
            }
        }
        if self.interactive {
            let pass = self.prompt_passphrase(&format!("Passphrase for {}", user.name()), false)?;
            let key = user.derive_key(&pass)?;
            if !user.key_matches(&key) {
                return Err(UserError::WrongPassphrase(user.name().into()).into());
            }
            return Ok((key, KeySource::Prompt));
        }
        Err(CliError::Locked(user.name().into()).into())
    }

    /// The selected user's ledger, unlocked.
    pub fn open_ledger(&self) -> Result<(User, Ledger, KeySource)> {
        let user = self.user()?;
        let (key, source) = self.key_for(&user)?;
        let ledger = user
            .open(&key)
            .with_context(|| format!("opening the ledger of user `{}`", user.name()))?;
        Ok((user, ledger, source))
    }

    /// An API key: from `command` if set, else the environment variable `env_name`, else
    /// the keyring under the first of `accounts` that holds one. None when there is none
    /// (a local server may need none).
    pub fn api_key(
        &self,
        command: &str,
        env_name: &str,
        accounts: &[&str],
    ) -> Result<Option<zeroize::Zeroizing<String>>> {
        if !command.trim().is_empty() {
            return Ok(Some(run_secret_command(command, "api_key_command")?));
        }
        if let Some(key) = self.env.get(env_name).filter(|k| !k.trim().is_empty()) {
            return Ok(Some(zeroize::Zeroizing::new(key.trim().to_string())));
        }
        for account in accounts {
            if let Some(Ok(Some(key))) = self.keystore().map(|s| s.get_secret(account)) {
                return Ok(Some(key));
            }
        }
        Ok(None)
    }

    /// Whether the environment variable `name` is set and not empty.
    pub fn has_env(&self, name: &str) -> bool {
        self.env.get(name).is_some_and(|v| !v.trim().is_empty())
    }

    /// The remote AI provider of `[ai]`, unless none is set or `no_ai`.
    pub fn remote_ai(&self, no_ai: bool) -> Result<Option<crate::ai::Remote>> {
        let cfg = &self.settings.config.ai;
        let Some(kind) = crate::ai::Kind::parse(&cfg.provider).filter(|_| !no_ai) else {
            return Ok(None);
        };
        let env_name = Some(cfg.api_key_env.trim())
            .filter(|e| !e.is_empty())
            .unwrap_or(kind.default_key_env());
        let key = self.api_key(
            &cfg.api_key_command,
            env_name,
            &[&api_key_account(kind.name())],
        )?;
        Ok(crate::ai::Remote::new(cfg, key)?)
    }

    /// The language model of `[llm]` for coaching reports, unless none is set: its client,
    /// address and model.
    pub fn llm(&self) -> Result<Option<(crate::ai::http::Client, String, String)>> {
        let cfg = &self.settings.config.llm;
        if cfg.base_url.trim().is_empty() {
            return Ok(None);
        }
        if cfg.model.trim().is_empty() {
            bail!("[llm] has a base_url but no model; set `model` (SMARTSPEND_LLM_MODEL)");
        }
        let env_name = Some(cfg.api_key_env.trim())
            .filter(|e| !e.is_empty())
            .unwrap_or("OPENAI_API_KEY");
        let key = self.api_key(
            &cfg.api_key_command,
            env_name,
            &[&api_key_account("llm"), &api_key_account("openai")],
        )?;
        let client = crate::ai::http::Client::new(
            key,
            crate::ai::http::Options::new(cfg.timeout_secs, cfg.retries),
        )?;
        Ok(Some((
            client,
            cfg.base_url.trim().to_string(),
            cfg.model.trim().to_string(),
        )))
    }

    /// Fails with a hint unless prompts are possible.
    pub fn require_terminal(&self, what: &str, hint: &str) -> Result<()> {
        if self.interactive {
            Ok(())
        } else {
            Err(CliError::NotATerminal {
                what: what.into(),
                hint: hint.into(),
            }
            .into())
        }
    }
}

/// The keyring account of a provider's API key.
pub fn api_key_account(provider: &str) -> String {
    format!("api-key:{provider}")
}

/// Runs `passphrase_command` through the shell and takes the first line it prints.
fn run_passphrase_command(cmd: &str) -> Result<Passphrase> {
    let line = run_secret_command(cmd, "passphrase_command")?;
    Ok(Passphrase::new(line.to_string()))
}

/// Runs a command that prints a secret (`setting` names it in errors) and takes the first
/// line of its output: like `pass`, later lines may hold notes.
fn run_secret_command(cmd: &str, setting: &str) -> Result<zeroize::Zeroizing<String>> {
    let mut shell = if cfg!(windows) {
        let mut c = Process::new("cmd");
        c.arg("/C");
        c
    } else {
        let mut c = Process::new("sh");
        c.arg("-c");
        c
    };
    let out = shell
        .arg(cmd)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running {setting} `{cmd}`"))?;
    if !out.status.success() {
        bail!("{setting} `{cmd}` failed ({})", out.status);
    }
    let text = zeroize::Zeroizing::new(out.stdout);
    let text = std::str::from_utf8(&text)
        .with_context(|| format!("{setting} `{cmd}` printed something that is not UTF-8"))?;
    Ok(zeroize::Zeroizing::new(
        text.lines().next().unwrap_or("").to_string(),
    ))
}
