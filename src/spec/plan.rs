//! The page plan: where each article goes, page by page, as the spec's
//! `[[pages]]` and `[[pages.place]]` tables say. Geometry is resolved here
//! into points on the page, and checked: columns that exist, placements on
//! the page, none overlapping. Whether the articles exist is checked when
//! the articles are known (see `model`); the placement keeps its spec origin
//! for that error.

use serde::Deserialize;
use toml::Spanned;

use crate::colour::{Ink, Paint};
use crate::diag::{Origin, Result};
use crate::units::Length;

/// `[[pages]]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    /// The masthead heads this page (default: the first page, if there is a
    /// `[masthead]`).
    pub masthead: Option<bool>,
    #[serde(default)]
    pub place: Vec<RawPlace>,
}

/// `[[pages.place]]`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlace {
    pub article: Spanned<String>,
    pub columns: Option<Spanned<Vec<i64>>>,
    pub top: Option<Spanned<String>>,
    pub below: Option<Spanned<String>>,
    pub height: Option<Spanned<String>>,
    pub headline: Option<Spanned<OneOrMany<Length>>>,
    pub headline_lines: Option<Spanned<i64>>,
    pub photo_columns: Option<Spanned<i64>>,
    pub photo_height: Option<Length>,
    pub photo_crop: Option<Spanned<String>>,
    #[serde(rename = "box")]
    pub frame: Option<Frame>,
    /// The colour of a `box = "tint"` (default: `[colours] tint`).
    pub tint: Option<Spanned<String>>,
    /// The sides its photo or tint runs off the page on, to the bleed.
    pub bleed: Option<Spanned<Vec<String>>>,
    pub pullquote: Option<Spanned<OneOrMany<i64>>>,
}

/// One value or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

/// A box around a placement: a thin rule, a grey tint behind it, or a
/// dashed line with scissors on it, to cut out (a coupon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frame {
    Rule,
    Tint,
    Cut,
}

/// The resolved plan.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub pages: Vec<PagePlan>,
}

/// One page of the plan.
#[derive(Debug, Clone)]
pub struct PagePlan {
    /// The masthead heads the page (otherwise a running head does).
    pub masthead: bool,
    /// Where placements may start (below the masthead or running head).
    pub top: f32,
    pub places: Vec<Place>,
}

/// One placement of (part of) an article.
#[derive(Debug, Clone)]
pub struct Place {
    /// The article id as written in the spec.
    pub article: String,
    /// Where the id is written, for errors about it.
    pub origin: Origin,
    /// First and last column, from 0, inclusive.
    pub first: usize,
    pub last: usize,
    /// From the page's top, in points. A placement that fits its text is
    /// given its least depth (three lines) here; composition sizes it and
    /// moves what is below it.
    pub top: f32,
    pub bottom: f32,
    /// How its depth is decided.
    pub height: Height,
    /// The placement earlier on the page it goes `below`, by index.
    pub below: Option<usize>,
    /// Headline sizes to try, largest first (empty: the headline style's).
    pub headline: Vec<f32>,
    /// At most this many headline lines.
    pub headline_lines: usize,
    /// Columns the photo spans (from the first), and its greatest height.
    pub photo_columns: usize,
    pub photo_height: Option<f32>,
    /// Crop a photo deeper than its height to it, keeping this part of it,
    /// rather than print it narrower.
    pub photo_crop: Option<Crop>,
    pub frame: Option<Frame>,
    /// The tint's colour, if not the layout's.
    pub tint: Option<Paint>,
    /// The page edges its photo or tint runs off, past the trim to the
    /// bleed.
    pub bleed: Bleed,
    /// The columns of the page (from 0, inclusive) the article's pull quote
    /// spans here, and where the spec asks for it.
    pub pullquote: Option<(usize, usize, Origin)>,
}

/// How a placement's depth is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Height {
    /// As written: a length or a number of lines.
    Fixed,
    /// The depth its text needs (`"fit"`; the default for a placement that
    /// another goes below).
    Fit,
    /// To the foot of the page (`"rest"`; the default otherwise).
    Rest,
}

