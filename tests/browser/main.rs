//! The site as readers use it, in real Chromium (Debian's `/usr/bin/chromium`,
//! driven over CDP by chromiumoxide), with axe-core for accessibility.
//!
//! One browser and one server are shared by every scenario, which run one
//! after the other in a single test so the two cores are not fighting. Each
//! scenario has a name; a failing scenario does not stop the others, and the
//! test fails at the end listing every failed scenario and why.
//!
//! Needs Chromium and `tests/node_modules` (`.ci/run` installs both). Set
//! `KNOTWISE_SKIP_BROWSER=1` to skip on a machine without them.

#[path = "../common/mod.rs"]
mod common;

/// Returns an error (a sentence) from the scenario when `cond` is false.
macro_rules! ensure {
    ($cond:expr, $($message:tt)+) => {
        let holds: bool = $cond;
        if !holds {
            return Err(format!($($message)+));
        }
    };
}

mod checks;
mod harness;
mod layout;
mod offline;
mod pages;
mod search;
mod selfcheck;
mod watch;

use std::path::Path;
use std::time::{Duration, Instant};

use harness::{CHROMIUM, Harness, Key, R, SKIP_VAR, Tab, View, axe_path, screenshot_dir};
use selfcheck::{Case, State};

/// One scenario may take this long before it counts as hung.
const SCENARIO_LIMIT: Duration = Duration::from_secs(90);

