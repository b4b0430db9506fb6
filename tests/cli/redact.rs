//! `smartspend redact`: what would leave the machine, line by line.

use std::io::Write;
use std::process::Stdio;

use crate::common::{TestEnv, stdout_of};

#[test]
fn redacts_arguments_and_standard_input_without_a_ledger() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "redact",
            "Zelle payment to Maria Lopez JPM99b7k2xq4",
            "AMZN Mktp US*2K4L09X",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        stdout_of(&out),
        "Zelle payment to [NAME] JPM99b7k2xq4\nAMZN Mktp US*2K4L09X\n"
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("smartspend"))
        .arg("redact")
        .env("SMARTSPEND_HOME", env.home())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"SEPA IBAN NL91ABNA0417164300 huur\nCall +44 7700 900123\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "SEPA IBAN [IBAN] huur\nCall [PHONE]\n"
    );
}
