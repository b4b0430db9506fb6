//! Settings, resolved once per run: command line > `SMARTSPEND_*` environment >
//! `config.toml` > defaults. Every key `k` of a section `[s]` can be set with
//! `SMARTSPEND_S_K`, a top-level key `k` with `SMARTSPEND_K`.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::{Table, Value};

use crate::crypto::kdf::{MIN_ITERATIONS, MIN_MEMORY_KIB, MIN_PARALLELISM};

/// What `config.toml` may hold. Field names are the file's keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The user to act as when there are several ("" = the only user there is).
    pub user: String,
    /// Whether `unlock` may keep keys in the OS keyring and commands may read them there.
    pub keyring: bool,
    /// A command that prints the passphrase, e.g. `pass show smartspend` (for cron).
    pub passphrase_command: String,
    pub kdf: KdfConfig,
    pub import: ImportConfig,
    pub categorize: CategorizeConfig,
    pub ai: AiConfig,
    pub llm: LlmConfig,
}

/// The remote AI tier of categorization. Off until `provider` is set. API keys are never
/// read from this file: they come from `api_key_command`, the environment or the keyring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AiConfig {
    /// `none`, `huggingface` (zero-shot classification) or `openai` (any
    /// OpenAI-compatible chat endpoint: OpenAI, Ollama, llama.cpp).
    pub provider: String,
    /// The API's address ("" = the provider's public one).
    pub base_url: String,
    /// The model ("" = the provider's usual one).
    pub model: String,
    /// The environment variable holding the API key ("" = HF_TOKEN or OPENAI_API_KEY).
    pub api_key_env: String,
    /// A command that prints the API key, e.g. `pass show openai`.
    pub api_key_command: String,
    /// Seconds to wait for one answer.
    pub timeout_secs: f64,
    /// Questions in flight at once.
    pub concurrency: u32,
    /// Merchants per question, where the provider takes several (openai).
    pub batch_size: u32,
    /// Tries again this many times after a timeout, a 5xx or a 429.
    pub retries: u32,
    /// Answers less sure than this (0 to 1) are kept in the cache but not applied.
    pub min_confidence: f64,
}

impl Default for AiConfig {
    fn default() -> Self {
        AiConfig {
            provider: "none".into(),
            base_url: String::new(),
            model: String::new(),
            api_key_env: String::new(),
            api_key_command: String::new(),
            timeout_secs: 30.0,
            concurrency: 4,
            batch_size: 25,
            retries: 3,
            min_confidence: 0.3,
        }
    }
}

/// The language model that writes `smartspend coach` reports: any OpenAI-compatible chat
/// endpoint. Off until `base_url` is set; smartspend then writes the report itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LlmConfig {
    /// e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1` ("" = off).
    pub base_url: String,
    pub model: String,
    /// The environment variable holding the API key ("" = OPENAI_API_KEY).
    pub api_key_env: String,
    /// A command that prints the API key.
    pub api_key_command: String,
    pub timeout_secs: f64,
    pub retries: u32,
}

impl Default for LlmConfig {
    fn default() -> Self {
        LlmConfig {
            base_url: String::new(),
            model: String::new(),
            api_key_env: String::new(),
            api_key_command: String::new(),
            timeout_secs: 120.0,
            retries: 2,
        }
    }
}

/// Categorization settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CategorizeConfig {
    /// The learned model answers only when at least this sure (0 to 1); below, the
    /// transaction goes to the next tier or stays for review.
    pub min_confidence: f64,
}

impl Default for CategorizeConfig {
    fn default() -> Self {
        CategorizeConfig {
            min_confidence: 0.6,
        }
    }
}

/// Import settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportConfig {
    /// ISO 4217 currency for files that do not say theirs ("" = ask).
    pub currency: String,
}

/// Argon2id parameters for new users and `user passwd` (never below OWASP's minimum).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KdfConfig {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            user: String::new(),
            keyring: true,
            passphrase_command: String::new(),
            kdf: KdfConfig::default(),
            import: ImportConfig::default(),
            categorize: CategorizeConfig::default(),
            ai: AiConfig::default(),
            llm: LlmConfig::default(),
        }
    }
}

impl Default for KdfConfig {
    fn default() -> Self {
        KdfConfig {
            memory_kib: MIN_MEMORY_KIB,
            iterations: MIN_ITERATIONS,
            parallelism: MIN_PARALLELISM,
        }
    }
}