/// An article with callouts, references and a contents list.
const ARTICLE: &str = "/articles/warning-signs";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_in_chromium() {
    if std::env::var(SKIP_VAR).is_ok_and(|v| v == "1") {
        println!("browser tests skipped: {SKIP_VAR}=1");
        return;
    }
    assert!(
        Path::new(CHROMIUM).exists(),
        "the browser tests need Chromium at {CHROMIUM}: install it with `apt-get install -y chromium` \
         (or run .ci/run, which installs it), or set {SKIP_VAR}=1 to skip them"
    );
    assert!(
        axe_path().exists(),
        "the browser tests need axe-core at {}: run `npm ci --prefix tests` (or .ci/run), \
         or set {SKIP_VAR}=1 to skip them",
        axe_path().display()
    );

    let site = Harness::start(common::real_site()).await.unwrap_or_else(|e| panic!("starting: {e}"));
    let mut failures: Vec<String> = Vec::new();
    let started = Instant::now();

    // `KNOTWISE_SCENARIOS=screenshots` runs only the scenarios whose names contain it.
    let only = std::env::var("KNOTWISE_SCENARIOS").unwrap_or_default();
    macro_rules! scenario {
        ($name:expr, $body:expr) => {{
            let name: String = $name.into();
            if name.contains(only.as_str()) {
                let begun = Instant::now();
                let outcome = match tokio::time::timeout(SCENARIO_LIMIT, $body).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(format!("did not finish in {} s", SCENARIO_LIMIT.as_secs())),
                };
                let took = begun.elapsed().as_secs_f64();
                match outcome {
                    Ok(()) => println!("ok    {name} ({took:.1} s)"),
                    Err(e) => {
                        println!("FAIL  {name} ({took:.1} s)\n{e}");
                        failures.push(format!("{name}:\n{e}"));
                    }
                }
            } else {
                println!("skip  {name} (KNOTWISE_SCENARIOS={only})");
            }
        }};
    }

    scenario!("axe-core runs in the page and catches planted violations", axe_works(&site));
    scenario!("home -> article -> contents link moves to its section", home_article_contents(&site));
    scenario!("every page loads with no console errors and nothing from other hosts", clean_pages(&site));
    scenario!("first screen: every article's Key facts on a 375 × 812 phone", layout::key_facts_first(&site));
    scenario!(
        "first screen: a one-row header at 1280 px, a short one on a phone",
        layout::header_rows(&site)
    );
    scenario!(
        "first screen: the self-check's emergency signs and button at 375 × 667",
        selfcheck::first_page_height(&site)
    );
    for js in [true, false] {
        let how = if js { "" } else { " (JavaScript disabled)" };
        scenario!(
            format!("self-check: empty answers show the error summary{how}"),
            selfcheck::empty_answers(&site, js)
        );
        scenario!(
            format!("self-check: each case gives the right result{how}"),
            selfcheck::results(&site, js)
        );
        scenario!(
            format!("self-check: change your answers keeps them through every step{how}"),
            selfcheck::change_answers(&site, js)
        );
        scenario!(
            format!("self-check: Back, and the browser's Back{how}"),
            selfcheck::back_buttons(&site, js)
        );
        scenario!(
            format!("self-check: the summary for a doctor, printed{how}"),
            selfcheck::gp_summary(&site, js)
        );
    }
    scenario!("self-check with the keyboard only", selfcheck::keyboard_only(&site));
    scenario!("search with the keyboard only", search::keyboard(&site));
    scenario!(
        "search with JavaScript off: results, no results, did you mean",
        search::without_javascript(&site)
    );
    scenario!("skip link moves focus to main", skip_link(&site));
    scenario!("focus is visible: 2px+ outlines at 3:1, light and dark", focus_visible(&site));
    scenario!("text reflows at 320 px and at 200% zoom, no scroll at 375 px", reflow(&site));
    scenario!("body text is 7:1 (AAA) in light and dark", body_contrast(&site));
    scenario!("prefers-reduced-motion stops all motion", reduced_motion(&site));
    for view in [View::DESKTOP, View::MOBILE, View::DESKTOP.dark(), View::MOBILE.dark()] {
        scenario!(format!("axe and page structure, {}", view.name()), accessibility(&site, view, false));
        scenario!(
            format!("axe and page structure, self-check steps and results, {}", view.name()),
            accessibility(&site, view, true)
        );
    }
    for view in [View::MOBILE, View::DESKTOP, View::MOBILE.dark(), View::DESKTOP.dark(), View::PRINT] {
        scenario!(format!("screenshots, {}", view.name()), screenshots(&site, view));
    }
    scenario!(
        "offline: install, saved copy, offline page, POST and search offline, review date, new build",
        offline::offline_reading(&site)
    );
    scenario!(
        "true pages: was this page useful: Yes, No and a reason with JavaScript off; axe",
        pages::feedback_without_javascript(&site)
    );
    scenario!(
        "true pages: change notes, the disclosure opens without JavaScript; axe",
        pages::change_notes(&site)
    );
    scenario!("true pages: an article whose review is overdue; axe", pages::review_overdue(&site));
    scenario!(
        "watch mode: a save reloads the page at its scroll position; the panel passes axe",
        watch::live_reload(&site)
    );

    site.stop().await;
    println!("browser scenarios took {:.1} s", started.elapsed().as_secs_f64());
    assert!(
        failures.is_empty(),
        "{} browser scenario(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Fails when the page logged errors or asked another host for anything.
fn clean(tab: &Tab, place: &str) -> R {
    let problems = tab.take_problems();
    ensure!(problems.is_empty(), "{place} logged errors:\n  {}", problems.join("\n  "));
    let foreign = tab.take_foreign_requests();
    ensure!(foreign.is_empty(), "{place} requested other hosts:\n  {}", foreign.join("\n  "));
    Ok(())
}

/// Opens a tab, runs `body`, checks the tab stayed clean, closes it.
async fn with_tab(site: &Harness, view: View, body: impl AsyncFnOnce(&Tab) -> R) -> R {
    let tab = site.tab(view).await?;
    let outcome = body(&tab).await;
    let outcome = outcome.and_then(|()| clean(&tab, &format!("a page in this scenario ({})", view.name())));
    tab.close().await;
    outcome
}

/// Proves the accessibility scenarios can fail: axe-core, injected past
/// the page's CSP, reports a pale paragraph, an unlabelled input, and a
/// link whose name does not contain its visible words.
async fn axe_works(site: &Harness) -> R {
    with_tab(site, View::DESKTOP, async |tab: &Tab| {
        tab.goto("/").await?;
        let _: bool = tab
            .eval(
                "(() => { const main = document.querySelector('main');
                   const p = document.createElement('p'); p.textContent = 'Pale text'; p.style.color = '#c8c8c8';
                   const a = document.createElement('a'); a.href = '#'; a.textContent = 'Back to text';
                   a.setAttribute('aria-label', 'Return to where reference 1 is used');
                   main.append(p, document.createElement('input'), a); return true; })()",
            )
            .await?;
        let report = checks::axe(tab).await?;
        let found: Vec<&str> = report.violations.iter().map(|v| v.id.as_str()).collect();
        ensure!(
            ["color-contrast", "label", "label-content-name-mismatch"].iter().all(|id| found.contains(id)),
            "axe did not report the planted color-contrast, label and label-in-name violations; it found {found:?}"
        );
        Ok(())
    })
    .await
}

