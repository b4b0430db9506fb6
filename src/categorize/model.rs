//! The learned model: what this user's own categorized transactions say about new ones.
//!
//! Two parts. A memory of exact merchant keys (a merchant seen before, especially one the
//! user corrected, is very likely the same category again), and a naive Bayes classifier
//! over the words and character trigrams of the merchant key and the direction of the
//! amount, for merchants never seen. Scores are tempered by the number of features, so that
//! the confidence behaves like a probability; below the threshold the model abstains.

use foldhash::{HashMap, HashMapExt};

use xxhash_rust::xxh3::xxh3_64;

/// A categorized transaction to learn from.
pub struct Example<'a> {
    pub merchant_key: &'a str,
    pub amount: i64,
    pub category_id: i64,
    /// How many transactions this stands for.
    pub weight: f32,
    /// Categorized by hand (a correction), not by a rule.
    pub corrected: bool,
}

#[derive(Default)]
pub struct Model {
    categories: Vec<i64>,
    /// Weighted examples per category.
    class_weight: Vec<f64>,
    /// Total feature weight per category.
    feature_total: Vec<f64>,
    features: HashMap<u64, Vec<(u16, f32)>>,
    /// Merchants the user corrected, with their categories.
    corrected: HashMap<String, Vec<(u16, f32)>>,
    /// The corrected merchants' keys again, by word: other spellings of a corrected
    /// merchant (`guardian news media`, `the guardian`) find it through shared words.
    by_word: HashMap<String, Vec<u32>>,
    corrected_keys: Vec<String>,
    /// In how many merchant keys each word occurs (the user's and the lexicon's): a word
    /// that many merchants share (`city`, `bank`, a home town) says little.
    df: HashMap<String, u32>,
    docs: u32,
    /// Merchants only rules have categorized: the rules know them, and where no rule
    /// fires (an amount or account condition) the model does not second-guess them.
    ruled: foldhash::HashSet<String>,
    total_weight: f64,
}

/// Below this much (weighted) history the model only remembers merchants it has seen.
const MIN_TRAINING: f64 = 20.0;

/// A word found in more corrected merchants than this does not pick one out.
const MAX_SHARED: usize = 16;

/// How alike two merchant keys must be to count as one merchant.
const SIMILAR: f64 = 0.5;
/// Equal, equal but for a plural or possessive `s` (`michaels`, `books`,
/// `properties`), or one cut short from the other, as banks truncate and abbreviate
/// (`boo` and `books`, `isl` and `island`, `dent` and `dentaire`).
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 3 && long.starts_with(short) {
        return true;
    }
    fn stem(w: &str) -> &str {
        match w.strip_suffix("ies").or_else(|| w.strip_suffix('y')) {
            Some(s) if s.len() >= 4 => s,
            _ => match w.strip_suffix('s') {
                Some(s) if s.len() >= 4 => s,
                _ => w,
            },
        }
    }
    a == b || stem(a) == stem(b)
}

/// The first two and three words of a key written as one (`pure gym` -> `puregym`),
/// with how many words each joins.
fn joined_starts(key: &str) -> Vec<(String, usize)> {
    let words: Vec<&str> = key.split(' ').collect();
    (2..=3.min(words.len()))
        .map(|k| (words[..k].concat(), k))
        .filter(|(j, _)| j.len() >= 6)
        .collect()
}

/// Long first words cut short at a statement's width (`hillsidefoodba`): the prefixes
/// under which a corrected merchant is found.
fn cut_forms(key: &str) -> Vec<&str> {
    let first = key.split(' ').next().unwrap_or("");
    if first.len() < 10 || !first.is_ascii() {
        return vec![];
    }
    (8..first.len()).map(|n| &first[..n]).collect()
}

/// Whether `word` is the words `joined` written as one, perhaps cut short.
fn same_joined(word: &str, joined: &str) -> bool {
    word == joined
        || (word.len() >= 8
            && joined.len() >= 8
            && (joined.starts_with(word) || word.starts_with(joined)))
}

/// `a` and `b` with the words of one that the other writes as one word joined the same
/// way (`puregym`, `pure gym glasgow` -> `puregym`, `puregym glasgow`).
fn align(a: &str, b: &str) -> (String, String) {
    fn first(k: &str) -> String {
        k.split(' ').next().unwrap_or("").to_string()
    }
    fn rest(k: &str, n: usize) -> Vec<&str> {
        k.split(' ').skip(n).collect()
    }
    fn rejoin(head: &str, tail: Vec<&str>) -> String {
        std::iter::once(head)
            .chain(tail)
            .collect::<Vec<_>>()
            .join(" ")
    }
    // The one word must reach well into the other's second word: `riverside` is not
    // `riverside drive` written as one.
    for (j, k) in joined_starts(b).into_iter().rev() {
        let a0 = first(a);
        if a0.len() >= first(b).len() + 3 && same_joined(&a0, &j) {
            return (a.to_string(), rejoin(&a0, rest(b, k)));
        }
    }
    for (j, k) in joined_starts(a).into_iter().rev() {
        let b0 = first(b);
        if b0.len() >= first(a).len() + 3 && same_joined(&b0, &j) {
            return (rejoin(&b0, rest(a, k)), b.to_string());
        }
    }
    (a.to_string(), b.to_string())
}

