//! One page found, as the results show it: its title and description with
//! the query's words marked, its best-matching section and an excerpt.
//!
//! The costliest part of a search once the pages are ranked: every hit
//! reads its page's body. It is read straight from the index's stream,
//! section by section, and only the best section is kept as words for the
//! excerpt.

use std::borrow::Cow;

use super::index::{Index, Token};
use super::text::words;
use super::{Hit, MarkedText, Search, SectionLink};

/// Words of an excerpt.
const EXCERPT_WORDS: usize = 28;

/// The query's terms, to mark and to count in the pages found.
pub(super) struct Marked {
    /// Sorted, without duplicates: a term's column is its place here.
    terms: Vec<u32>,
    /// Each term's weight (its IDF), by column.
    idf: Vec<f32>,
    /// One bit per `term % FILTER_BITS`: almost every word of a page is
    /// not the query's, and this rules most of them out before a search
    /// of `terms`.
    filter: [u64; FILTER_BITS / 64],
}

const FILTER_BITS: usize = 1024;

impl Marked {
    pub(super) fn new(mut terms: Vec<u32>, index: &Index) -> Marked {
        terms.sort_unstable();
        terms.dedup();
        let idf = terms.iter().map(|&t| index.idf(t)).collect();
        let mut filter = [0u64; FILTER_BITS / 64];
        for &term in &terms {
            let bit = term as usize % FILTER_BITS;
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Marked { terms, idf, filter }
    }

    /// Where `term` is among the marked terms (its column), if it is one.
    fn position(&self, term: u32) -> Option<usize> {
        let bit = term as usize % FILTER_BITS;
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.terms.binary_search(&term).ok()
    }

    fn has(&self, term: Option<u32>) -> bool {
        term.is_some_and(|t| self.position(t).is_some())
    }
}

/// Buffers the hits of one search share, so that twenty hits do not each
/// allocate and free their own: a page's counts per section and its best
/// section's words.
#[derive(Default)]
pub(super) struct Scratch<'i> {
    counts: Vec<u32>,
    words: Vec<Token<'i>>,
}

impl Search {
    /// A hit: its title and description marked, and its best section.
    pub(super) fn hit<'i>(&'i self, doc: u32, marked: &Marked, scratch: &mut Scratch<'i>) -> Hit<'i> {
        let page = self.index.doc(doc);
        let mut best: Option<(f32, usize)> = None;
        let columns = marked.terms.len();
        let counts = &mut scratch.counts;
        self.index.count_in_sections(doc, columns, |t| marked.position(t), counts);
        for (s, section) in page.sections.iter().enumerate() {
            let mut score: f32 = counts[s * columns..][..columns]
                .iter()
                .zip(&marked.idf)
                .filter(|(c, _)| **c > 0)
                .map(|(c, idf)| idf * (1.0 + (*c as f32).ln()))
                .sum();
            if section.anchor.is_some() {
                for &t in self.index.heading_terms(doc, s) {
                    if let Some(column) = marked.position(t) {
                        score += marked.idf[column] * 2.0;
                    }
                }
            }
            if score > 0.0 && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, s));
            }
        }
        let (section, excerpt) = match best {
            Some((_, s)) => {
                let link = page.sections[s].anchor.as_ref().map(|anchor| SectionLink {
                    href: format!("{}#{anchor}", page.path),
                    heading: mark(&page.sections[s].heading, self.index.heading_terms(doc, s), marked),
                });
                scratch.words.clear();
                scratch.words.extend(self.index.section_words(doc, s));
                (link, excerpt(&scratch.words, marked))
            }
            None => (None, MarkedText::default()),
        };
        Hit {
            href: page.path.to_string(),
            title: mark(&page.title, self.index.heading_terms(doc, 0), marked),
            description: mark(&page.description, self.index.description_terms(doc), marked),
            section,
            excerpt,
        }
    }
}

/// Marks the words of `text` whose terms (`terms`, one a word, kept by
/// the index) are marked. Most titles and descriptions have none of the
/// query's words: those are not cut into words at all.
fn mark<'a>(text: &'a str, terms: &[u32], marked: &Marked) -> MarkedText<'a> {
    let mut marks = Vec::new();
    if terms.iter().any(|&t| marked.position(t).is_some()) {
        for (word, &term) in words(text).zip(terms) {
            if marked.position(term).is_some() {
                push_mark(&mut marks, word.start, word.end);
            }
        }
    }
    MarkedText { text: Cow::Borrowed(text), marks }
}

