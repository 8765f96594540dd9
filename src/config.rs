//! The command line: every command, every flag with its environment
//! variable, and the serve configuration checked into typed values before
//! anything starts.
//!
//! A bad value never reaches the server: flag values are parsed by clap with
//! the parsers below (each error says what is wrong and the fix), and
//! [`ServeArgs::config`] settles what depends on more than one value (`PORT`,
//! the base URL's default). To add a flag, add a field to the `*Args` struct
//! and, for `serve`, carry it into [`ServeConfig`].

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::content::gate::{self, MaxGrade};
use crate::emergency::Region;
use crate::export::Origin;
use crate::logging::LogFormat;
use crate::offline::Offline;
use crate::site::Paths;
use crate::web::Hsts;

/// Where `serve` listens when neither `--addr` nor `PORT` says.
pub const DEFAULT_ADDR: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8080);

/// Knotwise: muscle knots and massage aftercare, explained plainly.
#[derive(Parser, Debug)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Log lines as readable text or as one JSON object per line.
    #[arg(long, env = "KNOTWISE_LOG_FORMAT", default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the site (the default when no command is given).
    Serve(ServeArgs),
    /// Check all content and print figures per article; exits non-zero on any problem.
    Check(CheckArgs),
    /// Create a draft article, articles/<slug>.md, that passes `check` as written.
    New(NewArgs),
    /// Write every page into a folder for a static host or CDN; search and POST /self-check still need a running Knotwise (--origin).
    Export(ExportArgs),
    /// Serve an exported folder on this machine as a static host would, to look at it before uploading.
    Preview(PreviewArgs),
    /// Ask a running server whether it is alive: exits 0 when /healthz
    /// answers 200 within 2 seconds, 1 otherwise (for container health checks).
    Healthcheck(HealthcheckArgs),
}

#[derive(Args, Clone, Debug)]
pub struct ContentArgs {
    /// Folder of Markdown articles and the self-check questionnaire.
    #[arg(long, env = "KNOTWISE_ARTICLES", default_value = "articles")]
    pub articles: PathBuf,
    /// Folder of static files (stylesheet, icon, script, images).
    #[arg(long = "static", env = "KNOTWISE_STATIC", default_value = "static")]
    pub statics: PathBuf,
    /// The highest Flesch-Kincaid grade any article or the self-check may
    /// read at, from 1 to 18. `check`, `serve` and `export` refuse the same
    /// content.
    #[arg(long, env = "KNOTWISE_MAX_GRADE", default_value = "9", value_parser = parse_max_grade, allow_hyphen_values = true)]
    pub max_grade: MaxGrade,
}

impl ContentArgs {
    pub fn paths(&self) -> Paths {
        Paths { articles: self.articles.clone(), statics: self.statics.clone() }
    }

    /// The content gate's options.
    pub fn gate(&self) -> gate::Options {
        gate::Options { max_grade: self.max_grade }
    }
}

