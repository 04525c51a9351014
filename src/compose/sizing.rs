//! Sizing a page's placements as their text asks. A placement that fits its
//! text (`height = "fit"`, the default for one that another goes below)
//! takes the depth the rest of its story needs, set and balanced, and what
//! goes below it moves up; one whose story goes on elsewhere takes the room
//! left once the placements below it have theirs. A placement to the foot
//! (`"rest"`) keeps the rest of the page; one of a given height keeps it.
//! The depth a story needs is found by setting it on a scratch page.

use super::flow::{self, Resume};
use super::{Composer, Finish};
use crate::diag::Warnings;
use crate::display::Page;
use crate::spec::plan::{Height, PagePlan, Place, MIN_LINES};
use crate::typeset::SetStory;

/// A photo with no `photo_height` is at most this share of its placement
/// (of the room from its top to the page's foot, if the placement fits its
/// text or runs to the foot).
pub const PHOTO_SHARE: f32 = 0.45;

/// A placement whose story goes on elsewhere is given room for at least
/// this many lines under its head and photo.
const START_LINES: f32 = 6.0;

/// How one placement was filled.
#[derive(Debug, Clone, Copy)]
pub struct Filled {
    /// Where the story's body has got to after it.
    pub resume: Resume,
    pub words: usize,
    /// Lines of the placement left empty.
    pub under: usize,
    /// Lines of the story left over, if this is its last placement.
    pub over: usize,
    /// Where its head and photo end, and how deep its content reaches
    /// (from the page's top).
    pub head: f32,
    pub end: f32,
    /// A continuation with nothing left to hold: left empty.
    pub empty: bool,
}

/// The story and part each placement of a page holds.
pub type Parts = [Option<(usize, usize)>];

