//! The box/glue/penalty model of a paragraph (Knuth & Plass, 1981), built from
//! shaped glyphs: words are boxes, spaces glue, break chances penalties.

use std::ops::Range;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::hyphenate::Hyphenator;
use crate::shape::ShapedPara;

/// Cost of a forced break.
pub const FORCE: f32 = -10_000.0;
/// Cost of a break at a hyphenation point.
pub const HYPHEN_COST: f32 = 50.0;

/// One item of the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Unbreakable material: the glyphs in the range.
    Box { width: f32, glyphs: Range<usize> },
    /// A space that may stretch or shrink; a break may follow the box before it.
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
        glyphs: Range<usize>,
    },
    /// A break chance; `width` is set only if the line breaks here (a hyphen).
    Penalty {
        width: f32,
        cost: f32,
        flagged: bool,
    },
}

/// How far word spaces may stretch and shrink, as fractions of the natural space.
#[derive(Debug, Clone, Copy)]
pub struct Spacing {
    pub stretch: f32,
    pub shrink: f32,
}

/// Word spacing 80/100/133 % (InDesign's defaults).
pub const JUSTIFIED: Spacing = Spacing {
    stretch: 0.33,
    shrink: 0.2,
};

/// Builds the items of a shaped paragraph. `hyphen` is the width of a hyphen;
/// `hyphenate` gives the language for hyphenation, if any.
pub fn build(
    shaped: &ShapedPara,
    indent: f32,
    hyphen: f32,
    spacing: Spacing,
    hyphenate: Option<(&str, &mut Hyphenator)>,
) -> Vec<Item> {
    let text = &shaped.text;
    let glyphs = &shaped.glyphs;
    let at = |byte: usize| glyphs.partition_point(|g| g.cluster < byte);
    let starts_cluster =
        |byte: usize| byte >= text.len() || glyphs.get(at(byte)).is_some_and(|g| g.cluster == byte);
    let width = |r: &Range<usize>| glyphs[r.clone()].iter().map(|g| g.advance).sum::<f32>();

    let mut items = Vec::new();
    if indent > 0.0 {
        items.push(Item::Box {
            width: indent,
            glyphs: 0..0,
        });
    }
    let mut hyph = hyphenate;
    let mut word_from = 0;
    for (end, op) in linebreaks(text) {
        if end < text.len() && (!starts_cluster(end) || end <= word_from) {
            continue; // inside a ligature: no break here
        }
        let seg = &text[word_from..end];
        let word_len = seg.trim_end_matches(|c: char| c.is_whitespace()).len();
        let word = word_from..word_from + word_len;
        let space = word.end..end;
        push_word(
            &mut items,
            text,
            &word,
            &at,
            &starts_cluster,
            &width,
            hyphen,
            &mut hyph,
        );
        let forced = op == BreakOpportunity::Mandatory;
        let spaces = at(space.start)..at(space.end);
        if forced {
            items.push(Item::Glue {
                width: 0.0,
                stretch: 1e6,
                shrink: 0.0,
                glyphs: spaces,
            });
            items.push(Item::Penalty {
                width: 0.0,
                cost: FORCE,
                flagged: false,
            });
        } else if !space.is_empty() {
            let w = width(&spaces);
            items.push(Item::Glue {
                width: w,
                stretch: w * spacing.stretch,
                shrink: w * spacing.shrink,
                glyphs: spaces,
            });
        } else {
            let flagged = text[word.clone()].ends_with(['-', '\u{2010}']);
            items.push(Item::Penalty {
                width: 0.0,
                cost: if flagged { HYPHEN_COST } else { 0.0 },
                flagged,
            });
        }
        word_from = end;
    }
    items
}

/// Pushes one word as boxes, with penalties at its hyphenation points.
#[allow(clippy::too_many_arguments)]
fn push_word(
    items: &mut Vec<Item>,
    text: &str,
    word: &Range<usize>,
    at: &dyn Fn(usize) -> usize,
    starts_cluster: &dyn Fn(usize) -> bool,
    width: &dyn Fn(&Range<usize>) -> f32,
    hyphen: f32,
    hyph: &mut Option<(&str, &mut Hyphenator)>,
) {
    if word.is_empty() {
        return;
    }
    let mut cuts = Vec::new();
    if let Some((lang, h)) = hyph.as_mut() {
        // Hyphenate the letters of each alphabetic stretch of the word.
        let w = &text[word.clone()];
        let mut from = None;
        for (i, c) in w.char_indices().chain(std::iter::once((w.len(), ' '))) {
            match (c.is_alphabetic() || c == '\u{2019}' || c == '\'', from) {
                (true, None) => from = Some(i),
                (false, Some(f)) => {
                    let part = &w[f..i];
                    cuts.extend(h.points(lang, part).into_iter().map(|p| word.start + f + p));
                    from = None;
                }
                _ => {}
            }
        }
    }
    let mut from = word.start;
    for cut in cuts.into_iter().filter(|&c| starts_cluster(c)) {
        let r = at(from)..at(cut);
        items.push(Item::Box {
            width: width(&r),
            glyphs: r,
        });
        items.push(Item::Penalty {
            width: hyphen,
            cost: HYPHEN_COST,
            flagged: true,
        });
        from = cut;
    }
    let r = at(from)..at(word.end);
    items.push(Item::Box {
        width: width(&r),
        glyphs: r,
    });
}
