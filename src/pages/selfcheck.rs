//! The self-check's pages: one step of the questions (empty, refilled or
//! with errors) and the result.

use std::time::{SystemTime, UNIX_EPOCH};

use askama::Template;

use super::{Chrome, Head};
use crate::date::Date;
use crate::emergency::{EmergencyNumber, Region};
use crate::review::Review;
use crate::selfcheck::{
    ACTION_FIELD, Action, Answers, Assessment, FieldError, Level, Question, Questionnaire, Reason, STEP_FIELD,
};
use crate::urls;

/// A question on a step, with its message when it needs fixing.
#[derive(Debug, Clone)]
pub struct FormQuestion<'a> {
    pub question: &'a Question,
    pub error: Option<&'a str>,
    /// The ids of the hint and the error message, for `aria-describedby`.
    pub described_by: Option<String>,
}

/// One line of the error summary, linking to the field.
#[derive(Debug, Clone)]
pub struct SummaryError {
    pub href: String,
    pub message: String,
}

/// `/self-check`: one step of the questions, empty, refilled (Back and
/// "Change your answers") or with errors. Answers to the other steps travel
/// in hidden fields, so nothing is kept between requests.
#[derive(Template)]
#[template(path = "selfcheck_form.html")]
pub struct SelfCheckFormPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    /// Which step, counting from 0, and how many there are.
    pub step: usize,
    pub steps: usize,
    pub heading: &'a str,
    pub questions: Vec<FormQuestion<'a>>,
    pub answers: &'a Answers,
    /// The answers to every other step, sent again as hidden fields.
    pub hidden: Vec<(&'a str, &'a str)>,
    pub errors: Vec<SummaryError>,
    pub numbers: Vec<EmergencyNumber>,
    pub review: Option<&'a Review>,
    /// The form's own field names and button values.
    pub step_field: &'static str,
    pub action_field: &'static str,
    pub continue_value: &'static str,
    pub back_value: &'static str,
}

const SELF_CHECK_TITLE: &str = "Post-massage self-check";
const SELF_CHECK_DESCRIPTION: &str = "Answer a few questions to find out if how you feel after a massage is normal soreness or a sign to get help.";

impl<'a> SelfCheckFormPage<'a> {
    /// The first step, empty: the page prepared at start-up for GET.
    pub fn start(chrome: &'a Chrome, questionnaire: &'a Questionnaire, region: Region) -> Self {
        static EMPTY: Answers = Answers::EMPTY;
        SelfCheckFormPage::new(chrome, questionnaire, 0, &EMPTY, &[], region)
    }

    /// Step `step` with `answers` ticked and `errors` shown; the title starts
    /// with "Error:" when there are errors, as screen reader users hear it first.
    pub fn new(
        chrome: &'a Chrome,
        questionnaire: &'a Questionnaire,
        step: usize,
        answers: &'a Answers,
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
        let asked = questionnaire.step_questions(step);
        let questions = asked
            .iter()
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
        let hidden = answers
            .selections()
            .filter(|(question, _)| asked.iter().all(|asked| asked.id != *question))
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

/// `/self-check` when the operator has turned it off (`--self-check off`):
/// it says so, and gives the emergency numbers, the urgent health lines and
/// the articles on warning signs instead.
#[derive(Template)]
#[template(path = "selfcheck_off.html")]
pub struct SelfCheckOffPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub numbers: Vec<EmergencyNumber>,
    pub health_lines: &'static [&'static str],
    pub emergency_signs: String,
    pub warning_signs: String,
}

/// The articles the "off" page sends readers to; they must exist.
pub const OFF_PAGE_LINKS: [&str; 2] = ["emergency-signs", "warning-signs"];

impl<'a> SelfCheckOffPage<'a> {
    pub fn new(chrome: &'a Chrome, region: Region) -> Self {
        let mut head = Head::new(
            "The self-check is not available",
            "Where to get help after a massage while the self-check is turned off.",
            urls::SELF_CHECK,
        );
        head.noindex = true;
        SelfCheckOffPage {
            chrome,
            head,
            numbers: region.numbers(),
            health_lines: region.health_lines(),
            emergency_signs: urls::article(OFF_PAGE_LINKS[0]),
            warning_signs: urls::article(OFF_PAGE_LINKS[1]),
        }
    }
}

