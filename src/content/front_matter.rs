//! The typed front matter at the top of every article, and its checks.
//!
//! serde does the shape (types, unknown fields, dates); [`FrontMatter::check`]
//! does the rules serde cannot express. Both report problems with the line
//! and what to write instead, because the people who fix them are authors
//! and clinical reviewers, not programmers.

use std::path::Path;

use serde::Deserialize;

use crate::date::Date;
use crate::problem::{Problem, line_of};
use crate::review::{self, Review, Reviewer};

/// The fields an article may set, as written between its `+++` lines.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title: a question or a short phrase, shown as the `h1`.
    pub title: String,
    /// One sentence for the meta description, search results and link previews.
    pub description: String,
    /// When the article was first published.
    pub published: Date,
    /// When the article last changed in a way that matters to readers.
    #[serde(default)]
    pub updated: Option<Date>,
    /// When a named clinician last reviewed it. Set only after a real review.
    #[serde(default)]
    pub reviewed: Option<Date>,
    /// When the next clinical review is due.
    #[serde(default)]
    pub next_review: Option<Date>,
    /// Who reviewed it.
    #[serde(default)]
    pub reviewer: Option<Reviewer>,
    /// Position in the navigation and on the home page, lowest first.
    pub order: u32,
    /// Topics, lowercase words joined by hyphens; shared tags link related articles.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Old slugs that should keep working; they redirect here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A draft is checked but not served.
    #[serde(default)]
    pub draft: bool,
}

/// The longest description that search results show in full.
pub const DESCRIPTION_MAX: usize = 160;

const FIELDS_HELP: &str = "the fields are: title, description, published, updated, reviewed, next_review, reviewer, order, tags, aliases, draft";

/// Parses the front matter `text`, which starts at byte `offset` of `source`.
pub fn parse(file: &Path, source: &str, text: &str, offset: usize) -> Result<FrontMatter, Problem> {
    toml::from_str::<FrontMatter>(text).map_err(|err| {
        let line = line_of(source, offset + err.span().map_or(0, |s| s.start));
        let message = err.message().trim().to_string();
        Problem::at(file, line, message.clone(), fix_for(&message))
    })
}

/// Suggests what to write for a TOML or serde message.
fn fix_for(message: &str) -> String {
    if let Some(field) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
        let example = match field {
            "title" => "title = \"What is a muscle knot?\"",
            "description" => "description = \"One sentence that says what the page is about.\"",
            "published" => "published = 2026-11-23",
            "order" => "order = 3",
            // Inside `reviewer = { … }`: the reviewer needs both.
            "name" | "role" => {
                return format!(
                    "give the reviewer a `{field}`: `reviewer = {{ name = \"Dr A Smith\", role = \"GP\" }}`"
                );
            }
            other => return format!("add the `{other}` field; {FIELDS_HELP}"),
        };
        return format!("add a line `{example}` between the `+++` lines");
    }
    if message.starts_with("unknown field") {
        return format!("check the spelling or remove the line; {FIELDS_HELP}");
    }
    if message.contains("plain date") || message.contains("date") {
        return "write the date bare, as year-month-day: `published = 2026-11-23`".to_string();
    }
    "fix the TOML on this line: text goes in double quotes, dates are bare (2026-11-23), lists are [\"a\", \"b\"]".to_string()
}

impl FrontMatter {
    /// The review, when all three review fields are set.
    pub fn review(&self) -> Option<Review> {
        match (&self.reviewed, &self.next_review, &self.reviewer) {
            (Some(reviewed), Some(next_review), Some(reviewer)) => {
                Some(Review { reviewed: *reviewed, next_review: *next_review, reviewer: reviewer.clone() })
            }
            _ => None,
        }
    }

    /// The date the content last changed: `updated`, else `published`.
    pub fn modified(&self) -> Date {
        self.updated.unwrap_or(self.published)
    }

