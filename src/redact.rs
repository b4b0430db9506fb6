//! Redaction: personal data in a statement line becomes a placeholder before the line
//! goes anywhere off this machine (a remote categorizer, a coaching model).
//!
//! Replaced: `[CARD]` (card numbers that pass Luhn, and masked ones), `[IBAN]` (mod-97),
//! `[ACCOUNT]` (labelled account numbers, UK sort code and account, US routing and
//! account), `[ID]` (South African ID numbers with their checksum, labelled national
//! numbers), `[PHONE]`, `[EMAIL]`, `[NAME]` (a person named in transfer wording) and
//! `[ADDRESS]` (a street and house number). Kept: merchant names, store numbers, dates,
//! times, amounts, and order or ticket numbers that name no one.
//!
//! Every pattern has samples in `fixtures/redact/corpus.tsv` that a test must see
//! redacted, and lines that must come through unchanged.

use std::sync::OnceLock;

use regex::{Captures, Regex};

/// One kind of personal data: how to find it, and whether a match really is one.
struct Pattern {
    placeholder: &'static str,
    regex: Regex,
    /// Which capture group to replace (0: the whole match).
    group: usize,
    check: fn(&str) -> bool,
}

fn always(_: &str) -> bool {
    true
}

fn patterns() -> &'static [Pattern] {
    static PATTERNS: OnceLock<Vec<Pattern>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let p = |placeholder, re: &str, group, check| Pattern {
            placeholder,
            regex: Regex::new(re).expect("a valid pattern"),
            group,
            check,
        };
        vec![
            p(
                "[EMAIL]",
                r"(?i)\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b",
                0,
                always,
            ),
            // IBAN: country, check digits, then 11 to 30 letters and digits, in groups of
            // four or not.
            p(
                "[IBAN]",
                r"(?i)\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b",
                0,
                iban_valid,
            ),
            // South African identity numbers: YYMMDD, 4 digits, citizenship, 8, Luhn.
            p("[ID]", r"\b\d{13}\b", 0, sa_id_valid),
            // Card numbers: 13 to 19 digits, spaced or dashed in groups.
            p(
                "[CARD]",
                r"\b\d{13,19}\b|\b\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}(?:[ -]\d{1,3})?\b|\b\d{4}[ -]\d{6}[ -]\d{5}\b",
                0,
                luhn_valid,
            ),
            // Masked card numbers: 4921XXXXXXXX3749, XXXX1234, **** 1234, xx2442, CARD 4417.
            p(
                "[CARD]",
                r"(?i)\b\d{4,6}[X*]{6,9}\d{3,4}\b|(?:\b[X]{2,12}|\*{2,12}|\bxx)[ -]?\d{4}\b|\b(?:CARD|KARTE|CARTE|TARJ(?:ETA)?|PAS)[ .:#-]*(?:NO\.?\s*)?(\d{3,4})\b",
                1,
                always,
            ),
            // National numbers with their label (BSN, SSN, PPS, Steuer-ID...).
            p(
                "[ID]",
                r"(?i)\b(?:BSN|SSN|PPSN?|Steuer-?ID|NIF|NIE|DNI|TFN|SIN|ID\s?NO)[:.\s#]*([0-9][0-9 -]{6,12}[0-9A-Z])\b",
                1,
                always,
            ),
            // UK sort code and account: 20-00-00 12345678.
            p("[ACCOUNT]", r"\b\d{2}-\d{2}-\d{2}[ /]+\d{8}\b", 0, always),
            // Account numbers with their label, in several languages.
            p(
                "[ACCOUNT]",
                r"(?i)\b(?:ACC(?:OUNT)?|A/C|ACCT|REK(?:ENING)?|KONTO(?:NR)?|CUENTA|COMPTE|LENINGNR|VERTRAGSNR|ACC\s?NO|ACCOUNT\s?NO)[:.\s#]*(\d{6,17})\b",
                1,
                always,
            ),
            // US routing number (ABA checksum) followed by an account number.
            p(
                "[ACCOUNT]",
                r"\b(\d{9})[ /-]+(\d{6,17})\b",
                0,
                aba_then_account,
            ),
            // Phone numbers: international, North American, and national mobile forms.
            p(
                "[PHONE]",
                r"(?:\+\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){2,4}\b)|\b\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\b0(?:7\d{3}[ ]?\d{6}|6[ -]?\d{8}|1[5-7]\d[ /-]?\d{6,8}|[6-8]\d[ -]?\d{3}[ -]?\d{4}|4\d{2}[ ]?\d{3}[ ]?\d{3})\b",
                0,
                always,
            ),
            // A street and house number, in English, Dutch, German, French and Spanish.
            p(
                "[ADDRESS]",
                r"(?i)\b\d{1,5}[a-z]?\s+(?:[a-z][a-z'-]+\s+){1,3}(?:st(?:reet)?|rd|road|ave(?:nue)?|lane|ln|drive|dr|blvd|boulevard|way|court|ct|place|pl|crescent|cres|close|terrace|tce|parade|pde)\b\.?|\b[a-zäöüß-]+(?:straße|strasse|str\.|weg|allee|laan|straat|gracht|plein|kade|steeg)\s+\d{1,4}[a-z]?\b|\b\d{1,4}(?:\s?bis)?,?\s+(?:rue|avenue|av\.|bd|boulevard|chemin|allée|impasse|place)\s+(?:[a-zéèàç'-]+\s?){1,4}|\b(?:calle|c/|avda\.?|avenida|plaza|paseo)\s+(?:[a-záéíóúñ]+\s){1,3}\d{1,4}\b",
                0,
                always,
            ),
        ]
    })
}