impl Composer<'_> {
    /// Sets part `j` of `story` in `place`, its body from `at`.
    pub(super) fn fill_place(
        &mut self,
        place: &Place,
        story: &SetStory,
        j: usize,
        at: Resume,
        warnings: &mut Warnings,
    ) -> Filled {
        let column = story.parts[j].column;
        let mut store = Vec::new();
        let pieces = flow::rest(story, at, column, &mut store);
        let flow = self.flow(story, &pieces, column, None, warnings);
        if j > 0 && flow.slots.is_empty() {
            let lines = ((place.bottom - place.top) / self.spec.baseline).floor() as usize;
            return Filled {
                resume: flow.resume(0, story.body.len()),
                words: 0,
                under: lines * place.columns(),
                over: 0,
                head: place.top,
                end: place.top,
                empty: true,
            };
        }
        let r = self.part(place, story, j, &flow.slots, &flow.content, warnings);
        let over = if j + 1 == story.parts.len() {
            flow.slots[r.next..].iter().filter(|s| s.on_grid).count()
        } else {
            0
        };
        Filled {
            resume: flow.resume(r.next, story.body.len()),
            words: r.words,
            under: r.under,
            over,
            head: r.head,
            end: r.end,
            empty: false,
        }
    }

    /// Sets part `j` of `story` in `place` on a scratch page, to see how it
    /// fills.
    pub(super) fn trial(&self, place: &Place, story: &SetStory, j: usize, at: Resume) -> Filled {
        let spec = self.spec;
        let mut scratch = Composer {
            spec,
            images: self.images,
            pages: vec![Page {
                width: spec.page_width,
                height: spec.page_height,
                items: Vec::new(),
            }],
            cursor: 0.0,
            owner: Some(0),
            scissors: None,
            overset: Vec::new(),
            lost: Vec::new(),
            furniture: Finish {
                folios: false,
                slug: &[],
                plates: &[],
                ..self.furniture
            },
            sealed: 0,
            sink: None,
        };
        scratch.fill_place(place, story, j, at, &mut Warnings::default())
    }

    /// The depth from `place`'s top that part `j` of `story` needs to hold
    /// the rest of it (`None` if it does not fit even to the page's foot),
    /// and the depth of its head and photo.
    fn natural(&self, place: &Place, story: &SetStory, j: usize, at: Resume) -> (Option<f32>, f32) {
        let mut tried = place.clone();
        tried.bottom = self.bottom();
        let filled = self.trial(&tried, story, j, at);
        let depth = |y: f32| y + place.inset() - place.top;
        let all = (filled.over == 0 && !filled.empty).then(|| depth(filled.end));
        (all, depth(filled.head))
    }

    /// The page's placements, each with the top and bottom its text and the
    /// placements above and below it give it.
    pub(super) fn size_page(
        &self,
        page: &PagePlan,
        parts: &Parts,
        stories: &[SetStory],
        at: &[Resume],
    ) -> Vec<Place> {
        let spec = self.spec;
        let foot = self.bottom();
        let gap = spec.baseline;
        let least = MIN_LINES * spec.baseline;
        // Photos get their depth first, so sizing and setting agree on it.
        let mut places: Vec<Place> = page
            .places
            .iter()
            .map(|p| {
                let room = match p.height {
                    Height::Fixed => p.bottom - p.top,
                    Height::Fit | Height::Rest => foot - p.top,
                };
                let mut p = p.clone();
                p.photo_height = Some(p.photo_height.unwrap_or(room * PHOTO_SHARE));
                p
            })
            .collect();
        // What each asks for: its height; the depth that ends its story
        // (and a line, as the grid may fall differently where it lands); or,
        // going on elsewhere, its head and photo and a start of text.
        let need = |place: &Place, k: usize| -> f32 {
            let Some((si, j)) = parts[k] else {
                return least;
            };
            let story = &stories[si];
            if place.height == Height::Fixed {
                return place.bottom - place.top;
            }
            let (all, head) = self.natural(place, story, j, at[si]);
            match all {
                Some(d) if j + 1 == story.parts.len() => d + spec.baseline,
                _ => head + START_LINES * spec.baseline,
            }
            .max(least)
        };
        let needs: Vec<f32> = places.iter().enumerate().map(|(k, p)| need(p, k)).collect();
        // Which earlier placements stand above each, sharing a column.
        let n = places.len();
        let above: Vec<Vec<usize>> = (0..n)
            .map(|k| {
                (0..k)
                    .filter(|&e| {
                        let (a, b) = (&places[e], &places[k]);
                        a.first <= b.last && b.first <= a.last && a.bottom <= b.top + 0.5
                    })
                    .collect()
            })
            .collect();
        // How far above the foot each must end to leave the placements
        // below it what they need.
        let mut keep = vec![0.0f32; n];
        for k in (0..n).rev() {
            for d in (k + 1..n).filter(|&d| above[d].contains(&k)) {
                let under = if places[d].below.is_some() {
                    gap + needs[d] + keep[d]
                } else {
                    foot - places[d].top + gap
                };
                keep[k] = keep[k].max(under);
            }
        }
        let mut bottoms = vec![0.0f32; n];
        for k in 0..n {
            if let Some(b) = places[k].below {
                let top = above[k]
                    .iter()
                    .chain([&b])
                    .map(|&e| bottoms[e] + gap)
                    .fold(f32::MIN, f32::max);
                places[k].top = top;
            }
            let top = places[k].top;
            let limit = (foot - keep[k]).max(top + least);
            let bottom = match places[k].height {
                Height::Fixed => top + needs[k],
                Height::Rest => foot,
                Height::Fit => match parts[k] {
                    Some((si, j)) if j + 1 == stories[si].parts.len() => {
                        // Measured again at its real top: the grid may fall
                        // differently.
                        let depth = self
                            .natural(&places[k], &stories[si], j, at[si])
                            .0
                            .unwrap_or(foot - top);
                        top + depth.max(least).min(limit - top)
                    }
                    Some(_) => limit,
                    None => top + least,
                },
            };
            // Never past the foot, nor above its own top (placements above
            // it may have taken the page: the desk then says so).
            places[k].bottom = bottom.max(top + least).min(foot).max(top);
            bottoms[k] = places[k].bottom;
        }
        // A placement that fits its text reaches down to what is below it:
        // white between them (the story beside ran deeper) is its own, and
        // the desk counts it.
        for k in 0..n {
            let next = (k + 1..n)
                .filter(|&d| above[d].contains(&k))
                .map(|d| places[d].top - gap)
                .fold(f32::INFINITY, f32::min);
            if places[k].height == Height::Fit && next.is_finite() && next > places[k].bottom {
                places[k].bottom = next;
            }
        }
        places
    }
}