#[derive(Args, Clone, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// Address to listen on [default: 127.0.0.1:8080, or 0.0.0.0:$PORT when
    /// PORT is set].
    #[arg(long, env = "KNOTWISE_ADDR", value_parser = parse_addr)]
    pub addr: Option<SocketAddr>,
    /// The public URL of the site, for canonical and shared links, the
    /// sitemap and the feed, e.g. https://knotwise.example [default: http://<addr>].
    #[arg(long, env = "KNOTWISE_BASE_URL", value_parser = parse_base_url)]
    pub base_url: Option<BaseUrl>,
    /// Worker threads [default: the number of available cores].
    #[arg(long, env = "KNOTWISE_WORKERS", value_parser = parse_workers)]
    pub workers: Option<NonZeroUsize>,
    /// Whose emergency number every page shows first, and whose urgent health
    /// lines the self-check gives: uk (999), eu (112), us (911), ca (911),
    /// au (000) or nz (111). Every emergency number is always shown.
    #[arg(long, env = "KNOTWISE_REGION", default_value_t = Region::Uk, value_parser = parse_region)]
    pub region: Region,
    /// `off` turns the self-check off where its questions cannot yet be
    /// reviewed by a clinician: /self-check then says it is not available and
    /// shows the emergency numbers and the warning signs instead.
    #[arg(long = "self-check", env = "KNOTWISE_SELF_CHECK", default_value = "on", value_parser = parse_on_off, action = clap::ArgAction::Set)]
    pub self_check: bool,
    /// `off` stops offering offline reading: pages no longer install the
    /// service worker, and /sw.js retires any installed one (it deletes
    /// the saved pages and unregisters). Watch mode is always off.
    #[arg(long, env = "KNOTWISE_OFFLINE", default_value = "on", value_parser = clap::value_parser!(Offline))]
    pub offline: Offline,
    /// On SIGTERM or SIGINT, how long to keep serving with /readyz answering
    /// 503, so load balancers stop sending requests before the server stops.
    #[arg(long, env = "KNOTWISE_DRAIN_SECONDS", default_value_t = 5, value_parser = parse_drain)]
    pub drain_seconds: u64,
    /// Serve Prometheus metrics at /metrics on this address, apart from the
    /// site, e.g. 127.0.0.1:9090 [default: off].
    #[arg(long, env = "KNOTWISE_METRICS_ADDR", value_parser = parse_addr)]
    pub metrics_addr: Option<SocketAddr>,
    /// Allow --metrics-addr on an address other machines can reach (e.g.
    /// 0.0.0.0:9090 for a Prometheus elsewhere): only with a firewall or a
    /// private network keeping /metrics from the public.
    #[arg(long, env = "KNOTWISE_METRICS_PUBLIC")]
    pub(crate) metrics_public: bool,
    /// Strict-Transport-Security: `on` (two years, subdomains included),
    /// `no-subdomains` (two years, this host only) or `off` (when another
    /// layer sets it, or a subdomain still needs plain http).
    #[arg(long, env = "KNOTWISE_HSTS", default_value_t = Hsts::On, value_parser = parse_hsts)]
    pub hsts: Hsts,
    /// For authors: rebuild on each save of articles/ or static/, show any
    /// problems on every page and reload the browser. Never in production.
    #[arg(long)]
    pub watch: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    /// Also list the pages whose next clinical review falls within this
    /// many days (and those overdue), with their dates, e.g. `--due 60d`.
    /// The list never fails the check.
    #[arg(long, value_name = "DAYS", value_parser = parse_days)]
    pub due: Option<u32>,
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// The article's title, e.g. "Can I exercise after a massage?".
    pub title: String,
    /// Folder of Markdown articles.
    #[arg(long, env = "KNOTWISE_ARTICLES", default_value = "articles")]
    pub articles: PathBuf,
    /// The public URL of the site, to print the article's address.
    #[arg(long, env = "KNOTWISE_BASE_URL", default_value = "http://127.0.0.1:8080")]
    pub base_url: String,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The folder to write; it must be new, empty or an earlier export.
    pub dir: PathBuf,
    #[command(flatten)]
    pub content: ContentArgs,
    /// The public URL the export will be served at, for canonical links,
    /// link previews, the sitemap and the feed, e.g. https://knotwise.example.
    #[arg(long, env = "KNOTWISE_BASE_URL", value_parser = parse_base_url)]
    pub base_url: BaseUrl,
    /// Whose emergency number every page shows first: uk, eu, us, ca, au or nz.
    #[arg(long, env = "KNOTWISE_REGION", default_value_t = Region::Uk, value_parser = parse_region)]
    pub region: Region,
    /// `off` exports /self-check as the "not available" page, as `serve
    /// --self-check off` serves it.
    #[arg(long = "self-check", env = "KNOTWISE_SELF_CHECK", default_value = "on", value_parser = parse_on_off, action = clap::ArgAction::Set)]
    pub self_check: bool,
    /// `off` exports pages without the offline worker, and a /sw.js that
    /// retires any installed one, as `serve --offline off` serves them.
    #[arg(long, env = "KNOTWISE_OFFLINE", default_value = "on", value_parser = clap::value_parser!(Offline))]
    pub offline: Offline,
    /// A running Knotwise that answers search and the self-check's answers,
    /// as the host serving the export reaches it, e.g. http://10.0.0.5:8080;
    /// repeat for each copy [default: http://127.0.0.1:8080 in the nginx block].
    #[arg(long = "origin", env = "KNOTWISE_ORIGINS", value_delimiter = ',', value_parser = parse_origin)]
    pub origins: Vec<Origin>,
}

