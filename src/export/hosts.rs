//! What static hosts need besides the files: the headers and cache policy
//! (`_headers`, as Netlify and Cloudflare Pages read it), the aliases as
//! redirects and search as a proxy (`_redirects`), and an nginx server
//! block that serves the export exactly as `knotwise serve` would, sending
//! `GET /search`, `POST /self-check` and `POST /feedback` to the running copies of Knotwise
//! (the [`Origin`]s), trying the next copy when one fails, and serving the
//! fallback pages with a 503 when none answers.

use std::fmt::Write as _;
use std::path::Path;

use super::fallback::{SEARCH_FALLBACK, SELF_CHECK_FALLBACK};
use super::{ExportedFile, cache_control, is_error_page, resource_policy, serves_encoded};
use crate::prepared::Encoding;
use crate::site::Site;
use crate::urls;
use crate::web::SECURITY_HEADERS;

pub const HEADERS_FILE: &str = "_headers";
pub const REDIRECTS_FILE: &str = "_redirects";
pub const NGINX_FILE: &str = "_nginx.conf";

/// Where the nginx block sends search and the self-check's answers when no
/// `--origin` is given: `knotwise serve` on the same machine.
const DEFAULT_ORIGIN: &str = "http://127.0.0.1:8080";

/// A running Knotwise that answers what a static copy cannot (search, the
/// self-check's answers), as the host serving the export reaches it:
/// `http://10.0.0.5:8080`, or an `https://` load balancer in front of
/// several copies for a static host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `http` or `https`.
    scheme: &'static str,
    /// `host:port`, the port always written out, as nginx's `server` takes it.
    authority: String,
}

impl Origin {
    /// `http` or `https`.
    pub fn scheme(&self) -> &'static str {
        self.scheme
    }

    /// The URL, for a static host's proxy rule.
    pub fn url(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }
}

impl std::str::FromStr for Origin {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fix = "fix: give the address of a running Knotwise, e.g. --origin http://127.0.0.1:8080 \
                   (repeat --origin for each copy)";
        let (scheme, rest) = if let Some(rest) = s.strip_prefix("http://") {
            ("http", rest)
        } else if let Some(rest) = s.strip_prefix("https://") {
            ("https", rest)
        } else {
            return Err(format!("`{s}` is not an http:// or https:// address\n  {fix}"));
        };
        let host = rest.strip_suffix('/').unwrap_or(rest);
        if host.is_empty() || host.contains(['/', '?', '#', '@', ' ', '"', ';', '{', '}']) {
            return Err(format!("`{s}` must be a scheme, a host and a port only, with no path\n  {fix}"));
        }
        let has_port = host.rsplit_once(':').is_some_and(|(name, port)| {
            !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && (!name.contains(':') || name.ends_with(']'))
        });
        let authority = if has_port {
            host.to_string()
        } else {
            format!("{host}:{}", if scheme == "http" { 80 } else { 443 })
        };
        Ok(Origin { scheme, authority })
    }
}

/// The header the server lets each response choose for itself.
const PER_RESPONSE: &str = "Cross-Origin-Resource-Policy";

/// The security headers every response carries, without the one each
/// response sets itself: these hosts join the values of two matching rules
/// instead of choosing one.
fn shared_headers() -> impl Iterator<Item = (&'static str, &'static str)> {
    SECURITY_HEADERS.into_iter().filter(|(name, _)| *name != PER_RESPONSE)
}

/// The headers of one URL that differ between responses.
fn own_headers(file: &ExportedFile<'_>) -> [(&'static str, &'static str); 3] {
    [
        ("Content-Type", file.prepared.content_type),
        ("Cache-Control", cache_control(file.prepared)),
        (PER_RESPONSE, resource_policy(file.prepared)),
    ]
}

