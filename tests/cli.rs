//! The binary as an operator runs it: it prints its URL, serves, logs one
//! line per request without query strings, and stops cleanly on SIGTERM.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::root;

fn get(addr: &str, target: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serves_logs_without_query_strings_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_knotwise"))
        .args(["--addr", "127.0.0.1:0", "--workers", "1"])
        .current_dir(root())
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect(&line).to_string();
    let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();

    assert!(get(&addr, "/healthz").starts_with("HTTP/1.1 200 OK"));
    assert!(get(&addr, "/?q=private-words").starts_with("HTTP/1.1 200 OK"));

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "a graceful stop exits 0: {exit:?}");
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(log.contains("GET /healthz 200"), "{log}");
    assert!(log.contains("GET / 200"), "{log}");
    assert!(!log.contains("private-words"), "query strings are never logged: {log}");
}

#[test]
fn help_lists_the_options_of_each_command() {
    let help = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_knotwise")).args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let main = help(&["--help"]);
    for option in
        ["serve", "check", "--addr", "--articles", "--static", "--base-url", "--workers", "--region"]
    {
        assert!(main.contains(option), "{option} in:\n{main}");
    }
    let check = help(&["check", "--help"]);
    for option in ["--articles", "--static", "--max-grade"] {
        assert!(check.contains(option), "{option} in:\n{check}");
    }
}

#[test]
fn a_busy_address_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_knotwise"))
        .args(["--addr", &addr])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("Cannot listen on {addr}")), "{stderr}");
    assert!(stderr.contains("fix: choose another address with --addr"), "{stderr}");
}
