//! The site: all content loaded and checked, every page rendered once and
//! held immutable for the life of the process.
//!
//! [`Content::load`] reads and checks (what `knotwise check` runs);
//! [`Content::load_to_serve`] also renders each article's page as it is
//! read; [`Site::build`] renders the rest and prepares every response by
//! path (what `knotwise serve` runs after it), and [`Site::compress`] adds
//! the compressed variants afterwards, in the background. Handlers only
//! look up.
//!
//! `input` reads and checks; `steps` holds the named steps of
//! [`Site::build`], one page or group of responses each.

mod input;
mod steps;

use crate::content::Article;
use crate::date::Date;
use crate::emergency::Region;
use crate::memory;
use crate::pages::{Chrome, ErrorPage, OFF_PAGE_LINKS, Overdue, ResultPages, SelfCheckOffPage, Unavailable};
use crate::prepared::{Accepted, CachePolicy, Keep, Prepared, Store};
use crate::problem::Problem;
use crate::search::Search;
use crate::selfcheck::Questionnaire;
use crate::urls::{self};
use askama::Template;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::thread;

pub use input::{Content, Made, Paths, StaticLinks};
pub(crate) use input::{QUESTIONNAIRE_FILE, SHARE_IMAGE_ALT};
pub use steps::HOME_CARDS;
use steps::{
    Neighbours, all_articles, article_pages, discovery, home_page, offline_files, redirects, self_check_form,
    static_files,
};

/// The immutable, fully rendered site.
#[derive(Debug)]
pub struct Site {
    pub chrome: Chrome,
    pub questionnaire: Questionnaire,
    /// Which emergency number the self-check shows first.
    pub region: Region,
    /// The self-check's result page, all but the answers rendered.
    pub results: ResultPages,
    responses: HashMap<String, Entry>,
    /// The day the site's pages are true for, as days since 1970
    /// ([`Date::days`]): set by [`build`](Self::build) and moved on by
    /// [`review_on`](Self::review_on).
    today: AtomicI64,
    /// Every served path, best-known first: the order compression follows.
    by_priority: Vec<String>,
    /// Old article paths (from `aliases`) -> the canonical absolute URL.
    redirects: HashMap<String, String>,
    errors: ErrorPages,
    pub search: Search,
    /// `--self-check off`: the self-check answers with the "not available" page.
    self_check_off: bool,
}

/// A path's prepared response. A reviewed article whose review was current
/// when the site was built also knows how to become overdue, and holds its
/// overdue page once [`Site::review_on`] has made it.
#[derive(Debug)]
struct Entry {
    page: Prepared,
    later: Option<Box<Later>>,
}

/// An article page that turns overdue after its next review date.
#[derive(Debug)]
struct Later {
    overdue: Overdue,
    page: OnceLock<Prepared>,
}

impl Entry {
    fn plain(page: Prepared) -> Entry {
        Entry { page, later: None }
    }

    /// The page to serve: the overdue one once it exists.
    fn current(&self) -> &Prepared {
        match &self.later {
            Some(later) => later.page.get().unwrap_or(&self.page),
            None => &self.page,
        }
    }
}

/// The error pages whose words never change, prepared once.
#[derive(Debug)]
pub struct ErrorPages {
    not_found: Prepared,
    method_not_allowed: Prepared,
    method_not_allowed_here: Prepared,
    server_error: Prepared,
    search_busy: Prepared,
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
            search_busy: no_store(page(
                "Search is busy",
                "Too many searches are running at once. Please try again in a few seconds.",
            )?),
        })
    }

    /// The 405 page, for an `Allow` value of [`ALLOW_READ`] or [`ALLOW_FORM`].
    pub(crate) fn method_not_allowed(&self, allow: &str) -> &Prepared {
        if allow == ALLOW_FORM { &self.method_not_allowed_here } else { &self.method_not_allowed }
    }

    /// The 500 page.
    pub(crate) fn server_error(&self) -> &Prepared {
        &self.server_error
    }

    /// The 503 page when too many searches are running
    /// (`search::limits`): made once, so sending it costs what a page does.
    pub(crate) fn search_busy(&self) -> &Prepared {
        &self.search_busy
    }

    fn all(&self) -> [&Prepared; 5] {
        [
            &self.not_found,
            &self.method_not_allowed,
            &self.method_not_allowed_here,
            &self.server_error,
            &self.search_busy,
        ]
    }
}

