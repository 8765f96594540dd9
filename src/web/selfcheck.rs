//! The self-check POST: decode -> parse -> the domain's next step -> page.
//! Which page comes next is decided by `selfcheck::next`; this handler only
//! reads the request and renders what it is told.

use actix_web::error::PayloadError;
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::respond::{dynamic, error_page, respond};
use crate::pages::{CheckedAt, SelfCheckFormPage};
use crate::selfcheck::{Outcome, next, parse_answers, position};
use crate::site::Site;
use crate::urlencoded;
use crate::urls;

/// The largest self-check form body accepted. Every answer with every box
/// ticked is under 2 KB; anything near this is not from our form.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// The page for answers that could not be read: too large (413), too slow
/// to arrive (408, `body::BODY_DEADLINE`) or cut short (400).
pub(super) fn unreadable(site: &Site, status: StatusCode) -> HttpResponse {
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            "That was far more data than the self-check form sends. Go back to the self-check, reload it and answer again."
        }
        StatusCode::REQUEST_TIMEOUT => {
            "Your answers took too long to arrive. Check your connection, then send them again."
        }
        _ => "Your answers did not arrive whole. Please try again.",
    };
    error_page(site, status, "We could not read your answers", message)
}

/// Answers one step of the self-check. The answers exist only in this
/// request: they are never logged, stored, put in a URL or a cookie, and the
/// response is never cached.
pub(super) async fn self_check(
    req: HttpRequest,
    site: web::Data<Site>,
    payload: web::Payload,
) -> HttpResponse {
    if site.self_check_off() {
        // The "not available" page, whatever was posted.
        return match site.get(urls::SELF_CHECK) {
            Some(prepared) => respond(&req, prepared, StatusCode::OK),
            None => respond(&req, site.not_found(), StatusCode::NOT_FOUND),
        };
    }
    let bad = |status: StatusCode, message: &str| {
        error_page(&site, status, "We could not read your answers", message)
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
        Ok(Err(e)) if matches!(e.as_error(), Some(PayloadError::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut) =>
        {
            return unreadable(&site, StatusCode::REQUEST_TIMEOUT);
        }
        Ok(Err(_)) => return unreadable(&site, StatusCode::BAD_REQUEST),
        Err(_) => return unreadable(&site, StatusCode::PAYLOAD_TOO_LARGE),
    };
    let pairs = match urlencoded::decode(&body) {
        Ok(pairs) => pairs,
        Err(e) => return bad(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    let q = &site.questionnaire;
    let parsed = parse_answers(q, &pairs);
    match next(q, &parsed, position(q, &pairs)) {
        Outcome::Result(assessment) => {
            let checked_at = CheckedAt::now();
            dynamic(
                &site,
                StatusCode::OK,
                site.results.render(&assessment, &parsed.answers, &checked_at, site.today()),
            )
        }
        Outcome::Ask { step, errors } => {
            let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            let page = SelfCheckFormPage::new(&site.chrome, q, step, parsed.answers, &errors, site.region);
            dynamic(&site, status, page.render())
        }
    }
}
