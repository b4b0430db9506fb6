//! Merchant normalization: a raw statement line becomes a stable merchant key.
//!
//! `AMZN Mktp US*2K4L09X` and `AMZN MKTP US*7Q1Z2` both give `amzn mktp us`;
//! `CHECKCARD 0412 STARBUCKS STORE 12345 SEATTLE WA` gives `starbucks`. Rules made from
//! corrections, the learned model, the lexicon and the AI cache all key on it.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Card-network, channel and wallet words that open a line and say nothing about the
/// merchant. Removed from the start, repeatedly.
const PREFIXES: &[&str] = &[
    // English card and channel wording
    "pos",
    "visa",
    "vis",
    "mastercard",
    "maestro",
    "mc",
    "debit",
    "credit",
    "card",
    "cards",
    "purchase",
    "purchases",
    "checkcard",
    "check",
    "contactless",
    "ctls",
    "sq",
    "tst",
    "paypal",
    "pp",
    "ach",
    "recurring",
    "preauthorized",
    "authorized",
    "payment",
    "pmt",
    "epayment",
    "online",
    "dd",
    "bgc",
    "fpi",
    "fpo",
    "tfr",
    "ddr",
    "eftpos",
    "nfc",
    "sumup",
    "izettle",
    "zettle",
    "iz",
    "dnh",
    "applepay",
    "googlepay",
    "gpay",
    "vdp",
    "vdc",
    "vda",
    "cd",
    "bcc",
    "clp",
    // German
    "kartenzahlung",
    "kartenzahlungen",
    "girocard",
    "ec",
    "zahlung",
    "kreditkarte",
    "karte",
    "lastschrift",
    "sepa",
    "basislastschrift",
    "folgelastschrift",
    "abbuchung",
    "dauerauftrag",
    "ueberweisung",
    "uberweisung",
    "gutschrift",
    "einzug",
    // Dutch
    "betaalautomaat",
    "betaalpas",
    "pinbetaling",
    "betaling",
    "incasso",
    "overboeking",
    "bankieren",
    "bea",
    "gea",
    "naam",
    // French
    "carte",
    "cb",
    "paiement",
    "par",
    "achat",
    "prlv",
    "prelevement",
    "virement",
    "vir",
    // Spanish
    "adeudo",
    "recibo",
    "compra",
    "tarjeta",
    "pago",
    "transferencia",
    "crv",
];

/// Words that are not part of a merchant's name wherever they appear.
const NOISE: &[&str] = &[
    "store",
    "stores",
    "inc",
    "llc",
    "ltd",
    "limited",
    "gmbh",
    "bv",
    "nv",
    "corp",
    "co",
    "plc",
    "pty",
    "sarl",
    "sas",
    "srl",
    "www",
    "com",
    "net",
    "org",
    "http",
    "https",
    "the",
    "de",
    "ag",
    "kg",
    "se",
    "spa",
    "ab",
    "oy",
    "as",
    "aps",
    "ug",
    "ohg",
    "ev",
    "cc",
    "vof",
    "sl",
    "sa",
    // months and weekdays: dates written in words
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    // ACH and SEPA field labels
    "des",
    "indn",
    "ppd",
    "web",
    "ref",
    "id",
    "kenmerk",
    "omschrijving",
    "mandato",
    "mandat",
    "mandatsreferenz",
    "eref",
    "mref",
    "remi",
    "iban",
    "bic",
    // UK banks' trailing channel codes ("... ON 16 AUG BCC")
    "bcc",
    "clp",
    "cd",
];

/// Two-letter US and Australian state codes and ISO country codes (2 or 3 letters) that
/// close card lines: `SEATTLE WA`, `LONDON GB`, `AMSTERDAM NLD`.
const REGIONS: &[&str] = &[
    "al", "ak", "az", "ar", "ca", "co", "ct", "dc", "fl", "ga", "hi", "ia", "id", "il", "in", "ks",
    "ky", "la", "ma", "md", "me", "mi", "mn", "mo", "ms", "mt", "nc", "nd", "ne", "nh", "nj", "nm",
    "nv", "ny", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "va", "vt", "wa", "wi",
    "wv", "wy", "nsw", "vic", "qld", "tas", "act", "nt", "sa", "gb", "uk", "gbr", "us", "usa",
    "nl", "nld", "de", "deu", "fr", "fra", "es", "esp", "it", "ita", "ie", "irl", "be", "bel",
    "at", "aut", "za", "zaf", "rsa", "au", "aus", "ch", "che", "lu", "lux", "pt", "prt", "dk",
    "dnk", "se", "swe", "no", "nor", "fi", "fin", "pl", "pol", "nz", "nzl", "ca", "can", "on",
    "bc", "qc", "ab",
];

