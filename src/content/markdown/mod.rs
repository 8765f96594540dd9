//! Markdown to HTML, with every pulldown-cmark option set in one place.
//!
//! [`render`] is a short pipeline of passes over one event list, each with
//! one job, in this order:
//!
//! 1. [`metadata`]: the leading `+++` front matter block is taken out; a
//!    later one is a problem;
//! 2. [`sources`]: every footnote names an author and a title and has a
//!    link; PubMed, DOI and NHS links have the shape of a real address;
//! 3. [`raw_html`]: raw HTML becomes text, so from here on every HTML event
//!    in the list is one we generated;
//! 4. [`links`]: every link and image, wherever it is (headings, callout
//!    titles, references), is recorded by its kind (site, web, phone,
//!    email); relative links, other schemes and images that are not in
//!    `static/` or have no alt text are problems;
//! 5. [`headings`]: explicit `{#id}`s are checked and reserved first, then
//!    every heading gets a unique id, a self-link and a contents entry;
//! 6. [`footnotes`]: citations are numbered, definitions become the
//!    references, labels matched as pulldown-cmark matches them;
//! 7. [`blocks`]: alerts become the site's callouts, tables get a scrolling
//!    wrapper;
//! 8. [`prose`]: the text a reader reads, for word counts and readability;
//! 9. [`phones`]: numbers to call in the prose become `tel:` links;
//!
//! then pulldown-cmark's writer writes the body. HTML the passes add is
//! written by [`crate::markup`], which escapes every value.
//!
//! Raw HTML in an article is escaped, never passed through: articles are
//! written by people who are not web developers, the CSP forbids inline
//! script and style anyway, and every layout need is covered by Markdown and
//! callouts. An author who writes `<b>` sees `<b>` on the page and fixes it.

mod blocks;
mod footnotes;
mod headings;
mod links;
mod metadata;
mod phones;
mod prose;
mod raw_html;
mod sources;
#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, html};

pub(crate) use headings::slugify;

/// The events of one document with their byte ranges in the source.
type Events<'s> = Vec<(Event<'s>, Range<usize>)>;

/// The pulldown-cmark options for every Markdown document on the site.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// HTML that is safe to put in a page as it is: it was produced by this
/// module from Markdown with raw HTML escaped. Templates print it unescaped
/// because of the [`askama::filters::HtmlSafe`] marker, so no `|safe` is needed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// The HTML text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for Html {}

/// One entry in the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's id, unique in the page.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
    /// Where the section's text begins in [`Rendered::prose`], so search can
    /// tell which section a word is in.
    pub(crate) prose_start: usize,
}

/// One numbered reference (a footnote definition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// 1-based, in the order the text first cites it.
    pub number: usize,
    /// The id of the list item, `ref-<label>`.
    pub id: String,
    /// The id of the first citation in the text, for the back-link.
    pub cited_at: String,
    /// The reference's text.
    pub html: Html,
}

/// A link written in the Markdown that points inside the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// As written, e.g. `/articles/aftercare#day-one` or `#day-one`.
    pub target: String,
    /// The byte offset in the source, for the line in error messages.
    pub offset: usize,
}

/// A problem in the Markdown itself, at a byte offset of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownProblem {
    pub offset: usize,
    pub message: String,
    pub fix: String,
}

/// A callout (GitHub-style alert) found in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callout {
    pub kind: &'static str,
    /// The title as plain text.
    pub title: String,
}

/// Everything rendering one Markdown document produces.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The text of the leading `+++` front matter block, and its byte offset.
    pub(crate) front_matter: Option<(String, usize)>,
    /// The body, without the references.
    pub html: Html,
    pub toc: Vec<TocEntry>,
    pub references: Vec<Reference>,
    /// Every id a heading received, for checking `#section` links.
    pub(crate) heading_ids: Vec<String>,
    /// Every link inside the site, wherever it is written.
    pub links: Vec<InternalLink>,
    /// Every image, each a `/static/<file>` address: the files are checked
    /// once the static folder is read.
    pub(crate) images: Vec<InternalLink>,
    pub callouts: Vec<Callout>,
    /// Paragraphs and list items as plain text, one sentence-ended block per
    /// line: what a reader reads, for readability and search.
    pub prose: String,
    /// Words of prose, counted when rendering so they outlive it.
    words: usize,
    pub problems: Vec<MarkdownProblem>,
}

impl Rendered {
    /// Words of prose.
    pub fn words(&self) -> usize {
        self.words
    }

    fn problem(&mut self, offset: usize, message: impl Into<String>, fix: impl Into<String>) {
        self.problems.push(MarkdownProblem { offset, message: message.into(), fix: fix.into() });
    }
}

/// Renders a whole Markdown file: front matter block first, then the body.
pub fn render(source: &str) -> Rendered {
    let mut rendered = Rendered::default();
    let events: Events<'_> = Parser::new_ext(source, options()).into_offset_iter().collect();
    let events = metadata::take(events, &mut rendered);
    sources::check(&events, &mut rendered);
    let (events, raw_html) = raw_html::escape(events);
    links::record(&events, &mut rendered);
    let events = headings::assign_ids(events, source, &mut rendered);
    let events = footnotes::number(events, source, &mut rendered);
    let events = blocks::wrap(events, &mut rendered);
    prose::collect(&events, &raw_html, &mut rendered);
    let events = phones::link(events, &raw_html);
    let mut body = String::with_capacity(source.len() * 2);
    html::push_html(&mut body, events.into_iter().map(|(event, _)| event));
    // Kept until the page is made: no spare capacity for 10,000 of them.
    body.shrink_to_fit();
    rendered.html = Html(body);
    rendered.words = rendered.prose.split_whitespace().count();
    rendered.problems.sort_by_key(|p| p.offset);
    rendered
}

/// The plain text of inline events (a heading's or a title's words).
fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// The index of the event that closes the one opened at `start`.
fn matching_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}
