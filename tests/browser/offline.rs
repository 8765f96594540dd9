//! Offline reading in Chromium: the worker installs; with the network gone
//! (the server stopped, and the tab offline by the DevTools protocol) a page
//! read before shows its saved copy with its line, a page never read and a
//! page past its `next_review` show the offline page with the numbers, and
//! the self-check's POST and a search show the offline page, never the
//! browser's error; back online, a new build's worker replaces the old
//! saves. axe and the HTML validator check the offline page and the saved
//! copy as readers get them.
//!
//! The fixture site (`tests/fixtures/offline`) runs on its own address, kept
//! across the restart: a worker belongs to its origin.

use std::net::{SocketAddr, TcpListener};

use actix_web::web;
#[allow(deprecated)]
use chromiumoxide::cdp::browser_protocol::network::{
    ClearBrowserCacheParams, EmulateNetworkConditionsParams,
};
use chromiumoxide::cdp::browser_protocol::target::SetAutoAttachParams;
use knotwise::offline::build_of;
use knotwise::site::Site;

use crate::checks;
use crate::common::server::{InProcess, loopback};
use crate::common::{self, Fixture};
use crate::harness::{Context, Harness, R, Tab, View};

/// The site built from `fixture` for `origin`, and its build id.
fn build(fixture: &Fixture, origin: &str) -> R<(web::Data<Site>, String)> {
    let site = fixture
        .as_site()
        .base_url(origin)
        .try_build()
        .map_err(|p| format!("the offline fixture does not load: {p}"))?;
    let worker =
        site.get("/sw.js").ok_or("no /sw.js")?.select(knotwise::prepared::Accepted::IDENTITY).body().to_vec();
    let build = build_of(&String::from_utf8_lossy(&worker)).ok_or("/sw.js has no build id")?.to_string();
    Ok((web::Data::new(site), build))
}

/// The site on `addr`, the same address each time: a worker belongs to its origin.
fn serve(addr: SocketAddr, site: web::Data<Site>) -> R<InProcess> {
    let listener = TcpListener::bind(addr).ctx(format!("binding {addr} again"))?;
    Ok(InProcess::start(listener, move || knotwise::web::app(site.clone())))
}

