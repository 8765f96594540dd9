//! Operational metrics: counters kept with atomic adds, written in the
//! Prometheus text format (version 0.0.4) when scraped.
//!
//! Written by hand rather than with a metrics crate: the site needs a fixed
//! handful of series, recording one request is four relaxed atomic adds and
//! no lock or allocation, and the text format is a few lines of `write!`.
//!
//! Labels are only ever the route *pattern* (`/articles/{slug}`, never the
//! path a reader asked for, never a query), the status code and the content
//! encoding. Nothing about self-check answers or results is recorded: the
//! self-check answer page shares its route and status with every other
//! answer, and the size of answer pages is not counted (it would tell the
//! result apart).
//!
//! "Was this page useful?" is counted per article slug and answer: one
//! counter each for the articles the server started with, so an unknown
//! page adds no series and the series are bounded by the pages that exist.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use crate::feedback::{Answer, Feedback, Reason};

/// Upper bounds of the latency histogram, in seconds. Prepared pages take
/// well under a millisecond; the top buckets catch a struggling machine.
pub(crate) const BUCKETS: [f64; 12] =
    [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0];

/// The route patterns kept apart; more than this share one series.
const ROUTE_SLOTS: usize = 24;

/// The label for requests that matched no route (the 404 fallback).
pub(crate) const UNMATCHED: &str = "none";

/// The label for routes beyond [`ROUTE_SLOTS`].
const OTHER: &str = "other";

/// Status codes 100 to 599, one counter each.
const STATUSES: usize = 500;

/// How a response body was encoded, as sent in `Content-Encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyEncoding {
    Identity = 0,
    Gzip = 1,
    Brotli = 2,
    Other = 3,
}

impl BodyEncoding {
    const ALL: [BodyEncoding; 4] =
        [BodyEncoding::Identity, BodyEncoding::Gzip, BodyEncoding::Brotli, BodyEncoding::Other];

    /// From a `Content-Encoding` header value; none means identity.
    pub(crate) fn from_header(value: Option<&[u8]>) -> BodyEncoding {
        match value {
            None | Some(b"identity") => BodyEncoding::Identity,
            Some(b"gzip") => BodyEncoding::Gzip,
            Some(b"br") => BodyEncoding::Brotli,
            Some(_) => BodyEncoding::Other,
        }
    }

    fn label(self) -> &'static str {
        match self {
            BodyEncoding::Identity => "identity",
            BodyEncoding::Gzip => "gzip",
            BodyEncoding::Brotli => "br",
            BodyEncoding::Other => "other",
        }
    }
}

/// Requests and latency of one route pattern.
struct RouteCounters {
    statuses: [AtomicU64; STATUSES],
    /// Per bucket, not cumulative (made cumulative when written); the last
    /// one is +Inf.
    buckets: [AtomicU64; BUCKETS.len() + 1],
    micros: AtomicU64,
}

impl RouteCounters {
    fn new() -> Self {
        RouteCounters {
            statuses: std::array::from_fn(|_| AtomicU64::new(0)),
            buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            micros: AtomicU64::new(0),
        }
    }

    fn record(&self, status: u16, elapsed: Duration) {
        let index = usize::from(status.clamp(100, 599) - 100);
        self.statuses[index].fetch_add(1, Relaxed);
        let seconds = elapsed.as_secs_f64();
        let bucket = BUCKETS.iter().position(|&le| seconds <= le).unwrap_or(BUCKETS.len());
        self.buckets[bucket].fetch_add(1, Relaxed);
        self.micros.fetch_add(u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX), Relaxed);
    }

    fn is_empty(&self) -> bool {
        self.buckets.iter().all(|b| b.load(Relaxed) == 0)
    }
}

/// A route pattern's slot, claimed by the first request that matches it.
struct Slot {
    route: OnceLock<Box<str>>,
    counters: RouteCounters,
}

/// Counters per article: Yes, No, then each reason after No.
const FEEDBACK_COUNTS: usize = Answer::ALL.len() + Reason::ALL.len();

/// Where a reason is counted in an article's row: after the answers.
fn reason_column(reason: Reason) -> usize {
    Answer::ALL.len() + reason as usize
}

/// "Was this page useful?" counts, one row per article.
struct PageFeedback {
    rows: HashMap<Box<str>, usize>,
    slugs: Box<[Box<str>]>,
    counts: Box<[[AtomicU64; FEEDBACK_COUNTS]]>,
}

