//! Logging set-up: the readable line (the default) or one JSON object per
//! line, for every event the program logs. The request log has its own
//! writer, off the request path ([`crate::web::RequestLog`]), in the same
//! two formats, made by the functions here.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::{self, Layer, SubscriberExt as _};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt as _;

use crate::date::Date;

/// The tracing target of request lines: `RUST_LOG=knotwise::request=off`
/// turns them off.
pub(crate) const REQUEST_TARGET: &str = "knotwise::request";

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// `2026-11-29T06:21:46.123456Z  INFO target: message`, for people.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

impl FromStr for LogFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => Err(format!("`{other}` is not a log format: use `text` or `json`")),
        }
    }
}

impl fmt::Display for LogFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LogFormat::Text => "text",
            LogFormat::Json => "json",
        })
    }
}

/// Sends every log event to stderr in `format`, filtered by `RUST_LOG`
/// (default `info`). Returns whether request lines (`knotwise::request` at
/// info) pass the filter, so the request log can stay off entirely when not.
pub fn init(format: LogFormat) -> bool {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let lines = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(format == LogFormat::Text && std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let lines = match format {
        LogFormat::Text => lines.boxed(),
        LogFormat::Json => lines.event_format(JsonLines).boxed(),
    };
    tracing_subscriber::registry()
        .with(filter)
        .with(lines.with_filter(filter_fn(|meta| !is_client_error(meta))))
        .with(ClientErrors)
        .init();
    tracing::enabled!(target: REQUEST_TARGET, Level::INFO)
}

/// Where actix-http reports a connection it could not serve.
const CONNECTION_TARGET: &str = "actix_http::h1::dispatcher";

/// Where those reports go instead, at info.
pub(crate) const CLIENT_TARGET: &str = "knotwise::client";

/// Whether `meta` is actix-http's ERROR for a connection: a malformed
/// request (answered 400 and closed) or a client that went away. They are
/// the client's errors, not ours, and a flood of junk would fill the error
/// channel, so they are logged at info ([`ClientErrors`]). Their text names
/// the kind of error, never the request's bytes.
fn is_client_error(meta: &tracing::Metadata<'_>) -> bool {
    *meta.level() == Level::ERROR && meta.target() == CONNECTION_TARGET
}

/// Logs actix-http's connection errors again at info, under [`CLIENT_TARGET`].
struct ClientErrors;

impl<S: Subscriber> Layer<S> for ClientErrors {
    fn on_event(&self, event: &Event<'_>, _ctx: layer::Context<'_, S>) {
        if is_client_error(event.metadata()) {
            let mut message = Message(String::new());
            event.record(&mut message);
            tracing::info!(target: CLIENT_TARGET, "a connection was closed: {}", message.0);
        }
    }
}

/// An event's message field.
struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

/// Formats events as JSON objects: timestamp, level, target, message, then
/// the event's other fields.
struct JsonLines;

impl<S, N> FormatEvent<S, N> for JsonLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        _ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let meta = event.metadata();
        let mut line = String::with_capacity(160);
        line.push_str("{\"timestamp\":\"");
        push_timestamp(&mut line, SystemTime::now());
        line.push_str("\",\"level\":");
        push_json_str(&mut line, meta.level().as_str());
        line.push_str(",\"target\":");
        push_json_str(&mut line, meta.target());
        let mut fields = JsonFields { line: &mut line, message: None };
        event.record(&mut fields);
        let message = fields.message.take().unwrap_or_default();
        line.push_str(",\"message\":");
        push_json_str(&mut line, &message);
        line.push('}');
        writeln!(writer, "{line}")
    }
}

struct JsonFields<'a> {
    line: &'a mut String,
    message: Option<String>,
}

impl Visit for JsonFields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let text = format!("{value:?}");
        if field.name() == "message" {
            self.message = Some(text);
        } else {
            self.line.push(',');
            push_json_str(self.line, field.name());
            self.line.push(':');
            push_json_str(self.line, &text);
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message = Some(value.to_string());
        } else {
            self.line.push(',');
            push_json_str(self.line, field.name());
            self.line.push(':');
            push_json_str(self.line, value);
        }
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.line.push(',');
        push_json_str(self.line, field.name());
        self.line.push(':');
        self.line.push_str(&value.to_string());
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.line.push(',');
        push_json_str(self.line, field.name());
        self.line.push(':');
        self.line.push_str(&value.to_string());
    }
}

/// Appends `s` as a JSON string, quoted and escaped.
pub(crate) fn push_json_str(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).expect("a string always serialises"));
}

/// Appends `time` as RFC 3339 UTC with microseconds, like
/// `2026-11-29T06:21:46.123456Z`.
pub(crate) fn push_timestamp(out: &mut String, time: SystemTime) {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    push_second(out, since.as_secs());
    push_micros(out, since.subsec_micros());
}

/// Appends the part of a timestamp that changes once a second, up to its
/// dot: `2026-11-29T06:21:46.` (a line writer keeps it for a whole second).
pub(crate) fn push_second(out: &mut String, secs: u64) {
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let date = Date::from_days(i64::try_from(days).unwrap_or(0));
    push_digits(out, u64::from(date.year), 4);
    out.push('-');
    push_digits(out, u64::from(date.month), 2);
    out.push('-');
    push_digits(out, u64::from(date.day), 2);
    out.push('T');
    push_digits(out, rest / 3600, 2);
    out.push(':');
    push_digits(out, rest % 3600 / 60, 2);
    out.push(':');
    push_digits(out, rest % 60, 2);
    out.push('.');
}

/// Appends the rest of a timestamp after [`push_second`]: `123456Z`.
pub(crate) fn push_micros(out: &mut String, micros: u32) {
    push_digits(out, u64::from(micros), 6);
    out.push('Z');
}

/// Appends `n` in decimal with at least `width` digits, zero-padded.
/// `write!` with a format spec costs several times as much, and the
/// request log formats a few numbers for every request.
pub(crate) fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    start = start.min(digits.len().saturating_sub(width));
    out.push_str(std::str::from_utf8(&digits[start..]).expect("ASCII digits"));
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc_with_microseconds() {
        let mut s = String::new();
        push_timestamp(&mut s, UNIX_EPOCH + Duration::from_micros(1_796_020_906_123_456));
        assert_eq!(s, "2026-11-30T06:41:46.123456Z");
        s.clear();
        push_timestamp(&mut s, UNIX_EPOCH + Duration::from_secs(951_782_400)); // a leap day
        assert_eq!(s, "2000-02-29T00:00:00.000000Z");
        s.clear();
        push_timestamp(&mut s, UNIX_EPOCH);
        assert_eq!(s, "1970-01-01T00:00:00.000000Z");
    }

    #[test]
    fn digits_are_padded_to_their_width_and_never_cut() {
        let mut s = String::new();
        for (n, width) in [(0, 1), (7, 2), (42, 6), (123_456, 3), (u64::MAX, 4), (9, 0)] {
            push_digits(&mut s, n, width);
            s.push(' ');
        }
        assert_eq!(s, "0 07 000042 123456 18446744073709551615 9 ");
    }

    #[test]
    fn json_strings_are_escaped() {
        let mut s = String::new();
        push_json_str(&mut s, "a \"quote\"\n\\");
        assert_eq!(s, r#""a \"quote\"\n\\""#);
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("JSON".parse::<LogFormat>(), Ok(LogFormat::Json));
        assert_eq!("text".parse::<LogFormat>(), Ok(LogFormat::Text));
        assert!("yaml".parse::<LogFormat>().unwrap_err().contains("text` or `json"));
    }
}
