//! The questionnaire file as serde reads it, before any checks.
//!
//! serde stops at the first structural error (TOML syntax, an unknown or
//! missing field, a wrong type), so those arrive one at a time. Everything
//! else (levels, ids, rules, links, advice, order) is read as plain strings
//! here and checked by [`super::checker`], so those problems all arrive together.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::problem::{Problem, line_of};
use crate::review::Reviewer;

/// The file as serde reads it, before any checks. Strings stand in for levels
/// and choices so that a wrong value is one problem among many, not the end.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestionnaire {
    pub(super) reviewed: Option<Spanned<Date>>,
    pub(super) next_review: Option<Spanned<Date>>,
    pub(super) reviewer: Option<Spanned<Reviewer>>,
    #[serde(default)]
    pub(super) advice: BTreeMap<Spanned<String>, RawAdvice>,
    #[serde(default)]
    pub(super) question: Vec<Spanned<RawQuestion>>,
    #[serde(default)]
    pub(super) escalation: Vec<Spanned<RawRule>>,
    #[serde(default)]
    pub(super) timing: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAdvice {
    pub(super) now: Spanned<String>,
    pub(super) if_worse: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: Spanned<String>,
    pub(super) label: Spanned<String>,
    pub(super) legend: Spanned<String>,
    pub(super) hint: Option<Spanned<String>>,
    pub(super) step: Option<Spanned<String>>,
    pub(super) topic: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) also_if: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) topics: bool,
    pub(super) choice: Spanned<String>,
    #[serde(default)]
    pub(super) red_flag: bool,
    pub(super) error: Spanned<String>,
    #[serde(default)]
    pub(super) option: Vec<Spanned<RawOption>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub(super) id: Spanned<String>,
    pub(super) label: Spanned<String>,
    pub(super) level: Option<Spanned<String>>,
    pub(super) reason: Option<Spanned<String>>,
    pub(super) link: Option<Spanned<String>>,
    pub(super) action: Option<Spanned<String>>,
    pub(super) exclusive: Option<Spanned<bool>>,
    pub(super) all_topics: Option<Spanned<bool>>,
    pub(super) place: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) signs: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub(super) when: Spanned<Vec<Vec<Spanned<String>>>>,
    pub(super) level: Spanned<String>,
    pub(super) reason: Option<Spanned<String>>,
    pub(super) link: Option<Spanned<String>>,
    pub(super) action: Option<Spanned<String>>,
    pub(super) place: Option<Spanned<String>>,
}

pub(super) fn toml_problem(path: &Path, text: &str, err: &toml::de::Error) -> Problem {
    let message = err.message().trim().to_string();
    let fix = if message.contains("unknown field") {
        "Rename the field to one of the expected names listed, or delete the line."
    } else if message.contains("missing field") {
        "Add the missing field to this table."
    } else if message.contains("invalid type") {
        "Write the value as the type named: text in double quotes, true or false without quotes, \
         a list in square brackets."
    } else {
        "Fix the TOML here: check the quotes, brackets, commas and equals signs."
    };
    match err.span() {
        Some(span) => Problem::at(path, line_of(text, span.start), message, fix),
        None => Problem::in_file(path, message, fix),
    }
}