/// Words that join the words of a name and say nothing of which merchant it is.
const JOINING: &[&str] = &[
    "and", "the", "und", "der", "die", "das", "het", "een", "van", "voor", "les", "des", "del",
    "los", "las", "for", "with", "von", "aan", "naar", "pour", "por", "para", "con",
];

/// Weight of a hand correction relative to a rule's result.
pub const CORRECTION_WEIGHT: f32 = 4.0;

impl Model {
    pub fn train<'a>(examples: impl IntoIterator<Item = Example<'a>>) -> Model {
        let mut m = Model::default();
        let mut index: HashMap<i64, u16> = HashMap::new();
        let mut feats = Vec::with_capacity(32);
        for ex in examples {
            if ex.merchant_key.is_empty() {
                continue;
            }
            let c = *index.entry(ex.category_id).or_insert_with(|| {
                m.categories.push(ex.category_id);
                m.class_weight.push(0.0);
                m.feature_total.push(0.0);
                (m.categories.len() - 1) as u16
            });
            let weight = ex.weight * if ex.corrected { CORRECTION_WEIGHT } else { 1.0 };
            m.class_weight[c as usize] += f64::from(weight);
            m.total_weight += f64::from(weight);
            m.count_words(ex.merchant_key);
            if ex.corrected {
                if !m.corrected.contains_key(ex.merchant_key) {
                    let id = m.corrected_keys.len() as u32;
                    m.corrected_keys.push(ex.merchant_key.to_string());
                    // Its words, its first words written as one (`pure gym`, `puregym`)
                    // and its long first word cut short.
                    let joined = joined_starts(ex.merchant_key);
                    let forms = ex
                        .merchant_key
                        .split(' ')
                        .chain(joined.iter().map(|(j, _)| j.as_str()))
                        .chain(cut_forms(ex.merchant_key));
                    for w in forms {
                        let ids = m.by_word.entry(w.to_string()).or_default();
                        if ids.last() != Some(&id) {
                            ids.push(id);
                        }
                    }
                }
                add(
                    m.corrected.entry(ex.merchant_key.to_string()).or_default(),
                    c,
                    weight,
                );
            } else {
                m.ruled.insert(ex.merchant_key.to_string());
            }
            feats.clear();
            features(ex.merchant_key, ex.amount, &mut feats);
            for &f in &feats {
                add(m.features.entry(f).or_default(), c, weight);
            }
            m.feature_total[c as usize] += f64::from(weight) * feats.len() as f64;
        }
        m
    }

    /// Counts the words of merchant keys that are not training examples (the lexicon's),
    /// so that words common to many merchants weigh little.
    pub fn add_vocabulary<'a>(&mut self, keys: impl IntoIterator<Item = &'a str>) {
        for key in keys {
            self.count_words(key);
        }
    }

    fn count_words(&mut self, key: &str) {
        self.docs += 1;
        for (i, w) in key.split(' ').enumerate() {
            if !key.split(' ').take(i).any(|p| p == w) {
                *self.df.entry(w.to_string()).or_default() += 1;
            }
        }
    }

    /// How much a word at `pos` in a key says about the merchant: rare words and the first
    /// words (names come before places) say most; initials, numbers and joining words
    /// nothing.
    fn word_weight(&self, word: &str, pos: usize) -> f64 {
        if word.len() < 3 || word.bytes().all(|b| b.is_ascii_digit()) || JOINING.contains(&word) {
            return 0.0;
        }
        let df = f64::from(self.df.get(word).copied().unwrap_or(0));
        let idf = ((f64::from(self.docs) + 1.0) / (df + 1.0)).ln() + 1.0;
        idf / (1.0 + pos as f64)
    }

    /// How alike two merchant keys are (0..1), or 0 when they are not one merchant: either
    /// every telling word of one is in the other (`guardian` and `guardian news media`,
    /// `s bakker` and `sanne bakker`), or they share two telling words or more. The
    /// score is the larger share of either key's weight that lies in shared words.
    fn similarity(&self, a: &str, b: &str) -> f64 {
        // `puregym` and `pure gym glasgow`: the first words written as one are one word.
        let (a, b) = align(a, b);
        let (a, b) = (a.as_str(), b.as_str());
        let side = |key: &str, other: &str| {
            let (mut shared, mut total, mut words, mut missing) = (0.0, 0.0, 0, 0);
            for (i, w) in key.split(' ').enumerate() {
                let weight = self.word_weight(w, i);
                if weight == 0.0 || key.split(' ').take(i).any(|p| p == w) {
                    continue;
                }
                total += weight;
                if other.split(' ').any(|o| same_word(o, w)) {
                    shared += weight;
                    words += 1;
                } else {
                    missing += 1;
                }
            }
            let cover = if total == 0.0 { 0.0 } else { shared / total };
            (cover, words, missing == 0 && words > 0)
        };
        let (ca, shared, all_a) = side(a, b);
        let (cb, _, all_b) = side(b, a);
        if all_a || all_b || shared >= 2 {
            ca.max(cb)
        } else {
            0.0
        }
    }

    /// The corrected merchant most like `key` (another spelling of it), with how alike.
    fn similar_corrected(&self, key: &str) -> Option<(&str, f64)> {
        let mut best: Option<(&str, f64)> = None;
        let mut tried: Vec<u32> = Vec::new();
        let joined = joined_starts(key);
        let forms = key
            .split(' ')
            .chain(joined.iter().map(|(j, _)| j.as_str()))
            .chain(cut_forms(key));
        for (i, w) in forms.enumerate() {
            let ids = match self.by_word.get(w) {
                // A word that many corrected merchants share names none of them.
                Some(ids) if ids.len() <= MAX_SHARED && self.word_weight(w, i) > 0.0 => ids,
                _ => continue,
            };
            for &id in ids {
                if tried.contains(&id) {
                    continue;
                }
                tried.push(id);
                let other = self.corrected_keys[id as usize].as_str();
                let score = self.similarity(key, other);
                if best.is_none_or(|b| score > b.1) {
                    best = Some((other, score));
                }
            }
        }
        best.filter(|b| b.1 >= SIMILAR)
    }

    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    /// The corrected merchant that `key` is another spelling of, if any.
    pub fn corrected_spelling(&self, key: &str) -> Option<&str> {
        if self.corrected.contains_key(key) {
            return self.corrected.get_key_value(key).map(|(k, _)| k.as_str());
        }
        self.similar_corrected(key).map(|(k, _)| k)
    }

    /// The most likely category and its confidence (0..1).
    pub fn predict(&self, merchant_key: &str, amount: i64) -> Option<(i64, f64)> {
        self.predict_why(merchant_key, amount).map(|p| (p.0, p.1))
    }

    /// As `predict`, and whether the answer comes from a merchant the user corrected
    /// (that one, or another spelling of it).
    pub fn predict_why(&self, merchant_key: &str, amount: i64) -> Option<(i64, f64, bool)> {
        if self.categories.is_empty() || merchant_key.is_empty() {
            return None;
        }
        let similar = match self.corrected.get(merchant_key) {
            Some(seen) => Some((seen, 1.0)),
            None => self
                .similar_corrected(merchant_key)
                .map(|(k, score)| (&self.corrected[k], score)),
        };
        if let Some((seen, score)) = similar {
            // Laplace-smoothed share of the merchant's history, times how alike.
            let total: f32 = seen.iter().map(|x| x.1).sum();
            let (c, w) = seen
                .iter()
                .copied()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .expect("non-empty");
            let p = f64::from(w + 1.0) / f64::from(total + 2.0);
            return Some((self.categories[c as usize], p * score.sqrt(), true));
        }
        if self.ruled.contains(merchant_key) {
            return None;
        }
        let mut feats = Vec::with_capacity(32);
        features(merchant_key, amount, &mut feats);
        let known = feats
            .iter()
            .filter(|f| self.features.contains_key(*f))
            .count();
        if known * 2 < feats.len() || self.total_weight < MIN_TRAINING {
            // Mostly unseen text, or too little history to generalise from.
            return None;
        }
        let vocab = self.features.len().max(1) as f64;
        let alpha = 0.1;
        // Features of one key are far from independent: averaging their evidence instead
        // of adding it keeps the confidence honest. Every category starts as if it had
        // never seen any feature; each feature seen with a category then adds what it says.
        let per_feature = 2.0 / feats.len() as f64;
        let mut score: Vec<f64> = (0..self.categories.len())
            .map(|c| {
                let unseen = (alpha / (self.feature_total[c] + alpha * vocab)).ln();
                (self.class_weight[c] / self.total_weight).ln()
                    + unseen * feats.len() as f64 * per_feature
            })
            .collect();
        for f in &feats {
            for &(c, n) in self.features.get(f).into_iter().flatten() {
                score[c as usize] += ((f64::from(n) + alpha) / alpha).ln() * per_feature;
            }
        }
        let max = score.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = score.iter().map(|s| (s - max).exp()).sum();
        let (best, s) = score
            .iter()
            .copied()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("k > 0");
        Some((self.categories[best], (s - max).exp() / sum, false))
    }
}

