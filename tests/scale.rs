//! Behaviour at scale (never a time: speed lives in `benches/`): a site of
//! 2,000 generated articles loads, every page answers, and compressed
//! variants arrive after start-up with their own validators (gzip and
//! identity kept only for the first articles in order; later ones make
//! identity from brotli, byte for byte the same).

mod common;

use std::fmt::Write as _;
use std::fs;

use actix_web::http::{StatusCode, header};
use actix_web::test::{self, TestRequest};
use actix_web::web;
use common::{build_site_lazily, copy_articles_but_the_editorial_rules};
use knotwise::site::WHOLE_ARTICLES;

const ARTICLES: usize = 2_000;

/// The bundled articles plus `ARTICLES` short generated ones, each linking
/// to the next, in a temporary folder.
fn generated_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_articles_but_the_editorial_rules(dir.path());
    for i in 0..ARTICLES {
        let mut text = format!(
            "+++\ntitle = \"Generated article {i}\"\ndescription = \"Number {i} of many, for size.\"\n\
             published = 2026-01-01\norder = {}\n+++\n\n## Part one\n\n",
            10_000 + i
        );
        for _ in 0..20 {
            text.push_str("Rest the muscle for a day. Drink some water. Walk a little if it feels fine. ");
        }
        let _ =
            write!(text, "\n\nNext, read [article {0}](/articles/gen-{0}#part-one).\n", (i + 1) % ARTICLES);
        fs::write(dir.path().join(format!("gen-{i}.md")), text).unwrap();
    }
    dir
}

#[actix_web::test]
async fn two_thousand_articles_load_and_every_page_answers_then_gains_brotli() {
    let dir = generated_site();
    let site = web::Data::new(build_site_lazily(dir.path()));
    assert!(site.paths().count() > ARTICLES);
    let service = service!(site.clone());

    let paths: Vec<String> = site.paths().map(str::to_string).collect();
    for path in &paths {
        let req = TestRequest::get().uri(path).insert_header((header::ACCEPT_ENCODING, "br")).to_request();
        let res = test::call_service(&service, req).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
    }

    // Before compression: identity, but already `Vary`, since it will vary.
    let page = "/articles/gen-1999";
    let get = |etag: Option<String>| {
        let mut req = TestRequest::get().uri(page).insert_header((header::ACCEPT_ENCODING, "br, gzip"));
        if let Some(etag) = etag {
            req = req.insert_header((header::IF_NONE_MATCH, etag));
        }
        req.to_request()
    };
    let before = test::call_service(&service, get(None)).await;
    assert!(before.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(before.headers().get(header::VARY).unwrap(), "Accept-Encoding");
    let identity_etag = before.headers().get(header::ETAG).unwrap().to_str().unwrap().to_string();
    let identity = test::read_body(before).await;

    let compressing = site.clone();
    std::thread::spawn(move || compressing.compress()).join().unwrap();
    assert!(site.is_compressed());

    let after = test::call_service(&service, get(Some(identity_etag.clone()))).await;
    assert_eq!(after.status(), StatusCode::OK, "the identity validator does not match the brotli bytes");
    assert_eq!(after.headers().get(header::CONTENT_ENCODING).unwrap(), "br");
    let br_etag = after.headers().get(header::ETAG).unwrap().to_str().unwrap().to_string();
    assert_ne!(br_etag, identity_etag);
    let again = test::call_service(&service, get(Some(br_etag))).await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // Gzip only for the first articles in order: later ones keep brotli
    // alone, and go out in identity, made from it, to a client without
    // brotli: the same bytes and validator as before compression.
    const { assert!(ARTICLES > WHOLE_ARTICLES) };
    let gzip_only =
        |path: &str| TestRequest::get().uri(path).insert_header((header::ACCEPT_ENCODING, "gzip"));
    let first = test::call_service(&service, gzip_only("/articles/gen-0").to_request()).await;
    assert_eq!(first.headers().get(header::CONTENT_ENCODING).unwrap(), "gzip");
    for req in [gzip_only(page).to_request(), TestRequest::get().uri(page).to_request()] {
        let later = test::call_service(&service, req).await;
        assert!(later.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(later.headers().get(header::ETAG).unwrap().to_str().unwrap(), identity_etag);
        assert_eq!(test::read_body(later).await, identity, "identity made from brotli is the page");
    }
    let unchanged =
        TestRequest::get().uri(page).insert_header((header::IF_NONE_MATCH, identity_etag)).to_request();
    assert_eq!(test::call_service(&service, unchanged).await.status(), StatusCode::NOT_MODIFIED);
}
