//! The pages a host serves, with a 503, when the running Knotwise behind an
//! export fails or times out: "the self-check is not available right now"
//! and "search is not available right now". Each is the site's own "not
//! available" page, so a reader who posts the self-check or searches while
//! the origin is down still gets the emergency numbers, the urgent health
//! lines and the warning-sign articles, never a bare 502.

use std::path::Path;

use super::ExportedFile;
use crate::pages::Unavailable;
use crate::prepared::{Accepted, Keep, Prepared, Store};
use crate::problem::Problem;
use crate::site::Site;

/// The file served when the self-check's answer cannot be worked out.
pub(crate) const SELF_CHECK_FALLBACK: &str = "self-check-unavailable.html";
/// The file served when search cannot answer.
pub(crate) const SEARCH_FALLBACK: &str = "search-unavailable.html";

/// Both fallback pages, prepared and compressed like every exported page.
#[derive(Debug)]
pub struct Fallbacks {
    self_check: Prepared,
    search: Prepared,
}

impl Fallbacks {
    /// Renders both pages for `site`; `articles` names a missing warning-sign
    /// article in the problem.
    pub fn render(site: &Site, articles: &Path) -> Result<Fallbacks, Vec<Problem>> {
        let fallbacks = Fallbacks {
            self_check: site.unavailable_page(Unavailable::SelfCheckDown, articles)?,
            search: site.unavailable_page(Unavailable::SearchDown, articles)?,
        };
        let mut store = Store::default();
        for page in [&fallbacks.self_check, &fallbacks.search] {
            page.compress(Keep::All, &mut store);
        }
        Ok(fallbacks)
    }

    /// Each page's file name and body, as exported.
    pub fn pages(&self) -> [(&'static str, actix_web::web::Bytes); 2] {
        [
            (SELF_CHECK_FALLBACK, self.self_check.select(Accepted::IDENTITY).body()),
            (SEARCH_FALLBACK, self.search.select(Accepted::IDENTITY).body()),
        ]
    }

    /// The two pages as exported files, under their own names.
    pub(super) fn files(&self) -> [ExportedFile<'_>; 2] {
        [(SELF_CHECK_FALLBACK, &self.self_check), (SEARCH_FALLBACK, &self.search)].map(|(file, prepared)| {
            ExportedFile { url: format!("/{file}"), file: file.to_string(), prepared }
        })
    }
}
