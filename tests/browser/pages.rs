//! Pages that stay true, in Chromium: "Was this page useful?" answered with
//! JavaScript off, the change notes' disclosure opened, and an article whose
//! review is overdue; axe-core and the structure checks on each state.

use actix_web::web;
use knotwise::date::Date;

use crate::checks;
use crate::common::server::{InProcess, loopback};
use crate::harness::{Harness, R, Tab, View};

/// The view these scenarios read in: a phone, JavaScript off.
const NO_SCRIPT: View = View { javascript: false, ..View::MOBILE };

/// axe-core and the structure checks on the page as it is now. axe is a
/// script, so it is let run for the check, then turned off again.
async fn accessible(tab: &Tab, state: &str, view: View) -> R {
    tab.set_view(View { javascript: true, ..view }).await?;
    let report = checks::axe(tab).await.map_err(|e| format!("{state}: {e}"))?;
    let mut problems: Vec<String> = report.violations.iter().map(|v| v.describe()).collect();
    problems.extend(checks::structure(tab).await?);
    tab.set_view(view).await?;
    ensure!(problems.is_empty(), "{state}:\n{}", problems.join("\n"));
    Ok(())
}

/// Yes, and No then a reason, by clicking the buttons with JavaScript off:
/// each answer is a plain form post that lands on a thank-you page.
pub async fn feedback_without_javascript(site: &Harness) -> R {
    let tab = site.tab(NO_SCRIPT).await?;
    let outcome = async {
        for (answer, reasons) in [("yes", 0), ("no", 3)] {
            tab.goto("/articles/soreness-after-massage").await?;
            accessible(&tab, "an article with the form", NO_SCRIPT).await?;
            tab.click_and_load(&format!(".feedback button[value={answer}]")).await?;
            ensure!(tab.path().await == "/feedback", "{answer} led to {}", tab.path().await);
            let (h1, buttons): (String, usize) = tab
                .eval(
                    "[document.querySelector('h1').textContent, \
                      document.querySelectorAll('.feedback-reasons button').length]",
                )
                .await?;
            ensure!(h1 == "Thank you for your feedback", "after {answer}: h1 {h1:?}");
            ensure!(buttons == reasons, "after {answer}: {buttons} reasons, not {reasons}");
            accessible(&tab, &format!("thanks after {answer}"), NO_SCRIPT).await?;
        }
        tab.click_and_load(".feedback-reasons button[value=did-not-answer]").await?;
        let reasons: usize = tab.eval("document.querySelectorAll('.feedback-reasons button').length").await?;
        ensure!(reasons == 0, "the reason was not taken: {reasons} buttons remain");
        accessible(&tab, "thanks after a reason", NO_SCRIPT).await?;
        tab.click_and_load("main a[href='/articles/soreness-after-massage']").await?;
        ensure!(tab.path().await == "/articles/soreness-after-massage", "the link back led elsewhere");
        Ok(())
    }
    .await;
    tab.close().await;
    outcome
}

/// "What changed" opens without JavaScript and lists the notes.
pub async fn change_notes(site: &Harness) -> R {
    let tab = site.tab(NO_SCRIPT).await?;
    let outcome = async {
        tab.goto("/articles/soreness-after-massage").await?;
        tab.click(".changes summary").await?;
        let (open, notes): (bool, usize) = tab
            .eval(
                "[document.querySelector('.changes').open, document.querySelectorAll('.changes li').length]",
            )
            .await?;
        ensure!(open && notes >= 1, "the disclosure is open: {open}, with {notes} notes");
        accessible(&tab, "the change notes open", NO_SCRIPT).await
    }
    .await;
    tab.close().await;
    outcome
}

/// A fixture article a day after its next review, on a server of its own.
pub async fn review_overdue(site: &Harness) -> R {
    let fixture = crate::common::fixture("reviews");
    let listener = loopback();
    let origin = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
    let built = fixture
        .as_site()
        .base_url(&origin)
        .try_build()
        .map_err(|p| format!("the fixture does not load: {p}"))?;
    built.review_on(Date { year: 2027, month: 1, day: 11 }).map_err(|p| format!("{p:?}"))?;
    let built = web::Data::new(built);
    let mut server = InProcess::start(listener, move || knotwise::web::app(built.clone()));
    let tab = site.tab(View::DESKTOP).await?;
    let outcome = async {
        let url = format!("{origin}/articles/due");
        tab.open(&url).await?;
        let overdue: bool = tab.eval("!!document.querySelector('.review-overdue')").await?;
        ensure!(overdue, "the page does not say its review is overdue");
        accessible(&tab, "an article whose review is overdue", View::DESKTOP).await
    }
    .await;
    tab.close().await;
    server.stop();
    outcome
}
