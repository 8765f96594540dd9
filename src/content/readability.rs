//! How easy an article is to read, measured on its prose only.
//!
//! The grade is the Flesch-Kincaid grade level from the `textstat` crate,
//! computed on [`Rendered::prose`](super::markdown::Rendered::prose):
//! paragraphs, list items and callouts, but not headings, tables, code,
//! references or front matter. Each list item counts as a sentence.

/// The school grade articles must not exceed unless configured otherwise.
/// Grade 9 matches a reading age of about 14; our target for the writing is
/// reading age 9 to 12, so passing this is the floor, not the goal.
pub const DEFAULT_MAX_GRADE: f64 = 9.0;

/// Readability figures for one piece of prose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    /// Flesch-Kincaid grade level (US school grade).
    pub grade: f64,
}

/// Measures `prose` in one pass over its words (`textstat` walks it three
/// times and copies it into a `Vec<char>` to count sentences; that was most
/// of `knotwise check` at 10,000 articles). The counts are `textstat`'s
/// (property-tested below), and so is the Flesch-Kincaid formula.
pub fn measure(prose: &str) -> Readability {
    let (words, syllable_total, sentences) = if prose.is_ascii() {
        count_ascii(prose.as_bytes())
    } else {
        let (mut words, mut syllable_total) = (0, 0);
        for word in prose.split_whitespace() {
            words += usize::from(word.chars().any(char::is_alphanumeric));
            syllable_total += syllables(word);
        }
        (words, syllable_total, sentences(prose))
    };
    let grade = if words == 0 || sentences == 0 {
        0.0
    } else {
        let (w, s, y) = (words as f64, sentences as f64, syllable_total as f64);
        0.39 * (w / s) + 11.8 * (y / w) - 15.59
    };
    Readability { words, sentences, grade }
}

/// Words, syllables and sentences of ASCII text in one walk over its bytes,
/// with the same rules as the general path (nearly all prose is ASCII, and
/// decoding every character was a tenth of start-up at 10,000 articles).
fn count_ascii(text: &[u8]) -> (usize, usize, usize) {
    // `char::is_whitespace` for ASCII: the vertical tab counts too.
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let (mut words, mut syllable_total, mut sentences) = (0, 0, 0);
    let (mut in_run, mut start) = (false, None::<usize>);
    for (i, &c) in text.iter().enumerate() {
        if is_space(c) {
            if let Some(s) = start.take() {
                let word = &text[s..i];
                words += usize::from(word.iter().any(u8::is_ascii_alphanumeric));
                syllable_total += ascii_syllables(word);
            }
        } else if start.is_none() {
            start = Some(i);
        }
        let ends = match c {
            b'!' | b'?' => true,
            b'.' => {
                let next = text.get(i + 1).copied();
                let decimal =
                    i > 0 && text[i - 1].is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
                !decimal && !next.is_some_and(|n| n.is_ascii_alphanumeric())
            }
            _ => false,
        };
        sentences += usize::from(ends && !in_run);
        in_run = ends;
    }
    if let Some(s) = start {
        let word = &text[s..];
        words += usize::from(word.iter().any(u8::is_ascii_alphanumeric));
        syllable_total += ascii_syllables(word);
    }
    let blank = text.iter().all(|&c| is_space(c));
    (words, syllable_total, if blank { 0 } else { sentences.max(1) })
}

/// `textstat::sentence_count` without its copy of the text: runs of `.`,
/// `!` and `?` end a sentence, except a `.` between two digits or right
/// before a letter or digit; text with no end is one sentence.
fn sentences(text: &str) -> usize {
    if text.trim().is_empty() {
        return 0;
    }
    let (mut count, mut in_run, mut prev) = (0, false, None::<char>);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let ends = match c {
            '!' | '?' => true,
            '.' => {
                let decimal =
                    prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
                !decimal && !next.is_some_and(char::is_alphanumeric)
            }
            _ => false,
        };
        count += usize::from(ends && !in_run);
        in_run = ends;
        prev = Some(c);
    }
    count.max(1)
}

/// `textstat::syllables`, without its allocation per word for the ASCII
/// words that are nearly all of our prose (it was most of `knotwise check`).
/// Same rule: vowel groups of the word's letters, a silent final `e`
/// (except `-le` after a consonant), at least one for a word with letters.
fn syllables(word: &str) -> usize {
    if word.is_ascii() { ascii_syllables(word.as_bytes()) } else { textstat::syllables(word) }
}

fn ascii_syllables(word: &[u8]) -> usize {
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let (mut count, mut letters, mut prev_vowel) = (0, 0, false);
    let (mut last, mut second, mut third) = (0u8, 0u8, 0u8);
    for c in word.iter().filter(|c| c.is_ascii_alphabetic()).map(u8::to_ascii_lowercase) {
        let vowel = is_vowel(c);
        if vowel && !prev_vowel {
            count += 1;
        }
        prev_vowel = vowel;
        (third, second, last) = (second, last, c);
        letters += 1;
    }
    if letters == 0 {
        return usize::from(word.iter().any(u8::is_ascii_digit));
    }
    if last == b'e' && count > 1 && !(letters >= 3 && second == b'l' && !is_vowel(third)) {
        count -= 1;
    }
    count.max(1)
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
        fn words_and_sentences_agree_with_textstat(text in "([a-zA-Z0-9 .!?,\n]|\\PC){0,80}") {
            let r = measure(&text);
            proptest::prop_assert_eq!(r.words, textstat::lexicon_count(&text), "{:?}", text);
            proptest::prop_assert_eq!(r.sentences, textstat::sentence_count(&text), "{:?}", text);
        }

        #[test]
        fn ascii_text_agrees_with_textstat(text in "[a-zA-Z0-9 .!?,'\t\n\u{b}\u{c}\r-]{0,120}") {
            let r = measure(&text);
            proptest::prop_assert_eq!(r.words, textstat::lexicon_count(&text), "{:?}", text);
            proptest::prop_assert_eq!(r.sentences, textstat::sentence_count(&text), "{:?}", text);
            proptest::prop_assert_eq!(r.grade, textstat::flesch_kincaid_grade(&text), "{:?}", text);
        }

        #[test]
        fn syllables_agree_with_textstat(word in "[a-zA-Z0-9'.,;:!?()\\-]{0,14}|\\PC{0,6}") {
            proptest::prop_assert_eq!(syllables(&word), textstat::syllables(&word), "{:?}", word);
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
