//! `knotwise serve --watch`: the site, swapped whole after each good save,
//! with the problems of a bad save shown on every page and a small script
//! that reloads the browser after each rebuild.
//!
//! Production never runs any of this: [`app`] wraps the same [`web::app`]
//! that `serve` uses in one middleware, only in watch mode. The middleware
//! reads the current site once per request and hands it to the handlers as
//! their `Data<Site>`, asks them for uncompressed, uncached responses, and
//! adds the stylesheet link, the reload script and the problems panel to
//! HTML pages on the way out.

use std::rc::Rc;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Extensions, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::{Next, from_fn};
use actix_web::web::{self, Bytes};
use actix_web::{App, Error, HttpResponse};
use tokio::sync::watch;

use crate::content::gate;
use crate::date::Date;
use crate::emergency::Region;
use crate::markup::{element, end, escape, start, text_with_code};
use crate::offline::Offline;
use crate::problem::{Problem, eprint_all};
use crate::site::{Content, Paths, Site};

/// Where watch mode's own files live; production serves nothing here.
pub(crate) const SCRIPT_PATH: &str = "/_knotwise/live-reload.js";
pub(crate) const STYLE_PATH: &str = "/_knotwise/watch.css";
pub(crate) const EVENTS_PATH: &str = "/_knotwise/events";

const SCRIPT: &str = include_str!("live-reload.js");
const STYLE: &str = include_str!("watch.css");

/// What a rebuild needs besides the files.
#[derive(Debug, Clone)]
pub struct Settings {
    pub paths: Paths,
    pub base_url: String,
    pub region: Region,
    /// `--self-check`: a rebuild keeps it off when the operator turned it off.
    pub self_check: bool,
    /// The content gate's options, as `serve` started with.
    pub gate: gate::Options,
}

/// The last good site and the problems of the latest save, if it failed.
#[derive(Debug)]
struct State {
    site: web::Data<Site>,
    problems: Vec<Problem>,
    build: u64,
}

/// The site in watch mode: swapped whole on each good save.
#[derive(Debug)]
pub struct Live {
    state: RwLock<Arc<State>>,
    builds: watch::Sender<u64>,
}

/// Watch mode shows drafts as if published, so an author sees a new
/// article as they write it. They are still checked as drafts: nothing may
/// link to one.
pub(crate) fn preview_drafts(content: &mut Content) {
    for article in &mut content.articles {
        article.meta.draft = false;
    }
}

/// Loads through the content gate (as `knotwise check` does) and builds
/// the site as true on `today`, drafts shown.
pub fn build(settings: &Settings, today: Date) -> Result<Site, Vec<Problem>> {
    // Never the offline worker: `/sw.js` retires one a browser may have
    // installed from `serve` on the same address, so every save is seen.
    let (mut content, made) = Content::load_to_serve(
        &settings.paths,
        &settings.gate,
        &settings.base_url,
        settings.region,
        Offline::Off,
    )?;
    preview_drafts(&mut content);
    Site::build(content, made, today)
        .and_then(|site| site.with_self_check(settings.self_check, &settings.paths.articles))
}

impl Live {
    /// Watch mode around a first good site.
    pub fn new(site: web::Data<Site>) -> Arc<Live> {
        let state = State { site, problems: Vec::new(), build: 0 };
        Arc::new(Live { state: RwLock::new(Arc::new(state)), builds: watch::channel(0).0 })
    }

