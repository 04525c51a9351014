//! The preflight: what a print shop's check would find, page by page, read
//! off the display list. The most ink anywhere (paints and photos), the
//! colour spaces used, each photo's effective resolution at its printed
//! size, rules too thin to print, anything printed past the trim that was
//! not meant to bleed, and spot inks on a press that prints CMYK only. Each
//! finding names its page and article and says what to change; the
//! figures go into the report.

use serde::Serialize;

use super::convert::{Inked, Space};
use crate::colour::{Ink, Paint};
use crate::diag::Warnings;
use crate::display::{Document, Item};
use crate::press::Output;

/// A rule thinner than this may not print at all (0.25 pt).
pub const HAIRLINE: f32 = 0.25;

/// What the preflight found on one page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageCheck {
    pub page: usize,
    /// The most total ink of any mark, in %.
    pub max_ink: f32,
    /// Colour spaces and inks used: "gray", "cmyk", "rgb", spot ink names.
    pub colours: Vec<String>,
    pub photos: Vec<PhotoCheck>,
    /// The fonts the page's text is set in (every one is embedded, as a
    /// subset).
    pub fonts: Vec<String>,
    /// Solid black type overprints (always, in mimeo).
    pub black_overprints: bool,
}

/// A photo as placed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PhotoCheck {
    pub file: String,
    pub article: String,
    pub colour: &'static str,
    pub ppi: f32,
    pub max_ink: f32,
}

/// Checks page `n` (from 1) of `doc`; findings go into `warnings`.
pub fn check(
    n: usize,
    page: &crate::display::Page,
    doc: &Document,
    inked: &[Inked],
    output: &Output,
    warnings: &mut Warnings,
) -> PageCheck {
    let limit = output.max_ink;
    let newsprint = output.condition.is_some_and(|c| c.newsprint);
    let mut check = PageCheck {
        page: n,
        max_ink: 0.0,
        colours: Vec::new(),
        photos: Vec::new(),
        fonts: Vec::new(),
        black_overprints: true,
    };
    let mut uses = |name: &str| {
        if !check.colours.iter().any(|c| c == name) {
            check.colours.push(name.to_string());
        }
    };
    let mut most = 0.0f32;
    let mut over_paints: Vec<(Paint, &str)> = Vec::new();
    for item in &page.items {
        let (paint, what) = match item {
            Item::Link { .. } => continue,
            Item::Text(r) => {
                if let Some(f) = doc.fonts.get(r.font) {
                    if !check.fonts.contains(&f.name) {
                        check.fonts.push(f.name.clone());
                    }
                }
                (Some(r.paint), "type")
            }
            Item::Rule { paint, width, .. } => {
                if *width > 0.0 && *width < HAIRLINE - 1e-3 {
                    warnings.push(
                        None,
                        format!(
                            "page {n}: a rule of {width:.2}pt is thinner than {HAIRLINE}pt and may not print; make it {HAIRLINE}pt or more (under [rules])"
                        ),
                    );
                }
                (Some(*paint), "a rule")
            }
            Item::Fill { paint, label, .. } => {
                if paint.coverage() > limit + 0.05 {
                    warnings.push(
                        Some(label.as_str()),
                        format!(
                            "page {n}: the tinted box carries {:.0}% ink ({}) and the press takes at most {limit:.0}%; give it a lighter tint (tint = \"…\" in its placement or [colours] tint)",
                            paint.coverage(),
                            describe(paint, &doc.inks)
                        ),
                    );
                }
                (Some(*paint), "")
            }
            Item::Image { index, width, .. } => {
                if let (Some(img), Some(ink)) = (doc.images.get(*index), inked.get(*index)) {
                    uses(ink.space.name());
                    most = most.max(ink.max_ink);
                    let ppi = img.width as f32 / (width / 72.0);
                    photo(n, img, ink, ppi, output, warnings);
                    check.photos.push(PhotoCheck {
                        file: img.file.clone(),
                        article: img.article.clone(),
                        colour: ink.space.name(),
                        ppi: (ppi * 10.0).round() / 10.0,
                        max_ink: (ink.max_ink * 10.0).round() / 10.0,
                    });
                }
                (None, "")
            }
        };
        // Registration marks print in every ink by design.
        if let Some(p) = paint.filter(|p| *p != Paint::Registration) {
            uses(space_name(&p, &doc.inks));
            most = most.max(p.coverage());
            if !what.is_empty() && p.coverage() > limit + 0.05 && !over_paints.contains(&(p, what))
            {
                over_paints.push((p, what));
                warnings.push(
                    None,
                    format!(
                        "page {n}: {what} in {} carries {:.0}% ink and the press takes at most {limit:.0}%; choose a colour with less ink",
                        describe(&p, &doc.inks),
                        p.coverage()
                    ),
                );
            }
            if newsprint && matches!(p, Paint::Spot { .. }) {
                warnings.push(
                    None,
                    format!(
                        "page {n}: the spot ink {} prints on a plate of its own, and newspaper presses print CMYK only; give the colour in CMYK",
                        space_name(&p, &doc.inks)
                    ),
                );
            }
        }
        let bleeds = matches!(
            item,
            Item::Image { bleed: true, .. } | Item::Fill { bleed: true, .. }
        );
        if let Some(off) = past_trim(item, page.width, page.height).filter(|_| !bleeds) {
            warnings.push(
                None,
                format!(
                    "page {n}: {off} reaches past the trim, where nothing but a bleed may print; keep it inside the page"
                ),
            );
        }
    }
    if let Some(printer) = output.printer {
        riso_limits(n, page, doc, &printer, warnings);
    }
    check.max_ink = (most * 10.0).round() / 10.0;
    check
}