#[derive(Args, Debug)]
pub struct PreviewArgs {
    /// The folder `knotwise export` wrote, e.g. public.
    pub dir: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value_t = DEFAULT_ADDR, value_parser = parse_addr)]
    pub addr: SocketAddr,
}

#[derive(Args, Debug)]
pub struct HealthcheckArgs {
    /// The URL to ask [default: /healthz on the address `serve` listens on].
    #[arg(long, conflicts_with = "addr")]
    pub url: Option<String>,
    /// The address `serve` listens on, as for `serve` [default: 127.0.0.1:8080,
    /// or 0.0.0.0:$PORT when PORT is set].
    #[arg(long, env = "KNOTWISE_ADDR", value_parser = parse_addr)]
    pub addr: Option<SocketAddr>,
}

/// What `serve` runs with: every value checked and typed.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub paths: Paths,
    pub addr: SocketAddr,
    /// `None`: derived from the bound address once it is known.
    pub base_url: Option<BaseUrl>,
    pub workers: NonZeroUsize,
    pub region: Region,
    /// Whether the self-check is offered (`--self-check on`, the default).
    pub self_check: bool,
    /// Whether pages install the offline worker (`--offline on`, the default).
    pub offline: Offline,
    /// How long to keep serving after a stop signal, with `/readyz` at 503.
    pub drain: Duration,
    /// Where metrics are served; `None`: off.
    pub metrics_addr: Option<SocketAddr>,
    /// The `Strict-Transport-Security` every response carries.
    pub hsts: Hsts,
    /// The content gate's options, as `check` and `export` apply them.
    pub gate: gate::Options,
    /// Watch mode (`--watch`), for authors.
    pub watch: bool,
    /// Said once at start-up: settings that work but are probably not meant.
    pub(crate) warnings: Vec<String>,
}

/// A configuration value that cannot be used: what is wrong and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub fix: String,
}

impl ConfigError {
    fn new(message: impl Into<String>, fix: impl Into<String>) -> Self {
        ConfigError { message: message.into(), fix: fix.into() }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  fix: {}", self.message, self.fix)
    }
}

impl std::error::Error for ConfigError {}

impl ServeArgs {
    /// The checked configuration. `port` is the `PORT` environment variable
    /// that platforms set; `--addr` wins over it.
    pub fn config(self, port: Option<&str>) -> Result<ServeConfig, ConfigError> {
        let addr = listen_addr(self.addr, port)?;
        if let Some(metrics) = self.metrics_addr
            && metrics.port() == addr.port()
            && metrics.port() != 0
        {
            return Err(ConfigError::new(
                format!("--metrics-addr {metrics} uses the site's port {}", addr.port()),
                "give metrics their own port, never the public one, e.g. --metrics-addr 127.0.0.1:9090",
            ));
        }
        if let Some(metrics) = self.metrics_addr
            && !metrics.ip().is_loopback()
            && !self.metrics_public
        {
            return Err(ConfigError::new(
                format!(
                    "--metrics-addr {metrics} can be reached from other machines{}, and /metrics would \
                     answer anyone who can reach it",
                    if metrics.ip().is_unspecified() { " (it means every network interface)" } else { "" }
                ),
                format!(
                    "keep metrics on this machine with --metrics-addr 127.0.0.1:{port}, or, when a firewall \
                     or a private network keeps the address from the public, add --metrics-public",
                    port = metrics.port()
                ),
            ));
        }
        let mut warnings = Vec::new();
        if self.base_url.is_none() && !addr.ip().is_loopback() {
            warnings.push(format!(
                "no --base-url: canonical links, link previews, the sitemap and the feed will point at \
                 http://{}, which readers cannot reach\n  fix: set --base-url (or KNOTWISE_BASE_URL) \
                 to the public address, e.g. --base-url https://knotwise.example",
                shown_addr(addr)
            ));
        }
        let workers =
            self.workers.unwrap_or_else(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN));
        Ok(ServeConfig {
            paths: self.content.paths(),
            addr,
            base_url: self.base_url,
            workers,
            region: self.region,
            self_check: self.self_check,
            offline: self.offline,
            drain: Duration::from_secs(self.drain_seconds),
            metrics_addr: self.metrics_addr,
            hsts: self.hsts,
            gate: self.content.gate(),
            watch: self.watch,
            warnings,
        })
    }
}

