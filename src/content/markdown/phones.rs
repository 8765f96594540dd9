//! Pass 9: numbers to call become tap-to-call links.
//!
//! A reader who is told "call 999" or "call NHS 111" in a paragraph or a
//! list item can tap the number. Only the numbers in the emergency data are
//! linked ([`crate::emergency::dialled`]), where they stand alone; text in
//! a link (a link may not hold a link), a heading, a table or code, and
//! raw HTML shown as text, is left as it is.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Events;
use crate::markup::text_with_tel;

/// The events with every number to call in prose made a `tel:` link.
pub(super) fn link<'s>(events: Events<'s>, raw_html: &HashSet<Range<usize>>) -> Events<'s> {
    let mut depth = 0usize;
    let mut in_link = 0usize;
    events
        .into_iter()
        .map(|(event, range)| {
            match &event {
                Event::Start(Tag::Paragraph | Tag::Item) => depth += 1,
                Event::End(TagEnd::Paragraph | TagEnd::Item) => depth = depth.saturating_sub(1),
                Event::Start(Tag::Link { .. }) => in_link += 1,
                Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
                Event::Text(text) if depth > 0 && in_link == 0 && !raw_html.contains(&range) => {
                    let html = text_with_tel(text);
                    if html.contains("href=\"tel:") {
                        return (Event::Html(CowStr::from(html)), range);
                    }
                }
                _ => {}
            }
            (event, range)
        })
        .collect()
}