/// Marks `start..end`, joined to the last mark when they touch.
fn push_mark(marks: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    match marks.last_mut() {
        Some(last) if last.1 == start => last.1 = end,
        _ => marks.push((start, end)),
    }
}

/// The window of [`EXCERPT_WORDS`] words of a section with the most
/// matched words, starting a little before the first of them.
fn excerpt(section: &[Token<'_>], marked: &Marked) -> MarkedText<'static> {
    let is_match = |t: &Token<'_>| marked.has(t.term);
    let mut best = (0, 0);
    let mut count = 0;
    for i in 0..section.len() {
        if is_match(&section[i]) {
            count += 1;
        }
        if i >= EXCERPT_WORDS && is_match(&section[i - EXCERPT_WORDS]) {
            count -= 1;
        }
        if count > best.0 {
            best = (count, (i + 1).saturating_sub(EXCERPT_WORDS));
        }
    }
    let first = (best.1..section.len()).find(|&i| is_match(&section[i])).unwrap_or(best.1);
    let from = first.saturating_sub(4).max(best.1.min(first));
    let to = (from + EXCERPT_WORDS).min(section.len());
    let mut text = String::with_capacity(EXCERPT_WORDS * 10);
    let mut marks = Vec::new();
    if from > 0 {
        text.push_str("… ");
    }
    for (i, token) in section[from..to].iter().enumerate() {
        let start = text.len();
        text.push_str(token.word);
        if is_match(token) {
            push_mark(&mut marks, start, text.len());
        }
        let last = from + i + 1 == to;
        if last && to < section.len() {
            text.push_str(" …");
        } else if !last {
            // Prose ends each block with a stop, even after a colon.
            if token.gap.contains([':', '\n']) {
                text.push_str(&token.gap.replace(":.", ":").replace('\n', " "));
            } else {
                text.push_str(token.gap);
            }
        } else {
            text.push_str(token.gap.trim_end());
        }
    }
    MarkedText { text: Cow::Owned(text), marks }
}

#[cfg(test)]
mod tests {
    use super::{Marked, MarkedText};
    use crate::search::index::{Index, PageText};

    #[test]
    fn marked_terms_are_found_whatever_the_filter_shares() {
        // 1,100 made-up words, so that two terms share a filter bit.
        let prose: String = (0..1100).map(|i| format!("w{i}x ")).collect();
        let index = Index::build([PageText {
            path: "/a".into(),
            title: "A",
            description: "",
            headings: vec![],
            prose: &prose,
        }]);
        let terms: Vec<u32> = (0..1100).map(|i| index.term(&format!("w{i}x")).unwrap()).collect();
        let (low, high, other) = (terms[0], terms[0] + 1024, terms[1]);
        assert!(terms.contains(&high) && other != high, "{terms:?}");
        let marked = Marked::new(vec![high, low, high], &index);
        assert_eq!(marked.terms, [low, high], "sorted, duplicates gone");
        assert_eq!((marked.position(low), marked.position(high)), (Some(0), Some(1)), "both, sharing a bit");
        assert_eq!(marked.idf[1], index.idf(high), "each column has its term's weight");
        assert_eq!(marked.position(other), None, "on the page, not marked");
        assert_eq!(marked.position(low + 2048), None, "the same bit again, not marked");
        assert!(marked.has(Some(low)) && !marked.has(None));
    }

    #[test]
    fn pieces_alternate_and_leave_out_empty_runs() {
        let text = MarkedText { text: "knots hurt, knots heal".into(), marks: vec![(0, 5), (12, 17)] };
        let pieces: Vec<(&str, bool)> = text.pieces().map(|p| (p.text, p.marked)).collect();
        assert_eq!(pieces, [("knots", true), (" hurt, ", false), ("knots", true), (" heal", false)]);
        let whole = MarkedText { text: "rest".into(), marks: vec![(0, 4)] };
        assert_eq!(whole.pieces().map(|p| (p.text, p.marked)).collect::<Vec<_>>(), [("rest", true)]);
        let empty = MarkedText::default();
        assert!(empty.is_empty() && empty.pieces().next().is_none());
    }
}
