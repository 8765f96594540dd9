//! The headers every response carries.

use std::sync::LazyLock;

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};

/// Only our own files, nothing inline, nothing from another host.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The headers every response carries, for the browser's protections. A
/// response may set its own `Cross-Origin-Resource-Policy` (static files do);
/// the others are never overridden. `knotwise export` writes the same list
/// for static hosts and nginx.
pub const SECURITY_HEADERS: [(&str, &str); 8] = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
];

/// [`SECURITY_HEADERS`] as header names and values, parsed once.
static PARSED: LazyLock<Vec<(HeaderName, HeaderValue)>> = LazyLock::new(|| {
    SECURITY_HEADERS
        .iter()
        .map(|&(name, value)| {
            let name = HeaderName::from_bytes(name.as_bytes()).expect("our header names are valid");
            (name, HeaderValue::from_static(value))
        })
        .collect()
});

/// Adds [`SECURITY_HEADERS`] to a response, except a
/// `Cross-Origin-Resource-Policy` it sets itself. No response sets any of
/// the others, so they are inserted without a look first: one hash each
/// on every request instead of two.
pub(super) fn add_security_headers(headers: &mut HeaderMap) {
    for (name, value) in PARSED.iter() {
        if name != header::CROSS_ORIGIN_RESOURCE_POLICY || !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
}
