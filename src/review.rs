//! A clinical review: who checked a page or the self-check questions, and when.
//!
//! Shared by articles and the questionnaire, so a review reads the same
//! everywhere. A review exists only when a named clinician has done it.

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