/// Transfer wording that names the person paid or paying: the name follows it.
fn name_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)(?:\b(?:(?:ONLINE |INTERNET |MOBILE |BANK |FUNDS |WIRE )?TRANSFER (?:TO|FROM)",
            r"|(?:FASTER |INSTANT |IMMEDIATE |BILL )?PAYMENTS? (?:TO|FROM)|RECEIVED FROM|SENT TO",
            r"|ZELLE(?: PAYMENT)? (?:TO|FROM)|VENMO(?: PAYMENT)? (?:TO|FROM)|OSKO PAYMENT (?:TO|FROM)",
            r"|PAYID PAYMENT (?:TO|FROM)|STANDING ORDER(?: VIA FASTER PAYMENT)? TO|E-TRANSFER (?:TO|FROM)",
            r"|INTERAC E-TRANSFER (?:TO|FROM)",
            r"|OVERBOEKING (?:NAAR|VAN)|OVERSCHRIJVING (?:NAAR|VAN)|BETALING AAN|TIKKIE (?:VAN|AAN)",
            r"|[UÜ]BERWEISUNG (?:AN|VON)|UEBERWEISUNG (?:AN|VON)|GUTSCHRIFT VON|DAUERAUFTRAG AN",
            r"|VIR(?:EMENT)?(?: SEPA)?(?: INST)? (?:DE|À|A|POUR|RECU DE|REÇU DE|EMIS VERS|ÉMIS VERS)",
            r"|TRANSFERENCIA (?:A FAVOR DE|A|DE)|BIZUM (?:ENVIADO A|RECIBIDO DE|A|DE)",
            r"|PAYSHAP (?:TO|FROM))\s+|(?:BNF:|INDN:|NAAM:|NAME:|/NAME/)\s*)",
            // The name: up to five words (a title, initials), trimmed in `trim_name`.
            r"([^\s/]+(?:[ \t]+[^\s/]+){0,4})",
            // Or a person with a title anywhere: MRS R ADEYEMI, Mlle Fabre.
            r"|\b((?:MR|MRS|MS|MISS|MME|MLLE|DHR|MEVR)\.?\s+\S+(?:[ \t]+\S+){0,3})"
        ))
        .expect("a valid pattern")
    })
}

/// Titles of a person (not "Dr": doctors' practices are paid as businesses).
const TITLES: &[&str] = &[
    "m", "mr", "mrs", "ms", "miss", "mme", "mlle", "dhr", "mevr", "herr", "frau", "sr", "sra",
];