/// How many article pages (in order) keep every form once compressed:
/// identity, brotli and gzip. Later ones keep brotli only ([`Keep::Brotli`]):
/// every browser sends `br` over HTTPS, where the site is served, and the
/// rare client without it (http:// pages, some feed readers and crawlers)
/// gets identity made from brotli per request. At 10,000 articles keeping
/// identity and gzip for every page would hold another 170 MB and break the
/// memory budget (benches/README.md); the best-known pages, the feeds and
/// the static files keep everything.
pub const WHOLE_ARTICLES: usize = 500;

/// The methods read-only paths accept.
pub(crate) const ALLOW_READ: &str = "GET, HEAD";
/// The methods a form's path accepts.
pub(crate) const ALLOW_FORM: &str = "GET, HEAD, POST";

/// The words of a self-check link whose section has no heading to name.
const READ_MORE: &str = "Read more about this";

const HTML: &str = "text/html; charset=utf-8";

fn render_problem(what: &str, e: impl std::fmt::Display) -> Vec<Problem> {
    vec![Problem::in_file(
        Path::new("templates"),
        format!("rendering {what} failed: {e}"),
        "fix the template named in the message",
    )]
}

impl Site {
    /// Renders every other page of `content`, puts each article page's links
    /// in, and prepares every response, in identity only:
    /// [`compress`](Self::compress) adds the rest. Content is already
    /// checked, so the only failures left are template errors. Pages are
    /// true on `today`: a review overdue by then shows as overdue, and the
    /// others turn overdue when [`review_on`](Self::review_on) passes their
    /// date.
    pub fn build(content: Content, made: Made, today: Date) -> Result<Site, Vec<Problem>> {
        let Content { articles, assets, offline, questionnaire, synonyms, .. } = content;
        let Made { chrome, region, indexing, pages, link_texts } = made;
        let published: Vec<&Article> = articles.iter().filter(|a| !a.meta.draft).collect();
        // Home, the self-check, the A to Z, the stylesheet and the other
        // files every page needs: compressed first.
        let first: Vec<(String, Prepared)> = [
            home_page(&chrome, &published, questionnaire.review().is_some())?,
            self_check_form(&chrome, &questionnaire, region)?,
            all_articles(&chrome, &published)?,
        ]
        .into_iter()
        .chain(static_files(&assets))
        .chain(offline_files(&chrome, &assets, &offline, &published)?)
        .chain(discovery(&chrome.base_url, &published))
        .collect();
        let results = ResultPages::new(&chrome, &questionnaire, region, today, |link| {
            link_texts.get(link).cloned().unwrap_or_else(|| READ_MORE.to_string())
        })
        .map_err(|e| render_problem("the self-check's result page", e))?;
        let redirects = redirects(&chrome.base_url, &published);
        let neighbours = Neighbours::new(&articles, &published);
        let paths: Vec<String> = published.iter().map(|a| a.url_path()).collect();
        // The index's last step runs beside the pages, not after them: on
        // its own it left a core idle for a fifth of a second at 10,000.
        let (pages, search) = thread::scope(|scope| {
            let search = scope.spawn(|| Search::build(indexing, &paths, &questionnaire, &synonyms, &chrome));
            let pages = article_pages(&articles, pages, &neighbours, today);
            (pages, search.join().expect("building the search index does not panic"))
        });
        let pages = pages?;
        drop(articles);
        memory::release_freed();
        let (by_priority, responses) = first
            .into_iter()
            .map(|(path, page)| (path, Entry::plain(page)))
            .chain(pages.into_iter().map(|(path, page, overdue)| {
                let later = overdue.map(|overdue| Box::new(Later { overdue, page: OnceLock::new() }));
                (path, Entry { page, later })
            }))
            .map(|(path, entry)| (path.clone(), (path, entry)))
            .unzip();
        Ok(Site {
            search,
            errors: ErrorPages::render(&chrome)?,
            redirects,
            results,
            questionnaire,
            chrome,
            region,
            responses,
            today: AtomicI64::new(today.days()),
            by_priority,
            self_check_off: false,
        })
    }

    /// The day the pages are true for.
    pub fn today(&self) -> Date {
        Date::from_days(self.today.load(Ordering::Relaxed))
    }

