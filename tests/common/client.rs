//! A plain HTTP/1.1 client for tests that talk to a real server on
//! loopback (the binary, nginx, or the app on a thread of the test): it
//! writes the request as bytes and reads the answer as a client reads it,
//! the status line, the headers, then the body.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;

use super::PATIENCE;

/// An answer: its status, its headers (lowercase names) and its body as sent.
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

    /// The decoded body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.decoded()).into_owned()
    }
}

/// A connection to `addr` whose reads give up after [`PATIENCE`].
pub fn connect(addr: &str) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect to {addr}: {e}"));
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream
}

/// One request on a fresh connection (`Connection: close`), read to its end.
pub fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    let mut stream = connect(addr);
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: knotwise.example\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let (status, headers) = read_head(&mut stream);
    let mut raw = Vec::new();
    if method != "HEAD" {
        stream.read_to_end(&mut raw).unwrap();
    }
    let body =
        if headers.get("transfer-encoding").is_some_and(|t| t == "chunked") { unchunk(&raw) } else { raw };
    Response { status, headers, body }
}

/// `GET path` on a fresh connection.
pub fn get(addr: &str, path: &str) -> Response {
    request(addr, "GET", path, &[], b"")
}

/// One request, written as it is, on an open connection that stays open:
/// the answer is its head and then `Content-Length` bytes.
pub fn exchange(stream: &mut TcpStream, request: &str) -> Response {
    stream.write_all(request.as_bytes()).unwrap();
    read_answer(stream)
}

/// The next answer on an open connection: its head, then `Content-Length`
/// bytes (none for a `100 Continue`), leaving the connection open.
pub fn read_answer(stream: &mut TcpStream) -> Response {
    let (status, headers) = read_head(stream);
    let length = headers.get("content-length").map_or(0, |v| v.parse().unwrap());
    let mut body = vec![0; length];
    stream.read_exact(&mut body).unwrap();
    Response { status, headers, body }
}

/// Whether the server closed the connection (the next read finds its end).
pub fn closed_by_server(stream: &mut TcpStream) -> bool {
    matches!(stream.read(&mut [0]), Ok(0))
}

/// The status line and the headers, read byte by byte so that nothing of
/// the body (or of the next answer on the connection) is taken with them.
fn read_head(stream: &mut TcpStream) -> (u16, BTreeMap<String, String>) {
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap_or_else(|e| {
            panic!("the answer ended within its head ({e}): {}", String::from_utf8_lossy(&head))
        });
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok());
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    (status.expect(&head), headers)
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
