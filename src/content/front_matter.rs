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
    /// Dated notes of the changes that matter to readers, one line each:
    /// `changes = [{ date = 2026-11-29, note = "..." }]`. The latest date
    /// is the page's "Last updated", its Atom `updated` and sitemap `lastmod`.
    #[serde(default)]
    pub changes: Vec<Change>,
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

/// One change that matters to readers: when, and what, in one line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: Date,
    pub note: String,
}

/// The longest change note: one line on a phone is about this long twice.
pub(crate) const CHANGE_NOTE_MAX: usize = 200;

/// The longest description that search results show in full.
pub(crate) const DESCRIPTION_MAX: usize = 160;

const FIELDS_HELP: &str = "the fields are: title, description, published, changes, reviewed, next_review, reviewer, order, tags, aliases, draft";

/// Parses the front matter `text`, which starts at byte `offset` of `source`.
pub(crate) fn parse(file: &Path, source: &str, text: &str, offset: usize) -> Result<FrontMatter, Problem> {
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
            "date" | "note" => {
                return "give each change a date and a one-line note: `changes = [{ date = 2026-11-29, note = \"What changed, in one line.\" }]`".to_string();
            }
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
    if message.starts_with("unknown field `updated`") {
        return "write the change as a dated note instead: `changes = [{ date = 2026-11-29, note = \"What changed, in one line.\" }]`".to_string();
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

    /// The date the content last changed: the latest change note, else
    /// `published`.
    pub fn modified(&self) -> Date {
        self.changes.iter().map(|c| c.date).max().unwrap_or(self.published).max(self.published)
    }

    /// The change notes, newest first (the order readers look for).
    pub(crate) fn changes_newest_first(&self) -> Vec<&Change> {
        let mut changes: Vec<&Change> = self.changes.iter().collect();
        changes.sort_by_key(|c| std::cmp::Reverse(c.date));
        changes
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
        for change in &self.changes {
            if change.date < self.published {
                problem(
                    format!("the change dated {} is before `published` ({})", change.date, self.published),
                    "date each change on or after `published`; the first version needs no note",
                );
            }
            let note = change.note.trim();
            if note.is_empty() || note.contains('\n') || note.chars().count() > CHANGE_NOTE_MAX {
                problem(
                    format!(
                        "the note of the change dated {} is not one line of 1 to {CHANGE_NOTE_MAX} characters",
                        change.date
                    ),
                    "say what changed for readers in one short line, e.g. `note = \"Added what to do after a fall.\"`",
                );
            }
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

pub(crate) use super::slug::is_slug;

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
    fn a_change_before_published_an_empty_note_and_bad_tags_are_refused() {
        let fm = parse_str(&format!(
            "{GOOD}changes = [{{ date = 2026-10-01, note = \"Earlier.\" }}, {{ date = 2026-11-02, note = \" \" }}]\ntags = [\"Bad Tag\"]\n"
        ))
        .unwrap();
        let problems = fm.check(Path::new("a.md"), 1);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].message.contains("the change dated 2026-10-01 is before `published`"));
        assert!(problems[1].message.contains("is not one line"), "{}", problems[1].message);
    }

    #[test]
    fn the_latest_change_is_the_date_modified_and_notes_come_newest_first() {
        let fm = parse_str(&format!(
            "{GOOD}changes = [\n  {{ date = 2026-11-05, note = \"First.\" }},\n  {{ date = 2026-11-20, note = \"Second.\" }},\n]\n"
        ))
        .unwrap();
        assert!(fm.check(Path::new("a.md"), 1).is_empty());
        assert_eq!(fm.modified().iso(), "2026-11-20");
        let notes: Vec<&str> = fm.changes_newest_first().iter().map(|c| c.note.as_str()).collect();
        assert_eq!(notes, ["Second.", "First."]);
        assert_eq!(parse_str(GOOD).unwrap().modified().iso(), "2026-11-01", "no notes: published");
    }

    #[test]
    fn the_old_updated_field_says_to_write_a_note() {
        let err = parse_str(&format!("{GOOD}updated = 2026-11-05\n")).unwrap_err();
        assert!(err.fix.contains("changes = [{ date = 2026-11-29, note = "), "{}", err.fix);
        let err = parse_str(&format!("{GOOD}changes = [{{ date = 2026-11-05 }}]\n")).unwrap_err();
        assert!(err.fix.contains("a date and a one-line note"), "{}", err.fix);
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
            "changes = [{ date = 2026-11-02, note = \"N.\" }]\n",
            "changes = [{ date = 2026-02-30 }]\n",
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