/// Words that make a named payee an organization, not a person: kept for categorizing.
const ORGANIZATION: &[&str] = &[
    "ltd",
    "limited",
    "llc",
    "inc",
    "gmbh",
    "bv",
    "b.v.",
    "nv",
    "pty",
    "plc",
    "co",
    "corp",
    "company",
    "sa",
    "sl",
    "sas",
    "sarl",
    "ag",
    "kg",
    "ev",
    "e.v.",
    "stichting",
    "vereniging",
    "verein",
    "foundation",
    "trust",
    "group",
    "property",
    "properties",
    "mgmt",
    "management",
    "realty",
    "rentals",
    "lettings",
    "insurance",
    "assurance",
    "versicherung",
    "bank",
    "school",
    "college",
    "university",
    "academy",
    "church",
    "kerk",
    "gemeente",
    "council",
    "city",
    "municipality",
    "energy",
    "water",
    "gas",
    "electric",
    "telecom",
    "services",
    "store",
    "shop",
    "market",
    "savings",
    "sav",
    "chk",
    "checking",
    "share",
    "loan",
    "account",
    "payroll",
    "hmrc",
    "irs",
    "revenue",
    "centrelink",
    "daycare",
    "nursery",
    "clinic",
    "dental",
    "pharmacy",
    "hospital",
    "medical",
    "practice",
    "studio",
    "fitness",
    "gym",
    "hotel",
    "club",
    "association",
    "incorporated",
    "holdings",
    "attorneys",
    "partners",
    "agency",
    "estates",
    "housing",
];

/// Words that end a name: what follows is a reference or a memo.
const AFTER_NAME: &[&str] = &[
    "ref",
    "reference",
    "memo",
    "for",
    "id",
    "on",
    "via",
    "kenmerk",
    "omschrijving",
    "verwendungszweck",
    "motif",
    "concepto",
    "iban",
    "bic",
    "remi",
    "eref",
    "transaction",
    "conf",
    "confirmation",
    "date",
    "fee",
    "mandate",
    "rent",
    "loyer",
    "huur",
    "miete",
    "remboursement",
    "terugbetaling",
    "ruckzahlung",
    "rückzahlung",
    "dinner",
    "lunch",
    "holiday",
    "gift",
    "thanks",
    "etentje",
    "vakantie",
    "boodschappen",
    "cadeau",
    "cena",
    "comida",
    "essen",
    "repas",
    "courses",
    "bedankt",
    "danke",
    "merci",
    "gracias",
    "transaction",
];

