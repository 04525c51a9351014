//! The PNG preview: pages of the display list drawn with tiny-skia, glyphs
//! from the fonts' own outlines, photos from their decoded pixels, paints
//! as a soft proof of how the inks print (`proof`). Each page is drawn on
//! its own thread; it knows the display list and nothing before it.

mod proof;

use std::collections::HashMap;

use tiny_skia::{
    FillRule, FilterQuality, Paint as SkPaint, PathBuilder, Pattern, Pixmap, Rect, SpreadMode,
    Stroke, Transform,
};

use crate::assets::images::{Image, ImageData};
use crate::diag::{Error, Result};
use crate::display::{Document, Item, Page, TextRun};

/// The resolution of a preview unless asked otherwise, in dots per inch.
pub const DEFAULT_DPI: f32 = 72.0;
/// The highest resolution a preview may have.
pub const MAX_DPI: f32 = 1200.0;

/// Every page of `doc` as an RGBA pixmap at `dpi`, its trim only.
pub fn pages(doc: &Document, dpi: f32) -> Result<Vec<Pixmap>> {
    if !(1.0..=MAX_DPI).contains(&dpi) || !dpi.is_finite() {
        return Err(Error::new(format!(
            "a preview's resolution is from 1 to {MAX_DPI} dpi; {dpi} is not"
        )));
    }
    // Photos decoded once, for every page that shows them.
    let photos: Vec<Option<Pixmap>> = crate::parallel::map(&doc.images, false, |img| {
        photo(img, &proof::Proof::new(&doc.inks))
    });
    let proof = proof::Proof::new(&doc.inks);
    crate::parallel::map(&doc.pages, false, |page| {
        draw(page, doc, &photos, &proof, dpi / 72.0)
    })
    .into_iter()
    .collect()
}

/// Every page of `doc` as a PNG file's bytes: grey where every pixel is
/// (most pages of a black-and-white paper), else RGB; never transparent.
pub fn png(doc: &Document, dpi: f32) -> Result<Vec<Vec<u8>>> {
    let drawn = pages(doc, dpi)?;
    crate::parallel::map(&drawn, false, encode)
        .into_iter()
        .collect()
}

fn encode(page: &Pixmap) -> Result<Vec<u8>> {
    let px = page.pixels();
    let grey = px
        .iter()
        .all(|p| p.red() == p.green() && p.green() == p.blue());
    let (colour, samples): (png::ColorType, Vec<u8>) = if grey {
        (
            png::ColorType::Grayscale,
            px.iter().map(|p| p.red()).collect(),
        )
    } else {
        (
            png::ColorType::Rgb,
            px.iter()
                .flat_map(|p| [p.red(), p.green(), p.blue()])
                .collect(),
        )
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, page.width(), page.height());
    encoder.set_color(colour);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    let fail =
        |e: png::EncodingError| Error::new(format!("the preview cannot be encoded as PNG: {e}"));
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(&samples).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

/// Draws one page at `scale` pixels a point.
fn draw(
    page: &Page,
    doc: &Document,
    photos: &[Option<Pixmap>],
    proof: &proof::Proof,
    scale: f32,
) -> Result<Pixmap> {
    let w = (page.width * scale).round().max(1.0) as u32;
    let h = (page.height * scale).round().max(1.0) as u32;
    let mut pix = Pixmap::new(w, h).ok_or_else(|| {
        Error::new(format!(
            "a page of {w} × {h} pixels is too large to preview"
        ))
    })?;
    pix.fill(tiny_skia::Color::WHITE);
    let to_px = Transform::from_scale(scale, scale);
    let mut outlines = Outlines::new(doc);
    for item in &page.items {
        match item {
            Item::Link { .. } => {}
            Item::Text(run) => text(&mut pix, run, &mut outlines, proof, to_px),
            Item::Rule {
                from,
                to,
                width,
                paint,
            } => {
                let mut pb = PathBuilder::new();
                pb.move_to(from.0, from.1);
                pb.line_to(to.0, to.1);
                if let Some(path) = pb.finish() {
                    let stroke = Stroke {
                        width: *width,
                        ..Stroke::default()
                    };
                    pix.stroke_path(&path, &sk_paint(proof.rgb(*paint)), &stroke, to_px, None);
                }
            }
            Item::Fill {
                x,
                y,
                width,
                height,
                paint,
                ..
            } => {
                if let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) {
                    pix.fill_rect(rect, &sk_paint(proof.rgb(*paint)), to_px, None);
                }
            }
            Item::Image {
                index,
                x,
                y,
                width,
                height,
                clip,
                ..
            } => {
                let Some(Some(photo)) = photos.get(*index) else {
                    continue;
                };
                // The photo's pixels onto its frame, shown within the clip.
                let [cx, cy, cw, ch] = clip.unwrap_or([*x, *y, *width, *height]);
                let (x0, y0) = (cx.max(*x), cy.max(*y));
                let (x1, y1) = ((cx + cw).min(x + width), (cy + ch).min(y + height));
                let Some(shown) = Rect::from_ltrb(x0, y0, x1, y1) else {
                    continue;
                };
                let frame = Transform::from_row(
                    width / photo.width() as f32,
                    0.0,
                    0.0,
                    height / photo.height() as f32,
                    *x,
                    *y,
                );
                let quality = if (width * scale) < photo.width() as f32 {
                    FilterQuality::Bicubic
                } else {
                    FilterQuality::Bilinear
                };
                let paint = SkPaint {
                    shader: Pattern::new(photo.as_ref(), SpreadMode::Pad, quality, 1.0, frame),
                    anti_alias: true,
                    ..SkPaint::default()
                };
                pix.fill_rect(shown, &paint, to_px, None);
            }
        }
    }
    Ok(pix)
}