async fn home_article_contents(site: &Harness) -> R {
    with_tab(site, View::DESKTOP, async |tab: &Tab| {
        tab.goto("/").await?;
        let first: String = tab.eval("document.querySelector('.card a').getAttribute('href')").await?;
        tab.click_and_load(".card a").await?;
        ensure!(tab.path().await == first, "the first card led to {}, not {first}", tab.path().await);
        // The contents are folded: open them as a reader would.
        tab.click(".toc summary").await?;
        let links: Vec<String> =
            tab.eval("[...document.querySelectorAll('.toc a')].map(a => a.getAttribute('href'))").await?;
        ensure!(links.len() > 1, "{first} has {} contents links", links.len());
        let target = links[links.len() / 2].clone();
        let id = target.trim_start_matches('#').to_string();
        tab.click(&format!(".toc a[href=\"{target}\"]")).await?;
        tab.wait_for(&format!("location.hash === '{target}'"), &format!("the URL to end in {target}"))
            .await?;
        let (is_target, top, height): (bool, f64, f64) = tab
            .eval(&format!(
                "(() => {{ const h = document.getElementById('{id}');
                   return [h.matches(':target'), h.getBoundingClientRect().top, innerHeight]; }})()"
            ))
            .await?;
        ensure!(is_target, "#{id} is not :target after its contents link");
        ensure!((-1.0..height / 2.0).contains(&top), "#{id} is at {top}px, not at the top of the window");
        Ok(())
    })
    .await
}

/// The home page, every article in the home page's list, the about page,
/// the self-check and a missing page: no console errors, no CSP reports,
/// no request to any other host.
async fn clean_pages(site: &Harness) -> R {
    with_tab(site, View::DESKTOP, async |tab: &Tab| {
        tab.goto("/").await?;
        let mut paths: Vec<String> =
            tab.eval("[...document.querySelectorAll('.card a')].map(a => a.getAttribute('href'))").await?;
        ensure!(paths.len() >= 10, "the home page lists {} articles", paths.len());
        for extra in ["/", "/articles/about", "/self-check", "/no-such-page"] {
            if !paths.iter().any(|p| p == extra) {
                paths.push(extra.into());
            }
        }
        let mut failures = Vec::new();
        for path in &paths {
            tab.goto(path).await?;
            let origins: Vec<String> = tab
                .eval(
                    "[...new Set(performance.getEntriesByType('resource').map(e => new URL(e.name).origin))]",
                )
                .await?;
            let foreign: Vec<&String> = origins.iter().filter(|o| **o != site.origin).collect();
            if !foreign.is_empty() {
                failures.push(format!("{path} loaded resources from {foreign:?}"));
            }
            if let Err(e) = clean(tab, path) {
                failures.push(e);
            }
        }
        ensure!(failures.is_empty(), "{}", failures.join("\n"));
        Ok(())
    })
    .await
}

/// Presses Tab until `selector` has focus (at most 200 times).
async fn focus_by_tab(tab: &Tab, selector: &str) -> R {
    for _ in 0..200 {
        let there: bool =
            tab.eval(&format!("document.activeElement === document.querySelector('{selector}')")).await?;
        if there {
            return Ok(());
        }
        tab.press(Key::Tab).await?;
    }
    Err(format!("200 Tabs did not reach {selector} (focus is on {})", tab.focused().await?))
}

