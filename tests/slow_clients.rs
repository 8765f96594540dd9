//! Slow and stalled clients: a request's body must arrive within a deadline,
//! a body a route does not read is never waited for (nor asked for with a
//! `100 Continue`), and a process with more stalled connections than file
//! descriptors answers again within seconds. These run the real binary: descriptors belong to a process.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt as _;
use std::time::{Duration, Instant};

use common::client::{connect, read_answer};
use common::server::{Process, knotwise};

/// Starts the binary on the bundled site with at most `descriptors` open
/// files, as systemd's default `LimitNOFILE` would.
fn start(descriptors: u64) -> Process {
    let mut command = knotwise();
    command.args(["--addr", "127.0.0.1:0", "--workers", "1", "--drain-seconds", "0"]).env("RUST_LOG", "warn");
    // SAFETY: only an async-signal-safe call between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit { rlim_cur: descriptors, rlim_max: descriptors };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    Process::start(&mut command)
}

/// A connection that has sent `head` and part of a body, and then stalls.
fn stalled(addr: &str, head: &str) -> TcpStream {
    let mut stream = connect(addr);
    stream.write_all(head.as_bytes()).unwrap();
    stream
}

const STALLED_FORM: &str = "POST /self-check HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
     Content-Length: 10000\r\n\r\nstep=1&";
const STALLED_CHUNKS: &str = "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly part";

/// The whole answer on `stream`, read until the server closes it.
fn read_all(stream: &mut TcpStream, within: Duration) -> String {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap_or_else(|e| {
        panic!("the server did not close the connection: {e}; so far: {}", String::from_utf8_lossy(&answer))
    });
    String::from_utf8_lossy(&answer).into_owned()
}

/// Whether `GET target` answers 200 right now (within 2 s).
fn answers(addr: &str, target: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr.parse().unwrap(), Duration::from_secs(2)) else {
        return false;
    };
    stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    if write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").is_err() {
        return false;
    }
    let mut first = [0u8; 12];
    stream.read_exact(&mut first).is_ok() && &first == b"HTTP/1.1 200"
}

#[test]
fn a_body_a_route_does_not_read_is_not_waited_for() {
    let server = start(1024);
    let mut stream = stalled(&server.addr, STALLED_CHUNKS);
    // Answered, and the connection closed, while the body never comes.
    let answer = read_all(&mut stream, Duration::from_secs(30));
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("connection: close"), "{answer}");
    for head in [
        "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\npart",
        "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\npa",
    ] {
        let answer = read_all(&mut stalled(&server.addr, head), Duration::from_secs(30));
        assert!(answer.starts_with("HTTP/1.1 "), "{head:?}: {answer}");
    }
}

#[test]
fn a_form_body_that_stalls_gets_408_and_the_connection_closes() {
    let server = start(1024);
    for head in [
        STALLED_FORM,
        "POST /self-check HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\n\r\n5\r\nstep=",
    ] {
        // The deadline is 10 s; the read gives it plenty more.
        let answer = read_all(&mut stalled(&server.addr, head), Duration::from_secs(60));
        assert!(answer.starts_with("HTTP/1.1 408 Request Timeout"), "{answer}");
        assert!(answer.contains("Your answers took too long to arrive"), "{answer}");
    }
}

#[test]
fn more_stalled_bodies_than_descriptors_and_the_site_answers_again_within_seconds() {
    let descriptors = 256;
    let server = start(descriptors);
    assert!(answers(&server.addr, "/healthz"));
    let started = Instant::now();
    let stalled: Vec<TcpStream> = (0..descriptors + 100)
        .map(|i| stalled(&server.addr, if i % 2 == 0 { STALLED_FORM } else { STALLED_CHUNKS }))
        .collect();
    // Every stalled request is answered or timed out within the body
    // deadline, so descriptors come back; a generous minute for a busy machine.
    let deadline = started + Duration::from_secs(60);
    for target in ["/healthz", "/"] {
        while !answers(&server.addr, target) {
            assert!(Instant::now() < deadline, "{target} did not answer again within a minute");
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    drop(stalled);
}

/// A form's POST head asking `Expect: 100-continue` for a body of `length`.
fn expecting(target: &str, length: usize) -> String {
    format!(
        "POST {target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {length}\r\nExpect: 100-continue\r\n\r\n"
    )
}

#[test]
fn expect_continue_over_the_limit_gets_413_and_never_100_continue() {
    let server = start(1024);
    for (target, length, page) in [
        ("/self-check", 1_000_000, "far more data than the self-check form sends"),
        ("/feedback", 5_000, "far more than the form sends"),
    ] {
        // No byte of the body is sent: the answer comes from the head alone.
        let mut stream = stalled(&server.addr, &expecting(target, length));
        let first = read_answer(&mut stream);
        assert_eq!(first.status, 413, "{target}: the first answer");
        assert!(first.text().contains(page), "{target}: the route's own page: {}", first.text());
        // The application answered, as for any request: its headers are there.
        assert!(first.header("content-security-policy").is_some(), "{target}: {:?}", first.headers);
        let rest = read_all(&mut stream, Duration::from_secs(30));
        assert!(!rest.contains("100 Continue"), "{target}: {rest}");
    }
}

#[test]
fn expect_continue_on_a_route_that_reads_no_body_is_answered_without_100_continue() {
    let server = start(1024);
    let head = "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n";
    let mut stream = stalled(&server.addr, head);
    assert_eq!(read_answer(&mut stream).status, 200);
}

#[test]
fn expect_continue_within_the_limit_gets_100_and_the_same_answer_as_without() {
    let server = start(1024);
    let body = "page=what-is-a-muscle-knot&answer=yes";
    let without = {
        let head = expecting("/feedback", body.len()).replace("Expect: 100-continue\r\n", "");
        read_answer(&mut stalled(&server.addr, &format!("{head}{body}")))
    };
    let mut stream = stalled(&server.addr, &expecting("/feedback", body.len()));
    assert_eq!(read_answer(&mut stream).status, 100, "100 Continue, before the body");
    write!(stream, "{body}").unwrap();
    let answer = read_answer(&mut stream);
    assert_eq!(answer.status, 200, "the feedback is counted");
    assert_eq!((answer.status, answer.text()), (without.status, without.text()), "with Expect as without it");
}