/// `_headers`: the shared headers for every path, then each URL's own.
pub(super) fn headers_file(files: &[ExportedFile<'_>]) -> String {
    let mut out = String::from("# Written by `knotwise export`: the headers `knotwise serve` sends.\n/*\n");
    for (name, value) in shared_headers() {
        let _ = writeln!(out, "  {name}: {value}");
    }
    for file in files {
        let _ = writeln!(out, "{}", file.url);
        for (name, value) in own_headers(file) {
            let _ = writeln!(out, "  {name}: {value}");
        }
    }
    out
}

/// `_redirects`: search to the first origin (Netlify proxies a rule with
/// status 200 to another host), then each alias to its article, permanently.
pub(super) fn redirects_file(site: &Site, origins: &[Origin]) -> String {
    let mut out = String::from("# Written by `knotwise export`.\n# Search is answered by a running Knotwise");
    match origins.first() {
        Some(origin) => {
            let _ = writeln!(out, " (--origin), and so are the answers to \"Was this page useful?\":");
            for path in [urls::SEARCH, urls::FEEDBACK] {
                let _ = writeln!(out, "{path} {}{path} 200", origin.url());
            }
        }
        None => {
            let _ = writeln!(
                out,
                "; export with --origin https://<its address> to write the rule, e.g.\n# {} https://origin.knotwise.example{} 200",
                urls::SEARCH,
                urls::SEARCH
            );
        }
    }
    out.push_str("# Old article addresses (aliases).\n");
    for (from, to) in sorted_redirects(site) {
        let _ = writeln!(out, "{from} {to} 301");
    }
    out
}

fn sorted_redirects(site: &Site) -> Vec<(&str, &str)> {
    let mut redirects: Vec<(&str, &str)> = site.redirects().collect();
    redirects.sort_unstable();
    redirects
}

/// A double-quoted nginx string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn add_headers(out: &mut String, headers: impl IntoIterator<Item = (&'static str, &'static str)>) {
    for (name, value) in headers {
        let _ = writeln!(out, "        add_header {name} {} always;", quoted(value));
    }
}

/// One exact-match location per exported URL, so each answers with the
/// server's own content type, cache policy and headers.
fn location(out: &mut String, file: &ExportedFile<'_>) {
    let internal = is_error_page(file);
    let _ = writeln!(out, "    location = {} {{", quoted(&file.url));
    if internal {
        out.push_str("        internal;\n");
    }
    let _ =
        writeln!(out, "        types {{ }}\n        default_type {};", quoted(file.prepared.content_type));
    if serves_encoded(file.prepared, Encoding::Gzip) {
        out.push_str("        gzip_static on;\n");
    }
    if serves_encoded(file.prepared, Encoding::Brotli) {
        out.push_str(
            "        # brotli_static on;  # with the ngx_brotli module (see the top of this file)\n",
        );
    }
    add_headers(out, own_headers(file).into_iter().skip(1));
    add_headers(out, shared_headers());
    if file.url == urls::SELF_CHECK {
        out.push_str(
            "        # The self-check's answers are worked out by Knotwise itself. The\n\
             \x20       # fallback page, when no copy answers, is a second error_page.\n\
             \x20       recursive_error_pages on;\n\
             \x20       error_page 404 /404.html;\n\
             \x20       error_page 418 = @self_check;\n\
             \x20       if ($request_method = POST) {\n            return 418;\n        }\n",
        );
    }
    if !internal {
        let _ = writeln!(out, "        try_files {} =404;", quoted(&format!("/{}", file.file)));
    }
    out.push_str("    }\n\n");
}

/// The directives that send a request to the origins, and the page (with
/// the emergency numbers) a reader gets with a 503 when none answers.
fn proxy(out: &mut String, scheme: &str, fallback: &str) {
    proxy_only(out, scheme);
    let _ = write!(
        out,
        "        # No copy answered, or one failed: the site's own page, with the\n\
         \x20       # emergency numbers and a 503, never a bare 502.\n\
         \x20       proxy_intercept_errors on;\n\
         \x20       error_page 500 502 503 504 =503 /{fallback};\n"
    );
}

/// The directives that send a request to the origins and on to the next
/// copy when one fails.
fn proxy_only(out: &mut String, scheme: &str) {
    let _ = write!(
        out,
        "        proxy_pass {scheme}://knotwise_origin;\n\
         \x20       proxy_http_version 1.1;\n\
         \x20       proxy_set_header Connection \"\";\n\
         \x20       proxy_set_header Host $host;\n\
         \x20       proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
         \x20       proxy_set_header X-Forwarded-Proto $scheme;\n\
         \x20       # A reader is waiting, often worried: a copy that does not answer\n\
         \x20       # quickly is given up for the next one, then for the page below.\n\
         \x20       proxy_connect_timeout 2s;\n\
         \x20       proxy_send_timeout 10s;\n\
         \x20       proxy_read_timeout 10s;\n\
         \x20       # A copy that refuses, drops or times out: send the request to the\n\
         \x20       # next copy. POSTs too (non_idempotent): the self-check is stateless,\n\
         \x20       # so answers sent twice give the same page and change nothing.\n\
         \x20       proxy_next_upstream error timeout non_idempotent;\n"
    );
}