    fn current(&self) -> Arc<State> {
        self.state.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// Rebuilds from the files: a good build replaces the site and clears
    /// the panel; a bad one keeps the last good site and shows every
    /// problem, on the terminal and on every page. Then browsers reload.
    /// The rebuilt site keeps the day the current one is true for, which
    /// [`review_on`](Self::review_on) moves on.
    pub fn rebuild(&self, settings: &Settings) {
        let started = Instant::now();
        let result = build(settings, self.current().site.today());
        let mut state = self.state.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        let build = state.build + 1;
        *state = Arc::new(match result {
            Ok(site) => {
                println!("Rebuilt in {} ms.", started.elapsed().as_millis());
                State { site: web::Data::new(site), problems: Vec::new(), build }
            }
            Err(problems) => {
                eprint_all(&problems);
                eprintln!("Still serving the last good version; save a fix and the pages update.");
                State { site: state.site.clone(), problems, build }
            }
        });
        drop(state);
        self.builds.send_replace(build);
    }

    /// Moves the site being served on to `today` (`Site::review_on`).
    pub fn review_on(&self, today: Date) -> Result<Vec<String>, Vec<Problem>> {
        let state = self.current();
        let turned = state.site.review_on(today)?;
        Ok(turned.into_iter().map(str::to_string).collect())
    }

    /// Watches the content folders on a thread of its own, rebuilding after
    /// each settled save.
    pub fn spawn_watcher(self: &Arc<Self>, settings: Settings) {
        let live = Arc::clone(self);
        std::thread::Builder::new()
            .name("knotwise-watch".into())
            .spawn(move || {
                let (articles, statics) = (settings.paths.articles.clone(), settings.paths.statics.clone());
                super::watch::watch(&articles, &statics, || live.rebuild(&settings));
            })
            .expect("the watcher thread starts");
    }
}

/// The application in watch mode: the production app behind one middleware.
pub fn app(
    live: Arc<Live>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    let site = live.current().site.clone();
    crate::web::app(site).app_data(web::Data::from(live)).wrap(from_fn(watch_mode))
}

async fn watch_mode(
    live: web::Data<Live>,
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    match req.path() {
        SCRIPT_PATH => return Ok(req.into_response(own_file("text/javascript; charset=utf-8", SCRIPT))),
        STYLE_PATH => return Ok(req.into_response(own_file("text/css; charset=utf-8", STYLE))),
        EVENTS_PATH => return Ok(req.into_response(events(&live))),
        _ => {}
    }
    let state = live.current();
    let mut data = Extensions::new();
    data.insert(state.site.clone());
    req.add_data_container(Rc::new(data));
    // Plain bytes, never a 304: the page is about to be changed below.
    req.headers_mut().remove(header::ACCEPT_ENCODING);
    req.headers_mut().remove(header::IF_NONE_MATCH);
    let head = req.method() == Method::HEAD;
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    headers.remove(header::ETAG);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if head || !is_html {
        return Ok(res.map_into_boxed_body());
    }
    let (req, res) = res.into_parts();
    let (res, body) = res.into_parts();
    let body = actix_web::body::to_bytes(body)
        .await
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.into().to_string()))?;
    let page = annotate(&String::from_utf8_lossy(&body), &state.problems, state.build);
    Ok(ServiceResponse::new(req, res.set_body(BoxBody::new(page))))
}

fn own_file(content_type: &'static str, text: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(text)
}

/// Server-Sent Events: the current build number at once, then each new one.
fn events(live: &Live) -> HttpResponse {
    let builds = live.builds.subscribe();
    let stream = futures_util::stream::unfold((builds, true), |(mut builds, first)| async move {
        if !first {
            builds.changed().await.ok()?;
        }
        let build = *builds.borrow_and_update();
        Some((Ok::<_, std::convert::Infallible>(Bytes::from(format!("data: {build}\n\n"))), (builds, false)))
    });
    HttpResponse::build(StatusCode::OK)
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .streaming(stream)
}