/// The page edges a placement's photo or tint runs off: left and right as
/// the page is seen, resolved from inside and outside by the page's side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bleed {
    pub top: bool,
    pub bottom: bool,
    pub left: bool,
    pub right: bool,
}

impl Bleed {
    pub fn any(&self) -> bool {
        self.top || self.bottom || self.left || self.right
    }
}

/// Which part of a photo a crop keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crop {
    Top,
    Center,
    Bottom,
}

/// A placement's least depth, in lines.
pub const MIN_LINES: f32 = 3.0;

/// White between a boxed placement's frame and its text.
pub const FRAME_INSET: f32 = 6.0;

impl Place {
    pub fn columns(&self) -> usize {
        self.last - self.first + 1
    }

    /// How far the text stands in from the placement's edges.
    pub fn inset(&self) -> f32 {
        if self.frame.is_some() {
            FRAME_INSET
        } else {
            0.0
        }
    }
}

/// What the plan needs to know of the page.
pub struct Page {
    pub columns: usize,
    pub top: f32,
    pub bottom: f32,
    pub baseline: f32,
    /// Height of the masthead and of a running head.
    pub masthead: f32,
    pub running_head: f32,
    /// A `[masthead]` is configured.
    pub has_masthead: bool,
    /// The spec's spot inks, which colours may name.
    pub inks: Vec<Ink>,
    /// The paper's bleed (0: none, and nothing may bleed).
    pub bleed: f32,
    /// Read from the right: column 1 at the right, page 1 a left-hand page.
    pub rtl: bool,
}

/// Resolves and checks the plan's geometry.
pub fn resolve(
    raw: &[RawPage],
    page: &Page,
    at: &dyn Fn(std::ops::Range<usize>) -> Origin,
) -> Result<Plan> {
    let mut pages = Vec::with_capacity(raw.len());
    for (n, rp) in raw.iter().enumerate() {
        let masthead = page.has_masthead && rp.masthead.unwrap_or(n == 0);
        let top = page.top
            + if masthead {
                page.masthead
            } else {
                page.running_head
            };
        let mut places: Vec<Place> = Vec::with_capacity(rp.place.len());
        for p in &rp.place {
            // Going below a placement with no height makes it fit its text.
            if let Some(b) = &p.below {
                let named = places
                    .iter_mut()
                    .zip(&rp.place)
                    .rev()
                    .find(|(o, _)| &o.article == b.get_ref());
                if let Some((above, raw)) = named {
                    if raw.height.is_none() {
                        above.height = Height::Fit;
                        above.bottom = above.top + MIN_LINES * page.baseline;
                    }
                }
            }
            let place = resolve_place(p, page, top, &places, at)?;
            // So does having a placement below it in any of its columns.
            for (o, raw) in places.iter_mut().zip(&rp.place) {
                let least = o.top + MIN_LINES * page.baseline;
                if raw.height.is_none()
                    && o.height == Height::Rest
                    && overlaps(o, &place)
                    && least + page.baseline <= place.top + 0.01
                {
                    o.height = Height::Fit;
                    o.bottom = least;
                }
            }
            if let Some(other) = places.iter().find(|o| overlaps(o, &place)) {
                return Err(place.origin.error(format!(
                    "this placement overlaps `{}` on page {} (columns {}–{}, {:.0}–{:.0}pt from the top); \
                     give it other columns, or `below = \"{}\"`",
                    other.article,
                    n + 1,
                    other.first + 1,
                    other.last + 1,
                    other.top,
                    other.bottom,
                    other.article
                )));
            }
            places.push(place);
        }
        for (place, raw) in places.iter_mut().zip(&rp.place) {
            place.bleed = resolve_bleed(raw, place, n, masthead, page, at)?;
        }
        pages.push(PagePlan {
            masthead,
            top,
            places,
        });
    }
    Ok(Plan { pages })
}

