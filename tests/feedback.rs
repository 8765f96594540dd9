//! "Was this page useful?" over HTTP, as a browser without JavaScript sends
//! it: a plain form POST, thanks in a page of its own, counts in the
//! metrics only for articles that exist.

mod common;

use std::time::Duration;

use actix_web::http::{StatusCode, header};
use actix_web::test::{self, TestRequest};
use actix_web::web;
use common::{fixture_site, text};
use knotwise::metrics::Metrics;
use knotwise::web::MAX_FEEDBACK_BYTES;

fn metrics() -> web::Data<Metrics> {
    let slugs = ["about", "alpha", "beta"].map(String::from);
    web::Data::new(Metrics::new(Duration::ZERO, &slugs))
}

fn feedback_series(metrics: &Metrics) -> Vec<String> {
    metrics.render().lines().filter(|l| l.starts_with("knotwise_page_")).map(String::from).collect()
}

#[actix_web::test]
async fn every_article_has_the_form_posting_its_own_page() {
    let m = metrics();
    let app = service!(fixture_site(), m.clone());
    for slug in ["alpha", "beta", "about"] {
        let res =
            test::call_service(&app, TestRequest::get().uri(&format!("/articles/{slug}")).to_request()).await;
        let html = text(&test::read_body(res).await).to_string();
        assert!(
            html.contains(&format!(
                "<form class=\"feedback\" method=\"post\" action=\"/feedback\">\n\
                 <input type=\"hidden\" name=\"page\" value=\"{slug}\">\n<fieldset>\n<legend>Was this page useful?</legend>\n\
                 <button class=\"button button-secondary\" type=\"submit\" name=\"answer\" value=\"yes\">Yes</button>\n\
                 <button class=\"button button-secondary\" type=\"submit\" name=\"answer\" value=\"no\">No</button>"
            )),
            "{slug}: {html}"
        );
        assert!(!html.contains("<textarea") && !html.contains("type=\"text\""), "no free text");
    }
}

#[actix_web::test]
async fn yes_thanks_and_counts_without_a_cookie_or_a_cache() {
    let m = metrics();
    let app = service!(fixture_site(), m.clone());
    let (status, headers, html) = post_form!(app, "/feedback", "page=alpha&answer=yes");
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert!(headers.get(header::SET_COOKIE).is_none());
    assert!(html.contains("<h1>Thank you for your feedback</h1>"), "{html}");
    assert!(html.contains("<a href=\"/articles/alpha\">Back to the page you were reading</a>"));
    assert!(!html.contains("name=\"reason\""), "reasons only after No");
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    post_form!(app, "/feedback", "page=alpha&answer=yes");
    assert_eq!(feedback_series(&m), ["knotwise_page_useful_total{page=\"alpha\",answer=\"yes\"} 2"]);
}

#[actix_web::test]
async fn no_asks_for_a_fixed_reason_and_counts_it() {
    let m = metrics();
    let app = service!(fixture_site(), m.clone());
    let (status, _, html) = post_form!(app, "/feedback", "page=beta&answer=no");
    assert_eq!(status, StatusCode::OK);
    for (id, label) in [
        ("hard-to-understand", "It was hard to understand"),
        ("did-not-answer", "It did not answer my question"),
        ("looks-wrong", "Something on it looks wrong"),
    ] {
        let button = format!("type=\"submit\" name=\"reason\" value=\"{id}\">{label}</button>");
        assert!(html.contains(&button), "{button} in {html}");
    }
    assert!(html.contains("<input type=\"hidden\" name=\"page\" value=\"beta\">"));
    let (status, _, html) = post_form!(app, "/feedback", "page=beta&reason=looks-wrong");
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Thank you for your feedback") && !html.contains("name=\"reason\""));
    assert_eq!(
        feedback_series(&m),
        [
            "knotwise_page_useful_total{page=\"beta\",answer=\"no\"} 1",
            "knotwise_page_not_useful_reasons_total{page=\"beta\",reason=\"looks-wrong\"} 1",
        ]
    );
}

#[actix_web::test]
async fn unknown_pages_and_anything_but_our_choices_are_refused_and_count_nothing() {
    let m = metrics();
    let app = service!(fixture_site(), m.clone());
    for (body, status) in [
        ("page=no-such-page&answer=yes", StatusCode::NOT_FOUND),
        ("page=draft&answer=yes", StatusCode::NOT_FOUND),
        ("page=..%2Fself-check&answer=yes", StatusCode::NOT_FOUND),
        ("page=alpha&answer=maybe", StatusCode::BAD_REQUEST),
        ("page=alpha&reason=my+knee+hurts", StatusCode::BAD_REQUEST),
        ("page=alpha&answer=yes&comment=hello", StatusCode::BAD_REQUEST),
        ("page=alpha", StatusCode::BAD_REQUEST),
        ("page=alpha&answer=%FF", StatusCode::BAD_REQUEST),
    ] {
        let (got, headers, html) = post_form!(app, "/feedback", body);
        assert_eq!(got, status, "{body}");
        assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store", "{body}");
        assert!(html.contains("We could not record your answer"), "{body}: {html}");
    }
    let (status, _, _) =
        post_form!(app, "/feedback", format!("page=alpha&answer=yes&x={}", "a".repeat(MAX_FEEDBACK_BYTES)));
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let req = TestRequest::post().uri("/feedback").set_payload("page=alpha&answer=yes").to_request();
    assert_eq!(test::call_service(&app, req).await.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // A flood of made-up pages adds no series: they are bounded by the articles.
    for n in 0..200 {
        post_form!(app, "/feedback", format!("page=made-up-{n}&answer=yes"));
    }
    assert!(feedback_series(&m).is_empty(), "{:?}", feedback_series(&m));
}

#[actix_web::test]
async fn feedback_only_takes_posts() {
    let m = metrics();
    let app = service!(fixture_site(), m.clone());
    let res = test::call_service(&app, TestRequest::get().uri("/feedback").to_request()).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers().get(header::ALLOW).unwrap(), "POST");
}

#[actix_web::test]
async fn without_metrics_the_reader_is_still_thanked() {
    let app = service!();
    let (status, _, html) = post_form!(app, "/feedback", "page=alpha&answer=no");
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Thank you for your feedback"));
}
