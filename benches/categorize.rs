//! Categorization benchmark: `cargo bench --bench categorize [-- ROWS [RULES]]`.
//!
//! Compiles RULES generated rules (default 2,000) from `../shared/bench/gen_rules.py`,
//! trains the learned model on a fifth of a generated statement's rows (its ground
//! truth, as if corrected by hand), then categorizes ROWS descriptions (default 200,000):
//! merchant key plus the whole pipeline. Prints compile time and transactions per second.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use smartspend::categorize::Categorizer;
use smartspend::categorize::merchant::merchant_key;
use smartspend::categorize::model::{Example, Model};
use smartspend::categorize::rules::{MatchKind, Origin, Rule, RuleSet, Subject};

fn main() {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let rows = numbers.first().copied().unwrap_or(200_000);
    let rule_count = numbers.get(1).copied().unwrap_or(2_000);
    let bench = std::env::var_os("SMARTSPEND_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench"));
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("s.csv");
    let tsv = dir.path().join("r.tsv");
    for (script, n, out) in [
        ("gen_statement.py", rows, &csv),
        ("gen_rules.py", rule_count, &tsv),
    ] {
        let ok = Command::new("python3")
            .arg(bench.join(script))
            .arg(n.to_string())
            .arg(out)
            .status()
            .expect("python3")
            .success();
        assert!(ok, "{script} failed");
    }
    let mut categories: Vec<String> = vec![];
    let mut id_of = |name: &str| -> i64 {
        match categories.iter().position(|c| c == name) {
            Some(i) => i as i64,
            None => {
                categories.push(name.to_string());
                (categories.len() - 1) as i64
            }
        }
    };
    let rules: Vec<Rule> = std::fs::read_to_string(&tsv)
        .unwrap()
        .lines()
        .skip(1)
        .enumerate()
        .filter_map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 4).then(|| Rule {
                id: i as i64 + 1,
                pattern: f[2].to_string(),
                kind: if f[1] == "regex" {
                    MatchKind::Regex
                } else {
                    MatchKind::Substring
                },
                category_id: id_of(f[3]),
                category: f[3].to_string(),
                amount_min: None,
                amount_max: None,
                direction: None,
                account_id: None,
                priority: f[0].parse().unwrap_or(0),
                origin: Origin::User,
            })
        })
        .collect();
    let start = Instant::now();
    let set = RuleSet::compile(rules).unwrap();
    println!(
        "rules: {} compiled in {:.3} s",
        set.rules().len(),
        start.elapsed().as_secs_f64()
    );

    let mut statement = csv::Reader::from_path(&csv).unwrap();
    let tx: Vec<(String, i64)> = statement
        .records()
        .map(|r| {
            let r = r.unwrap();
            let cents = (r[2].parse::<f64>().unwrap() * 100.0).round() as i64;
            (r[1].to_string(), cents)
        })
        .collect();
    let mut truth = csv::Reader::from_path(csv.with_extension("truth.csv")).unwrap();
    let labels: Vec<String> = truth.records().map(|r| r.unwrap()[0].to_string()).collect();
    let keys: Vec<String> = tx.iter().map(|t| merchant_key(&t.0)).collect();
    let label_ids: Vec<i64> = labels.iter().map(|l| id_of(l)).collect();
    let start = Instant::now();
    let model = Model::train((0..tx.len()).step_by(5).map(|i| Example {
        merchant_key: &keys[i],
        amount: tx[i].1,
        category_id: label_ids[i],
        weight: 1.0,
        corrected: true,
    }));
    println!(
        "model: trained on {} transactions in {:.3} s",
        tx.len().div_ceil(5),
        start.elapsed().as_secs_f64()
    );

    let names: Vec<(i64, String)> = categories
        .iter()
        .enumerate()
        .map(|(i, n)| (i as i64, n.clone()))
        .collect();
    let fresh = Categorizer::new(
        RuleSet::compile(set.rules().to_vec()).unwrap(),
        Model::default(),
        &names,
        0.6,
    );
    let categorizer = Categorizer::new(set, model, &names, 0.6);
    for (label, c) in [
        ("with the model", &categorizer),
        ("a new user (rules and lexicon, no history)", &fresh),
    ] {
        run(label, c, &tx);
    }
}

fn run(label: &str, categorizer: &Categorizer, tx: &[(String, i64)]) {
    let start = Instant::now();
    let mut by = std::collections::BTreeMap::new();
    for (desc, amount) in tx {
        let key = merchant_key(desc);
        let s = Subject {
            description: desc,
            merchant_key: &key,
            amount: *amount,
            exponent: 2,
            account_id: 1,
        };
        let source = categorizer
            .decide(&s)
            .map_or("nothing", |d| d.source.as_str());
        *by.entry(source).or_insert(0) += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{label}: categorized {} transactions (merchant keys included) in {secs:.3} s: {:.0} per second",
        tx.len(),
        tx.len() as f64 / secs
    );
    println!("  by tier: {by:?}");
}