/// A placement's `bleed`: each side checked to be an edge of the page the
/// placement reaches (and, for the top, one with no masthead above it).
fn resolve_bleed(
    raw: &RawPlace,
    place: &Place,
    n: usize,
    masthead: bool,
    page: &Page,
    at: &dyn Fn(std::ops::Range<usize>) -> Origin,
) -> Result<Bleed> {
    let Some(sides) = &raw.bleed else {
        return Ok(Bleed::default());
    };
    let err = |msg: String| Err(at(sides.span()).error(msg));
    if page.bleed <= 0.0 {
        return err(
            "to run off the page a placement needs a bleed round the page: add bleed = \"3mm\" under [paper]".into(),
        );
    }
    // Page 1 is a right-hand page: its inside edge is on the left (a left-
    // hand page, bound on the right, on a paper read from the right).
    let right_hand = n.is_multiple_of(2) != page.rtl;
    let mut b = Bleed::default();
    for side in sides.get_ref() {
        match side.as_str() {
            "top" => b.top = true,
            "bottom" => b.bottom = true,
            "inside" if right_hand => b.left = true,
            "inside" => b.right = true,
            "outside" if right_hand => b.right = true,
            "outside" => b.left = true,
            "left" => b.left = true,
            "right" => b.right = true,
            other => {
                return err(format!(
                    "`{other}` is not a side of the page; expected any of \"top\", \"bottom\", \"inside\", \"outside\""
                ))
            }
        }
    }
    let page_no = n + 1;
    if b.top && masthead {
        return err(format!(
            "page {page_no} has the masthead at its top, so nothing can run off the top there; bleed off the top on another page"
        ));
    }
    if b.top && place.top > page.top + page.running_head + 0.5 {
        return err(format!(
            "only a placement at the top of page {page_no} can run off the top; this one starts {:.0}pt down",
            place.top
        ));
    }
    if b.bottom && (place.frame != Some(Frame::Tint) || place.height != Height::Rest) {
        return err(
            "only a tinted box that runs to the page's foot (box = \"tint\", nothing below it) can run off the bottom: a photo sits at its placement's top".into(),
        );
    }
    // The page's left and right edges, as columns of the plan.
    let (left_col, right_col) = match page.rtl {
        true => (page.columns, 1),
        false => (1, page.columns),
    };
    let reaches = |c: usize| place.first + 1 == c || place.last + 1 == c;
    if b.left && !reaches(left_col) {
        return err(format!(
            "columns {}–{} do not reach the page's left edge on page {page_no}; only a placement with column {left_col} can bleed off the left (inside on a right-hand page, outside on a left-hand one)",
            place.first + 1,
            place.last + 1
        ));
    }
    if b.right && !reaches(right_col) {
        return err(format!(
            "columns {}–{} do not reach the page's right edge on page {page_no}; only a placement with column {right_col} can bleed off the right",
            place.first + 1,
            place.last + 1
        ));
    }
    Ok(b)
}

fn overlaps(a: &Place, b: &Place) -> bool {
    a.first <= b.last && b.first <= a.last && a.top < b.bottom - 0.01 && b.top < a.bottom - 0.01
}

