//! Shared set-up for the integration tests.
#![allow(dead_code)] // each test binary uses its own part of this module

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use actix_web::web::{self, Bytes};
use knotwise::emergency::Region;
use knotwise::site::{Content, Paths, Site};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Content paths for an articles folder, with the real static files.
pub fn paths(articles: &Path) -> Paths {
    Paths { articles: articles.to_path_buf(), statics: root().join("static") }
}

pub const BASE_URL: &str = "https://knotwise.example";

/// Loads and builds the site in `articles`, or panics with every problem.
pub fn build_site(articles: &Path) -> Site {
    let content = Content::load(&paths(articles)).unwrap_or_else(|problems| {
        panic!("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    });
    let site = Site::build(&content, BASE_URL, Region::Uk).expect("the site builds");
    site.compress();
    site
}

/// The small valid fixture site, built once per test binary: sites are
/// immutable, so tests can share one.
pub fn fixture_site() -> web::Data<Site> {
    static SITE: OnceLock<web::Data<Site>> = OnceLock::new();
    SITE.get_or_init(|| web::Data::new(build_site(&root().join("tests/fixtures/valid/articles")))).clone()
}

/// The real site, with the bundled articles, built once per test binary.
pub fn real_site() -> web::Data<Site> {
    static SITE: OnceLock<web::Data<Site>> = OnceLock::new();
    SITE.get_or_init(|| web::Data::new(build_site(&root().join("articles")))).clone()
}

/// A response body as text.
pub fn text(body: &Bytes) -> &str {
    std::str::from_utf8(body).expect("UTF-8 body")
}
