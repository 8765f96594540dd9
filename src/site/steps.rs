//! The steps of [`Site::build`](super::Site::build): each makes one page or
//! one group of responses from the checked content.

use crate::assets::Assets;
use crate::content::{self, Article};
use crate::cores;
use crate::date::Date;
use crate::emergency::Region;
use crate::feeds;
use crate::memory;
use crate::offline::{self, Offline, OfflineFiles};
use crate::pages::{
    AllArticlesPage, ArticleLink, ArticleLinks, Card, CardGroup, Chrome, Head, HomePage, Letter, Link,
    OfflinePage, Overdue, SelfCheckFormPage, ShareImage, Unlinked,
};
use crate::prepared::{CachePolicy, Prepared, Store};
use crate::problem::Problem;
use crate::selfcheck::Questionnaire;
use crate::structured_data;
use crate::urls::{self, OTHER_PATHS};
use askama::Template;
use std::collections::HashMap;

use super::{HTML, SHARE_IMAGE_ALT, StaticLinks, render_problem};

/// Pages a thread makes between two [`memory::release_freed`]: what it
/// freed is returned as it goes, not all at the end.
pub(super) const TRIM_EVERY: usize = 500;

/// An article's path, its page, and how it turns overdue if it can.
pub(super) type ArticleResponse = (String, Prepared, Option<Overdue>);

/// A body waiting to be prepared: path, type, caching and bytes.
type Body = (String, &'static str, CachePolicy, Vec<u8>);

/// Step: what every page's layout shows; `offline_js_url` is the offline
/// worker's install script, if pages load it.
pub(super) fn chrome(
    statics: &StaticLinks,
    base_url: &str,
    region: Region,
    offline_js_url: Option<String>,
) -> Chrome {
    let base_url = base_url.trim_end_matches('/').to_string();
    let (width, height) = statics.share_image_size;
    Chrome {
        css_url: statics.css_url.clone(),
        icon_url: statics.icon_url.clone(),
        nav: urls::NAV
            .iter()
            .map(|(href, label)| Link { href: href.to_string(), label: label.to_string() })
            .collect(),
        share_image: ShareImage {
            url: format!("{base_url}{}", statics.share_image_url),
            width,
            height,
            alt: SHARE_IMAGE_ALT.to_string(),
        },
        share_js_url: statics.share_js_url.clone(),
        print_js_url: statics.print_js_url.clone(),
        emergency: region.numbers(),
        region,
        offline_js_url,
        theme_colour: crate::offline::THEME_COLOUR,
        base_url,
    }
}

const HOME_DESCRIPTION: &str =
    "Clear, honest answers about muscle knots, soreness after massage and the warning signs that need help.";

/// How many articles the home page shows as cards; the rest are on the
/// A to Z page, so the home page stays small at any size.
pub const HOME_CARDS: usize = 30;

/// The home page's groups of articles, in the order a worried reader needs
/// them: the tag that puts an article in a group (the first group whose tag
/// it has), the group's heading, and its id. Articles with none of these
/// tags go last, under [`HOME_REST`]. The About page is in the header and
/// footer, not among the articles.
pub(super) const HOME_GROUPS: [(&str, &str, &str); 2] =
    [("help-now", "Need help now?", "help-now"), ("soreness", "If you are sore after a massage", "sore")];
/// The heading and id of the last group: every other article.
pub(super) const HOME_REST: (&str, &str) = ("More about massage and muscle knots", "more");

/// Step: the home page, the first published articles as cards in groups.
pub(super) fn home_page(
    chrome: &Chrome,
    published: &[&Article],
    self_check_reviewed: bool,
) -> Result<(String, Prepared), Vec<Problem>> {
    let mut head =
        Head::new("Sore after a massage? Muscle knots and aftercare explained", HOME_DESCRIPTION, urls::HOME);
    head.json_ld = Some(structured_data::website(&chrome.base_url, HOME_DESCRIPTION));
    let groups = home_groups(published);
    let shown = groups.iter().map(|g| g.cards.len()).sum::<usize>()
        + published.iter().filter(|a| a.url_path() == urls::ABOUT).count();
    let total = published.len();
    let html = HomePage { chrome, head, groups, total, all_shown: shown >= total, self_check_reviewed }
        .render()
        .map_err(|e| render_problem("the home page", e))?;
    Ok((urls::HOME.into(), Prepared::new(HTML, CachePolicy::Reading, html.into_bytes())))
}

/// The published articles (in order) as the home page's groups, at most
/// [`HOME_CARDS`] cards in all, earlier groups first; empty groups left out.
fn home_groups(published: &[&Article]) -> Vec<CardGroup> {
    let mut groups: Vec<CardGroup> = HOME_GROUPS
        .iter()
        .map(|(_, heading, id)| (*heading, *id))
        .chain(std::iter::once(HOME_REST))
        .map(|(heading, id)| CardGroup {
            heading: heading.to_string(),
            id: id.to_string(),
            cards: Vec::new(),
        })
        .collect();
    for article in published.iter().filter(|a| a.url_path() != urls::ABOUT) {
        let group = HOME_GROUPS
            .iter()
            .position(|(tag, _, _)| article.meta.tags.iter().any(|t| t == tag))
            .unwrap_or(HOME_GROUPS.len());
        groups[group].cards.push(Card {
            href: article.url_path(),
            title: article.meta.title.clone(),
            description: article.meta.description.clone(),
            minutes: article.reading_minutes(),
        });
    }
    let mut left = HOME_CARDS;
    for group in &mut groups {
        group.cards.truncate(left);
        left -= group.cards.len();
    }
    groups.retain(|g| !g.cards.is_empty() || g.id == HOME_GROUPS[0].2);
    groups
}

/// Step: every published article by title, A to Z.
pub(super) fn all_articles(
    chrome: &Chrome,
    published: &[&Article],
) -> Result<(String, Prepared), Vec<Problem>> {
    let mut sorted: Vec<(String, &Article)> =
        published.iter().map(|a| (a.meta.title.to_lowercase(), *a)).collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut letters: Vec<Letter> = Vec::new();
    for (key, article) in sorted {
        let name = match key.chars().next() {
            Some(c @ 'a'..='z') => c.to_ascii_uppercase().to_string(),
            _ => "0-9".to_string(),
        };
        if letters.last().is_none_or(|l| l.name != name) {
            let id = format!("letter-{}", name.to_lowercase());
            letters.push(Letter { name, id, articles: Vec::new() });
        }
        letters.last_mut().expect("a letter was just added").articles.push(ArticleLink::to(article));
    }
    let head =
        Head::new("All articles, A to Z", "Every Knotwise article by title, A to Z.", urls::ALL_ARTICLES);
    let html = AllArticlesPage { chrome, head, letters, total: published.len() }
        .render()
        .map_err(|e| render_problem("the A to Z of articles", e))?;
    Ok((urls::ALL_ARTICLES.into(), Prepared::new(HTML, CachePolicy::Reading, html.into_bytes())))
}

/// Step: the empty self-check form.
pub(super) fn self_check_form(
    chrome: &Chrome,
    questionnaire: &Questionnaire,
    region: Region,
) -> Result<(String, Prepared), Vec<Problem>> {
    let html = SelfCheckFormPage::start(chrome, questionnaire, region)
        .render()
        .map_err(|e| render_problem("the self-check form", e))?;
    Ok((urls::SELF_CHECK.into(), Prepared::new(HTML, CachePolicy::Page, html.into_bytes())))
}

/// Each published article's related, previous and next articles, made
/// when its page needs them rather than all at once (about 1 KB an
/// article, held while the pages are made).
pub(super) struct Neighbours<'a> {
    related: content::Related<'a>,
    published: &'a [&'a Article],
}

