//! The headers every response carries.

use std::sync::LazyLock;

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};

/// Only our own files, nothing inline, nothing from another host. The
/// manifest and the offline worker are our own files too.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     script-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; form-action 'self'; \
     base-uri 'none'; frame-ancestors 'none'";

/// The headers every response carries, for the browser's protections. A
/// response may set its own `Cross-Origin-Resource-Policy` (static files do);
/// the others are never overridden. `knotwise export` writes the same list
/// for static hosts and nginx.
pub(crate) const SECURITY_HEADERS: [(&str, &str); 8] = [
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

/// HSTS, in [`SECURITY_HEADERS`] as `--hsts on` sends it.
const HSTS: &str = "Strict-Transport-Security";

/// `--hsts`: the `Strict-Transport-Security` the server sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hsts {
    /// Two years, subdomains included (the default).
    #[default]
    On,
    /// Two years, this host only: for a domain whose other hosts still
    /// need plain http.
    NoSubdomains,
    /// None: another layer sets it, or the site is not yet on https.
    Off,
}

impl Hsts {
    /// The header's value, or `None` to send none.
    pub fn value(self) -> Option<&'static str> {
        match self {
            Hsts::On => Some("max-age=63072000; includeSubDomains"),
            Hsts::NoSubdomains => Some("max-age=63072000"),
            Hsts::Off => None,
        }
    }
}

impl std::str::FromStr for Hsts {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "on" => Ok(Hsts::On),
            "no-subdomains" => Ok(Hsts::NoSubdomains),
            "off" => Ok(Hsts::Off),
            _ => Err(()),
        }
    }
}

impl std::fmt::Display for Hsts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Hsts::On => "on",
            Hsts::NoSubdomains => "no-subdomains",
            Hsts::Off => "off",
        })
    }
}

/// [`SECURITY_HEADERS`] but HSTS as header names and values, parsed once.
static PARSED: LazyLock<Vec<(HeaderName, HeaderValue)>> = LazyLock::new(|| {
    SECURITY_HEADERS
        .iter()
        .filter(|(name, _)| *name != HSTS)
        .map(|&(name, value)| {
            let name = HeaderName::from_bytes(name.as_bytes()).expect("our header names are valid");
            (name, HeaderValue::from_static(value))
        })
        .collect()
});

/// Adds [`SECURITY_HEADERS`] to a response, except a
/// `Cross-Origin-Resource-Policy` it sets itself, with `hsts` as
/// `Strict-Transport-Security` (none when `None`). No response sets any of
/// the others, so they are inserted without a look first: one hash each
/// on every request instead of two.
pub(super) fn add_security_headers(headers: &mut HeaderMap, hsts: Option<&HeaderValue>) {
    for (name, value) in PARSED.iter() {
        if name != header::CROSS_ORIGIN_RESOURCE_POLICY || !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    if let Some(hsts) = hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
    }
}
