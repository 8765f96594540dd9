//! The self-check over HTTP: every step, Back, "Change your answers", the
//! emergency interruption, errors the GOV.UK way, tampered hidden fields,
//! and every kind of bad input answered with a clear page, never a 5xx.

mod common;

use actix_web::http::{StatusCode, header};
use actix_web::test::{self, TestRequest};
use common::{fixture_site, real_site, text};
use knotwise::authoring::live::{self, Settings};
use knotwise::emergency::Region;
use knotwise::export::file_for;
use knotwise::site::{Content, Site};
use knotwise::urls;
use knotwise::web::MAX_FORM_BYTES;

fn level_of(html: &str) -> &str {
    let start = html.find("data-level=\"").map(|i| i + 12).expect("a result card");
    &html[start..start + html[start..].find('"').unwrap()]
}

/// The step a form page shows (counting from 0), read from its hidden field.
fn step_of(html: &str) -> usize {
    const FIELD: &str = "<input type=\"hidden\" name=\"step\" value=\"";
    let at = html.find(FIELD).expect("a step page") + FIELD.len();
    html[at..at + html[at..].find('"').unwrap()].parse().unwrap()
}

/// The value of `attr` in the tag that starts at `tag`.
fn attr<'a>(tag: &'a str, attr: &str) -> Option<&'a str> {
    let end = tag.find('>').unwrap_or(tag.len());
    let at = tag[..end].find(&format!(" {attr}=\""))? + attr.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// What a browser would send from the first form on the page: its hidden
/// fields and ticked boxes, plus `extra` fields (answers and the button).
fn form_body(html: &str, extra: &[(&str, &str)]) -> String {
    // The self-check's own form, not the search form in the header.
    let form = &html[html
        .find("<form class=\"self-check\"")
        .or_else(|| html.find("<form class=\"change-answers\""))
        .expect("a form")..];
    let form = &form[..form.find("</form>").unwrap()];
    let mut pairs: Vec<String> = Vec::new();
    for (i, _) in form.match_indices("<input") {
        let tag = &form[i..];
        let kind = attr(tag, "type").unwrap();
        let checked = tag[..tag.find('>').unwrap()].contains(" checked");
        if kind == "hidden" || checked {
            pairs.push(format!("{}={}", attr(tag, "name").unwrap(), attr(tag, "value").unwrap()));
        }
    }
    pairs.extend(extra.iter().map(|(name, value)| format!("{name}={value}")));
    pairs.join("&")
}

/// The calm answer to each question shown on this page.
fn calm_answers_for(html: &str) -> Vec<(&'static str, &'static str)> {
    CALM.split('&')
        .map(|pair| pair.split_once('=').unwrap())
        .filter(|(question, _)| html.contains(&format!("<div class=\"form-group\" id=\"{question}\">")))
        .collect()
}

const CALM: &str = "right_now=none&areas=shoulders&kind=light&days=under_1_day&trend=better&pain=mild&risks=none\
    &topics=none&unwell=no&fever=no&breathing=no&chest=no&fainted=no&headache=no&dizzy=no&face=no&fall=no\
    &limb=no&nerves=no&skin=no&pee=no&pregnancy=no";

/// The calm answers with `changes`; the reader ticks the topic of each
/// changed question that has one, as a reader with that sign would.
fn calm_except(changes: &[(&str, &str)]) -> String {
    let q = &real_site().questionnaire;
    let topics: Vec<String> = changes
        .iter()
        .filter_map(|(question, _)| q.question(question).and_then(|question| question.topic.clone()))
        .map(|topic| format!("topics={topic}"))
        .collect();
    let calm_topics = topics.is_empty();
    CALM.split('&')
        .filter(|pair| changes.iter().all(|(q, _)| !pair.starts_with(&format!("{q}="))))
        .filter(|pair| calm_topics || !pair.starts_with("topics="))
        .map(str::to_string)
        .chain(topics)
        .chain(changes.iter().map(|(q, o)| format!("{q}={o}")))
        .collect::<Vec<_>>()
        .join("&")
}

/// Only the calm answers to the first `steps` steps, as a later step posts them.
fn calm_before(html_of_steps: usize) -> String {
    let q = &real_site().questionnaire;
    let ids: Vec<&str> =
        (0..html_of_steps).flat_map(|s| q.step_questions(s)).map(|q| q.id.as_str()).collect();
    CALM.split('&')
        .filter(|pair| ids.iter().any(|id| pair.starts_with(&format!("{id}="))))
        .collect::<Vec<_>>()
        .join("&")
}

