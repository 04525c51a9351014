//! A story's body as column slots: the whole of it (auto-flow), or what is
//! left of it after its earlier placements, at the width of the columns it
//! goes in next. Where a placement's columns differ in width from those the
//! body was set at, the paragraph it stopped in is broken again from the
//! line it stopped at, and the rest at the new width.

use super::columns::Slot;
use super::{block_height, pullquote_height, Composer, Content};
use crate::diag::Warnings;
use crate::linebreak::{Line, SetPara};
use crate::model::Role;
use crate::typeset::{SetBlock, SetStory};

/// Where a story's body has got to: the block, and the item of its
/// paragraph that the next line starts at.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Resume {
    pub block: usize,
    pub from: u32,
}

/// A run of one body block's lines to flow.
#[derive(Clone, Copy)]
pub struct Piece<'b> {
    pub block: &'b SetBlock,
    /// The block's index in the story's body.
    pub index: usize,
    pub lines: &'b [Line],
    /// Lines of the paragraph already placed before these.
    pub before: usize,
}

/// A story's slots, what each holds and the body block it comes from.
pub struct Flow<'b> {
    pub slots: Vec<Slot>,
    pub content: Vec<Content<'b>>,
    pub blocks: Vec<usize>,
}

impl Flow<'_> {
    /// Where the body has got to once slots up to `next` are placed.
    pub fn resume(&self, next: usize, body: usize) -> Resume {
        match (self.content.get(next), self.blocks.get(next)) {
            (Some(Content::Line(_, line)), Some(&block)) => Resume {
                block,
                from: line.from,
            },
            (Some(_), Some(&block)) => Resume { block, from: 0 },
            _ => Resume {
                block: body,
                from: 0,
            },
        }
    }
}

/// The whole body, as set.
pub fn whole(story: &SetStory) -> Vec<Piece<'_>> {
    story
        .body
        .iter()
        .enumerate()
        .map(|(index, block)| Piece {
            block,
            index,
            lines: &block.para.lines,
            before: 0,
        })
        .collect()
}

/// Blocks of a body set a chunk at a time, the first `base` in the body,
/// from line `skip` of the first.
pub fn held(blocks: &[SetBlock], base: usize, skip: usize) -> Vec<Piece<'_>> {
    blocks
        .iter()
        .enumerate()
        .map(|(k, block)| {
            let before = if k == 0 {
                skip.min(block.para.lines.len())
            } else {
                0
            };
            Piece {
                block,
                index: base + k,
                lines: &block.para.lines[before..],
                before,
            }
        })
        .collect()
}

/// The body from `at` on, set at `column`: the blocks as set where the width
/// is the one they were set at and `at` is one of their lines' starts;
/// else broken again (into `store`, which the pieces then borrow).
pub fn rest<'b>(
    story: &'b SetStory,
    at: Resume,
    column: f32,
    store: &'b mut Vec<SetBlock>,
) -> Vec<Piece<'b>> {
    let body = &story.body;
    let Some(first) = body.get(at.block) else {
        return Vec::new();
    };
    let start = first.para.lines.iter().position(|l| l.from >= at.from);
    let exact = start.is_some_and(|k| first.para.lines[k].from == at.from);
    let same_width = (column - story.column).abs() < 0.01;
    // Without prepared paragraphs (one width only) the lines as set serve.
    let prepared = story.prepared.len() == body.len();
    if !prepared || (same_width && exact) {
        let k = start.unwrap_or(first.para.lines.len());
        let mut pieces = whole(story).split_off(at.block);
        pieces[0].lines = &first.para.lines[k..];
        pieces[0].before = k;
        return pieces;
    }
    // Broken again at this width: the paragraph from where it stopped, and
    // every later one.
    store.clear();
    for (k, (block, prepared)) in body.iter().zip(&story.prepared).enumerate() {
        if k < at.block {
            continue;
        }
        let from = if k == at.block { at.from } else { 0 };
        store.push(SetBlock {
            role: block.role,
            style: block.style.clone(),
            para: SetPara {
                text: prepared.text().to_string(),
                size: block.para.size,
                lines: prepared.lines_from(column, from),
                measure: column,
                scales: prepared.scales().clone(),
            },
            write_in: block.write_in,
            index: block.index,
            links: block.links.clone(),
        });
    }
    store
        .iter()
        .enumerate()
        .map(|(k, block)| Piece {
            block,
            index: at.block + k,
            lines: &block.para.lines,
            before: usize::from(k == 0 && at.from > 0),
        })
        .collect()
}

