//! Shared set-up for the integration tests.
#![allow(dead_code)] // each test binary uses its own part of this module

pub mod client;
pub mod html;
pub mod nginx;
pub mod server;
pub mod vnu;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use actix_web::web::{self, Bytes};
use knotwise::date::Date;
use knotwise::emergency::Region;
use knotwise::offline::Offline;
use knotwise::problem::Problem;
use knotwise::search::Search;
use knotwise::site::{Content, Paths, Site};
use serde::Deserialize;
use tempfile::TempDir;

/// The day every test site is built for: a fixed date, never the system
/// clock, before any fixture's next review is due.
pub const TODAY: Date = Date { year: 2026, month: 12, day: 1 };

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Content paths for an articles folder, with the real static files.
pub fn paths(articles: &Path) -> Paths {
    Paths { articles: articles.to_path_buf(), statics: root().join("static") }
}

pub const BASE_URL: &str = "https://knotwise.example";

/// How long a test waits for a server, a rebuild or a process on a busy
/// two-core machine before it fails: generous, and never a speed test.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// A site to build as `serve` builds it: for [`BASE_URL`], in the UK, with
/// offline reading, on [`TODAY`]; a test changes only what it is about.
pub struct TestSite {
    paths: Paths,
    base_url: String,
    region: Region,
    offline: Offline,
    today: Date,
}

impl TestSite {
    /// The content in `paths`, with the defaults.
    pub fn new(paths: Paths) -> TestSite {
        TestSite { paths, base_url: BASE_URL.into(), region: Region::Uk, offline: Offline::On, today: TODAY }
    }

    /// The bundled articles and the real static files.
    pub fn real() -> TestSite {
        TestSite::new(paths(&root().join("articles")))
    }

    /// Served at `base_url` (a server of the test's own: `http://127.0.0.1:PORT`).
    pub fn base_url(mut self, base_url: &str) -> TestSite {
        self.base_url = base_url.into();
        self
    }

    pub fn region(mut self, region: Region) -> TestSite {
        self.region = region;
        self
    }

    pub fn offline(mut self, offline: Offline) -> TestSite {
        self.offline = offline;
        self
    }

    /// Built on `today` instead of [`TODAY`].
    pub fn today(mut self, today: Date) -> TestSite {
        self.today = today;
        self
    }

    /// The site without its compressed variants (as `serve` starts), or
    /// every problem, as `knotwise check` prints them.
    pub fn try_build(self) -> Result<Site, String> {
        let (content, made) = Content::load_to_serve(
            &self.paths,
            &Default::default(),
            &self.base_url,
            self.region,
            self.offline,
        )
        .map_err(|problems| report(&problems))?;
        Site::build(content, made, self.today).map_err(|problems| report(&problems))
    }

    /// [`TestSite::try_build`], panicking with every problem.
    pub fn build(self) -> Site {
        self.try_build().unwrap_or_else(|problems| panic!("{problems}"))
    }
}

/// Loads and builds the site in `articles`, or panics with every problem.
pub fn build_site(articles: &Path) -> Site {
    let site = build_site_lazily(articles);
    site.compress();
    site
}

/// Like [`build_site`], without the compressed variants (as `serve` starts).
pub fn build_site_lazily(articles: &Path) -> Site {
    TestSite::new(paths(articles)).build()
}

/// `service!(site)`: the application `main` serves (`knotwise::web::app`)
/// over `site`, as a service for `actix_web::test` calls; `service!()` is
/// the small fixture site; `service!(site, data, ...)` adds app data as
/// `serve` does (metrics, HSTS). The one copy for every HTTP test.
#[macro_export]
macro_rules! service {
    () => {
        $crate::service!($crate::common::fixture_site())
    };
    ($site:expr $(, $data:expr)* $(,)?) => {
        ::actix_web::test::init_service(::knotwise::web::app($site)$(.app_data($data))*).await
    };
}

/// Every problem, one after the other, as `knotwise check` prints them.
pub fn report(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("{p}\n")).collect()
}