/// Hazards H21 and H23 (src/selfcheck/hazard-log.md).
#[actix_web::test]
async fn the_first_step_asks_only_the_emergency_signs_with_nothing_selected() {
    let app = service!(real_site());
    let res = test::call_service(&app, TestRequest::get().uri("/self-check").to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = test::read_body(res).await;
    let html = text(&body);
    assert!(html.contains("<form class=\"self-check\" method=\"post\" action=\"/self-check\""));
    assert!(!html.contains("\" checked"), "no answer is pre-selected");
    assert_eq!(html.matches("<fieldset").count(), 1, "the emergency question on its own");
    assert!(html.contains("id=\"right_now-stroke_signs\""));
    assert!(html.contains("<h1>Emergency signs</h1>"));
    assert!(html.contains("Step 1 of 3"));
    assert_eq!(step_of(html), 0);
    assert!(!html.contains("id=\"back\""), "no Back on the first step");
    assert!(html.contains("aria-describedby=\"right_now-hint\""));
    assert!(html.contains("have not yet been checked by a clinician"), "honest before use");
    let res = test::call_service(&app, TestRequest::get().uri("/").to_request()).await;
    let body = test::read_body(res).await;
    assert!(
        text(&body).contains("The questions have not yet been checked by a clinician."),
        "the way in too"
    );
    assert_eq!(html.matches("<h1>").count(), 1);
}

#[actix_web::test]
/// A reader who is not sure what else is going on ticks "Something else, or
/// not sure", which opens every topic's question on the third step.
/// Hazard H28, routing (src/selfcheck/hazard-log.md).
async fn a_reader_not_sure_what_else_walks_through_every_step_to_the_result() {
    let app = service!(real_site());
    let steps = real_site().questionnaire.steps().len();
    let res = test::call_service(&app, TestRequest::get().uri("/self-check").to_request()).await;
    let mut html = text(&test::read_body(res).await).to_string();
    let mut words = vec![main_words(&html)];
    let mut questions = 0;
    for step in 0..steps {
        assert_eq!(step_of(&html), step);
        assert_eq!(html.contains("id=\"back\""), step > 0, "Back on every step after the first");
        let mut extra: Vec<(&str, &str)> = calm_answers_for(&html)
            .into_iter()
            .map(
                |(question, option)| {
                    if question == "topics" { (question, "other") } else { (question, option) }
                },
            )
            .collect();
        assert!(!extra.is_empty(), "step {step} asks something");
        if step + 1 == steps {
            let q = &real_site().questionnaire;
            assert_eq!(
                html.matches("<fieldset").count(),
                q.step_questions(step).len() - 1,
                "every question but the pregnancy signs, which 'pregnant' opens"
            );
        }
        questions += extra.len();
        extra.push(("action", "continue"));
        let (status, headers, next) = post_form!(app, "/self-check", form_body(&html, &extra));
        assert_eq!(status, StatusCode::OK, "step {step}: {next}");
        assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
        html = next;
        words.push(main_words(&html));
        if step + 1 < steps {
            assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
            assert!(html.contains(&format!("Step {} of {steps}", step + 2)));
        }
    }
    assert_eq!(level_of(&html), "expected");
    println!(
        "not sure what else: {} pages, {questions} questions, {} words {words:?}",
        words.len(),
        words.iter().sum::<usize>()
    );
    assert!(words.len() <= 5, "any reader: at most 5 pages");
    // The third page held 1,689 words before it was shortened and 1,425 after;
    // the bound keeps it from quietly growing back.
    assert!(words[2] <= 1_500, "the page of every topic's questions has {} words", words[2]);
}

/// Hazards H1 to H19, control C1 (src/selfcheck/hazard-log.md).
#[actix_web::test]
async fn every_emergency_sign_interrupts_the_first_step() {
    let app = service!(real_site());
    let q = &real_site().questionnaire;
    for option in q.questions()[0].options.iter().filter(|o| !o.exclusive) {
        let (status, _, html) =
            post_form!(app, "/self-check", format!("step=0&action=continue&right_now={}", option.id));
        assert_eq!(status, StatusCode::OK, "{}", option.id);
        let expected = if option.id == "not_sure" { "urgent" } else { "emergency" };
        assert_eq!(level_of(&html), expected, "{}: the check ends at once", option.id);
        if expected == "emergency" {
            assert!(html.contains("<li><a class=\"tel\" href=\"tel:999\">999</a> in the UK</li>"));
        }
        assert!(html.contains("What to do:</strong>"), "{}: the sign's own action", option.id);
    }
}

/// Hazards H1 to H19, control C2 (src/selfcheck/hazard-log.md).
#[actix_web::test]
async fn an_emergency_on_a_later_step_is_never_held_behind_missing_answers() {
    let app = service!(real_site());
    let q = &real_site().questionnaire;
    let chest = q.step_of("chest").unwrap();
    let (status, _, html) =
        post_form!(app, "/self-check", format!("step={chest}&topics=breathing&chest=more"));
    assert_eq!((status, level_of(&html)), (StatusCode::OK, "emergency"));
    let (status, _, html) = post_form!(app, "/self-check", "step=0&right_now=none&right_now=allergy");
    assert_eq!((status, level_of(&html)), (StatusCode::OK, "emergency"), "even with a None conflict");
}

#[actix_web::test]
async fn a_step_left_unanswered_is_asked_again_the_gov_uk_way_with_answers_kept() {
    let app = service!(real_site());
    let body = format!("{}&step=1&action=continue&pain=moderate", calm_before(1));
    let (status, headers, html) = post_form!(app, "/self-check", body);
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert_eq!(step_of(&html), 1);
    assert!(html.contains(
        "<title>Error: Your massage and how you feel (step 2 of 3) - Post-massage self-check - Knotwise</title>"
    ));
    assert!(
        html.contains("<h2 class=\"error-summary-title\" id=\"error-summary-title\">There is a problem</h2>")
    );
    assert!(html.contains("tabindex=\"-1\" autofocus"));
    assert!(
        html.contains(
            "<li><a href=\"#areas-head_neck\">Select which parts of your body were massaged</a></li>"
        )
    );
    assert!(html.contains(
        "<p class=\"error-message\" id=\"topics-error\"><span class=\"visually-hidden\">Error:</span> Select"
    ));
    assert!(html.contains("aria-describedby=\"topics-hint topics-error\""));
    let at = html.find("id=\"pain-moderate\"").unwrap();
    assert!(html[at..at + 120].contains(" checked"), "the answer given is still selected");
    assert!(html.contains("<input type=\"hidden\" name=\"right_now\" value=\"none\">"));
    assert!(!html.contains("data-level="), "no result yet");
}

#[actix_web::test]
async fn back_shows_the_step_before_with_its_answers_ticked_and_keeps_this_one() {
    let app = service!(real_site());
    let body =
        format!("{}&step=2&action=back&skin=bruise", calm_before(2).replace("topics=none", "topics=skin"));
    let (status, _, html) = post_form!(app, "/self-check", body);
    assert_eq!(status, StatusCode::OK, "Back never shows errors");
    assert_eq!(step_of(&html), 1);
    assert!(!html.contains("error-summary"));
    let at = html.find("id=\"topics-skin\"").unwrap();
    assert!(html[at..at + 120].contains(" checked"));
    assert!(html.contains("<input type=\"hidden\" name=\"skin\" value=\"bruise\">"), "kept for later");
}

#[actix_web::test]
async fn change_your_answers_goes_back_through_the_steps_with_everything_ticked() {
    let app = service!(real_site());
    let (_, _, result) = post_form!(app, "/self-check", calm_except(&[("limb", "one_leg")]));
    assert_eq!(level_of(&result), "urgent");
    let form = &result[result.find("<form class=\"change-answers\"").unwrap()..];
    assert!(form.contains("method=\"post\" action=\"/self-check\""));
    assert!(form.contains("<input type=\"hidden\" name=\"limb\" value=\"one_leg\">"));
    let (status, _, html) = post_form!(app, "/self-check", form_body(form, &[]));
    assert_eq!(status, StatusCode::OK);
    assert_eq!(step_of(&html), 0);
    let at = html.find("id=\"right_now-none\"").unwrap();
    assert!(html[at..at + 120].contains(" checked"));
    // Continue through every step without touching anything: same result.
    let mut html = html;
    while !html.contains("data-level=") {
        let (status, _, next) = post_form!(app, "/self-check", form_body(&html, &[("action", "continue")]));
        assert_eq!(status, StatusCode::OK, "{next}");
        if !next.contains("data-level=") {
            let limb = real_site().questionnaire.step_of("limb").unwrap();
            if step_of(&next) == limb {
                let at = next.find("id=\"limb-one_leg\"").unwrap();
                assert!(next[at..at + 120].contains(" checked"), "ticked on its own step");
            }
        }
        html = next;
    }
    assert_eq!(level_of(&html), "urgent");
}

#[actix_web::test]
async fn tampered_hidden_fields_take_the_reader_to_the_step_that_needs_an_answer() {
    let app = service!(real_site());
    let q = &real_site().questionnaire;
    let fever = q.step_of("fever").unwrap();
    let before =
        format!("{}&kind=light&unwell=no&fever=no", calm_before(2).replace("topics=none", "topics=unwell"));
    for (name, body) in [
        ("unknown option", before.replace("fever=no", "fever=sideways")),
        ("repeated radio", before.replace("fever=no", "fever=no&fever=yes")),
        ("missing answer", before.replace("&fever=no", "")),
    ] {
        let (status, _, html) = post_form!(app, "/self-check", format!("{body}&step=2&action=continue"));
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert_eq!(step_of(&html), fever, "{name}");
        assert!(html.contains("href=\"#fever-yes\">Select whether you have a fever</a>"), "{name}");
        assert!(html.contains("<input type=\"hidden\" name=\"pain\" value=\"mild\">"), "{name}: kept");
    }
    let (status, _, html) =
        post_form!(app, "/self-check", format!("{}&step=2&action=continue", calm_before(1)));
    assert_eq!((status, step_of(&html)), (StatusCode::UNPROCESSABLE_ENTITY, 1), "a skipped step");
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
        let (status, _, html) = post_form!(app, "/self-check", body);
        assert_eq!((status, level_of(&html)), (StatusCode::OK, level), "{body}");
    }
    let (_, _, html) = post_form!(app, "/self-check", "right_now=none&leg=one_leg&days=recent");
    assert!(html.contains("<a href=\"/articles/about#review\">Read more: How we review</a>"), "{html}");
    assert!(html.contains(
        "<span class=\"visually-hidden\">Result level: </span>Urgent</span> Get medical advice today"
    ));
}

