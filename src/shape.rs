//! Shaping: a paragraph's runs into positioned glyphs with rustybuzz (kerning,
//! ligatures, marks), one font size per paragraph. Characters the chosen face
//! lacks fall back to the serif, then to the symbol face; a character no face
//! has is a warning.

use std::collections::HashMap;
use std::str::FromStr;

use rustybuzz::{Direction, Face, ShapePlan, UnicodeBuffer};

use crate::assets::fonts::{FaceId, FontBook};
use crate::diag::{Error, Result, Warnings};
use crate::model::{Para, Run};
use crate::spec::{BUILTIN_SERIF, BUILTIN_SYMBOLS};

/// A paragraph's text and its glyphs, in logical order.
#[derive(Debug, Clone, Default)]
pub struct ShapedPara {
    pub text: String,
    pub size: f32,
    pub glyphs: Vec<Glyph>,
}

/// One glyph, measured in points at the paragraph's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset in the text where this glyph's cluster starts.
    pub cluster: usize,
}

/// Shapes text with the faces of one build, caching shape plans.
pub struct Shaper<'a> {
    book: &'a FontBook,
    faces: Vec<Face<'a>>,
    plans: HashMap<(FaceId, String, String), ShapePlan>,
    /// Shaped words by face and language.
    words: HashMap<(FaceId, String), HashMap<String, Vec<UnitGlyph>>>,
}

impl<'a> Shaper<'a> {
    /// Prepares every face of `book` for shaping.
    pub fn new(book: &'a FontBook) -> Result<Self> {
        let faces = book
            .faces
            .iter()
            .map(|f| {
                Face::from_slice(&f.data, 0)
                    .ok_or_else(|| Error::new(format!("font {} cannot be shaped", f.name)))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Shaper {
            book,
            faces,
            plans: HashMap::new(),
            words: HashMap::new(),
        })
    }

    /// The face a run asks for.
    pub fn face_of(&self, run: &Run) -> FaceId {
        self.book.face(&run.family, run.bold, run.italic)
    }

    /// Advance of `c` in `face` at `size`, if the face has it.
    pub fn char_advance(&self, face: FaceId, c: char, size: f32) -> Option<(u16, f32)> {
        let f = &self.faces[face];
        let gid = f.glyph_index(c)?;
        let adv = f32::from(f.glyph_hor_advance(gid)?);
        Some((gid.0, adv * size / self.book.faces[face].units_per_em))
    }

    /// Shapes a paragraph; missing characters are reported against `article`.
    pub fn shape(&mut self, para: &Para, article: &str, warnings: &mut Warnings) -> ShapedPara {
        let size = para.style.size;
        let mut out = ShapedPara {
            text: String::new(),
            size,
            glyphs: Vec::new(),
        };
        for run in &para.runs {
            let base = out.text.len();
            out.text.push_str(&run.text);
            let wanted = self.face_of(run);
            let fallback = [
                wanted,
                self.book.face(BUILTIN_SERIF, run.bold, run.italic),
                self.book.face(BUILTIN_SERIF, false, false),
                self.book.face(BUILTIN_SYMBOLS, false, false),
            ];
            for (start, end, face) in self.segments(&run.text, &fallback, article, warnings) {
                self.shape_segment(
                    &run.text[start..end],
                    face,
                    &para.lang,
                    size,
                    base + start,
                    &mut out.glyphs,
                );
            }
        }
        out
    }

    /// Splits text into pieces that one face of the fallback chain can set.
    fn segments(
        &self,
        text: &str,
        chain: &[FaceId],
        article: &str,
        warnings: &mut Warnings,
    ) -> Vec<(usize, usize, FaceId)> {
        let mut segs: Vec<(usize, usize, FaceId)> = Vec::new();
        for (i, c) in text.char_indices() {
            let face = if c.is_whitespace() || c.is_control() || is_default_ignorable(c) {
                segs.last().map_or(chain[0], |s| s.2)
            } else {
                match chain
                    .iter()
                    .find(|&&f| self.faces[f].glyph_index(c).is_some())
                {
                    Some(&f) => f,
                    None => {
                        warnings.push(Some(article), format!("no font has the character {c:?} (U+{:04X}); it prints as a blank box", c as u32));
                        chain[0]
                    }
                }
            };
            match segs.last_mut() {
                Some(s) if s.2 == face => s.1 = i + c.len_utf8(),
                _ => segs.push((i, i + c.len_utf8(), face)),
            }
        }
        segs
    }

    /// Shapes text of one face word by word (a word with its trailing
    /// spaces), each distinct word once per face and language.
    fn shape_segment(
        &mut self,
        text: &str,
        face: FaceId,
        lang: &str,
        size: f32,
        base: usize,
        out: &mut Vec<Glyph>,
    ) {
        let upem = self.book.faces[face].units_per_em;
        let scale = size / upem;
        // This face's and language's words, taken out while shaping borrows self.
        let key = (face, lang.to_string());
        let mut words = self.words.remove(&key).unwrap_or_default();
        let mut start = 0;
        while start < text.len() {
            let rest = &text[start..];
            let word_end = rest.find(' ').unwrap_or(rest.len());
            let end = start + word_end + rest[word_end..].len()
                - rest[word_end..].trim_start_matches(' ').len();
            let word = &text[start..end];
            if !words.contains_key(word) {
                let glyphs = self.shape_word(word, face, lang);
                words.insert(word.to_string(), glyphs);
            }
            let glyphs = words.get(word).map_or(&[][..], Vec::as_slice);
            out.extend(glyphs.iter().map(|g| Glyph {
                face,
                gid: g.gid,
                // A PDF viewer advances by the font's width table in whole
                // thousandths of an em; lay out with that width plus the
                // shaper's kerning, so the PDF needs no correction after every glyph.
                advance: pdf_width(g.natural, upem) * size / 1000.0 + g.kerning as f32 * scale,
                x_offset: g.x_offset as f32 * scale,
                y_offset: g.y_offset as f32 * scale,
                cluster: base + start + g.cluster as usize,
            }));
            start = end;
        }
        self.words.insert(key, words);
    }

    /// Shapes one word with rustybuzz, in font units.
    fn shape_word(&mut self, text: &str, face: FaceId, lang: &str) -> Vec<UnitGlyph> {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(Direction::LeftToRight);
        if let Ok(l) = rustybuzz::Language::from_str(lang) {
            buffer.set_language(l);
        }
        buffer.guess_segment_properties();
        let script = buffer.script();
        let key = (face, format!("{:?}", script.tag()), lang.to_string());
        let f = &self.faces[face];
        let plan = self.plans.entry(key).or_insert_with(|| {
            let language = rustybuzz::Language::from_str(lang).ok();
            ShapePlan::new(
                f,
                Direction::LeftToRight,
                Some(script),
                language.as_ref(),
                &[],
            )
        });
        let shaped = rustybuzz::shape_with_plan(f, plan, buffer);
        shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| {
                let gid = info.glyph_id as u16;
                let natural = f
                    .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
                    .map_or(0, i32::from);
                UnitGlyph {
                    gid,
                    natural,
                    kerning: pos.x_advance - natural,
                    x_offset: pos.x_offset,
                    y_offset: pos.y_offset,
                    cluster: info.cluster,
                }
            })
            .collect()
    }
}

