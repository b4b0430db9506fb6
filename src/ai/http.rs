//! JSON over HTTP for remote providers: timeouts, retries with backoff and jitter on
//! timeouts, lost connections and 5xx, `Retry-After` on 429, and a circuit breaker that
//! stops asking for the rest of the run after repeated failures.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::Response;
use serde_json::Value;
use zeroize::Zeroizing;

/// Consecutive failed questions (after their retries) that open the circuit.
const BREAKER: u32 = 3;
/// The longest pause between tries, and the longest `Retry-After` smartspend waits.
const MAX_WAIT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HttpError {
    #[error("the API key was refused (HTTP {0}); check it, or set it with `smartspend ai key set`")]
    Auth(u16),
    #[error("HTTP {status}{}", if body.is_empty() { String::new() } else { format!(": {body}") })]
    Status { status: u16, body: String },
    #[error("rate limited: the server asks to wait {0} s")]
    RateLimited(u64),
    #[error("no answer within {0:.1} s")]
    Timeout(f64),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("the answer is not what was asked for: {0}")]
    BadAnswer(String),
    #[error("skipped after repeated failures")]
    CircuitOpen,
}

/// Settings of a [`Client`].
#[derive(Debug, Clone)]
pub struct Options {
    pub timeout: Duration,
    /// Tries after the first one.
    pub retries: u32,
    /// The first pause; each retry doubles it (with jitter).
    pub backoff: Duration,
}

impl Options {
    /// From the settings' seconds and retries, with smartspend's first pause.
    pub fn new(timeout_secs: f64, retries: u32) -> Options {
        Options {
            timeout: Duration::from_secs_f64(timeout_secs),
            retries,
            backoff: Duration::from_millis(500),
        }
    }
}

/// One provider's HTTP client, shared by the threads asking it.
pub struct Client {
    http: reqwest::blocking::Client,
    key: Option<Zeroizing<String>>,
    options: Options,
    failures: AtomicU32,
    open: AtomicBool,
    requests: AtomicUsize,
}

impl Client {
    pub fn new(key: Option<Zeroizing<String>>, options: Options) -> Result<Client, HttpError> {
        let http = reqwest::blocking::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("smartspend/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| HttpError::Connect(e.to_string()))?;
        Ok(Client {
            http,
            key,
            options,
            failures: AtomicU32::new(0),
            open: AtomicBool::new(false),
            requests: AtomicUsize::new(0),
        })
    }

    /// HTTP requests sent so far, retries included.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// Whether the circuit is open: the provider failed too often to keep asking.
    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::Relaxed)
    }

    /// POSTs `body` as JSON and returns the JSON answer, trying again where that may help.
    /// A successful answer that is not JSON counts as a failure, not retried.
    pub fn post_json(&self, url: &str, body: &Value) -> Result<Value, HttpError> {
        if self.is_open() {
            return Err(HttpError::CircuitOpen);
        }
        let mut attempt = 0;
        let outcome = loop {
            let (error, wait) = match self.send(url, body) {
                Ok(resp) if resp.status().is_success() => {
                    break resp
                        .json::<Value>()
                        .map_err(|e| HttpError::BadAnswer(e.to_string()));
                }
                Ok(resp) => match resp.status() {
                    StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                        self.open.store(true, Ordering::Relaxed);
                        return Err(HttpError::Auth(resp.status().as_u16()));
                    }
                    StatusCode::TOO_MANY_REQUESTS => match retry_after(&resp) {
                        Some(w) if w > MAX_WAIT => break Err(HttpError::RateLimited(w.as_secs())),
                        w => (status_error(resp), w.unwrap_or(self.pause(attempt))),
                    },
                    s if s.is_server_error() => (status_error(resp), self.pause(attempt)),
                    _ => break Err(status_error(resp)),
                },
                Err(e) if e.is_timeout() => (
                    HttpError::Timeout(self.options.timeout.as_secs_f64()),
                    self.pause(attempt),
                ),
                Err(e) => (HttpError::Connect(source_chain(&e)), self.pause(attempt)),
            };
            if attempt >= self.options.retries || self.is_open() {
                break Err(error);
            }
            attempt += 1;
            std::thread::sleep(wait);
        };
        match &outcome {
            Ok(_) => self.failures.store(0, Ordering::Relaxed),
            Err(_) => {
                if self.failures.fetch_add(1, Ordering::Relaxed) + 1 >= BREAKER {
                    self.open.store(true, Ordering::Relaxed);
                }
            }
        }
        outcome
    }

    fn send(&self, url: &str, body: &Value) -> reqwest::Result<Response> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut req = self.http.post(url).json(body);
        if let Some(key) = &self.key {
            req = req.bearer_auth(key.as_str());
        }
        req.send()
    }

    /// Exponential backoff with jitter: between half and all of `backoff * 2^attempt`.
    fn pause(&self, attempt: u32) -> Duration {
        let full = self
            .options
            .backoff
            .saturating_mul(1 << attempt.min(16))
            .min(MAX_WAIT);
        let jitter = getrandom::u32().unwrap_or(0) as f64 / u32::MAX as f64;
        full.mul_f64(0.5 + jitter / 2.0)
    }
}

/// `Retry-After` in seconds or as an HTTP date.
fn retry_after(resp: &Response) -> Option<Duration> {
    let text = resp.headers().get("retry-after")?.to_str().ok()?.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    let secs = (at.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(Duration::from_secs(secs as u64))
}

/// A status error with the start of the body (APIs explain themselves there).
fn status_error(resp: Response) -> HttpError {
    let status = resp.status().as_u16();
    let body: String = resp
        .text()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(200)
        .collect();
    HttpError::Status { status, body }
}

/// reqwest's error and its causes ("error sending request: connection refused").
fn source_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
