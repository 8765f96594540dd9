//! `knotwise check`'s table: figures per article. Whether content may be
//! published is decided by the gate (`content::gate`) while it loads, for
//! `check`, `serve` and `export` alike; this only describes what passed.

use crate::content::readability::Readability;
use crate::site::Content;

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
            reading_minutes: article.body.reading_minutes(),
            references: article.body.references.len(),
            readability: article.readability,
        })
        .collect()
}