impl Composer<'_> {
    /// Body pieces as column slots and their contents, in columns `column`
    /// wide; the photo first if `photo_max` gives it a greatest depth.
    pub(super) fn flow<'b>(
        &self,
        story: &'b SetStory,
        pieces: &[Piece<'b>],
        column: f32,
        photo_max: Option<f32>,
        warnings: &mut Warnings,
    ) -> Flow<'b> {
        let spec = self.spec;
        let mut flow = Flow {
            slots: Vec::new(),
            content: Vec::new(),
            blocks: Vec::new(),
        };
        let push = |flow: &mut Flow<'b>, slot, content, block| {
            flow.slots.push(slot);
            flow.content.push(content);
            flow.blocks.push(block);
        };
        if let (Some(fig), Some(max_h)) = (story.figure.as_ref(), photo_max) {
            let (w, h) = match fig.image {
                Some(i) => self.photo_size(&self.images[i], max_h),
                None => (column, 0.0),
            };
            let gap = if h > 0.0 { 3.0 } else { 0.0 };
            let text_h: f32 = fig
                .credit
                .iter()
                .chain(&fig.caption)
                .map(block_height)
                .sum();
            let slot = Slot {
                height: h + gap + text_h,
                space_before: 0.0,
                on_grid: false,
                keep_with_next: true,
                soft: false,
            };
            push(&mut flow, slot, Content::Figure(fig, w, h), 0);
        }
        let mut pending = 0.0;
        for piece in pieces {
            let block = piece.block;
            if block.role == Role::PullQuote {
                let room = self.bottom() - spec.margin_top;
                if pullquote_height(block) > room / 2.0 {
                    warnings.push(
                        Some(&story.id),
                        format!(
                            "the pull quote is {:.0}pt deep, more than half a column ({:.0}pt); it is left out: shorten it or set it smaller ([styles.pullquote] size)",
                            pullquote_height(block),
                            room / 2.0
                        ),
                    );
                    continue;
                }
                let slot = Slot {
                    height: pullquote_height(block),
                    space_before: pending + spec.baseline * 0.6,
                    on_grid: false,
                    keep_with_next: false,
                    soft: false,
                };
                push(
                    &mut flow,
                    slot,
                    Content::PullQuote(block, column),
                    piece.index,
                );
                pending = spec.baseline * 0.6;
                continue;
            }
            if block.role == Role::Rule {
                let slot = Slot {
                    height: spec.baseline,
                    space_before: pending,
                    on_grid: true,
                    keep_with_next: false,
                    soft: false,
                };
                push(&mut flow, slot, Content::Rule(column), piece.index);
                pending = 0.0;
                continue;
            }
            let n = piece.before + piece.lines.len();
            let on_grid = (block.style.leading - spec.baseline).abs() < 0.01;
            for (k, line) in piece.lines.iter().enumerate() {
                let i = piece.before + k;
                // Never end a column on a crosshead, a paragraph's first line
                // (orphan), its second-last (widow) or a hyphenated line.
                // Only the widow and orphan rules may give way to balance.
                let hard = matches!(block.role, Role::Crosshead | Role::Byline) || line.hyphenated;
                let keep = hard || (n > 1 && (i == 0 || i + 2 == n));
                let space_before = if i == 0 {
                    pending + block.style.space_before
                } else {
                    0.0
                };
                let slot = Slot {
                    height: block.style.leading,
                    space_before,
                    on_grid,
                    keep_with_next: keep,
                    soft: !hard,
                };
                push(&mut flow, slot, Content::Line(block, line), piece.index);
            }
            pending = block.style.space_after;
        }
        flow
    }
}
