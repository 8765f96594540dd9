//! HTTP behaviour of every route, over the same application `main` serves.

mod common;

use std::io::Read;

use actix_web::http::{Method, StatusCode, header};
use actix_web::test::{self, TestRequest};
use actix_web::web;
use common::client::{closed_by_server, connect, exchange};
use common::server::{InProcess, loopback};
use common::{BASE_URL, fixture, fixture_site, text};
use knotwise::web::{CONTENT_SECURITY_POLICY, Readiness, app};

fn header_of<B>(res: &actix_web::dev::ServiceResponse<B>, name: header::HeaderName) -> String {
    res.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

async fn stylesheet_url() -> String {
    let site = fixture_site();
    site.chrome.css_url.clone()
}

#[actix_web::test]
async fn every_route_answers_get_with_a_typed_body() {
    let app = service!();
    let css = stylesheet_url().await;
    for (path, content_type, needle) in [
        ("/", "text/html; charset=utf-8", "<h1>Sore after a massage?</h1>"),
        ("/articles/alpha", "text/html; charset=utf-8", "<h1>Alpha: what a knot is</h1>"),
        ("/articles/beta", "text/html; charset=utf-8", "<h1>Beta: aftercare</h1>"),
        (css.as_str(), "text/css; charset=utf-8", "--measure"),
        ("/static/style.css", "text/css; charset=utf-8", "--measure"),
        ("/healthz", "text/plain; charset=utf-8", "ok"),
    ] {
        let res = test::call_service(&app, TestRequest::get().uri(path).to_request()).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(header_of(&res, header::CONTENT_TYPE), content_type, "{path}");
        let body = test::read_body(res).await;
        assert!(text(&body).contains(needle), "{path} lacks {needle}");
    }
}

#[actix_web::test]
async fn unknown_paths_slugs_and_drafts_get_the_404_page() {
    let app = service!();
    for path in
        ["/nope", "/articles/nope", "/articles/draft", "/static/nope.css", "/articles/nope/", "/article"]
    {
        let res = test::call_service(&app, TestRequest::get().uri(path).to_request()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(header_of(&res, header::CONTENT_TYPE), "text/html; charset=utf-8");
        let body = test::read_body(res).await;
        let html = text(&body);
        assert!(html.contains("<h1>Page not found</h1>"), "{path}");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"), "{path}");
        assert!(html.contains("class=\"site-header\""), "404 uses the layout");
    }
}

#[actix_web::test]
async fn the_a_to_z_lists_every_published_article_by_title_and_no_draft() {
    let app = service!();
    let res = test::call_service(&app, TestRequest::get().uri("/articles").to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = test::read_body(res).await;
    let html = text(&body);
    let titles: Vec<&str> = html
        .split("<ul class=\"a-to-z-list\">")
        .skip(1)
        .flat_map(|list| list[..list.find("</ul>").unwrap()].split("<li><a href=\"").skip(1))
        .map(|item| &item[item.find("\">").unwrap() + 2..item.find("</a>").unwrap()])
        .collect();
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles, sorted, "A to Z");
    let site = common::fixture_site();
    assert_eq!(titles.len(), site.paths().filter(|p| p.starts_with("/articles/")).count(), "{titles:?}");
    assert!(!html.contains("/articles/draft"), "no drafts");
    assert!(html.contains("<nav class=\"a-to-z\" aria-label=\"Articles by first letter\">"));
    assert!(
        html.contains("<li><a href=\"#letter-a\">A</a></li>") && html.contains("<h2 id=\"letter-a\">A</h2>")
    );
    let res = test::call_service(&app, TestRequest::get().uri("/articles/").to_request()).await;
    assert_eq!(res.status(), StatusCode::MOVED_PERMANENTLY, "one address");
}

#[actix_web::test]
async fn the_home_page_shows_the_first_articles_and_links_to_all_of_them() {
    let (_dir, site) = common::real_site_plus(knotwise::site::HOME_CARDS + 5);
    let total = site.paths().filter(|p| p.starts_with("/articles/")).count();
    let app = service!(site);
    let res = test::call_service(&app, TestRequest::get().uri("/").to_request()).await;
    let body = test::read_body(res).await;
    let html = text(&body);
    assert_eq!(html.matches("<li class=\"card\">").count(), knotwise::site::HOME_CARDS);
    let more = format!("<a href=\"/articles\">See all {total} articles, A to Z</a>");
    assert!(html.contains(&more), "{html}");
    let res = test::call_service(&app, TestRequest::get().uri("/articles").to_request()).await;
    let body = test::read_body(res).await;
    let html = text(&body);
    let lists = &html[html.find("<ul class=\"a-to-z-list\">").unwrap()..html.find("</main>").unwrap()];
    assert_eq!(lists.matches("<li><a href=\"/articles/").count(), total, "every article, A to Z");

    let app = service!();
    let res = test::call_service(&app, TestRequest::get().uri("/").to_request()).await;
    let body = test::read_body(res).await;
    assert!(!text(&body).contains("See all"), "a small site lists every article at home");
}

#[actix_web::test]
async fn other_methods_get_405_with_allow() {
    let app = service!();
    for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
        for path in ["/", "/articles/alpha", "/healthz", "/static/style.css"] {
            let req = TestRequest::default().method(method.clone()).uri(path).to_request();
            let res = test::call_service(&app, req).await;
            assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert_eq!(header_of(&res, header::ALLOW), "GET, HEAD");
            let body = test::read_body(res).await;
            assert!(text(&body).contains("This page cannot do that"));
        }
    }
}

#[actix_web::test]
async fn head_has_the_get_headers_and_no_body() {
    let app = service!();
    let get = test::call_service(&app, TestRequest::get().uri("/articles/alpha").to_request()).await;
    let head = test::call_service(
        &app,
        TestRequest::default().method(Method::HEAD).uri("/articles/alpha").to_request(),
    )
    .await;
    assert_eq!(head.status(), StatusCode::OK);
    for name in [header::ETAG, header::CONTENT_TYPE, header::CACHE_CONTROL] {
        assert_eq!(header_of(&get, name.clone()), header_of(&head, name));
    }
}

#[actix_web::test]
async fn matching_etag_gives_304_and_other_etags_200() {
    let app = service!();
    let first = test::call_service(&app, TestRequest::get().uri("/articles/alpha").to_request()).await;
    let etag = header_of(&first, header::ETAG);
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "strong ETag: {etag}");
    let again =
        TestRequest::get().uri("/articles/alpha").insert_header((header::IF_NONE_MATCH, etag.clone()));
    let res = test::call_service(&app, again.to_request()).await;
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header_of(&res, header::ETAG), etag);
    assert!(test::read_body(res).await.is_empty());
    let stale = TestRequest::get().uri("/articles/alpha").insert_header((header::IF_NONE_MATCH, "\"old\""));
    assert_eq!(test::call_service(&app, stale.to_request()).await.status(), StatusCode::OK);
    let other_encoding = TestRequest::get()
        .uri("/articles/alpha")
        .insert_header((header::ACCEPT_ENCODING, "br"))
        .insert_header((header::IF_NONE_MATCH, etag));
    assert_eq!(
        test::call_service(&app, other_encoding.to_request()).await.status(),
        StatusCode::OK,
        "the identity ETag does not validate the brotli bytes"
    );
}

