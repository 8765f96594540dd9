//! HTTP: the route table, the response headers and the request log.
//!
//! [`app`] is the whole application, used by `main` and by the tests alike.
//! Handlers look up prepared responses in the [`Site`]; they never render
//! Markdown, read files or compress.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::{DefaultHeaders, Next, from_fn};
use actix_web::{App, Error, HttpRequest, HttpResponse, web};
use askama::Template;

use crate::feeds;
use crate::pages::ErrorPage;
use crate::prepared::{CachePolicy, Encoding, Prepared, none_match};
use crate::site::Site;

/// Only our own files, nothing inline, nothing from another host.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The headers every response carries, for the browser's protections.
fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Cross-Origin-Resource-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ))
}

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
        .wrap(security_headers())
        .wrap(from_fn(log_request))
        .configure(routes)
        .default_service(web::to(not_found))
}

/// The route table. Every read-only path answers GET and HEAD, and 405 for
/// other methods.
pub fn routes(cfg: &mut web::ServiceConfig) {
    let discovery = [feeds::SITEMAP_PATH, feeds::FEED_PATH, feeds::ROBOTS_PATH];
    for path in ["/", "/articles/{slug}", "/static/{file}", "/healthz"].into_iter().chain(discovery) {
        cfg.service(
            web::resource(path)
                .route(web::get().to(page))
                .route(web::head().to(page))
                .default_service(web::to(method_not_allowed)),
        );
    }
}

/// One line per request: method, path (never the query string), status and
/// time. Request bodies are never logged: self-check answers are health data.
async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.path().to_owned();
    let response = next.call(req).await?;
    tracing::info!(
        target: "knotwise::request",
        "{method} {path} {} {}us",
        response.status().as_u16(),
        started.elapsed().as_micros()
    );
    Ok(response)
}

async fn page(req: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    if let Some(prepared) = site.get(req.path()) {
        return respond(&req, prepared, StatusCode::OK);
    }
    if let Some(to) = site.redirect(req.path()) {
        return HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, to))
            .insert_header((header::CACHE_CONTROL, CachePolicy::Page.header()))
            .finish();
    }
    respond(&req, site.not_found(), StatusCode::NOT_FOUND)
}

async fn not_found(req: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    respond(&req, site.not_found(), StatusCode::NOT_FOUND)
}

async fn method_not_allowed(req: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    let allow = if req.path() == "/self-check" { "GET, HEAD, POST" } else { "GET, HEAD" };
    let mut response = error_page(
        &site,
        StatusCode::METHOD_NOT_ALLOWED,
        "This page cannot do that",
        &format!("This address only accepts {allow} requests."),
        req.path(),
    );
    response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
    response
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
pub fn error_page(site: &Site, status: StatusCode, heading: &str, message: &str, path: &str) -> HttpResponse {
    let page = ErrorPage::new(&site.chrome, heading, message, path);
    match page.render() {
        Ok(html) => HttpResponse::build(status)
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(e) => {
            tracing::error!("rendering the error page failed: {e}");
            HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(format!("{heading}\n{message}\n"))
        }
    }
}
