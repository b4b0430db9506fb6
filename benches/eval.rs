//! Categorization quality on the labeled set: `cargo bench --bench eval [-- FILE]`.
//!
//! Protocol (see fixtures/categorize/README.md): every fifth merchant, in sorted order,
//! gets one correction (its first row, as `smartspend tx categorize` would do); then the
//! whole ledger is categorized again. Reported on every row except the corrected ones:
//! overall accuracy, accuracy on rows of corrected merchants and of never-corrected
//! merchants, coverage (rows given any category) and precision (right among those given).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use smartspend::categorize::Categorizer;
use smartspend::categorize::apply::{self, Scope};
use smartspend::categorize::merchant::merchant_key;
use smartspend::categorize::rules::Subject;
use smartspend::crypto::Key;
use smartspend::ledger::Ledger;

struct Row {
    merchant: String,
    category: String,
    amount: i64,
    description: String,
}

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/categorize/labeled.csv")
        });
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let rows: Vec<Row> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Row {
                merchant: r[0].to_string(),
                category: r[1].to_string(),
                amount: (r[2].parse::<f64>().unwrap() * 100.0).round() as i64,
                description: r[3].to_string(),
            }
        })
        .collect();
    let misses = std::env::args().any(|a| a == "--misses");
    let report = evaluate(&rows, misses);
    println!(
        "labeled set: {} rows, {} merchants ({})",
        rows.len(),
        report.merchants,
        path.display()
    );
    println!(
        "corrections given: {} (one per merchant for a fifth of them)",
        report.corrections
    );
    for (label, (right, total)) in [
        ("overall accuracy", report.overall),
        ("accuracy, corrected merchants", report.corrected),
        ("accuracy, never-corrected merchants", report.unseen),
    ] {
        println!("{label}: {:.1}% ({right}/{total})", pct(right, total));
    }
    println!(
        "coverage: {:.1}% ({}/{})",
        pct(report.given, report.overall.1),
        report.given,
        report.overall.1
    );
    println!(
        "precision where a category is given: {:.1}% ({}/{})",
        pct(report.overall.0, report.given),
        report.overall.0,
        report.given
    );
    println!("calibration (confidence given -> share right):");
    for (i, (right, total)) in report.by_confidence.iter().enumerate() {
        let band = match i {
            0 => "below 0.6".to_string(),
            4 => "0.9 and up".to_string(),
            _ => format!("0.{}-0.{}", i + 5, i + 6),
        };
        println!("  {band}: {total} rows, {:.1}% right", pct(*right, *total));
    }
    let mut by_source: Vec<_> = report.by_source.iter().collect();
    by_source.sort();
    for (source, (right, total)) in by_source {
        println!(
            "  by {source}: {total} rows, {:.1}% right",
            pct(*right, *total)
        );
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

struct Report {
    merchants: usize,
    corrections: usize,
    overall: (usize, usize),
    corrected: (usize, usize),
    unseen: (usize, usize),
    given: usize,
    by_source: HashMap<String, (usize, usize)>,
    /// Right and given per confidence band: <0.6, 0.6, 0.7, 0.8, 0.9+.
    by_confidence: [(usize, usize); 5],
}

fn evaluate(rows: &[Row], misses: bool) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let key = Key::from_bytes([7; 32]);
    let mut ledger = Ledger::create(&dir.path().join("eval.db"), &key).unwrap();
    let tx = ledger.write().unwrap();
    tx.execute("INSERT INTO accounts (name) VALUES ('eval')", [])
        .unwrap();
    let categorizer = Categorizer::load(&tx, 0.6).unwrap();
    // As an import would: each row keyed and categorized by the tiers as they are.
    for (i, r) in rows.iter().enumerate() {
        let key = merchant_key(&r.description);
        let d = categorizer.decide(&Subject {
            description: &r.description,
            merchant_key: &key,
            amount: r.amount,
            exponent: 2,
            account_id: 1,
        });
        tx.execute(
            "INSERT INTO transactions (id, account_id, date, amount, currency, description,
                 merchant_key, category_id, category_source, rule_id, confidence, fingerprint)
             VALUES (?1, 1, '2026-01-01', ?2, 'USD', ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                i as i64 + 1,
                r.amount,
                r.description,
                key,
                d.as_ref().map(|d| d.category_id),
                d.as_ref().map(|d| d.source.as_str()),
                d.as_ref().and_then(|d| d.rule_id),
                d.as_ref().map(|d| d.confidence),
                (i as u64).to_le_bytes().to_vec()
            ],
        )
        .unwrap();
    }
    // One correction for every fifth merchant (its first row): positions 5, 10, 15...
    let merchants: BTreeSet<&str> = rows.iter().map(|r| r.merchant.as_str()).collect();
    let chosen: BTreeSet<&str> = merchants.iter().copied().skip(4).step_by(5).collect();
    let mut corrected_rows = BTreeSet::new();
    for m in &chosen {
        let i = rows.iter().position(|r| r.merchant == *m).unwrap();
        apply::correct(&tx, i as i64 + 1, &rows[i].category, false, 0.6).unwrap();
        corrected_rows.insert(i);
    }
    let categorizer = Categorizer::load(&tx, 0.6).unwrap();
    apply::recategorize(&tx, &categorizer, &Scope::All, false).unwrap();

    let names: HashMap<i64, String> = smartspend::ledger::catalog::category_names(&tx)
        .unwrap()
        .into_iter()
        .collect();
    let mut report = Report {
        merchants: merchants.len(),
        corrections: chosen.len(),
        overall: (0, 0),
        corrected: (0, 0),
        unseen: (0, 0),
        given: 0,
        by_source: HashMap::new(),
        by_confidence: [(0, 0); 5],
    };
    let mut stmt = tx
        .prepare(
            "SELECT id, category_id, category_source, merchant_key, confidence
             FROM transactions ORDER BY id",
        )
        .unwrap();
    type Got = (i64, Option<i64>, Option<String>, String, Option<f64>);
    let got: Vec<Got> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, cat, source, key, confidence) in got {
        let i = id as usize - 1;
        if corrected_rows.contains(&i) {
            continue;
        }
        let row = &rows[i];
        let right = cat
            .and_then(|c| names.get(&c))
            .is_some_and(|n| n.eq_ignore_ascii_case(&row.category));
        if misses && !right {
            // One line per miss, for a look at what goes wrong: `--misses`.
            let got = cat.and_then(|c| names.get(&c)).map_or("-", String::as_str);
            let from = source.as_deref().unwrap_or("-");
            let seen = if chosen.contains(row.merchant.as_str()) {
                "C"
            } else {
                "U"
            };
            println!(
                "miss {seen}\t{}\t{}\t{got}\t{from}\t{key}\t{}",
                row.merchant, row.category, row.description
            );
        }
        let bucket = if chosen.contains(row.merchant.as_str()) {
            &mut report.corrected
        } else {
            &mut report.unseen
        };
        for b in [bucket, &mut report.overall] {
            b.1 += 1;
            b.0 += usize::from(right);
        }
        if let Some(p) = confidence {
            // Calibration: tenths of confidence, 0.5 and below together.
            let bin = ((p * 10.0).floor() as usize).clamp(5, 9);
            let e = &mut report.by_confidence[bin - 5];
            e.1 += 1;
            e.0 += usize::from(right);
        }
        if let Some(s) = source {
            report.given += 1;
            let e = report.by_source.entry(s).or_default();
            e.1 += 1;
            e.0 += usize::from(right);
        }
    }
    report
}