impl KdfConfig {
    pub fn triple(&self) -> (u32, u32, u32) {
        (self.memory_kib, self.iterations, self.parallelism)
    }
}

/// A commented example, written by `config init`.
pub const EXAMPLE_CONFIG: &str = include_str!("config.example.toml");

/// Where a resolved value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File,
    Env(String),
    CommandLine(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File => f.write_str("config.toml"),
            Origin::Env(name) => write!(f, "env {name}"),
            Origin::CommandLine(flag) => write!(f, "command line {flag}"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{}: {message}", path.display())]
    File { path: PathBuf, message: String },
    #[error("{origin}: `{key}` {message}")]
    Value {
        key: String,
        origin: Origin,
        message: String,
    },
    #[error("cannot find a home folder for smartspend's data; set SMARTSPEND_HOME or --home")]
    NoHome,
}

/// One resolved setting, for `config show`.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    pub key: String,
    pub value: String,
    pub origin: String,
}

#[derive(Debug)]
pub struct Resolved {
    pub config: Config,
    pub shown: Vec<Shown>,
}

/// The environment variable for a setting key such as `kdf.memory_kib`.
pub fn env_name(key: &str) -> String {
    format!("SMARTSPEND_{}", key.replace('.', "_").to_uppercase())
}

/// Resolves settings from the four layers. `file` is the config file's path and text if
/// it exists; `cli` holds (key, flag, value) for settings given on the command line.
pub fn resolve(
    file: Option<(&Path, &str)>,
    env: &HashMap<String, String>,
    cli: &[(&str, &str, String)],
) -> Result<Resolved, SettingsError> {
    let defaults = Table::try_from(Config::default()).expect("defaults serialize");
    let mut merged = defaults.clone();
    let mut origins: HashMap<String, Origin> = HashMap::new();
    let mut default_leaves = vec![];
    flatten(&defaults, "", &mut default_leaves);

    if let Some((path, text)) = file {
        let table: Table = toml::from_str(text).map_err(|e| SettingsError::File {
            path: path.into(),
            message: e.to_string().trim_end().into(),
        })?;
        let mut leaves = vec![];
        flatten(&table, "", &mut leaves);
        for (key, value) in leaves {
            if key.ends_with("api_key") || key.ends_with("token") {
                return Err(SettingsError::File {
                    path: path.into(),
                    message: format!(
                        "`{key}`: API keys are never read from config.toml; use `smartspend ai key set`, \
                         an environment variable (api_key_env) or a command (api_key_command)"
                    ),
                });
            }
            let Some((_, default)) = default_leaves.iter().find(|(k, _)| *k == key) else {
                return Err(SettingsError::File {
                    path: path.into(),
                    message: format!("unknown setting `{key}`"),
                });
            };
            let value = match (default, value) {
                (Value::Float(_), Value::Integer(i)) => Value::Float(i as f64),
                (_, v) => v,
            };
            if default.type_str() != value.type_str() {
                return Err(SettingsError::File {
                    path: path.into(),
                    message: format!("`{key}` must be a {}", kind(default)),
                });
            }
            set(&mut merged, &key, value);
            origins.insert(key, Origin::File);
        }
    }

    for (key, default) in &default_leaves {
        let name = env_name(key);
        if let Some(text) = env.get(&name) {
            let origin = Origin::Env(name);
            set(&mut merged, key, parse_as(key, default, text, &origin)?);
            origins.insert(key.clone(), origin);
        }
    }

    for (key, flag, text) in cli {
        let default = &default_leaves
            .iter()
            .find(|(k, _)| k == key)
            .expect("command-line settings name known keys")
            .1;
        let origin = Origin::CommandLine(flag.to_string());
        set(&mut merged, key, parse_as(key, default, text, &origin)?);
        origins.insert(key.to_string(), origin);
    }

    let config: Config =
        merged
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| SettingsError::Value {
                key: String::new(),
                origin: Origin::Default,
                message: e.to_string(),
            })?;
    if !config.import.currency.is_empty()
        && crate::money::exponent(&config.import.currency).is_none()
    {
        return Err(SettingsError::Value {
            key: "import.currency".into(),
            origin: origins
                .get("import.currency")
                .cloned()
                .unwrap_or(Origin::Default),
            message: format!(
                "`{}` is not an ISO 4217 currency code",
                config.import.currency
            ),
        });
    }
    if !(0.0..=1.0).contains(&config.categorize.min_confidence) {
        return Err(SettingsError::Value {
            key: "categorize.min_confidence".into(),
            origin: origins
                .get("categorize.min_confidence")
                .cloned()
                .unwrap_or(Origin::Default),
            message: "must be between 0 and 1".into(),
        });
    }
    let origin_of = |key: &str| origins.get(key).cloned().unwrap_or(Origin::Default);
    if !["none", "huggingface", "openai"].contains(&config.ai.provider.as_str()) {
        return Err(SettingsError::Value {
            key: "ai.provider".into(),
            origin: origin_of("ai.provider"),
            message: format!(
                "must be none, huggingface or openai, not `{}`",
                config.ai.provider
            ),
        });
    }
    if !(0.0..=1.0).contains(&config.ai.min_confidence) {
        return Err(SettingsError::Value {
            key: "ai.min_confidence".into(),
            origin: origin_of("ai.min_confidence"),
            message: "must be between 0 and 1".into(),
        });
    }
    for (key, secs) in [
        ("ai.timeout_secs", config.ai.timeout_secs),
        ("llm.timeout_secs", config.llm.timeout_secs),
    ] {
        if !(secs > 0.0 && secs <= 3600.0) {
            return Err(SettingsError::Value {
                key: key.into(),
                origin: origin_of(key),
                message: "must be more than 0 and at most 3600".into(),
            });
        }
    }
    for (key, n) in [
        ("ai.concurrency", config.ai.concurrency),
        ("ai.batch_size", config.ai.batch_size),
    ] {
        if !(1..=100).contains(&n) {
            return Err(SettingsError::Value {
                key: key.into(),
                origin: origin_of(key),
                message: "must be between 1 and 100".into(),
            });
        }
    }
    let kdf_ok = config.kdf.memory_kib >= MIN_MEMORY_KIB
        && config.kdf.iterations >= MIN_ITERATIONS
        && config.kdf.parallelism >= MIN_PARALLELISM;
    if !kdf_ok {
        let key = "kdf";
        return Err(SettingsError::Value {
            key: key.into(),
            origin: origins
                .iter()
                .find(|(k, _)| k.starts_with("kdf."))
                .map_or(Origin::Default, |(_, o)| o.clone()),
            message: format!(
                "is below OWASP's minimum for Argon2id (memory_kib >= {MIN_MEMORY_KIB}, iterations >= {MIN_ITERATIONS}, parallelism >= {MIN_PARALLELISM})"
            ),
        });
    }

    let mut merged_leaves = vec![];
    flatten(&merged, "", &mut merged_leaves);
    let shown = merged_leaves
        .into_iter()
        .map(|(key, value)| Shown {
            origin: origins.get(&key).unwrap_or(&Origin::Default).to_string(),
            value: match value {
                Value::String(s) => s,
                other => other.to_string(),
            },
            key,
        })
        .collect();
    Ok(Resolved { config, shown })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Boolean(_) => "boolean (true or false)",
        Value::Integer(_) => "whole number",
        Value::Float(_) => "number",
        _ => "string",
    }
}

