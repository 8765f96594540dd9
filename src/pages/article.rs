//! An article's page, made in two steps so that no article's rendered body
//! waits for the others: [`Unlinked::render`] makes the page as the article
//! is loaded, with a hole where its links to other articles go, and
//! [`Unlinked::write_linked`] fills the hole once every article is known.
//!
//! A reviewed page is rendered as current; it also keeps where its review
//! line and its JSON-LD are ([`Overdue`]), so that once its next review is
//! overdue [`Overdue::apply`] makes the overdue page from those bytes, at
//! start-up or on the day it passes, without the article.

use std::fmt;
use std::ops::Range;

use askama::Template;
use askama::filters::HtmlSafe;

use actix_web::web::Bytes;

use super::hole::{Hole, split_at_holes};
use super::{ArticleLink, Chrome, Head};
use crate::content::{Article, Body};
use crate::date::Date;
use crate::prepared::Store;
use crate::review::Review;
use crate::structured_data;
use crate::urls;

/// `/articles/<slug>`, with a hole for its [`ArticleLinks`].
#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage<'a> {
    chrome: &'a Chrome,
    head: Head,
    article: &'a Article,
    body: &'a Body,
    review: Option<Review>,
    review_due: Rendered,
    links: Hole,
}

/// The "Next review due" line of an article's facts, or, once that date has
/// passed, "Review overdue" with the date (`review_due.html`).
#[derive(Template)]
#[template(path = "review_due.html")]
struct ReviewDue {
    due: Date,
    overdue: bool,
}

/// HTML one of our templates rendered, written into another as it is.
struct Rendered(String);

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl HtmlSafe for Rendered {}

/// Where a reviewed page says its review is current, and from when that
/// stops being true: enough to make the overdue page from the current
/// page's bytes (20 bytes a page, not a second page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Overdue {
    /// The day the review was due; the page is overdue from the day after.
    pub due: Date,
    /// The JSON-LD text in the page's bytes.
    json_ld: Range<u32>,
    /// The "Next review due" line.
    line: Range<u32>,
}

impl Overdue {
    /// Whether the page is overdue on `today`.
    pub(crate) fn on(&self, today: Date) -> bool {
        today > self.due
    }

    /// The overdue page, made from the current `page`: the review line says
    /// the review is overdue and the structured data no longer claims a
    /// review (`structured_data::without_review`).
    pub(crate) fn apply(&self, page: &[u8]) -> askama::Result<Vec<u8>> {
        let range = |r: &Range<u32>| r.start as usize..r.end as usize;
        let (json_ld, line) = (range(&self.json_ld), range(&self.line));
        let json =
            std::str::from_utf8(&page[json_ld.clone()]).map_err(|e| askama::Error::Custom(e.into()))?;
        let json = structured_data::without_review(json).map_err(|e| askama::Error::Custom(e.into()))?;
        let words = ReviewDue { due: self.due, overdue: true }.render()?;
        let mut out = Vec::with_capacity(page.len() + words.len());
        out.extend_from_slice(&page[..json_ld.start]);
        out.extend_from_slice(json.as_str().as_bytes());
        out.extend_from_slice(&page[json_ld.end..line.start]);
        out.extend_from_slice(words.as_bytes());
        out.extend_from_slice(&page[line.end..]);
        Ok(out)
    }
}

/// The end of an article page: related articles, and the previous and
/// next ones in order.
#[derive(Debug, Template)]
#[template(path = "article_links.html")]
pub(crate) struct ArticleLinks {
    pub related: Vec<ArticleLink>,
    pub previous: Option<ArticleLink>,
    pub next: Option<ArticleLink>,
}

/// An article page without its links: the page with the hole cut out,
/// kept in a [`Store`], and where the hole was.
#[derive(Debug)]
pub(crate) struct Unlinked {
    page: Bytes,
    hole: usize,
    overdue: Option<Overdue>,
}

/// What one loading thread renders article pages with: a buffer used for
/// each page in turn, and the store the pages are kept in, so that pages
/// never sit among the loader's short-lived blocks in the allocator.
#[derive(Debug, Default)]
pub(crate) struct Renderer {
    scratch: String,
    store: Store,
}

impl Unlinked {
    /// Renders the page of `article` with its `body`, but for its links.
    pub(crate) fn render(
        chrome: &Chrome,
        article: &Article,
        body: &Body,
        with: &mut Renderer,
    ) -> askama::Result<Unlinked> {
        let path = article.url_path();
        let mut head = Head::article(&article.meta.title, &article.meta.description, &path);
        let json_ld = structured_data::article(&chrome.base_url, article);
        head.json_ld = Some(json_ld.clone());
        head.next_review = article.meta.next_review.map(|date| date.iso());
        let review = article.meta.review();
        let review_due = match &review {
            Some(review) => Rendered(ReviewDue { due: review.next_review, overdue: false }.render()?),
            None => Rendered(String::new()),
        };
        let what = format!("the page of {}", article.path.display());
        let due = review.as_ref().map(|r| r.next_review);
        let page = ArticlePage { chrome, head, article, body, review, review_due, links: Hole };
        with.scratch.clear();
        page.render_into(&mut with.scratch)?;
        let pieces = split_at_holes(&with.scratch, 1, &what)?;
        let hole = pieces[0].len();
        let overdue = match due {
            Some(due) => Some(Overdue::find(pieces[0], due, json_ld.as_str(), &page.review_due.0, &what)?),
            None => None,
        };
        let page = with.store.keep(&[pieces[0].as_bytes(), pieces[1].as_bytes()]);
        Ok(Unlinked { page, hole, overdue })
    }

    /// Where the page says its review is current, if it was reviewed.
    pub(crate) fn overdue(&self) -> Option<&Overdue> {
        self.overdue.as_ref()
    }

    /// The whole page, with `links` in its hole, written to `out`.
    pub(crate) fn write_linked(&self, links: &ArticleLinks, out: &mut Vec<u8>) -> askama::Result<()> {
        let (before, after) = self.page.split_at(self.hole);
        out.extend_from_slice(before);
        links.write_into(out).map_err(|e| askama::Error::Custom(e.into()))?;
        out.extend_from_slice(after);
        Ok(())
    }
}

impl Overdue {
    /// Finds the JSON-LD and then the review line in `page` (both before
    /// the links, so where they are stays true once the links are in).
    fn find(page: &str, due: Date, json_ld: &str, line: &str, what: &str) -> askama::Result<Overdue> {
        let missing = || askama::Error::Custom(format!("{what} lacks its review line or JSON-LD").into());
        let json_at = page.find(json_ld).ok_or_else(missing)?;
        let after = json_at + json_ld.len();
        let line_at = after + page[after..].find(line).ok_or_else(missing)?;
        let to = |n: usize| u32::try_from(n).map_err(|_| missing());
        Ok(Overdue { due, json_ld: to(json_at)?..to(after)?, line: to(line_at)?..to(line_at + line.len())? })
    }
}
