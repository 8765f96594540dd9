//! Checking the questionnaire file: a half-checked questionnaire could
//! quietly give someone the wrong advice, so [`parse`] refuses the file if
//! anything is wrong and lists every problem it can find at once, each with
//! its line and a fix.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::answers::MAX_OPTIONS;
use super::assess::TIMING_GATE;
use super::flow::{ACTION_FIELD, STEP_FIELD};
use super::model::{
    Advice, AnswerOption, AnswerRef, Choice, Level, Place, Question, Questionnaire, Rule, Step,
};
use super::raw::{RawAdvice, RawQuestion, RawQuestionnaire, RawRule, toml_problem};
use crate::problem::{Problem, line_of};
use crate::review::{self, Review, ReviewProblem};

/// Read and check the questionnaire file.
pub fn load(path: &Path) -> Result<Questionnaire, Vec<Problem>> {
    let text = crate::folder::read(path).and_then(|bytes| {
        String::from_utf8(bytes)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text").into())
    });
    match text {
        Ok(text) => parse(path, &text),
        Err(crate::folder::Unread::Refused(problem)) => Err(vec![problem]),
        Err(crate::folder::Unread::Io(err)) => Err(vec![Problem::in_file(
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
    let mut questions = check.questions(&raw.question);
    let steps = check.steps(&raw.question, &questions);
    let topics = check.routing(&raw.question, &mut questions);
    check.not_sure_policy(&raw.question, &questions);
    check.one_rule_per_sign(&raw.question, &questions);
    let escalations: Vec<Rule> =
        raw.escalation.iter().map(|rule| check.rule(rule, RuleKind::Escalation, &questions)).collect();
    let timing: Vec<Rule> =
        raw.timing.iter().map(|rule| check.rule(rule, RuleKind::Timing, &questions)).collect();
    let advice = check.advice(&raw.advice);
    let used: Vec<Place> = questions
        .iter()
        .flat_map(|q: &Question| q.options.iter().filter_map(|o| o.place))
        .chain(escalations.iter().chain(&timing).filter_map(|r: &Rule| r.place))
        .collect();
    let place_advice = check.place_advice(&raw.advice, &used);
    let review = check.review(&raw);
    if check.problems.is_empty() {
        Ok(Questionnaire { questions, steps, escalations, timing, advice, place_advice, review, topics })
    } else {
        // In file order, so an author can work down the list; whole-file problems last.
        check.problems.sort_by_key(|problem| problem.line.unwrap_or(usize::MAX));
        Err(check.problems)
    }
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

const TIMING_MAX: Level = Level::Contact;

/// Field names the self-check form uses for itself; a question with one of
/// these ids would be mistaken for a button or the step counter.
pub(crate) const RESERVED_NAMES: [&str; 4] = [STEP_FIELD, ACTION_FIELD, "change", "submit"];

/// The heading of a step whose first question names none.
const DEFAULT_STEP: &str = "More questions";
const EMERGENCY_STEP: &str = "Emergency signs";

/// The "not sure" policy (written in the file's header). On the first step
/// "I'm not sure" is urgent: call the urgent line now, which can send an
/// ambulance (signs for which the NHS says 999 even if unsure say so in
/// their own words). Elsewhere it is at most one level below the question's
/// lowest sign, and never below `contact` for these questions.
const FIRST_NOT_SURE: Level = Level::Urgent;
const NOT_SURE: &str = "not_sure";
const NOT_SURE_FLOOR: [(&str, Level); 3] =
    [("fever", Level::Contact), ("breathing", Level::Contact), ("limb", Level::Contact)];

/// The "no" answer of every topic's question: last, and worded the same.
const NO_ID: &str = "no";
const NO_LABEL: &str = "No";

const LEVEL_IDS: &str = "expected, self_care, contact, urgent or emergency";

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
        if crate::urls::article_slug(value).is_none() || value.contains(char::is_whitespace) {
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
                "Add `[[question]]` tables, the emergency signs first.",
            ));
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
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
            if RESERVED_NAMES.contains(&id.as_str()) {
                self.report(
                    &raw.id.span(),
                    format!("question id `{id}` is a name the self-check form uses for itself"),
                    format!(
                        "Rename the question, e.g. `{id}_answer`: the form's own fields are {}.",
                        RESERVED_NAMES.map(|name| format!("`{name}`")).join(", ")
                    ),
                );
            }
            let options = self.options(&id, raw, choice);
            if !raw.red_flag {
                let top = options.iter().filter_map(|option| option.level).max();
                if top.is_some_and(|level| level >= Level::Urgent) {
                    self.report(
                        &raw.id.span(),
                        format!("question `{id}` has an answer that needs help today or sooner, but is not a red flag"),
                        "Add `red_flag = true`.",
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
                topic: raw.topic.as_ref().map(|topic| topic.get_ref().clone()),
                also_if: Vec::new(),
            });
        }
        questions
    }

    /// Groups the questions into steps. The first question is the emergency
    /// step on its own, so a reader who needs an ambulance is told at once;
    /// after it, a question with `step = "..."` starts a new step and the
    /// others join the step before them.
    fn steps(&mut self, raw: &[Spanned<RawQuestion>], questions: &[Question]) -> Vec<Step> {
        let mut steps: Vec<Step> = Vec::new();
        for (at, spanned) in raw.iter().enumerate() {
            let heading = spanned.get_ref().step.as_ref().map(|step| self.text("step", step));
            match steps.last_mut() {
                Some(step) if at > 1 && heading.is_none() => step.questions.end = at + 1,
                _ => {
                    let default = if at == 0 { EMERGENCY_STEP } else { DEFAULT_STEP };
                    let heading = heading.unwrap_or_else(|| default.to_string());
                    steps.push(Step { heading, questions: at..at + 1 });
                }
            }
        }
        if let (Some(first), Some(spanned)) = (questions.first(), raw.first()) {
            let calm = first.options.iter().filter(|option| option.exclusive).count();
            let all_emergency = first.options.iter().all(|option| {
                option.exclusive
                    || option.level
                        == Some(if option.id == NOT_SURE { FIRST_NOT_SURE } else { Level::Emergency })
            });
            if !first.is_multiple() || calm != 1 || !all_emergency {
                self.report(
                    &spanned.get_ref().id.span(),
                    format!("the first question, `{}`, must ask only about emergency signs", first.id),
                    "Make it `choice = \"multiple\"` with every option `level = \"emergency\"`, its \
                     `not_sure` option `level = \"urgent\"` (call 111 now: they can send an ambulance), and \
                     one \"None of these\" option with `exclusive = true`: it is asked on its own, first.",
                );
            }
        }
        steps
    }

    fn options(&mut self, question: &str, raw: &RawQuestion, choice: Choice) -> Vec<AnswerOption> {
        if raw.option.len() < 2 {
            self.report(
                &raw.id.span(),
                format!("question `{question}` has {} option(s)", raw.option.len()),
                "Give it at least two `[[question.option]]` tables.",
            );
        }
        if raw.option.len() > MAX_OPTIONS {
            self.report(
                &raw.id.span(),
                format!("question `{question}` has {} options, more than {MAX_OPTIONS}", raw.option.len()),
                "Split it into questions of a few options each: a reader has to read them all.",
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
            let action = raw.action.as_ref().map(|action| self.text("action", action));
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
                for (field, value) in [("reason", &raw.reason), ("link", &raw.link), ("action", &raw.action)]
                {
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
            let all_topics = raw.all_topics.as_ref().is_some_and(|flag| *flag.get_ref());
            let place =
                self.place(raw.place.as_ref(), level, &raw.id.span(), &format!("option `{question}.{id}`"));
            let signs = raw.signs.iter().map(|sign| self.id("sign", sign)).collect();
            options.push(AnswerOption {
                id,
                label,
                level,
                reason,
                link,
                action,
                exclusive,
                all_topics,
                place,
                signs,
                link_line,
            });
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
        let action = raw.action.as_ref().map(|action| self.text("action", action));
        let place = self.place(raw.place.as_ref(), level, &raw.level.span(), &format!("this {name} rule"));
        Rule { when, level: level.unwrap_or(Level::Emergency), reason, link, action, place, link_line }
    }

    /// The position of an answer a rule names that does not exist (the
    /// questionnaire then has a problem and is never used).
    const NOWHERE: (usize, usize) = (usize::MAX, usize::MAX);

    fn answer_ref(&mut self, answer: &Spanned<String>, questions: &[Question]) -> AnswerRef {
        let value = answer.get_ref();
        let Some((question_id, option_id)) = value.split_once('.') else {
            self.report(
                &answer.span(),
                format!("`{value}` does not name a question and an answer"),
                "Write `question.option`, like `leg.one_leg`.",
            );
            return AnswerRef { question: value.clone(), option: String::new(), at: Self::NOWHERE };
        };
        let question_at = questions.iter().position(|question| question.id == question_id);
        let option_at =
            question_at.and_then(|q| questions[q].options.iter().position(|option| option.id == option_id));
        let at = match (question_at, option_at) {
            (Some(q), Some(o)) => (q, o),
            (None, _) => {
                let known: Vec<&str> = questions.iter().map(|question| question.id.as_str()).collect();
                self.report(
                    &answer.span(),
                    format!("rule names question `{question_id}`, which does not exist"),
                    format!("Use one of: {}.", known.join(", ")),
                );
                Self::NOWHERE
            }
            (Some(q), None) => {
                let known: Vec<&str> = questions[q].options.iter().map(|option| option.id.as_str()).collect();
                self.report(
                    &answer.span(),
                    format!("rule names option `{option_id}`, which question `{question_id}` does not have"),
                    format!("Use one of: {}.", known.join(", ")),
                );
                Self::NOWHERE
            }
        };
        AnswerRef { question: question_id.to_string(), option: option_id.to_string(), at }
    }

    /// Reads `place`: it must fit the level. An emergency without one calls
    /// an ambulance, the safer of the two.
    fn place(
        &mut self,
        raw: Option<&Spanned<String>>,
        level: Option<Level>,
        span: &Range<usize>,
        what: &str,
    ) -> Option<Place> {
        let place = raw.and_then(|raw| {
            let place = Place::from_id(raw.get_ref());
            if place.is_none() {
                let known: Vec<&str> = Place::ALL.iter().map(|p| p.id()).collect();
                self.report(
                    &raw.span(),
                    format!("`{}` is not a place", raw.get_ref()),
                    format!("Write one of {}.", known.join(", ")),
                );
            }
            place
        });
        match (place, level) {
            (Some(place), Some(level)) if place.level() != level => self.report(
                span,
                format!(
                    "{what} is `{}` but its place `{}` is for `{}`",
                    level.id(),
                    place.id(),
                    place.level().id()
                ),
                "Use `ambulance` or `a_and_e` for emergencies, `a_and_e_today` or `call_now` for urgent.",
            ),
            _ => {}
        }
        place
    }

    fn advice(&mut self, raw: &BTreeMap<Spanned<String>, RawAdvice>) -> Vec<Advice> {
        let mut by_level: Vec<Option<Advice>> = vec![None; Level::ALL.len()];
        for (key, advice) in raw.iter().filter(|(key, _)| Place::from_id(key.get_ref()).is_none()) {
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

    /// The advice for each place but the ambulance (whose advice is the
    /// emergency level's), from `[advice.PLACE]`.
    fn place_advice(&mut self, raw: &BTreeMap<Spanned<String>, RawAdvice>, used: &[Place]) -> Vec<Advice> {
        Place::ALL
            .into_iter()
            .map(|place| {
                let found = raw.iter().find(|(key, _)| key.get_ref() == place.id());
                match found {
                    Some(_) if place == Place::Ambulance => {
                        self.problems.push(Problem::in_file(
                            self.path,
                            "`[advice.ambulance]` is never shown",
                            "Delete it: a result that calls an ambulance shows `[advice.emergency]`.",
                        ));
                        Advice { now: String::new(), if_worse: String::new() }
                    }
                    Some((_, advice)) => Advice {
                        now: self.text("now", &advice.now),
                        if_worse: self.text("if_worse", &advice.if_worse),
                    },
                    None if place == Place::Ambulance || !used.contains(&place) => {
                        Advice { now: String::new(), if_worse: String::new() }
                    }
                    None => {
                        self.problems.push(Problem::in_file(
                            self.path,
                            format!("place `{}` has no advice", place.id()),
                            format!("Add `[advice.{}]` with `now` and `if_worse`.", place.id()),
                        ));
                        Advice { now: String::new(), if_worse: String::new() }
                    }
                }
            })
            .collect()
    }

    /// The review fields, by the same rule as articles' front matter.
    fn review(&mut self, raw: &RawQuestionnaire) -> Option<Review> {
        let (review, problems) = review::check(
            raw.reviewed.as_ref().map(|date| *date.get_ref()),
            raw.next_review.as_ref().map(|date| *date.get_ref()),
            raw.reviewer.as_ref().map(Spanned::get_ref),
        );
        for problem in problems {
            let span = match problem {
                ReviewProblem::Incomplete => [
                    raw.reviewed.as_ref().map(Spanned::span),
                    raw.next_review.as_ref().map(Spanned::span),
                    raw.reviewer.as_ref().map(Spanned::span),
                ]
                .into_iter()
                .flatten()
                .min_by_key(|span| span.start),
                ReviewProblem::NextNotAfter { .. } => raw.next_review.as_ref().map(Spanned::span),
                ReviewProblem::NameOrRoleEmpty => raw.reviewer.as_ref().map(Spanned::span),
            };
            self.report(&span.unwrap_or(0..0), problem.message(), problem.fix());
        }
        review
    }
}

mod routing;
mod signs;
#[cfg(test)]
mod tests;
