//! Composition: set stories into pages. With a page plan, `planned` puts each
//! story where the plan says. Without one, stories flow one after another: each
//! story's head (kicker, headline, deck) spans the page's columns; its photo,
//! byline and body flow beneath in balanced columns on the baseline grid,
//! continuing on new pages as needed. Output is the display list, each page
//! handed on (to a sink, if given) once the next is started; text that finds
//! no room is counted as overset.

mod bounds;
mod columns;
mod desk;
mod flow;
mod planned;
mod segments;
mod sizing;

pub use desk::SLACK_LINES;

use crate::assets::images::Image;
use crate::colour::Paint;
use crate::diag::Warnings;
use crate::display::{Glyph, Item, Page, TextRun};
use crate::linebreak::Line;
use crate::spec::Spec;
use crate::typeset::{Digits, Rest, SetBlock, SetFigure, SetStory, Typeset};
use columns::Grid;
use segments::Seg;

/// Where each story ended up.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub id: String,
    pub words_in: usize,
    pub words_placed: usize,
    /// 1-based page numbers the story appears on.
    pub pages: Vec<usize>,
}

/// How one placement of the page plan was filled: lines of the story left
/// over at its end (overset) or lines of the placement left empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub id: String,
    pub page: usize,
    /// First and last column, from 1.
    pub columns: (usize, usize),
    pub lines_over: usize,
    pub lines_under: usize,
    /// Where the placement is written in the spec (`file:line`).
    pub spec: String,
}

/// The pages, the placement of every story and, with a page plan, how each
/// placement was filled.
#[derive(Debug, Clone, Default)]
pub struct Composition {
    pub pages: Vec<Page>,
    pub placements: Vec<Placement>,
    pub fits: Vec<Fit>,
}

/// A cut line's dashes and the white between them, in points.
const DASH: f32 = 4.0;
const DASH_GAP: f32 = 3.0;

/// What one slot of a column holds.
enum Content<'a> {
    Line(&'a SetBlock, &'a Line),
    Figure(&'a SetFigure, f32, f32),
    /// A short rule centred in a column this wide.
    Rule(f32),
    /// A pull quote across a column this wide.
    PullQuote(&'a SetBlock, f32),
}

struct Composer<'a> {
    spec: &'a Spec,
    images: &'a [Image],
    pages: Vec<Page>,
    /// Where free space starts on the last page.
    cursor: f32,
    /// The story being set, by index (none: page furniture).
    owner: Option<usize>,
    /// Lines that fell outside their area and were left out.
    lost: Vec<bounds::Lost>,
    /// The scissors set on a cut-out box's line.
    scissors: Option<&'a SetBlock>,
    /// The first word left over of each deferred story that ran out of
    /// pages (its body is no longer held to find it in).
    overset: Vec<(usize, String)>,
    /// What every page gets once its text is in: folios (if they fit), the
    /// slug and the plates' names.
    furniture: Finish<'a>,
    /// Pages finished so far: from `pages`, only their sizes are left
    /// where they were handed to `sink`.
    sealed: usize,
    /// Where finished pages go as soon as they are (a long document is
    /// written while the rest is composed); none: all stay in `pages`.
    sink: Option<Box<dyn FnMut(Page) + 'a>>,
}

/// The furniture of a finished page.
#[derive(Clone, Copy)]
struct Finish<'a> {
    digits: &'a Digits,
    folios: bool,
    slug: &'a [SetBlock],
    plates: &'a [SetBlock],
}

