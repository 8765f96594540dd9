//! Turning answers into a level, the reasons for it, and what to do.
//!
//! The order of the steps is the clinical rule set:
//! 1. each selected answer raises the level to its own level (highest wins);
//! 2. escalation rules raise it for worrying combinations;
//! 3. timing rules (how long ago, better or worse) apply only while nothing
//!    else has put it above `self_care`, because once there is a warning sign
//!    the timing no longer changes what to do.
//!
//! Nothing here ever lowers the level, so one more warning sign can never
//! make the advice less urgent. `assess` also accepts a partly answered form:
//! an emergency must be shown even while another question is still unanswered.

use super::answers::Answers;
use super::model::{Advice, AnswerOption, Level, Place, Question, Questionnaire, Rule};

/// Timing rules only run while nothing has raised the level above this. A
/// timing rule above the next level up could then be cancelled by one more
/// worrying answer, and the result would go down, so the check forbids it.
pub(super) const TIMING_GATE: Level = Level::SelfCare;

/// The result of the self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The highest level any answer or rule reached.
    pub level: Level,
    /// Where the headline sends the reader, chosen from the places of the
    /// reasons at `level`: an emergency calls an ambulance unless every one
    /// of its reasons says A&E; an urgent result names the urgent line now,
    /// or A&E today, when a reason does.
    pub place: Option<Place>,
    /// Why, highest level first; the same sentence is never listed twice.
    pub reasons: Vec<Reason>,
    /// What to do now and if it gets worse, for `level`.
    pub advice: Advice,
}

/// One reason the level was raised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The level this reason alone leads to.
    pub level: Level,
    /// Why it matters, in plain words.
    pub text: String,
    /// The short label of the question, or of each question in a combination.
    pub question: String,
    /// The answer that caused it, or the answers of the combination joined with " + ".
    pub answer: String,
    /// The article section that explains it.
    pub link: String,
    /// What to do about this reason in particular, if it has its own action.
    pub action: Option<String>,
    /// Where this reason sends the reader, if its level alone does not say.
    pub place: Option<Place>,
}

/// Work out the level, the reasons and the advice from (possibly partial) answers.
pub fn assess(q: &Questionnaire, a: &Answers) -> Assessment {
    let mut level = Level::Expected;
    let mut drafts = Vec::new();
    for (at, question) in q.questions().iter().enumerate() {
        for (option_at, option) in question.options.iter().enumerate() {
            if let Some(raised) = option.raises().filter(|_| a.is_ticked(at, option_at)) {
                level = level.max(raised);
                let mut draft = Draft::new(
                    raised,
                    option.reason.clone(),
                    option.link.clone(),
                    option.action.clone(),
                    &[(question, option)],
                );
                draft.place = option.place;
                drafts.push(draft);
            }
        }
    }
    for rule in q.escalations() {
        if let Some(hits) = matches(q, rule, a) {
            level = level.max(rule.level);
            drafts.push(Draft::from_rule(rule, &hits));
        }
    }
    if level <= TIMING_GATE {
        for rule in q.timing() {
            if let Some(hits) = matches(q, rule, a) {
                level = level.max(rule.level);
                drafts.push(Draft::from_rule(rule, &hits));
            }
        }
    }
    // A stable sort keeps questionnaire order within a level.
    drafts.sort_by_key(|draft| std::cmp::Reverse(draft.level));
    let place = super::headline::place_of(level, drafts.iter().map(|draft| (draft.level, draft.place)));
    let reasons = merge(drafts).into_iter().map(Draft::finish).collect();
    Assessment { level, place, reasons, advice: q.result_advice(level, place).clone() }
}

/// The selected answers that satisfy every group of the rule, or `None` if a group has none.
fn matches<'q>(
    q: &'q Questionnaire,
    rule: &Rule,
    a: &Answers,
) -> Option<Vec<(&'q Question, &'q AnswerOption)>> {
    let mut hits = Vec::new();
    for group in &rule.when {
        let before = hits.len();
        for (question, option) in group.iter().map(|answer| answer.at).filter(|&(q, o)| a.is_ticked(q, o)) {
            let question = q.questions().get(question)?;
            hits.push((question, question.options.get(option)?));
        }
        if hits.len() == before {
            return None;
        }
    }
    Some(hits)
}

struct Draft {
    level: Level,
    place: Option<Place>,
    text: String,
    link: String,
    action: Option<String>,
    questions: Vec<String>,
    answers: Vec<String>,
}

impl Draft {
    fn new(
        level: Level,
        text: Option<String>,
        link: Option<String>,
        action: Option<String>,
        hits: &[(&Question, &AnswerOption)],
    ) -> Self {
        let mut draft = Draft {
            level,
            place: None,
            text: text.unwrap_or_default(),
            link: link.unwrap_or_default(),
            action,
            questions: Vec::new(),
            answers: Vec::new(),
        };
        for (question, option) in hits {
            push_new(&mut draft.questions, &question.label);
            push_new(&mut draft.answers, &option.label);
        }
        draft
    }

    fn from_rule(rule: &Rule, hits: &[(&Question, &AnswerOption)]) -> Self {
        let mut draft = Draft::new(
            rule.level,
            Some(rule.reason.clone()),
            Some(rule.link.clone()),
            rule.action.clone(),
            hits,
        );
        draft.place = rule.place;
        draft
    }

    fn finish(self) -> Reason {
        Reason {
            level: self.level,
            text: self.text,
            question: join_words(&self.questions),
            answer: self.answers.join(" + "),
            link: self.link,
            action: self.action,
            place: self.place,
        }
    }
}

/// Two rules may share one sentence (dark pee with severe pain, and dark pee
/// after a massage gun); the reader should see it once, with every answer
/// that led to it. Drafts arrive highest level first, so the kept one is the
/// most urgent.
fn merge(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut kept: Vec<Draft> = Vec::new();
    for draft in drafts {
        match kept.iter_mut().find(|earlier| earlier.text == draft.text) {
            Some(earlier) => {
                draft.questions.iter().for_each(|label| push_new(&mut earlier.questions, label));
                draft.answers.iter().for_each(|label| push_new(&mut earlier.answers, label));
            }
            None => kept.push(draft),
        }
    }
    kept
}

fn push_new(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|existing| existing == item) {
        list.push(item.to_string());
    }
}

/// "A", "A and B", "A, B and C".
fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests;