#[actix_web::test]
async fn none_of_these_must_be_alone() {
    let app = service!(fixture_site());
    let (status, _, html) =
        post_form!(app, "/self-check", "right_now=none&right_now=chest_pain&leg=no&days=recent");
    assert_eq!(status, StatusCode::OK, "an emergency answer wins over the conflict");
    assert_eq!(level_of(&html), "emergency");
    let (status, _, html) = post_form!(app, "/self-check", "leg=no&days=recent");
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("href=\"#right_now-chest_pain\""), "the first step that needs an answer");
}

/// Hazard H27, the check unavailable (src/selfcheck/hazard-log.md).
#[actix_web::test]
async fn bad_input_gets_a_clear_4xx_page_never_a_5xx() {
    let app = service!(real_site());
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        ("broken percent-encoding", b"limb=%zz".to_vec(), StatusCode::BAD_REQUEST, "broken %-code"),
        ("invalid UTF-8", b"limb=\xff\xfe".to_vec(), StatusCode::BAD_REQUEST, "not UTF-8"),
        ("encoded invalid UTF-8", b"limb=%ff".to_vec(), StatusCode::BAD_REQUEST, "not UTF-8"),
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
            .set_payload("limb=no");
        let res = test::call_service(&app, req.to_request()).await;
        assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
    }
    let res = test::call_service(&app, TestRequest::post().uri("/self-check").to_request()).await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "no content type");
    let (status, _, _) = post_form!(app, "/self-check", format!("{}&unknown_field=whatever&submit=1", CALM));
    assert_eq!(status, StatusCode::OK, "unknown fields are ignored");
    for body in
        ["step=99999999999999999999", "action=%00", "step=1&step=2&action=back&action=change", "right_now="]
    {
        let (status, _, html) = post_form!(app, "/self-check", body);
        assert!(status.is_success() || status == StatusCode::UNPROCESSABLE_ENTITY, "{body}: {status}");
        assert!(html.contains("class=\"site-header\""), "{body}");
    }
    let res = test::call_service(&app, TestRequest::put().uri("/self-check").to_request()).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers().get(header::ALLOW).unwrap(), "GET, HEAD, POST");
}

