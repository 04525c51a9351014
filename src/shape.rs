//! Shaping: a paragraph's runs into positioned glyphs with harfrust (kerning,
//! ligatures, marks), one font size per paragraph. Characters the chosen face
//! lacks fall back to the serif, then to the symbol face; a character no face
//! has is a warning.

use std::collections::HashMap;
use std::str::FromStr;

use rustc_hash::FxHashMap;

use harfrust::{Buffer, Direction, ShapePlan, ShaperFont};
use ttf_parser::Face;

use crate::assets::fonts::{FaceId, FontBook};
use crate::diag::{Error, Result, Warnings};
use crate::model::{Para, Run};

/// A paragraph's text and its glyphs, in logical order.
#[derive(Debug, Clone, Default)]
pub struct ShapedPara {
    pub text: String,
    pub size: f32,
    pub glyphs: Vec<Glyph>,
    /// Faces set at another size than the paragraph's, and the factor
    /// (fallback faces matched in size to the face they stand in for).
    pub scales: Scales,
    /// The paragraph runs right to left (by its language or its first
    /// letter).
    pub rtl: bool,
}

/// Faces set at another size than their paragraph's, and the factor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scales(pub Vec<(FaceId, f32)>);

impl Scales {
    /// The factor for `face` (1 for most).
    pub fn of(&self, face: FaceId) -> f32 {
        self.0.iter().find(|s| s.0 == face).map_or(1.0, |s| s.1)
    }
}

/// One glyph, measured in points at the paragraph's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Its face, a [`FaceId`] (kept small: a long document has millions).
    pub face: u16,
    pub gid: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset in the text where this glyph's cluster starts.
    pub cluster: u32,
    /// Its bidirectional embedding level (UAX #9): even runs left to right,
    /// odd right to left. Glyphs stay in logical order; lines are put in
    /// visual order once broken.
    pub level: u8,
}

impl Glyph {
    /// Where its cluster starts in the text.
    pub fn at(&self) -> usize {
        self.cluster as usize
    }

    /// Its face.
    pub fn face_id(&self) -> FaceId {
        usize::from(self.face)
    }
}

/// Face `id` of `book`, read for shaping when first asked for (checked
/// readable in [`Shaper::new`]; the built-in faces are tested to be).
fn face_in<'s, 'a>(
    faces: &'s [std::cell::OnceCell<Face<'a>>],
    book: &'a FontBook,
    id: FaceId,
) -> &'s Face<'a> {
    faces[id].get_or_init(|| {
        let data: &'a [u8] = &book.faces[id].data;
        Face::parse(data, 0)
            .or_else(|_| Face::parse(crate::assets::fonts::SERIF, 0))
            .unwrap_or_else(|_| unreachable!("the built-in serif is a font"))
    })
}

/// Bits in the table of [`simple`] characters, in blocks of 64.
const SIMPLE_BLOCKS: usize = 14;

/// Where `c` is in the table of simple characters, if it is one: a
/// character that is always a cluster of its own, so that a word of them
/// needs no cluster-by-cluster look-up. These are U+0000–U+02FF (Latin
/// letters and their accented forms, IPA and spacing modifiers: no
/// combining mark comes before U+0300) and the dashes, quotation marks,
/// bullets and ellipsis of U+2010–U+2027 and U+2030–U+205E (not the
/// zero-width joiners, the direction marks or the separators around
/// them).
fn simple(c: char) -> Option<usize> {
    match u32::from(c) {
        u @ 0..=0x2FF => Some(u as usize),
        u @ (0x2010..=0x2027 | 0x2030..=0x205E) => Some(0x300 + (u - 0x2000) as usize),
        _ => None,
    }
}

/// The simple character at place `i` of the table, if one is there.
fn simple_char(i: usize) -> Option<char> {
    let u = match i {
        0..=0x2FF => i as u32,
        _ => 0x2000 + (i - 0x300) as u32,
    };
    char::from_u32(u).filter(|&c| simple(c) == Some(i))
}

/// Words shaped in one face, language and direction, by their text.
type Words = FxHashMap<Box<str>, Box<[UnitGlyph]>>;

/// Shapes text with the faces of one build, caching shape plans.
pub struct Shaper<'a> {
    book: &'a FontBook,
    /// Each face, read for shaping when first needed (most builds use a few
    /// of the built-in faces).
    faces: Vec<std::cell::OnceCell<Face<'a>>>,
    /// Each face as the shaper reads it, when first needed.
    fonts: Vec<std::cell::OnceCell<harfrust::Font>>,
    /// Per face, which [`simple`] characters it has (or needs none for:
    /// spaces, controls), a bit each, read 64 at a time when first asked.
    simple: Vec<[std::cell::OnceCell<u64>; SIMPLE_BLOCKS]>,
    /// Shape plans by face, script, direction and language (a build uses
    /// a few: looked through, not hashed, for each word).
    plans: Plans,
    /// Shaped words by face, language and direction.
    words: HashMap<(FaceId, String, bool), Words>,
    /// The shaper's buffer, cleared for each word (its memory kept).
    buffer: Buffer,
}