/// The redacted form of a line.
pub fn redact(text: &str) -> String {
    let mut out = text.to_string();
    for p in patterns() {
        if !p.regex.is_match(&out) {
            continue;
        }
        out = p
            .regex
            .replace_all(&out, |c: &Captures<'_>| replace(c, p))
            .into_owned();
    }
    redact_names(&out)
}

/// The match with its value (the pattern's group when it took part, else all of it)
/// replaced, if the value passes the pattern's check.
fn replace(c: &Captures<'_>, p: &Pattern) -> String {
    let whole = c.get(0).expect("group 0");
    let target = c.get(p.group).unwrap_or(whole);
    if !(p.check)(target.as_str()) {
        return whole.as_str().to_string();
    }
    let start = target.start() - whole.start();
    let text = whole.as_str();
    format!(
        "{}{}{}",
        &text[..start],
        p.placeholder,
        &text[start + target.len()..]
    )
}

/// A person named after transfer wording becomes `[NAME]`; organizations stay.
fn redact_names(text: &str) -> String {
    let re = name_regex();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for c in re.captures_iter(text) {
        let m = c.get(1).or_else(|| c.get(2)).expect("a name group");
        let (span, name) = trim_name(m.as_str());
        if name.is_empty() || is_organization(span, name) {
            continue;
        }
        out.push_str(&text[last..m.start()]);
        out.push_str("[NAME]");
        last = m.start() + name.len();
    }
    out.push_str(&text[last..]);
    out
}

/// The words after transfer wording up to a reference, a number or a placeholder (the
/// payee's span), and within it the name: up to the first memo word (`rent`, `pizza`).
fn trim_name(candidate: &str) -> (&str, &str) {
    let (mut span, mut name, mut in_name) = (0, 0, true);
    let mut at = 0;
    for (i, word) in candidate.split_whitespace().enumerate() {
        let start = candidate[at..].find(word).map_or(at, |p| at + p);
        at = start + word.len();
        let lower = word.to_lowercase();
        let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
        let stop = bare.is_empty()
            || word.starts_with('[')
            || word.chars().any(|c| c.is_ascii_digit())
            || (i > 0 && AFTER_NAME.contains(&bare));
        if stop {
            break;
        }
        let memo = i > 0
            && crate::categorize::lexicon::Keywords::builtin()
                .lookup(bare)
                .is_some_and(|k| !k.weak);
        in_name &= !memo;
        span = at;
        if in_name {
            name = at;
        }
    }
    let clean = |s: &str| s.trim_end_matches([',', ';', ':', '.']).len();
    (
        &candidate[..clean(&candidate[..span])],
        &candidate[..clean(&candidate[..name])],
    )
}

/// Whether the payee is an organization: a company word anywhere in its span, or a name
/// that the lexicon or the keywords know.
fn is_organization(span: &str, name: &str) -> bool {
    let lower = span.to_lowercase();
    // A title makes a person, whatever words follow (VIREMENT A M. DUPONT COTISATION CLUB).
    let first = lower.split_whitespace().next().unwrap_or("");
    if TITLES.contains(&first.trim_end_matches('.')) {
        return false;
    }
    let company = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .any(|w| ORGANIZATION.contains(&w));
    company
        || crate::categorize::lexicon::Lexicon::builtin()
            .lookup(&crate::categorize::merchant::merchant_key(name))
            .is_some()
        || crate::categorize::lexicon::Keywords::builtin()
            .lookup(&crate::categorize::merchant::words(name))
            .is_some_and(|k| !k.weak)
}

/// Luhn checksum over the digits of `text` (13 to 19 of them).
pub fn luhn_valid(text: &str) -> bool {
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    luhn(&digits)
}

fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// IBAN check digits (ISO 13616, mod 97), on the text without spaces.
pub fn iban_valid(text: &str) -> bool {
    let s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if s.len() < 15 || s.len() > 34 {
        return false;
    }
    let rearranged = format!("{}{}", &s[4..], &s[..4]);
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// A South African ID number: a real date of birth, then the Luhn check digit.
fn sa_id_valid(text: &str) -> bool {
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 13 {
        return false;
    }
    let month = digits[2] * 10 + digits[3];
    let day = digits[4] * 10 + digits[5];
    (1..=12).contains(&month) && (1..=31).contains(&day) && digits[10] <= 1 && luhn(&digits)
}

/// A nine-digit ABA routing number (3-7-1 weights) before an account number.
fn aba_then_account(text: &str) -> bool {
    let digits: Vec<u32> = text
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .filter_map(|c| c.to_digit(10))
        .collect();
    if digits.len() != 9 {
        return false;
    }
    let weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    sum % 10 == 0 && digits.iter().any(|&d| d != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every corpus line: positives come out exactly as expected (else a leak, or an
    /// over-reach), negatives unchanged (else a false positive).
    #[test]
    fn the_corpus_is_redacted_and_nothing_else() {
        let corpus = include_str!("../fixtures/redact/corpus.tsv");
        let (mut leaks, mut false_positives, mut checked) = (vec![], vec![], 0);
        let mut kinds = std::collections::BTreeSet::new();
        for line in corpus
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut f = line.split('\t');
            let (kind, input, expected) =
                (f.next().unwrap(), f.next().unwrap(), f.next().unwrap_or(""));
            let got = redact(input);
            checked += 1;
            if kind == "KEEP" {
                if got != input {
                    false_positives.push(format!("{input}\n   -> {got}"));
                }
            } else {
                kinds.insert(kind);
                assert!(expected.contains(&format!("[{kind}]")), "corpus: {line}");
                if got != expected {
                    leaks.push(format!("{input}\n   -> {got}\n   want {expected}"));
                }
            }
        }
        assert_eq!(
            kinds.into_iter().collect::<Vec<_>>(),
            [
                "ACCOUNT", "ADDRESS", "CARD", "EMAIL", "IBAN", "ID", "NAME", "PHONE"
            ],
            "every kind has samples"
        );
        assert!(
            leaks.is_empty() && false_positives.is_empty(),
            "{checked} lines: {} not redacted as expected:\n{}\n{} changed that must not be:\n{}",
            leaks.len(),
            leaks.join("\n"),
            false_positives.len(),
            false_positives.join("\n")
        );
    }

    #[test]
    fn checksums() {
        assert!(luhn_valid("4111 1111 1111 1111"));
        assert!(!luhn_valid("4111 1111 1111 1112"));
        assert!(iban_valid("GB82 WEST 1234 5698 7654 32"));
        assert!(iban_valid("NL91ABNA0417164300"));
        assert!(!iban_valid("NL91ABNA0417164301"));
        assert!(sa_id_valid("8001015009087"));
        assert!(!sa_id_valid("8001015009088"));
        assert!(aba_then_account("021000021 123456789"));
        assert!(!aba_then_account("021000022 123456789"));
    }
}
