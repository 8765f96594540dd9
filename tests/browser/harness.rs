//! The browser side of the browser tests: the site on a loopback port, one
//! headless Chromium driven over CDP (chromiumoxide), and tabs with a viewport,
//! a colour scheme and JavaScript on or off.
//!
//! Every helper returns `Result<_, String>` with a message that says what it
//! was doing, so a failing scenario reads as a sentence, not a stack trace.
//! Waits poll every 50 ms for up to 10 s; nothing sleeps a fixed time.

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::web;
use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::emulation::{
    MediaFeature, SetDeviceMetricsOverrideParams, SetEmulatedMediaParams, SetScriptExecutionDisabledParams,
};
use chromiumoxide::cdp::browser_protocol::input::{DispatchKeyEventParams, DispatchKeyEventType};
use chromiumoxide::cdp::browser_protocol::log::{EventEntryAdded, LogEntryLevel};
use chromiumoxide::cdp::browser_protocol::network::{EventRequestWillBeSent, ResourceType};
use chromiumoxide::cdp::browser_protocol::page::Viewport as Clip;
use chromiumoxide::cdp::js_protocol::runtime::{
    ConsoleApiCalledType, EvaluateParams, EventConsoleApiCalled, EventExceptionThrown,
};
use chromiumoxide::layout::Point;
use chromiumoxide::page::{Page, ScreenshotParams};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use tokio::task::JoinHandle;

use crate::common::server::{InProcess, loopback};

/// What every helper returns: a value, or a sentence saying what went wrong.
pub type R<T = ()> = Result<T, String>;

/// Adds what we were doing to an error.
pub trait Context<T> {
    fn ctx(self, what: impl Display) -> R<T>;
}

impl<T, E: Display> Context<T> for Result<T, E> {
    fn ctx(self, what: impl Display) -> R<T> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

/// Where Debian's Chromium lives; the tests use no other browser.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Set to `1` to skip the browser tests on a machine without Chromium.
pub const SKIP_VAR: &str = "KNOTWISE_SKIP_BROWSER";

/// How long a wait polls before it gives up, and how often.
const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

/// The axe-core script, installed from `tests/package-lock.json`.
pub fn axe_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node_modules/axe-core/axe.min.js")
}

/// `target/screenshots/`, in the same target directory as this test binary
/// (so `$CARGO_TARGET_DIR/screenshots/` when that is set).
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target dir").join("screenshots")
}

/// A browser window: its size, colour scheme, and whether scripts run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub width: u32,
    pub height: u32,
    /// Device pixels per CSS pixel; 2 at 640 px is a 1280 px window at 200% zoom.
    pub scale: f64,
    pub dark: bool,
    pub javascript: bool,
    pub reduced_motion: bool,
    /// The print stylesheet instead of the screen one.
    pub print: bool,
}

impl View {
    pub const DESKTOP: View = View {
        width: 1280,
        height: 900,
        scale: 1.0,
        dark: false,
        javascript: true,
        reduced_motion: false,
        print: false,
    };
    /// An A4 page's width in CSS pixels, printing.
    pub const PRINT: View = View { width: 794, height: 1123, print: true, ..View::DESKTOP };
    pub const MOBILE: View = View { width: 375, height: 740, ..View::DESKTOP };

    pub fn width(self, width: u32) -> View {
        View { width, ..self }
    }
    pub fn dark(self) -> View {
        View { dark: true, ..self }
    }
    pub fn without_javascript(self) -> View {
        View { javascript: false, ..self }
    }

    /// E.g. `375px dark, no JS`.
    pub fn name(self) -> String {
        let mut name = format!("{}px", self.width);
        if self.scale != 1.0 {
            name.push_str(&format!(" at {}x", self.scale));
        }
        name.push_str(if self.dark { " dark" } else { " light" });
        if !self.javascript {
            name.push_str(", no JS");
        }
        if self.print {
            name.push_str(", print");
        }
        if self.reduced_motion {
            name.push_str(", reduced motion");
        }
        name
    }
}