    /// The rules serde cannot check. `line` is the front matter's first line.
    pub fn check(&self, file: &Path, line: usize) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut problem = |message: String, fix: &str| problems.push(Problem::at(file, line, message, fix));
        if self.title.trim().is_empty() {
            problem(
                "`title` is empty".into(),
                "write the page title, e.g. `title = \"What is a muscle knot?\"`",
            );
        }
        let description = self.description.trim();
        if description.is_empty() {
            problem("`description` is empty".into(), "write one sentence that says what the page is about");
        } else {
            if description.chars().count() > DESCRIPTION_MAX {
                problem(
                    format!("`description` is {} characters long", description.chars().count()),
                    "shorten it to 160 characters or fewer, so search results and link previews show it whole",
                );
            }
            let sentences =
                description.trim_end_matches(['.', '!', '?']).matches(['.', '!', '?']).count() + 1;
            if sentences > 1 || !description.ends_with(['.', '?', '!']) {
                problem(
                    "`description` should be exactly one sentence".into(),
                    "write one sentence that ends with a full stop",
                );
            }
        }
        if let Some(updated) = self.updated
            && updated < self.published
        {
            problem(
                format!("`updated` ({updated}) is before `published` ({})", self.published),
                "set `updated` to the date of the latest change, on or after `published`",
            );
        }
        let (_, review_problems) = review::check(self.reviewed, self.next_review, self.reviewer.as_ref());
        for review_problem in review_problems {
            problem(review_problem.message(), review_problem.fix());
        }
        for tag in self.tags.iter().chain(&self.aliases) {
            if !is_slug(tag) {
                let fix = match super::slug::slugify(tag) {
                    slug if slug.is_empty() => "write tags and aliases like `trigger-points`".to_string(),
                    slug => format!("write it as `{slug}`: tags and aliases follow the one slug rule"),
                };
                problem(
                    format!("`{tag}` has characters other than lowercase letters, digits and hyphens"),
                    &fix,
                );
            }
        }
        problems
    }
}

