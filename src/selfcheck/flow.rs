//! Which page comes next after the reader posts a step.
//!
//! The self-check is asked a few questions at a time. Each step is a POST
//! that carries every earlier answer in hidden fields, so nothing is kept
//! anywhere between requests. [`next`] decides, from the posted answers
//! alone, whether to show the result or which step to ask, with which
//! messages. The rules of the flow live here, not in the web layer:
//!
//! - an emergency is never held back: as soon as the answers so far reach
//!   [`Level::Emergency`], or any answer on the first step raises the level
//!   (its "I'm not sure" sends the reader to call 111 now), the result is
//!   shown, whatever else is missing or wrong (the NHS "interruption" pattern);
//! - a step with no question for this reader (the topics they did not tick)
//!   is skipped: a calm reader goes from the second step to the result;
//! - a step is only passed when it and every step before it are answered,
//!   so a skipped step or a changed hidden field takes the reader to the
//!   first step that needs an answer, with the GOV.UK error messages and
//!   every other answer kept;
//! - "Back" and "Change your answers" never show errors.

use super::answers::{Answers, FieldError, Parsed};
use super::assess::{Assessment, assess};
use super::model::{Level, Questionnaire};

/// The hidden field that says which step was posted.
pub const STEP_FIELD: &str = "step";
/// The name of the buttons; their values are [`Action::value`].
pub const ACTION_FIELD: &str = "action";

/// The button the reader pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// "Continue" (or "Get my result" on the last step).
    Continue,
    /// "Back": the step before, answers kept.
    Back,
    /// "Change your answers" on the result: the first step, answers ticked.
    Change,
}

impl Action {
    /// The button's value in the form.
    pub fn value(self) -> &'static str {
        match self {
            Action::Continue => "continue",
            Action::Back => "back",
            Action::Change => "change",
        }
    }
}

/// The step and the button read from the form's own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The step that was posted. A missing or unreadable value counts as
    /// the last step, so a complete answer set without it still gets its result.
    pub step: usize,
    /// The button pressed; anything unknown counts as "Continue".
    pub action: Action,
}

/// Read the step and the button from the decoded form pairs.
pub fn position<N: AsRef<str>, V: AsRef<str>>(q: &Questionnaire, pairs: &[(N, V)]) -> Position {
    let last = q.steps().len() - 1;
    let field =
        |name: &str| pairs.iter().find(|(key, _)| key.as_ref() == name).map(|(_, value)| value.as_ref());
    let step = field(STEP_FIELD).and_then(|value| value.parse::<usize>().ok()).map_or(last, |n| n.min(last));
    let action = match field(ACTION_FIELD) {
        Some("back") => Action::Back,
        Some("change") => Action::Change,
        _ => Action::Continue,
    };
    Position { step, action }
}

/// What to show next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The result page.
    Result(Assessment),
    /// Ask this step, with the messages for its questions (none when the
    /// reader is simply moving on or going back).
    Ask {
        /// The step to show.
        step: usize,
        /// Messages for the questions on that step.
        errors: Vec<FieldError>,
    },
}

/// Decide what comes after the posted step.
pub fn next(q: &Questionnaire, parsed: &Parsed, at: Position) -> Outcome {
    match at.action {
        Action::Back => return Outcome::Ask { step: at.step.saturating_sub(1), errors: Vec::new() },
        Action::Change => return Outcome::Ask { step: 0, errors: Vec::new() },
        Action::Continue => {}
    }
    let assessment = assess(q, &parsed.answers);
    let first_step_raised = parsed.answers.options(0).any(|(_, option)| option.raises().is_some());
    if assessment.level == Level::Emergency || first_step_raised {
        return Outcome::Result(assessment);
    }
    for step in 0..=at.step {
        let errors: Vec<FieldError> = q
            .step_questions(step)
            .iter()
            .filter_map(|question| parsed.error(&question.id).cloned())
            .collect();
        if !errors.is_empty() {
            return Outcome::Ask { step, errors };
        }
    }
    match (at.step + 1..q.steps().len()).find(|&step| asks_on(q, &parsed.answers, step)) {
        Some(step) => Outcome::Ask { step, errors: Vec::new() },
        None => Outcome::Result(assessment),
    }
}

/// Whether step `step` has a question for the reader with these answers.
fn asks_on(q: &Questionnaire, answers: &Answers, step: usize) -> bool {
    q.steps().get(step).is_some_and(|s| s.questions.clone().any(|at| answers.is_asked(at)))
}

#[cfg(test)]
mod tests {
    use super::super::answers::parse_answers;
    use super::super::testing::{CALM, calm_except, pairs, real};
    use super::*;

    fn outcome(spec: &str) -> Outcome {
        let q = real();
        let form = pairs(spec);
        next(q, &parse_answers(q, &form), position(q, &form))
    }

    fn asked(outcome: &Outcome) -> (usize, Vec<&str>) {
        match outcome {
            Outcome::Ask { step, errors } => (*step, errors.iter().map(|e| e.question.as_str()).collect()),
            Outcome::Result(result) => panic!("a result, not a step: {:?}", result.level),
        }
    }

    fn level(outcome: &Outcome) -> Level {
        match outcome {
            Outcome::Result(result) => result.level,
            Outcome::Ask { step, errors } => panic!("step {step} asked, not a result: {errors:?}"),
        }
    }

