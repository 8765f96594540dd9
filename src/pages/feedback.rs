//! The page after "Was this page useful?": thanks, and after No, the fixed
//! reasons to choose from. Made per request, never stored by a cache.

use askama::Template;

use super::{Chrome, Head};
use crate::feedback::{Answer, Feedback, Reason};
use crate::urls;

/// `POST /feedback`'s answer.
#[derive(Template)]
#[template(path = "feedback.html")]
pub(crate) struct FeedbackPage<'a> {
    chrome: &'a Chrome,
    head: Head,
    /// The article the answer was about.
    page: &'a str,
    href: String,
    /// After No: the reasons to choose from.
    reasons: &'static [Reason],
}

impl<'a> FeedbackPage<'a> {
    /// The thanks for `feedback`.
    pub(crate) fn new(chrome: &'a Chrome, feedback: &Feedback<'a>) -> Self {
        let head = Head::unlisted(
            "Thank you for your feedback",
            "Thank you for telling us whether the page was useful.",
            urls::FEEDBACK,
        );
        let reasons: &[Reason] = match feedback {
            Feedback::Answer { answer: Answer::No, .. } => &Reason::ALL,
            _ => &[],
        };
        let page = feedback.page();
        FeedbackPage { chrome, head, page, href: urls::article(page), reasons }
    }
}
