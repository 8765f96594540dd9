//! Pass 3: raw HTML is shown as text, never passed through.
//!
//! After this pass every `Html` or `InlineHtml` event in the list is one the
//! later passes generated (through [`crate::markup`]), never the author's.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::Event;

use super::Events;

/// Turns every raw HTML event into text, which the writer escapes; returns
/// where each was, because markup shown as text is not prose to measure.
pub(super) fn escape(events: Events<'_>) -> (Events<'_>, HashSet<Range<usize>>) {
    let mut raw = HashSet::new();
    let events = events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                raw.insert(range.clone());
                (Event::Text(html), range)
            }
            other => (other, range),
        })
        .collect();
    (events, raw)
}