fn parse_as(
    key: &str,
    default: &Value,
    text: &str,
    origin: &Origin,
) -> Result<Value, SettingsError> {
    let bad = || SettingsError::Value {
        key: key.into(),
        origin: origin.clone(),
        message: format!("must be a {}, not {text:?}", kind(default)),
    };
    Ok(match default {
        Value::Boolean(_) => match text.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Value::Boolean(true),
            "0" | "false" | "no" | "off" => Value::Boolean(false),
            _ => return Err(bad()),
        },
        Value::Integer(_) => Value::Integer(text.trim().parse().map_err(|_| bad())?),
        Value::Float(_) => Value::Float(text.trim().parse().map_err(|_| bad())?),
        _ => Value::String(text.into()),
    })
}

/// Leaves of a table as (dotted key, value), in the table's order.
fn flatten(table: &Table, prefix: &str, out: &mut Vec<(String, Value)>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            Value::Table(t) => flatten(t, &key, out),
            other => out.push((key, other.clone())),
        }
    }
}

fn set(table: &mut Table, key: &str, value: Value) {
    match key.split_once('.') {
        Some((head, rest)) => {
            let inner = table
                .entry(head)
                .or_insert_with(|| Value::Table(Table::new()));
            if let Value::Table(t) = inner {
                set(t, rest, value);
            }
        }
        None => {
            table.insert(key.into(), value);
        }
    }
}

