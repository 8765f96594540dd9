//! One page found, as the results show it: its title and description with
//! the query's words marked, its best-matching section and an excerpt.
//!
//! The costliest part of a search once the pages are ranked: every hit
//! reads its page's body. It is read straight from the index's stream,
//! section by section, and only the best section is kept as words for the
//! excerpt.

use super::index::Token;
use super::text::words;
use super::{Hit, Piece, Search, SectionLink};

/// Words of an excerpt.
const EXCERPT_WORDS: usize = 28;

/// The query's terms, to mark and to count in the pages found.
pub(super) struct Marked {
    /// Sorted, without duplicates.
    terms: Vec<u32>,
    /// One bit per `term % FILTER_BITS`: almost every word of a page is
    /// not the query's, and this rules most of them out before a search
    /// of `terms`.
    filter: [u64; FILTER_BITS / 64],
}

const FILTER_BITS: usize = 1024;

impl Marked {
    pub(super) fn new(mut terms: Vec<u32>) -> Marked {
        terms.sort_unstable();
        terms.dedup();
        let mut filter = [0u64; FILTER_BITS / 64];
        for &term in &terms {
            let bit = term as usize % FILTER_BITS;
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Marked { terms, filter }
    }

    /// Where `term` is among the marked terms, if it is one.
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

impl Search {
    /// A hit: its title and description marked, and its best section.
    pub(super) fn hit(&self, doc: u32, marked: &Marked) -> Hit {
        let page = self.index.doc(doc);
        let mut best: Option<(f32, usize)> = None;
        let columns = marked.terms.len();
        let mut counts = Vec::new();
        self.index.count_in_sections(doc, columns, |t| marked.position(t), &mut counts);
        for (s, section) in page.sections.iter().enumerate() {
            let mut score: f32 = counts[s * columns..][..columns]
                .iter()
                .zip(&marked.terms)
                .filter(|(c, _)| **c > 0)
                .map(|(c, t)| self.index.idf(*t) * (1.0 + (*c as f32).ln()))
                .sum();
            if section.anchor.is_some() {
                for &t in self.index.heading_terms(doc, s) {
                    if marked.position(t).is_some() {
                        score += self.index.idf(t) * 2.0;
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
                let tokens: Vec<Token<'_>> = self.index.section_words(doc, s).collect();
                (link, excerpt(&tokens, marked))
            }
            None => (None, Vec::new()),
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
/// the index) are marked.
fn mark(text: &str, terms: &[u32], marked: &Marked) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut at = 0;
    for (word, &term) in words(text).zip(terms) {
        if marked.position(term).is_some() {
            push_piece(&mut pieces, &text[at..word.start], false);
            push_piece(&mut pieces, word.text, true);
            at = word.end;
        }
    }
    push_piece(&mut pieces, &text[at..], false);
    pieces
}

/// Appends text to the pieces, joining it to the last piece when both are
/// marked or both are not.
fn push_piece(pieces: &mut Vec<Piece>, text: &str, marked: bool) {
    if text.is_empty() {
        return;
    }
    match pieces.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(text),
        _ => pieces.push(Piece { text: text.to_string(), marked }),
    }
}

/// The window of [`EXCERPT_WORDS`] words of a section with the most
/// matched words, starting a little before the first of them.
fn excerpt(section: &[Token<'_>], marked: &Marked) -> Vec<Piece> {
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
    let mut pieces = Vec::new();
    if from > 0 {
        push_piece(&mut pieces, "… ", false);
    }
    for (i, token) in section[from..to].iter().enumerate() {
        push_piece(&mut pieces, token.word, is_match(token));
        let last = from + i + 1 == to;
        if last && to < section.len() {
            push_piece(&mut pieces, " …", false);
        } else if !last {
            // Prose ends each block with a stop, even after a colon.
            if token.gap.contains([':', '\n']) {
                push_piece(&mut pieces, &token.gap.replace(":.", ":").replace('\n', " "), false);
            } else {
                push_piece(&mut pieces, token.gap, false);
            }
        } else {
            push_piece(&mut pieces, token.gap.trim_end(), false);
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::Marked;

    #[test]
    fn marked_terms_are_found_whatever_the_filter_shares() {
        // 5 and 1029 share a filter bit; 6 shares none with the marked.
        let marked = Marked::new(vec![1029, 5, 70_000, 5]);
        assert_eq!(marked.terms, [5, 1029, 70_000]);
        assert_eq!(marked.position(1029), Some(1));
        assert_eq!(marked.position(70_000), Some(2));
        assert_eq!(marked.position(2053), None, "same bit as 5, not marked");
        assert_eq!(marked.position(6), None);
        assert!(marked.has(Some(5)) && !marked.has(None));
    }
}
