//! Search work is bounded: words and spelling per query are capped, and
//! when too many searches are in flight the reader gets a fast "busy" page
//! with the emergency numbers, through `web::app`.

mod common;

use actix_web::http::{StatusCode, header};
use knotwise::search::limits::MAX_IN_FLIGHT;
use knotwise::search::{MAX_QUERY_WORDS, MAX_SPELLED_WORDS};

async fn get(
    site: &actix_web::web::Data<knotwise::site::Site>,
    path: &str,
) -> (StatusCode, String, header::HeaderMap) {
    let reply = get!(service!(site.clone()), path);
    (reply.status, reply.text().to_string(), reply.headers)
}

#[actix_web::test]
async fn a_full_search_gets_the_busy_page_with_the_emergency_numbers_at_once() {
    // A site of its own: the shared one is searched by the other tests.
    let site = actix_web::web::Data::new(common::fixture("valid").site());
    let admitted: Vec<_> = (0..MAX_IN_FLIGHT).map(|_| site.search.limits.admit().expect("room")).collect();
    let (status, body, headers) = get(&site, "/search?q=knot").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers.get(header::RETRY_AFTER).unwrap(), "5");
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "private, no-store");
    assert!(body.contains("Search is busy") && body.contains("try again in a few seconds"), "{body}");
    assert!(body.contains("999"), "the emergency number is on the busy page: {body}");
    // Pages other than search are not limited.
    assert_eq!(get(&site, "/").await.0, StatusCode::OK);
    drop(admitted);
    let (status, body, _) = get(&site, "/search?q=knot").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(site.search.limits.in_flight(), 0, "every search leaves the count");
}

#[test]
fn only_the_first_words_are_searched_but_a_sign_named_late_is_still_found() {
    let site = common::real_site();
    let filler = "knot shoulder neck back calf thigh arm hip foot hand wrist elbow";
    assert!(filler.split(' ').count() > MAX_QUERY_WORDS);
    let answer = site.search.answer(&format!("{filler} chest pain"), 1);
    assert!(answer.words_cut);
    assert!(answer.emergency, "the emergency card shows for a sign after the cap");
    let short = site.search.answer("knot in my shoulder", 1);
    assert!(!short.words_cut && !short.emergency);
}

#[actix_web::test]
async fn a_long_query_says_which_words_were_searched() {
    let site = common::real_site();
    let query = "knot+shoulder+neck+back+calf+thigh+arm+hip+foot+hand+wrist+elbow";
    let (status, body, _) = get(&site, &format!("/search?q={query}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&format!("so we searched for its first {MAX_QUERY_WORDS} words only")), "{body}");
}

#[test]
fn at_most_a_few_unknown_words_get_a_suggestion() {
    let site = common::real_site();
    let answer = site.search.answer("masage sorness stifness shouldr knto", 1);
    let suggestion = answer.suggestion.expect("the first words are corrected");
    let changed = suggestion
        .split(' ')
        .zip("masage sorness stifness shouldr knto".split(' '))
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, MAX_SPELLED_WORDS, "{suggestion}");
    assert!(suggestion.starts_with("massage soreness"), "{suggestion}");
}