    /// Only the answers on steps before `step`, as they would be posted from it.
    fn answers_before(step: usize) -> String {
        let q = real();
        let ids: Vec<&str> = (0..step).flat_map(|s| q.step_questions(s)).map(|q| q.id.as_str()).collect();
        CALM.split_whitespace()
            .filter(|pair| ids.iter().any(|id| pair.starts_with(&format!("{id}="))))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_first_step_is_the_emergency_question_alone() {
        let q = real();
        assert_eq!(q.step_questions(0).len(), 1);
        assert_eq!(q.step_questions(0)[0].id, "right_now");
        assert_eq!(q.steps().len(), 3, "emergency signs, the questions for everyone, the topics' questions");
        assert!(
            q.step_questions(1)
                .iter()
                .all(|question| question.topic.is_none() && question.also_if.is_empty())
        );
        assert!(
            q.step_questions(2)
                .iter()
                .all(|question| question.topic.is_some() || !question.also_if.is_empty())
        );
    }

    #[test]
    fn an_emergency_sign_on_the_first_step_ends_the_check_at_once() {
        assert_eq!(level(&outcome("step=0 action=continue right_now=stroke_signs")), Level::Emergency);
        // Even with "None of these" ticked too, which is an error.
        assert_eq!(level(&outcome("step=0 right_now=none,breathless")), Level::Emergency);
    }

    #[test]
    fn not_sure_on_the_first_step_ends_the_check_at_once_with_call_111_now() {
        assert_eq!(level(&outcome("step=0 action=continue right_now=not_sure")), Level::Urgent);
    }

    #[test]
    fn an_emergency_on_a_later_step_is_shown_even_with_questions_unanswered() {
        let spec =
            format!("{} step=2 chest=more", answers_before(2).replace("topics=none", "topics=breathing"));
        assert_eq!(level(&outcome(&spec)), Level::Emergency);
    }

    #[test]
    fn a_calm_reader_goes_from_the_second_step_to_the_result() {
        assert_eq!(asked(&outcome(&format!("{} step=0", answers_before(1)))), (1, vec![]));
        assert_eq!(level(&outcome(&format!("{} step=1", answers_before(2)))), Level::Expected);
    }

    #[test]
    fn a_reader_who_ticks_topics_gets_one_more_step_with_only_their_questions() {
        let ticked = answers_before(2).replace("topics=none", "topics=skin");
        assert_eq!(asked(&outcome(&format!("{ticked} step=1"))), (2, vec![]));
        let spec = format!("{ticked} step=2");
        assert_eq!(
            asked(&outcome(&spec)),
            (2, vec!["kind", "skin"]),
            "only the skin and the kind of massage"
        );
        assert_eq!(level(&outcome(&format!("{ticked} kind=light skin=no step=2"))), Level::Expected);
        let not_sure = answers_before(2).replace("topics=none", "topics=other");
        let every = outcome(&format!("{not_sure} step=2"));
        let (step, errors) = asked(&every);
        assert_eq!(
            (step, errors.len()),
            (2, real().step_questions(2).len() - 1),
            "not sure opens every question but the pregnancy signs, which 'pregnant' opens"
        );
        let pregnant = not_sure.replace("risks=none", "risks=pregnant");
        let with_pregnant = outcome(&format!("{pregnant} step=2"));
        let (step, errors) = asked(&with_pregnant);
        assert_eq!(
            (step, errors.len()),
            (2, real().step_questions(2).len()),
            "and with 'pregnant', every one"
        );
    }

    #[test]
    fn an_unanswered_step_is_asked_again_with_its_messages() {
        let spec = format!("{} step=1", answers_before(1));
        assert_eq!(asked(&outcome(&spec)), (1, vec!["areas", "days", "trend", "pain", "risks", "topics"]));
    }

    #[test]
    fn a_tampered_or_skipped_earlier_answer_takes_the_reader_back_to_its_step() {
        let q = real();
        let pain_step = q.step_of("pain").unwrap();
        let before = answers_before(2).replace("topics=none", "topics=skin") + " kind=light skin=no";
        let tampered = before.replace("pain=mild", "pain=perhaps");
        assert_eq!(asked(&outcome(&format!("{tampered} step=2"))), (pain_step, vec!["pain"]));
        let skipped = before.replace("pain=mild", "");
        assert_eq!(asked(&outcome(&format!("{skipped} step=2"))), (pain_step, vec!["pain"]));
    }

    #[test]
    fn back_and_change_never_show_errors() {
        assert_eq!(asked(&outcome("step=2 action=back")), (1, vec![]));
        assert_eq!(asked(&outcome("step=0 action=back")), (0, vec![]));
        assert_eq!(asked(&outcome(&format!("{CALM} action=change"))), (0, vec![]));
    }

    #[test]
    fn a_missing_or_silly_step_counts_as_the_last_one() {
        let q = real();
        let last = q.steps().len() - 1;
        for spec in ["", "step=999", "step=-1", "step=two"] {
            assert_eq!(position(q, &pairs(spec)).step, last, "{spec}");
        }
        assert_eq!(level(&outcome(CALM)), Level::Expected);
        assert_eq!(position(q, &pairs("action=jump")).action, Action::Continue);
        let all_wrong = calm_except("limb=one_leg");
        assert_eq!(next(q, &parse_answers(q, &all_wrong), position(q, &all_wrong)), {
            Outcome::Result(assess(q, &parse_answers(q, &all_wrong).answers))
        });
    }
}