/// First words of two-word city names, so that `SAN FRANCISCO CA` goes whole.
const CITY_STARTS: &[&str] = &[
    "san", "los", "las", "new", "st", "saint", "salt", "kansas", "cape", "port", "fort", "el",
    "la", "santa", "palm", "long", "grand", "des", "baton", "little", "west", "east", "north",
    "south", "jersey", "oklahoma", "virginia", "colorado", "iowa", "den", "port", "gold",
    "sunshine",
];

/// The word lists above as sets, built once.
struct Sets {
    prefixes: HashSet<&'static str>,
    noise: HashSet<&'static str>,
    regions: HashSet<&'static str>,
    city_starts: HashSet<&'static str>,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| Sets {
        prefixes: PREFIXES.iter().copied().collect(),
        noise: NOISE.iter().copied().collect(),
        regions: REGIONS.iter().copied().collect(),
        city_starts: CITY_STARTS.iter().copied().collect(),
    })
}

/// The most words a key keeps: merchant names are short, the rest is detail.
const MAX_WORDS: usize = 4;

/// Normalizes a statement line into a merchant key: lower-case ASCII words separated by
/// single spaces. Never empty for a line that has letters or digits.
pub fn merchant_key(description: &str) -> String {
    let sets = sets();
    // Structured SEPA text names the payee in a field: "/NAME/B&B DE DUINROOS/REMI/...",
    // "Naam: ABN AMRO HYPOTHEKEN Omschrijving: ...".
    let description = sepa_name(description).unwrap_or(description);
    // Fixed-width card lines separate the name from the city with a run of spaces.
    let head = match description.trim().find("   ") {
        Some(i) if i >= 3 => &description.trim()[..i],
        _ => description.trim(),
    };
    let folded = fold(head);
    let mut words: Vec<&str> = Vec::with_capacity(8);
    for segment in folded.split('*').enumerate().map(|(i, s)| (i, s.trim())) {
        let (i, seg) = segment;
        // After a `*`: an order or reference code (`*2K4L09X`) is dropped.
        if i > 0 && !seg.contains(' ') && seg.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        for w in seg.split(|c: char| !c.is_ascii_alphanumeric()) {
            if !w.is_empty() {
                words.push(w);
            }
        }
    }
    let original = words.clone();
    // Channel prefixes, and the card numbers and dates that follow them.
    // ("PURCHASE AUTHORIZED ON 03/14 SAFEWAY": the "on" goes with "authorized".)
    // A short number opening the line is part of a name ("7-ELEVEN", "24 HOUR FITNESS").
    let mut last_removed = "";
    // Wallet names of two words ("APPLE PAY BIERGARTEN").
    if words.len() > 2 && matches!(words[..2], ["apple" | "google" | "samsung", "pay"]) {
        words.drain(..2);
        last_removed = "pay";
    }
    while let Some(&first) = words.first() {
        let on_after_authorized = first == "on" && last_removed == "authorized";
        let opening_number = last_removed.is_empty() && first.len() <= 2 && words.len() > 1;
        if sets.prefixes.contains(first)
            || (has_digit(first) && !opening_number)
            || on_after_authorized
        {
            last_removed = first;
            words.remove(0);
        } else {
            break;
        }
    }
    // Numbers, codes, store numbers, dates and times anywhere; noise words.
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let short_number_first = i == 0 && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit());
        let card_number = *w == "card" && words.get(i + 1).is_some_and(|n| has_digit(n));
        // "ON 16 AUG": a date in words.
        let dated_on = *w == "on" && words.get(i + 1).is_some_and(|n| has_digit(n));
        if (has_digit(w) && !short_number_first)
            || sets.noise.contains(w)
            || card_number
            || dated_on
        {
            continue;
        }
        kept.push(w);
    }
    // A closing state or country code takes the city before it along.
    // ("AMZN MKTP US": a country alone names no city.)
    let last = kept.last().copied().unwrap_or("");
    if matches!(last, "us" | "usa" | "uk") {
        kept.pop();
    } else if kept.len() >= 3 && sets.regions.contains(last) {
        kept.pop();
        kept.pop();
        if kept.len() >= 2 && sets.city_starts.contains(kept.last().expect("len >= 2")) {
            kept.pop();
        }
    } else if kept.len() >= 2 && sets.regions.contains(last) {
        kept.pop();
    }
    kept.truncate(MAX_WORDS);
    if kept.is_empty() {
        // Nothing but prefixes and numbers: keep what there was rather than nothing.
        return original.join(" ");
    }
    kept.join(" ")
}

