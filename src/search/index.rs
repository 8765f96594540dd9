//! The inverted index: stems -> pages, BM25F scores, and each page's text
//! kept compactly for finding the best section and its excerpt.
//!
//! Memory matters at 10,000 articles, so the body text is not kept as
//! strings: every distinct word form is stored once, and each page keeps
//! its text as a stream of varint word numbers (most take one or two
//! bytes), with the punctuation between words stored the same way. That
//! stream is also the forward index used to score sections.

use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::{self, JoinHandle};

use super::text::{Stems, WordMap, fold, is_stopword, words};
use crate::content::Text;

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
    pub headings: Vec<(&'a str, &'a str, usize)>,
    /// The body as plain text.
    pub prose: &'a str,
}

/// One section of a page.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading's id; `None` for the text before the first heading.
    pub anchor: Option<Box<str>>,
    pub heading: Box<str>,
    /// The first token of the section in the page's stream.
    start: u32,
}

/// One indexed page.
#[derive(Debug, Clone)]
pub struct Doc {
    pub path: Box<str>,
    pub title: Box<str>,
    pub description: Box<str>,
    pub sections: Box<[Section]>,
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

#[derive(Debug, Clone)]
struct Surface {
    text: Box<str>,
    term: u32,
}

/// The whole index, immutable once built.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<Doc>,
    terms: WordMap<u32>,
    postings: Vec<Postings>,
    surfaces: Vec<Surface>,
    surface_ids: WordMap<u32>,
    gaps: Vec<Box<str>>,
    /// Each page's BM25F length factors, made once (the short fields'
    /// weight over their length norm, and one over the body's): scoring
    /// reads 8 bytes a page from one array instead of each page's record.
    norms: Vec<[f32; 2]>,
    /// Folded word -> how often it appears, for spelling suggestions.
    vocabulary: Vec<(Box<str>, u32)>,
}

/// A token of a page's body, decoded.
#[derive(Debug, Clone, Copy)]
pub struct Token<'i> {
    pub word: &'i str,
    pub term: Option<u32>,
    /// What follows the word up to the next one.
    pub gap: &'i str,
}

/// An index being built: pages are added in any order, and
/// [`finish`](Builder::finish) puts them in the order results should break
/// ties in. Start-up adds each article as it is parsed, on a thread of its
/// own beside the parsing ones (`Indexing`).
pub struct Builder {
    index: Index,
    /// Per term, its pages in the order they were added, encoded as
    /// [`Postings`] are (renumbered when finishing), and the last page
    /// added: at 10,000 articles a `Vec<Posting>` per term held about 40 MB
    /// more while loading, when memory peaks.
    postings: Vec<(Vec<u8>, u32)>,
    gap_ids: WordMap<u32>,
    counts: Vec<u32>,
    stems: Stems,
    /// Per term, scratch: weighted counts in the page being added, in the
    /// short fields and in the body.
    scratch: Vec<(u32, u32)>,
    touched: Vec<u32>,
}

impl Builder {
    fn surface(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.index.surface_ids.get(word) {
            self.counts[id as usize] += 1;
            return id;
        }
        let folded = fold(word);
        let term = if is_stopword(&folded) {
            NO_TERM
        } else {
            let stem = self.stems.stem(&folded);
            let next = self.index.terms.len() as u32;
            *self.index.terms.entry(stem.into_boxed_str()).or_insert(next)
        };
        if term as usize == self.postings.len() {
            self.postings.push((Vec::new(), 0));
            self.scratch.push((0, 0));
        }
        let id = self.index.surfaces.len() as u32;
        self.index.surfaces.push(Surface { text: word.into(), term });
        self.index.surface_ids.insert(word.into(), id);
        self.counts.push(1);
        id
    }

    fn gap(&mut self, gap: &str) -> u32 {
        if let Some(&id) = self.gap_ids.get(gap) {
            return id;
        }
        let id = self.index.gaps.len() as u32;
        self.index.gaps.push(gap.into());
        self.gap_ids.insert(gap.into(), id);
        id
    }

