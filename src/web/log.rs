//! The request log, kept off the request path.
//!
//! A request appends one small binary record to a shared buffer (a lock, a
//! clock read and a copy of the path: well under a microsecond); a
//! background thread turns the records into lines and writes them to stderr
//! whenever [`WAKE_BYTES`] of records are waiting, and at least every half
//! second, and [`RequestLog::flush`] writes the rest at shutdown.
//!
//! Small batches keep the tail short. The writer shares the workers' cores,
//! and a thread that has slept is let run ahead of them when it wakes:
//! formatting half a second of records at once (about 25,000 under load)
//! held every request behind it for milliseconds, which was the site's
//! whole p99 (benches/README.md). A batch of [`WAKE_BYTES`] is formatted
//! in tens of microseconds. The line has method, path (never the query string), status and
//! time; request bodies are never logged: self-check answers are health data.

use std::io::Write;
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use actix_web::HttpRequest;
use actix_web::http::StatusCode;

use crate::logging::{LogFormat, REQUEST_TARGET, push_digits, push_json_str, push_micros, push_second};

/// Records waiting beyond this are dropped (and counted) rather than let
/// memory grow when stderr blocks.
const MAX_PENDING_BYTES: usize = 16 << 20;
/// Paths longer than this are cut in the log.
const MAX_PATH_BYTES: usize = 1024;
/// Records waiting that wake the writer: about a hundred requests.
const WAKE_BYTES: usize = 4 << 10;
/// The longest a record waits when few requests come.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// The process's request log, once started.
static LOG: OnceLock<RequestLog> = OnceLock::new();

/// Buffered request lines and how to write them.
#[derive(Debug)]
pub struct RequestLog {
    format: LogFormat,
    pending: Mutex<Pending>,
    /// Signalled when [`WAKE_BYTES`] of records are waiting.
    wake: Condvar,
}

#[derive(Debug, Default)]
struct Pending {
    records: Vec<u8>,
    dropped: u64,
    /// The wall clock for these records, read when the writer last took
    /// them, so that a request reads only the monotonic clock.
    clock: WallClock,
}

/// The wall-clock time at one instant.
#[derive(Debug, Clone, Copy)]
struct WallClock {
    instant: Instant,
    /// Microseconds since the Unix epoch at `instant`.
    unix_micros: u64,
}

impl Default for WallClock {
    fn default() -> Self {
        let unix = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        WallClock { instant: Instant::now(), unix_micros: unix.as_micros() as u64 }
    }
}

impl WallClock {
    /// Microseconds since the Unix epoch at `at`.
    fn unix_micros(self, at: Instant) -> u64 {
        match at.checked_duration_since(self.instant) {
            Some(after) => self.unix_micros.saturating_add(after.as_micros() as u64),
            None => self.unix_micros.saturating_sub(self.instant.duration_since(at).as_micros() as u64),
        }
    }
}

impl RequestLog {
    /// Starts the request log in `format` and its writer thread. Without
    /// this (as in tests), requests are not logged.
    pub fn start(format: LogFormat) -> &'static RequestLog {
        let log = LOG.get_or_init(|| RequestLog::new(format));
        std::thread::Builder::new()
            .name("request-log".into())
            .spawn(move || {
                loop {
                    let pending = log.lock();
                    let (pending, _) = log
                        .wake
                        .wait_timeout_while(pending, MAX_WAIT, |p| p.records.len() < WAKE_BYTES)
                        .unwrap_or_else(|e| e.into_inner());
                    drop(pending);
                    log.flush();
                }
            })
            .expect("a thread can start at start-up");
        log
    }

    fn new(format: LogFormat) -> Self {
        RequestLog { format, pending: Mutex::default(), wake: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
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
        let Pending { records, dropped, .. } = std::mem::take(&mut *self.lock());
        let mut line = String::with_capacity(256);
        let mut second = Second::default();
        let mut rest = &records[..];
        while let Some((record, next)) = Record::decode(rest) {
            line.clear();
            record.write(self.format, &mut line, &mut second);
            out.extend_from_slice(line.as_bytes());
            rest = next;
        }
        if dropped > 0 {
            let _ = writeln!(out, "{dropped} request log lines were dropped: stderr could not keep up");
        }
    }

    /// Adds `record`, stamped with the wall-clock time of `started`.
    fn record(&self, started: Instant, record: Record<'_>) {
        let mut pending = self.lock();
        let before = pending.records.len();
        if before > MAX_PENDING_BYTES {
            pending.dropped += 1;
            return;
        }
        let at = pending.clock.unix_micros(started);
        Record { at, ..record }.encode(&mut pending.records);
        // Only the record that fills a batch wakes the writer: one futex
        // call per hundred requests.
        let full = before < WAKE_BYTES && pending.records.len() >= WAKE_BYTES;
        drop(pending);
        if full {
            self.wake.notify_one();
        }
    }
}

