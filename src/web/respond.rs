//! Building responses: prepared bytes, pages made for one request, error pages.

use actix_web::http::header::{self, Header, HeaderValue, IfNoneMatch};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use askama::Template;

use crate::pages::ErrorPage;
use crate::prepared::{Accepted, CachePolicy, Encoding, Prepared};
use crate::site::Site;

const VARY_ENCODING: HeaderValue = HeaderValue::from_static("Accept-Encoding");
const CROSS_ORIGIN: HeaderValue = HeaderValue::from_static("cross-origin");
const BROTLI: HeaderValue = HeaderValue::from_static("br");
const GZIP: HeaderValue = HeaderValue::from_static("gzip");
const HTML: HeaderValue = HeaderValue::from_static("text/html; charset=utf-8");

/// An HTML page made for one request, which no cache may keep.
fn no_store_html(status: StatusCode, html: String) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static(CachePolicy::NoStore.header())))
        .insert_header((header::CONTENT_TYPE, HTML))
        .body(html)
}

/// A page rendered for one request: never stored by any cache.
pub(super) fn dynamic(site: &Site, status: StatusCode, html: Result<String, askama::Error>) -> HttpResponse {
    match html {
        Ok(html) => no_store_html(status, html),
        Err(e) => {
            tracing::error!("rendering a page for one request failed: {e}");
            let page = site.errors().server_error();
            HttpResponse::build(StatusCode::INTERNAL_SERVER_ERROR)
                .insert_header((header::CACHE_CONTROL, HeaderValue::from_static(page.cache.header())))
                .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(page.content_type)))
                .body(page.select(Accepted::IDENTITY).body())
        }
    }
}

/// Sends a prepared response in the best encoding the client accepts, or
/// `304 Not Modified` when the client already has it.
pub(crate) fn respond(req: &HttpRequest, prepared: &Prepared, status: StatusCode) -> HttpResponse {
    let headers = req.headers();
    let variant = prepared.select(Accepted::from_request(req));
    let mut builder = HttpResponse::build(status);
    builder
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static(prepared.cache.header())))
        .insert_header((header::ETAG, variant.etag_header().clone()));
    if prepared.varies() {
        builder.insert_header((header::VARY, VARY_ENCODING));
    }
    if matches!(prepared.cache, CachePolicy::Immutable | CachePolicy::Plain) {
        // Static files are public: link-preview cards that load the share
        // image from the reader's browser must be allowed to.
        builder.insert_header((header::CROSS_ORIGIN_RESOURCE_POLICY, CROSS_ORIGIN));
    }
    let unchanged = status == StatusCode::OK
        && matches!(*req.method(), Method::GET | Method::HEAD)
        && headers.contains_key(header::IF_NONE_MATCH)
        && match IfNoneMatch::parse(req) {
            Ok(IfNoneMatch::Any) => true,
            // RFC 9110 §13.1.2: If-None-Match uses the weak comparison.
            Ok(IfNoneMatch::Items(tags)) => tags.iter().any(|tag| tag.weak_eq(variant.etag())),
            Err(_) => false,
        };
    if unchanged {
        return builder.status(StatusCode::NOT_MODIFIED).finish();
    }
    match variant.encoding {
        Encoding::Identity => {}
        Encoding::Brotli => set_encoding(&mut builder, BROTLI),
        Encoding::Gzip => set_encoding(&mut builder, GZIP),
    }
    builder
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(prepared.content_type)))
        .body(variant.body())
}

fn set_encoding(builder: &mut HttpResponseBuilder, token: HeaderValue) {
    builder.insert_header((header::CONTENT_ENCODING, token));
}

/// A page in the site's layout for a client error whose message depends on
/// the request (what was wrong with the input). Fixed error pages are
/// prepared once in [`Site`] instead.
pub(crate) fn error_page(site: &Site, status: StatusCode, heading: &str, message: &str) -> HttpResponse {
    let page = ErrorPage::new(&site.chrome, heading, message);
    match page.render() {
        Ok(html) => no_store_html(status, html),
        Err(e) => {
            tracing::error!("rendering the error page failed: {e}");
            HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(format!("{heading}\n{message}\n"))
        }
    }
}
