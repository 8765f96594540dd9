//! Site search, on the server: no JavaScript, nothing sent elsewhere.
//!
//! Built once at start-up from the articles already parsed for the pages
//! (their title, description, headings and prose; nothing is parsed
//! twice), then only read. A query is cut into words, folded and stemmed
//! like the articles ([`text`]); phrases from the editors' synonyms file
//! ([`synonyms`]) bring in their group; pages are ranked by BM25F with the
//! title and headings above the body ([`index`]); each hit shows its
//! best-matching section with the matched words marked. A word the site
//! does not know gets a "Did you mean" ([`spelling`]), used at once when
//! nothing was found; a query that names an emergency sign ([`signs`])
//! shows the emergency care card first.

mod hit;
pub mod index;
pub mod limits;
pub(crate) mod page;
pub(crate) mod signs;
pub(crate) mod spelling;
pub mod synonyms;
pub(crate) mod text;

use std::borrow::Cow;

use hit::{Marked, Scratch};
use index::{Index, Indexing, PageText};
use signs::Signs;
use synonyms::Synonyms;
use text::{FastMap, Stems, WordMap, fold, is_stopword, words};

use crate::pages::{Chrome, SelfCheckFormPage};
use crate::selfcheck::Questionnaire;

/// The longest query searched, in characters; longer ones are cut.
pub(crate) const MAX_QUERY_CHARS: usize = 200;

/// The most words of a query that are ranked and spell-checked (stopwords
/// not counted): a question to a health site is rarely half as long, and
/// each word costs a pass over its pages. The emergency-sign check still
/// reads every word, so a sign named late is never missed.
pub const MAX_QUERY_WORDS: usize = 10;

/// The most unknown words of one query given a "Did you mean" (the words
/// compared in all are capped too, [`spelling::MAX_COMPARISONS`]).
pub const MAX_SPELLED_WORDS: usize = 3;

/// Hits shown on one results page.
pub const PER_PAGE: usize = 20;

/// How much more a page counts when its title has every word of the query.
const TITLE_MATCH_BOOST: f32 = 1.5;

/// How much a synonym counts next to the reader's own word.
const SYNONYM_WEIGHT: f32 = 0.8;

/// Text as a result shows it, some of its words marked because they
/// matched the query. Titles, descriptions and headings are borrowed from
/// the index; an excerpt is one string. Twenty hits of a search make about
/// eighty of these, so each costs at most one allocation for its text and
/// one for its marks.
#[derive(Debug, Clone, Default)]
pub struct MarkedText<'a> {
    text: Cow<'a, str>,
    /// The byte ranges of `text` that are marked, in order; none touch.
    marks: Vec<(usize, usize)>,
}

/// A run of a [`MarkedText`], marked or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'t> {
    pub text: &'t str,
    pub marked: bool,
}

impl MarkedText<'_> {
    /// Its runs in order, alternating between marked and not.
    pub fn pieces(&self) -> impl Iterator<Item = Piece<'_>> {
        let text = self.text.as_ref();
        let mut at = 0;
        let marks = self.marks.iter().flat_map(move |&(start, end)| {
            let before = Piece { text: &text[at..start], marked: false };
            at = end;
            [before, Piece { text: &text[start..end], marked: true }]
        });
        let last = self.marks.last().map_or(0, |&(_, end)| end);
        marks
            .chain(std::iter::once(Piece { text: &text[last..], marked: false }))
            .filter(|p| !p.text.is_empty())
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// A link to the section of a page that matched best.
#[derive(Debug, Clone)]
pub struct SectionLink<'a> {
    pub href: String,
    pub heading: MarkedText<'a>,
}

/// One page found.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub href: String,
    pub title: MarkedText<'a>,
    pub description: MarkedText<'a>,
    /// `None` when the best match is the text before the first heading, or
    /// only the title and description matched.
    pub section: Option<SectionLink<'a>>,
    pub excerpt: MarkedText<'a>,
}

/// What a query found, and which page of it is shown.
#[derive(Debug, Clone, Default)]
pub struct Found<'a> {
    /// Pages found in all.
    pub total: usize,
    /// The page of results shown, from 1; a page past the last shows the last.
    pub page: usize,
    /// How many pages of results there are (0 when nothing was found).
    pub pages: usize,
    /// The hits of that page, at most [`PER_PAGE`], best first.
    pub hits: Vec<Hit<'a>>,
}

