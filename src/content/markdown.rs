//! Markdown to HTML, with every pulldown-cmark option set in one place.
//!
//! The pipeline for one article body:
//! 1. parse with [`options`] (tables, footnotes, smart punctuation,
//!    strikethrough, GitHub-style alerts, heading ids, `+++` front matter);
//! 2. walk the events once, which gives every h2/h3 a stable unique id and a
//!    self-link, turns alerts into the site's callouts, numbers footnotes,
//!    escapes raw HTML and records internal links with their lines;
//! 3. write the body with `push_html`, and the references separately so the
//!    template can place them under their own heading.
//!
//! Raw HTML in an article is escaped, never passed through: articles are
//! written by people who are not web developers, the CSP forbids inline
//! script and style anyway, and every layout need is covered by Markdown and
//! callouts. An author who writes `<b>` sees `<b>` on the page and fixes it.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use crate::markup::escape;
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Ids the page templates use themselves, so headings never take them.
pub const RESERVED_IDS: [&str; 6] =
    ["main-content", "contents", "references", "share", "related-heading", "check-heading"];

/// Words a reader reads in a minute, for the reading time.
const WORDS_PER_MINUTE: usize = 200;

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
    pub prose_start: usize,
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
    pub title: String,
}

/// Everything rendering one Markdown document produces.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The text of the leading `+++` front matter block, and its byte offset.
    pub front_matter: Option<(String, usize)>,
    /// The body, without the references.
    pub html: Html,
    pub toc: Vec<TocEntry>,
    pub references: Vec<Reference>,
    /// Every id a heading received, for checking `#section` links.
    pub heading_ids: Vec<String>,
    pub links: Vec<InternalLink>,
    pub callouts: Vec<Callout>,
    /// Paragraphs and list items as plain text, one sentence-ended block per
    /// line: what a reader reads, for word counts and readability.
    pub prose: String,
    pub problems: Vec<MarkdownProblem>,
}

impl Rendered {
    /// Words of prose.
    pub fn words(&self) -> usize {
        self.prose.split_whitespace().count()
    }

    /// Whole minutes to read the prose, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.words().div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

/// Turns heading text into an id: lowercase letters and digits; spaces,
/// hyphens and underscores become one hyphen; everything else is dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            gap = true;
        }
    }
    if out.is_empty() { "section".to_string() } else { out }
}

/// Renders a whole Markdown file: front matter block first, then the body.
pub fn render(source: &str) -> Rendered {
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(source, options()).into_offset_iter().collect();
    let mut walker = Walker::new(source);
    walker.walk(events);
    walker.finish()
}

