//! The one slug rule, for every name the site makes from words: article
//! file names (`knotwise new`), heading ids, footnote ids and so the
//! sections search links to.
//!
//! Letters are transliterated to ASCII first (`deunicode`: "Café à la
//! crème" reads "Cafe a la creme"), so an accented title keeps its words
//! instead of losing letters ("caf-la-cr-me"); then lowercase letters and
//! digits are kept, apostrophes dropped ("Don't" is "dont"), and every other
//! run of characters becomes one hyphen. What comes out always passes
//! [`is_slug`] or is empty.

/// The slug of `text`: lowercase ASCII letters and digits joined by single
/// hyphens; empty when `text` has no letter or digit.
pub(crate) fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut gap = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            gap = true;
        }
    }
    slug
}

/// Lowercase ASCII letters and digits, joined by single hyphens.
pub(crate) fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_transliterates_and_joins_words() {
        for (text, slug) in [
            ("Café à la crème", "cafe-a-la-creme"),
            ("Can I exercise after a massage?", "can-i-exercise-after-a-massage"),
            ("  Don't  stretch -- yet!  ", "dont-stretch-yet"),
            ("Don\u{2019}t stretch", "dont-stretch"),
            ("Ice vs. heat: 2 ways", "ice-vs-heat-2-ways"),
            ("  Day 1 -- the_first  day ", "day-1-the-first-day"),
            ("Ça va, Søren? Straße", "ca-va-soren-strasse"),
            ("???", ""),
            ("", ""),
        ] {
            assert_eq!(slugify(text), slug, "{text}");
            assert!(slug.is_empty() || is_slug(slug), "{slug}");
        }
    }

    #[test]
    fn slugs_are_lowercase_words_with_single_hyphens() {
        assert!(is_slug("what-is-a-muscle-knot"));
        assert!(is_slug("day-3"));
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
