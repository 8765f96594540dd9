//! `knotwise export` proved with a real server: the export is served by
//! nginx with the server block it writes, and every URL in the sitemap, the
//! stylesheet, the 404 page, an alias, searches and the self-check's POST
//! answer as `knotwise serve` answers them: same status, same body (plain
//! and gzip), same security and cache headers. With the origin gone, a
//! search and a self-check POST get the site's own "not available" pages,
//! with the emergency numbers and a 503.
//!
//! Needs nginx (`apt-get install -y nginx`; `.ci/run` installs it). Without
//! it this test fails and says so: it never skips.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::client::request;
use common::nginx::{free_port, start_nginx, work_dir};
use common::{BASE_URL, export_into, fixture_with_warning_signs, serve_as_origin};

/// The headers that must match between the two servers.
const COMPARED: [&str; 13] = [
    "content-type",
    "content-encoding",
    "cache-control",
    "vary",
    "location",
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
    "strict-transport-security",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "x-robots-tag",
];

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn compare(knotwise: &str, nginx: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) {
    let expected = request(knotwise, method, path, headers, body);
    let actual = request(nginx, method, path, headers, body);
    let what = format!("{method} {path} {headers:?}");
    assert_eq!(actual.status, expected.status, "status of {what}");
    // A redirect's body is nginx's own short page; only its Location matters.
    assert!(
        (300..400).contains(&actual.status) || actual.decoded() == expected.decoded(),
        "body of {what} differs:\n{}",
        String::from_utf8_lossy(&actual.decoded())
    );
    for name in COMPARED {
        if name == "content-type" && (300..400).contains(&actual.status) {
            continue;
        }
        assert_eq!(actual.header(name), expected.header(name), "header `{name}` of {what}");
    }
}

