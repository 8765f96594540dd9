//! Responses prepared once at start-up: the bytes, their compressed variants
//! and their validators, so that serving a page is a lookup and a copy of a
//! reference-counted buffer, never a render or a compression.

use std::fmt::Write as _;
use std::io::Write as _;

use actix_web::web::Bytes;
use sha2::{Digest, Sha256};

/// Bodies smaller than this are not worth compressing: the headers cost more.
const COMPRESS_MIN_BYTES: usize = 512;

/// How long caches may keep a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// Pages: short, so a corrected article reaches readers within minutes.
    Page,
    /// Static files under a content-hashed URL: a year, never revalidated.
    Immutable,
    /// Static files under their plain name, for links that must not change.
    Plain,
    /// Never cache (the health endpoint, self-check results).
    NoStore,
}

impl CachePolicy {
    /// The `Cache-Control` header value.
    pub fn header(self) -> &'static str {
        match self {
            CachePolicy::Page => "public, max-age=300",
            CachePolicy::Immutable => "public, max-age=31536000, immutable",
            CachePolicy::Plain => "public, max-age=3600",
            CachePolicy::NoStore => "no-store",
        }
    }
}

/// A content coding of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The token used in `Accept-Encoding` and `Content-Encoding`.
    pub fn token(self) -> &'static str {
        match self {
            Encoding::Identity => "identity",
            Encoding::Gzip => "gzip",
            Encoding::Brotli => "br",
        }
    }
}

/// One encoded body with its strong validator.
#[derive(Debug, Clone)]
pub struct Variant {
    pub encoding: Encoding,
    /// A strong ETag, quoted; each encoding has its own because its bytes differ.
    pub etag: String,
    pub body: Bytes,
}

/// A response body ready to serve in every encoding worth having.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub content_type: &'static str,
    pub cache: CachePolicy,
    /// Identity first, then the compressed variants that came out smaller.
    variants: Vec<Variant>,
}

impl Prepared {
    /// Prepares `body`, compressing it when the type is text and it pays.
    pub fn new(content_type: &'static str, cache: CachePolicy, body: Vec<u8>) -> Self {
        let hash = content_hash(&body);
        let mut variants = Vec::with_capacity(3);
        if is_compressible(content_type) && body.len() >= COMPRESS_MIN_BYTES {
            for (encoding, compressed) in [(Encoding::Brotli, brotli(&body)), (Encoding::Gzip, gzip(&body))] {
                if compressed.len() < body.len() {
                    let etag = format!("\"{hash}.{}\"", encoding.token());
                    variants.push(Variant { encoding, etag, body: Bytes::from(compressed) });
                }
            }
        }
        variants.insert(
            0,
            Variant { encoding: Encoding::Identity, etag: format!("\"{hash}\""), body: Bytes::from(body) },
        );
        Prepared { content_type, cache, variants }
    }

    /// The uncompressed body.
    pub fn identity(&self) -> &Variant {
        &self.variants[0]
    }

    /// Whether any compressed variant exists, so `Vary` is needed.
    pub fn has_variants(&self) -> bool {
        self.variants.len() > 1
    }

    /// The variant to send for an `Accept-Encoding` header: the smallest
    /// acceptable one. When the client refuses everything we have, identity
    /// is sent anyway, as RFC 9110 §12.5.3 allows, rather than an error page.
    pub fn select(&self, accept_encoding: Option<&str>) -> &Variant {
        let accept = accept_encoding.unwrap_or("");
        self.variants
            .iter()
            .filter(|v| accepts(accept, v.encoding))
            .min_by_key(|v| v.body.len())
            .unwrap_or(&self.variants[0])
    }
}

/// The first 16 hex digits of the SHA-256 of `bytes`: enough to tell
/// versions apart, short enough for URLs and ETags, and the same on every
/// instance behind a load balancer.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..8].iter().fold(String::with_capacity(16), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn is_compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/xml")
        || content_type.starts_with("application/atom+xml")
        || content_type.starts_with("application/javascript")
        || content_type.starts_with("application/json")
        || content_type.starts_with("image/svg+xml")
}

fn brotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 3);
    // Quality 10 is within 2 % of 11 on our pages and several times faster,
    // which keeps start-up short with a thousand articles.
    let params = brotli::enc::BrotliEncoderParams { quality: 10, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).expect("compressing into memory cannot fail");
    out
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(body).expect("compressing into memory cannot fail");
    encoder.finish().expect("compressing into memory cannot fail")
}

