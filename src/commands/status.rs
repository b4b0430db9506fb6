//! `smartspend status`: unlock the ledger and say what it holds.

use anyhow::Result;
use serde::Serialize;

use super::Ctx;
use crate::cli::StatusArgs;
use crate::output;

#[derive(Serialize)]
struct Status {
    user: String,
    ledger: String,
    schema_version: i64,
    unlocked_with: &'static str,
    tables: Vec<(String, i64)>,
}

pub fn run(args: &StatusArgs, ctx: &Ctx) -> Result<()> {
    let (user, ledger, source) = ctx.open_ledger()?;
    let status = Status {
        user: user.name().into(),
        ledger: ledger.path().display().to_string(),
        schema_version: ledger.schema_version()?,
        unlocked_with: source.describe(),
        tables: ledger.table_counts()?,
    };
    if args.json {
        return output::print_json(&status);
    }
    let mut rows = vec![
        ("user".to_string(), status.user),
        ("ledger".to_string(), status.ledger),
        (
            "schema version".to_string(),
            status.schema_version.to_string(),
        ),
        (
            "unlocked with".to_string(),
            status.unlocked_with.to_string(),
        ),
    ];
    for (table, n) in status.tables {
        rows.push((format!("rows in {table}"), n.to_string()));
    }
    output::print(output::kv_table(rows, ctx.styled))
}