#[test]
fn nginx_serves_the_export_as_knotwise_serves_the_site() {
    let work = work_dir();
    let site = fixture_with_warning_signs();
    let articles = site.articles();
    let export = work.path().join("public");
    let mut running = serve_as_origin(&articles);
    let knotwise = running.addr.clone();

    export_into(&export, &articles, &[&knotwise]);
    let first = snapshot(&export);
    export_into(&export, &articles, &[&knotwise]);
    assert!(first == snapshot(&export), "exporting twice gives identical files");
    for required in [
        "index.html",
        "404.html",
        "self-check.html",
        "self-check-unavailable.html",
        "search-unavailable.html",
        "sitemap.xml",
        "feed.xml",
        "robots.txt",
        "_headers",
        "_redirects",
    ] {
        assert!(first.contains_key(Path::new(required)), "{required} is exported: {:?}", first.keys());
    }
    assert!(!first.contains_key(Path::new("healthz.html")));
    for (path, bytes) in &first {
        if path.extension().is_some_and(|e| e == "br") {
            let mut plain = Vec::new();
            brotli::BrotliDecompress(&mut &bytes[..], &mut plain).unwrap();
            assert!(
                &plain == first.get(&path.with_extension("")).unwrap(),
                "{} decodes to its sibling",
                path.display()
            );
        }
    }
    // Exporting again replaces the earlier export, which nginx then serves
    // (tests/export_swap.rs: files added by hand, a full disk, a kill).
    export_into(&export, &articles, &[&knotwise]);

    let port = free_port();
    let mut nginx = start_nginx(work.path(), &export, port);
    let nginx_addr = format!("127.0.0.1:{port}");

    let sitemap = request(&knotwise, "GET", "/sitemap.xml", &[], b"");
    let sitemap = String::from_utf8(sitemap.body).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let mut paths: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().strip_prefix(BASE_URL).unwrap().to_string())
        .collect();
    assert!(paths.len() >= 4, "{sitemap}");
    let home = String::from_utf8(request(&knotwise, "GET", "/", &[], b"").body).unwrap();
    let css = home
        .split('"')
        .find(|s| s.starts_with("/static/style.") && s.ends_with(".css"))
        .expect("stylesheet link");
    paths.extend(
        [
            css,
            "/static/style.css",
            "/sitemap.xml",
            "/feed.xml",
            "/robots.txt",
            // Offline reading: the worker (no-cache), the manifest, the offline page.
            "/sw.js",
            "/manifest.webmanifest",
            "/offline",
            "/no-such-page",
            "/articles/no-such-article",
            "/articles/old-alpha",
            "/articles/alpha/",
            "/articles/old-alpha/",
            "/self-check/",
            "/articles/no-such-article/",
            "/self-check-unavailable.html",
            "/search-unavailable.html",
            "/search/",
        ]
        .map(String::from),
    );
    for path in &paths {
        for method in ["GET", "HEAD"] {
            compare(&knotwise, &nginx_addr, method, path, &[], b"");
        }
        compare(&knotwise, &nginx_addr, "GET", path, &[("Accept-Encoding", "gzip")], b"");
    }
    let gzip = request(&nginx_addr, "GET", "/", &[("Accept-Encoding", "gzip")], b"");
    assert_eq!(gzip.header("content-encoding"), Some("gzip"), "pages go out compressed");

    // Search and the self-check's answers are worked out by the running Knotwise.
    for query in ["/search?q=alpha", "/search?q=alpah", "/search?q=chest+pain", "/search", "/search?q=%ZZ"] {
        for method in ["GET", "HEAD"] {
            compare(&knotwise, &nginx_addr, method, query, &[], b"");
        }
        compare(&knotwise, &nginx_addr, "GET", query, &[("Accept-Encoding", "br, gzip")], b"");
    }
    let searched = request(&nginx_addr, "GET", "/search?q=alpha", &[], b"");
    assert!(searched.text().contains("href=\"/articles/alpha"), "a search through nginx finds the article");
    compare(&knotwise, &nginx_addr, "POST", "/search", &[], b"");
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    compare(&knotwise, &nginx_addr, "POST", "/self-check", &form, b"");
    compare(&knotwise, &nginx_addr, "POST", "/self-check", &form, b"right_now=chest_pain");
    let posted = request(&nginx_addr, "POST", "/self-check", &form, b"right_now=chest_pain");
    assert_eq!(posted.header("cache-control"), Some("no-store"), "a self-check answer is never cached");
    assert!(posted.text().contains("data-level=\"emergency\""), "{}", posted.text());
    // "Was this page useful?" is counted by the running Knotwise too.
    for body in [&b"page=alpha&answer=yes"[..], b"page=alpha&answer=no", b"page=nowhere&answer=yes"] {
        compare(&knotwise, &nginx_addr, "POST", "/feedback", &form, body);
    }
    let thanked = request(&nginx_addr, "POST", "/feedback", &form, b"page=alpha&answer=yes");
    assert_eq!(thanked.status, 200, "{}", thanked.text());

    // The origin is gone: the reader still gets the numbers, from nginx.
    running.kill();
    let fallbacks = [
        ("POST", "/self-check", &b"right_now=chest_pain"[..], "The self-check is not available right now"),
        ("GET", "/search?q=chest+pain", &b""[..], "Search is not available right now"),
    ];
    for (method, path, body, heading) in fallbacks {
        let answer = request(&nginx_addr, method, path, &form, body);
        let html = answer.text();
        assert_eq!(answer.status, 503, "{method} {path} with the origin down: {html}");
        assert!(html.contains(&format!("<h1>{heading}</h1>")), "{html}");
        assert!(
            html.contains("<li><a class=\"tel\" href=\"tel:999\">999</a> in the UK</li>"),
            "the emergency numbers: {html}"
        );
        assert!(
            html.contains("href=\"/articles/emergency-signs\"")
                && html.contains("href=\"/articles/warning-signs\"")
        );
        assert_eq!(answer.header("cache-control"), Some("no-store"), "{method} {path}");
        assert!(answer.header("content-security-policy").is_some(), "{method} {path}");
    }
    nginx.kill();

    let headers = std::fs::read_to_string(export.join("_headers")).unwrap();
    for path in &paths[..4] {
        assert!(
            headers.contains(&format!("\n{path}\n  Content-Type: ")),
            "_headers has a rule for {path}:\n{headers}"
        );
    }
    let redirects = std::fs::read_to_string(export.join("_redirects")).unwrap();
    assert!(redirects.contains(&format!("/articles/old-alpha {BASE_URL}/articles/alpha 301")), "{redirects}");
    assert!(redirects.contains(&format!("\n/search http://{knotwise}/search 200\n")), "{redirects}");
    assert!(redirects.contains(&format!("\n/feedback http://{knotwise}/feedback 200\n")), "{redirects}");
}
