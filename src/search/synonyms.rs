//! The readers' words: `articles/search-synonyms.toml`, kept by editors.
//!
//! Groups of words and phrases that mean the same to a reader ("knot",
//! "trigger point", "tender spot"), and phrases that name an emergency sign
//! in readers' own words ("can't breathe"). Checked at start-up and by
//! `knotwise check`; every problem names the line and the fix.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::text::{Stems, fold, is_stopword, words};
use crate::folder::Unread;
use crate::problem::{Problem, line_of};

/// The file's name inside the articles folder. It is optional: without
/// it, search has no synonyms and only the self-check's own emergency signs.
pub(crate) const SYNONYMS_FILE: &str = "search-synonyms.toml";

/// A phrase as stems, with the words as the editor wrote them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub written: String,
    /// Every word's stem, in order.
    pub(crate) stems: Vec<String>,
    /// The stems of the words that are not stopwords: what the index has.
    pub content: Vec<String>,
}

/// The checked file.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    /// Each group: phrases that mean the same.
    pub(crate) groups: Vec<Vec<Phrase>>,
    /// Readers' words for emergency signs.
    pub emergency: Vec<Phrase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    synonyms: Vec<Spanned<RawGroup>>,
    emergency: Option<RawEmergency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    words: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEmergency {
    signs: Vec<Spanned<String>>,
}

impl Synonyms {
    /// Reads and checks the file in `articles`; no file means no synonyms.
    pub fn load(articles: &Path) -> Result<Synonyms, Vec<Problem>> {
        let path = articles.join(SYNONYMS_FILE);
        let text = crate::folder::read(&path).and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text").into()
            })
        });
        match text {
            Ok(text) => Synonyms::parse(&path, &text),
            Err(Unread::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(Synonyms::default()),
            Err(Unread::Refused(problem)) => Err(vec![problem]),
            Err(Unread::Io(e)) => Err(vec![Problem::in_file(
                &path,
                format!("cannot read the search synonyms: {e}"),
                "check that the file can be read, or delete it to search without synonyms",
            )]),
        }
    }

    /// Checks the file's text; `path` only names the file in problems.
    pub fn parse(path: &Path, text: &str) -> Result<Synonyms, Vec<Problem>> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = line_of(text, e.span().map_or(0, |s| s.start));
            vec![Problem::at(
                path,
                line,
                format!("the synonyms file is not valid: {}", e.message()),
                "write each group as `[[synonyms]]` then `words = [\"knot\", \"trigger point\"]`, and emergency phrases as `[emergency]` then `signs = [\"chest pain\"]`",
            )]
        })?;
        let stems = Stems::default();
        let mut problems = Vec::new();
        let phrase = |written: &Spanned<String>, problems: &mut Vec<Problem>| {
            let line = line_of(text, written.span().start);
            let folded: Vec<String> = words(written.get_ref()).map(|w| fold(w.text)).collect();
            let content = folded.iter().filter(|f| !is_stopword(f)).map(|f| stems.stem(f)).collect();
            let stems: Vec<String> = folded.iter().map(|f| stems.stem(f)).collect();
            if stems.is_empty() {
                problems.push(Problem::at(
                    path,
                    line,
                    format!("`{}` has no words in it", written.get_ref()),
                    "write a word or a phrase with letters or digits, or delete it",
                ));
                return None;
            }
            Some((Phrase { written: written.get_ref().trim().to_string(), stems, content }, line))
        };
        let mut first_seen: HashMap<Vec<String>, usize> = HashMap::new();
        let mut groups = Vec::new();
        for group in &raw.synonyms {
            let line = line_of(text, group.span().start);
            let mut phrases = Vec::new();
            for written in &group.get_ref().words {
                let Some((p, at)) = phrase(written, &mut problems) else { continue };
                if p.content.is_empty() {
                    problems.push(Problem::at(
                        path,
                        at,
                        format!("`{}` is only common words, which search leaves out", p.written),
                        "use a word that says what the thing is, or delete it",
                    ));
                    continue;
                }
                if let Some(&other) = first_seen.get(&p.stems) {
                    problems.push(Problem::at(
                        path,
                        at,
                        format!("`{}` is already in the group on line {other}", p.written),
                        "keep each word in one group: merge the two groups, or delete one of them",
                    ));
                    continue;
                }
                first_seen.insert(p.stems.clone(), line);
                phrases.push(p);
            }
            if group.get_ref().words.len() < 2 {
                problems.push(Problem::at(
                    path,
                    line,
                    "a synonym group needs at least two words",
                    "add the other words readers use for the same thing, or delete the group",
                ));
            }
            groups.push(phrases);
        }
        let mut emergency = Vec::new();
        for written in raw.emergency.iter().flat_map(|e| &e.signs) {
            if let Some((p, _)) = phrase(written, &mut problems) {
                emergency.push(p);
            }
        }
        if problems.is_empty() { Ok(Synonyms { groups, emergency }) } else { Err(problems) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Synonyms, Vec<Problem>> {
        Synonyms::parse(Path::new("articles/search-synonyms.toml"), text)
    }

    #[test]
    fn groups_and_signs_are_read_as_stems() {
        let s = parse(
            "[[synonyms]]\nwords = [\"knot\", \"Trigger points\"]\n\n[emergency]\nsigns = [\"can't breathe\"]\n",
        )
        .unwrap();
        assert_eq!(s.groups.len(), 1);
        assert_eq!(s.groups[0][1].stems, ["trigger", "point"]);
        assert_eq!(s.groups[0][1].written, "Trigger points");
        assert_eq!(s.emergency[0].stems, ["cant", "breath"]);
    }

    #[test]
    fn problems_name_the_line_and_the_fix() {
        let errors = parse(
            "[[synonyms]]\nwords = [\"knot\", \"knots\"]\n\n[[synonyms]]\nwords = [\"clot\"]\n\n[[synonyms]]\nwords = [\"pee\", \"--\"]\n",
        )
        .unwrap_err();
        let shown: Vec<String> = errors.iter().map(|p| p.to_string()).collect();
        assert_eq!(errors.len(), 3, "{shown:#?}");
        assert!(shown[0].contains(":2: `knots` is already in the group on line 1"), "{shown:#?}");
        assert!(shown[1].contains(":4: a synonym group needs at least two words"), "{shown:#?}");
        assert!(shown[2].contains(":8: `--` has no words in it"), "{shown:#?}");
        assert!(errors.iter().all(|p| !p.fix.is_empty()));
    }

    #[test]
    fn unknown_keys_and_bad_toml_are_problems_with_lines() {
        let e = parse("[[synonyms]]\nword = [\"a\", \"b\"]\n").unwrap_err();
        assert_eq!(e[0].line, Some(2), "{e:?}");
        assert!(e[0].message.contains("unknown field"), "{e:?}");
        let e = parse("\n\n[[synonyms]\n").unwrap_err();
        assert_eq!(e[0].line, Some(3), "{e:?}");
    }
}