/// Everything the results page shows for a query.
#[derive(Debug, Clone, Default)]
pub struct Answer<'a> {
    /// The query searched (cut to [`MAX_QUERY_CHARS`]).
    pub query: String,
    /// Whether the query was cut.
    pub cut: bool,
    /// Whether only its first [`MAX_QUERY_WORDS`] words were searched.
    pub words_cut: bool,
    /// A corrected query, when a word is unknown.
    pub suggestion: Option<String>,
    /// Whether `found` is for `suggestion`: the query as typed left out a
    /// word nothing matched, and the suggestion found pages.
    pub corrected: bool,
    /// When `corrected`, how many pages the query as typed found.
    pub typed_total: usize,
    /// Whether the query names an emergency sign.
    pub emergency: bool,
    pub found: Found<'a>,
}

/// One thing the reader asked for: their word or phrase, and the synonyms
/// that may stand in for it.
struct Concept {
    /// Each alternative: its terms (all must be on the page) and its weight.
    alternatives: Vec<(Vec<u32>, f32)>,
}

/// A query cut into words.
struct Parsed<'q> {
    words: Vec<text::Word<'q>>,
    folded: Vec<String>,
    stems: Vec<String>,
}

impl Parsed<'_> {
    /// Keeps the words up to the `most`th that is not a stopword; says
    /// whether any were dropped.
    fn keep_words(&mut self, most: usize) -> bool {
        let Some(end) =
            self.folded.iter().enumerate().filter(|(_, f)| !is_stopword(f)).nth(most).map(|(i, _)| i)
        else {
            return false;
        };
        self.words.truncate(end);
        self.folded.truncate(end);
        self.stems.truncate(end);
        true
    }
}

/// The search: index, synonyms, signs, spelling. Immutable once built.
#[derive(Debug)]
pub struct Search {
    index: Index,
    stems: Stems,
    /// Every synonym phrase, with its group.
    phrases: Vec<(synonyms::Phrase, usize)>,
    /// The phrases by their first stem, in order: each word of a query
    /// looks only at the phrases that could start there.
    phrase_starts: WordMap<Vec<usize>>,
    groups: usize,
    signs: Signs,
    /// Words for "Did you mean": the pages' and the synonyms', by length.
    vocabulary: spelling::Vocabulary,
    /// How many searches are answered at once.
    pub limits: limits::Limits,
}

impl Search {
    /// The search over the published articles (indexed while loading, see
    /// [`Indexing`]) and the self-check page. `published` are the articles'
    /// paths in order: drafts shown in watch mode are indexed now.
    pub fn build(
        indexing: Indexing,
        published: &[String],
        questionnaire: &Questionnaire,
        synonyms: &Synonyms,
        chrome: &Chrome,
    ) -> Search {
        let (mut builder, drafts) = indexing.finish();
        let form = SelfCheckFormPage::start(chrome, questionnaire, Default::default());
        let paths: Vec<&str> =
            published.iter().map(String::as_str).chain(std::iter::once(form.head.path.as_str())).collect();
        let shown: std::collections::HashSet<&str> = paths.iter().copied().collect();
        for draft in drafts.iter().filter(|d| shown.contains(d.path.as_str())) {
            builder.add(&index::page_text(draft));
        }
        builder.add(&PageText {
            path: form.head.path.clone(),
            title: &form.head.headline,
            description: &form.head.description,
            headings: Vec::new(),
            prose: "",
        });
        Search::with_index(builder.finish(&paths), synonyms, questionnaire)
    }

    fn with_index(index: Index, synonyms: &Synonyms, questionnaire: &Questionnaire) -> Search {
        let stems = Stems::default();
        let phrases: Vec<(synonyms::Phrase, usize)> = synonyms
            .groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| group.iter().map(move |p| (p.clone(), g)))
            .collect();
        let mut vocabulary = index.vocabulary().to_vec();
        for (phrase, _) in &phrases {
            for word in words(&phrase.written) {
                let folded = fold(word.text);
                if !is_stopword(&folded) && !vocabulary.iter().any(|(w, _)| **w == *folded) {
                    vocabulary.push((folded.into_boxed_str(), 1));
                }
            }
        }
        vocabulary.extend(text::stopwords().iter().map(|w| ((*w).into(), 1)));