    /// Counts a word; `weight` is `None` for the body. Returns its weight
    /// for the field's length.
    fn count(&mut self, term: u32, weight: Option<u32>) -> u32 {
        if term == NO_TERM {
            return 0;
        }
        let slot = &mut self.scratch[term as usize];
        if *slot == (0, 0) {
            self.touched.push(term);
        }
        match weight {
            Some(w) => {
                slot.0 += w;
                w
            }
            None => {
                slot.1 += 1;
                1
            }
        }
    }

    fn field(&mut self, text: &str, weight: u32) -> u32 {
        let mut len = 0;
        for word in words(text) {
            let id = self.surface(word.text);
            len += self.count(self.index.surfaces[id as usize].term, Some(weight));
        }
        len
    }

    /// Indexes one page.
    pub fn add(&mut self, page: &PageText<'_>) {
        let doc = self.index.docs.len() as u32;
        let mut short_len =
            self.field(page.title, TITLE_WEIGHT) + self.field(page.description, DESCRIPTION_WEIGHT);
        for (_, heading, _) in &page.headings {
            short_len += self.field(heading, HEADING_WEIGHT);
        }
        let mut body_len = 0;
        let mut stream = Vec::with_capacity(page.prose.len() / 3);
        let mut sections = vec![Section { anchor: None, heading: page.title.into(), start: 0 }];
        let mut next_heading = 0;
        let mut tokens = 0u32;
        let mut at = 0;
        let mut last: Option<(u32, usize)> = None;
        for word in words(page.prose) {
            if let Some((id, end)) = last {
                self.push_token(&mut stream, id, &page.prose[end..word.start]);
            } else {
                let lead = self.gap(&page.prose[..word.start]);
                push_varint(&mut stream, lead);
            }
            while let Some(&(anchor, heading, start)) = page.headings.get(next_heading) {
                if start > word.start {
                    break;
                }
                sections.push(Section {
                    anchor: Some(anchor.into()),
                    heading: heading.into(),
                    start: tokens,
                });
                next_heading += 1;
            }
            let id = self.surface(word.text);
            body_len += self.count(self.index.surfaces[id as usize].term, None);
            last = Some((id, word.end));
            tokens += 1;
            at = word.end;
        }
        match last {
            Some((id, _)) => self.push_token(&mut stream, id, &page.prose[at..]),
            None => push_varint(&mut stream, 0),
        }
        for &(anchor, heading, _) in &page.headings[next_heading..] {
            sections.push(Section { anchor: Some(anchor.into()), heading: heading.into(), start: tokens });
        }
        for term in self.touched.drain(..) {
            let (short, body) = std::mem::take(&mut self.scratch[term as usize]);
            let (bytes, last) = &mut self.postings[term as usize];
            let posting = Posting {
                doc,
                short: short.min(u32::from(u8::MAX)) as u8,
                body: body.min(u32::from(u16::MAX)) as u16,
            };
            push_posting(bytes, last, posting);
        }
        stream.shrink_to_fit();
        self.index.docs.push(Doc {
            path: page.path.as_str().into(),
            title: page.title.into(),
            description: page.description.into(),
            sections: sections.into_boxed_slice(),
            short_len,
            body_len,
            stream: stream.into_boxed_slice(),
        });
    }

