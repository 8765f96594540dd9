//! Operating the binary: the health probe command, readiness and drain on
//! a stop signal, the metrics listener.

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Output};

use common::client::{self, closed_by_server, connect, exchange, request};
use common::server::{Process, knotwise, loopback};

/// `knotwise serve` of the bundled site on a free loopback port, with `args`.
fn start(args: &[&str]) -> Process {
    Process::start(
        knotwise().args(["--addr", "127.0.0.1:0", "--workers", "1"]).args(args).env("RUST_LOG", "info"),
    )
}

const BROTLI: [(&str, &str); 1] = [("Accept-Encoding", "br")];

/// `GET target`: the status and the body.
fn get(addr: &str, target: &str) -> (u16, String) {
    let answer = client::get(addr, target);
    (answer.status, answer.text())
}

#[test]
fn readyz_turns_503_on_sigterm_while_pages_still_answer_and_close_their_connection() {
    let mut server = start(&["--drain-seconds", "600"]);
    assert_eq!(get(&server.addr, "/readyz"), (200, "ready\n".to_string()));
    let page = format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr);
    let mut kept = connect(&server.addr);
    let answer = exchange(&mut kept, &page);
    assert_eq!((answer.status, answer.header("connection")), (200, None), "kept alive: {:?}", answer.headers);

    server.signal(libc::SIGTERM);
    server.log_line("SIGTERM: /readyz answers 503");
    assert_eq!(get(&server.addr, "/readyz"), (503, "draining\n".to_string()));
    let (status, home) = get(&server.addr, "/");
    assert_eq!(status, 200, "pages answer while draining");
    assert!(home.contains("<html"), "{home}");
    assert_eq!(get(&server.addr, "/healthz").0, 200, "still alive while draining");
    // A connection kept open from before the signal (as a load balancer
    // keeps one) is told to close after its next answer, and is closed.
    let answer = exchange(&mut kept, &page);
    assert_eq!((answer.status, answer.header("connection")), (200, Some("close")), "{:?}", answer.headers);
    assert!(closed_by_server(&mut kept), "closed after the answer while draining");

    // A second signal skips the rest of the (here: long) drain.
    server.signal(libc::SIGTERM);
    assert!(server.wait().success(), "a graceful stop exits 0:\n{}", server.log());
    let log = server.log();
    assert!(log.contains("SIGTERM again: stopping now"), "{log}");
    assert!(log.contains("stopping: in-flight requests get up to 10 s"), "{log}");
}

#[test]
fn after_the_drain_the_server_stops_by_itself_and_exits_0() {
    let mut server = start(&["--drain-seconds", "1"]);
    assert_eq!(get(&server.addr, "/readyz").0, 200);
    server.signal(libc::SIGINT);
    assert!(server.wait().success(), "{}", server.log());
    let log = server.log();
    assert!(log.contains("SIGINT: /readyz answers 503 from now; serving 1 s more"), "{log}");
    assert!(!log.contains("again"), "one signal was enough: {log}");
    assert!(log.contains("stopped"), "{log}");
}

/// One sample of the Prometheus text format.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// Parses the text format strictly: every sample belongs to a family
/// declared by `# TYPE` before it, every label value is quoted.
fn parse_prometheus(text: &str) -> Vec<Sample> {
    let mut families: Vec<String> = Vec::new();
    let mut samples = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect(line);
            assert!(["counter", "gauge", "histogram"].contains(&kind), "{line}");
            families.push(name.to_string());
            continue;
        }
        if line.starts_with("# HELP ") {
            continue;
        }
        assert!(!line.is_empty() && !line.starts_with('#'), "unexpected line `{line}`");
        let (series, value) = line.rsplit_once(' ').expect(line);
        let value: f64 = value.parse().unwrap_or_else(|_| panic!("value in `{line}`"));
        let (name, labels) = match series.split_once('{') {
            Some((name, labels)) => (name, labels.strip_suffix('}').expect(line)),
            None => (series, ""),
        };
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "name in `{line}`");
        let family = ["_bucket", "_sum", "_count"].iter().find_map(|s| name.strip_suffix(s)).unwrap_or(name);
        assert!(families.iter().any(|f| f == name || f == family), "`{line}` before its # TYPE");
        let mut parsed = BTreeMap::new();
        let mut rest = labels;
        while !rest.is_empty() {
            let (key, after) = rest.split_once("=\"").expect(line);
            let mut value = String::new();
            let mut chars = after.char_indices();
            let end = loop {
                match chars.next().expect(line) {
                    (_, '\\') => value.push(match chars.next().expect(line).1 {
                        'n' => '\n',
                        c => c,
                    }),
                    (i, '"') => break i,
                    (_, c) => value.push(c),
                }
            };
            parsed.insert(key.to_string(), value);
            rest = after[end + 1..].trim_start_matches(',');
        }
        samples.push(Sample { name: name.to_string(), labels: parsed, value });
    }
    samples
}

fn find<'a>(samples: &'a [Sample], name: &str, labels: &[(&str, &str)]) -> Option<&'a Sample> {
    samples.iter().find(|s| {
        s.name == name && labels.iter().all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(v))
    })
}

