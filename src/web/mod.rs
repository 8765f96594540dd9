//! HTTP: the route table, the response headers and the request log.
//!
//! [`app`] is the whole application, used by `main` and by the tests alike.
//! Handlers look up prepared responses in the [`Site`]; they never render
//! Markdown, read files or compress.

mod body;
mod feedback;
mod headers;
mod log;
mod metrics;
mod ready;
mod record;
mod respond;
mod search;
mod selfcheck;

use actix_web::body::MessageBody;
use actix_web::dev::{
    AppService, HttpServiceFactory, ResourceDef, ServiceFactory, ServiceRequest, ServiceResponse, fn_service,
};
use actix_web::guard::{Guard, GuardContext};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{App, Error, HttpRequest, HttpResponse, web};

pub(crate) use body::continues;
pub use feedback::MAX_FEEDBACK_BYTES;
pub(crate) use headers::SECURITY_HEADERS;
pub use headers::{CONTENT_SECURITY_POLICY, Hsts};
pub use log::RequestLog;
pub(crate) use metrics::metrics_app;
pub use ready::Readiness;
pub(crate) use respond::respond;
pub use selfcheck::MAX_FORM_BYTES;

use crate::prepared::CachePolicy;
use crate::site::{ALLOW_FORM, ALLOW_READ, Site};
use crate::urls;

/// The application: routes, the 404 fallback, headers and logging.
pub fn app(
    site: web::Data<Site>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(site)
        .wrap(body::Bodies)
        .wrap(record::RecordRequests)
        .configure(routes)
        .default_service(web::to(not_found))
}

/// The route table. Every read-only path answers GET and HEAD, and 405 for
/// other methods. Each resource is named by its pattern: that name is the
/// `route` label of the metrics (never the path asked for).
pub(crate) fn routes(cfg: &mut web::ServiceConfig) {
    let read_only = [
        urls::HOME,
        urls::ALL_ARTICLES,
        urls::ARTICLE_ROUTE,
        urls::STATIC_ROUTE,
        urls::HEALTHZ,
        urls::SITEMAP,
        urls::FEED,
        urls::ROBOTS,
        urls::WORKER,
        urls::MANIFEST,
        urls::OFFLINE,
    ];
    for pattern in read_only {
        cfg.service(ReadOnly(pattern));
    }
    cfg.service(
        web::resource(urls::SEARCH)
            .name(urls::SEARCH)
            .route(web::get().to(search::search))
            .route(web::head().to(search::search))
            .default_service(web::to(method_not_allowed)),
    );
    cfg.service(
        web::resource(urls::FEEDBACK)
            .name(urls::FEEDBACK)
            .route(web::post().to(feedback::feedback))
            .default_service(web::to(feedback::only_post)),
    );
    cfg.service(
        web::resource(urls::READYZ)
            .name(urls::READYZ)
            .route(web::get().to(ready::readyz))
            .route(web::head().to(ready::readyz))
            .default_service(web::to(method_not_allowed)),
    );
    cfg.service(
        web::resource(urls::SELF_CHECK)
            .name(urls::SELF_CHECK)
            .route(web::get().to(page))
            .route(web::head().to(page))
            .route(web::post().to(selfcheck::self_check))
            .default_service(web::to(method_not_allowed)),
    );
}

