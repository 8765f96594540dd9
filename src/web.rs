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
use crate::pages::{ErrorPage, SelfCheckFormPage, SelfCheckResultPage};
use crate::prepared::{CachePolicy, Encoding, Prepared, none_match};
use crate::selfcheck::{Level, assess, parse_answers};
use crate::site::Site;
use crate::urlencoded;

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

/// The largest self-check form body accepted. The whole form, every box
/// ticked, is under 1 KB; anything near this is not from our form.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

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
    cfg.service(
        web::resource("/self-check")
            .route(web::get().to(page))
            .route(web::head().to(page))
            .route(web::post().to(self_check))
            .default_service(web::to(method_not_allowed)),
    );
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

/// Evaluates the self-check. The answers exist only in this request: they
/// are never logged, stored, put in a URL or a cookie, and the response is
/// never cached.
async fn self_check(req: HttpRequest, site: web::Data<Site>, payload: web::Payload) -> HttpResponse {
    let bad = |status: StatusCode, message: &str| {
        error_page(&site, status, "We could not read your answers", message, "/self-check")
    };
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return bad(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The answers must come from the self-check form. Go back to the self-check, reload it and answer again.",
        );
    }
    let body = match payload.to_bytes_limited(MAX_FORM_BYTES).await {
        Ok(Ok(body)) => body,
        Ok(Err(_)) => {
            return bad(StatusCode::BAD_REQUEST, "Your answers did not arrive whole. Please try again.");
        }
        Err(_) => {
            return bad(
                StatusCode::PAYLOAD_TOO_LARGE,
                "That was far more data than the self-check form sends. Go back to the self-check, reload it and answer again.",
            );
        }
    };
    let pairs = match urlencoded::decode(&body) {
        Ok(pairs) => pairs,
        Err(e) => return bad(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    let parsed = match parse_answers(&site.questionnaire, &pairs) {
        Ok(parsed) => parsed,
        Err(rejection) => return bad(StatusCode::BAD_REQUEST, &rejection.to_string()),
    };
    let q = &site.questionnaire;
    if pairs.iter().any(|(name, _)| name == "change") {
        let page = SelfCheckFormPage::new(&site.chrome, q, &parsed.answers, &[], site.region);
        return dynamic(&site, StatusCode::OK, page.render());
    }
    let assessment = assess(q, &parsed.answers);
    if parsed.errors.is_empty() || assessment.level == Level::Emergency {
        let page =
            SelfCheckResultPage::new(&site.chrome, q, &parsed.answers, &assessment, site.region, |link| {
                site.link_text(link)
            });
        dynamic(&site, StatusCode::OK, page.render())
    } else {
        let page = SelfCheckFormPage::new(&site.chrome, q, &parsed.answers, &parsed.errors, site.region);
        dynamic(&site, StatusCode::UNPROCESSABLE_ENTITY, page.render())
    }
}

/// An HTML page made for one request, which no cache may keep.
fn no_store_html(status: StatusCode, html: String) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, CachePolicy::NoStore.header()))
        .content_type("text/html; charset=utf-8")
        .body(html)
}

/// A page rendered for one request: never stored by any cache.
fn dynamic(site: &Site, status: StatusCode, html: Result<String, askama::Error>) -> HttpResponse {
    match html {
        Ok(html) => no_store_html(status, html),
        Err(e) => {
            tracing::error!("rendering a self-check page failed: {e}");
            error_page(
                site,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "We could not show this page. If you feel unwell, do not wait: contact a health service.",
                "/self-check",
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
pub fn error_page(site: &Site, status: StatusCode, heading: &str, message: &str, path: &str) -> HttpResponse {
    let page = ErrorPage::new(&site.chrome, heading, message, path);
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
