//! The PDF backend: display list in, PDF bytes out, through printpdf. Fonts are
//! embedded as subsets with a ToUnicode map (every glyph carries its text, so
//! ligatures copy as their letters), JPEGs pass through untouched, every page
//! has a TrimBox, and the output is byte-for-byte deterministic.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use lopdf::{Object, StringFormat};
use printpdf::{
    Codepoint, Color, CurTransMat, DictItem, ExternalStream, ExternalXObject, FontId, Greyscale,
    Line, LinePoint, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, TextItem, TextMatrix, XObject, XObjectId, XObjectTransform,
};

use crate::assets::images::{Image, ImageData};
use crate::diag::{Error, Result};
use crate::display::{Document, Item, Page, TextRun};

/// Output settings that do not come from the document.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Seconds since 1970 for the creation date (`SOURCE_DATE_EPOCH`); none: no date.
    pub timestamp: Option<i64>,
}

const ID_PLACEHOLDER: &[u8; 32] = b"mimeo-document-identifier-000000";

/// Writes the document as PDF.
pub fn write(doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.title);
    let used = used_fonts(doc);
    for (i, font) in doc.fonts.iter().enumerate() {
        if !used.contains(&i) {
            continue;
        }
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&font.data, 0, &mut warnings).ok_or_else(|| {
            Error::new(format!(
                "font {} could not be prepared for embedding",
                font.name
            ))
        })?;
        pdf.resources
            .fonts
            .map
            .insert(font_id(i), PdfFont::new(parsed));
    }
    for (i, img) in doc.images.iter().enumerate() {
        pdf.resources
            .xobjects
            .map
            .insert(image_id(i), XObject::External(image_xobject(img)));
    }
    let widths = Widths::new(doc, &used);
    pdf.pages = doc.pages.iter().map(|p| page(p, &widths)).collect();

    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = printpdf::to_lopdf_doc(&pdf, &save, &mut warnings);
    // CID-keyed OpenType (CFF) font programs need PDF 1.6; /Lang needs 1.4.
    lo.version = "1.7".into();
    finish(&mut lo, doc, opts);
    compress(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::new(format!("could not write the PDF: {e}")))?;
    stamp_id(&mut bytes);
    Ok(bytes)
}

/// printpdf names each font by its id and uses the id as the subset tag, which
/// PDF wants as six capital letters (`AAAAAB+CharisSIL`).
/// Deflates every stream that allows it. (lopdf's own `compress` uses the
/// slowest level, which took nearly half of a long build for a few % smaller
/// files.) zlib-rs at level 4: 44,000 words write in ~115 ms instead of ~290.
fn compress(lo: &mut lopdf::Document) {
    use std::io::Write;
    for obj in lo.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        if !s.allows_compression || s.dict.has(b"Filter") || s.content.len() < 64 {
            continue;
        }
        let mut enc = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(s.content.len() / 3),
            flate2::Compression::new(4),
        );
        if enc.write_all(&s.content).is_err() {
            continue;
        }
        if let Ok(data) = enc.finish() {
            if data.len() < s.content.len() {
                s.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                s.set_content(data);
            }
        }
    }
}

fn font_id(i: usize) -> FontId {
    let mut tag = *b"MIMEOA";
    let (hi, lo) = (i / 26 % 26, i % 26);
    tag[4] = b'A' + hi as u8;
    tag[5] = b'A' + lo as u8;
    FontId(String::from_utf8_lossy(&tag).into_owned())
}

fn image_id(i: usize) -> XObjectId {
    XObjectId(format!("Im{i}"))
}

fn used_fonts(doc: &Document) -> std::collections::BTreeSet<usize> {
    doc.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(r) => Some(r.font),
            _ => None,
        })
        .collect()
}

