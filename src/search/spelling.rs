//! "Did you mean ...?": the closest word the site uses, for a word it does
//! not know.

/// The most edits allowed for a word of `len` characters: none for very
/// short words (too many near neighbours), one up to five, two beyond.
fn allowed(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// How many vocabulary words one query may compare in all: the spelling
/// fallback is the costliest part of a search, so it stops here whatever
/// the query (issue 22: a query of unknown words cost 400 pages' worth).
pub(crate) const MAX_COMPARISONS: usize = 6_000;

/// The spelling work a query may still do.
#[derive(Debug)]
pub(crate) struct Budget(usize);

impl Default for Budget {
    fn default() -> Self {
        Budget(MAX_COMPARISONS)
    }
}

/// The words a suggestion may be: folded, with how often each appears,
/// sorted by length in characters, each with the letters it has.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    words: Vec<(Box<str>, u32)>,
    /// Per word, one bit per letter bucket it has (see [`letters`]): the
    /// first, cheapest bound, read without reading the word.
    has: Vec<u32>,
}

impl Vocabulary {
    pub(crate) fn new(mut words: Vec<(Box<str>, u32)>) -> Vocabulary {
        words.sort_by(|a, b| a.0.chars().count().cmp(&b.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
        let has = words.iter().map(|(w, _)| letter_set(w)).collect();
        Vocabulary { words, has }
    }
}

/// The closest word in `vocabulary` to the folded `word`: fewest edits (a
/// swap of two letters counts as one), then the more common word. Each word
/// looked at costs one from `budget`; when none is left, the best word found
/// so far is the suggestion.
pub(crate) fn suggest<'v>(word: &str, vocabulary: &'v Vocabulary, budget: &mut Budget) -> Option<&'v str> {
    let Vocabulary { words: vocabulary, has } = vocabulary;
    let len = word.chars().count();
    let most = allowed(len);
    if most == 0 {
        return None;
    }
    let letters = letters(word);
    let set = letter_set(word);
    let mut best: Option<(usize, u32, &str)> = None;
    let from = vocabulary.partition_point(|(w, _)| w.chars().count() + most < len);
    let to = vocabulary.partition_point(|(w, _)| w.chars().count() <= len + most);
    // The words this one may look at, paid for at once: the loop below
    // reads only their letter sets until one passes the bound.
    let end = from + (to - from).min(budget.0);
    budget.0 -= end - from;
    for (i, &other) in has[from..end].iter().enumerate() {
        // Letters in one word and not the other need an edit each: cheap
        // bounds that skip most words before the real distance. A letter
        // one word has and the other lacks needs an edit of its own.
        if !at_most_bits(set & !other, most) || !at_most_bits(other & !set, most) {
            continue;
        }
        let (candidate, count) = &vocabulary[from + i];
        if candidate.as_ref() == word {
            // Known after all: the words after this one were not looked at.
            budget.0 += end - (from + i) - 1;
            return None;
        }
        if fewest_edits(letters, candidate) > most {
            continue;
        }
        let distance = strsim::osa_distance(word, candidate);
        if distance > most || distance > allowed(candidate.chars().count()) {
            continue;
        }
        let better = match best {
            None => true,
            Some((d, c, _)) => distance < d || (distance == d && *count > c),
        };
        if better {
            best = Some((distance, *count, candidate));
        }
    }
    best.map(|(_, _, w)| w)
}

/// Whether `bits` has at most `most` bits set: clearing the lowest set bit
/// `most` times leaves none. Cheaper here than counting them, which the
/// baseline x86-64 target does without its instruction.
fn at_most_bits(mut bits: u32, most: usize) -> bool {
    for _ in 0..most {
        bits &= bits.wrapping_sub(1);
    }
    bits == 0
}

/// How often each letter appears, in 32 buckets (the lowercase ASCII
/// letters each have their own; other characters share).
fn letters(word: &str) -> [i16; 32] {
    let mut counts = [0i16; 32];
    for c in word.chars() {
        counts[c as usize & 31] += 1;
    }
    counts
}

