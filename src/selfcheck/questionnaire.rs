//! The questionnaire as data: questions, their options, the escalation and
//! timing rules, and the advice for each level.
//!
//! The clinical content lives in `articles/self-check.toml`, not in code, so a
//! clinician can review it as one document and a change of wording never needs
//! a programmer. A half-checked questionnaire could quietly give someone the
//! wrong advice, so [`parse`] refuses the file if anything is wrong and lists
//! every problem it can find at once, each with its line and a fix.
//!
//! serde stops at the first structural error (TOML syntax, an unknown or
//! missing field, a wrong type), so those arrive one at a time. Everything
//! else (levels, ids, rules, links, advice, order) is read as plain strings
//! and checked here, so those problems all arrive together.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::date::Date;
use crate::problem::{Problem, line_of};
use crate::review::{Review, Reviewer};

/// How worrying the answers are, lowest first. `Ord` follows that order, so
/// "the highest level wins" is `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Matches the normal soreness many people get after a massage.
    Expected,
    /// Look after it at home and keep an eye on it.
    SelfCare,
    /// See a GP (or the massage therapist) in the next few days.
    Contact,
    /// Get medical advice today.
    Urgent,
    /// Call an emergency number now.
    Emergency,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 5] =
        [Level::Expected, Level::SelfCare, Level::Contact, Level::Urgent, Level::Emergency];

    /// The id used in the TOML file and in CSS classes, e.g. `self_care`.
    pub fn id(self) -> &'static str {
        match self {
            Level::Expected => "expected",
            Level::SelfCare => "self_care",
            Level::Contact => "contact",
            Level::Urgent => "urgent",
            Level::Emergency => "emergency",
        }
    }

    /// The level with this [`id`](Level::id).
    pub fn from_id(id: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.id() == id)
    }

    /// The level's short name, shown in words on the care card so the level
    /// never depends on colour alone.
    pub fn name(self) -> &'static str {
        match self {
            Level::Expected => "Expected",
            Level::SelfCare => "Self-care",
            Level::Contact => "Contact",
            Level::Urgent => "Urgent",
            Level::Emergency => "Emergency",
        }
    }

    /// The headline on the result page. No phone numbers: they differ by
    /// country, so the advice text gives examples instead.
    pub fn title(self) -> &'static str {
        match self {
            Level::Expected => "This sounds like normal soreness",
            Level::SelfCare => "Look after it at home",
            Level::Contact => "Contact your GP or therapist in the next few days",
            Level::Urgent => "Get medical advice today",
            Level::Emergency => "Call an emergency number now",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Whether a question takes one answer (radio buttons) or several (checkboxes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Radio buttons: exactly one answer.
    Single,
    /// Checkboxes: one or more answers.
    Multiple,
}

/// One question of the self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Form field name and HTML id; lower-case letters, digits and `_`.
    pub id: String,
    /// A short name for the result page and the answer summary.
    pub label: String,
    /// The full question, shown as the fieldset legend.
    pub legend: String,
    /// Extra help shown under the legend.
    pub hint: Option<String>,
    /// Radio buttons or checkboxes.
    pub choice: Choice,
    /// Asks about a warning sign. Red-flag questions come first in the file.
    pub red_flag: bool,
    /// The message when the question is left unanswered ("Select ...").
    pub error: String,
    /// The answers offered, in the order shown.
    pub options: Vec<AnswerOption>,
}

impl Question {
    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|option| option.id == id)
    }

    /// The "None of these" option, if the question has one.
    pub fn exclusive(&self) -> Option<&AnswerOption> {
        self.options.iter().find(|option| option.exclusive)
    }

    /// Whether the question is shown as checkboxes.
    pub fn is_multiple(&self) -> bool {
        self.choice == Choice::Multiple
    }
}

/// One answer a question offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerOption {
    /// Form value; unique within its question.
    pub id: String,
    /// The words next to the radio button or checkbox.
    pub label: String,
    /// The level this answer alone leads to; `None` for neutral answers.
    pub level: Option<Level>,
    /// Why this answer matters; always present when the option raises the level.
    pub reason: Option<String>,
    /// The article section that explains it; always present when the option raises the level.
    pub link: Option<String>,
    /// "None of these": must be ticked on its own.
    pub exclusive: bool,
    link_line: usize,
}

impl AnswerOption {
    /// The level this answer raises the result to, if it is above `expected`.
    pub fn raises(&self) -> Option<Level> {
        self.level.filter(|level| *level > Level::Expected)
    }
}

/// A question and one of its options, written `question.option` in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRef {
    /// The question id.
    pub question: String,
    /// The option id within that question.
    pub option: String,
}