/// Polls an async JavaScript expression until it gives `true` (10 s).
async fn until(tab: &Tab, expression: &str, what: &str) -> R {
    // Each try gives up after a second: `navigator.serviceWorker.ready`, for
    // one, never settles if the worker fails to install.
    let attempt = format!(
        "(async () => {{ try {{ return !!(await Promise.race([({expression}), \
         new Promise(r => setTimeout(() => r(false), 1000))])); }} catch (e) {{ return false; }} }})()"
    );
    for _ in 0..100 {
        if tab.eval::<bool>(&attempt).await.unwrap_or(false) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let workers: String = tab
        .eval(
            "navigator.serviceWorker.getRegistrations().then(rs => JSON.stringify(rs.map(r => \
             [r.scope, r.installing?.state, r.waiting?.state, r.active?.state])))",
        )
        .await
        .unwrap_or_default();
    Err(format!(
        "waited for {what}: `{expression}` stayed false at {} (workers: {workers}; problems: {:?})",
        tab.url().await,
        tab.take_problems()
    ))
}

/// The tab on or off line. `Network.emulateNetworkConditions` is marked
/// deprecated (for `emulateNetworkConditionsByRule` with
/// `overrideNetworkState`) but is the one command that does both.
#[allow(deprecated)]
async fn network(tab: &Tab, online: bool) -> R {
    let params = EmulateNetworkConditionsParams::new(!online, 0.0, -1.0, -1.0);
    tab.page.execute(params).await.ctx("emulating the network")?;
    Ok(())
}

/// Whether the current page is the offline page, with the numbers to call.
async fn offline_page(tab: &Tab, place: &str) -> R {
    let (h1, call): (String, bool) = tab
        .eval("[document.querySelector('h1')?.textContent, !!document.querySelector('main a[href=\"tel:999\"]') && !!document.querySelector('main a[href=\"tel:18000\"]')]")
        .await?;
    ensure!(
        h1 == "How to get help without the internet" && call,
        "{place} showed `{h1}`, not the offline page with the numbers to call"
    );
    Ok(())
}

async fn axe_clean(tab: &Tab, state: &str) -> R {
    let report = checks::axe(tab).await?;
    ensure!(
        report.violations.is_empty(),
        "axe on {state}:\n{}",
        report.violations.iter().map(|v| v.describe()).collect::<Vec<_>>().join("\n")
    );
    Ok(())
}

/// The names of this origin's caches.
const CACHES: &str = "caches.keys().then(k => k.filter(n => n.startsWith('knotwise-')))";

pub async fn offline_reading(site: &Harness) -> R {
    let fixture = common::fixture("offline");
    let addr = loopback().local_addr().ctx("finding a free port")?;
    let origin = format!("http://{addr}");
    let (first, first_build) = build(&fixture, &origin)?;
    let mut server = serve(addr, first)?;
    let tab = site.tab(View::MOBILE).await?;
    // chromiumoxide asks Chromium to pause every worker the tab starts until
    // a debugger resumes it, and resumes service workers only sometimes:
    // this tab's workers start by themselves.
    tab.page
        .execute(SetAutoAttachParams::new(false, false))
        .await
        .ctx("letting the tab's workers start unpaused")?;
    let outcome = async {
        // Install: the first visit registers the worker, which saves the
        // pages and files every reader needs, then takes over the tab.
        tab.open(&format!("{origin}/articles/kept")).await?;
        until(&tab, "navigator.serviceWorker.ready.then(r => !!r.active)", "the worker to install").await?;
        until(&tab, "navigator.serviceWorker.controller", "the worker to control the page").await?;
        let names: Vec<String> = tab.eval(CACHES).await?;
        ensure!(names == [format!("knotwise-{first_build}")], "the caches are {names:?}");
        until(
            &tab,
            "Promise.all(['/offline', '/'].map(p => caches.match(p))).then(r => r.every(Boolean))",
            "the home and offline pages to be saved",
        )
        .await?;
        // Reading saves a page; a page past its review is never saved.
        for path in ["/articles/kept", "/articles/overdue", "/self-check"] {
            tab.open(&format!("{origin}{path}")).await?;
        }
        until(&tab, "caches.match('/articles/kept')", "the page read to be saved").await?;
        let saved: Vec<bool> = tab
            .eval("Promise.all(['/articles/overdue', '/self-check'].map(p => caches.match(p).then(r => !!r)))")
            .await?;
        ensure!(saved == [false, false], "a page past its review or the self-check was saved: {saved:?}");

        // The self-check's first step is open when the signal goes.
        server.stop();
        network(&tab, false).await?;
        // The browser's own cache keeps a page 5 minutes (max-age=300); the
        // reader here read theirs longer ago than that.
        tab.page.execute(ClearBrowserCacheParams::default()).await.ctx("clearing the HTTP cache")?;
        tab.expect_new_document(async |t: &Tab| t.click("#submit").await, "the offline POST")
            .await?;
        offline_page(&tab, "the self-check's POST without a network").await?;
        tab.open(&format!("{origin}/search?q=knot")).await?;
        offline_page(&tab, "a search without a network").await?;

        tab.open(&format!("{origin}/articles/kept")).await?;
        let (h1, line): (String, String) = tab
            .eval("[document.querySelector('h1').textContent, document.querySelector('main > .saved-copy')?.textContent || '']")
            .await?;
        ensure!(h1.starts_with("Kept"), "the saved copy shows `{h1}`");
        ensure!(
            line.starts_with("Saved copy from ") && line.contains(": you are offline."),
            "the saved copy's line reads `{line}`"
        );
        axe_clean(&tab, "the saved copy").await?;
        // The saved copy as the browser parsed it, for the validator (a
        // fetch from the page is not a navigation, so the worker leaves it).
        let saved_html: String =
            tab.eval("'<!doctype html>\\n' + document.documentElement.outerHTML").await?;

        tab.open(&format!("{origin}/articles/unread")).await?;
        offline_page(&tab, "a page never read").await?;
        axe_clean(&tab, "the offline page").await?;
        // Tap to call: every number on a phone is a target of 44 by 44 px or more.
        let small: Vec<String> = tab
            .eval(
                "[...document.querySelectorAll('a[href^=\"tel:\"], a[href^=\"sms:\"]')]
                   .filter(a => { const r = a.getBoundingClientRect(); return r.width < 44 || r.height < 44; })
                   .map(a => a.outerHTML)",
            )
            .await?;
        ensure!(small.is_empty(), "numbers smaller than 44x44 px at 375 px:\n  {}", small.join("\n  "));
        tab.open(&format!("{origin}/articles/overdue")).await?;
        offline_page(&tab, "a page past its next_review").await?;

        let dir = tempfile::tempdir().ctx("a folder for the validator")?;
        std::fs::write(dir.path().join("saved-copy.html"), &saved_html).ctx("writing the saved copy")?;
        let errors = common::vnu::validate(dir.path());
        ensure!(errors.is_empty(), "the saved copy is not valid HTML:\n  {}", errors.join("\n  "));

        // Back online with a new build (a changed stylesheet): its worker
        // replaces the old one and deletes the old saves.
        std::fs::write(
            fixture.statics().join("style.css"),
            std::fs::read_to_string(fixture.statics().join("style.css")).ctx("reading the stylesheet")? + "\n/* new build */\n",
        )
        .ctx("changing the stylesheet")?;
        let (second, second_build) = build(&fixture, &origin)?;
        ensure!(second_build != first_build, "a changed stylesheet did not change the build id");
        server = serve(addr, second)?;
        network(&tab, true).await?;
        tab.open(&format!("{origin}/articles/unread")).await?;
        until(
            &tab,
            &format!("{CACHES}.then(n => n.length === 1 && n[0] === 'knotwise-{second_build}')"),
            "the new build's saves to replace the old",
        )
        .await?;
        until(&tab, "caches.match('/offline')", "the new build to save the offline page").await?;
        let old: bool = tab.eval("caches.match('/articles/kept').then(r => !!r)").await?;
        ensure!(!old, "a save of the old build survived the new one");
        Ok(())
    }
    .await;
    let problems: Vec<String> = tab
        .take_problems()
        .into_iter()
        .filter(|p| !p.contains("net::ERR_") && !p.contains("Failed to fetch"))
        .collect();
    tab.close().await;
    server.stop();
    outcome?;
    ensure!(problems.is_empty(), "the pages logged errors:\n  {}", problems.join("\n  "));
    Ok(())
}
