//! Reading the application's answers in tests: a response read whole, and
//! the tags and attributes of its HTML.

use std::collections::BTreeMap;

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap};
use actix_web::test;
use actix_web::web::Bytes;

use super::text;

/// One response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    /// Reads `res` whole.
    pub async fn read<B: MessageBody>(res: ServiceResponse<B>) -> Reply {
        let status = res.status();
        let headers = res.headers().clone();
        Reply { status, headers, body: test::read_body(res).await }
    }

    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).map_or("", |v| v.to_str().unwrap())
    }

    pub fn text(&self) -> &str {
        text(&self.body)
    }
}

/// `request!(app, method, path)`: the [`Reply`] of a service made by
/// `test::init_service`.
#[macro_export]
macro_rules! request {
    ($app:expr, $method:expr, $path:expr) => {{
        let req = ::actix_web::test::TestRequest::default().method($method).uri($path).to_request();
        $crate::common::html::Reply::read(::actix_web::test::call_service(&$app, req).await).await
    }};
}

/// `get!(app, path)`: [`request!`] with GET.
#[macro_export]
macro_rules! get {
    ($app:expr, $path:expr) => {
        $crate::request!($app, ::actix_web::http::Method::GET, $path)
    };
}

/// `post_form!(app, path, body)`: posts `body` as a browser posts a form;
/// the status, the headers and the page.
#[macro_export]
macro_rules! post_form {
    ($app:expr, $path:expr, $body:expr) => {{
        let req = ::actix_web::test::TestRequest::post()
            .uri($path)
            .insert_header((::actix_web::http::header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
            .set_payload($body.to_string());
        let res = ::actix_web::test::call_service(&$app, req.to_request()).await;
        let (status, headers) = (res.status(), res.headers().clone());
        (status, headers, $crate::common::text(&::actix_web::test::read_body(res).await).to_string())
    }};
}

/// Decodes the character references askama writes in attribute values.
pub fn decode(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("a reference ends with ;") + at;
        let name = &rest[at + 1..end];
        let decoded = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = name.strip_prefix('#').expect("a numeric reference");
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
                    None => number.parse().unwrap(),
                };
                char::from_u32(code).unwrap()
            }
        };
        out.push(decoded);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Every `<name …>` start tag in `html`, as its decoded attributes.
pub fn tags(html: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let open = format!("<{name}");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        rest = &rest[at + open.len()..];
        if !rest.starts_with([' ', '>']) {
            continue;
        }
        let end = rest.find('>').expect("the tag ends");
        let mut attrs = BTreeMap::new();
        let mut inside = rest[..end].trim();
        while !inside.is_empty() {
            let name_end = inside.find(['=', ' ']).unwrap_or(inside.len());
            let key = inside[..name_end].to_string();
            inside = &inside[name_end..];
            if let Some(value) = inside.strip_prefix("=\"") {
                let close = value.find('"').expect("the value is quoted");
                attrs.insert(key, decode(&value[..close]));
                inside = value[close + 1..].trim_start();
            } else {
                attrs.insert(key, String::new());
                inside = inside.trim_start();
            }
        }
        found.push(attrs);
        rest = &rest[end..];
    }
    found
}

/// The `<head>` element's content.
pub fn head(html: &str) -> &str {
    let start = html.find("<head>").expect("a head") + "<head>".len();
    &html[start..html.find("</head>").expect("the head ends")]
}

/// The `href` of the one `<link rel="…">` in the head with these attributes.
pub fn link(html: &str, rel: &str) -> String {
    let matching: Vec<_> =
        tags(head(html), "link").into_iter().filter(|l| l.get("rel").is_some_and(|r| r == rel)).collect();
    assert_eq!(matching.len(), 1, "exactly one <link rel=\"{rel}\">");
    matching[0]["href"].clone()
}
