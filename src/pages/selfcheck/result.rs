//! The self-check result: a summary for a doctor, and the only page made
//! for every POST that finishes the check.
//!
//! Most of it does not depend on the answers, so it is made in two halves.
//! At start-up, [`ResultPages::new`] renders `selfcheck_result.html` once
//! per level with holes where the answers go, and escapes every
//! questionnaire text the holes may show. A request then copies those
//! pieces and renders only what depends on the answers, with askama as
//! everywhere else: the time of the check and the reasons
//! (`selfcheck_result_reasons.html`). Each answered question's line in
//! "Your answers" (`selfcheck_result_answer.html`, itself with a hole for
//! the answers' labels) and each option's hidden field for "Change your
//! answers" (`selfcheck_result_hidden.html`) are rendered at start-up and
//! copied for the selected ones.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::{self, Write};
use std::rc::Rc;
use std::time::{SystemTime, UNIX_EPOCH};

use askama::Template;
use askama::filters::{Html, HtmlSafe};

use super::super::hole::{Hole, split_at_holes};
use super::super::{Chrome, Head};
use super::SELF_CHECK_DESCRIPTION;
use crate::date::Date;
use crate::emergency::{EmergencyNumber, Region, Sentence};
use crate::review::Review;
use crate::selfcheck::{
    ACTION_FIELD, Action, Advice, Answers, Assessment, Level, Place, Questionnaire, Reason,
};
use crate::urls;

/// Text escaped for HTML by askama's own escaper, once, so that templates
/// write it as it is (it is [`HtmlSafe`]). Only this module makes one: from
/// text with [`Escaped::text`], or from what a template rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Escaped(String);

impl Escaped {
    /// `text`, escaped.
    fn text(text: &str) -> Self {
        Escaped(escape(text).to_string())
    }
}

/// `text` as askama writes it into a template, escaped as it is written.
fn escape(text: &str) -> impl fmt::Display + '_ {
    askama::filters::escape(text, Html).unwrap_or_else(|never| match never {})
}

impl fmt::Display for Escaped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl HtmlSafe for Escaped {}

/// Written as it is, without `fmt` machinery: askama takes this path for
/// types that have it.
impl askama::FastWritable for Escaped {
    fn write_into(&self, dest: &mut dyn fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
        Ok(dest.write_str(&self.0)?)
    }
}

/// Every headline a result can have, in the order the pages are kept:
/// each level with its own words, then each place with its level.
fn headlines() -> impl Iterator<Item = (Level, Option<Place>)> {
    let levels = Level::ALL.into_iter().map(|level| (level, None));
    levels.chain(Place::ALL.into_iter().map(|place| (place.level(), Some(place))))
}

/// The holes of a result page: the time (machine, then words), the
/// reasons, the answers, the hidden fields.
const HOLES: usize = 5;

/// The result page for one level, with holes for the answers.
#[derive(Template)]
#[template(path = "selfcheck_result.html")]
struct Layout<'a> {
    chrome: &'a Chrome,
    head: Head,
    level: Level,
    /// The headline: the level's, or its place's (see `Assessment::title`).
    title: &'static str,
    advice: &'a Advice,
    numbers: Vec<EmergencyNumber>,
    /// Where to get urgent advice in the site's region.
    health_lines: &'static [Sentence],
    review: Option<&'a Review>,
    /// The review's next date has passed.
    review_overdue: bool,
    action_field: &'static str,
    change_value: &'static str,
    hole: Hole,
}

#[derive(Template)]
#[template(path = "selfcheck_result_reasons.html")]
struct Reasons<'a> {
    reasons: &'a [Reason],
    parts: &'a ResultPages,
}

/// One answered question in "Your answers", with a hole for the answers'
/// labels, rendered once per question at start-up.
#[derive(Template)]
#[template(path = "selfcheck_result_answer.html")]
struct AnswerLine<'a> {
    label: &'a str,
    hole: Hole,
}

