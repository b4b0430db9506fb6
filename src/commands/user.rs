//! `smartspend user add | list | remove | passwd`.

use anyhow::{Context, Result};
use serde::Serialize;

use super::Ctx;
use crate::cli::UserCommand;
use crate::crypto::Passphrase;
use crate::output;

pub fn run(cmd: UserCommand, ctx: &Ctx) -> Result<()> {
    match cmd {
        UserCommand::Add { name } => add(&name, ctx),
        UserCommand::List { json } => list(json, ctx),
        UserCommand::Remove { name, yes } => remove(&name, yes, ctx),
        UserCommand::Passwd {
            new_passphrase_file,
        } => passwd(new_passphrase_file.as_deref(), ctx),
    }
}

fn add(name: &str, ctx: &Ctx) -> Result<()> {
    crate::user::validate_name(name)?;
    let store = ctx.users();
    if store.names()?.iter().any(|n| n == name) {
        return Err(crate::user::UserError::Exists(name.into()).into());
    }
    let pass = match ctx.passphrase_unattended()? {
        Some((p, _)) => p,
        None => {
            ctx.require_terminal(
                "choosing a passphrase",
                "give it with --passphrase-file FILE or SMARTSPEND_PASSPHRASE",
            )?;
            ctx.prompt_passphrase(&format!("New passphrase for {name}"), true)?
        }
    };
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let (user, _key) = store
        .create(name, &pass, ctx.settings.config.kdf.triple(), &now)
        .with_context(|| format!("creating user `{name}`"))?;
    eprintln!(
        "created user `{}` with an encrypted ledger in {}",
        user.name(),
        user.dir.display()
    );
    eprintln!(
        "keep the passphrase safe: without it the ledger cannot be opened by anyone, smartspend included"
    );
    Ok(())
}

#[derive(Serialize)]
struct UserRow {
    name: String,
    created: String,
    ledger: String,
    size_bytes: u64,
}

fn list(json: bool, ctx: &Ctx) -> Result<()> {
    let store = ctx.users();
    let mut rows = vec![];
    for name in store.names()? {
        let user = store.get(&name)?;
        let path = user.ledger_path();
        rows.push(UserRow {
            size_bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            ledger: path.display().to_string(),
            created: user.file.created.clone(),
            name,
        });
    }
    if json {
        return output::print_json(&rows);
    }
    if rows.is_empty() {
        eprintln!("no users yet; create one with `smartspend user add NAME`");
        return Ok(());
    }
    let mut t = output::table(["user", "created", "ledger", "size"], ctx.styled);
    for r in &rows {
        t.add_row(vec![
            r.name.clone(),
            r.created.clone(),
            r.ledger.clone(),
            format!("{} KiB", r.size_bytes.div_ceil(1024)),
        ]);
    }
    output::print(t)
}

fn remove(name: &str, yes: bool, ctx: &Ctx) -> Result<()> {
    let store = ctx.users();
    let user = store.get(name)?;
    if !yes {
        ctx.require_terminal(
            &format!("removing user `{name}`"),
            "pass --yes to remove without being asked",
        )?;
        let sure = dialoguer::Confirm::new()
            .with_prompt(format!(
                "Delete user `{name}` and their whole ledger? This cannot be undone"
            ))
            .default(false)
            .interact()
            .context("asking for confirmation")?;
        if !sure {
            eprintln!("kept user `{name}`");
            return Ok(());
        }
    }
    if let Some(ks) = ctx.keystore() {
        let _ = ks.delete(&user.keyring_account());
    }
    store.remove(&user)?;
    eprintln!("removed user `{name}` and their ledger");
    Ok(())
}

fn passwd(new_file: Option<&std::path::Path>, ctx: &Ctx) -> Result<()> {
    let user = ctx.user()?;
    let (old_key, _) = ctx.key_for(&user)?;
    let new_pass = if let Some(path) = new_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading new passphrase file {}", path.display()))?;
        Passphrase::new(text.lines().next().unwrap_or("").to_string())
    } else if let Some(p) = ctx.new_passphrase_from_env() {
        p
    } else {
        ctx.require_terminal(
            "choosing a new passphrase",
            "give it with --new-passphrase-file FILE or SMARTSPEND_NEW_PASSPHRASE",
        )?;
        ctx.prompt_passphrase(&format!("New passphrase for {}", user.name()), true)?
    };
    let (new_user, new_key) = user
        .change_passphrase(&old_key, &new_pass, ctx.settings.config.kdf.triple())
        .with_context(|| format!("changing the passphrase of user `{}`", user.name()))?;
    // A key kept by `unlock` is now stale: replace it so the user stays unlocked.
    if let Some(ks) = ctx.keystore()
        && matches!(ks.get(&user.keyring_account()), Ok(Some(_)))
    {
        let _ = ks.set(&new_user.keyring_account(), &new_key);
    }
    eprintln!(
        "changed the passphrase of user `{}`; the old one no longer opens the ledger",
        user.name()
    );
    Ok(())
}
