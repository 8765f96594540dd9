//! Responses prepared once: the bytes, their compressed variants and their
//! validators, so that serving a page is a lookup and a copy of a
//! reference-counted buffer, never a render or a compression.
//!
//! A [`Prepared`] starts with its identity body only and is servable at once;
//! [`Prepared::compress`] adds brotli and gzip later, off the request path
//! (the site runs it in the background after start-up). Each variant has its
//! own strong ETag, so a client's cached copy is validated against exactly
//! the bytes it holds, whichever variant was current when it fetched them.

use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::{Mutex, OnceLock, PoisonError};

use actix_web::HttpRequest;
use actix_web::http::header::{
    self, AcceptEncoding, ContentEncoding, Encoding as Coding, EntityTag, Header, HeaderValue, Preference,
    Quality,
};
use actix_web::web::{Bytes, BytesMut};
use sha2::{Digest, Sha256};

/// Bodies smaller than this are not worth compressing: the headers cost more.
const COMPRESS_MIN_BYTES: usize = 512;

/// Brotli quality for every compressed page. Measured on our pages with the
/// `brotli` crate: 5 to 9 give the same size (about 27 % of identity on real
/// articles), and 9 takes 20 to 30 times as long as 5 (its hasher is far
/// bigger than an 18 KB page needs); 10 and 11 are 10 to 12 % smaller for 25
/// to 60 times the time. Quality 5 gives 10,000 articles their brotli within
/// seconds of start-up on two cores (benches/README.md).
const BROTLI_QUALITY: i32 = 5;

/// How long caches may keep a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// Pages: short, so a corrected article reaches readers within minutes.
    Page,
    /// The pages readers read (home, articles, the A to Z): as [`Page`](Self::Page),
    /// and a cache may go on serving its copy while it fetches a new one, or
    /// while the origin fails (ARCHITECTURE.md, "Stale pages in an outage").
    Reading,
    /// Static files under a content-hashed URL: a year, never revalidated.
    Immutable,
    /// Static files under their plain name, for links that must not change.
    Plain,
    /// Never cache (the health endpoint, error pages).
    NoStore,
    /// Keep but ask every time (the service worker: a new deploy, or the
    /// worker switched off, must reach browsers on their next visit).
    Revalidate,
}

impl CachePolicy {
    /// The `Cache-Control` header value.
    pub fn header(self) -> &'static str {
        match self {
            CachePolicy::Page => "public, max-age=300",
            CachePolicy::Reading => "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400",
            CachePolicy::Immutable => "public, max-age=31536000, immutable",
            CachePolicy::Plain => "public, max-age=3600",
            CachePolicy::NoStore => "no-store",
            CachePolicy::Revalidate => "no-cache",
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
    pub(crate) fn token(self) -> &'static str {
        match self {
            Encoding::Identity => "identity",
            Encoding::Gzip => "gzip",
            Encoding::Brotli => "br",
        }
    }

    fn matches(self, coding: &Coding) -> bool {
        match (self, coding) {
            (Encoding::Identity, Coding::Known(ContentEncoding::Identity))
            | (Encoding::Gzip, Coding::Known(ContentEncoding::Gzip))
            | (Encoding::Brotli, Coding::Known(ContentEncoding::Brotli)) => true,
            (Encoding::Gzip, Coding::Unknown(token)) => token.eq_ignore_ascii_case("x-gzip"),
            _ => false,
        }
    }
}

/// A strong validator, and the same as a header value, built once.
#[derive(Debug, Clone)]
struct Tag {
    etag: EntityTag,
    header: HeaderValue,
}

impl Tag {
    fn new(tag: String) -> Self {
        let header = HeaderValue::from_str(&format!("\"{tag}\"")).expect("a hex tag is a valid header value");
        Tag { etag: EntityTag::new_strong(tag), header }
    }
}

/// One compressed body with its own validator: each encoding has its own,
/// because its bytes differ.
#[derive(Debug)]
struct Variant {
    encoding: Encoding,
    tag: Tag,
    body: Bytes,
}

/// What a page keeps once compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Identity, brotli and gzip: the best-known pages and every file.
    All,
    /// Brotli only. Every browser accepts it; for a client that does not,
    /// identity is made again from it per request, as nginx's `gunzip`
    /// module does. At 10,000 articles this holds 165 MB less.
    Brotli,
}

/// The forms of a compressed page.
#[derive(Debug)]
struct Forms {
    /// `None` once only brotli is kept ([`Keep::Brotli`]).
    identity: Option<Bytes>,
    variants: Box<[Variant]>,
}

