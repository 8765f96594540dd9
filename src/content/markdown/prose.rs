//! Pass 8: the prose, for word counts and readability.
//!
//! Paragraphs and list items as plain text, one block per line, each ended
//! as a sentence. Headings, tables, callout titles and references are not
//! prose: by now the titles are generated HTML and the references are out of
//! the list. Neither is raw HTML the author wrote, shown as text.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::{Events, Rendered};

/// Collects the prose into [`Rendered::prose`], and where each contents
/// entry's section starts in it.
pub(super) fn collect(events: &Events<'_>, raw_html: &HashSet<Range<usize>>, out: &mut Rendered) {
    let mut prose = String::new();
    let mut depth = 0usize;
    let mut section = 0;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H2 | HeadingLevel::H3, .. }) => {
                if let Some(entry) = out.toc.get_mut(section) {
                    entry.prose_start = prose.len();
                }
                section += 1;
            }
            Event::Start(Tag::Paragraph | Tag::Item) => depth += 1,
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                depth = depth.saturating_sub(1);
                end_block(&mut prose, depth);
            }
            Event::Text(_) if raw_html.contains(range) => {}
            Event::Text(t) | Event::Code(t) if depth > 0 => prose.push_str(t),
            Event::SoftBreak | Event::HardBreak if depth > 0 => prose.push(' '),
            _ => {}
        }
    }
    let lead = prose.len() - prose.trim_start().len();
    out.prose = prose.trim().to_string();
    for entry in &mut out.toc {
        entry.prose_start = entry.prose_start.saturating_sub(lead).min(out.prose.len());
    }
}

fn end_block(prose: &mut String, depth: usize) {
    if depth > 0 {
        // A nested list item ends inside its parent: keep one block per line.
        prose.push(' ');
        return;
    }
    let len = prose.trim_end().len();
    prose.truncate(len);
    let block = prose.rsplit('\n').next().unwrap_or_default();
    let ends_sentence = block.trim_end_matches(['"', '”', '’', ')']).ends_with(['.', '!', '?']);
    if !ends_sentence && !block.is_empty() {
        // A list item without a full stop still reads as one sentence.
        prose.push('.');
    }
    prose.push('\n');
}