/// One request, as the log keeps it until it is written.
#[derive(Debug, Clone, Copy, PartialEq)]
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

    fn write(&self, format: LogFormat, line: &mut String, second: &mut Second) {
        match format {
            LogFormat::Text => {
                second.push_timestamp(line, self.at);
                line.push_str("  INFO ");
                line.push_str(REQUEST_TARGET);
                line.push_str(": ");
                self.push_message(line);
                line.push('\n');
            }
            LogFormat::Json => {
                line.push_str("{\"timestamp\":\"");
                second.push_timestamp(line, self.at);
                line.push_str("\",\"level\":\"INFO\",\"target\":\"");
                line.push_str(REQUEST_TARGET);
                line.push_str("\",\"message\":");
                let mut message = String::with_capacity(64);
                self.push_message(&mut message);
                push_json_str(line, &message);
                line.push_str(",\"method\":");
                push_json_str(line, self.method);
                line.push_str(",\"route\":");
                push_json_str(line, self.route);
                line.push_str(",\"path\":");
                push_json_str(line, self.path);
                line.push_str(",\"status\":");
                push_digits(line, u64::from(self.status), 1);
                line.push_str(",\"duration_us\":");
                push_digits(line, u64::from(self.micros), 1);
                line.push_str("}\n");
            }
        }
    }

    /// `GET /path 200 42us`: the message of both formats.
    fn push_message(&self, out: &mut String) {
        out.push_str(self.method);
        out.push(' ');
        out.push_str(self.path);
        out.push(' ');
        push_digits(out, u64::from(self.status), 1);
        out.push(' ');
        push_digits(out, u64::from(self.micros), 1);
        out.push_str("us");
    }
}

/// The start of the timestamp, formatted once for all the records of one
/// second (under load, tens of thousands).
#[derive(Debug, Default)]
struct Second {
    at: Option<u64>,
    text: String,
}

impl Second {
    /// Appends `at` (microseconds since the Unix epoch) in RFC 3339 UTC.
    fn push_timestamp(&mut self, line: &mut String, at: u64) {
        let secs = at / 1_000_000;
        if self.at != Some(secs) {
            self.text.clear();
            push_second(&mut self.text, secs);
            self.at = Some(secs);
        }
        line.push_str(&self.text);
        push_micros(line, (at % 1_000_000) as u32);
    }
}

/// Records one answered request in the process's request log, if started.
/// `started` is when the request reached the application, `elapsed` how
/// long it took (the caller's one clock read after it).
pub(super) fn record(request: &HttpRequest, status: StatusCode, started: Instant, elapsed: Duration) {
    let Some(log) = LOG.get() else { return };
    // The route is the resource's name (its pattern); only JSON carries it.
    let route = match log.format {
        LogFormat::Json => request.match_name(),
        LogFormat::Text => None,
    };
    log.record(
        started,
        Record {
            at: 0,
            micros: u32::try_from(elapsed.as_micros()).unwrap_or(u32::MAX),
            status: status.as_u16(),
            method: request.method().as_str(),
            route: route.unwrap_or(""),
            path: request.path(),
        },
    );
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
        record("/x").write(LogFormat::Text, &mut line, &mut Second::default());
        assert_eq!(line, "2026-11-30T06:41:46.123456Z  INFO knotwise::request: GET /x 200 42us\n");
    }

    #[test]
    fn one_second_of_lines_shares_its_timestamp_start_and_the_next_gets_its_own() {
        let mut second = Second::default();
        let mut lines = String::new();
        for at in [1_796_020_906_123_456, 1_796_020_906_999_999, 1_796_020_907_000_001] {
            Record { at, ..record("/x") }.write(LogFormat::Text, &mut lines, &mut second);
        }
        let stamps: Vec<&str> = lines.lines().map(|line| line.split(' ').next().unwrap()).collect();
        assert_eq!(
            stamps,
            ["2026-11-30T06:41:46.123456Z", "2026-11-30T06:41:46.999999Z", "2026-11-30T06:41:47.000001Z"]
        );
    }

    #[test]
    fn the_wall_clock_of_an_instant_counts_from_the_last_reading_either_way() {
        let now = Instant::now();
        let clock = WallClock { instant: now, unix_micros: 1_000_000 };
        assert_eq!(clock.unix_micros(now + Duration::from_millis(5)), 1_005_000);
        if let Some(before) = now.checked_sub(Duration::from_millis(5)) {
            assert_eq!(clock.unix_micros(before), 995_000);
        }
    }

    #[test]
    fn json_lines_are_one_object_with_the_request_fields() {
        let mut line = String::new();
        record("/a\"b").write(LogFormat::Json, &mut line, &mut Second::default());
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
    fn a_full_batch_wakes_the_writer_before_its_timeout() {
        let log = std::sync::Arc::new(RequestLog::new(LogFormat::Text));
        while log.lock().records.len() + 64 < WAKE_BYTES {
            log.record(Instant::now(), record("/almost"));
        }
        let writer = {
            let log = log.clone();
            std::thread::spawn(move || {
                let pending = log.lock();
                let wait = Duration::from_secs(20);
                let (pending, waited) =
                    log.wake.wait_timeout_while(pending, wait, |p| p.records.len() < WAKE_BYTES).unwrap();
                (waited.timed_out(), pending.records.len())
            })
        };
        // Let the writer start waiting, so that only a wake-up can end its wait.
        std::thread::sleep(Duration::from_millis(200));
        while log.lock().records.len() < WAKE_BYTES {
            log.record(Instant::now(), record("/fills-the-batch"));
        }
        let (timed_out, waiting) = writer.join().unwrap();
        assert!(!timed_out, "the writer slept through a full batch");
        assert!(waiting >= WAKE_BYTES);
    }

    #[test]
    fn pending_records_are_written_and_cleared() {
        let log = RequestLog::new(LogFormat::Text);
        log.record(Instant::now(), record("/one"));
        log.record(Instant::now(), record("/two"));
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