/// Where smartspend keeps its files.
#[derive(Debug, Clone)]
pub struct Paths {
    pub config_file: PathBuf,
    pub users_dir: PathBuf,
}

impl Paths {
    /// The user's own mapping profiles, next to `config.toml`.
    pub fn profiles_dir(&self) -> PathBuf {
        self.config_file
            .parent()
            .map_or_else(|| PathBuf::from("profiles"), |d| d.join("profiles"))
    }
}

impl Paths {
    /// `home` (from `--home` or `SMARTSPEND_HOME`) puts everything under one folder;
    /// otherwise the platform's config and data folders are used.
    pub fn new(home: Option<&Path>) -> Result<Paths, SettingsError> {
        if let Some(home) = home {
            return Ok(Paths {
                config_file: home.join("config.toml"),
                users_dir: home.join("users"),
            });
        }
        let dirs =
            directories::ProjectDirs::from("", "", "smartspend").ok_or(SettingsError::NoHome)?;
        Ok(Paths {
            config_file: dirs.config_dir().join("config.toml"),
            users_dir: dirs.data_dir().join("users"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn shown<'a>(r: &'a Resolved, key: &str) -> &'a Shown {
        r.shown.iter().find(|s| s.key == key).unwrap()
    }

    #[test]
    fn precedence_is_cli_then_env_then_file_then_default() {
        let path = Path::new("config.toml");
        let file =
            "user = \"from-file\"\npassphrase_command = \"pass show x\"\n[kdf]\niterations = 3\n";
        let e = env(&[
            ("SMARTSPEND_USER", "from-env"),
            ("SMARTSPEND_KDF_ITERATIONS", "4"),
            ("SMARTSPEND_KEYRING", "off"),
        ]);
        let cli = [("user", "--user", "from-cli".to_string())];
        let r = resolve(Some((path, file)), &e, &cli).unwrap();
        assert_eq!(r.config.user, "from-cli");
        assert_eq!(shown(&r, "user").origin, "command line --user");
        assert_eq!(r.config.kdf.iterations, 4);
        assert_eq!(
            shown(&r, "kdf.iterations").origin,
            "env SMARTSPEND_KDF_ITERATIONS"
        );
        assert!(!r.config.keyring);
        assert_eq!(r.config.passphrase_command, "pass show x");
        assert_eq!(shown(&r, "passphrase_command").origin, "config.toml");
        assert_eq!(r.config.kdf.memory_kib, MIN_MEMORY_KIB);
        assert_eq!(shown(&r, "kdf.memory_kib").origin, "default");

        let r = resolve(Some((path, file)), &e, &[]).unwrap();
        assert_eq!(r.config.user, "from-env");
        let r = resolve(Some((path, file)), &HashMap::new(), &[]).unwrap();
        assert_eq!(r.config.user, "from-file");
        assert_eq!(r.config.kdf.iterations, 3);
        let r = resolve(None, &HashMap::new(), &[]).unwrap();
        assert_eq!(r.config, Config::default());
    }

    #[test]
    fn bad_files_and_values_name_where_they_came_from() {
        let path = Path::new("c.toml");
        let err = resolve(Some((path, "colour = 1")), &HashMap::new(), &[]).unwrap_err();
        assert!(
            err.to_string().contains("unknown setting `colour`"),
            "{err}"
        );
        let err = resolve(Some((path, "keyring = \"yes\"")), &HashMap::new(), &[]).unwrap_err();
        assert!(
            err.to_string().contains("`keyring` must be a boolean"),
            "{err}"
        );
        let err = resolve(Some((path, "user = ")), &HashMap::new(), &[]).unwrap_err();
        assert!(err.to_string().starts_with("c.toml:"), "{err}");
        let err = resolve(None, &env(&[("SMARTSPEND_KDF_MEMORY_KIB", "lots")]), &[]).unwrap_err();
        assert!(
            err.to_string().contains("env SMARTSPEND_KDF_MEMORY_KIB"),
            "{err}"
        );
        let err = resolve(None, &env(&[("SMARTSPEND_KDF_MEMORY_KIB", "1024")]), &[]).unwrap_err();
        assert!(err.to_string().contains("below OWASP"), "{err}");
    }

    #[test]
    fn example_config_parses_and_names_only_known_keys() {
        let r = resolve(
            Some((Path::new("example"), EXAMPLE_CONFIG)),
            &HashMap::new(),
            &[],
        );
        assert!(r.is_ok(), "{r:?}");
    }
}
