//! How easy an article is to read, measured on its prose only.
//!
//! The grade is the Flesch-Kincaid grade level from the `textstat` crate,
//! computed on [`Rendered::prose`](super::markdown::Rendered::prose):
//! paragraphs, list items and callouts, but not headings, tables, code,
//! references or front matter. Each list item counts as a sentence.

/// The school grade articles must not exceed unless configured otherwise.
/// Grade 9 matches a reading age of about 14; our target for the writing is
/// reading age 9 to 12, so passing this is the floor, not the goal.
pub(crate) const DEFAULT_MAX_GRADE: f64 = 9.0;

/// Readability figures for one piece of prose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub(crate) syllables: usize,
    /// Flesch-Kincaid grade level (US school grade).
    pub grade: f64,
}

/// Measures `prose` in one walk over its bytes, with `textstat`'s counts
/// (property-tested below) and its Flesch-Kincaid formula. `textstat` walks
/// the text three times, copies it into a `Vec<char>` and allocates a `Vec`
/// per word: that was a tenth of start-up CPU at 10,000 articles. Only the
/// rare characters outside ASCII (curly quotes, dashes) are decoded.
pub fn measure(prose: &str) -> Readability {
    let bytes = prose.as_bytes();
    let (mut words, mut syllables, mut sentences) = (0, 0, 0);
    let mut end_word = |word: &mut Word, end: usize| {
        if word.started() {
            let (alnum, count) = word.finish(&prose[word.start..end]);
            words += usize::from(alnum);
            syllables += count;
        }
    };
    let (mut word, mut in_run, mut blank, mut prev) = (Word::NONE, false, true, b'\0');
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let class = CLASS[usize::from(b)];
        // Only a character outside ASCII is decoded, once.
        let other = (class & OTHER != 0).then(|| char_at(prose, at));
        if other.map_or(class & SPACE != 0, char::is_whitespace) {
            end_word(&mut word, at);
        } else {
            if !word.started() {
                word.start = at;
            }
            match other {
                None => word.push_ascii(b, class),
                Some(c) => word.push(c),
            }
            blank = false;
        }
        // A run of `.`, `!` and `?` ends a sentence, except a `.` between two
        // digits ("3.5") or right before a letter or digit ("U.K").
        let ends = class & END != 0
            && (b != b'.' || {
                let next = (at + 1 < bytes.len()).then(|| char_at(prose, at + 1));
                let decimal = prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
                !decimal && !next.is_some_and(char::is_alphanumeric)
            });
        sentences += usize::from(ends && !in_run);
        in_run = ends;
        prev = b;
        at += other.map_or(1, char::len_utf8);
    }
    end_word(&mut word, bytes.len());
    // Text with no end is one sentence.
    let sentences = if blank { 0 } else { sentences.max(1) };
    let grade = if words == 0 || sentences == 0 {
        0.0
    } else {
        let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
        0.39 * (w / s) + 11.8 * (y / w) - 15.59
    };
    Readability { words, sentences, syllables, grade }
}

/// What each byte is, for [`measure`]: looked up, not tested branch by
/// branch, since which letters are vowels follows no pattern a processor
/// can predict.
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const VOWEL: u8 = 4;
const DIGIT: u8 = 8;
const END: u8 = 16;
/// A byte of a character outside ASCII: decoded and handled one by one.
const OTHER: u8 = 32;
const CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = match c {
            b' ' | b'\t'..=b'\r' => SPACE,
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'A' | b'E' | b'I' | b'O' | b'U' | b'Y' => {
                LETTER | VOWEL
            }
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'.' | b'!' | b'?' => END,
            0x80..=0xff => OTHER,
            _ => 0,
        };
        b += 1;
    }
    class
};

/// The character that starts at byte `at` (a character boundary).
fn char_at(text: &str, at: usize) -> char {
    let b = text.as_bytes()[at];
    if b.is_ascii() { char::from(b) } else { text[at..].chars().next().unwrap_or_default() }
}

