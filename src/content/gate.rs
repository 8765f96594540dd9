//! The content gate: every rule a published article must meet, and the
//! options that tune them.
//!
//! `knotwise check`, `serve`, `serve --watch` and `export` get content only
//! through `site::Content::load` or `load_to_serve`, and both run
//! [`Gate::article`] on every file while its source is at hand, then
//! [`Gate::questionnaire`]. There is no other way to load content, so the
//! four commands refuse exactly the same files, each problem with its line
//! and the fix.
//!
//! What the gate checks beyond the shape of a file (front matter, Markdown,
//! links, which loading checks everywhere, drafts included):
//! - readability: the prose at or below [`Options::max_grade`];
//! - placeholders: no sentence of `knotwise new`'s skeleton is published;
//! - the editors' rules in `articles/editorial.toml` ([`Editorial`]).
//!
//! Drafts pass the last two: a draft is work in progress, and it is never
//! served.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::Parsed;
use super::editorial::Editorial;
use super::readability::{DEFAULT_MAX_GRADE, Readability};
use crate::date::Date;
use crate::problem::{Problem, line_of};

/// The options of the gate, the same for `check`, `serve` and `export`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Options {
    /// The highest Flesch-Kincaid grade any prose may have.
    pub max_grade: MaxGrade,
}

/// A readability limit: a Flesch-Kincaid grade from [`MaxGrade::LOWEST`] to
/// [`MaxGrade::HIGHEST`]. `nan` once turned the gate off (every comparison
/// with NaN is false), so the value is checked where it is read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaxGrade(f64);

impl MaxGrade {
    /// Grade 1: a six-year-old's reading. Below it no real sentence passes.
    pub(crate) const LOWEST: f64 = 1.0;
    /// Grade 18: postgraduate. Above it the gate would refuse nothing.
    pub(crate) const HIGHEST: f64 = 18.0;

    pub fn get(self) -> f64 {
        self.0
    }
}

impl Default for MaxGrade {
    fn default() -> Self {
        MaxGrade(DEFAULT_MAX_GRADE)
    }
}

impl fmt::Display for MaxGrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}", self.0)
    }
}

impl FromStr for MaxGrade {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (low, high) = (MaxGrade::LOWEST, MaxGrade::HIGHEST);
        match s.trim().parse::<f64>() {
            Ok(grade) if (low..=high).contains(&grade) => Ok(MaxGrade(grade)),
            _ => Err(format!(
                "`{s}` is not a Flesch-Kincaid grade from {low} to {high}; fix: give a school grade such as \
                 {DEFAULT_MAX_GRADE} (a reading age of about 14), or leave it out"
            )),
        }
    }
}

/// The sentences `knotwise new` writes for the author to replace. The gate
/// finds each one in a published article; the skeleton is built from them,
/// so the two never drift apart.
pub mod placeholder {
    use std::sync::LazyLock;

    use crate::needles::Needles;

    pub(crate) const DESCRIPTION: &str = "Replace this with one sentence that says what the page is about.";
    pub(crate) const FACT: &str = "Put the two or three facts a reader needs most here.";
    pub(crate) const FACT_SHORT: &str = "Keep each one short.";
    pub(crate) const OPENING: &str = "Start with a short answer to the question in the title.";
    pub(crate) const HEADING: &str = "A question readers ask";
    pub(crate) const ANSWER: &str = "Answer it here.";
    /// The made-up reference: author, title and an NHS address that does not exist.
    pub(crate) const REFERENCE: &str = "Authors and others, 2026. The title of the paper or page.";
    pub(crate) const REFERENCE_URL: &str = "https://www.nhs.uk/conditions/replace-with-the-page/";

    /// Every placeholder, with what to write instead.
    pub const ALL: [(&str, &str); 8] = [
        (DESCRIPTION, "write one sentence that says what the page is about"),
        (FACT, "write the two or three facts a reader needs most, each citing its source"),
        (FACT_SHORT, "write the facts themselves, or delete this line"),
        (OPENING, "write a short answer to the question in the title"),
        (HEADING, "write a question that readers ask"),
        (ANSWER, "write the answer"),
        (REFERENCE, "cite a real source: its authors, year, title and journal or site"),
        (REFERENCE_URL, "link the real page: a PubMed, DOI or NHS address that you have opened"),
    ];

    /// Where each placeholder stands in `source`, in order, with what to
    /// write instead: one pass over every published article's source.
    pub(crate) fn find(source: &str) -> impl Iterator<Item = (usize, (&'static str, &'static str))> + '_ {
        static TEXTS: LazyLock<Needles<'static>> = LazyLock::new(|| Needles::new(ALL.map(|(text, _)| text)));
        TEXTS.find(source).map(|(at, i)| (at, ALL[i]))
    }
}

/// The gate for one load: its options and the editors' rules.
#[derive(Debug, Clone)]
pub struct Gate {
    pub options: Options,
    /// `None` when the site has no `editorial.toml`.
    pub editorial: Option<Editorial>,
    /// The day of the load: no review can have happened after it.
    pub today: Date,
}

