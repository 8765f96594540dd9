//! Pass 1: the front matter block.
//!
//! pulldown-cmark finds `+++` blocks (YAML `---` blocks are off because they
//! swallow body text); only the very first event may be one.

use pulldown_cmark::{Event, Tag};

use super::{Events, Rendered, matching_end};

/// Takes the leading `+++` block out of the events into
/// [`Rendered::front_matter`]; a later block is a problem and is dropped.
pub(super) fn take<'s>(events: Events<'s>, out: &mut Rendered) -> Events<'s> {
    let mut kept = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if !matches!(events[i].0, Event::Start(Tag::MetadataBlock(_))) {
            kept.push(events[i].clone());
            i += 1;
            continue;
        }
        let end = matching_end(&events, i);
        if i == 0 {
            let text: String = events[1..end]
                .iter()
                .filter_map(|(e, _)| match e {
                    Event::Text(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let start = events.get(1).map_or(events[0].1.start, |e| e.1.start);
            out.front_matter = Some((text, start));
        } else {
            out.problem(
                events[i].1.start,
                "a `+++` block appears after the start of the article",
                "keep front matter only at the very top; to show a line of plus signs in the text, write them as `\\+++`",
            );
        }
        i = end + 1;
    }
    kept
}