#[actix_web::test]
async fn answers_never_appear_in_a_location_header_a_link_or_a_cookie() {
    let app = service!(real_site());
    let bodies = [
        calm_except(&[("limb", "one_leg"), ("fever", "yes")]),
        "right_now=chest_pain".to_string(),
        "step=3&limb=one_leg".to_string(),
        format!("{}&step=2&action=back", calm_except(&[("limb", "one_leg")])),
        format!("{}&action=change", calm_except(&[("limb", "one_leg")])),
        "limb=%zz".to_string(),
    ];
    for body in bodies {
        let (_, headers, html) = post_form!(app, "/self-check", body);
        assert!(headers.get(header::LOCATION).is_none(), "{body}");
        assert!(headers.get(header::SET_COOKIE).is_none(), "{body}");
        for (i, _) in html.match_indices("href=\"") {
            let href = &html[i + 6..i + 6 + html[i + 6..].find('"').unwrap()];
            assert!(!href.contains('?') && !href.contains('='), "{body}: a link carries data: {href}");
        }
        assert!(!html.contains("action=\"/self-check?"), "{body}");
    }
}

/// The real site with another `--region`.
fn site_in(region: Region) -> actix_web::web::Data<Site> {
    actix_web::web::Data::new(common::TestSite::real().region(region).build())
}

