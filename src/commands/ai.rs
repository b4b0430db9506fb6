//! `smartspend ai key set|remove`, `ai status`, `ai forget`.

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, Result, bail};

use super::{Ctx, api_key_account};
use crate::ai::Kind;
use crate::cli::{AiCommand, AiKeyCommand};
use crate::output;

pub fn run(cmd: AiCommand, ctx: &Ctx) -> Result<()> {
    match cmd {
        AiCommand::Key(AiKeyCommand::Set { provider }) => set_key(provider, ctx),
        AiCommand::Key(AiKeyCommand::Remove { provider }) => {
            let provider = which(provider, ctx)?;
            let store = keystore(ctx)?;
            if store.delete(&api_key_account(&provider))? {
                eprintln!("removed the {provider} API key from the {}", store.name());
            } else {
                eprintln!("the {} holds no {provider} API key", store.name());
            }
            Ok(())
        }
        AiCommand::Status => status(ctx),
        AiCommand::Forget => {
            let (_user, mut ledger, _) = ctx.open_ledger()?;
            let tx = ledger.write()?;
            let n = tx.execute("DELETE FROM ai_cache", [])?;
            crate::ledger::commit(tx).context("forgetting the answers")?;
            eprintln!(
                "forgot {n} cached answers; the next import or `smartspend categorize` asks again"
            );
            Ok(())
        }
    }
}

/// The provider named, else the one configured in `[ai]`.
fn which(provider: Option<String>, ctx: &Ctx) -> Result<String> {
    match provider {
        Some(p) => Ok(p),
        None if ctx.settings.config.ai.provider != "none" => {
            Ok(ctx.settings.config.ai.provider.clone())
        }
        None => bail!(
            "no remote AI is configured; name one: `smartspend ai key set huggingface|openai|llm`"
        ),
    }
}

fn keystore(ctx: &Ctx) -> Result<&dyn crate::crypto::KeyStore> {
    ctx.keystore().ok_or_else(|| {
        anyhow::anyhow!(
            "the keyring is turned off (keyring = false); give the key in an environment \
             variable (api_key_env) or a command (api_key_command) instead"
        )
    })
}

/// Reads the key from a hidden prompt, or the first line of stdin when it is not a
/// terminal (`pass show openai | smartspend ai key set openai`). Never from arguments.
fn set_key(provider: Option<String>, ctx: &Ctx) -> Result<()> {
    let provider = which(provider, ctx)?;
    let store = keystore(ctx)?;
    let key = if std::io::stdin().is_terminal() {
        zeroize::Zeroizing::new(
            dialoguer::Password::new()
                .with_prompt(format!("API key for {provider}"))
                .interact()
                .context("reading the key")?,
        )
    } else {
        let mut line = zeroize::Zeroizing::new(String::new());
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the key from stdin")?;
        zeroize::Zeroizing::new(line.trim().to_string())
    };
    if key.is_empty() {
        bail!("the key is empty; nothing was stored");
    }
    store
        .set_secret(&api_key_account(&provider), &key)
        .with_context(|| format!("storing the key in the {}", store.name()))?;
    eprintln!("stored the {provider} API key in the {}", store.name());
    Ok(())
}

fn status(ctx: &Ctx) -> Result<()> {
    let cfg = &ctx.settings.config;
    let mut rows: Vec<(String, String)> = vec![];
    match ctx.remote_ai(false)? {
        None => rows.push((
            "categorization".into(),
            "off: no provider in [ai]; nothing leaves this machine".into(),
        )),
        Some(r) => {
            let kind = r.provider.kind;
            rows.push((
                "categorization".into(),
                format!(
                    "{} {} at {}",
                    kind.name(),
                    r.provider.model,
                    r.provider.base_url
                ),
            ));
            rows.push((
                "its API key".into(),
                key_source(
                    ctx,
                    &cfg.ai.api_key_command,
                    &cfg.ai.api_key_env,
                    kind.default_key_env(),
                    &[kind.name()],
                ),
            ));
        }
    }
    if cfg.llm.base_url.trim().is_empty() {
        rows.push((
            "coaching reports".into(),
            "written by smartspend itself: no base_url in [llm]".into(),
        ));
    } else {
        rows.push((
            "coaching reports".into(),
            format!("{} at {}", cfg.llm.model, cfg.llm.base_url),
        ));
        rows.push((
            "its API key".into(),
            key_source(
                ctx,
                &cfg.llm.api_key_command,
                &cfg.llm.api_key_env,
                Kind::OpenAi.default_key_env(),
                &["llm", "openai"],
            ),
        ));
    }
    let mut t = output::table(["", ""], ctx.styled);
    for (k, v) in rows {
        t.add_row(vec![k, v]);
    }
    output::print(t)
}

/// Where a key would come from, without reading the secret out.
fn key_source(
    ctx: &Ctx,
    command: &str,
    env_name: &str,
    default_env: &str,
    providers: &[&str],
) -> String {
    if !command.trim().is_empty() {
        return format!("the command `{command}`");
    }
    let env_name = Some(env_name.trim())
        .filter(|e| !e.is_empty())
        .unwrap_or(default_env);
    if ctx.has_env(env_name) {
        return format!("the environment variable {env_name}");
    }
    for p in providers {
        if let Some(store) = ctx.keystore()
            && let Ok(Some(_)) = store.get_secret(&api_key_account(p))
        {
            return format!("the {} ({p})", store.name());
        }
    }
    format!(
        "none found (set {env_name}, or run `smartspend ai key set {}`)",
        providers[0]
    )
}
