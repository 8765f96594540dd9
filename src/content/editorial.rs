//! The editors' rules: `articles/editorial.toml`, kept by editors.
//!
//! What every published clinical article meets beyond the engine's own
//! rules: enough scholarly sources, a "Key facts" callout first whose every
//! fact cites a source, a link onward, a length a worried reader can finish,
//! and medical or NHS words explained where a page first uses them. These
//! once lived only in the test suite, so an author's `check` passed and CI
//! failed; now [`super::gate::Gate`] applies them for every command. The
//! file is optional: a site without it has only the engine's rules.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::Parsed;
use crate::problem::{Problem, line_of};

/// The file's name inside the articles folder.
pub const EDITORIAL_FILE: &str = "editorial.toml";

/// The checked rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editorial {
    /// Slugs of published articles that are not clinical (the About page):
    /// they need no sources or Key facts.
    pub not_clinical: Vec<String>,
    /// PubMed or DOI sources every clinical article cites at least.
    pub min_scholarly_sources: usize,
    /// Words of prose a clinical article has: at least, at most.
    pub words: (usize, usize),
    /// Whether the first callout must be "Key facts", each fact citing a source.
    pub key_facts_first: bool,
    /// Whether a clinical article must link to another article or the self-check.
    pub link_onward: bool,
    /// Words a reader may not know, and a phrase their first use must come with.
    pub explain: Vec<Explain>,
}

/// One word (with its other forms) and the phrase that explains it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explain {
    pub words: Vec<String>,
    /// A phrase the first block that uses the word must contain.
    pub with: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    not_clinical: Vec<String>,
    min_scholarly_sources: usize,
    words: Spanned<(usize, usize)>,
    key_facts_first: bool,
    link_onward: bool,
    #[serde(default)]
    explain: Vec<Spanned<Explain>>,
}

/// The title the first callout of a clinical article has.
pub(crate) const KEY_FACTS: &str = "Key facts";