/// A rule that raises the level for a combination of answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Every group must match; within a group, any one selected answer will do.
    pub when: Vec<Vec<AnswerRef>>,
    /// The level the rule raises the result to.
    pub level: Level,
    /// Why the combination matters.
    pub reason: String,
    /// The article section that explains it.
    pub link: String,
    link_line: usize,
}

/// What to do at one level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// What to do now.
    pub now: String,
    /// What to do if it gets worse.
    pub if_worse: String,
}

/// The whole self-check, checked and ready to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    questions: Vec<Question>,
    escalations: Vec<Rule>,
    timing: Vec<Rule>,
    advice: Vec<Advice>,
    review: Option<Review>,
}

impl Questionnaire {
    /// Every question, in the order they are asked.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|question| question.id == id)
    }

    /// Rules that raise the level for combinations of answers.
    pub fn escalations(&self) -> &[Rule] {
        &self.escalations
    }

    /// Rules about how long ago the massage was and how the soreness is going.
    pub fn timing(&self) -> &[Rule] {
        &self.timing
    }

    /// The advice for a level; every level has some.
    pub fn advice(&self, level: Level) -> &Advice {
        &self.advice[level.index()]
    }

    /// The clinical review, or `None` while the questions have not been reviewed.
    pub fn review(&self) -> Option<&Review> {
        self.review.as_ref()
    }

    /// Every article link with its line in the file, so the site can check
    /// that each one points at a section that exists.
    pub fn links(&self) -> Vec<(usize, String)> {
        let options = self.questions.iter().flat_map(|question| &question.options);
        let from_options =
            options.filter_map(|option| option.link.clone().map(|link| (option.link_line, link)));
        let rules = self.escalations.iter().chain(&self.timing);
        from_options.chain(rules.map(|rule| (rule.link_line, rule.link.clone()))).collect()
    }
}

/// Read and check the questionnaire file.
pub fn load(path: &Path) -> Result<Questionnaire, Vec<Problem>> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text),
        Err(err) => Err(vec![Problem::in_file(
            path,
            format!("cannot read the self-check questions: {err}"),
            "Make sure the file exists and can be read; it lives at articles/self-check.toml.",
        )]),
    }
}

/// Check the questionnaire text; `path` only names the file in problems.
pub fn parse(path: &Path, text: &str) -> Result<Questionnaire, Vec<Problem>> {
    let raw: RawQuestionnaire = toml::from_str(text).map_err(|err| vec![toml_problem(path, text, &err)])?;
    let mut check = Checker { path, text, problems: Vec::new() };
    let questions = check.questions(&raw.question);
    let escalations =
        raw.escalation.iter().map(|rule| check.rule(rule, RuleKind::Escalation, &questions)).collect();
    let timing = raw.timing.iter().map(|rule| check.rule(rule, RuleKind::Timing, &questions)).collect();
    let advice = check.advice(&raw.advice);
    let review = check.review(&raw);
    if check.problems.is_empty() {
        Ok(Questionnaire { questions, escalations, timing, advice, review })
    } else {
        // In file order, so an author can work down the list; whole-file problems last.
        check.problems.sort_by_key(|problem| problem.line.unwrap_or(usize::MAX));
        Err(check.problems)
    }
}

/// The file as serde reads it, before any checks. Strings stand in for levels
/// and choices so that a wrong value is one problem among many, not the end.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    reviewed: Option<Spanned<Date>>,
    next_review: Option<Spanned<Date>>,
    reviewer: Option<Spanned<Reviewer>>,
    #[serde(default)]
    advice: BTreeMap<Spanned<String>, RawAdvice>,
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
    #[serde(default)]
    escalation: Vec<Spanned<RawRule>>,
    #[serde(default)]
    timing: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdvice {
    now: Spanned<String>,
    if_worse: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    label: Spanned<String>,
    legend: Spanned<String>,
    hint: Option<Spanned<String>>,
    choice: Spanned<String>,
    #[serde(default)]
    red_flag: bool,
    error: Spanned<String>,
    #[serde(default)]
    option: Vec<Spanned<RawOption>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: Spanned<String>,
    label: Spanned<String>,
    level: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
    link: Option<Spanned<String>>,
    exclusive: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    when: Spanned<Vec<Vec<Spanned<String>>>>,
    level: Spanned<String>,
    reason: Option<Spanned<String>>,
    link: Option<Spanned<String>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RuleKind {
    Escalation,
    Timing,
}

impl RuleKind {
    fn name(self) -> &'static str {
        match self {
            RuleKind::Escalation => "escalation",
            RuleKind::Timing => "timing",
        }
    }
}

/// Timing rules only run while nothing has raised the level above this. A
/// timing rule above the next level up could then be cancelled by one more
/// worrying answer, and the result would go down, so the check forbids it.
pub(super) const TIMING_GATE: Level = Level::SelfCare;
const TIMING_MAX: Level = Level::Contact;