#[test]
fn metrics_are_served_apart_with_route_patterns_and_nothing_private() {
    let server = start(&["--metrics-addr", "127.0.0.1:0", "--drain-seconds", "0"]);
    let line = server.log_line("metrics at http://");
    let metrics_addr = line.split("http://").nth(1).unwrap().trim_end_matches("/metrics").to_string();
    // Brotli bytes are counted below: wait until the background compression made them.
    server.log_line("every page compressed");

    let article = "/articles/soreness-after-massage";
    let compressed = request(&server.addr, "GET", &format!("{article}?q=private-words"), &BROTLI, b"");
    assert_eq!(compressed.status, 200);
    assert_eq!(get(&server.addr, "/").0, 200);
    assert_eq!(get(&server.addr, "/no-such-page?secret=1").0, 404);
    let answers = "right_now=none&leg=yes&pee=normal&nerves=no&headache=no&skin=normal&pain=severe&fever=no";
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let answered = request(&server.addr, "POST", "/self-check", &form, answers.as_bytes()).status;
    assert!(answered < 500, "{answered}");
    assert_eq!(get(&server.addr, "/metrics").0, 404, "never on the public listener");

    let (status, text) = get(&metrics_addr, "/metrics");
    assert_eq!(status, 200, "{text}");
    let samples = parse_prometheus(&text);

    let requests = "knotwise_http_requests_total";
    let ok = find(&samples, requests, &[("route", "/articles/{slug}"), ("status", "200")]).expect(&text);
    assert_eq!(ok.value, 1.0);
    assert!(find(&samples, requests, &[("route", "/"), ("status", "200")]).is_some(), "{text}");
    assert!(find(&samples, requests, &[("route", "none"), ("status", "404")]).is_some(), "{text}");
    assert!(
        find(&samples, requests, &[("route", "/self-check"), ("status", &answered.to_string())]).is_some()
    );

    let histogram = "knotwise_http_request_duration_seconds";
    let all =
        find(&samples, &format!("{histogram}_bucket"), &[("route", "/articles/{slug}"), ("le", "+Inf")]);
    assert_eq!(all.expect(&text).value, 1.0);
    assert!(find(&samples, &format!("{histogram}_sum"), &[("route", "/")]).expect(&text).value > 0.0);
    assert_eq!(find(&samples, &format!("{histogram}_count"), &[("route", "/")]).expect(&text).value, 1.0);

    let bytes = "knotwise_http_response_body_bytes_total";
    assert!(find(&samples, bytes, &[("encoding", "br")]).expect(&text).value > 0.0, "{text}");
    assert!(find(&samples, "knotwise_startup_duration_seconds", &[]).expect(&text).value > 0.0);
    let articles = find(&samples, "knotwise_articles", &[]).expect(&text).value;
    assert!((1.0..100.0).contains(&articles), "{articles}");
    let build =
        find(&samples, "knotwise_build_info", &[("version", env!("CARGO_PKG_VERSION"))]).expect(&text);
    assert!(build.labels.contains_key("commit"), "{text}");

    let allowed_labels = ["route", "status", "le", "encoding", "version", "commit"];
    for sample in &samples {
        for (key, value) in &sample.labels {
            assert!(allowed_labels.contains(&key.as_str()), "label `{key}` in {sample:?}");
            for private in ["private-words", "secret", "?", "soreness-after-massage", "severe", "leg", "yes"]
            {
                assert!(!value.contains(private), "`{private}` in {sample:?}");
            }
        }
        assert!(!sample.name.contains("selfcheck") && !sample.name.contains("level"), "{sample:?}");
    }
    assert!(!text.contains("emergency") && !text.contains("urgent"), "{text}");
}

fn healthcheck(args: &[&str]) -> Output {
    knotwise().arg("healthcheck").args(args).env_remove("KNOTWISE_ADDR").output().unwrap()
}

#[test]
fn healthcheck_passes_against_a_running_server_and_fails_against_a_stopped_one() {
    let mut server = start(&["--drain-seconds", "0"]);
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

    assert!(server.stop().success(), "{}", server.log());
    let out = healthcheck(&["--url", &url]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with(&format!("unhealthy: cannot connect to {}", server.addr)), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn healthcheck_gives_up_on_a_server_that_does_not_answer() {
    // Accepts the connection (the kernel does) but never answers.
    let silent = loopback();
    let url = format!("http://{}/healthz", silent.local_addr().unwrap());
    let out = healthcheck(&["--url", &url]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with(&format!("unhealthy: no answer from {url} within 2 s")), "{stderr}");
}

#[test]
fn the_systemd_unit_passes_systemd_analyze_verify_and_is_hardened() {
    let analyze = "/usr/bin/systemd-analyze";
    assert!(
        std::path::Path::new(analyze).exists(),
        "{analyze} is missing: install systemd (`apt-get install -y systemd`; .ci/run does)"
    );
    let unit = include_str!("../src/knotwise.service");
    for line in [
        "DynamicUser=yes",
        "ProtectSystem=strict",
        "ReadOnlyPaths=/srv/knotwise",
        "NoNewPrivileges=yes",
        "Restart=on-failure",
        "KillSignal=SIGTERM",
    ] {
        assert!(unit.lines().any(|l| l == line), "`{line}` in the unit");
    }
    // verify checks that the program exists: point it at the one just built.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("knotwise.service");
    std::fs::write(&path, unit.replace("/usr/local/bin/knotwise", env!("CARGO_BIN_EXE_knotwise"))).unwrap();
    let out = Command::new(analyze).arg("verify").arg(&path).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && said.trim().is_empty(), "systemd-analyze verify:\n{said}");

    let out = Command::new(analyze).args(["security", "--offline=yes"]).arg(&path).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    let exposure: f64 = said
        .lines()
        .find_map(|l| l.split("Overall exposure level for knotwise.service: ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no exposure level in:\n{said}{}", String::from_utf8_lossy(&out.stderr)));
    assert!(exposure < 2.0, "systemd rates the unit's exposure {exposure} (0 is best):\n{said}");
}
