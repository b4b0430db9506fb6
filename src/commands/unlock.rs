//! `smartspend unlock` and `smartspend lock`.

use anyhow::{Result, anyhow, bail};

use super::{Ctx, KeySource};
use crate::user::UserError;

const OTHER_WAYS: &str = "other ways to skip the prompt: `passphrase_command` in config.toml \
(e.g. `pass show smartspend`), SMARTSPEND_PASSPHRASE, or --passphrase-file FILE";

pub fn unlock(ctx: &Ctx) -> Result<()> {
    let user = ctx.user()?;
    let Some(store) = ctx.keystore() else {
        bail!(
            "the OS keyring is turned off (keyring = false or SMARTSPEND_KEYRING=off)\nhint: {OTHER_WAYS}"
        );
    };
    // Ask for the passphrase even if a key is stored: unlocking proves it anew.
    let (pass, _) = match ctx.passphrase_unattended()? {
        Some(found) => found,
        None => {
            ctx.require_terminal("unlocking", OTHER_WAYS)?;
            let p = ctx.prompt_passphrase(&format!("Passphrase for {}", user.name()), false)?;
            (p, KeySource::Prompt)
        }
    };
    let key = user.derive_key(&pass)?;
    if !user.key_matches(&key) {
        return Err(UserError::WrongPassphrase(user.name().into()).into());
    }
    store
        .set(&user.keyring_account(), &key)
        .map_err(|e| anyhow!("cannot keep the key: {e}\nhint: {OTHER_WAYS}"))?;
    eprintln!(
        "unlocked user `{}`: commands take the key from the {} until `smartspend lock`",
        user.name(),
        store.name()
    );
    Ok(())
}

pub fn lock(ctx: &Ctx) -> Result<()> {
    let user = ctx.user()?;
    let Some(store) = ctx.keystore() else {
        eprintln!("the OS keyring is turned off; nothing to lock");
        return Ok(());
    };
    let removed = store
        .delete(&user.keyring_account())
        .map_err(|e| anyhow!("cannot remove the key: {e}"))?;
    if removed {
        eprintln!(
            "locked user `{}`: the key is gone from the {}",
            user.name(),
            store.name()
        );
    } else {
        eprintln!("user `{}` was not unlocked", user.name());
    }
    Ok(())
}
