//! Search over the real site, through `web::app`: ranking, synonyms,
//! spelling, stemming, the emergency card, bad input, escaping, privacy,
//! and the header form on every page.

mod common;

use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::test as http;
use knotwise::search::Answer;

/// The status, text and headers of the real site's answer at `path`.
async fn get(path: &str) -> (StatusCode, String, HeaderMap) {
    let reply = get!(service!(common::real_site()), path);
    (reply.status, reply.text().to_string(), reply.headers)
}

fn answer(query: &str) -> Answer<'static> {
    common::real_search().answer(query, 1)
}

fn paths<'a>(answer: &'a Answer<'_>) -> Vec<&'a str> {
    answer.found.hits.iter().map(|h| h.href.as_str()).collect()
}

fn first(query: &str) -> String {
    let answer = answer(query);
    paths(&answer).first().map(|p| p.to_string()).unwrap_or_else(|| panic!("`{query}` found nothing"))
}

#[test]
fn each_articles_main_topic_finds_it_first() {
    for (query, path) in [
        ("muscle knot", "/articles/what-is-a-muscle-knot"),
        ("sore after a massage", "/articles/soreness-after-massage"),
        ("how long does soreness last", "/articles/soreness-after-massage"),
        ("aftercare", "/articles/aftercare-first-three-days"),
        ("warning signs", "/articles/warning-signs"),
        ("before you book", "/articles/before-you-book"),
        ("does massage help", "/articles/does-massage-help"),
        ("massage myths", "/articles/massage-myths"),
        ("lactic acid", "/articles/massage-myths"),
        ("massage mistakes", "/articles/mistakes-that-make-knots-worse"),
        ("massage yourself safely", "/articles/self-massage-safely"),
        ("about knotwise", "/articles/about"),
        ("cookies", "/articles/about"),
        ("self-check", "/self-check"),
        ("post-massage check", "/self-check"),
    ] {
        assert_eq!(first(query), path, "`{query}`");
    }
}

#[test]
fn the_self_check_is_found_by_its_description_and_drafts_and_404_never() {
    let answer = answer("find out if how you feel is normal");
    assert!(paths(&answer).contains(&"/self-check"), "{:?}", paths(&answer));
    for query in ["page not found", "massage", "knot", "the"] {
        let found = paths(&self::answer(query)).join(" ");
        assert!(!found.contains("404") && !found.contains("draft"), "`{query}`: {found}");
    }
}

#[test]
fn drafts_in_a_fixture_site_are_never_found() {
    let site = common::fixture_site();
    let drafts: Vec<String> = std::fs::read_dir(common::root().join("tests/fixtures/valid/articles"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("draft = true")))
        .map(|e| format!("/articles/{}", e.path().file_stem().unwrap().to_string_lossy()))
        .collect();
    for query in ["draft", "massage", "knot", "soreness", "article"] {
        let answer = site.search.answer(query, 1);
        for hit in &answer.found.hits {
            assert!(!drafts.contains(&hit.href), "`{query}` found the draft {}", hit.href);
        }
    }
}

#[test]
fn synonyms_find_the_right_page() {
    for (query, path) in [
        ("trigger point", "/articles/what-is-a-muscle-knot"),
        ("tender spot", "/articles/what-is-a-muscle-knot"),
        ("lump in my shoulder", "/articles/what-is-a-muscle-knot"),
        ("percussion", "/articles/self-massage-safely"),
        ("urine", "/articles/warning-signs"),
        ("thrombosis", "/articles/self-massage-safely"),
    ] {
        assert_eq!(first(query), path, "`{query}`");
    }
    // DOMS is not in any article: only its synonyms are.
    let doms = answer("DOMS");
    assert!(doms.found.total > 0 && doms.suggestion.is_none(), "{doms:?}");
    assert_eq!(paths(&doms)[0], "/articles/soreness-after-massage");
}

