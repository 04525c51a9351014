//! Photos in the colour the job prints in. A grey photo is already grey
//! (see `assets::images`); here `colour = "gray"` turns every other photo
//! grey, and a printer's profile turns colour photos into its CMYK (through
//! moxcms, from the photo's own ICC profile or sRGB) within the total-ink
//! limit. Every photo's greatest total ink is measured on the way, for the
//! preflight.

use moxcms::{ColorProfile, Layout, RenderingIntent, TransformOptions};

use crate::assets::images::{cmyk_ink, cmyk_samples, darkest, max_total, Image, ImageData};
use crate::diag::{Error, Result};
use crate::press::{ImageColour, Output, Profile};

/// What a photo is written in, and the most ink any of its pixels carries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inked {
    pub space: Space,
    /// In %; for RGB, what it would be printed as plain black (unknown).
    pub max_ink: f32,
}

/// A photo's colour space in the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Space {
    Gray,
    Rgb,
    Cmyk,
}

impl Space {
    pub fn name(self) -> &'static str {
        match self {
            Space::Gray => "gray",
            Space::Rgb => "rgb",
            Space::Cmyk => "cmyk",
        }
    }
}

/// Quality of a photo written again as JPEG.
const QUALITY: u8 = 92;

/// What each photo becomes for the job: its new samples, if they change,
/// and what it is written as.
pub type Converted = Vec<(Option<ImageData>, Inked)>;

/// Works out each photo for `output`, over the cores; the photos are only
/// read (composition may read them meanwhile), and `apply` puts the new
/// samples in.
pub fn images(images: &[Image], output: &Output) -> Result<Converted> {
    let cmyk = match (output.colour, &output.profile) {
        (ImageColour::Cmyk, Some(p)) => Some(Converter::new(p, output.max_ink)?),
        _ => None,
    };
    crate::parallel::map(images, false, |img| convert(img, output, cmyk.as_ref()))
        .into_iter()
        .collect()
}

/// Puts the converted samples into the photos; returns what each is.
pub fn apply(images: &mut [Image], converted: Converted) -> Vec<Inked> {
    let mut out = Vec::with_capacity(images.len());
    for (img, (data, inked)) in images.iter_mut().zip(converted) {
        if let Some(data) = data {
            img.data = data;
            img.ink = inked.max_ink;
        }
        out.push(inked);
    }
    out
}

/// What `img` becomes: its new samples (if they change) and what they are.
fn convert(
    img: &Image,
    output: &Output,
    cmyk: Option<&Converter>,
) -> Result<(Option<ImageData>, Inked)> {
    let fail = |why: String| {
        Error::new(format!(
            "the photo {} of article `{}` {why}",
            img.file, img.article
        ))
    };
    let same = |space| {
        Ok((
            None,
            Inked {
                space,
                max_ink: img.ink,
            },
        ))
    };
    match space(&img.data) {
        Space::Gray => same(Space::Gray),
        Space::Cmyk if output.colour != ImageColour::Gray => same(Space::Cmyk),
        from => {
            if output.colour != ImageColour::Gray && (from != Space::Rgb || cmyk.is_none()) {
                return same(from);
            }
            let rgb = decode_rgb(img).ok_or_else(|| fail("could not be decoded again".into()))?;
            match cmyk {
                Some(conv) if output.colour != ImageColour::Gray => {
                    let (data, max_ink) = conv.convert(img, &rgb).map_err(fail)?;
                    Ok((
                        Some(data),
                        Inked {
                            space: Space::Cmyk,
                            max_ink,
                        },
                    ))
                }
                _ => {
                    let grey: Vec<u8> = rgb
                        .pixels
                        .chunks_exact(3)
                        .map(|p| luma(p[0], p[1], p[2]))
                        .collect();
                    let max_ink = darkest(&grey);
                    let data = encode(img, grey, 1).map_err(fail)?;
                    Ok((
                        Some(data),
                        Inked {
                            space: Space::Gray,
                            max_ink,
                        },
                    ))
                }
            }
        }
    }
}

fn space(data: &ImageData) -> Space {
    let n = match data {
        ImageData::Jpeg { components, .. } | ImageData::Raw { components, .. } => *components,
    };
    match n {
        1 => Space::Gray,
        4 => Space::Cmyk,
        _ => Space::Rgb,
    }
}

