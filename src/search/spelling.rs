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

/// The closest word in `vocabulary` (folded words with how often each
/// appears, sorted by length) to the folded `word`: fewest edits
/// (a swap of two letters counts as one), then the more common word.
pub fn suggest<'v>(word: &str, vocabulary: &'v [(Box<str>, u32)]) -> Option<&'v str> {
    let len = word.chars().count();
    let most = allowed(len);
    if most == 0 {
        return None;
    }
    let mut best: Option<(usize, u32, &str)> = None;
    // `vocabulary` is sorted by byte length; compare character lengths exactly.
    let from = vocabulary.partition_point(|(w, _)| w.len() + most < len);
    for (candidate, count) in &vocabulary[from..] {
        if candidate.len() > (len + most) * 4 {
            break;
        }
        let clen = candidate.chars().count();
        if candidate.as_ref() == word {
            return None;
        }
        if clen.abs_diff(len) > most {
            continue;
        }
        let distance = strsim::osa_distance(word, candidate);
        if distance > most || distance > allowed(clen) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[(&str, u32)]) -> Vec<(Box<str>, u32)> {
        let mut v: Vec<(Box<str>, u32)> = words.iter().map(|(w, c)| ((*w).into(), *c)).collect();
        v.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
        v
    }

    #[test]
    fn finds_the_closest_common_word() {
        let v =
            vocabulary(&[("massage", 90), ("message", 2), ("soreness", 30), ("stiffness", 5), ("knot", 40)]);
        assert_eq!(suggest("masage", &v), Some("massage"));
        assert_eq!(suggest("massaeg", &v), Some("massage"), "a swap is one edit");
        assert_eq!(suggest("sorness", &v), Some("soreness"));
        assert_eq!(suggest("knto", &v), Some("knot"));
        assert_eq!(suggest("xyzzyq", &v), None);
        assert_eq!(suggest("ab", &v), None, "too short to guess");
        assert_eq!(suggest("massage", &v), None, "a known word needs no suggestion");
    }
}
