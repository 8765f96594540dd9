//! The request log, kept off the request path.
//!
//! A request appends one small binary record to a shared buffer (a lock, a
//! clock read and a copy of the path: well under a microsecond); a
//! background thread turns the records into lines and writes them to stderr
//! at least once a second, and [`RequestLog::flush`] writes the rest at
//! shutdown. The line has method, path (never the query string), status and
//! time; request bodies are never logged: self-check answers are health data.

use std::io::Write;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use actix_web::HttpRequest;
use actix_web::http::StatusCode;

use crate::logging::{LogFormat, REQUEST_TARGET, push_json_str, push_timestamp};

/// Records waiting beyond this are dropped (and counted) rather than let
/// memory grow when stderr blocks.
const MAX_PENDING_BYTES: usize = 16 << 20;
/// Paths longer than this are cut in the log.
const MAX_PATH_BYTES: usize = 1024;

/// The process's request log, once started.
static LOG: OnceLock<RequestLog> = OnceLock::new();

/// Buffered request lines and how to write them.
#[derive(Debug)]
pub struct RequestLog {
    format: LogFormat,
    pending: Mutex<Pending>,
}

#[derive(Debug, Default)]
struct Pending {
    records: Vec<u8>,
    dropped: u64,
}

impl RequestLog {
    /// Starts the request log in `format` and its writer thread. Without
    /// this (as in tests), requests are not logged.
    pub fn start(format: LogFormat) -> &'static RequestLog {
        let log = LOG.get_or_init(|| RequestLog { format, pending: Mutex::default() });
        std::thread::Builder::new()
            .name("request-log".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(Duration::from_millis(500));
                    log.flush();
                }
            })
            .expect("a thread can start at start-up");
        log
    }

    /// Writes every pending line to stderr.
    pub fn flush(&self) {
        let mut out = Vec::new();
        self.write_pending(&mut out);
        if !out.is_empty() {
            let _ = std::io::stderr().lock().write_all(&out);
        }
    }

    fn write_pending(&self, out: &mut Vec<u8>) {
        let Pending { records, dropped } = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            std::mem::take(&mut *pending)
        };
        let mut line = String::with_capacity(256);
        let mut rest = &records[..];
        while let Some((record, next)) = Record::decode(rest) {
            line.clear();
            record.write(self.format, &mut line);
            out.extend_from_slice(line.as_bytes());
            rest = next;
        }
        if dropped > 0 {
            let _ = writeln!(out, "{dropped} request log lines were dropped: stderr could not keep up");
        }
    }

    fn record(&self, record: &Record<'_>) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        if pending.records.len() > MAX_PENDING_BYTES {
            pending.dropped += 1;
        } else {
            record.encode(&mut pending.records);
        }
    }
}

/// One request, as the log keeps it until it is written.
#[derive(Debug, PartialEq)]
struct Record<'a> {
    /// Microseconds since the Unix epoch.
    at: u64,
    micros: u32,
    status: u16,
    method: &'a str,
    /// The route pattern, for the JSON format only (empty otherwise).
    route: &'a str,
    path: &'a str,
}

impl<'a> Record<'a> {
    fn encode(&self, out: &mut Vec<u8>) {
        let short = |s: &'a str, most: usize| {
            let mut end = s.len().min(most);
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            &s[..end]
        };
        out.extend_from_slice(&self.at.to_le_bytes());
        out.extend_from_slice(&self.micros.to_le_bytes());
        out.extend_from_slice(&self.status.to_le_bytes());
        for field in [short(self.method, 255), short(self.route, 255), short(self.path, MAX_PATH_BYTES)] {
            out.extend_from_slice(&(field.len() as u16).to_le_bytes());
            out.extend_from_slice(field.as_bytes());
        }
    }

    fn decode(bytes: &'a [u8]) -> Option<(Record<'a>, &'a [u8])> {
        let (at, rest) = bytes.split_first_chunk::<8>()?;
        let (micros, rest) = rest.split_first_chunk::<4>()?;
        let (status, mut rest) = rest.split_first_chunk::<2>()?;
        let mut text = || {
            let (len, after) = rest.split_first_chunk::<2>()?;
            let (field, after) = after.split_at_checked(usize::from(u16::from_le_bytes(*len)))?;
            rest = after;
            std::str::from_utf8(field).ok()
        };
        let (method, route, path) = (text()?, text()?, text()?);
        let record = Record {
            at: u64::from_le_bytes(*at),
            micros: u32::from_le_bytes(*micros),
            status: u16::from_le_bytes(*status),
            method,
            route,
            path,
        };
        Some((record, rest))
    }

    fn write(&self, format: LogFormat, line: &mut String) {
        use std::fmt::Write as _;
        let time = UNIX_EPOCH + Duration::from_micros(self.at);
        match format {
            LogFormat::Text => {
                push_timestamp(line, time);
                let _ = writeln!(
                    line,
                    "  INFO {REQUEST_TARGET}: {} {} {} {}us",
                    self.method, self.path, self.status, self.micros
                );
            }
            LogFormat::Json => {
                line.push_str("{\"timestamp\":\"");
                push_timestamp(line, time);
                let _ = write!(line, "\",\"level\":\"INFO\",\"target\":\"{REQUEST_TARGET}\",\"message\":");
                push_json_str(
                    line,
                    &format!("{} {} {} {}us", self.method, self.path, self.status, self.micros),
                );
                line.push_str(",\"method\":");
                push_json_str(line, self.method);
                line.push_str(",\"route\":");
                push_json_str(line, self.route);
                line.push_str(",\"path\":");
                push_json_str(line, self.path);
                let _ = writeln!(line, ",\"status\":{},\"duration_us\":{}}}", self.status, self.micros);
            }
        }
    }
}

