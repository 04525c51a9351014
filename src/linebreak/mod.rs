//! Line breaking: a shaped paragraph into lines of a given measure, justified
//! or ragged, hyphenated in the paragraph's language. The output, [`SetPara`],
//! holds every glyph's position relative to its line.

pub mod greedy;
pub mod items;

use std::ops::Range;

use crate::assets::fonts::FaceId;
use crate::hyphenate::Hyphenator;
use crate::model::Para;
use crate::shape::{ShapedPara, Shaper};
use crate::spec::Align;
use items::Item;

/// A paragraph broken into lines.
#[derive(Debug, Clone)]
pub struct SetPara {
    pub text: String,
    pub size: f32,
    pub lines: Vec<Line>,
}

/// One line of a paragraph.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub glyphs: Vec<PlacedGlyph>,
    /// Body words that start on this line.
    pub words: usize,
    /// Ends with an inserted hyphen.
    pub hyphenated: bool,
    /// Glyphs run past the measure (nothing better was possible).
    pub overfull: bool,
}

/// A glyph placed on its line.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub face: FaceId,
    pub gid: u16,
    /// From the line's left edge (the column edge), in points.
    pub x: f32,
    pub y_offset: f32,
    /// The text this glyph stands for (empty for later glyphs of a cluster).
    pub text: Range<usize>,
    /// Text that is not in the paragraph: an inserted hyphen, a list marker.
    pub literal: Option<String>,
}

/// Breaks and sets `para` in a measure of `width` points.
pub fn set(
    para: &Para,
    shaped: &ShapedPara,
    width: f32,
    shaper: &Shaper,
    hyph: &mut Hyphenator,
) -> SetPara {
    let style = &para.style;
    let measure = (width - para.left - para.right).max(1.0);
    let hyphen_face = shaped.glyphs.first().map_or(0, |g| g.face);
    let hyphen = shaper.char_advance(hyphen_face, '-', shaped.size);
    let hyphenate = style.hyphenate.then_some((para.lang.as_str(), hyph));
    let items = items::build(
        shaped,
        para.first_indent,
        hyphen.map_or(0.0, |h| h.1),
        items::JUSTIFIED,
        hyphenate,
    );
    let breaks = greedy::break_lines(&items, measure);
    let text_ends = cluster_ends(shaped);
    let word_starts = word_starts(&shaped.text, para.counted_from);

    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (n, &b) in breaks.iter().enumerate() {
        let last = n + 1 == breaks.len();
        let mut line = set_line(
            &items[start..=b],
            shaped,
            &text_ends,
            measure,
            style.align,
            last,
        );
        if let (true, Some((gid, _))) = (line.hyphenated, hyphen) {
            let x = line_end(&line, shaped);
            line.glyphs.push(PlacedGlyph {
                face: hyphen_face,
                gid,
                x,
                y_offset: 0.0,
                text: 0..0,
                literal: Some("-".into()),
            });
        }
        for g in &mut line.glyphs {
            g.x += para.left;
        }
        lines.push(line);
        start = b + 1;
    }
    count_words(&mut lines, &word_starts, shaped.text.len());
    if let (Some(marker), Some(first)) = (&para.marker, lines.first_mut()) {
        hang_marker(first, marker, para, shaped, shaper);
    }
    SetPara {
        text: shaped.text.clone(),
        size: shaped.size,
        lines,
    }
}

/// Places the items of one line; `items` ends with the break item.
fn set_line(
    items: &[Item],
    shaped: &ShapedPara,
    ends: &[usize],
    measure: f32,
    align: Align,
    last: bool,
) -> Line {
    let (brk, body) = items
        .split_last()
        .map_or((None, items), |(b, r)| (Some(b), r));
    // Glue and penalties at the start of a line vanish.
    let first = body
        .iter()
        .position(|i| matches!(i, Item::Box { .. }))
        .unwrap_or(body.len());
    let body = &body[first..];
    let hyphenated =
        matches!(brk, Some(Item::Penalty { flagged: true, width, .. }) if *width > 0.0);
    let hyphen_w = match brk {
        Some(Item::Penalty { width, .. }) if hyphenated => *width,
        _ => 0.0,
    };
    let (mut natural, mut stretch, mut shrink) = (hyphen_w, 0.0, 0.0);
    for item in body {
        match item {
            Item::Box { width, .. } => natural += width,
            Item::Glue {
                width,
                stretch: st,
                shrink: sh,
                ..
            } => {
                natural += width;
                stretch += st;
                shrink += sh;
            }
            Item::Penalty { .. } => {}
        }
    }
    let justify = align == Align::Justify && !last;
    let gap = measure - natural;
    let ratio = if !justify {
        if gap < 0.0 && shrink > 0.0 {
            (gap / shrink).max(-1.0)
        } else {
            0.0
        }
    } else if gap >= 0.0 {
        if stretch > 0.0 {
            gap / stretch
        } else {
            0.0
        }
    } else if shrink > 0.0 {
        (gap / shrink).max(-1.0)
    } else {
        0.0
    };
    let used = natural
        + if ratio >= 0.0 {
            ratio * stretch
        } else {
            ratio * shrink
        };
    let mut x = match align {
        Align::Center => (measure - used).max(0.0) / 2.0,
        Align::Right => (measure - used).max(0.0),
        Align::Left | Align::Justify => 0.0,
    };
    let mut line = Line {
        hyphenated,
        overfull: used > measure + 0.5,
        ..Line::default()
    };
    for item in body {
        match item {
            Item::Box { width, glyphs } => {
                place(&mut line, shaped, ends, glyphs.clone(), x);
                x += width;
            }
            Item::Glue {
                width,
                stretch: st,
                shrink: sh,
                glyphs,
            } => {
                place(&mut line, shaped, ends, glyphs.clone(), x);
                x += width + if ratio >= 0.0 { ratio * st } else { ratio * sh };
            }
            Item::Penalty { .. } => {}
        }
    }
    line
}