/// The nginx configuration: an upstream of running copies of Knotwise and
/// one server. Put it inside the `http` block (Debian:
/// `/etc/nginx/conf.d/knotwise.conf`).
pub(super) fn nginx_server(
    site: &Site,
    files: &[ExportedFile<'_>],
    root: &Path,
    origins: &[Origin],
) -> String {
    let mut out = String::new();
    out.push_str(
        "# Written by `knotwise export`: serves this folder with the headers, cache policy\n\
         # and encodings of `knotwise serve`. Include it in nginx's http block, e.g. as\n\
         # /etc/nginx/conf.d/knotwise.conf, and set `listen`, `server_name` and TLS.\n\
         # GET /search and POST /self-check go to the running copies of Knotwise listed\n\
         # in the upstream (`knotwise export --origin`, once per copy); when none\n\
         # answers, readers get the site's page that says so, with the emergency numbers.\n\
         # Brotli: install the ngx_brotli static module (Debian:\n\
         # libnginx-mod-http-brotli-static) and uncomment the brotli_static lines;\n\
         # without it, readers get the .gz files.\n\
         upstream knotwise_origin {\n",
    );
    let default = [DEFAULT_ORIGIN.parse::<Origin>().expect("the default origin is an origin")];
    let origins = if origins.is_empty() { &default[..] } else { origins };
    // All of an upstream's servers are reached the same way (`export` checks).
    let scheme = origins[0].scheme;
    out.push_str("    # A copy that fails is left alone for 10 s while the others answer.\n");
    for origin in origins {
        let _ = writeln!(out, "    server {} max_fails=1 fail_timeout=10s;", origin.authority);
    }
    out.push_str("    keepalive 16;\n}\n\nserver {\n    listen 80;\n");
    let _ = writeln!(out, "    root {};", quoted(&root.display().to_string()));
    out.push_str(
        "    server_tokens off;\n\
         \x20   charset off;\n\
         \x20   gzip off;\n\
         \x20   gzip_vary on;\n\
         \x20   error_page 404 /404.html;\n\n\
         \x20   # Only what the export holds: anything else is the site's 404 page.\n\
         \x20   location / {\n        return 404;\n    }\n\n",
    );
    for file in files {
        location(&mut out, file);
    }
    // Aliases, and every address asked for with a trailing slash, go to
    // the one canonical address, as the server sends them.
    let mut redirects: Vec<(String, String)> =
        sorted_redirects(site).into_iter().map(|(from, to)| (from.to_string(), to.to_string())).collect();
    let slashed: Vec<(String, String)> = files
        .iter()
        .filter(|f| !is_error_page(f) && f.url != "/")
        .map(|f| (f.url.clone(), format!("{}{}", site.chrome.base_url, f.url)))
        .chain(redirects.iter().cloned())
        .map(|(from, to)| (format!("{from}/"), to))
        .collect();
    redirects.extend(slashed);
    for (from, to) in &redirects {
        let _ = writeln!(out, "    location = {} {{", quoted(from));
        add_headers(&mut out, [("Cache-Control", crate::prepared::CachePolicy::Page.header())]);
        add_headers(&mut out, SECURITY_HEADERS);
        let _ = writeln!(out, "        return 301 {};\n    }}\n", quoted(to));
    }
    let _ = writeln!(
        out,
        "    # Search is answered by Knotwise. The query is health data: never logged here.\n\
         \x20   location = {} {{\n        access_log off;",
        quoted(urls::SEARCH)
    );
    proxy(&mut out, scheme, SEARCH_FALLBACK);
    out.push_str(
        "    }\n\n\
         \x20   location @self_check {\n",
    );
    proxy(&mut out, scheme, SELF_CHECK_FALLBACK);
    let _ = writeln!(
        out,
        "    }}\n\n\
         \x20   # \"Was this page useful?\": counted by the copy that answers (the one rule\n\
         \x20   # at nginx for abuse is a limit_req zone: see the README). When no copy\n\
         \x20   # answers, the reader loses nothing but the count: nginx's own 502.\n\
         \x20   location = {} {{",
        quoted(urls::FEEDBACK)
    );
    proxy_only(&mut out, scheme);
    out.push_str("    }\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::Origin;

    #[test]
    fn an_origin_is_a_scheme_a_host_and_a_port() {
        for (given, url) in [
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://10.0.0.5:8080/", "http://10.0.0.5:8080"),
            ("https://origin.knotwise.example", "https://origin.knotwise.example:443"),
            ("http://knotwise", "http://knotwise:80"),
            ("http://[::1]:8081", "http://[::1]:8081"),
            ("http://[::1]", "http://[::1]:80"),
        ] {
            assert_eq!(given.parse::<Origin>().unwrap().url(), url, "{given}");
        }
        for (bad, says) in [
            ("127.0.0.1:8080", "not an http:// or https:// address"),
            ("ftp://knotwise", "not an http:// or https:// address"),
            ("http://", "no path"),
            ("http://knotwise/search", "no path"),
            ("http://knotwise;x", "no path"),
        ] {
            let err = bad.parse::<Origin>().unwrap_err();
            assert!(err.contains(says) && err.contains("fix: "), "{bad}: {err}");
        }
    }
}
