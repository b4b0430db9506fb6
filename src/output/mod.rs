//! Rendering: tables (comfy-table) and JSON on stdout; colour choice.

use std::io::IsTerminal;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::ColorChoice;

/// `--color` wins, then `NO_COLOR`, then whether stdout is a terminal.
pub fn resolve_color(choice: ColorChoice, no_color_env: bool, stdout_tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color_env && stdout_tty,
    }
}

pub fn stdout_is_tty() -> bool {
    std::io::stdout().is_terminal()
}

/// A table with smartspend's look: borders on a terminal, plain when piped.
pub fn table<I, S>(header: I, styled: bool) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut t = Table::new();
    if styled {
        t.load_style(presets::UTF8_FULL_CONDENSED);
    } else {
        t.load_style(presets::ASCII_MARKDOWN);
        t.force_no_tty();
    }
    // Wrap to the terminal's width, unless it reports none worth the name (a bare pty).
    if t.width().is_some_and(|w| w >= 40) {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    }
    let header: Vec<comfy_table::Cell> = header.into_iter().map(Into::into).collect();
    if !header.is_empty() {
        t.set_header(header);
    }
    t
}

/// A table whose cells may carry colour: with `color`, colour is written even when the
/// output is not a terminal (`--color always`).
pub fn color_table<I, S>(header: I, styled: bool, color: bool) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut t = table(header, styled);
    if color {
        t.enforce_styling();
    }
    t
}

/// A two-column table of names and values, without a header.
pub fn kv_table(rows: Vec<(String, String)>, styled: bool) -> Table {
    let mut t = table(Vec::<String>::new(), styled);
    for (k, v) in rows {
        t.add_row(vec![k, v]);
    }
    t
}

/// Prints to stdout. Unlike `println!`, a closed pipe is an error to return, not a
/// panic, so that `smartspend ... | head` ends quietly.
pub fn print(text: impl std::fmt::Display) -> anyhow::Result<()> {
    use std::io::Write;
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(())
}

pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    print(serde_json::to_string_pretty(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_precedence() {
        assert!(resolve_color(ColorChoice::Always, true, false));
        assert!(!resolve_color(ColorChoice::Never, false, true));
        assert!(!resolve_color(ColorChoice::Auto, true, true));
        assert!(resolve_color(ColorChoice::Auto, false, true));
        assert!(!resolve_color(ColorChoice::Auto, false, false));
    }
}
