//! The headers every response carries.

use actix_web::middleware::DefaultHeaders;

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

/// Adds [`SECURITY_HEADERS`] to every response that does not set them.
pub(super) fn security_headers() -> DefaultHeaders {
    SECURITY_HEADERS.iter().fold(DefaultHeaders::new(), |headers, &header| headers.add(header))
}
