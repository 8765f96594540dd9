//! The self-check's pages: one step of the questions (empty, refilled or
//! with errors), the "not available" page, and the result (`result`).

mod result;

use askama::Template;

use super::{Chrome, Head};
use crate::emergency::{EmergencyNumber, Region, Sentence};
use crate::review::Review;
use crate::selfcheck::{ACTION_FIELD, Action, Answers, FieldError, Question, Questionnaire, STEP_FIELD};
use crate::urls;

pub use result::{CheckedAt, ResultPages};

/// A question on a step, with its message when it needs fixing.
#[derive(Debug, Clone)]
pub(crate) struct FormQuestion<'a> {
    pub question: &'a Question,
    pub error: Option<&'a str>,
    /// The ids of the hint and the error message, for `aria-describedby`.
    pub(crate) described_by: Option<String>,
}

/// One line of the error summary, linking to the field.
#[derive(Debug, Clone)]
pub(crate) struct SummaryError {
    pub href: String,
    pub message: String,
}

/// `/self-check`: one step of the questions, empty, refilled (Back and
/// "Change your answers") or with errors. Answers to the other steps travel
/// in hidden fields, so nothing is kept between requests.
#[derive(Template)]
#[template(path = "selfcheck_form.html")]
pub(crate) struct SelfCheckFormPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    /// Which step, counting from 0, and how many there are.
    pub step: usize,
    pub steps: usize,
    pub heading: &'a str,
    pub questions: Vec<FormQuestion<'a>>,
    pub answers: Answers<'a>,
    /// The answers to every other step, sent again as hidden fields.
    pub hidden: Vec<(&'a str, &'a str)>,
    pub errors: Vec<SummaryError>,
    pub numbers: Vec<EmergencyNumber>,
    pub review: Option<&'a Review>,
    /// The form's own field names and button values.
    pub(crate) step_field: &'static str,
    pub(crate) action_field: &'static str,
    pub(crate) continue_value: &'static str,
    pub(crate) back_value: &'static str,
}

const SELF_CHECK_TITLE: &str = "Post-massage self-check";
pub(super) const SELF_CHECK_DESCRIPTION: &str = "Two or three short pages of questions: is how you feel after a massage normal soreness, or a sign to get help, and how soon?";

impl<'a> SelfCheckFormPage<'a> {
    /// The first step, empty: the page prepared at start-up for GET.
    pub(crate) fn start(chrome: &'a Chrome, questionnaire: &'a Questionnaire, region: Region) -> Self {
        SelfCheckFormPage::new(chrome, questionnaire, 0, Answers::none(questionnaire), &[], region)
    }

    /// Step `step` with `answers` ticked and `errors` shown; the title starts
    /// with "Error:" when there are errors, as screen reader users hear it first.
    pub(crate) fn new(
        chrome: &'a Chrome,
        questionnaire: &'a Questionnaire,
        step: usize,
        answers: Answers<'a>,
        errors: &'a [FieldError],
        region: Region,
    ) -> Self {
        let steps = questionnaire.steps().len();
        let heading = questionnaire.steps().get(step).map_or("", |s| s.heading.as_str());
        let title = if step == 0 {
            SELF_CHECK_TITLE.to_string()
        } else {
            format!("{heading} (step {} of {steps}) - {SELF_CHECK_TITLE}", step + 1)
        };
        let mut head = Head::new(&title, SELF_CHECK_DESCRIPTION, urls::SELF_CHECK);
        if !errors.is_empty() {
            head.title = format!("Error: {}", head.title);
        }
        head.noindex = step > 0 || !errors.is_empty() || !answers.is_empty();
        let error_for = |id: &str| errors.iter().find(|e| e.question == id).map(|e| e.message.as_str());
        // Only the questions this reader is asked: on the topics step, those
        // of the topics they ticked.
        let first = questionnaire.steps().get(step).map_or(0, |s| s.questions.start);
        let asked: Vec<&Question> = questionnaire
            .step_questions(step)
            .iter()
            .enumerate()
            .filter(|(n, _)| answers.is_asked(first + n))
            .map(|(_, question)| question)
            .collect();
        let questions = asked
            .iter()
            .copied()
            .map(|question| {
                let error = error_for(&question.id);
                let ids: Vec<String> = [
                    question.hint.as_ref().map(|_| format!("{}-hint", question.id)),
                    error.map(|_| format!("{}-error", question.id)),
                ]
                .into_iter()
                .flatten()
                .collect();
                FormQuestion { question, error, described_by: (!ids.is_empty()).then(|| ids.join(" ")) }
            })
            .collect();
        let all = questionnaire.questions();
        let hidden = answers
            .selections()
            .map(|(question, option)| (&all[question], &all[question].options[option]))
            .filter(|(question, _)| asked.iter().all(|asked| asked.id != question.id))
            .map(|(question, option)| (question.id.as_str(), option.id.as_str()))
            .collect();
        let errors = errors
            .iter()
            .map(|e| {
                let first = questionnaire
                    .question(&e.question)
                    .and_then(|q| q.options.first())
                    .map_or(String::new(), |o| format!("-{}", o.id));
                SummaryError { href: format!("#{}{first}", e.question), message: e.message.clone() }
            })
            .collect();
        SelfCheckFormPage {
            chrome,
            head,
            step,
            steps,
            heading,
            questions,
            answers,
            hidden,
            errors,
            numbers: region.numbers(),
            review: questionnaire.review(),
            step_field: STEP_FIELD,
            action_field: ACTION_FIELD,
            continue_value: Action::Continue.value(),
            back_value: Action::Back.value(),
        }
    }
}

