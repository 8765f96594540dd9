//! The inverted index: stems -> pages, BM25F scores, and each page's text
//! kept compactly for finding the best section and its excerpt.
//!
//! Memory matters at 10,000 articles, so the body text is not kept as
//! strings: every distinct word form is stored once, and each page keeps
//! its text as a stream of varint word numbers (most take one or two
//! bytes), with the punctuation between words stored the same way. That
//! stream is also the forward index used to score sections.

mod builder;

pub(crate) use builder::page_text;
pub use builder::{Builder, Indexing};

use super::text::WordMap;

/// A surface word that is a stopword has no term.
const NO_TERM: u32 = u32::MAX;

/// Weights within the short fields (title, description, headings), which
/// are scored together as one field beside the body (BM25F).
const TITLE_WEIGHT: u32 = 3;
const HEADING_WEIGHT: u32 = 2;
const DESCRIPTION_WEIGHT: u32 = 1;
/// What one weighted word of the short fields is worth in body words.
const SHORT_FIELDS_WEIGHT: f32 = 2.0;

/// BM25F parameters: the usual k1 and body b; short fields are normalised
/// for length only a little, so a page with few headings gains little.
const K1: f32 = 1.2;
const B_BODY: f32 = 0.75;
const B_SHORT: f32 = 0.3;

/// A page to index.
#[derive(Debug, Clone)]
pub struct PageText<'a> {
    pub path: String,
    pub title: &'a str,
    pub description: &'a str,
    /// The h2/h3 headings: anchor id, text, and where the section starts in `prose`.
    pub(crate) headings: Vec<(&'a str, &'a str, usize)>,
    /// The body as plain text.
    pub prose: &'a str,
}

/// One section of a page.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    /// The heading's id; `None` for the text before the first heading.
    pub(crate) anchor: Option<Box<str>>,
    pub heading: Box<str>,
    /// Where its heading's terms are (`Index::field_terms`).
    terms: u32,
    /// Where the section's first word is in the page's stream, in bytes.
    offset: u32,
}

/// One indexed page.
#[derive(Debug, Clone)]
pub struct Doc {
    pub path: Box<str>,
    pub title: Box<str>,
    pub description: Box<str>,
    /// Where its description's terms are (`Index::field_terms`).
    description_terms: u32,
    pub(crate) sections: Box<[Section]>,
    /// Indexed words (weighted) in the short fields and in the body, for
    /// length normalisation.
    short_len: u32,
    body_len: u32,
    /// The body: see the module comment.
    stream: Box<[u8]>,
}

/// The pages a term is on, in page order, as varints: the gap from the
/// previous page, then the body frequency times two, plus one when the
/// short fields have the term too, then (only then) their weighted count.
/// About 2 bytes a page instead of 7 for three parallel vectors: at 10,000
/// articles the postings are the index's largest part after the text.
#[derive(Debug, Clone, Default)]
struct Postings {
    /// Pages that have the term.
    count: u32,
    bytes: Box<[u8]>,
}

/// One page of a term's postings, decoded.
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    /// Weighted term frequency in the short fields.
    short: u8,
    /// Term frequency in the body.
    body: u16,
}

impl Postings {
    fn encode(postings: &[Posting]) -> Postings {
        let mut bytes = Vec::with_capacity(postings.len() * 2);
        let mut last = 0;
        for &p in postings {
            push_posting(&mut bytes, &mut last, p);
        }
        Postings { count: postings.len() as u32, bytes: bytes.into_boxed_slice() }
    }

    fn iter(&self) -> impl Iterator<Item = Posting> + '_ {
        decode_postings(&self.bytes)
    }
}

/// Appends `p` to `bytes`, whose last page was `last` (pages only grow).
fn push_posting(bytes: &mut Vec<u8>, last: &mut u32, p: Posting) {
    push_varint(bytes, p.doc - *last);
    *last = p.doc;
    push_varint(bytes, (u32::from(p.body) << 1) | u32::from(p.short > 0));
    if p.short > 0 {
        bytes.push(p.short);
    }
}

/// The pages [`push_posting`] wrote into `bytes`.
fn decode_postings(bytes: &[u8]) -> impl Iterator<Item = Posting> + '_ {
    let (mut at, mut doc) = (0, 0);
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        doc += read_varint(bytes, &mut at);
        let code = read_varint(bytes, &mut at);
        let short = if code & 1 == 1 {
            at += 1;
            bytes[at - 1]
        } else {
            0
        };
        Some(Posting { doc, short, body: (code >> 1).min(u32::from(u16::MAX)) as u16 })
    })
}