impl<'a> Shaper<'a> {
    /// Prepares to shape with the faces of `book`; a face the shaper cannot
    /// read is an error here, before any is used.
    pub fn new(book: &'a FontBook) -> Result<Self> {
        let faces: Vec<std::cell::OnceCell<Face<'a>>> = book
            .faces
            .iter()
            .map(|_| std::cell::OnceCell::new())
            .collect();
        let fonts: Vec<std::cell::OnceCell<harfrust::Font>> = book
            .faces
            .iter()
            .map(|_| std::cell::OnceCell::new())
            .collect();
        for (i, f) in book.faces.iter().enumerate() {
            // A face given by the user is read now (its table directory:
            // cheap), and kept; the built-in ones when first used.
            if f.builtin {
                continue;
            }
            let data: &'a [u8] = &f.data;
            let (Ok(face), Some(font)) = (Face::parse(data, 0), shaping_font(&f.data)) else {
                return Err(Error::new(format!("font {} cannot be shaped", f.name)));
            };
            let _ = faces[i].set(face);
            let _ = fonts[i].set(font);
        }
        Ok(Shaper {
            book,
            faces,
            fonts,
            simple: book
                .faces
                .iter()
                .map(|_| std::array::from_fn(|_| std::cell::OnceCell::new()))
                .collect(),
            plans: Vec::new(),
            words: HashMap::new(),
            buffer: Buffer::new(),
        })
    }

