//! The widths a story is set at, from the spec and its page plan: the head
//! across its first placement, the photo and caption across the photo's
//! columns, the body at a column's width; each placement's jump headline and
//! pull quote; and the headline sizes a placement lets it try.

use crate::model::Story;
use crate::spec::Spec;

/// The widths a story is set at, and how its headline may be fitted.
#[derive(Debug, Clone)]
pub struct Measures {
    /// Kicker, headline and deck.
    pub head: f32,
    /// Body columns of the first placement.
    pub column: f32,
    /// The photo and its caption.
    pub figure: f32,
    /// Headline sizes to try, largest first (empty: the style's size).
    pub headline_sizes: Vec<f32>,
    /// At most this many headline lines (when there are sizes to try).
    pub headline_lines: usize,
    /// A deck's size, as a share of its style's size (never below the
    /// body's size + 1pt).
    pub deck_scale: f32,
    /// Each placement's widths, in the story's order.
    pub parts: Vec<PartMeasures>,
}

/// The widths of one placement of a story.
#[derive(Debug, Clone, Copy)]
pub struct PartMeasures {
    /// Inside its box, if any: the jump headline's measure.
    pub width: f32,
    /// One of its columns.
    pub column: f32,
    /// Across the columns its pull quote spans (0 without one).
    pub pullquote: f32,
}

impl Measures {
    /// Whether the story's body is set at more than one column width (a
    /// story continued from an open placement into a box, say).
    pub fn varies(&self) -> bool {
        self.parts
            .iter()
            .any(|p| (p.column - self.column).abs() > 0.01)
    }
}

/// The measures of `story`: from its first placement with a page plan; else
/// across the text area and its columns.
pub fn measures(spec: &Spec, story: &Story) -> Measures {
    let (Some(plan), Some(first)) = (&spec.plan, story.parts.first()) else {
        return Measures {
            head: spec.text_width(),
            column: spec.column_width(),
            figure: spec.column_width(),
            headline_sizes: Vec::new(),
            headline_lines: usize::MAX,
            deck_scale: 1.0,
            parts: Vec::new(),
        };
    };
    let place = &plan.pages[first.page].places[first.place];
    let width = spec.span_width(place.columns());
    let column = spec.place_column(place);
    // Without sizes to try, the headline steps down until it fits its
    // lines from its style's size, less in a narrow placement (as the
    // square root of its share of the page's width, to 60 %); a deck
    // shrinks alike.
    let full = spec.span_width(spec.columns);
    let scale = (width / full).sqrt().clamp(0.6, 1.0);
    let headline_sizes = if place.headline.is_empty() {
        let size = spec.styles.headline.size * scale;
        [1.0, 0.9, 0.8, 0.7, 0.6, 0.5]
            .iter()
            .map(|f| (size * f).round())
            .collect()
    } else {
        place.headline.clone()
    };
    let parts = story
        .parts
        .iter()
        .map(|part| {
            let p = &plan.pages[part.page].places[part.place];
            let column = spec.place_column(p);
            PartMeasures {
                width: spec.span_width(p.columns()) - 2.0 * p.inset(),
                column,
                pullquote: part
                    .pullquote
                    .as_ref()
                    .map_or(0.0, |q| spec.span(q.last - q.first + 1, column)),
            }
        })
        .collect();
    Measures {
        head: width - 2.0 * place.inset(),
        column,
        figure: spec.span(place.photo_columns, column),
        headline_sizes,
        headline_lines: place.headline_lines,
        deck_scale: scale,
        parts,
    }
}
