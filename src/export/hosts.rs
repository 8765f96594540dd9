//! What static hosts need besides the files: the headers and cache policy
//! (`_headers`, as Netlify and Cloudflare Pages read it), the aliases as
//! redirects (`_redirects`), and an nginx server block that serves the
//! export exactly as `knotwise serve` would, sending `POST /self-check` to
//! a running Knotwise.

use std::fmt::Write as _;
use std::path::Path;

use super::{ExportedFile, NOT_FOUND_FILE, cache_control, resource_policy, serves_encoded};
use crate::prepared::Encoding;
use crate::site::Site;
use crate::web::SECURITY_HEADERS;

pub const HEADERS_FILE: &str = "_headers";
pub const REDIRECTS_FILE: &str = "_redirects";
pub const NGINX_FILE: &str = "_nginx.conf";

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

/// `_redirects`: each alias to its article, permanently.
pub(super) fn redirects_file(site: &Site) -> String {
    let mut out = String::from("# Written by `knotwise export`: old article addresses (aliases).\n");
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
fn location(out: &mut String, file: &ExportedFile<'_>, internal: bool) {
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
    if file.url == "/self-check" {
        out.push_str(
            "        # The self-check's answers are evaluated by Knotwise itself.\n\
             \x20       error_page 404 /404.html;\n\
             \x20       error_page 418 = @knotwise;\n\
             \x20       if ($request_method = POST) {\n            return 418;\n        }\n",
        );
    }
    if !internal {
        let _ = writeln!(out, "        try_files {} =404;", quoted(&format!("/{}", file.file)));
    }
    out.push_str("    }\n\n");
}

/// The nginx configuration: an upstream for the self-check and one server.
/// Put it inside the `http` block (Debian: `/etc/nginx/conf.d/knotwise.conf`).
pub(super) fn nginx_server(site: &Site, files: &[ExportedFile<'_>], root: &Path) -> String {
    let mut out = String::new();
    out.push_str(
        "# Written by `knotwise export`: serves this folder with the headers, cache policy\n\
         # and encodings of `knotwise serve`. Include it in nginx's http block, e.g. as\n\
         # /etc/nginx/conf.d/knotwise.conf, and set `listen`, `server_name` and TLS.\n\
         # POST /self-check goes to a running Knotwise: set its address below.\n\
         # Brotli: install the ngx_brotli static module (Debian:\n\
         # libnginx-mod-http-brotli-static) and uncomment the brotli_static lines;\n\
         # without it, readers get the .gz files.\n\
         upstream knotwise_self_check {\n    server 127.0.0.1:8080;\n}\n\n\
         server {\n    listen 80;\n",
    );
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
        location(&mut out, file, file.file == NOT_FOUND_FILE);
    }
    // Aliases, and every address asked for with a trailing slash, go to
    // the one canonical address, as the server sends them.
    let mut redirects: Vec<(String, String)> =
        sorted_redirects(site).into_iter().map(|(from, to)| (from.to_string(), to.to_string())).collect();
    let slashed: Vec<(String, String)> = files
        .iter()
        .filter(|f| f.file != NOT_FOUND_FILE && f.url != "/")
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
    out.push_str(
        "    location @knotwise {\n\
         \x20       proxy_pass http://knotwise_self_check;\n\
         \x20       proxy_set_header Host $host;\n\
         \x20       proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n\
         \x20       proxy_set_header X-Forwarded-Proto $scheme;\n\
         \x20   }\n}\n",
    );
    out
}
