//! Redaction throughput: `cargo bench --bench redact [-- LINES]`.
//!
//! Redacts LINES descriptions (default 1,000,000) from `../shared/bench/gen_statement.py`
//! and prints lines per second, and how many lines changed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let lines: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let generator = std::env::var_os("SMARTSPEND_BENCH_GEN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_statement.py")
        });
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("statement.csv");
    let ok = Command::new("python3")
        .arg(&generator)
        .arg(lines.to_string())
        .arg(&csv)
        .status()
        .expect("python3 runs the generator")
        .success();
    assert!(ok, "generator failed");
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let descriptions: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    // Build the patterns before timing.
    smartspend::redact::redact("warm up");
    let start = Instant::now();
    let mut changed = 0;
    for d in &descriptions {
        if smartspend::redact::redact(d) != *d {
            changed += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "redacted {} descriptions in {secs:.2} s: {:.0} lines/s ({changed} changed)",
        descriptions.len(),
        descriptions.len() as f64 / secs
    );
}