fn resolve_place(
    p: &RawPlace,
    page: &Page,
    content_top: f32,
    earlier: &[Place],
    at: &dyn Fn(std::ops::Range<usize>) -> Origin,
) -> Result<Place> {
    let origin = at(p.article.span());
    let (first, last) = match &p.columns {
        None => (0, page.columns - 1),
        Some(c) => {
            let v = c.get_ref();
            let (a, b) = match v.as_slice() {
                [a] => (*a, *a),
                [a, b] => (*a, *b),
                _ => (0, 0),
            };
            if a < 1 || b < a || b > page.columns as i64 {
                return Err(at(c.span()).error(format!(
                    "expected columns as [first, last] between 1 and {} (e.g. [1, {}])",
                    page.columns, page.columns
                )));
            }
            (a as usize - 1, b as usize - 1)
        }
    };
    let mut below = None;
    let top = match (&p.below, &p.top) {
        (Some(b), Some(_)) => {
            return Err(at(b.span()).error("give a placement `top` or `below`, not both"));
        }
        (Some(b), None) => {
            let Some(k) = earlier.iter().rposition(|o| &o.article == b.get_ref()) else {
                return Err(at(b.span()).error(format!(
                    "no placement of `{}` earlier on this page to go below",
                    b.get_ref()
                )));
            };
            let above = &earlier[k];
            if above.height == Height::Rest {
                return Err(at(b.span()).error(format!(
                    "`{}` runs to the foot of the page (height = \"rest\"); give it a `height`, or \"fit\", to place something below it",
                    b.get_ref()
                )));
            }
            below = Some(k);
            above.bottom + page.baseline
        }
        (None, Some(t)) if t.get_ref() == "top" => content_top,
        (None, Some(t)) => {
            let d = crate::units::parse_length(t.get_ref()).map_err(|e| {
                at(t.span()).error(format!(
                    "expected `top` or a distance from the top of the text area (e.g. \"120mm\"): {e}"
                ))
            })?;
            content_top + d
        }
        (None, None) => content_top,
    };
    let mut kind = Height::Fixed;
    let bottom = match &p.height {
        None => {
            kind = Height::Rest;
            page.bottom
        }
        Some(h) if h.get_ref().trim() == "fit" => {
            kind = Height::Fit;
            top + MIN_LINES * page.baseline
        }
        Some(h) => {
            let s = h.get_ref().trim();
            let height = if s == "rest" {
                kind = Height::Rest;
                page.bottom - top
            } else if let Some(n) = s.strip_suffix("lines").or_else(|| s.strip_suffix("line")) {
                let n: u32 = n.trim().parse().map_err(|_| {
                    at(h.span()).error("expected a whole number of lines, e.g. \"30 lines\"")
                })?;
                n as f32 * page.baseline
            } else {
                crate::units::parse_length(s).map_err(|e| {
                    at(h.span()).error(format!(
                        "expected \"fit\", \"rest\", a number of lines (\"30 lines\") or a length (\"120mm\"): {e}"
                    ))
                })?
            };
            top + height
        }
    };
    if bottom > page.bottom + 0.5 || top < content_top - 0.01 {
        let span = p
            .height
            .as_ref()
            .or(p.top.as_ref())
            .or(p.below.as_ref())
            .map_or(p.article.span(), |s| s.span());
        return Err(at(span).error(format!(
            "the placement runs off the page: it would end {:.0}pt below the text area",
            bottom - page.bottom
        )));
    }
    if bottom - top < 3.0 * page.baseline {
        return Err(origin.error(format!(
            "the placement is only {:.0}pt deep; it needs at least three lines ({:.0}pt)",
            (bottom - top).max(0.0),
            3.0 * page.baseline
        )));
    }
    let headline = match &p.headline {
        None => Vec::new(),
        Some(h) => {
            let mut sizes: Vec<f32> = match h.get_ref() {
                OneOrMany::One(l) => vec![l.pt()],
                OneOrMany::Many(v) => v.iter().map(|l| l.pt()).collect(),
            };
            if sizes.is_empty() || sizes.iter().any(|&s| !(4.0..=super::MAX_SIZE).contains(&s)) {
                return Err(at(h.span()).error(
                    "expected a headline size or a list of sizes to try, e.g. [\"60pt\", \"48pt\", \"40pt\"]",
                ));
            }
            sizes.sort_by(|a, b| b.total_cmp(a));
            sizes
        }
    };
    let headline_lines = match &p.headline_lines {
        None => 3,
        Some(n) if (1..=8).contains(n.get_ref()) => *n.get_ref() as usize,
        Some(n) => {
            return Err(at(n.span()).error("headline_lines is a number of lines from 1 to 8"))
        }
    };
    let columns = last - first + 1;
    let photo_columns = match &p.photo_columns {
        None => columns,
        Some(n) if (1..=columns as i64).contains(n.get_ref()) => *n.get_ref() as usize,
        Some(n) => {
            return Err(at(n.span()).error(format!(
                "the photo can span 1 to {columns} columns, the placement's"
            )))
        }
    };
    let photo_crop = match &p.photo_crop {
        None => None,
        Some(c) => Some(match c.get_ref().as_str() {
            "top" => Crop::Top,
            "center" | "centre" => Crop::Center,
            "bottom" => Crop::Bottom,
            _ => return Err(at(c.span()).error(
                "expected the part of the photo a crop keeps: \"top\", \"center\" or \"bottom\"",
            )),
        }),
    };
    let tint = match &p.tint {
        None => None,
        Some(t) if p.frame != Some(Frame::Tint) => return Err(at(t.span()).error(
            "a tint colours a tinted box: add box = \"tint\" to this placement, or leave tint out",
        )),
        Some(t) => Some(Paint::parse(t.get_ref(), &page.inks).map_err(|e| at(t.span()).error(e))?),
    };
    let pullquote = match &p.pullquote {
        None => None,
        Some(q) => {
            let (a, b) = match q.get_ref() {
                OneOrMany::One(n) if (1..=columns as i64).contains(n) => {
                    let start = first + usize::from(columns > *n as usize);
                    (start, start + *n as usize - 1)
                }
                OneOrMany::Many(v) => match v.as_slice() {
                    [a] => (*a as usize - 1, *a as usize - 1),
                    [a, b] if *a >= 1 && b >= a => (*a as usize - 1, *b as usize - 1),
                    _ => (usize::MAX, 0),
                },
                OneOrMany::One(_) => (usize::MAX, 0),
            };
            if a < first || b > last || a > b {
                return Err(at(q.span()).error(format!(
                    "expected the pull quote's number of columns (1 to {columns}) or its columns \
                     as [first, last] within the placement's, {}–{}",
                    first + 1,
                    last + 1
                )));
            }
            Some((a, b, at(q.span())))
        }
    };
    Ok(Place {
        article: p.article.get_ref().clone(),
        origin,
        first,
        last,
        top,
        bottom,
        height: kind,
        below,
        headline,
        headline_lines,
        photo_columns,
        photo_height: p.photo_height.map(|l| l.pt()),
        photo_crop,
        frame: p.frame,
        tint,
        bleed: Bleed::default(),
        pullquote,
    })
}

