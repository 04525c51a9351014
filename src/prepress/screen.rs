//! The screen edition's photos: none sharper than it shows at
//! [`SCREEN_PPI`](crate::press::SCREEN_PPI) where the page shows it
//! largest, each pixel of a smaller one the mean of those it covers, saved
//! again as a JPEG; grey photos stay grey, colour stays RGB.

use crate::assets::images::{pixels, Image, ImageData};
use crate::display::{Document, Item};

/// Quality of a downsampled photo's JPEG.
const QUALITY: u8 = 85;

/// Photos with more pixels than `ppi` needs are made smaller; returns how
/// many were.
pub fn downsample(doc: &mut Document, ppi: f32) -> usize {
    // The largest each photo is shown, in points.
    let mut shown = vec![(0.0f32, 0.0f32); doc.images.len()];
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Image {
                index,
                width,
                height,
                ..
            } = item
            {
                if let Some(s) = shown.get_mut(*index) {
                    *s = (s.0.max(*width), s.1.max(*height));
                }
            }
        }
    }
    let mut made = 0;
    for (img, (w, h)) in doc.images.iter_mut().zip(shown) {
        let want_w = (w / 72.0 * ppi).ceil().max(1.0) as u32;
        let want_h = (h / 72.0 * ppi).ceil().max(1.0) as u32;
        // Only where it saves a good deal.
        if w <= 0.0 || img.width <= want_w * 5 / 4 || img.height <= want_h * 5 / 4 {
            continue;
        }
        if let Some(smaller) = resize(img, want_w, want_h) {
            *img = smaller;
            made += 1;
        }
    }
    made
}

/// `img` at `w` × `h` pixels, each the mean of the pixels it covers.
fn resize(img: &Image, w: u32, h: u32) -> Option<Image> {
    let (components, px) = pixels(img)?;
    let n = usize::from(components);
    let (sw, sh) = (img.width as usize, img.height as usize);
    if px.len() != sw * sh * n {
        return None;
    }
    let (dw, dh) = (w as usize, h as usize);
    let mut out = vec![0u8; dw * dh * n];
    for y in 0..dh {
        let (y0, y1) = (y * sh / dh, ((y + 1) * sh).div_ceil(dh).min(sh));
        for x in 0..dw {
            let (x0, x1) = (x * sw / dw, ((x + 1) * sw).div_ceil(dw).min(sw));
            let count = ((y1 - y0) * (x1 - x0)).max(1) as u32;
            for c in 0..n {
                let mut sum = 0u32;
                for yy in y0..y1 {
                    let row = yy * sw;
                    for xx in x0..x1 {
                        sum += u32::from(px[(row + xx) * n + c]);
                    }
                }
                out[(y * dw + x) * n + c] = ((sum + count / 2) / count) as u8;
            }
        }
    }
    let colour = if n == 1 {
        jpeg_encoder::ColorType::Luma
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, QUALITY)
        .encode(&out, u16::try_from(w).ok()?, u16::try_from(h).ok()?, colour)
        .ok()?;
    Some(Image {
        width: w,
        height: h,
        data: ImageData::Jpeg {
            bytes: bytes.into(),
            components: components.min(3),
            adobe_inverted: false,
        },
        icc: None,
        ..img.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::display::Page;

    #[test]
    fn a_photo_is_made_as_small_as_it_shows() {
        let img = Image {
            file: "p.png".into(),
            article: "a".into(),
            width: 600,
            height: 300,
            data: ImageData::Raw {
                components: 3,
                pixels: vec![200; 600 * 300 * 3],
            },
            ink: 0.0,
            icc: None,
        };
        let mut doc = Document {
            images: vec![img],
            pages: vec![Page {
                width: 200.0,
                height: 200.0,
                items: vec![Item::Image {
                    index: 0,
                    x: 0.0,
                    y: 0.0,
                    width: 72.0,
                    height: 36.0,
                    clip: None,
                    bleed: false,
                    tag: None,
                }],
            }],
            ..Document::default()
        };
        assert_eq!(downsample(&mut doc, 150.0), 1);
        assert_eq!((doc.images[0].width, doc.images[0].height), (150, 75));
        let (n, px) = pixels(&doc.images[0]).unwrap();
        assert_eq!(n, 3);
        assert!(px.iter().all(|&v| v.abs_diff(200) <= 3));
        // Already small enough: left alone.
        assert_eq!(downsample(&mut doc, 150.0), 0);
    }
}