impl Gate {
    /// The gate with `options` and the editors' rules, on today's date.
    pub fn new(options: Options, editorial: Option<Editorial>) -> Gate {
        Gate { options, editorial, today: Date::today() }
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new(Options::default(), None)
    }
}

impl Gate {
    /// Every problem of one parsed article that stops it being published.
    /// `source` is the file's text, for lines.
    pub fn article(&self, path: &Path, source: &str, parsed: &Parsed) -> Vec<Problem> {
        let article = &parsed.article;
        let mut problems = Vec::new();
        problems.extend(self.readability(path, "the prose", &article.readability));
        if let Some(reviewed) = article.meta.reviewed
            && reviewed > self.today
        {
            let line = source.find("\nreviewed").map_or(1, |at| line_of(source, at + 1));
            problems.push(Problem::at(
                path,
                line,
                format!("`reviewed = {reviewed}` is in the future (today is {})", self.today),
                "set `reviewed` to the day the clinician finished the review, once it has happened",
            ));
        }
        if article.meta.draft {
            return problems;
        }
        for (at, (text, fix)) in placeholder::find(source) {
            problems.push(Problem::at(
                path,
                line_of(source, at),
                format!("`{text}` is a placeholder from `knotwise new`"),
                format!("replace the placeholder: {fix} (a draft may keep it: `draft = true`)"),
            ));
        }
        if let Some(editorial) = &self.editorial {
            problems.extend(editorial.check(path, source, parsed));
        }
        problems
    }

    /// The self-check's own words pass the same readability limit.
    pub fn questionnaire(&self, path: &Path, prose: &Readability) -> Option<Problem> {
        self.readability(
            path,
            "the self-check's text (legends, hints, answers, reasons, actions and advice)",
            prose,
        )
    }

    fn readability(&self, path: &Path, what: &str, measured: &Readability) -> Option<Problem> {
        let limit = self.options.max_grade;
        (measured.grade > limit.get()).then(|| {
            Problem::in_file(
                path,
                format!(
                    "{what} reads at grade {:.1}, above the limit of {limit} (reading age about {:.0})",
                    measured.grade,
                    measured.grade + 5.0
                ),
                "use shorter sentences (under 15 words) and everyday words; explain or replace long medical terms",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_cannot_be_dated_after_today() {
        let source = "+++\ntitle = \"T\"\ndescription = \"D.\"\npublished = 2026-01-01\nreviewed = 2026-06-02\n\
                      next_review = 2027-06-02\nreviewer = { name = \"Dr A\", role = \"GP\" }\norder = 1\n+++\n\nText.\n";
        let (parsed, _) = crate::content::parse(Path::new("a.md"), source);
        let parsed = parsed.expect("parses");
        let gate = |today| Gate { today, ..Gate::default() };
        let before = gate(Date { year: 2026, month: 6, day: 1 }).article(Path::new("a.md"), source, &parsed);
        assert_eq!(before.len(), 1, "{before:?}");
        assert_eq!(before[0].line, Some(5));
        assert_eq!(before[0].message, "`reviewed = 2026-06-02` is in the future (today is 2026-06-01)");
        let on_the_day =
            gate(Date { year: 2026, month: 6, day: 2 }).article(Path::new("a.md"), source, &parsed);
        assert!(on_the_day.is_empty(), "{on_the_day:?}");
    }

    #[test]
    fn every_placeholder_is_found_where_each_search_of_its_own_finds_it() {
        let mut source = String::from("Ça « fait » mal — ");
        for (text, _) in placeholder::ALL.iter().rev() {
            source.push_str(&format!("{text} ✓ Answer it {text}\nA question readers ask\n"));
        }
        let mut each: Vec<(usize, &str)> = placeholder::ALL
            .iter()
            .flat_map(|(text, _)| source.match_indices(text).map(|(at, _)| (at, *text)))
            .collect();
        each.sort();
        let found: Vec<(usize, &str)> =
            placeholder::find(&source).map(|(at, (text, _))| (at, text)).collect();
        assert_eq!(found, each);
        assert_eq!(found.len(), 16 + 8, "each once, and the heading placeholder after each");
        assert_eq!(placeholder::find("Answer it, here. https://www.nhs.uk/").count(), 0);
    }

    #[test]
    fn a_grade_limit_is_a_number_a_reader_could_meet() {
        assert_eq!("9".parse::<MaxGrade>().unwrap().get(), 9.0);
        assert_eq!(" 12.5 ".parse::<MaxGrade>().unwrap().get(), 12.5);
        for bad in ["nan", "NaN", "inf", "-1", "0", "0.5", "19", "1e9", "nine", ""] {
            let err = bad.parse::<MaxGrade>().unwrap_err();
            assert!(err.contains(&format!("`{bad}` is not a Flesch-Kincaid grade from 1 to 18")), "{err}");
            assert!(err.contains("fix: "), "{err}");
        }
    }
}
