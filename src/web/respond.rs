//! Building responses: prepared bytes, pages made for one request, error pages.

use actix_web::http::header;
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::pages::ErrorPage;
use crate::prepared::{CachePolicy, Encoding, Prepared, none_match};
use crate::site::Site;

/// An HTML page made for one request, which no cache may keep.
fn no_store_html(status: StatusCode, html: String) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, CachePolicy::NoStore.header()))
        .content_type("text/html; charset=utf-8")
        .body(html)
}

/// A page rendered for one request: never stored by any cache.
pub(super) fn dynamic(site: &Site, status: StatusCode, html: Result<String, askama::Error>) -> HttpResponse {
    match html {
        Ok(html) => no_store_html(status, html),
        Err(e) => {
            tracing::error!("rendering a self-check page failed: {e}");
            error_page(
                site,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "We could not show this page. If you feel unwell, do not wait: contact a health service.",
            )
        }
    }
}

/// Sends a prepared response in the best encoding the client accepts, or
/// `304 Not Modified` when the client already has it.
pub fn respond(req: &HttpRequest, prepared: &Prepared, status: StatusCode) -> HttpResponse {
    let accept = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok());
    let variant = prepared.select(accept);
    let mut builder = HttpResponse::build(status);
    builder
        .insert_header((header::CACHE_CONTROL, prepared.cache.header()))
        .insert_header((header::ETAG, variant.etag.as_str()));
    if prepared.has_variants() {
        builder.insert_header((header::VARY, "Accept-Encoding"));
    }
    if matches!(prepared.cache, CachePolicy::Immutable | CachePolicy::Plain) {
        // Static files are public: link-preview cards that load the share
        // image from the reader's browser must be allowed to.
        builder.insert_header(("Cross-Origin-Resource-Policy", "cross-origin"));
    }
    let unchanged = status == StatusCode::OK
        && matches!(*req.method(), Method::GET | Method::HEAD)
        && req
            .headers()
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|inm| none_match(inm, &variant.etag));
    if unchanged {
        return builder.status(StatusCode::NOT_MODIFIED).finish();
    }
    if variant.encoding != Encoding::Identity {
        builder.insert_header((header::CONTENT_ENCODING, variant.encoding.token()));
    }
    builder.content_type(prepared.content_type).body(variant.body.clone())
}

/// A page in the site's layout for a client error, rendered on demand:
/// these are rare, and each says what went wrong.
pub fn error_page(site: &Site, status: StatusCode, heading: &str, message: &str) -> HttpResponse {
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