#[test]
fn misspellings_are_corrected_with_a_suggestion() {
    let a = answer("masage gun");
    assert_eq!(a.suggestion.as_deref(), Some("massage gun"));
    assert!(a.corrected && a.typed_total > 0, "as typed it found pages for `gun` alone: {a:?}");
    let a = answer("sore musle");
    assert_eq!(a.suggestion.as_deref(), Some("sore muscle"));
    assert!(a.corrected, "the results are for both words, not for `sore` alone: {a:?}");
    let typed = common::real_search().answer_as_typed("sore musle", 1);
    assert!(!typed.corrected && typed.found.total > 0, "as typed, on request: {typed:?}");
    assert_eq!(typed.suggestion.as_deref(), Some("sore muscle"), "still offered");
    let a = answer("percusion");
    assert_eq!(a.suggestion.as_deref(), Some("percussion"));
    assert!(a.corrected, "nothing matched as typed, so the suggestion was used");
    assert_eq!(paths(&a)[0], "/articles/self-massage-safely");
    let a = answer("sorness aftr masage");
    assert!(a.corrected, "{a:?}");
    assert_eq!(a.suggestion.as_deref(), Some("soreness after massage"));
    assert_eq!(paths(&a)[0], "/articles/soreness-after-massage");
    let a = answer("qqqqzzzz");
    assert_eq!((a.found.total, a.suggestion), (0, None));
}

#[test]
fn stemming_finds_other_forms_of_a_word() {
    let massaging = answer("massaging");
    assert_eq!(massaging.found.total, answer("massage").found.total);
    let marked: Vec<&str> =
        massaging.found.hits[0].excerpt.pieces().filter(|p| p.marked).map(|p| p.text).collect();
    assert!(marked.iter().any(|w| w.eq_ignore_ascii_case("massage")), "{marked:?}");
    assert_eq!(first("stretches"), first("stretching"));
}

#[test]
fn hits_link_to_their_best_section_with_marked_words() {
    let a = answer("heat or ice");
    let hit = &a.found.hits[0];
    let section = hit.section.as_ref().expect("a best section");
    assert_eq!(section.href, "/articles/aftercare-first-three-days#heat-or-cold");
    assert!(hit.excerpt.pieces().any(|p| p.marked && p.text == "ice"), "{:?}", hit.excerpt);
    let a = answer("massage gun");
    let section = a.found.hits[0].section.as_ref().unwrap();
    assert!(section.href.ends_with("#massage-guns"), "{}", section.href);
    let marked: Vec<&str> = section.heading.pieces().filter(|p| p.marked).map(|p| p.text).collect();
    assert_eq!(marked, ["massage", "guns"]);
}

#[test]
fn emergency_signs_are_recognised() {
    for query in [
        "chest pain",
        "pain in my chest",
        "I can't breathe",
        "coughing up blood",
        "stroke signs",
        "slurred speech",
        "face drooping",
        "fainted after massage",
        "blurred vision",
        "swollen lips",
        "slurred speech and a headache",
        "tight chest",
        "numb legs",
        "suicidal",
        "I want to end my life",
        "self harm",
        "had a seizure",
        "baby is floppy",
    ] {
        assert!(answer(query).emergency, "`{query}` names an emergency sign");
    }
    for query in [
        "knot",
        "sore shoulder",
        "pain",
        "massage gun",
        "breathing exercises",
        "after massage",
        "not sure if I have one of these",
        "not sure",
        // Where a sign is, not the sign: in an emergency answer's words
        // ("spreads to your arms, neck, jaw or back"), and everyday after a massage.
        "back pain",
        "neck pain",
        "my neck hurts",
        "sore arm",
        "jaw ache",
        "pain in my back and neck",
        "baby",
        "baby massage",
        "child",
        "normal",
        "feeling low after massage",
        "safe massage",
        "life",
    ] {
        assert!(!answer(query).emergency, "`{query}` is not an emergency sign");
    }
}

/// Hazards H1 to H19, control C6 (src/selfcheck/hazard-log.md).
#[actix_web::test]
async fn the_emergency_card_comes_first_with_the_numbers() {
    let (status, body, _) = get("/search?q=chest+pain").await;
    assert_eq!(status, StatusCode::OK);
    let card = body.find("care-card-emergency").expect("the emergency card");
    let results = body.find("search-results").expect("results");
    assert!(card < results, "the card comes before the results");
    for number in ["999", "112", "911", "000"] {
        assert!(body[card..results].contains(&format!("href=\"tel:{number}\">{number}</a>")), "{number}");
    }
    // Screen readers hear an instruction here, not a self-check result.
    let heard = "<span class=\"visually-hidden\">Immediate action required: </span>Emergency</span>";
    assert!(body[card..results].contains(heard), "{}", &body[card..results]);
    assert!(!body.contains("Result level"), "no self-check result on a search page");
    let (_, body, _) = get("/search?q=knot").await;
    assert!(!body.contains("care-card"), "no card for an everyday query");
}