/// Composes all stories into pages: by the spec's page plan if it has one,
/// else one story after another. With a `sink`, each page is handed to it
/// as soon as it is finished, and the composition's pages keep only their
/// sizes.
pub fn compose<'a>(
    spec: &'a Spec,
    set: &'a Typeset,
    images: &'a [Image],
    warnings: &mut Warnings,
    sink: Option<Box<dyn FnMut(Page) + 'a>>,
    rest: &mut Rest,
) -> Composition {
    let stories = &set.stories;
    let digits = &set.digits;
    let folios = spec.folios && folios_fit(spec, digits, warnings);
    let plates = match set.furniture.plates.is_empty() || plates_fit(spec, digits, warnings) {
        true => &set.furniture.plates[..],
        false => &[],
    };
    let mut c = Composer {
        spec,
        images,
        pages: Vec::new(),
        cursor: spec.margin_top,
        owner: None,
        lost: Vec::new(),
        scissors: set.furniture.scissors.first(),
        overset: Vec::new(),
        furniture: Finish {
            digits,
            folios,
            slug: &set.furniture.slug,
            plates,
        },
        sealed: 0,
        sink,
    };
    if let Some(plan) = &spec.plan {
        let (mut placements, fits) =
            planned::compose(&mut c, plan, stories, &set.furniture, warnings);
        c.left_out(&mut placements, warnings);
        // A placement that oversets has said so, with what to do.
        for (story, placement) in stories.iter().zip(&placements) {
            if !fits.iter().any(|f| f.id == story.id && f.lines_over > 0) {
                report_overset(story, placement, None, warnings);
            }
        }
        c.seal(c.pages.len());
        return Composition {
            pages: c.pages,
            placements,
            fits,
        };
    }
    c.new_page();
    if spec.masthead.is_some() {
        c.masthead(&set.furniture.masthead);
        c.cursor = spec.margin_top + spec.masthead_height();
    }
    let mut placements = Vec::new();
    let mut full = false;
    for (i, story) in stories.iter().enumerate() {
        if i > 0 && !full {
            if !story.new_page {
                c.separate();
            } else if c.cursor > spec.margin_top + 0.5 {
                full = !c.new_page();
            }
        }
        let placement = if full {
            Placement {
                id: story.id.clone(),
                words_in: story.words_in,
                words_placed: 0,
                pages: Vec::new(),
            }
        } else {
            c.owner = Some(i);
            let (p, ran_out) = c.story(story, i, rest, warnings);
            c.owner = None;
            full = ran_out;
            p
        };
        placements.push(placement);
    }
    c.left_out(&mut placements, warnings);
    for (i, (story, placement)) in stories.iter().zip(&placements).enumerate() {
        let word = c.overset.iter().find(|o| o.0 == i).map(|o| o.1.clone());
        report_overset(story, placement, word, warnings);
    }
    c.seal(c.pages.len());
    Composition {
        pages: c.pages,
        placements,
        fits: Vec::new(),
    }
}

/// Warns of a story's words that found no room (the first, if the story
/// knows it no more, as `word`).
fn report_overset(
    story: &SetStory,
    placement: &Placement,
    word: Option<String>,
    warnings: &mut Warnings,
) {
    if placement.words_placed < placement.words_in {
        let left = placement.words_in - placement.words_placed;
        let first = word.unwrap_or_else(|| first_overset_word(story, placement.words_placed));
        warnings.push(
            Some(&story.id),
            format!(
                "{left} of {} words did not fit (overset), starting at “{first}”",
                placement.words_in
            ),
        );
    }
}

impl<'a> Composer<'a> {
    /// Where the current owner's text may go on page `index` (from 0).
    fn area(&self, index: usize) -> bounds::Area {
        let spec = self.spec;
        if self.owner.is_none() {
            return bounds::Area {
                left: 0.0,
                top: 0.0,
                right: spec.page_width,
                bottom: spec.page_height,
            };
        }
        let left = spec.content_left(index);
        bounds::Area {
            left,
            top: spec.margin_top,
            right: left + spec.text_width(),
            bottom: self.bottom(),
        }
    }

    fn bottom(&self) -> f32 {
        self.spec.page_height - self.spec.margin_bottom
    }

    fn left(&self) -> f32 {
        self.spec.content_left(self.pages.len().saturating_sub(1))
    }

    fn grid(&self) -> Grid {
        Grid {
            origin: self.spec.margin_top,
            step: self.spec.baseline,
        }
    }

    /// Starts a page, unless the spec's page limit is reached.
    fn new_page(&mut self) -> bool {
        if self.spec.max_pages.is_some_and(|m| self.pages.len() >= m) {
            return false;
        }
        self.start_page();
        self.cursor = self.spec.margin_top;
        true
    }