fn add(v: &mut Vec<(u16, f32)>, c: u16, w: f32) {
    match v.iter_mut().find(|x| x.0 == c) {
        Some(x) => x.1 += w,
        None => v.push((c, w)),
    }
}

/// Words, character trigrams (with word boundaries) and the direction of the amount.
fn features(key: &str, amount: i64, out: &mut Vec<u64>) {
    let mut padded = Vec::with_capacity(key.len() + 2);
    for word in key.split(' ') {
        out.push(xxh3_64(word.as_bytes()) ^ 0x5157);
        padded.clear();
        padded.push(b' ');
        padded.extend_from_slice(word.as_bytes());
        padded.push(b' ');
        for g in padded.windows(3) {
            out.push(xxh3_64(g));
        }
    }
    out.push(if amount < 0 { 0x0d10 } else { 0x0d11 });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(key: &str, amount: i64, category_id: i64, weight: f32) -> Example<'_> {
        Example {
            merchant_key: key,
            amount,
            category_id,
            weight,
            corrected: false,
        }
    }

    fn fix(key: &str, amount: i64, category_id: i64) -> Example<'_> {
        Example {
            corrected: true,
            ..ex(key, amount, category_id, 1.0)
        }
    }

    #[test]
    fn remembers_merchants_and_generalises_from_their_words() {
        let m = Model::train([
            ex("tesco", -2000, 1, 5.0),
            ex("tesco express", -800, 1, 5.0),
            ex("sainsburys", -3000, 1, 5.0),
            ex("shell", -5000, 2, 5.0),
            ex("shell garage", -4000, 2, 5.0),
            fix("acme payroll", 300000, 3),
        ]);
        assert!(m.predict("tesco", -100).is_none(), "rules know tesco");
        let (c, _) = m.predict("tesco metro", -100).unwrap();
        assert_eq!(c, 1);
        let (c, _) = m.predict("shell petrol", -100).unwrap();
        assert_eq!(c, 2);
        let (c, p) = m.predict("acme payroll", 100).unwrap();
        assert_eq!(c, 3);
        assert!(p > 0.8, "a correction is trusted: {p}");
        assert!(
            m.predict("zzqx vvkw", -100).is_none(),
            "unknown text gives no answer"
        );
    }

    #[test]
    fn other_spellings_of_a_corrected_merchant_are_that_merchant() {
        let m = Model::train([
            fix("guardian news media", -1200, 7),
            fix("sanne bakker", -2000, 9),
            fix("riverside drive in", -3000, 5),
            fix("toko semarang den haag", -1500, 1),
        ]);
        for (key, category) in [
            ("guardian", 7),
            ("the guardian news", 7),
            ("s bakker", 9),
            ("bakker sanne", 9),
            ("toko semarang", 1),
        ] {
            let (c, p) = m.predict(key, -100).unwrap_or_else(|| panic!("{key}"));
            assert_eq!(c, category, "{key}");
            assert!(p > 0.6, "{key}: {p}");
        }
        for key in [
            // One shared word that is not all of either name: another merchant.
            "riverside physio",
            // Only a place in common.
            "albert heijn den haag",
            // Joining words say nothing.
            "fades and blades",
        ] {
            assert!(m.predict(key, -100).is_none(), "{key}");
        }
    }

    #[test]
    fn words_cut_short_or_abbreviated_are_the_same_words() {
        let m = Model::train([
            fix("second chapter books", -1800, 3),
            fix("cabinet dentaire rousseau", -6000, 4),
            fix("pure gym glasgow", -2000, 5),
            fix("mcdonalds", -900, 6),
            fix("hillsidefoodba calgary", -5000, 8),
        ]);
        for (key, category) in [
            ("second chapter boo", 3),
            ("cab dent rousseau", 4),
            // The first words written as one, or apart.
            ("puregym", 5),
            ("mc donalds", 6),
            // Written as one and cut short at the statement's width.
            ("hillside food", 8),
        ] {
            let (c, _) = m.predict(key, -100).unwrap_or_else(|| panic!("{key}"));
            assert_eq!(c, category, "{key}");
        }
        // One telling word in common, even cut short, is not one merchant (the model may
        // still guess from its words, but not as a corrected merchant).
        assert_ne!(
            m.predict_why("chapter one cafe", -100).map(|p| p.2),
            Some(true)
        );
    }
}
