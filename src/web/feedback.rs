//! `POST /feedback`: "Was this page useful?". Decode -> `feedback::parse`
//! -> count (when metrics are on) -> thanks. No cookie, nothing logged but
//! the request line, never cached.

use actix_web::error::PayloadError;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::respond::{dynamic, error_page};
use crate::feedback;
use crate::metrics::Metrics;
use crate::pages::FeedbackPage;
use crate::site::Site;
use crate::urlencoded;
use crate::urls;

/// The largest feedback body accepted: the form sends under 100 bytes.
pub const MAX_FEEDBACK_BYTES: usize = 1024;

const NOT_RECORDED: &str = "We could not record your answer";

/// The page for a body over [`MAX_FEEDBACK_BYTES`] (also sent at once, on
/// its declared length, by `body`).
pub(super) fn too_large(site: &Site) -> HttpResponse {
    error_page(site, StatusCode::PAYLOAD_TOO_LARGE, NOT_RECORDED, "That was far more than the form sends.")
}

/// Counts one answer about an article that exists, and thanks the reader.
pub(super) async fn feedback(req: HttpRequest, site: web::Data<Site>, payload: web::Payload) -> HttpResponse {
    let bad = |status: StatusCode, message: &str| error_page(&site, status, NOT_RECORDED, message);
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return bad(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Answers must come from the form on the page.");
    }
    let body = match payload.to_bytes_limited(MAX_FEEDBACK_BYTES).await {
        Ok(Ok(body)) => body,
        Ok(Err(e)) if matches!(e.as_error(), Some(PayloadError::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut) =>
        {
            return bad(
                StatusCode::REQUEST_TIMEOUT,
                "Your answer took too long to arrive. Please try again.",
            );
        }
        Ok(Err(_)) => {
            return bad(StatusCode::BAD_REQUEST, "Your answer did not arrive whole. Please try again.");
        }
        Err(_) => return too_large(&site),
    };
    let pairs = match urlencoded::decode(&body) {
        Ok(pairs) => pairs,
        Err(e) => return bad(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    let answer = match feedback::parse(&pairs) {
        Ok(answer) => answer,
        Err(message) => return bad(StatusCode::BAD_REQUEST, message),
    };
    // Only the articles the site serves: an unknown page counts nothing.
    if site.get(&urls::article(answer.page())).is_none() {
        return bad(StatusCode::NOT_FOUND, "There is no such page to give feedback on.");
    }
    if let Some(metrics) = req.app_data::<web::Data<Metrics>>() {
        metrics.record_feedback(answer);
    }
    dynamic(&site, StatusCode::OK, FeedbackPage::new(&site.chrome, &answer).render())
}

/// Any other method: the form only posts.
pub(super) async fn only_post(site: web::Data<Site>) -> HttpResponse {
    let mut response = error_page(
        &site,
        StatusCode::METHOD_NOT_ALLOWED,
        "This page cannot do that",
        "This address only takes answers from the \"Was this page useful?\" form at the end of each article.",
    );
    response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("POST"));
    response
}