/// A solid paint of an sRGB colour.
fn sk_paint([r, g, b]: [u8; 3]) -> SkPaint<'static> {
    let mut p = SkPaint::default();
    p.set_color_rgba8(r, g, b, 255);
    p.anti_alias = true;
    p
}

/// A run's glyphs, each its outline filled.
fn text(
    pix: &mut Pixmap,
    run: &TextRun,
    outlines: &mut Outlines,
    proof: &proof::Proof,
    to_px: Transform,
) {
    let Some(upem) = outlines.units_per_em(run.font) else {
        return;
    };
    let paint = sk_paint(proof.rgb(run.paint));
    let em = run.size / upem;
    for g in &run.glyphs {
        let Some(path) = outlines.get(run.font, g.gid) else {
            continue;
        };
        // Font units (y up) to the page (y down), scaled across by Tz.
        let at = Transform::from_row(em * run.scale, 0.0, 0.0, -em, run.x + g.x, run.y - g.rise);
        pix.fill_path(path, &paint, FillRule::Winding, at.post_concat(to_px), None);
    }
}

/// Glyph outlines as paths, in font units, parsed as first needed.
struct Outlines<'a> {
    doc: &'a Document,
    faces: HashMap<usize, Option<ttf_parser::Face<'a>>>,
    paths: HashMap<(usize, u16), Option<tiny_skia::Path>>,
}

impl<'a> Outlines<'a> {
    fn new(doc: &'a Document) -> Self {
        Outlines {
            doc,
            faces: HashMap::new(),
            paths: HashMap::new(),
        }
    }

    fn face(&mut self, font: usize) -> Option<&ttf_parser::Face<'a>> {
        let doc = self.doc;
        self.faces
            .entry(font)
            .or_insert_with(|| {
                let data: &'a [u8] = &doc.fonts.get(font)?.data;
                ttf_parser::Face::parse(data, 0).ok()
            })
            .as_ref()
    }

    fn units_per_em(&mut self, font: usize) -> Option<f32> {
        self.face(font).map(|f| f32::from(f.units_per_em()))
    }

    fn get(&mut self, font: usize, gid: u16) -> Option<&tiny_skia::Path> {
        if !self.paths.contains_key(&(font, gid)) {
            let path = self.face(font).and_then(|f| {
                let mut b = Builder(PathBuilder::new());
                f.outline_glyph(ttf_parser::GlyphId(gid), &mut b)?;
                b.0.finish()
            });
            self.paths.insert((font, gid), path);
        }
        self.paths.get(&(font, gid)).and_then(Option::as_ref)
    }
}

/// ttf-parser's outline calls as a tiny-skia path.
struct Builder(PathBuilder);

impl ttf_parser::OutlineBuilder for Builder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

/// A photo's pixels as a pixmap (none if they cannot be read: the PDF
/// writer has had them, so this does not happen for a built document).
fn photo(img: &Image, proof: &proof::Proof) -> Option<Pixmap> {
    let (w, h) = (img.width, img.height);
    let rgb: Vec<[u8; 3]> = match &img.data {
        ImageData::Jpeg {
            bytes,
            components: 4,
            adobe_inverted,
        } => crate::assets::images::cmyk_samples(bytes, *adobe_inverted)?
            .chunks_exact(4)
            .map(|p| proof.cmyk_pixel([p[0], p[1], p[2], p[3]]))
            .collect(),
        _ => match crate::assets::images::pixels(img)? {
            (1, px) => px.into_iter().map(|v| [v, v, v]).collect(),
            (_, px) => px.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect(),
        },
    };
    if rgb.len() != w as usize * h as usize {
        return None;
    }
    let mut pix = Pixmap::new(w, h)?;
    for (px, [r, g, b]) in pix.pixels_mut().iter_mut().zip(rgb) {
        *px = tiny_skia::ColorU8::from_rgba(r, g, b, 255).premultiply();
    }
    Some(pix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colour::Paint;

    #[test]
    fn a_rule_and_a_tint_are_drawn_where_they_are() {
        let doc = Document {
            pages: vec![Page {
                width: 100.0,
                height: 50.0,
                items: vec![
                    Item::Fill {
                        x: 0.0,
                        y: 0.0,
                        width: 50.0,
                        height: 50.0,
                        paint: Paint::Gray(0.5),
                        label: String::new(),
                        bleed: false,
                    },
                    Item::Rule {
                        from: (60.0, 25.0),
                        to: (100.0, 25.0),
                        width: 4.0,
                        paint: Paint::BLACK,
                    },
                ],
            }],
            ..Document::default()
        };
        let pages = pages(&doc, 72.0).unwrap();
        let p = &pages[0];
        assert_eq!((p.width(), p.height()), (100, 50));
        let at = |x: u32, y: u32| p.pixel(x, y).unwrap();
        let tint = at(10, 10);
        assert!((120..170).contains(&tint.red()), "{tint:?}");
        assert_eq!(at(75, 10).red(), 255, "paper");
        assert!(at(75, 25).red() < 60, "the rule");
        assert!(pages_at(&doc, 0.0).is_err());
    }

    fn pages_at(doc: &Document, dpi: f32) -> Result<Vec<Pixmap>> {
        pages(doc, dpi)
    }
}