impl PageFeedback {
    fn new(slugs: &[String]) -> Self {
        PageFeedback {
            rows: slugs.iter().enumerate().map(|(row, slug)| (slug.as_str().into(), row)).collect(),
            slugs: slugs.iter().map(|slug| slug.as_str().into()).collect(),
            counts: slugs.iter().map(|_| std::array::from_fn(|_| AtomicU64::new(0))).collect(),
        }
    }
}

/// Every metric of one server process.
pub struct Metrics {
    slots: Box<[Slot]>,
    unmatched: RouteCounters,
    other: RouteCounters,
    body_bytes: [AtomicU64; 4],
    startup: Duration,
    articles: usize,
    feedback: PageFeedback,
}

impl Metrics {
    /// Metrics for a server that took `startup` to become ready and
    /// serves the published articles whose slugs are `articles`.
    pub fn new(startup: Duration, articles: &[String]) -> Metrics {
        Metrics {
            slots: (0..ROUTE_SLOTS)
                .map(|_| Slot { route: OnceLock::new(), counters: RouteCounters::new() })
                .collect(),
            unmatched: RouteCounters::new(),
            other: RouteCounters::new(),
            body_bytes: std::array::from_fn(|_| AtomicU64::new(0)),
            startup,
            articles: articles.len(),
            feedback: PageFeedback::new(articles),
        }
    }

    /// Counts one "Was this page useful?" answer or reason; false (and
    /// nothing counted) for a page the server did not start with.
    pub(crate) fn record_feedback(&self, feedback: Feedback<'_>) -> bool {
        let Some(&row) = self.feedback.rows.get(feedback.page()) else { return false };
        let column = match feedback {
            Feedback::Answer { answer, .. } => answer as usize,
            Feedback::Reason { reason, .. } => reason_column(reason),
        };
        self.feedback.counts[row][column].fetch_add(1, Relaxed);
        true
    }

    /// Records one answered request: its route pattern (`None` when no
    /// route matched), status and time taken.
    pub(crate) fn record_request(&self, route: Option<&str>, status: u16, elapsed: Duration) {
        self.counters(route).record(status, elapsed);
    }

    /// Records the body bytes of one response.
    pub(crate) fn record_body(&self, encoding: BodyEncoding, bytes: u64) {
        self.body_bytes[encoding as usize].fetch_add(bytes, Relaxed);
    }

    fn counters(&self, route: Option<&str>) -> &RouteCounters {
        let Some(route) = route else { return &self.unmatched };
        for slot in &self.slots {
            match slot.route.get() {
                Some(claimed) if **claimed == *route => return &slot.counters,
                Some(_) => continue,
                None => {
                    // Two threads may race for a free slot: the loser
                    // checks whether the winner took it for the same route.
                    let _ = slot.route.set(route.into());
                    if slot.route.get().is_some_and(|claimed| **claimed == *route) {
                        return &slot.counters;
                    }
                }
            }
        }
        &self.other
    }

    /// Everything, in the Prometheus text format.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(4096);
        let routes: Vec<(&str, &RouteCounters)> = self
            .slots
            .iter()
            .filter_map(|slot| slot.route.get().map(|route| (&**route, &slot.counters)))
            .chain([(UNMATCHED, &self.unmatched), (OTHER, &self.other)])
            .filter(|(_, counters)| !counters.is_empty())
            .collect();

        header(
            &mut out,
            "knotwise_http_requests_total",
            "counter",
            "HTTP requests answered, by route pattern and status.",
        );
        for (route, counters) in &routes {
            for (index, count) in counters.statuses.iter().enumerate() {
                let count = count.load(Relaxed);
                if count > 0 {
                    let _ = writeln!(
                        out,
                        "knotwise_http_requests_total{{route=\"{}\",status=\"{}\"}} {count}",
                        escape(route),
                        index + 100
                    );
                }
            }
        }

        header(
            &mut out,
            "knotwise_http_request_duration_seconds",
            "histogram",
            "Time from a request reaching the application to its response, by route pattern.",
        );
        for (route, counters) in &routes {
            let route = escape(route);
            let mut cumulative = 0;
            for (index, count) in counters.buckets.iter().enumerate() {
                cumulative += count.load(Relaxed);
                let le = BUCKETS.get(index).map_or_else(|| "+Inf".to_string(), |le| le.to_string());
                let _ = writeln!(
                    out,
                    "knotwise_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{le}\"}} {cumulative}"
                );
            }
            let seconds = counters.micros.load(Relaxed) as f64 / 1e6;
            let _ =
                writeln!(out, "knotwise_http_request_duration_seconds_sum{{route=\"{route}\"}} {seconds}");
            let _ = writeln!(
                out,
                "knotwise_http_request_duration_seconds_count{{route=\"{route}\"}} {cumulative}"
            );
        }

