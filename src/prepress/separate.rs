//! Separations for a risograph (or a screen printer): one greyscale page
//! list per ink, each grey the share of that ink, from the composite
//! display list. What is in another ink knocks out of this one (it prints
//! white here) unless it overprints (solid black type and rules, which keep
//! what is under them); registration marks print on every plate; photos go
//! on the ink the spec puts them in. Registration crosses are added to the
//! composite first, in the page's side margins, so they land at the same
//! place on every plate.

use crate::assets::images::{Image, ImageData};
use crate::colour::Paint;
use crate::display::{Document, Item, Page};
use crate::press::Halftone;

/// One ink's plate: its name and its pages, every paint a grey.
pub struct Plate {
    pub ink: String,
    pub doc: Document,
}

/// Length and weight of a registration cross's arms.
const CROSS: f32 = 10.0;
const CROSS_WEIGHT: f32 = 0.3;

/// Adds registration crosses to every page: halfway down, in the middle of
/// each side margin (`margin` is the narrower of the two).
pub fn add_crosses(doc: &mut Document, margin: f32) {
    for page in &mut doc.pages {
        let y = page.height / 2.0;
        for x in [margin / 2.0, page.width - margin / 2.0] {
            cross(page, x, y);
        }
    }
}

fn cross(page: &mut Page, x: f32, y: f32) {
    let r = CROSS / 2.0;
    for (from, to) in [((x - r, y), (x + r, y)), ((x, y - r), (x, y + r))] {
        page.items.push(Item::Rule {
            from,
            to,
            width: CROSS_WEIGHT,
            paint: Paint::Registration,
        });
    }
}

/// The plates: black first, then each of the document's inks.
/// `photos` is the ink photos print in (none: black), screened so.
pub fn plates(doc: &Document, photos: Option<usize>, halftone: Halftone) -> Vec<Plate> {
    let mut screened: Vec<Image> = doc.images.iter().map(|i| screen(i, halftone)).collect();
    let mut out = vec![Plate {
        ink: "black".into(),
        doc: plate(doc, None, photos),
    }];
    for (i, ink) in doc.inks.iter().enumerate() {
        out.push(Plate {
            ink: ink.name.clone(),
            doc: plate(doc, Some(i), photos),
        });
    }
    // Only the photos' plate carries them (the others have white in their
    // place).
    let on = photos.map_or(0, |i| i + 1);
    if let Some(p) = out.get_mut(on) {
        p.doc.images = std::mem::take(&mut screened);
    }
    out
}

/// A grey photo made of solid dots for a drum, as `halftone` says (left as
/// it is if it says none, or if it is not grey).
fn screen(img: &Image, halftone: Halftone) -> Image {
    if halftone == Halftone::None {
        return img.clone();
    }
    let (w, h) = (img.width as usize, img.height as usize);
    let grey = match &img.data {
        ImageData::Raw {
            components: 1,
            pixels,
        } => Some(pixels.clone()),
        ImageData::Jpeg {
            bytes,
            components: 1,
            ..
        } => {
            use zune_jpeg::zune_core::{
                bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions,
            };
            let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::Luma);
            zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(&bytes[..]), options)
                .decode()
                .ok()
        }
        _ => None,
    };
    let Some(mut grey) = grey.filter(|g| g.len() == w * h) else {
        return img.clone();
    };
    let done = (|| -> dithr::Result<()> {
        let mut buf = dithr::gray_u8(&mut grey, w, h, w)?;
        let mode = dithr::QuantizeMode::gray_bits(1)?;
        match halftone {
            Halftone::Dots => dithr::ordered::cluster_dot_8x8_in_place(&mut buf, mode),
            _ => dithr::diffusion::floyd_steinberg_in_place(&mut buf, mode),
        }
    })();
    if done.is_err() {
        return img.clone();
    }
    Image {
        data: ImageData::Raw {
            components: 1,
            pixels: grey,
        },
        ..img.clone()
    }
}

