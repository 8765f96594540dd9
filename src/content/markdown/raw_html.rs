//! Pass 2: raw HTML is shown as text, never passed through.
//!
//! After this pass every `Html` or `InlineHtml` event in the list is one the
//! later passes generated (through [`crate::markup`]), never the author's.

use pulldown_cmark::Event;

use super::Events;

/// Turns every raw HTML event into text, which the writer escapes.
pub(super) fn escape(events: Events<'_>) -> Events<'_> {
    events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => (Event::Text(raw), range),
            other => (other, range),
        })
        .collect()
}
