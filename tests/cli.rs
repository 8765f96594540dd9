//! The binary as an operator runs it: it prints its URL, serves, logs one
//! line per request without query strings, and stops cleanly on SIGTERM.

mod common;

use common::client::get;
use common::server::{Process, knotwise, loopback};

#[test]
fn serves_logs_without_query_strings_and_stops_on_sigterm() {
    let mut server = Process::start(
        knotwise()
            .args(["--addr", "127.0.0.1:0", "--workers", "1", "--drain-seconds", "0"])
            .env("RUST_LOG", "info"),
    );

    assert_eq!(get(&server.addr, "/healthz").status, 200);
    assert_eq!(get(&server.addr, "/?q=private-words").status, 200);

    let exit = server.stop();
    assert!(exit.success(), "a graceful stop exits 0: {exit:?}");
    let log = server.log();
    assert!(log.contains("GET /healthz 200"), "{log}");
    assert!(log.contains("GET / 200"), "{log}");
    assert!(!log.contains("private-words"), "query strings are never logged: {log}");
}

#[test]
fn help_lists_the_options_of_each_command() {
    let help = |args: &[&str]| {
        let out = knotwise().args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let main = help(&["--help"]);
    for option in [
        "serve",
        "check",
        "healthcheck",
        "--addr",
        "--articles",
        "--static",
        "--base-url",
        "--workers",
        "--region",
        "--drain-seconds",
        "--metrics-addr",
    ] {
        assert!(main.contains(option), "{option} in:\n{main}");
    }
    let check = help(&["check", "--help"]);
    for option in ["--articles", "--static", "--max-grade"] {
        assert!(check.contains(option), "{option} in:\n{check}");
    }
}

#[test]
fn a_busy_address_is_a_clear_error() {
    let taken = loopback();
    let addr = taken.local_addr().unwrap().to_string();
    let out = knotwise().args(["--addr", &addr]).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("Cannot listen on {addr}")), "{stderr}");
    assert!(stderr.contains("fix: choose another address with --addr"), "{stderr}");
}

/// Runs the binary to completion with `args` and `env`, from the crate root.
fn run(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = knotwise();
    command.args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

/// Asserts that start-up failed cleanly with `says` and a fix, no panic.
fn assert_refused(out: &std::process::Output, says: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains(says), "expected `{says}` in:\n{stderr}");
    assert!(stderr.contains("fix"), "a fix in:\n{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing served: {}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn an_invalid_port_is_refused_not_replaced_by_8080() {
    let out = run(&["--workers", "1"], &[("PORT", "http")]);
    assert_refused(&out, "PORT is `http`, which is not a port number");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 to 65535"));
}

#[test]
fn bad_flag_values_are_refused_with_the_fix() {
    for (args, env, says) in [
        (&["--workers", "0"][..], &[][..], "0 workers cannot serve anything"),
        (&[], &[("KNOTWISE_WORKERS", "0")][..], "0 workers cannot serve anything"),
        (&["--base-url", "knotwise.example"], &[], "`knotwise.example` has no scheme (http:// or https://)"),
        (&["--addr", "localhost"], &[], "`localhost` is not an IP address with a port"),
        (&["--region", "mars"], &[], "`mars` is not a region; fix: use uk (999)"),
    ] {
        assert_refused(&run(args, env), says);
    }
}

#[test]
fn an_unreadable_folder_is_refused_with_the_fix() {
    let out = run(&["--addr", "127.0.0.1:0", "--articles", "no-such-folder"], &[]);
    assert_refused(&out, "no-such-folder: cannot read the articles folder");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--articles <dir>"));
    let out = run(&["--addr", "127.0.0.1:0", "--static", "Cargo.toml"], &[]);
    assert_refused(&out, "Cargo.toml: cannot read the static folder");
}

#[test]
fn port_without_a_base_url_warns_that_links_point_at_localhost() {
    // Asking for a free port and then releasing it can race with another
    // program taking it; the test then fails on "Cannot listen", not silently.
    let port = std::net::TcpListener::bind("0.0.0.0:0").unwrap().local_addr().unwrap().port().to_string();
    let mut server = Process::start(
        knotwise()
            .args(["--workers", "1", "--drain-seconds", "0"])
            .env("PORT", &port)
            .env("RUST_LOG", "info"),
    );
    let line = &server.banner;
    assert!(line.contains(&format!("http://localhost:{port}/")), "{line}");
    let home = get(&format!("127.0.0.1:{port}"), "/").text();
    assert!(home.contains(&format!("http://localhost:{port}/")), "the canonical link uses the default");
    assert!(server.stop().success());
    let log = server.log();
    assert!(log.contains("no --base-url"), "{log}");
    assert!(log.contains(&format!("will point at http://localhost:{port}")), "{log}");
    assert!(log.contains("fix: set --base-url"), "{log}");
}

/// A path in the base URL is refused before anything starts: every link on
/// the pages starts at `/`, so a site under `/guide` would break.
#[test]
fn a_base_url_with_a_path_is_refused_by_serve_and_export() {
    let out = run(&["serve", "--addr", "127.0.0.1:0", "--base-url", "https://example.org/guide"], &[]);
    assert_refused(&out, "has a path (`/guide`), and Knotwise serves a site only from the root of its host");
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("site");
    let out = run(&["export", target.to_str().unwrap(), "--base-url", "https://example.org/guide/"], &[]);
    assert_refused(&out, "has a path (`/guide`)");
    assert!(!target.exists(), "nothing exported");
}
