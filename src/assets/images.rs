//! Photos: JPEG (decoded once to prove it whole, then kept as it is to go
//! into the PDF untouched) and PNG (decoded to 8-bit grey or RGB,
//! transparency flattened onto white paper). Sizes are checked before any
//! pixel is decoded, so a decompression bomb is refused, not unpacked.

use std::path::Path;

use super::proofs::{Frame, Key, Proofs};
use crate::diag::{Origin, Result};
use crate::files::{Allowed, MAX_IMAGE};

/// The most pixels a photo may have: 64 megapixels, a full tabloid page at
/// over 600 ppi.
pub const MAX_PIXELS: u64 = 64_000_000;

/// A photo ready to place.
#[derive(Debug, Clone)]
pub struct Image {
    /// The file it came from, as named, and the article it belongs to (for
    /// messages).
    pub file: String,
    pub article: String,
    /// Pixel width and height.
    pub width: u32,
    pub height: u32,
    pub data: ImageData,
    /// The most ink any pixel carries, in % (the darkest grey, or the
    /// largest sum of CMYK); 0 for RGB, which says nothing of ink.
    pub ink: f32,
    /// The ICC profile a PNG carries (a JPEG's is read from the file when
    /// it is converted).
    pub icc: Option<std::sync::Arc<[u8]>>,
}

/// The pixels, in the form the PDF writer embeds.
#[derive(Debug, Clone)]
pub enum ImageData {
    /// A JPEG file as it is (shared, never copied); `components` is 1
    /// (grey), 3 (RGB) or 4 (CMYK).
    Jpeg {
        bytes: crate::bytes::Bytes,
        components: u8,
        adobe_inverted: bool,
    },
    /// 8-bit samples, row by row: 1 (grey) or 3 (RGB) per pixel.
    Raw { components: u8, pixels: Vec<u8> },
}

/// Reads a photo; `origin` is where the article named it. The path must lie
/// inside the article's folder or an `allowed` one.
pub fn load(path: &Path, origin: &Origin, allowed: &Allowed) -> Result<Image> {
    load_cached(path, origin, allowed, &Decoded::default(), None)
}

/// Photos already decoded, by their bytes: a build that reads the same
/// file again (`mimeo watch`) takes the pixels from here.
#[derive(Default)]
pub struct Decoded(std::sync::Mutex<std::collections::HashMap<Key, (Image, bool)>>);

impl Decoded {
    /// Lets go of the photos the last build did not use, and starts
    /// counting afresh.
    pub fn sweep(&self) {
        if let Ok(mut m) = self.0.lock() {
            m.retain(|_, (_, used)| std::mem::take(used));
        }
    }
}

/// As [`load`], decoding only bytes `decoded` has not seen, and a JPEG
/// only if `proofs` has no proof of it.
pub fn load_cached(
    path: &Path,
    origin: &Origin,
    allowed: &Allowed,
    decoded: &Decoded,
    proofs: Option<&Proofs>,
) -> Result<Image> {
    let bytes = crate::bytes::Bytes::from(allowed.read(path, origin, "photo", MAX_IMAGE)?);
    let key = super::proofs::key(&bytes);
    let seen = decoded.0.lock().ok().and_then(|mut m| {
        let (img, used) = m.get_mut(&key)?;
        *used = true;
        Some(img.clone())
    });
    let mut img = match seen {
        Some(img) => img,
        None => {
            let img = decode_proven(&bytes, proofs.map(|p| (p, &key)))
                .map_err(|msg| origin.error(format!("{}: {msg}", path.display())))?;
            if let Ok(mut m) = decoded.0.lock() {
                m.insert(key, (img.clone(), true));
            }
            img
        }
    };
    img.file = path.display().to_string();
    Ok(img)
}

