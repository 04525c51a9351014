//! Composition by page plan: each placement of the spec's `[[pages]]` gets
//! its story's head (first part) or jump headline (later parts), its photo
//! across the planned columns, and as much body as its columns hold; the
//! rest threads on to the story's next placement, with "continued" lines at
//! both ends. A story's last part ends in balanced columns. Body lines of
//! every column of a page share one baseline grid.

use super::columns::Slot;
use super::desk::Case;
use super::flow::Resume;
use super::pullquote_height;
use super::segments::{column_ends, cut_gap, segments, set_columns, Cut, Seg};
use super::sizing::PHOTO_SHARE;
use super::{Composer, Content, Fit, Placement, DASH, DASH_GAP};
use crate::diag::Warnings;
use crate::display::Item;
use crate::model::Furniture;
use crate::spec::plan::{Bleed, Crop, Frame, Place, Plan};
use crate::typeset::{SetBlock, SetStory};

/// Lays out every page of `plan`.
pub(super) fn compose<'a>(
    c: &mut Composer<'a>,
    plan: &Plan,
    stories: &'a [SetStory],
    furniture: &Furniture<SetBlock>,
    warnings: &mut Warnings,
) -> (Vec<Placement>, Vec<Fit>) {
    // Where each story's body has got to.
    let mut at = vec![Resume::default(); stories.len()];
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
    for (pi, page) in plan.pages.iter().enumerate() {
        c.start_page();
        if page.masthead {
            c.masthead(&furniture.masthead);
        } else if spec.running_head && !page.places.iter().any(|p| p.bleed.top) {
            // (A photo running off the top covers the running head's place.)
            c.running_head(&furniture.running);
        }
        let parts: Vec<Option<(usize, usize)>> = (0..page.places.len())
            .map(|k| {
                stories.iter().enumerate().find_map(|(si, s)| {
                    s.parts
                        .iter()
                        .position(|p| p.page == pi && p.place == k)
                        .map(|j| (si, j))
                })
            })
            .collect();
        let places = c.size_page(page, &parts, stories, &at);
        // Where each placement's text ends, for the rules beside it.
        let mut ends: Vec<Option<f32>> = vec![None; places.len()];
        for (k, (place, &found)) in places.iter().zip(&parts).enumerate() {
            let Some((si, j)) = found else { continue };
            let story = &stories[si];
            c.owner = Some(si);
            let filled = c.fill_place(place, story, j, at[si], warnings);
            c.owner = None;
            placements[si].words_placed += filled.words;
            placements[si].pages.push(pi + 1);
            // A continuation with nothing left to hold stays empty (no
            // "continued from" over nothing); the desk says what to change.
            let open_below = !places.iter().enumerate().any(|(o, p)| {
                o != k
                    && p.first <= place.last
                    && place.first <= p.last
                    && p.top >= place.bottom - 0.5
            });
            let case = Case {
                page: pi + 1,
                place,
                open_below,
                written: &page.places[k],
                story,
                part: j,
                at: at[si],
                filled: &filled,
                over_from: super::first_words(story, placements[si].words_placed, 6),
            };
            c.advise(&case, warnings);
            fits.push(Fit {
                id: story.id.clone(),
                page: pi + 1,
                columns: (place.first + 1, place.last + 1),
                lines_over: filled.over,
                lines_under: filled.under,
                spec: place.origin.place(),
            });
            at[si] = filled.resume;
            let goes_on = j + 1 < story.parts.len() && !filled.empty;
            ends[k] = Some(if goes_on { place.bottom } else { filled.end });
        }
        for (k, place) in places.iter().enumerate() {
            if let Some(end) = ends[k] {
                c.separators(k, place, &places, end, &ends);
            }
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

/// How far a part got in its placement.
pub(super) struct Reached {
    /// The slot reached.
    pub next: usize,
    /// Body words placed.
    pub words: usize,
    /// Lines left empty.
    pub under: usize,
    /// Where its head (or jump lines) and photo end, and where its content
    /// ends (from the page's top).
    pub head: f32,
    pub end: f32,
}

impl<'a> Composer<'a> {
    /// The masthead: the title, a rule, the particulars, a heavier rule.
    pub(super) fn masthead(&mut self, blocks: &[SetBlock]) {
        let spec = self.spec;
        let left = self.left();
        let width = spec.text_width();
        let mut y = spec.margin_top;
        if let Some(title) = blocks.first() {
            for line in &title.para.lines {
                let base = y + title.style.size * 0.78;
                self.line(title, line, left, base);
                y += title.style.leading;
            }
        }
        y += spec.baseline * 0.4;
        self.rule((left, y), (left + width, y), 0.75);
        let base = y + spec.baseline * 0.95;
        for b in blocks.iter().skip(1) {
            if let Some(line) = b.para.lines.first() {
                self.line(b, line, left, base);
            }
        }
        let y = y + spec.baseline * 1.4;
        self.rule((left, y), (left + width, y), 2.0);
    }

    /// A running head: the paper's name and date, over a rule.
    fn running_head(&mut self, blocks: &[SetBlock]) {
        let spec = self.spec;
        let left = self.left();
        let width = spec.text_width();
        let base = spec.margin_top + spec.baseline * 0.7;
        for b in blocks {
            if let Some(line) = b.para.lines.first() {
                self.line(b, line, left, base);
            }
        }
        let y = spec.margin_top + spec.baseline;
        self.rule((left, y), (left + width, y), 0.5);
    }

    /// Places part `j` of `story` in `place`: the slots of the rest of its
    /// body, from the first.
    pub(super) fn part(
        &mut self,
        place: &Place,
        story: &SetStory,
        j: usize,
        slots: &[Slot],
        content: &[Content<'_>],
        warnings: &mut Warnings,
    ) -> Reached {
        let spec = self.spec;
        let x0 = spec.place_left(self.pages.len() - 1, place.first, place.last);
        let span = spec.span_width(place.columns());
        let inset = place.inset();
        let bottom = place.bottom - inset;
        // The box goes in once the text is placed: it closes up under the
        // story's end, and a tint goes behind the text.
        let frame_at = self.pages.last().map_or(0, |p| p.items.len());
        let x = x0 + inset;
        let mut y = place.top + inset;
        let inner_cols = place.columns();
        let column = spec.place_column(place);
        let mut tops = vec![0.0; inner_cols];
        let mut deepest;
        let part = &story.parts[j];
        if j == 0 {
            // A photo that runs off the top goes above the head.
            let on_top =
                place.bleed.top && story.figure.as_ref().is_some_and(|f| f.image.is_some());
            if !on_top {
                for block in &story.head {
                    y = self.block(block, x, y);
                }
            }
            let mut head_bottom = y;
            let mut photo_bottom = y;
            if let Some(fig) = &story.figure {
                let fig_w = spec.span(place.photo_columns, column);
                // Over the story's first columns: the right-hand ones if it
                // is written right to left.
                let x = match story.rtl {
                    true => x + spec.span(inner_cols, column) - fig_w,
                    false => x,
                };
                let mut fy = y;
                let mut photo_w = fig_w;
                if let Some(index) = fig.image {
                    let img = &self.images[index];
                    let mut h = fig_w * img.height as f32 / img.width.max(1) as f32;
                    let max_h = place
                        .photo_height
                        .unwrap_or((place.bottom - place.top) * PHOTO_SHARE);
                    let mut w = fig_w;
                    // Deeper than it may be: cropped to that depth across
                    // its columns, or printed narrower.
                    let (mut top, mut clip) = (fy, None);
                    if let (true, Some(crop)) = (h > max_h, place.photo_crop) {
                        top -= match crop {
                            Crop::Top => 0.0,
                            Crop::Center => (h - max_h) / 2.0,
                            Crop::Bottom => h - max_h,
                        };
                        clip = Some([x, fy, fig_w, max_h]);
                    } else if h > max_h {
                        w *= max_h / h;
                        h = max_h;
                    }
                    photo_w = w;
                    let shown = [x + (fig_w - w) / 2.0, fy, w, h.min(max_h)];
                    let bled = self.bleed_photo(place, shown, (img.width, img.height));
                    let item = match bled {
                        Some((frame, box_)) => Item::Image {
                            index,
                            x: frame[0],
                            y: frame[1],
                            width: frame[2],
                            height: frame[3],
                            clip: Some(box_),
                            bleed: true,
                            tag: self.figure_tag(),
                        },
                        None => Item::Image {
                            index,
                            x: x + (fig_w - w) / 2.0,
                            y: top,
                            width: w,
                            height: h,
                            clip,
                            bleed: false,
                            tag: self.figure_tag(),
                        },
                    };
                    self.emit(item);
                    fy += h.min(max_h) + 3.0;
                }
                // The credit ends at the photo's end edge (its right, or its
                // left right to left); the photo is centred when it is
                // narrower than its columns.
                let narrower = fig.image.map_or(0.0, |_| fig_w - photo_w) / 2.0;
                if let Some(block) = &fig.credit {
                    let shift = if story.rtl { narrower } else { -narrower };
                    fy = self.block(block, x + shift, fy);
                }
                if let Some(block) = &fig.caption {
                    fy = self.block(block, x, fy);
                }
                photo_bottom = fy + spec.baseline * 0.5;
            }
            if on_top {
                // The head across the placement under the photo, and the
                // body under the head.
                y = photo_bottom;
                for block in &story.head {
                    y = self.block(block, x, y);
                }
                head_bottom = y;
                photo_bottom = y;
            }
            deepest = photo_bottom;
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
                // In the story's first column: the right-hand one if it is
                // written right to left.
                let first = match story.rtl {
                    true => x + spec.span(inner_cols, column) - column,
                    false => x,
                };
                y = self.block(b, first, y);
            }
            if let Some(b) = &part.jump_head {
                y = self.block(b, x, y);
            }
            tops.fill(y);
            deepest = y;
        }
        let head = deepest;
        let grid = self.grid();
        // A story written right to left starts in the right-hand column.
        let xs: Vec<f32> = (0..inner_cols)
            .map(|c| if story.rtl { inner_cols - 1 - c } else { c })
            .map(|c| x + c as f32 * (column + spec.gutter))
            .collect();
        let mut quote = part.pullquote.as_ref();
        let mut cut = quote.map(|(b, first, last)| Cut {
            first: *first,
            last: *last,
            height: pullquote_height(b),
        });
        // A pull quote needs room for itself and lines above and below it.
        if let Some(c) = &cut {
            if segments(&tops, bottom, cut.as_ref(), grid)
                .iter()
                .any(|s| s.col == c.first && s.top + spec.baseline > bottom)
            {
                warnings.push(
                    Some(&story.id),
                    format!(
                        "page {}, columns {}–{} ({}): no room for the pull quote with two lines \
                         above it and one below; it is left out: make the placement deeper, or \
                         place the quote in another",
                        self.pages.len(),
                        place.first + 1,
                        place.last + 1,
                        place.origin.place()
                    ),
                );
                (quote, cut) = (None, None);
            }
        }
        // Does the rest fit here? Then balance; else fill, leaving the last
        // column's foot for the jump line.
        let reserve = part.jump_to.as_ref().map_or(0.0, |_| spec.baseline);
        let ((next, filled), segs) =
            set_columns(slots, 0, &tops, cut.as_ref(), bottom, reserve, grid);
        let mut words = 0;
        let mut i = 0;
        let mut under = 0.0;
        for (k, (seg, col)) in segs.iter().zip(&filled).enumerate() {
            // A column's last stretch is measured to the placement's foot.
            let foot = if segs.get(k + 1).is_some_and(|n| n.col == seg.col) {
                seg.bottom
            } else {
                bottom
            };
            for &top in col {
                if let Content::Line(_, line) = &content[i] {
                    words += line.words;
                }
                self.content(&content[i], xs[seg.col], top);
                deepest = deepest.max(top + slots[i].height);
                i += 1;
            }
            let end = col.last().map_or(seg.top, |&t| t + spec.baseline);
            under += ((foot - end) / spec.baseline).floor().max(0.0);
        }
        self.column_rules(&xs, &tops, &segs, &filled);
        // The quote sits under the stretch above it in its first column.
        if let Some((block, first, last)) = quote {
            if let Some(above) = segs.iter().find(|s| s.col == *first) {
                let width = spec.span(last - first + 1, column);
                // From its leftmost column (its last, right to left).
                let left = xs[*first].min(xs[*last]);
                self.pullquote(block, left, above.bottom + cut_gap(grid), width);
            }
        }
        if next < slots.len() {
            if let Some(b) = &part.jump_to {
                // On the last grid line whose line box ends inside the placement.
                let y = grid.floor(bottom - spec.baseline);
                if let (Some(line), Some(&cx)) = (b.para.lines.first(), xs.last()) {
                    self.line(
                        b,
                        line,
                        cx,
                        y + super::baseline_offset(b.style.leading, b.style.size),
                    );
                }
            }
        }
        if let Some(frame) = place.frame {
            // A box closes up under its story's end, unless it stands on the
            // page's foot, which stays square.
            let page_foot = spec.page_height - spec.margin_bottom;
            let foot = if next >= slots.len() && place.bottom < page_foot - 0.5 {
                let ends = column_ends(&segs, &filled, inner_cols)
                    .into_iter()
                    .flatten()
                    .map(|y| y + spec.baseline)
                    .fold(place.top, f32::max);
                (ends + inset + spec.baseline * 0.3).min(place.bottom)
            } else {
                place.bottom
            };
            self.frame(
                place,
                frame,
                [x0, place.top, span, foot - place.top],
                frame_at,
            );
        }
        Reached {
            next,
            words,
            under: under as usize,
            head,
            end: deepest,
        }
    }

    /// Rules in the gutters between a placement's columns, if the spec asks
    /// for them: from under the head (or photo) to the deeper of the two
    /// columns' ends, broken where a pull quote crosses the gutter.
    pub(super) fn column_rules(
        &mut self,
        xs: &[f32],
        tops: &[f32],
        segs: &[Seg],
        filled: &[Vec<f32>],
    ) {
        let spec = self.spec;
        if spec.column_rule <= 0.0 {
            return;
        }
        let ends = column_ends(segs, filled, tops.len());
        // Where a cut interrupts a column: from its upper stretch's foot to
        // its lower stretch's top.
        let gap = |c: usize| {
            segs.windows(2)
                .find(|w| w[0].col == c && w[1].col == c)
                .map(|w| (w[0].bottom, w[1].top))
        };
        for c in 1..tops.len() {
            let (Some(a), Some(b)) = (ends[c - 1], ends[c]) else {
                continue;
            };
            // In the gutter between them, whichever side each is on.
            let x = xs[c].max(xs[c - 1]) - spec.gutter / 2.0;
            let top = tops[c - 1].min(tops[c]);
            let bottom = a.max(b) + spec.baseline;
            let mut pieces = vec![(top, bottom)];
            if let (Some(g), Some(_)) = (gap(c - 1), gap(c)) {
                pieces = vec![(top, g.0), (g.1, bottom)];
            }
            for (y0, y1) in pieces.into_iter().filter(|(y0, y1)| y1 > y0) {
                self.rule((x, y0), (x, y1), spec.column_rule);
            }
        }
    }

    /// Sets a block's lines from `y` at `x`; returns the y below it.
    pub(super) fn block(&mut self, block: &SetBlock, x: f32, mut y: f32) -> f32 {
        y += block.style.space_before;
        for line in &block.para.lines {
            self.line(
                block,
                line,
                x,
                y + super::baseline_offset(block.style.leading, block.style.size),
            );
            y += block.style.leading;
        }
        y + block.style.space_after
    }

    /// Rules that set a placement off from its neighbours: under it when
    /// something may follow below, beside it when it does not start at the
    /// first column. A box needs none (its frame does it), nor does the
    /// placement right above a box. The rule beside it stops where the
    /// deeper of its text (ending at `end`) and its neighbour's stops.
    fn separators(
        &mut self,
        k: usize,
        place: &Place,
        others: &[Place],
        end: f32,
        ends: &[Option<f32>],
    ) {
        let spec = self.spec;
        let x0 = spec.place_left(self.pages.len() - 1, place.first, place.last);
        let x1 = x0 + spec.span_width(place.columns());
        let foot = spec.page_height - spec.margin_bottom;
        let weight = spec.story_rule;
        if weight <= 0.0 || place.frame.is_some() {
            return;
        }
        let box_below = others.iter().any(|o| {
            o.frame.is_some()
                && o.first <= place.last
                && place.first <= o.last
                && (o.top - place.bottom - spec.baseline).abs() < 0.5
        });
        if place.bottom < foot - spec.baseline && !box_below {
            let y = place.bottom + spec.baseline / 2.0;
            self.rule((x0, y), (x1, y), weight);
        }
        if place.first > 0 {
            // In the gutter before its first column: on its right on a
            // paper read from the right.
            let x = match spec.rtl {
                true => x1 + spec.gutter / 2.0,
                false => x0 - spec.gutter / 2.0,
            };
            let beside = others
                .iter()
                .zip(ends)
                .enumerate()
                .filter(|&(o, (other, _))| {
                    o != k
                        && other.last + 1 == place.first
                        && other.top < place.bottom
                        && place.top < other.bottom
                })
                .filter_map(|(_, (_, e))| *e)
                .fold(end, f32::max);
            let foot = (beside + spec.baseline * 0.3).min(place.bottom);
            self.rule((x, place.top), (x, foot), weight);
        }
    }

    /// The box `[x, y, w, h]` run off the page, past the trim to the bleed,
    /// on the `bleed` sides.
    fn bled(&self, bleed: Bleed, [x, y, w, h]: [f32; 4]) -> [f32; 4] {
        let (pw, ph, b) = (self.spec.page_width, self.spec.page_height, self.spec.bleed);
        let (mut x0, mut y0, mut x1, mut y1) = (x, y, x + w, y + h);
        if bleed.left {
            x0 = -b;
        }
        if bleed.right {
            x1 = pw + b;
        }
        if bleed.top {
            y0 = -b;
        }
        if bleed.bottom {
            y1 = ph + b;
        }
        [x0, y0, x1 - x0, y1 - y0]
    }

    /// A photo shown in `shown` (x, y, w, h) and running off the page on
    /// the placement's bleed sides it reaches: the frame the whole image is
    /// drawn in (scaled to cover the bled box, centred) and the bled box it
    /// is clipped to. `None` if it reaches no side that bleeds.
    fn bleed_photo(
        &self,
        place: &Place,
        shown: [f32; 4],
        (px_w, px_h): (u32, u32),
    ) -> Option<([f32; 4], [f32; 4])> {
        let spec = self.spec;
        let page = self.pages.len().max(1) - 1;
        let left_edge = spec.column_left(page, 0);
        let right_edge = spec.column_left(page, spec.columns - 1) + spec.column_width();
        let [x, _, w, _] = shown;
        let sides = Bleed {
            top: place.bleed.top,
            bottom: false,
            left: place.bleed.left && (x - left_edge).abs() < 0.5,
            right: place.bleed.right && (x + w - right_edge).abs() < 0.5,
        };
        if !sides.any() {
            return None;
        }
        let box_ = self.bled(sides, shown);
        let ratio = px_h as f32 / px_w.max(1) as f32;
        let (mut fw, mut fh) = (box_[2], box_[2] * ratio);
        if fh < box_[3] {
            (fw, fh) = (box_[3] / ratio, box_[3]);
        }
        let frame = [
            box_[0] + (box_[2] - fw) / 2.0,
            box_[1] + (box_[3] - fh) / 2.0,
            fw,
            fh,
        ];
        Some((frame, box_))
    }

    /// A box: a rule around the placement, or a light tint behind it.
    /// A tint is put at item `at` of the page, behind what came after.
    fn frame(&mut self, place: &Place, frame: Frame, [x, y, w, h]: [f32; 4], at: usize) {
        match frame {
            Frame::Rule => {
                let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                for p in pts.windows(2) {
                    self.rule(p[0], p[1], 1.0);
                }
            }
            Frame::Cut => {
                // Scissors on the top line, near its left end, in a gap of
                // the dashes.
                let scissors = self.scissors.and_then(|b| Some((b, b.para.lines.first()?)));
                let gap = scissors.map(|(b, line)| {
                    let start = 2.0 * DASH + DASH_GAP;
                    (start, start + line.end + b.style.size * 0.3)
                });
                self.dashed((x, y), (x + w, y), gap);
                self.dashed((x + w, y), (x + w, y + h), None);
                self.dashed((x + w, y + h), (x, y + h), None);
                self.dashed((x, y + h), (x, y), None);
                if let (Some((b, line)), Some((g0, _))) = (scissors, gap) {
                    let size = b.style.size;
                    self.line(b, line, x + g0 + size * 0.15, y + size * 0.32);
                }
            }
            Frame::Tint => {
                let [x, y, w, h] = self.bled(place.bleed, [x, y, w, h]);
                if let Some(page) = self.pages.last_mut() {
                    let fill = Item::Fill {
                        x,
                        y,
                        width: w,
                        height: h,
                        bleed: place.bleed.any(),
                        paint: place.tint.unwrap_or(self.spec.colours.tint),
                        label: place.article.clone(),
                    };
                    page.items.insert(at.min(page.items.len()), fill);
                }
            }
        }
    }
}