#[actix_web::test]
async fn compressed_variants_decode_to_the_same_page() {
    let app = service!();
    let plain = test::call_service(&app, TestRequest::get().uri("/articles/alpha").to_request()).await;
    assert_eq!(header_of(&plain, header::VARY), "Accept-Encoding");
    assert_eq!(header_of(&plain, header::CONTENT_ENCODING), "");
    let plain = test::read_body(plain).await;

    let req = TestRequest::get()
        .uri("/articles/alpha")
        .insert_header((header::ACCEPT_ENCODING, "gzip, deflate, br"));
    let res = test::call_service(&app, req.to_request()).await;
    assert_eq!(header_of(&res, header::CONTENT_ENCODING), "br");
    let body = test::read_body(res).await;
    assert!(body.len() < plain.len() / 2);
    let mut decoded = Vec::new();
    brotli::Decompressor::new(&body[..], 4096).read_to_end(&mut decoded).unwrap();
    assert_eq!(decoded, plain);

    let req = TestRequest::get().uri("/articles/alpha").insert_header((header::ACCEPT_ENCODING, "gzip"));
    let res = test::call_service(&app, req.to_request()).await;
    assert_eq!(header_of(&res, header::CONTENT_ENCODING), "gzip");
    let body = test::read_body(res).await;
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut decoded).unwrap();
    assert_eq!(decoded, plain);
}

