//! Imposition: where each finished page goes on the sheets a printer prints,
//! worked out from the page count and sizes alone. A saddle-stitched
//! booklet (two pages a sheet side, in the order that reads right once the
//! sheets are folded and nested, backs turned for a long-edge duplex
//! printer, inner sheets moved towards the spine for creep) or n-up (one
//! page repeated, or pages in turn, in a grid with cut marks). Plain data
//! in, plain data out: the PDF writer places the pages where [`Plan`] says.

/// What the spec's `[imposition]` (or `--impose`) asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub kind: Kind,
    /// The sheet printed on, portrait, in points; none: worked out from the
    /// page (twice it for a booklet, A4 or Letter for n-up).
    pub sheet: Option<(f32, f32)>,
    pub duplex: Duplex,
    /// How far each sheet's pages move towards the spine, per sheet in from
    /// the outside, in points.
    pub creep: f32,
    /// A fold mark at the spine.
    pub fold: bool,
    /// n-up: pages on a sheet side, and whether each side repeats one page.
    pub copies: usize,
    pub repeat: bool,
    /// n-up: white between the pages, in points.
    pub gutter: f32,
    /// A booklet bound on the right (a paper read from the right): page 1
    /// on the sheet's left, facing pages the other way round.
    pub bound_right: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            kind: Kind::None,
            sheet: None,
            duplex: Duplex::Long,
            creep: 0.0,
            fold: true,
            copies: 2,
            repeat: true,
            gutter: 0.0,
            bound_right: false,
        }
    }
}

/// The kind of imposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    None,
    Booklet,
    NUp,
}

impl Kind {
    /// The word the imposed file's name ends in.
    pub fn suffix(self, copies: usize) -> String {
        match self {
            Kind::None => String::new(),
            Kind::Booklet => "booklet".into(),
            Kind::NUp => format!("{copies}up"),
        }
    }
}

/// Which edge a duplex printer turns the sheet on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplex {
    Long,
    Short,
}

/// The sheets, side by side in print order (front, back, front, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The sheet as printed (landscape for a booklet), in points.
    pub width: f32,
    pub height: f32,
    pub sides: Vec<Side>,
    pub duplex: Duplex,
    /// Blank pages added to make a booklet's page count a multiple of 4.
    pub blanks: usize,
}

/// One side of a sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Side {
    pub slots: Vec<Slot>,
    /// Lines to draw in the registration colour: cut marks, a fold mark.
    pub marks: Vec<[(f32, f32); 2]>,
}

/// A page on a sheet side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    /// The page (from 0); none: a blank.
    pub page: Option<usize>,
    /// The page's lower-left corner on the sheet (PDF coordinates, y up),
    /// as it is read; a turned page is turned about its centre.
    pub x: f32,
    pub y: f32,
    /// Turned 180° (the backs, for a long-edge duplex printer).
    pub turned: bool,
}

/// Length of a cut or fold mark, and its gap from the page.
const MARK: f32 = 12.0;
const MARK_GAP: f32 = 3.0;

/// The plan for `pages` pages of `w` × `h` points; `Err` says why the pages
/// do not go on the sheet.
pub fn plan(settings: &Settings, pages: usize, w: f32, h: f32) -> Result<Plan, String> {
    match settings.kind {
        Kind::None => Ok(Plan {
            width: w,
            height: h,
            sides: Vec::new(),
            duplex: settings.duplex,
            blanks: 0,
        }),
        Kind::Booklet => booklet(settings, pages, w, h),
        Kind::NUp => n_up(settings, pages, w, h),
    }
}

/// The booklet's reading order with blanks: the back cover stays last, the
/// blanks go before it. `None` for a blank.
pub fn booklet_sequence(pages: usize) -> Vec<Option<usize>> {
    let n = pages.max(1).div_ceil(4) * 4;
    let blanks = n - pages.max(1);
    let mut seq: Vec<Option<usize>> = (0..pages).map(Some).collect();
    if pages >= 2 {
        let back = seq.pop().flatten();
        seq.extend(std::iter::repeat_n(None, blanks));
        seq.push(back);
    } else {
        seq.resize(n, None);
    }
    seq
}

