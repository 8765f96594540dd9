//! Building the index: pages are added as they are parsed, then numbered
//! in their final order once.

use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::{self, JoinHandle};

use super::{
    B_BODY, B_SHORT, DESCRIPTION_WEIGHT, Doc, HEADING_WEIGHT, Index, NO_TERM, PageText, Posting, Postings,
    SHORT_FIELDS_WEIGHT, Section, TITLE_WEIGHT, decode_postings, push_posting, push_varint,
};
use crate::content::Text;
use crate::search::text::{Stems, WordMap, fold, is_stopword, words};

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
    /// Each word as written, to its number in `Index::surface_texts`: only
    /// needed while building, since results keep their fields' terms.
    surface_ids: WordMap<u32>,
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
        if let Some(&id) = self.surface_ids.get(word) {
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
        let id = self.index.surface_texts.len() as u32;
        self.index.surface_texts.push(word.into());
        self.index.surface_terms.push(term);
        self.surface_ids.insert(word.into(), id);
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

    /// Indexes a short field: its weighted length, and where its words'
    /// terms are kept (`Index::field_terms`).
    fn field(&mut self, text: &str, weight: u32) -> (u32, u32) {
        let at = self.index.field_terms.len();
        self.index.field_terms.push(0);
        let mut len = 0;
        for word in words(text) {
            let id = self.surface(word.text);
            let term = self.index.surface_terms[id as usize];
            self.index.field_terms.push(term);
            len += self.count(term, Some(weight));
        }
        self.index.field_terms[at] = (self.index.field_terms.len() - at - 1) as u32;
        (len, at as u32)
    }

    /// Indexes one page.
    pub fn add(&mut self, page: &PageText<'_>) {
        let doc = self.index.docs.len() as u32;
        let (title_len, title_terms) = self.field(page.title, TITLE_WEIGHT);
        let (description_len, description_terms) = self.field(page.description, DESCRIPTION_WEIGHT);
        let mut short_len = title_len + description_len;
        let mut heading_terms = Vec::with_capacity(page.headings.len());
        for (_, heading, _) in &page.headings {
            let (len, terms) = self.field(heading, HEADING_WEIGHT);
            short_len += len;
            heading_terms.push(terms);
        }
        let section = |i: usize, offset: usize| {
            let (anchor, heading, _) = page.headings[i];
            Section {
                anchor: Some(anchor.into()),
                heading: heading.into(),
                terms: heading_terms[i],
                offset: offset as u32,
            }
        };
        let mut body_len = 0;
        let mut stream = Vec::with_capacity(page.prose.len() / 3);
        let mut sections =
            vec![Section { anchor: None, heading: page.title.into(), terms: title_terms, offset: 0 }];
        let mut next_heading = 0;
        let mut at = 0;
        let mut last: Option<(u32, usize)> = None;
        for word in words(page.prose) {
            if let Some((id, end)) = last {
                self.push_token(&mut stream, id, &page.prose[end..word.start]);
            } else {
                let lead = self.gap(&page.prose[..word.start]);
                push_varint(&mut stream, lead);
            }
            while page.headings.get(next_heading).is_some_and(|&(_, _, start)| start <= word.start) {
                sections.push(section(next_heading, stream.len()));
                next_heading += 1;
            }
            let id = self.surface(word.text);
            body_len += self.count(self.index.surface_terms[id as usize], None);
            last = Some((id, word.end));
            at = word.end;
        }
        match last {
            Some((id, _)) => self.push_token(&mut stream, id, &page.prose[at..]),
            None => push_varint(&mut stream, 0),
        }
        sections.extend((next_heading..page.headings.len()).map(|i| section(i, stream.len())));
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
            description_terms,
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
pub(crate) fn page_text(text: &Text) -> PageText<'_> {
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
            surface_ids: WordMap::default(),
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
        for ((text, &term), count) in index.surface_texts.iter().zip(&index.surface_terms).zip(counts) {
            if term != NO_TERM && text.chars().all(char::is_alphabetic) {
                *vocabulary.entry(fold(text).into_boxed_str()).or_insert(0) += count;
            }
        }
        index.vocabulary = vocabulary.into_iter().collect();
        index.vocabulary.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
        index.field_terms.shrink_to_fit();
        index
    }
}