/// A response body ready to serve in every encoding worth having.
#[derive(Debug)]
pub struct Prepared {
    pub content_type: &'static str,
    pub cache: CachePolicy,
    /// Identity's validator and length, the same whether or not the body is
    /// still held.
    identity: Tag,
    len: usize,
    /// The body as rendered, until [`compress`](Self::compress) takes it.
    /// Read only until then: afterwards every request reads `compressed`.
    rendered: Mutex<Option<Bytes>>,
    /// Set once, off the request path.
    compressed: OnceLock<Forms>,
    /// Whether compressed variants exist or will, so `Vary` is needed from the start.
    varies: bool,
}

/// The form [`Prepared::select`] chose, with its validator.
#[derive(Debug)]
pub struct Chosen<'a> {
    pub encoding: Encoding,
    tag: &'a Tag,
    body: Body<'a>,
}

#[derive(Debug)]
enum Body<'a> {
    Held(Bytes),
    /// Identity, made from brotli when sent.
    InBrotli(&'a Bytes, usize),
}

impl Chosen<'_> {
    /// The strong ETag.
    pub fn etag(&self) -> &EntityTag {
        &self.tag.etag
    }

    /// The ETag as a header value.
    pub(crate) fn etag_header(&self) -> &HeaderValue {
        &self.tag.header
    }

    /// The bytes to send.
    pub fn body(&self) -> Bytes {
        match &self.body {
            Body::Held(body) => body.clone(),
            Body::InBrotli(brotli, len) => {
                let mut out = Vec::with_capacity(*len);
                brotli::BrotliDecompress(&mut &brotli[..], &mut out)
                    .expect("our own brotli, made from this body, decompresses");
                Bytes::from(out)
            }
        }
    }
}

impl Prepared {
    /// Prepares `body` in identity only; [`compress`](Self::compress) adds the rest.
    pub fn new(content_type: &'static str, cache: CachePolicy, body: Vec<u8>) -> Self {
        Prepared::stored(content_type, cache, exact(body))
    }

    /// Like [`new`](Self::new), for a body already kept in a [`Store`].
    pub(crate) fn stored(content_type: &'static str, cache: CachePolicy, body: Bytes) -> Self {
        let identity = Tag::new(content_hash(&body));
        let varies = is_compressible(content_type) && body.len() >= COMPRESS_MIN_BYTES;
        let len = body.len();
        let compressed = OnceLock::new();
        let mut rendered = Some(body);
        if !varies {
            let _ = compressed.set(Forms { identity: rendered.take(), variants: Box::default() });
        }
        Prepared { content_type, cache, identity, len, rendered: Mutex::new(rendered), compressed, varies }
    }

    /// Makes the brotli variant, and the gzip one when keeping `All`,
    /// unless the variants exist already, keeping them in `store`. With
    /// [`Keep::Brotli`] the identity body is then let go. Slow (about a
    /// millisecond per page): never call it on the request path.
    pub fn compress(&self, keep: Keep, store: &mut Store) {
        let Some(body) = self.rendered() else { return };
        let hash = self.identity.etag.tag();
        let mut variants = Vec::with_capacity(2);
        for encoding in [Encoding::Brotli, Encoding::Gzip] {
            if encoding == Encoding::Gzip && keep == Keep::Brotli {
                continue;
            }
            let compressed = store.write(|out| match encoding {
                Encoding::Gzip => gzip_into(&body, out),
                _ => brotli_into(&body, out),
            });
            if compressed.len() < body.len() {
                let tag = Tag::new(format!("{hash}.{}", encoding.token()));
                variants.push(Variant { encoding, tag, body: compressed });
            }
        }
        // Identity goes only where brotli can make it again.
        let identity = (keep == Keep::All || variants.is_empty()).then_some(body);
        let _ = self.compressed.set(Forms { identity, variants: variants.into_boxed_slice() });
        // Taken only once `compressed` is set: a request that finds neither
        // would have nothing to send (see `forms`).
        self.take_rendered();
    }