/// A read-only route, served straight from the prepared site: one service
/// for every method (GET and HEAD answer, others get 405), without
/// actix-web's per-route extractors and boxed futures.
///
/// A pattern with a `{param}` segment (`/articles/{slug}`) would make
/// actix-web match every request against a regular expression, which cost
/// more than the rest of routing together (perf, benches/README.md). It is
/// matched instead as a plain prefix plus one non-empty segment, exactly
/// what the pattern's `[^/]+` means, so the same paths reach it.
struct ReadOnly(&'static str);

impl HttpServiceFactory for ReadOnly {
    fn register(self, config: &mut AppService) {
        let pattern = self.0;
        let (mut rdef, guards) = match pattern.split_once("/{") {
            Some((prefix, _)) => {
                let one_segment: Box<dyn Guard> =
                    Box::new(|ctx: &GuardContext<'_>| one_segment_after_prefix(ctx.head().uri.path()));
                (ResourceDef::prefix(prefix), Some(vec![one_segment]))
            }
            None => (ResourceDef::new(pattern), None),
        };
        rdef.set_name(pattern);
        config.register_service(rdef, guards, fn_service(serve_read_only), None);
    }
}

/// Whether `path`, whose first segment the router has matched as a prefix,
/// has exactly one more segment, not empty: what `/prefix/{param}` matches.
fn one_segment_after_prefix(path: &str) -> bool {
    path.len() > 1 && !path.ends_with('/') && path[1..].bytes().filter(|&b| b == b'/').count() == 1
}

async fn serve_read_only(req: ServiceRequest) -> Result<ServiceResponse, Error> {
    let (req, _) = req.into_parts();
    let response = match req.app_data::<web::Data<Site>>() {
        Some(site) if matches!(*req.method(), Method::GET | Method::HEAD) => serve_page(&req, site),
        Some(site) => not_allowed(&req, site),
        None => HttpResponse::InternalServerError().finish(),
    };
    Ok(ServiceResponse::new(req, response))
}

async fn page(req: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    serve_page(&req, &site)
}

fn serve_page(req: &HttpRequest, site: &Site) -> HttpResponse {
    if let Some(prepared) = site.get(req.path()) {
        return respond(req, prepared, StatusCode::OK);
    }
    if let Some(to) = site.redirect(req.path()) {
        return moved_permanently(to);
    }
    missing(req, site)
}

/// Paths no route matches.
async fn not_found(req: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    missing(&req, &site)
}

/// A path that names no page as it is written. If it names one in another
/// spelling, the reader is sent to the page's one address instead of a 404:
/// a trailing slash (`/articles/<slug>/`, as people type and some tools
/// append), or `%`-codes for letters, digits and `-._~` (`/%61rticles`, made
/// by some mail clients and link checkers), which RFC 3986 (section 6.2.2.2)
/// says name the same resource. Other `%`-codes (`%2F` among them) are kept
/// as they are: they do not name the same path.
fn missing(req: &HttpRequest, site: &Site) -> HttpResponse {
    if matches!(*req.method(), Method::GET | Method::HEAD)
        && let Some(to) = another_spelling(req.path(), site)
    {
        return moved_permanently(&to);
    }
    respond(req, site.not_found(), StatusCode::NOT_FOUND)
}

/// The absolute URL of the page `path` names in another spelling, if any.
fn another_spelling(path: &str, site: &Site) -> Option<String> {
    let decoded = decode_unreserved(path);
    let trimmed =
        decoded.strip_suffix('/').filter(|p| !p.is_empty() && !p.ends_with('/')).unwrap_or(&decoded);
    if trimmed == path {
        return None;
    }
    if let Some(to) = site.redirect(trimmed) {
        return Some(to.to_owned());
    }
    site.get(trimmed).map(|_| format!("{}{trimmed}", site.chrome.base_url))
}

/// `path` with every `%`-code for an unreserved character (RFC 3986: letters,
/// digits and `-._~`) replaced by the character; everything else as it is.
fn decode_unreserved(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut at = 0;
    while at < bytes.len() {
        let code = bytes
            .get(at + 1..at + 3)
            .filter(|_| bytes[at] == b'%')
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .filter(|b| b.is_ascii_alphanumeric() || b"-._~".contains(b));
        match code {
            Some(b) => {
                out.push(char::from(b));
                at += 3;
            }
            None => {
                let c = path[at..].chars().next().unwrap_or_default();
                out.push(c);
                at += c.len_utf8().max(1);
            }
        }
    }
    out
}

/// A 301 to the canonical absolute URL.
fn moved_permanently(to: &str) -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, to))
        .insert_header((header::CACHE_CONTROL, CachePolicy::Page.header()))
        .finish()
}

async fn method_not_allowed(req: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    not_allowed(&req, &site)
}

fn not_allowed(req: &HttpRequest, site: &Site) -> HttpResponse {
    let allow = if req.path() == urls::SELF_CHECK { ALLOW_FORM } else { ALLOW_READ };
    let mut response = respond(req, site.errors().method_not_allowed(allow), StatusCode::METHOD_NOT_ALLOWED);
    response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

#[cfg(test)]
mod tests {
    use super::{decode_unreserved, one_segment_after_prefix};

    #[test]
    fn only_codes_for_unreserved_characters_are_decoded() {
        for (path, decoded) in [
            ("/%61rticles", "/articles"),
            ("/a%2D%2e%5F%7Eb", "/a-._~b"),
            ("/a%2Fb", "/a%2Fb"),
            ("/a%20b", "/a%20b"),
            ("/a%", "/a%"),
            ("/a%6", "/a%6"),
            ("/a%zz", "/a%zz"),
            ("/caf\u{e9}%61", "/caf\u{e9}a"),
        ] {
            assert_eq!(decode_unreserved(path), decoded, "{path}");
        }
    }

    #[test]
    fn a_parameter_segment_is_one_non_empty_segment() {
        for path in ["/articles/a", "/static/style.1234.css", "/articles/a%2Fb"] {
            assert!(one_segment_after_prefix(path), "{path}");
        }
        for path in ["/articles", "/articles/", "/articles/a/", "/articles//a", "/articles/a/b", "/"] {
            assert!(!one_segment_after_prefix(path), "{path}");
        }
    }
}