        let mut phrase_starts = WordMap::<Vec<usize>>::default();
        for (k, (phrase, _)) in phrases.iter().enumerate() {
            if let Some(first) = phrase.stems.first() {
                phrase_starts.entry(first.as_str().into()).or_default().push(k);
            }
        }
        let signs = Signs::new(questionnaire, &synonyms.emergency, &stems);
        Search {
            index,
            stems,
            phrases,
            phrase_starts,
            groups: synonyms.groups.len(),
            signs,
            vocabulary: spelling::Vocabulary::new(vocabulary),
            limits: Default::default(),
        }
    }

    /// Pages in the index.
    pub fn pages(&self) -> usize {
        self.index.len()
    }

    /// Rough bytes the index holds.
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    /// Answers `query`, showing page `page` (from 1) of the results: cut,
    /// searched, checked for emergency signs, and searched again with the
    /// suggested spelling when a word matched nothing (the results as typed
    /// are for the other words only, so "sore musle" would find "sore").
    pub fn answer(&self, query: &str, page: usize) -> Answer<'_> {
        self.answer_with(query, page, true)
    }

    /// Like [`answer`](Self::answer), but the results are always for the
    /// query as typed (the reader chose "Search for ... instead"); a
    /// suggestion is still offered.
    pub fn answer_as_typed(&self, query: &str, page: usize) -> Answer<'_> {
        self.answer_with(query, page, false)
    }

    fn answer_with(&self, query: &str, page: usize, correct: bool) -> Answer<'_> {
        let trimmed = query.trim();
        let cut = trimmed.chars().count() > MAX_QUERY_CHARS;
        let query: String = trimmed.chars().take(MAX_QUERY_CHARS).collect();
        let mut parsed = self.parse(&query);
        let emergency = self.names_sign(&parsed);
        let words_cut = parsed.keep_words(MAX_QUERY_WORDS);
        let (found, unknown) = self.find(&parsed, page);
        let suggestion = self.correct(&query, &parsed, &unknown);
        drop(parsed);
        let mut answer = Answer { query, cut, words_cut, suggestion, emergency, ..Answer::default() };
        answer.found = found;
        if let Some(suggestion) = answer.suggestion.as_deref().filter(|_| correct) {
            let mut corrected = self.parse(suggestion);
            answer.emergency |= self.names_sign(&corrected);
            corrected.keep_words(MAX_QUERY_WORDS);
            let found = self.find(&corrected, page).0;
            if found.total > 0 {
                answer.typed_total = std::mem::replace(&mut answer.found, found).total;
                answer.corrected = true;
            }
        }
        answer
    }

    fn parse<'q>(&self, query: &'q str) -> Parsed<'q> {
        let words: Vec<text::Word<'q>> = words(query).collect();
        let folded: Vec<String> = words.iter().map(|w| fold(w.text)).collect();
        // A word repeated is stemmed once: stemming is most of parsing, and
        // a long query is often the same few words again.
        let mut seen: FastMap<&str, usize> = FastMap::default();
        let mut stems: Vec<String> = Vec::with_capacity(folded.len());
        for (i, f) in folded.iter().enumerate() {
            let first = *seen.entry(f.as_str()).or_insert(i);
            let stem = if first < i { stems[first].clone() } else { self.stems.stem(f) };
            stems.push(stem);
        }
        Parsed { words, folded, stems }
    }

    fn names_sign(&self, parsed: &Parsed<'_>) -> bool {
        let content: Vec<&str> = parsed
            .folded
            .iter()
            .zip(&parsed.stems)
            .filter(|(f, _)| !is_stopword(f))
            .map(|(_, s)| s.as_str())
            .collect();
        self.signs.named_in(&parsed.stems, &content)
    }

    /// The query's concepts, and the positions of words nothing matched.
    fn concepts(&self, parsed: &Parsed<'_>) -> (Vec<Concept>, Vec<usize>) {
        let terms =
            |stems: &[String]| -> Option<Vec<u32>> { stems.iter().map(|s| self.index.term(s)).collect() };
        let mut concepts = Vec::new();
        let mut unknown = Vec::new();
        let mut seen_groups = vec![false; self.groups];
        let mut i = 0;
        while i < parsed.stems.len() {
            let rest = &parsed.stems[i..];
            let matched = self
                .phrase_starts
                .get(rest[0].as_str())
                .into_iter()
                .flatten()
                .map(|&k| &self.phrases[k])
                .filter(|(p, _)| rest.starts_with(&p.stems) && !p.content.is_empty())
                .max_by_key(|(p, _)| p.stems.len());
            if let Some((phrase, group)) = matched {
                if !seen_groups[*group] {
                    seen_groups[*group] = true;
                    let alternatives: Vec<(Vec<u32>, f32)> = self
                        .phrases
                        .iter()
                        .filter(|(_, g)| g == group)
                        .filter_map(|(p, _)| {
                            let weight = if p.stems == phrase.stems { 1.0 } else { SYNONYM_WEIGHT };
                            terms(&p.content).map(|t| (t, weight))
                        })
                        .collect();
                    if alternatives.is_empty() {
                        unknown.extend(i..i + phrase.stems.len());
                    } else {
                        concepts.push(Concept { alternatives });
                    }
                }
                i += phrase.stems.len();
                continue;
            }
            if !is_stopword(&parsed.folded[i]) {
                match self.index.term(&parsed.stems[i]) {
                    Some(term) => {
                        if !concepts.iter().any(|c| c.alternatives.iter().any(|(t, _)| t == &[term])) {
                            concepts.push(Concept { alternatives: vec![(vec![term], 1.0)] });
                        }
                    }
                    None => unknown.push(i),
                }
            }
            i += 1;
        }
        (concepts, unknown)
    }

    /// Ranks the pages for a parsed query and keeps page `page` of them;
    /// also returns the unknown words.
    fn find(&self, parsed: &Parsed<'_>, page: usize) -> (Found<'_>, Vec<usize>) {
        let (concepts, unknown) = self.concepts(parsed);
        if concepts.is_empty() {
            return (Found::default(), unknown);
        }
        let n = self.index.len();
        let mut total = vec![0f32; n];
        let mut matched = vec![0u16; n];
        let mut alt_scores = vec![0f32; n];
        let mut alt_counts = vec![0u16; n];
        let mut best = vec![0f32; n];
        for concept in &concepts {
            best.fill(0.0);
            for (terms, weight) in &concept.alternatives {
                alt_scores.fill(0.0);
                alt_counts.fill(0);
                for &term in terms {
                    self.index.score_term(term, *weight, &mut alt_scores, &mut alt_counts);
                }
                for d in 0..n {
                    if usize::from(alt_counts[d]) == terms.len() && alt_scores[d] > best[d] {
                        best[d] = alt_scores[d];
                    }
                }
            }
            for d in 0..n {
                if best[d] > 0.0 {
                    total[d] += best[d];
                    matched[d] += 1;
                }
            }
        }
        let all = concepts.len() as f32;
        let mut ranked: Vec<(u32, f32)> = (0..n)
            .filter(|&d| matched[d] > 0)
            .map(|d| {
                let coverage = f32::from(matched[d]) / all;
                (d as u32, total[d] * coverage * coverage)
            })
            .collect();
        let count = ranked.len();
        // A title that has every concept is what the reader is looking for:
        // among the strongest candidates, those rise.
        let candidates = (PER_PAGE * 3).min(count);
        if candidates > 0 && candidates < count {
            ranked.select_nth_unstable_by(candidates - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        for (doc, score) in &mut ranked[..candidates] {
            let title = self.index.heading_terms(*doc, 0);
            let covered = concepts
                .iter()
                .all(|c| c.alternatives.iter().any(|(terms, _)| terms.iter().all(|t| title.contains(t))));
            if covered {
                *score *= TITLE_MATCH_BOOST;
            }
        }
        // Every page of results ranks the same way, so page 2 starts where
        // page 1 ended: the boost above applies to the same candidates.
        let pages = count.div_ceil(PER_PAGE);
        let page = page.clamp(1, pages.max(1));
        let shown = (page * PER_PAGE).min(count);
        if shown > 0 && shown < count {
            ranked.select_nth_unstable_by(shown - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.truncate(shown);
        }
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.drain(..(page - 1) * PER_PAGE);
        let marked = Marked::new(
            concepts
                .iter()
                .flat_map(|c| c.alternatives.iter().flat_map(|(t, _)| t.iter().copied()))
                .collect(),
            &self.index,
        );
        let mut scratch = Scratch::default();
        let hits = ranked.iter().map(|&(doc, _)| self.hit(doc, &marked, &mut scratch)).collect();
        (Found { total: count, page, pages, hits }, unknown)
    }

    /// The query with each unknown word (the first [`MAX_SPELLED_WORDS`])
    /// replaced by its closest known word, if any word has one.
    fn correct(&self, query: &str, parsed: &Parsed<'_>, unknown: &[usize]) -> Option<String> {
        let mut out = String::new();
        let mut at = 0;
        let mut changed = false;
        let mut budget = spelling::Budget::default();
        for &i in unknown.iter().take(MAX_SPELLED_WORDS) {
            if let Some(word) = spelling::suggest(&parsed.folded[i], &self.vocabulary, &mut budget) {
                let w = &parsed.words[i];
                out.push_str(&query[at..w.start]);
                out.push_str(word);
                at = w.end;
                changed = true;
            }
        }
        out.push_str(&query[at..]);
        changed.then_some(out)
    }
}