    /// Adds a page; the pages before it are finished.
    fn start_page(&mut self) {
        self.seal(self.pages.len());
        self.pages.push(Page {
            width: self.spec.page_width,
            height: self.spec.page_height,
            items: Vec::new(),
        });
    }

    /// Finishes the pages before `end` not yet finished: gives each its
    /// furniture and hands it on, if there is somewhere to hand it.
    fn seal(&mut self, end: usize) {
        while self.sealed < end {
            let i = self.sealed;
            self.finish_page(i);
            if let Some(sink) = self.sink.as_mut() {
                let page = &mut self.pages[i];
                let items = std::mem::take(&mut page.items);
                sink(Page {
                    width: page.width,
                    height: page.height,
                    items,
                });
            }
            self.sealed += 1;
        }
    }

    fn emit(&mut self, item: Item) {
        if let Some(p) = self.pages.last_mut() {
            p.items.push(item);
        }
    }

    /// A rule `width` thick in the rules' colour.
    fn rule(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.rule_in(self.spec.colours.rules, from, to, width);
    }

    /// A rule `width` thick in `paint`; a rule that would leave the page
    /// (over text that was itself left out) is not drawn.
    fn rule_in(&mut self, paint: Paint, from: (f32, f32), to: (f32, f32), width: f32) {
        let on = |(x, y): (f32, f32)| {
            (0.0..=self.spec.page_width).contains(&x) && (0.0..=self.spec.page_height).contains(&y)
        };
        if !(on(from) && on(to)) {
            return;
        }
        self.emit(Item::Rule {
            from,
            to,
            width,
            paint,
        });
    }

    /// What `block` is in the story being set, for a tagged PDF; none for
    /// page furniture and for text that repeats the story's (jump lines,
    /// the headline over a continuation, pull quotes).
    fn tag(&self, block: &SetBlock) -> Option<crate::display::Tag> {
        use crate::display::TagKind;
        use crate::model::Role;
        let kind = match block.role {
            Role::Headline => TagKind::Heading,
            Role::Crosshead => TagKind::Subheading,
            Role::Caption => TagKind::Caption,
            Role::Kicker | Role::Deck | Role::Byline | Role::Credit => TagKind::Paragraph,
            Role::Body => TagKind::Paragraph,
            Role::Rule | Role::Jump | Role::JumpHead | Role::PullQuote => return None,
        };
        Some(crate::display::Tag {
            story: u32::try_from(self.owner?).ok()?,
            kind,
            block: block.index,
        })
    }

    /// The tag of the photo of the story being set.
    fn figure_tag(&self) -> Option<crate::display::Tag> {
        Some(crate::display::Tag {
            story: u32::try_from(self.owner?).ok()?,
            kind: crate::display::TagKind::Figure,
            block: u32::MAX,
        })
    }

    /// A dashed rule from `from` to `to` (horizontal or vertical), leaving
    /// out what falls inside `gap` (a span along the line).
    fn dashed(&mut self, from: (f32, f32), to: (f32, f32), gap: Option<(f32, f32)>) {
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let length = dx.hypot(dy);
        if length <= 0.0 {
            return;
        }
        // Whole dashes, spread so that the line starts and ends on one.
        let n = ((length + DASH_GAP) / (DASH + DASH_GAP)).floor().max(1.0);
        let step = if n > 1.0 {
            (length - DASH) / (n - 1.0)
        } else {
            0.0
        };
        for i in 0..n as usize {
            let a = i as f32 * step;
            let b = (a + DASH).min(length);
            if gap.is_some_and(|(g0, g1)| b > g0 && a < g1) {
                continue;
            }
            let at = |t: f32| (from.0 + dx * t / length, from.1 + dy * t / length);
            self.rule(at(a), at(b), 0.75);
        }
    }

