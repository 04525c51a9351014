//! Composition by page plan: each placement of the spec's `[[pages]]` gets
//! its story's head (first part) or jump headline (later parts), its photo
//! across the planned columns, and as much body as its columns hold; the
//! rest threads on to the story's next placement, with "continued" lines at
//! both ends. A story's last part ends in balanced columns. Body lines of
//! every column of a page share one baseline grid.

use super::columns::{fill, Grid, Slot};
use super::{Composer, Content, Fit, Placement};
use crate::diag::Warnings;
use crate::display::{Item, Page};
use crate::model::FRAME_INSET;
use crate::spec::plan::{Frame, Place, Plan};
use crate::typeset::{SetBlock, SetStory};

/// Lays out every page of `plan`.
pub(super) fn compose<'a>(
    c: &mut Composer<'a>,
    plan: &Plan,
    stories: &'a [SetStory],
    furniture: &[SetBlock],
    warnings: &mut Warnings,
) -> (Vec<Placement>, Vec<Fit>) {
    let flows: Vec<_> = stories.iter().map(|s| c.flow(s, false, warnings)).collect();
    // Where each story's body has got to.
    let mut at = vec![0usize; stories.len()];
    let mut placements: Vec<Placement> = stories
        .iter()
        .map(|s| Placement {
            id: s.id.clone(),
            words_in: s.words_in,
            words_placed: 0,
            pages: Vec::new(),
        })
        .collect();
    let mut fits = Vec::new();
    let spec = c.spec;
    let (masthead, running) = furniture.split_at(if spec.masthead.is_some() {
        4.min(furniture.len())
    } else {
        0
    });
    for (pi, page) in plan.pages.iter().enumerate() {
        c.pages.push(Page {
            width: spec.page_width,
            height: spec.page_height,
            items: Vec::new(),
        });
        if page.masthead {
            c.masthead(masthead);
        } else {
            c.running_head(running);
        }
        for (k, place) in page.places.iter().enumerate() {
            let found = stories.iter().enumerate().find_map(|(si, s)| {
                s.parts
                    .iter()
                    .position(|p| p.page == pi && p.place == k)
                    .map(|j| (si, j))
            });
            let Some((si, j)) = found else { continue };
            let story = &stories[si];
            let (slots, content) = &flows[si];
            let last_part = j + 1 == story.parts.len();
            let (next, words, under) = c.part(place, story, j, last_part, slots, content, at[si]);
            placements[si].words_placed += words;
            placements[si].pages.push(pi + 1);
            let over = if last_part {
                slots[next..].iter().filter(|s| s.on_grid).count()
            } else {
                0
            };
            fits.push(Fit {
                id: story.id.clone(),
                page: pi + 1,
                columns: (place.first + 1, place.last + 1),
                lines_over: over,
                lines_under: under,
            });
            at[si] = next;
        }
    }
    for s in stories.iter().filter(|s| s.parts.is_empty()) {
        warnings.push(
            Some(&s.id),
            "the page plan does not place this article; add a [[pages.place]] with its id",
        );
    }
    (placements, fits)
}

impl<'a> Composer<'a> {
    /// The masthead: the title, a rule, the particulars, a heavier rule.
    pub(super) fn masthead(&mut self, blocks: &[SetBlock]) {
        let spec = self.spec;
        let left = self.left();
        let width = spec.page_width - spec.margin_inside - spec.margin_outside;
        let mut y = spec.margin_top;
        if let Some(title) = blocks.first() {
            for line in &title.para.lines {
                let base = y + title.style.size * 0.78;
                self.line(&title.para, line, title.style.size, left, base);
                y += title.style.leading;
            }
        }
        y += spec.baseline * 0.4;
        self.rule((left, y), (left + width, y), 0.75);
        let base = y + spec.baseline * 0.95;
        for b in blocks.iter().skip(1) {
            if let Some(line) = b.para.lines.first() {
                self.line(&b.para, line, b.style.size, left, base);
            }
        }
        let y = y + spec.baseline * 1.4;
        self.rule((left, y), (left + width, y), 2.0);
    }