/// The site on a loopback port and one Chromium, shared by every scenario.
pub struct Harness {
    /// `http://127.0.0.1:<port>`.
    pub origin: String,
    browser: Browser,
    handler: JoinHandle<()>,
    server: InProcess,
    _profile: tempfile::TempDir,
    axe: Arc<String>,
}

impl Harness {
    /// Starts the real site (bundled articles, real `static/`) in this runtime
    /// and launches Chromium with a fresh profile.
    pub async fn start(site: web::Data<knotwise::site::Site>) -> R<Harness> {
        let axe = std::fs::read_to_string(axe_path()).ctx(format!(
            "reading {} (install it with `npm ci --prefix tests`, or run .ci/run)",
            axe_path().display()
        ))?;

        let server = InProcess::start(loopback(), move || knotwise::web::app(site.clone()));
        let origin = format!("http://{}", server.addr);

        let profile = tempfile::tempdir().ctx("making a profile dir")?;
        let config = BrowserConfig::builder()
            .chrome_executable(CHROMIUM)
            .no_sandbox()
            .user_data_dir(profile.path())
            .viewport(None)
            .window_size(View::DESKTOP.width, View::DESKTOP.height)
            // Keys without `--`: the builder adds them. Headless (`--headless`)
            // is the builder's default.
            .args([
                "disable-gpu",
                "disable-dev-shm-usage",
                "disable-background-networking",
                "disable-component-update",
                "disable-sync",
                "no-first-run",
                "disable-quic",
            ])
            .launch_timeout(Duration::from_secs(30))
            .build()?;
        let (browser, mut handler) = Browser::launch(config).await.ctx(format!("launching {CHROMIUM}"))?;
        let handler = tokio::spawn(async move { while handler.next().await.is_some() {} });
        Ok(Harness { origin, browser, handler, server, _profile: profile, axe: Arc::new(axe) })
    }

    /// A new tab showing `about:blank` in `view`, recording its console
    /// problems and requests from now on.
    pub async fn tab(&self, view: View) -> R<Tab> {
        let page = self.browser.new_page("about:blank").await.ctx("opening a tab")?;
        let log = Arc::new(Mutex::new(Log::default()));
        let mut tasks = Vec::new();

        let mut console = page.event_listener::<EventConsoleApiCalled>().await.ctx("listening to console")?;
        let sink = log.clone();
        tasks.push(tokio::spawn(async move {
            while let Some(event) = console.next().await {
                if matches!(event.r#type, ConsoleApiCalledType::Error | ConsoleApiCalledType::Assert) {
                    let args: Vec<String> = event
                        .args
                        .iter()
                        .map(|a| {
                            a.value
                                .as_ref()
                                .map(ToString::to_string)
                                .or_else(|| a.description.clone())
                                .unwrap_or_default()
                        })
                        .collect();
                    sink.lock().unwrap().problems.push(format!("console.error: {}", args.join(" ")));
                }
            }
        }));
        let mut exceptions =
            page.event_listener::<EventExceptionThrown>().await.ctx("listening to exceptions")?;
        let sink = log.clone();
        tasks.push(tokio::spawn(async move {
            while let Some(event) = exceptions.next().await {
                let details = &event.exception_details;
                let what = details.exception.as_ref().and_then(|e| e.description.clone()).unwrap_or_default();
                sink.lock().unwrap().problems.push(format!("uncaught exception: {} {what}", details.text));
            }
        }));
        let mut entries = page.event_listener::<EventEntryAdded>().await.ctx("listening to the log")?;
        let sink = log.clone();
        tasks.push(tokio::spawn(async move {
            while let Some(event) = entries.next().await {
                if event.entry.level == LogEntryLevel::Error {
                    let url = event.entry.url.clone().unwrap_or_default();
                    let mut log = sink.lock().unwrap();
                    // A page's own 404 or 422 is logged as a failed load; the
                    // scenarios check page statuses themselves.
                    if event.entry.text.starts_with("Failed to load resource") && log.documents.contains(&url)
                    {
                        continue;
                    }
                    log.problems.push(format!("log error: {} {url}", event.entry.text));
                }
            }
        }));
        let mut requests =
            page.event_listener::<EventRequestWillBeSent>().await.ctx("listening to the network")?;
        let sink = log.clone();
        tasks.push(tokio::spawn(async move {
            while let Some(event) = requests.next().await {
                let mut log = sink.lock().unwrap();
                if event.r#type == Some(ResourceType::Document) {
                    log.documents.push(event.request.url.clone());
                }
                log.requests.push(event.request.url.clone());
            }
        }));

