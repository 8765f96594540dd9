//! Shared set-up for the integration tests.
#![allow(dead_code)] // each test binary uses its own part of this module

use std::path::{Path, PathBuf};

use actix_web::web::Bytes;
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

/// The small valid fixture site.
pub fn fixture_site() -> Site {
    let content =
        Content::load(&paths(&root().join("tests/fixtures/valid/articles"))).expect("fixture loads");
    Site::build(&content, BASE_URL).expect("fixture builds")
}

/// The real site, with the bundled articles.
pub fn real_site() -> Site {
    let content = Content::load(&paths(&root().join("articles"))).unwrap_or_else(|problems| {
        panic!("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    });
    Site::build(&content, BASE_URL).expect("real site builds")
}

/// A response body as text.
pub fn text(body: &Bytes) -> &str {
    std::str::from_utf8(body).expect("UTF-8 body")
}