    fn push_token(&mut self, stream: &mut Vec<u8>, id: u32, gap: &str) {
        if gap == " " {
            push_varint(stream, id << 1);
        } else {
            let gap = self.gap(gap);
            push_varint(stream, (id << 1) | 1);
            push_varint(stream, gap);
        }
    }
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
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

/// The articles' index, built on a thread of its own while the loading
/// threads parse: each sends an article's [`Text`] as soon as it is parsed
/// and keeps none of its prose. Drafts are held back unindexed, in case
/// watch mode shows them.
#[derive(Debug)]
pub struct Indexing {
    thread: JoinHandle<(Builder, Vec<Text>)>,
}

/// Texts waiting for the indexing thread: enough to keep it busy, few
/// enough that the loaders wait rather than pile prose up in memory.
const WAITING_TEXTS: usize = 256;

impl Indexing {
    /// Starts the thread; it ends once the sender is dropped and every text
    /// sent has been indexed.
    pub fn start() -> (Indexing, SyncSender<Text>) {
        let (sender, receiver) = sync_channel::<Text>(WAITING_TEXTS);
        let thread = thread::spawn(move || {
            let mut builder = Builder::default();
            let mut drafts = Vec::new();
            for text in receiver {
                if text.draft {
                    drafts.push(text);
                } else {
                    builder.add(&page_text(&text));
                }
            }
            (builder, drafts)
        });
        (Indexing { thread }, sender)
    }

    /// Waits for the thread: the builder with every published article, and
    /// the drafts' texts.
    pub fn finish(self) -> (Builder, Vec<Text>) {
        self.thread.join().expect("indexing does not panic")
    }
}

/// An article's text as a page to index.
pub fn page_text(text: &Text) -> PageText<'_> {
    PageText {
        path: text.path.clone(),
        title: &text.title,
        description: &text.description,
        headings: text
            .headings
            .iter()
            .map(|(id, heading, at)| (id.as_str(), heading.as_str(), *at))
            .collect(),
        prose: &text.prose,
    }
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Builder({} pages)", self.index.docs.len())
    }
}

impl Default for Builder {
    fn default() -> Self {
        let mut builder = Builder {
            index: Index::default(),
            postings: Vec::new(),
            gap_ids: WordMap::default(),
            counts: Vec::new(),
            stems: Stems::default(),
            scratch: Vec::new(),
            touched: Vec::new(),
        };
        builder.gap(" ");
        builder
    }
}

impl Builder {
    /// The index of the pages added, numbered in the order of `paths` (the
    /// order equal scores keep); a page whose path is not listed is left out.
    pub fn finish(self, paths: &[&str]) -> Index {
        let Builder { mut index, postings, counts, .. } = self;
        let position: WordMap<u32> =
            paths.iter().enumerate().map(|(i, path)| ((*path).into(), i as u32)).collect();
        let renumber: Vec<Option<u32>> = index.docs.iter().map(|d| position.get(&d.path).copied()).collect();
        let mut docs: Vec<(u32, Doc)> = std::mem::take(&mut index.docs)
            .into_iter()
            .zip(&renumber)
            .filter_map(|(doc, new)| new.map(|n| (n, doc)))
            .collect();
        docs.sort_by_key(|(n, _)| *n);
        index.docs = docs.into_iter().map(|(_, doc)| doc).collect();
        // Numbers follow `paths`; pages not added leave no gap.
        let mut dense = vec![0u32; paths.len()];
        let mut present: Vec<u32> = renumber.iter().flatten().copied().collect();
        present.sort_unstable();
        for (i, n) in present.iter().enumerate() {
            dense[*n as usize] = i as u32;
        }
        index.postings = postings
            .into_iter()
            .map(|(bytes, _)| {
                let mut list: Vec<Posting> = decode_postings(&bytes)
                    .filter_map(|p| renumber[p.doc as usize].map(|n| Posting { doc: dense[n as usize], ..p }))
                    .collect();
                list.sort_unstable_by_key(|p| p.doc);
                Postings::encode(&list)
            })
            .collect();
        let pages = index.docs.len().max(1) as f32;
        let short: u64 = index.docs.iter().map(|d| u64::from(d.short_len)).sum();
        let body: u64 = index.docs.iter().map(|d| u64::from(d.body_len)).sum();
        let avg_short = (short as f32 / pages).max(1.0);
        let avg_body = (body as f32 / pages).max(1.0);
        index.norms = index
            .docs
            .iter()
            .map(|d| {
                let short_norm = 1.0 - B_SHORT + B_SHORT * d.short_len as f32 / avg_short;
                let body_norm = 1.0 - B_BODY + B_BODY * d.body_len as f32 / avg_body;
                [SHORT_FIELDS_WEIGHT / short_norm, 1.0 / body_norm]
            })
            .collect();
        let mut vocabulary = WordMap::<u32>::default();
        for (surface, count) in index.surfaces.iter().zip(counts) {
            if surface.term != NO_TERM && surface.text.chars().all(char::is_alphabetic) {
                *vocabulary.entry(fold(&surface.text).into_boxed_str()).or_insert(0) += count;
            }
        }
        index.vocabulary = vocabulary.into_iter().collect();
        index.vocabulary.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
        index
    }
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