async fn skip_link(site: &Harness) -> R {
    with_tab(site, View::MOBILE, async |tab: &Tab| {
        for path in ["/", ARTICLE, "/self-check"] {
            tab.goto(path).await?;
            tab.press(Key::Tab).await?;
            let (is_skip, top): (bool, f64) = tab
                .eval("[document.activeElement.classList.contains('skip-link'), document.activeElement.getBoundingClientRect().top]")
                .await?;
            ensure!(is_skip, "{path}: the first Tab focused {}, not the skip link", tab.focused().await?);
            ensure!(top >= 0.0, "{path}: the focused skip link is off screen (top {top}px)");
            tab.press(Key::Enter).await?;
            tab.wait_for("document.activeElement && document.activeElement.id === 'main-content'", "focus on main")
                .await
                .map_err(|e| format!("{path}: the skip link did not move focus to main: {e}"))?;
        }
        Ok(())
    })
    .await
}

async fn focus_visible(site: &Harness) -> R {
    in_each_view(site, &[View::DESKTOP, View::DESKTOP.dark()], async |tab: &Tab| {
        let mut problems = Vec::new();
        for (path, selector) in [
            ("/", ".skip-link"),
            ("/", "main a:not(.button)"),
            ("/", "main a.button"),
            (ARTICLE, ".toc summary"),
            ("/self-check", "input[type=checkbox]"),
            ("/self-check", "#submit"),
        ] {
            tab.goto(path).await?;
            focus_by_tab(tab, selector).await?;
            for p in checks::focus_outline(tab).await? {
                problems.push(format!("{path} {selector}: {p}"));
            }
        }
        // Radio buttons and Back come on the later steps.
        selfcheck::reach(tab, &State::Step(1)).await?;
        for selector in ["input[type=radio]", "#back"] {
            focus_by_tab(tab, selector).await?;
            for p in checks::focus_outline(tab).await? {
                problems.push(format!("step 2 {selector}: {p}"));
            }
        }
        ensure!(problems.is_empty(), "{}", problems.join("\n"));
        Ok(())
    })
    .await
}

async fn reflow(site: &Harness) -> R {
    let zoomed = View { scale: 2.0, ..View::DESKTOP.width(640) };
    in_every_state(site, &[View::DESKTOP.width(320), View::MOBILE, zoomed], checks::horizontal_overflow).await
}

async fn body_contrast(site: &Harness) -> R {
    in_every_state(site, &[View::DESKTOP, View::DESKTOP.dark()], checks::body_text_contrast).await
}

/// Runs `check` on each representative page and self-check state in each
/// view, and fails with every problem found, named by view and state.
async fn in_every_state(site: &Harness, views: &[View], check: impl AsyncFn(&Tab) -> R<Vec<String>>) -> R {
    in_each_view(site, views, async |tab: &Tab| {
        let mut problems = Vec::new();
        for state in State::representative() {
            selfcheck::reach(tab, &state).await?;
            for p in check(tab).await? {
                problems.push(format!("{}: {p}", state.name()));
            }
        }
        ensure!(problems.is_empty(), "{}", problems.join("\n"));
        Ok(())
    })
    .await
}