    /// A running head: the paper's name and date, over a rule.
    fn running_head(&mut self, blocks: &[SetBlock]) {
        let spec = self.spec;
        let left = self.left();
        let width = spec.page_width - spec.margin_inside - spec.margin_outside;
        let base = spec.margin_top + spec.baseline * 0.7;
        for b in blocks {
            if let Some(line) = b.para.lines.first() {
                self.line(&b.para, line, b.style.size, left, base);
            }
        }
        let y = spec.margin_top + spec.baseline;
        self.rule((left, y), (left + width, y), 0.5);
    }

    fn rule(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.emit(Item::Rule {
            from,
            to,
            width,
            gray: 0.0,
        });
    }

    /// Places part `j` of `story` in `place`, body from slot `from`; returns
    /// the slot reached, the words placed and the lines left empty.
    #[allow(clippy::too_many_arguments)]
    fn part(
        &mut self,
        place: &Place,
        story: &'a SetStory,
        j: usize,
        last_part: bool,
        slots: &[Slot],
        content: &[Content<'a>],
        from: usize,
    ) -> (usize, usize, usize) {
        let spec = self.spec;
        let col_w = spec.column_width();
        let step = col_w + spec.gutter;
        let x0 = self.left() + place.first as f32 * step;
        let span = place.columns() as f32 * step - spec.gutter;
        let inset = if place.frame.is_some() {
            FRAME_INSET
        } else {
            0.0
        };
        let bottom = place.bottom - inset;
        self.separators(place);
        if let Some(frame) = place.frame {
            self.frame(frame, x0, place.top, span, place.bottom - place.top);
        }
        let x = x0 + inset;
        let mut y = place.top + inset;
        let inner_cols = place.columns();
        let column =
            (span - 2.0 * inset - spec.gutter * (inner_cols as f32 - 1.0)) / inner_cols as f32;
        let mut tops = vec![0.0; inner_cols];
        let part = &story.parts[j];
        if j == 0 {
            for block in &story.head {
                y = self.block(block, x, y);
            }
            let head_bottom = y;
            let mut photo_bottom = y;
            if let Some(fig) = &story.figure {
                let fig_w = place.photo_columns as f32 * (column + spec.gutter) - spec.gutter;
                let mut fy = y;
                if let Some(index) = fig.image {
                    let img = &self.images[index];
                    let mut h = fig_w * img.height as f32 / img.width.max(1) as f32;
                    let max_h = place
                        .photo_height
                        .unwrap_or((place.bottom - place.top) * 0.55);
                    let mut w = fig_w;
                    if h > max_h {
                        w *= max_h / h;
                        h = max_h;
                    }
                    self.emit(Item::Image {
                        index,
                        x: x + (fig_w - w) / 2.0,
                        y: fy,
                        width: w,
                        height: h,
                    });
                    fy += h + 3.0;
                }
                for block in fig.credit.iter().chain(&fig.caption) {
                    fy = self.block(block, x, fy);
                }
                photo_bottom = fy + spec.baseline * 0.5;
            }
            for (c, t) in tops.iter_mut().enumerate() {
                let under_photo = story.figure.is_some() && c < place.photo_columns;
                *t = if under_photo {
                    photo_bottom
                } else {
                    head_bottom
                };
            }
        } else {
            if let Some(b) = &part.jump_from {
                y = self.block(b, x, y);
            }
            if let Some(b) = &part.jump_head {
                y = self.block(b, x, y);
            }
            tops.fill(y);
        }
        let grid = self.grid();
        let xs: Vec<f32> = (0..inner_cols)
            .map(|c| x + c as f32 * (column + spec.gutter))
            .collect();
        // Does the rest fit here? Then balance; else fill, leaving the last
        // column's foot for the jump line.
        let bottoms = vec![bottom; inner_cols];
        let (all, _) = fill_columns(slots, from, &tops, &bottoms, grid);
        let (next, cols) = if all >= slots.len() {
            balance(slots, from, &tops, bottom, grid)
        } else {
            let mut b = bottoms.clone();
            if !last_part {
                if let Some(l) = b.last_mut() {
                    *l -= spec.baseline;
                }
            }
            fill_columns(slots, from, &tops, &b, grid)
        };
        let mut words = 0;
        let mut i = from;
        let mut under = 0.0;
        for (c, col) in cols.iter().enumerate() {
            for &top in col {
                if let Content::Line(_, line) = &content[i] {
                    words += line.words;
                }
                self.content(&content[i], xs[c], top);
                i += 1;
            }
            let end = col.last().map_or(tops[c], |&t| t + spec.baseline);
            under += ((bottom - end) / spec.baseline).floor().max(0.0);
        }
        if next < slots.len() && !last_part {
            if let Some(b) = &part.jump_to {
                let y = grid.snap(bottom - spec.baseline);
                if let (Some(line), Some(&cx)) = (b.para.lines.first(), xs.last()) {
                    self.line(
                        &b.para,
                        line,
                        b.style.size,
                        cx,
                        y + super::baseline_offset(b.style.leading, b.style.size),
                    );
                }
            }
        }
        (next, words, under as usize)
    }

    /// Sets a block's lines from `y` at `x`; returns the y below it.
    fn block(&mut self, block: &SetBlock, x: f32, mut y: f32) -> f32 {
        y += block.style.space_before;
        for line in &block.para.lines {
            self.line(
                &block.para,
                line,
                block.style.size,
                x,
                y + super::baseline_offset(block.style.leading, block.style.size),
            );
            y += block.style.leading;
        }
        y + block.style.space_after
    }

    /// Rules that set a placement off from its neighbours: under it when
    /// something may follow below, beside it when it does not start at the
    /// first column.
    fn separators(&mut self, place: &Place) {
        let spec = self.spec;
        let step = spec.column_width() + spec.gutter;
        let x0 = self.left() + place.first as f32 * step;
        let x1 = x0 + place.columns() as f32 * step - spec.gutter;
        let foot = spec.page_height - spec.margin_bottom;
        if place.bottom < foot - spec.baseline {
            let y = place.bottom + spec.baseline / 2.0;
            self.rule((x0, y), (x1, y), 0.5);
        }
        if place.first > 0 {
            let x = x0 - spec.gutter / 2.0;
            self.rule((x, place.top), (x, place.bottom), 0.5);
        }
    }

    /// A box: a rule around the placement, or a light tint behind it.
    fn frame(&mut self, frame: Frame, x: f32, y: f32, w: f32, h: f32) {
        match frame {
            Frame::Rule => {
                let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                for p in pts.windows(2) {
                    self.rule(p[0], p[1], 1.0);
                }
            }
            Frame::Tint => self.emit(Item::Fill {
                x,
                y,
                width: w,
                height: h,
                gray: 0.88,
            }),
        }
    }
}

/// Stacks slots into columns with their own tops and bottoms.
fn fill_columns(
    slots: &[Slot],
    from: usize,
    tops: &[f32],
    bottoms: &[f32],
    grid: Grid,
) -> (usize, Vec<Vec<f32>>) {
    let mut i = from;
    let mut cols = Vec::with_capacity(tops.len());
    for (c, (&top, &bottom)) in tops.iter().zip(bottoms).enumerate() {
        let room = grid.snap(top) + grid.step <= bottom + 0.01;
        if i >= slots.len() || !room {
            cols.push(Vec::new());
            continue;
        }
        let (next, col) = fill(slots, i, top, bottom, grid);
        // A column with room for just one line that must not stand alone (a
        // paragraph's first line, a crosshead) stays empty if another follows.
        if col.len() == 1 && slots[i].keep_with_next && next < slots.len() && c + 1 < tops.len() {
            cols.push(Vec::new());
            continue;
        }
        i = next;
        cols.push(col);
    }
    (i, cols)
}

/// The shallowest common foot at which the rest of the story fits, on the grid.
fn balance(
    slots: &[Slot],
    from: usize,
    tops: &[f32],
    bottom: f32,
    grid: Grid,
) -> (usize, Vec<Vec<f32>>) {
    let lowest = tops.iter().copied().fold(f32::INFINITY, f32::min);
    let mut depth = grid.snap(lowest) + grid.step;
    while depth < bottom {
        let bottoms = vec![depth; tops.len()];
        let attempt = fill_columns(slots, from, tops, &bottoms, grid);
        if attempt.0 >= slots.len() {
            return attempt;
        }
        depth += grid.step;
    }
    fill_columns(slots, from, tops, &vec![bottom; tops.len()], grid)
}