impl<'a> Neighbours<'a> {
    pub(super) fn new(articles: &'a [Article], published: &'a [&'a Article]) -> Self {
        Neighbours { related: content::Related::new(articles), published }
    }

    /// The links of the `i`th published article.
    fn links(&self, i: usize) -> ArticleLinks {
        let published = self.published;
        ArticleLinks {
            related: self.related.of(published[i], 3).into_iter().map(ArticleLink::to).collect(),
            previous: i.checked_sub(1).map(|p| ArticleLink::to(published[p])),
            next: published.get(i + 1).map(|a| ArticleLink::to(a)),
        }
    }
}

/// How many article pages, in order, share their stores: compression goes
/// in order and may drop pages' identity bodies (see `Site::compress`), and a
/// store's memory goes back only once every page in it has gone.
const PAGES_PER_STORE: usize = 500;

/// Step: every published article's page, on all cores: each page as loading
/// rendered it, with its links put in. The pages are taken in the order
/// loading kept them, so each page without links is dropped as soon as the
/// whole page exists and each loader's store goes back as it empties: the
/// site never holds both forms for all articles (at 10,000 that would be
/// 180 MB more). A page whose review is overdue on `today` is made overdue
/// here; one that may turn overdue later comes with its [`Overdue`].
/// Returned in order.
pub(super) fn article_pages(
    articles: &[Article],
    pages: Vec<Unlinked>,
    neighbours: &Neighbours<'_>,
    today: Date,
) -> Result<Vec<ArticleResponse>, Vec<Problem>> {
    let mut work: Vec<(usize, (&Article, Unlinked))> =
        articles.iter().zip(pages).filter(|(a, _)| !a.meta.draft).enumerate().collect();
    work.sort_by(|(_, (a, _)), (_, (b, _))| a.path.cmp(&b.path));
    // Each thread writes into its own stores, and returns freed pages as it goes.
    let pages = cores::map_in_order(
        work,
        || (Vec::<Store>::new(), 0usize),
        |(stores, done), (rank, (article, page))| {
            *done += 1;
            if *done % TRIM_EVERY == 0 {
                memory::release_freed();
            }
            let at = rank / PAGES_PER_STORE;
            if stores.len() <= at {
                stores.resize_with(at + 1, Store::default);
            }
            let problem = |e| render_problem(&article.path.display().to_string(), e);
            let html = stores[at]
                .try_write(|out| match page.overdue().filter(|o| o.on(today)) {
                    Some(due) => {
                        let mut current = Vec::new();
                        page.write_linked(&neighbours.links(rank), &mut current)?;
                        out.extend_from_slice(&due.apply(&current)?);
                        Ok(())
                    }
                    None => page.write_linked(&neighbours.links(rank), out),
                })
                .map_err(problem)?;
            let overdue = page.overdue().filter(|o| !o.on(today)).cloned();
            Ok((rank, (article.url_path(), Prepared::stored(HTML, CachePolicy::Reading, html), overdue)))
        },
    );
    let mut pages = pages.into_iter().collect::<Result<Vec<_>, Vec<Problem>>>()?;
    pages.sort_by_key(|&(rank, _)| rank);
    Ok(pages.into_iter().map(|(_, page)| page).collect())
}

/// Step: the sitemap, the feed and robots.txt.
pub(super) fn discovery(base_url: &str, published: &[&Article]) -> Vec<(String, Prepared)> {
    let bodies: [Body; 3] = [
        (
            urls::SITEMAP.into(),
            feeds::SITEMAP_TYPE,
            CachePolicy::Page,
            feeds::sitemap(base_url, &OTHER_PATHS, published).into_bytes(),
        ),
        (
            urls::FEED.into(),
            feeds::FEED_TYPE,
            CachePolicy::Page,
            feeds::atom(base_url, HOME_DESCRIPTION, published).into_bytes(),
        ),
        (urls::ROBOTS.into(), feeds::ROBOTS_TYPE, CachePolicy::Page, feeds::robots(base_url).into_bytes()),
    ];
    let health: Body =
        (urls::HEALTHZ.into(), "text/plain; charset=utf-8", CachePolicy::NoStore, b"ok\n".to_vec());
    bodies
        .into_iter()
        .chain([health])
        .map(|(path, kind, cache, body)| (path, Prepared::new(kind, cache, body)))
        .collect()
}

/// Step: every static file, under its hashed URL and its plain name; the
/// service worker only at its own address (see [`offline_files`]).
pub(super) fn static_files(assets: &Assets) -> Vec<(String, Prepared)> {
    assets
        .iter()
        .filter(|asset| asset.name != offline::WORKER_FILE)
        .flat_map(|asset| {
            [
                (
                    asset.url.clone(),
                    Prepared::new(asset.content_type, CachePolicy::Immutable, asset.bytes.clone()),
                ),
                (
                    urls::static_file(&asset.name),
                    Prepared::new(asset.content_type, CachePolicy::Plain, asset.bytes.clone()),
                ),
            ]
        })
        .collect()
}

/// Step: offline reading: the page shown without a connection, the app
/// manifest, and the service worker at `/sw.js` (revalidated on every
/// visit, so a new deploy or `--offline off` reaches installed workers).
pub(super) fn offline_files(
    chrome: &Chrome,
    assets: &Assets,
    files: &OfflineFiles,
    published: &[&Article],
) -> Result<Vec<(String, Prepared)>, Vec<Problem>> {
    let page =
        OfflinePage::new(chrome).render().map_err(|e| render_problem("the offline page", e))?.into_bytes();
    let saved_first = offline::SAVED_FIRST
        .iter()
        .map(|slug| urls::article(slug))
        .filter(|path| published.iter().any(|a| a.url_path() == *path));
    let precache: Vec<String> = [urls::HOME.to_string(), urls::OFFLINE.to_string()]
        .into_iter()
        .chain(saved_first)
        .chain([chrome.css_url.clone(), chrome.icon_url.clone()])
        .chain(files.icons.iter().map(|(url, _, _)| url.clone()))
        .chain([files.register_url.clone()])
        .collect();
    let on = if chrome.offline_js_url.is_some() { Offline::On } else { Offline::Off };
    let worker = offline::worker(on, files, assets, &page, &precache);
    Ok(vec![
        (urls::OFFLINE.into(), Prepared::new(HTML, CachePolicy::Page, page)),
        (
            urls::MANIFEST.into(),
            Prepared::new(offline::MANIFEST_TYPE, CachePolicy::Page, offline::manifest(files).into_bytes()),
        ),
        (
            urls::WORKER.into(),
            Prepared::new(offline::WORKER_TYPE, CachePolicy::Revalidate, worker.into_bytes()),
        ),
    ])
}

/// Step: old article paths (from `aliases`) to their canonical URLs.
pub(super) fn redirects(base_url: &str, published: &[&Article]) -> HashMap<String, String> {
    published
        .iter()
        .flat_map(|a| {
            let to = format!("{base_url}{}", a.url_path());
            a.meta.aliases.iter().map(move |alias| (urls::article(alias), to.clone()))
        })
        .collect()
}

/// "Read more: <section heading>" for a link into `article`, so each link
/// says where it goes: made while its `body` is at hand.
pub(super) fn link_text(article: &Article, body: &content::Body, link: &str) -> String {
    let fragment = link.split_once('#').map_or("", |(_, fragment)| fragment);
    let heading = body.toc.iter().find(|t| t.id == fragment).map(|t| t.text.as_str());
    format!("Read more: {}", heading.unwrap_or(&article.meta.title))
}
