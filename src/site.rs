//! The site: all content loaded and checked, every page rendered and
//! compressed once, held immutable for the life of the process.
//!
//! [`Content::load`] reads and checks (what `knotwise check` runs);
//! [`Site::build`] renders that content into prepared responses by path
//! (what `knotwise serve` runs after it). Handlers only look up.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::thread;

use askama::Template;

use crate::assets::Assets;
use crate::assets::png_size;
use crate::content::{self, Article};
use crate::emergency::Region;
use crate::pages::{
    ArticleLink, ArticlePage, Card, Chrome, ErrorPage, Head, HomePage, Link, SelfCheckFormPage,
};
use crate::prepared::{CachePolicy, Prepared};
use crate::problem::Problem;
use crate::search::Search;
use crate::search::synonyms::Synonyms;
use crate::selfcheck::{self, Questionnaire};

/// The questionnaire's file name inside the articles folder.
pub const QUESTIONNAIRE_FILE: &str = "self-check.toml";
use crate::feeds;
use crate::pages::ShareImage;
use crate::structured_data;
use crate::urls::{self, OTHER_PATHS, TEMPLATE_LINKS};

/// The link-preview image in `static/`, and what it shows.
pub const SHARE_IMAGE: &str = "share.png";
pub const SHARE_IMAGE_ALT: &str =
    "Knotwise, and the words: Sore after a massage? Plain answers. White text on dark teal.";

/// Where content comes from.
#[derive(Debug, Clone)]
pub struct Paths {
    pub articles: PathBuf,
    pub statics: PathBuf,
}

/// Everything read from disk, checked, not yet rendered into pages.
#[derive(Debug)]
pub struct Content {
    pub paths: Paths,
    /// Every article, drafts included, in navigation order.
    pub articles: Vec<Article>,
    pub assets: Assets,
    pub questionnaire: Questionnaire,
    /// The editors' search synonyms and emergency phrases.
    pub synonyms: Synonyms,
}

impl Content {
    /// Reads and checks all content, reporting every problem at once.
    pub fn load(paths: &Paths) -> Result<Content, Vec<Problem>> {
        let mut problems = Vec::new();
        let (articles, mut found) = content::load_dir(&paths.articles);
        problems.append(&mut found);
        let assets = Assets::load(&paths.statics).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            Assets::default()
        });
        let questionnaire_path = paths.articles.join(QUESTIONNAIRE_FILE);
        let questionnaire =
            selfcheck::load(&questionnaire_path).map_err(|mut found| problems.append(&mut found)).ok();
        if let Some(questionnaire) = &questionnaire
            && !articles.is_empty()
        {
            for (line, link) in questionnaire.links() {
                if let Err(fix) = content::resolve_link(&articles, &OTHER_PATHS, None, &link) {
                    problems.push(Problem::at(
                        &questionnaire_path,
                        line,
                        format!("the link `{link}` leads nowhere"),
                        fix,
                    ));
                }
            }
        }
        if !articles.is_empty() {
            problems.extend(content::check_articles(&articles, &OTHER_PATHS));
            for link in TEMPLATE_LINKS {
                if let Err(fix) = content::resolve_link(&articles, &OTHER_PATHS, None, link) {
                    problems.push(Problem::in_file(
                        &paths.articles,
                        format!("every page links to `{link}`, which does not exist"),
                        fix,
                    ));
                }
            }
        }
        for name in ["style.css", "icon.svg", "share.js"] {
            if let Err(problem) = assets.url(name, &paths.statics) {
                problems.push(problem);
            }
        }
        if let Err(problem) = share_image_size(&assets, &paths.statics) {
            problems.push(problem);
        }
        let synonyms = Synonyms::load(&paths.articles).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            Synonyms::default()
        });
        match questionnaire {
            Some(questionnaire) if problems.is_empty() => {
                Ok(Content { paths: paths.clone(), articles, assets, questionnaire, synonyms })
            }
            _ => Err(problems),
        }
    }

    /// The articles readers can see, in order.
    pub fn published(&self) -> impl Iterator<Item = &Article> {
        self.articles.iter().filter(|a| !a.meta.draft)
    }
}

/// The immutable, fully rendered site.
#[derive(Debug)]
pub struct Site {
    pub chrome: Chrome,
    pub questionnaire: Questionnaire,
    /// Which emergency number the self-check shows first.
    pub region: Region,
    /// Words for each questionnaire link: the heading of the section it opens.
    link_texts: HashMap<String, String>,
    responses: HashMap<String, Prepared>,
    /// Old article paths (from `aliases`) -> the canonical absolute URL.
    redirects: HashMap<String, String>,
    not_found: Prepared,
    pub search: Search,
}