/// The payee field of structured SEPA remittance text, if there is one.
fn sepa_name(text: &str) -> Option<&str> {
    let upper = text.to_ascii_uppercase();
    if let Some(i) = upper.find("/NAME/") {
        let rest = &text[i + 6..];
        return Some(rest.split('/').next().unwrap_or(rest));
    }
    for label in ["NAAM:", "NAME:"] {
        if let Some(i) = upper.find(label) {
            let rest = &text[i + label.len()..];
            let end = [
                "Omschrijving:",
                "OMSCHRIJVING:",
                "IBAN:",
                "Kenmerk:",
                "Description:",
            ]
            .iter()
            .filter_map(|l| rest.find(l))
            .min()
            .unwrap_or(rest.len());
            return Some(rest[..end].trim());
        }
    }
    None
}

fn has_digit(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
}

/// Lower-case ASCII: accents folded (é -> e, ß -> ss), apostrophes dropped so that
/// `Sainsbury's` and `SAINSBURYS` agree.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            if c != '\'' {
                out.push(c.to_ascii_lowercase());
            }
        } else if c == '\u{2019}' {
            // typographic apostrophe
        } else if c.is_alphabetic() {
            out.push_str(
                &deunicode::deunicode_char(c)
                    .unwrap_or(" ")
                    .to_ascii_lowercase(),
            );
        } else {
            // Emoji and other symbols are not part of a name.
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_merchant_gives_the_same_key() {
        let groups: &[&[&str]] = &[
            &[
                "AMZN Mktp US*2K4L09X",
                "AMZN MKTP US*7Q1Z2",
                "amzn mktp us*rt4kx92l1",
            ],
            &[
                "CHECKCARD 0412 STARBUCKS STORE 12345 SEATTLE WA",
                "STARBUCKS 0412 PORTLAND OR",
                "POS STARBUCKS #1234 SAN FRANCISCO CA",
                "Starbucks",
            ],
            &[
                "SQ *NOVA GRILL BALTIMORE MD",
                "SQ *NOVA GRILL",
                "Nova Grill",
            ],
            &[
                "TST* BLUE BOTTLE COFFEE OAKLAND CA           03/13",
                "TST*BLUE BOTTLE COFFEE",
            ],
            &[
                "PAYPAL *NETFLIX.COM",
                "NETFLIX.COM 866-579-7172 CA",
                "Netflix.com",
            ],
            &["Sainsbury's S/mkts", "SAINSBURYS S/MKTS 0412 LONDON GB"],
            &["Kartenzahlung REWE Markt GmbH", "REWE MARKT GMBH"],
            &["VISA 4417 TESCO STORES 3312 LEEDS GB", "TESCO STORES 2231"],
            &["SPAR KENILWORTH      CAPE TOWN    ZA", "SPAR KENILWORTH"],
            &["Café Müller", "CAFE MULLER"],
        ];
        for group in groups {
            let keys: Vec<String> = group.iter().map(|d| merchant_key(d)).collect();
            assert!(keys.iter().all(|k| k == &keys[0]), "{group:?} -> {keys:?}");
            assert!(!keys[0].is_empty());
        }
    }

    #[test]
    fn keys_look_like_names() {
        for (raw, key) in [
            ("AMZN Mktp US*2K4L09X", "amzn mktp"),
            (
                "CHECKCARD 0412 STARBUCKS STORE 12345 SEATTLE WA",
                "starbucks",
            ),
            ("UBER   *TRIP HELP.UBER.COM CA", "uber"),
            ("UBER *EATS", "uber eats"),
            ("7-ELEVEN 23114 DALLAS TX", "7 eleven"),
            (
                "Zelle payment to Maria Lopez JPM99b7k2xq4",
                "zelle payment to maria",
            ),
            (
                "ATM WITHDRAWAL 03/14 1234 MAIN ST",
                "atm withdrawal main st",
            ),
            ("12345 67890", "12345 67890"),
            (
                "PURCHASE AUTHORIZED ON 03/14 SAFEWAY #1523 SAN JOSE CA S386073512345678 CARD 4417",
                "safeway",
            ),
            ("BP 8812 LEEDS GB", "bp"),
            ("APPLE.COM/BILL 866-712-7753 CA", "apple"),
            ("", ""),
            ("Tom Baker Pizza 🍕", "tom baker pizza"),
            (
                "/TRTP/SEPA OVERBOEKING/IBAN/NL25SNSB3714473379/BIC/BUNQNL2A/NAME/B&B DE DUINROOS/REMI/X",
                "b b duinroos",
            ),
            (
                "Naam: ABN AMRO HYPOTHEKEN Omschrijving: Hypotheek 9687955688",
                "abn amro hypotheken",
            ),
            (
                "Apple Pay BIERGARTEN AM SEE Muenchen",
                "biergarten am see muenchen",
            ),
            (
                "PAIEMENT PAR CARTE X4991 AIR FRANCE PARIS 13/07",
                "air france paris",
            ),
            ("ARGOS EDINBURGH ON 16 AUG CLP", "argos edinburgh"),
        ] {
            assert_eq!(merchant_key(raw), key, "{raw}");
        }
    }
}