fn alert_kind(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

struct Walker<'s> {
    source: &'s str,
    out: Vec<Event<'s>>,
    rendered: Rendered,
    ids_used: HashSet<String>,
    /// Footnote label -> (number, citation count).
    cited: HashMap<String, (usize, usize)>,
    definitions: Vec<(String, usize, Vec<Event<'s>>)>,
    prose_depth: usize,
}

impl<'s> Walker<'s> {
    fn new(source: &'s str) -> Self {
        let ids_used = RESERVED_IDS.iter().map(|id| id.to_string()).collect();
        Walker {
            source,
            out: Vec::new(),
            rendered: Rendered::default(),
            ids_used,
            cited: HashMap::new(),
            definitions: Vec::new(),
            prose_depth: 0,
        }
    }

    fn problem(&mut self, offset: usize, message: impl Into<String>, fix: impl Into<String>) {
        self.rendered.problems.push(MarkdownProblem { offset, message: message.into(), fix: fix.into() });
    }

    /// The base id, or the first free `base-2`, `base-3`, ... so that every
    /// id in the page stays unique even next to a heading literally named `x-2`.
    fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 1;
        while self.ids_used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.ids_used.insert(id.clone());
        id
    }

    fn walk(&mut self, events: Vec<(Event<'s>, Range<usize>)>) {
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::MetadataBlock(_)) => {
                    let mut text = String::new();
                    let mut j = i + 1;
                    while !matches!(events[j].0, Event::End(TagEnd::MetadataBlock(_))) {
                        if let Event::Text(t) = &events[j].0 {
                            text.push_str(t);
                        }
                        j += 1;
                    }
                    if i == 0 {
                        let start = events.get(i + 1).map_or(range.start, |e| e.1.start);
                        self.rendered.front_matter = Some((text, start));
                    } else {
                        self.problem(
                            range.start,
                            "a `+++` block appears after the start of the article",
                            "keep front matter only at the very top; to show a line of plus signs in the text, write them as `\\+++`",
                        );
                    }
                    i = j;
                }
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let end = (i + 1..events.len())
                        .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
                        .expect("pulldown-cmark closes every heading");
                    if *level == HeadingLevel::H1 {
                        self.problem(
                            range.start,
                            "a level-1 heading (`# ...`) in the body",
                            "the page title comes from `title` in the front matter: use `##` for sections and `###` below them",
                        );
                    }
                    let text: String = events[i + 1..end]
                        .iter()
                        .filter_map(|(e, _)| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let base = id.as_ref().map_or_else(|| slugify(&text), |s| s.to_string());
                    let unique = self.unique_id(base);
                    self.rendered.heading_ids.push(unique.clone());
                    let depth = *level as u8;
                    if depth == 2 || depth == 3 {
                        self.rendered.toc.push(TocEntry {
                            level: depth,
                            id: unique.clone(),
                            text: text.clone(),
                            prose_start: self.rendered.prose.len(),
                        });
                    }
                    self.out.push(Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(CowStr::from(unique.clone())),
                        classes: classes.clone(),
                        attrs: attrs.clone(),
                    }));
                    for (inner, inner_range) in &events[i + 1..end] {
                        self.inline(inner.clone(), inner_range.clone());
                    }
                    self.out.push(Event::InlineHtml(CowStr::from(format!(
                        " <a class=\"self-link\" href=\"#{unique}\" aria-label=\"Link to the section: {}\">#</a>",
                        escape(&text)
                    ))));
                    self.out.push(Event::End(TagEnd::Heading(*level)));
                    i = end;
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let (class, default_title) = alert_kind(*kind);
                    // A first paragraph that is only bold text is the callout's title.
                    let mut title = default_title.to_string();
                    let mut next = i + 1;
                    if let Some(end_strong) = titled_paragraph(&events, i + 1) {
                        title = events[i + 3..end_strong]
                            .iter()
                            .filter_map(|(e, _)| match e {
                                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                                _ => None,
                            })
                            .collect();
                        next = end_strong + 2;
                    }
                    self.rendered.callouts.push(Callout { kind: class, title: title.clone() });
                    self.out.push(Event::Html(CowStr::from(format!(
                        "<div class=\"callout callout-{class}\"><p class=\"callout-title\">{}</p>\n",
                        escape(&title)
                    ))));
                    i = next;
                    continue;
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => {
                    self.out.push(Event::Html(CowStr::from("</div>\n")));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let end = (i + 1..events.len())
                        .find(|&j| matches!(events[j].0, Event::End(TagEnd::FootnoteDefinition)))
                        .expect("pulldown-cmark closes every footnote definition");
                    let body = events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                    self.definitions.push((label.to_string(), range.start, body));
                    i = end;
                }
                Event::Start(Tag::Table(_)) => {
                    self.out.push(Event::Html(CowStr::from(
                        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">",
                    )));
                    self.out.push(event.clone());
                }
                Event::End(TagEnd::Table) => {
                    self.out.push(event.clone());
                    self.out.push(Event::Html(CowStr::from("</div>\n")));
                }
                Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => {
                    self.prose_depth += 1;
                    self.out.push(event.clone());
                }
                Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                    self.prose_depth -= 1;
                    self.end_prose_block();
                    self.out.push(event.clone());
                }
                Event::Html(raw) => {
                    self.out.push(Event::Text(raw.clone()));
                }
                _ => self.inline(event.clone(), range.clone()),
            }
            i += 1;
        }
    }

    /// Inline events: shared by headings and the body.
    fn inline(&mut self, event: Event<'s>, range: Range<usize>) {
        match event {
            Event::Text(ref t) => {
                if self.prose_depth > 0 {
                    self.rendered.prose.push_str(t);
                }
                self.out.push(event);
            }
            Event::Code(ref t) => {
                if self.prose_depth > 0 {
                    self.rendered.prose.push_str(t);
                }
                self.out.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.prose_depth > 0 {
                    self.rendered.prose.push(' ');
                }
                self.out.push(event);
            }
            Event::InlineHtml(raw) => self.out.push(Event::Text(raw)),
            Event::FootnoteReference(label) => {
                let next_number = self.cited.len() + 1;
                let entry = self.cited.entry(label.to_string()).or_insert((next_number, 0));
                entry.1 += 1;
                let (number, count) = *entry;
                let id = slugify(&label);
                let cite_id = if count == 1 { format!("cite-{id}") } else { format!("cite-{id}-{count}") };
                self.out.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"cite\"><a id=\"{cite_id}\" href=\"#ref-{id}\" aria-label=\"Reference {number}\">[{number}]</a></sup>"
                ))));
            }
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let url = dest_url.to_string();
                if url.starts_with('/') || url.starts_with('#') {
                    self.rendered.links.push(InternalLink { target: url, offset: range.start });
                } else if !(url.starts_with("https://")
                    || url.starts_with("http://")
                    || url.starts_with("mailto:"))
                {
                    self.problem(
                        range.start,
                        format!("the link `{url}` is relative, so it would break when the page moves"),
                        "link to another article as `/articles/<slug>` or `/articles/<slug>#<heading-id>`, or give a full `https://` address",
                    );
                }
                self.out.push(event);
            }
            other => self.out.push(other),
        }
    }

    fn end_prose_block(&mut self) {
        if self.prose_depth > 0 {
            // A nested list item ends inside its parent: keep one block per line.
            self.rendered.prose.push(' ');
            return;
        }
        let len = self.rendered.prose.trim_end().len();
        self.rendered.prose.truncate(len);
        let block = self.rendered.prose.rsplit('\n').next().unwrap_or_default();
        let ends_sentence = block.trim_end_matches(['"', '”', '’', ')']).ends_with(['.', '!', '?']);
        if !ends_sentence && !block.is_empty() {
            // A list item without a full stop still reads as one sentence.
            self.rendered.prose.push('.');
        }
        self.rendered.prose.push('\n');
    }

    fn finish(mut self) -> Rendered {
        let mut body = String::with_capacity(self.source.len() * 2);
        html::push_html(&mut body, std::mem::take(&mut self.out).into_iter());
        self.rendered.html = Html(body);

        let mut references = Vec::new();
        let definitions = std::mem::take(&mut self.definitions);
        for (label, offset, events) in definitions {
            let Some(&(number, _)) = self.cited.get(&label) else {
                self.problem(
                    offset,
                    format!("the reference `[^{label}]` is never cited in the text"),
                    format!("cite it where its claim is made, like `...claim.[^{label}]`, or delete the definition"),
                );
                continue;
            };
            let mut text = String::new();
            html::push_html(
                &mut text,
                events.into_iter().map(|e| match e {
                    Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
                    other => other,
                }),
            );
            let id = slugify(&label);
            references.push(Reference {
                number,
                id: format!("ref-{id}"),
                cited_at: format!("cite-{id}"),
                html: Html(text),
            });
        }
        references.sort_by_key(|r| r.number);
        // pulldown-cmark leaves a citation with no definition as plain text,
        // split over several events, so look for it in the source instead.
        let defined: HashSet<String> = self.cited.keys().cloned().collect();
        let mut rest = self.source;
        let mut base = 0;
        while let Some(at) = rest.find("[^") {
            let after = &rest[at + 2..];
            if let Some(close) = after.find(']') {
                let label = &after[..close];
                let is_definition = after[close + 1..].starts_with(':');
                if !is_definition
                    && !label.is_empty()
                    && !label.contains(char::is_whitespace)
                    && !defined.contains(label)
                {
                    self.problem(
                        base + at,
                        format!("the footnote `[^{label}]` is cited but has no definition"),
                        format!("add `[^{label}]: Author, year. Journal. [PubMed 123](https://pubmed.ncbi.nlm.nih.gov/123/)` at the end"),
                    );
                }
            }
            base += at + 2;
            rest = &rest[at + 2..];
        }
        self.rendered.references = references;
        let lead = self.rendered.prose.len() - self.rendered.prose.trim_start().len();
        for entry in &mut self.rendered.toc {
            entry.prose_start = entry.prose_start.saturating_sub(lead);
        }
        self.rendered.prose = self.rendered.prose.trim().to_string();
        self.rendered
    }
}