/// The word being read, for `textstat::syllables`' rule: vowel groups of the
/// word's letters, a silent final `e` (except `-le` after a consonant), at
/// least one for a word with letters or digits.
struct Word {
    /// Where it starts; `usize::MAX` between words.
    start: usize,
    alphanumeric: bool,
    /// A letter outside ASCII: such words (rare) go to `textstat` itself.
    foreign: bool,
    groups: usize,
    letters: usize,
    prev_vowel: bool,
    /// The last three ASCII letters, lowercased, newest first.
    last: [u8; 3],
}

impl Word {
    const NONE: Word = Word {
        start: usize::MAX,
        alphanumeric: false,
        foreign: false,
        groups: 0,
        letters: 0,
        prev_vowel: false,
        last: [0; 3],
    };

    fn started(&self) -> bool {
        self.start != usize::MAX
    }

    fn push_ascii(&mut self, b: u8, class: u8) {
        let vowel = class & VOWEL != 0;
        self.alphanumeric |= class & (LETTER | DIGIT) != 0;
        // Only letters count toward syllables; the rest are skipped.
        if class & LETTER != 0 {
            self.groups += usize::from(vowel & !self.prev_vowel);
            self.prev_vowel = vowel;
            self.last = [b.to_ascii_lowercase(), self.last[0], self.last[1]];
            self.letters += 1;
        }
    }

    fn push(&mut self, c: char) {
        self.alphanumeric |= c.is_alphanumeric();
        self.foreign |= c.is_alphabetic();
    }

    /// Whether the finished `word` had a letter or digit, and its syllables.
    fn finish(&mut self, word: &str) -> (bool, usize) {
        let syllables = if self.foreign {
            textstat::syllables(word)
        } else if self.letters == 0 {
            usize::from(self.alphanumeric)
        } else {
            let [last, second, third] = self.last;
            let le = self.letters >= 3 && second == b'l' && CLASS[usize::from(third)] & VOWEL == 0;
            let silent_e = last == b'e' && self.groups > 1 && !le;
            (self.groups - usize::from(silent_e)).max(1)
        };
        let alphanumeric = self.alphanumeric;
        *self = Word::NONE;
        (alphanumeric, syllables)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_plain_sentences_score_low() {
        let r = measure("The cat sat on the mat. The dog ran to the park. It was a nice day.");
        assert_eq!(r.words, 17);
        assert_eq!(r.sentences, 3);
        assert!(r.grade < 3.0, "{}", r.grade);
    }

    proptest::proptest! {
        #[test]
        fn counts_agree_with_textstat(text in "([a-zA-Z0-9 .!?,'’éüİ\n\t\u{b}\u{a0}]|\\PC){0,80}") {
            let r = measure(&text);
            proptest::prop_assert_eq!(r.words, textstat::lexicon_count(&text), "{:?}", text);
            proptest::prop_assert_eq!(r.sentences, textstat::sentence_count(&text), "{:?}", text);
            proptest::prop_assert_eq!(r.syllables, textstat::syllable_count(&text), "{:?}", text);
            proptest::prop_assert_eq!(r.grade, textstat::flesch_kincaid_grade(&text), "{:?}", text);
        }

        #[test]
        fn syllables_agree_with_textstat(word in "[a-zA-Z0-9'.,;:!?()\\-]{0,14}|\\PC{0,6}") {
            proptest::prop_assert_eq!(measure(&word).syllables, textstat::syllable_count(&word), "{:?}", word);
        }
    }

    #[test]
    fn the_grade_is_the_crates_flesch_kincaid_grade() {
        for text in ["", "One.", "The cat sat. It was happy, and the dog ran to the park quickly!"] {
            assert_eq!(measure(text).grade, textstat::flesch_kincaid_grade(text), "{text:?}");
        }
    }

    #[test]
    fn long_technical_sentences_score_high() {
        let r = measure(
            "Myofascial trigger points are hypothesised to represent localised hypersensitive \
             neuromuscular phenomena characterised by palpable taut bands, referred nociceptive \
             sensations and autonomic dysregulation, notwithstanding considerable methodological \
             heterogeneity in diagnostic reliability investigations.",
        );
        assert!(r.grade > 16.0, "{}", r.grade);
    }
}
