//! The site: all content loaded and checked, every page rendered once and
//! held immutable for the life of the process.
//!
//! [`Content::load`] reads and checks (what `knotwise check` runs);
//! [`Site::build`] renders that content into prepared responses by path
//! (what `knotwise serve` runs after it), and [`Site::compress`] adds the
//! compressed variants afterwards, in the background. Handlers only look up.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use askama::Template;

use crate::assets::Assets;
use crate::assets::png_size;
use crate::content::markdown::Rendered;
use crate::content::{self, Article};
use crate::emergency::Region;
use crate::feeds;
use crate::pages::{
    AllArticlesPage, ArticleLink, ArticlePage, Card, Chrome, ErrorPage, Head, HomePage, Letter, Link,
    OFF_PAGE_LINKS, SelfCheckFormPage, SelfCheckOffPage, ShareImage,
};
use crate::prepared::{CachePolicy, Prepared};
use crate::problem::Problem;
use crate::search::Search;
use crate::search::index::Indexing;
use crate::search::synonyms::Synonyms;
use crate::selfcheck::{self, Questionnaire};
use crate::structured_data;
use crate::urls::{self, OTHER_PATHS, TEMPLATE_LINKS};

/// The questionnaire's file name inside the articles folder.
pub const QUESTIONNAIRE_FILE: &str = "self-check.toml";

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

/// The static files every page links to, found and checked when loading.
#[derive(Debug, Clone)]
pub struct StaticLinks {
    pub css_url: String,
    pub icon_url: String,
    pub share_js_url: String,
    pub print_js_url: String,
    pub share_image_url: String,
    pub share_image_size: (u32, u32),
}

/// Everything read from disk, checked, not yet rendered into pages.
#[derive(Debug)]
pub struct Content {
    pub paths: Paths,
    /// Every article, drafts included, in navigation order.
    pub articles: Vec<Article>,
    pub assets: Assets,
    pub statics: StaticLinks,
    pub questionnaire: Questionnaire,
    /// The editors' search synonyms and emergency phrases.
    pub synonyms: Synonyms,
    /// The articles' search index, still being built on its own thread.
    pub indexing: Indexing,
}

impl Content {
    /// Reads and checks all content, reporting every problem at once.
    pub fn load(paths: &Paths) -> Result<Content, Vec<Problem>> {
        let mut problems = Vec::new();
        let (indexing, texts) = Indexing::start();
        let send = |text| {
            // The thread only stops when `texts` is dropped, below.
            let _ = texts.send(text);
        };
        let (articles, mut found) = content::load_dir(&paths.articles, Some(&send));
        drop(texts);
        problems.append(&mut found);
        let assets = Assets::load(&paths.statics).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            Assets::default()
        });
        let questionnaire_path = paths.articles.join(QUESTIONNAIRE_FILE);
        let questionnaire =
            selfcheck::load(&questionnaire_path).map_err(|mut found| problems.append(&mut found)).ok();
        if !articles.is_empty() {
            let index = content::Index::new(&articles);
            if let Some(questionnaire) = &questionnaire {
                for (line, link) in questionnaire.links() {
                    if let Err(fix) = index.resolve_link(&OTHER_PATHS, None, &link) {
                        problems.push(Problem::at(
                            &questionnaire_path,
                            line,
                            format!("the link `{link}` leads nowhere"),
                            fix,
                        ));
                    }
                }
            }
            problems.extend(content::check_articles(&articles, &index, &OTHER_PATHS));
            for link in TEMPLATE_LINKS {
                if let Err(fix) = index.resolve_link(&OTHER_PATHS, None, link) {
                    problems.push(Problem::in_file(
                        &paths.articles,
                        format!("every page links to `{link}`, which does not exist"),
                        fix,
                    ));
                }
            }
        }
        let statics =
            static_links(&assets, &paths.statics).map_err(|mut found| problems.append(&mut found)).ok();
        let synonyms = Synonyms::load(&paths.articles).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            Synonyms::default()
        });
        match (questionnaire, statics) {
            (Some(questionnaire), Some(statics)) if problems.is_empty() => Ok(Content {
                paths: paths.clone(),
                articles,
                assets,
                statics,
                questionnaire,
                synonyms,
                indexing,
            }),
            _ => Err(problems),
        }
    }

    /// The articles readers can see, in order.
    pub fn published(&self) -> impl Iterator<Item = &Article> {
        self.articles.iter().filter(|a| !a.meta.draft)
    }
}