fn page(p: &Page, widths: &Widths) -> PdfPage {
    let mut ops = Vec::new();
    let h = p.height;
    ops.push(Op::SetFillColor {
        col: Color::Greyscale(Greyscale::new(0.0, None)),
    });
    for item in &p.items {
        match item {
            Item::Text(run) => text(&mut ops, run, h, widths),
            Item::Rule {
                from,
                to,
                width,
                gray,
            } => {
                ops.push(Op::SetOutlineColor {
                    col: Color::Greyscale(Greyscale::new(*gray, None)),
                });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                let pt = |(x, y): (f32, f32)| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(h - y),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![pt(*from), pt(*to)],
                        is_closed: false,
                    },
                });
            }
            Item::Image {
                index,
                x,
                y,
                width,
                height,
            } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([*width, 0.0, 0.0, *height, *x, h - y - height]),
                });
                ops.push(Op::UseXobject {
                    id: image_id(*index),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..Default::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
        }
    }
    let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let rect = Rect::from_wh(Pt(p.width), Pt(p.height));
    page.media_box = rect.clone();
    page.trim_box = rect.clone();
    page.crop_box = rect;
    page
}

/// One text matrix per run, then one TJ array: after each glyph the viewer
/// advances by the font's `/W` width, so a number follows a glyph only where
/// the layout put the next glyph elsewhere (kerning, justified spaces).
fn text(ops: &mut Vec<Op>, run: &TextRun, h: f32, widths: &Widths) {
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font_id(run.font)),
        size: Pt(run.size),
    });
    let scaled = (run.scale - 1.0).abs() > 1e-4;
    if scaled {
        ops.push(Op::SetHorizontalScaling {
            percent: run.scale * 100.0,
        });
    }
    let mut i = 0;
    while i < run.glyphs.len() {
        // A change of rise (a raised mark) starts a new positioned piece.
        let rise = run.glyphs[i].rise;
        let end = run.glyphs[i..]
            .iter()
            .position(|g| g.rise != rise)
            .map_or(run.glyphs.len(), |n| i + n);
        let piece = &run.glyphs[i..end];
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(run.x + piece[0].x), Pt(h - run.y + rise)),
        });
        let codepoints = piece
            .iter()
            .enumerate()
            .map(|(k, g)| {
                let offset = match piece.get(k + 1) {
                    Some(next) => {
                        // Tz scales both the glyph widths and TJ numbers.
                        let wanted = (next.x - g.x) * 1000.0 / (run.size * run.scale);
                        let o = widths.get(run.font, g.gid) - wanted;
                        if o.abs() < 0.01 {
                            0.0
                        } else {
                            (o * 100.0).round() / 100.0
                        }
                    }
                    None => 0.0,
                };
                Codepoint::with_cid(g.gid, offset, g.text.clone())
            })
            .collect();
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(codepoints)],
        });
        i = end;
    }
    if scaled {
        ops.push(Op::SetHorizontalScaling { percent: 100.0 });
    }
    ops.push(Op::EndTextSection);
}

/// The `/W` widths the PDF will carry, per font and glyph.
struct Widths(Vec<Vec<f32>>);

impl Widths {
    fn new(doc: &Document, used: &std::collections::BTreeSet<usize>) -> Widths {
        let table = |data: &[u8]| -> Vec<f32> {
            let Ok(face) = ttf_parser::Face::parse(data, 0) else {
                return Vec::new();
            };
            let upem = f32::from(face.units_per_em());
            (0..face.number_of_glyphs())
                .map(|g| {
                    crate::shape::pdf_width(
                        face.glyph_hor_advance(ttf_parser::GlyphId(g))
                            .map_or(0, i32::from),
                        upem,
                    )
                })
                .collect()
        };
        Widths(
            doc.fonts
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    if used.contains(&i) {
                        table(&f.data)
                    } else {
                        Vec::new()
                    }
                })
                .collect(),
        )
    }

    fn get(&self, font: usize, gid: u16) -> f32 {
        self.0
            .get(font)
            .and_then(|t| t.get(usize::from(gid)))
            .copied()
            .unwrap_or(0.0)
    }
}