/// The address to listen on: `--addr`, else `0.0.0.0:$PORT`, else
/// [`DEFAULT_ADDR`]. An unusable `PORT` is an error, never ignored.
pub fn listen_addr(addr: Option<SocketAddr>, port: Option<&str>) -> Result<SocketAddr, ConfigError> {
    if let Some(addr) = addr {
        return Ok(addr);
    }
    let Some(port) = port else { return Ok(DEFAULT_ADDR) };
    match port.trim().parse::<u16>() {
        Ok(port) if port > 0 => Ok(SocketAddr::from(([0, 0, 0, 0], port))),
        _ => Err(ConfigError::new(
            format!("PORT is `{port}`, which is not a port number"),
            "set PORT to a number from 1 to 65535 (e.g. PORT=8080), or unset it and pass --addr",
        )),
    }
}

/// How to write an address for people: an unspecified IP (0.0.0.0, ::)
/// becomes `localhost`, which works in a browser on the same machine.
pub(crate) fn shown_addr(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() { format!("localhost:{}", addr.port()) } else { addr.to_string() }
}

/// The site's public URL: `http` or `https` and a host (with a port), no
/// path, query or fragment,
/// kept without a trailing slash so paths can be appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The URL for a server reached directly at `addr`.
    pub(crate) fn for_addr(addr: SocketAddr) -> BaseUrl {
        BaseUrl(format!("http://{}", shown_addr(addr)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for BaseUrl {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fix = "write the full public address with its scheme, e.g. https://knotwise.example";
        let Some((scheme, rest)) = s.split_once("://") else {
            return Err(format!("`{s}` has no scheme (http:// or https://); fix: {fix}"));
        };
        if scheme != "http" && scheme != "https" {
            return Err(format!("`{s}` starts with `{scheme}://`, not http:// or https://; fix: {fix}"));
        }
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() {
            return Err(format!("`{s}` has no host name; fix: {fix}"));
        }
        if s.contains(['?', '#']) || s.contains(char::is_whitespace) {
            return Err(format!(
                "`{s}` has a query, a fragment or a space; fix: give only the scheme and host, \
                 e.g. https://knotwise.example"
            ));
        }
        // Every link, stylesheet, script, form action and redirect on the
        // pages starts at `/`, as do the export's nginx block and
        // `_redirects`: a path here would make canonical links and the
        // sitemap point under it while everything else broke.
        let path = rest[host.len()..].trim_end_matches('/');
        if !path.is_empty() {
            return Err(format!(
                "`{s}` has a path (`{path}`), and Knotwise serves a site only from the root of its host: \
                 every link, stylesheet, script and form on its pages starts with `/`; fix: give the \
                 address without a path, e.g. https://{host}, and serve the site at the root of a host \
                 name of its own (a subdomain such as https://knotwise.{host})"
            ));
        }
        Ok(BaseUrl(s.trim_end_matches('/').to_string()))
    }
}

fn parse_addr(s: &str) -> Result<SocketAddr, String> {
    s.parse().map_err(|_| {
        format!(
            "`{s}` is not an IP address with a port; fix: write it like 127.0.0.1:8080, \
             0.0.0.0:8080 (all interfaces) or [::1]:8080"
        )
    })
}

fn parse_max_grade(s: &str) -> Result<MaxGrade, String> {
    s.parse()
}

fn parse_origin(s: &str) -> Result<Origin, String> {
    s.parse()
}

fn parse_base_url(s: &str) -> Result<BaseUrl, String> {
    s.parse()
}

/// The longest drain: an hour is far beyond any load balancer's interval.
const MAX_DRAIN_SECONDS: u64 = 3600;

fn parse_drain(s: &str) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(n) if n <= MAX_DRAIN_SECONDS => Ok(n),
        _ => Err(format!(
            "`{s}` is not a number of seconds from 0 to {MAX_DRAIN_SECONDS}; fix: give a little more than \
             your load balancer's health-check interval times its failure threshold, e.g. 5"
        )),
    }
}