/// Refuses a photo of more than [`MAX_PIXELS`], before decoding it.
fn check_pixels(width: u32, height: u32) -> std::result::Result<(), String> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(format!(
            "the photo is {width} × {height} pixels ({:.0} megapixels); mimeo takes photos of up to {} megapixels: scale it down (300 ppi at its printed size is plenty)",
            pixels as f64 / 1e6,
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Decodes a whole JPEG, so a truncated or damaged one is refused before it
/// is embedded; returns its pixels (RGB for a three-component JPEG).
fn jpeg_check(bytes: &[u8], components: u8) -> std::result::Result<Vec<u8>, String> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    // Samples as the file has them: a grey photo decoded as grey is a third
    // of the memory of its RGB.
    let out = match components {
        1 => ColorSpace::Luma,
        4 => ColorSpace::CMYK,
        _ => ColorSpace::RGB,
    };
    let options = zune_jpeg::zune_core::options::DecoderOptions::default()
        .jpeg_set_out_colorspace(out)
        .set_strict_mode(true)
        .set_max_width(1 << 16)
        .set_max_height(1 << 16);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(
        zune_jpeg::zune_core::bytestream::ZCursor::new(bytes),
        options,
    );
    decoder
        .decode()
        .map_err(|e| format!("a damaged or truncated JPEG ({e}); export it again"))
}

/// No channel of any pixel differs from another by more than this (JPEG
/// compression of a grey photo leaves a little): the photo is grey.
const NEUTRAL: u8 = 4;

/// Whether RGB `pixels` are all grey.
fn is_neutral(pixels: &[u8]) -> bool {
    pixels.chunks_exact(3).all(|p| {
        let (lo, hi) = (p[0].min(p[1]).min(p[2]), p[0].max(p[1]).max(p[2]));
        hi - lo <= NEUTRAL
    })
}

/// The grey of RGB `pixels` (their mean), one byte a pixel.
fn to_grey(pixels: &[u8]) -> Vec<u8> {
    pixels
        .chunks_exact(3)
        .map(|p| ((u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2]) + 1) / 3) as u8)
        .collect()
}

/// The ink of the darkest of grey `pixels` (255 white), in %.
pub fn darkest(pixels: &[u8]) -> f32 {
    pixels
        .iter()
        .copied()
        .min()
        .map_or(0.0, |d| f32::from(255 - d) / 2.55)
}

/// A photo's pixels, decoded: grey (one byte a pixel) or RGB (three);
/// none for CMYK, or bytes that cannot be decoded.
pub fn pixels(img: &Image) -> Option<(u8, Vec<u8>)> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    match &img.data {
        ImageData::Raw { components, pixels } => Some((*components, pixels.clone())),
        ImageData::Jpeg {
            bytes, components, ..
        } => {
            let space = match components {
                1 => ColorSpace::Luma,
                3 => ColorSpace::RGB,
                _ => return None,
            };
            let options = zune_jpeg::zune_core::options::DecoderOptions::default()
                .jpeg_set_out_colorspace(space);
            let px = zune_jpeg::JpegDecoder::new_with_options(
                zune_jpeg::zune_core::bytestream::ZCursor::new(bytes),
                options,
            )
            .decode()
            .ok()?;
            Some((*components, px))
        }
    }
}

/// The greatest sum of a CMYK pixel's four inks (0 none … 255 solid), in %.
pub fn max_total(cmyk: &[u8]) -> f32 {
    let most = cmyk
        .chunks_exact(4)
        .map(|p| p.iter().map(|&v| u32::from(v)).sum::<u32>())
        .max()
        .unwrap_or(0);
    most as f32 / 2.55
}

/// A CMYK JPEG's samples as ink (0 none … 255 solid), whether the file
/// stores them inverted the Adobe way (`adobe`) or not.
pub fn cmyk_samples(bytes: &[u8], adobe: bool) -> Option<Vec<u8>> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    let options = zune_jpeg::zune_core::options::DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::CMYK);
    let mut p = zune_jpeg::JpegDecoder::new_with_options(
        zune_jpeg::zune_core::bytestream::ZCursor::new(bytes),
        options,
    )
    .decode()
    .ok()?;
    as_ink(&mut p, adobe);
    Some(p)
}

/// CMYK samples as decoded, made ink (0 none … 255 solid): an Adobe file
/// (`adobe`) stores them inverted.
fn as_ink(samples: &mut [u8], adobe: bool) {
    if adobe {
        samples.iter_mut().for_each(|v| *v = 255 - *v);
    }
}

/// The most ink of a CMYK JPEG's pixels, in %; 400 if it cannot be read
/// as CMYK.
pub fn cmyk_ink(bytes: &[u8], adobe: bool) -> f32 {
    cmyk_samples(bytes, adobe).map_or(400.0, |p| max_total(&p))
}

/// Quality of a grey photo written again as a one-component JPEG.
const GREY_QUALITY: u8 = 92;

