//! What the providers are sent and what their answers mean: HuggingFace's
//! zero-shot-classification task and OpenAI-compatible chat completions.

use serde_json::{Value, json};

use super::http::{Client, HttpError};

/// One merchant to categorize: its redacted description and the direction of its money.
#[derive(Debug, Clone)]
pub struct Question {
    pub text: String,
    pub outflow: bool,
}

/// A provider's answer: one of the user's categories, and how sure it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub category: String,
    pub confidence: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    HuggingFace,
    OpenAi,
}

impl Kind {
    pub fn parse(name: &str) -> Option<Kind> {
        match name {
            "huggingface" => Some(Kind::HuggingFace),
            "openai" => Some(Kind::OpenAi),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::HuggingFace => "huggingface",
            Kind::OpenAi => "openai",
        }
    }

    pub fn default_base_url(self) -> &'static str {
        match self {
            Kind::HuggingFace => "https://router.huggingface.co/hf-inference/models",
            Kind::OpenAi => "https://api.openai.com/v1",
        }
    }

    pub fn default_model(self) -> &'static str {
        match self {
            Kind::HuggingFace => "facebook/bart-large-mnli",
            Kind::OpenAi => "gpt-4o-mini",
        }
    }

    pub fn default_key_env(self) -> &'static str {
        match self {
            Kind::HuggingFace => "HF_TOKEN",
            Kind::OpenAi => "OPENAI_API_KEY",
        }
    }
}

/// A configured provider.
#[derive(Debug, Clone)]
pub struct Provider {
    pub kind: Kind,
    pub base_url: String,
    pub model: String,
    /// Merchants per request (always 1 for zero-shot classification).
    pub batch_size: usize,
}

impl Provider {
    /// Asks about `questions` (at most `batch_size`); one answer or None per question, in
    /// order. Only names in `categories` are accepted, spelled as there.
    pub fn ask(
        &self,
        client: &Client,
        questions: &[Question],
        categories: &[String],
    ) -> Result<Vec<Option<Answer>>, HttpError> {
        let base = self.base_url.trim_end_matches('/');
        match self.kind {
            Kind::HuggingFace => questions
                .iter()
                .map(|q| {
                    let url = format!("{base}/{}", self.model);
                    let answer = client.post_json(&url, &zero_shot_request(q, categories))?;
                    zero_shot_answer(&answer, categories)
                })
                .collect(),
            Kind::OpenAi => {
                let url = format!("{base}/chat/completions");
                let answer = client.post_json(&url, &chat_request(self, questions, categories))?;
                batch_answer(&chat_content(&answer)?, questions.len(), categories)
            }
        }
    }
}

fn described(q: &Question) -> String {
    let direction = if q.outflow {
        "Payment"
    } else {
        "Money received"
    };
    format!("{direction}: {}", q.text)
}

fn zero_shot_request(q: &Question, categories: &[String]) -> Value {
    json!({
        "inputs": described(q),
        "parameters": {
            "candidate_labels": categories,
            "hypothesis_template": "This bank transaction is about {}.",
        }
    })
}

/// The top label of a zero-shot answer: a list of `{label, score}` (the Inference
/// Providers API) or `{labels, scores}` (the older Inference API), bare or in a list.
fn zero_shot_answer(v: &Value, categories: &[String]) -> Result<Option<Answer>, HttpError> {
    let bad = || HttpError::BadAnswer(format!("expected labels and scores, got {}", brief(v)));
    let (label, score) = if let Some(first) = v.as_array().and_then(|a| a.first()) {
        if first.get("labels").is_some() {
            top_of_lists(first).ok_or_else(bad)?
        } else {
            v.as_array()
                .ok_or_else(bad)?
                .iter()
                .filter_map(|e| Some((e.get("label")?.as_str()?, e.get("score")?.as_f64()?)))
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .ok_or_else(bad)?
        }
    } else {
        top_of_lists(v).ok_or_else(bad)?
    };
    Ok(known(categories, label).map(|category| Answer {
        category,
        confidence: score.clamp(0.0, 1.0),
    }))
}

