//! Pass 6: footnotes become numbered citations and a list of references.
//!
//! We render footnotes ourselves, not pulldown-cmark: ids are prefixed
//! (`cite-`, `ref-`) so they never collide with heading ids, and references
//! are numbered in the order they are first cited. Labels are matched as
//! pulldown-cmark matches them, without regard to case (`[^Smith2007]`
//! cites `[^smith2007]:`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd, html};
use unicase::UniCase;

use super::{Events, Html, Reference, Rendered, matching_end, slugify};
use crate::markup;

/// A label as pulldown-cmark compares labels.
type Label = UniCase<String>;

/// One cited label: its number, how often it was cited, its id.
struct Cited {
    number: usize,
    count: usize,
    id: String,
}

/// Replaces citations with numbered links, takes the definitions out into
/// [`Rendered::references`], and reports citations without a definition and
/// definitions never cited.
pub(super) fn number<'s>(events: Events<'s>, source: &str, out: &mut Rendered) -> Events<'s> {
    let mut cited: HashMap<Label, Cited> = HashMap::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut definitions: Vec<(String, usize, Events<'s>)> = Vec::new();
    // Labels cited only inside another reference: already a problem there.
    let mut cited_inside: HashSet<Label> = HashSet::new();
    let mut kept = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::FootnoteReference(label) => {
                let next = cited.len() + 1;
                let entry = cited.entry(UniCase::new(label.to_string())).or_insert_with(|| Cited {
                    number: next,
                    count: 0,
                    id: unique_id(&mut ids, slugify(label), &out.heading_ids),
                });
                entry.count += 1;
                let cite_id = match entry.count {
                    1 => format!("cite-{}", entry.id),
                    n => format!("cite-{}-{n}", entry.id),
                };
                let number = entry.number;
                let link = markup::element(
                    "a",
                    &[
                        ("id", &cite_id),
                        ("href", &format!("#ref-{}", entry.id)),
                        ("aria-label", &format!("Reference {number}")),
                    ],
                    &format!("[{number}]"),
                );
                let html =
                    format!("{}{link}{}", markup::start("sup", &[("class", "cite")]), markup::end("sup"));
                kept.push((Event::InlineHtml(CowStr::from(html)), range.clone()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let end = matching_end(&events, i);
                for (inner, at) in &events[i + 1..end] {
                    if let Event::FootnoteReference(cited) = inner {
                        out.problem(
                            at.start,
                            format!("the reference `[^{label}]` cites `[^{cited}]` inside it"),
                            format!(
                                "cite `[^{cited}]` in the text, where its claim is, and write this reference without `[^`; a citation inside a reference has no place in the numbering"
                            ),
                        );
                        cited_inside.insert(UniCase::new(cited.to_string()));
                    }
                }
                definitions.push((label.to_string(), range.start, events[i + 1..end].to_vec()));
                i = end;
            }
            _ => kept.push((event.clone(), range.clone())),
        }
        i += 1;
    }

    let mut defined: HashMap<Label, usize> = HashMap::new();
    let mut references = Vec::new();
    for (label, offset, body) in definitions {
        let key = UniCase::new(label.clone());
        if let Some(first) = defined.insert(key.clone(), offset) {
            out.problem(
                offset,
                format!("the reference `[^{label}]` is defined twice"),
                format!(
                    "keep one definition (the first is on line {}); labels match without regard to case",
                    crate::problem::line_of(source, first)
                ),
            );
            continue;
        }
        let Some(entry) = cited.get(&key) else {
            if cited_inside.contains(&key) {
                continue;
            }
            out.problem(
                offset,
                format!("the reference `[^{label}]` is never cited in the text"),
                format!(
                    "cite it where its claim is made, like `...claim.[^{label}]`, or delete the definition"
                ),
            );
            continue;
        };
        let mut text = String::new();
        html::push_html(&mut text, body.into_iter().map(|(e, _)| e));
        references.push(Reference {
            number: entry.number,
            id: format!("ref-{}", entry.id),
            cited_at: format!("cite-{}", entry.id),
            html: Html(text),
        });
    }
    references.sort_by_key(|r| r.number);
    out.references = references;
    report_undefined(&kept, source, out);
    kept
}

/// The base id, or `base-2`, `base-3`, … when two labels make the same id
/// or a heading already has `ref-<id>` or `cite-<id>…`: one page, one
/// registry of ids, whoever made them first.
fn unique_id(ids: &mut HashSet<String>, base: String, headings: &[String]) -> String {
    let taken = |id: &str| {
        let (reference, citation) = (format!("ref-{id}"), format!("cite-{id}"));
        headings.iter().any(|h| {
            *h == reference
                || h.strip_prefix(&citation).is_some_and(|rest| {
                    rest.is_empty()
                        || rest.strip_prefix('-').is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
                })
        })
    };
    let mut id = base.clone();
    let mut n = 1;
    while taken(&id) || !ids.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// pulldown-cmark leaves a citation with no definition as plain text, split
/// over several text events: find `[^label]` in each run of text (never in
/// code, and not where the author escaped the bracket).
fn report_undefined(events: &Events<'_>, source: &str, out: &mut Rendered) {
    let mut in_code_block = false;
    let mut run: Vec<(&str, Range<usize>)> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(text) if !in_code_block => {
                run.push((text.as_ref(), range.clone()));
                continue;
            }
            _ => {}
        }
        scan_run(&run, source, out);
        run.clear();
    }
    scan_run(&run, source, out);
}

fn scan_run(run: &[(&str, Range<usize>)], source: &str, out: &mut Rendered) {
    let mut text = String::new();
    // Where each event's text starts in `text`, with its source range.
    let mut starts: Vec<(usize, &Range<usize>)> = Vec::new();
    for (piece, range) in run {
        starts.push((text.len(), range));
        text.push_str(piece);
    }
    let mut from = 0;
    while let Some(at) = text[from..].find("[^").map(|at| at + from) {
        from = at + 2;
        let after = &text[at + 2..];
        let Some(close) = after.find(']') else { continue };
        let label = &after[..close];
        if label.is_empty() || label.contains(char::is_whitespace) || after[close + 1..].starts_with(':') {
            continue;
        }
        let (start, range) =
            starts.iter().rev().find(|(start, _)| *start <= at).expect("text comes from events");
        // A backslash before the bracket is not part of the text event.
        let escaped = *start == at && source.as_bytes().get(range.start.wrapping_sub(1)) == Some(&b'\\');
        if escaped {
            continue;
        }
        out.problem(
            range.start,
            format!("the footnote `[^{label}]` is cited but has no definition"),
            format!("add `[^{label}]: Author, year. Journal. [PubMed 123](https://pubmed.ncbi.nlm.nih.gov/123/)` at the end"),
        );
    }
}
