//! `knotwise serve --watch` as an author uses it, on a temporary copy of a
//! fixture site: a save shows up, a broken save keeps the last good page
//! and shows the problems panel, the fix clears it, a rename-save is seen,
//! editor swap files are not, and browsers hear about each rebuild.
//! Without `--watch` nothing of it is served.
//!
//! Rebuilds are awaited with a generous timeout; no test asserts a time.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use actix_web::test::{self, TestRequest};
use common::client::{self, Response};
use common::server::{Process, knotwise};
use common::{PATIENCE, fixture, fixture_site};

/// `knotwise serve --watch` on the fixture site in `site`, logging at `log`.
fn watch(site: &Path, log: &str) -> Process {
    Process::start(
        knotwise()
            .args(["serve", "--watch", "--addr", "127.0.0.1:0", "--workers", "1"])
            .args(["--articles", "articles", "--static", "static"])
            .current_dir(site)
            .env("RUST_LOG", log),
    )
}

/// `GET path` as a browser asks, ready to take a compressed page.
fn get(addr: &str, path: &str) -> Response {
    client::request(addr, "GET", path, &[("Accept-Encoding", "br, gzip")], b"")
}

/// Polls `path` until the page satisfies `ready`, and returns it.
fn wait_for(addr: &str, path: &str, what: &str, ready: impl Fn(&Response) -> bool) -> Response {
    let started = Instant::now();
    loop {
        let page = get(addr, path);
        if ready(&page) {
            return page;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{what} did not happen within {PATIENCE:?}; the page is:\n{}",
            page.text()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A browser listening for rebuilds: the event stream, open.
fn listen(addr: &str) -> BufReader<TcpStream> {
    let mut events = client::connect(addr);
    write!(events, "GET /_knotwise/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    BufReader::new(events)
}

/// The build number in the next event on `events`.
fn next_event(events: &mut BufReader<TcpStream>) -> u64 {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(events.read_line(&mut line).unwrap() > 0, "the event stream ended");
        if let Some(data) = line.trim_end().strip_prefix("data: ") {
            return data.parse::<u64>().unwrap();
        }
    }
}

/// The build number the page was made from.
fn build_of(page: &Response) -> u64 {
    let page = page.text();
    let at = page.find("<meta name=\"knotwise-build\" content=\"").expect("watch mode marks the build");
    page[at..].split('"').nth(3).unwrap().parse().unwrap()
}

fn edit(file: &Path, find: &str, replace: &str) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    assert_eq!(text.matches(find).count(), 1, "`{find}` once in {}", file.display());
    text.replacen(find, replace, 1)
}

#[test]
fn saves_rebuild_bad_saves_keep_the_last_good_site_and_show_the_problems() {
    let site = fixture("valid");
    let alpha = site.articles().join("alpha.md");
    let server = watch(site.dir(), "warn");
    let addr = &server.addr;

    let reply = get(addr, "/articles/alpha");
    let page = reply.text();
    assert_eq!(reply.status, 200, "{page}");
    assert!(page.contains("Muscles can feel tender in small spots."), "{page}");
    assert!(page.contains("<script src=\"/_knotwise/live-reload.js\" defer=\"\"></script>"), "{page}");
    assert_eq!(reply.header("cache-control"), Some("no-store"), "watch mode never lets a browser cache");
    assert_eq!(reply.header("content-encoding"), None, "pages are sent plain in watch mode");
    assert!(!page.contains("knotwise-problems"), "{page}");
    let draft = get(addr, "/articles/draft");
    assert_eq!(draft.status, 200, "watch mode shows drafts: {}", draft.text());
    let script = get(addr, "/_knotwise/live-reload.js");
    assert!(script.status == 200 && script.text().contains("EventSource"), "{}", script.text());
    assert!(script.header("content-type").is_some_and(|t| t.starts_with("text/javascript")), "{script:?}");

    // Browsers listening for rebuilds hear the current build at once.
    let mut events = listen(addr);
    assert_eq!(next_event(&mut events), build_of(&reply));

    // A save shows up, and browsers hear about it.
    std::fs::write(&alpha, edit(&alpha, "Muscles can feel tender", "Muscles often feel tender")).unwrap();
    let page =
        wait_for(addr, "/articles/alpha", "the save", |p| p.text().contains("Muscles often feel tender"));
    assert_eq!(next_event(&mut events), build_of(&page));

    // A broken save: the last good page stays, with every problem above it.
    let good = std::fs::read_to_string(&alpha).unwrap();
    std::fs::write(
        &alpha,
        good.replace("[beta's section](/articles/beta#day-one)", "[beta](/articles/gamma)"),
    )
    .unwrap();
    let page =
        wait_for(addr, "/articles/alpha", "the problems panel", |p| p.text().contains("knotwise-problems"));
    let page = page.text();
    assert!(page.contains("Muscles often feel tender"), "the last good content stays: {page}");
    assert!(page.contains("/articles/beta#day-one"), "the last good content stays: {page}");
    let panel = &page[page.find("knotwise-problems").unwrap()..];
    let line = good.lines().position(|l| l.contains("[beta's section]")).unwrap() + 1;
    assert!(panel.contains(&format!("alpha.md, line {line}</code>")), "names the file and line: {panel}");
    assert!(panel.contains("the link <code>/articles/gamma</code> leads nowhere"), "{panel}");
    assert!(panel.contains("Fix: "), "{panel}");
    assert!(panel.find("knotwise-problems") < panel.find("Muscles often feel tender"), "panel first");
    let home = get(addr, "/").text();
    assert!(home.contains("knotwise-problems"), "every page shows the panel: {home}");

    // The fix clears the panel by itself.
    std::fs::write(&alpha, &good).unwrap();
    wait_for(addr, "/", "the fix", |p| p.status == 200 && !p.text().contains("knotwise-problems"));

    // Swap files do not count: only the real save after them rebuilds, and
    // the site still builds while they lie beside the content.
    let before = build_of(&get(addr, "/articles/alpha"));
    std::fs::write(site.articles().join(".alpha.md.swp"), "not Markdown").unwrap();
    std::fs::write(site.articles().join("alpha.md~"), "a backup").unwrap();
    std::fs::write(site.statics().join(".style.css.swp"), "vim's swap file").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    // A rename-save: the editor writes a temp file and renames it over the article.
    let temp = site.articles().join("alpha.md.tmp");
    std::fs::write(&temp, edit(&alpha, "Muscles often feel tender", "Muscles sometimes feel tender"))
        .unwrap();
    std::fs::rename(&temp, &alpha).unwrap();
    let page =
        wait_for(addr, "/articles/alpha", "the rename-save", |p| p.text().contains("Muscles sometimes feel"));
    assert_eq!(build_of(&page), before + 1, "one rebuild, for the article and not the swap files");
    assert!(!page.text().contains("knotwise-problems"), "{}", page.text());
}

#[actix_web::test]
async fn without_watch_nothing_of_it_is_served() {
    let app = service!(fixture_site());
    for path in ["/_knotwise/live-reload.js", "/_knotwise/events", "/_knotwise/watch.css"] {
        let res = test::call_service(&app, TestRequest::get().uri(path).to_request()).await;
        assert_eq!(res.status(), 404, "{path}");
    }
    let res = test::call_service(&app, TestRequest::get().uri("/articles/alpha").to_request()).await;
    let body = test::read_body(res).await;
    let page = common::text(&body);
    assert!(!page.contains("_knotwise") && !page.contains("knotwise-build"), "{page}");
}

/// Watch mode is for an author at a terminal: the banner says what it
/// watches, and the first Ctrl+C stops it, even with a browser listening
/// for rebuilds. No load balancer waits on an author, so there is no drain
/// and no second Ctrl+C to learn.
#[test]
fn the_banner_names_what_is_watched_and_the_first_ctrl_c_stops_it() {
    let site = fixture("valid");
    let mut server = watch(site.dir(), "info");
    let banner = &server.banner;
    assert!(
        banner
            .contains("/ (watching articles (Markdown and TOML) and static for saves; press Ctrl+C to stop)"),
        "{banner}"
    );

    // A browser listening for rebuilds: a stream that never ends by itself.
    let mut events = listen(&server.addr);
    next_event(&mut events);

    server.signal(libc::SIGINT);
    let status = server.wait();
    assert!(status.success(), "watch mode stops on the first Ctrl+C: {status}");
    let log = server.log();
    assert!(log.contains("SIGINT: stopping"), "{log}");
    assert!(!log.contains("/readyz answers 503"), "no drain in watch mode: {log}");
    // Closed with the server, not left waiting for the read timeout.
    let mut rest = Vec::new();
    let ended = events.read_to_end(&mut rest);
    assert!(ended.is_ok(), "the browser's stream is closed: {ended:?}");
}
