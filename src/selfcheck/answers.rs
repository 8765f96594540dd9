//! The answers someone gave, read from the posted form.
//!
//! Every step of the self-check posts the earlier answers again in hidden
//! fields, so anything in them may have been changed by hand or by an old
//! page. Nothing here ever refuses the request: an option that does not
//! exist, two answers to a radio question, a question left out or "None of
//! these" ticked with something else all become a [`FieldError`] on that
//! question, and [`Answers`] keeps every valid box that was ticked, so the
//! reader is taken to the step that needs an answer and only fixes that.

use super::model::{Choice, Questionnaire};

/// The options chosen for one question, in the order the question lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The question id.
    pub question: String,
    /// The chosen option ids; never empty.
    pub options: Vec<String>,
}

/// Everything that was selected, in questionnaire order. Unanswered questions
/// are simply absent, so a partly filled form is still a valid `Answers`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    chosen: Vec<Chosen>,
}

impl Answers {
    /// No answers at all, as a constant for pages built at start-up.
    pub const EMPTY: Answers = Answers { chosen: Vec::new() };

    /// Whether this option was selected, e.g. to tick the box again.
    pub fn is_selected(&self, question: &str, option: &str) -> bool {
        self.selected(question).iter().any(|chosen| chosen == option)
    }

    /// The options selected for a question; empty if it was not answered.
    pub fn selected(&self, question: &str) -> &[String] {
        self.chosen.iter().find(|chosen| chosen.question == question).map_or(&[], |chosen| &chosen.options)
    }

    /// The answered questions with their options, in questionnaire order.
    pub fn chosen(&self) -> &[Chosen] {
        &self.chosen
    }

    /// Every `(question, option)` pair selected, in questionnaire order.
    pub fn selections(&self) -> impl Iterator<Item = (&str, &str)> {
        self.chosen.iter().flat_map(|chosen| {
            chosen.options.iter().map(move |option| (chosen.question.as_str(), option.as_str()))
        })
    }

    /// Whether nothing at all was selected.
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }
}

/// A message to show next to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The question id, for the field's id and the error summary link.
    pub question: String,
    /// What to do, GOV.UK style: "Select ...".
    pub message: String,
}

/// The form as read: the answers (always) and what still needs fixing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Every valid selection, even when there are errors.
    pub answers: Answers,
    /// One message per question that needs attention, in questionnaire order.
    pub errors: Vec<FieldError>,
}

impl Parsed {
    /// The message for this question, if it needs attention.
    pub fn error(&self, question: &str) -> Option<&FieldError> {
        self.errors.iter().find(|error| error.question == question)
    }
}