/// The URLs of the static files the templates need, and the share image's
/// size: every one that is missing is a problem.
fn static_links(assets: &Assets, statics: &Path) -> Result<StaticLinks, Vec<Problem>> {
    let url = |name: &str| assets.url(name, statics);
    match (
        url("style.css"),
        url("icon.svg"),
        url("share.js"),
        url("print.js"),
        url(SHARE_IMAGE),
        share_image_size(assets, statics),
    ) {
        (
            Ok(css_url),
            Ok(icon_url),
            Ok(share_js_url),
            Ok(print_js_url),
            Ok(share_image_url),
            Ok(share_image_size),
        ) => Ok(StaticLinks {
            css_url,
            icon_url,
            share_js_url,
            print_js_url,
            share_image_url,
            share_image_size,
        }),
        (css, icon, js, print, image, size) => {
            let image = image.err().filter(|_| size.is_ok());
            Err([css.err(), icon.err(), js.err(), print.err(), image, size.err()]
                .into_iter()
                .flatten()
                .collect())
        }
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
    /// Every served path, best-known first: the order compression follows.
    by_priority: Vec<String>,
    /// Old article paths (from `aliases`) -> the canonical absolute URL.
    redirects: HashMap<String, String>,
    errors: ErrorPages,
    pub search: Search,
    /// `--self-check off`: the self-check answers with the "not available" page.
    self_check_off: bool,
}

/// The error pages whose words never change, prepared once.
#[derive(Debug)]
pub struct ErrorPages {
    not_found: Prepared,
    method_not_allowed: Prepared,
    method_not_allowed_here: Prepared,
    server_error: Prepared,
}

impl ErrorPages {
    /// Steps of the build: each error page in the site's layout.
    fn render(chrome: &Chrome) -> Result<ErrorPages, Vec<Problem>> {
        let page = |heading: &str, message: &str| {
            let html = ErrorPage::new(chrome, heading, message)
                .render()
                .map_err(|e| render_problem(&format!("the `{heading}` error page"), e))?;
            Ok::<_, Vec<Problem>>(html.into_bytes())
        };
        let no_store = |html: Vec<u8>| Prepared::new(HTML, CachePolicy::NoStore, html);
        let not_found = page(
            "Page not found",
            "We could not find that page. If you typed the web address, check it is correct.",
        )?;
        let not_allowed = |allow: &str| {
            page("This page cannot do that", &format!("This address only accepts {allow} requests."))
        };
        Ok(ErrorPages {
            // Never cached: a shared cache keeping a 404 would hide a page
            // published a minute later.
            not_found: no_store(not_found),
            method_not_allowed: no_store(not_allowed(ALLOW_READ)?),
            method_not_allowed_here: no_store(not_allowed(ALLOW_FORM)?),
            server_error: no_store(page(
                "Something went wrong",
                "We could not show this page. If you feel unwell, do not wait: contact a health service.",
            )?),
        })
    }

    /// The 404 page.
    pub fn not_found(&self) -> &Prepared {
        &self.not_found
    }

    /// The 405 page, for an `Allow` value of [`ALLOW_READ`] or [`ALLOW_FORM`].
    pub fn method_not_allowed(&self, allow: &str) -> &Prepared {
        if allow == ALLOW_FORM { &self.method_not_allowed_here } else { &self.method_not_allowed }
    }

    /// The 500 page.
    pub fn server_error(&self) -> &Prepared {
        &self.server_error
    }

    fn all(&self) -> [&Prepared; 4] {
        [&self.not_found, &self.method_not_allowed, &self.method_not_allowed_here, &self.server_error]
    }
}

/// How many article pages (in `order`) also get a gzip variant. Every
/// browser sends `br` over HTTPS, where the site is served; gzip is for the
/// rest (http:// pages, older clients, some feed readers and crawlers), who
/// get later articles in identity: correct, only bigger. At 10,000 articles
/// gzip for every page would hold another 64 MB (about 6 KB a page) and
/// break the memory budget (benches/README.md); the best-known pages, the
/// feeds and the static files keep it.
pub const GZIP_ARTICLES: usize = 1_000;

/// Gives the memory freed by a step back to the system. glibc keeps freed
/// chunks in each thread's arena; after the build (bodies and pages made on
/// many threads) most of them are free but still resident, and would add
/// to peak memory (VmHWM) as compression allocates around them.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: glibc's malloc_trim only returns unused pages of the
        // allocator's own arenas; it takes no pointers from us.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// The methods read-only paths accept.
pub const ALLOW_READ: &str = "GET, HEAD";
/// The methods a form's path accepts.
pub const ALLOW_FORM: &str = "GET, HEAD, POST";

const HTML: &str = "text/html; charset=utf-8";

/// A body waiting to be prepared: path, type, caching and bytes.
type Body = (String, &'static str, CachePolicy, Vec<u8>);

fn render_problem(what: &str, e: askama::Error) -> Vec<Problem> {
    vec![Problem::in_file(
        Path::new("templates"),
        format!("rendering {what} failed: {e}"),
        "fix the template named in the message",
    )]
}

impl Site {
    /// Renders every page of `content` and prepares every response, in
    /// identity only: [`compress`](Self::compress) adds the rest. Content is
    /// already checked, so the only failures left are template errors. It
    /// takes `content` whole so that each article's body can go once its
    /// page exists: whatever else needs the bodies runs before the pages.
    pub fn build(content: Content, base_url: &str, region: Region) -> Result<Site, Vec<Problem>> {
        let Content { mut articles, assets, questionnaire, statics, synonyms, indexing, .. } = content;
        let chrome = chrome(&statics, base_url, region);
        let published: Vec<&Article> = articles.iter().filter(|a| !a.meta.draft).collect();
        let reviewed = questionnaire.review().is_some();
        let first = [
            home_page(&chrome, &published, reviewed)?,
            self_check_form(&chrome, &questionnaire, region)?,
            all_articles(&chrome, &published)?,
        ];
        let last: Vec<(String, Prepared)> =
            discovery(&chrome.base_url, &published).into_iter().chain(static_files(&assets)).collect();
        let redirects = redirects(&chrome.base_url, &published);
        let link_texts = link_texts(&questionnaire, &published);
        let neighbours = neighbours(&articles, &published);
        let paths: Vec<String> = published.iter().map(|a| a.url_path()).collect();
        let pages = article_pages(&chrome, &mut articles, neighbours)?;
        drop(articles);
        let search = Search::build(indexing, &paths, &questionnaire, &synonyms, &chrome);
        release_free_memory();
        let (by_priority, responses) =
            first.into_iter().chain(pages).chain(last).map(|(path, p)| (path.clone(), (path, p))).unzip();
        Ok(Site {
            search,
            errors: ErrorPages::render(&chrome)?,
            redirects,
            link_texts,
            questionnaire,
            chrome,
            region,
            responses,
            by_priority,
            self_check_off: false,
        })
    }

    /// The site as `--self-check` asks: unchanged when on; when off,
    /// `/self-check` says it is not available and gives the emergency
    /// numbers, the urgent health lines and the warning-sign articles.
    /// `serve`, its watch-mode rebuilds and `export` all come through here.
    /// `articles` is the folder the site was loaded from, to name a missing article.
    pub fn with_self_check(mut self, on: bool, articles: &Path) -> Result<Site, Vec<Problem>> {
        if on {
            return Ok(self);
        }
        let missing: Vec<Problem> = OFF_PAGE_LINKS
            .iter()
            .filter(|slug| self.get(&urls::article(slug)).is_none())
            .map(|slug| {
                Problem::in_file(
                    &articles.join(format!("{slug}.md")),
                    "the page shown while the self-check is off links to this article, which is not published",
                    "Publish the article, or run with `--self-check on`.",
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let html = SelfCheckOffPage::new(&self.chrome, self.region)
            .render()
            .map_err(|e| render_problem("the self-check's \"not available\" page", e))?;
        self.responses
            .insert(urls::SELF_CHECK.into(), Prepared::new(HTML, CachePolicy::Page, html.into_bytes()));
        self.self_check_off = true;
        Ok(self)
    }

    /// Whether the operator turned the self-check off.
    pub fn self_check_off(&self) -> bool {
        self.self_check_off
    }

    /// Makes the compressed variants of every response that has none yet,
    /// best-known pages first, on all cores; returns when all are done.
    /// Serving goes on meanwhile, in identity until a page's turn comes.
    /// Every response gets brotli; gzip is made for all but the article
    /// pages after the first [`GZIP_ARTICLES`] (see there).
    pub fn compress(&self) {
        let next = AtomicUsize::new(0);
        let mut articles = 0;
        let pages: Vec<(&Prepared, bool)> = self
            .errors
            .all()
            .into_iter()
            .map(|page| (page, true))
            .chain(self.by_priority.iter().map(|path| {
                let article = urls::article_slug(path).is_some();
                articles += usize::from(article);
                (&self.responses[path], !article || articles <= GZIP_ARTICLES)
            }))
            .collect();
        let threads = thread::available_parallelism().map_or(1, |n| n.get());
        thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    while let Some(&(page, gzip)) = pages.get(next.fetch_add(1, Ordering::Relaxed)) {
                        page.compress(gzip);
                    }
                });
            }
        });
        release_free_memory();
    }

    /// Whether every response has its compressed variants.
    pub fn is_compressed(&self) -> bool {
        self.responses.values().chain(self.errors.all()).all(Prepared::is_compressed)
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

    /// The error pages with fixed words.
    pub fn errors(&self) -> &ErrorPages {
        &self.errors
    }

    /// The 404 page.
    pub fn not_found(&self) -> &Prepared {
        &self.errors.not_found
    }

    /// Every path the site serves, best-known first.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.by_priority.iter().map(String::as_str)
    }
}

