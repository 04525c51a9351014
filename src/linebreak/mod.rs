//! Line breaking: a shaped paragraph into lines of a given measure, justified
//! or ragged, hyphenated in the paragraph's language. The output, [`SetPara`],
//! holds every glyph's position relative to its line.

pub mod items;
pub mod protrude;
pub mod total_fit;

use std::ops::Range;

use crate::assets::fonts::FaceId;
use crate::hyphenate::Hyphenator;
use crate::model::Para;
use crate::shape::{Scales, ShapedPara, Shaper};
use crate::spec::Align;
use items::{Item, Sums};

/// A paragraph broken into lines.
#[derive(Debug, Clone)]
pub struct SetPara {
    pub text: String,
    pub size: f32,
    pub lines: Vec<Line>,
    /// The measure it was set in.
    pub measure: f32,
    /// Faces set at another size than `size`.
    pub scales: Scales,
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
    /// Horizontal glyph scaling of the line (1 = none).
    pub scale: f32,
    /// Word spaces as a multiple of their natural width.
    pub space_ratio: f32,
    /// Where the line's last box ends (before any inserted hyphen).
    pub end: f32,
    /// The paragraph's item this line starts at: where setting resumes if
    /// the paragraph goes on in another region ([`Prepared::lines_from`]).
    pub from: u32,
}

/// A glyph placed on its line.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Its face, a [`FaceId`] (kept small: a long document has millions).
    pub face: u16,
    pub gid: u16,
    /// From the line's left edge (the column edge), in points.
    pub x: f32,
    pub y_offset: f32,
    /// The text this glyph stands for (empty for later glyphs of a cluster);
    /// see [`PlacedGlyph::range`].
    pub text: Range<u32>,
    /// Text that is not in the paragraph: an inserted hyphen, a character
    /// of a list marker.
    pub literal: Option<char>,
}

impl PlacedGlyph {
    /// The byte range of the paragraph's text this glyph stands for.
    pub fn range(&self) -> Range<usize> {
        self.text.start as usize..self.text.end as usize
    }
}

/// Breaks and sets `para` in a measure of `width` points.
pub fn set(
    para: &Para,
    shaped: &ShapedPara,
    width: f32,
    shaper: &Shaper,
    hyph: &mut Hyphenator,
) -> SetPara {
    prepare(para, shaped.clone(), shaper, hyph).set(width)
}

/// A paragraph ready to be broken at any measure, from its start or from
/// any line's start: its glyphs as boxes, glue and penalties (hyphenated in
/// its language), and what setting a line needs. Composition asks it for
/// lines at the width of the region they go in.
#[derive(Debug, Clone)]
pub struct Prepared {
    shaped: ShapedPara,
    items: Vec<Item>,
    hangs: Vec<protrude::Hang>,
    text_ends: Vec<usize>,
    word_starts: Vec<usize>,
    face: FaceId,
    hyphen: Option<(u16, f32)>,
    align: Align,
    spacing: items::Spacing,
    params: total_fit::Params,
    left: f32,
    right: f32,
    marker: Option<Marker>,
    /// Right to left: the paragraph's lines start at the right.
    rtl: bool,
    /// Some text runs against the rest: lines are reordered once broken.
    bidi: bool,
}

/// A list marker: its glyphs, set left to right from 0.
#[derive(Debug, Clone)]
struct Marker {
    /// `(gid, x, char)` each.
    glyphs: Vec<(u16, f32, char)>,
    /// How far into the line's start indent it begins.
    start: f32,
    width: f32,
}