    fn rendered(&self) -> Option<Bytes> {
        self.rendered.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn take_rendered(&self) {
        drop(self.rendered.lock().unwrap_or_else(PoisonError::into_inner).take());
    }

    /// The compressed forms, or, until they exist, the body as rendered.
    fn forms(&self) -> Result<&Forms, Bytes> {
        if let Some(forms) = self.compressed.get() {
            return Ok(forms);
        }
        match self.rendered() {
            Some(body) => Err(body),
            None => {
                Ok(self.compressed.get().expect("the rendered body is taken only after `compressed` is set"))
            }
        }
    }

    /// Whether the compressed variants are made (or none are worth making).
    pub fn is_compressed(&self) -> bool {
        self.compressed.get().is_some()
    }

    /// Whether the response depends on `Accept-Encoding`, so `Vary` is needed.
    pub(crate) fn varies(&self) -> bool {
        self.varies
    }

    /// The form to send for an `Accept-Encoding` header (`None` when the
    /// request has none): the smallest acceptable one. When the client
    /// refuses everything we have, identity is sent anyway, as RFC 9110
    /// §12.5.3 allows, rather than an error page.
    pub fn select(&self, accepted: Accepted) -> Chosen<'_> {
        let identity = |body| Chosen { encoding: Encoding::Identity, tag: &self.identity, body };
        let forms = match self.forms() {
            Ok(forms) => forms,
            Err(rendered) => return identity(Body::Held(rendered)),
        };
        let in_identity = || match &forms.identity {
            Some(body) => identity(Body::Held(body.clone())),
            None => {
                let brotli = forms.variants.iter().find(|v| v.encoding == Encoding::Brotli);
                identity(Body::InBrotli(&brotli.expect("identity is let go only with brotli").body, self.len))
            }
        };
        let best = forms.variants.iter().filter(|v| accepted.allows(v.encoding)).min_by_key(|v| v.body.len());
        match best {
            Some(v) => Chosen { encoding: v.encoding, tag: &v.tag, body: Body::Held(v.body.clone()) },
            None => in_identity(),
        }
    }
}

/// The first 16 hex digits of the SHA-256 of `bytes`: enough to tell
/// versions apart, short enough for URLs and ETags, and the same on every
/// instance behind a load balancer.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
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

/// The bytes of `body` without its spare capacity: `Bytes::from(Vec)` keeps
/// the whole allocation, and a rendered page grows by doubling, so without
/// this the site would hold up to twice the bytes it serves.
fn exact(body: Vec<u8>) -> Bytes {
    Bytes::from(body.into_boxed_slice())
}

/// Bodies that live as long as the site, kept back to back in large
/// buffers (slabs) that each body is a slice of. One allocation per page
/// and per variant, freed and made again at every size while rendering and
/// compressing, left glibc's arenas with about a third of their memory in
/// holes at 10,000 articles (benches/README.md); slabs leave none, and are
/// big enough that glibc maps them on their own, outside the arenas.
/// Each thread that makes bodies has its own store; a body is written into
/// a scratch buffer that is reused, then copied once into the slab.
#[derive(Debug, Default)]
pub struct Store {
    slab: BytesMut,
    scratch: Vec<u8>,
}

/// The size of one slab: about fifty pages.
const SLAB_BYTES: usize = 1 << 20;

impl Store {
    /// The bytes `write` writes, kept.
    pub fn write(&mut self, write: impl FnOnce(&mut Vec<u8>)) -> Bytes {
        self.try_write(|out| {
            write(out);
            Ok::<_, std::convert::Infallible>(())
        })
        .unwrap_or_else(|never| match never {})
    }

    /// The bytes `write` writes, kept, unless it fails.
    pub(crate) fn try_write<E>(
        &mut self,
        write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<Bytes, E> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let written = write(&mut scratch).map(|()| self.keep(&[&scratch]));
        self.scratch = scratch;
        written
    }

    /// `parts`, one after the other, kept as one body.
    pub fn keep(&mut self, parts: &[&[u8]]) -> Bytes {
        let len: usize = parts.iter().map(|part| part.len()).sum();
        if self.slab.capacity() < len {
            self.slab = BytesMut::with_capacity(len.max(SLAB_BYTES));
        }
        for part in parts {
            self.slab.extend_from_slice(part);
        }
        self.slab.split().freeze()
    }
}

fn brotli_into(body: &[u8], out: &mut Vec<u8>) {
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: window_bits(body.len()),
        size_hint: body.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], out, &params).expect("compressing into memory cannot fail");
}

