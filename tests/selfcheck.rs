//! The self-check over HTTP: the form, a result for every level, errors the
//! GOV.UK way, and every kind of bad input answered with a clear 4xx page.

mod common;

use actix_web::http::{StatusCode, header};
use actix_web::test::{self, TestRequest};
use common::{fixture_site, real_site, text};
use knotwise::web::{MAX_FORM_BYTES, app};

macro_rules! service {
    ($site:expr) => {
        test::init_service(app($site)).await
    };
}

/// Sends `body` as a form post; returns status, headers and the page.
macro_rules! post {
    ($app:expr, $body:expr) => {{
        let req = TestRequest::post()
            .uri("/self-check")
            .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
            .set_payload($body.to_string());
        let res = test::call_service(&$app, req.to_request()).await;
        let status = res.status();
        let headers = res.headers().clone();
        let body = test::read_body(res).await;
        (status, headers, text(&body).to_string())
    }};
}

fn level_of(html: &str) -> &str {
    let start = html.find("data-level=\"").map(|i| i + 12).expect("a result card");
    &html[start..start + html[start..].find('"').unwrap()]
}

const CALM: &str = "right_now=none&leg=no&pee=normal&nerves=no&headache=no&skin=normal&pain=mild&fever=no\
    &days=under_1_day&trend=better&areas=shoulders&kind=light&risks=none";

fn calm_except(changes: &[(&str, &str)]) -> String {
    CALM.split('&')
        .filter(|pair| changes.iter().all(|(q, _)| !pair.starts_with(&format!("{q}="))))
        .map(str::to_string)
        .chain(changes.iter().map(|(q, o)| format!("{q}={o}")))
        .collect::<Vec<_>>()
        .join("&")
}