/// Why a reader gets the "not available" page instead of the self-check
/// or search: the same page, with the emergency numbers, the urgent health
/// lines and the warning-sign articles, whatever the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// The operator turned the self-check off (`--self-check off`):
    /// `/self-check` itself says so.
    TurnedOff,
    /// The running Knotwise behind an export failed or timed out while
    /// working out the self-check's answer (the export's fallback page).
    SelfCheckDown,
    /// The same, for search.
    SearchDown,
}

impl Unavailable {
    /// The heading, the first paragraph and the description.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Unavailable::TurnedOff => (
                "The self-check is not available",
                "The people who run this site have turned the self-check off until a clinician has checked its questions.",
                "Where to get help after a massage while the self-check is turned off.",
            ),
            Unavailable::SelfCheckDown => (
                "The self-check is not available right now",
                "We could not reach the part of the site that works out the self-check's answer. Please try again in a few minutes. Your answers were not kept.",
                "Where to get help after a massage while the self-check cannot answer.",
            ),
            Unavailable::SearchDown => (
                "Search is not available right now",
                "We could not reach the part of the site that answers searches. Please try again in a few minutes, or find the article in the list of all articles.",
                "Where to get help after a massage while search cannot answer.",
            ),
        }
    }
}

/// The page a reader gets instead of the self-check or search when it is
/// not available ([`Unavailable`]): it says so, and gives the emergency
/// numbers, the urgent health lines and the articles on warning signs.
#[derive(Template)]
#[template(path = "selfcheck_off.html")]
pub(crate) struct SelfCheckOffPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub heading: &'static str,
    pub lede: &'static str,
    pub numbers: Vec<EmergencyNumber>,
    pub(crate) health_lines: &'static [Sentence],
    pub(crate) emergency_signs: String,
    pub(crate) warning_signs: String,
    pub(crate) all_articles: &'static str,
}

/// The articles the "not available" page sends readers to; they must exist.
pub(crate) const OFF_PAGE_LINKS: [&str; 2] = ["emergency-signs", "warning-signs"];

impl<'a> SelfCheckOffPage<'a> {
    pub(crate) fn new(chrome: &'a Chrome, region: Region, why: Unavailable) -> Self {
        let (heading, lede, description) = why.words();
        let mut head = if why == Unavailable::TurnedOff {
            Head::new(heading, description, urls::SELF_CHECK)
        } else {
            // Shown in place of whatever address failed: it names none.
            let mut head = Head::new(heading, description, "");
            head.canonical = false;
            head
        };
        head.noindex = true;
        SelfCheckOffPage {
            chrome,
            head,
            heading,
            lede,
            numbers: region.numbers(),
            health_lines: region.health_lines(),
            emergency_signs: urls::article(OFF_PAGE_LINKS[0]),
            warning_signs: urls::article(OFF_PAGE_LINKS[1]),
            all_articles: urls::ALL_ARTICLES,
        }
    }
}
