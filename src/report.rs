//! The build report: per article, words in, placed and overset, the pages it is
//! on, and every warning; per page, what the preflight measured. Written as JSON with `--report`.

use serde::Serialize;

use crate::compose::{Fit, Placement};
use crate::diag::Warning;
use crate::prepress::PageCheck;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub pages: usize,
    pub articles: Vec<ArticleReport>,
    /// Warnings about no article in particular.
    pub warnings: Vec<String>,
    /// What the preflight measured on each page: ink, colours, photos.
    pub preflight: Vec<PageCheck>,
}

/// One article's figures.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    pub id: String,
    pub words_in: usize,
    pub words_placed: usize,
    pub words_overset: usize,
    pub pages: Vec<usize>,
    /// With a page plan: how each of its placements was filled.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub placements: Vec<PlacementReport>,
    pub warnings: Vec<String>,
}

/// One placement of the page plan: lines of the story that did not fit at
/// its end (over), lines of the placement left empty (under).
#[derive(Debug, Clone, Serialize)]
pub struct PlacementReport {
    pub page: usize,
    pub columns: [usize; 2],
    pub lines_over: usize,
    pub lines_under: usize,
    /// Where the placement is written in the layout spec (`file:line`).
    pub spec: String,
}

impl Report {
    /// Words overset, and lines of placements left empty beyond the slack
    /// a page may have (as the warnings count them): what `mimeo watch`
    /// says after every build.
    pub fn misfit(&self) -> (usize, usize) {
        let overset = self.articles.iter().map(|a| a.words_overset).sum();
        let empty = self
            .articles
            .iter()
            .flat_map(|a| &a.placements)
            .filter(|p| {
                let columns = (p.columns[1] + 1).saturating_sub(p.columns[0]).max(1);
                p.lines_under / columns > crate::compose::SLACK_LINES
            })
            .map(|p| p.lines_under)
            .sum();
        (overset, empty)
    }
}

/// Builds the report from the placements and warnings.
pub fn report(
    pages: usize,
    placements: &[Placement],
    fits: &[Fit],
    warnings: &[Warning],
    preflight: Vec<PageCheck>,
) -> Report {
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
                placements: fits
                    .iter()
                    .filter(|f| f.id == p.id)
                    .map(|f| PlacementReport {
                        page: f.page,
                        columns: [f.columns.0, f.columns.1],
                        lines_over: f.lines_over,
                        lines_under: f.lines_under,
                        spec: f.spec.clone(),
                    })
                    .collect(),
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
        preflight,
    }
}