/// The brotli window (as a power of two) for a body of `len` bytes: the
/// smallest that holds all of it, so no match is out of reach, but never
/// below 2^18. The encoder allocates its ring buffer and hash tables for
/// the window, not the body: the default 4 MiB window took 1.7 to 3.3 ms a
/// page against 0.5 to 1.8 ms with 2^18, for the same bytes. Below 2^18
/// this encoder at quality 5 turned 10 to 30 times slower on our pages,
/// and 2 % bigger (measured on an article page and the largest one).
fn window_bits(len: usize) -> i32 {
    let bits = usize::BITS - (len + 16).leading_zeros();
    bits.clamp(18, 24) as i32
}

fn gzip_into(body: &[u8], out: &mut Vec<u8>) {
    // Level 6 (the default): level 9 is as small on our pages and slower.
    let mut encoder = flate2::write::GzEncoder::new(out, flate2::Compression::default());
    encoder.write_all(body).expect("compressing into memory cannot fail");
    encoder.finish().expect("compressing into memory cannot fail");
}

/// The codings a request accepts, from its `Accept-Encoding` header, as
/// one bit each: read once per request, asked once per variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted(u8);

impl Accepted {
    /// A request without `Accept-Encoding`: identity only.
    pub const IDENTITY: Accepted = Accepted(Accepted::bit(Encoding::Identity));

    const fn bit(encoding: Encoding) -> u8 {
        match encoding {
            Encoding::Identity => 1,
            Encoding::Gzip => 2,
            Encoding::Brotli => 4,
        }
    }

    /// A client that asks for `encoding` alone (what it would be sent).
    pub fn only(encoding: Encoding) -> Accepted {
        Accepted(Accepted::bit(encoding))
    }

    /// What `req` accepts. A header without parameters, which is what
    /// browsers send (`gzip, deflate, br, zstd`), is read in one pass
    /// without allocating: every coding it lists is accepted, and identity
    /// too. One with parameters (`br;q=0`) or sent on several lines goes
    /// through actix-web's typed parser and [`accepts`].
    pub(crate) fn from_request(req: &HttpRequest) -> Accepted {
        let mut lines = req.headers().get_all(header::ACCEPT_ENCODING);
        let Some(first) = lines.next() else { return Accepted::IDENTITY };
        let value = first.as_bytes();
        if lines.next().is_some() || value.contains(&b';') {
            return match AcceptEncoding::parse(req) {
                Ok(accept) => Accepted::of(&accept),
                Err(_) => Accepted::IDENTITY,
            };
        }
        let mut accepted = Accepted::IDENTITY;
        for token in value.split(|&b| b == b',').map(|t| t.trim_ascii()) {
            accepted.0 |= match token {
                b"*" => Accepted::bit(Encoding::Gzip) | Accepted::bit(Encoding::Brotli),
                _ if token.eq_ignore_ascii_case(b"br") => Accepted::bit(Encoding::Brotli),
                _ if token.eq_ignore_ascii_case(b"gzip") || token.eq_ignore_ascii_case(b"x-gzip") => {
                    Accepted::bit(Encoding::Gzip)
                }
                _ => 0,
            };
        }
        accepted
    }

    /// What a parsed header accepts, by the rule of [`accepts`].
    pub fn of(accept: &AcceptEncoding) -> Accepted {
        let all = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli];
        Accepted(all.into_iter().filter(|&e| accepts(accept, e)).map(Accepted::bit).fold(0, |a, b| a | b))
    }

    /// Whether `encoding` may be sent.
    pub fn allows(self, encoding: Encoding) -> bool {
        self.0 & Accepted::bit(encoding) != 0
    }
}

