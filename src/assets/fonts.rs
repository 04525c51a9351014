//! Font faces: the defaults embedded in the binary (Charis SIL, League Spartan,
//! Noto Sans Symbols 2 for the symbols leaflets use: ✂ ☐ ☎ ✉, and the
//! faces for scripts Charis lacks: Annapurna SIL for Devanagari, Noto Serif
//! Bengali, Noto Serif Thai, Scheherazade for Arabic and Ezra SIL for Hebrew)
//! and the files a spec names, each checked to be a usable TrueType/OpenType face.

use crate::bytes::Bytes;
use std::path::Path;

use crate::diag::{Error, Result};
use crate::files::{Allowed, MAX_FONT};
use crate::spec::{FaceSource, Family};

/// The embedded faces, by file name (see `fonts/` for their licences).
const BUILTIN: [(&str, &[u8]); 16] = [
    (
        "CharisSIL-Regular.ttf",
        include_bytes!("../../fonts/charis/CharisSIL-Regular.ttf"),
    ),
    (
        "CharisSIL-Italic.ttf",
        include_bytes!("../../fonts/charis/CharisSIL-Italic.ttf"),
    ),
    (
        "CharisSIL-Bold.ttf",
        include_bytes!("../../fonts/charis/CharisSIL-Bold.ttf"),
    ),
    (
        "CharisSIL-BoldItalic.ttf",
        include_bytes!("../../fonts/charis/CharisSIL-BoldItalic.ttf"),
    ),
    (
        "LeagueSpartan-SemiBold.otf",
        include_bytes!("../../fonts/league-spartan/LeagueSpartan-SemiBold.otf"),
    ),
    (
        "LeagueSpartan-Bold.otf",
        include_bytes!("../../fonts/league-spartan/LeagueSpartan-Bold.otf"),
    ),
    (
        "NotoSansSymbols2-Regular.ttf",
        include_bytes!("../../fonts/noto-symbols/NotoSansSymbols2-Regular.ttf"),
    ),
    (
        "AnnapurnaSIL-Regular.ttf",
        include_bytes!("../../fonts/annapurna/AnnapurnaSIL-Regular.ttf"),
    ),
    (
        "AnnapurnaSIL-Bold.ttf",
        include_bytes!("../../fonts/annapurna/AnnapurnaSIL-Bold.ttf"),
    ),
    (
        "NotoSerifBengali-Regular.ttf",
        include_bytes!("../../fonts/noto-bengali/NotoSerifBengali-Regular.ttf"),
    ),
    (
        "NotoSerifBengali-Bold.ttf",
        include_bytes!("../../fonts/noto-bengali/NotoSerifBengali-Bold.ttf"),
    ),
    (
        "NotoSerifThai-Regular.ttf",
        include_bytes!("../../fonts/noto-thai/NotoSerifThai-Regular.ttf"),
    ),
    (
        "NotoSerifThai-Bold.ttf",
        include_bytes!("../../fonts/noto-thai/NotoSerifThai-Bold.ttf"),
    ),
    (
        "Scheherazade-Regular.ttf",
        include_bytes!("../../fonts/scheherazade/Scheherazade-Regular.ttf"),
    ),
    (
        "Scheherazade-Bold.ttf",
        include_bytes!("../../fonts/scheherazade/Scheherazade-Bold.ttf"),
    ),
    ("SILEOT.ttf", include_bytes!("../../fonts/ezra/SILEOT.ttf")),
];

/// The built-in serif's regular face: the face of last resort.
pub const SERIF: &[u8] = BUILTIN[0].1;

/// Index of a face in a [`FontBook`].
pub type FaceId = usize;

/// One face's program and the metrics layout needs.
#[derive(Debug, Clone)]
pub struct FaceData {
    /// A readable name (file name).
    pub name: String,
    /// The font file's bytes.
    pub data: Bytes,
    /// Design units per em.
    pub units_per_em: f32,
    /// Height of its lower-case Latin letters, in ems (0 if it does not say).
    pub x_height: f32,
    /// Built into mimeo (the same bytes in every build of this binary).
    pub builtin: bool,
}

/// All faces of a build, by family and variant.
#[derive(Debug, Clone, Default)]
pub struct FontBook {
    /// The faces, in the order first needed.
    pub faces: Vec<FaceData>,
    /// Family name → faces for regular, italic, bold, bold italic.
    families: Vec<(String, [FaceId; 4])>,
    /// Family name → the families it falls back on, in order.
    fallbacks: Vec<(String, Vec<String>)>,
    /// Faces found installed on this machine for characters no other face
    /// has (Chinese, Japanese, Korean…), last in every chain but the symbols.
    system: Vec<FaceId>,
}

