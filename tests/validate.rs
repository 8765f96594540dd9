//! Every page and every state through the W3C Nu HTML Checker (vnu), the
//! validator behind validator.w3.org: zero errors. The pages come from
//! `web::app`, byte for byte what readers get; the states are made by
//! requests, as a reader makes them: each self-check step, its errors, a
//! result at every level, the search states, the error pages, the page
//! shown with the self-check off and watch mode's problems panel.
//!
//! Needs Java and `tests/node_modules/vnu-jar` (`.ci/run` installs both).

mod common;

use actix_web::http::{Method, header};
use actix_web::test::{self, TestRequest};
use actix_web::web::Data;
use common::vnu::validate;
use common::{real_site, root};
use knotwise::problem::Problem;
use knotwise::selfcheck::{Level, Questionnaire};
use knotwise::site::Site;
use std::path::Path;

/// One page or state to check: a name for messages, and its HTML.
struct Page {
    name: String,
    html: String,
}

/// Writes each page as `<n>-<name>.html` into a new folder.
fn write_all(pages: &[Page]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, page) in pages.iter().enumerate() {
        let name: String =
            page.name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).take(60).collect();
        std::fs::write(dir.path().join(format!("{i:03}-{name}.html")), &page.html).unwrap();
    }
    dir
}

async fn request(site: &Data<Site>, method: Method, uri: &str, form: Option<String>) -> String {
    let service = service!(site.clone());
    let mut req = TestRequest::default().method(method).uri(uri);
    if let Some(form) = form {
        req =
            req.insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded")).set_payload(form);
    }
    let res = test::call_service(&service, req.to_request()).await;
    String::from_utf8(test::read_body(res).await.to_vec()).unwrap()
}

/// A calm answer to every question: its "None of these", or its first
/// answer that raises nothing.
fn calm(questionnaire: &Questionnaire) -> Vec<(String, String)> {
    questionnaire
        .questions()
        .iter()
        .map(|q| {
            let option = q.exclusive().or_else(|| q.options.iter().find(|o| o.raises().is_none()));
            (q.id.clone(), option.expect("every question has a calm answer").id.clone())
        })
        .collect()
}

/// The answers with `topic` ticked on the topics question instead of its calm answer.
fn with_topic(
    questionnaire: &Questionnaire,
    answers: &[(String, String)],
    topic: &str,
) -> Vec<(String, String)> {
    let topics = questionnaire.topics_question().expect("the topics question").id.clone();
    answers
        .iter()
        .map(|(q, o)| if *q == topics { (q.clone(), topic.to_string()) } else { (q.clone(), o.clone()) })
        .collect()
}

fn form(answers: &[(String, String)], extra: &str) -> String {
    let pairs: Vec<String> = answers.iter().map(|(q, o)| format!("{q}={o}")).collect();
    format!("{}{extra}", pairs.join("&"))
}

/// Every self-check state: each step as reached, a step with errors, and
/// for each level the first answer that leads to it, with calm answers
/// elsewhere.
async fn self_check_states(site: &Data<Site>) -> Vec<Page> {
    let q = &site.questionnaire;
    let calm = calm(q);
    // "Something else, or not sure" opens every topic's question on the last step.
    let not_sure = with_topic(q, &calm, "other");
    let mut pages = Vec::new();
    for step in 0..q.steps().len() {
        let before: Vec<(String, String)> =
            not_sure.iter().filter(|(id, _)| q.step_of(id).is_some_and(|s| s < step)).cloned().collect();
        let html = if step == 0 {
            request(site, Method::GET, "/self-check", None).await
        } else {
            let extra = format!("&step={}&action=continue", step - 1);
            request(site, Method::POST, "/self-check", Some(form(&before, &extra))).await
        };
        let first = &q.step_questions(step)[0].id;
        assert!(html.contains(&format!(" id=\"{first}\">")), "step {step}: {html}");
        pages.push(Page { name: format!("self-check step {step}"), html });
    }
    let one_topic: Vec<(String, String)> = with_topic(q, &calm, "skin")
        .into_iter()
        .filter(|(id, _)| q.step_of(id).is_some_and(|s| s < 2))
        .collect();
    let html =
        request(site, Method::POST, "/self-check", Some(form(&one_topic, "&step=1&action=continue"))).await;
    assert!(html.contains(" id=\"skin\">") && !html.contains(" id=\"fever\">"), "only the skin: {html}");
    pages.push(Page { name: "self-check step 2, one topic".into(), html });
    let html = request(site, Method::POST, "/self-check", Some("step=0&action=continue".into())).await;
    assert!(html.contains("error-summary"), "{html}");
    pages.push(Page { name: "self-check errors".into(), html });
    for level in [Level::Expected, Level::SelfCare, Level::Contact, Level::Urgent, Level::Emergency] {
        let mut answers = calm.clone();
        let raising = q.questions().iter().find_map(|question| {
            let option = question.options.iter().find(|o| o.raises() == Some(level))?;
            Some((question.id.clone(), option.id.clone()))
        });
        if let Some((question, option)) = raising {
            if let Some(topic) = q.question(&question).and_then(|q| q.topic.as_deref()) {
                answers = with_topic(q, &answers, topic);
            }
            answers.retain(|(id, _)| *id != question);
            answers.push((question, option));
        }
        let html = request(site, Method::POST, "/self-check", Some(form(&answers, ""))).await;
        assert!(html.contains(&format!("data-level=\"{}\"", level.id())), "a result at {level:?}");
        pages.push(Page { name: format!("self-check result {}", level.id()), html });
        let change = form(&answers, "&action=change");
        let html = request(site, Method::POST, "/self-check", Some(change)).await;
        pages.push(Page { name: format!("self-check change {}", level.id()), html });
    }
    pages
}