fn parse_hsts(s: &str) -> Result<Hsts, String> {
    s.parse().map_err(|_| {
        format!("`{s}` is not an HSTS setting; fix: write --hsts on, --hsts no-subdomains or --hsts off")
    })
}

fn parse_region(s: &str) -> Result<Region, String> {
    s.parse().map_err(|_| {
        format!(
            "`{s}` is not a region; fix: use uk (999), eu (112), us (911), ca (911), au (000) or nz (111)"
        )
    })
}

/// `60d` (or `60`): a number of days, for `check --due`.
fn parse_days(s: &str) -> Result<u32, String> {
    let number = s.strip_suffix('d').unwrap_or(s);
    match number.parse::<u32>() {
        Ok(days) if days <= 36_500 => Ok(days),
        _ => Err(format!(
            "`{s}` is not a number of days; fix: write --due with whole days up to 36500, e.g. --due 60d"
        )),
    }
}

fn parse_on_off(s: &str) -> Result<bool, String> {
    match s {
        "on" => Ok(true),
        "off" => Ok(false),
        other => {
            Err(format!("`{other}` is neither on nor off; fix: write --self-check on or --self-check off"))
        }
    }
}

fn parse_workers(s: &str) -> Result<NonZeroUsize, String> {
    match s.parse::<usize>() {
        Ok(n) => NonZeroUsize::new(n).ok_or_else(|| {
            "0 workers cannot serve anything; fix: give at least 1, or leave it out to use one per core"
                .to_string()
        }),
        Err(_) => Err(format!("`{s}` is not a whole number; fix: give the number of worker threads, e.g. 4")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> Result<ServeArgs, clap::Error> {
        let cli = Cli::try_parse_from(std::iter::once("knotwise").chain(args.iter().copied()))?;
        Ok(match cli.command {
            Some(Command::Serve(args)) => args,
            _ => cli.serve,
        })
    }

    #[test]
    fn port_means_all_interfaces_and_addr_wins() {
        assert_eq!(listen_addr(None, None), Ok(DEFAULT_ADDR));
        assert_eq!(listen_addr(None, Some("9000")), Ok("0.0.0.0:9000".parse().unwrap()));
        let addr = "127.0.0.1:7000".parse().unwrap();
        assert_eq!(listen_addr(Some(addr), Some("nonsense")), Ok(addr));
    }

    #[test]
    fn an_unusable_port_is_an_error_not_a_fallback() {
        for port in ["http", "", "0", "70000", "-1"] {
            let err = listen_addr(None, Some(port)).unwrap_err();
            assert!(err.message.contains(&format!("PORT is `{port}`")), "{err}");
            assert!(err.fix.contains("1 to 65535"), "{err}");
        }
    }

    #[test]
    fn base_urls_need_a_scheme_and_a_host() {
        assert_eq!(
            "https://knotwise.example/".parse::<BaseUrl>().unwrap().as_str(),
            "https://knotwise.example"
        );
        assert_eq!("http://127.0.0.1:8080".parse::<BaseUrl>().unwrap().as_str(), "http://127.0.0.1:8080");
        for (bad, says) in [
            ("knotwise.example", "no scheme"),
            ("ftp://knotwise.example", "not http:// or https://"),
            ("https://", "no host"),
            ("https:///path", "no host"),
            ("https://knotwise.example/?a=b", "a query"),
            ("https://knotwise.example/#top", "a fragment"),
            ("https://example.org/guide", "has a path (`/guide`)"),
            ("https://example.org/guide/", "serves a site only from the root of its host"),
        ] {
            let err = bad.parse::<BaseUrl>().unwrap_err();
            assert!(err.contains(says) && err.contains("fix: "), "{bad}: {err}");
        }
    }

    #[test]
    fn bad_flag_values_say_what_is_wrong_and_the_fix() {
        for (args, says) in [
            (&["--workers", "0"][..], "0 workers cannot serve anything; fix: give at least 1"),
            (&["--workers", "many"], "`many` is not a whole number; fix:"),
            (
                &["--addr", "8080"],
                "`8080` is not an IP address with a port; fix: write it like 127.0.0.1:8080",
            ),
            (&["--base-url", "knotwise.example"], "has no scheme (http:// or https://); fix:"),
            (&["--drain-seconds", "soon"], "`soon` is not a number of seconds from 0 to 3600; fix:"),
            (&["--drain-seconds", "7200"], "`7200` is not a number of seconds from 0 to 3600; fix:"),
            (&["--metrics-addr", "9090"], "`9090` is not an IP address with a port; fix:"),
            (&["serve", "--region", "mars"], "`mars` is not a region; fix: use uk (999), eu (112)"),
            (&["--max-grade", "nan"], "`nan` is not a Flesch-Kincaid grade from 1 to 18; fix:"),
            (&["serve", "--max-grade", "-3"], "`-3` is not a Flesch-Kincaid grade from 1 to 18; fix:"),
        ] {
            let err = serve(args).unwrap_err().to_string();
            assert!(err.contains(says), "{args:?}: {err}");
        }
    }

    #[test]
    fn metrics_never_share_the_public_port() {
        let args = serve(&["--addr", "0.0.0.0:8080", "--metrics-addr", "127.0.0.1:8080"]).unwrap();
        let err = args.config(None).unwrap_err();
        assert!(err.message.contains("uses the site's port 8080"), "{err}");
        assert!(err.fix.contains("--metrics-addr 127.0.0.1:9090"), "{err}");
        let config = serve(&["--metrics-addr", "127.0.0.1:9090"]).unwrap().config(None).unwrap();
        assert_eq!(config.metrics_addr, Some("127.0.0.1:9090".parse().unwrap()));
        assert_eq!(config.drain, Duration::from_secs(5), "the default drain");
    }

    #[test]
    fn metrics_other_machines_can_reach_need_an_explicit_yes() {
        for addr in ["0.0.0.0:9090", "10.0.0.5:9090", "[::]:9090"] {
            let err = serve(&["--metrics-addr", addr]).unwrap().config(None).unwrap_err();
            assert!(
                err.message.contains(&format!("--metrics-addr {addr} can be reached from other machines"))
            );
            assert!(
                err.fix.contains("--metrics-addr 127.0.0.1:9090") && err.fix.contains("--metrics-public")
            );
            let config = serve(&["--metrics-addr", addr, "--metrics-public"]).unwrap().config(None).unwrap();
            assert_eq!(config.metrics_addr, Some(addr.parse().unwrap()));
        }
        assert!(serve(&["--metrics-addr", "[::1]:9090"]).unwrap().config(None).is_ok());
    }

    #[test]
    fn hsts_is_on_by_default_and_can_be_narrowed_or_turned_off() {
        assert_eq!(serve(&[]).unwrap().config(None).unwrap().hsts, Hsts::On);
        for (value, hsts) in [("on", Hsts::On), ("no-subdomains", Hsts::NoSubdomains), ("off", Hsts::Off)] {
            assert_eq!(serve(&["--hsts", value]).unwrap().config(None).unwrap().hsts, hsts);
        }
        let err = serve(&["--hsts", "yes"]).unwrap_err().to_string();
        assert!(err.contains("`yes` is not an HSTS setting; fix: write --hsts on"), "{err}");
    }

    #[test]
    fn a_public_address_without_a_base_url_is_warned_about() {
        let config = serve(&[]).unwrap().config(Some("9000")).unwrap();
        assert_eq!(config.addr, "0.0.0.0:9000".parse().unwrap());
        assert_eq!(config.warnings.len(), 1, "{:?}", config.warnings);
        assert!(config.warnings[0].contains("http://localhost:9000"), "{:?}", config.warnings);
        assert!(config.warnings[0].contains("fix: set --base-url"), "{:?}", config.warnings);

        let config =
            serve(&["--base-url", "https://knotwise.example"]).unwrap().config(Some("9000")).unwrap();
        assert!(config.warnings.is_empty(), "{:?}", config.warnings);
        let config = serve(&[]).unwrap().config(None).unwrap();
        assert!(config.warnings.is_empty(), "local use needs no base URL: {:?}", config.warnings);
    }

    #[test]
    fn the_systemd_unit_documents_every_serve_variable() {
        use clap::CommandFactory;
        let cli = Cli::command();
        let serve = cli.find_subcommand("serve").unwrap();
        let flags: std::collections::BTreeSet<String> = serve
            .get_arguments()
            .chain(cli.get_arguments().filter(|arg| arg.is_global_set()))
            .filter_map(|arg| arg.get_env())
            .map(|env| env.to_string_lossy().into_owned())
            .chain(["RUST_LOG".to_string()])
            .collect();
        let unit = include_str!("knotwise.service");
        let documented: std::collections::BTreeSet<String> = unit
            .lines()
            .filter_map(|line| line.strip_prefix("#   "))
            .filter_map(|rest| rest.split_whitespace().next())
            .filter(|word| word.starts_with("KNOTWISE_") || *word == "RUST_LOG")
            .map(str::to_string)
            .collect();
        assert_eq!(documented, flags, "list each serve variable, with its meaning, in src/knotwise.service");
    }

    #[test]
    fn the_self_check_is_turned_off_by_flag_or_environment() {
        // clap reads a `bool` field as a flag without a value unless told
        // otherwise: `--self-check off` once failed as "invalid value 'true'".
        for args in
            [&["--self-check", "off"][..], &["serve", "--self-check", "off"], &["serve", "--self-check=off"]]
        {
            assert!(!serve(args).unwrap().config(None).unwrap().self_check, "{args:?}");
        }
        assert!(serve(&["serve", "--self-check", "on"]).unwrap().config(None).unwrap().self_check);
        assert!(serve(&[]).unwrap().config(None).unwrap().self_check, "on by default");
        let err = serve(&["serve", "--self-check", "no"]).unwrap_err().to_string();
        assert!(err.contains("`no` is neither on nor off"), "{err}");
        let cli = Cli::try_parse_from([
            "knotwise",
            "export",
            "out",
            "--base-url",
            "https://k.example",
            "--self-check",
            "off",
        ])
        .unwrap();
        assert!(matches!(cli.command, Some(Command::Export(ExportArgs { self_check: false, .. }))));
    }

    #[test]
    fn the_base_url_defaults_to_the_address_readers_can_open() {
        assert_eq!(BaseUrl::for_addr("0.0.0.0:9000".parse().unwrap()).as_str(), "http://localhost:9000");
        assert_eq!(BaseUrl::for_addr("127.0.0.1:8080".parse().unwrap()).as_str(), "http://127.0.0.1:8080");
    }
}