impl FontBook {
    /// Loads every face of every family, failing on the first file that is not a font.
    pub fn load(families: &[Family], allowed: &Allowed) -> Result<FontBook> {
        let mut book = FontBook::default();
        let mut sources: Vec<String> = Vec::new();
        for fam in families {
            let mut ids = [0; 4];
            for (slot, src) in [&fam.regular, &fam.italic, &fam.bold, &fam.bold_italic]
                .into_iter()
                .enumerate()
            {
                let key = match src {
                    FaceSource::Builtin(n) => format!("builtin:{n}"),
                    FaceSource::File(p, _) => format!("file:{}", p.display()),
                };
                ids[slot] = match sources.iter().position(|k| *k == key) {
                    Some(i) => i,
                    None => {
                        book.faces.push(load_face(src, allowed)?);
                        sources.push(key);
                        book.faces.len() - 1
                    }
                };
            }
            book.families.push((fam.name.clone(), ids));
            if !fam.fallback.is_empty() {
                book.fallbacks
                    .push((fam.name.clone(), fam.fallback.clone()));
            }
        }
        Ok(book)
    }

    /// The faces to set a character of `family` in, in the order tried: the
    /// family's own face, those of its fallbacks, then the built-in serif,
    /// the built-in faces for other scripts and the symbols, each of the
    /// weight (and slant, where it has one) asked for.
    pub fn chain(&self, family: &str, bold: bool, italic: bool) -> Vec<FaceId> {
        use crate::spec::{BUILTIN_SCRIPTS, BUILTIN_SERIF, BUILTIN_SYMBOLS};
        let mut out = vec![self.face(family, bold, italic)];
        let mut push = |f: FaceId| {
            if !out.contains(&f) {
                out.push(f);
            }
        };
        if let Some((_, names)) = self.fallbacks.iter().find(|(n, _)| n == family) {
            for n in names {
                push(self.face(n, bold, italic));
            }
        }
        push(self.face(BUILTIN_SERIF, bold, italic));
        push(self.face(BUILTIN_SERIF, false, false));
        for (name, _, _) in BUILTIN_SCRIPTS {
            if self.families.iter().any(|(n, _)| n == name) {
                push(self.face(name, bold, false));
            }
        }
        for &f in &self.system {
            push(f);
        }
        push(self.face(BUILTIN_SYMBOLS, false, false));
        out
    }

    /// The size, relative to the paragraph's, to set `face` at where it
    /// stands in for `primary` (the first face of the chain): its lower-case
    /// letters as tall as the primary's, as fontspec's `MatchLowercase`
    /// does. A script face's own Latin letters are drawn to go with its
    /// script, so they are the yardstick. Kept within 0.8–1.4 (lines must
    /// not collide on the grid), and 1 for the symbols and where the
    /// difference is under 3 %.
    pub fn size_match(&self, primary: FaceId, face: FaceId) -> f32 {
        if primary == face || face == self.face(crate::spec::BUILTIN_SYMBOLS, false, false) {
            return 1.0;
        }
        let (Some(p), Some(f)) = (self.faces.get(primary), self.faces.get(face)) else {
            return 1.0;
        };
        if p.x_height <= 0.0 || f.x_height <= 0.0 {
            return 1.0;
        }
        let ratio = (p.x_height / f.x_height).clamp(0.8, 1.4);
        if (ratio - 1.0).abs() < 0.03 {
            1.0
        } else {
            ratio
        }
    }

