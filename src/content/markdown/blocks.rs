//! Pass 7: the site's own block containers.
//!
//! GitHub-style alerts (`> [!NOTE]`) become callouts: a `div` with a title,
//! taken from a first paragraph that is only bold text or else from the
//! kind. Tables get a wrapper that scrolls sideways on a narrow screen
//! instead of the page.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd, html};

use super::{Callout, Events, Rendered, plain_text};
use crate::markup;

fn alert_kind(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// Turns alerts into callouts (recorded in [`Rendered::callouts`]) and wraps
/// tables.
pub(super) fn wrap<'s>(events: Events<'s>, out: &mut Rendered) -> Events<'s> {
    let mut kept = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        let html = |text: String| (Event::Html(CowStr::from(text)), range.clone());
        match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, default_title) = alert_kind(*kind);
                let (title, title_html, next) = match titled_paragraph(&events, i + 1) {
                    Some(end_strong) => {
                        let inner = &events[i + 3..end_strong];
                        let mut title_html = String::new();
                        html::push_html(&mut title_html, inner.iter().map(|(e, _)| e.clone()));
                        (plain_text(inner), title_html, end_strong + 2)
                    }
                    None => (default_title.to_string(), markup::escape(default_title), i + 1),
                };
                out.callouts.push(Callout { kind: class, title });
                kept.push(html(format!(
                    "{}{}{title_html}{}\n",
                    markup::start("div", &[("class", &format!("callout callout-{class}"))]),
                    markup::start("p", &[("class", "callout-title")]),
                    markup::end("p"),
                )));
                i = next;
                continue;
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => kept.push(html(format!("{}\n", markup::end("div")))),
            Event::Start(Tag::Table(_)) => {
                kept.push(html(markup::start(
                    "div",
                    &[
                        ("class", "table-wrap"),
                        ("tabindex", "0"),
                        ("role", "region"),
                        ("aria-label", "Table"),
                    ],
                )));
                kept.push((event.clone(), range.clone()));
            }
            Event::End(TagEnd::Table) => {
                kept.push((event.clone(), range.clone()));
                kept.push(html(format!("{}\n", markup::end("div"))));
            }
            _ => kept.push((event.clone(), range.clone())),
        }
        i += 1;
    }
    kept
}

/// If the events from `start` are a paragraph holding only bold text, returns
/// the index of the `End(Strong)` event.
fn titled_paragraph(events: &Events<'_>, start: usize) -> Option<usize> {
    if !matches!(events.get(start)?.0, Event::Start(Tag::Paragraph))
        || !matches!(events.get(start + 1)?.0, Event::Start(Tag::Strong))
    {
        return None;
    }
    let end_strong =
        (start + 2..events.len()).find(|&j| matches!(events[j].0, Event::End(TagEnd::Strong)))?;
    matches!(events.get(end_strong + 1)?.0, Event::End(TagEnd::Paragraph)).then_some(end_strong)
}