/// One answer as a hidden field, rendered once per option at start-up.
#[derive(Template)]
#[template(path = "selfcheck_result_hidden.html")]
struct HiddenField<'a> {
    question: &'a str,
    option: &'a str,
}

/// A question's texts as the result page shows them, escaped.
#[derive(Debug)]
struct QuestionText {
    /// Its line in "Your answers", split where the answers' labels go.
    line: Vec<String>,
    /// Each option's texts, in questionnaire order.
    options: Vec<OptionText>,
}

/// An option's label, and the option as a hidden field for "Change your answers".
#[derive(Debug)]
struct OptionText {
    label: Escaped,
    hidden: Escaped,
}

/// Everything on a result page that does not depend on the answers,
/// rendered and escaped at start-up. Never cached, never indexed.
#[derive(Debug)]
pub struct ResultPages {
    /// For each headline (each level, lowest first, then each place; see
    /// [`headlines`]): the page split at its holes.
    levels: Vec<Vec<String>>,
    /// When the questions' review was current on the day the pages were
    /// made: its date, and the pages that say it is overdue, for after it.
    overdue: Option<(Date, Vec<Vec<String>>)>,
    questions: Vec<QuestionText>,
    /// The words of each reason's article link.
    link_texts: HashMap<String, Escaped>,
    /// The words for a link that has none of its own.
    read_more: Escaped,
    /// About the most the holes add to a page, so a page is one allocation.
    fill_hint: usize,
}

impl ResultPages {
    /// Renders the page for every level, as true on `today`: a review of
    /// the questions that is current then is rendered both ways, and
    /// [`render`](Self::render) picks by the day it is given. `link_text`
    /// gives the words for a reason's article link (for `""`, the words of
    /// a link that has none).
    pub fn new(
        chrome: &Chrome,
        questionnaire: &Questionnaire,
        region: Region,
        today: Date,
        link_text: impl Fn(&str) -> String,
    ) -> Result<Self, askama::Error> {
        let review = questionnaire.review();
        let overdue_now = review.is_some_and(|r| r.is_overdue(today));
        let levels = Self::levels(chrome, questionnaire, region, overdue_now)?;
        let overdue = match review {
            Some(review) if !overdue_now => {
                Some((review.next_review, Self::levels(chrome, questionnaire, region, true)?))
            }
            _ => None,
        };
        let questions = questionnaire
            .questions()
            .iter()
            .map(|question| {
                let options = question.options.iter().map(|option| {
                    let hidden = HiddenField { question: &question.id, option: &option.id }.render()?;
                    Ok::<_, askama::Error>(OptionText {
                        label: Escaped::text(&option.label),
                        hidden: Escaped(hidden),
                    })
                });
                let line = AnswerLine { label: &question.label, hole: Hole }.render()?;
                Ok(QuestionText {
                    line: split_at_holes(&line, 1, &format!("the answer line of `{}`", question.id))?
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                    options: options.collect::<Result<_, _>>()?,
                })
            })
            .collect::<Result<Vec<_>, askama::Error>>()?;
        let fill_hint = 2048
            + questions
                .iter()
                .map(|q| {
                    q.line.iter().map(String::len).sum::<usize>()
                        + q.options.iter().map(|o| o.label.0.len() + o.hidden.0.len()).max().unwrap_or(0)
                })
                .sum::<usize>();
        let link_texts = questionnaire
            .links()
            .into_iter()
            .map(|(_, link)| {
                let text = Escaped::text(&link_text(&link));
                (link, text)
            })
            .collect();
        let read_more = Escaped::text(&link_text(""));
        Ok(ResultPages { levels, overdue, questions, link_texts, read_more, fill_hint })
    }

