//! Margin protrusion (hanging punctuation), after pdfTeX's microtype: at the
//! edges of a justified column, punctuation, hyphens and quotes hang partly
//! into the margin, and round or diagonal letters a little, so the edge looks
//! straight to the eye. Amounts are fractions of the glyph's own width. A
//! line's start and end are its logical ones: right to left, the start
//! hangs past the right edge and the end past the left.

use super::items::{Item, FORCE};
use crate::shape::ShapedPara;

/// How far an item lets a line hang out: `left` for a box that starts a
/// line, `right` for a glue or penalty that ends one.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Hang {
    pub left: f32,
    pub right: f32,
    /// Width the next line starts with if the line breaks here: a hard hyphen
    /// repeated at the start of the next line (Spanish, Portuguese).
    pub carry: f32,
}

/// Right-side protrusion of a character, as a fraction of its width.
pub fn right(c: char) -> f32 {
    match c {
        // (With the Arabic comma, semicolon and question mark, the Urdu
        // full stop and the Hebrew maqaf, which end right-to-left lines at
        // their left.)
        '.' | '-' | '\u{2010}' | '\u{2019}' | '\u{201D}' | '\'' | '\u{06D4}' | '\u{05BE}' => 0.7,
        ',' | '\u{060C}' => 0.6,
        ':' | '"' | '\u{00BB}' | '\u{203A}' | '\u{2013}' => 0.5,
        ';' | '\u{061B}' => 0.4,
        '\u{2014}' => 0.3,
        '!' | '?' | '\u{061F}' => 0.2,
        ')' | ']' => 0.1,
        'A' | 'V' | 'W' | 'Y' | 'T' | 'v' | 'w' | 'y' | 'k' | 'r' => 0.05,
        _ => 0.0,
    }
}

/// Left-side protrusion of a character, as a fraction of its width.
pub fn left(c: char) -> f32 {
    match c {
        '\u{201C}' | '\u{2018}' | '"' | '\'' => 0.6,
        '\u{00AB}' | '\u{2039}' | '\u{00BF}' | '\u{00A1}' => 0.4,
        '(' | '[' => 0.1,
        'A' | 'V' | 'W' | 'Y' | 'T' | 'J' | 'v' | 'w' | 'y' => 0.05,
        'O' | 'C' | 'G' | 'Q' => 0.03,
        _ => 0.0,
    }
}

/// The protrusion each item allows (if `protrude`), and the hyphens that
/// repeat after a break (if `repeat_hyphens`); `ends` gives where each glyph's
/// text ends, `hyphen` is a hyphen's width.
pub fn hangs(
    shaped: &ShapedPara,
    ends: &[usize],
    items: &[Item],
    hyphen: f32,
    protrude: bool,
    repeat_hyphens: bool,
) -> Vec<Hang> {
    let glyph_char = |i: usize, last: bool| -> Option<(char, f32)> {
        let g = shaped.glyphs.get(i)?;
        let t = shaped.text.get(g.at()..*ends.get(i)?)?;
        let c = if last {
            t.trim_end().chars().next_back()?
        } else {
            t.chars().next()?
        };
        Some((c, g.advance))
    };
    let mut out = vec![Hang::default(); items.len()];
    let mut last_box_end: Option<usize> = None;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Box { glyphs, .. } => {
                if !glyphs.is_empty() {
                    out[i].left = glyph_char(glyphs.start, false).map_or(0.0, |(c, w)| left(c) * w);
                    last_box_end = Some(glyphs.end);
                }
            }
            Item::Penalty { width, cost, .. } if *width > 0.0 && *cost > FORCE => {
                out[i].right = right('-') * hyphen
            }
            Item::Penalty { cost, .. } if *cost <= FORCE => {}
            Item::Glue { .. } | Item::Penalty { .. } => {
                if repeat_hyphens && matches!(item, Item::Penalty { flagged: true, .. }) {
                    out[i].carry = hyphen;
                }
                out[i].right = last_box_end
                    .and_then(|e| glyph_char(e.checked_sub(1)?, true))
                    .map_or(0.0, |(c, w)| right(c) * w);
            }
        }
    }
    if !protrude {
        for h in &mut out {
            (h.left, h.right) = (0.0, 0.0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn punctuation_hangs_more_than_letters() {
        assert!(super::right('.') > super::right('y'));
        assert!(super::right('-') > 0.5);
        assert_eq!(super::right('n'), 0.0);
        assert!(super::left('\u{201C}') > 0.5);
    }
}