/// A fixture site written out in its own temporary folder (removed when
/// dropped): `tests/fixtures/base` and the real `static/`, then the case's
/// own files laid over them, then the case's `edits.toml` applied. A case states only what differs
/// from the base, so a change to the base (a new required field, say) is one
/// edit.
pub struct Fixture {
    dir: TempDir,
}

/// One text replacement in `edits.toml`: `find` must occur exactly once in
/// `file`, so an edit that no longer fits the base fails loudly.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    find: String,
    replace: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edits {
    edit: Vec<Edit>,
}

/// The fixture case at `tests/fixtures/<case>` (e.g. `valid`,
/// `invalid/broken-links`), written out over the base site.
pub fn fixture(case: &str) -> Fixture {
    let fixtures = root().join("tests/fixtures");
    let source = fixtures.join(case);
    assert!(source.is_dir(), "no fixture case {}", source.display());
    let dir = tempfile::Builder::new().prefix("knotwise-fixture-").tempdir().expect("a temporary folder");
    copy_dir(&fixtures.join("base"), dir.path());
    copy_dir(&root().join("static"), &dir.path().join("static"));
    copy_dir(&source, dir.path());
    let edits = dir.path().join("edits.toml");
    if edits.exists() {
        let text = fs::read_to_string(&edits).unwrap();
        let edits: Edits = toml::from_str(&text).unwrap_or_else(|e| panic!("{case}/edits.toml: {e}"));
        for edit in edits.edit {
            let file = dir.path().join(&edit.file);
            let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{case}: {}: {e}", edit.file));
            let found = text.matches(&edit.find).count();
            assert_eq!(found, 1, "{case}/edits.toml: `{}` occurs {found} times in {}", edit.find, edit.file);
            fs::write(&file, text.replacen(&edit.find, &edit.replace, 1)).unwrap();
        }
    }
    Fixture { dir }
}

/// The cases in a group of fixtures (`invalid` -> `invalid/bad-date`, …).
pub fn fixture_cases(group: &str) -> Vec<String> {
    let mut cases: Vec<String> = fs::read_dir(root().join("tests/fixtures").join(group))
        .unwrap()
        .map(|e| format!("{group}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    cases.sort();
    cases
}

impl Fixture {
    /// The folder the fixture was written to (it holds `articles/`).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The fixture's articles folder.
    pub fn articles(&self) -> PathBuf {
        self.dir.path().join("articles")
    }

    /// The fixture's static folder (a copy of the real one).
    pub fn statics(&self) -> PathBuf {
        self.dir.path().join("static")
    }

    /// The fixture's content paths.
    pub fn paths(&self) -> Paths {
        Paths { articles: self.articles(), statics: self.statics() }
    }

    /// Reads and checks the fixture's content.
    pub fn load(&self) -> Result<Content, Vec<Problem>> {
        Content::load(&self.paths(), &Default::default())
    }

    /// A file of the case (such as `expect.txt`), if it has one.
    pub fn read(&self, name: &str) -> Option<String> {
        fs::read_to_string(self.dir.path().join(name)).ok()
    }

    /// The fixture site to build, with the defaults of [`TestSite`].
    pub fn as_site(&self) -> TestSite {
        TestSite::new(self.paths())
    }

    /// Loads and builds the fixture site with its compressed variants, or
    /// panics with every problem.
    pub fn site(&self) -> Site {
        let site = self.as_site().build();
        site.compress();
        site
    }
}

/// Copies the files of `from` into `to`, folder by folder, replacing files
/// of the same name.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The search pages every page-wide check covers (axe in the browser, the
/// HTML validator): empty, results, the emergency card, no results, a
/// suggestion, a correction used.
pub const SEARCH_STATES: [&str; 6] = [
    "/search",
    "/search?q=knot",
    "/search?q=chest+pain",
    "/search?q=qqqqzzzz",
    "/search?q=masage+gun",
    "/search?q=percusion",
];

/// The small valid fixture site, built once per test binary: sites are
/// immutable, so tests can share one.
pub fn fixture_site() -> web::Data<Site> {
    static SITE: OnceLock<web::Data<Site>> = OnceLock::new();
    SITE.get_or_init(|| web::Data::new(fixture("valid").site())).clone()
}

/// The content of the fixture site, to know what every page should say.
pub fn fixture_content() -> Content {
    fixture("valid").load().expect("fixture loads")
}

/// The site whose article title tries to end the JSON-LD script element.
pub fn hostile_site() -> web::Data<Site> {
    web::Data::new(fixture("hostile").site())
}

pub const HOSTILE_TITLE: &str = "</script><script>alert(1)</script> & \"quotes\" ]]> <!-- end";

/// The real site, with the bundled articles, built once per test binary.
pub fn real_site() -> web::Data<Site> {
    real().clone()
}

/// The real site's search, for tests that read its answers (which borrow
/// from it) without a request.
pub fn real_search() -> &'static Search {
    &real().search
}

fn real() -> &'static web::Data<Site> {
    static SITE: OnceLock<web::Data<Site>> = OnceLock::new();
    SITE.get_or_init(|| web::Data::new(build_site(&root().join("articles"))))
}

