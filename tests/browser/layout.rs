//! The reader's first screen: on a phone (375 × 812) every article's Key
//! facts begin on it, and the header leaves room for the page; on a desktop
//! (1280 px) the header is one row of at most 72 px.

use crate::harness::{Harness, R, Tab, View};
use crate::with_tab;

/// An iPhone-sized screen, the size the issue measured.
const PHONE: View = View { height: 812, ..View::MOBILE };

/// The tallest the desktop header may be.
const DESKTOP_HEADER_MAX: f64 = 72.0;

/// The tallest the phone header may be: two short rows (name and search,
/// then the links), so a page's first line stays near the top.
const PHONE_HEADER_MAX: f64 = 112.0;

/// Every article listed A to Z.
async fn articles(tab: &Tab) -> R<Vec<String>> {
    tab.goto("/articles").await?;
    let paths: Vec<String> =
        tab.eval("[...document.querySelectorAll('.a-to-z-list a')].map(a => a.getAttribute('href'))").await?;
    ensure!(paths.len() >= 10, "the A to Z lists {} articles", paths.len());
    Ok(paths)
}

/// On a phone, each article's "Key facts" box starts, and its title ends,
/// within the first screen; prints where each one starts.
pub async fn key_facts_first(site: &Harness) -> R {
    with_tab(site, PHONE, async |tab: &Tab| {
        let mut problems = Vec::new();
        for path in articles(tab).await? {
            tab.goto(&path).await?;
            let found: Option<(f64, f64, f64)> = tab
                .eval(
                    "(() => { const t = [...document.querySelectorAll('.callout-title')]
                                .find(e => e.textContent.trim() === 'Key facts');
                       if (!t) return null;
                       const box = t.closest('.callout').getBoundingClientRect();
                       return [box.top, t.getBoundingClientRect().bottom, innerHeight]; })()",
                )
                .await?;
            let Some((top, title_bottom, screen)) = found else {
                problems.push(format!("{path} has no Key facts"));
                continue;
            };
            println!(
                "      Key facts at {top:>4.0} px (title ends {title_bottom:.0}) of {screen:.0}: {path}"
            );
            if title_bottom > screen {
                problems.push(format!(
                    "{path}: Key facts start at {top:.0} px and their title ends at {title_bottom:.0} px, \
                     below the first screen ({screen:.0} px)"
                ));
            }
        }
        ensure!(problems.is_empty(), "{}", problems.join("\n"));
        Ok(())
    })
    .await
}

/// The header's height, whether it holds the four links and a search box
/// (one row: they all share a vertical middle), and where the h1 starts.
async fn header(tab: &Tab) -> R<(f64, Vec<String>, bool, bool, f64)> {
    tab.eval(
        "(() => { const header = document.querySelector('.site-header');
           const middle = e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; };
           const links = [...header.querySelectorAll('nav a')];
           const search = header.querySelector('input[type=search]');
           const parts = [header.querySelector('.site-name'), ...links, ...(search ? [search] : [])];
           const one_row = parts.every(e => Math.abs(middle(e) - middle(parts[0])) < 4);
           return [header.getBoundingClientRect().height, links.map(a => a.textContent.trim()), !!search,
                   one_row, document.querySelector('h1').getBoundingClientRect().top]; })()",
    )
    .await
}

/// The header on every page type: at 1280 px one row of at most 72 px with
/// Home, Articles, Self-check, About and a search box (the results page has
/// its own box instead); on a phone at most 112 px, with the h1 well within
/// the first screen.
pub async fn header_rows(site: &Harness) -> R {
    let pages = [
        "/",
        "/articles",
        "/articles/soreness-after-massage",
        "/self-check",
        "/search?q=knot",
        "/no-such-page",
    ];
    let mut problems = Vec::new();
    for (view, max) in [(View::DESKTOP, DESKTOP_HEADER_MAX), (PHONE, PHONE_HEADER_MAX)] {
        with_tab(site, view, async |tab: &Tab| {
            for path in pages {
                tab.goto(path).await?;
                let (height, links, search, one_row, h1) = header(tab).await?;
                println!(
                    "      header {height:.0} px, h1 at {h1:.0} px, {}: {path}",
                    if one_row { "one row" } else { "more than one row" }
                );
                let wanted = ["Home", "Articles", "Self-check", "About"];
                if links != wanted {
                    problems.push(format!("{path} at {} px: the header links are {links:?}", view.width));
                }
                if height > max {
                    problems.push(format!(
                        "{path} at {} px: the header is {height:.0} px, over {max} px",
                        view.width
                    ));
                }
                if search == path.starts_with("/search") {
                    problems.push(format!("{path}: a search box in the header: {search}"));
                }
                if view.width >= 1280 && !one_row {
                    problems.push(format!("{path} at 1280 px: the header takes more than one row"));
                }
                if h1 > f64::from(view.height) / 4.0 {
                    problems.push(format!("{path} at {} px: the h1 starts at {h1:.0} px", view.width));
                }
            }
            Ok(())
        })
        .await?;
    }
    ensure!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}