#[actix_web::test]
async fn the_form_asks_red_flags_first_with_nothing_selected() {
    let app = service!(real_site());
    let res = test::call_service(&app, TestRequest::get().uri("/self-check").to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = test::read_body(res).await;
    let html = text(&body);
    assert!(html.contains("<form class=\"self-check\" method=\"post\" action=\"/self-check\""));
    assert!(!html.contains(" checked"), "no answer is pre-selected");
    let first_fieldset = html.find("<fieldset").unwrap();
    assert!(html[first_fieldset..].find("id=\"right_now-chest_pain\"").is_some());
    assert!(html.find("Warning signs").unwrap() < html.find("Your soreness and your massage").unwrap());
    assert!(html.contains("<legend class=\"legend\">Do you have any of these right now?</legend>"));
    assert!(html.contains("aria-describedby=\"right_now-hint\""));
    assert!(html.contains("data-exclusive"), "None of these is marked exclusive");
    assert_eq!(html.matches("<h1>").count(), 1);
}

#[actix_web::test]
async fn every_level_has_a_result_on_the_real_questionnaire() {
    let app = service!(real_site());
    for (changes, level) in [
        (vec![], "expected"),
        (vec![("skin", "bruise")], "self_care"),
        (vec![("fever", "yes")], "contact"),
        (vec![("leg", "one_leg")], "urgent"),
        (vec![("right_now", "chest_pain")], "emergency"),
    ] {
        let (status, headers, html) = post!(app, calm_except(&changes));
        assert_eq!(status, StatusCode::OK, "{changes:?}: {html}");
        assert_eq!(level_of(&html), level, "{changes:?}");
        assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(html.contains("This is not a diagnosis"));
        assert!(html.contains("These questions have not yet been clinically reviewed."));
        assert!(html.contains("id=\"change-answers\""));
        if level != "expected" {
            assert!(
                html.contains("<a href=\"/articles/"),
                "{level}: each reason links to an article section"
            );
            assert!(html.contains("You answered <strong>"), "{level}: each reason names the answer");
        }
    }
}

#[actix_web::test]
async fn fixture_questionnaire_reaches_each_level_and_links_sections_by_name() {
    let app = service!(fixture_site());
    for (body, level) in [
        ("right_now=none&leg=no&days=recent", "expected"),
        ("right_now=none&leg=no&days=bruise_week", "self_care"),
        ("right_now=none&leg=no&days=over_7_days", "contact"),
        ("right_now=none&leg=one_leg&days=recent", "urgent"),
        ("right_now=chest_pain&leg=no&days=recent", "emergency"),
    ] {
        let (status, _, html) = post!(app, body);
        assert_eq!((status, level_of(&html)), (StatusCode::OK, level), "{body}");
    }
    let (_, _, html) = post!(app, "right_now=none&leg=one_leg&days=recent");
    assert!(html.contains("<a href=\"/articles/about#review\">Read more: How we review</a>"), "{html}");
    assert!(html.contains(
        "<span class=\"visually-hidden\">Result level: </span>Urgent</span> Get medical advice today"
    ));
}

#[actix_web::test]
async fn missing_answers_show_the_form_again_with_errors_and_answers_kept() {
    let app = service!(real_site());
    let (status, headers, html) = post!(app, "leg=no&areas=calves&areas=thighs&kind=gun");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert!(html.contains("<title>Error: Post-massage self-check - Knotwise</title>"));
    assert!(
        html.contains("<h2 class=\"error-summary-title\" id=\"error-summary-title\">There is a problem</h2>")
    );
    assert!(html.contains("tabindex=\"-1\" autofocus"));
    assert!(html.contains("<li><a href=\"#right_now-chest_pain\">"), "summary links to the first option");
    assert!(html.contains("<p class=\"error-message\" id=\"right_now-error\"><span class=\"visually-hidden\">Error:</span> Select"));
    assert!(html.contains("aria-describedby=\"right_now-hint right_now-error\""));
    for kept in ["leg-no", "areas-calves", "areas-thighs", "kind-gun"] {
        assert!(html.contains(&format!("id=\"{kept}\" name=")), "{kept}");
        let at = html.find(&format!("id=\"{kept}\"")).unwrap();
        assert!(html[at..at + 120].contains(" checked"), "{kept} is still selected");
    }
    assert!(!html.contains("data-level="), "no result yet");
}

#[actix_web::test]
async fn none_of_these_must_be_alone() {
    let app = service!(fixture_site());
    let (status, _, html) = post!(app, "right_now=none&right_now=chest_pain&leg=no&days=recent");
    assert_eq!(status, StatusCode::OK, "an emergency answer wins over the conflict");
    assert_eq!(level_of(&html), "emergency");
    let (status, _, html) = post!(app, "leg=no&days=recent");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#right_now-chest_pain\""));
}

#[actix_web::test]
async fn an_emergency_is_never_held_behind_missing_answers() {
    let app = service!(real_site());
    for sign in ["chest_pain", "breathless", "stroke_signs", "sudden_headache", "fainted_confused"] {
        let (status, _, html) = post!(app, format!("right_now={sign}"));
        assert_eq!(status, StatusCode::OK, "{sign}");
        assert_eq!(level_of(&html), "emergency", "{sign}");
        assert!(html.contains("<li><strong>999</strong> in the UK</li>"));
    }
}

#[actix_web::test]
async fn change_your_answers_brings_the_form_back_filled_in() {
    let app = service!(real_site());
    let (_, _, result) = post!(app, calm_except(&[("leg", "one_leg")]));
    let form_start = result.find("<form class=\"change-answers\"").unwrap();
    let form = &result[form_start..result[form_start..].find("</form>").unwrap() + form_start];
    assert!(form.contains("method=\"post\" action=\"/self-check\""));
    assert!(form.contains("<input type=\"hidden\" name=\"leg\" value=\"one_leg\">"));
    let hidden: Vec<String> = form
        .match_indices("<input type=\"hidden\" name=\"")
        .map(|(i, _)| {
            let rest = &form[i + 27..];
            let name = &rest[..rest.find('"').unwrap()];
            let value_at = rest.find("value=\"").unwrap() + 7;
            format!("{name}={}", &rest[value_at..value_at + rest[value_at..].find('"').unwrap()])
        })
        .collect();
    let (status, _, html) = post!(app, hidden.join("&"));
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Change your answers</h1>"));
    let at = html.find("id=\"leg-one_leg\"").unwrap();
    assert!(html[at..at + 120].contains(" checked"));
    assert!(!html.contains("data-level="));
}

#[actix_web::test]
async fn bad_input_gets_a_clear_4xx_page_never_a_5xx() {
    let app = service!(real_site());
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        ("unknown option", b"leg=sideways".to_vec(), StatusCode::BAD_REQUEST, "is not one of"),
        (
            "repeated single choice",
            b"leg=no&leg=one_leg".to_vec(),
            StatusCode::BAD_REQUEST,
            "more than one answer",
        ),
        ("broken percent-encoding", b"leg=%zz".to_vec(), StatusCode::BAD_REQUEST, "broken %-code"),
        ("invalid UTF-8", b"leg=\xff\xfe".to_vec(), StatusCode::BAD_REQUEST, "not UTF-8"),
        ("encoded invalid UTF-8", b"leg=%ff".to_vec(), StatusCode::BAD_REQUEST, "not UTF-8"),
        ("too large", vec![b'a'; MAX_FORM_BYTES + 1], StatusCode::PAYLOAD_TOO_LARGE, "far more data"),
    ];
    for (name, body, status, needle) in cases {
        let req = TestRequest::post()
            .uri("/self-check")
            .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
            .set_payload(body);
        let res = test::call_service(&app, req.to_request()).await;
        assert_eq!(res.status(), status, "{name}");
        assert_eq!(res.headers().get(header::CONTENT_TYPE).unwrap(), "text/html; charset=utf-8", "{name}");
        let body = test::read_body(res).await;
        let html = text(&body);
        assert!(html.contains(needle), "{name}: {html}");
        assert!(html.contains("class=\"site-header\""), "{name}: in the site's layout");
    }
    for content_type in ["application/json", "text/plain", "multipart/form-data; boundary=x"] {
        let req = TestRequest::post()
            .uri("/self-check")
            .insert_header((header::CONTENT_TYPE, content_type))
            .set_payload("leg=no");
        let res = test::call_service(&app, req.to_request()).await;
        assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
    }
    let res = test::call_service(&app, TestRequest::post().uri("/self-check").to_request()).await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "no content type");
    let (status, _, _) = post!(app, format!("{}&unknown_field=whatever&submit=1", CALM));
    assert_eq!(status, StatusCode::OK, "unknown fields are ignored");
    let res = test::call_service(&app, TestRequest::put().uri("/self-check").to_request()).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers().get(header::ALLOW).unwrap(), "GET, HEAD, POST");
}

#[actix_web::test]
async fn answers_never_appear_in_a_location_header_a_link_or_a_cookie() {
    let app = service!(real_site());
    let bodies = [
        calm_except(&[("leg", "one_leg"), ("fever", "yes")]),
        "right_now=chest_pain".to_string(),
        "leg=one_leg".to_string(),
        format!("{}&change=yes", calm_except(&[("leg", "one_leg")])),
        "leg=%zz".to_string(),
    ];
    for body in bodies {
        let (_, headers, html) = post!(app, body);
        assert!(headers.get(header::LOCATION).is_none(), "{body}");
        assert!(headers.get(header::SET_COOKIE).is_none(), "{body}");
        for (i, _) in html.match_indices("href=\"") {
            let href = &html[i + 6..i + 6 + html[i + 6..].find('"').unwrap()];
            assert!(!href.contains('?') && !href.contains('='), "{body}: a link carries data: {href}");
        }
        assert!(!html.contains("action=\"/self-check?"), "{body}");
    }
}