    /// Places story `index`; returns its placement and whether the pages
    /// ran out. A deferred body is set a chunk at a time from `rest` as the
    /// pages fill, and let go of once placed.
    fn story(
        &mut self,
        story: &'a SetStory,
        index: usize,
        rest: &mut Rest,
        warnings: &mut Warnings,
    ) -> (Placement, bool) {
        let mut placement = Placement {
            id: story.id.clone(),
            words_in: story.words_in,
            words_placed: 0,
            pages: Vec::new(),
        };
        let head_h: f32 = story.head.iter().map(block_height).sum();
        // A deferred body's blocks from the first not yet placed (`base` in
        // the body), `skip` of its lines placed; enough always held that a
        // page is decided as it would be with the whole body.
        let mut held: Vec<SetBlock> = Vec::new();
        let (mut base, mut skip) = (0, 0);
        let ahead = self.lines_ahead();
        if story.deferred {
            fetch(&mut held, 0, 2 * ahead, index, rest, warnings);
        }
        // The photo, credit and caption go whole at the top of the first
        // column. Near a page's foot, a photo too deep to fit under the head
        // prints smaller (down to 60 %) rather than leave the foot empty.
        // (Warnings are kept from the flow that is used.)
        let photo_max = (self.bottom() - self.spec.margin_top) * 0.5;
        let column = self.spec.column_width();
        let mut first = true;
        let mut y = self.cursor;
        let mut said = std::collections::HashSet::new();
        loop {
            let pieces = match story.deferred {
                true => flow::held(&held, base, skip),
                false => flow::whole(story),
            };
            let mut notes = Warnings::default();
            let photo = first.then_some(photo_max);
            let flow::Flow {
                mut slots,
                mut content,
                mut blocks,
            } = self.flow(story, &pieces, column, photo, &mut notes);
            if first {
                if let (Some(Content::Figure(_, _, h)), Some(fig)) =
                    (content.first(), slots.first())
                {
                    let room = self.bottom() - self.cursor - head_h;
                    let fits = room - (fig.height - h) - self.spec.baseline;
                    if self.cursor > self.spec.margin_top && fig.height > room && fits >= 0.6 * h {
                        notes = Warnings::default();
                        let f = self.flow(story, &pieces, column, Some(fits), &mut notes);
                        (slots, content, blocks) = (f.slots, f.content, f.blocks);
                    }
                }
                let figure_h = match content.first() {
                    Some(Content::Figure(..)) => slots[0].height,
                    _ => 0.0,
                };
                // Start on this page only with room for the head, the figure
                // and a real start of the body: the whole body, or a few
                // lines in every column.
                let body_h = columns::stacked_height(&slots);
                let need = head_h
                    + (body_h / self.spec.columns as f32)
                        .min(MIN_START_LINES * self.spec.baseline)
                        .max(figure_h);
                if self.cursor > self.spec.margin_top
                    && self.cursor + need > self.bottom()
                    && !self.new_page()
                {
                    return (placement, true);
                }
                y = self.cursor;
                for block in &story.head {
                    y = self.block(block, self.left(), y);
                }
            }
            // (A block held again says what it says once.)
            for w in notes.0 {
                if said.insert(w.message.clone()) {
                    warnings.push(w.article.as_deref(), w.message);
                }
            }
            let mut at = 0;
            loop {
                // Near the end of what is held, more of the body first.
                if story.deferred && rest.pending(index) && slots.len() - at < ahead {
                    break;
                }
                placement.pages.push(self.pages.len());
                let tops = vec![y; self.spec.columns];
                let ((next, cols), _) =
                    segments::set_columns(&slots, at, &tops, None, self.bottom(), 0.0, self.grid());
                let mut deepest = y;
                let mut i = at;
                let n = cols.len();
                let page = self.pages.len() - 1;
                // A story written right to left starts in the right-hand column.
                let col = |c: usize| if story.rtl { n - 1 - c } else { c };
                let xs: Vec<f32> = (0..n)
                    .map(|c| self.spec.column_left(page, col(c)))
                    .collect();
                let segs: Vec<Seg> = (0..n)
                    .map(|col| Seg {
                        col,
                        top: y,
                        bottom: self.bottom(),
                    })
                    .collect();
                self.column_rules(&xs, &vec![y; n], &segs, &cols);
                for (c, tops) in cols.iter().enumerate() {
                    let x = self.spec.column_left(self.pages.len() - 1, col(c));
                    for &top in tops {
                        if let Content::Line(_, line) = &content[i] {
                            placement.words_placed += line.words;
                        }
                        self.content(&content[i], x, top);
                        deepest = deepest.max(top + slots[i].height);
                        i += 1;
                    }
                }
                at = next;
                if at >= slots.len() {
                    self.cursor = deepest;
                    return (placement, false);
                }
                if !self.new_page() {
                    if story.deferred {
                        self.overset.push((index, content_words(&content[at])));
                    }
                    return (placement, true);
                }
                y = self.cursor;
            }
            // Let go of what is placed; hold more.
            let line = match &content[at] {
                Content::Line(block, line) => block
                    .para
                    .lines
                    .iter()
                    .position(|l| std::ptr::eq(l, *line))
                    .unwrap_or(0),
                _ => 0,
            };
            let done = (blocks[at] - base).min(held.len());
            held.drain(..done);
            base += done;
            skip = line;
            let have = held
                .iter()
                .map(|b| b.para.lines.len())
                .sum::<usize>()
                .saturating_sub(skip);
            fetch(&mut held, have, 2 * ahead, index, rest, warnings);
            first = false;
        }
    }