/// Records one answered request in the process's request log, if started.
/// `started` is when the request reached the application.
pub(super) fn record(request: &HttpRequest, status: StatusCode, started: Instant) {
    let Some(log) = LOG.get() else { return };
    // The route is the resource's name (its pattern); only JSON carries it.
    let route = match log.format {
        LogFormat::Json => request.match_name(),
        LogFormat::Text => None,
    };
    log.record(&Record {
        at: SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_micros() as u64),
        micros: u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX),
        status: status.as_u16(),
        method: request.method().as_str(),
        route: route.unwrap_or(""),
        path: request.path(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(path: &str) -> Record<'_> {
        Record {
            at: 1_796_020_906_123_456,
            micros: 42,
            status: 200,
            method: "GET",
            route: "/articles/{slug}",
            path,
        }
    }

    #[test]
    fn records_round_trip_through_the_buffer() {
        let mut buf = Vec::new();
        record("/articles/a").encode(&mut buf);
        record("/").encode(&mut buf);
        let (first, rest) = Record::decode(&buf).unwrap();
        assert_eq!(first, record("/articles/a"));
        let (second, rest) = Record::decode(rest).unwrap();
        assert_eq!(second, record("/"));
        assert!(rest.is_empty());
    }

    #[test]
    fn long_paths_are_cut_on_a_character_boundary() {
        let long = "é".repeat(MAX_PATH_BYTES);
        let mut buf = Vec::new();
        record(&long).encode(&mut buf);
        let (decoded, _) = Record::decode(&buf).unwrap();
        assert_eq!(decoded.path.len(), MAX_PATH_BYTES);
    }

    #[test]
    fn text_lines_have_method_path_status_and_time() {
        let mut line = String::new();
        record("/x").write(LogFormat::Text, &mut line);
        assert_eq!(line, "2026-11-30T06:41:46.123456Z  INFO knotwise::request: GET /x 200 42us\n");
    }

    #[test]
    fn json_lines_are_one_object_with_the_request_fields() {
        let mut line = String::new();
        record("/a\"b").write(LogFormat::Json, &mut line);
        assert!(line.ends_with('\n') && line.lines().count() == 1);
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["timestamp"], "2026-11-30T06:41:46.123456Z");
        assert_eq!(value["level"], "INFO");
        assert_eq!(value["target"], REQUEST_TARGET);
        assert_eq!(value["message"], "GET /a\"b 200 42us");
        assert_eq!(value["method"], "GET");
        assert_eq!(value["route"], "/articles/{slug}");
        assert_eq!(value["path"], "/a\"b");
        assert_eq!(value["status"], 200);
        assert_eq!(value["duration_us"], 42);
    }

    #[test]
    fn pending_records_are_written_and_cleared() {
        let log = RequestLog { format: LogFormat::Text, pending: Mutex::default() };
        log.record(&record("/one"));
        log.record(&record("/two"));
        let mut out = Vec::new();
        log.write_pending(&mut out);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.contains("GET /one 200") && text.contains("GET /two 200"));
        let mut again = Vec::new();
        log.write_pending(&mut again);
        assert!(again.is_empty());
    }
}