/// Turns a shaped paragraph into items, hyphenating it.
pub fn prepare(
    para: &Para,
    shaped: ShapedPara,
    shaper: &Shaper,
    hyph: &mut Hyphenator,
) -> Prepared {
    let style = &para.style;
    let face = shaped.glyphs.first().map_or(0, |g| g.face_id());
    // At the size that face is set at.
    let size = shaped.size * shaped.scales.of(face);
    let hyphen = shaper.char_advance(face, '-', size);
    let space = shaper
        .char_advance(face, ' ', size)
        .map_or(size * 0.25, |s| s.1);
    let justify = style.align == Align::Justify;
    let rtl = shaped.rtl;
    let bidi = rtl || shaped.glyphs.iter().any(|g| g.level > 0);
    let mut spacing = items::Spacing::from(style.justification);
    if bidi {
        // Arabic is never letter-spaced nor its glyphs scaled (it would
        // break the joins): only the spaces between words stretch.
        spacing = spacing.words_only();
    }
    let setup = items::Setup {
        indent: para.first_indent,
        hyphen: hyphen.map_or(0.0, |h| h.1),
        space,
        spacing: justify.then_some(spacing),
        hyphenate: (style.hyphenate && !rtl).then_some((para.lang.as_str(), hyph)),
        balance: para.role.is_display(),
        keep_words: crate::text::primary_language(&para.lang) == "ko",
    };
    let items = items::build(&shaped, setup);
    let repeat = repeats_hyphens(&para.lang);
    let text_ends = cluster_ends(&shaped);
    let hangs = protrude::hangs(
        &shaped,
        &text_ends,
        &items,
        hyphen.map_or(0.0, |h| h.1),
        // (A line's start and end: right to left, its start is at the
        // right, and `reorder` hangs it there.)
        justify,
        repeat,
    );
    let params = total_fit::Params {
        looseness: style.looseness,
        rag_step: (!justify && style.align != Align::Center).then_some(shaped.size * RAG_STEP_EMS),
        ..total_fit::Params::default()
    };
    let word_starts = word_starts(&shaped.text, para.counted_from);
    let marker = para
        .marker
        .as_ref()
        .map(|m| marker_glyphs(m, para, &shaped, shaper));
    Prepared {
        shaped,
        items,
        hangs,
        text_ends,
        word_starts,
        face,
        hyphen,
        align: style.align,
        spacing,
        params,
        left: para.left,
        right: para.right,
        marker,
        rtl,
        bidi,
    }
}

impl Prepared {
    /// The whole paragraph set in a measure of `width` points.
    pub fn set(&self, width: f32) -> SetPara {
        SetPara {
            text: self.shaped.text.clone(),
            size: self.shaped.size,
            lines: self.lines_from(width, 0),
            measure: width,
            scales: self.shaped.scales.clone(),
        }
    }

    /// The paragraph's text.
    pub fn text(&self) -> &str {
        &self.shaped.text
    }

    /// Faces set at another size than the paragraph's.
    pub fn scales(&self) -> &Scales {
        &self.shaped.scales
    }

    /// The lines of the paragraph from item `from` (0, or a line's
    /// [`Line::from`]) on, in a measure of `width` points. A line started
    /// mid-paragraph has no indent.
    pub fn lines_from(&self, width: f32, from: u32) -> Vec<Line> {
        let shaped = &self.shaped;
        let from = (from as usize).min(self.items.len());
        let items = &self.items;
        let hangs = &self.hangs;
        let measure = (width - self.left - self.right).max(1.0);
        let breaks = total_fit::break_lines(
            &items[from..],
            hangs.get(from..).unwrap_or(&[]),
            measure,
            &self.params,
        );
        let hyphen = self.hyphen;
        let face = self.face as u16;
        let mut lines = Vec::with_capacity(breaks.len());
        let mut start = from;
        for (n, &b) in breaks.iter().enumerate() {
            let b = b + from;
            let last = n + 1 == breaks.len();
            let first_box = (start..=b)
                .find(|&i| matches!(items[i], Item::Box { .. }))
                .unwrap_or(b);
            // After a hard hyphen at a break, Spanish and Portuguese repeat it:
            // the line then starts with that hyphen instead of hanging left.
            let carried = start
                .checked_sub(1)
                .and_then(|i| hangs.get(i))
                .map_or(0.0, |h| h.carry);
            let hang = protrude::Hang {
                left: if carried > 0.0 {
                    -carried
                } else {
                    hangs.get(first_box).map_or(0.0, |h| h.left)
                },
                right: if last {
                    0.0
                } else {
                    hangs.get(b).map_or(0.0, |h| h.right)
                },
                carry: 0.0,
            };
            let how = How {
                measure,
                hang,
                align: self.align,
                last,
                em: shaped.size,
                spacing: self.spacing,
                bidi: self.bidi.then_some(self.rtl),
            };
            let mut line = set_line(&items[start..=b], shaped, &self.text_ends, &how);
            line.from = start as u32;
            if let (true, Some((gid, _))) = (line.hyphenated, hyphen) {
                let x = line.end;
                line.glyphs.push(PlacedGlyph {
                    face,
                    gid,
                    x,
                    y_offset: 0.0,
                    text: 0..0,
                    literal: Some('-'),
                });
            }
            if let (true, Some((gid, _))) = (carried > 0.0, hyphen) {
                line.glyphs.insert(
                    0,
                    PlacedGlyph {
                        face,
                        gid,
                        x: 0.0,
                        y_offset: 0.0,
                        text: 0..0,
                        literal: Some('-'),
                    },
                );
            }
            // The start indent is on the right of a right-to-left line.
            let offset = if self.rtl { self.right } else { self.left };
            for g in &mut line.glyphs {
                g.x += offset;
            }
            // Lines live until the PDF is written: no spare capacity.
            line.glyphs.shrink_to_fit();
            lines.push(line);
            start = b + 1;
        }
        count_words(&mut lines, &self.word_starts, shaped.text.len(), from > 0);
        if let (Some(marker), Some(first), 0) = (&self.marker, lines.first_mut(), from) {
            let placed = marker.glyphs.iter().enumerate().map(|(k, &(gid, gx, c))| {
                // Right to left, the marker hangs in the indent at the right,
                // its glyphs in visual order (a numeral's stop on its left).
                let x = match self.rtl {
                    false => marker.start + gx,
                    true => {
                        let next = marker.glyphs.get(k + 1).map_or(marker.width, |g| g.1);
                        width - marker.start - next
                    }
                };
                PlacedGlyph {
                    face,
                    gid,
                    x,
                    y_offset: 0.0,
                    text: 0..0,
                    literal: Some(c),
                }
            });
            first.glyphs.splice(0..0, placed);
        }
        lines
    }
}

