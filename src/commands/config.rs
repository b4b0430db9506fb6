//! `smartspend config show | init`.

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::Ctx;
use crate::cli::ConfigCommand;
use crate::settings::{EXAMPLE_CONFIG, Shown};
use crate::{fsutil, output};

#[derive(Serialize)]
struct ConfigReport<'a> {
    config_file: String,
    config_file_exists: bool,
    users_dir: String,
    settings: &'a [Shown],
}

pub fn run(cmd: ConfigCommand, ctx: &Ctx) -> Result<()> {
    match cmd {
        ConfigCommand::Show { json } => show(json, ctx),
        ConfigCommand::Init => init(ctx),
    }
}

fn show(json: bool, ctx: &Ctx) -> Result<()> {
    let report = ConfigReport {
        config_file: ctx.paths.config_file.display().to_string(),
        config_file_exists: ctx.paths.config_file.exists(),
        users_dir: ctx.paths.users_dir.display().to_string(),
        settings: &ctx.settings.shown,
    };
    if json {
        return output::print_json(&report);
    }
    let mut t = output::table(["setting", "value", "from"], ctx.styled);
    let exists = if report.config_file_exists {
        ""
    } else {
        " (absent)"
    };
    t.add_row(vec![
        "config file".to_string(),
        format!("{}{exists}", report.config_file),
        String::new(),
    ]);
    t.add_row(vec![
        "users folder".to_string(),
        report.users_dir,
        String::new(),
    ]);
    for s in report.settings {
        t.add_row(vec![s.key.clone(), s.value.clone(), s.origin.clone()]);
    }
    output::print(t)
}

fn init(ctx: &Ctx) -> Result<()> {
    let path = &ctx.paths.config_file;
    if path.exists() {
        bail!("{} already exists; not overwriting it", path.display());
    }
    if let Some(dir) = path.parent() {
        fsutil::create_private_dir(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    fsutil::write_private_atomic(path, EXAMPLE_CONFIG.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