/// Hazard H22, wrong place of care (src/selfcheck/hazard-log.md).
#[actix_web::test]
async fn the_region_leads_every_emergency_number_and_gives_its_own_health_lines() {
    for (region, number, place, line, line_tel) in [
        (Region::Uk, "999", "UK", "In Scotland, call 111 (NHS 24).", "111"),
        (
            Region::NewZealand,
            "111",
            "New Zealand",
            "Call Healthline free on 0800 611 116, day or night.",
            "0800611116",
        ),
        (Region::Canada, "911", "US and Canada", "call 811 to speak to a nurse", "811"),
        (
            Region::Australia,
            "000",
            "Australia",
            "Call healthdirect on 1800 022 222 to speak to a nurse.",
            "1800022222",
        ),
    ] {
        let first = format!("<a class=\"tel\" href=\"tel:{number}\">{number}</a> ({place})");
        let app = service!(site_in(region));
        for path in ["/", "/articles/about", "/no-such-page"] {
            let res = test::call_service(&app, TestRequest::get().uri(path).to_request()).await;
            let body = test::read_body(res).await;
            let html = text(&body);
            assert!(
                html.contains(&format!("call {first}")),
                "{region} {path}: the footer leads with {first}"
            );
        }
        let (_, _, urgent) = post_form!(app, "/self-check", calm_except(&[("limb", "one_arm")]));
        assert_eq!(level_of(&urgent), "urgent");
        let mut words = String::new();
        let mut in_tag = false;
        for c in urgent.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => words.push(c),
                _ => {}
            }
        }
        assert!(words.contains(line), "{region}: the urgent result names {line}");
        assert!(urgent.contains(&format!("href=\"tel:{line_tel}\"")), "{region}: {line_tel} is tap-to-call");
        let (_, _, emergency) = post_form!(app, "/self-check", "step=0&right_now=stroke_signs");
        assert!(
            emergency.contains(&format!("<li><a class=\"tel\" href=\"tel:{number}\">{number}</a>")),
            "{region}"
        );
    }
}

