//! The answers someone gave, read from the posted form.
//!
//! Two kinds of trouble are kept apart. A value no form of ours could send (an
//! option that does not exist, two answers to a radio question) is a
//! [`Rejection`]: the page is out of date or the request was made by hand, so
//! the web layer answers 400. A person's slip (a question left out, "None of
//! these" ticked with something else) is a [`FieldError`]: the form is shown
//! again with a message, and [`Answers`] keeps every box they ticked so they
//! only fix what is wrong.

use std::fmt;

use super::questionnaire::{Choice, Questionnaire};

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
    /// Every selection, even when there are errors.
    pub answers: Answers,
    /// One message per question that needs attention, in questionnaire order.
    pub errors: Vec<FieldError>,
}

/// Form data that our own form could not have sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// A value that is not an option of the question.
    UnknownOption {
        /// The question id.
        question: String,
        /// The value sent.
        value: String,
    },
    /// More than one answer to a question that takes one.
    RepeatedSingle {
        /// The question id.
        question: String,
    },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::UnknownOption { question, value } => {
                // The value comes from the request; keep a hand-made one from
                // flooding the page.
                let shown: String = value.chars().take(40).collect();
                let more = if shown.len() < value.len() { "..." } else { "" };
                write!(
                    f,
                    "The form sent '{shown}{more}' as an answer to question '{question}', but that is not one of \
                     its answers. The page may be out of date: go back to the self-check, reload it and answer again."
                )
            }
            Rejection::RepeatedSingle { question } => write!(
                f,
                "The form sent more than one answer to question '{question}', which takes only one. \
                 Go back to the self-check, reload it and answer again."
            ),
        }
    }
}

impl std::error::Error for Rejection {}

/// Read decoded form pairs (field name = question id, value = option id; one
/// pair per ticked checkbox). Fields that are not questions are ignored, so
/// the web layer can add its own (a button name, a CSRF token).
pub fn parse_answers(q: &Questionnaire, pairs: &[(String, String)]) -> Result<Parsed, Rejection> {
    let questions = q.questions();
    let mut ticked: Vec<Vec<bool>> =
        questions.iter().map(|question| vec![false; question.options.len()]).collect();
    for (name, value) in pairs {
        let Some(at) = questions.iter().position(|question| question.id == *name) else {
            continue;
        };
        let question = &questions[at];
        let Some(option) = question.options.iter().position(|option| option.id == *value) else {
            return Err(Rejection::UnknownOption { question: name.clone(), value: value.clone() });
        };
        if question.choice == Choice::Single && ticked[at].contains(&true) {
            return Err(Rejection::RepeatedSingle { question: name.clone() });
        }
        ticked[at][option] = true;
    }

    let mut answers = Answers::default();
    let mut errors = Vec::new();
    for (question, ticks) in questions.iter().zip(&ticked) {
        let options: Vec<String> = question
            .options
            .iter()
            .zip(ticks)
            .filter(|(_, ticked)| **ticked)
            .map(|(option, _)| option.id.clone())
            .collect();
        if options.is_empty() {
            errors.push(FieldError { question: question.id.clone(), message: question.error.clone() });
            continue;
        }
        if let Some(none) = question.exclusive()
            && options.len() > 1
            && options.contains(&none.id)
        {
            errors.push(FieldError {
                question: question.id.clone(),
                message: format!("Select '{}' on its own, or untick it", none.label),
            });
        }
        answers.chosen.push(Chosen { question: question.id.clone(), options });
    }
    Ok(Parsed { answers, errors })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{CALM, answers, calm_except, pairs, real};
    use super::*;

    fn parse(spec: &[(String, String)]) -> Parsed {
        parse_answers(real(), spec).expect("accepted")
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
        let changed = answers("leg=one_leg areas=calves,feet");
        assert!(changed.is_selected("leg", "one_leg") && !changed.is_selected("leg", "no"));
        assert_eq!(changed.selected("areas"), ["calves", "feet"]);
        assert_eq!(changed.selected("risks"), ["none"]);
    }

    #[test]
    fn a_missing_answer_asks_the_question_s_own_select_message() {
        let without_leg: Vec<_> = pairs(CALM).into_iter().filter(|(q, _)| q != "leg").collect();
        let parsed = parse(&without_leg);
        assert_eq!(messages(&parsed), [("leg", "Select whether one leg is swollen, warm or painful")]);
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
    fn an_unknown_option_is_rejected() {
        let rejection = parse_answers(real(), &calm_except("leg=maybe")).unwrap_err();
        assert_eq!(rejection, Rejection::UnknownOption { question: "leg".into(), value: "maybe".into() });
        assert!(rejection.to_string().contains("'maybe'"), "{rejection}");
        assert!(rejection.to_string().contains("reload"), "{rejection}");
    }

    #[test]
    fn a_long_unknown_value_is_shortened_in_the_message() {
        let long = "x".repeat(500);
        let rejection = parse_answers(real(), &[("leg".into(), long)]).unwrap_err();
        assert!(rejection.to_string().len() < 300, "{rejection}");
    }

    #[test]
    fn two_answers_to_a_radio_question_are_rejected() {
        let rejection = parse_answers(real(), &pairs("leg=no leg=one_leg")).unwrap_err();
        assert_eq!(rejection, Rejection::RepeatedSingle { question: "leg".into() });
        assert!(rejection.to_string().contains("only one"), "{rejection}");
    }

    #[test]
    fn unknown_field_names_are_ignored() {
        let mut with_extra = pairs(CALM);
        with_extra.push(("csrf".into(), "abc".into()));
        with_extra.push(("continue".into(), "".into()));
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
        assert!(!parsed.answers.is_selected("leg", "no"));
    }

    #[test]
    fn selections_come_in_questionnaire_order_whatever_the_form_order() {
        let parsed = parse(&pairs("areas=feet,calves leg=one_leg right_now=none"));
        let order: Vec<(&str, &str)> = parsed.answers.selections().collect();
        assert_eq!(
            order,
            [("right_now", "none"), ("leg", "one_leg"), ("areas", "calves"), ("areas", "feet")]
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
