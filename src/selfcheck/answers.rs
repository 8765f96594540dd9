//! The answers someone gave, read from the posted form.
//!
//! Every step of the self-check posts the earlier answers again in hidden
//! fields, so anything in them may have been changed by hand or by an old
//! page. Nothing here ever refuses the request: an option that does not
//! exist, two answers to a radio question, a question left out or "None of
//! these" ticked with something else all become a [`FieldError`] on that
//! question, and [`Answers`] keeps every valid box that was ticked, so the
//! reader is taken to the step that needs an answer and only fixes that.

use std::fmt;

use super::model::{AnswerOption, Choice, Question, Questionnaire};

/// The most options one question may offer: each question's ticks are the
/// bits of one `u64`, so reading a form allocates one small array and no
/// strings. The checker refuses a question with more.
pub(crate) const MAX_OPTIONS: usize = 64;

/// Everything that was selected, as one bit per option of each question.
/// Unanswered questions are simply empty, so a partly filled form is still
/// a valid `Answers`.
#[derive(Clone)]
pub struct Answers<'q> {
    questionnaire: &'q Questionnaire,
    /// One mask per question, in questionnaire order; bit `i` is option `i`.
    /// Empty when nothing was selected at all.
    ticked: Vec<u64>,
}

impl<'q> Answers<'q> {
    /// No answers at all.
    pub fn none(questionnaire: &'q Questionnaire) -> Self {
        Answers { questionnaire, ticked: Vec::new() }
    }

    /// Whether option `option` of question `question` (both by position) was selected.
    pub(crate) fn is_ticked(&self, question: usize, option: usize) -> bool {
        option < MAX_OPTIONS && self.mask(question) & (1u64 << option) != 0
    }

    /// Whether this option was selected, by ids (as rules and tests name them).
    pub(crate) fn is_selected(&self, question: &str, option: &str) -> bool {
        let questions = self.questionnaire.questions();
        self.questionnaire.position(question).is_some_and(|at| {
            questions[at].options.iter().position(|o| o.id == option).is_some_and(|o| self.is_ticked(at, o))
        })
    }

    /// The ids of the options selected for a question; empty if it was not answered.
    pub fn selected(&self, question: &str) -> Vec<&'q str> {
        let Some(at) = self.questionnaire.position(question) else {
            return Vec::new();
        };
        self.options(at).map(|(_, option)| option.id.as_str()).collect()
    }

    /// The options selected for the question at `question`, with their positions.
    pub fn options(&self, question: usize) -> impl Iterator<Item = (usize, &'q AnswerOption)> + use<'q> {
        let mask = self.mask(question);
        let options = self.questionnaire.questions().get(question).map_or(&[][..], |q| &q.options);
        options.iter().enumerate().filter(move |(at, _)| mask & (1u64 << at) != 0)
    }

    /// The answered questions with their positions, in questionnaire order.
    pub fn answered(&self) -> impl Iterator<Item = (usize, &'q Question)> + '_ {
        let questions = self.questionnaire.questions();
        questions.iter().enumerate().filter(|(at, _)| self.mask(*at) != 0)
    }

    /// Every selected `(question, option)` as positions, in questionnaire order.
    pub(crate) fn selections(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.answered()
            .flat_map(|(question, _)| self.options(question).map(move |(option, _)| (question, option)))
    }

    /// Whether the question at `question` is asked of this reader (see
    /// [`Questionnaire::asks`]).
    pub(crate) fn is_asked(&self, question: usize) -> bool {
        self.questionnaire.asks(question, |q, o| self.is_ticked(q, o))
    }

    /// Whether nothing at all was selected.
    pub fn is_empty(&self) -> bool {
        self.ticked.iter().all(|mask| *mask == 0)
    }

    fn mask(&self, question: usize) -> u64 {
        self.ticked.get(question).copied().unwrap_or(0)
    }
}

/// Two answer sets are equal when the same options are selected.
impl PartialEq for Answers<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.selections().eq(other.selections())
    }
}

impl Eq for Answers<'_> {}

/// The selections by id, not the whole questionnaire.
impl fmt::Debug for Answers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let questions = self.questionnaire.questions();
        f.debug_list()
            .entries(
                self.selections().map(|(q, o)| format!("{}={}", questions[q].id, questions[q].options[o].id)),
            )
            .finish()
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
pub struct Parsed<'q> {
    /// Every valid selection, even when there are errors.
    pub answers: Answers<'q>,
    /// One message per question that needs attention, in questionnaire order.
    pub errors: Vec<FieldError>,
}