        let tab = Tab { page, log, tasks, origin: self.origin.clone(), axe: self.axe.clone() };
        tab.set_view(view).await?;
        Ok(tab)
    }

    /// Closes Chromium and stops the server.
    pub async fn stop(mut self) {
        if let Err(e) = self.browser.close().await {
            eprintln!("closing Chromium: {e}");
        }
        if let Err(e) = self.browser.wait().await {
            eprintln!("waiting for Chromium to exit: {e}");
        }
        self.handler.abort();
        self.server.stop();
    }
}

#[derive(Debug, Default)]
struct Log {
    problems: Vec<String>,
    requests: Vec<String>,
    /// URLs loaded as whole pages.
    documents: Vec<String>,
}

/// The keys a keyboard user presses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Tab,
    Space,
    Enter,
    ArrowDown,
}

impl Key {
    /// key, code, key code, text (as Puppeteer's key definitions).
    fn definition(self) -> (&'static str, &'static str, i64, Option<&'static str>) {
        match self {
            Key::Tab => ("Tab", "Tab", 9, None),
            Key::Space => (" ", "Space", 32, Some(" ")),
            Key::Enter => ("Enter", "Enter", 13, Some("\r")),
            Key::ArrowDown => ("ArrowDown", "ArrowDown", 40, None),
        }
    }
}

/// One browser tab in one [`View`].
pub struct Tab {
    pub page: Page,
    log: Arc<Mutex<Log>>,
    tasks: Vec<JoinHandle<()>>,
    origin: String,
    axe: Arc<String>,
}

impl Tab {
    /// Applies `view`: viewport, colour scheme, reduced motion, scripts.
    pub async fn set_view(&self, view: View) -> R {
        let page = &self.page;
        page.execute(SetDeviceMetricsOverrideParams::new(view.width, view.height, view.scale, false))
            .await
            .ctx("setting the viewport")?;
        let media = SetEmulatedMediaParams::builder()
            .media(if view.print { "print" } else { "" })
            .features(vec![
                MediaFeature::new("prefers-color-scheme", if view.dark { "dark" } else { "light" }),
                MediaFeature::new("prefers-reduced-motion", if view.reduced_motion { "reduce" } else { "" }),
            ])
            .build();
        page.execute(media).await.ctx("emulating media features")?;
        page.execute(SetScriptExecutionDisabledParams::new(!view.javascript))
            .await
            .ctx("switching JavaScript")?;
        Ok(())
    }

    /// Opens `path` on the site and waits until it has loaded.
    pub async fn goto(&self, path: &str) -> R {
        self.open(&format!("{}{path}", self.origin)).await
    }

    /// Opens `url` (on the site or a server of the scenario's own) and waits
    /// until it has loaded.
    pub async fn open(&self, url: &str) -> R {
        self.page.goto(url).await.ctx(format!("opening {url}"))?;
        self.wait_for("document.readyState === 'complete'", &format!("{url} to load")).await
    }