        header(
            &mut out,
            "knotwise_http_response_body_bytes_total",
            "counter",
            "Response body bytes sent, by content encoding (self-check answer pages not counted).",
        );
        for encoding in BodyEncoding::ALL {
            let bytes = self.body_bytes[encoding as usize].load(Relaxed);
            let _ = writeln!(
                out,
                "knotwise_http_response_body_bytes_total{{encoding=\"{}\"}} {bytes}",
                encoding.label()
            );
        }

        self.render_feedback(&mut out);

        header(
            &mut out,
            "knotwise_startup_duration_seconds",
            "gauge",
            "Time from start to serving: load, check, render, compress.",
        );
        let _ = writeln!(out, "knotwise_startup_duration_seconds {}", self.startup.as_secs_f64());
        header(&mut out, "knotwise_articles", "gauge", "Published articles served.");
        let _ = writeln!(out, "knotwise_articles {}", self.articles);
        header(
            &mut out,
            "knotwise_build_info",
            "gauge",
            "The running build: version, and commit when it was known at build time.",
        );
        let _ = writeln!(
            out,
            "knotwise_build_info{{version=\"{}\",commit=\"{}\"}} 1",
            escape(env!("CARGO_PKG_VERSION")),
            escape(option_env!("KNOTWISE_COMMIT").unwrap_or("unknown"))
        );
        out
    }
}

impl Metrics {
    /// The feedback series that have counted something (an article nobody
    /// answered about has no line, so 10,000 articles do not make 50,000).
    fn render_feedback(&self, out: &mut String) {
        header(
            out,
            "knotwise_page_useful_total",
            "counter",
            "\"Was this page useful?\" answers, by article slug and answer (yes, no).",
        );
        let answers = Answer::ALL.map(|answer| (answer as usize, answer.id()));
        self.render_feedback_counts(out, "knotwise_page_useful_total", "answer", &answers);
        header(
            out,
            "knotwise_page_not_useful_reasons_total",
            "counter",
            "Reasons chosen after answering No, by article slug and reason.",
        );
        let reasons = Reason::ALL.map(|reason| (reason_column(reason), reason.id()));
        self.render_feedback_counts(out, "knotwise_page_not_useful_reasons_total", "reason", &reasons);
    }

    /// One line per article and counted column, for the columns given as
    /// (index in an article's counts, label value).
    fn render_feedback_counts(&self, out: &mut String, name: &str, label: &str, columns: &[(usize, &str)]) {
        let feedback = &self.feedback;
        for (slug, counts) in feedback.slugs.iter().zip(&feedback.counts) {
            for &(column, value) in columns {
                let count = counts[column].load(Relaxed);
                if count > 0 {
                    let _ = writeln!(out, "{name}{{page=\"{}\",{label}=\"{value}\"}} {count}", escape(slug));
                }
            }
        }
    }
}