    /// How many lines of a story to hold beyond those placed: more than
    /// two pages take at the closest leading.
    fn lines_ahead(&self) -> usize {
        let depth = self.bottom() - self.spec.margin_top;
        let per_column = (depth / (0.5 * self.spec.baseline.max(1.0))).ceil() as usize;
        2 * per_column * self.spec.columns + 32
    }

    /// A rule and some air between stories.
    fn separate(&mut self) {
        let gap = self.spec.baseline;
        let y = self.cursor + gap;
        if y + 4.0 * gap < self.bottom() {
            let left = self.left();
            let right = self.spec.text_width() + left;
            if self.spec.story_rule > 0.0 {
                self.rule((left, y), (right, y), self.spec.story_rule);
            }
            self.cursor = y + gap;
        } else {
            self.cursor = self.bottom();
        }
    }

    /// The printed size of a photo at column width, at most `max_h` deep
    /// (the preflight says if that leaves too few pixels per inch).
    fn photo_size(&self, img: &Image, max_h: f32) -> (f32, f32) {
        let mut w = self.spec.column_width();
        let mut h = w * img.height as f32 / img.width.max(1) as f32;
        if h > max_h {
            w *= max_h / h;
            h = max_h;
        }
        (w, h)
    }

    fn content(&mut self, c: &Content<'_>, x: f32, top: f32) {
        match c {
            Content::Line(block, line) => {
                self.line(
                    block,
                    line,
                    x,
                    top + baseline_offset(block.style.leading, block.style.size),
                );
            }
            Content::Rule(w) => {
                let w = *w;
                let y = top + self.spec.baseline / 2.0;
                self.rule((x + w * 0.4, y), (x + w * 0.6, y), 0.5);
            }
            Content::PullQuote(block, width) => {
                self.pullquote(block, x, top, *width);
            }
            Content::Figure(fig, w, h) => {
                let mut y = top;
                if let Some(index) = fig.image {
                    let x0 = x + (self.spec.column_width() - w) / 2.0;
                    self.emit(Item::Image {
                        index,
                        x: x0,
                        y: top,
                        width: *w,
                        height: *h,
                        clip: None,
                        bleed: false,
                        tag: self.figure_tag(),
                    });
                    y += h + 3.0;
                }
                for block in fig.credit.iter().chain(&fig.caption) {
                    for line in &block.para.lines {
                        self.line(
                            block,
                            line,
                            x,
                            y + baseline_offset(block.style.leading, block.style.size),
                        );
                        y += block.style.leading;
                    }
                    y += block.style.space_after;
                }
            }
        }
    }