/// A shaped glyph in font units, as cached.
#[derive(Debug, Clone, Copy)]
struct UnitGlyph {
    gid: u16,
    /// The glyph's own advance, and what the shaper added (kerning).
    natural: i32,
    kerning: i32,
    x_offset: i32,
    y_offset: i32,
    /// Byte offset in the word.
    cluster: u32,
}

/// A glyph's width as the PDF's `/W` entry states it: thousandths of an em.
/// Layout and PDF use this one function, so the viewer's advance after each
/// glyph is exactly the layout's.
pub fn pdf_width(units: i32, units_per_em: f32) -> f32 {
    units as f32 * 1000.0 / units_per_em
}

/// Characters that print nothing and need no glyph (soft hyphen, joiners).
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Para, Role, Run};
    use std::path::Path;

    fn setup() -> (crate::spec::Spec, FontBook) {
        let raw = toml::from_str("").unwrap();
        let spec = crate::spec::resolve(Path::new("s.toml"), "".into(), raw).unwrap();
        let book = FontBook::load(&spec.families, &Default::default()).unwrap();
        (spec, book)
    }

    fn para(spec: &crate::spec::Spec, text: &str) -> Para {
        Para {
            role: Role::Body,
            style: spec.styles.body.clone(),
            lang: "en".into(),
            runs: vec![Run {
                text: text.into(),
                family: BUILTIN_SERIF.into(),
                bold: false,
                italic: false,
                link: None,
            }],
            counted_from: 0,
            first_indent: 0.0,
            left: 0.0,
            right: 0.0,
            marker: None,
            write_in: false,
        }
    }

    #[test]
    fn ligatures_form_and_clusters_point_into_the_text() {
        let (spec, book) = setup();
        let mut s = Shaper::new(&book).unwrap();
        let mut w = Warnings::default();
        let shaped = s.shape(&para(&spec, "office"), "t", &mut w);
        assert!(
            shaped.glyphs.len() < "office".len(),
            "expected an ffi ligature"
        );
        assert!(shaped
            .glyphs
            .windows(2)
            .all(|g| g[0].cluster <= g[1].cluster));
        assert!(w.0.is_empty());
    }

    #[test]
    fn missing_characters_are_warned_about() {
        let (spec, book) = setup();
        let mut s = Shaper::new(&book).unwrap();
        let mut w = Warnings::default();
        s.shape(&para(&spec, "tofu \u{1F600}"), "t", &mut w);
        assert_eq!(w.0.len(), 1);
        assert!(w.0[0].message.contains("U+1F600"));
    }
}