fn booklet(settings: &Settings, pages: usize, w: f32, h: f32) -> Result<Plan, String> {
    // A sheet twice the page, landscape, or the sheet asked for.
    let (sw, sh) = match settings.sheet {
        Some((a, b)) => (a.max(b), a.min(b)),
        None => (2.0 * w, h),
    };
    if 2.0 * w > sw + 0.5 || h > sh + 0.5 {
        return Err(format!(
            "two {:.0} × {:.0} mm pages side by side do not fit on a {:.0} × {:.0} mm sheet; choose a larger sheet or a smaller paper",
            w / MM,
            h / MM,
            sw / MM,
            sh / MM
        ));
    }
    let seq = booklet_sequence(pages);
    let n = seq.len();
    let sheets = n / 4;
    // The pages' corner: centred on the sheet, the spine in the middle.
    let (spine, y0) = (sw / 2.0, (sh - h) / 2.0);
    let mut sides = Vec::with_capacity(n / 2);
    for s in 0..sheets {
        // 1-based positions: front (n − 2s, 2s + 1), back (2s + 2, n − 2s − 1).
        let at = |pos: usize| seq[pos - 1];
        let shift = settings.creep * s as f32;
        let mut front = [at(n - 2 * s), at(2 * s + 1)];
        let mut back = [at(2 * s + 2), at(n - 2 * s - 1)];
        if settings.bound_right {
            front.reverse();
            back.reverse();
        }
        for (k, pair) in [front, back].into_iter().enumerate() {
            let turned = k == 1 && settings.duplex == Duplex::Long;
            // Left page, right page, each pushed towards the spine.
            let mut slots = vec![
                Slot {
                    page: pair[0],
                    x: spine - w + shift,
                    y: y0,
                    turned: false,
                },
                Slot {
                    page: pair[1],
                    x: spine - shift,
                    y: y0,
                    turned: false,
                },
            ];
            if turned {
                // Turned about the sheet's centre: the pages swap sides.
                for slot in &mut slots {
                    slot.x = sw - slot.x - w;
                    slot.y = sh - slot.y - h;
                    slot.turned = true;
                }
            }
            let mut marks = Vec::new();
            if settings.fold && y0 > MARK_GAP + 2.0 {
                let len = MARK.min(y0 - MARK_GAP);
                marks.push([(spine, 0.0), (spine, len)]);
                marks.push([(spine, sh - len), (spine, sh)]);
            }
            sides.push(Side { slots, marks });
        }
    }
    Ok(Plan {
        width: sw,
        height: sh,
        sides,
        duplex: settings.duplex,
        blanks: n - pages.max(1),
    })
}