/// Whether an `Accept-Encoding` value allows `encoding` (RFC 9110 §12.5.3):
/// a coding is acceptable when listed (or matched by `*`) with q > 0;
/// identity is acceptable unless refused explicitly or by `*;q=0`.
pub fn accepts(accept_encoding: &str, encoding: Encoding) -> bool {
    let mut star = None;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let token = parts.next().unwrap_or("").trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .filter_map(|q| q.trim().parse::<f32>().ok())
            .next()
            .unwrap_or(1.0);
        if token.eq_ignore_ascii_case(encoding.token())
            || (encoding == Encoding::Gzip && token.eq_ignore_ascii_case("x-gzip"))
        {
            return q > 0.0;
        }
        if token == "*" {
            star = Some(q > 0.0);
        }
    }
    match encoding {
        Encoding::Identity => star.unwrap_or(true),
        _ => star.unwrap_or(false),
    }
}

/// Whether an `If-None-Match` value matches `etag`, by the weak comparison
/// that RFC 9110 §13.1.2 prescribes for this header.
pub fn none_match(if_none_match: &str, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let etag = bare(etag);
    if_none_match.split(',').any(|candidate| {
        let candidate = candidate.trim();
        candidate == "*" || bare(candidate) == etag
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Prepared {
        Prepared::new("text/html; charset=utf-8", CachePolicy::Page, "<p>knot</p>\n".repeat(200).into_bytes())
    }

    #[test]
    fn text_gets_smaller_brotli_and_gzip_variants() {
        let p = page();
        assert!(p.has_variants());
        let sizes: Vec<(Encoding, usize)> = p.variants.iter().map(|v| (v.encoding, v.body.len())).collect();
        assert_eq!(sizes[0], (Encoding::Identity, 2400));
        assert!(sizes.iter().any(|&(e, n)| e == Encoding::Brotli && n < 200), "{sizes:?}");
        assert!(sizes.iter().any(|&(e, n)| e == Encoding::Gzip && n < 200), "{sizes:?}");
    }

    #[test]
    fn images_and_tiny_bodies_are_not_compressed() {
        assert!(!Prepared::new("image/png", CachePolicy::Immutable, vec![7; 4000]).has_variants());
        assert!(
            !Prepared::new("text/plain; charset=utf-8", CachePolicy::NoStore, b"ok\n".to_vec())
                .has_variants()
        );
    }

    #[test]
    fn selection_follows_accept_encoding() {
        let p = page();
        let pick = |h: Option<&str>| Some(p.select(h).encoding);
        assert_eq!(pick(None), Some(Encoding::Identity));
        assert_eq!(pick(Some("gzip, deflate")), Some(Encoding::Gzip));
        assert_eq!(pick(Some("gzip, deflate, br")), Some(Encoding::Brotli));
        assert_eq!(pick(Some("br;q=0, gzip")), Some(Encoding::Gzip));
        assert_eq!(pick(Some("*")), Some(Encoding::Brotli));
        assert_eq!(pick(Some("identity")), Some(Encoding::Identity));
        assert_eq!(pick(Some("identity;q=0, gzip")), Some(Encoding::Gzip));
        assert_eq!(pick(Some("*;q=0")), Some(Encoding::Identity), "nothing acceptable: identity anyway");
    }

    #[test]
    fn each_variant_has_its_own_strong_etag() {
        let p = page();
        let tags: Vec<&str> = p.variants.iter().map(|v| v.etag.as_str()).collect();
        assert!(tags.iter().all(|t| t.starts_with('"') && t.ends_with('"') && !t.starts_with("W/")));
        assert_eq!(tags.len(), 3);
        assert_ne!(tags[0], tags[1]);
        assert_eq!(tags[0].len(), 18);
    }

    #[test]
    fn if_none_match_uses_weak_comparison_and_lists() {
        assert!(none_match("\"abc\"", "\"abc\""));
        assert!(none_match("W/\"abc\"", "\"abc\""));
        assert!(none_match("\"x\", \"abc\"", "\"abc\""));
        assert!(none_match("*", "\"abc\""));
        assert!(!none_match("\"abd\"", "\"abc\""));
    }

    #[test]
    fn content_hash_is_stable() {
        assert_eq!(content_hash(b"knotwise"), content_hash(b"knotwise"));
        assert_ne!(content_hash(b"knotwise"), content_hash(b"knotwise!"));
        assert_eq!(content_hash(b"").len(), 16);
    }
}