/// A grey photo stored as an RGB JPEG, written again as a one-component
/// JPEG, so it prints on the black plate alone; `None` if it is not grey.
fn grey_jpeg(pixels: &[u8], width: u32, height: u32) -> Option<Vec<u8>> {
    if !is_neutral(pixels) {
        return None;
    }
    let (w, h) = (u16::try_from(width).ok()?, u16::try_from(height).ok()?);
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, GREY_QUALITY)
        .encode(&to_grey(pixels), w, h, jpeg_encoder::ColorType::Luma)
        .ok()?;
    Some(out)
}

/// Decodes JPEG or PNG bytes.
pub fn decode(bytes: &[u8]) -> std::result::Result<Image, String> {
    decode_proven(&crate::bytes::Bytes::from(bytes.to_vec()), None)
}

/// As [`decode`], but a JPEG with a proof (its bytes' `key` in `proofs`)
/// is not decoded again, and one decoded is given a proof.
fn decode_proven(
    bytes: &crate::bytes::Bytes,
    proofs: Option<(&Proofs, &Key)>,
) -> std::result::Result<Image, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let frame = jpeg_frame(bytes)?;
        if let Some(ink) = proofs.and_then(|(p, key)| p.get(key, &frame)) {
            return Ok(jpeg_image(frame, bytes.clone(), ink));
        }
        let (img, kept) = jpeg(bytes, frame)?;
        if let (Some((p, key)), true) = (proofs, kept) {
            p.put(key, &frame, img.ink);
        }
        Ok(img)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else {
        Err("not a JPEG or PNG image; expected a .jpg or .png file".into())
    }
}

/// Reads size and colour components from a JPEG's frame header (and
/// refuses a photo too large), decoding no pixel.
fn jpeg_frame(bytes: &[u8]) -> std::result::Result<Frame, String> {
    let bad = || "a damaged JPEG (no frame header found)".to_string();
    let mut i = 2;
    let mut adobe = false;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(bad());
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let seg = bytes.get(i + 4..i + 2 + len).ok_or_else(bad)?;
        if marker == 0xEE && seg.starts_with(b"Adobe") {
            adobe = true;
        }
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            if seg.len() < 6 {
                return Err(bad());
            }
            let height = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
            let width = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
            let components = seg[5];
            if width == 0 || height == 0 || !matches!(components, 1 | 3 | 4) || seg[0] != 8 {
                return Err("an unsupported JPEG (expected 8-bit grey, RGB or CMYK)".into());
            }
            check_pixels(width, height)?;
            return Ok(Frame {
                width,
                height,
                components,
                adobe,
            });
        }
        i += 2 + len;
    }
    Err(bad())
}

/// Decodes the JPEG `bytes` with `frame` whole, to prove it sound and find
/// its most ink; a grey photo stored as RGB is written again as grey.
/// Also says whether the photo is kept as it is (its bytes unchanged).
fn jpeg(bytes: &crate::bytes::Bytes, frame: Frame) -> std::result::Result<(Image, bool), String> {
    let Frame {
        width,
        height,
        components,
        adobe,
    } = frame;
    let mut pixels = jpeg_check(bytes, components)?;
    let grey = (components == 3 && pixels.len() == width as usize * height as usize * 3)
        .then(|| grey_jpeg(&pixels, width, height))
        .flatten();
    let ink = match (components, &grey) {
        (1, _) => darkest(&pixels),
        (3, Some(_)) => darkest(&to_grey(&pixels)),
        // (Decoded as CMYK already: not decoded again.)
        (4, _) => {
            as_ink(&mut pixels, adobe);
            max_total(&pixels)
        }
        _ => 0.0,
    };
    Ok(match grey {
        Some(bytes) => {
            let frame = Frame {
                components: 1,
                adobe: false,
                ..frame
            };
            (jpeg_image(frame, bytes.into(), ink), false)
        }
        None => (jpeg_image(frame, bytes.clone(), ink), true),
    })
}

/// A JPEG photo of `frame`, its `bytes` to go into the PDF as they are.
fn jpeg_image(frame: Frame, bytes: crate::bytes::Bytes, ink: f32) -> Image {
    Image {
        file: String::new(),
        article: String::new(),
        width: frame.width,
        height: frame.height,
        data: ImageData::Jpeg {
            bytes,
            components: frame.components,
            adobe_inverted: frame.adobe && frame.components == 4,
        },
        ink,
        icc: None,
    }
}