const HTML: &str = "text/html; charset=utf-8";

impl Site {
    /// Renders every page of `content` and prepares every response.
    pub fn build(content: &Content, base_url: &str, region: Region) -> Result<Site, Vec<Problem>> {
        let statics = &content.paths.statics;
        let url = |name: &str| content.assets.url(name, statics).map_err(|p| vec![p]);
        let chrome = Chrome {
            base_url: base_url.trim_end_matches('/').to_string(),
            css_url: url("style.css")?,
            icon_url: url("icon.svg")?,
            nav: urls::NAV
                .iter()
                .map(|(href, label)| Link { href: href.to_string(), label: label.to_string() })
                .collect(),
            share_image: {
                let (width, height) = share_image_size(&content.assets, statics).map_err(|p| vec![p])?;
                ShareImage {
                    url: format!("{}{}", base_url.trim_end_matches('/'), url(SHARE_IMAGE)?),
                    width,
                    height,
                    alt: SHARE_IMAGE_ALT.to_string(),
                }
            },
            share_js_url: url("share.js")?,
        };
        let render_problem = |what: &str, e: askama::Error| {
            vec![Problem::in_file(
                Path::new("templates"),
                format!("rendering {what} failed: {e}"),
                "fix the template named in the message",
            )]
        };

        let mut bodies: Vec<(String, &'static str, CachePolicy, Vec<u8>)> = Vec::new();
        let published: Vec<&Article> = content.published().collect();
        let mut home_head = Head::new(
            "Sore after a massage? Muscle knots and aftercare explained",
            "Clear, honest answers about muscle knots, soreness after massage and the warning signs that need help.",
            urls::HOME,
        );
        home_head.json_ld = Some(structured_data::website(&chrome.base_url, &home_head.description));
        let home_description = home_head.description.clone();
        let home = HomePage {
            chrome: &chrome,
            head: home_head,
            cards: published
                .iter()
                .map(|a| Card {
                    href: a.url_path(),
                    title: a.meta.title.clone(),
                    description: a.meta.description.clone(),
                    minutes: a.body.reading_minutes(),
                })
                .collect(),
        }
        .render()
        .map_err(|e| render_problem("the home page", e))?;
        bodies.push((urls::HOME.into(), HTML, CachePolicy::Page, home.into_bytes()));

        for (i, article) in published.iter().enumerate() {
            let mut head = Head::article(&article.meta.title, &article.meta.description, &article.url_path());
            head.json_ld = Some(structured_data::article(&chrome.base_url, article));
            let page = ArticlePage {
                chrome: &chrome,
                head,
                article,
                review: article.meta.review(),
                related: content::related(&content.articles, article, 3)
                    .into_iter()
                    .map(ArticleLink::to)
                    .collect(),
                previous: i.checked_sub(1).map(|p| ArticleLink::to(published[p])),
                next: published.get(i + 1).map(|a| ArticleLink::to(a)),
            }
            .render()
            .map_err(|e| render_problem(&article.path.display().to_string(), e))?;
            bodies.push((article.url_path(), HTML, CachePolicy::Page, page.into_bytes()));
        }

        let base_url = &chrome.base_url;
        let sitemap = feeds::sitemap(base_url, &OTHER_PATHS, &published);
        bodies.push((urls::SITEMAP.into(), feeds::SITEMAP_TYPE, CachePolicy::Page, sitemap.into_bytes()));
        let feed = feeds::atom(base_url, &home_description, &published);
        bodies.push((urls::FEED.into(), feeds::FEED_TYPE, CachePolicy::Page, feed.into_bytes()));
        let robots = feeds::robots(base_url);
        bodies.push((urls::ROBOTS.into(), feeds::ROBOTS_TYPE, CachePolicy::Page, robots.into_bytes()));

        for asset in content.assets.iter() {
            bodies.push((asset.url.clone(), asset.content_type, CachePolicy::Immutable, asset.bytes.clone()));
            bodies.push((
                urls::static_file(&asset.name),
                asset.content_type,
                CachePolicy::Plain,
                asset.bytes.clone(),
            ));
        }
        let form = SelfCheckFormPage::start(&chrome, &content.questionnaire, region)
            .render()
            .map_err(|e| render_problem("the self-check form", e))?;
        bodies.push((urls::SELF_CHECK.into(), HTML, CachePolicy::Page, form.into_bytes()));
        bodies.push((
            urls::HEALTHZ.into(),
            "text/plain; charset=utf-8",
            CachePolicy::NoStore,
            b"ok\n".to_vec(),
        ));

        let not_found = ErrorPage::new(
            &chrome,
            "Page not found",
            "We could not find that page. If you typed the web address, check it is correct.",
        )
        .render()
        .map_err(|e| render_problem("the 404 page", e))?;
        // Never cached: a shared cache keeping a 404 would hide a page
        // published a minute later.
        bodies.push(("".into(), HTML, CachePolicy::NoStore, not_found.into_bytes()));

        let redirects = published
            .iter()
            .flat_map(|a| {
                let to = format!("{}{}", chrome.base_url, a.url_path());
                a.meta.aliases.iter().map(move |alias| (urls::article(alias), to.clone()))
            })
            .collect();
        let mut responses = prepare_all(bodies);
        let not_found = responses.remove("").expect("the 404 page was prepared above");
        let link_texts = content
            .questionnaire
            .links()
            .into_iter()
            .map(|(_, link)| {
                let text = link_text(&published, &link);
                (link, text)
            })
            .collect();
        let search = Search::build(content, &chrome);
        Ok(Site {
            chrome,
            questionnaire: content.questionnaire.clone(),
            region,
            link_texts,
            responses,
            redirects,
            not_found,
            search,
        })
    }

    /// The prepared response for a request path, if the site has one.
    pub fn get(&self, path: &str) -> Option<&Prepared> {
        self.responses.get(path)
    }

    /// Where an old article path now lives, as an absolute URL.
    pub fn redirect(&self, path: &str) -> Option<&str> {
        self.redirects.get(path).map(String::as_str)
    }

    /// Every old article path and where it now lives.
    pub fn redirects(&self) -> impl Iterator<Item = (&str, &str)> {
        self.redirects.iter().map(|(from, to)| (from.as_str(), to.as_str()))
    }

    /// Words for a link from the self-check to an article section.
    pub fn link_text(&self, link: &str) -> String {
        self.link_texts.get(link).cloned().unwrap_or_else(|| "Read more about this".to_string())
    }

    /// The 404 page.
    pub fn not_found(&self) -> &Prepared {
        &self.not_found
    }

    /// Every path the site serves, for tests and link checks.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.responses.keys().map(String::as_str)
    }
}

