//! A clinical review: who checked a page or the self-check questions, and when.
//!
//! Shared by articles and the questionnaire, so a review reads the same
//! everywhere and one rule ([`check`]) decides whether the review fields make
//! sense. A review exists only when a named clinician has done it.

use serde::Deserialize;

use crate::date::Date;

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