/// A printer's limits on one page: nothing in its unprintable edges, no
/// large area over its most ink. Each finding once per page and kind.
fn riso_limits(
    n: usize,
    page: &crate::display::Page,
    doc: &Document,
    printer: &crate::press::Printer,
    warnings: &mut Warnings,
) {
    const MM: f32 = 72.0 / 25.4;
    // Larger than this (about 2 × 2 cm) is a large area.
    const LARGE: f32 = 20.0 * MM * 20.0 * MM;
    let mut said = [false; 4];
    for item in &page.items {
        let Some([x0, y0, x1, y1]) = bounds(item) else {
            continue;
        };
        let what = describe_item(item, doc);
        let edges = [
            (
                y0 < printer.lead,
                "the leading (top) edge",
                printer.lead,
                "a larger top margin",
            ),
            (
                x0 < printer.sides || x1 > page.width - printer.sides,
                "a side",
                printer.sides,
                "larger side margins",
            ),
            (
                y1 > page.height - printer.tail,
                "the tail (bottom) edge",
                printer.tail,
                "a larger bottom margin",
            ),
        ];
        for (k, (hit, edge, limit, fix)) in edges.into_iter().enumerate() {
            if hit && !said[k] {
                said[k] = true;
                warnings.push(
                    None,
                    format!(
                        "page {n}: {what} comes within {:.0} mm of {edge}, where a {} prints nothing; give it {fix}",
                        limit / MM,
                        printer.name
                    ),
                );
            }
        }
        if let Item::Fill {
            paint,
            width,
            height,
            label,
            ..
        } = item
        {
            let share = match paint {
                Paint::Spot { tint, .. } => tint * 100.0,
                p => p.coverage().min(100.0),
            };
            if width * height > LARGE && share > printer.max_area + 0.05 && !said[3] {
                said[3] = true;
                warnings.push(
                    (!label.is_empty()).then_some(label.as_str()),
                    format!(
                        "page {n}: the tinted box is {share:.0}% ink over {:.0} cm², and a {} smears large areas above {:.0}%; make it {:.0}% or lighter",
                        width * height / (10.0 * MM * 10.0 * MM),
                        printer.name,
                        printer.max_area,
                        printer.max_area
                    ),
                );
            }
        }
    }
}

/// What an item covers (left, top, right, bottom, from the page's top left).
fn bounds(item: &Item) -> Option<[f32; 4]> {
    if let Some([x, y, w, h]) = item.area() {
        return Some([x, y, x + w, y + h]);
    }
    Some(match item {
        Item::Text(r) => {
            let last = r.glyphs.last()?;
            let first = r.glyphs.first()?;
            [
                r.x + first.x,
                r.y - r.size * 0.8,
                r.x + last.x + r.size * 0.6,
                r.y + r.size * 0.25,
            ]
        }
        Item::Rule {
            from, to, width, ..
        } => [
            from.0.min(to.0) - width / 2.0,
            from.1.min(to.1) - width / 2.0,
            from.0.max(to.0) + width / 2.0,
            from.1.max(to.1) + width / 2.0,
        ],
        Item::Fill { .. } | Item::Image { .. } | Item::Link { .. } => return None,
    })
}

/// An item in words, for a finding.
fn describe_item(item: &Item, doc: &Document) -> String {
    match item {
        Item::Text(r) => {
            let words: String = r.text.chars().take(24).collect();
            format!("the text “{}”", words.trim())
        }
        Item::Rule {
            paint: Paint::Registration,
            ..
        } => "a registration cross".into(),
        Item::Rule { .. } => "a rule".into(),
        Item::Fill { label, .. } if !label.is_empty() => format!("the tinted box of `{label}`"),
        Item::Fill { .. } => "a tinted box".into(),
        Item::Image { index, .. } => doc
            .images
            .get(*index)
            .map_or("a photo".into(), |i| format!("the photo {}", i.file)),
        Item::Link { url, .. } => format!("a link to {url}"),
    }
}