    /// Face `id`, read for shaping.
    fn face(&self, id: FaceId) -> &Face<'a> {
        face_in(&self.faces, self.book, id)
    }

    /// The face a run asks for.
    pub fn face_of(&self, run: &Run) -> FaceId {
        self.book.face(&run.family, run.bold, run.italic)
    }

    /// Advance of `c` in `face` at `size`, if the face has it.
    pub fn char_advance(&self, face: FaceId, c: char, size: f32) -> Option<(u16, f32)> {
        let f = &self.face(face);
        let gid = f.glyph_index(c)?;
        let adv = f32::from(f.glyph_hor_advance(gid)?);
        Some((gid.0, adv * size / self.book.faces[face].units_per_em))
    }

    /// Shapes a paragraph; missing characters are reported against `article`.
    pub fn shape(&mut self, para: &Para, article: &str, warnings: &mut Warnings) -> ShapedPara {
        let size = para.style.size;
        let len: usize = para.runs.iter().map(|r| r.text.len()).sum();
        let mut out = ShapedPara {
            text: String::with_capacity(len),
            size,
            // (About a glyph a byte in most text: room made once.)
            glyphs: Vec::with_capacity(len),
            scales: Scales::default(),
            rtl: false,
        };
        for run in &para.runs {
            out.text.push_str(&run.text);
        }
        out.rtl = crate::text::is_rtl_paragraph(&para.lang, &out.text);
        let levels = levels(&out.text, out.rtl);
        let mut missing = Vec::new();
        let mut base = 0;
        for run in &para.runs {
            let chain = self.book.chain(&run.family, run.bold, run.italic);
            for (start, end, face) in self.segments(&run.text, &chain, &mut missing) {
                let scale = self.book.size_match(chain[0], face);
                if scale != 1.0 && out.scales.of(face) == 1.0 {
                    out.scales.0.push((face, scale));
                }
                // (A face keeps the first size it is set at in a paragraph.)
                let size = size * out.scales.of(face);
                // Each stretch of one direction is shaped in it.
                let mut from = base + start;
                while from < base + end {
                    let level = levels.as_ref().map_or(0, |l| l[from]);
                    let to = match &levels {
                        Some(l) => (from..base + end)
                            .find(|&i| l[i] != level && out.text.is_char_boundary(i))
                            .unwrap_or(base + end),
                        None => base + end,
                    };
                    self.shape_segment(
                        &out.text[from..to],
                        face,
                        &para.lang,
                        size,
                        (from, level),
                        &mut out.glyphs,
                    );
                    from = to;
                }
            }
            base += run.text.len();
        }
        if let Some(&c) = missing.first() {
            let more = match missing.len() {
                1 => String::new(),
                n => format!(
                    " and {} more ({})",
                    n - 1,
                    missing[1..].iter().take(8).collect::<String>()
                ),
            };
            warnings.push(
                Some(article),
                format!(
                    "no font has the character {c:?} (U+{:04X}){more}; it prints as a blank box: {}",
                    c as u32,
                    font_to_add(c)
                ),
            );
        }
        out
    }

    /// Whether `face` has the [`simple`] character `c` (or needs no glyph
    /// for it); false for any other character.
    fn has_simple(&self, face: FaceId, c: char) -> bool {
        let Some(i) = simple(c) else {
            return false;
        };
        let bits = self.simple[face][i / 64].get_or_init(|| {
            let f = self.face(face);
            (0..64).fold(0u64, |bits, bit| {
                let has = simple_char(i / 64 * 64 + bit).is_some_and(|c| {
                    c.is_whitespace() || c.is_control() || f.glyph_index(c).is_some()
                });
                bits | u64::from(has) << bit
            })
        });
        bits & 1 << (i % 64) != 0
    }

    /// Splits text into pieces that one face of the fallback chain can set.
    fn segments(
        &self,
        text: &str,
        chain: &[FaceId],
        missing: &mut Vec<char>,
    ) -> Vec<(usize, usize, FaceId)> {
        let mut segs: Vec<(usize, usize, FaceId)> = Vec::new();
        // Most text is Latin letters and punctuation the first face has,
        // which needs no look-ups: each word (with the space after it) of
        // them, after text in the first face or at the start, goes to it
        // whole; any other word cluster by cluster. (A space before a
        // simple character always ends a cluster.)
        let mut from = 0;
        while from < text.len() {
            let mut plain = segs.last().is_none_or(|s| s.2 == chain[0]);
            let mut to = text.len();
            let mut chars = text[from..].char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                plain = plain && self.has_simple(chain[0], c);
                if c == ' '
                    && chars
                        .peek()
                        .is_some_and(|&(_, next)| simple(next).is_some())
                {
                    to = from + i + 1;
                    break;
                }
            }
            match (plain, segs.last_mut()) {
                (true, Some(s)) => s.1 = to,
                (true, None) => segs.push((from, to, chain[0])),
                (false, _) => self.clusters(text, from..to, chain, missing, &mut segs),
            }
            from = to;
        }
        segs
    }

    /// Adds the clusters of `text[range]` to `segs`, each to the first face
    /// of `chain` that has it.
    fn clusters(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        chain: &[FaceId],
        missing: &mut Vec<char>,
        segs: &mut Vec<(usize, usize, FaceId)>,
    ) {
        use unicode_segmentation::UnicodeSegmentation;
        // A cluster (a letter with its marks, a conjunct's parts) goes whole
        // to the first face that has every character of it.
        let base = range.start;
        for (i, cluster) in text[range].grapheme_indices(true) {
            let i = base + i;
            let shown = |c: &char| {
                !(c.is_whitespace() || c.is_control() || crate::text::is_default_ignorable(*c))
            };
            let face = if !cluster.chars().any(|c| shown(&c)) {
                segs.last().map_or(chain[0], |s| s.2)
            } else {
                let has = |f: FaceId| {
                    cluster
                        .chars()
                        .filter(shown)
                        .all(|c| self.face(f).glyph_index(c).is_some())
                };
                // Punctuation and digits, which belong to no one script,
                // stay in the face of the letters before them (a comma in
                // Hebrew text in the Hebrew face), if it has them.
                let common = cluster.chars().filter(shown).all(|c| !c.is_alphabetic());
                let before = segs.last().map(|s| s.2).filter(|&f| common && has(f));
                match before.or_else(|| chain.iter().copied().find(|&f| has(f))) {
                    Some(f) => f,
                    None => {
                        // Set what can be set of it in the first face with
                        // its first letter; say which characters no font has.
                        for c in cluster.chars().filter(shown) {
                            if !chain.iter().any(|&f| self.face(f).glyph_index(c).is_some())
                                && !missing.contains(&c)
                            {
                                missing.push(c);
                            }
                        }
                        let first = cluster.chars().find(shown).unwrap_or(' ');
                        chain
                            .iter()
                            .copied()
                            .find(|&f| self.face(f).glyph_index(first).is_some())
                            .unwrap_or(chain[0])
                    }
                }
            };
            let end = i + cluster.len();
            match segs.last_mut() {
                Some(s) if s.2 == face => s.1 = end,
                _ => segs.push((i, end, face)),
            }
        }
    }

    /// Shapes text of one face word by word (a word with its trailing
    /// spaces), each distinct word once per face and language.
    fn shape_segment(
        &mut self,
        text: &str,
        face: FaceId,
        lang: &str,
        size: f32,
        (base, level): (usize, u8),
        out: &mut Vec<Glyph>,
    ) {
        let upem = self.book.faces[face].units_per_em;
        let scale = size / upem;
        let rtl = level % 2 == 1;
        // This face's, language's and direction's words, taken out while
        // shaping borrows self.
        let key = (face, lang.to_string(), rtl);
        let mut words = self.words.remove(&key).unwrap_or_default();
        // The face as the shaper reads it, made at the first word not yet
        // shaped (a few microseconds: not for every word).
        let font = self.fonts[face].get_or_init(|| {
            shaping_font(&self.book.faces[face].data)
                .or_else(|| shaping_font(&crate::bytes::Bytes::Static(crate::assets::fonts::SERIF)))
                .unwrap_or_else(|| unreachable!("the built-in serif is a font"))
        });
        let mut shaper: Option<ShaperFont> = None;
        let language = harfrust::Language::from_str(lang).ok();
        let mut start = 0;
        while start < text.len() {
            let rest = &text[start..];
            let word_end = rest.find(' ').unwrap_or(rest.len());
            let end = start + word_end + rest[word_end..].len()
                - rest[word_end..].trim_start_matches(' ').len();
            let word = &text[start..end];
            let glyphs = match words.get(word) {
                Some(glyphs) => glyphs,
                None => {
                    let shaper = shaper.get_or_insert_with(|| ShaperFont::new(font));
                    let f = face_in(&self.faces, self.book, face);
                    let glyphs = shape_word(
                        shaper,
                        f,
                        (&mut self.plans, &mut self.buffer),
                        word,
                        (face, lang, language.as_ref()),
                        rtl,
                    );
                    words.entry(word.into()).or_insert(glyphs.into())
                }
            };
            out.extend(glyphs.iter().map(|g| Glyph {
                face: face as u16,
                gid: g.gid,
                // A PDF viewer advances by the font's width table in whole
                // thousandths of an em; lay out with that width plus the
                // shaper's kerning, so the PDF needs no correction after every glyph.
                advance: pdf_width(g.natural, upem) * size / 1000.0 + g.kerning as f32 * scale,
                x_offset: g.x_offset as f32 * scale,
                y_offset: g.y_offset as f32 * scale,
                cluster: (base + start) as u32 + g.cluster,
                level,
            }));
            start = end;
        }
        self.words.insert(key, words);
    }
}