fn n_up(settings: &Settings, pages: usize, w: f32, h: f32) -> Result<Plan, String> {
    let copies = settings.copies.max(1);
    let g = settings.gutter;
    let (a, b) = settings.sheet.unwrap_or(A4);
    // The grid of `copies` that fits, on the sheet upright or across.
    let fits = |sw: f32, sh: f32| {
        (1..=copies).find_map(|cols| {
            let rows = copies.div_ceil(cols);
            let gw = cols as f32 * w + (cols - 1) as f32 * g;
            let gh = rows as f32 * h + (rows - 1) as f32 * g;
            (cols * rows == copies && gw <= sw + 0.5 && gh <= sh + 0.5)
                .then_some((cols, rows, gw, gh))
        })
    };
    let (sw, sh, (cols, rows, gw, gh)) = fits(a.min(b), a.max(b))
        .map(|f| (a.min(b), a.max(b), f))
        .or_else(|| fits(a.max(b), a.min(b)).map(|f| (a.max(b), a.min(b), f)))
        .ok_or_else(|| {
            format!(
                "{copies} pages of {:.0} × {:.0} mm do not fit on a {:.0} × {:.0} mm sheet in a grid; choose fewer copies or a larger sheet",
                w / MM,
                h / MM,
                a / MM,
                b / MM
            )
        })?;
    let (x0, y0) = ((sw - gw) / 2.0, (sh - gh) / 2.0);
    // Each side: one page repeated, or the next `copies` pages.
    let side_count = if settings.repeat {
        pages
    } else {
        pages.div_ceil(copies)
    };
    let mut sides = Vec::with_capacity(side_count);
    for s in 0..side_count {
        let mut slots = Vec::with_capacity(copies);
        for r in 0..rows {
            for c in 0..cols {
                let i = r * cols + c;
                let page = if settings.repeat {
                    Some(s)
                } else {
                    Some(s * copies + i).filter(|&p| p < pages)
                };
                slots.push(Slot {
                    page,
                    x: x0 + c as f32 * (w + g),
                    // Rows from the top.
                    y: sh - y0 - (r + 1) as f32 * h - r as f32 * g,
                    turned: false,
                });
            }
        }
        // The backs of consecutive pages mirror across the sheet so each
        // lands behind its front (a long-edge turn swaps left and right).
        if !settings.repeat && s % 2 == 1 {
            for slot in &mut slots {
                match settings.duplex {
                    Duplex::Long => slot.x = sw - slot.x - w,
                    Duplex::Short => slot.y = sh - slot.y - h,
                }
            }
        }
        sides.push(Side {
            marks: cut_marks(&slots, w, h, (sw, sh)),
            slots,
        });
    }
    Ok(Plan {
        width: sw,
        height: sh,
        sides,
        duplex: settings.duplex,
        blanks: 0,
    })
}

/// Cut marks in line with every page edge, in the sheet's margin outside
/// the grid. Where the grid reaches the sheet's edge (A6 on A4 fills it),
/// the cuts between pages are marked inside the sheet instead, from 4 mm in
/// (where office printers start to print), over the pages' own margins.
fn cut_marks(slots: &[Slot], w: f32, h: f32, (sw, sh): (f32, f32)) -> Vec<[(f32, f32); 2]> {
    let mut xs: Vec<f32> = slots.iter().flat_map(|s| [s.x, s.x + w]).collect();
    let mut ys: Vec<f32> = slots.iter().flat_map(|s| [s.y, s.y + h]).collect();
    for v in [&mut xs, &mut ys] {
        v.sort_by(f32::total_cmp);
        v.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    }
    let (Some(&left), Some(&right), Some(&bottom), Some(&top)) =
        (xs.first(), xs.last(), ys.first(), ys.last())
    else {
        return Vec::new();
    };
    let room = MARK_GAP + 2.0;
    let inner = |v: f32, lo: f32, hi: f32| v > lo + 0.5 && v < hi - 0.5;
    let (edge, len) = (4.0 * MM, 3.0 * MM);
    let mut marks = Vec::new();
    for &x in &xs {
        if bottom > room {
            marks.push([
                (x, (bottom - MARK_GAP - MARK).max(0.0)),
                (x, bottom - MARK_GAP),
            ]);
        } else if inner(x, left, right) {
            marks.push([(x, edge), (x, edge + len)]);
        }
        if sh - top > room {
            marks.push([(x, top + MARK_GAP), (x, (top + MARK_GAP + MARK).min(sh))]);
        } else if inner(x, left, right) {
            marks.push([(x, sh - edge - len), (x, sh - edge)]);
        }
    }
    for &y in &ys {
        if left > room {
            marks.push([((left - MARK_GAP - MARK).max(0.0), y), (left - MARK_GAP, y)]);
        } else if inner(y, bottom, top) {
            marks.push([(edge, y), (edge + len, y)]);
        }
        if sw - right > room {
            marks.push([
                (right + MARK_GAP, y),
                ((right + MARK_GAP + MARK).min(sw), y),
            ]);
        } else if inner(y, bottom, top) {
            marks.push([(sw - edge - len, y), (sw - edge, y)]);
        }
    }
    marks
}

const MM: f32 = 72.0 / 25.4;
const A4: (f32, f32) = (210.0 * MM, 297.0 * MM);

#[cfg(test)]
mod tests {
    use super::*;

    const A5: (f32, f32) = (148.0 * MM, 210.0 * MM);

