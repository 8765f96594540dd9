//! One typed struct per page template, and the values every page shares.
//!
//! Page structs borrow what they show and are rendered to a `String` once;
//! no template sees anything it was not handed here. Every string is
//! HTML-escaped by askama except [`Html`](crate::content::markdown::Html),
//! which only the Markdown renderer makes.

use askama::Template;

use crate::content::Article;
use crate::emergency::{EmergencyNumber, Region};
use crate::review::Review;
use crate::selfcheck::{Answers, Assessment, FieldError, Level, Question, Questionnaire, Reason};
use crate::structured_data::JsonLd;

/// The paths of pages the templates link to and that must exist.
pub const TEMPLATE_LINKS: [&str; 2] = ["/articles/about", "/articles/about#review"];

/// What every page's layout needs: the same for the whole site.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// Absolute URL of the site, without a trailing slash.
    pub base_url: String,
    pub css_url: String,
    pub icon_url: String,
    pub nav: Vec<Link>,
    /// The picture link previews show, the same on every page.
    pub share_image: ShareImage,
    /// The share control's script, loaded by articles.
    pub share_js_url: String,
}

/// The link-preview image (`og:image`, `twitter:image`).
#[derive(Debug, Clone)]
pub struct ShareImage {
    /// Absolute URL of the content-hashed file.
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// What the picture shows, for people who cannot see it.
    pub alt: String,
}

/// A link with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// The `<head>` values that differ per page.
#[derive(Debug, Clone)]
pub struct Head {
    /// The whole `<title>`, site name included.
    pub title: String,
    pub description: String,
    /// The canonical path, e.g. `/articles/what-is-a-muscle-knot`.
    pub path: String,
    /// Keep the page out of search engines.
    pub noindex: bool,
    /// The title alone, without the site name: for link previews, which
    /// show the site name separately.
    pub headline: String,
    /// The Open Graph type: `website`, or `article` for articles.
    pub og_type: &'static str,
    /// Structured data for search engines, if the page has any.
    pub json_ld: Option<JsonLd>,
}

impl Head {
    /// A page titled `title`, followed by the site name.
    pub fn new(title: &str, description: &str, path: &str) -> Self {
        Head {
            title: format!("{title} - Knotwise"),
            description: description.to_string(),
            path: path.to_string(),
            noindex: false,
            headline: title.to_string(),
            og_type: "website",
            json_ld: None,
        }
    }

    /// The head of an article page: like [`Head::new`], typed `article`.
    pub fn article(title: &str, description: &str, path: &str) -> Self {
        Head { og_type: "article", ..Head::new(title, description, path) }
    }
}

/// An article as a link on another page.
#[derive(Debug, Clone)]
pub struct ArticleLink {
    pub href: String,
    pub title: String,
}

impl ArticleLink {
    pub fn to(article: &Article) -> Self {
        ArticleLink { href: article.url_path(), title: article.meta.title.clone() }
    }
}

/// An article on the home page.
#[derive(Debug, Clone)]
pub struct Card {
    pub href: String,
    pub title: String,
    pub description: String,
    pub minutes: usize,
}

/// `/`: the articles in order and the way into the self-check.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub cards: Vec<Card>,
}

/// `/articles/<slug>`.
#[derive(Template)]
#[template(path = "article.html")]
pub struct ArticlePage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub article: &'a Article,
    pub review: Option<Review>,
    pub related: Vec<ArticleLink>,
    pub previous: Option<ArticleLink>,
    pub next: Option<ArticleLink>,
}

/// A 4xx or 5xx page in the site's layout.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub heading: String,
    pub message: String,
}

impl<'a> ErrorPage<'a> {
    /// An error page that search engines should not index.
    pub fn new(chrome: &'a Chrome, heading: &str, message: &str, path: &str) -> Self {
        let mut head = Head::new(heading, message, path);
        head.noindex = true;
        ErrorPage { chrome, head, heading: heading.to_string(), message: message.to_string() }
    }
}

/// A question on the self-check form, with its message when it needs fixing.
#[derive(Debug, Clone)]
pub struct FormQuestion<'a> {
    pub question: &'a Question,
    pub error: Option<&'a str>,
    /// The ids of the hint and the error message, for `aria-describedby`.
    pub described_by: Option<String>,
}

/// A group of questions under one heading.
#[derive(Debug, Clone)]
pub struct FormSection<'a> {
    pub heading: &'static str,
    pub questions: Vec<FormQuestion<'a>>,
}

/// One line of the error summary, linking to the field.
#[derive(Debug, Clone)]
pub struct SummaryError {
    pub href: String,
    pub message: String,
}

/// `/self-check`: the form, empty, refilled for "Change your answers", or
/// with errors.
#[derive(Template)]
#[template(path = "selfcheck_form.html")]
pub struct SelfCheckFormPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub sections: Vec<FormSection<'a>>,
    pub answers: &'a Answers,
    pub errors: Vec<SummaryError>,
    pub numbers: Vec<EmergencyNumber>,
}

const SELF_CHECK_TITLE: &str = "Post-massage self-check";
const SELF_CHECK_DESCRIPTION: &str = "Answer a few questions to find out if how you feel after a massage is normal soreness or a sign to get help.";

impl<'a> SelfCheckFormPage<'a> {
    /// The form with `answers` ticked and `errors` shown; the title starts
    /// with "Error:" when there are errors, as screen reader users hear it first.
    pub fn new(
        chrome: &'a Chrome,
        questionnaire: &'a Questionnaire,
        answers: &'a Answers,
        errors: &'a [FieldError],
        region: Region,
    ) -> Self {
        let mut head = Head::new(SELF_CHECK_TITLE, SELF_CHECK_DESCRIPTION, "/self-check");
        if !errors.is_empty() {
            head.title = format!("Error: {}", head.title);
            head.noindex = true;
        }
        let error_for = |id: &str| errors.iter().find(|e| e.question == id).map(|e| e.message.as_str());
        let item = |question: &'a Question| {
            let error = error_for(&question.id);
            let ids: Vec<String> = [
                question.hint.as_ref().map(|_| format!("{}-hint", question.id)),
                error.map(|_| format!("{}-error", question.id)),
            ]
            .into_iter()
            .flatten()
            .collect();
            FormQuestion { question, error, described_by: (!ids.is_empty()).then(|| ids.join(" ")) }
        };
        let (red_flags, others): (Vec<&Question>, Vec<&Question>) =
            questionnaire.questions().iter().partition(|q| q.red_flag);
        let sections = vec![
            FormSection { heading: "Warning signs", questions: red_flags.into_iter().map(item).collect() },
            FormSection {
                heading: "Your soreness and your massage",
                questions: others.into_iter().map(item).collect(),
            },
        ];
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
        SelfCheckFormPage { chrome, head, sections, answers, errors, numbers: region.numbers() }
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
    /// The answers, to send back with "Change your answers" (in the POST body).
    pub hidden: Vec<(&'a str, &'a str)>,
    pub summary: Vec<AnswerSummary>,
    pub review: Option<&'a Review>,
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
        link_text: impl Fn(&str) -> String,
    ) -> Self {
        let level = assessment.level;
        let mut head =
            Head::new(&format!("Your result: {}", level.name()), SELF_CHECK_DESCRIPTION, "/self-check");
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
            hidden: answers.selections().collect(),
            summary,
            review: questionnaire.review(),
        }
    }
}