/// Whether an `Accept-Encoding` header allows `encoding` (RFC 9110 §12.5.3):
/// a coding is acceptable when listed (or matched by `*`) with q > 0;
/// identity is acceptable unless refused explicitly or by `*;q=0`.
fn accepts(accept: &AcceptEncoding, encoding: Encoding) -> bool {
    let mut star = None;
    for item in &accept.0 {
        match &item.item {
            Preference::Specific(coding) if encoding.matches(coding) => return item.quality > Quality::ZERO,
            Preference::Any => star = Some(item.quality > Quality::ZERO),
            Preference::Specific(_) => {}
        }
    }
    match encoding {
        Encoding::Identity => star.unwrap_or(true),
        _ => star.unwrap_or(false),
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{Header, IfNoneMatch};
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn brotli_with_a_fitted_window_round_trips_and_is_as_small() {
        // Text that repeats at long distances, so matches need the whole window.
        let unique = |i: usize| format!("<p>section {i}: {}</p>\n", "knot ".repeat(i % 7));
        for n in [1, 30, 700, 9_000] {
            let body: Vec<u8> = (0..n).map(unique).chain((0..n).map(unique)).collect::<String>().into();
            let mut fitted = Vec::new();
            brotli_into(&body, &mut fitted);
            let mut plain = Vec::new();
            brotli::BrotliDecompress(&mut &fitted[..], &mut plain).unwrap();
            assert_eq!(plain, body, "{} bytes", body.len());
            let mut widest = Vec::new();
            let params =
                brotli::enc::BrotliEncoderParams { quality: BROTLI_QUALITY, lgwin: 24, ..Default::default() };
            brotli::BrotliCompress(&mut &body[..], &mut widest, &params).unwrap();
            assert!(
                fitted.len() <= widest.len() + 4,
                "{} bytes: {} vs {}",
                body.len(),
                fitted.len(),
                widest.len()
            );
        }
        assert_eq!((window_bits(0), window_bits(300_000), window_bits(1 << 30)), (18, 19, 24));
    }

    fn page() -> Prepared {
        let p = Prepared::new(
            "text/html; charset=utf-8",
            CachePolicy::Page,
            "<p>knot</p>\n".repeat(200).into_bytes(),
        );
        p.compress(Keep::All, &mut Store::default());
        p
    }

    fn accept(value: &str) -> Accepted {
        let req = TestRequest::default().insert_header(("accept-encoding", value)).to_http_request();
        Accepted::from_request(&req)
    }

    /// Every form a client can get: identity, then each compressed one.
    fn variants(p: &Prepared) -> Vec<Chosen<'_>> {
        let compressed = p.compressed.get().into_iter().flat_map(|forms| forms.variants.iter());
        std::iter::once(p.select(Accepted::IDENTITY))
            .chain(compressed.map(|v| p.select(Accepted::only(v.encoding))))
            .collect()
    }

    #[test]
    fn text_gets_smaller_brotli_and_gzip_variants() {
        let p = page();
        assert!(p.varies());
        let sizes: Vec<(Encoding, usize)> =
            variants(&p).iter().map(|v| (v.encoding, v.body().len())).collect();
        assert_eq!(sizes[0], (Encoding::Identity, 2400));
        assert!(sizes.iter().any(|&(e, n)| e == Encoding::Brotli && n < 200), "{sizes:?}");
        assert!(sizes.iter().any(|&(e, n)| e == Encoding::Gzip && n < 200), "{sizes:?}");
    }

    #[test]
    fn keeping_brotli_only_makes_the_same_identity_from_it() {
        let body = "<p>knot</p>\n".repeat(200).into_bytes();
        let p = Prepared::new("text/html", CachePolicy::Page, body.clone());
        let before = p.select(Accepted::IDENTITY).etag_header().clone();
        p.compress(Keep::Brotli, &mut Store::default());
        assert!(p.is_compressed());
        let forms = p.compressed.get().unwrap();
        assert!(forms.identity.is_none() && p.rendered().is_none(), "identity is let go");
        assert_eq!(forms.variants.iter().map(|v| v.encoding).collect::<Vec<_>>(), [Encoding::Brotli]);
        assert_eq!(p.select(accept("br, gzip")).encoding, Encoding::Brotli);
        for accepted in [Accepted::IDENTITY, accept("gzip"), accept("identity")] {
            let identity = p.select(accepted);
            assert_eq!(identity.encoding, Encoding::Identity);
            assert_eq!(identity.body(), body, "made from brotli, byte for byte");
            assert_eq!(identity.etag_header(), &before, "the same validator as before");
        }
    }

    #[test]
    fn brotli_only_keeps_identity_when_brotli_is_no_smaller() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let noise: Vec<u8> = (0..4000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 56) as u8
            })
            .collect();
        let p = Prepared::new("text/plain", CachePolicy::Page, noise.clone());
        p.compress(Keep::Brotli, &mut Store::default());
        let forms = p.compressed.get().unwrap();
        assert!(forms.variants.is_empty(), "random bytes do not shrink");
        assert_eq!(p.select(accept("br")).body(), noise);
    }

    #[test]
    fn images_and_tiny_bodies_are_not_compressed() {
        for p in [
            Prepared::new("image/png", CachePolicy::Immutable, vec![7; 4000]),
            Prepared::new("text/plain; charset=utf-8", CachePolicy::NoStore, b"ok\n".to_vec()),
        ] {
            assert!(!p.varies());
            assert!(p.is_compressed(), "nothing left to do");
            assert_eq!(p.select(accept("br, gzip")).encoding, Encoding::Identity);
        }
    }

    #[test]
    fn identity_is_served_until_compression_is_done() {
        let p = Prepared::new("text/css", CachePolicy::Immutable, "a{color:red}\n".repeat(100).into_bytes());
        assert!(p.varies(), "Vary is sent before the variants exist");
        assert!(!p.is_compressed());
        let before = p.select(accept("br"));
        assert_eq!(before.encoding, Encoding::Identity);
        let (before_header, before_etag) = (before.etag_header().clone(), before.etag().clone());
        p.compress(Keep::All, &mut Store::default());
        let after = p.select(accept("br"));
        assert_eq!(after.encoding, Encoding::Brotli);
        assert_ne!(&before_header, after.etag_header(), "a new variant is a new validator");
        assert!(!after.etag().weak_eq(&before_etag));
    }

    #[test]
    fn selection_follows_accept_encoding() {
        let p = page();
        let pick = |h: Option<&str>| p.select(h.map_or(Accepted::IDENTITY, accept)).encoding;
        assert_eq!(pick(None), Encoding::Identity);
        assert_eq!(pick(Some("gzip, deflate")), Encoding::Gzip);
        assert_eq!(pick(Some("x-gzip")), Encoding::Gzip);
        assert_eq!(pick(Some("gzip, deflate, br")), Encoding::Brotli);
        assert_eq!(pick(Some("br;q=0, gzip")), Encoding::Gzip);
        assert_eq!(pick(Some("*")), Encoding::Brotli);
        assert_eq!(pick(Some("identity")), Encoding::Identity);
        assert_eq!(pick(Some("identity;q=0, gzip")), Encoding::Gzip);
        assert_eq!(pick(Some("*;q=0")), Encoding::Identity, "nothing acceptable: identity anyway");
        assert_eq!(pick(Some("")), Encoding::Identity);
        assert_eq!(pick(Some("BR")), Encoding::Brotli, "codings are case-insensitive");
        assert_eq!(pick(Some("gzip;q=0.5, br;q=0.001")), Encoding::Brotli);
        assert_eq!(pick(Some("br;q=abc")), Encoding::Identity, "a header that does not parse: identity");
    }

    #[test]
    fn headers_without_parameters_read_as_the_typed_parser_reads_them() {
        let typed = |value: &str| {
            let req = TestRequest::default().insert_header(("accept-encoding", value)).to_http_request();
            Accepted::of(&AcceptEncoding::parse(&req).expect("parses"))
        };
        for value in
            ["gzip, deflate, br, zstd", "br", "x-gzip", "*", "identity", "deflate", " br ,gzip", "Gzip, BR"]
        {
            assert_eq!(accept(value), typed(value), "{value}");
        }
        let two_lines = TestRequest::default()
            .append_header(("accept-encoding", "gzip"))
            .append_header(("accept-encoding", "br"))
            .to_http_request();
        assert_eq!(Accepted::from_request(&two_lines), accept("gzip, br"));
    }

    #[test]
    fn each_variant_has_its_own_strong_etag() {
        let p = page();
        let forms = variants(&p);
        let tags: Vec<&str> = forms.iter().map(|v| v.etag_header().to_str().unwrap()).collect();
        assert!(tags.iter().all(|t| t.starts_with('"') && t.ends_with('"') && !t.starts_with("W/")));
        assert_eq!(tags.len(), 3);
        assert_ne!(tags[0], tags[1]);
        assert_ne!(tags[1], tags[2]);
        assert_eq!(tags[0].len(), 18);
    }

    #[test]
    fn if_none_match_parses_into_tags_our_etags_compare_with() {
        let p = page();
        let etag = &p.identity.etag;
        let parse = |value: &str| {
            let req = TestRequest::default().insert_header(("if-none-match", value)).to_http_request();
            IfNoneMatch::parse(&req).expect("parses")
        };
        let header = p.identity.header.to_str().unwrap();
        match parse(&format!("\"x\", W/{header}")) {
            IfNoneMatch::Items(items) => assert!(items.iter().any(|t| t.weak_eq(etag))),
            IfNoneMatch::Any => panic!("a list is not `*`"),
        }
    }

    #[test]
    fn content_hash_is_stable() {
        assert_eq!(content_hash(b"knotwise"), content_hash(b"knotwise"));
        assert_ne!(content_hash(b"knotwise"), content_hash(b"knotwise!"));
        assert_eq!(content_hash(b"").len(), 16);
    }
}
