//! Pass 5: ids and contents.
//!
//! Explicit `{#id}`s are checked and reserved first, so a heading's fixed id
//! never moves because an earlier heading happens to have the same words;
//! then every other heading gets an id from its words, made unique with
//! `-2`, `-3`. Each h2/h3 joins the contents, and every heading gets a
//! "Link" self-link (shown on hover and focus; its name starts with the
//! word it shows, so voice control finds it). Classes and attributes other than `{#id}` are refused: the
//! stylesheet styles headings, and attributes would bypass the rule that
//! authors write no HTML.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag};

use super::{Events, Rendered, TocEntry, matching_end, plain_text};
use crate::content::front_matter::is_slug;
use crate::markup;
use crate::problem::line_of;

/// Ids the page templates use themselves, so headings never take them.
pub(crate) const RESERVED_IDS: [&str; 6] =
    ["main-content", "contents", "references", "share", "related-heading", "check-heading"];

/// A heading's or a label's id: the one slug rule, or `section` when the
/// words have no letter or digit.
pub(crate) fn slugify(text: &str) -> String {
    let slug = crate::content::slug::slugify(text);
    if slug.is_empty() { "section".to_string() } else { slug }
}

/// Gives every heading its id, self-link and contents entry.
pub(super) fn assign_ids<'s>(mut events: Events<'s>, source: &str, out: &mut Rendered) -> Events<'s> {
    let explicit = reserve_explicit_ids(&events, source, out);
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|id| id.to_string()).collect();
    used.extend(explicit.iter().flatten().cloned());

    let mut explicit = explicit.into_iter();
    let mut i = 0;
    while i < events.len() {
        let (Event::Start(Tag::Heading { level, .. }), range) = &events[i] else {
            i += 1;
            continue;
        };
        let (level, offset) = (*level, range.start);
        let end = matching_end(&events, i);
        if level == HeadingLevel::H1 {
            out.problem(
                offset,
                "a level-1 heading (`# ...`) in the body",
                "the page title comes from `title` in the front matter: use `##` for sections and `###` below them",
            );
        }
        let text = plain_text(&events[i + 1..end]);
        let id = match explicit.next().flatten() {
            Some(id) => id,
            None => unique_id(&mut used, slugify(&text)),
        };
        out.heading_ids.push(id.clone());
        let depth = level as u8;
        if depth == 2 || depth == 3 {
            out.toc.push(TocEntry { level: depth, id: id.clone(), text: text.clone(), prose_start: 0 });
        }
        let self_link = markup::element(
            "a",
            &[
                ("class", "self-link"),
                ("href", &format!("#{id}")),
                ("aria-label", &format!("Link to the section: {text}")),
            ],
            "Link",
        );
        events[i].0 =
            Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes: vec![], attrs: vec![] });
        let end_range = events[end].1.clone();
        events.insert(end, (Event::InlineHtml(CowStr::from(format!(" {self_link}"))), end_range));
        i = end + 2;
    }
    events
}

/// Checks every explicit `{#id}` (and refuses other attributes); returns,
/// for each heading in order, its explicit id when it is valid and free.
fn reserve_explicit_ids(events: &Events<'_>, source: &str, out: &mut Rendered) -> Vec<Option<String>> {
    let mut reserved = Vec::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for (event, range) in events {
        let Event::Start(Tag::Heading { id, classes, attrs, .. }) = event else {
            continue;
        };
        if !classes.is_empty() || !attrs.is_empty() {
            let written: Vec<String> = classes
                .iter()
                .map(|c| format!(".{c}"))
                .chain(attrs.iter().map(|(k, v)| match v {
                    Some(v) => format!("{k}={v}"),
                    None => k.to_string(),
                }))
                .collect();
            out.problem(
                range.start,
                format!("a heading can set only its id, but this one sets `{}`", written.join(" ")),
                "remove everything from the `{…}` after the heading except `#id`: the stylesheet styles headings",
            );
        }
        let Some(id) = id else {
            reserved.push(None);
            continue;
        };
        let line = line_of(source, range.start);
        reserved.push(None);
        if !is_slug(id) {
            out.problem(
                range.start,
                format!("the heading id `{{#{id}}}` is not a valid id"),
                format!("write the id in lowercase letters, digits and hyphens, like `{{#{}}}`", slugify(id)),
            );
        } else if RESERVED_IDS.contains(&id.as_ref()) {
            out.problem(
                range.start,
                format!("the heading id `{{#{id}}}` is used by the page itself"),
                format!("choose another id; these are taken on every page: {}", RESERVED_IDS.join(", ")),
            );
        } else if let Some(first) = first_line.get(id.as_ref()) {
            out.problem(
                range.start,
                format!("the heading id `{{#{id}}}` is already the id of the heading on line {first}"),
                "give each heading its own id, so every `#` link leads to one place",
            );
        } else {
            first_line.insert(id.to_string(), line);
            *reserved.last_mut().expect("pushed above") = Some(id.to_string());
        }
    }
    reserved
}

/// The base id, or the first free `base-2`, `base-3`, ... so that every
/// id in the page stays unique even next to a heading literally named `x-2`.
fn unique_id(used: &mut HashSet<String>, base: String) -> String {
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    used.insert(id.clone());
    id
}