/// The bundled articles plus `extra` short generated ones ("Walking note
/// <n>", all about walking, a word no bundled article uses), in a
/// temporary folder that lives as long as the site is used.
pub fn real_site_plus(extra: usize) -> (TempDir, web::Data<Site>) {
    let dir = tempfile::tempdir().unwrap();
    copy_articles_but_the_editorial_rules(dir.path());
    for i in 0..extra {
        let text = format!(
            "+++\ntitle = \"Walking note {i}\"\ndescription = \"Note {i} about walking.\"\n\
             published = 2026-01-01\norder = {}\n+++\n\n## Walking\n\n{}\n",
            10_000 + i,
            "Walk a little each day. Walking helps stiff legs. ".repeat(i % 7 + 1)
        );
        fs::write(dir.path().join(format!("walking-{i}.md")), text).unwrap();
    }
    let site = web::Data::new(build_site_lazily(dir.path()));
    (dir, site)
}

/// Copies the bundled articles folder into `dir`, all but
/// `editorial.toml`: generated articles are short notes, not clinical
/// articles with sources and Key facts.
pub fn copy_articles_but_the_editorial_rules(dir: &Path) {
    for entry in fs::read_dir(root().join("articles")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != knotwise::content::editorial::EDITORIAL_FILE {
            fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
}

/// A response body as text.
pub fn text(body: &Bytes) -> &str {
    std::str::from_utf8(body).expect("UTF-8 body")
}

/// The valid fixture with the two warning-sign articles the fallback pages
/// link to (an export refuses a site without them).
pub fn fixture_with_warning_signs() -> Fixture {
    let site = fixture("valid");
    for (slug, title, order) in
        [("emergency-signs", "Emergency signs", 20), ("warning-signs", "Warning signs", 21)]
    {
        fs::write(
            site.articles().join(format!("{slug}.md")),
            format!(
                "+++\ntitle = \"{title}\"\ndescription = \"A fixture page about {slug}.\"\n\
                 published = 2026-11-01\norder = {order}\n+++\n\nCall for help when you need it.\n"
            ),
        )
        .unwrap();
    }
    site
}

/// `knotwise export` of `articles` into `dir`, sending search and the
/// self-check's answers to `origins`.
pub fn export_into(dir: &Path, articles: &Path, origins: &[&str]) {
    let mut command = server::knotwise();
    command.arg("export").arg(dir).arg("--articles").arg(articles).args(["--base-url", BASE_URL]);
    for origin in origins {
        command.arg("--origin").arg(format!("http://{origin}"));
    }
    let out = command.output().unwrap();
    assert!(out.status.success(), "export failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// `knotwise serve` of `articles` as the origin of an export, once every
/// page is compressed: pages go out in identity until then, and the export
/// holds the compressed files, so answers compare after that.
pub fn serve_as_origin(articles: &Path) -> server::Process {
    let origin = server::Process::start(
        server::knotwise()
            .args(["--addr", "127.0.0.1:0", "--workers", "1", "--base-url", BASE_URL, "--articles"])
            .arg(articles)
            .env("RUST_LOG", "warn,knotwise::server=info"),
    );
    origin.log_line("every page compressed");
    origin
}