    /// A pull quote: a heavy rule, the quote, a light rule, `width` wide.
    fn pullquote(&mut self, block: &SetBlock, x: f32, top: f32, width: f32) {
        let [over, under] = PULLQUOTE_RULES;
        let paint = self.spec.colours.pullquote;
        let y = top + over / 2.0;
        self.rule_in(paint, (x, y), (x + width, y), over);
        let y = self.block(block, x, top + over) + under / 2.0;
        self.rule_in(paint, (x, y), (x + width, y), under);
    }

    /// Emits a line of `block`'s glyphs as runs, one per font, if it lies
    /// inside its area (a story's: the text area; furniture's: the page);
    /// otherwise records it as left out.
    fn line(&mut self, block: &SetBlock, line: &Line, x: f32, baseline: f32) {
        let (para, size) = (&block.para, block.style.size);
        if line.glyphs.is_empty() {
            return;
        }
        let page = self.pages.len().max(1);
        if !bounds::inside(self.area(page - 1), line, size, x, baseline) {
            bounds::record(&mut self.lost, self.owner, page, block.role, para, line);
            return;
        }
        let tag = self.tag(block);
        for r in runs(block, line, x, baseline) {
            self.emit(Item::Text(TextRun { tag, ..r }));
        }
        // Where a link's words fall on this line.
        for (range, url) in &block.links {
            let on = |g: &crate::linebreak::PlacedGlyph| {
                g.literal.is_none() && g.text.start < range.end && g.text.end > range.start
            };
            let (Some(first), Some(last)) = (
                line.glyphs.iter().position(on),
                line.glyphs.iter().rposition(on),
            ) else {
                continue;
            };
            let x0 = line.glyphs[first].x;
            let x1 = line.glyphs.get(last + 1).map_or(line.end, |g| g.x);
            self.emit(Item::Link {
                x: x + x0,
                y: baseline - size * 0.8,
                width: (x1 - x0).max(0.0),
                height: size * 1.05,
                url: url.clone(),
                tag,
            });
        }
        if block.write_in
            && block
                .para
                .lines
                .last()
                .is_some_and(|l| std::ptr::eq(l, line))
        {
            let start = if line.glyphs.is_empty() {
                0.0
            } else {
                line.end + size * 0.3
            };
            let end = block.para.measure;
            if end - start > size {
                let y = baseline + size * 0.12;
                self.rule((x + start, y), (x + end, y), 0.5);
            }
        }
    }

    /// Page `i`'s (from 0) folio, slug line under the page, outside the
    /// trim between the crop marks (the title and date, then the page
    /// number) and, at its foot in the bottom margin, each plate's name and
    /// the page number, each in its own ink: on a plate only its own shows
    /// (the others knock out to paper).
    fn finish_page(&mut self, i: usize) {
        let spec = self.spec;
        let Finish {
            digits,
            folios,
            slug,
            plates,
        } = self.furniture;
        let page = &mut self.pages[i];
        if folios {
            folio(spec, page, i, digits);
        }
        if let Some(block) = slug.first() {
            let y = spec.page_height + spec.bleed.max(3.0 * 72.0 / 25.4) + 10.0;
            slug_line(page, block, (12.0, y), i + 1, digits);
        }
        let y = foot_baseline(spec, digits);
        let mut x = spec.content_left(i);
        for block in plates {
            x = slug_line(page, block, (x, y), i + 1, digits) + crate::model::SLUG_SIZE * 2.0;
        }
    }

    /// Takes the words of lines left out off their stories' placed words,
    /// and says what was left out.
    fn left_out(&mut self, placements: &mut [Placement], warnings: &mut Warnings) {
        for l in &self.lost {
            if let Some(p) = l.story.and_then(|s| placements.get_mut(s)) {
                p.words_placed = p.words_placed.saturating_sub(l.words);
            }
        }
        let ids: Vec<&str> = placements.iter().map(|p| p.id.as_str()).collect();
        bounds::warn(&self.lost, &ids, warnings);
    }
}

/// The baseline of the page numbers and plate names: the middle of the foot
/// margin.
fn foot_baseline(spec: &Spec, digits: &Digits) -> f32 {
    spec.page_height - spec.margin_bottom / 2.0 + digits.size / 3.0
}

