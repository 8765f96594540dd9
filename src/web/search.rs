//! `GET /search?q=...`: decode the query, answer it, render the page.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::respond::{dynamic, error_page};
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
            let (query, number) = (field("q").unwrap_or(""), page_number(field("page")));
            let as_typed = field(AS_TYPED) == Some("1");
            let page = SearchPage::new(
                &site.chrome,
                &site.search,
                &site.questionnaire,
                site.region,
                query,
                number,
                as_typed,
            );
            dynamic(&site, StatusCode::OK, page.render())
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