/// "Read more: <section heading>" for a link to an article section, so each
/// link says where it goes.
fn link_text(articles: &[&Article], link: &str) -> String {
    let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
    let Some(article) = articles.iter().find(|a| a.url_path() == path) else {
        return "Read more about this".to_string();
    };
    let heading = article.body.toc.iter().find(|t| t.id == fragment).map(|t| t.text.as_str());
    format!("Read more: {}", heading.unwrap_or(&article.meta.title))
}

/// The width and height of the share image, which must be a PNG.
fn share_image_size(assets: &Assets, statics: &Path) -> Result<(u32, u32), Problem> {
    let asset = assets.get(SHARE_IMAGE).ok_or_else(|| {
        Problem::in_file(
            &statics.join(SHARE_IMAGE),
            format!("link previews need `{SHARE_IMAGE}`, and it is missing"),
            "restore the file from the repository's static/ folder",
        )
    })?;
    png_size(&asset.bytes).ok_or_else(|| {
        Problem::in_file(
            &statics.join(SHARE_IMAGE),
            format!("`{SHARE_IMAGE}` is not a PNG image"),
            "replace it with a 1200x630 PNG under 60 KB (the README says how it was made)",
        )
    })
}

/// Compresses all bodies across the available cores: compression is the
/// slowest part of start-up, and each body is independent.
fn prepare_all(bodies: Vec<(String, &'static str, CachePolicy, Vec<u8>)>) -> HashMap<String, Prepared> {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = bodies.len().div_ceil(threads).max(1);
    let mut bodies = bodies;
    let mut chunks = Vec::new();
    while !bodies.is_empty() {
        let rest = bodies.split_off(chunk.min(bodies.len()));
        chunks.push(std::mem::replace(&mut bodies, rest));
    }
    thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|(path, content_type, cache, body)| {
                            (path, Prepared::new(content_type, cache, body))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("compression does not panic")).collect()
    })
}
