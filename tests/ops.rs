//! Operating the binary: health probe from the command line, readiness and
//! drain, the metrics listener.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Output, Stdio};

use common::root;

/// A running `knotwise serve` on a free loopback port.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_knotwise"))
            .args(["--addr", "127.0.0.1:0", "--workers", "1"])
            .args(args)
            .current_dir(root())
            .env_remove("PORT")
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect(&line);
        let addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
        Server { child, addr }
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill").args([signal, &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit; returns its success and its log.
    fn wait(mut self) -> (bool, String) {
        let exit = self.child.wait().unwrap();
        let mut log = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
        (exit.success(), log)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn healthcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knotwise"))
        .arg("healthcheck")
        .args(args)
        .env_remove("PORT")
        .env_remove("KNOTWISE_ADDR")
        .output()
        .unwrap()
}

#[test]
fn healthcheck_passes_against_a_running_server_and_fails_against_a_stopped_one() {
    let server = Server::start(&[]);
    let url = format!("http://{}/healthz", server.addr);
    let out = healthcheck(&["--url", &url]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with(&format!("healthy: {url} answered 200")), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");

    let out = healthcheck(&["--addr", &server.addr]);
    assert!(out.status.success(), "the address gives the same URL: {out:?}");

    let out = healthcheck(&["--url", &format!("http://{}/no-such-page", server.addr)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("answered 404, not 200"), "{out:?}");

    server.signal("-TERM");
    let (clean, log) = server.wait();
    assert!(clean, "{log}");
    let out = healthcheck(&["--url", &url]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with(&format!("unhealthy: cannot connect to {}", url_addr(&url))), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn healthcheck_gives_up_on_a_server_that_does_not_answer() {
    // Accepts the connection (the kernel does) but never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/healthz", silent.local_addr().unwrap());
    let out = healthcheck(&["--url", &url]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with(&format!("unhealthy: no answer from {url} within 2 s")), "{stderr}");
}

fn url_addr(url: &str) -> &str {
    url.trim_start_matches("http://").split('/').next().unwrap()
}
