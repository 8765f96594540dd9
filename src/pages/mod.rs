//! One typed struct per page template, and the values every page shares.
//!
//! Page structs borrow what they show and are rendered to a `String` once;
//! no template sees anything it was not handed here. Every string is
//! HTML-escaped by askama except [`Html`](crate::content::markdown::Html),
//! which only the Markdown renderer makes.

mod article;
mod feedback;
mod hole;
mod selfcheck;

use askama::Template;

use crate::content::Article;
use crate::emergency::{EmergencyNumber, Region, Route, Sentence};
use crate::structured_data::JsonLd;
use crate::urls;

pub(crate) use article::{ArticleLinks, Overdue, Renderer, Unlinked};
pub(crate) use feedback::FeedbackPage;
pub use selfcheck::{CheckedAt, ResultPages, Unavailable};
pub(crate) use selfcheck::{OFF_PAGE_LINKS, SelfCheckFormPage, SelfCheckOffPage};

/// What every page's layout needs: the same for the whole site.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// Absolute URL of the site, without a trailing slash.
    pub base_url: String,
    pub css_url: String,
    pub icon_url: String,
    pub nav: Vec<Link>,
    /// The picture link previews show, the same on every page.
    pub share_image: ShareImage,
    /// The share control's script, loaded by articles.
    pub share_js_url: String,
    /// The "Print or save this summary" button's script, loaded by self-check results.
    pub print_js_url: String,
    /// Emergency numbers for the footer, the `--region`'s first.
    pub emergency: Vec<EmergencyNumber>,
    /// The `--region`: its ways to call for help without speaking or
    /// hearing are on the emergency card and the error pages.
    pub region: Region,
    /// The script that installs the offline worker; `None` with
    /// `--offline off` and in watch mode.
    pub offline_js_url: Option<String>,
    /// The browser's bar colour (`theme-color`), the manifest's too.
    pub theme_colour: &'static str,
}

/// The link-preview image (`og:image`, `twitter:image`).
#[derive(Debug, Clone)]
pub struct ShareImage {
    /// Absolute URL of the content-hashed file.
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// What the picture shows, for people who cannot see it.
    pub alt: String,
}

/// A link with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// The `<head>` values that differ per page.
#[derive(Debug, Clone)]
pub struct Head {
    /// The whole `<title>`, site name included.
    pub title: String,
    pub description: String,
    /// The canonical path, e.g. `/articles/what-is-a-muscle-knot`.
    pub path: String,
    /// Whether the page has an address of its own to name as canonical (and
    /// as `og:url`): error pages do not, whatever path they answer.
    pub canonical: bool,
    /// Keep the page out of search engines.
    pub noindex: bool,
    /// The title alone, without the site name: for link previews, which
    /// show the site name separately.
    pub headline: String,
    /// The Open Graph type: `website`, or `article` for articles.
    pub og_type: &'static str,
    /// Structured data for search engines, if the page has any.
    pub json_ld: Option<JsonLd>,
    /// The page's next clinical review (ISO date), which the offline worker
    /// reads: a saved copy is never shown after it.
    pub next_review: Option<String>,
}

impl Head {
    /// A page titled `title`, followed by the site name.
    pub fn new(title: &str, description: &str, path: &str) -> Self {
        Head {
            title: format!("{title} - Knotwise"),
            description: description.to_string(),
            path: path.to_string(),
            canonical: true,
            noindex: false,
            headline: title.to_string(),
            og_type: "website",
            json_ld: None,
            next_review: None,
        }
    }

    /// The head of a page that is no place to land from a search or a
    /// link: an answer to a form, an error, the offline page. Search
    /// engines are told not to index it, and it names no canonical address.
    pub(crate) fn unlisted(title: &str, description: &str, path: &str) -> Self {
        Head { noindex: true, canonical: false, ..Head::new(title, description, path) }
    }

    /// The head of an article page: like [`Head::new`], typed `article`.
    pub fn article(title: &str, description: &str, path: &str) -> Self {
        Head { og_type: "article", ..Head::new(title, description, path) }
    }
}