    fn booklet_of(pages: usize, creep: f32) -> Plan {
        let s = Settings {
            kind: Kind::Booklet,
            sheet: Some(A4),
            creep,
            ..Settings::default()
        };
        plan(&s, pages, A5.0, A5.1).unwrap()
    }

    /// The pages on each side as (left, right), 1-based, as the side is
    /// seen printed (a turned side read upside down).
    fn order(p: &Plan) -> Vec<(usize, usize)> {
        p.sides
            .iter()
            .map(|s| {
                let mut slots = s.slots.clone();
                slots.sort_by(|a, b| a.x.total_cmp(&b.x));
                if slots[0].turned {
                    slots.reverse();
                }
                let n = |s: &Slot| s.page.map_or(0, |p| p + 1);
                (n(&slots[0]), n(&slots[1]))
            })
            .collect()
    }

    #[test]
    fn eight_pages_go_on_two_sheets_in_saddle_stitch_order() {
        let p = booklet_of(8, 0.0);
        assert!((p.width - 842.0).abs() < 1.0 && (p.height - 595.3).abs() < 1.0);
        assert_eq!(order(&p), [(8, 1), (2, 7), (6, 3), (4, 5)]);
        // The backs are turned for a long-edge printer, the fronts not.
        assert!(p
            .sides
            .iter()
            .enumerate()
            .all(|(i, s)| s.slots[0].turned == (i % 2 == 1)));
        assert_eq!(p.blanks, 0);
    }

    #[test]
    fn a_booklet_bound_on_the_right_faces_its_pages_the_other_way() {
        let s = Settings {
            kind: Kind::Booklet,
            sheet: Some(A4),
            bound_right: true,
            ..Settings::default()
        };
        let p = plan(&s, 8, A5.0, A5.1).unwrap();
        // The cover (page 1) left of the back cover on the outer sheet; each
        // page's facing page on its left.
        assert_eq!(order(&p), [(1, 8), (7, 2), (3, 6), (5, 4)]);
    }

    #[test]
    fn ten_pages_are_padded_to_twelve_before_the_back_cover() {
        let seq = booklet_sequence(10);
        assert_eq!(seq.len(), 12);
        assert_eq!(seq[9], None);
        assert_eq!(seq[10], None);
        assert_eq!(seq[11], Some(9));
        assert_eq!(booklet_of(10, 0.0).blanks, 2);
    }

    #[test]
    fn creep_moves_inner_sheets_towards_the_spine() {
        let mm = 72.0 / 25.4;
        let p = booklet_of(12, 0.3 * mm);
        // Fronts of the outermost and innermost sheets: the right page.
        let right = |side: &Side| side.slots.iter().map(|s| s.x).fold(f32::MIN, f32::max);
        let (outer, inner) = (right(&p.sides[0]), right(&p.sides[4]));
        assert!((outer - inner - 0.6 * mm).abs() < 0.1, "{outer} {inner}");
    }

    #[test]
    fn four_a6_flyers_go_on_a4_with_cut_marks() {
        let s = Settings {
            kind: Kind::NUp,
            copies: 4,
            ..Settings::default()
        };
        let (w, h) = (105.0 * MM, 148.0 * MM);
        let p = plan(&s, 2, w, h).unwrap();
        assert_eq!(p.sides.len(), 2);
        assert!(p.sides.iter().all(|s| s.slots.len() == 4));
        assert!(p.sides[1].slots.iter().all(|s| s.page == Some(1)));
        // A6 fills A4 exactly: the cuts between them are marked inside the
        // sheet, at the middle of each edge.
        assert_eq!(p.sides[0].marks.len(), 4);
        let cards = Settings { copies: 8, ..s };
        let p = plan(&cards, 1, 85.0 * MM, 55.0 * MM).unwrap();
        assert_eq!(p.sides[0].slots.len(), 8);
        assert!(!p.sides[0].marks.is_empty());
        assert!(plan(&Settings { copies: 3, ..cards }, 1, 200.0 * MM, 200.0 * MM).is_err());
    }
}