/// Hazard H26, false reassurance (src/selfcheck/hazard-log.md).
#[actix_web::test]
async fn the_result_is_a_summary_to_show_a_doctor_with_the_time_and_every_answer() {
    let app = service!(real_site());
    let (_, _, html) = post_form!(
        app,
        "/self-check",
        calm_except(&[("limb", "one_arm"), ("fever", "yes"), ("areas", "calves"), ("areas", "feet")])
    );
    assert!(!html.contains('\0'), "every hole of the page prepared at start-up is filled");
    const STAMP: &str = "done on <time datetime=\"";
    let at = html.find(STAMP).expect("the date and time") + STAMP.len();
    let stamp = &html[at..at + 17];
    assert!(stamp.starts_with("20") && stamp.ends_with('Z') && stamp.contains('T'), "{stamp}");
    assert!(html.contains(" UTC</time>. It does not diagnose: it suggests how soon to get help.</p>"));
    assert!(html.contains("id=\"print-summary\""));
    assert!(
        html.contains("save it as a PDF (on a phone: Share, then Print)"),
        "plain instructions without JavaScript"
    );
    assert!(html.contains("/static/print."), "the print button's script");
    let q = &real_site().questionnaire;
    for question in q.questions() {
        let asked = match question.topic.as_deref() {
            // The pregnancy signs are opened by "pregnant", which this reader did not tick.
            None => question.id != "pregnancy",
            Some(topic) => ["swelling", "unwell"].contains(&topic),
        };
        let shown = html.contains(&format!("<dt>{}</dt>", question.label));
        assert_eq!(shown, asked, "every answer asked, and only those: {}", question.id);
    }
    let areas = q.question("areas").expect("the areas question");
    let label = |id: &str| areas.option(id).map(|option| option.label.as_str()).expect("the option");
    assert!(html.contains(&format!(
        "<dt>{}</dt><dd>{}; {}</dd>",
        areas.label,
        label("calves"),
        label("feet")
    )));
    for (question, option) in [("limb", "one_arm"), ("areas", "calves"), ("areas", "feet"), ("pain", "mild")]
    {
        let field = format!("<input type=\"hidden\" name=\"{question}\" value=\"{option}\">");
        assert_eq!(html.matches(&field).count(), 1, "sent back once with \"Change your answers\": {field}");
    }
    let res = test::call_service(&app, TestRequest::get().uri("/self-check").to_request()).await;
    let body = test::read_body(res).await;
    assert!(!text(&body).contains("/static/print."), "only results load the print script");
}

#[test]
fn the_questionnaire_text_goes_through_the_readability_gate() {
    let paths = common::paths(&common::root().join("articles"));
    Content::load(&paths, &Default::default()).expect("the real articles load at the default limit");
    let strict = knotwise::content::gate::Options { max_grade: "1".parse().unwrap() };
    let problems = Content::load(&paths, &strict).expect_err("nothing reads at grade 1");
    let found = problems.iter().find(|p| p.file.ends_with("self-check.toml")).expect("a problem at grade 1");
    assert!(
        found.message.contains("the self-check's text") && found.message.contains("above the limit of 1.0")
    );
    assert!(found.fix.contains("shorter sentences"));
}

/// Hazard H27, the check unavailable (src/selfcheck/hazard-log.md).
#[actix_web::test]
async fn with_the_self_check_off_it_says_so_and_gives_the_numbers_and_warning_signs() {
    let articles = common::root().join("articles");
    let site = common::TestSite::real().build().with_self_check(false, &articles).unwrap();
    let app = service!(actix_web::web::Data::new(site));
    let res = test::call_service(&app, TestRequest::get().uri("/self-check").to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = test::read_body(res).await;
    let html = text(&body);
    assert!(html.contains("<h1>The self-check is not available</h1>"));
    assert!(html.contains("<li><a class=\"tel\" href=\"tel:999\">999</a> in the UK</li>"));
    assert!(html.contains("In Scotland, call 111 (NHS 24)."));
    assert!(
        html.contains("href=\"/articles/emergency-signs\"")
            && html.contains("href=\"/articles/warning-signs\"")
    );
    assert!(!html.contains("name=\"right_now\""), "no questions");
    let (status, _, html) = post_form!(app, "/self-check", CALM);
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("The self-check is not available") && !html.contains("data-level="), "no result");
}

/// An operator who turned the self-check off gets it off everywhere the
/// site is built: watch-mode rebuilds and exports too, not only `serve`.
#[actix_web::test]
async fn the_self_check_stays_off_in_watch_mode_rebuilds_and_exports() {
    let articles = common::root().join("articles");
    let off = "<h1>The self-check is not available</h1>";
    let settings = |self_check| Settings {
        paths: common::paths(&articles),
        base_url: common::BASE_URL.to_string(),
        region: Region::Uk,
        self_check,
        gate: Default::default(),
    };
    for (self_check, shown) in [(false, true), (true, false)] {
        let app =
            service!(actix_web::web::Data::new(live::build(&settings(self_check), common::TODAY).unwrap()));
        let res = test::call_service(&app, TestRequest::get().uri("/self-check").to_request()).await;
        let body = test::read_body(res).await;
        assert_eq!(text(&body).contains(off), shown, "a rebuild with the self-check on: {self_check}");
    }
    for (flag, shown) in [("off", true), ("on", false)] {
        let dir = tempfile::tempdir().unwrap();
        let out = common::server::knotwise()
            .arg("export")
            .arg(dir.path())
            .args(["--base-url", common::BASE_URL, "--self-check", flag])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let page = std::fs::read_to_string(dir.path().join(file_for(urls::SELF_CHECK))).unwrap();
        assert_eq!(page.contains(off), shown, "export --self-check {flag}");
    }
}

