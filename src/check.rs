//! `knotwise check`'s table: figures per article. Whether content may be
//! published is decided by the gate (`content::gate`) while it loads, for
//! `check`, `serve` and `export` alike; this only describes what passed.

use crate::content::readability::Readability;
use crate::review::NextReview;
use crate::site::{Content, QUESTIONNAIRE_FILE};

/// Figures for one article.
#[derive(Debug, Clone)]
pub struct ArticleReport {
    pub slug: String,
    /// A draft is checked but neither served nor exported.
    pub draft: bool,
    pub reading_minutes: usize,
    pub references: usize,
    pub readability: Readability,
}

/// Figures for every article, drafts included, in navigation order.
pub fn report(content: &Content) -> Vec<ArticleReport> {
    content
        .articles
        .iter()
        .map(|article| ArticleReport {
            slug: article.slug.clone(),
            draft: article.meta.draft,
            reading_minutes: article.reading_minutes(),
            references: article.references,
            readability: article.readability,
        })
        .collect()
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
