//! What the server exposes to whom: metrics only where asked, HSTS as
//! configured, and malformed requests logged as the client's errors.

mod common;

use std::io::{Read, Write};

use actix_web::http::header;
use actix_web::test as http;
use actix_web::web;
use common::client::connect;
use common::server::{Process, knotwise};
use knotwise::web::Hsts;

#[actix_web::test]
async fn hsts_follows_the_setting() {
    for (hsts, expected) in [
        (None, Some("max-age=63072000; includeSubDomains")),
        (Some(Hsts::On), Some("max-age=63072000; includeSubDomains")),
        (Some(Hsts::NoSubdomains), Some("max-age=63072000")),
        (Some(Hsts::Off), None),
    ] {
        let app = match hsts {
            Some(hsts) => service!(common::fixture_site(), web::Data::new(hsts)),
            None => service!(),
        };
        for path in ["/", "/no-such-page"] {
            let response = http::call_service(&app, http::TestRequest::get().uri(path).to_request()).await;
            let sent = response.headers().get(header::STRICT_TRANSPORT_SECURITY).map(|v| v.to_str().unwrap());
            assert_eq!(sent, expected, "{hsts:?} {path}");
            assert!(response.headers().contains_key(header::X_CONTENT_TYPE_OPTIONS), "the others stay");
        }
    }
}

fn serve(args: &[&str]) -> Process {
    Process::start(
        knotwise().args(["--workers", "1", "--drain-seconds", "0"]).args(args).env("RUST_LOG", "info"),
    )
}

/// Stops `server` and returns what it logged.
fn stop(mut server: Process) -> String {
    server.stop();
    server.log()
}

#[test]
fn metrics_other_machines_can_reach_are_refused_without_the_opt_in() {
    let out = knotwise().args(["--addr", "127.0.0.1:0", "--metrics-addr", "0.0.0.0:0"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("--metrics-addr 0.0.0.0:0 can be reached from other machines"), "{stderr}");
    assert!(stderr.contains("add --metrics-public"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing served");

    let server = serve(&["--addr", "127.0.0.1:0", "--metrics-addr", "0.0.0.0:0", "--metrics-public"]);
    assert!(server.banner.contains("is running at"), "{}", server.banner);
    let log = stop(server);
    // The real address, not `localhost`, and who can reach it.
    assert!(log.contains("metrics at http://0.0.0.0:"), "{log}");
    assert!(log.contains("reachable from other machines on every network interface"), "{log}");
}

#[test]
fn malformed_requests_are_logged_below_error_without_their_bytes() {
    let server = serve(&["--addr", "127.0.0.1:0"]);
    for junk in [
        &b"GARBAGE \x01 secret-junk-bytes\r\n\r\n"[..],
        b"GET / HTTP/1.1\r\nHost: x\r\nBad Header: secret-junk-bytes\r\n\r\n",
    ] {
        let mut stream = connect(&server.addr);
        stream.write_all(junk).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 400 Bad Request"), "{answer}");
    }
    let log = stop(server);
    assert!(!log.contains("ERROR"), "{log}");
    assert!(
        log.contains("INFO knotwise::client: a connection was closed: stream error: request parse error"),
        "{log}"
    );
    assert!(!log.contains("secret-junk-bytes"), "{log}");
}