    /// Moves the site on to `today` (never back): every article page whose
    /// next review is now overdue gets its overdue page, made from the
    /// current one and compressed here (brotli, and identity made from it
    /// when asked, like most article pages). The server calls this every
    /// hour with the system's date; tests call it with the day they need.
    /// Returns the paths that turned overdue.
    pub fn review_on(&self, today: Date) -> Result<Vec<&str>, Vec<Problem>> {
        self.today.fetch_max(today.days(), Ordering::Relaxed);
        let today = self.today();
        let mut turned = Vec::new();
        let mut store = Store::default();
        for (path, entry) in &self.responses {
            let Some(later) = &entry.later else { continue };
            if !later.overdue.on(today) || later.page.get().is_some() {
                continue;
            }
            let body = entry.page.select(Accepted::IDENTITY).body();
            let html = later.overdue.apply(&body).map_err(|e| render_problem(path, e))?;
            let page = later.page.get_or_init(|| Prepared::new(HTML, CachePolicy::Reading, html));
            page.compress(Keep::Brotli, &mut store);
            turned.push(path.as_str());
        }
        turned.sort_unstable();
        Ok(turned)
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
        let page = self.unavailable_page(Unavailable::TurnedOff, articles)?;
        self.responses.insert(urls::SELF_CHECK.into(), Entry::plain(page));
        self.self_check_off = true;
        Ok(self)
    }

    /// The page that says the self-check or search is not available and
    /// gives the emergency numbers, the urgent health lines and the
    /// warning-sign articles, which must be published. `articles` is the
    /// folder the site was loaded from, to name a missing article.
    pub(crate) fn unavailable_page(
        &self,
        why: Unavailable,
        articles: &Path,
    ) -> Result<Prepared, Vec<Problem>> {
        let missing: Vec<Problem> = OFF_PAGE_LINKS
            .iter()
            .filter(|slug| self.get(&urls::article(slug)).is_none())
            .map(|slug| {
                Problem::in_file(
                    &articles.join(format!("{slug}.md")),
                    "the page shown when the self-check or search is not available links to this article, which is not published",
                    "Publish the article (it is where readers go for help when the self-check cannot answer).",
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let html = SelfCheckOffPage::new(&self.chrome, self.region, why)
            .render()
            .map_err(|e| render_problem("the self-check's \"not available\" page", e))?;
        let cache = if why == Unavailable::TurnedOff { CachePolicy::Page } else { CachePolicy::NoStore };
        Ok(Prepared::new(HTML, cache, html.into_bytes()))
    }

    /// Whether the operator turned the self-check off.
    pub(crate) fn self_check_off(&self) -> bool {
        self.self_check_off
    }

    /// Makes the compressed variants of every response that has none yet,
    /// best-known pages first, on all cores; returns when all are done.
    /// Serving goes on meanwhile, in identity until a page's turn comes.
    /// Every response gets brotli; article pages after the first
    /// [`WHOLE_ARTICLES`] keep only that (see there).
    pub fn compress(&self) {
        let next = AtomicUsize::new(0);
        let mut articles = 0;
        let pages: Vec<(&Prepared, Keep)> = self
            .errors
            .all()
            .into_iter()
            .map(|page| (page, Keep::All))
            .chain(self.by_priority.iter().map(|path| {
                let article = urls::article_slug(path).is_some();
                articles += usize::from(article);
                let keep = if article && articles > WHOLE_ARTICLES { Keep::Brotli } else { Keep::All };
                (&self.responses[path].page, keep)
            }))
            .collect();
        let threads = thread::available_parallelism().map_or(1, |n| n.get());
        thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    let mut store = Store::default();
                    while let Some(&(page, keep)) = pages.get(next.fetch_add(1, Ordering::Relaxed)) {
                        page.compress(keep, &mut store);
                    }
                });
            }
        });
        memory::release_freed();
    }

    /// Whether every response has its compressed variants.
    pub fn is_compressed(&self) -> bool {
        self.responses.values().map(Entry::current).chain(self.errors.all()).all(Prepared::is_compressed)
    }

    /// The prepared response for a request path, if the site has one.
    pub fn get(&self, path: &str) -> Option<&Prepared> {
        self.responses.get(path).map(Entry::current)
    }

    /// Where an old article path now lives, as an absolute URL.
    pub fn redirect(&self, path: &str) -> Option<&str> {
        self.redirects.get(path).map(String::as_str)
    }

    /// Every old article path and where it now lives.
    pub fn redirects(&self) -> impl Iterator<Item = (&str, &str)> {
        self.redirects.iter().map(|(from, to)| (from.as_str(), to.as_str()))
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
