//! The desk: for a placement that oversets, leaves lines empty, has no room
//! for text under its jump lines or is left empty, a warning naming the
//! page, the columns, the spec line and the fix in numbers. A height to set
//! is found by setting the story again, on a scratch page, at other depths,
//! so that the number, applied, clears the warning.

use super::flow::Resume;
use super::sizing::{Filled, PHOTO_SHARE};
use super::Composer;
use crate::diag::Warnings;
use crate::spec::plan::{Height, Place, MIN_LINES};
use crate::typeset::SetStory;

/// A placement with more than this many empty lines a column is underset.
pub const SLACK_LINES: usize = 3;

/// What the desk knows of one filled placement.
pub struct Case<'c> {
    /// The page, from 1.
    pub page: usize,
    /// The placement as sized, and as the spec wrote it.
    pub place: &'c Place,
    pub written: &'c Place,
    /// Nothing stands below it on the page: white under it is a hole.
    pub open_below: bool,
    pub story: &'c SetStory,
    pub part: usize,
    /// Where the story's body stood when the placement began.
    pub at: Resume,
    pub filled: &'c Filled,
    /// The first words left over, if any.
    pub over_from: String,
}

impl Composer<'_> {
    /// Says what to change about a placement, if anything.
    pub(super) fn advise(&self, case: &Case, warnings: &mut Warnings) {
        let Case {
            page,
            place,
            written,
            story,
            part,
            filled,
            ..
        } = *case;
        let spec = self.spec;
        let at = format!(
            "page {page}, {} ({})",
            columns_name(place.first + 1, place.last + 1),
            place.origin.place()
        );
        let columns = place.columns();
        let per_line = words_per_line(story);
        let words = |lines: usize| ((lines as f32 * per_line / 5.0).ceil() * 5.0).max(5.0);
        let id = Some(story.id.as_str());
        if filled.empty {
            warnings.push(
                id,
                format!(
                    "{at}: the story ends before this placement, which is left empty: \
                     take the placement out, or give the earlier ones less room"
                ),
            );
            return;
        }
        let last = part + 1 == story.parts.len();
        if filled.words == 0 && !last && part > 0 {
            let lines = ((filled.head - place.top) / spec.baseline).ceil() + MIN_LINES;
            warnings.push(
                id,
                format!(
                    "{at}: no room for text under the jump lines: make it at least {lines:.0} lines"
                ),
            );
            return;
        }
        if filled.over > 0 {
            // A smaller headline frees its depth in every column.
            let headline = story
                .smaller_headline
                .filter(|_| part == 0)
                .map(|(size, saved)| (size, (saved / spec.baseline).floor() as usize * columns))
                .filter(|&(_, lines)| lines > 0)
                .map_or(String::new(), |(size, lines)| {
                    format!(
                        ", or headline = \"{size:.0}pt\" saves {}",
                        plural(lines, "line")
                    )
                });
            let fix = match written.height {
                Height::Fixed => match self.lines_to_fit(case) {
                    Some(n) => format!(
                        "make it {n} lines, or cut about {:.0} words",
                        words(filled.over)
                    ),
                    None => format!(
                        "cut about {:.0} words, or continue it in a placement on a later page",
                        words(filled.over)
                    ),
                },
                Height::Fit => format!(
                    "cut about {:.0} words, or give the placements below it {} less",
                    words(filled.over),
                    plural(filled.over.div_ceil(columns), "line")
                ),
                Height::Rest => format!(
                    "cut about {:.0} words, or continue it in a placement on a later page",
                    words(filled.over)
                ),
            };
            warnings.push(
                id,
                format!(
                    "{at}: {} over, from “{}…”: {fix}{headline}",
                    plural(filled.over, "line"),
                    case.over_from
                ),
            );
            return;
        }
        // A placement that fits its text, with nothing below it, leaves
        // the page's foot empty.
        let foot_lines = ((self.bottom() - place.bottom) / spec.baseline + 1e-3).floor() as usize;
        if last && case.open_below && written.height == Height::Fit && foot_lines > SLACK_LINES {
            warnings.push(
                id,
                format!(
                    "{at}: {} empty under “{}” at the foot of the page ({foot_lines} a column): \
                     add about {:.0} words, or place another story below it",
                    plural(foot_lines * columns, "line"),
                    story.id,
                    words(foot_lines * columns)
                ),
            );
            return;
        }
        let per_column = filled.under / columns;
        if last && per_column > SLACK_LINES {
            let fix = match written.height {
                Height::Fixed => match self.lines_to_fit(case) {
                    Some(n) => format!(
                        "make it {n} lines, or add about {:.0} words",
                        words(filled.under)
                    ),
                    None => format!("add about {:.0} words", words(filled.under)),
                },
                Height::Rest => format!(
                    "add about {:.0} words, or give it height = \"fit\" and place another story below it",
                    words(filled.under)
                ),
                Height::Fit => format!("add about {:.0} words", words(filled.under)),
            };
            warnings.push(
                id,
                format!(
                    "{at}: {} empty under “{}” ({per_column} a column): {fix}",
                    plural(filled.under, "line"),
                    story.id
                ),
            );
        }
    }

    /// The fewest lines deep the placement holds the rest of its story in,
    /// its photo sized as the spec says; `None` if not even to the foot.
    fn lines_to_fit(&self, case: &Case) -> Option<usize> {
        let place = case.place;
        let spec = self.spec;
        let most = ((self.bottom() - place.top) / spec.baseline + 1e-3).floor() as usize;
        let trial = |n: usize| {
            let mut p = place.clone();
            p.bottom = place.top + n as f32 * spec.baseline;
            if case.written.photo_height.is_none() {
                p.photo_height = Some((p.bottom - p.top) * PHOTO_SHARE);
            }
            let f = self.trial(&p, case.story, case.part, case.at);
            f.over == 0 && !f.empty
        };
        let least = MIN_LINES as usize;
        if most < least || !trial(most) {
            return None;
        }
        // The smallest depth that holds it: more depth never holds less.
        let (mut lo, mut hi) = (least, most);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if trial(mid) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Some(lo)
    }
}

/// Body words a line of `story` holds, on average.
fn words_per_line(story: &SetStory) -> f32 {
    let lines: usize = story.body.iter().map(|b| b.para.lines.len()).sum();
    story.words_in as f32 / lines.max(1) as f32
}

/// "column 5", "columns 1–4".
fn columns_name(first: usize, last: usize) -> String {
    if first == last {
        format!("column {first}")
    } else {
        format!("columns {first}–{last}")
    }
}

/// "1 line", "14 lines".
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
