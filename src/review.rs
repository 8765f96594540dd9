//! A clinical review: who checked a page or the self-check questions, and when.
//!
//! Shared by articles and the questionnaire, so a review reads the same
//! everywhere and one rule ([`check`]) decides whether the review fields make
//! sense. A review exists only when a named clinician has done it.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Deserialize;

use crate::date::Date;
use crate::problem::Problem;

/// A completed clinical review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The day of the review.
    pub reviewed: Date,
    /// When the next review is due.
    pub next_review: Date,
    /// The named clinician.
    pub reviewer: Reviewer,
}

impl Review {
    /// Whether the review is overdue on `today`: from the day after
    /// `next_review`. Pages and `check` ask this with a date they are given,
    /// never the system clock, so tests can set the day.
    pub fn is_overdue(&self, today: Date) -> bool {
        today > self.next_review
    }
}

/// A named clinician.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reviewer {
    /// Full name, as it should appear on the page.
    pub name: String,
    /// Their role, e.g. "GP" or "Physiotherapist".
    pub role: String,
}

/// What can be wrong with the three review fields. The caller knows the file
/// and the line; this knows the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewProblem {
    /// Some of `reviewed`, `next_review` and `reviewer` are set, not all three.
    Incomplete,
    /// `next_review` is on or before `reviewed`.
    NextNotAfter { reviewed: Date, next_review: Date },
    /// The reviewer's name or role is empty.
    NameOrRoleEmpty,
}

impl ReviewProblem {
    /// What is wrong.
    pub fn message(&self) -> String {
        match self {
            ReviewProblem::Incomplete => {
                "a clinical review needs `reviewed`, `next_review` and `reviewer` together".into()
            }
            ReviewProblem::NextNotAfter { reviewed, next_review } => {
                format!("`next_review` ({next_review}) is not after `reviewed` ({reviewed})")
            }
            ReviewProblem::NameOrRoleEmpty => "the reviewer's name or role is empty".into(),
        }
    }

    /// What to write instead.
    pub fn fix(&self) -> &'static str {
        match self {
            ReviewProblem::Incomplete => {
                "after a real review set all three (`reviewer = { name = \"...\", role = \"...\" }`); until then leave all three out"
            }
            ReviewProblem::NextNotAfter { .. } => {
                "set `next_review` to a date after `reviewed`, usually within three years"
            }
            ReviewProblem::NameOrRoleEmpty => {
                "write both: `reviewer = { name = \"Dr A Smith\", role = \"GP\" }`"
            }
        }
    }
}

/// The one rule for review fields, in articles and the questionnaire: all
/// three or none; the next review after this one; a name and a role. Returns
/// the review when all three are set, and every problem found.
pub fn check(
    reviewed: Option<Date>,
    next_review: Option<Date>,
    reviewer: Option<&Reviewer>,
) -> (Option<Review>, Vec<ReviewProblem>) {
    let (Some(reviewed), Some(next_review), Some(reviewer)) = (reviewed, next_review, reviewer) else {
        let any = reviewed.is_some() || next_review.is_some() || reviewer.is_some();
        return (None, if any { vec![ReviewProblem::Incomplete] } else { Vec::new() });
    };
    let mut problems = Vec::new();
    if next_review <= reviewed {
        problems.push(ReviewProblem::NextNotAfter { reviewed, next_review });
    }
    if reviewer.name.trim().is_empty() || reviewer.role.trim().is_empty() {
        problems.push(ReviewProblem::NameOrRoleEmpty);
    }
    (Some(Review { reviewed, next_review, reviewer: reviewer.clone() }), problems)
}

/// A reviewed page's next review, as `knotwise check` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextReview {
    /// The file the review fields are in.
    pub file: PathBuf,
    /// The page's title (or "The self-check questions").
    pub title: String,
    /// `next_review`.
    pub due: Date,
}

impl NextReview {
    /// The warning `check` prints once the review is overdue on `today`.
    /// A warning, not a problem: a date passing must never fail a build.
    pub fn overdue_warning(&self, today: Date) -> Option<Problem> {
        let overdue = today.days() - self.due.days();
        (overdue > 0).then(|| {
            Problem::in_file(
                &self.file,
                format!(
                    "the next clinical review was due on {} ({} ago); the page says its review is overdue",
                    self.due.long(),
                    days_in_words(overdue)
                ),
                "after a real review, set `reviewed` to its date and `next_review` to the next one",
            )
        })
    }
}

/// "1 day", "2 days".
fn days_in_words(days: i64) -> String {
    format!("{days} day{}", if days == 1 { "" } else { "s" })
}

/// `knotwise check --due <days>`: the reviews due by `today` plus `days`,
/// overdue ones included, earliest first, one line each with the date.
pub fn due_report(reviews: &[NextReview], today: Date, days: u32) -> String {
    let until = today.plus_days(i64::from(days));
    let mut due: Vec<&NextReview> = reviews.iter().filter(|r| r.due <= until).collect();
    due.sort_by(|a, b| (a.due, &a.file).cmp(&(b.due, &b.file)));
    let mut out = format!(
        "{} of {} reviewed pages {} a clinical review due by {} ({days} days from {}):\n",
        due.len(),
        reviews.len(),
        if due.len() == 1 { "has" } else { "have" },
        until.long(),
        today.long()
    );
    for review in due {
        let when = match today.days() - review.due.days() {
            overdue if overdue > 0 => format!("overdue by {}", days_in_words(overdue)),
            0 => "due today".to_string(),
            ahead => format!("in {}", days_in_words(-ahead)),
        };
        let _ = writeln!(
            out,
            "  {}  {:<22} {}  ({})",
            review.due.iso(),
            when,
            review.file.display(),
            review.title
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    fn reviews() -> Vec<NextReview> {
        [("a.md", day(2027, 3, 1)), ("b.md", day(2026, 11, 30)), ("c.md", day(2027, 1, 30))]
            .into_iter()
            .map(|(file, due)| NextReview { file: file.into(), title: format!("Title {file}"), due })
            .collect()
    }

    #[test]
    fn overdue_is_from_the_day_after_the_date() {
        let review = Review {
            reviewed: day(2026, 1, 1),
            next_review: day(2026, 11, 30),
            reviewer: Reviewer { name: "A".into(), role: "GP".into() },
        };
        assert!(!review.is_overdue(day(2026, 11, 30)));
        assert!(review.is_overdue(day(2026, 12, 1)));
        let b = &reviews()[1];
        assert!(b.overdue_warning(day(2026, 11, 30)).is_none());
        let warning = b.overdue_warning(day(2026, 12, 2)).unwrap();
        assert!(warning.message.contains("was due on 30 November 2026 (2 days ago)"), "{warning}");
    }

    #[test]
    fn the_due_report_lists_what_falls_within_the_days_earliest_first() {
        let report = due_report(&reviews(), day(2026, 12, 1), 60);
        assert_eq!(
            report,
            "2 of 3 reviewed pages have a clinical review due by 30 January 2027 (60 days from 1 December 2026):\n\
             \x20 2026-11-30  overdue by 1 day       b.md  (Title b.md)\n\
             \x20 2027-01-30  in 60 days             c.md  (Title c.md)\n"
        );
        let none = due_report(&reviews(), day(2026, 11, 1), 0);
        assert!(none.starts_with("0 of 3 reviewed pages have"), "{none}");
        assert_eq!(none.lines().count(), 1);
    }
}
