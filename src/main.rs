use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use smartspend::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The environment is read once, here; domain modules never look at it. (All of it:
    // API keys live in variables whose names the settings choose.)
    let env: HashMap<String, String> = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect();
    match smartspend::commands::run(cli, env) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if is_broken_pipe(&err) {
                // `smartspend ... | head` is not an error.
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "smartspend: error: {err}");
            for cause in err.chain().skip(1) {
                let _ = writeln!(stderr, "  caused by: {cause}");
            }
            ExitCode::from(smartspend::error::exit_code(&err) as u8)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