impl Editorial {
    /// Reads and checks the file in `articles`; no file means no rules.
    pub fn load(articles: &Path) -> Result<Option<Editorial>, Vec<Problem>> {
        let path = articles.join(EDITORIAL_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Editorial::parse(&path, &text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(vec![Problem::in_file(
                &path,
                format!("cannot read the editorial rules: {e}"),
                "check that the file can be read",
            )]),
        }
    }

    /// Checks the file's text; `path` only names the file in problems.
    pub fn parse(path: &Path, text: &str) -> Result<Editorial, Vec<Problem>> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            vec![Problem::at(
                path,
                line_of(text, e.span().map_or(0, |s| s.start)),
                e.message().trim().to_string(),
                "the fields are: not_clinical = [\"about\"], min_scholarly_sources = 3, words = [500, 1500], \
                 key_facts_first = true, link_onward = true, and any number of [[explain]] with words = [\"GP\"] \
                 and with = \"family doctor\"",
            )]
        })?;
        let mut problems = Vec::new();
        let (min, max) = *raw.words.get_ref();
        if min > max || max == 0 {
            problems.push(Problem::at(
                path,
                line_of(text, raw.words.span().start),
                format!("`words = [{min}, {max}]` allows no length"),
                "give the fewest words first and the most second, e.g. words = [500, 1500]",
            ));
        }
        for explain in &raw.explain {
            let line = line_of(text, explain.span().start);
            let explain = explain.get_ref();
            if explain.words.is_empty() || explain.words.iter().any(|w| w.trim().is_empty()) {
                problems.push(Problem::at(
                    path,
                    line,
                    "an [[explain]] has an empty word",
                    "list the words, e.g. words = [\"GP\"]",
                ));
            }
            if explain.with.trim().is_empty() {
                problems.push(Problem::at(
                    path,
                    line,
                    "an [[explain]] has no explanation",
                    "write a phrase of its plain explanation, e.g. with = \"family doctor\"",
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Editorial {
            not_clinical: raw.not_clinical,
            min_scholarly_sources: raw.min_scholarly_sources,
            words: (min, max),
            key_facts_first: raw.key_facts_first,
            link_onward: raw.link_onward,
            explain: raw.explain.into_iter().map(Spanned::into_inner).collect(),
        })
    }

    /// Every `not_clinical` slug names an article.
    pub(crate) fn check_names(&self, path: &Path, slugs: &HashSet<&str>) -> Vec<Problem> {
        self.not_clinical
            .iter()
            .filter(|slug| !slugs.contains(slug.as_str()))
            .map(|slug| {
                Problem::in_file(
                    path,
                    format!("`not_clinical` names `{slug}`, and there is no such article"),
                    "list the slugs (file names without `.md`) of articles that are not clinical",
                )
            })
            .collect()
    }

    /// The problems of one published article.
    pub fn check(&self, path: &Path, source: &str, parsed: &Parsed) -> Vec<Problem> {
        let Parsed { article, links, body } = parsed;
        if self.not_clinical.contains(&article.slug) {
            return Vec::new();
        }
        let mut problems = Vec::new();
        let body_line = body_line(source);
        let mut at =
            |line: usize, message: String, fix: &str| problems.push(Problem::at(path, line, message, fix));
        let scholarly = body
            .references
            .iter()
            .filter(|r| {
                let html = r.html.as_str();
                html.contains("https://pubmed.ncbi.nlm.nih.gov/") || html.contains("https://doi.org/")
            })
            .count();
        if scholarly < self.min_scholarly_sources {
            let line =
                source.find("\n[^").map_or(line_of(source, source.len()), |at| line_of(source, at + 1));
            at(
                line,
                format!(
                    "a clinical article cites {scholarly} PubMed or DOI sources, fewer than {}",
                    self.min_scholarly_sources
                ),
                "cite research for the main claims: `[^label]: Author, year. Title. Journal. [PubMed 123](https://pubmed.ncbi.nlm.nih.gov/123/)`",
            );
        }
        if self.key_facts_first {
            if body.callouts.first().map(|c| c.title.as_str()) != Some(KEY_FACTS) {
                at(
                    body_line,
                    format!(
                        "a clinical article starts with a \"{KEY_FACTS}\" callout, and this one does not"
                    ),
                    "start the body with `> [!NOTE]`, `> **Key facts**`, `>` and a list of the two to five facts a reader needs most",
                );
            }
            for (line, fact) in key_facts(source) {
                if !fact.contains("[^") {
                    at(
                        line,
                        format!("the Key fact `{fact}` cites no source"),
                        "cite the source of the fact, as the text below does: `...fact.[^label]`",
                    );
                }
            }
        }
        if self.link_onward
            && !links.internal.iter().any(|l| l.target.starts_with("/articles/") || l.target == "/self-check")
        {
            at(
                body_line,
                "a clinical article links to no other article and not to the self-check".to_string(),
                "link onward where it helps the reader, e.g. [the self-check](/self-check) or [warning signs](/articles/warning-signs)",
            );
        }
        let (min, max) = self.words;
        let words = article.words;
        if !(min..=max).contains(&words) {
            at(
                body_line,
                format!("the article has {words} words of prose; clinical articles have {min} to {max}"),
                if words < min {
                    "say more: what it is, what to do, when to get help"
                } else {
                    "cut it down, or split it into two articles that link to each other"
                },
            );
        }
        let blocks = page_blocks(source, &article.meta.title, &article.meta.description);
        for explain in &self.explain {
            let first = blocks.iter().find(|(_, b)| explain.words.iter().any(|w| contains_word(b, w)));
            if let Some((line, block)) = first
                && !block.contains(&explain.with)
            {
                at(
                    *line,
                    format!("\"{}\" is first used here without \"{}\"", explain.words[0], explain.with),
                    "explain the word where the page first uses it, with the words the editorial rules give",
                );
            }
        }
        problems
    }
}

/// The line the body starts on: after the closing `+++`.
fn body_line(source: &str) -> usize {
    source.get(3..).and_then(|rest| rest.find("\n+++")).map_or(1, |at| line_of(source, at + 4) + 1)
}

/// The list items of the `**Key facts**` callout, with their lines.
fn key_facts(source: &str) -> Vec<(usize, &str)> {
    source
        .lines()
        .enumerate()
        .skip_while(|(_, line)| line.trim() != format!("> **{KEY_FACTS}**"))
        .skip(1)
        .take_while(|(_, line)| line.starts_with('>'))
        .filter_map(|(i, line)| Some((i + 1, line.trim_start_matches('>').trim().strip_prefix("- ")?)))
        .collect()
}

/// The body as blocks separated by blank lines, each heading joined to the
/// block after it, without front matter or footnote definitions; each with
/// the line it starts on.
fn blocks(source: &str) -> Vec<(usize, String)> {
    let start = source.get(3..).and_then(|rest| rest.find("\n+++")).map_or(0, |at| at + 7);
    let body = source.get(start..).unwrap_or_default();
    let mut blocks = Vec::new();
    // The headings waiting for their block, and the line of the first.
    let mut heading = (String::new(), None);
    let mut offset = start;
    for raw in body.split("\n\n") {
        let block = raw.trim();
        let line = line_of(source, offset + (raw.len() - raw.trim_start().len()));
        offset += raw.len() + 2;
        if block.is_empty() || block.starts_with("[^") {
            continue;
        }
        if block.starts_with('#') {
            heading.0 = format!("{}{block}\n", heading.0);
            heading.1 = heading.1.or(Some(line));
        } else {
            let (text, first) = std::mem::take(&mut heading);
            blocks.push((first.unwrap_or(line), format!("{text}{block}")));
        }
    }
    blocks
}

/// The blocks in the order a reader meets them: the top of the page (the
/// title and the summary line under it, from the front matter), then the
/// body's [`blocks`].
fn page_blocks(source: &str, title: &str, description: &str) -> Vec<(usize, String)> {
    let line = source.find("\ndescription").map_or(1, |at| line_of(source, at + 1));
    let mut out = vec![(line, format!("{title}\n{description}"))];
    out.extend(blocks(source));
    out
}

/// Whether `text` has `word` with no letter or digit either side.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_facts_are_read_from_the_callout_only_with_their_lines() {
        let source = "> [!NOTE]\n> **Key facts**\n>\n> - One.[^a]\n> - Two.\n\n- Not a fact.\n";
        assert_eq!(key_facts(source), [(4, "One.[^a]"), (5, "Two.")]);
        assert!(key_facts("- No callout.\n").is_empty());
    }

    #[test]
    fn words_are_found_whole_and_in_their_first_block() {
        assert!(contains_word("see a GP today", "GP"));
        assert!(!contains_word("GPS", "GP"));
        assert!(!contains_word("industrial", "trial"));
        let source = "+++\ntitle = \"GP\"\n+++\n\n## A GP\n\nA GP is a family doctor.\n\n[^a]: GP.\n";
        assert_eq!(blocks(source), [(5, "## A GP\nA GP is a family doctor.".to_string())]);
        assert_eq!(body_line(source), 4);
        let source =
            "+++\ntitle = \"T\"\ndescription = \"When to see a GP.\"\n+++\n\nA GP is a family doctor.\n";
        let page = page_blocks(source, "T", "When to see a GP.");
        assert_eq!(page[0], (3, "T\nWhen to see a GP.".to_string()), "the summary line comes first");
        assert_eq!(page[1].1, "A GP is a family doctor.");
    }

    #[test]
    fn the_file_is_checked_with_lines_and_fixes() {
        let good =
            "min_scholarly_sources = 3\nwords = [500, 1500]\nkey_facts_first = true\nlink_onward = true\n";
        let rules = Editorial::parse(Path::new("e.toml"), good).unwrap();
        assert_eq!(rules.words, (500, 1500));
        let err =
            Editorial::parse(Path::new("e.toml"), &good.replace("[500, 1500]", "[900, 100]")).unwrap_err();
        assert_eq!(err[0].line, Some(2));
        assert!(err[0].message.contains("allows no length"), "{err:?}");
        let err = Editorial::parse(Path::new("e.toml"), &format!("{good}min_words = 3\n")).unwrap_err();
        assert!(
            err[0].message.contains("unknown field `min_words`")
                && err[0].fix.contains("words = [500, 1500]")
        );
    }
}
