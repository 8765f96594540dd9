//! `knotwise export` proved with a real server: the export is served by
//! nginx with the server block it writes, and every URL in the sitemap, the
//! stylesheet, the 404 page, an alias and the self-check's POST answer as
//! `knotwise serve` answers them: same status, same body (plain and gzip),
//! same security and cache headers.
//!
//! Needs nginx (`apt-get install -y nginx`; `.ci/run` installs it). Without
//! it this test fails and says so: it never skips.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, root};

const BASE_URL: &str = "https://knotwise.example";

/// The headers that must match between the two servers.
const COMPARED: [&str; 12] = [
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
];

/// A child process that is stopped when the test ends, pass or fail.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// The body with any content coding removed.
    fn decoded(&self) -> Vec<u8> {
        let mut plain = Vec::new();
        match self.header("content-encoding") {
            Some("gzip") => {
                flate2::read::GzDecoder::new(&self.body[..]).read_to_end(&mut plain).unwrap();
            }
            Some("br") => brotli::BrotliDecompress(&mut &self.body[..], &mut plain).unwrap(),
            _ => plain.clone_from(&self.body),
        }
        plain
    }
}

/// One HTTP/1.1 request on a fresh connection.
fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect to {addr}: {e}"));
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: knotwise.example\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect(&line);
    let mut headers = BTreeMap::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let Some((name, value)) = line.trim_end().split_once(':') else { break };
        headers.insert(name.to_ascii_lowercase(), value.trim().to_string());
    }
    let mut raw = Vec::new();
    if method != "HEAD" {
        reader.read_to_end(&mut raw).unwrap();
    }
    let body =
        if headers.get("transfer-encoding").is_some_and(|t| t == "chunked") { unchunk(&raw) } else { raw };
    Response { status, headers, body }
}

fn unchunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n").expect("chunk size line");
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 4 + size..];
    }
}

fn nginx_binary() -> PathBuf {
    ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "nginx is not installed, and the export test needs it to serve the exported folder.\n  \
                 fix: `apt-get install -y nginx` (`.ci/run` installs it when missing)"
            )
        })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for(addr: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(addr).is_err() {
        assert!(Instant::now() < deadline, "nothing answered on {addr}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn export_into(dir: &Path, articles: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_knotwise"))
        .arg("export")
        .arg(dir)
        .arg("--articles")
        .arg(articles)
        .args(["--base-url", BASE_URL])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success(), "export failed: {}", String::from_utf8_lossy(&out.stderr));
}

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

fn start_knotwise(articles: &Path) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_knotwise"))
        .args(["--addr", "127.0.0.1:0", "--workers", "1", "--base-url", BASE_URL, "--articles"])
        .arg(articles)
        .current_dir(root())
        .env("RUST_LOG", "warn,knotwise::server=info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = common::served_address(&line);
    // Pages go out in identity until the background compression is done;
    // the export holds the compressed files, so compare after that.
    let mut log = BufReader::new(child.stderr.take().unwrap());
    loop {
        line.clear();
        assert!(log.read_line(&mut line).unwrap() > 0, "knotwise stopped before compressing");
        if line.contains("every page compressed") {
            break;
        }
    }
    (Running(child), addr)
}

/// nginx in the foreground, as one process (`master_process off`, so
/// stopping it at the end of the test leaves no worker behind), with a
/// minimal main configuration around the server block the export wrote,
/// listening on `port`, with the self-check's upstream pointed at `knotwise`.
fn start_nginx(work: &Path, export: &Path, port: u16, knotwise: &str) -> Running {
    let server = std::fs::read_to_string(export.join("_nginx.conf")).unwrap();
    assert!(server.contains("    listen 80;\n") && server.contains("server 127.0.0.1:8080;"), "{server}");
    let server = server
        .replace("    listen 80;\n", &format!("    listen 127.0.0.1:{port};\n"))
        .replace("server 127.0.0.1:8080;", &format!("server {knotwise};"));
    std::fs::write(work.join("server.conf"), server).unwrap();
    let w = work.display();
    let main = format!(
        "pid {w}/nginx.pid;\nerror_log {w}/error.log warn;\nmaster_process off;\nevents {{}}\n\
         http {{\n  access_log off;\n  client_body_temp_path {w}/body;\n  proxy_temp_path {w}/proxy;\n  \
         fastcgi_temp_path {w}/fastcgi;\n  uwsgi_temp_path {w}/uwsgi;\n  scgi_temp_path {w}/scgi;\n  \
         include {w}/server.conf;\n}}\n"
    );
    std::fs::write(work.join("nginx.conf"), main).unwrap();
    let nginx = nginx_binary();
    let test = Command::new(&nginx)
        .arg("-t")
        .arg("-p")
        .arg(work)
        .arg("-e")
        .arg(work.join("error.log"))
        .arg("-c")
        .arg(work.join("nginx.conf"))
        .output()
        .unwrap();
    assert!(
        test.status.success(),
        "nginx refuses the exported server block:\n{}",
        String::from_utf8_lossy(&test.stderr)
    );
    let child = Command::new(&nginx)
        .arg("-p")
        .arg(work)
        .arg("-e")
        .arg(work.join("error.log"))
        .arg("-c")
        .arg(work.join("nginx.conf"))
        .args(["-g", "daemon off;"])
        .spawn()
        .unwrap();
    Running(child)
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
    let nginx = nginx_binary();
    let work = tempfile::tempdir().unwrap();
    // nginx's workers run as an unprivileged user when started by root.
    std::fs::set_permissions(work.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let site = fixture("valid");
    let articles = site.articles();
    let export = work.path().join("public");

    export_into(&export, &articles);
    let first = snapshot(&export);
    export_into(&export, &articles);
    assert!(first == snapshot(&export), "exporting twice gives identical files");
    for required in [
        "index.html",
        "404.html",
        "self-check.html",
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
    export_into(&export, &articles);

    let (_knotwise, knotwise) = start_knotwise(&articles);
    let port = free_port();
    let _nginx = start_nginx(work.path(), &export, port, &knotwise);
    let nginx_addr = format!("127.0.0.1:{port}");
    wait_for(&nginx_addr);
    let _ = nginx;

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
            "/no-such-page",
            "/articles/no-such-article",
            "/articles/old-alpha",
            "/articles/alpha/",
            "/articles/old-alpha/",
            "/self-check/",
            "/articles/no-such-article/",
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

    // The self-check's answers are evaluated by the running Knotwise.
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    compare(&knotwise, &nginx_addr, "POST", "/self-check", &form, b"");
    let posted = request(&nginx_addr, "POST", "/self-check", &form, b"");
    assert_eq!(posted.header("cache-control"), Some("no-store"), "a self-check answer is never cached");

    let headers = std::fs::read_to_string(export.join("_headers")).unwrap();
    for path in &paths[..4] {
        assert!(
            headers.contains(&format!("\n{path}\n  Content-Type: ")),
            "_headers has a rule for {path}:\n{headers}"
        );
    }
    let redirects = std::fs::read_to_string(export.join("_redirects")).unwrap();
    assert!(redirects.contains(&format!("/articles/old-alpha {BASE_URL}/articles/alpha 301")), "{redirects}");
}