/// The whole index, immutable once built.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<Doc>,
    terms: WordMap<u32>,
    postings: Vec<Postings>,
    /// Every word as written in a body or a field, by number, and its
    /// term ([`NO_TERM`] for a stopword): two arrays, so that scoring a
    /// page's sections reads only the small one.
    surface_texts: Vec<Box<str>>,
    surface_terms: Vec<u32>,
    gaps: Vec<Box<str>>,
    /// The term of each word of every title, description and heading
    /// ([`NO_TERM`] for a stopword), each field as its number of words and
    /// then its terms: results score and mark them without looking words up.
    field_terms: Vec<u32>,
    /// Each page's BM25F length factors, made once (the short fields'
    /// weight over their length norm, and one over the body's): scoring
    /// reads 8 bytes a page from one array instead of each page's record.
    norms: Vec<[f32; 2]>,
    /// Folded word -> how often it appears, for spelling suggestions.
    vocabulary: Vec<(Box<str>, u32)>,
}

/// A token of a page's body, decoded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'i> {
    pub word: &'i str,
    pub term: Option<u32>,
    /// What follows the word up to the next one.
    pub(crate) gap: &'i str,
}

/// A stretch of a page's body, decoded a word at a time.
pub(crate) struct Words<'i> {
    index: &'i Index,
    stream: &'i [u8],
    at: usize,
}

impl<'i> Iterator for Words<'i> {
    type Item = Token<'i>;

    fn next(&mut self) -> Option<Token<'i>> {
        if self.at >= self.stream.len() {
            return None;
        }
        let (surface, gap) = next_word(self.stream, &mut self.at);
        let term = self.index.surface_terms[surface];
        Some(Token {
            word: &self.index.surface_texts[surface],
            term: (term != NO_TERM).then_some(term),
            gap: &self.index.gaps[gap as usize],
        })
    }
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The word at `at` in a page's stream: its surface number and its gap's
/// (0, one space, unless the word's code says another follows).
fn next_word(stream: &[u8], at: &mut usize) -> (usize, u32) {
    let code = read_varint(stream, at);
    let gap = if code & 1 == 1 { read_varint(stream, at) } else { 0 };
    ((code >> 1) as usize, gap)
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    // Most numbers in a stream take one byte.
    if let Some(&b) = bytes.get(*at)
        && b < 0x80
    {
        *at += 1;
        return u32::from(b);
    }
    let mut n = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        n |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    n
}