    /// The term of a word as written, using the forms seen at start-up so
    /// no stemming is needed; `None` for stopwords and unseen words.
    pub fn term_of_word(&self, word: &str, stems: &Stems) -> Option<u32> {
        let term = match self.surface_ids.get(word) {
            Some(&id) => self.surfaces[id as usize].term,
            None => {
                let folded = fold(word);
                if is_stopword(&folded) {
                    return None;
                }
                return self.term(&stems.stem(&folded));
            }
        };
        (term != NO_TERM).then_some(term)
    }

    /// Inverse document frequency (BM25's, never negative).
    pub fn idf(&self, term: u32) -> f32 {
        let n = self.docs.len() as f32;
        let df = self.postings[term as usize].count as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// Adds `weight` x the BM25F score of `term` to `scores` for every page
    /// that has it, and counts it in `hits`.
    pub fn score_term(&self, term: u32, weight: f32, scores: &mut [f32], hits: &mut [u16]) {
        let idf = self.idf(term) * weight;
        for Posting { doc, short, body } in self.postings[term as usize].iter() {
            let [short_factor, body_factor] = self.norms[doc as usize];
            let tf = f32::from(short) * short_factor + f32::from(body) * body_factor;
            scores[doc as usize] += idf * tf * (K1 + 1.0) / (tf + K1);
            hits[doc as usize] += 1;
        }
    }

    /// The body of a page, token by token.
    pub fn tokens(&self, doc: u32) -> Vec<Token<'_>> {
        let stream = &self.docs[doc as usize].stream;
        let mut at = 0;
        let _lead = read_varint(stream, &mut at);
        let mut tokens = Vec::with_capacity(stream.len() / 2);
        while at < stream.len() {
            let code = read_varint(stream, &mut at);
            let gap = if code & 1 == 1 { read_varint(stream, &mut at) } else { 0 };
            let surface = &self.surfaces[(code >> 1) as usize];
            tokens.push(Token {
                word: &surface.text,
                term: (surface.term != NO_TERM).then_some(surface.term),
                gap: &self.gaps[gap as usize],
            });
        }
        tokens
    }

    /// Token ranges of each section of a page.
    pub fn section_ranges(&self, doc: u32, tokens: usize) -> Vec<(usize, usize)> {
        let sections = &self.docs[doc as usize].sections;
        sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let end = sections.get(i + 1).map_or(tokens, |n| n.start as usize);
                ((s.start as usize).min(end), end)
            })
            .collect()
    }

    /// Every indexed word, folded, with how often it appears, shortest first.
    pub fn vocabulary(&self) -> &[(Box<str>, u32)] {
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
        let words: usize = self.surfaces.iter().map(|s| s.text.len() * 2 + 40).sum::<usize>()
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
        let tokens = index.tokens(0);
        let text: String = tokens.iter().map(|t| format!("{}{}", t.word, t.gap)).collect();
        assert_eq!(text, "Knots” hurt, often.\nRest helps a knot.");
        assert_eq!(index.section_ranges(0, tokens.len()), [(0, 3), (3, 7)]);
        assert_eq!(index.doc(0).sections[1].anchor.as_deref(), Some("rest"));
        assert_eq!(tokens[0].term, tokens[6].term, "Knots and knot share a stem");
        assert_eq!(tokens[5].term, None, "a is a stopword");
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