fn image_xobject(img: &Image) -> ExternalXObject {
    let mut dict = BTreeMap::new();
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    dict.insert("Type".into(), name("XObject"));
    dict.insert("Subtype".into(), name("Image"));
    dict.insert("Width".into(), DictItem::Int(i64::from(img.width)));
    dict.insert("Height".into(), DictItem::Int(i64::from(img.height)));
    dict.insert("BitsPerComponent".into(), DictItem::Int(8));
    let space = |n: u8| {
        name(match n {
            1 => "DeviceGray",
            4 => "DeviceCMYK",
            _ => "DeviceRGB",
        })
    };
    let (content, compress) = match &img.data {
        ImageData::Jpeg {
            bytes,
            components,
            adobe_inverted,
        } => {
            dict.insert("ColorSpace".into(), space(*components));
            dict.insert("Filter".into(), name("DCTDecode"));
            if *adobe_inverted {
                dict.insert(
                    "Decode".into(),
                    DictItem::Array(
                        [1, 0, 1, 0, 1, 0, 1, 0]
                            .iter()
                            .map(|&v| DictItem::Int(v))
                            .collect(),
                    ),
                );
            }
            (bytes.clone(), false)
        }
        ImageData::Raw { components, pixels } => {
            dict.insert("ColorSpace".into(), space(*components));
            (pixels.clone(), true)
        }
    };
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress,
        },
        width: None,
        height: None,
        dpi: None,
    }
}

/// Metadata printpdf does not write as we need it: language, dates only when
/// asked for, our producer, and a document ID derived from the content.
fn finish(lo: &mut lopdf::Document, doc: &Document, opts: &PdfOptions) {
    let text = |s: &str| Object::String(utf16(s), StringFormat::Hexadecimal);
    if let Ok(root) = lo.trailer.get(b"Root").and_then(Object::as_reference) {
        if let Ok(cat) = lo.get_object_mut(root).and_then(Object::as_dict_mut) {
            cat.set(
                "Lang",
                Object::String(doc.lang.as_bytes().to_vec(), StringFormat::Literal),
            );
            cat.remove(b"Metadata");
        }
    }
    if let Ok(info) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(d) = lo.get_object_mut(info).and_then(Object::as_dict_mut) {
            let keep: Vec<Vec<u8>> = d.iter().map(|(k, _)| k.clone()).collect();
            for k in keep {
                d.remove(&k);
            }
            d.set("Title", text(&doc.title));
            d.set(
                "Producer",
                text(concat!("mimeo ", env!("CARGO_PKG_VERSION"))),
            );
            d.set("Creator", text("mimeo"));
            if let Some(ts) = opts.timestamp {
                let date = pdf_date(ts);
                d.set(
                    "CreationDate",
                    Object::String(date.clone().into_bytes(), StringFormat::Literal),
                );
                d.set(
                    "ModDate",
                    Object::String(date.into_bytes(), StringFormat::Literal),
                );
            }
        }
    }
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Literal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
}

fn utf16(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since 1970 (UTC).
fn pdf_date(ts: i64) -> String {
    let days = ts.div_euclid(86_400);
    let secs = ts.rem_euclid(86_400);
    // Civil-from-days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "D:{y:04}{m:02}{d:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Replaces the placeholder ID with a hash of the file's bytes.
fn stamp_id(bytes: &mut [u8]) {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    let a = h.finish();
    a.rotate_left(17).hash(&mut h);
    let hex = format!("{a:016x}{:016x}", h.finish());
    let mut i = 0;
    while let Some(pos) = find(&bytes[i..], ID_PLACEHOLDER) {
        bytes[i + pos..i + pos + 32].copy_from_slice(hex.as_bytes());
        i += pos + 32;
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_in_pdf_form() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_700_000_000), "D:20231114221320Z");
    }

    #[test]
    fn the_id_is_stamped_from_the_content() {
        let mut a = b"x mimeo-document-identifier-000000 y".to_vec();
        let mut b = a.clone();
        stamp_id(&mut a);
        stamp_id(&mut b);
        assert_eq!(a, b);
        assert!(find(&a, ID_PLACEHOLDER).is_none());
    }
}