/// Whether the spec's article name `name` refers to the article `id` (its
/// file name without `.md`); a leading number and dash may be left out, so
/// `strike` names `01-strike.md`.
pub fn names(name: &str, id: &str) -> bool {
    name == id
        || id
            .split_once('-')
            .is_some_and(|(n, rest)| n.chars().all(|c| c.is_ascii_digit()) && rest == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(places: &str) -> Result<Plan> {
        let text = format!("[columns]\ncount = 3\n[[pages]]\n{places}");
        let spec = crate::spec::parse(std::path::Path::new("s.toml"), &text)?;
        Ok(spec.plan.unwrap_or_default())
    }

    #[test]
    fn a_placement_with_another_below_it_fits_its_text() {
        let p = plan(
            "[[pages.place]]\narticle = \"a\"\ncolumns = [1, 2]\n\
             [[pages.place]]\narticle = \"b\"\ncolumns = [3, 3]\n\
             [[pages.place]]\narticle = \"c\"\ncolumns = [1, 3]\nbelow = \"a\"\n",
        )
        .expect("plan");
        let places = &p.pages[0].places;
        // `a` is named; `b` stands over `c` in column 3.
        assert_eq!(places[0].height, Height::Fit);
        assert_eq!(places[1].height, Height::Fit);
        assert_eq!(places[2].height, Height::Rest);
        assert_eq!(places[2].below, Some(0));
        // Nothing below: to the foot.
        let p = plan("[[pages.place]]\narticle = \"a\"\n").expect("plan");
        assert_eq!(p.pages[0].places[0].height, Height::Rest);
    }

    #[test]
    fn nothing_goes_below_a_placement_that_runs_to_the_foot() {
        let e = plan(
            "[[pages.place]]\narticle = \"a\"\nheight = \"rest\"\n\
             [[pages.place]]\narticle = \"b\"\nbelow = \"a\"\n",
        )
        .expect_err("an error");
        assert!(e.message.contains("runs to the foot"), "{}", e.message);
    }

    #[test]
    fn names_may_leave_out_the_number() {
        assert!(names("strike", "01-strike"));
        assert!(names("01-strike", "01-strike"));
        assert!(!names("strike", "strike-2"));
        assert!(!names("x-strike", "01-strike"));
    }
}