/// The share of plate `ink`'s ink (none: black) a paint carries, if any.
fn share(paint: Paint, ink: Option<usize>) -> Option<f32> {
    match (paint, ink) {
        (Paint::Registration, _) => Some(1.0),
        (Paint::Gray(k), None) => Some(k),
        // CMYK has no drum of its own: it prints in black as the grey it
        // comes nearest to.
        (Paint::Cmyk([c, m, y, k]), None) => Some(k.max(0.3 * c + 0.59 * m + 0.11 * y).min(1.0)),
        (Paint::Spot { ink: i, tint }, Some(p)) if i == p => Some(tint),
        _ => None,
    }
}

/// What a paint becomes on a plate: its grey, white (knocked out), or
/// nothing (it overprints).
fn on_plate(paint: Paint, ink: Option<usize>) -> Option<Paint> {
    match share(paint, ink) {
        Some(t) => Some(Paint::Gray(t)),
        None if paint.is_black() => None,
        None => Some(Paint::Gray(0.0)),
    }
}

fn plate(doc: &Document, ink: Option<usize>, photos: Option<usize>) -> Document {
    let pages = doc
        .pages
        .iter()
        .map(|p| Page {
            width: p.width,
            height: p.height,
            items: p
                .items
                .iter()
                .filter_map(|item| map(item, ink, photos))
                .collect(),
        })
        .collect();
    Document {
        title: doc.title.clone(),
        lang: doc.lang.clone(),
        fonts: doc.fonts.clone(),
        images: Vec::new(),
        inks: Vec::new(),
        pages,
        stories: Vec::new(),
    }
}

fn map(item: &Item, ink: Option<usize>, photos: Option<usize>) -> Option<Item> {
    Some(match item {
        Item::Link { .. } => return None,
        Item::Text(run) => {
            let mut run = run.clone();
            run.paint = on_plate(run.paint, ink)?;
            Item::Text(run)
        }
        Item::Rule {
            from,
            to,
            width,
            paint,
        } => Item::Rule {
            from: *from,
            to: *to,
            width: *width,
            paint: on_plate(*paint, ink)?,
        },
        Item::Fill {
            x,
            y,
            width,
            height,
            paint,
            label,
            bleed,
        } => Item::Fill {
            x: *x,
            y: *y,
            width: *width,
            height: *height,
            paint: on_plate(*paint, ink)?,
            label: label.clone(),
            bleed: *bleed,
        },
        // A photo prints on its ink's plate and knocks out of the others.
        Item::Image { .. } if ink == photos => item.clone(),
        Item::Image { bleed, .. } => {
            let [x, y, width, height] = item.area()?;
            Item::Fill {
                x,
                y,
                width,
                height,
                paint: Paint::Gray(0.0),
                label: String::new(),
                bleed: *bleed,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dithered_photo_is_solid_dots_in_the_same_proportion() {
        let pixels: Vec<u8> = (0..64 * 64).map(|i| (i % 64 * 4) as u8).collect();
        let img = Image {
            file: String::new(),
            article: String::new(),
            width: 64,
            height: 64,
            data: ImageData::Raw {
                components: 1,
                pixels: pixels.clone(),
            },
            ink: 100.0,
            icc: None,
        };
        for halftone in [Halftone::Dots, Halftone::Dither] {
            let ImageData::Raw { pixels: out, .. } = screen(&img, halftone).data else {
                panic!("raw samples")
            };
            assert!(out.iter().all(|&v| v == 0 || v == 255));
            let mean = |p: &[u8]| p.iter().map(|&v| f64::from(v)).sum::<f64>() / p.len() as f64;
            assert!((mean(&out) - mean(&pixels)).abs() < 12.0, "{halftone:?}");
        }
    }

    #[test]
    fn each_plate_has_its_own_ink_knocks_out_others_and_black_overprints() {
        let red = Paint::Spot { ink: 0, tint: 0.6 };
        assert_eq!(on_plate(red, Some(0)), Some(Paint::Gray(0.6)));
        assert_eq!(on_plate(red, None), Some(Paint::Gray(0.0)));
        assert_eq!(on_plate(Paint::BLACK, Some(0)), None);
        assert_eq!(on_plate(Paint::Gray(0.3), None), Some(Paint::Gray(0.3)));
        assert_eq!(on_plate(Paint::Gray(0.3), Some(0)), Some(Paint::Gray(0.0)));
        assert_eq!(
            on_plate(Paint::Registration, Some(0)),
            Some(Paint::Gray(1.0))
        );
    }
}