/// Read decoded form pairs (field name = question id, value = option id; one
/// pair per ticked checkbox). Fields that are not questions are ignored, so
/// the form can add its own (the step, the button pressed).
pub fn parse_answers(q: &Questionnaire, pairs: &[(String, String)]) -> Parsed {
    let questions = q.questions();
    let mut ticked: Vec<Vec<bool>> =
        questions.iter().map(|question| vec![false; question.options.len()]).collect();
    let mut garbled = vec![false; questions.len()];
    for (name, value) in pairs {
        let Some(at) = questions.iter().position(|question| question.id == *name) else {
            continue;
        };
        let question = &questions[at];
        match question.options.iter().position(|option| option.id == *value) {
            None => garbled[at] = true,
            Some(_) if question.choice == Choice::Single && ticked[at].contains(&true) => {
                // Two answers to a radio question: neither can be trusted.
                ticked[at].fill(false);
                garbled[at] = true;
            }
            Some(option) => ticked[at][option] = true,
        }
    }

    let mut answers = Answers::default();
    let mut errors = Vec::new();
    for ((question, ticks), garbled) in questions.iter().zip(&ticked).zip(garbled) {
        let options: Vec<String> = question
            .options
            .iter()
            .zip(ticks)
            .filter(|(_, ticked)| **ticked)
            .map(|(option, _)| option.id.clone())
            .collect();
        let exclusive_clash =
            question.exclusive().filter(|none| options.len() > 1 && options.contains(&none.id));
        if let Some(none) = exclusive_clash {
            errors.push(FieldError {
                question: question.id.clone(),
                message: format!("Select '{}' on its own, or untick it", none.label),
            });
        } else if options.is_empty() || garbled {
            errors.push(FieldError { question: question.id.clone(), message: question.error.clone() });
        }
        if !options.is_empty() {
            answers.chosen.push(Chosen { question: question.id.clone(), options });
        }
    }
    Parsed { answers, errors }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{CALM, answers, calm_except, pairs, real};
    use super::*;

    fn parse(spec: &[(String, String)]) -> Parsed {
        parse_answers(real(), spec)
    }

    fn messages(parsed: &Parsed) -> Vec<(&str, &str)> {
        parsed.errors.iter().map(|error| (error.question.as_str(), error.message.as_str())).collect()
    }

    #[test]
    fn calm_answers_parse_without_errors() {
        let parsed = parse(&pairs(CALM));
        assert_eq!(parsed.errors, []);
        assert_eq!(parsed.answers.chosen().len(), real().questions().len());
    }

    #[test]
    fn the_test_helper_changes_only_the_named_questions() {
        let changed = answers("limb=one_leg areas=calves,feet");
        assert!(changed.is_selected("limb", "one_leg") && !changed.is_selected("limb", "no"));
        assert_eq!(changed.selected("areas"), ["calves", "feet"]);
        assert_eq!(changed.selected("risks"), ["none"]);
    }

    #[test]
    fn a_missing_answer_asks_the_question_s_own_select_message() {
        let without: Vec<_> = pairs(CALM).into_iter().filter(|(q, _)| q != "limb").collect();
        let parsed = parse(&without);
        assert_eq!(
            messages(&parsed),
            [("limb", "Select whether an arm or leg is swollen, warm or painful, or select 'No'")]
        );
    }

    #[test]
    fn every_question_is_required() {
        let parsed = parse(&[]);
        let ids: Vec<&str> = parsed.errors.iter().map(|error| error.question.as_str()).collect();
        let all: Vec<&str> = real().questions().iter().map(|question| question.id.as_str()).collect();
        assert_eq!(ids, all);
        assert!(parsed.errors.iter().all(|error| error.message.starts_with("Select ")));
    }

    #[test]
    fn none_of_these_with_another_box_is_an_error_but_both_stay_ticked() {
        let parsed = parse(&calm_except("risks=none,past_clot"));
        assert_eq!(messages(&parsed), [("risks", "Select 'None of these' on its own, or untick it")]);
        assert!(parsed.answers.is_selected("risks", "none"));
        assert!(parsed.answers.is_selected("risks", "past_clot"));
    }

    #[test]
    fn an_unknown_option_asks_the_question_again_and_keeps_the_rest() {
        let parsed = parse(&calm_except("fever=maybe"));
        assert_eq!(messages(&parsed), [("fever", "Select whether you have a fever")]);
        assert!(parsed.answers.selected("fever").is_empty());
        assert_eq!(parsed.answers.chosen().len(), real().questions().len() - 1);
    }

    #[test]
    fn an_unknown_checkbox_keeps_the_known_ones_ticked() {
        let parsed = parse(&calm_except("areas=calves,elbows"));
        assert_eq!(messages(&parsed), [("areas", "Select which parts of your body were massaged")]);
        assert_eq!(parsed.answers.selected("areas"), ["calves"]);
    }

    #[test]
    fn a_long_unknown_value_never_reaches_a_message() {
        let long = "x".repeat(500);
        let parsed = parse(&[("fever".into(), long)]);
        assert!(parsed.errors.iter().all(|error| !error.message.contains("xxx")));
    }

    #[test]
    fn two_answers_to_a_radio_question_ask_it_again() {
        let parsed = parse(&calm_except("fever=no fever=yes"));
        assert_eq!(messages(&parsed), [("fever", "Select whether you have a fever")]);
        assert!(parsed.answers.selected("fever").is_empty());
        assert!(parsed.error("fever").is_some() && parsed.error("limb").is_none());
    }

    #[test]
    fn unknown_field_names_are_ignored() {
        let mut with_extra = pairs(CALM);
        with_extra.push(("csrf".into(), "abc".into()));
        with_extra.push(("action".into(), "continue".into()));
        assert_eq!(parse(&with_extra), parse(&pairs(CALM)));
    }

    #[test]
    fn answers_are_kept_when_there_are_errors() {
        let parsed = parse(&pairs("skin=bruise,large areas=calves"));
        assert!(!parsed.errors.is_empty());
        assert!(parsed.answers.is_selected("skin", "bruise"));
        assert!(parsed.answers.is_selected("skin", "large"));
        assert!(parsed.answers.is_selected("areas", "calves"));
        assert!(!parsed.answers.is_selected("areas", "feet"));
        assert!(!parsed.answers.is_selected("limb", "no"));
    }

    #[test]
    fn selections_come_in_questionnaire_order_whatever_the_form_order() {
        let parsed = parse(&pairs("areas=feet,calves limb=one_leg right_now=none"));
        let order: Vec<(&str, &str)> = parsed.answers.selections().collect();
        assert_eq!(
            order,
            [("right_now", "none"), ("limb", "one_leg"), ("areas", "calves"), ("areas", "feet")]
        );
        assert_eq!(parsed.answers.selected("areas"), ["calves", "feet"]);
        assert!(parsed.answers.selected("pee").is_empty());
    }

    #[test]
    fn a_repeated_checkbox_counts_once() {
        let parsed = parse(&pairs("areas=feet areas=feet"));
        assert_eq!(parsed.answers.selected("areas"), ["feet"]);
    }
}
