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

/// Measures `prose`.
pub fn measure(prose: &str) -> Readability {
    // `textstat::flesch_kincaid_grade` counts words and sentences again:
    // count each once and apply the same formula (it is most of `check`).
    let words = textstat::lexicon_count(prose);
    let sentences = textstat::sentence_count(prose);
    let syllables: usize = prose.split_whitespace().map(syllables).sum();
    let grade = if words == 0 || sentences == 0 {
        0.0
    } else {
        let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
        0.39 * (w / s) + 11.8 * (y / w) - 15.59
    };
    Readability { words, sentences, grade }
}

/// `textstat::syllables`, without its allocation per word for the ASCII
/// words that are nearly all of our prose (it was most of `knotwise check`).
/// Same rule: vowel groups of the word's letters, a silent final `e`
/// (except `-le` after a consonant), at least one for a word with letters.
fn syllables(word: &str) -> usize {
    if !word.is_ascii() {
        return textstat::syllables(word);
    }
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let (mut count, mut letters, mut prev_vowel) = (0, 0, false);
    let (mut last, mut second, mut third) = (0u8, 0u8, 0u8);
    for c in word.bytes().filter(u8::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()) {
        let vowel = is_vowel(c);
        if vowel && !prev_vowel {
            count += 1;
        }
        prev_vowel = vowel;
        (third, second, last) = (second, last, c);
        letters += 1;
    }
    if letters == 0 {
        return usize::from(word.bytes().any(|c| c.is_ascii_digit()));
    }
    if last == b'e' && count > 1 && !(letters >= 3 && second == b'l' && !is_vowel(third)) {
        count -= 1;
    }
    count.max(1)
}

/// Measures each of `proses`, in order, on all cores.
pub fn measure_all(proses: &[&str]) -> Vec<Readability> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = proses.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = proses
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|p| measure(p)).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("measuring does not panic")).collect()
    })
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