/// A photo's own findings: its resolution and its ink.
fn photo(
    n: usize,
    img: &crate::assets::images::Image,
    ink: &Inked,
    ppi: f32,
    output: &Output,
    warnings: &mut Warnings,
) {
    let article = (!img.article.is_empty()).then_some(img.article.as_str());
    if ppi < output.min_ppi {
        warnings.push(
            article,
            format!(
                "page {n}: the photo {} prints at {ppi:.0} ppi ({}×{} px); {:.0} ppi or more looks sharp: use a larger original or print it smaller",
                img.file, img.width, img.height, output.min_ppi
            ),
        );
    }
    if ink.space == Space::Cmyk && ink.max_ink > output.max_ink + 0.5 {
        warnings.push(
            article,
            format!(
                "page {n}: the photo {} carries up to {:.0}% ink and the press takes at most {:.0}%; name the printer's profile under [output] so mimeo converts it within the limit, or convert it again",
                img.file, ink.max_ink, output.max_ink
            ),
        );
    }
}

/// What prints past the trim, if the item does (a little slack for
/// rounding).
fn past_trim(item: &Item, w: f32, h: f32) -> Option<&'static str> {
    const SLACK: f32 = 0.5;
    let outside = |x0: f32, y0: f32, x1: f32, y1: f32| {
        x0 < -SLACK || y0 < -SLACK || x1 > w + SLACK || y1 > h + SLACK
    };
    match item {
        Item::Rule { from, to, .. } => outside(
            from.0.min(to.0),
            from.1.min(to.1),
            from.0.max(to.0),
            from.1.max(to.1),
        )
        .then_some("a rule"),
        Item::Text(_) | Item::Link { .. } => None,
        Item::Fill { .. } | Item::Image { .. } => {
            let [x, y, bw, bh] = item.area()?;
            let what = match item {
                Item::Image { .. } => "a photo",
                _ => "a tinted box",
            };
            outside(x, y, x + bw, y + bh).then_some(what)
        }
    }
}

/// The colour space or ink a paint is written in.
fn space_name<'i>(p: &Paint, inks: &'i [Ink]) -> &'i str {
    match p {
        Paint::Gray(_) => "gray",
        Paint::Cmyk(_) if p.is_gray() => "gray",
        Paint::Cmyk(_) => "cmyk",
        Paint::Spot { ink, .. } => inks.get(*ink).map_or("spot", |i| i.name.as_str()),
        Paint::Registration => "registration",
    }
}

/// A paint as the spec would write it.
fn describe(p: &Paint, inks: &[Ink]) -> String {
    let pc = |v: f32| (v * 100.0).round();
    match *p {
        Paint::Gray(k) => format!("gray {}%", pc(k)),
        Paint::Cmyk([c, m, y, k]) => format!("cmyk {} {} {} {}", pc(c), pc(m), pc(y), pc(k)),
        Paint::Spot { ink, tint } => format!(
            "{} {}%",
            inks.get(ink).map_or("spot", |i| i.name.as_str()),
            pc(tint)
        ),
        Paint::Registration => "registration".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::display::Page;

    fn doc(items: Vec<Item>) -> Document {
        Document {
            pages: vec![Page {
                width: 200.0,
                height: 300.0,
                items,
            }],
            ..Document::default()
        }
    }

    #[test]
    fn a_rich_black_box_and_a_hairline_are_found_on_their_page() {
        let d = doc(vec![
            Item::Fill {
                x: 10.0,
                y: 10.0,
                width: 50.0,
                height: 50.0,
                paint: Paint::Cmyk([0.6, 0.5, 0.9, 1.0]),
                label: "appeal".into(),
                bleed: false,
            },
            Item::Rule {
                from: (10.0, 100.0),
                to: (60.0, 100.0),
                width: 0.1,
                paint: Paint::BLACK,
            },
        ]);
        let mut w = Warnings::default();
        let out = Output {
            max_ink: 240.0,
            ..Output::plain()
        };
        let page = check(1, &d.pages[0], &d, &[], &out, &mut w);
        assert_eq!(page.max_ink, 300.0);
        assert_eq!(page.colours, ["cmyk", "gray"]);
        let said: Vec<String> = w.0.iter().map(ToString::to_string).collect();
        assert!(
            said.iter()
                .any(|s| s.contains("`appeal`") && s.contains("page 1") && s.contains("300%")),
            "{said:?}"
        );
        assert!(said.iter().any(|s| s.contains("0.10pt")), "{said:?}");
    }

    #[test]
    fn a_box_past_the_trim_is_found() {
        let d = doc(vec![Item::Fill {
            x: -9.0,
            y: 10.0,
            width: 50.0,
            height: 50.0,
            paint: Paint::Gray(0.1),
            label: String::new(),
            bleed: false,
        }]);
        let mut w = Warnings::default();
        check(1, &d.pages[0], &d, &[], &Output::plain(), &mut w);
        assert!(w.0.iter().any(|s| s.message.contains("past the trim")));
    }
}
