//! Integration tests: the real binary in a temporary home, one test binary.

#[path = "../common/mod.rs"]
mod common;

mod ai;
mod categorize;
mod coach;
mod import;
mod redact;
mod report;
mod review;
mod tx;
mod users;
