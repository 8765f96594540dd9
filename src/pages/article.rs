//! An article's page, made in two steps so that no article's rendered body
//! waits for the others: [`Unlinked::render`] makes the page as the article
//! is loaded, with a hole where its links to other articles go, and
//! [`Unlinked::write_linked`] fills the hole once every article is known.

use askama::Template;

use actix_web::web::Bytes;

use super::hole::{Hole, split_at_holes};
use super::{ArticleLink, Chrome, Head};
use crate::content::Article;
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
    review: Option<Review>,
    links: Hole,
}

/// The end of an article page: related articles, and the previous and
/// next ones in order.
#[derive(Debug, Template)]
#[template(path = "article_links.html")]
pub struct ArticleLinks {
    pub related: Vec<ArticleLink>,
    pub previous: Option<ArticleLink>,
    pub next: Option<ArticleLink>,
}

/// An article page without its links: the page with the hole cut out,
/// kept in a [`Store`], and where the hole was.
#[derive(Debug)]
pub struct Unlinked {
    page: Bytes,
    hole: usize,
}

/// What one loading thread renders article pages with: a buffer used for
/// each page in turn, and the store the pages are kept in, so that pages
/// never sit among the loader's short-lived blocks in the allocator.
#[derive(Debug, Default)]
pub struct Renderer {
    scratch: String,
    store: Store,
}

impl Unlinked {
    /// Renders `article`'s page but for its links.
    pub fn render(chrome: &Chrome, article: &Article, with: &mut Renderer) -> askama::Result<Unlinked> {
        let path = article.url_path();
        let mut head = Head::article(&article.meta.title, &article.meta.description, &path);
        head.json_ld = Some(structured_data::article(&chrome.base_url, article));
        head.next_review = article.meta.next_review.map(|date| date.iso());
        let page = ArticlePage { chrome, head, article, review: article.meta.review(), links: Hole };
        with.scratch.clear();
        page.render_into(&mut with.scratch)?;
        let pieces = split_at_holes(&with.scratch, 1, &format!("the page of {}", article.path.display()))?;
        let hole = pieces[0].len();
        let page = with.store.keep(&[pieces[0].as_bytes(), pieces[1].as_bytes()]);
        Ok(Unlinked { page, hole })
    }

    /// The whole page, with `links` in its hole, written to `out`.
    pub fn write_linked(&self, links: &ArticleLinks, out: &mut Vec<u8>) -> askama::Result<()> {
        let (before, after) = self.page.split_at(self.hole);
        out.extend_from_slice(before);
        links.write_into(out).map_err(|e| askama::Error::Custom(e.into()))?;
        out.extend_from_slice(after);
        Ok(())
    }
}