/// A photo's pixels as RGB, with the ICC profile its file carries.
struct Rgb {
    pixels: Vec<u8>,
    icc: Option<Vec<u8>>,
}

fn decode_rgb(img: &Image) -> Option<Rgb> {
    let pixels = img.width as usize * img.height as usize;
    match &img.data {
        ImageData::Jpeg {
            bytes,
            components: 4,
            adobe_inverted,
        } => {
            // CMYK as it would print on white paper, for a grey version.
            let cmyk = cmyk_samples(bytes, *adobe_inverted)?;
            let rgb: Vec<u8> = cmyk
                .chunks_exact(4)
                .flat_map(|p| {
                    let paper = |ink: u8| u32::from(255 - ink);
                    let k = paper(p[3]);
                    [0, 1, 2].map(|i| (paper(p[i]) * k / 255) as u8)
                })
                .collect();
            (rgb.len() == pixels * 3).then_some(Rgb {
                pixels: rgb,
                icc: None,
            })
        }
        ImageData::Jpeg { bytes, .. } => {
            let options = zune_jpeg::zune_core::options::DecoderOptions::default()
                .jpeg_set_out_colorspace(zune_jpeg::zune_core::colorspace::ColorSpace::RGB);
            let mut d = zune_jpeg::JpegDecoder::new_with_options(
                zune_jpeg::zune_core::bytestream::ZCursor::new(&bytes[..]),
                options,
            );
            let rgb = d.decode().ok()?;
            (rgb.len() == pixels * 3).then(|| Rgb {
                pixels: rgb,
                icc: d.icc_profile(),
            })
        }
        ImageData::Raw {
            components: 3,
            pixels: rgb,
        } => Some(Rgb {
            pixels: rgb.clone(),
            icc: img.icc.as_deref().map(<[u8]>::to_vec),
        }),
        ImageData::Raw { .. } => None,
    }
}

/// Grey from gamma-encoded RGB (Rec. 601 weights, as JPEG's own luma).
fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000) as u8
}

/// The photo's samples written the way it came: a JPEG as a JPEG (grey or
/// CMYK), raw samples as raw samples.
fn encode(img: &Image, samples: Vec<u8>, components: u8) -> std::result::Result<ImageData, String> {
    match &img.data {
        ImageData::Raw { .. } => Ok(ImageData::Raw {
            components,
            pixels: samples,
        }),
        ImageData::Jpeg { .. } => {
            let (w, h) = (
                u16::try_from(img.width).map_err(|_| "is too wide to write again")?,
                u16::try_from(img.height).map_err(|_| "is too tall to write again")?,
            );
            let kind = if components == 4 {
                jpeg_encoder::ColorType::Cmyk
            } else {
                jpeg_encoder::ColorType::Luma
            };
            let mut out = Vec::new();
            jpeg_encoder::Encoder::new(&mut out, QUALITY)
                .encode(&samples, w, h, kind)
                .map_err(|e| format!("could not be written again ({e})"))?;
            Ok(ImageData::Jpeg {
                bytes: out.into(),
                components,
                // The encoder writes CMYK the Adobe way, inverted.
                adobe_inverted: components == 4,
            })
        }
    }
}

/// RGB to the printer's CMYK.
struct Converter {
    profile: ColorProfile,
    max_ink: f32,
}

impl Converter {
    fn new(profile: &Profile, max_ink: f32) -> Result<Converter> {
        let profile = ColorProfile::new_from_slice(&profile.data).map_err(|e| {
            Error::new(format!(
                "the printer's profile {} cannot be used ({e})",
                profile.name
            ))
        })?;
        Ok(Converter { profile, max_ink })
    }

