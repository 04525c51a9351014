//! Placed means on the page: every line composition draws is checked against
//! the area it may occupy (a story's text: the page's text area; page
//! furniture: the page). A line outside is not drawn; its words count as
//! overset and the editor is told what ran off, where, and what to change.

use crate::diag::Warnings;
use crate::linebreak::{Line, SetPara};
use crate::model::Role;

/// A rectangle on the page, top-left origin, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

/// Lines left out on one page, of one story (or of the page's furniture)
/// and one kind of element.
#[derive(Debug, Clone, PartialEq)]
pub struct Lost {
    /// The story, by index; none for page furniture.
    pub story: Option<usize>,
    /// 1-based.
    pub page: usize,
    pub role: Role,
    pub lines: usize,
    /// Body words among them (they count as overset).
    pub words: usize,
    /// The first word left out.
    pub first: String,
}

/// Whether a line set at `x` with its baseline at `baseline` lies inside
/// `area`, allowing for what hangs out by design (margin protrusion of
/// punctuation, a display face's ascenders over a tight leading).
pub fn inside(area: Area, line: &Line, size: f32, x: f32, baseline: f32) -> bool {
    let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
    let (mut up, mut down) = (0.0f32, 0.0f32);
    for g in &line.glyphs {
        (lo, hi) = (lo.min(g.x), hi.max(g.x));
        // A mark raised (or lowered) off the baseline: stacked accents.
        (up, down) = (up.max(g.y_offset), down.max(-g.y_offset));
    }
    let (left, right) = (x + lo, x + hi.max(line.end));
    let tol = (size * 0.5).min(12.0);
    let (top, foot) = (baseline - up - size * 0.8, baseline + down);
    [left, right, top, foot].iter().all(|v| v.is_finite())
        && left >= area.left - tol
        && right <= area.right + tol
        && top >= area.top - tol
        && foot <= area.bottom + tol
}

/// Adds a line to the record of lines left out.
pub fn record(
    lost: &mut Vec<Lost>,
    story: Option<usize>,
    page: usize,
    role: Role,
    para: &SetPara,
    line: &Line,
) {
    if let Some(l) = lost
        .iter_mut()
        .rev()
        .find(|l| l.story == story && l.page == page && l.role == role)
    {
        l.lines += 1;
        l.words += line.words;
        return;
    }
    let start = line
        .glyphs
        .iter()
        .find(|g| g.literal.is_none())
        .map_or(0, |g| g.range().start);
    let first = para
        .text
        .get(start..)
        .and_then(|t| t.split_whitespace().next())
        .unwrap_or("")
        .to_string();
    lost.push(Lost {
        story,
        page,
        role,
        lines: 1,
        words: line.words,
        first,
    });
}

/// Warns of each run of lines left out, naming the story (by `ids`), the
/// page, and what to change.
pub fn warn(lost: &[Lost], ids: &[&str], warnings: &mut Warnings) {
    for l in lost {
        let (what, fix) = match l.story {
            Some(_) => describe(l.role),
            None => (
                "masthead or running head",
                "shorten the title or set it smaller ([styles.masthead] or [styles.running_head] size)",
            ),
        };
        let words = if l.words > 0 {
            format!(", {} word{},", l.words, if l.words == 1 { "" } else { "s" })
        } else {
            String::new()
        };
        let message = format!(
            "{} line{}{words} of the {what} from “{}” would fall outside the {} on page {} and {} left out: {fix}",
            l.lines,
            if l.lines == 1 { "" } else { "s" },
            l.first,
            if l.story.is_some() { "text area" } else { "page" },
            l.page,
            if l.lines == 1 { "is" } else { "are" },
        );
        let story = l.story.and_then(|s| ids.get(s).copied());
        warnings.push(story, message);
    }
}

/// What an element is called, and how to bring it back onto the page.
fn describe(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Headline | Role::Kicker | Role::Deck | Role::JumpHead => (
            "head",
            "shorten it or set it smaller (the `size` under [styles.headline], [styles.deck]…)",
        ),
        Role::PullQuote => (
            "pull quote",
            "shorten the pull quote or set it smaller ([styles.pullquote] size)",
        ),
        Role::Caption | Role::Credit => (
            "caption",
            "shorten the caption or credit, or give the photo more room",
        ),
        Role::Jump => ("jump line", "shorten the [jumps] wording"),
        Role::Body | Role::Crosshead | Role::Byline | Role::Rule => (
            "story",
            "reduce the indents ([styles.quote] and [styles.list] indent), the nesting, or the type size",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linebreak::PlacedGlyph;

    fn line(xs: &[f32], end: f32) -> Line {
        Line {
            glyphs: xs
                .iter()
                .map(|&x| PlacedGlyph {
                    face: 0,
                    gid: 1,
                    x,
                    y_offset: 0.0,
                    text: 0..1,
                    literal: None,
                })
                .collect(),
            words: 1,
            end,
            ..Line::default()
        }
    }

    const AREA: Area = Area {
        left: 36.0,
        top: 36.0,
        right: 300.0,
        bottom: 800.0,
    };

    #[test]
    fn a_line_in_its_area_is_inside() {
        assert!(inside(AREA, &line(&[0.0, 5.0], 100.0), 9.0, 36.0, 50.0));
        // Protruding punctuation hangs a little into the margin.
        assert!(inside(AREA, &line(&[-2.0, 5.0], 266.0), 9.0, 36.0, 50.0));
    }

    #[test]
    fn lines_off_the_area_are_outside() {
        let l = line(&[0.0, 5.0], 100.0);
        assert!(!inside(AREA, &l, 9.0, 10_000.0, 50.0), "far right");
        assert!(!inside(AREA, &l, 9.0, 36.0, 900.0), "below");
        assert!(!inside(AREA, &l, 9.0, 36.0, 20.0), "above");
        assert!(
            !inside(AREA, &line(&[0.0], 400.0), 9.0, 36.0, 50.0),
            "too wide"
        );
        assert!(!inside(AREA, &l, 9.0, f32::NAN, 50.0), "not a number");
        let mut zalgo = line(&[0.0, 5.0], 10.0);
        zalgo.glyphs[1].y_offset = 2000.0;
        assert!(
            !inside(AREA, &zalgo, 9.0, 36.0, 50.0),
            "marks stacked off the page"
        );
    }

    #[test]
    fn lost_lines_gather_by_story_page_and_role() {
        let para = SetPara {
            text: "Lost words here".into(),
            size: 9.0,
            lines: Vec::new(),
            measure: 0.0,
            scales: Default::default(),
        };
        let mut lost = Vec::new();
        for _ in 0..3 {
            record(
                &mut lost,
                Some(0),
                2,
                Role::Body,
                &para,
                &line(&[0.0], 10.0),
            );
        }
        record(
            &mut lost,
            Some(0),
            2,
            Role::PullQuote,
            &para,
            &line(&[0.0], 10.0),
        );
        assert_eq!(lost.len(), 2);
        assert_eq!((lost[0].lines, lost[0].words), (3, 3));
        assert_eq!(lost[0].first, "Lost");
        let mut w = Warnings::default();
        warn(&lost, &["story"], &mut w);
        assert_eq!(w.0.len(), 2);
        assert!(w.0[0].message.contains("page 2"), "{}", w.0[0].message);
        assert_eq!(w.0[0].article.as_deref(), Some("story"));
    }
}