/// Step: what every page's layout shows.
fn chrome(statics: &StaticLinks, base_url: &str, region: Region) -> Chrome {
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
        base_url,
    }
}

const HOME_DESCRIPTION: &str =
    "Clear, honest answers about muscle knots, soreness after massage and the warning signs that need help.";

/// How many articles the home page shows as cards, in order; the rest are
/// on the A to Z page, so the home page stays small at any size.
pub const HOME_CARDS: usize = 30;

/// Step: the home page, a card for each of the first published articles.
fn home_page(
    chrome: &Chrome,
    published: &[&Article],
    self_check_reviewed: bool,
) -> Result<(String, Prepared), Vec<Problem>> {
    let mut head =
        Head::new("Sore after a massage? Muscle knots and aftercare explained", HOME_DESCRIPTION, urls::HOME);
    head.json_ld = Some(structured_data::website(&chrome.base_url, HOME_DESCRIPTION));
    let cards = published
        .iter()
        .take(HOME_CARDS)
        .map(|a| Card {
            href: a.url_path(),
            title: a.meta.title.clone(),
            description: a.meta.description.clone(),
            minutes: a.body.reading_minutes(),
        })
        .collect();
    let html = HomePage { chrome, head, cards, total: published.len(), self_check_reviewed }
        .render()
        .map_err(|e| render_problem("the home page", e))?;
    Ok((urls::HOME.into(), Prepared::new(HTML, CachePolicy::Page, html.into_bytes())))
}

