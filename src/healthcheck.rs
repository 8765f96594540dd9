//! `knotwise healthcheck`: asks a running server whether it is alive, for
//! container images that have no shell or curl.
//!
//! It speaks just enough HTTP/1.1 over a plain TCP connection to read the
//! status line; the whole exchange must finish within [`TIMEOUT`].

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// How long the server has to answer, connection included.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(2);

/// The default URL: `/healthz` on the address `serve` listens on, with an
/// unspecified IP (0.0.0.0) asked on the loopback interface.
pub fn default_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
        ip if ip.is_unspecified() => "[::1]".to_string(),
        ip if ip.is_ipv6() => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    format!("http://{ip}:{}/healthz", addr.port())
}

/// Asks `url` once: `Ok` with a one-line summary when it answers 200 in
/// time, `Err` with the one-line reason otherwise.
pub fn probe(url: &str) -> Result<String, String> {
    let started = Instant::now();
    let (host, path) = split_url(url)?;
    let addrs: Vec<SocketAddr> = host
        .to_socket_addrs()
        .map_err(|e| format!("unhealthy: cannot resolve `{host}` in {url}: {e}"))?
        .collect();
    let addr = addrs.first().ok_or_else(|| format!("unhealthy: `{host}` has no address"))?;
    let stream = TcpStream::connect_timeout(addr, TIMEOUT)
        .map_err(|e| format!("unhealthy: cannot connect to {addr} for {url}: {e}"))?;
    let status = exchange(stream, &host, &path, started)
        .map_err(|e| format!("unhealthy: no answer from {url} within {} s: {e}", TIMEOUT.as_secs()))?;
    let took = started.elapsed();
    if took > TIMEOUT {
        return Err(format!(
            "unhealthy: {url} answered after {} ms, later than {} s",
            took.as_millis(),
            TIMEOUT.as_secs()
        ));
    }
    match status {
        200 => Ok(format!("healthy: {url} answered 200 in {} ms", took.as_millis())),
        code => Err(format!("unhealthy: {url} answered {code}, not 200")),
    }
}

/// `http://host[:port]/path` into `host:port` and the path.
fn split_url(url: &str) -> Result<(String, String), String> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        format!("unhealthy: `{url}` is not an http:// URL (fix: ask the server directly, e.g. --url http://127.0.0.1:8080/healthz)")
    })?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() {
        return Err(format!("unhealthy: `{url}` has no host"));
    }
    let has_port = authority.rsplit_once(':').is_some_and(|(_, p)| !p.contains(']'));
    let host = if has_port { authority.to_string() } else { format!("{authority}:80") };
    Ok((host, path.to_string()))
}

/// Sends the request and reads the status code, within what is left of
/// the time allowed.
fn exchange(mut stream: TcpStream, host: &str, path: &str, started: Instant) -> std::io::Result<u16> {
    let left = || TIMEOUT.saturating_sub(started.elapsed()).max(Duration::from_millis(1));
    stream.set_write_timeout(Some(left()))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: knotwise-healthcheck\r\nConnection: close\r\n\r\n"
    )?;
    stream.set_read_timeout(Some(left()))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 256];
    while !head.windows(2).any(|w| w == b"\r\n") {
        stream.set_read_timeout(Some(left()))?;
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let line = String::from_utf8_lossy(&head);
    let line = line.lines().next().unwrap_or_default();
    line.split_whitespace()
        .nth(1)
        .filter(|_| line.starts_with("HTTP/"))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not an HTTP answer: `{line}`"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_url_asks_the_loopback_interface() {
        assert_eq!(default_url("0.0.0.0:9000".parse().unwrap()), "http://127.0.0.1:9000/healthz");
        assert_eq!(default_url("[::]:9000".parse().unwrap()), "http://[::1]:9000/healthz");
        assert_eq!(default_url("10.0.0.5:8080".parse().unwrap()), "http://10.0.0.5:8080/healthz");
    }

    #[test]
    fn urls_split_into_host_and_path() {
        assert_eq!(
            split_url("http://127.0.0.1:8080/healthz").unwrap(),
            ("127.0.0.1:8080".into(), "/healthz".into())
        );
        assert_eq!(split_url("http://localhost").unwrap(), ("localhost:80".into(), "/".into()));
        assert_eq!(split_url("http://[::1]/healthz").unwrap(), ("[::1]:80".into(), "/healthz".into()));
        assert!(split_url("https://knotwise.example/healthz").unwrap_err().contains("not an http:// URL"));
        assert!(split_url("http:///healthz").unwrap_err().contains("no host"));
    }
}
