//! `GET /search?q=...`: decode the query, answer it, render the page.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template as _;

use super::respond::{dynamic, error_page, respond};
use crate::search::page::{AS_TYPED, SearchPage, page_number};
use crate::site::Site;
use crate::urlencoded::{self, DecodeError};

/// Searches. The query is health-related and private: it is never logged
/// (the request log has the path only), the page is never stored by any
/// cache nor indexed, and nothing is sent anywhere else.
pub(super) async fn search(req: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    let mut response = match urlencoded::decode(req.query_string().as_bytes()) {
        Ok(pairs) => {
            let field = |wanted: &str| pairs.iter().find(|(name, _)| name == wanted).map(|(_, v)| v.as_ref());
            let (query, number) = (field("q").unwrap_or("").to_string(), page_number(field("page")));
            let as_typed = field(AS_TYPED) == Some("1");
            answer(&req, &site, query, number, as_typed).await
        }
        Err(e) => {
            let message = match e {
                DecodeError::BadPercent(_) => {
                    "The web address has a broken %-code in it. Type your search again in the search box."
                }
                DecodeError::NotUtf8 => {
                    "The web address has characters we cannot read in it. Type your search again in the search box."
                }
            };
            error_page(&site, StatusCode::BAD_REQUEST, "We could not read your search", message)
        }
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(header::HeaderName::from_static("x-robots-tag"), HeaderValue::from_static("noindex"));
    response
}

/// Answers a search when the search limits (`search::limits`) admit it
/// and give it its turn; otherwise the prepared "busy" page at once,
/// with the emergency numbers and a time to try again.
async fn answer(
    req: &HttpRequest,
    site: &web::Data<Site>,
    query: String,
    number: usize,
    as_typed: bool,
) -> HttpResponse {
    let Some(admitted) = site.search.limits.admit() else {
        let mut busy = respond(req, site.errors().search_busy(), StatusCode::SERVICE_UNAVAILABLE);
        busy.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
        return busy;
    };
    let _turn = admitted.turn().await;
    let page = SearchPage::new(
        &site.chrome,
        &site.search,
        &site.questionnaire,
        site.region,
        &query,
        number,
        as_typed,
    )
    .render();
    dynamic(site, StatusCode::OK, page)
}

/// When to try a busy search again: searches take milliseconds, so a few
/// seconds is long enough for a flood to be over or slowed by its own 503s.
const RETRY_AFTER_SECONDS: &str = "5";