    /// Finds, among the fonts installed on this machine, faces for the
    /// characters in `chars` that none of the book's faces has, and adds
    /// them at the end of every fallback chain; returns their names. The
    /// lookup happens only if some character is missing.
    pub fn add_system_faces(&mut self, chars: &std::collections::BTreeSet<char>) -> Vec<String> {
        let shown = |c: &&char| {
            !(c.is_whitespace()
                || c.is_control()
                || c.is_ascii()
                || crate::text::is_default_ignorable(**c))
        };
        let parsed: Vec<Option<ttf_parser::Face>> = self
            .faces
            .iter()
            .map(|f| ttf_parser::Face::parse(&f.data, 0).ok())
            .collect();
        let mut missing: std::collections::BTreeSet<char> = chars
            .iter()
            .filter(shown)
            .copied()
            .filter(|&c| !parsed.iter().flatten().any(|f| f.glyph_index(c).is_some()))
            .collect();
        drop(parsed);
        // Characters no installed font has, as found before in this process.
        static NOWHERE: std::sync::Mutex<std::collections::BTreeSet<char>> =
            std::sync::Mutex::new(std::collections::BTreeSet::new());
        if let Ok(nowhere) = NOWHERE.lock() {
            missing.retain(|c| !nowhere.contains(c));
        }
        if missing.is_empty() {
            return Vec::new();
        }
        // Read once a process (`mimeo watch` builds again and again).
        static SYSTEM: std::sync::OnceLock<fontdb::Database> = std::sync::OnceLock::new();
        let db = SYSTEM.get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            db
        });
        // In a fixed order (by file), so a build is the same on a machine
        // that stays the same; only a collection's first face (which
        // mimeo can read) is tried.
        let mut faces: Vec<(std::path::PathBuf, String, fontdb::ID)> = db
            .faces()
            .filter(|f| f.index == 0)
            .filter_map(|f| match &f.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => Some((
                    p.clone(),
                    f.families.first().map(|n| n.0.clone()).unwrap_or_default(),
                    f.id,
                )),
                fontdb::Source::Binary(_) => None,
            })
            .collect();
        faces.sort_by(|a, b| a.0.cmp(&b.0));
        faces.dedup_by(|a, b| a.0 == b.0);
        let mut added = Vec::new();
        while !missing.is_empty() {
            // The face that has most of what is still missing.
            let best = faces
                .iter()
                .filter_map(|(path, name, id)| {
                    let n = db.with_face_data(*id, |data, _| {
                        ttf_parser::Face::parse(data, 0).map_or(0, |face| {
                            missing
                                .iter()
                                .filter(|&&c| face.glyph_index(c).is_some())
                                .count()
                        })
                    })?;
                    (n > 0).then(|| (n, path.clone(), name.clone()))
                })
                .max_by_key(|(n, ..)| *n);
            let Some((_, path, name)) = best else {
                break;
            };
            let Ok(bytes) = std::fs::read(&path) else {
                break;
            };
            let Ok(face) = ttf_parser::Face::parse(&bytes, 0) else {
                break;
            };
            missing.retain(|&c| face.glyph_index(c).is_none());
            let units_per_em = f32::from(face.units_per_em());
            let x_height = x_height(&face);
            faces.retain(|(p, _, _)| *p != path);
            self.faces.push(FaceData {
                name: file_name(&path),
                data: Bytes::from(bytes),
                units_per_em,
                x_height,
                builtin: false,
            });
            self.system.push(self.faces.len() - 1);
            added.push(name);
        }
        if let Ok(mut nowhere) = NOWHERE.lock() {
            nowhere.extend(missing);
        }
        added
    }

    /// What tells this book's faces from another's: their names, and the
    /// bytes of those read from files (a font edited between two builds
    /// gives another).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for f in &self.faces {
            f.name.hash(&mut h);
            if !f.builtin {
                f.data.hash(&mut h);
            }
        }
        self.families.hash(&mut h);
        self.fallbacks.hash(&mut h);
        h.finish()
    }

    /// The face of `family` for the given weight and slant (the first family if unknown).
    pub fn face(&self, family: &str, bold: bool, italic: bool) -> FaceId {
        let ids = self
            .families
            .iter()
            .find(|(n, _)| n == family)
            .or(self.families.first())
            .map_or([0; 4], |f| f.1);
        ids[usize::from(italic) + 2 * usize::from(bold)]
    }
}

/// A built-in face's bytes, used where they lie in the binary: never copied.
fn builtin(name: &str) -> Bytes {
    BUILTIN
        .iter()
        .find(|(b, _)| *b == name)
        .map_or(Bytes::Static(&[]), |(_, d)| Bytes::Static(d))
}

fn load_face(src: &FaceSource, allowed: &Allowed) -> Result<FaceData> {
    let (name, data): (String, Bytes) = match src {
        FaceSource::Builtin(n) => (n.to_string(), builtin(n)),
        FaceSource::File(path, origin) => {
            let bytes = allowed
                .read(path, origin, "font", MAX_FONT)
                .map_err(|e| match e.help {
                    Some(_) => e,
                    None => e.with_help("paths in the spec are relative to the spec's folder"),
                })?;
            check_font(path, &bytes).map_err(|msg| origin.error(msg))?;
            (file_name(path), Bytes::from(bytes))
        }
    };
    let face = ttf_parser::Face::parse(&data, 0)
        .map_err(|e| Error::new(format!("font {name} cannot be read: {e}")))?;
    let units_per_em = f32::from(face.units_per_em());
    Ok(FaceData {
        builtin: matches!(src, FaceSource::Builtin(_)),
        name,
        x_height: x_height(&face),
        data,
        units_per_em,
    })
}

