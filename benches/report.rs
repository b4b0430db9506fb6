//! Report and export benchmark: `cargo bench --bench report [-- ROWS]`.
//!
//! Makes a statement of ROWS rows (default 1,000,000) over five years with
//! `../shared/bench/gen_statement.py`, imports it into a new encrypted ledger, then times
//! whole commands of the release binary, unlocking with SMARTSPEND_PASSPHRASE included:
//! `report` for one month and for one year, and `export --format ledger`. Each is run
//! three times; the best and the worst are printed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let rows: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
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
        .args(["--seed", "11", "--start", "2021-01-01", "--days", "1826"])
        .status()
        .expect("python3 runs the generator");
    assert!(status.success(), "generator failed");
    let home = dir.path().join("home");
    let bin = env!("CARGO_BIN_EXE_smartspend");
    let run = |args: &[&str]| -> f64 {
        let start = Instant::now();
        let out = Command::new(bin)
            .args(args)
            .env("SMARTSPEND_HOME", &home)
            .env("SMARTSPEND_KEYRING", "off")
            .env("SMARTSPEND_PASSPHRASE", "benchmark passphrase")
            .env("SMARTSPEND_IMPORT_CURRENCY", "USD")
            .env("NO_COLOR", "1")
            .output()
            .expect("runs smartspend");
        let secs = start.elapsed().as_secs_f64();
        assert!(
            out.status.success(),
            "smartspend {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        secs
    };
    run(&["user", "add", "bench"]);
    let secs = run(&["import", csv.to_str().unwrap()]);
    println!("ledger: {rows} transactions over 5 years (2021-2025), imported in {secs:.1} s");
    let out = dir.path().join("out.journal");
    for (label, args) in [
        ("report, one month", vec!["report", "--month", "2025-06"]),
        (
            "report, one year",
            vec!["report", "--from", "2025-01-01", "--to", "2025-12-31"],
        ),
        (
            "report --json, one month",
            vec!["report", "--month", "2025-06", "--json"],
        ),
        (
            "export --format ledger, everything",
            vec!["export", "--format", "ledger", "-o", out.to_str().unwrap()],
        ),
    ] {
        let times: Vec<f64> = (0..3).map(|_| run(&args)).collect();
        let best = times.iter().copied().fold(f64::INFINITY, f64::min);
        let worst = times.iter().copied().fold(0.0, f64::max);
        println!(
            "{label}: best {:.0} ms, worst {:.0} ms (whole command, unlock included)",
            best * 1000.0,
            worst * 1000.0
        );
    }
}
