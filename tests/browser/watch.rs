//! `serve --watch` in Chromium: a save reloads the open page by itself and
//! keeps its scroll position, a broken save shows the problems panel (which
//! passes axe), and the page breaks no CSP rule and logs no error.

use actix_web::web;
use knotwise::authoring::live::{self, Live, Settings};
use knotwise::emergency::Region;

use crate::checks;
use crate::common::PATIENCE;
use crate::common::server::{InProcess, loopback};
use crate::harness::{Harness, R, View};

pub async fn live_reload(site: &Harness) -> R {
    let fixture = crate::common::fixture("valid");
    let alpha = fixture.articles().join("alpha.md");
    let good = std::fs::read_to_string(&alpha).map_err(|e| e.to_string())?;
    let listener = loopback();
    let origin = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
    let settings = Settings {
        paths: fixture.paths(),
        base_url: origin.clone(),
        region: Region::Uk,
        self_check: true,
        gate: Default::default(),
    };
    let first = live::build(&settings, crate::common::TODAY)
        .map_err(|p| format!("the fixture does not build: {p:?}"))?;
    let watched = Live::new(web::Data::new(first));
    watched.spawn_watcher(settings);
    let app = watched.clone();
    let mut server = InProcess::start(listener, move || live::app(app.clone()));

    let tab = site.tab(View::MOBILE).await?;
    let outcome = async {
        let url = format!("{origin}/articles/alpha");
        tab.open(&url).await?;
        tab.wait_for_within(
            "document.documentElement.dataset.liveReload === 'listening'",
            "the event stream",
            PATIENCE,
        )
        .await?;
        let scrolled: f64 = tab
            .eval(
                "(() => { const y = Math.min(200, document.documentElement.scrollHeight - innerHeight); \
                   scrollTo(0, y); return scrollY; })()",
            )
            .await?;
        ensure!(scrolled >= 100.0, "the page is too short to scroll ({scrolled}px)");
        let before: f64 = tab.eval("performance.timeOrigin").await?;

        std::fs::write(&alpha, good.replace("Muscles can feel tender", "Muscles often feel tender"))
            .map_err(|e| e.to_string())?;
        tab.wait_for_within(
            &format!(
                "performance.timeOrigin !== {before} && document.readyState === 'complete' && \
                 document.body.textContent.includes('Muscles often feel tender')"
            ),
            "the page to reload with the saved text",
            PATIENCE,
        )
        .await?;
        let kept: f64 = tab.eval("scrollY").await?;
        ensure!((kept - scrolled).abs() < 2.0, "the reload scrolled to {kept}px, not back to {scrolled}px");

        std::fs::write(&alpha, good.replace("(/articles/beta#day-one)", "(/articles/gamma)"))
            .map_err(|e| e.to_string())?;
        tab.wait_for_within("document.querySelector('.knotwise-problems')", "the problems panel", PATIENCE)
            .await?;
        let report = checks::axe(&tab).await?;
        let found: Vec<&str> = report.violations.iter().map(|v| v.id.as_str()).collect();
        ensure!(found.is_empty(), "axe finds {found:?} on a page with the problems panel");

        std::fs::write(&alpha, &good).map_err(|e| e.to_string())?;
        tab.wait_for_within(
            "document.readyState === 'complete' && !document.querySelector('.knotwise-problems') \
                         && document.body.textContent.includes('Muscles can feel tender')",
            "the fix",
            PATIENCE,
        )
        .await?;
        let problems = tab.take_problems();
        ensure!(problems.is_empty(), "watch mode logged errors:\n  {}", problems.join("\n  "));
        Ok(())
    }
    .await;
    tab.close().await;
    server.stop();
    outcome
}
