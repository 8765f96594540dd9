//! `knotwise check`: every content problem, plus figures per article.

use crate::content::readability::{self, Readability};
use crate::problem::Problem;
use crate::review::NextReview;
use crate::site::{Content, QUESTIONNAIRE_FILE};

/// Figures for one article.
#[derive(Debug, Clone)]
pub struct ArticleReport {
    pub slug: String,
    pub reading_minutes: usize,
    pub references: usize,
    pub readability: Readability,
}

/// Measures every article and the self-check's text, and reports those
/// above `max_grade` as problems.
pub fn check(content: &Content, max_grade: f64) -> (Vec<ArticleReport>, Vec<Problem>) {
    let mut reports = Vec::new();
    let mut problems = Vec::new();
    for article in &content.articles {
        let readability = article.readability;
        if readability.grade > max_grade {
            problems.push(Problem::in_file(
                &article.path,
                format!(
                    "the prose reads at grade {:.1}, above the limit of {max_grade:.1} (reading age about {:.0})",
                    readability.grade,
                    readability.grade + 5.0
                ),
                "use shorter sentences (under 15 words) and everyday words; explain or replace long medical terms",
            ));
        }
        reports.push(ArticleReport {
            slug: article.slug.clone(),
            reading_minutes: article.body.reading_minutes(),
            references: article.body.references.len(),
            readability,
        });
    }
    // The self-check's questions, answers and advice pass the same gate.
    let questionnaire = readability::measure(&content.questionnaire.prose());
    if questionnaire.grade > max_grade {
        problems.push(Problem::in_file(
            &content.paths.articles.join(QUESTIONNAIRE_FILE),
            format!(
                "the self-check's text (legends, hints, answers, reasons, actions and advice) reads at grade {:.1}, above the limit of {max_grade:.1}",
                questionnaire.grade
            ),
            "use shorter sentences (under 15 words) and everyday words in the questions, reasons and advice",
        ));
    }
    (reports, problems)
}

/// Every reviewed page's next review: the articles (drafts too: they are
/// published later) and the self-check's questions.
pub fn next_reviews(content: &Content) -> Vec<NextReview> {
    let articles = content.articles.iter().filter_map(|article| {
        let review = article.meta.review()?;
        Some(NextReview {
            file: article.path.clone(),
            title: article.meta.title.clone(),
            due: review.next_review,
        })
    });
    let questions = content.questionnaire.review().map(|review| NextReview {
        file: content.paths.articles.join(QUESTIONNAIRE_FILE),
        title: "The self-check questions".to_string(),
        due: review.next_review,
    });
    articles.chain(questions).collect()
}