fn top_of_lists(v: &Value) -> Option<(&str, f64)> {
    let labels = v.get("labels")?.as_array()?;
    let scores = v.get("scores")?.as_array()?;
    labels
        .iter()
        .zip(scores)
        .filter_map(|(l, s)| Some((l.as_str()?, s.as_f64()?)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

const INSTRUCTIONS: &str = "You put bank transactions into the user's spending categories. \
You are given the categories and a numbered list of transactions (the bank's description, \
with personal data replaced by placeholders such as [NAME] or [CARD]). Answer with JSON only, \
in this shape: {\"answers\": [{\"id\": 1, \"category\": \"...\", \"confidence\": 0.9}]}, one \
entry per transaction. category must be one of the given categories, spelled exactly, or \
null when none fits or you cannot tell. confidence is between 0 and 1.";

fn chat_request(p: &Provider, questions: &[Question], categories: &[String]) -> Value {
    let mut list = String::new();
    for (i, q) in questions.iter().enumerate() {
        list.push_str(&format!("{}. {}\n", i + 1, described(q)));
    }
    let user = format!(
        "Categories: {}\n\nTransactions:\n{list}",
        serde_json::to_string(categories).expect("strings serialize")
    );
    json!({
        "model": p.model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": user},
        ],
    })
}

/// The text of the first choice of a chat completion.
pub fn chat_content(v: &Value) -> Result<String, HttpError> {
    v.pointer("/choices/0/message/content")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| HttpError::BadAnswer(format!("no message content in {}", brief(v))))
}

/// The JSON object in a model's reply, which may wrap it in a code fence or prose.
pub fn json_in(text: &str) -> Option<Value> {
    let start = text.find(['{', '['])?;
    let end = text.rfind(['}', ']'])?;
    serde_json::from_str(text.get(start..=end)?).ok()
}

fn batch_answer(
    content: &str,
    n: usize,
    categories: &[String],
) -> Result<Vec<Option<Answer>>, HttpError> {
    let v = json_in(content)
        .ok_or_else(|| HttpError::BadAnswer(format!("no JSON in the reply: {}", clip(content))))?;
    let entries = v
        .get("answers")
        .unwrap_or(&v)
        .as_array()
        .ok_or_else(|| HttpError::BadAnswer(format!("no list of answers in {}", brief(&v))))?;
    let mut out = vec![None; n];
    for (i, e) in entries.iter().enumerate() {
        // Trust the id when there is one; else the position.
        let id = e
            .get("id")
            .and_then(|id| id.as_u64().or_else(|| id.as_str()?.trim().parse().ok()))
            .map_or(i, |id| (id as usize).wrapping_sub(1));
        let Some(slot) = out.get_mut(id) else {
            continue;
        };
        let Some(category) = e
            .get("category")
            .and_then(Value::as_str)
            .and_then(|c| known(categories, c))
        else {
            continue;
        };
        let confidence = e
            .get("confidence")
            .and_then(Value::as_f64)
            .unwrap_or(0.5)
            .clamp(0.0, 1.0);
        *slot = Some(Answer {
            category,
            confidence,
        });
    }
    Ok(out)
}

/// The user's spelling of `name`, if it is one of the categories.
fn known(categories: &[String], name: &str) -> Option<String> {
    let name = name.trim();
    categories
        .iter()
        .find(|c| c.to_lowercase() == name.to_lowercase())
        .cloned()
}

fn brief(v: &Value) -> String {
    clip(&v.to_string())
}

/// The start of a text for a message.
pub fn clip(text: &str) -> String {
    let t: String = text.chars().take(120).collect();
    if t.len() < text.len() {
        format!("{t}...")
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats() -> Vec<String> {
        ["Groceries", "Dining", "Transport"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn zero_shot_answers_in_both_shapes() {
        let new = json!([{"label": "Dining", "score": 0.2}, {"label": "Groceries", "score": 0.7}]);
        let old = json!({"sequence": "x", "labels": ["Transport", "Dining"], "scores": [0.6, 0.4]});
        let wrapped = json!([old.clone()]);
        assert_eq!(
            zero_shot_answer(&new, &cats()).unwrap(),
            Some(Answer {
                category: "Groceries".into(),
                confidence: 0.7
            })
        );
        for v in [old, wrapped] {
            assert_eq!(
                zero_shot_answer(&v, &cats()).unwrap().unwrap().category,
                "Transport"
            );
        }
        assert!(zero_shot_answer(&json!({"error": "loading"}), &cats()).is_err());
        // A label that is not a category is no answer.
        let other = json!([{"label": "Casino", "score": 0.9}]);
        assert_eq!(zero_shot_answer(&other, &cats()).unwrap(), None);
    }

    #[test]
    fn chat_answers_keep_known_categories_by_id() {
        let content = "```json\n{\"answers\": [{\"id\": 2, \"category\": \"dining\", \"confidence\": 0.8},\
            {\"id\": 1, \"category\": \"Casino\", \"confidence\": 0.9},\
            {\"id\": 3, \"category\": \"Transport\"}, {\"id\": 9, \"category\": \"Dining\"}]}\n```";
        let out = batch_answer(content, 3, &cats()).unwrap();
        assert_eq!(out[0], None);
        assert_eq!(
            out[1],
            Some(Answer {
                category: "Dining".into(),
                confidence: 0.8
            })
        );
        assert_eq!(out[2].as_ref().unwrap().confidence, 0.5);
        assert!(batch_answer("I cannot help with that.", 3, &cats()).is_err());
        assert!(batch_answer("{\"answers\": 7}", 3, &cats()).is_err());
    }
}