fn png(bytes: &[u8]) -> std::result::Result<Image, String> {
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: (MAX_PIXELS * 4) as usize,
        },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| match e {
        png::DecodingError::LimitsExceeded => {
            "the PNG is too large to decode; scale it down".to_string()
        }
        e => format!("a damaged PNG ({e})"),
    })?;
    let info = reader.info();
    check_pixels(info.width, info.height)?;
    let icc = info.icc_profile.as_deref().map(std::sync::Arc::from);
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("a damaged PNG ({e})"))?;
    buf.truncate(info.buffer_size());
    let (w, h) = (info.width, info.height);
    let over_white =
        |v: u8, a: u8| ((u16::from(v) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
    let (components, pixels) = match info.color_type {
        png::ColorType::Grayscale => (1, buf),
        png::ColorType::GrayscaleAlpha => (
            1,
            buf.chunks_exact(2)
                .map(|p| over_white(p[0], p[1]))
                .collect(),
        ),
        png::ColorType::Rgb => (3, buf),
        png::ColorType::Rgba => (
            3,
            buf.chunks_exact(4)
                .flat_map(|p| {
                    [
                        over_white(p[0], p[3]),
                        over_white(p[1], p[3]),
                        over_white(p[2], p[3]),
                    ]
                })
                .collect(),
        ),
        png::ColorType::Indexed => return Err("an indexed PNG that could not be expanded".into()),
    };
    // A grey photo prints on the black plate alone.
    let (components, pixels) = if components == 3 && is_neutral(&pixels) {
        (1, to_grey(&pixels))
    } else {
        (components, pixels)
    };
    let ink = if components == 1 {
        darkest(&pixels)
    } else {
        0.0
    };
    Ok(Image {
        file: String::new(),
        article: String::new(),
        width: w,
        height: h,
        data: ImageData::Raw { components, pixels },
        ink,
        icc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_an_image_is_refused() {
        assert!(decode(b"GIF89a....").is_err());
        assert!(decode(&[0xFF, 0xD8, 0xFF]).is_err());
    }

    /// A JPEG of `width` × 8 RGB pixels made by `pixel(x)`.
    fn rgb_jpeg(width: u16, pixel: impl Fn(u16) -> [u8; 3]) -> Vec<u8> {
        let data: Vec<u8> = (0..8).flat_map(|_| (0..width).flat_map(&pixel)).collect();
        let mut out = Vec::new();
        jpeg_encoder::Encoder::new(&mut out, 90)
            .encode(&data, width, 8, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    }

    #[test]
    fn a_grey_photo_in_rgb_is_written_as_grey() {
        let grey = rgb_jpeg(64, |x| [(x * 4) as u8; 3]);
        let img = decode(&grey).unwrap();
        let ImageData::Jpeg {
            bytes, components, ..
        } = &img.data
        else {
            panic!("expected a JPEG")
        };
        assert_eq!(*components, 1);
        // It is a one-component JPEG of the same size.
        let again = decode(bytes).unwrap();
        assert_eq!((again.width, again.height), (64, 8));
        assert!(matches!(again.data, ImageData::Jpeg { components: 1, .. }));
    }

    #[test]
    fn a_colour_photo_is_left_as_it_is() {
        let colour = rgb_jpeg(64, |x| if x < 32 { [200, 40, 40] } else { [90; 3] });
        let img = decode(&colour).unwrap();
        match img.data {
            ImageData::Jpeg {
                bytes, components, ..
            } => assert!(components == 3 && bytes[..] == colour[..]),
            ImageData::Raw { .. } => panic!("expected a JPEG"),
        }
    }

    /// A PNG of `width` × 1 pixels of `color`.
    fn png_row(color: png::ColorType, width: u32, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, width, 1);
        enc.set_color(color);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(data).unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn a_grey_png_in_rgb_is_written_as_grey() {
        let out = png_row(png::ColorType::Rgb, 2, &[10, 10, 10, 200, 201, 199]);
        match decode(&out).unwrap().data {
            ImageData::Raw { components, pixels } => {
                assert_eq!(components, 1);
                assert_eq!(pixels, vec![10, 200]);
            }
            ImageData::Jpeg { .. } => panic!("expected raw pixels"),
        }
    }

    #[test]
    fn png_round_trip() {
        let out = png_row(png::ColorType::Rgba, 2, &[255, 0, 0, 255, 0, 0, 0, 0]);
        let img = decode(&out).unwrap();
        assert_eq!((img.width, img.height), (2, 1));
        match img.data {
            ImageData::Raw { components, pixels } => {
                assert_eq!(components, 3);
                assert_eq!(pixels, vec![255, 0, 0, 255, 255, 255]);
            }
            ImageData::Jpeg { .. } => panic!("expected raw pixels"),
        }
    }
}
