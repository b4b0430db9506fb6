//! Remote AI benchmark: `cargo bench --bench ai [-- DELAY_MS]`.
//!
//! Starts a local server on 127.0.0.1 that answers like each provider after DELAY_MS
//! (default 50), and imports 10,000 rows of 500 merchants no local tier knows with the
//! release binary: first the statement (every merchant asked), then the same file again
//! (all duplicates), then next year's statement of the same merchants (all from the
//! cache). Prints wall time and the requests the server received, for both providers with
//! the default settings (concurrency 4; openai 25 merchants per request).

#[path = "../tests/common/server.rs"]
#[allow(dead_code)]
mod server;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::json;
use server::{Reply, Server, chat_items, chat_reply};

fn main() {
    let delay = Duration::from_millis(
        std::env::args()
            .skip(1)
            .find_map(|a| a.parse().ok())
            .unwrap_or(50),
    );
    let merchants = server::invented_merchants();
    let dir = tempfile::tempdir().unwrap();
    let statement = |name: &str, year: u32| {
        let mut s = String::from("Date,Description,Amount,Currency\n");
        for i in 0..10_000u32 {
            let _ = writeln!(
                s,
                "{year}-{:02}-{:02},{} {},-{}.{:02},EUR",
                1 + i % 12,
                1 + i % 28,
                merchants[(i as usize * 7) % 500],
                1000 + i % 50,
                1 + i % 97,
                i % 100
            );
        }
        let path = dir.path().join(name);
        std::fs::write(&path, s).unwrap();
        path
    };
    let first = statement("2025.csv", 2025);
    let next = statement("2026.csv", 2026);
    println!(
        "10,000 rows, 500 merchants, server answers after {} ms",
        delay.as_millis()
    );
    for provider in ["openai", "huggingface"] {
        let server = Server::start(move |req, _| {
            let reply = if provider == "openai" {
                let answers: Vec<_> = chat_items(req)
                    .into_iter()
                    .map(|(id, _)| json!({"id": id, "category": "Shopping", "confidence": 0.9}))
                    .collect();
                chat_reply(&json!({ "answers": answers }).to_string())
            } else {
                Reply::json(json!([{"label": "Shopping", "score": 0.8}]))
            };
            reply.after(delay)
        });
        let home = dir.path().join(provider);
        std::fs::create_dir_all(&home).unwrap();
        std::fs::write(
            home.join("config.toml"),
            format!(
                "[ai]\nprovider = \"{provider}\"\nbase_url = \"{}\"\n",
                server.url
            ),
        )
        .unwrap();
        run(&home, &["user", "add", "bench"]);
        for (label, file) in [
            ("first import", &first),
            ("same file again", &first),
            ("next year, same merchants", &next),
        ] {
            let before = server.requests().len();
            let start = Instant::now();
            let out = run(&home, &["import", file.to_str().unwrap(), "--json"]);
            let secs = start.elapsed().as_secs_f64();
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            println!(
                "{provider:<12} {label:<26} {secs:>6.2} s  {:>4} requests  imported {:>5}  by ai {:>5}  asked {:>3}  cached {:>3}",
                server.requests().len() - before,
                v["imported"],
                v["categorized"]["ai"],
                v["ai"]["asked"],
                v["ai"]["cached"],
            );
        }
    }
}

fn run(home: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_smartspend"))
        .args(args)
        .env("SMARTSPEND_HOME", home)
        .env("SMARTSPEND_KEYRING", "off")
        .env("SMARTSPEND_PASSPHRASE", "benchmark passphrase")
        .env("OPENAI_API_KEY", "sk-bench")
        .output()
        .expect("runs smartspend");
    assert!(
        out.status.success(),
        "smartspend {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