/// The page with watch mode's stylesheet and script, its build number, and
/// the problems panel at the top of the main content.
pub fn annotate(page: &str, problems: &[Problem], build: u64) -> String {
    let mut out = String::with_capacity(page.len() + 1024);
    let head = [
        start("meta", &[("name", "knotwise-build"), ("content", &build.to_string())]),
        start("link", &[("rel", "stylesheet"), ("href", STYLE_PATH)]),
        start("script", &[("src", SCRIPT_PATH), ("defer", "")]) + &end("script"),
        String::new(),
    ]
    .join("\n");
    let (before_head_end, rest) = page.split_at(page.find("</head>").unwrap_or(0));
    out.push_str(before_head_end);
    out.push_str(&head);
    let main_start = rest.find("<main").and_then(|at| rest[at..].find('>').map(|end| at + end + 1));
    let body_start = rest.find("<body").and_then(|at| rest[at..].find('>').map(|end| at + end + 1));
    match main_start.or(body_start) {
        Some(at) if !problems.is_empty() => {
            out.push_str(&rest[..at]);
            out.push_str(&panel(problems));
            out.push_str(&rest[at..]);
        }
        _ => out.push_str(rest),
    }
    out
}

/// Every problem of the latest save, each with its file, line and fix.
fn panel(problems: &[Problem]) -> String {
    let count = problems.len();
    let summary = format!("The latest save has {count} problem{}.", if count == 1 { "" } else { "s" });
    let attrs =
        [("class", "knotwise-problems"), ("role", "alert"), ("aria-label", "Problems in the latest save")];
    let mut html = format!(
        "\n{}\n{}{} {}{}\n{}\n",
        start("section", &attrs),
        start("p", &[]),
        element("strong", &[], &summary),
        escape("This is the last version that worked; it updates by itself when you save a fix."),
        end("p"),
        start("ol", &[])
    );
    for problem in problems {
        let place = match problem.line {
            Some(line) => format!("{}, line {line}", problem.file.display()),
            None => problem.file.display().to_string(),
        };
        html.push_str(&start("li", &[]));
        html.push_str(&element("code", &[], &place));
        html.push_str(": ");
        html.push_str(&text_with_code(&problem.message));
        html.push_str(&start("br", &[]));
        html.push_str("Fix: ");
        html.push_str(&text_with_code(&problem.fix));
        html.push_str(&end("li"));
        html.push('\n');
    }
    html.push_str(&end("ol"));
    html.push('\n');
    html.push_str(&end("section"));
    html.push('\n');
    html
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const PAGE: &str = "<!doctype html><html><head><title>t</title></head>\
                        <body><main id=\"main-content\" class=\"wrap\"><h1>Hello</h1></main></body></html>";

    #[test]
    fn a_good_build_adds_only_the_script_and_stylesheet() {
        let page = annotate(PAGE, &[], 3);
        assert!(page.contains("<meta name=\"knotwise-build\" content=\"3\">"), "{page}");
        assert!(
            page.contains(&format!("<script src=\"{SCRIPT_PATH}\" defer=\"\"></script>\n</head>")),
            "{page}"
        );
        assert!(!page.contains("knotwise-problems"), "{page}");
        assert!(page.ends_with("<h1>Hello</h1></main></body></html>"), "{page}");
    }

    #[test]
    fn problems_are_listed_above_the_content_escaped() {
        let problems = [
            Problem::at(Path::new("articles/a.md"), 7, "the link `<b>` leads nowhere", "link to /articles/b"),
            Problem::in_file(
                Path::new("articles/b.md"),
                "the prose reads at grade 12",
                "use shorter sentences",
            ),
        ];
        let page = annotate(PAGE, &problems, 4);
        let panel = page.find("knotwise-problems").unwrap();
        assert!(page.find("<main").unwrap() < panel && panel < page.find("<h1>Hello").unwrap(), "{page}");
        assert!(page.contains("2 problems"), "{page}");
        assert!(
            page.contains(
                "<code>articles/a.md, line 7</code>: the link <code>&lt;b&gt;</code> leads nowhere"
            ),
            "{page}"
        );
        assert!(page.contains("Fix: use shorter sentences"), "{page}");
        assert!(!page.contains('`'), "the panel shows code, not Markdown backticks: {page}");
    }
}