/// The letter buckets of [`letters`] that `word` has, as bits.
fn letter_set(word: &str) -> u32 {
    word.chars().fold(0, |set, c| set | 1 << (c as u32 & 31))
}

/// A lower bound on the edits between the word counted in `letters` and
/// `other`: an insertion, deletion or substitution changes the letters by
/// at most one each way, a swap not at all. Shared buckets only lower it.
fn fewest_edits(letters: [i16; 32], other: &str) -> usize {
    let mut diff = letters;
    for c in other.chars() {
        diff[c as usize & 31] -= 1;
    }
    // Without branches, so the compiler sums the 32 buckets in wide lanes:
    // this runs for nearly every word a query compares.
    let more: i32 = diff.iter().map(|&d| i32::from(d.max(0))).sum();
    let fewer: i32 = diff.iter().map(|&d| i32::from(d.min(0))).sum();
    more.max(-fewer) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[(&str, u32)]) -> Vocabulary {
        Vocabulary::new(words.iter().map(|(w, c)| ((*w).into(), *c)).collect())
    }

    #[test]
    fn finds_the_closest_common_word() {
        let v =
            vocabulary(&[("massage", 90), ("message", 2), ("soreness", 30), ("stiffness", 5), ("knot", 40)]);
        assert_eq!(suggest("masage", &v, &mut Budget::default()), Some("massage"));
        assert_eq!(suggest("massaeg", &v, &mut Budget::default()), Some("massage"), "a swap is one edit");
        assert_eq!(suggest("sorness", &v, &mut Budget::default()), Some("soreness"));
        assert_eq!(suggest("knto", &v, &mut Budget::default()), Some("knot"));
        assert_eq!(suggest("xyzzyq", &v, &mut Budget::default()), None);
        assert_eq!(suggest("ab", &v, &mut Budget::default()), None, "too short to guess");
        assert_eq!(suggest("massage", &v, &mut Budget::default()), None, "a known word needs no suggestion");
        assert_eq!(
            suggest("mässage", &v, &mut Budget::default()),
            Some("massage"),
            "other letters count too"
        );
    }

    #[test]
    fn the_work_per_query_is_capped() {
        let mut words: Vec<(String, u32)> = (0..MAX_COMPARISONS).map(|i| (format!("zz{i:04}"), 1)).collect();
        words.push(("massage".to_string(), 9));
        let v = vocabulary(&words.iter().map(|(w, c)| (w.as_str(), *c)).collect::<Vec<_>>());
        let mut budget = Budget::default();
        // The words of 6 letters come first, and the budget runs out on them.
        assert_eq!(suggest("masage", &v, &mut budget), None);
        assert_eq!(budget.0, 0);
        assert_eq!(suggest("masage", &v, &mut budget), None, "nothing left for a second word");
        let small = vocabulary(&[("massage", 9)]);
        assert_eq!(suggest("masage", &small, &mut Budget::default()), Some("massage"));
        // A word found as it is costs only the words looked at up to it.
        let known = vocabulary(&[("knot", 1), ("masage", 1), ("massage", 9)]);
        let mut budget = Budget::default();
        assert_eq!(suggest("masage", &known, &mut budget), None);
        assert_eq!(budget.0, MAX_COMPARISONS - 2, "knot and masage, not massage");
    }

    #[test]
    fn at_most_bits_counts_set_bits() {
        for bits in [0u32, 1, 0b1010, 0b111, u32::MAX, 1 << 31] {
            for most in 0..4 {
                assert_eq!(at_most_bits(bits, most), bits.count_ones() as usize <= most, "{bits:b} {most}");
            }
        }
    }

    #[test]
    fn the_letter_bound_never_exceeds_the_distance() {
        for (a, b) in
            [("masage", "massage"), ("knto", "knot"), ("sorness", "soreness"), ("abc", "xyz"), ("é", "e")]
        {
            let distance = strsim::osa_distance(a, b);
            assert!(fewest_edits(letters(a), b) <= distance, "{a} {b}");
            let (x, y) = (letter_set(a), letter_set(b));
            assert!(at_most_bits(x & !y, distance) && at_most_bits(y & !x, distance), "{a} {b}");
        }
    }
}