/// Runs `body` in a fresh tab for each view, and fails with every view's
/// failure, named by view, rather than stopping at the first.
async fn in_each_view(site: &Harness, views: &[View], body: impl AsyncFn(&Tab) -> R) -> R {
    let mut failures = Vec::new();
    for &view in views {
        if let Err(e) = with_tab(site, view, async |tab: &Tab| body(tab).await).await {
            failures.push(format!("{}: {e}", view.name()));
        }
    }
    ensure!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

async fn reduced_motion(site: &Harness) -> R {
    in_every_state(site, &[View { reduced_motion: true, ..View::MOBILE }], checks::no_motion).await
}

/// axe-core and the structure checks on every page and every state of the
/// self-check, in one view; prints the figures for each.
/// In two halves (the pages; every step and result of the self-check), so
/// each stays well within the scenario time limit on a busy machine.
async fn accessibility(site: &Harness, view: View, self_check: bool) -> R {
    with_tab(site, view, async |tab: &Tab| {
        let mut states = Vec::new();
        if self_check {
            states.extend(State::self_check());
        } else {
            states.push(State::Page("/".into()));
            tab.goto("/").await?;
            let articles: Vec<String> = tab
                .eval("[...document.querySelectorAll('.card a')].map(a => a.getAttribute('href'))")
                .await?;
            states.extend(articles.into_iter().map(State::Page));
            if !states.iter().any(|s| s.name() == "/articles/about") {
                states.push(State::Page("/articles/about".into()));
            }
            states.push(State::Page("/articles".into()));
            states.push(State::Page("/no-such-page".into()));
            states.extend(common::SEARCH_STATES.map(|path| State::Page(path.into())));
        }

        let mut problems = Vec::new();
        for state in &states {
            selfcheck::reach(tab, state).await?;
            let report = checks::axe(tab).await.map_err(|e| format!("{}: {e}", state.name()))?;
            let incomplete = if report.incomplete.is_empty() {
                String::new()
            } else {
                format!(", to review: {}", report.incomplete.join(" "))
            };
            println!(
                "      axe {:<40} {} violations, {} rules passed{incomplete}",
                state.name(),
                report.violations.len(),
                report.passes
            );
            for violation in &report.violations {
                problems.push(format!("{}: {}", state.name(), violation.describe()));
            }
            for p in checks::structure(tab).await? {
                problems.push(format!("{}: {p}", state.name()));
            }
            for p in checks::horizontal_overflow(tab).await? {
                problems.push(format!("{}: {p}", state.name()));
            }
        }
        ensure!(problems.is_empty(), "{}", problems.join("\n"));
        Ok(())
    })
    .await
}

/// PNGs of the main pages and states at phone and desktop widths, for people
/// to look at: `target/screenshots/<state>-<width>[-dark].png`, and the
/// article and results as printed (`<state>-print.png`).
async fn screenshots(site: &Harness, view: View) -> R {
    let shots = [
        ("home", State::Page("/".into())),
        ("article", State::Page(ARTICLE.into())),
        ("selfcheck-form", State::Form),
        ("selfcheck-step-2", State::Step(1)),
        ("selfcheck-step-3", State::Step(2)),
        ("selfcheck-errors", State::Errors),
        ("selfcheck-result-expected", State::Result(Case::Expected)),
        ("selfcheck-result-self-care", State::Result(Case::SelfCare)),
        ("selfcheck-result-contact", State::Result(Case::Contact)),
        ("selfcheck-result-urgent", State::Result(Case::Urgent)),
        ("selfcheck-result-emergency", State::Result(Case::Emergency)),
        ("selfcheck-changing-answers", State::Changing(Case::Urgent)),
    ];
    // Forms are filled in on screen, then the page is shown as printed.
    let screen = View { print: false, ..view };
    with_tab(site, screen, async |tab: &Tab| {
        for (name, state) in &shots {
            let result = name.starts_with("selfcheck-result-");
            // In dark, one result card stands for all five; printed, the
            // article and the results are what people print.
            let wanted = match (view.dark, view.print) {
                (true, _) => !result || name.ends_with("urgent"),
                (_, true) => *name == "article" || result,
                _ => true,
            };
            if !wanted {
                continue;
            }
            selfcheck::reach(tab, state).await?;
            if view.print {
                tab.set_view(view).await?;
                tab.screenshot(&format!("{name}-print")).await?;
                tab.set_view(screen).await?;
            } else {
                tab.screenshot(&format!("{name}-{}{}", view.width, if view.dark { "-dark" } else { "" }))
                    .await?;
            }
        }
        Ok(())
    })
    .await?;
    println!("      screenshots in {}", screenshot_dir().display());
    Ok(())
}
