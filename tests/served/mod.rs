//! Real processes on loopback for the export tests: `knotwise serve`,
//! `knotwise export`, nginx with the server block the export writes, and
//! plain HTTP/1.1 requests to them.
//!
//! Needs nginx (`apt-get install -y nginx`; `.ci/run` installs it). Without
//! it the tests fail and say so: they never skip.
#![allow(dead_code)] // each test binary uses its own part of this module

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, root};

pub const BASE_URL: &str = "https://knotwise.example";

/// A child process that is stopped when the test ends, pass or fail.
pub struct Running(pub Child);

impl Running {
    /// Stops the process at once (SIGKILL), as a crash or a lost machine would.
    pub fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.kill();
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// The body with any content coding removed.
    pub fn decoded(&self) -> Vec<u8> {
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

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.decoded()).into_owned()
    }
}

/// One HTTP/1.1 request on a fresh connection.
pub fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect to {addr}: {e}"));
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
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

pub fn nginx_binary() -> PathBuf {
    ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "nginx is not installed, and the export tests need it to serve the exported folder.\n  \
                 fix: `apt-get install -y nginx` (`.ci/run` installs it when missing)"
            )
        })
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn wait_for(addr: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(addr).is_err() {
        assert!(Instant::now() < deadline, "nothing answered on {addr}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A temporary folder nginx's workers may read (they run as an
/// unprivileged user when nginx is started by root).
pub fn work_dir() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    std::fs::set_permissions(work.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    work
}

/// The valid fixture with the two warning-sign articles the fallback pages
/// link to (an export refuses a site without them).
pub fn fixture_with_warning_signs() -> common::Fixture {
    let site = common::fixture("valid");
    for (slug, title, order) in
        [("emergency-signs", "Emergency signs", 20), ("warning-signs", "Warning signs", 21)]
    {
        std::fs::write(
            site.articles().join(format!("{slug}.md")),
            format!(
                "+++\ntitle = \"{title}\"\ndescription = \"A fixture page about {slug}.\"\n\
                 published = 2026-11-01\norder = {order}\n+++\n\nCall for help when you need it.\n"
            ),
        )
        .unwrap();
    }
    site
}

/// `knotwise export` of `articles` into `dir`, sending search and the
/// self-check's answers to `origins`.
pub fn export_into(dir: &Path, articles: &Path, origins: &[&str]) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_knotwise"));
    command.arg("export").arg(dir).arg("--articles").arg(articles).args(["--base-url", BASE_URL]);
    for origin in origins {
        command.arg("--origin").arg(format!("http://{origin}"));
    }
    let out = command.current_dir(root()).output().unwrap();
    assert!(out.status.success(), "export failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// `knotwise serve` of `articles` on `addr` (`127.0.0.1:0` for any port);
/// returns once it answers, with the address it serves.
pub fn start_knotwise(articles: &Path, addr: &str) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_knotwise"))
        .args(["--addr", addr, "--workers", "1", "--base-url", BASE_URL, "--articles"])
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
    // Keep reading its log, so it never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut log, &mut std::io::sink()));
    (Running(child), addr)
}

/// nginx in the foreground, as one process (`master_process off`, so
/// stopping it at the end of the test leaves no worker behind), with a
/// minimal main configuration around the server block the export wrote,
/// listening on `port`. Returns once it answers.
pub fn start_nginx(work: &Path, export: &Path, port: u16) -> Running {
    let server = std::fs::read_to_string(export.join("_nginx.conf")).unwrap();
    assert!(server.contains("    listen 80;\n"), "{server}");
    let server = server.replace("    listen 80;\n", &format!("    listen 127.0.0.1:{port};\n"));
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
    let args = |command: &mut Command| {
        command
            .arg("-p")
            .arg(work)
            .arg("-e")
            .arg(work.join("error.log"))
            .arg("-c")
            .arg(work.join("nginx.conf"));
    };
    let mut test = Command::new(&nginx);
    test.arg("-t");
    args(&mut test);
    let test = test.output().unwrap();
    assert!(
        test.status.success(),
        "nginx refuses the exported server block:\n{}",
        String::from_utf8_lossy(&test.stderr)
    );
    let mut run = Command::new(&nginx);
    args(&mut run);
    let child = run.args(["-g", "daemon off;"]).spawn().unwrap();
    let running = Running(child);
    wait_for(&format!("127.0.0.1:{port}"));
    running
}