/// An article as a link on another page.
#[derive(Debug, Clone)]
pub struct ArticleLink {
    pub href: String,
    pub title: String,
}

impl ArticleLink {
    pub fn to(article: &Article) -> Self {
        ArticleLink { href: article.url_path(), title: article.meta.title.clone() }
    }
}

/// An article on the home page.
#[derive(Debug, Clone)]
pub(crate) struct Card {
    pub href: String,
    pub title: String,
    pub description: String,
    pub minutes: usize,
}

/// A heading on the home page and the articles under it.
#[derive(Debug, Clone)]
pub(crate) struct CardGroup {
    pub heading: String,
    /// The heading's id.
    pub id: String,
    pub cards: Vec<Card>,
}

/// `/`: "Need help now?" (the self-check and the safety articles) first,
/// then the articles for a sore reader, then the rest.
#[derive(Template)]
#[template(path = "home.html")]
pub(crate) struct HomePage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    /// The first group is always "Need help now?", which holds the self-check.
    pub(crate) groups: Vec<CardGroup>,
    /// How many articles are published.
    pub total: usize,
    /// Whether every article is on the page (About counts: it is in the
    /// header); when not, the page links to all of them, A to Z.
    pub(crate) all_shown: bool,
    /// Whether a clinician has reviewed the self-check's questions; the way
    /// in says so plainly while not.
    pub(crate) self_check_reviewed: bool,
}

/// `/articles`: every published article by title, A to Z, as the NHS
/// lists its conditions: a letter index, then each letter's titles.
#[derive(Template)]
#[template(path = "all_articles.html")]
pub(crate) struct AllArticlesPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub letters: Vec<Letter>,
    pub total: usize,
}

/// One letter of the A to Z and the articles whose titles start with it.
#[derive(Debug, Clone)]
pub(crate) struct Letter {
    /// "A", or "0-9" for titles that start with a digit or a sign.
    pub name: String,
    /// The heading's id, e.g. `letter-a`.
    pub id: String,
    pub articles: Vec<ArticleLink>,
}

/// A 4xx or 5xx page in the site's layout.
#[derive(Template)]
#[template(path = "error.html")]
pub(crate) struct ErrorPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub heading: String,
    pub message: String,
}

impl<'a> ErrorPage<'a> {
    /// An error page that search engines should not index.
    pub(crate) fn new(chrome: &'a Chrome, heading: &str, message: &str) -> Self {
        let head = Head::unlisted(heading, message, "");
        ErrorPage { chrome, head, heading: heading.to_string(), message: message.to_string() }
    }
}

/// One region's ways to get help, on the offline page.
#[derive(Debug, Clone)]
pub(crate) struct RegionHelp {
    pub name: &'static str,
    pub id: &'static str,
    pub number: EmergencyNumber,
    pub(crate) health_lines: &'static [Sentence],
    pub(crate) routes: Vec<&'static Route>,
}

/// `/offline`: what the service worker shows for a page it has not saved
/// when there is no connection: every way to call for help, the site's
/// region first, each region with its emergency number, its urgent health
/// lines and its ways to call without speaking or hearing.
#[derive(Template)]
#[template(path = "offline.html")]
pub(crate) struct OfflinePage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub(crate) regions: Vec<RegionHelp>,
}

impl<'a> OfflinePage<'a> {
    pub(crate) fn new(chrome: &'a Chrome) -> Self {
        let head = Head::unlisted(
            "How to get help without the internet",
            "Emergency numbers, urgent health lines and ways to call for help without speaking or hearing.",
            urls::OFFLINE,
        );
        let regions = chrome
            .region
            .this_first()
            .into_iter()
            .map(|region| RegionHelp {
                name: region.name(),
                id: region.id(),
                number: region.numbers()[0],
                health_lines: region.health_lines(),
                routes: region.routes(),
            })
            .collect();
        OfflinePage { chrome, head, regions }
    }
}