    /// Renders the page for every headline, its review note overdue or not.
    fn levels(
        chrome: &Chrome,
        questionnaire: &Questionnaire,
        region: Region,
        review_overdue: bool,
    ) -> Result<Vec<Vec<String>>, askama::Error> {
        headlines()
            .map(|(level, place)| {
                let mut head = Head::new(
                    &format!("Your result: {}", level.name()),
                    SELF_CHECK_DESCRIPTION,
                    urls::SELF_CHECK,
                );
                head.noindex = true;
                let html = Layout {
                    chrome,
                    head,
                    level,
                    title: place.map_or(level.title(), Place::title),
                    advice: questionnaire.result_advice(level, place),
                    numbers: region.numbers(),
                    health_lines: region.health_lines(),
                    review: questionnaire.review(),
                    review_overdue,
                    action_field: ACTION_FIELD,
                    change_value: Action::Change.value(),
                    hole: Hole,
                }
                .render()?;
                let pieces = split_at_holes(&html, HOLES, &format!("the {} result page", level.id()))?;
                Ok(pieces.into_iter().map(str::to_string).collect())
            })
            .collect()
    }

    /// The result page for `assessment` of `answers`, checked at
    /// `checked_at`, as true on `today`.
    pub fn render(
        &self,
        assessment: &Assessment,
        answers: &Answers<'_>,
        checked_at: &CheckedAt,
        today: Date,
    ) -> Result<String, askama::Error> {
        let levels = match &self.overdue {
            Some((due, overdue)) if today > *due => overdue,
            _ => &self.levels,
        };
        let at = headlines()
            .position(|headline| headline == (assessment.level, assessment.place))
            .unwrap_or(assessment.level as usize);
        let pieces = &levels[at];
        let mut html = String::with_capacity(pieces.iter().map(String::len).sum::<usize>() + self.fill_hint);
        html.push_str(&pieces[0]);
        write!(html, "{}", escape(&checked_at.machine))?;
        html.push_str(&pieces[1]);
        write!(html, "{}", escape(&checked_at.words))?;
        html.push_str(&pieces[2]);
        Reasons { reasons: &assessment.reasons, parts: self }.render_into(&mut html)?;
        html.push_str(&pieces[3]);
        for (question, _) in answers.answered() {
            let text = &self.questions[question];
            html.push_str(&text.line[0]);
            for (n, (option, _)) in answers.options(question).enumerate() {
                if n > 0 {
                    html.push_str("; ");
                }
                html.push_str(&text.options[option].label.0);
            }
            html.push_str(&text.line[1]);
        }
        html.push_str(&pieces[4]);
        for (question, option) in answers.selections() {
            html.push_str(&self.questions[question].options[option].hidden.0);
        }
        html.push_str(&pieces[5]);
        Ok(html)
    }

    /// The words of a reason's link.
    fn link_text(&self, link: &str) -> &Escaped {
        self.link_texts.get(link).unwrap_or(&self.read_more)
    }
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
    /// The current time, to the minute. Each thread makes its words once a
    /// minute and shares them until the minute changes: a result page asks
    /// for them on every request.
    pub fn now() -> Rc<CheckedAt> {
        thread_local! {
            static LAST: RefCell<Option<(u64, Rc<CheckedAt>)>> = const { RefCell::new(None) };
        }
        let now = SystemTime::now();
        let minute = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() / 60);
        LAST.with_borrow_mut(|last| match last {
            Some((made, at)) if *made == minute => Rc::clone(at),
            _ => {
                let at = Rc::new(CheckedAt::new(now));
                *last = Some((minute, Rc::clone(&at)));
                at
            }
        })
    }

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

    #[test]
    fn now_is_this_minute() {
        let before = CheckedAt::new(SystemTime::now());
        let now = CheckedAt::now();
        let after = CheckedAt::new(SystemTime::now());
        assert!(*now == before || *now == after, "{now:?} is neither {before:?} nor {after:?}");
    }

    #[test]
    fn escaped_text_is_escaped_as_askama_escapes_templates() {
        assert_eq!(Escaped::text("a<b & \"c\" 'd'").to_string(), "a&#60;b &#38; &#34;c&#34; &#39;d&#39;");
    }
}