const LEVEL_IDS: &str = "expected, self_care, contact, urgent or emergency";

fn toml_problem(path: &Path, text: &str, err: &toml::de::Error) -> Problem {
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

struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn line(&self, span: &Range<usize>) -> usize {
        line_of(self.text, span.start)
    }

    fn report(&mut self, span: &Range<usize>, message: impl Into<String>, fix: impl Into<String>) {
        self.problems.push(Problem::at(self.path, self.line(span), message, fix));
    }

    fn text(&mut self, field: &str, value: &Spanned<String>) -> String {
        if value.get_ref().trim().is_empty() {
            self.report(&value.span(), format!("`{field}` is empty"), format!("Write the {field} text."));
        }
        value.get_ref().clone()
    }

    fn id(&mut self, what: &str, id: &Spanned<String>) -> String {
        let value = id.get_ref();
        let valid = !value.is_empty()
            && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            self.report(
                &id.span(),
                format!("{what} id `{value}` may only use lower-case letters, digits and `_`"),
                "Write it like `one_leg`: it becomes a form field name and an HTML id.",
            );
        }
        value.clone()
    }

    fn level(&mut self, id: &Spanned<String>) -> Option<Level> {
        let level = Level::from_id(id.get_ref());
        if level.is_none() {
            self.report(
                &id.span(),
                format!("`{}` is not a level", id.get_ref()),
                format!("Write one of {LEVEL_IDS}."),
            );
        }
        level
    }

    fn link(&mut self, link: &Spanned<String>) -> String {
        let value = link.get_ref();
        if !value.starts_with("/articles/") || value.contains(char::is_whitespace) {
            self.report(
                &link.span(),
                format!("link `{value}` is not a path to an article"),
                "Write a site path like `/articles/warning-signs#blood-clot`.",
            );
        }
        value.clone()
    }

    fn questions(&mut self, raw: &[Spanned<RawQuestion>]) -> Vec<Question> {
        if raw.is_empty() {
            self.problems.push(Problem::in_file(
                self.path,
                "the self-check has no questions",
                "Add `[[question]]` tables, red-flag questions first.",
            ));
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut first_plain: Option<String> = None;
        let mut questions = Vec::new();
        for spanned in raw {
            let raw = spanned.get_ref();
            let id = self.id("question", &raw.id);
            if let Some(first) = seen.insert(id.clone(), self.line(&raw.id.span())) {
                self.report(
                    &raw.id.span(),
                    format!("question id `{id}` is already used on line {first}"),
                    "Give each question its own id.",
                );
            }
            let choice = match raw.choice.get_ref().as_str() {
                "single" => Choice::Single,
                "multiple" => Choice::Multiple,
                other => {
                    self.report(
                        &raw.choice.span(),
                        format!("`{other}` is not a kind of choice"),
                        "Write `choice = \"single\"` for radio buttons or `choice = \"multiple\"` for checkboxes.",
                    );
                    Choice::Single
                }
            };
            let label = self.text("label", &raw.label);
            let legend = self.text("legend", &raw.legend);
            let hint = raw.hint.as_ref().map(|hint| self.text("hint", hint));
            let error = self.text("error", &raw.error);
            if !error.starts_with("Select ") {
                self.report(
                    &raw.error.span(),
                    format!("the error for question `{id}` does not say what to do"),
                    "Start it with \"Select\", e.g. \"Select whether one leg is swollen, warm or painful\".",
                );
            }
            let options = self.options(&id, raw, choice);
            if raw.red_flag {
                if let Some(plain) = &first_plain {
                    self.report(
                        &raw.id.span(),
                        format!(
                            "red-flag question `{id}` comes after `{plain}`, which is not a red-flag question"
                        ),
                        "Move it up, above every question without `red_flag = true`.",
                    );
                }
            } else {
                if first_plain.is_none() {
                    first_plain = Some(id.clone());
                }
                let top = options.iter().filter_map(|option| option.level).max();
                if top.is_some_and(|level| level >= Level::Urgent) {
                    self.report(
                        &raw.id.span(),
                        format!("question `{id}` has an answer that needs help today or sooner, but is not a red flag"),
                        "Add `red_flag = true` and move it up with the other red-flag questions.",
                    );
                }
            }
            questions.push(Question {
                id,
                label,
                legend,
                hint,
                choice,
                red_flag: raw.red_flag,
                error,
                options,
            });
        }
        questions
    }

    fn options(&mut self, question: &str, raw: &RawQuestion, choice: Choice) -> Vec<AnswerOption> {
        if raw.option.len() < 2 {
            self.report(
                &raw.id.span(),
                format!("question `{question}` has {} option(s)", raw.option.len()),
                "Give it at least two `[[question.option]]` tables.",
            );
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut first_exclusive: Option<String> = None;
        let mut options = Vec::new();
        for spanned in &raw.option {
            let raw = spanned.get_ref();
            let id = self.id("option", &raw.id);
            if let Some(first) = seen.insert(id.clone(), self.line(&raw.id.span())) {
                self.report(
                    &raw.id.span(),
                    format!("option id `{id}` is already used in question `{question}` on line {first}"),
                    "Give each option in a question its own id.",
                );
            }
            let label = self.text("label", &raw.label);
            let level = raw.level.as_ref().and_then(|level| self.level(level));
            let exclusive = raw.exclusive.as_ref().is_some_and(|flag| *flag.get_ref());
            if let (true, Some(flag)) = (exclusive, &raw.exclusive) {
                self.exclusive(question, &id, choice, flag, raw.level.is_some(), &mut first_exclusive);
            }
            let reason = raw.reason.as_ref().map(|reason| self.text("reason", reason));
            let link = raw.link.as_ref().map(|link| self.link(link));
            if let Some(raised) = level.filter(|level| *level > Level::Expected) {
                if raw.reason.is_none() {
                    self.report(
                        &raw.id.span(),
                        format!(
                            "option `{question}.{id}` raises the level to `{}` but has no reason",
                            raised.id()
                        ),
                        "Add `reason = \"...\"` saying in plain words why this answer matters.",
                    );
                }
                if raw.link.is_none() {
                    self.report(
                        &raw.id.span(),
                        format!(
                            "option `{question}.{id}` raises the level to `{}` but has no link",
                            raised.id()
                        ),
                        "Add `link = \"/articles/warning-signs#...\"` for the section that explains it.",
                    );
                }
            } else if raw.level.is_none() || level.is_some() {
                for (field, value) in [("reason", &raw.reason), ("link", &raw.link)] {
                    if let Some(value) = value {
                        self.report(
                            &value.span(),
                            format!("option `{question}.{id}` has a {field} but does not raise the level, so it is never shown"),
                            "Add a `level` above `expected`, or delete the line.",
                        );
                    }
                }
            }
            let link_line = raw.link.as_ref().map_or(0, |link| self.line(&link.span()));
            options.push(AnswerOption { id, label, level, reason, link, exclusive, link_line });
        }
        options
    }

    fn exclusive(
        &mut self,
        question: &str,
        id: &str,
        choice: Choice,
        flag: &Spanned<bool>,
        has_level: bool,
        first_exclusive: &mut Option<String>,
    ) {
        if choice == Choice::Single {
            self.report(
                &flag.span(),
                format!(
                    "option `{question}.{id}` is exclusive, but a single-choice question is exclusive already"
                ),
                "Delete `exclusive = true`, or make the question `choice = \"multiple\"`.",
            );
        }
        if let Some(first) = first_exclusive {
            self.report(
                &flag.span(),
                format!(
                    "question `{question}` has a second exclusive option `{id}` (the first is `{first}`)"
                ),
                "Keep `exclusive = true` only on the one \"None of these\" option.",
            );
        } else {
            *first_exclusive = Some(id.to_string());
        }
        if has_level {
            self.report(
                &flag.span(),
                format!("exclusive option `{question}.{id}` has a level"),
                "Delete its `level`: \"None of these\" must not change the result.",
            );
        }
    }

    fn rule(&mut self, spanned: &Spanned<RawRule>, kind: RuleKind, questions: &[Question]) -> Rule {
        let raw = spanned.get_ref();
        let name = kind.name();
        let groups = raw.when.get_ref();
        if groups.is_empty() || groups.iter().any(Vec::is_empty) {
            self.report(
                &raw.when.span(),
                format!("this {name} rule has an empty `when`"),
                "List groups of answers, like `when = [[\"leg.one_leg\"], [\"areas.calves\", \"areas.thighs\"]]`.",
            );
        }
        let when = groups
            .iter()
            .map(|group| group.iter().map(|answer| self.answer_ref(answer, questions)).collect())
            .collect();
        let level = self.level(&raw.level);
        if level == Some(Level::Expected) {
            self.report(
                &raw.level.span(),
                format!("this {name} rule does not raise the level"),
                "Give it a level above `expected`, or delete the rule.",
            );
        }
        if kind == RuleKind::Timing && level.is_some_and(|level| level > TIMING_MAX) {
            self.report(
                &raw.level.span(),
                format!("a timing rule can raise the level to `{}` at most", TIMING_MAX.id()),
                format!(
                    "Timing rules only apply while nothing is above `{}`; make this an `[[escalation]]` instead.",
                    TIMING_GATE.id()
                ),
            );
        }
        let reason = match &raw.reason {
            Some(reason) => self.text("reason", reason),
            None => {
                self.report(
                    &raw.level.span(),
                    format!("this {name} rule has no reason"),
                    "Add `reason = \"...\"`.",
                );
                String::new()
            }
        };
        let (link, link_line) = match &raw.link {
            Some(link) => (self.link(link), self.line(&link.span())),
            None => {
                self.report(
                    &raw.level.span(),
                    format!("this {name} rule has no link"),
                    "Add `link = \"/articles/...#section\"` for the section that explains it.",
                );
                (String::new(), 0)
            }
        };
        Rule { when, level: level.unwrap_or(Level::Emergency), reason, link, link_line }
    }

    fn answer_ref(&mut self, answer: &Spanned<String>, questions: &[Question]) -> AnswerRef {
        let value = answer.get_ref();
        let Some((question_id, option_id)) = value.split_once('.') else {
            self.report(
                &answer.span(),
                format!("`{value}` does not name a question and an answer"),
                "Write `question.option`, like `leg.one_leg`.",
            );
            return AnswerRef { question: value.clone(), option: String::new() };
        };
        match questions.iter().find(|question| question.id == question_id) {
            None => {
                let known: Vec<&str> = questions.iter().map(|question| question.id.as_str()).collect();
                self.report(
                    &answer.span(),
                    format!("rule names question `{question_id}`, which does not exist"),
                    format!("Use one of: {}.", known.join(", ")),
                );
            }
            Some(question) if question.option(option_id).is_none() => {
                let known: Vec<&str> = question.options.iter().map(|option| option.id.as_str()).collect();
                self.report(
                    &answer.span(),
                    format!("rule names option `{option_id}`, which question `{question_id}` does not have"),
                    format!("Use one of: {}.", known.join(", ")),
                );
            }
            Some(_) => {}
        }
        AnswerRef { question: question_id.to_string(), option: option_id.to_string() }
    }

    fn advice(&mut self, raw: &BTreeMap<Spanned<String>, RawAdvice>) -> Vec<Advice> {
        let mut by_level: Vec<Option<Advice>> = vec![None; Level::ALL.len()];
        for (key, advice) in raw {
            let now = self.text("now", &advice.now);
            let if_worse = self.text("if_worse", &advice.if_worse);
            if let Some(level) = self.level(key) {
                by_level[level.index()] = Some(Advice { now, if_worse });
            }
        }
        let anchor = raw.values().map(|advice| advice.now.span()).min_by_key(|span| span.start);
        let mut all = Vec::new();
        for level in Level::ALL {
            if let Some(advice) = by_level[level.index()].take() {
                all.push(advice);
                continue;
            }
            let message = format!("level `{}` has no advice", level.id());
            let fix = format!(
                "Add `[advice.{}]` with `now = \"...\"` (what to do now) and `if_worse = \"...\"` (what to do if it gets worse).",
                level.id()
            );
            match &anchor {
                Some(span) => self.report(span, message, fix),
                None => self.problems.push(Problem::in_file(self.path, message, fix)),
            }
            all.push(Advice { now: String::new(), if_worse: String::new() });
        }
        all
    }

    fn review(&mut self, raw: &RawQuestionnaire) -> Option<Review> {
        match (&raw.reviewed, &raw.next_review, &raw.reviewer) {
            (None, None, None) => None,
            (Some(reviewed), Some(next_review), Some(reviewer)) => {
                if next_review.get_ref() <= reviewed.get_ref() {
                    self.report(
                        &next_review.span(),
                        format!(
                            "next_review {} is not after reviewed {}",
                            next_review.get_ref(),
                            reviewed.get_ref()
                        ),
                        "Set next_review to the day the next clinical review is due, after `reviewed`.",
                    );
                }
                let who = reviewer.get_ref();
                if who.name.trim().is_empty() || who.role.trim().is_empty() {
                    self.report(
                        &reviewer.span(),
                        "the reviewer needs a name and a role",
                        "Write both, e.g. `reviewer = { name = \"Dr A Example\", role = \"GP\" }`.",
                    );
                }
                Some(Review {
                    reviewed: *reviewed.get_ref(),
                    next_review: *next_review.get_ref(),
                    reviewer: who.clone(),
                })
            }
            (reviewed, next_review, reviewer) => {
                let spans = [
                    reviewed.as_ref().map(Spanned::span),
                    next_review.as_ref().map(Spanned::span),
                    reviewer.as_ref().map(Spanned::span),
                ];
                let span = spans.into_iter().flatten().min_by_key(|span| span.start).unwrap_or(0..0);
                self.report(
                    &span,
                    "`reviewed`, `next_review` and `reviewer` go together",
                    "Write all three once a named clinician has reviewed the questions, or none of them until then.",
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::real;
    use super::*;

    const FILE: &str = "articles/self-check.toml";

    /// Valid advice for every level, put after each snippet so that a snippet
    /// only shows the problem it is about and its line numbers stay put.
    const ADVICE: &str = r#"
[advice.expected]
now = "a"
if_worse = "b"
[advice.self_care]
now = "a"
if_worse = "b"
[advice.contact]
now = "a"
if_worse = "b"
[advice.urgent]
now = "a"
if_worse = "b"
[advice.emergency]
now = "a"
if_worse = "b"
"#;

    /// A valid red-flag question to build snippets on (lines 1 to 19).
    const RED_FLAG: &str = r#"[[question]]
id = "leg"
label = "Leg"
legend = "Is one leg swollen?"
choice = "single"
red_flag = true
error = "Select whether one leg is swollen"

[[question.option]]
id = "yes"
label = "Yes"
level = "urgent"
reason = "It can be a clot."
link = "/articles/warning-signs#blood-clot"

[[question.option]]
id = "no"
label = "No"

"#;

    fn problems(snippet: &str) -> Vec<Problem> {
        match parse(Path::new(FILE), &format!("{snippet}{ADVICE}")) {
            Ok(_) => panic!("no problem found in:\n{snippet}"),
            Err(problems) => problems,
        }
    }

    /// Asserts that one problem is on `line` and its message contains `words`.
    #[track_caller]
    fn assert_problem(problems: &[Problem], line: usize, words: &str) {
        let found = problems.iter().any(|p| p.line == Some(line) && p.message.contains(words));
        let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(found, "no problem on line {line} saying `{words}` in:\n{}", all.join("\n"));
        assert!(problems.iter().all(|p| p.file == Path::new(FILE) && !p.fix.is_empty()));
    }

    #[test]
    fn the_real_questionnaire_has_no_problems() {
        let q = real();
        assert!(q.review().is_none(), "no clinical review has happened yet: leave the review fields out");
    }

    #[test]
    fn the_real_questionnaire_starts_with_the_emergency_signs() {
        let first = &real().questions()[0];
        assert!(first.red_flag && first.is_multiple());
        assert!(first.options.iter().filter(|o| !o.exclusive).all(|o| o.level == Some(Level::Emergency)));
        assert_eq!(first.exclusive().map(|o| o.label.as_str()), Some("None of these"));
    }

    #[test]
    fn the_real_questionnaire_links_only_to_sections_being_written() {
        const SECTIONS: &[&str] = &[
            "/articles/warning-signs#blood-clot",
            "/articles/warning-signs#muscle-breakdown",
            "/articles/warning-signs#nerve-injury",
            "/articles/warning-signs#infection",
            "/articles/warning-signs#large-bruises",
            "/articles/warning-signs#headache-after-neck-massage",
            "/articles/warning-signs#stroke-signs",
            "/articles/warning-signs#soreness-that-lasts",
            "/articles/warning-signs#fever",
            "/articles/soreness-after-massage#what-is-normal",
            "/articles/soreness-after-massage#how-long-it-lasts",
            "/articles/soreness-after-massage#when-to-worry",
            "/articles/mistakes-that-make-knots-worse#near-nerves",
            "/articles/mistakes-that-make-knots-worse#massage-guns",
            "/articles/mistakes-that-make-knots-worse#swollen-calf",
            "/articles/aftercare-first-three-days",
        ];
        let links = real().links();
        assert!(links.len() > 30);
        for (line, link) in links {
            assert!(SECTIONS.contains(&link.as_str()), "{FILE}:{line}: `{link}` is not a planned section");
        }
    }

    #[test]
    fn links_carry_the_line_they_are_on() {
        let q = parse(Path::new(FILE), &format!("{RED_FLAG}{ADVICE}")).unwrap();
        assert_eq!(q.links(), [(14, "/articles/warning-signs#blood-clot".to_string())]);
    }

    #[test]
    fn level_ids_round_trip_and_titles_name_no_phone_number() {
        for level in Level::ALL {
            assert_eq!(Level::from_id(level.id()), Some(level));
            assert!(!level.title().contains(|c: char| c.is_ascii_digit()), "{}", level.title());
        }
        assert!(Level::Expected < Level::SelfCare && Level::Urgent < Level::Emergency);
        assert_eq!(Level::from_id("self-care"), None);
    }

    #[test]
    fn a_toml_syntax_error_names_its_line() {
        let problems = problems("[[question]]\nid = \"leg\"\nlabel = \"Leg\nlegend = \"x\"\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(3), "{}", problems[0]);
    }

    #[test]
    fn an_unknown_field_names_its_line() {
        let snippet = RED_FLAG.replace("label = \"No\"", "lable = \"No\"");
        let problems = problems(&snippet);
        assert_problem(&problems, 18, "unknown field `lable`");
        assert!(problems[0].fix.contains("Rename"));
    }

    #[test]
    fn an_unknown_level_names_its_line() {
        let problems = problems(&RED_FLAG.replace("\"urgent\"", "\"urgnt\""));
        assert_problem(&problems, 12, "`urgnt` is not a level");
        assert!(problems[0].fix.contains("self_care"));
    }

    #[test]
    fn advice_for_an_unknown_level_is_a_problem() {
        let problems = problems(&format!("{RED_FLAG}[advice.selfcare]\nnow = \"a\"\nif_worse = \"b\"\n"));
        assert_problem(&problems, 20, "`selfcare` is not a level");
    }

    #[test]
    fn a_level_without_advice_is_a_problem() {
        let text = format!("{RED_FLAG}{}", ADVICE.replace("[advice.contact]", "[advice.urgent_spare]"));
        let problems = parse(Path::new(FILE), &text).unwrap_err();
        assert!(problems.iter().any(|p| p.message == "level `contact` has no advice" && p.line.is_some()));
    }

    #[test]
    fn a_file_with_no_advice_at_all_says_so_for_every_level() {
        let problems = parse(Path::new(FILE), RED_FLAG).unwrap_err();
        assert_eq!(problems.iter().filter(|p| p.message.ends_with("has no advice")).count(), 5);
    }

    #[test]
    fn a_duplicate_question_id_names_both_lines() {
        let problems = problems(&format!("{RED_FLAG}{RED_FLAG}"));
        assert_problem(&problems, 21, "question id `leg` is already used on line 2");
    }

    #[test]
    fn a_duplicate_option_id_names_both_lines() {
        let problems = problems(&RED_FLAG.replace("id = \"no\"", "id = \"yes\""));
        assert_problem(&problems, 17, "option id `yes` is already used in question `leg` on line 10");
    }

    #[test]
    fn an_id_that_cannot_be_a_field_name_is_a_problem() {
        let problems = problems(&RED_FLAG.replace("id = \"no\"", "id = \"No way\""));
        assert_problem(&problems, 17, "may only use lower-case letters");
    }

    #[test]
    fn an_exclusive_option_in_a_single_choice_question_is_a_problem() {
        let problems = problems(&RED_FLAG.replace("label = \"No\"", "label = \"No\"\nexclusive = true"));
        assert_problem(&problems, 19, "a single-choice question is exclusive already");
    }

    #[test]
    fn a_second_exclusive_option_is_a_problem() {
        let snippet = RED_FLAG
            .replace("\"single\"", "\"multiple\"")
            .replace("label = \"No\"", "label = \"No\"\nexclusive = true\n\n[[question.option]]\nid = \"unsure\"\nlabel = \"Not sure\"\nexclusive = true");
        let problems = problems(&snippet);
        assert_problem(&problems, 24, "second exclusive option `unsure` (the first is `no`)");
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn an_exclusive_option_with_a_level_is_a_problem() {
        let snippet = RED_FLAG
            .replace("\"single\"", "\"multiple\"")
            .replace("label = \"No\"", "label = \"No\"\nlevel = \"expected\"\nexclusive = true");
        assert_problem(&problems(&snippet), 20, "exclusive option `leg.no` has a level");
    }

    #[test]
    fn a_raising_option_without_reason_or_link_is_a_problem() {
        let snippet = RED_FLAG
            .replace("reason = \"It can be a clot.\"\n", "")
            .replace("link = \"/articles/warning-signs#blood-clot\"\n", "");
        let problems = problems(&snippet);
        assert_problem(&problems, 10, "raises the level to `urgent` but has no reason");
        assert_problem(&problems, 10, "raises the level to `urgent` but has no link");
    }

    #[test]
    fn a_reason_on_an_option_that_raises_nothing_is_a_problem() {
        let problems = problems(&RED_FLAG.replace("label = \"No\"", "label = \"No\"\nreason = \"Fine.\""));
        assert_problem(&problems, 19, "has a reason but does not raise the level");
    }

    #[test]
    fn a_link_that_is_not_an_article_path_is_a_problem() {
        let problems =
            problems(&RED_FLAG.replace("/articles/warning-signs#blood-clot", "https://example.com"));
        assert_problem(&problems, 14, "is not a path to an article");
    }

    #[test]
    fn an_error_message_must_say_what_to_do() {
        let problems = problems(&RED_FLAG.replace("Select whether", "You must say whether"));
        assert_problem(&problems, 7, "does not say what to do");
    }

    #[test]
    fn a_red_flag_question_after_a_context_question_is_a_problem() {
        let context = RED_FLAG.replace("id = \"leg\"", "id = \"areas\"").replace("red_flag = true\n", "").replace("level = \"urgent\"\nreason = \"It can be a clot.\"\nlink = \"/articles/warning-signs#blood-clot\"\n", "");
        let problems = problems(&format!("{context}{RED_FLAG}"));
        assert_problem(&problems, 17, "red-flag question `leg` comes after `areas`");
    }

    #[test]
    fn an_urgent_answer_in_a_question_that_is_not_a_red_flag_is_a_problem() {
        let problems = problems(&RED_FLAG.replace("red_flag = true\n", ""));
        assert_problem(&problems, 2, "needs help today or sooner, but is not a red flag");
    }

    #[test]
    fn a_rule_naming_a_missing_question_or_option_is_a_problem() {
        let rule = "[[escalation]]\nwhen = [[\"leg.yes\"], [\"arms.weak\", \"leg.maybe\", \"legyes\"]]\nlevel = \"emergency\"\nreason = \"r\"\nlink = \"/articles/warning-signs#blood-clot\"\n";
        let problems = problems(&format!("{RED_FLAG}{rule}"));
        assert_problem(&problems, 21, "rule names question `arms`, which does not exist");
        assert_problem(&problems, 21, "rule names option `maybe`, which question `leg` does not have");
        assert_problem(&problems, 21, "`legyes` does not name a question and an answer");
        assert_eq!(problems.len(), 3);
    }

    #[test]
    fn a_rule_without_reason_link_or_conditions_is_a_problem() {
        let problems = problems(&format!("{RED_FLAG}[[escalation]]\nwhen = []\nlevel = \"urgent\"\n"));
        assert_problem(&problems, 21, "has an empty `when`");
        assert_problem(&problems, 22, "this escalation rule has no reason");
        assert_problem(&problems, 22, "this escalation rule has no link");
    }

    #[test]
    fn a_rule_that_raises_nothing_is_a_problem() {
        let rule = "[[escalation]]\nwhen = [[\"leg.yes\"]]\nlevel = \"expected\"\nreason = \"r\"\nlink = \"/articles/warning-signs#blood-clot\"\n";
        assert_problem(&problems(&format!("{RED_FLAG}{rule}")), 22, "does not raise the level");
    }

    #[test]
    fn a_timing_rule_above_contact_is_a_problem() {
        let rule = "[[timing]]\nwhen = [[\"leg.no\"]]\nlevel = \"urgent\"\nreason = \"r\"\nlink = \"/articles/warning-signs#blood-clot\"\n";
        let problems = problems(&format!("{RED_FLAG}{rule}"));
        assert_problem(&problems, 22, "a timing rule can raise the level to `contact` at most");
        assert!(problems[0].fix.contains("[[escalation]]"));
    }

    #[test]
    fn every_problem_is_reported_at_once_in_line_order() {
        let snippet = RED_FLAG
            .replace("\"urgent\"", "\"urgnt\"")
            .replace("id = \"no\"", "id = \"yes\"")
            .replace("\"single\"", "\"one\"");
        let problems =
            problems(&format!("{snippet}[[timing]]\nwhen = [[\"leg.never\"]]\nlevel = \"contact\"\n"));
        let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(5), Some(12), Some(17), Some(21), Some(22), Some(22)], "{problems:#?}");
    }

    #[test]
    fn review_fields_go_together() {
        let problems = problems(&format!("reviewed = 2027-01-15\n{RED_FLAG}"));
        assert_problem(&problems, 1, "`reviewed`, `next_review` and `reviewer` go together");
    }

    #[test]
    fn a_complete_review_is_read() {
        let head = "reviewed = 2027-01-15\nnext_review = 2028-01-15\nreviewer = { name = \"Dr A Example\", role = \"GP\" }\n";
        let q = parse(Path::new(FILE), &format!("{head}{RED_FLAG}{ADVICE}")).unwrap();
        let review = q.review().unwrap();
        assert_eq!(
            (review.reviewed.iso(), review.next_review.iso()),
            ("2027-01-15".into(), "2028-01-15".into())
        );
        assert_eq!(review.reviewer.name, "Dr A Example");
        let backwards = head.replace("2028-01-15", "2026-01-15");
        assert_problem(&problems(&format!("{backwards}{RED_FLAG}")), 2, "is not after reviewed");
    }

    #[test]
    fn an_unreadable_file_is_a_problem_too() {
        let problems = load(Path::new("/no/such/dir/self-check.toml")).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, None);
        assert!(problems[0].message.contains("cannot read"), "{}", problems[0]);
    }
}