    /// Evaluates a JavaScript expression (promises are awaited) and returns
    /// its JSON value. Works with page scripts disabled too.
    pub async fn eval<T: DeserializeOwned>(&self, expression: &str) -> R<T> {
        let params = EvaluateParams::builder()
            .expression(expression)
            .await_promise(true)
            .return_by_value(true)
            .build()
            .ctx("building Runtime.evaluate")?;
        let short: String = expression.chars().take(80).collect();
        let result = self.page.evaluate_expression(params).await.ctx(format!("evaluating `{short}`"))?;
        result.into_value::<T>().ctx(format!("reading the value of `{short}`"))
    }

    /// Polls `condition` (a JavaScript expression) every 50 ms until it is
    /// true, for up to 10 s. Errors while a page is navigating count as "not yet".
    pub async fn wait_for(&self, condition: &str, what: &str) -> R {
        self.wait_for_within(condition, what, WAIT).await
    }

    /// [`Tab::wait_for`] for up to `limit`, for what the server must do
    /// first (a rebuild in watch mode).
    pub async fn wait_for_within(&self, condition: &str, what: &str, limit: Duration) -> R {
        let started = Instant::now();
        let expression = format!("!!({condition})");
        let mut last_error = String::new();
        loop {
            match self.eval::<bool>(&expression).await {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(e) => last_error = e,
            }
            if started.elapsed() > limit {
                let url = self.url().await;
                let suffix = if last_error.is_empty() { String::new() } else { format!(" ({last_error})") };
                return Err(format!(
                    "waited {} s for {what} at {url}; `{condition}` stayed false{suffix}",
                    limit.as_secs()
                ));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The current URL, or `?`.
    pub async fn url(&self) -> String {
        self.page.url().await.ok().flatten().unwrap_or_else(|| "?".into())
    }

    /// The current path with its fragment, e.g. `/self-check#leg`.
    pub async fn path(&self) -> String {
        self.url().await.strip_prefix(&self.origin).map(str::to_string).unwrap_or_else(|| "?".into())
    }

    /// Clicks the element `selector` as a mouse would: scrolled to the
    /// middle of the window, pressed and released at the centre of its first
    /// line box, which must
    /// not be covered by anything else. (chromiumoxide's own `Element::click`
    /// waits on page script, which never runs with JavaScript disabled.)
    pub async fn click(&self, selector: &str) -> R {
        let quoted = serde_json::to_string(selector).expect("a string serializes");
        let found: Option<(f64, f64, String)> = self
            .eval(&format!(
                "(() => {{ const e = document.querySelector({quoted}); if (!e) return null;
                   e.scrollIntoView({{ block: 'center', inline: 'nearest', behavior: 'instant' }});
                   const r = e.getClientRects()[0] || e.getBoundingClientRect();
                   const x = r.left + r.width / 2, y = r.top + r.height / 2;
                   const hit = document.elementFromPoint(x, y);
                   return [x, y, e.contains(hit) ? '' : (hit ? hit.outerHTML.slice(0, 120) : 'nothing')]; }})()"
            ))
            .await?;
        let Some((x, y, covered_by)) = found else {
            return Err(format!("no element matches `{selector}` on {}", self.path().await));
        };
        if !covered_by.is_empty() {
            return Err(format!("`{selector}` is covered at its centre by {covered_by}"));
        }
        self.page.click(Point { x, y }).await.ctx(format!("clicking `{selector}`"))?;
        Ok(())
    }

    /// Runs `action`, then waits for a new document to load (a form
    /// submission or a link to another page).
    pub async fn expect_new_document(&self, action: impl AsyncFnOnce(&Tab) -> R, what: &str) -> R {
        let before: f64 = self.eval("performance.timeOrigin").await?;
        action(self).await?;
        self.wait_for(
            &format!("performance.timeOrigin !== {before} && document.readyState === 'complete'"),
            what,
        )
        .await
    }

