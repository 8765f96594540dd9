//! Words: how text is cut into words, folded and stemmed, the same way for
//! the articles and for what a reader types.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common to tell pages apart. They stay in excerpts but are not
/// indexed, and a query of nothing else finds nothing.
const STOPWORDS: [&str; 64] = [
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but",
    "by", "can", "did", "do", "does", "for", "from", "get", "had", "has", "have", "how", "i", "if", "in",
    "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "where",
    "which", "who", "why", "will", "with", "you",
];

/// One word of a text: where it is and its folded (lowercase) form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word<'t> {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// As written.
    pub text: &'t str,
}

/// Cuts text into words: runs of letters and digits. An apostrophe between
/// two letters stays inside the word ("don't"), so it is not two words.
pub(crate) fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            let inner_apostrophe = (c == '\'' || c == '’')
                && text[i + c.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric);
            if c.is_alphanumeric() || inner_apostrophe {
                chars.next();
            } else {
                end = i;
                break;
            }
        }
        Some(Word { start, end, text: &text[start..end] })
    })
}

/// Lowercase, without apostrophes: "Don’t" and "dont" are one word.
pub(crate) fn fold(word: &str) -> String {
    word.chars().filter(|c| *c != '\'' && *c != '’').flat_map(char::to_lowercase).collect()
}

/// The stopwords, for spelling suggestions ("aftr" is "after").
pub(crate) fn stopwords() -> &'static [&'static str] {
    &STOPWORDS
}

/// Whether a folded word is too common to index.
pub(crate) fn is_stopword(folded: &str) -> bool {
    STOPWORDS.binary_search(&folded).is_ok()
}

/// The English (Porter 2) stemmer: "massaging" and "massages" are "massag".
pub(crate) struct Stems {
    stemmer: Stemmer,
}

impl Default for Stems {
    fn default() -> Self {
        Stems { stemmer: Stemmer::create(Algorithm::English) }
    }
}

impl std::fmt::Debug for Stems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stems(English)")
    }
}

impl Stems {
    /// The stem of a folded word.
    pub(crate) fn stem(&self, folded: &str) -> String {
        self.stemmer.stem(folded).into_owned()
    }
}

/// A fast hasher for short keys: the words and stems of our own articles,
/// and the at most 100 words of one query. Neither needs resistance to
/// chosen collisions, which the standard hasher buys with speed: the
/// articles are ours, and a query is too short for collisions to cost.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map and a set with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// A map keyed by words.
pub(crate) type WordMap<V> = FastMap<Box<str>, V>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("the") && !is_stopword("knot"));
    }

    #[test]
    fn words_split_on_punctuation_and_keep_inner_apostrophes() {
        let got: Vec<&str> =
            words("Don’t press (hard) on a knot's edge—ever; 3 times.").map(|w| w.text).collect();
        assert_eq!(got, ["Don’t", "press", "hard", "on", "a", "knot's", "edge", "ever", "3", "times"]);
        let w = words("  <mark>x").next().unwrap();
        assert_eq!((w.start, w.end, w.text), (3, 7, "mark"));
        assert_eq!(words("'quoted'").map(|w| w.text).collect::<Vec<_>>(), ["quoted"]);
    }

    #[test]
    fn folding_drops_case_and_apostrophes() {
        assert_eq!(fold("Don’t"), "dont");
        assert_eq!(fold("DOMS"), "doms");
        assert_eq!(fold("ÉTÉ"), "été");
    }

    #[test]
    fn stemming_joins_forms_of_a_word() {
        let s = Stems::default();
        assert_eq!(s.stem("massaging"), s.stem("massage"));
        assert_eq!(s.stem("massages"), s.stem("massage"));
        assert_eq!(s.stem("knots"), s.stem("knot"));
        assert_eq!(s.stem("soreness"), s.stem("sore"));
        assert_eq!(s.stem("stretching"), s.stem("stretched"));
        assert_ne!(s.stem("knot"), s.stem("not"));
    }
}