/// Whether type of `size` on the foot margin's baseline fits in the foot
/// margin (so on the page, and clear of the text).
fn fits_foot(spec: &Spec, digits: &Digits, size: f32) -> bool {
    let y = foot_baseline(spec, digits);
    y - size * 0.8 >= spec.page_height - spec.margin_bottom && y + size * 0.25 <= spec.page_height
}

/// Whether the plates' names fit in the foot margin; if not, says so.
fn plates_fit(spec: &Spec, digits: &Digits, warnings: &mut Warnings) -> bool {
    let size = crate::model::SLUG_SIZE;
    let fit = fits_foot(spec, digits, size);
    if !fit {
        // (The least margin that holds them, from `fits_foot`'s two sides.)
        let least =
            (1.6 * size - digits.size * 2.0 / 3.0).max(digits.size * 2.0 / 3.0 + size / 2.0);
        warnings.push(
            None,
            format!(
                "the plates' names do not fit in the {:.0}pt foot margin and are left out: set [margins] bottom to {:.0}pt or more",
                spec.margin_bottom,
                least.ceil()
            ),
        );
    }
    fit
}

/// Whether page numbers fit in the foot margin; if not, says so.
fn folios_fit(spec: &Spec, digits: &Digits, warnings: &mut Warnings) -> bool {
    // The figures sit in the foot margin: they must fit on the page.
    let fit = fits_foot(spec, digits, digits.size);
    if !fit {
        warnings.push(
            None,
            format!(
                "page numbers at {:.0}pt do not fit in the {:.0}pt foot margin and are left out: set [styles.folio] size smaller or [margins] bottom larger",
                digits.size, spec.margin_bottom
            ),
        );
    }
    fit
}

/// Page `i`'s (from 0) number, centred in the foot margin.
fn folio(spec: &Spec, page: &mut Page, i: usize, digits: &Digits) {
    let y = foot_baseline(spec, digits);
    let n = (i + 1).to_string();
    let mut x = 0.0;
    let mut glyphs = Vec::new();
    for (k, d) in n.bytes().enumerate() {
        let (gid, adv) = digits.glyphs[usize::from(d - b'0')];
        glyphs.push(Glyph {
            gid,
            x,
            rise: 0.0,
            text: k as u32..k as u32 + 1,
        });
        x += adv;
    }
    let left = spec.content_left(i);
    let width = spec.text_width();
    page.items.push(Item::Text(TextRun {
        font: digits.face,
        size: digits.size,
        x: left + (width - x) / 2.0,
        y,
        scale: 1.0,
        paint: spec.styles.folio.paint,
        glyphs,
        text: n,
        tag: None,
    }));
}

/// A one-line `block` (a slug) at `(x, y)` on `page` followed by the page
/// number `n`, both at the slug size and in the block's paint; returns
/// where it ends.
fn slug_line(
    page: &mut Page,
    block: &SetBlock,
    (x, y): (f32, f32),
    n: usize,
    digits: &Digits,
) -> f32 {
    let Some(line) = block.para.lines.first() else {
        return x;
    };
    let mut text = runs(block, line, x, y);
    let n = n.to_string();
    let scale = crate::model::SLUG_SIZE / digits.size;
    let mut at = x + line.end + crate::model::SLUG_SIZE * 0.4;
    let mut glyphs = Vec::new();
    for (k, d) in n.bytes().enumerate() {
        let (gid, adv) = digits.glyphs[usize::from(d - b'0')];
        glyphs.push(Glyph {
            gid,
            x: at - x,
            rise: 0.0,
            text: k as u32..k as u32 + 1,
        });
        at += adv * scale;
    }
    text.push(TextRun {
        font: digits.face,
        size: crate::model::SLUG_SIZE,
        x,
        y,
        scale: 1.0,
        paint: block.style.paint,
        glyphs,
        text: n,
        tag: None,
    });
    page.items.extend(text.into_iter().map(Item::Text));
    at
}