/// In ragged text, line lengths differing by more than this many ems make a
/// step in the rag; two steps the same way are avoided.
const RAG_STEP_EMS: f32 = 0.5;

/// Languages that repeat a hard hyphen at the start of the next line.
fn repeats_hyphens(lang: &str) -> bool {
    let primary = crate::text::primary_language(lang);
    matches!(primary.as_str(), "es" | "pt" | "gl" | "ca")
}

/// Places the items of one line; `items` ends with the break item. Word
/// spaces, letter spacing and glyph scaling share one adjustment ratio (up to
/// their limits; past them only the spaces stretch further).
/// How one line is to be set.
#[derive(Clone, Copy)]
struct How {
    measure: f32,
    hang: protrude::Hang,
    align: Align,
    /// The paragraph's last line.
    last: bool,
    /// The type size: letter spacing is in ems.
    em: f32,
    spacing: items::Spacing,
    /// Put in visual order once set, starting at the right if `Some(true)`.
    bidi: Option<bool>,
}

fn set_line(items: &[Item], shaped: &ShapedPara, ends: &[usize], how: &How) -> Line {
    let How {
        measure,
        hang,
        align,
        last,
        em,
        spacing,
        bidi,
    } = *how;
    // Protruding characters hang past the measure at either end.
    let measure = measure + hang.left + hang.right;
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
    let mut t = Sums::of(body);
    if let (true, Some(Item::Penalty { width, .. })) = (hyphenated, brk) {
        t.width += width;
    }
    let justify = align == Align::Justify && !last;
    let gap = measure - t.width;
    // Emergency letter spacing, if the line is beyond its bounds: in all,
    // and per glyph.
    let (mut share, mut emergency) = (0.0, 0.0);
    // Ratios for boxes and for glue.
    let (rb, rg) = if !justify {
        if gap < 0.0 {
            let r = total_fit::ratio(t.width, 0.0, t.glue_shrink + t.box_shrink, measure).max(-1.0);
            (r, r)
        } else {
            (0.0, 0.0)
        }
    } else if gap >= 0.0 {
        let r = total_fit::ratio(t.width, t.glue_stretch + t.box_stretch, 0.0, measure);
        if r <= 1.0 {
            (r, r)
        } else {
            let excess = gap - t.glue_stretch - t.box_stretch;
            share = total_fit::emergency_share(excess, t.glue_stretch, t.box_emergency);
            if share > 0.0 {
                emergency = share / t.box_emergency * spacing.emergency * em;
            }
            if t.glue_stretch > 0.0 {
                (1.0, (gap - t.box_stretch - share) / t.glue_stretch)
            } else {
                (1.0, 0.0)
            }
        }
    } else {
        let r = total_fit::ratio(t.width, 0.0, t.glue_shrink + t.box_shrink, measure).max(-1.0);
        (r, r)
    };
    // Boxes of a justified paragraph shrink with its spaces even on the last
    // line (the breaker counted on it); ragged boxes never change.
    let (scale, letter) = if align != Align::Justify {
        (1.0, 0.0)
    } else if rb >= 0.0 {
        (
            1.0 + rb * (spacing.glyph.1 - 1.0),
            rb * spacing.letter.1 * em + emergency,
        )
    } else {
        (
            1.0 + rb * (1.0 - spacing.glyph.0),
            -rb * spacing.letter.0 * em,
        )
    };
    let adjust_glue = |stretch: f32, shrink: f32| {
        if rg >= 0.0 {
            rg * stretch.max(0.0)
        } else {
            rg * shrink
        }
    };
    let used = t.width
        + if rb >= 0.0 {
            rb * t.box_stretch + share
        } else {
            rb * t.box_shrink
        }
        + if rg >= 0.0 {
            rg * t.glue_stretch
        } else {
            rg * t.glue_shrink
        };
    let mut x = match align {
        Align::Center => (measure - used).max(0.0) / 2.0,
        Align::Right => (measure - used).max(0.0),
        Align::Left | Align::Justify => -hang.left,
    };
    let space_ratio = 1.0
        + if rg >= 0.0 {
            rg * (spacing.word.1 - 1.0)
        } else {
            rg * (1.0 - spacing.word.0)
        };
    // (The line's glyphs at most: room made once, not grown glyph by glyph.)
    let glyphs: usize = body
        .iter()
        .map(|i| match i {
            Item::Box { glyphs, .. } | Item::Glue { glyphs, .. } => glyphs.len(),
            Item::Penalty { .. } => 0,
        })
        .sum();
    let mut line = Line {
        hyphenated,
        overfull: used > measure + 0.5,
        scale,
        space_ratio: if justify { space_ratio } else { 1.0 },
        glyphs: Vec::with_capacity(glyphs),
        ..Line::default()
    };
    let mut prev: Option<&Item> = None;
    let mut cells = Vec::with_capacity(glyphs);
    let mut placed = |line: &mut Line, range: Range<usize>, x: f32, scale: f32, letter: f32| {
        place(line, shaped, ends, range, x, scale, letter, &mut cells)
    };
    for item in body {
        let this = Some(item);
        match item {
            // An indent is a box with no glyphs.
            Item::Box { width, glyphs, .. } if glyphs.is_empty() => x += width,
            Item::Box { glyphs, .. } => {
                x = placed(&mut line, glyphs.clone(), x, scale, letter);
                line.end = x;
            }
            Item::Glue {
                width,
                stretch,
                shrink,
                glyphs,
            } => {
                // No letter spacing after a word's last letter.
                if matches!(prev, Some(Item::Box { glyphs, .. }) if !glyphs.is_empty()) {
                    x -= letter;
                }
                placed(&mut line, glyphs.clone(), x, 1.0, 0.0);
                x += width + adjust_glue(*stretch, *shrink);
            }
            Item::Penalty { .. } => {}
        }
        prev = this;
    }
    if let Some(rtl) = bidi {
        // In the measure without the hangs: right to left, the line's
        // start hangs past its right edge, its end past the left.
        reorder(&mut line, &cells, measure - hang.left - hang.right, rtl);
    }
    line
}

