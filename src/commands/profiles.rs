//! `smartspend profiles list | show | detect`.

use anyhow::{Result, bail};
use serde::Serialize;

use super::Ctx;
use crate::cli::ProfilesCommand;
use crate::import::{self, detect, profiles};
use crate::output;

#[derive(Serialize)]
struct ProfileRow {
    name: String,
    description: String,
    origin: String,
}

pub fn run(cmd: ProfilesCommand, ctx: &Ctx) -> Result<()> {
    let entries = profiles::load(&ctx.paths.profiles_dir())?;
    match cmd {
        ProfilesCommand::List { json } => {
            let rows: Vec<ProfileRow> = entries
                .iter()
                .map(|e| ProfileRow {
                    name: e.profile.name.clone(),
                    description: e.profile.description.clone(),
                    origin: match &e.origin {
                        profiles::Origin::BuiltIn => "built-in".into(),
                        profiles::Origin::User(p) => p.display().to_string(),
                    },
                })
                .collect();
            if json {
                return output::print_json(&rows);
            }
            let mut t = output::table(["profile", "description", "from"], ctx.styled);
            for r in rows {
                t.add_row(vec![r.name, r.description, r.origin]);
            }
            output::print(t)
        }
        ProfilesCommand::Show { name } => {
            let Some(e) = entries.iter().find(|e| e.profile.name == name) else {
                bail!("no profile named `{name}`; `smartspend profiles list` shows them");
            };
            output::print(e.profile.to_toml().trim_end())
        }
        ProfilesCommand::Detect { file } => {
            let sample = import::sample(&file)?;
            let fallback =
                Some(ctx.settings.config.import.currency.as_str()).filter(|c| !c.is_empty());
            if let Some(e) = profiles::best_match(&entries, &sample.text) {
                eprintln!(
                    "note: {} matches the `{}` profile, which import uses without --profile",
                    file.display(),
                    e.profile.name
                );
            }
            let d = detect::detect(&sample, fallback)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let mut text = format!(
                "# Detected from {}. Save as profiles/NAME.toml in the config folder.\n",
                file.file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned())
            );
            for doubt in &d.doubts {
                text.push_str(&format!("# UNSURE: {doubt}\n"));
            }
            text.push_str(&d.profile.to_toml());
            output::print(text.trim_end())
        }
    }
}