/// One reason on the result page, with words for its link.
#[derive(Debug, Clone)]
pub struct ResultReason<'a> {
    pub reason: &'a Reason,
    pub link_text: String,
}

/// One answered question in "Your answers".
#[derive(Debug, Clone)]
pub struct AnswerSummary {
    pub question: String,
    pub answers: String,
}

/// The self-check result. Never cached, never indexed.
#[derive(Template)]
#[template(path = "selfcheck_result.html")]
pub struct SelfCheckResultPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub level: Level,
    pub assessment: &'a Assessment,
    pub reasons: Vec<ResultReason<'a>>,
    pub numbers: Vec<EmergencyNumber>,
    /// Where to get urgent advice in the site's region.
    pub health_lines: &'static [&'static str],
    /// The answers, to send back with "Change your answers" (in the POST body).
    pub hidden: Vec<(&'a str, &'a str)>,
    pub action_field: &'static str,
    pub change_value: &'static str,
    pub summary: Vec<AnswerSummary>,
    pub review: Option<&'a Review>,
    /// When the check was done, for the summary a doctor may read later.
    pub checked_at: CheckedAt,
}

/// The moment a result was made, in UTC: the server knows no time zone, and
/// UTC is honest about that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAt {
    /// `2026-11-29T07:45Z`, for `<time datetime>`.
    pub machine: String,
    /// `29 November 2026 at 07:45 UTC`.
    pub words: String,
}

impl CheckedAt {
    /// The time `now`, to the minute.
    pub fn new(now: SystemTime) -> Self {
        let seconds = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let (days, minutes) = (seconds / 86_400, seconds % 86_400 / 60);
        let date = Date::from_days(i64::try_from(days).unwrap_or(0));
        let (hour, minute) = (minutes / 60, minutes % 60);
        CheckedAt {
            machine: format!("{}T{hour:02}:{minute:02}Z", date.iso()),
            words: format!("{} at {hour:02}:{minute:02} UTC", date.long()),
        }
    }
}

impl<'a> SelfCheckResultPage<'a> {
    /// The result page for `assessment`. `link_text` gives the words for a
    /// reason's article link.
    pub fn new(
        chrome: &'a Chrome,
        questionnaire: &'a Questionnaire,
        answers: &'a Answers,
        assessment: &'a Assessment,
        region: Region,
        checked_at: CheckedAt,
        link_text: impl Fn(&str) -> String,
    ) -> Self {
        let level = assessment.level;
        let mut head =
            Head::new(&format!("Your result: {}", level.name()), SELF_CHECK_DESCRIPTION, urls::SELF_CHECK);
        head.noindex = true;
        let summary = answers
            .chosen()
            .iter()
            .filter_map(|chosen| {
                let question = questionnaire.question(&chosen.question)?;
                let labels: Vec<&str> = chosen
                    .options
                    .iter()
                    .filter_map(|o| question.option(o))
                    .map(|o| o.label.as_str())
                    .collect();
                Some(AnswerSummary { question: question.label.clone(), answers: labels.join("; ") })
            })
            .collect();
        SelfCheckResultPage {
            chrome,
            head,
            level,
            assessment,
            reasons: assessment
                .reasons
                .iter()
                .map(|reason| ResultReason { reason, link_text: link_text(&reason.link) })
                .collect(),
            numbers: region.numbers(),
            health_lines: region.health_lines(),
            hidden: answers.selections().collect(),
            action_field: ACTION_FIELD,
            change_value: Action::Change.value(),
            summary,
            review: questionnaire.review(),
            checked_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn checked_at_reads_as_a_date_and_time_in_utc() {
        let at = |seconds: u64| CheckedAt::new(UNIX_EPOCH + Duration::from_secs(seconds));
        assert_eq!(at(0).words, "1 January 1970 at 00:00 UTC");
        // 2026-11-29 07:45:59 UTC
        let late_november = at(1_795_938_359);
        assert_eq!(late_november.machine, "2026-11-29T07:45Z");
        assert_eq!(late_november.words, "29 November 2026 at 07:45 UTC");
        // A leap day.
        assert_eq!(at(1_709_208_000).machine, "2024-02-29T12:00Z");
    }
}