/// Puts a line's glyphs, set in logical order, in visual order (UAX #9,
/// rule L2: from the highest level down to the lowest odd one, every run at
/// that level or above is reversed), each keeping the room it had (a space
/// its stretch); a right-to-left paragraph's line is mirrored, so its
/// indent, its start and its rag fall where they fall in that script.
/// `cells` holds each glyph's pen position, width and level.
fn reorder(line: &mut Line, cells: &[(f32, f32, u8)], measure: f32, rtl: bool) {
    let n = line.glyphs.len().min(cells.len());
    if n == 0 {
        return;
    }
    let widths: Vec<f32> = (0..n)
        .map(|k| match cells.get(k + 1) {
            Some(next) if k + 1 < n => next.0 - cells[k].0,
            _ => cells[k].1,
        })
        .collect();
    let total: f32 = widths.iter().sum();
    let lead = cells[0].0;
    let levels: Vec<u8> = cells[..n].iter().map(|c| c.2).collect();
    let mut x = match rtl {
        true => measure - lead - total,
        false => lead,
    };
    let mut old: Vec<Option<PlacedGlyph>> = std::mem::take(&mut line.glyphs)
        .into_iter()
        .map(Some)
        .collect();
    for k in visual_order(&levels) {
        if let Some(mut g) = old.get_mut(k).and_then(Option::take) {
            g.x = x + (g.x - cells[k].0);
            x += widths[k];
            line.glyphs.push(g);
        }
    }
    line.end = x;
}