/// The content type of [`Metrics::render`]'s output.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A label value, escaped as the text format requires.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn twelve() -> Vec<String> {
        (0..12).map(|n| format!("article-{n}")).collect()
    }

    #[test]
    fn feedback_is_counted_per_page_and_answer_and_only_for_pages_that_exist() {
        let metrics = Metrics::new(Duration::ZERO, &twelve());
        let yes = Feedback::Answer { page: "article-3", answer: Answer::Yes };
        assert!(metrics.record_feedback(yes) && metrics.record_feedback(yes));
        assert!(metrics.record_feedback(Feedback::Answer { page: "article-3", answer: Answer::No }));
        assert!(metrics.record_feedback(Feedback::Reason { page: "article-0", reason: Reason::LooksWrong }));
        assert!(!metrics.record_feedback(Feedback::Answer { page: "no-such-page", answer: Answer::Yes }));
        let text = metrics.render();
        let series: Vec<&str> = text.lines().filter(|l| l.starts_with("knotwise_page_")).collect();
        assert_eq!(
            series,
            [
                "knotwise_page_useful_total{page=\"article-3\",answer=\"yes\"} 2",
                "knotwise_page_useful_total{page=\"article-3\",answer=\"no\"} 1",
                "knotwise_page_not_useful_reasons_total{page=\"article-0\",reason=\"looks-wrong\"} 1",
            ]
        );
        assert!(!text.contains("no-such-page"));
    }

    fn line<'a>(text: &'a str, prefix: &str) -> &'a str {
        text.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no `{prefix}` in:\n{text}"))
    }

    #[test]
    fn requests_are_counted_by_route_and_status() {
        let metrics = Metrics::new(Duration::from_millis(1500), &twelve());
        metrics.record_request(Some("/articles/{slug}"), 200, Duration::from_micros(80));
        metrics.record_request(Some("/articles/{slug}"), 200, Duration::from_micros(300));
        metrics.record_request(Some("/articles/{slug}"), 404, Duration::from_millis(3));
        metrics.record_request(None, 404, Duration::from_secs(2));
        let text = metrics.render();
        assert!(
            text.contains("knotwise_http_requests_total{route=\"/articles/{slug}\",status=\"200\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("knotwise_http_requests_total{route=\"/articles/{slug}\",status=\"404\"} 1\n"),
            "{text}"
        );
        assert!(text.contains("knotwise_http_requests_total{route=\"none\",status=\"404\"} 1\n"), "{text}");
        assert!(!text.contains("route=\"other\""), "empty series are left out: {text}");
    }

    #[test]
    fn the_histogram_is_cumulative_with_sum_and_count() {
        let metrics = Metrics::new(Duration::ZERO, &[]);
        for micros in [80, 300, 3000] {
            metrics.record_request(Some("/"), 200, Duration::from_micros(micros));
        }
        metrics.record_request(Some("/"), 200, Duration::from_secs(2));
        let text = metrics.render();
        let bucket = |le: &str| {
            line(&text, &format!("knotwise_http_request_duration_seconds_bucket{{route=\"/\",le=\"{le}\"}}"))
        };
        assert!(bucket("0.0001").ends_with(" 1"), "{text}");
        assert!(bucket("0.0005").ends_with(" 2"), "{text}");
        assert!(bucket("0.005").ends_with(" 3"), "{text}");
        assert!(bucket("1").ends_with(" 3"), "{text}");
        assert!(bucket("+Inf").ends_with(" 4"), "{text}");
        assert!(line(&text, "knotwise_http_request_duration_seconds_count{route=\"/\"}").ends_with(" 4"));
        assert!(
            line(&text, "knotwise_http_request_duration_seconds_sum{route=\"/\"}").ends_with(" 2.00338"),
            "{text}"
        );
    }

    #[test]
    fn body_bytes_startup_articles_and_build_are_reported() {
        let metrics = Metrics::new(Duration::from_millis(1500), &twelve());
        metrics.record_body(BodyEncoding::from_header(Some(b"br")), 100);
        metrics.record_body(BodyEncoding::from_header(Some(b"br")), 50);
        metrics.record_body(BodyEncoding::from_header(None), 7);
        let text = metrics.render();
        assert!(text.contains("knotwise_http_response_body_bytes_total{encoding=\"br\"} 150\n"), "{text}");
        assert!(
            text.contains("knotwise_http_response_body_bytes_total{encoding=\"identity\"} 7\n"),
            "{text}"
        );
        assert!(text.contains("knotwise_http_response_body_bytes_total{encoding=\"gzip\"} 0\n"), "{text}");
        assert!(text.contains("knotwise_startup_duration_seconds 1.5\n"), "{text}");
        assert!(text.contains("knotwise_articles 12\n"), "{text}");
        assert!(
            text.contains(&format!("knotwise_build_info{{version=\"{}\",", env!("CARGO_PKG_VERSION"))),
            "{text}"
        );
    }

    #[test]
    fn routes_beyond_the_slots_share_one_series() {
        let metrics = Metrics::new(Duration::ZERO, &[]);
        for i in 0..ROUTE_SLOTS + 3 {
            metrics.record_request(Some(&format!("/r{i}")), 200, Duration::ZERO);
        }
        metrics.record_request(Some("/r0"), 200, Duration::ZERO);
        let text = metrics.render();
        assert!(text.contains("knotwise_http_requests_total{route=\"/r0\",status=\"200\"} 2\n"), "{text}");
        assert!(text.contains("knotwise_http_requests_total{route=\"other\",status=\"200\"} 3\n"), "{text}");
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