#[actix_web::test]
async fn results_page_states_the_count_and_is_private() {
    let (status, body, headers) = get("/search?q=massage+gun").await;
    assert_eq!(status, StatusCode::OK);
    let total = answer("massage gun").found.total;
    assert!(total > 1);
    let count = format!("<p class=\"search-count\" id=\"search-count\">{total} pages found</p>");
    assert!(body.contains(&count), "{body}");
    assert!(body.contains("<mark>"), "matched words are marked");
    assert!(body.contains("href=\"/articles/self-massage-safely#massage-guns\""), "a section link");
    assert!(body.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert_eq!(headers.get("x-robots-tag").unwrap(), "noindex");
    let cache = headers.get("cache-control").unwrap().to_str().unwrap();
    assert!(cache.contains("no-store") && cache.contains("private"), "{cache}");
    assert!(
        !body.contains("http://") && !body.contains("https://knotwise.example/search?q"),
        "never sent elsewhere"
    );
}

#[actix_web::test]
async fn a_suggestion_is_used_when_a_word_matched_nothing_with_a_link_to_the_query_as_typed() {
    let (_, body, _) = get("/search?q=sore+musle").await;
    assert!(
        body.contains(
            "Showing results for “<strong>sore muscle</strong>”. \
             <a href=\"/search?q=sore+musle&#38;as_typed=1\">Search for “sore musle” instead</a>"
        ),
        "{body}"
    );
    let (_, body, _) = get("/search?q=sore+musle&as_typed=1").await;
    assert!(body.contains("Did you mean <a href=\"/search?q=sore+muscle\">sore muscle</a>?"), "{body}");
    let (_, body, _) = get("/search?q=percusion").await;
    assert!(body.contains("We found nothing for “percusion”"), "{body}");
    assert!(body.contains("/articles/self-massage-safely"));
}

#[actix_web::test]
async fn no_results_and_empty_queries_get_help() {
    let (status, body, _) = get("/search?q=qqqqzzzz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("No pages found") && body.contains("Check the spelling"), "{body}");
    for path in ["/search", "/search?q=", "/search?q=+++", "/search?other=1"] {
        let (status, body, _) = get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains("id=\"search-hint\""), "{path}: {body}");
    }
}

#[actix_web::test]
async fn bad_input_is_a_clear_4xx_or_a_normal_page_never_5xx() {
    for (path, expected) in [
        ("/search?q=%zz", StatusCode::BAD_REQUEST),
        ("/search?q=%", StatusCode::BAD_REQUEST),
        ("/search?q=%ff%fe", StatusCode::BAD_REQUEST),
        ("/search?q=%00%01", StatusCode::OK),
        ("/search?q=%25%25%25", StatusCode::OK),
        ("/search?q=a&q=b", StatusCode::OK),
        ("/search?q=%E2%80%AE%F0%9F%98%80", StatusCode::OK),
        ("/search?q==&&==", StatusCode::OK),
    ] {
        let (status, body, _) = get(path).await;
        assert_eq!(status, expected, "{path}");
        assert!(body.contains("role=\"search\""), "{path}: the search box is always there");
        if status == StatusCode::BAD_REQUEST {
            assert!(body.contains("We could not read your search"), "{path}: {body}");
        }
    }
}

#[actix_web::test]
async fn a_long_query_is_cut_with_a_message() {
    let long = "massage ".repeat(60);
    let (status, body, _) = get(&format!("/search?q={}", long.replace(' ', "+"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("id=\"search-cut\""), "{body}");
    assert!(body.contains("longer than 200 characters"));
    let a = answer(&long);
    assert!(a.cut && a.query.chars().count() <= 200);
}

#[actix_web::test]
async fn a_hostile_query_is_escaped_everywhere() {
    let hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)> massage";
    let encoded: String = hostile.bytes().map(|b| format!("%{b:02X}")).collect();
    let (status, body, _) = get(&format!("/search?q={encoded}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(!body.contains("<img src=x"), "{body}");
    assert!(!body.contains("\"'>"), "the value attribute cannot be closed: {body}");
    assert!(body.contains("&#60;script&#62;") || body.contains("&lt;script&gt;"), "{body}");
}

#[actix_web::test]
async fn every_page_has_one_search_box_in_its_header_but_the_results_in_its_main() {
    let site = common::real_site();
    let app = service!(site.clone());
    let mut pages: Vec<String> = site
        .paths()
        .filter(|p| *p == "/" || p.starts_with("/articles/") || *p == "/self-check")
        .map(String::from)
        .collect();
    pages.extend(["/search".to_string(), "/search?q=knot".to_string(), "/no-such-page".to_string()]);
    for path in pages {
        let response = http::call_service(&app, http::TestRequest::get().uri(&path).to_request()).await;
        let body = http::read_body(response).await;
        let body = String::from_utf8_lossy(&body);
        let header = &body[body.find("<header").unwrap()..body.find("</header>").unwrap()];
        let in_header = header
            .contains("<form class=\"site-search\" role=\"search\" method=\"get\" action=\"/search\"")
            && header.contains("<label class=\"visually-hidden\" for=\"site-search-q\">Search</label>")
            && header.contains("name=\"q\"");
        if path.starts_with("/search") {
            // The results page has one search box: its own, holding the query.
            assert!(!header.contains("<form"), "{path}: {header}");
            assert_eq!(body.matches("role=\"search\"").count(), 1, "{path}");
            assert!(body.contains("<form class=\"search-form\" role=\"search\""), "{path}");
        } else {
            assert!(in_header, "{path}: {header}");
        }
    }
}

#[test]
fn the_synonyms_file_is_checked_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::root().join("articles"), dir.path());
    std::fs::write(dir.path().join("search-synonyms.toml"), "[[synonyms]]\nwords = [\"knot\"]\n").unwrap();
    let problems =
        knotwise::site::Content::load(&common::paths(dir.path()), &Default::default()).unwrap_err();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        shown.iter().any(|p| p.contains("search-synonyms.toml:1: a synonym group needs at least two words")),
        "{shown:#?}"
    );
}

#[actix_web::test]
async fn results_come_in_pages_that_never_repeat_or_skip_a_page() {
    let (_dir, site) = common::real_site_plus(45);
    let first = site.search.answer("walking", 1);
    let total = first.found.total;
    assert!(total >= 45, "{total}");
    let pages = total.div_ceil(knotwise::search::PER_PAGE);
    assert_eq!((first.found.page, first.found.pages), (1, pages));
    let mut seen = Vec::new();
    for page in 1..=pages {
        let found = site.search.answer("walking", page).found;
        assert_eq!(found.page, page);
        let expected = if page < pages { knotwise::search::PER_PAGE } else { total - seen.len() };
        assert_eq!(found.hits.len(), expected, "page {page}");
        seen.extend(found.hits.into_iter().map(|h| h.href));
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), total, "every page found once, none twice");
    let ranked_alone: Vec<String> = first.found.hits.into_iter().map(|h| h.href).collect();
    assert_eq!(ranked_alone, seen[..knotwise::search::PER_PAGE], "page 1 is the start of the whole ranking");
    let past = site.search.answer("walking", pages + 10).found;
    assert_eq!(past.page, pages, "a page past the end shows the last");

    let app = service!(site.clone());
    let body = |path: &'static str| {
        let app = &app;
        async move {
            let response = http::call_service(app, http::TestRequest::get().uri(path).to_request()).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            String::from_utf8(http::read_body(response).await.to_vec()).unwrap()
        }
    };
    let page2 = body("/search?q=walking&page=2").await;
    let count = format!("{total} pages found, showing 21 to {}", 40.min(total));
    assert!(page2.contains(&count), "{page2}");
    assert!(page2.contains("<a class=\"pager-prev\" href=\"/search?q=walking\" rel=\"prev\">"), "{page2}");
    assert!(page2.contains(&format!(">Previous page</span> 1 of {pages}</a>")));
    assert!(
        page2.contains("<a class=\"pager-next\" href=\"/search?q=walking&#38;page=3\" rel=\"next\">"),
        "{page2}"
    );
    let page1 = body("/search?q=walking").await;
    assert!(
        page1.contains("showing 1 to 20") && !page1.contains("pager-prev") && page1.contains("pager-next")
    );
    for odd in ["/search?q=walking&page=0", "/search?q=walking&page=abc", "/search?q=walking&page=-1"] {
        let html = body(odd).await;
        assert!(html.contains("showing 1 to 20"), "{odd} is the first page");
    }
    let last = body("/search?q=walking&page=999999").await;
    assert!(last.contains("pager-prev") && !last.contains("pager-next"), "the last page");
    let few = body("/search?q=knot").await;
    assert!(!few.contains("class=\"pager\""), "one page of results has no pager");
}
