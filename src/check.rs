//! `knotwise check`: every content problem, plus figures per article.

use crate::content::readability::{self, Readability};
use crate::problem::Problem;
use crate::site::Content;

/// Figures for one article.
#[derive(Debug, Clone)]
pub struct ArticleReport {
    pub slug: String,
    pub reading_minutes: usize,
    pub references: usize,
    pub readability: Readability,
}

/// Measures every article and reports those above `max_grade` as problems.
pub fn check(content: &Content, max_grade: f64) -> (Vec<ArticleReport>, Vec<Problem>) {
    let mut reports = Vec::new();
    let mut problems = Vec::new();
    let proses: Vec<&str> = content.articles.iter().map(|a| a.body.prose.as_str()).collect();
    for (article, readability) in content.articles.iter().zip(readability::measure_all(&proses)) {
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
    (reports, problems)
}