/// Step: every published article by title, A to Z.
fn all_articles(chrome: &Chrome, published: &[&Article]) -> Result<(String, Prepared), Vec<Problem>> {
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
    Ok((urls::ALL_ARTICLES.into(), Prepared::new(HTML, CachePolicy::Page, html.into_bytes())))
}

/// Step: the empty self-check form.
fn self_check_form(
    chrome: &Chrome,
    questionnaire: &Questionnaire,
    region: Region,
) -> Result<(String, Prepared), Vec<Problem>> {
    let html = SelfCheckFormPage::start(chrome, questionnaire, region)
        .render()
        .map_err(|e| render_problem("the self-check form", e))?;
    Ok((urls::SELF_CHECK.into(), Prepared::new(HTML, CachePolicy::Page, html.into_bytes())))
}

/// The links an article page shows to other articles.
struct Neighbours {
    related: Vec<ArticleLink>,
    previous: Option<ArticleLink>,
    next: Option<ArticleLink>,
}

/// Step: each published article's related, previous and next articles, in
/// order, so that pages can then be rendered without the other articles.
fn neighbours(articles: &[Article], published: &[&Article]) -> Vec<Neighbours> {
    let related = content::Related::new(articles);
    (0..published.len())
        .map(|i| Neighbours {
            related: related.of(published[i], 3).into_iter().map(ArticleLink::to).collect(),
            previous: i.checked_sub(1).map(|p| ArticleLink::to(published[p])),
            next: published.get(i + 1).map(|a| ArticleLink::to(a)),
        })
        .collect()
}