impl Parsed<'_> {
    /// The message for this question, if it needs attention.
    pub fn error(&self, question: &str) -> Option<&FieldError> {
        self.errors.iter().find(|error| error.question == question)
    }
}

/// Read decoded form pairs (field name = question id, value = option id; one
/// pair per ticked checkbox), in one pass. Fields that are not questions are
/// ignored, so the form can add its own (the step, the button pressed).
/// Questions the reader is not asked (another topic's) are left unanswered.
pub fn parse_answers<'q, N: AsRef<str>, V: AsRef<str>>(q: &'q Questionnaire, pairs: &[(N, V)]) -> Parsed<'q> {
    let questions = q.questions();
    let mut ticked = vec![0u64; questions.len()];
    // Rare (a changed hidden field), so this stays empty and unallocated.
    let mut garbled: Vec<usize> = Vec::new();
    let mut last = 0;
    for (name, value) in pairs {
        let (name, value) = (name.as_ref(), value.as_ref());
        // Forms send the questions in order: look from the last one found.
        let found = (last..questions.len()).chain(0..last).find(|&at| questions[at].id == name);
        let Some(at) = found else {
            continue;
        };
        last = at;
        let question = &questions[at];
        match question.options.iter().position(|option| option.id == value) {
            None => garbled.push(at),
            Some(_) if question.choice == Choice::Single && ticked[at] != 0 => {
                // Two answers to a radio question: neither can be trusted.
                ticked[at] = 0;
                garbled.push(at);
            }
            Some(option) => ticked[at] |= 1u64 << option,
        }
    }

    // A topic's questions count only for a reader who is asked them: an
    // answer left in a hidden field after the reader unticked its topic is
    // dropped, and a question not asked needs no answer.
    let asked: Vec<bool> = (0..questions.len())
        .map(|at| q.asks(at, |q, o| o < MAX_OPTIONS && ticked[q] & (1u64 << o) != 0))
        .collect();
    for (mask, asked) in ticked.iter_mut().zip(&asked) {
        if !asked {
            *mask = 0;
        }
    }
    let mut errors = Vec::new();
    for (at, (question, mask)) in questions.iter().zip(&ticked).enumerate() {
        if !asked[at] {
            continue;
        }
        let exclusive = question.options.iter().position(|option| option.exclusive);
        let clash = exclusive.filter(|&none| mask & (1u64 << none) != 0 && mask.count_ones() > 1);
        if let Some(none) = clash {
            errors.push(FieldError {
                question: question.id.clone(),
                message: format!("Select '{}' on its own, or untick it", question.options[none].label),
            });
        } else if *mask == 0 || garbled.contains(&at) {
            errors.push(FieldError { question: question.id.clone(), message: question.error.clone() });
        }
    }
    Parsed { answers: Answers { questionnaire: q, ticked }, errors }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{CALM, answers, calm_except, pairs, real};
    use super::*;

    fn parse(spec: &[(String, String)]) -> Parsed<'static> {
        parse_answers(real(), spec)
    }

    fn messages<'a>(parsed: &'a Parsed<'_>) -> Vec<(&'a str, &'a str)> {
        parsed.errors.iter().map(|error| (error.question.as_str(), error.message.as_str())).collect()
    }

    #[test]
    fn calm_answers_parse_without_errors() {
        let parsed = parse(&pairs(CALM));
        assert_eq!(parsed.errors, []);
        let everyone = real().questions().iter().filter(|q| q.topic.is_none() && q.also_if.is_empty());
        assert_eq!(parsed.answers.answered().count(), everyone.count());
        let not_sure = parse(&calm_except("topics=other"));
        assert_eq!(not_sure.errors, []);
        assert_eq!(
            not_sure.answers.answered().count(),
            real().questions().len() - 1,
            "not sure opens every question but the pregnancy signs, which 'pregnant' opens"
        );
        let pregnant = parse(&calm_except("topics=other risks=pregnant"));
        assert_eq!(pregnant.errors, []);
        assert_eq!(pregnant.answers.answered().count(), real().questions().len());
    }

    #[test]
    fn a_topic_s_questions_count_only_when_the_topic_is_ticked() {
        let unticked = parse(&calm_except("topics=none limb=one_leg"));
        assert_eq!(unticked.errors, []);
        assert!(
            unticked.answers.selected("limb").is_empty(),
            "a hidden answer to a topic not ticked is dropped"
        );
        let ticked = parse(&calm_except("topics=swelling limb=one_leg"));
        assert_eq!(ticked.answers.selected("limb"), ["one_leg"]);
        assert!(ticked.answers.selected("fever").is_empty(), "another topic's answer is dropped");
        let pregnant = parse(&calm_except("topics=none risks=pregnant pregnancy=yes"));
        assert_eq!(pregnant.answers.selected("pregnancy"), ["yes"], "also_if opens the question");
        let asked_nothing = parse(&pairs(
            "right_now=none areas=calves days=days_1_2 trend=same pain=mild risks=none topics=swelling",
        ));
        assert_eq!(
            asked_nothing.errors.iter().map(|e| e.question.as_str()).collect::<Vec<_>>(),
            ["kind", "limb"]
        );
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
        let without: Vec<_> = calm_except("topics=other").into_iter().filter(|(q, _)| q != "limb").collect();
        let parsed = parse(&without);
        assert_eq!(
            messages(&parsed),
            [("limb", "Select whether an arm or leg is swollen, warm or painful, or select 'No'")]
        );
    }

    #[test]
    fn every_question_is_required() {
        let parsed = parse(&pairs("topics=other risks=pregnant"));
        let ids: Vec<&str> = parsed.errors.iter().map(|error| error.question.as_str()).collect();
        let all: Vec<&str> = real()
            .questions()
            .iter()
            .map(|question| question.id.as_str())
            .filter(|id| !["topics", "risks"].contains(id))
            .collect();
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
        let parsed = parse(&calm_except("topics=other risks=pregnant fever=maybe"));
        assert_eq!(messages(&parsed), [("fever", "Select whether you have a fever")]);
        assert!(parsed.answers.selected("fever").is_empty());
        assert_eq!(parsed.answers.answered().count(), real().questions().len() - 1);
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
        let parsed = parse(&[("fever".to_string(), long)]);
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
        let parsed = parse(&pairs("skin=bruise,large areas=calves topics=skin"));
        assert!(!parsed.errors.is_empty());
        assert!(parsed.answers.is_selected("skin", "bruise"));
        assert!(parsed.answers.is_selected("skin", "large"));
        assert!(parsed.answers.is_selected("areas", "calves"));
        assert!(!parsed.answers.is_selected("areas", "feet"));
        assert!(!parsed.answers.is_selected("limb", "no"));
    }

    #[test]
    fn selections_come_in_questionnaire_order_whatever_the_form_order() {
        let parsed = parse(&pairs("areas=feet,calves limb=one_leg right_now=none topics=swelling"));
        let questions = real().questions();
        let order: Vec<(&str, &str)> = parsed
            .answers
            .selections()
            .map(|(q, o)| (questions[q].id.as_str(), questions[q].options[o].id.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                ("right_now", "none"),
                ("areas", "calves"),
                ("areas", "feet"),
                ("topics", "swelling"),
                ("limb", "one_leg")
            ]
        );
        assert_eq!(parsed.answers.selected("areas"), ["calves", "feet"]);
        assert!(parsed.answers.selected("pee").is_empty());
    }

    #[test]
    fn a_repeated_checkbox_counts_once() {
        let parsed = parse(&pairs("areas=feet areas=feet"));
        assert_eq!(parsed.answers.selected("areas"), ["feet"]);
    }

    #[test]
    fn positions_and_ids_agree() {
        let parsed = parse(&calm_except("areas=calves,feet"));
        let questions = real().questions();
        for (question, option) in parsed.answers.selections() {
            let (q, o) = (&questions[question], &questions[question].options[option]);
            assert!(parsed.answers.is_selected(&q.id, &o.id) && parsed.answers.is_ticked(question, option));
        }
        assert!(!parsed.answers.is_selected("areas", "elbows") && !parsed.answers.is_selected("elbows", "x"));
        assert!(Answers::none(real()).is_empty() && !parsed.answers.is_empty());
    }
}