#[actix_web::test]
async fn security_headers_on_every_response_and_no_cookies() {
    let app = service!();
    for (method, path) in
        [(Method::GET, "/"), (Method::GET, "/articles/alpha"), (Method::GET, "/nope"), (Method::POST, "/")]
    {
        let res =
            test::call_service(&app, TestRequest::default().method(method.clone()).uri(path).to_request())
                .await;
        assert_eq!(
            header_of(&res, header::CONTENT_SECURITY_POLICY),
            CONTENT_SECURITY_POLICY,
            "{method} {path}"
        );
        assert!(CONTENT_SECURITY_POLICY.contains("default-src 'none'"));
        assert!(CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
        assert_eq!(header_of(&res, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(header_of(&res, header::REFERRER_POLICY), "no-referrer");
        assert!(header_of(&res, header::STRICT_TRANSPORT_SECURITY).starts_with("max-age="));
        assert!(res.headers().get(header::SET_COOKIE).is_none());
        assert!(res.headers().get(header::SERVER).is_none());
    }
}

/// Pages readers read stay served by a cache through an origin outage
/// (ARCHITECTURE.md, "Stale pages in an outage").
const READING: &str = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400";

#[actix_web::test]
async fn cache_lifetimes_fit_the_kind_of_response() {
    let app = service!();
    let css = stylesheet_url().await;
    for (path, expected) in [
        ("/", READING),
        ("/articles/alpha", READING),
        ("/articles", READING),
        // No stale copy of the form: while the origin is down a reader
        // should get the host's "not available" page with the numbers at
        // once, not fill in a form whose answers cannot be worked out.
        ("/self-check", "public, max-age=300"),
        (css.as_str(), "public, max-age=31536000, immutable"),
        ("/static/style.css", "public, max-age=3600"),
        ("/healthz", "no-store"),
    ] {
        let res = test::call_service(&app, TestRequest::get().uri(path).to_request()).await;
        assert_eq!(header_of(&res, header::CACHE_CONTROL), expected, "{path}");
    }
}

#[actix_web::test]
async fn aliases_redirect_permanently_to_the_canonical_url() {
    let app = service!();
    let res = test::call_service(&app, TestRequest::get().uri("/articles/old-alpha").to_request()).await;
    assert_eq!(res.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(header_of(&res, header::LOCATION), format!("{BASE_URL}/articles/alpha"));
}

#[actix_web::test]
async fn article_page_shows_review_state_contents_and_references() {
    let app = service!();
    let body = test::read_body(
        test::call_service(&app, TestRequest::get().uri("/articles/alpha").to_request()).await,
    )
    .await;
    let html = text(&body);
    assert!(html.contains("Not yet clinically reviewed."));
    assert!(html.contains("<a href=\"#what-is-normal-2\">What is normal?</a>"), "contents list");
    assert!(
        html.contains(
            "href=\"#what-is-normal\" aria-label=\"Link to the section: What is normal?\">Link</a>"
        )
    );
    assert!(html.contains("<li id=\"ref-cambron-2007\">"));
    assert!(html.contains("&lt;b&gt;raw tag&lt;/b&gt;"), "raw HTML is escaped");
    assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{BASE_URL}/articles/alpha\">")));
    assert!(html.contains("<a class=\"pager-next\" href=\"/articles/beta\">"));
    assert!(html.contains("<time datetime=\"2026-11-10\">10 November 2026</time>"), "the latest change");

    let body = test::read_body(
        test::call_service(&app, TestRequest::get().uri("/articles/beta").to_request()).await,
    )
    .await;
    let html = text(&body);
    assert!(html.contains("by Dr Test Reviewer, Physiotherapist"));
    assert!(html.contains("<time datetime=\"2027-11-05\">5 November 2027</time>"), "next review");
    assert!(!html.contains("Not yet clinically reviewed"));
}

#[actix_web::test]
async fn home_lists_published_articles_in_order_with_the_self_check() {
    let app = service!();
    let body =
        test::read_body(test::call_service(&app, TestRequest::get().uri("/").to_request()).await).await;
    let html = text(&body);
    let alpha = html.find("/articles/alpha\"").unwrap();
    let beta = html.find("/articles/beta\"").unwrap();
    assert!(alpha < beta);
    assert!(!html.contains("/articles/draft"));
    assert!(html.contains("<a class=\"button\" href=\"/self-check\">"));
    assert!(html.contains("<a class=\"skip-link\" href=\"#main-content\">"));
}

#[actix_web::test]
async fn every_id_in_a_page_is_unique() {
    let app = service!();
    for path in ["/", "/articles/alpha", "/articles/beta", "/self-check"] {
        let body =
            test::read_body(test::call_service(&app, TestRequest::get().uri(path).to_request()).await).await;
        let html = text(&body);
        let mut seen = std::collections::HashSet::new();
        for (i, _) in html.match_indices(" id=\"") {
            let id = &html[i + 5..i + 5 + html[i + 5..].find('"').unwrap()];
            assert!(seen.insert(id.to_string()), "{path}: id `{id}` is used twice");
        }
        assert!(seen.contains("main-content"), "{path}: the skip link target");
    }
}

#[actix_web::test]
async fn static_files_may_be_embedded_elsewhere_pages_may_not() {
    let app = service!();
    let page = test::call_service(&app, TestRequest::get().uri("/articles/alpha").to_request()).await;
    assert_eq!(
        header_of(&page, header::HeaderName::from_static("cross-origin-resource-policy")),
        "same-origin"
    );
    let image = test::call_service(&app, TestRequest::get().uri("/static/share.png").to_request()).await;
    assert_eq!(
        header_of(&image, header::HeaderName::from_static("cross-origin-resource-policy")),
        "cross-origin"
    );
}

#[actix_web::test]
async fn odd_requests_never_get_a_5xx() {
    let app = service!();
    let paths = [
        "/%ff",
        "/articles/%2e%2e%2fCargo.toml",
        "/articles/../Cargo.toml",
        "/static/../Cargo.toml",
        "/articles/alpha%00",
        "/articles/%E2%80%AE",
        "/static/",
        "/self-check/",
        "//",
        "/articles/alpha?x=%zz",
        "/healthz/extra",
        "/feed.xml/",
        "/articles/ALPHA",
    ];
    for path in paths {
        for method in [Method::GET, Method::HEAD, Method::POST, Method::OPTIONS, Method::TRACE] {
            let req = TestRequest::default().method(method.clone()).uri(path).to_request();
            let status = test::call_service(&app, req).await.status();
            assert!(
                status.is_client_error() || status.is_success() || status.is_redirection(),
                "{method} {path}: {status}"
            );
        }
    }
}

/// A page asked for in another spelling of its path is sent to its one
/// address: with a trailing slash, or with letters `%`-encoded (RFC 3986 says
/// `%61` and `a` name the same path; some mail clients and link checkers
/// encode letters). Codes for anything but letters, digits and `-._~`
/// (`%2F` above all) name another path and stay a 404.
#[actix_web::test]
async fn another_spelling_of_a_page_s_path_redirects_to_the_page() {
    let app = service!();
    for (path, to) in [
        ("/articles/alpha/", "/articles/alpha"),
        ("/articles/old-alpha/", "/articles/alpha"),
        ("/self-check/", "/self-check"),
        ("/feed.xml/", "/feed.xml"),
        ("/%61rticles/alpha", "/articles/alpha"),
        ("/articles/%61lph%61", "/articles/alpha"),
        ("/articles/%6f%6Cd-alpha", "/articles/alpha"),
        ("/self%2Dcheck", "/self-check"),
        ("/%61rticles/alpha/", "/articles/alpha"),
        ("/%61rticles", "/articles"),
    ] {
        for method in [Method::GET, Method::HEAD] {
            let req = TestRequest::default().method(method.clone()).uri(path).to_request();
            let res = test::call_service(&app, req).await;
            assert_eq!(res.status(), StatusCode::MOVED_PERMANENTLY, "{method} {path}");
            assert_eq!(header_of(&res, header::LOCATION), format!("{BASE_URL}{to}"), "{path}");
        }
    }
    for path in [
        "/articles/nope/",
        "/articles/draft/",
        "/articles/alpha//",
        "/static/",
        "/articles%2Falpha",
        "/%61rticles/nope",
        "/articles/alpha%",
        "/articles/%zz",
        "/%C3%A9",
    ] {
        let res = test::call_service(&app, TestRequest::get().uri(path).to_request()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let post = TestRequest::post().uri("/articles/alpha/").to_request();
    assert_eq!(test::call_service(&app, post).await.status(), StatusCode::NOT_FOUND, "only reads move");
}

/// A 404 kept by a shared cache would hide a page published a minute later,
/// and an error page is no address of its own to name.
#[actix_web::test]
async fn the_404_page_is_never_cached_and_names_no_canonical_address() {
    let app = service!();
    for path in ["/nope", "/articles/nope"] {
        let res = test::call_service(&app, TestRequest::get().uri(path).to_request()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        assert_eq!(header_of(&res, header::CACHE_CONTROL), "no-store", "{path}");
        let body = test::read_body(res).await;
        let html = text(&body);
        assert!(!html.contains("rel=\"canonical\""), "{html}");
        assert!(!html.contains("og:url"), "{html}");
        assert!(!html.contains("/404"), "{html}");
    }
    let put = TestRequest::default().method(Method::PUT).uri("/articles/alpha").to_request();
    let body = test::read_body(test::call_service(&app, put).await).await;
    assert!(!text(&body).contains("rel=\"canonical\""), "405 pages name no address either");
}

/// Finder and git leave hidden files behind; they are skipped, never served.
#[actix_web::test]
async fn hidden_files_in_static_are_ignored() {
    let site = fixture("valid");
    std::fs::write(site.statics().join(".DS_Store"), [0u8, 1, 2, 3]).unwrap();
    std::fs::write(site.statics().join(".gitkeep"), "").unwrap();
    let app = service!(actix_web::web::Data::new(site.site()));
    for path in ["/static/.DS_Store", "/static/.gitkeep"] {
        let res = test::call_service(&app, TestRequest::get().uri(path).to_request()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let res = test::call_service(&app, TestRequest::get().uri("/static/style.css").to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
}

/// Whatever body is posted to the self-check, the answer is a page: the
/// result, the form again with errors, or a 4xx that says what is wrong.
#[actix_web::test]
async fn any_form_body_gets_a_page_never_a_5xx() {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let app = service!();
    let pieces = prop::sample::select(vec![
        "right_now=chest_pain",
        "right_now=none",
        "leg=no",
        "leg=one_leg",
        "days=recent",
        "days=over_7_days",
        "change=1",
        "&",
        "=",
        "%",
        "%zz",
        "%C3",
        "%A9",
        "%FF",
        "+",
        "right_now=",
        "=x",
        "leg=leg",
        "\u{e9}",
    ]);
    let body = prop::collection::vec(
        prop_oneof![pieces.prop_map(|p| p.as_bytes().to_vec()), prop::collection::vec(any::<u8>(), 0..8)],
        0..12,
    )
    .prop_map(|parts| parts.concat());
    let mut runner = TestRunner::deterministic();
    for _ in 0..200 {
        let body = body.new_tree(&mut runner).unwrap().current();
        let req = TestRequest::post()
            .uri("/self-check")
            .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
            .set_payload(body.clone())
            .to_request();
        let res = test::call_service(&app, req).await;
        let status = res.status();
        assert!(
            status.is_success() || status.is_client_error(),
            "{status} for {:?}",
            String::from_utf8_lossy(&body)
        );
        let page = test::read_body(res).await;
        assert!(std::str::from_utf8(&page).is_ok_and(|html| html.contains("<h1")), "a page for {body:?}");
    }
}

#[test]
fn once_draining_every_response_asks_the_client_to_close_its_connection() {
    let readiness = web::Data::new(Readiness::default());
    let (site, ready) = (fixture_site(), readiness.clone());
    let mut server = InProcess::start(loopback(), move || app(site.clone()).app_data(ready.clone()));
    let addr = server.addr.to_string();
    let form = "step=feel&action=continue";
    let requests = [
        ("a page", format!("GET /articles/alpha HTTP/1.1\r\nHost: {addr}\r\n\r\n")),
        ("a 404", format!("GET /nope HTTP/1.1\r\nHost: {addr}\r\n\r\n")),
        (
            "a POST",
            format!(
                "POST /self-check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                 Content-Length: {}\r\n\r\n{form}",
                form.len()
            ),
        ),
    ];

    // Serving: all three on one kept-alive connection.
    let mut kept = connect(&addr);
    for (what, request) in &requests {
        let answer = exchange(&mut kept, request);
        assert!(answer.status < 500, "{what}: {}", answer.status);
        assert_eq!(answer.header("connection"), None, "{what} before draining: {:?}", answer.headers);
    }

    readiness.start_draining();
    // The connection opened before the signal is told to close, and closed.
    let answer = exchange(&mut kept, &requests[0].1);
    assert_eq!(answer.header("connection"), Some("close"), "{:?}", answer.headers);
    assert!(closed_by_server(&mut kept), "the server closes the connection after that response");
    for (what, request) in &requests {
        let mut stream = connect(&addr);
        let answer = exchange(&mut stream, request);
        assert!(answer.status < 500, "{what}: {}", answer.status);
        assert_eq!(answer.header("connection"), Some("close"), "{what} while draining: {:?}", answer.headers);
        assert!(closed_by_server(&mut stream), "{what}: the connection is closed after the response");
    }

    server.stop();
}
