//! The profiles smartspend knows: built into the binary, plus the user's own
//! (`profiles/NAME.toml` in the config folder), which add to or override them.

use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;

use super::profile::{Profile, ProfileError};
use super::reader::split_line;

// Built-in profiles: `BUILTIN: &[(name, TOML)]`, one file per bank export in
// `profiles/`, gathered by build.rs.
include!(concat!(env!("OUT_DIR"), "/builtin_profiles.rs"));

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    User(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub profile: Profile,
    pub origin: Origin,
}

pub fn builtin() -> Vec<Entry> {
    BUILTIN
        .iter()
        .map(|(name, text)| Entry {
            profile: Profile::from_toml(name, text).expect("built-in profiles are valid"),
            origin: Origin::BuiltIn,
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Profile {
        path: PathBuf,
        source: Box<ProfileError>,
    },
}

/// Built-in profiles overlaid with the user's, sorted by name.
pub fn load(user_dir: &Path) -> Result<Vec<Entry>, LoadError> {
    let mut all = builtin();
    let entries = match fs::read_dir(user_dir) {
        Ok(e) => Some(e),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(LoadError::Io {
                path: user_dir.into(),
                source,
            });
        }
    };
    for entry in entries.into_iter().flatten() {
        let path = entry
            .map_err(|source| LoadError::Io {
                path: user_dir.into(),
                source,
            })?
            .path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text = fs::read_to_string(&path).map_err(|source| LoadError::Io {
            path: path.clone(),
            source,
        })?;
        let profile = Profile::from_toml(&name, &text).map_err(|source| LoadError::Profile {
            path: path.clone(),
            source: Box::new(source),
        })?;
        all.retain(|e| e.profile.name != name);
        all.push(Entry {
            profile,
            origin: Origin::User(path),
        });
    }
    all.sort_by(|a, b| a.profile.name.cmp(&b.profile.name));
    Ok(all)
}

/// How well a profile's `[match]` fits the start of a file: None if it does not, else a
/// score (more matched headers score higher).
pub fn match_score(profile: &Profile, sample: &str) -> Option<usize> {
    let m = &profile.matcher;
    if m.is_empty() {
        return None;
    }
    let mut lines = sample.lines();
    let header = if let Some(p) = &profile.csv.header_pattern {
        let re = Regex::new(p).ok()?;
        lines.find(|l| re.is_match(l))
    } else {
        for _ in 0..profile.csv.skip_lines {
            lines.next();
        }
        if profile.csv.has_header {
            lines.find(|l| !l.trim().is_empty())
        } else {
            None
        }
    };
    let mut score = 0;
    if !m.headers.is_empty() {
        let fields = split_line(header?, profile.csv.delimiter, profile.csv.quote);
        let lower: Vec<String> = fields.iter().map(|f| f.to_lowercase()).collect();
        if !m
            .headers
            .iter()
            .all(|h| lower.contains(&h.trim().to_lowercase()))
        {
            return None;
        }
        score += 10 * m.headers.len() + usize::from(fields.len() == m.headers.len());
    }
    if let Some(p) = &m.row_pattern {
        let re = Regex::new(p).ok()?;
        let first = lines.find(|l| !l.trim().is_empty())?;
        if !re.is_match(first) {
            return None;
        }
        score += 5;
    }
    Some(score)
}

/// The best-matching profile for a file, if any matches.
pub fn best_match<'a>(entries: &'a [Entry], sample: &str) -> Option<&'a Entry> {
    entries
        .iter()
        .filter_map(|e| match_score(&e.profile, sample).map(|s| (s, e)))
        .max_by_key(|(s, _)| *s)
        .map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Reader, reader::decoder, sample_bytes};
    use crate::money::{exponent, format_minor};
    use std::path::Path;

    fn fixture(dir: &str, name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(dir)
            .join(name)
    }

    #[test]
    fn header_less_files_are_matched_after_their_skipped_lines() {
        let p = Profile::from_toml(
            "x",
            "[csv]\nhas_header = false\nskip_lines = 2\n[match]\nrow_pattern = '^\\d{2}/\\d{2}/\\d{4},'\n[columns]\ndate = 1\ndescription = 2\namount = 3\n[format]\ncurrency = \"USD\"\n",
        )
        .unwrap();
        assert!(match_score(&p, "Account 123\nExported\n01/03/2026,SHOP,1.00\n").is_some());
        assert!(match_score(&p, "01/03/2026,SHOP,1.00\n").is_none());
    }

    /// Every built-in profile has a hand-written fixture (`fixtures/csv/NAME.csv`) and the
    /// rows a person expects from it (`fixtures/expected/NAME.csv`); every field must match,
    /// and the file must be recognised as this profile's without `--profile`.
    #[test]
    fn builtin_profiles_read_their_fixtures_field_by_field() {
        let all = builtin();
        assert!(!all.is_empty());
        for entry in &all {
            let p = &entry.profile;
            let csv_path = fixture("csv", &format!("{}.csv", p.name));
            let bytes =
                std::fs::read(&csv_path).unwrap_or_else(|e| panic!("{}: {e}", csv_path.display()));
            if !p.matcher.is_empty() {
                let sample = sample_bytes(&bytes).unwrap();
                let chosen = best_match(&all, &sample.text).map(|e| e.profile.name.as_str());
                assert_eq!(
                    chosen,
                    Some(p.name.as_str()),
                    "{} is not recognised",
                    p.name
                );
            }
            let mut reader = Reader::new(decoder(&bytes[..], &p.csv.encoding), p)
                .unwrap_or_else(|e| panic!("{}: {e}", p.name));
            let mut got = vec![];
            while let Some(row) = reader.next_row() {
                got.push(row.unwrap_or_else(|e| panic!("{}:{e}", p.name)));
            }
            let exp_path = fixture("expected", &format!("{}.csv", p.name));
            let mut exp = csv::Reader::from_path(&exp_path)
                .unwrap_or_else(|e| panic!("{}: {e}", exp_path.display()));
            let header = exp.headers().unwrap().clone();
            assert_eq!(
                header.iter().collect::<Vec<_>>(),
                [
                    "line",
                    "date",
                    "value_date",
                    "amount",
                    "currency",
                    "description",
                    "balance",
                    "reference"
                ],
                "{}",
                exp_path.display()
            );
            let want: Vec<csv::StringRecord> = exp.records().map(|r| r.unwrap()).collect();
            assert_eq!(got.len(), want.len(), "{}: number of rows", p.name);
            for (row, w) in got.iter().zip(&want) {
                let exp2 = exponent(&row.currency).unwrap();
                let fields = [
                    ("line", row.line.to_string()),
                    ("date", row.date.to_string()),
                    (
                        "value_date",
                        row.value_date.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                    ("amount", format_minor(row.amount, exp2)),
                    ("currency", row.currency.to_string()),
                    ("description", row.description.clone()),
                    (
                        "balance",
                        row.balance
                            .map(|b| format_minor(b, exp2))
                            .unwrap_or_default(),
                    ),
                    ("reference", row.reference.clone().unwrap_or_default()),
                ];
                for (i, (field, value)) in fields.iter().enumerate() {
                    assert_eq!(
                        value.as_str(),
                        &w[i],
                        "{} line {}: field {field}",
                        p.name,
                        row.line
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod detection_on_real_layouts {
    use super::*;
    use crate::import::{Reader, detect, reader::decoder, sample_bytes};
    use std::collections::BTreeMap;
    use std::path::Path;

    /// Detection, given only each bank fixture's bytes (and the currency, as a user's
    /// setting would), must either say what it is unsure about or read exactly the
    /// dates and amounts a person expects.
    #[test]
    fn when_detection_is_sure_it_reads_bank_exports_right() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut report = vec![];
        let mut wrong = vec![];
        for entry in builtin() {
            let name = &entry.profile.name;
            let bytes = std::fs::read(root.join(format!("csv/{name}.csv"))).unwrap();
            let mut exp =
                csv::Reader::from_path(root.join(format!("expected/{name}.csv"))).unwrap();
            let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
            let mut currency = String::new();
            for r in exp.records() {
                let r = r.unwrap();
                currency = r[4].to_string();
                *want
                    .entry((r[1].to_string(), r[3].to_string()))
                    .or_default() += 1;
            }
            let sample = sample_bytes(&bytes).unwrap();
            let d = match detect::detect(&sample, Some(&currency)) {
                Ok(d) if d.doubts.is_empty() => d,
                Ok(d) => {
                    report.push(format!("{name}: unsure ({})", d.doubts.join("; ")));
                    continue;
                }
                Err(e) => {
                    report.push(format!("{name}: refused ({e})"));
                    continue;
                }
            };
            let p = &d.profile;
            let mut r = Reader::new(decoder(&bytes[..], &p.csv.encoding), p).unwrap();
            let mut got: BTreeMap<(String, String), usize> = BTreeMap::new();
            while let Some(row) = r.next_row() {
                let row = row.unwrap_or_else(|e| panic!("{name}: detection was sure, yet {e}"));
                let exp2 = crate::money::exponent(&row.currency).unwrap();
                *got.entry((
                    row.date.to_string(),
                    crate::money::format_minor(row.amount, exp2),
                ))
                .or_default() += 1;
            }
            if got == want {
                report.push(format!("{name}: sure and right"));
            } else {
                wrong.push(format!(
                    "{name}: detection was sure but read wrong rows\n{}",
                    p.to_toml()
                ));
            }
        }
        println!("{}", report.join("\n"));
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