/// A face's x-height in ems, from its OS/2 table (0 if it has none).
fn x_height(face: &ttf_parser::Face) -> f32 {
    let upem = f32::from(face.units_per_em()).max(1.0);
    face.x_height()
        .map_or(0.0, |h| f32::from(h).max(0.0) / upem)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Checks that `bytes` are a TrueType or OpenType face mimeo can shape and embed.
fn check_font(path: &Path, bytes: &[u8]) -> std::result::Result<(), String> {
    let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| {
        format!(
            "{} is not a usable font ({e}); expected a TrueType (.ttf) or OpenType (.otf) file",
            path.display()
        )
    })?;
    if face.number_of_glyphs() < 2
        || face.glyph_index('a').is_none() && face.glyph_index('A').is_none()
    {
        return Err(format!(
            "{} has no Latin letters; expected a text font",
            path.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::FaceSource;

    #[test]
    fn a_fallback_face_is_matched_in_size_to_the_face_it_stands_in_for() {
        let spec = crate::spec::parse(Path::new("s.toml"), "").unwrap();
        let book = FontBook::load(&spec.families, &Default::default()).unwrap();
        let serif = book.face(crate::spec::BUILTIN_SERIF, false, false);
        let chain = book.chain(crate::spec::BUILTIN_SERIF, false, false);
        let scales: Vec<f32> = chain.iter().map(|&f| book.size_match(serif, f)).collect();
        // Itself at its size, the symbols too; every other face within
        // the bounds, and Scheherazade (small lower case) set larger.
        assert_eq!(scales[0], 1.0);
        assert_eq!(scales.last(), Some(&1.0));
        assert!(scales.iter().all(|s| (0.8..=1.4).contains(s)), "{scales:?}");
        let arabic = book.face("Scheherazade", false, false);
        assert!(chain.contains(&arabic) && arabic != serif);
        assert!(book.size_match(serif, arabic) > 1.1);
        assert_eq!(book.size_match(arabic, arabic), 1.0);
    }

    #[test]
    fn builtin_faces_are_all_present() {
        for (name, bytes) in BUILTIN {
            assert!(ttf_parser::Face::parse(bytes, 0).is_ok(), "{name}");
        }
        assert!(load_face(
            &FaceSource::Builtin("CharisSIL-Regular.ttf"),
            &Allowed::default()
        )
        .is_ok());
    }

    #[test]
    fn a_family_s_fallbacks_come_before_the_built_in_chain() {
        let spec = crate::spec::parse(
            Path::new("spec.toml"),
            "[fonts.\"League Spartan\"]\nfallback = [\"Noto Serif Bengali\"]\n",
        )
        .expect("spec");
        let book = FontBook::load(&spec.families, &Allowed::default()).expect("fonts");
        let name = |f: FaceId| book.faces[f].name.clone();
        let chain: Vec<String> = book
            .chain("League Spartan", false, false)
            .into_iter()
            .map(name)
            .collect();
        assert_eq!(
            chain,
            [
                "LeagueSpartan-SemiBold.otf",
                "NotoSerifBengali-Regular.ttf",
                "CharisSIL-Regular.ttf",
                "AnnapurnaSIL-Regular.ttf",
                "NotoSerifThai-Regular.ttf",
                "Scheherazade-Regular.ttf",
                "SILEOT.ttf",
                "NotoSansSymbols2-Regular.ttf",
            ]
        );
        // Bold asks for the bold of each family that has one.
        let bold: Vec<String> = book
            .chain("Charis SIL", true, false)
            .into_iter()
            .map(name)
            .collect();
        assert_eq!(bold[0], "CharisSIL-Bold.ttf");
        assert!(
            bold.contains(&"AnnapurnaSIL-Bold.ttf".to_string()),
            "{bold:?}"
        );
    }

    #[test]
    fn a_text_file_is_not_a_font() {
        assert!(check_font(Path::new("x.ttf"), b"hello").is_err());
    }
}