/// The face in `data` as harfrust reads it.
fn shaping_font(data: &crate::bytes::Bytes) -> Option<harfrust::Font> {
    match data {
        crate::bytes::Bytes::Static(b) => harfrust::Font::new(*b, 0),
        crate::bytes::Bytes::Shared(_) => {
            let b: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync> =
                std::sync::Arc::new(data.clone());
            harfrust::Font::new(b, 0)
        }
    }
}

/// A shape plan for each face, script, direction and language.
type Plans = Vec<(FaceId, Option<harfrust::Script>, bool, String, ShapePlan)>;

/// Shapes one word with harfrust, in font units; its glyphs in logical
/// order (a right-to-left word's the reverse of how they are drawn).
fn shape_word(
    shaper: &ShaperFont,
    f: &Face,
    (plans, buffer): (&mut Plans, &mut Buffer),
    text: &str,
    (face, lang, language): (FaceId, &str, Option<&harfrust::Language>),
    rtl: bool,
) -> Vec<UnitGlyph> {
    let direction = match rtl {
        true => Direction::RightToLeft,
        false => Direction::LeftToRight,
    };
    buffer.clear();
    buffer.push_str(text);
    buffer.set_direction(direction);
    buffer.set_language(language.cloned());
    buffer.guess_segment_properties();
    let script = buffer.script();
    let known = plans
        .iter()
        .position(|p| p.0 == face && p.1 == script && p.2 == rtl && p.3 == lang);
    let at = known.unwrap_or_else(|| {
        let plan = ShapePlan::new(shaper, direction, script, language, &[]);
        plans.push((face, script, rtl, lang.to_string(), plan));
        plans.len() - 1
    });
    let options = harfrust::ShapeOptions::new().plan(Some(&plans[at].4));
    // The plan is the one for the buffer's own direction and script, so
    // harfrust takes it; were it to refuse it, it makes its own.
    if harfrust::shape(shaper, buffer, options).is_err() {
        let _ = harfrust::shape(shaper, buffer, harfrust::ShapeOptions::new());
    }
    let mut glyphs: Vec<UnitGlyph> = buffer
        .glyph_infos()
        .iter()
        .zip(buffer.glyph_positions())
        .map(|(info, pos)| {
            let gid = info.glyph_id as u16;
            let natural = f
                .glyph_hor_advance(ttf_parser::GlyphId(gid))
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
        .collect();
    if rtl {
        glyphs.reverse();
    }
    glyphs
}

/// Which font to add for `c`, and how.
fn font_to_add(c: char) -> String {
    let script = match u32::from(c) {
        _ if crate::text::is_hangul(c) => Some(("Korean", "Noto Sans CJK KR")),
        0x3040..=0x30FF | 0x31F0..=0x31FF => Some(("Japanese", "Noto Sans CJK JP")),
        0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F => Some(("Chinese or Japanese", "Noto Sans CJK SC, TC or JP")),
        _ => None,
    };
    match script {
        Some((script, font)) => format!(
            "{script} needs a font mimeo does not build in; install {font} (on Debian or Ubuntu: apt install fonts-noto-cjk), which mimeo then finds, or name a font file with it under [fonts] and list that family in `fallback`"
        ),
        None => "name a font file that has it under [fonts] and list that family in `fallback` (or install one: mimeo looks among the installed fonts)".to_string(),
    }
}

/// Each byte's bidirectional level in `text`, a paragraph of base direction
/// right to left if `rtl`; none when all of it runs left to right.
fn levels(text: &str, rtl: bool) -> Option<Vec<u8>> {
    if !rtl && !text.chars().any(crate::text::is_right_to_left) {
        return None;
    }
    let base = match rtl {
        true => unicode_bidi::Level::rtl(),
        false => unicode_bidi::Level::ltr(),
    };
    let info = unicode_bidi::BidiInfo::new(text, Some(base));
    Some(info.levels.iter().map(|l| l.number()).collect())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Para, Role, Run};
    use crate::spec::BUILTIN_SERIF;
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

    #[test]
    fn words_the_first_face_has_are_one_piece_and_the_rest_falls_back() {
        let (_, book) = setup();
        let s = Shaper::new(&book).unwrap();
        let chain = book.chain(BUILTIN_SERIF, false, false);
        let mut missing = Vec::new();
        let text = "Rent up 12% (again): \"no\" - say tenants.";
        assert_eq!(
            s.segments(text, &chain, &mut missing),
            [(0, text.len(), chain[0])]
        );
        // A scissors sign, which the text face lacks, goes to another.
        let segs = s.segments("cut \u{2702} here", &chain, &mut missing);
        assert_eq!(segs.len(), 3, "{segs:?}");
        assert_ne!(segs[1].2, chain[0]);
        assert!(missing.is_empty());
        // Accented letters and curly quotes the text face has go whole too.
        let text = "“Él volvió”, dijo — año 1999… ‘ça’";
        assert_eq!(
            s.segments(text, &chain, &mut missing),
            [(0, text.len(), chain[0])]
        );
    }

    #[test]
    fn words_taken_whole_fall_where_clusters_would() {
        let (_, book) = setup();
        let s = Shaper::new(&book).unwrap();
        let chain = book.chain(BUILTIN_SERIF, false, false);
        for text in [
            "plain words, then “quotes” and año",
            "e\u{301}te with a combining accent; ç and c\u{327}",
            " \u{301}a mark after a space",
            "Arabic مرحبا بالعالم and back, then हिन्दी",
            "a scissors \u{2702} and ‼\u{FE0F} and a zero\u{200D}width joiner",
            "ʻokina ʼ and ˈstress, ‰ and ⁄ and ‐ ‑ ‒ – — ― ‖ ‗ ‘ ’ ‚ ‛ “ ” „ ‟ † ‡ • ‣ ․ ‥ … ‧",
            "\u{A0}no-break\u{AD}soft\r\nlines\t",
        ] {
            let (mut m1, mut m2) = (Vec::new(), Vec::new());
            let mut slow = Vec::new();
            s.clusters(text, 0..text.len(), &chain, &mut m1, &mut slow);
            assert_eq!(s.segments(text, &chain, &mut m2), slow, "{text}");
            assert_eq!(m1, m2, "{text}");
        }
    }

    #[test]
    fn the_table_of_simple_characters_holds_each_once() {
        for i in 0..SIMPLE_BLOCKS * 64 {
            if let Some(c) = simple_char(i) {
                assert_eq!(simple(c), Some(i));
            }
        }
        assert_eq!(simple('\u{300}'), None, "a combining mark");
        assert_eq!(simple('\u{200D}'), None, "the zero-width joiner");
        assert!(simple('\u{205E}').unwrap() < SIMPLE_BLOCKS * 64);
    }
}