    /// The photo in CMYK within the ink limit, and the most ink it carries
    /// as written. A JPEG is written again as a JPEG; as compression moves
    /// samples a little, it is measured again and, if it went over the
    /// limit, converted to a lower one (after three tries it is written
    /// losslessly).
    fn convert(&self, img: &Image, rgb: &Rgb) -> std::result::Result<(ImageData, f32), String> {
        let source = rgb
            .icc
            .as_deref()
            .and_then(|icc| ColorProfile::new_from_slice(icc).ok())
            .filter(|p| p.color_space == moxcms::DataColorSpace::Rgb)
            .unwrap_or_else(ColorProfile::new_srgb);
        let options = TransformOptions {
            rendering_intent: RenderingIntent::Perceptual,
            ..TransformOptions::default()
        };
        let t = source
            .create_transform_8bit(Layout::Rgb, &self.profile, Layout::Rgba, options)
            .map_err(|e| format!("could not be converted to the printer's CMYK ({e})"))?;
        // Converted and limited a band of rows at a time, over the cores.
        let lossless = matches!(img.data, ImageData::Raw { .. });
        let mut limit = self.max_ink - if lossless { 0.0 } else { 2.0 };
        let band = (img.width as usize * 3 * 64).max(3);
        let bands: Vec<&[u8]> = rgb.pixels.chunks(band).collect();
        let converted = crate::parallel::map(&bands, bands.len() < 4, |src| {
            let mut dst = vec![0u8; src.len() / 3 * 4];
            t.transform(src, &mut dst)?;
            limit_ink(&mut dst, limit);
            Ok(dst)
        });
        let mut cmyk = Vec::with_capacity(rgb.pixels.len() / 3 * 4);
        for part in converted {
            let part: Vec<u8> = part.map_err(|e: moxcms::CmsError| {
                format!("could not be converted to the printer's CMYK ({e})")
            })?;
            cmyk.extend_from_slice(&part);
        }
        if lossless {
            let most = max_total(&cmyk);
            return Ok((encode(img, cmyk, 4)?, most));
        }
        // Taking ink off again from what was already limited takes it off
        // the original in the same proportions.
        for _ in 0..3 {
            let data = encode(img, cmyk.clone(), 4)?;
            let most = match &data {
                ImageData::Jpeg { bytes, .. } => cmyk_ink(bytes, true),
                ImageData::Raw { pixels, .. } => max_total(pixels),
            };
            if most <= self.max_ink {
                return Ok((data, most));
            }
            limit -= most - self.max_ink + 1.0;
            limit_ink(&mut cmyk, limit);
        }
        limit_ink(&mut cmyk, self.max_ink);
        let most = max_total(&cmyk);
        Ok((
            ImageData::Raw {
                components: 4,
                pixels: cmyk,
            },
            most,
        ))
    }
}

