//! Size budgets: each page must arrive in the first round trip of a new
//! connection (TCP's initial window is 10 segments, about 14 KB), so a
//! reader on a slow phone sees text after one round trip.

mod common;

use common::real_site;
use knotwise::prepared::{Accepted, Encoding};

/// Bytes left for the page after about 1 KB of response headers.
const FIRST_ROUND_TRIP: usize = 13 * 1024;

#[test]
fn every_page_fits_in_the_first_round_trip_compressed() {
    let site = real_site();
    let mut pages = 0;
    for path in site.paths() {
        let prepared = site.get(path).unwrap();
        if !prepared.content_type.starts_with("text/html") {
            continue;
        }
        pages += 1;
        for encoding in [Encoding::Gzip, Encoding::Brotli] {
            let size = prepared.select(Accepted::only(encoding)).body().len();
            assert!(size <= FIRST_ROUND_TRIP, "{path} is {size} bytes with {encoding:?}");
        }
    }
    assert!(pages >= 12, "home, the self-check and every article: {pages}");
}

#[test]
fn the_stylesheet_is_small() {
    let site = real_site();
    let css = site.get(&site.chrome.css_url).unwrap();
    let size = css.select(Accepted::only(Encoding::Brotli)).body().len();
    assert!(size <= 6 * 1024, "style.css is {size} bytes with brotli");
}