/// The words a reader reads in the page's `<main>`: its text with tags,
/// scripts and styles taken out; a word is a run of characters between
/// spaces that holds a letter or a digit. Hidden fields and attributes are
/// not read, so they do not count; button words, labels and hints do.
fn main_words(html: &str) -> usize {
    let start = html.find("<main").expect("a main element");
    let end = html[start..].find("</main>").expect("a closed main") + start;
    let mut text = String::new();
    let mut rest = &html[start..end];
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag = &rest[open..];
        let skip_to = ["<script", "<style"]
            .iter()
            .find(|name| tag.starts_with(*name))
            .map(|name| format!("</{}>", &name[1..]));
        rest = match skip_to {
            Some(close) => tag.find(&close).map_or("", |at| &tag[at + close.len()..]),
            None => tag.find('>').map_or("", |at| &tag[at + 1..]),
        };
    }
    text.push_str(rest);
    if std::env::var_os("SHOW_WORDS").is_some() {
        println!("-----\n{}", text.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    text.split_whitespace().filter(|word| word.chars().any(char::is_alphanumeric)).count()
}

/// The calm reader (a mild ache the day after a massage, nothing else)
/// walked through the real POST flow as a browser would, from the first
/// page to the result, counting every page (the result too), every question
/// asked and every word of `<main>` on each page. The budgets: at
/// most 3 pages, 8 questions and 800 words.
/// Hazard H21, abandonment (src/selfcheck/hazard-log.md).
#[actix_web::test]
async fn the_calm_reader_is_through_in_three_short_pages() {
    let app = service!(real_site());
    let res = test::call_service(&app, TestRequest::get().uri("/self-check").to_request()).await;
    let mut html = text(&test::read_body(res).await).to_string();
    let (mut pages, mut questions, mut words) = (1, 0, main_words(&html));
    let mut log = vec![format!("page 1: {} words", main_words(&html))];
    while !html.contains("data-level=\"") {
        assert!(pages < 10, "no result after 10 pages");
        let mut extra = calm_answers_for(&html);
        questions += extra.len();
        extra.push(("action", "continue"));
        let (status, _, next) = post_form!(app, "/self-check", form_body(&html, &extra));
        assert_eq!(status, StatusCode::OK, "page {pages}: {next}");
        html = next;
        pages += 1;
        words += main_words(&html);
        log.push(format!("page {pages}: {} words", main_words(&html)));
    }
    assert_eq!(level_of(&html), "expected");
    println!("calm reader: {pages} pages, {questions} questions, {words} words ({})", log.join(", "));
    assert!(pages <= 3, "{pages} pages: {}", log.join(", "));
    assert!(questions <= 8, "{questions} questions");
    assert!(words <= 800, "{words} words: {}", log.join(", "));
}

/// The headline follows the reasons: an ambulance (not by car) for a
/// stroke, A&E for a sign whose reason says A&E, A&E today for dark pee; and
/// every phone number the result itself gives is a tap-to-call link.
#[actix_web::test]
async fn the_result_gives_one_instruction_and_numbers_to_tap() {
    let app = service!(real_site());
    for (body, headline) in [
        ("step=0&right_now=stroke_signs", "Call an ambulance now. Do not go by car"),
        ("step=0&right_now=cauda_equina", "Go to A&E now"),
        (calm_except(&[("pee", "dark")]).as_str(), "Go to A&E today"),
        (calm_except(&[("fever", "yes")]).as_str(), "Contact your GP or a pharmacist in the next few days"),
    ] {
        let (status, _, html) = post_form!(app, "/self-check", body);
        assert_eq!(status, StatusCode::OK);
        let escaped = headline.replace('&', "&#38;");
        assert!(html.contains(&format!("</span> {escaped}</h2>")), "{body}: {headline}");
        assert!(!html.contains("take you to A&#38;E if that is faster"), "{body}");
        // Below an emergency the card lists the numbers (templates/emergency_numbers.html);
        // the other results give them in their own line, as links.
        if !html.contains("data-level=\"emergency\"") {
            assert!(html.contains("<a class=\"tel\" href=\"tel:999\">999</a> (UK)"), "{body}: tap to call");
        }
    }
}