/// The order in which to draw items of these bidirectional levels, left to
/// right (UAX #9, rule L2).
fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&top) = levels.iter().max() else {
        return order;
    };
    let lowest_odd = levels
        .iter()
        .copied()
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(top + 1);
    let mut level = top;
    while level >= lowest_odd && level > 0 {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let mut j = i;
                while j < order.len() && levels[order[j]] >= level {
                    j += 1;
                }
                order[i..j].reverse();
                i = j;
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

/// Places glyphs from `x`, scaled and letter-spaced; returns where they end.
/// Each glyph placed also gets its pen position, width and bidirectional
/// level in `cells`.
#[allow(clippy::too_many_arguments)]
fn place(
    line: &mut Line,
    shaped: &ShapedPara,
    ends: &[usize],
    range: Range<usize>,
    mut x: f32,
    scale: f32,
    letter: f32,
    cells: &mut Vec<(f32, f32, u8)>,
) -> f32 {
    for i in range {
        let g = &shaped.glyphs[i];
        let text = if i > 0 && shaped.glyphs[i - 1].cluster == g.cluster {
            g.at()..g.at()
        } else {
            g.at()..ends[i]
        };
        let ch = &shaped.text[text.clone()];
        if !ch.contains(['\n', '\u{2028}', '\u{AD}']) {
            line.glyphs.push(PlacedGlyph {
                face: g.face,
                gid: g.gid,
                x: x + g.x_offset * scale,
                y_offset: g.y_offset,
                text: text.start as u32..text.end as u32,
                literal: None,
            });
            cells.push((x, g.advance * scale + letter, g.level));
        }
        x += g.advance * scale + letter;
    }
    x
}

/// For each glyph, the end of the text its cluster covers.
fn cluster_ends(shaped: &ShapedPara) -> Vec<usize> {
    let mut ends = vec![shaped.text.len(); shaped.glyphs.len()];
    let mut next = shaped.text.len();
    for i in (0..shaped.glyphs.len()).rev() {
        ends[i] = next;
        if i > 0 && shaped.glyphs[i - 1].cluster != shaped.glyphs[i].cluster {
            next = shaped.glyphs[i].at();
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

/// Gives each line the number of words that start on it; with `resumed`,
/// the lines start mid-paragraph and words before them are not theirs.
fn count_words(lines: &mut [Line], starts: &[usize], len: usize, resumed: bool) {
    // Where each line starts in the text (its glyphs may be in visual order).
    let firsts: Vec<usize> = lines
        .iter()
        .map(|l| {
            l.glyphs
                .iter()
                .filter(|g| g.literal.is_none())
                .map(|g| g.range().start)
                .min()
                .unwrap_or(len)
        })
        .collect();
    let mut begin = if resumed {
        firsts.first().copied().unwrap_or(len)
    } else {
        0
    };
    for (i, line) in lines.iter_mut().enumerate() {
        let end = firsts.get(i + 1).copied().unwrap_or(usize::MAX).max(begin);
        // `starts` is sorted: count by binary search, not by scanning.
        line.words = starts.partition_point(|&s| s < end) - starts.partition_point(|&s| s < begin);
        begin = end;
    }
}

/// A list marker's glyphs, to hang in the indent left of the first line,
/// and the x they start at.
fn marker_glyphs(marker: &str, para: &Para, shaped: &ShapedPara, shaper: &Shaper) -> Marker {
    let face = shaped.glyphs.first().map_or(0, |g| g.face_id());
    let mut glyphs = Vec::new();
    let mut x = 0.0;
    let size = shaped.size * shaped.scales.of(face);
    for c in marker.chars() {
        if let Some((gid, adv)) = shaper.char_advance(face, c, size) {
            glyphs.push((gid, x, c));
            x += adv;
        }
    }
    let start = para.left - para.style.indent.max(x + shaped.size * 0.4);
    Marker {
        glyphs,
        start: start.max(0.0),
        width: x,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::fonts::FontBook;
    use crate::diag::Warnings;
    use std::path::Path;

    /// Sets `text` as the first paragraph of an article in `lang` at `width`.
    fn set_text(text: &str, lang: &str, width: f32) -> SetPara {
        set_with("", text, lang, width)
    }

    /// Where a line's glyphs start, leftmost and rightmost.
    fn extent(l: &Line) -> (f32, f32) {
        let xs = l.glyphs.iter().map(|g| g.x);
        (
            xs.clone().fold(f32::MAX, f32::min),
            xs.fold(f32::MIN, f32::max),
        )
    }

    /// The same, with a layout spec.
    fn set_with(spec: &str, text: &str, lang: &str, width: f32) -> SetPara {
        let spec = crate::spec::parse(Path::new("s.toml"), spec).unwrap();
        let book = FontBook::load(&spec.families, &Default::default()).unwrap();
        let mut shaper = Shaper::new(&book).unwrap();
        let md = format!("+++\nlang = \"{lang}\"\n+++\n{text}\n");
        let article = crate::article::parse(Path::new("a.md"), &md).unwrap();
        let doc = crate::model::build(&spec, &[article]).unwrap();
        let para = &doc.stories[0].body[0];
        let shaped = shaper.shape(para, "a", &mut Warnings::default());
        set(para, &shaped, width, &shaper, &mut Hyphenator::default())
    }

    fn line_text(p: &SetPara, l: &Line) -> String {
        l.glyphs
            .iter()
            .map(|g| {
                g.literal
                    .map_or_else(|| p.text[g.range()].to_string(), String::from)
            })
            .collect()
    }

    #[test]
    fn levels_are_drawn_in_visual_order() {
        // An English name (level 2) inside Arabic (1) in an Arabic line.
        assert_eq!(visual_order(&[1, 1, 2, 2, 1]), [4, 2, 3, 1, 0]);
        assert_eq!(visual_order(&[0, 0, 1, 1, 0]), [0, 1, 3, 2, 4]);
        assert_eq!(visual_order(&[0, 0, 0]), [0, 1, 2]);
    }

    #[test]
    fn a_right_to_left_line_starts_at_the_right_and_is_not_letter_spaced() {
        let text = "عمال المستودع أضربوا ليلة الاثنين بعد أن رفضت الإدارة تركيب المراوح في مستودع Northgate رقم 12 وانضم إليهم سائقو الشاحنات في الصباح";
        let p = set_text(text, "ar", 140.0);
        assert!(p.lines.len() > 2, "{}", p.lines.len());
        for (n, l) in p.lines.iter().enumerate() {
            // Not scaled; the justified lines end at both edges, and the
            // last, ragged, at the right.
            assert_eq!(l.scale, 1.0);
            let (left, right) = extent(l);
            assert!(right > 125.0, "line {n} ends at {right}");
            if n + 1 < p.lines.len() {
                assert!(left < 5.0, "line {n} starts at {left}");
            }
            // The line's first word in the text is its rightmost.
            let first = l
                .glyphs
                .iter()
                .min_by_key(|g| g.range().start)
                .expect("glyphs");
            let last = l
                .glyphs
                .iter()
                .max_by_key(|g| g.range().start)
                .expect("glyphs");
            assert!(first.x > last.x, "line {n}: {} left of {}", first.x, last.x);
        }
        // The English name reads left to right: its N left of its e.
        let at = |c: &str| {
            let i = p.text.find(c).expect("in text");
            p.lines
                .iter()
                .flat_map(|l| &l.glyphs)
                .find(|g| g.range().start == i)
                .map(|g| g.x)
                .expect("placed")
        };
        assert!(at("Northgate") < at("gate"));
        // Text count: every word placed once.
        let words: usize = p.lines.iter().map(|l| l.words).sum();
        assert_eq!(words, text.split_whitespace().count());
    }

    #[test]
    fn a_right_to_left_line_hangs_its_closing_stop_past_the_left_edge() {
        let text = "عمال المستودع أضربوا ليلة الاثنين بعد أن رفضت الإدارة. وانضم إليهم سائقو الشاحنات في الصباح، ورفض كثير منهم عبور خط الاعتصام، وجاءت نساء الحي بالخبز والشاي إلى البوابة. وقالت النقابة إن المفاوضات ستبدأ يوم الخميس، وإن الإضراب مستمر.";
        let mut hung = 0;
        // In several measures, so that some lines end in a stop.
        for width in (100..=200).step_by(10) {
            let width = width as f32;
            let p = set_text(text, "ar", width);
            for l in &p.lines[..p.lines.len() - 1] {
                let last = l
                    .glyphs
                    .iter()
                    .filter(|g| !p.text[g.range()].trim().is_empty())
                    .max_by_key(|g| g.range().start)
                    .expect("glyphs");
                let stop = p.text[last.range()].contains(['.', '،']);
                let (left, right) = extent(l);
                // The start (no Arabic letter hangs) stays inside the right
                // edge; a stop at the end hangs past the left one.
                assert!(right < width, "{right} past {width}");
                if stop {
                    assert!(left < 0.0, "a stop at {left} does not hang");
                    hung += 1;
                } else {
                    assert!(left > -0.5, "a letter hangs at {left}");
                }
            }
        }
        assert!(hung > 0, "no line ends in a stop");
    }

    #[test]
    fn a_right_to_left_list_item_hangs_its_marker_and_indent_at_the_right() {
        let text =
            "- عمال المستودع أضربوا ليلة الاثنين بعد أن رفضت الإدارة تركيب المراوح في مستودع الشمال";
        let p = set_text(text, "ar", 140.0);
        assert!(p.lines.len() > 1, "{}", p.lines.len());
        let first = &p.lines[0];
        let marker = first
            .glyphs
            .iter()
            .find(|g| g.literal.is_some())
            .expect("a marker");
        let text_right = first
            .glyphs
            .iter()
            .filter(|g| g.literal.is_none())
            .map(|g| g.x)
            .fold(f32::MIN, f32::max);
        assert!(
            marker.x > text_right,
            "marker at {} left of the text's right end {text_right}",
            marker.x
        );
        assert!(marker.x < 140.0);
        // Every line is indented at the right, none at the left.
        for (n, l) in p.lines.iter().enumerate() {
            let right = l
                .glyphs
                .iter()
                .filter(|g| g.literal.is_none())
                .map(|g| g.x)
                .fold(f32::MIN, f32::max);
            assert!(right < 132.0, "line {n} reaches {right}, into the indent");
        }
        let left = p.lines[0]
            .glyphs
            .iter()
            .map(|g| g.x)
            .fold(f32::MAX, f32::min);
        assert!(left < 5.0, "the first line starts {left} from the left");
    }

    #[test]
    fn display_type_is_balanced_with_no_one_word_last_line() {
        let spec = crate::spec::parse(Path::new("s.toml"), "").unwrap();
        let book = FontBook::load(&spec.families, &Default::default()).unwrap();
        let mut shaper = Shaper::new(&book).unwrap();
        let md = "+++\nheadline = \"The Library That Would Not Close Its Doors\"\n+++\nBody.\n";
        let article = crate::article::parse(Path::new("a.md"), md).unwrap();
        let doc = crate::model::build(&spec, &[article]).unwrap();
        let head = doc.stories[0]
            .head
            .iter()
            .find(|p| p.role == crate::model::Role::Headline)
            .unwrap();
        // The same text as plain ragged text, broken the usual way.
        let plain = Para {
            role: crate::model::Role::Body,
            ..head.clone()
        };
        let shaped = shaper.shape(head, "a", &mut Warnings::default());
        let mut checked = 0;
        for width in (200..900).step_by(25).map(|w| w as f32) {
            let mut h = Hyphenator::default();
            let balanced = set(head, &shaped, width, &shaper, &mut h);
            let ragged = set(&plain, &shaped, width, &shaper, &mut h);
            assert!(balanced.lines.len() <= ragged.lines.len(), "at {width}");
            if let [.., last] = balanced.lines.as_slice() {
                if balanced.lines.len() > 1 {
                    let words = line_text(&balanced, last).split_whitespace().count();
                    assert!(words >= 2, "one-word last line at {width}pt");
                    checked += 1;
                }
            }
        }
        assert!(checked > 5, "only {checked} widths broke the headline");
    }

    const PROSE: &str = "Workers at the regional distribution centre stopped the conveyor belts at midnight, and by dawn the drivers were refusing to cross the picket line at the north gate of the depot.";

    #[test]
    fn justified_lines_fill_the_measure_exactly() {
        let p = set_text(PROSE, "en", 134.4);
        assert!(p.lines.len() > 3);
        for l in &p.lines[..p.lines.len() - 1] {
            let hyphen = l.glyphs.last().is_some_and(|g| g.literal.is_some());
            // The last box ends at the edge, or a little past it where it protrudes.
            if !hyphen {
                assert!((l.end - 134.4).abs() < 1.5, "line ends at {}", l.end);
            }
            assert!((0.96..=1.04).contains(&l.scale));
            assert!(!l.overfull);
        }
    }

    #[test]
    fn a_line_past_its_bounds_shares_the_excess_with_its_letters() {
        // A long capitalised name cannot be hyphenated, so the line before
        // it must stretch past every bound.
        let text = "His followers called him Mahasamatman and said he was a god.";
        let plain = set_with(
            "[styles.body]\nemergency_letter_spacing = 0\n",
            text,
            "en",
            134.4,
        );
        let helped = set_with(
            "[styles.body]\nemergency_letter_spacing = 4\n",
            text,
            "en",
            134.4,
        );
        let (p, h) = (&plain.lines[0], &helped.lines[0]);
        assert_eq!(line_text(&plain, p), line_text(&helped, h));
        assert!(p.space_ratio > 1.5, "spaces at {}", p.space_ratio);
        assert!(
            h.space_ratio < p.space_ratio - 0.2,
            "{} vs {}",
            h.space_ratio,
            p.space_ratio
        );
        // Letters moved apart, by no more than the 4 % of the em asked for.
        let step = |l: &Line| l.glyphs[2].x - l.glyphs[1].x;
        let extra = step(h) - step(p);
        assert!(extra > 0.05 && extra <= 0.06 * 9.0 + 0.01, "extra {extra}");
    }

    #[test]
    fn letter_spacing_stops_at_the_end_of_a_word() {
        let spec = crate::spec::parse(Path::new("s.toml"), "").unwrap();
        let book = FontBook::load(&spec.families, &Default::default()).unwrap();
        let mut shaper = Shaper::new(&book).unwrap();
        let article = crate::article::parse(Path::new("a.md"), "abc def\n").unwrap();
        let doc = crate::model::build(&spec, &[article]).unwrap();
        let para = &doc.stories[0].body[0];
        let shaped = shaper.shape(para, "a", &mut Warnings::default());
        let items = items::build(
            &shaped,
            items::Setup {
                indent: 0.0,
                hyphen: 0.0,
                space: 2.0,
                spacing: Some(items::Spacing {
                    word: (1.0, 1.0),
                    letter: (0.0, 0.1),
                    glyph: (1.0, 1.0),
                    emergency: 0.2,
                }),
                hyphenate: None,
                balance: false,
                keep_words: false,
            },
        );
        let boxes: Vec<(f32, f32)> = items
            .iter()
            .filter_map(|i| match i {
                Item::Box {
                    stretch, emergency, ..
                } => Some((*stretch, *emergency)),
                _ => None,
            })
            .collect();
        // "abc" before a space: two letter gaps; "def" ends the paragraph: two.
        let em = shaped.size;
        for (stretch, emergency) in boxes {
            assert!((stretch - 2.0 * 0.1 * em).abs() < 1e-3, "{stretch}");
            assert!((emergency - 2.0 * 0.2 * em).abs() < 1e-3, "{emergency}");
        }
    }

    #[test]
    fn hyphens_hang_into_the_margin() {
        let p = set_text(PROSE, "en", 120.0);
        let hyphenated: Vec<&Line> = p.lines.iter().filter(|l| l.hyphenated).collect();
        assert!(!hyphenated.is_empty());
        for l in hyphenated {
            // The word ends short of the edge; the hyphen starts inside it and hangs out.
            let hyphen = l.glyphs.last().unwrap();
            assert!(
                l.end < 120.0 && hyphen.x < 120.0 && hyphen.x > 117.5,
                "hyphen at {}",
                hyphen.x
            );
        }
    }

    #[test]
    fn spanish_repeats_a_hard_hyphen_on_the_next_line() {
        let text = "Las trabajadoras del sector socio-económico y las del político-administrativo votaron juntas en la asamblea.";
        for width in [60.0, 70.0, 80.0, 90.0, 100.0] {
            let es = set_text(text, "es", width);
            for (a, b) in es.lines.iter().zip(&es.lines[1..]) {
                let (ta, tb) = (line_text(&es, a), line_text(&es, b));
                if ta.ends_with("o-") && !a.hyphenated {
                    assert!(tb.starts_with('-'), "{ta:?} / {tb:?}");
                    return;
                }
            }
        }
        panic!("no width broke at a hard hyphen");
    }

    #[test]
    fn english_does_not_repeat_hyphens() {
        let text = "The committee of self-organized workers met the well-known socio-economic researchers downtown.";
        for width in [60.0, 70.0, 80.0, 90.0] {
            let en = set_text(text, "en", width);
            assert!(en
                .lines
                .iter()
                .skip(1)
                .all(|l| !line_text(&en, l).starts_with('-')));
        }
    }
}