    /// Clicks `selector` and waits for the page it leads to.
    pub async fn click_and_load(&self, selector: &str) -> R {
        let what = format!("the page after clicking `{selector}`");
        self.expect_new_document(async |tab: &Tab| tab.click(selector).await, &what).await
    }

    /// Presses and releases a key, as a keyboard would.
    pub async fn press(&self, key: Key) -> R {
        let (name, code, key_code, text) = key.definition();
        let mut event = DispatchKeyEventParams::builder()
            .key(name)
            .code(code)
            .windows_virtual_key_code(key_code)
            .native_virtual_key_code(key_code);
        if let Some(text) = text {
            event = event.text(text);
        }
        let down =
            if text.is_some() { DispatchKeyEventType::KeyDown } else { DispatchKeyEventType::RawKeyDown };
        let press = event.clone().r#type(down).build().ctx("building a key event")?;
        self.page.execute(press).await.ctx(format!("pressing {key:?}"))?;
        let release = event.r#type(DispatchKeyEventType::KeyUp).build().ctx("building a key event")?;
        self.page.execute(release).await.ctx(format!("releasing {key:?}"))?;
        Ok(())
    }

    /// `#id`, or the tag and text of the focused element, or `body`.
    pub async fn focused(&self) -> R<String> {
        self.eval(
            "(() => { const e = document.activeElement; if (!e || e === document.body) return 'body';
               if (e.id) return '#' + e.id;
               return e.tagName.toLowerCase() + ' \"' + (e.textContent || '').trim().slice(0, 40) + '\"'; })()",
        )
        .await
    }

    /// Problems the page reported since the last call: console errors,
    /// uncaught exceptions, and errors in the browser's log (CSP, failed loads).
    pub fn take_problems(&self) -> Vec<String> {
        std::mem::take(&mut self.log.lock().unwrap().problems)
    }

    /// Every URL requested since the last call.
    pub fn take_requests(&self) -> Vec<String> {
        std::mem::take(&mut self.log.lock().unwrap().requests)
    }

    /// Requests since the last call that went anywhere but the site.
    pub fn take_foreign_requests(&self) -> Vec<String> {
        let own = format!("{}/", self.origin);
        self.take_requests()
            .into_iter()
            .filter(|url| !url.starts_with(&own) && !url.starts_with("data:") && url != "about:blank")
            .collect()
    }

    /// Saves a PNG of the whole page as `<name>.png` in the screenshot folder.
    pub async fn screenshot(&self, name: &str) -> R<PathBuf> {
        let (width, height): (f64, f64) = self
            .eval("[document.documentElement.clientWidth, document.documentElement.scrollHeight]")
            .await?;
        let clip = Clip { x: 0.0, y: 0.0, width, height, scale: 1.0 };
        let params = ScreenshotParams::builder().clip(clip).capture_beyond_viewport(true).build();
        let png = self.page.screenshot(params).await.ctx(format!("taking screenshot {name}"))?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).ctx(format!("creating {}", dir.display()))?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).ctx(format!("writing {}", path.display()))?;
        Ok(path)
    }

    /// Puts axe-core into the page (once per document).
    pub async fn inject_axe(&self) -> R {
        let present: bool = self.eval("typeof window.axe === 'object'").await?;
        if !present {
            let script = format!("{}\n;typeof window.axe === 'object'", self.axe);
            let params = EvaluateParams::builder()
                .expression(script)
                .return_by_value(true)
                .build()
                .ctx("building the axe injection")?;
            let result = self.page.evaluate_expression(params).await.ctx("injecting axe-core")?;
            let ok: bool = result.into_value().ctx("reading the axe injection result")?;
            if !ok {
                return Err("axe-core did not define window.axe (blocked by the page?)".into());
            }
        }
        Ok(())
    }

    /// Closes the tab.
    pub async fn close(self) {
        for task in &self.tasks {
            task.abort();
        }
        if let Err(e) = self.page.close().await {
            eprintln!("closing a tab: {e}");
        }
    }
}