/// Takes cyan, magenta and yellow down in proportion wherever a pixel's
/// four inks add up to more than `max` %, keeping its black (what carries
/// the detail), as a press's under-colour removal does.
fn limit_ink(cmyk: &mut [u8], max: f32) {
    let max = (max * 2.55).floor() as u32;
    for p in cmyk.chunks_exact_mut(4) {
        let cmy = u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]);
        let k = u32::from(p[3]);
        if cmy + k <= max {
            continue;
        }
        let room = max.saturating_sub(k);
        for v in &mut p[..3] {
            *v = (u32::from(*v) * room / cmy.max(1)) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ink_limit_keeps_black_and_takes_colour_down() {
        let mut px = [255, 255, 255, 255, 10, 20, 30, 40];
        limit_ink(&mut px, 240.0);
        let total: u32 = px[..4].iter().map(|&v| u32::from(v)).sum();
        assert!(total as f32 / 2.55 <= 240.0, "{px:?}");
        assert_eq!(px[3], 255);
        assert_eq!(&px[4..], &[10, 20, 30, 40]);
    }

    /// A 16 × 16 CMYK JPEG of one ink mix (0 none … 255 solid), written
    /// the Adobe way, inverted, as Photoshop does.
    fn cmyk_jpeg(ink: [u8; 4]) -> Image {
        let px: Vec<u8> = (0..256).flat_map(|_| ink).collect();
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 95)
            .encode(&px, 16, 16, jpeg_encoder::ColorType::Cmyk)
            .unwrap();
        crate::assets::images::decode(&out).unwrap()
    }

    #[test]
    fn a_cmyk_jpeg_is_read_as_ink_and_turns_grey_as_it_would_print() {
        let cyan = cmyk_jpeg([255, 0, 0, 0]);
        assert!(matches!(
            cyan.data,
            ImageData::Jpeg {
                components: 4,
                adobe_inverted: true,
                ..
            }
        ));
        assert!((cyan.ink - 100.0).abs() < 3.0, "{}", cyan.ink);
        let rich = cmyk_jpeg([150, 150, 150, 255]);
        assert!(
            (rich.ink - 100.0 - 3.0 * 150.0 / 2.55).abs() < 4.0,
            "{}",
            rich.ink
        );
        // (The ink measured as the photo is proven, from the samples that
        // proved it, is the ink of its samples decoded again.)
        for img in [&cyan, &rich] {
            let ImageData::Jpeg { bytes, .. } = &img.data else {
                panic!("a JPEG");
            };
            assert_eq!(img.ink, cmyk_ink(bytes, true));
        }
        // As it comes, a CMYK photo stays CMYK …
        let mut same = [cyan.clone()];
        let converted = images(&same, &Output::plain()).unwrap();
        let out = apply(&mut same, converted);
        assert_eq!(out[0].space, Space::Cmyk);
        // … and in grey, cyan is a light grey and black is black.
        let grey = Output {
            colour: ImageColour::Gray,
            ..Output::plain()
        };
        let mut two = [cyan, cmyk_jpeg([0, 0, 0, 255])];
        let converted = images(&two, &grey).unwrap();
        let out = apply(&mut two, converted);
        assert!(out.iter().all(|o| o.space == Space::Gray));
        assert!((25.0..40.0).contains(&out[0].max_ink), "{}", out[0].max_ink);
        assert!(out[1].max_ink > 95.0, "{}", out[1].max_ink);
    }

    #[test]
    fn colour_goes_into_the_printers_cmyk_within_the_limit() {
        let Ok(icc) = std::fs::read("/usr/share/color/icc/ghostscript/default_cmyk.icc") else {
            return; // Ghostscript's profile is read where it is installed.
        };
        let profile = Profile {
            name: "gs".into(),
            data: icc.into(),
            components: 4,
        };
        let out = Output {
            colour: ImageColour::Cmyk,
            max_ink: 240.0,
            profile: Some(profile),
            ..Output::plain()
        };
        // Saturated blue and deep brown, as RGB PNG samples and as a JPEG.
        let rgb: Vec<u8> = (0..64)
            .flat_map(|i| {
                if i % 2 == 0 {
                    [20, 20, 200]
                } else {
                    [60, 30, 10]
                }
            })
            .collect();
        // Raw samples, with the profile the file carries if any.
        let tagged = |icc: Option<Vec<u8>>| Image {
            file: "x.png".into(),
            article: "a".into(),
            width: 8,
            height: 8,
            data: ImageData::Raw {
                components: 3,
                pixels: rgb.clone(),
            },
            ink: 0.0,
            icc: icc.map(Into::into),
        };
        let raw = tagged(None);
        let mut jpeg = Vec::new();
        jpeg_encoder::Encoder::new(&mut jpeg, 90)
            .encode(&rgb, 8, 8, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let jpeg = crate::assets::images::decode(&jpeg).unwrap();
        let mut both = [raw, jpeg];
        let converted = images(&both, &out).unwrap();
        let inked = apply(&mut both, converted);
        for (img, ink) in both.iter().zip(&inked) {
            assert_eq!(ink.space, Space::Cmyk);
            assert!(
                ink.max_ink <= 240.0 && ink.max_ink > 150.0,
                "{}",
                ink.max_ink
            );
            let measured = match &img.data {
                ImageData::Raw { pixels, .. } => max_total(pixels),
                ImageData::Jpeg { bytes, .. } => cmyk_ink(bytes, true),
            };
            assert!(measured <= 240.0, "{measured}");
        }
        // A photo's own profile is honoured: the same numbers in Adobe RGB
        // are other colours, and other inks.
        let adobe = ColorProfile::new_adobe_rgb().encode().unwrap();
        let mut pair = [tagged(None), tagged(Some(adobe))];
        let converted = images(&pair, &out).unwrap();
        apply(&mut pair, converted);
        let samples = |img: &Image| match &img.data {
            ImageData::Raw { pixels, .. } => pixels.clone(),
            ImageData::Jpeg { .. } => Vec::new(),
        };
        assert_ne!(samples(&pair[0]), samples(&pair[1]));
    }

    #[test]
    fn luma_is_weighted_as_the_eye_sees() {
        assert_eq!(luma(255, 255, 255), 255);
        assert!(luma(0, 255, 0) > luma(255, 0, 0) && luma(255, 0, 0) > luma(0, 0, 255));
    }
}
