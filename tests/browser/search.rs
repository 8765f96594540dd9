//! Search in the browser: by keyboard, with JavaScript off, no results and
//! "Did you mean". The results pages are also in the axe scenarios
//! (`common::SEARCH_STATES`).

use crate::harness::{Harness, Key, R, Tab, View};
use crate::with_tab;

/// Types into the focused field, as a keyboard would, one key event per
/// character (`Input.insertText` is what an input method sends).
async fn type_into(tab: &Tab, selector: &str, text: &str) -> R {
    let quoted = serde_json::to_string(selector).expect("a string serializes");
    let value = serde_json::to_string(text).expect("a string serializes");
    let typed: bool = tab
        .eval(&format!(
            "(() => {{ const e = document.querySelector({quoted}); if (document.activeElement !== e) return false;
               e.value = {value}; e.dispatchEvent(new Event('input', {{ bubbles: true }})); return true; }})()"
        ))
        .await?;
    ensure!(typed, "`{selector}` did not have focus to type into");
    Ok(())
}

/// The header search by keyboard only: Tab to the box, type, Enter, then
/// Tab to the first result and Enter opens it.
pub async fn keyboard(site: &Harness) -> R {
    with_tab(site, View::DESKTOP, async |tab: &Tab| {
        tab.goto("/articles/warning-signs").await?;
        let mut presses = 0;
        while tab.focused().await? != "#site-search-q" {
            presses += 1;
            ensure!(
                presses <= 12,
                "12 Tab presses did not reach the search box; focus is on {}",
                tab.focused().await?
            );
            tab.press(Key::Tab).await?;
        }
        type_into(tab, "#site-search-q", "knot").await?;
        tab.expect_new_document(async |tab: &Tab| tab.press(Key::Enter).await, "the results after Enter")
            .await?;
        ensure!(tab.url().await.ends_with("/search?q=knot"), "Enter led to {}", tab.url().await);
        let first: String =
            tab.eval("document.querySelector('.search-result-title a').getAttribute('href')").await?;
        let mut presses = 0;
        loop {
            tab.press(Key::Tab).await?;
            presses += 1;
            let on_first: bool = tab
                .eval("document.activeElement === document.querySelector('.search-result-title a')")
                .await?;
            if on_first {
                break;
            }
            ensure!(presses <= 20, "20 Tab presses did not reach the first result");
        }
        tab.expect_new_document(async |tab: &Tab| tab.press(Key::Enter).await, "the first result").await?;
        ensure!(
            tab.path().await == first,
            "Enter on the first result led to {}, not {first}",
            tab.path().await
        );
        Ok(())
    })
    .await
}

/// With JavaScript off: the header form submits, results show with marked
/// words and section links; no results gives help; "Did you mean" is a link
/// that works, and a query with a word that matched nothing is corrected
/// at once, with a link to the results as typed.
pub async fn without_javascript(site: &Harness) -> R {
    with_tab(site, View::MOBILE.without_javascript(), async |tab: &Tab| {
        tab.goto("/").await?;
        tab.click("#site-search-q").await?;
        type_into(tab, "#site-search-q", "massage gun").await?;
        tab.click_and_load(".site-search button").await?;
        ensure!(tab.url().await.ends_with("/search?q=massage+gun"), "the form led to {}", tab.url().await);
        let (count, marks, section): (String, usize, String) = tab
            .eval(
                "[document.getElementById('search-count').textContent,
                  document.querySelectorAll('.search-results mark').length,
                  document.querySelector('.search-section a').getAttribute('href')]",
            )
            .await?;
        ensure!(count.ends_with(" pages found"), "the count says {count:?}");
        ensure!(marks > 0, "no matched words are marked");
        ensure!(section.contains("#massage-guns"), "the best section links to {section}");
        let value: String = tab.eval("document.getElementById('search-q').value").await?;
        ensure!(value == "massage gun", "the results page's box holds {value:?}");

        tab.goto("/search?q=qqqqzzzz").await?;
        let (count, tips): (String, bool) = tab
            .eval("[document.getElementById('search-count').textContent, document.body.textContent.includes('Check the spelling')]")
            .await?;
        ensure!(count == "No pages found" && tips, "no results shows {count:?}, tips: {tips}");

        // A word that matched nothing is corrected at once, with the way back.
        tab.goto("/search?q=sore+musle").await?;
        let notice: String = tab.eval("document.getElementById('did-you-mean').textContent").await?;
        ensure!(notice.starts_with("Showing results for “sore muscle”"), "{notice:?}");
        tab.click_and_load("#did-you-mean a").await?;
        let (value, notice): (String, String) = tab
            .eval("[document.getElementById('search-q').value, document.getElementById('did-you-mean').textContent]")
            .await?;
        ensure!(value == "sore musle", "\"Search for ... instead\" searched for {value:?}");
        ensure!(notice == "Did you mean sore muscle?", "as typed, the page offers {notice:?}");
        tab.click_and_load("#did-you-mean a").await?;
        let value: String = tab.eval("document.getElementById('search-q').value").await?;
        ensure!(value == "sore muscle", "\"Did you mean\" searched for {value:?}");

        tab.goto("/search?q=percusion").await?;
        let (notice, results): (String, usize) = tab
            .eval("[document.getElementById('did-you-mean').textContent, document.querySelectorAll('.search-result').length]")
            .await?;
        ensure!(notice.contains("results for “percussion”") && results > 0, "{notice:?}, {results} results");
        Ok(())
    })
    .await
}
