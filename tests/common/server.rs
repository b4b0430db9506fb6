//! A local HTTP server on 127.0.0.1 that stands in for remote AI providers: it records
//! every request and answers with what the test's handler says.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub body: String,
    pub authorization: Option<String>,
}

impl Request {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

/// What to answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
    pub delay: Duration,
}

impl Reply {
    pub fn json(body: serde_json::Value) -> Reply {
        Reply {
            status: 200,
            body: body.to_string(),
            headers: vec![("Content-Type".into(), "application/json".into())],
            delay: Duration::ZERO,
        }
    }

    pub fn status(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.into(),
            headers: vec![],
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn after(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Request, usize) -> Reply + Send + Sync;

pub struct Server {
    pub url: String,
    http: Arc<tiny_http::Server>,
    requests: Arc<Mutex<Vec<Request>>>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts a server whose `handler` gets each request and its number (0, 1, ...).
    pub fn start(handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Server {
        let http = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}", http.server_addr().to_ip().unwrap());
        let requests = Arc::new(Mutex::new(vec![]));
        let handler: Arc<Handler> = Arc::new(handler);
        let count = Arc::new(AtomicUsize::new(0));
        let threads = (0..8)
            .map(|_| {
                let (http, requests, handler, count) = (
                    http.clone(),
                    requests.clone(),
                    handler.clone(),
                    count.clone(),
                );
                std::thread::spawn(move || {
                    while let Ok(mut req) = http.recv() {
                        let mut body = String::new();
                        let _ = req.as_reader().read_to_string(&mut body);
                        let recorded = Request {
                            path: req.url().to_string(),
                            body,
                            authorization: req
                                .headers()
                                .iter()
                                .find(|h| h.field.equiv("Authorization"))
                                .map(|h| h.value.to_string()),
                        };
                        requests.lock().unwrap().push(recorded.clone());
                        let reply = handler(&recorded, count.fetch_add(1, Ordering::SeqCst));
                        std::thread::sleep(reply.delay);
                        let mut resp = tiny_http::Response::from_string(reply.body)
                            .with_status_code(reply.status);
                        for (k, v) in &reply.headers {
                            resp.add_header(
                                tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap(),
                            );
                        }
                        let _ = req.respond(resp);
                    }
                })
            })
            .collect();
        Server {
            url,
            http,
            requests,
            threads,
        }
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        for _ in &self.threads {
            self.http.unblock();
        }
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// The numbered transactions of an OpenAI-style chat request: (number, text).
pub fn chat_items(req: &Request) -> Vec<(usize, String)> {
    let v = req.json();
    let user = v["messages"][1]["content"].as_str().unwrap().to_string();
    user.lines()
        .filter_map(|l| {
            let (n, text) = l.split_once(". ")?;
            Some((n.trim().parse().ok()?, text.to_string()))
        })
        .collect()
}

/// An OpenAI-style chat completion whose content is `content`.
pub fn chat_reply(content: &str) -> Reply {
    Reply::json(serde_json::json!({
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]
    }))
}

/// 500 invented merchant names, none of which any local tier knows.
pub fn invented_merchants() -> Vec<String> {
    const A: [&str; 25] = [
        "ZOR", "QUI", "FLO", "SNA", "BRE", "KLA", "VUN", "PLI", "GRO", "TWE", "DRA", "MIX", "JOL",
        "YEP", "WUB", "NAX", "HOB", "LUF", "RIZ", "CEP", "TOK", "SUV", "GAM", "FEB", "VOL",
    ];
    const B: [&str; 20] = [
        "BLAX", "NDOR", "VELT", "MIRK", "THOP", "ZANG", "CRUB", "PLOW", "DRIN", "FUSK", "GLEM",
        "HARV", "JUNT", "KORB", "LIMP", "MOSK", "NURF", "PRAX", "QUIL", "ROWT",
    ];
    A.iter()
        .flat_map(|a| B.iter().map(move |b| format!("{a}{b} TRADING POST")))
        .collect()
}