impl Index {
    /// Indexes `pages`, whose order is kept for equal scores.
    pub fn build<'a>(pages: impl IntoIterator<Item = PageText<'a>>) -> Index {
        let mut builder = Builder::default();
        let mut paths = Vec::new();
        for page in pages {
            builder.add(&page);
            paths.push(page.path);
        }
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        builder.finish(&paths)
    }

    /// Number of pages.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn doc(&self, doc: u32) -> &Doc {
        &self.docs[doc as usize]
    }

    /// The term of a stem, if any page has it.
    pub fn term(&self, stem: &str) -> Option<u32> {
        self.terms.get(stem).copied()
    }

    /// The term of each word of the heading of section `section` of a page
    /// (section 0's is the page's title), in order; a stopword's is
    /// [`NO_TERM`], which no query has.
    pub(crate) fn heading_terms(&self, doc: u32, section: usize) -> &[u32] {
        self.field_terms(self.docs[doc as usize].sections[section].terms)
    }

    /// The term of each word of a page's description, as
    /// [`heading_terms`](Self::heading_terms).
    pub(crate) fn description_terms(&self, doc: u32) -> &[u32] {
        self.field_terms(self.docs[doc as usize].description_terms)
    }

    fn field_terms(&self, at: u32) -> &[u32] {
        let at = at as usize;
        &self.field_terms[at + 1..][..self.field_terms[at] as usize]
    }

    /// Inverse document frequency (BM25's, never negative).
    pub(crate) fn idf(&self, term: u32) -> f32 {
        let n = self.docs.len() as f32;
        let df = self.postings[term as usize].count as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// Adds `weight` x the BM25F score of `term` to `scores` for every page
    /// that has it, and counts it in `hits`.
    pub(crate) fn score_term(&self, term: u32, weight: f32, scores: &mut [f32], hits: &mut [u16]) {
        let idf = self.idf(term) * weight;
        for Posting { doc, short, body } in self.postings[term as usize].iter() {
            let [short_factor, body_factor] = self.norms[doc as usize];
            let tf = f32::from(short) * short_factor + f32::from(body) * body_factor;
            scores[doc as usize] += idf * tf * (K1 + 1.0) / (tf + K1);
            hits[doc as usize] += 1;
        }
    }

    /// The body of section `section` of a page, word by word, read from
    /// the page's stream as it goes.
    pub(crate) fn section_words(&self, doc: u32, section: usize) -> Words<'_> {
        let doc = &self.docs[doc as usize];
        let stream = &doc.stream;
        let mut lead = 0;
        let _lead_gap = read_varint(stream, &mut lead);
        let end = doc.sections.get(section + 1).map_or(stream.len(), |next| next.offset as usize);
        let at = (doc.sections[section].offset as usize).max(lead).min(end);
        Words { index: self, stream: &stream[..end], at }
    }

    /// Counts the words of each section of a page whose term `which` gives
    /// a column: `counts[section * columns + column]`. One pass over the
    /// stream that decodes no word: every hit of a search does this.
    pub(crate) fn count_in_sections(
        &self,
        doc: u32,
        columns: usize,
        which: impl Fn(u32) -> Option<usize>,
        counts: &mut Vec<u32>,
    ) {
        let Doc { stream, sections, .. } = &self.docs[doc as usize];
        counts.clear();
        counts.resize(sections.len() * columns, 0);
        let start = |s: usize| sections.get(s).map_or(usize::MAX, |next| next.offset as usize);
        let mut at = 0;
        let _lead_gap = read_varint(stream, &mut at);
        let (mut section, mut next) = (0, start(1));
        while at < stream.len() {
            while at >= next {
                section += 1;
                next = start(section + 1);
            }
            let (surface, _) = next_word(stream, &mut at);
            if let Some(column) = which(self.surface_terms[surface]) {
                counts[section * columns + column] += 1;
            }
        }
    }

    /// Every indexed word, folded, with how often it appears, shortest first.
    pub(crate) fn vocabulary(&self) -> &[(Box<str>, u32)] {
        &self.vocabulary
    }

    /// Rough bytes held, for the benchmark's report.
    pub fn heap_bytes(&self) -> usize {
        let docs: usize = self
            .docs
            .iter()
            .map(|d| {
                d.stream.len()
                    + d.path.len()
                    + d.title.len()
                    + d.description.len()
                    + d.sections
                        .iter()
                        .map(|s| {
                            std::mem::size_of::<Section>()
                                + s.heading.len()
                                + s.anchor.as_ref().map_or(0, |a| a.len())
                        })
                        .sum::<usize>()
                    + std::mem::size_of::<Doc>()
            })
            .sum();
        let postings: usize =
            self.postings.iter().map(|p| p.bytes.len() + std::mem::size_of::<Postings>()).sum();
        let words: usize = self.surface_texts.iter().map(|s| s.len() + 20).sum::<usize>()
            + self.field_terms.len() * 4
            + self.terms.keys().map(|k| k.len() + 24).sum::<usize>()
            + self.vocabulary.iter().map(|(w, _)| w.len() + 24).sum::<usize>();
        docs + postings + words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page<'a>(
        path: &str,
        title: &'a str,
        prose: &'a str,
        headings: Vec<(&'a str, &'a str, usize)>,
    ) -> PageText<'a> {
        PageText { path: path.into(), title, description: "", headings, prose }
    }

    #[test]
    fn the_stream_gives_back_the_text_and_its_sections() {
        let prose = "“Knots” hurt, often.\nRest helps a knot.";
        let index =
            Index::build([page("/a", "A", prose, vec![("rest", "Rest", prose.find("Rest").unwrap())])]);
        let text = |s| index.section_words(0, s).map(|t| format!("{}{}", t.word, t.gap)).collect::<String>();
        assert_eq!(text(0), "Knots” hurt, often.\n");
        assert_eq!(text(1), "Rest helps a knot.");
        assert_eq!(index.doc(0).sections[1].anchor.as_deref(), Some("rest"));
        let tokens: Vec<Token<'_>> = (0..2).flat_map(|s| index.section_words(0, s)).collect();
        assert_eq!(tokens.len(), 7);
        assert_eq!(tokens[0].term, tokens[6].term, "Knots and knot share a stem");
        assert_eq!(tokens[5].term, None, "a is a stopword");
        let (knot, rest) = (tokens[0].term.unwrap(), tokens[3].term.unwrap());
        let mut counts = Vec::new();
        let column = |t| [knot, rest].iter().position(|&c| c == t);
        index.count_in_sections(0, 2, column, &mut counts);
        assert_eq!(counts, [1, 0, 1, 1], "per section: knot, rest");
    }

    #[test]
    fn title_words_outweigh_body_words() {
        let index = Index::build([
            page("/a", "Foam rolling", "Some words about stretching and more.", vec![]),
            page("/b", "Stretching", "Some words about foam and more.", vec![]),
        ]);
        let term = index.term("foam").unwrap();
        let mut scores = vec![0.0; 2];
        let mut hits = vec![0; 2];
        index.score_term(term, 1.0, &mut scores, &mut hits);
        assert!(scores[0] > scores[1], "{scores:?}");
        assert_eq!(hits, [1, 1]);
    }

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, 16_384, u32::MAX] {
            push_varint(&mut out, n);
        }
        let mut at = 0;
        let back: Vec<u32> = (0..7).map(|_| read_varint(&out, &mut at)).collect();
        assert_eq!(back, [0, 1, 127, 128, 300, 16_384, u32::MAX]);
    }
}
