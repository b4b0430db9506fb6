//! `smartspend completions SHELL` and `completions --dir DIR` (also writes the man page).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs) -> Result<()> {
    match (&args.dir, args.shell) {
        (Some(dir), _) => write_all(dir),
        (None, Some(shell)) => {
            let mut buf = vec![];
            clap_complete::generate(shell, &mut Cli::command(), "smartspend", &mut buf);
            crate::output::print(String::from_utf8_lossy(&buf).trim_end())
        }
        (None, None) => unreachable!("clap requires a shell or --dir"),
    }
}

/// Writes what `completions/` in the repository holds.
fn write_all(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for (shell, file) in [
        (Shell::Bash, "smartspend.bash"),
        (Shell::Zsh, "_smartspend"),
        (Shell::Fish, "smartspend.fish"),
    ] {
        let mut buf = vec![];
        clap_complete::generate(shell, &mut Cli::command(), "smartspend", &mut buf);
        let path = dir.join(file);
        fs::write(&path, buf).with_context(|| format!("writing {}", path.display()))?;
    }
    let mut buf = vec![];
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    let path = dir.join("smartspend.1");
    fs::write(&path, buf).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