/// A line of `block`'s glyphs as text runs, one per font, its baseline's
/// left end at `(x, baseline)`.
fn runs(block: &SetBlock, line: &Line, x: f32, baseline: f32) -> Vec<TextRun> {
    let (para, size) = (&block.para, block.style.size);
    let mut buf = [0; 4];
    let text_of = |g: &crate::linebreak::PlacedGlyph, buf: &mut [u8; 4]| -> usize {
        match g.literal {
            Some(c) => c.encode_utf8(buf).len(),
            None => g.range().len(),
        }
    };
    // One run a stretch of glyphs of one face, each allocated at its size
    // (the display list of a long document holds millions of glyphs).
    let mut runs: Vec<TextRun> = Vec::with_capacity(1);
    let glyphs = &line.glyphs;
    let mut i = 0;
    while i < glyphs.len() {
        let face = glyphs[i].face;
        let n = glyphs[i..].iter().take_while(|g| g.face == face).count();
        let stretch = &glyphs[i..i + n];
        let bytes = stretch.iter().map(|g| text_of(g, &mut buf)).sum();
        let mut run = TextRun {
            font: usize::from(face),
            size: size * para.scales.of(usize::from(face)),
            x,
            y: baseline,
            scale: line.scale,
            paint: block.style.paint,
            glyphs: Vec::with_capacity(n),
            text: String::with_capacity(bytes),
            tag: None,
        };
        for g in stretch {
            let text: &str = match g.literal {
                Some(c) => c.encode_utf8(&mut buf),
                None => para.text.get(g.range()).unwrap_or(""),
            };
            let start = run.text.len() as u32;
            run.text.push_str(text);
            run.glyphs.push(Glyph {
                gid: g.gid,
                x: g.x,
                rise: g.y_offset,
                text: start..run.text.len() as u32,
            });
        }
        runs.push(run);
        i += n;
    }
    runs
}

/// A story starting at a page foot gets at least this many lines a column there.
const MIN_START_LINES: f32 = 6.0;

/// Weights of the rules over and under a pull quote.
const PULLQUOTE_RULES: [f32; 2] = [2.0, 0.5];

/// Height of a pull quote with its rules.
fn pullquote_height(b: &SetBlock) -> f32 {
    block_height(b) + PULLQUOTE_RULES[0] + PULLQUOTE_RULES[1]
}

/// Height of a set block stacked on its own.
fn block_height(b: &SetBlock) -> f32 {
    b.style.space_before + b.para.lines.len() as f32 * b.style.leading + b.style.space_after
}

/// Distance from a line box's top to its baseline.
fn baseline_offset(leading: f32, size: f32) -> f32 {
    (leading + size) / 2.0 - size * 0.22
}

/// The first body word not placed, after `placed` words.
fn first_overset_word(story: &SetStory, placed: usize) -> String {
    first_words(story, placed, 1)
}

/// Up to `n` body words from the first not placed, after `placed` words.
fn first_words(story: &SetStory, placed: usize, n: usize) -> String {
    let mut seen = 0;
    for block in &story.body {
        for line in &block.para.lines {
            if seen + line.words > placed {
                return line_words(block, line, n);
            }
            seen += line.words;
        }
    }
    String::new()
}

/// Up to `n` words of `block` from the start of `line`.
fn line_words(block: &SetBlock, line: &Line, n: usize) -> String {
    let start = line
        .glyphs
        .iter()
        .find(|g| g.literal.is_none())
        .map_or(0, |g| g.range().start);
    block
        .para
        .text
        .get(start..)
        .unwrap_or("")
        .split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first word of a slot's content, if it is a line.
fn content_words(c: &Content) -> String {
    match c {
        Content::Line(block, line) => line_words(block, line, 1),
        _ => String::new(),
    }
}

/// Holds more of story `index`'s deferred body from `rest`, until `want`
/// lines are held beyond the `have` already, or all of it is set.
fn fetch(
    held: &mut Vec<SetBlock>,
    mut have: usize,
    want: usize,
    index: usize,
    rest: &mut Rest,
    warnings: &mut Warnings,
) {
    while have < want && rest.pending(index) {
        let more = rest.next(index, warnings);
        if more.is_empty() {
            break;
        }
        have += more.iter().map(|b| b.para.lines.len()).sum::<usize>();
        held.extend(more);
    }
}