/// Step: every published article's page, in order, rendered on all cores
/// (each page is independent, and this is most of start-up). Each
/// article's rendered body is dropped as soon as its page is made, so the
/// site never holds both for all articles (at 10,000 that is hundreds of MB).
fn article_pages(
    chrome: &Chrome,
    articles: &mut [Article],
    neighbours: Vec<Neighbours>,
) -> Result<Vec<(String, Prepared)>, Vec<Problem>> {
    let render = |(article, links): (&mut Article, Neighbours)| {
        let path = article.url_path();
        let mut head = Head::article(&article.meta.title, &article.meta.description, &path);
        head.json_ld = Some(structured_data::article(&chrome.base_url, article));
        let html = ArticlePage {
            chrome,
            head,
            article,
            review: article.meta.review(),
            related: links.related,
            previous: links.previous,
            next: links.next,
        }
        .render()
        .map_err(|e| render_problem(&article.path.display().to_string(), e))?;
        article.body = Rendered::default();
        Ok((path, Prepared::new(HTML, CachePolicy::Page, html.into_bytes())))
    };
    let mut work: Vec<(&mut Article, Neighbours)> =
        articles.iter_mut().filter(|a| !a.meta.draft).zip(neighbours).collect();
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = work.len().div_ceil(threads).max(1);
    let mut parts = Vec::new();
    while work.len() > chunk {
        let rest = work.split_off(chunk);
        parts.push(std::mem::replace(&mut work, rest));
    }
    parts.push(work);
    thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(|| part.into_iter().map(render).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("rendering does not panic")).collect()
    })
}

/// Step: the sitemap, the feed and robots.txt.
fn discovery(base_url: &str, published: &[&Article]) -> Vec<(String, Prepared)> {
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

/// Step: every static file, under its hashed URL and its plain name.
fn static_files(assets: &Assets) -> Vec<(String, Prepared)> {
    assets
        .iter()
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

/// Step: old article paths (from `aliases`) to their canonical URLs.
fn redirects(base_url: &str, published: &[&Article]) -> HashMap<String, String> {
    published
        .iter()
        .flat_map(|a| {
            let to = format!("{base_url}{}", a.url_path());
            a.meta.aliases.iter().map(move |alias| (urls::article(alias), to.clone()))
        })
        .collect()
}

/// Step: the words of each questionnaire link.
fn link_texts(questionnaire: &Questionnaire, published: &[&Article]) -> HashMap<String, String> {
    questionnaire
        .links()
        .into_iter()
        .map(|(_, link)| {
            let text = link_text(published, &link);
            (link, text)
        })
        .collect()
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
