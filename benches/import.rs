//! Import benchmark: `cargo bench --bench import [-- ROWS [RULES]]`.
//!
//! Makes a realistic statement of ROWS rows (default 1,000,000) with
//! `../shared/bench/gen_statement.py` (or `SMARTSPEND_BENCH_GEN`) and RULES rules (default
//! 2,000; 0 for none) with `gen_rules.py` next to it, loads the rules with `rules import`,
//! imports the statement into a new encrypted ledger with the release binary, then imports
//! it again (every row a duplicate), and prints wall time, rows per second and the peak
//! memory of each run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let numbers: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let rows = numbers.first().copied().unwrap_or(1_000_000);
    let rule_count = numbers.get(1).copied().unwrap_or(2_000);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generator = std::env::var_os("SMARTSPEND_BENCH_GEN")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared/bench/gen_statement.py"));
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("statement.csv");
    let status = Command::new("python3")
        .arg(&generator)
        .arg(rows.to_string())
        .arg(&csv)
        .args(["--seed", "7"])
        .status()
        .expect("python3 runs the generator");
    assert!(status.success(), "generator failed");
    let size = std::fs::metadata(&csv).unwrap().len();
    println!("statement: {rows} rows, {:.1} MB", size as f64 / 1e6);

    let home = dir.path().join("home");
    let bin = env!("CARGO_BIN_EXE_smartspend");
    let run = |args: &[&str]| -> (f64, u64, String) {
        let start = Instant::now();
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(bin)
            .args(args)
            .env("SMARTSPEND_HOME", &home)
            .env("SMARTSPEND_KEYRING", "off")
            .env("SMARTSPEND_PASSPHRASE", "benchmark passphrase")
            .env("SMARTSPEND_IMPORT_CURRENCY", "USD")
            .output()
            .expect("runs smartspend under /usr/bin/time");
        let secs = start.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "smartspend {args:?} failed: {stderr}");
        let peak_kib = stderr
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .next_back()
            .unwrap_or(0);
        (
            secs,
            peak_kib,
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    run(&["user", "add", "bench"]);
    if rule_count > 0 {
        let tsv = dir.path().join("rules.tsv");
        let status = Command::new("python3")
            .arg(generator.with_file_name("gen_rules.py"))
            .arg(rule_count.to_string())
            .arg(&tsv)
            .status()
            .expect("python3 runs the rules generator");
        assert!(status.success(), "rules generator failed");
        let toml = rules_toml(&std::fs::read_to_string(&tsv).unwrap());
        let file = dir.path().join("rules.toml");
        std::fs::write(&file, toml).unwrap();
        let (secs, _, _) = run(&["rules", "import", file.to_str().unwrap()]);
        println!("rules: {rule_count} loaded in {secs:.2} s (whole command)");
    }
    let csv_arg = csv.to_str().unwrap();
    for label in ["first import", "re-import (all duplicates)"] {
        let (secs, peak, out) = run(&["import", csv_arg, "--json", "--yes"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        println!(
            "{label}: {secs:.2} s, {:.0} rows/s, peak memory {:.1} MB (imported {}, duplicates {})",
            rows as f64 / secs,
            peak as f64 / 1024.0,
            v["imported"],
            v["duplicates"]
        );
    }
    let ledger = home.join("users/bench/ledger.db");
    println!(
        "ledger: {:.1} MB encrypted",
        std::fs::metadata(ledger).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );
}

/// The generator's rules (`priority kind pattern category`) in smartspend's TOML, with its
/// categories mapped onto smartspend's default ones.
fn rules_toml(tsv: &str) -> String {
    let mut out = String::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let category = match f[3] {
            "dining" | "coffee" => "Dining",
            "groceries" => "Groceries",
            "cash" => "Cash",
            "education" => "Education",
            "entertainment" => "Entertainment",
            "fees" => "Fees",
            "fuel" => "Fuel",
            "gifts_charity" => "Gifts/Donations",
            "health" => "Health",
            "home" => "Home",
            "insurance" => "Insurance",
            "phone_internet" | "utilities" => "Utilities",
            "rent" => "Rent/Mortgage",
            "salary" => "Income",
            "subscriptions" => "Subscriptions",
            "transfers" => "Transfers",
            "transport" => "Transport",
            "travel" => "Travel",
            _ => "Shopping",
        };
        let kind = if f[1] == "regex" {
            "regex"
        } else {
            "substring"
        };
        out.push_str(&format!(
            "[[rule]]\npattern = {:?}\nmatch = \"{kind}\"\ncategory = \"{category}\"\npriority = {}\n\n",
            f[2], f[0]
        ));
    }
    out
}