#[actix_web::test]
async fn every_page_and_state_has_no_html_errors() {
    let site = real_site();
    let mut pages = Vec::new();
    for path in site.paths().map(str::to_string).collect::<Vec<_>>() {
        if site.get(&path).is_some_and(|p| p.content_type.starts_with("text/html")) {
            let html = request(&site, Method::GET, &path, None).await;
            pages.push(Page { name: path, html });
        }
    }
    assert!(pages.len() > 15, "every article, the home page and the self-check: {}", pages.len());
    let odd = ["/search?q=%3Cscript%3E%22%27", "/search?q=%FF", "/no-such-page", "/articles/no-such-article"];
    for uri in common::SEARCH_STATES.into_iter().chain(odd) {
        pages.push(Page { name: uri.into(), html: request(&site, Method::GET, uri, None).await });
    }
    let long = format!("/search?q={}", "knot+".repeat(60));
    pages.push(Page { name: "search cut".into(), html: request(&site, Method::GET, &long, None).await });
    pages.push(Page { name: "405".into(), html: request(&site, Method::DELETE, "/", None).await });
    pages.extend(self_check_states(&site).await);

    let articles = root().join("articles");
    let off = common::TestSite::real()
        .region(knotwise::emergency::Region::NewZealand)
        .build()
        .with_self_check(false, &articles)
        .unwrap();
    // The export's pages for when the origin does not answer.
    let fallbacks = knotwise::export::Fallbacks::render(&off, &articles).unwrap();
    for (name, file) in fallbacks.pages() {
        pages.push(Page { name: name.into(), html: String::from_utf8(file.to_vec()).unwrap() });
    }
    let html = request(&Data::new(off), Method::GET, "/self-check", None).await;
    pages.push(Page { name: "self-check off, nz".into(), html });

    pages.extend(review_states().await);
    for (name, form) in [
        ("feedback yes", "page=about&answer=yes"),
        ("feedback no, the reasons", "page=about&answer=no"),
        ("feedback reason", "page=about&reason=looks-wrong"),
        ("feedback refused", "page=no-such-page&answer=yes"),
    ] {
        let html = request(&site, Method::POST, "/feedback", Some(form.into())).await;
        pages.push(Page { name: name.into(), html });
    }

    let home = &pages[0].html;
    let problems = [
        Problem::at(Path::new("articles/a.md"), 3, "the link `<b>&` leads nowhere", "link to a page"),
        Problem::in_file(Path::new("articles/b.md"), "the prose reads at grade 12", "use shorter sentences"),
    ];
    let html = knotwise::authoring::live::annotate(home, &problems, 2);
    pages.push(Page { name: "watch mode problems".into(), html });

    let dir = write_all(&pages);
    let errors = validate(dir.path());
    assert!(errors.is_empty(), "{} HTML errors:\n{}", errors.len(), errors.join("\n"));
}

/// The states that depend on the day: an article and a self-check result
/// whose clinical review is overdue (the `reviews` fixture, a day after).
async fn review_states() -> Vec<Page> {
    let site = Data::new(common::fixture("reviews").as_site().build());
    let current = request(&site, Method::GET, "/articles/due", None).await;
    site.review_on(knotwise::date::Date { year: 2027, month: 1, day: 11 }).unwrap();
    let overdue = request(&site, Method::GET, "/articles/due", None).await;
    assert!(overdue.contains("Review overdue"), "{overdue}");
    let result = request(&site, Method::POST, "/self-check", Some("right_now=chest_pain".into())).await;
    assert!(result.contains("has not been done yet"), "{result}");
    vec![
        Page { name: "review current".into(), html: current },
        Page { name: "review overdue".into(), html: overdue },
        Page { name: "self-check result, review overdue".into(), html: result },
    ]
}

/// The checker itself finds errors, so the test above can fail.
#[test]
fn the_validator_reports_broken_html() {
    let bad = Page {
        name: "bad".into(),
        html: "<!doctype html><html lang=\"en\"><head><title>x</title></head><body><p><div></div></p></body></html>"
            .into(),
    };
    let dir = write_all(&[bad]);
    let errors = validate(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("000-bad.html:1: No “p” element in scope"), "{errors:?}");
}