/// If the events from `start` are a paragraph holding only bold text, returns
/// the index of the `End(Strong)` event.
fn titled_paragraph(events: &[(Event<'_>, Range<usize>)], start: usize) -> Option<usize> {
    if !matches!(events.get(start)?.0, Event::Start(Tag::Paragraph))
        || !matches!(events.get(start + 1)?.0, Event::Start(Tag::Strong))
    {
        return None;
    }
    let end_strong =
        (start + 2..events.len()).find(|&j| matches!(events[j].0, Event::End(TagEnd::Strong)))?;
    matches!(events.get(end_strong + 1)?.0, Event::End(TagEnd::Paragraph)).then_some(end_strong)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(md: &str) -> Rendered {
        render(md)
    }

    #[test]
    fn slugify_follows_the_documented_rule() {
        assert_eq!(slugify("What is normal?"), "what-is-normal");
        assert_eq!(slugify("  Day 1 -- the_first  day "), "day-1-the-first-day");
        assert_eq!(slugify("Ça va"), "ça-va");
        assert_eq!(slugify("???"), "section");
    }

    #[test]
    fn headings_get_unique_ids_self_links_and_a_contents_list() {
        let r =
            body("## What is normal?\n\ntext\n\n### What is normal?\n\n## What is normal?\n\n#### Deep\n");
        let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["what-is-normal", "what-is-normal-2", "what-is-normal-3"]);
        assert_eq!(r.toc[1].level, 3);
        assert_eq!(r.heading_ids.len(), 4, "h4 gets an id but no contents entry");
        assert!(r.html.as_str().contains(
            "<h2 id=\"what-is-normal\">What is normal? <a class=\"self-link\" href=\"#what-is-normal\" aria-label=\"Link to the section: What is normal?\">#</a></h2>"
        ), "{}", r.html);
    }

    #[test]
    fn explicit_ids_are_kept_and_reserved_ids_are_avoided() {
        let r = body("## Blood clots {#blood-clot}\n\n## References\n\n## Contents\n");
        assert_eq!(r.heading_ids, ["blood-clot", "references-2", "contents-2"]);
    }

    #[test]
    fn a_heading_named_like_a_suffix_does_not_collide() {
        let r = body("## A\n\n## A 2\n\n## A\n");
        assert_eq!(r.heading_ids, ["a", "a-2", "a-3"]);
    }

    #[test]
    fn alerts_become_callouts_with_default_or_bold_titles() {
        let r = body("> [!WARNING]\n> Watch out.\n\n> [!NOTE]\n> **Key facts**\n>\n> - One\n");
        let html = r.html.as_str();
        assert!(
            html.contains("<div class=\"callout callout-warning\"><p class=\"callout-title\">Warning</p>"),
            "{html}"
        );
        assert!(
            html.contains("<div class=\"callout callout-note\"><p class=\"callout-title\">Key facts</p>"),
            "{html}"
        );
        assert!(!html.contains("<strong>Key facts</strong>"), "{html}");
        assert!(!html.contains("blockquote"), "{html}");
        assert_eq!(
            r.callouts,
            [
                Callout { kind: "warning", title: "Warning".into() },
                Callout { kind: "note", title: "Key facts".into() }
            ]
        );
    }

    #[test]
    fn a_plain_blockquote_stays_a_blockquote() {
        let r = body("> Just a quote.\n");
        assert!(r.html.as_str().contains("<blockquote>"));
        assert!(r.callouts.is_empty());
    }

    #[test]
    fn raw_html_is_escaped_not_passed_through() {
        let r = body("Hello <script>alert(1)</script> there.\n\n<div onclick=\"x\">block</div>\n");
        let html = r.html.as_str();
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<div onclick"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("&lt;div onclick"), "{html}");
    }

    #[test]
    fn footnotes_are_numbered_by_first_citation_and_listed_separately() {
        let r = body("First claim.[^b] Second claim.[^a] Again.[^b]\n\n[^a]: Source A.\n[^b]: Source B.\n");
        let html = r.html.as_str();
        assert!(
            html.contains("<a id=\"cite-b\" href=\"#ref-b\" aria-label=\"Reference 1\">[1]</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a id=\"cite-a\" href=\"#ref-a\" aria-label=\"Reference 2\">[2]</a>"),
            "{html}"
        );
        assert!(html.contains("id=\"cite-b-2\""), "{html}");
        assert!(!html.contains("Source A"), "definitions stay out of the body: {html}");
        assert_eq!(r.references.len(), 2);
        assert_eq!((r.references[0].number, r.references[0].id.as_str()), (1, "ref-b"));
        assert!(r.references[1].html.as_str().contains("Source A."));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn footnote_problems_are_reported() {
        let r = body("Claim.[^missing]\n\nText.\n\n[^unused]: Never cited.\n");
        let messages: Vec<&str> = r.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("[^missing]")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("`[^unused]` is never cited")), "{messages:?}");
    }

    #[test]
    fn internal_links_are_recorded_and_relative_links_refused() {
        let src =
            "See [a](/articles/a#b) and [b](#here) and [c](https://doi.org/1).\n\nBad [d](other-page).\n";
        let r = body(src);
        let targets: Vec<&str> = r.links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["/articles/a#b", "#here"]);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(crate::problem::line_of(src, r.problems[0].offset), 3);
    }

    #[test]
    fn front_matter_only_at_the_top() {
        let r = body("+++\ntitle = \"x\"\n+++\n\nText\n\n+++\nstray = 1\n+++\n");
        assert_eq!(r.front_matter.as_ref().unwrap().0.trim(), "title = \"x\"");
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert!(r.problems[0].message.contains("after the start"));
    }

    #[test]
    fn yaml_blocks_are_not_metadata() {
        let r = body("para\n\n---\ntitle: x\n---\n");
        assert!(r.front_matter.is_none());
        assert!(r.html.as_str().contains("title: x"), "text must not vanish: {}", r.html);
    }

    #[test]
    fn tables_strikethrough_and_smart_punctuation() {
        let r = body("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\" -- dash\n");
        let html = r.html.as_str();
        assert!(
            html.contains(
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\"><table>"
            ),
            "{html}"
        );
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("“quoted” – dash"), "{html}");
    }

    #[test]
    fn prose_excludes_headings_tables_and_references_and_ends_items() {
        let r = body(
            "## Heading words\n\nA short line.\n\n- item one\n- item two\n\n| cell |\n|---|\n| x |\n\nCited.[^a]\n\n[^a]: Reference words.\n",
        );
        assert_eq!(r.prose, "A short line.\nitem one.\nitem two.\nCited.");
        assert_eq!(r.words(), 8);
        assert_eq!(r.reading_minutes(), 1);
    }

    #[test]
    fn h1_in_the_body_is_a_problem() {
        let r = body("# Title again\n");
        assert!(r.problems[0].fix.contains("use `##`"));
    }
}
