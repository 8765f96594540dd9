//! Review dates the site keeps true on its own: a page whose next clinical
//! review has passed says so, in its words and its structured data, from
//! the day after, without a restart. The day is always given (a fixed date
//! here, never the system clock), as the server gives it each hour.

mod common;

use actix_web::http::{StatusCode, header};
use actix_web::test::{self, TestRequest};
use actix_web::web;
use common::{TODAY, fixture, text};
use knotwise::date::Date;
use knotwise::site::Site;

const DUE: &str = "/articles/due";
const LATER: &str = "/articles/later";

fn day(year: u16, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

/// The `reviews` fixture (two reviewed articles and reviewed questions),
/// built as true on `today`.
fn site_on(today: Date) -> web::Data<Site> {
    web::Data::new(fixture("reviews").as_site().today(today).build())
}

/// The page at `path`, which answers 200, and its ETag.
async fn get(site: &web::Data<Site>, path: &str) -> (String, String) {
    let reply = get!(service!(site.clone()), path);
    assert_eq!(reply.status, StatusCode::OK, "{path}");
    let etag = reply.headers.get(header::ETAG).expect("an ETag").to_str().unwrap().to_string();
    (reply.text().to_string(), etag)
}

/// The result page of a self-check that ends at once (an emergency sign).
async fn result(site: &web::Data<Site>) -> String {
    let app = service!(site.clone());
    let req = TestRequest::post()
        .uri("/self-check")
        .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
        .set_payload("right_now=chest_pain");
    let res = test::call_service(&app, req.to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
    text(&test::read_body(res).await).to_string()
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("application/ld+json\">").expect("JSON-LD") + 21;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

fn is_current(html: &str, due: &str) {
    assert!(html.contains("<dt>Next review due</dt>"), "{html}");
    assert!(html.contains(due), "{due}");
    assert!(!html.contains("Review overdue"));
    assert_eq!(json_ld(html)["@graph"][0]["lastReviewed"], "2026-11-05");
}

fn is_overdue(html: &str) {
    assert!(html.contains("<dt>Review overdue</dt>"), "{html}");
    assert!(html.contains("was due by <time datetime=\"2027-01-10\">10 January 2027</time>"));
    assert!(!html.contains("Next review due"));
    assert!(html.contains("<dt>Clinically reviewed</dt>"), "the past review is still named");
    let page = &json_ld(html)["@graph"][0];
    assert!(page.get("lastReviewed").is_none() && page.get("reviewedBy").is_none(), "{page}");
}

#[actix_web::test]
async fn a_page_turns_overdue_the_day_after_its_next_review_without_a_restart() {
    let site = site_on(TODAY);
    let (before, etag_before) = get(&site, DUE).await;
    is_current(&before, "10 January 2027");
    assert!(result(&site).await.contains("Next review due <time datetime=\"2027-01-10\">"));

    // The due day itself is not overdue.
    assert!(site.review_on(day(2027, 1, 10)).unwrap().is_empty());
    assert_eq!(get(&site, DUE).await.0, before);

    assert_eq!(site.review_on(day(2027, 1, 11)).unwrap(), [DUE], "only the page that is due");
    let (after, etag_after) = get(&site, DUE).await;
    is_overdue(&after);
    assert_ne!(etag_before, etag_after, "a cache holding the old page revalidates as a miss");
    is_current(&get(&site, LATER).await.0, "1 June 2028");
    let result = result(&site).await;
    assert!(result.contains("was due by <time datetime=\"2027-01-10\">10 January 2027</time>"), "{result}");
    assert!(!result.contains("Next review due"));

    // The site never goes back, and makes each overdue page once.
    assert!(site.review_on(TODAY).unwrap().is_empty());
    assert_eq!(site.today(), day(2027, 1, 11));
    assert_eq!(get(&site, DUE).await.0, after);
}

#[actix_web::test]
async fn a_site_built_after_the_date_is_overdue_from_the_start_with_the_same_bytes() {
    let switched = site_on(TODAY);
    switched.review_on(day(2027, 1, 11)).unwrap();
    let built = site_on(day(2027, 1, 11));
    let (overdue, _) = get(&built, DUE).await;
    is_overdue(&overdue);
    assert_eq!(overdue, get(&switched, DUE).await.0, "one way to make the overdue page");
    assert!(result(&built).await.contains("and has not been done yet, so some advice may be out of date."));
}

#[actix_web::test]
async fn compressed_forms_of_an_overdue_page_say_the_same() {
    let site = site_on(TODAY);
    site.compress();
    site.review_on(day(2028, 6, 2)).unwrap();
    let app = service!(site.clone());
    for path in [DUE, LATER] {
        let req = TestRequest::get().uri(path).insert_header((header::ACCEPT_ENCODING, "br")).to_request();
        let res = test::call_service(&app, req).await;
        assert_eq!(res.headers().get(header::CONTENT_ENCODING).unwrap(), "br", "{path}");
        let mut html = String::new();
        let body = test::read_body(res).await;
        std::io::Read::read_to_string(&mut brotli::Decompressor::new(&body[..], 4096), &mut html).unwrap();
        assert!(html.contains("<dt>Review overdue</dt>"), "{path}");
        assert_eq!(html, get(&site, path).await.0, "{path}: brotli and identity agree");
    }
}

/// Runs `knotwise check` on the `reviews` fixture plus a page whose review
/// was due in 2020 (overdue whatever day the test runs).
fn check(args: &[&str]) -> (bool, String, String) {
    let fixture = fixture("reviews");
    let old = "+++\ntitle = \"Old: a page past its review\"\ndescription = \"A fixture article whose review is long overdue.\"\n\
               published = 2019-01-02\nreviewed = 2019-01-05\nnext_review = 2020-01-05\n\
               reviewer = { name = \"Dr Test Reviewer\", role = \"GP\" }\norder = 3\n+++\n\nRest a little. Read [how we review](/articles/about#review).\n";
    std::fs::write(fixture.articles().join("old.md"), old).unwrap();
    let out = common::server::knotwise()
        .arg("check")
        .arg("--articles")
        .arg(fixture.articles())
        .arg("--static")
        .arg(fixture.statics())
        .args(args)
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), stdout.into_owned(), stderr.into_owned())
}

#[test]
fn check_warns_of_an_overdue_review_and_still_passes() {
    let (passed, stdout, stderr) = check(&[]);
    assert!(passed, "{stdout}\n{stderr}");
    assert!(stderr.contains("these do not fail the check"), "{stderr}");
    assert!(stderr.contains("old.md: the next clinical review was due on 5 January 2020 ("), "{stderr}");
    assert_eq!(stderr.matches("warning:").count(), 1, "only the overdue page: {stderr}");
    assert!(stdout.contains("All 4 articles pass"), "{stdout}");
}

#[test]
fn check_due_lists_every_review_within_the_days_with_its_date() {
    // 36500 days: every review in the fixture, whatever the real date.
    let (passed, stdout, stderr) = check(&["--due", "36500d"]);
    assert!(passed, "{stdout}\n{stderr}");
    assert!(stdout.contains("4 of 4 reviewed pages have a clinical review due by"), "{stdout}");
    let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  20")).collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[0].starts_with("  2020-01-05  overdue by ") && lines[0].contains("old.md"), "{stdout}");
    assert!(
        lines[1].starts_with("  2027-01-10") && lines[1].contains("due.md  (Due: a page checked"),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with("  2027-01-10")
            && lines[2].contains("self-check.toml  (The self-check questions)")
    );
    assert!(lines[3].starts_with("  2028-06-01") && lines[3].contains("later.md"), "{stdout}");
}

#[test]
fn check_due_refuses_a_value_that_is_not_days() {
    for bad in ["60x", "-1d", "d", "sixty", "99999999d"] {
        let (passed, _, stderr) = check(&[&format!("--due={bad}")]);
        assert!(!passed, "{bad}");
        assert!(stderr.contains(&format!("invalid value '{bad}' for '--due <DAYS>'")), "{stderr}");
        assert!(stderr.contains("fix: write --due with whole days up to 36500, e.g. --due 60d"), "{stderr}");
    }
}

#[actix_web::test]
async fn change_notes_show_as_last_updated_with_a_disclosure_newest_first() {
    let site = web::Data::new(fixture("valid").site());
    let (html, _) = get(&site, "/articles/alpha").await;
    let facts = &html[html.find("<dl class=\"page-facts\">").unwrap()..html.find("</dl>").unwrap()];
    assert!(
        facts.contains(
            "<dt>Last updated</dt><dd><time datetime=\"2026-11-10\">10 November 2026</time>\n\
             <details class=\"changes\">\n<summary>What changed</summary>\n<ul>\n\
             <li><time datetime=\"2026-11-10\">10 November 2026</time>: Said when to get help &#38; why.</li>\n\
             <li><time datetime=\"2026-11-04\">4 November 2026</time>: Added what is normal.</li>\n</ul>\n</details></dd>"
        ),
        "{facts}"
    );
    // Without notes there is no "Last updated" at all.
    let (beta, _) = get(&site, "/articles/beta").await;
    assert!(!beta.contains("Last updated") && !beta.contains("<details"), "{beta}");
}
