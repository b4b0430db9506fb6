//! The learned model: what this user's own categorized transactions say about new ones.
//!
//! Two parts. A memory of exact merchant keys (a merchant seen before, especially one the
//! user corrected, is very likely the same category again), and a naive Bayes classifier
//! over the words and character trigrams of the merchant key and the direction of the
//! amount, for merchants never seen. Scores are tempered by the number of features, so that
//! the confidence behaves like a probability; below the threshold the model abstains.

use std::collections::HashMap;

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
    /// Merchants only rules have categorized: the rules know them, and where no rule
    /// fires (an amount or account condition) the model does not second-guess them.
    ruled: std::collections::HashSet<String>,
    total_weight: f64,
}

/// Below this much (weighted) history the model only remembers merchants it has seen.
const MIN_TRAINING: f64 = 20.0;

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
            if ex.corrected {
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

    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }

    /// The most likely category and its confidence (0..1).
    pub fn predict(&self, merchant_key: &str, amount: i64) -> Option<(i64, f64)> {
        if self.categories.is_empty() || merchant_key.is_empty() {
            return None;
        }
        if let Some(seen) = self.corrected.get(merchant_key) {
            // Laplace-smoothed share of the merchant's history.
            let total: f32 = seen.iter().map(|x| x.1).sum();
            let (c, w) = seen
                .iter()
                .copied()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .expect("non-empty");
            let p = f64::from(w + 1.0) / f64::from(total + 2.0);
            return Some((self.categories[c as usize], p));
        }
        if self.ruled.contains(merchant_key) {
            return None;
        }
        let mut feats = Vec::with_capacity(32);
        features(merchant_key, amount, &mut feats);
        let k = self.categories.len();
        let vocab = self.features.len().max(1) as f64;
        let alpha = 0.1;
        let mut score: Vec<f64> = (0..k)
            .map(|c| (self.class_weight[c] / self.total_weight).ln())
            .collect();
        let mut known = 0;
        for f in &feats {
            let counts = self.features.get(f);
            if counts.is_some() {
                known += 1;
            }
            for (c, s) in score.iter_mut().enumerate() {
                let n = counts
                    .and_then(|v| v.iter().find(|x| x.0 as usize == c))
                    .map_or(0.0, |x| f64::from(x.1));
                let lik = (n + alpha) / (self.feature_total[c] + alpha * vocab);
                // Features of one key are far from independent: averaging their evidence
                // instead of adding it keeps the confidence honest.
                *s += lik.ln() * 2.0 / feats.len() as f64;
            }
        }
        if known * 2 < feats.len() || self.total_weight < MIN_TRAINING {
            // Mostly unseen text, or too little history to generalise from.
            return None;
        }
        let max = score.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = score.iter().map(|s| (s - max).exp()).sum();
        let (best, s) = score
            .iter()
            .copied()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("k > 0");
        Some((self.categories[best], (s - max).exp() / sum))
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
    for word in key.split(' ') {
        out.push(xxh3_64(word.as_bytes()) ^ 0x5157);
        let padded = format!(" {word} ");
        let b = padded.as_bytes();
        for g in b.windows(3) {
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
}
