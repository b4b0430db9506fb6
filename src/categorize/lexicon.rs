//! The built-in lexicon: well-known merchants and banks' own wording, by merchant key.
//!
//! `lexicon.tsv` holds `KEY<TAB>CATEGORY` lines. A key matches a merchant key whose
//! leading words are the key's words: `uber` matches `uber trip`, `uber eats` matches
//! `uber eats amsterdam` and wins there for being longer; nothing matches inside a word.

use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("lexicon.tsv");

pub struct Lexicon {
    map: HashMap<&'static str, &'static str>,
    longest: usize,
}

impl Lexicon {
    /// The lexicon built into the binary, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(DATA))
    }

    fn parse(data: &'static str) -> Lexicon {
        let mut map = HashMap::new();
        let mut longest = 0;
        for line in data.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((key, category)) = line.split_once('\t') {
                longest = longest.max(key.split(' ').count());
                map.insert(key, category.trim());
            }
        }
        Lexicon { map, longest }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The category name for a merchant key, by its longest matching leading words.
    pub fn lookup(&self, merchant_key: &str) -> Option<&'static str> {
        let words: Vec<usize> = std::iter::once(0)
            .chain(merchant_key.match_indices(' ').map(|(i, _)| i))
            .collect();
        let n = words.len().min(self.longest);
        for k in (1..=n).rev() {
            let end = words.get(k).copied().unwrap_or(merchant_key.len());
            if let Some(c) = self.map.get(&merchant_key[..end]) {
                return Some(c);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_leading_words_win_and_words_are_whole() {
        let lex = Lexicon::parse("# test\nuber\tTransport\nuber eats\tDining\nshell\tFuel\n");
        assert_eq!(lex.lookup("uber"), Some("Transport"));
        assert_eq!(lex.lookup("uber trip"), Some("Transport"));
        assert_eq!(lex.lookup("uber eats amsterdam"), Some("Dining"));
        assert_eq!(lex.lookup("shellfish shack"), None);
        assert_eq!(lex.lookup("the shell"), None);
        assert_eq!(lex.lookup(""), None);
    }

    #[test]
    fn the_builtin_lexicon_is_well_formed() {
        const CATEGORIES: &[&str] = &[
            "Groceries",
            "Dining",
            "Transport",
            "Fuel",
            "Utilities",
            "Rent/Mortgage",
            "Income",
            "Subscriptions",
            "Shopping",
            "Health",
            "Travel",
            "Entertainment",
            "Education",
            "Insurance",
            "Fees",
            "Cash",
            "Transfers",
            "Gifts/Donations",
            "Personal Care",
            "Home",
        ];
        let mut seen = std::collections::HashSet::new();
        let mut entries = 0;
        for (n, line) in DATA.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, category) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("lexicon.tsv:{}: no tab", n + 1));
            assert!(
                CATEGORIES.contains(&category),
                "lexicon.tsv:{}: {category}",
                n + 1
            );
            assert!(
                !key.is_empty()
                    && key.split(' ').all(|w| !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "lexicon.tsv:{}: key `{key}`",
                n + 1
            );
            assert!(seen.insert(key), "lexicon.tsv:{}: duplicate `{key}`", n + 1);
            entries += 1;
        }
        assert_eq!(Lexicon::builtin().len(), entries);
    }
}
