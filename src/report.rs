//! The build report: per article, words in, placed and overset, the pages it is
//! on, and every warning. Written as JSON with `--report`.

use serde::Serialize;

use crate::compose::Placement;
use crate::diag::Warning;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub pages: usize,
    pub articles: Vec<ArticleReport>,
    /// Warnings about no article in particular.
    pub warnings: Vec<String>,
}

/// One article's figures.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    pub id: String,
    pub words_in: usize,
    pub words_placed: usize,
    pub words_overset: usize,
    pub pages: Vec<usize>,
    pub warnings: Vec<String>,
}

/// Builds the report from the placements and warnings.
pub fn report(pages: usize, placements: &[Placement], warnings: &[Warning]) -> Report {
    let articles = placements
        .iter()
        .map(|p| {
            let mut on = p.pages.clone();
            on.dedup();
            ArticleReport {
                id: p.id.clone(),
                words_in: p.words_in,
                words_placed: p.words_placed,
                words_overset: p.words_in.saturating_sub(p.words_placed),
                pages: on,
                warnings: warnings
                    .iter()
                    .filter(|w| w.article.as_deref() == Some(&p.id))
                    .map(|w| w.message.clone())
                    .collect(),
            }
        })
        .collect();
    let general = warnings
        .iter()
        .filter(|w| w.article.is_none())
        .map(|w| w.message.clone())
        .collect();
    Report {
        pages,
        articles,
        warnings: general,
    }
}