pub use super::slug::is_slug;

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title = \"T\"\ndescription = \"One sentence.\"\npublished = 2026-11-01\norder = 1\n";

    fn parse_str(text: &str) -> Result<FrontMatter, Problem> {
        let source = format!("+++\n{text}+++\nBody\n");
        parse(Path::new("a.md"), &source, text, 4)
    }

    #[test]
    fn parses_the_minimal_front_matter() {
        let fm = parse_str(GOOD).unwrap();
        assert_eq!(fm.title, "T");
        assert_eq!(fm.order, 1);
        assert!(!fm.draft);
        assert!(fm.review().is_none());
        assert!(fm.check(Path::new("a.md"), 1).is_empty());
    }

    #[test]
    fn unknown_field_names_its_line_and_the_allowed_fields() {
        let err = parse_str(&format!("{GOOD}titel = \"x\"\n")).unwrap_err();
        assert_eq!(err.line, Some(6));
        assert!(err.message.contains("unknown field `titel`"), "{}", err.message);
        assert!(err.fix.contains("title, description"), "{}", err.fix);
    }

    #[test]
    fn missing_field_suggests_a_line_to_add() {
        let err = parse_str("title = \"T\"\npublished = 2026-11-01\norder = 1\n").unwrap_err();
        assert!(err.message.contains("missing field `description`"), "{}", err.message);
        assert!(err.fix.contains("description = "), "{}", err.fix);
    }

    #[test]
    fn bad_date_is_reported_on_its_line() {
        let err = parse_str("title = \"T\"\ndescription = \"D.\"\npublished = 2026-13-01\norder = 1\n")
            .unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.fix.contains("2026-11-23"), "{}", err.fix);
    }

    #[test]
    fn partial_review_is_refused() {
        let fm = parse_str(&format!("{GOOD}reviewed = 2026-11-02\n")).unwrap();
        let problems = fm.check(Path::new("a.md"), 1);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("needs `reviewed`, `next_review` and `reviewer` together"));
    }

    #[test]
    fn complete_review_is_read() {
        let fm = parse_str(&format!(
            "{GOOD}reviewed = 2026-11-02\nnext_review = 2027-11-02\nreviewer = {{ name = \"Dr A\", role = \"GP\" }}\n"
        ))
        .unwrap();
        assert!(fm.check(Path::new("a.md"), 1).is_empty());
        assert_eq!(fm.review().unwrap().reviewer.role, "GP");
    }

    #[test]
    fn long_or_multi_sentence_description_is_refused() {
        let fm = parse_str("title = \"T\"\ndescription = \"One. Two.\"\npublished = 2026-11-01\norder = 1\n")
            .unwrap();
        assert!(fm.check(Path::new("a.md"), 1)[0].message.contains("one sentence"));
        let long = "a".repeat(170) + ".";
        let fm = parse_str(&format!(
            "title = \"T\"\ndescription = \"{long}\"\npublished = 2026-11-01\norder = 1\n"
        ))
        .unwrap();
        assert!(fm.check(Path::new("a.md"), 1)[0].message.contains("171 characters"));
    }

    #[test]
    fn updated_before_published_and_bad_tags_are_refused() {
        let fm = parse_str(&format!("{GOOD}updated = 2026-10-01\ntags = [\"Bad Tag\"]\n")).unwrap();
        let problems = fm.check(Path::new("a.md"), 1);
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn a_reviewer_without_a_role_gets_a_real_fix() {
        let err = parse_str(&format!(
            "{GOOD}reviewed = 2026-11-02\nnext_review = 2027-11-02\nreviewer = {{ name = \"Dr A\" }}\n"
        ))
        .unwrap_err();
        assert!(err.message.contains("missing field `role`"), "{}", err.message);
        assert_eq!(err.line, Some(8));
        assert_eq!(
            err.fix,
            "give the reviewer a `role`: `reviewer = { name = \"Dr A Smith\", role = \"GP\" }`"
        );
    }

    proptest::proptest! {
        /// Whatever is written between the `+++` lines, the answer is front
        /// matter or one problem on a line of the file with a fix: never a panic.
        #[test]
        fn any_text_is_front_matter_or_a_problem_on_a_line(text in front_matterish()) {
            let source = format!("+++\n{text}\n+++\nBody\n");
            match parse(Path::new("a.md"), &source, &text, 4) {
                Ok(meta) => {
                    for problem in meta.check(Path::new("a.md"), 1) {
                        proptest::prop_assert!(!problem.fix.is_empty(), "{problem}");
                    }
                }
                Err(problem) => {
                    let line = problem.line.expect("a line");
                    proptest::prop_assert!((1..=source.lines().count()).contains(&line), "{problem}");
                    proptest::prop_assert!(!problem.fix.trim().is_empty() && !problem.fix.contains("``"), "{problem}");
                }
            }
        }
    }

    /// TOML-ish text: the real field names and values mixed with noise.
    fn front_matterish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "title = \"T\"\n",
            "description = \"One sentence.\"\n",
            "published = 2026-11-01\n",
            "order = 1\n",
            "updated = 2026-02-30\n",
            "reviewed = 2026-11-02\n",
            "next_review = 2027-11-02\n",
            "reviewer = { name = \"A\" }\n",
            "reviewer = { role = \"GP\" }\n",
            "tags = [\"a\", 1]\n",
            "aliases = \"x\"\n",
            "draft = yes\n",
            "order = -1\n",
            "order = 99999999999\n",
            "[reviewer]\n",
            "= \"",
            "\"",
            "'''",
            "\n",
            "#",
            "{",
            "}",
            "[",
            "]",
            "titel = 1\n",
        ]);
        prop::collection::vec(prop_oneof![pieces.prop_map(String::from), any::<String>()], 0..12)
            .prop_map(|parts| parts.concat())
    }
}
