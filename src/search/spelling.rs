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

/// Sorts a vocabulary as [`suggest`] reads it: by length in characters.
pub(crate) fn sort(vocabulary: &mut [(Box<str>, u32)]) {
    vocabulary.sort_by(|a, b| a.0.chars().count().cmp(&b.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
}

/// The closest word in `vocabulary` (folded words with how often each
/// appears, sorted by [`sort`]) to the folded `word`: fewest edits (a swap
/// of two letters counts as one), then the more common word. Each word
/// looked at costs one from `budget`; when none is left, the best word found
/// so far is the suggestion.
pub(crate) fn suggest<'v>(
    word: &str,
    vocabulary: &'v [(Box<str>, u32)],
    budget: &mut Budget,
) -> Option<&'v str> {
    let len = word.chars().count();
    let most = allowed(len);
    if most == 0 {
        return None;
    }
    let letters = letters(word);
    let mut best: Option<(usize, u32, &str)> = None;
    let from = vocabulary.partition_point(|(w, _)| w.chars().count() + most < len);
    let to = vocabulary.partition_point(|(w, _)| w.chars().count() <= len + most);
    for (candidate, count) in vocabulary.get(from..to).unwrap_or_default() {
        if budget.0 == 0 {
            break;
        }
        budget.0 -= 1;
        if candidate.as_ref() == word {
            return None;
        }
        // Letters in one word and not the other need an edit each: a cheap
        // bound that skips most words before the real distance.
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

/// How often each letter appears, in 32 buckets (the lowercase ASCII
/// letters each have their own; other characters share).
fn letters(word: &str) -> [i16; 32] {
    let mut counts = [0i16; 32];
    for c in word.chars() {
        counts[c as usize & 31] += 1;
    }
    counts
}

/// A lower bound on the edits between the word counted in `letters` and
/// `other`: an insertion, deletion or substitution changes the letters by
/// at most one each way, a swap not at all. Shared buckets only lower it.
fn fewest_edits(letters: [i16; 32], other: &str) -> usize {
    let mut diff = letters;
    for c in other.chars() {
        diff[c as usize & 31] -= 1;
    }
    let (more, fewer) = diff.iter().fold((0, 0), |(more, fewer), &d| {
        if d > 0 { (more + d as usize, fewer) } else { (more, fewer + d.unsigned_abs() as usize) }
    });
    more.max(fewer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[(&str, u32)]) -> Vec<(Box<str>, u32)> {
        let mut v: Vec<(Box<str>, u32)> = words.iter().map(|(w, c)| ((*w).into(), *c)).collect();
        sort(&mut v);
        v
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
    }

    #[test]
    fn the_letter_bound_never_exceeds_the_distance() {
        for (a, b) in
            [("masage", "massage"), ("knto", "knot"), ("sorness", "soreness"), ("abc", "xyz"), ("é", "e")]
        {
            assert!(fewest_edits(letters(a), b) <= strsim::osa_distance(a, b), "{a} {b}");
        }
    }
}