fn place(line: &mut Line, shaped: &ShapedPara, ends: &[usize], range: Range<usize>, mut x: f32) {
    for i in range {
        let g = &shaped.glyphs[i];
        let text = if i > 0 && shaped.glyphs[i - 1].cluster == g.cluster {
            g.cluster..g.cluster
        } else {
            g.cluster..ends[i]
        };
        let ch = &shaped.text[text.clone()];
        if !ch.contains(['\n', '\u{2028}']) {
            line.glyphs.push(PlacedGlyph {
                face: g.face,
                gid: g.gid,
                x: x + g.x_offset,
                y_offset: g.y_offset,
                text,
                literal: None,
            });
        }
        x += g.advance;
    }
}

/// Where the last placed glyph ends.
fn line_end(line: &Line, shaped: &ShapedPara) -> f32 {
    line.glyphs
        .iter()
        .rev()
        .find(|g| g.literal.is_none() && !shaped.text[g.text.clone()].trim().is_empty())
        .and_then(|g| {
            shaped
                .glyphs
                .iter()
                .find(|s| s.cluster == g.text.start && s.gid == g.gid)
                .map(|s| g.x - s.x_offset + s.advance)
        })
        .unwrap_or(0.0)
}

/// For each glyph, the end of the text its cluster covers.
fn cluster_ends(shaped: &ShapedPara) -> Vec<usize> {
    let mut ends = vec![shaped.text.len(); shaped.glyphs.len()];
    let mut next = shaped.text.len();
    for i in (0..shaped.glyphs.len()).rev() {
        ends[i] = next;
        if i > 0 && shaped.glyphs[i - 1].cluster != shaped.glyphs[i].cluster {
            next = shaped.glyphs[i].cluster;
        }
    }
    ends
}

/// Byte offsets where body words start (at or after `from`).
fn word_starts(text: &str, from: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if !space && (prev_space || i == from) && i >= from {
            starts.push(i);
        }
        prev_space = space;
    }
    starts
}

/// Gives each line the number of words that start on it.
fn count_words(lines: &mut [Line], starts: &[usize], len: usize) {
    let firsts: Vec<usize> = lines
        .iter()
        .map(|l| {
            l.glyphs
                .iter()
                .find(|g| g.literal.is_none())
                .map_or(len, |g| g.text.start)
        })
        .collect();
    let mut begin = 0;
    for (i, line) in lines.iter_mut().enumerate() {
        let end = firsts.get(i + 1).copied().unwrap_or(usize::MAX).max(begin);
        line.words = starts.iter().filter(|&&s| s >= begin && s < end).count();
        begin = end;
    }
}

/// Hangs a list marker in the indent left of the first line.
fn hang_marker(line: &mut Line, marker: &str, para: &Para, shaped: &ShapedPara, shaper: &Shaper) {
    let face = shaped.glyphs.first().map_or(0, |g| g.face);
    let mut glyphs = Vec::new();
    let mut x = 0.0;
    for c in marker.chars() {
        if let Some((gid, adv)) = shaper.char_advance(face, c, shaped.size) {
            glyphs.push((gid, x, c));
            x += adv;
        }
    }
    let start = para.left - para.style.indent.max(x + shaped.size * 0.4);
    let marker_glyphs = glyphs.into_iter().map(|(gid, gx, c)| PlacedGlyph {
        face,
        gid,
        x: start.max(0.0) + gx,
        y_offset: 0.0,
        text: 0..0,
        literal: Some(c.to_string()),
    });
    line.glyphs.splice(0..0, marker_glyphs);
}
