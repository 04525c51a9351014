//! The layout spec: paper, margins, column grid, fonts and styles. Read from TOML
//! in two steps, `raw` (what the user wrote) then [`resolve`] (every default filled
//! in and every value checked), so later stages get a complete, valid [`Spec`].

mod paper;
pub mod plan;
pub mod raw;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::colour::{Colours, Ink, Paint};
use crate::diag::{Error, Origin, Result};
use crate::press::{ImageColour, Output, Standard};
pub use paper::{paper_names, paper_size, smallest_holding};
pub use raw::Align;
use raw::{RawSpec, RawStyle};

/// The built-in families, embedded in the binary.
pub const BUILTIN_SERIF: &str = "Charis SIL";
/// The built-in display (headline) family.
pub const BUILTIN_DISPLAY: &str = "League Spartan";
/// The built-in symbol face, last in every fallback chain (✂ ☐ ☑ ☎ ✉ ★).
pub const BUILTIN_SYMBOLS: &str = "Noto Sans Symbols 2";
/// The built-in faces for scripts Charis SIL lacks, in the order the
/// fallback chain tries them (after the style's own family and its
/// fallbacks, before the symbols): family, regular face, bold face.
pub const BUILTIN_SCRIPTS: [(&str, &str, &str); 5] = [
    (
        "Annapurna SIL",
        "AnnapurnaSIL-Regular.ttf",
        "AnnapurnaSIL-Bold.ttf",
    ),
    (
        "Noto Serif Bengali",
        "NotoSerifBengali-Regular.ttf",
        "NotoSerifBengali-Bold.ttf",
    ),
    (
        "Noto Serif Thai",
        "NotoSerifThai-Regular.ttf",
        "NotoSerifThai-Bold.ttf",
    ),
    (
        "Scheherazade",
        "Scheherazade-Regular.ttf",
        "Scheherazade-Bold.ttf",
    ),
    ("Ezra SIL", "SILEOT.ttf", "SILEOT.ttf"),
];

/// A validated layout spec, every length in points.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The spec file (paths in it are relative to its folder).
    pub file: PathBuf,
    /// Document title, for the PDF metadata.
    pub title: String,
    /// Default language of articles (BCP 47).
    pub lang: String,
    /// Read from the right: bound on the right (page 1 a left-hand page),
    /// the plan's column 1 the rightmost, booklets imposed the other way.
    pub rtl: bool,
    /// Trimmed page width and height.
    pub page_width: f32,
    pub page_height: f32,
    /// Printed past the trim on every side; crop marks outside it (with a
    /// slug line: title, date, page), and registration targets.
    pub bleed: f32,
    pub marks: bool,
    pub registration: bool,
    /// Margins; inside is the binding side (left on odd pages).
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub margin_inside: f32,
    pub margin_outside: f32,
    /// Column count and gap between columns.
    pub columns: usize,
    pub gutter: f32,
    /// The body leading; all body lines sit on this grid.
    pub baseline: f32,
    /// At most this many pages; text beyond is reported as overset.
    pub max_pages: Option<usize>,
    /// Print page numbers at the foot.
    pub folios: bool,
    /// Print each article's kicker, headline and deck.
    pub heads: bool,
    /// With a page plan, a running head atop the pages without a masthead.
    pub running_head: bool,
    /// Font families by name (the built-ins first).
    pub families: Vec<Family>,
    /// Element styles.
    pub styles: Styles,
    /// Hyphenation settings for every language.
    pub hyphenation: Hyphenation,
    /// The front page's masthead, if any.
    pub masthead: Option<Masthead>,
    /// The languages the issue comes out in (`[editions] langs`); none: one
    /// PDF, each article in its own language.
    pub editions: Vec<String>,
    /// Jump-line wording by language, beyond the built-in ones.
    pub jumps: Vec<(String, Jumps)>,
    /// Where each article goes; none: stories flow one after another.
    pub plan: Option<plan::Plan>,
    /// Weights of the rules in the gutters between columns and between
    /// stories; 0 for none.
    pub column_rule: f32,
    pub story_rule: f32,
    /// Folders (beyond each file's own) from which articles and the spec may
    /// name photos and fonts.
    pub allow_paths: Vec<std::path::PathBuf>,
    /// Spot inks, by name, and what the furniture is painted in.
    pub inks: Vec<Ink>,
    pub colours: Colours,
    /// What the file is made for (its profile not yet read: see
    /// `profile_file`).
    pub output: Output,
    /// The printer's ICC profile the spec names, and where.
    pub profile_file: Option<(PathBuf, Origin)>,
    /// The pages on sheets, for printing at home or in a shop.
    pub imposition: crate::impose::Settings,
}

/// The paper's name and particulars.
#[derive(Debug, Clone, Default)]
pub struct Masthead {
    pub title: String,
    pub tagline: String,
    pub issue: String,
    pub date: String,
    pub price: String,
    /// The same in other languages, for their editions (`[masthead.es]`).
    pub editions: Vec<(String, Masthead)>,
}

/// What jump lines say; `{page}` stands for the page number.
#[derive(Debug, Clone, PartialEq)]
pub struct Jumps {
    pub to: String,
    pub from: String,
}

impl Spec {
    /// The jump-line wording for `lang`: the spec's, else built in for a few
    /// languages, else English.
    pub fn jumps(&self, lang: &str) -> Jumps {
        let primary = crate::text::primary_language(lang);
        if let Some((_, j)) = self
            .jumps
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(lang))
            .or_else(|| {
                self.jumps
                    .iter()
                    .find(|(l, _)| l.eq_ignore_ascii_case(&primary))
            })
        {
            return j.clone();
        }
        let (to, from) = match primary.as_str() {
            "es" => ("Continúa en la página {page}", "Viene de la página {page}"),
            "pt" => ("Continua na página {page}", "Continuação da página {page}"),
            "fr" => ("Suite en page {page}", "Suite de la page {page}"),
            "de" => (
                "Fortsetzung auf Seite {page}",
                "Fortsetzung von Seite {page}",
            ),
            "it" => ("Continua a pagina {page}", "Segue da pagina {page}"),
            "ca" => ("Continua a la pàgina {page}", "Ve de la pàgina {page}"),
            "ar" => ("التتمة في الصفحة {page}", "تتمة من الصفحة {page}"),
            "fa" => ("ادامه در صفحهٔ {page}", "ادامه از صفحهٔ {page}"),
            "ur" => ("بقیہ صفحہ {page} پر", "صفحہ {page} سے آگے"),
            "he" => ("המשך בעמוד {page}", "המשך מעמוד {page}"),
            "yi" => ("המשך אויף זייט {page}", "המשך פון זייט {page}"),
            "hi" => ("शेष पृष्ठ {page} पर", "पृष्ठ {page} से आगे"),
            "bn" => ("বাকি অংশ {page} পৃষ্ঠায়", "{page} পৃষ্ঠার পর"),
            "ko" => ("{page}면에 계속", "{page}면에서 계속"),
            "zh" => ("下转第{page}版", "上接第{page}版"),
            "ja" => ("{page}面に続く", "{page}面から続く"),
            "th" => ("อ่านต่อหน้า {page}", "ต่อจากหน้า {page}"),
            _ => ("Continued on page {page}", "Continued from page {page}"),
        };
        Jumps {
            to: to.into(),
            from: from.into(),
        }
    }

    /// The spec of one language edition: that language the document's, and
    /// the masthead in it where `[masthead.LANG]` gives one.
    pub fn for_edition(&self, lang: &str) -> Spec {
        let mut spec = self.clone();
        spec.lang = lang.to_string();
        if let Some(m) = &mut spec.masthead {
            if let Some((_, translated)) = m.editions.iter().find(|(l, _)| l == lang) {
                let translated = translated.clone();
                *m = translated;
            }
        }
        spec.editions = Vec::new();
        spec
    }

    /// Depth of the masthead: the title, a rule, the particulars, a rule,
    /// and a line of white, in whole baselines.
    pub fn masthead_height(&self) -> f32 {
        let raw = self.styles.masthead.leading + 3.0 * self.baseline;
        (raw / self.baseline).ceil() * self.baseline
    }

    /// Depth of a running head: its line, a rule and a line of white
    /// (nothing when running heads are turned off).
    pub fn running_head_height(&self) -> f32 {
        if self.running_head {
            2.0 * self.baseline
        } else {
            0.0
        }
    }
}

/// How words may be hyphenated, beyond the language's patterns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hyphenation {
    /// Words (lower case) and where they may break (byte offsets); an
    /// exception without hyphens is never broken.
    pub exceptions: Vec<(String, Vec<usize>)>,
    /// Hyphenate words that start with a capital.
    pub capitalized: bool,
}

/// A font family: four faces, each embedded or from a file.
#[derive(Debug, Clone)]
pub struct Family {
    pub name: String,
    pub regular: FaceSource,
    pub italic: FaceSource,
    pub bold: FaceSource,
    pub bold_italic: FaceSource,
    /// Families (by name, all in the spec) to set what this one lacks in,
    /// before the built-in chain.
    pub fallback: Vec<String>,
}

/// Where a face's bytes come from.
#[derive(Debug, Clone)]
pub enum FaceSource {
    /// One of the fonts embedded in mimeo, by file name.
    Builtin(&'static str),
    /// A font file, with the spot in the spec that named it.
    File(PathBuf, Origin),
}

/// Resolved typographic style of one kind of element.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub family: String,
    pub size: f32,
    pub leading: f32,
    pub bold: bool,
    pub italic: bool,
    pub align: Align,
    /// First-line indent (body, quote) or hanging indent (list).
    pub indent: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub hyphenate: bool,
    pub uppercase: bool,
    /// How far justification may go.
    pub justification: Justification,
    /// Lines more (+) or fewer (−) than the best setting, for copyfitting.
    pub looseness: i32,
    /// What the text is printed in.
    pub paint: Paint,
}

/// Justification bounds in InDesign's three steps, each `[min, max]` of a
/// `[min, desired, max]` triple: word spacing in % of the natural space,
/// letter spacing in % of the em added between letters (InDesign counts it
/// in % of the space, which at 2 % is an invisible 0.05 pt), glyph scaling in
/// % of the glyph's width. `emergency` is the letter spacing (% of the em)
/// a line may add when it cannot be justified within the bounds at all, so
/// that the excess is not all poured into its word spaces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Justification {
    pub word: [f32; 2],
    pub letter: [f32; 2],
    pub glyph: [f32; 2],
    pub emergency: f32,
}

impl Default for Justification {
    /// Word spacing 80/100/133 %, letter spacing −1/0/+1.5 %, glyph scaling
    /// 96/100/104 %, emergency letter spacing 0.4 %: letters never open by
    /// more than 1.9 % of the em, which the eye does not see as letter
    /// spacing; a line past all bounds puts the rest in its word spaces.
    /// Measured on held-out English, Spanish, German, French and Portuguese
    /// in the measuring column at 9 and 10 pt (see the README).
    fn default() -> Self {
        Justification {
            word: [80.0, 133.0],
            letter: [-1.0, 1.5],
            glyph: [96.0, 104.0],
            emergency: 0.4,
        }
    }
}

/// The styles of all elements.
#[derive(Debug, Clone)]
pub struct Styles {
    pub body: Style,
    pub headline: Style,
    pub deck: Style,
    pub kicker: Style,
    pub byline: Style,
    pub dateline: Style,
    pub crosshead: Style,
    pub caption: Style,
    pub credit: Style,
    pub quote: Style,
    pub list: Style,
    pub folio: Style,
    pub masthead: Style,
    pub running_head: Style,
    pub jump: Style,
    pub jump_head: Style,
    pub pullquote: Style,
    /// The spec's own styles, by name, for whole articles: based on the body.
    pub named: Vec<(String, Style)>,
}

impl Styles {
    /// The style named `name` in `[styles]`, if the spec defines it.
    pub fn named(&self, name: &str) -> Option<&Style> {
        self.named.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }
}

/// Reads and validates a layout spec file.
pub fn load(path: &Path) -> Result<Spec> {
    let text = crate::files::read_text(path, "layout spec", crate::files::MAX_SPEC, None)?;
    parse(path, &text)
}

/// Parses and validates a layout spec's text; `path` names it in errors and
/// anchors the relative paths in it.
pub fn parse(path: &Path, text: &str) -> Result<Spec> {
    let raw: RawSpec = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    resolve(path, Arc::from(text), raw)
}

/// Turns a TOML error into one that points at the line.
pub fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let range = e.span().unwrap_or(0..0);
    let message = e.message().trim().to_string();
    let err = Error::at(path, text, range, message.clone());
    // "unknown field `guter`, expected one of `count`, `gutter`": suggest.
    match unknown_and_expected(&message) {
        // A colour key in a table that has none: say where colours go.
        Some(("colour" | "color", expected)) if !expected.contains(&"colour") => err.with_help(
            "the rules', pull quotes' and tints' colours go under [colours] (rules = \"…\"), a text's under its [styles.NAME]",
        ),
        Some((word, expected)) => err.suggesting(word, expected),
        None => err,
    }
}

/// The unknown word of serde's "unknown field / variant `x`, expected …"
/// and the words it expected.
pub fn unknown_and_expected(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message
        .strip_prefix("unknown field ")
        .or_else(|| message.strip_prefix("unknown variant "))?;
    let mut quoted = rest.split('`').skip(1).step_by(2);
    let word = quoted.next()?;
    Some((word, quoted.collect()))
}

fn origin(path: &Path, text: &Arc<str>, range: std::ops::Range<usize>) -> Origin {
    Origin {
        file: path.to_path_buf(),
        text: text.clone(),
        range,
    }
}

/// Fills in defaults and checks every value of a raw spec.
/// Points in a millimetre.
const MM: f32 = 72.0 / 25.4;
/// The largest bleed (20 mm): print shops ask for 3 mm, sometimes 5.
const MAX_BLEED: f32 = 20.0 * MM;

pub fn resolve(path: &Path, text: Arc<str>, raw: RawSpec) -> Result<Spec> {
    let at = |range| origin(path, &text, range);
    let (mut w, mut h) = match &raw.paper.size {
        Some(s) => paper_size(s.get_ref()).ok_or_else(|| {
            at(s.span())
                .error(format!(
                    "unknown paper size `{}`; expected one of {}",
                    s.get_ref(),
                    paper_names()
                ))
                .suggesting(s.get_ref(), paper::PAPERS.iter().map(|p| p.0))
        })?,
        None => paper_size("A4").unwrap_or((595.0, 842.0)),
    };
    if let Some(width) = raw.paper.width {
        w = width.pt();
    }
    if let Some(height) = raw.paper.height {
        h = height.pt();
    }
    if raw.paper.orientation == Some(raw::Orientation::Landscape) {
        (w, h) = (w.max(h), w.min(h));
    }
    if w < 72.0 || h < 72.0 {
        return Err(Error::in_file(
            path,
            "the paper must be at least 1in wide and high",
        ));
    }

    let m = raw.margins.as_ref();
    let mg = |f: fn(&raw::RawMargins) -> Option<crate::units::Length>, d: f32| {
        m.and_then(|m| f(m.get_ref())).map_or(d, |l| l.pt())
    };
    let default_margin = 36.0;
    let (top, bottom) = (
        mg(|m| m.top, default_margin),
        mg(|m| m.bottom, default_margin),
    );
    let (inside, outside) = (
        mg(|m| m.inside, default_margin),
        mg(|m| m.outside, default_margin),
    );
    let margins_at = m.map_or(0..0, |m| m.span());
    if top + bottom + 72.0 > h || inside + outside + 72.0 > w {
        return Err(at(margins_at).error(format!(
            "the margins leave less than 1in of the {w:.0}×{h:.0}pt page: top {top:.1}pt + bottom {bottom:.1}pt, \
             inside {inside:.1}pt + outside {outside:.1}pt"
        )));
    }

    let columns = match &raw.columns.count {
        Some(c) if !(1..=20).contains(c.get_ref()) => {
            return Err(at(c.span()).error("a column count must be a whole number from 1 to 20"));
        }
        Some(c) => *c.get_ref() as usize,
        None => 1,
    };
    let gutter = raw.columns.gutter.map_or(12.0, |g| g.pt());
    let measure = (w - inside - outside - gutter * (columns as f32 - 1.0)) / columns as f32;
    if measure < 36.0 {
        return Err(at(raw.columns.count.as_ref().map_or(0..0, |c| c.span()))
            .error(format!("{columns} columns with a {gutter:.1}pt gutter leave columns of {measure:.1}pt; at least 36pt (0.5in) is needed")));
    }

    let max_pages = match &raw.document.max_pages {
        Some(n) if *n.get_ref() < 1 => {
            return Err(at(n.span()).error("max_pages must be 1 or more"))
        }
        Some(n) => Some(*n.get_ref() as usize),
        None => None,
    };
    let lang = match &raw.document.lang {
        Some(l) if !crate::hyphenate::is_valid_tag(l.get_ref()) => {
            return Err(at(l.span()).error(format!(
                "`{}` is not a language tag; expected e.g. `en`, `es`, `pt-BR`",
                l.get_ref()
            )));
        }
        Some(l) => match crate::hyphenate::unknown_language(l.get_ref()) {
            Some((why, meant)) => {
                let err = at(l.span()).error(why);
                return Err(match meant {
                    Some(code) => err.with_help(format!("did you mean `{code}`?")),
                    None => err,
                });
            }
            None => l.get_ref().clone(),
        },
        None => "en".to_string(),
    };

    let hyphenation = resolve_hyphenation(&raw.hyphenation, &at)?;
    let families = resolve_families(path, &text, &raw)?;
    let baseline =
        match &raw.columns.baseline {
            None => 11.0,
            Some(b) if (4.0..=72.0).contains(&b.get_ref().pt()) => b.get_ref().pt(),
            Some(b) => return Err(at(b.span()).error(
                "the baseline (the body's leading) must be from 4pt to 72pt; 11pt suits 9pt type",
            )),
        };
    let inks = resolve_inks(&raw, &at)?;
    let styles = resolve_styles(&raw.styles, baseline, &families, &inks, &at)?;
    let paint = |v: &Option<toml::Spanned<String>>, default: Paint| match v {
        None => Ok(default),
        Some(s) => Paint::parse(s.get_ref(), &inks).map_err(|e| at(s.span()).error(e)),
    };
    let base = Colours::default();
    let colours = Colours {
        rules: paint(&raw.colours.rules, base.rules)?,
        pullquote: paint(&raw.colours.pullquote, base.pullquote)?,
        tint: paint(&raw.colours.tint, base.tint)?,
    };
    let (mut output, profile_file) = resolve_output(path, &raw.output, &at)?;
    if let Some(p) = &raw.output.photos {
        let name = p.get_ref();
        output.photos_ink = match name.to_ascii_lowercase().as_str() {
            "black" => None,
            _ => Some(
                inks.iter()
                    .position(|i| i.name.eq_ignore_ascii_case(name))
                    .ok_or_else(|| {
                        at(p.span()).error(format!(
                            "no ink `{name}`; photos print in \"black\" or an ink from [inks]"
                        ))
                    })?,
            ),
        };
    }
    // Separated for a risograph: every photo in grey, for its drum.
    if output.separate {
        output.colour = ImageColour::Gray;
    }
    let weight = |r: &Option<toml::Spanned<crate::units::Length>>, default: f32| match r {
        None => Ok(default),
        Some(l) if (0.0..=6.0).contains(&l.get_ref().pt()) => Ok(l.get_ref().pt()),
        Some(l) => {
            Err(at(l.span()).error("expected a rule's weight from \"0pt\" (none) to \"6pt\""))
        }
    };
    let bleed = match &raw.paper.bleed {
        None => 0.0,
        Some(b) if (0.0..=MAX_BLEED).contains(&b.get_ref().pt()) => b.get_ref().pt(),
        Some(b) => {
            return Err(at(b.span()).error(format!(
                "a bleed is 0 to {:.0}mm; print shops ask for 3mm (\"3mm\") or \"0.125in\"",
                MAX_BLEED / MM
            )))
        }
    };
    let (marks, registration) = match &raw.paper.marks {
        None => (false, false),
        Some(m) => match m.get_ref().as_str() {
            "crop" => (true, false),
            "crop+registration" => (true, true),
            "none" => (false, false),
            _ => {
                return Err(at(m.span()).error(
                    "expected \"crop\" (crop marks and a slug line), \"crop+registration\" (and registration targets) or \"none\"",
                ))
            }
        },
    };
    let column_rule = weight(&raw.rules.columns, 0.0)?;
    let story_rule = weight(&raw.rules.stories, 0.5)?;
    let rtl =
        match &raw.document.direction {
            None => crate::text::is_rtl_language(&lang),
            Some(d) => match d.get_ref().as_str() {
                "rtl" => true,
                "ltr" => false,
                _ => return Err(at(d.span()).error(
                    "expected \"rtl\" (a paper read from the right, bound on the right) or \"ltr\"",
                )),
            },
        };

    Spec {
        file: path.to_path_buf(),
        editions: Vec::new(),
        title: raw.document.title.clone().unwrap_or_default(),
        lang,
        rtl,
        page_width: w,
        page_height: h,
        bleed,
        marks,
        registration,
        margin_top: top,
        margin_bottom: bottom,
        margin_inside: inside,
        margin_outside: outside,
        columns,
        gutter,
        baseline,
        max_pages,
        folios: raw.document.folios.unwrap_or(true),
        heads: raw.document.heads.unwrap_or(true),
        running_head: raw.document.running_head.unwrap_or(true),
        families,
        styles,
        hyphenation,
        masthead: None,
        jumps: Vec::new(),
        plan: None,
        column_rule,
        story_rule,
        allow_paths: resolve_allowed(path, &raw, &at)?,
        inks,
        colours,
        output,
        profile_file,
        imposition: resolve_imposition(&raw, w, h, &at)?,
    }
    .with_plan(&raw, &at)
}

/// The sheet an imposition prints on when the spec names none: for a
/// booklet the smallest paper that holds two pages side by side (A4 for
/// A5, Letter for half-letter), for n-up Letter if the page is a US size,
/// else A4.
pub fn default_sheet(kind: crate::impose::Kind, w: f32, h: f32) -> Option<(f32, f32)> {
    use crate::impose::Kind;
    let us = ["Letter", "Half-Letter", "Legal", "Tabloid"]
        .iter()
        .any(|n| {
            paper_size(n).is_some_and(|(pw, ph)| {
                ((pw - w).abs() < 1.0 && (ph - h).abs() < 1.0)
                    || ((pw - h).abs() < 1.0 && (ph - w).abs() < 1.0)
            })
        });
    match kind {
        Kind::None => None,
        Kind::Booklet => smallest_holding(2.0 * w, h),
        Kind::NUp => paper_size(if us { "Letter" } else { "A4" }),
    }
}

/// `[imposition]`: the kind, the sheet (by default one that holds two pages
/// side by side for a booklet, A4 or Letter for n-up), duplex, creep and
/// the n-up grid.
fn resolve_imposition(
    raw: &RawSpec,
    w: f32,
    h: f32,
    at: &dyn Fn(std::ops::Range<usize>) -> Origin,
) -> Result<crate::impose::Settings> {
    use crate::impose::{Duplex, Kind, Settings};
    let Some(r) = &raw.imposition else {
        return Ok(Settings::default());
    };
    let r = r.get_ref();
    let kind = match r.kind.get_ref().to_ascii_lowercase().as_str() {
        "booklet" => Kind::Booklet,
        "n-up" | "nup" => Kind::NUp,
        "none" => Kind::None,
        _ => {
            return Err(at(r.kind.span()).error(
                "expected \"booklet\" (folded and stapled), \"n-up\" (several pages a sheet, to cut) or \"none\"",
            ))
        }
    };
    let sheet = match &r.sheet {
        Some(s) => Some(paper_size(s.get_ref()).ok_or_else(|| {
            at(s.span())
                .error(format!(
                    "unknown sheet `{}`; expected one of {}",
                    s.get_ref(),
                    paper_names()
                ))
                .suggesting(s.get_ref(), paper::PAPERS.iter().map(|p| p.0))
        })?),
        None => default_sheet(kind, w, h),
    };
    let duplex = match &r.duplex {
        None => Duplex::Long,
        Some(d) => match d.get_ref().to_ascii_lowercase().as_str() {
            "long" => Duplex::Long,
            "short" => Duplex::Short,
            _ => {
                return Err(at(d.span()).error(
                    "expected \"long\" or \"short\": the edge your printer turns the sheet on when it prints both sides (most turn on the long edge)",
                ))
            }
        },
    };
    let creep = match &r.creep {
        None => 0.0,
        Some(c) if (0.0..=5.0 * MM).contains(&c.get_ref().pt()) => c.get_ref().pt(),
        Some(c) => {
            return Err(at(c.span()).error(
                "creep is how far each sheet's pages move towards the spine, from \"0mm\" to \"5mm\"; thin paper needs \"0.1mm\" or less",
            ))
        }
    };
    let copies = match &r.copies {
        None => 2,
        Some(c) if (1..=32).contains(c.get_ref()) => *c.get_ref() as usize,
        Some(c) => {
            return Err(
                at(c.span()).error("copies is how many pages go on a sheet side, from 1 to 32")
            )
        }
    };
    let repeat = match &r.pages {
        None => true,
        Some(p) => match p.get_ref().as_str() {
            "repeat" => true,
            "in-turn" => false,
            _ => {
                return Err(at(p.span()).error(
                    "expected \"repeat\" (each sheet side one page, over and over: flyers) or \"in-turn\" (the pages in order)",
                ))
            }
        },
    };
    let gutter = match &r.gutter {
        None => 0.0,
        Some(g) if (0.0..=50.0 * MM).contains(&g.get_ref().pt()) => g.get_ref().pt(),
        Some(g) => {
            return Err(at(g.span()).error("the gutter between pages is \"0mm\" to \"50mm\""))
        }
    };
    let settings = Settings {
        kind,
        sheet,
        duplex,
        creep,
        fold: r.fold.unwrap_or(true),
        copies,
        repeat,
        gutter,
        bound_right: false,
    };
    // The pages must go on the sheet: said now, at the table.
    crate::impose::plan(&settings, 4, w, h).map_err(|e| at(r.kind.span()).error(e))?;
    Ok(settings)
}

/// `[inks.NAME]`: each spot ink with its CMYK stand-in, in %.
fn resolve_inks(raw: &RawSpec, at: &dyn Fn(std::ops::Range<usize>) -> Origin) -> Result<Vec<Ink>> {
    let mut inks = Vec::new();
    for (name, ink) in &raw.inks {
        let span = ink.span();
        let ink = ink.get_ref();
        let display = match &ink.display {
            None => None,
            Some(d) => Some(crate::colour::hex(d.get_ref()).ok_or_else(|| {
                at(d.span()).error(
                    "an ink's display colour is how it looks on screen, as \"#rrggbb\" (\"#e0322d\" for a riso red)",
                )
            })?),
        };
        let cmyk = match (&ink.cmyk, display) {
            (Some(c), _) => {
                let v = c.get_ref();
                if !v.iter().all(|c| (0.0..=100.0).contains(c)) {
                    return Err(at(c.span()).error(
                        "an ink's cmyk is four percentages from 0 to 100, like [0, 90, 85, 0]",
                    ));
                }
                v.map(|c| c / 100.0)
            }
            (None, Some(rgb)) => crate::colour::rgb_to_cmyk(rgb),
            (None, None) => {
                return Err(at(span).error(format!(
                    "the ink `{name}` needs a look: display = \"#rrggbb\" (its colour on screen) or cmyk = [c, m, y, k] (its stand-in on a press proof)"
                )))
            }
        };
        let reserved = [
            "black", "white", "paper", "gray", "grey", "cmyk", "all", "none",
        ];
        if reserved.contains(&name.to_ascii_lowercase().as_str())
            || name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            return Err(at(span).error(format!(
                "`{name}` cannot name an ink; use a word of letters, digits and dashes other than {} (black is always there)",
                reserved.join(", ")
            )));
        }
        inks.push(Ink {
            name: name.clone(),
            cmyk,
            display,
        });
    }
    Ok(inks)
}

/// `[output]`: the standard, condition, profile, photo colour and limits.
fn resolve_output(
    path: &Path,
    raw: &raw::RawOutput,
    at: &dyn Fn(std::ops::Range<usize>) -> Origin,
) -> Result<(Output, Option<(PathBuf, Origin)>)> {
    let mut out = Output::plain();
    if let Some(s) = &raw.standard {
        out.standard = match s.get_ref().to_ascii_lowercase().replace(['-', '/', ' '], "").as_str() {
            "none" => Standard::None,
            "x1a" | "pdfx1a" => Standard::X1a,
            "x4" | "pdfx4" => Standard::X4,
            _ => {
                return Err(at(s.span()).error(
                    "expected \"x1a\" (PDF/X-1a, what newspaper presses ask for), \"x4\" (PDF/X-4) or \"none\"",
                ))
            }
        };
    }
    if let Some(c) = &raw.condition {
        out.condition = Some(crate::press::condition(c.get_ref()).ok_or_else(|| {
            at(c.span()).error(format!(
                "`{}` is not a registered printing condition mimeo knows; expected one of {} (or name the printer's profile with profile = \"FILE.icc\")",
                c.get_ref(),
                crate::press::condition_names()
            ))
        })?);
    } else if out.standard == Standard::X1a && raw.profile.is_none() {
        // Newsprint, the press this is most often for.
        out.condition = crate::press::condition("IFRA26");
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let profile = raw
        .profile
        .as_ref()
        .map(|p| (dir.join(p.get_ref()), at(p.span())));
    out.colour = match &raw.colour {
        None if profile.is_some() => ImageColour::Cmyk,
        None => ImageColour::AsIs,
        Some(c) => match c.get_ref().to_ascii_lowercase().as_str() {
            "gray" | "grey" => ImageColour::Gray,
            "cmyk" if profile.is_some() => ImageColour::Cmyk,
            "cmyk" => {
                return Err(at(c.span()).error(
                    "converting photos to CMYK needs the printer's profile: add profile = \"FILE.icc\" (ask the print shop for it)",
                ))
            }
            "as-is" | "asis" => ImageColour::AsIs,
            _ => {
                return Err(at(c.span()).error(
                    "expected \"gray\" (every photo in grey), \"cmyk\" (through the profile) or \"as-is\"",
                ))
            }
        },
    };
    if out.standard == Standard::X4 && profile.is_none() {
        let span = raw.standard.as_ref().map_or(0..0, |s| s.span());
        return Err(at(span).error(
            "PDF/X-4 embeds the printer's profile: name it with profile = \"FILE.icc\" under [output] (ask the print shop for it), or use standard = \"x1a\", which can name a registered condition instead",
        ));
    }
    if let Some(c) = out.condition {
        out.max_ink = c.max_ink;
    }
    // Offset on better paper than newsprint shows the pixels below 300 ppi.
    if out.standard != Standard::None && !out.condition.is_some_and(|c| c.newsprint) {
        out.min_ppi = 300.0;
    }
    if let Some(m) = &raw.max_ink {
        if !(100.0..=400.0).contains(m.get_ref()) {
            return Err(at(m.span()).error(
                "max_ink is the most total ink in %, from 100 to 400; newsprint presses take 240",
            ));
        }
        out.max_ink = *m.get_ref();
    }
    if let Some(m) = &raw.min_ppi {
        if !(50.0..=1200.0).contains(m.get_ref()) {
            return Err(at(m.span()).error(
                "min_ppi is the least resolution of a placed photo, from 50 to 1200; 200 suits newsprint, 300 offset",
            ));
        }
        out.min_ppi = *m.get_ref();
    }
    out.separate = raw.separate.unwrap_or(false);
    if let Some(f) = &raw.made_for {
        match f.get_ref().to_ascii_lowercase().as_str() {
            "print" => {}
            "screen" => out = out.for_screen(),
            _ => {
                return Err(at(f.span()).error(
                    "expected \"print\" (for the press or a printer) or \"screen\" (a tagged PDF to post online)",
                ))
            }
        }
    }
    if let Some(h) = &raw.halftone {
        use crate::press::Halftone;
        out.halftone = match h.get_ref().to_ascii_lowercase().as_str() {
            "none" => Halftone::None,
            "dots" => Halftone::Dots,
            "dither" => Halftone::Dither,
            _ => {
                return Err(at(h.span()).error(
                    "expected \"none\" (the printer screens the greys), \"dots\" (a clustered-dot screen) or \"dither\" (fine grain)",
                ))
            }
        };
    }
    if let Some(p) = &raw.printer {
        out.printer = Some(crate::press::printer(p.get_ref()).ok_or_else(|| {
            at(p.span()).error("unknown printer; expected \"riso-a4\" or \"riso-a3\"")
        })?);
    }
    Ok((out, profile))
}

impl Spec {
    /// Adds the masthead, jump wording and page plan of `raw`.
    fn with_plan(
        mut self,
        raw: &RawSpec,
        at: &dyn Fn(std::ops::Range<usize>) -> Origin,
    ) -> Result<Spec> {
        if let Some(m) = &raw.masthead {
            if m.title.get_ref().trim().is_empty() {
                return Err(at(m.title.span()).error("the masthead needs a title"));
            }
            let printable = |v: Option<&toml::Spanned<String>>| -> Result<String> {
                Ok(v.map_or(String::new(), |v| v.get_ref().clone()))
            };
            let mut masthead = Masthead {
                title: printable(Some(&m.title))?,
                tagline: printable(m.tagline.as_ref())?,
                issue: printable(m.issue.as_ref())?,
                date: printable(m.date.as_ref())?,
                price: printable(m.price.as_ref())?,
                editions: Vec::new(),
            };
            for (lang, t) in &m.editions {
                let code = lang.get_ref();
                if !crate::hyphenate::is_valid_tag(code) {
                    return Err(at(lang.span()).error(format!(
                        "[masthead.{code}]: `{code}` is not a language tag; expected e.g. [masthead.es]"
                    )));
                }
                let or = |v: &Option<String>, d: &str| v.clone().unwrap_or_else(|| d.to_string());
                let edition = Masthead {
                    title: or(&t.title, &masthead.title),
                    tagline: or(&t.tagline, &masthead.tagline),
                    issue: or(&t.issue, &masthead.issue),
                    date: or(&t.date, &masthead.date),
                    price: or(&t.price, &masthead.price),
                    editions: Vec::new(),
                };
                masthead.editions.push((code.clone(), edition));
            }
            self.masthead = Some(masthead);
        }
        if let Some(e) = &raw.editions {
            let mut langs: Vec<String> = Vec::new();
            for l in e.langs.get_ref() {
                let code = l.get_ref();
                if !crate::hyphenate::is_valid_tag(code) {
                    return Err(at(l.span()).error(format!(
                        "`{code}` is not a language tag; expected e.g. \"en\", \"es\""
                    )));
                }
                if let Some((why, meant)) = crate::hyphenate::unknown_language(code) {
                    let err = at(l.span()).error(why);
                    return Err(match meant {
                        Some(m) => err.with_help(format!("did you mean `{m}`?")),
                        None => err,
                    });
                }
                if langs.contains(code) {
                    return Err(at(l.span()).error(format!("`{code}` is named twice")));
                }
                langs.push(code.clone());
            }
            if langs.is_empty() {
                return Err(at(e.langs.span())
                    .error("[editions] langs names no language; expected e.g. [\"en\", \"es\"]"));
            }
            self.editions = langs;
        }
        for (lang, j) in &raw.jumps {
            let builtin = self.jumps(lang);
            let text = |v: &Option<toml::Spanned<String>>, d: String| -> Result<String> {
                match v {
                    Some(s) if !s.get_ref().contains("{page}") => Err(at(s.span()).error(
                        "a jump line must say where: put {page} where the page number goes",
                    )),
                    Some(s) => Ok(s.get_ref().clone()),
                    None => Ok(d),
                }
            };
            let jumps = Jumps {
                to: text(&j.to, builtin.to)?,
                from: text(&j.from, builtin.from)?,
            };
            self.jumps.push((lang.clone(), jumps));
        }
        if !raw.pages.is_empty() {
            let page = plan::Page {
                columns: self.columns,
                top: self.margin_top,
                bottom: self.page_height - self.margin_bottom,
                baseline: self.baseline,
                masthead: self.masthead_height(),
                running_head: self.running_head_height(),
                has_masthead: self.masthead.is_some(),
                inks: self.inks.clone(),
                bleed: self.bleed,
                rtl: self.rtl,
            };
            self.plan = Some(plan::resolve(&raw.pages, &page, at)?);
        }
        Ok(self)
    }
}

impl Spec {
    /// Width of the text area: the page less its inside and outside margins.
    pub fn text_width(&self) -> f32 {
        self.page_width - self.margin_inside - self.margin_outside
    }

    /// Width of one column.
    pub fn column_width(&self) -> f32 {
        let inner = self.text_width();
        (inner - self.gutter * (self.columns as f32 - 1.0)) / self.columns as f32
    }

    /// Width of `n` columns of `column` points and the gutters between them.
    pub fn span(&self, n: usize, column: f32) -> f32 {
        n as f32 * column + (n as f32 - 1.0) * self.gutter
    }

    /// Width of `n` of the page's columns and the gutters between them.
    pub fn span_width(&self, n: usize) -> f32 {
        self.span(n, self.column_width())
    }

    /// Left edge of column `c` (from 0) on page `index` (from 0).
    pub fn column_left(&self, index: usize, c: usize) -> f32 {
        self.content_left(index) + c as f32 * (self.column_width() + self.gutter)
    }

    /// Left edge of the page columns `first..=last` of the plan (its column
    /// 1 is the rightmost on a paper read from the right).
    pub fn place_left(&self, index: usize, first: usize, last: usize) -> f32 {
        match self.rtl {
            true => self.column_left(index, self.columns.saturating_sub(last + 1)),
            false => self.column_left(index, first),
        }
    }

    /// Width of the text columns inside placement `p` (narrower in a box).
    pub fn place_column(&self, p: &plan::Place) -> f32 {
        let n = p.columns();
        (self.span_width(n) - 2.0 * p.inset() - self.gutter * (n as f32 - 1.0)) / n as f32
    }

    /// Left edge of the text area on page `index` (0-based; index 0 is a
    /// right-hand page, bound on its left, or on a paper read from the
    /// right a left-hand page, bound on its right).
    pub fn content_left(&self, index: usize) -> f32 {
        if index.is_multiple_of(2) != self.rtl {
            self.margin_inside
        } else {
            self.margin_outside
        }
    }
}

/// `[document] allow_paths`: folders relative to the spec's, which must exist.
fn resolve_allowed(
    path: &Path,
    raw: &RawSpec,
    at: &dyn Fn(std::ops::Range<usize>) -> Origin,
) -> Result<Vec<PathBuf>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for p in raw.document.allow_paths.iter().flatten() {
        let full = dir.join(p.get_ref());
        if !full.is_dir() {
            return Err(at(p.span()).error(format!(
                "`{}` is not a folder (from {}); expected folders from which photos and fonts may be read",
                p.get_ref(),
                if dir.as_os_str().is_empty() { Path::new(".") } else { dir }.display()
            )));
        }
        out.push(full);
    }
    Ok(out)
}

fn resolve_hyphenation(
    raw: &raw::RawHyphenation,
    at: &dyn Fn(std::ops::Range<usize>) -> Origin,
) -> Result<Hyphenation> {
    let mut exceptions = Vec::new();
    for e in raw.exceptions.iter().flatten() {
        let word = e.get_ref().trim();
        if word.is_empty()
            || !word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}')
            || word.contains("--")
            || word.starts_with('-')
            || word.ends_with('-')
        {
            return Err(at(e.span()).error(format!("`{word}` is not a hyphenation exception; expected a word with hyphens where it may break, like \"com-mu-nist\"")));
        }
        let plain: String = word
            .chars()
            .filter(|&c| c != '-')
            .collect::<String>()
            .to_lowercase();
        let mut points = Vec::new();
        let mut at_byte = 0;
        for c in word.to_lowercase().chars() {
            if c == '-' {
                points.push(at_byte);
            } else {
                at_byte += c.len_utf8();
            }
        }
        exceptions.push((plain, points));
    }
    Ok(Hyphenation {
        exceptions,
        capitalized: raw.capitalized.unwrap_or(false),
    })
}

fn builtin_families() -> Vec<Family> {
    use FaceSource::Builtin;
    // A family of one regular and one bold face (no italic: the scripts
    // these serve have none).
    let upright = |name: &str, regular: &'static str, bold: &'static str| Family {
        name: name.into(),
        regular: Builtin(regular),
        italic: Builtin(regular),
        bold: Builtin(bold),
        bold_italic: Builtin(bold),
        fallback: Vec::new(),
    };
    let mut out = vec![
        Family {
            name: BUILTIN_SERIF.into(),
            regular: Builtin("CharisSIL-Regular.ttf"),
            italic: Builtin("CharisSIL-Italic.ttf"),
            bold: Builtin("CharisSIL-Bold.ttf"),
            bold_italic: Builtin("CharisSIL-BoldItalic.ttf"),
            fallback: Vec::new(),
        },
        upright(
            BUILTIN_DISPLAY,
            "LeagueSpartan-SemiBold.otf",
            "LeagueSpartan-Bold.otf",
        ),
        upright(
            BUILTIN_SYMBOLS,
            "NotoSansSymbols2-Regular.ttf",
            "NotoSansSymbols2-Regular.ttf",
        ),
    ];
    for (name, regular, bold) in BUILTIN_SCRIPTS {
        out.push(upright(name, regular, bold));
    }
    out
}

fn resolve_families(path: &Path, text: &Arc<str>, raw: &RawSpec) -> Result<Vec<Family>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut families = builtin_families();
    for (name, fam) in &raw.fonts {
        let face = |s: &toml::Spanned<String>| {
            FaceSource::File(dir.join(s.get_ref()), origin(path, text, s.span()))
        };
        let fallback = fam.fallback.iter().map(|f| f.get_ref().clone()).collect();
        let Some(regular) = fam.regular.as_ref().map(face) else {
            // Fallbacks for a family already known (a built-in one).
            match families.iter_mut().find(|f| &f.name == name) {
                Some(known) => known.fallback = fallback,
                None => {
                    let message = format!("[fonts.{name}] names no font file; expected `regular = \"FILE.ttf\"` (only a built-in family may be given just a `fallback` list)");
                    // At its fallback list, where there is one to point at.
                    return Err(match fam.fallback.first() {
                        Some(f) => origin(path, text, f.span()).error(message),
                        None => Error::in_file(path, message),
                    });
                }
            }
            continue;
        };
        let italic = fam.italic.as_ref().map_or(regular.clone(), face);
        let bold = fam.bold.as_ref().map_or(regular.clone(), face);
        let bold_italic = fam
            .bold_italic
            .as_ref()
            .map(face)
            .unwrap_or_else(|| bold.clone());
        families.retain(|f| &f.name != name);
        families.push(Family {
            name: name.clone(),
            regular,
            italic,
            bold,
            bold_italic,
            fallback,
        });
    }
    // Every fallback names a family there is.
    for fam in raw.fonts.values() {
        for f in &fam.fallback {
            if !families.iter().any(|k| &k.name == f.get_ref()) {
                let names: Vec<String> = families.iter().map(|f| format!("`{}`", f.name)).collect();
                return Err(origin(path, text, f.span())
                    .error(format!(
                        "no font family `{}` to fall back on; expected one of {} (or add it under [fonts])",
                        f.get_ref(),
                        names.join(", ")
                    ))
                    .suggesting(f.get_ref(), families.iter().map(|f| f.name.as_str())));
            }
        }
    }
    Ok(families)
}

fn style(family: &str, size: f32, leading: f32, bold: bool, italic: bool, align: Align) -> Style {
    Style {
        family: family.into(),
        size,
        leading,
        bold,
        italic,
        align,
        indent: 0.0,
        space_before: 0.0,
        space_after: 0.0,
        hyphenate: false,
        uppercase: false,
        justification: Justification::default(),
        looseness: 0,
        paint: Paint::BLACK,
    }
}

/// The house defaults, before the spec's own styles are laid over them.
fn default_styles(baseline: f32) -> Styles {
    let (serif, display) = (BUILTIN_SERIF, BUILTIN_DISPLAY);
    let body_size = (baseline * 9.0 / 11.0).clamp(6.0, 14.0);
    let body = Style {
        indent: body_size,
        hyphenate: true,
        ..style(serif, body_size, baseline, false, false, Align::Justify)
    };
    Styles {
        headline: Style {
            space_after: 6.0,
            ..style(display, 36.0, 38.0, true, false, Align::Left)
        },
        deck: Style {
            space_after: 8.0,
            ..style(serif, 16.0, 19.0, false, true, Align::Left)
        },
        kicker: Style {
            space_after: 3.0,
            uppercase: true,
            ..style(display, 10.0, 12.0, true, false, Align::Left)
        },
        byline: Style {
            space_after: 4.0,
            uppercase: true,
            ..style(display, 8.0, baseline, false, false, Align::Left)
        },
        dateline: style(serif, body_size, baseline, true, false, Align::Justify),
        // On the grid: a line of white above (the space snaps to it), none below.
        crosshead: Style {
            space_before: baseline / 2.0,
            space_after: 0.0,
            ..style(display, body_size + 1.0, baseline, true, false, Align::Left)
        },
        caption: Style {
            space_after: 2.0,
            ..style(serif, 8.0, 10.0, false, true, Align::Left)
        },
        credit: Style {
            space_after: 8.0,
            uppercase: true,
            ..style(display, 6.5, 8.0, false, false, Align::Right)
        },
        quote: Style {
            indent: body_size,
            space_before: 4.0,
            space_after: 4.0,
            ..style(serif, body_size, baseline, false, true, Align::Justify)
        },
        list: Style {
            indent: body_size * 1.2,
            hyphenate: true,
            ..style(serif, body_size, baseline, false, false, Align::Justify)
        },
        folio: style(display, 8.0, 10.0, false, false, Align::Center),
        masthead: style(display, 72.0, 72.0, true, false, Align::Center),
        running_head: Style {
            uppercase: true,
            ..style(display, 8.0, baseline, false, false, Align::Left)
        },
        jump: style(serif, body_size, baseline, false, true, Align::Right),
        jump_head: Style {
            space_after: 4.0,
            ..style(display, 20.0, 22.0, true, false, Align::Left)
        },
        // Space before and after is the white between its rules and its text.
        pullquote: Style {
            space_before: 6.0,
            space_after: 6.0,
            ..style(serif, 15.0, 18.0, false, true, Align::Left)
        },
        body,
        named: Vec::new(),
    }
}

/// The largest type size (and the largest headline size a plan may try).
pub const MAX_SIZE: f32 = 400.0;
/// The largest indent or space before or after an element.
const MAX_SPACE: f32 = 200.0;

fn resolve_styles(
    raw: &raw::RawStyles,
    baseline: f32,
    families: &[Family],
    inks: &[Ink],
    at: &dyn Fn(std::ops::Range<usize>) -> Origin,
) -> Result<Styles> {
    let d = default_styles(baseline);
    let apply = |base: &Style, r: Option<&RawStyle>| -> Result<Style> {
        let Some(r) = r else { return Ok(base.clone()) };
        let mut s = base.clone();
        if let Some(f) = &r.font {
            if !families.iter().any(|fam| &fam.name == f.get_ref()) {
                let names: Vec<String> = families.iter().map(|f| format!("`{}`", f.name)).collect();
                return Err(at(f.span())
                    .error(format!(
                        "no font family `{}`; expected one of {} (or add it under [fonts])",
                        f.get_ref(),
                        names.join(", ")
                    ))
                    .suggesting(f.get_ref(), families.iter().map(|f| f.name.as_str())));
            }
            s.family = f.get_ref().clone();
        }
        let ranged = |v: &toml::Spanned<crate::units::Length>, lo: f32, hi: f32, what: &str| {
            let pt = v.get_ref().pt();
            if (lo..=hi).contains(&pt) {
                Ok(pt)
            } else {
                Err(at(v.span()).error(format!(
                    "{what} must be from {lo}pt to {hi}pt; `{}pt` is not",
                    pt
                )))
            }
        };
        if let Some(v) = &r.size {
            s.size = ranged(v, 1.0, MAX_SIZE, "a type size")?;
            if r.leading.is_none() {
                s.leading = s.size * 1.2;
            }
        }
        if let Some(v) = &r.leading {
            s.leading = ranged(v, 1.0, MAX_SIZE * 1.5, "the leading")?;
        }
        if let Some(v) = &r.colour {
            s.paint = Paint::parse(v.get_ref(), inks).map_err(|e| at(v.span()).error(e))?;
        }
        if let Some(v) = &r.indent {
            s.indent = ranged(v, 0.0, MAX_SPACE, "an indent")?;
        }
        if let Some(v) = &r.space_before {
            s.space_before = ranged(v, 0.0, MAX_SPACE, "space before")?;
        }
        if let Some(v) = &r.space_after {
            s.space_after = ranged(v, 0.0, MAX_SPACE, "space after")?;
        }
        s.bold = r.bold.unwrap_or(s.bold);
        s.italic = r.italic.unwrap_or(s.italic);
        s.align = r.align.unwrap_or(s.align);
        s.hyphenate = r.hyphenate.unwrap_or(s.hyphenate);
        let bounds = |v: &Option<toml::Spanned<[f32; 3]>>,
                      neutral: f32,
                      lo: f32,
                      hi: f32,
                      old: [f32; 2]|
         -> Result<[f32; 2]> {
            let Some(v) = v else { return Ok(old) };
            let [min, desired, max] = *v.get_ref();
            if !(min.is_finite() && desired.is_finite() && max.is_finite())
                || desired != neutral
                || min > desired
                || max < desired
                || min < lo
                || max > hi
            {
                return Err(at(v.span()).error(format!(
                    "expected [minimum, {neutral}, maximum] with {lo} ≤ minimum ≤ {neutral} ≤ maximum ≤ {hi} (the desired value must be {neutral})"
                )));
            }
            Ok([min, max])
        };
        if let Some(l) = &r.looseness {
            if !(-3..=3).contains(l.get_ref()) {
                return Err(at(l.span()).error("looseness is a whole number of lines from -3 to 3"));
            }
            s.looseness = *l.get_ref() as i32;
        }
        let j = s.justification;
        s.justification = Justification {
            word: bounds(&r.word_spacing, 100.0, 0.0, 1000.0, j.word)?,
            letter: bounds(&r.letter_spacing, 0.0, -20.0, 50.0, j.letter)?,
            glyph: bounds(&r.glyph_scaling, 100.0, 50.0, 200.0, j.glyph)?,
            emergency: match &r.emergency_letter_spacing {
                None => j.emergency,
                Some(v) if (0.0..=20.0).contains(v.get_ref()) => *v.get_ref(),
                Some(v) => {
                    return Err(at(v.span()).error("expected a percentage of the em from 0 to 20"))
                }
            },
        };
        s.uppercase = r.uppercase.unwrap_or(s.uppercase);
        Ok(s)
    };
    let body = apply(&d.body, raw.body.as_ref())?;
    // Elements set in body type follow the body's size unless told otherwise.
    let follow = |s: &Style| Style {
        size: body.size,
        leading: body.leading,
        ..s.clone()
    };
    Ok(Styles {
        headline: apply(&d.headline, raw.headline.as_ref())?,
        deck: apply(&d.deck, raw.deck.as_ref())?,
        kicker: apply(&d.kicker, raw.kicker.as_ref())?,
        byline: apply(
            &Style {
                leading: body.leading,
                ..d.byline.clone()
            },
            raw.byline.as_ref(),
        )?,
        dateline: apply(&follow(&d.dateline), raw.dateline.as_ref())?,
        crosshead: apply(
            &Style {
                leading: body.leading,
                ..d.crosshead.clone()
            },
            raw.crosshead.as_ref(),
        )?,
        caption: apply(&d.caption, raw.caption.as_ref())?,
        credit: apply(&d.credit, raw.credit.as_ref())?,
        quote: apply(&follow(&d.quote), raw.quote.as_ref())?,
        list: apply(&follow(&d.list), raw.list.as_ref())?,
        folio: apply(&d.folio, raw.folio.as_ref())?,
        masthead: apply(&d.masthead, raw.masthead.as_ref())?,
        running_head: apply(&d.running_head, raw.running_head.as_ref())?,
        jump: apply(&follow(&d.jump), raw.jump.as_ref())?,
        jump_head: apply(&d.jump_head, raw.jump_head.as_ref())?,
        pullquote: apply(&d.pullquote, raw.pullquote.as_ref())?,
        named: raw
            .named
            .iter()
            .map(|(name, r)| {
                // A name a letter or two from a built-in one is a typo, not a
                // style of the spec's own.
                if let Some(meant) = crate::diag::suggest(name.get_ref(), raw::STYLE_NAMES) {
                    return Err(at(name.span())
                        .error(format!(
                            "`[styles.{}]` is not a built-in style, and too like `{meant}` to be a style of this spec's own",
                            name.get_ref()
                        ))
                        .with_help(format!(
                            "did you mean `{meant}`? (a style of your own, for articles with `style = \"NAME\"`, needs a name unlike the built-in ones)"
                        )));
                }
                Ok((name.get_ref().clone(), apply(&body, Some(r))?))
            })
            .collect::<Result<_>>()?,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Spec> {
        super::parse(Path::new("t.toml"), text)
    }

    #[test]
    fn styles_of_the_specs_own_and_typos_of_built_in_ones() {
        let s =
            parse("[styles.body]\nsize = \"10pt\"\n[styles.coupon]\nleading = \"20pt\"\n").unwrap();
        let coupon = s.styles.named("coupon").unwrap();
        assert_eq!(coupon.size, 10.0, "based on the body");
        assert_eq!(coupon.leading, 20.0);
        let e = format!("{:?}", parse("[styles.hedline]\nsize = \"20pt\"\n").err());
        assert!(e.contains("did you mean `headline`"), "{e}");
        assert!(e.contains("line_col: Some((1, 9))"), "{e}");
    }

    #[test]
    fn an_output_for_the_screen_drops_the_press() {
        let s = parse("[output]\nstandard = \"x1a\"\nfor = \"screen\"\n").unwrap();
        assert!(s.output.screen);
        assert_eq!(s.output.standard, Standard::None);
        let e = format!("{:?}", parse("[output]\nfor = \"web\"\n").err());
        assert!(
            e.contains("screen") && e.contains("line_col: Some((2, 7))"),
            "{e}"
        );
    }

    #[test]
    fn running_heads_can_be_turned_off() {
        let page = "[[pages]]\n[[pages.place]]\narticle = \"a\"\n";
        let on = parse(page).unwrap();
        let off = parse(&format!("[document]\nrunning_head = false\n{page}")).unwrap();
        assert!(on.running_head_height() > 0.0);
        assert_eq!(off.running_head_height(), 0.0);
        let top = |s: &Spec| s.plan.as_ref().unwrap().pages[0].top;
        assert!(top(&off) < top(&on));
    }

    #[test]
    fn defaults_fill_an_empty_spec() {
        let s = parse("").unwrap();
        assert_eq!(s.columns, 1);
        assert_eq!(s.styles.body.family, BUILTIN_SERIF);
        assert!((s.page_width - 595.28).abs() < 0.1);
    }

    #[test]
    fn tabloid_with_five_columns() {
        let s =
            parse("[paper]\nsize = \"tabloid\"\n[columns]\ncount = 5\ngutter = \"4mm\"\n").unwrap();
        assert_eq!((s.page_width, s.page_height), (792.0, 1224.0));
        assert_eq!(s.columns, 5);
    }

    #[test]
    fn unknown_key_is_an_error_at_its_line_listing_valid_keys() {
        let e = parse("[paper]\nsize = \"A4\"\ncolour = 3\n").unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(3));
        assert!(e.message.contains("size"), "{}", e.message);
    }

    #[test]
    fn bad_unit_is_an_error_at_its_line() {
        let e = parse("[margins]\ntop = \"12px\"\n").unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(2));
        assert!(e.message.contains("mm"), "{}", e.message);
    }

    #[test]
    fn margins_larger_than_the_page_are_refused() {
        let e = parse("[paper]\nsize = \"A6\"\n[margins]\ntop = \"80mm\"\nbottom = \"80mm\"\n")
            .unwrap_err();
        assert!(e.message.contains("margins"), "{}", e.message);
        assert_eq!(
            e.line_col.map(|l| l.0),
            Some(3),
            "points at the [margins] table"
        );
    }

    #[test]
    fn unknown_paper_lists_the_valid_names() {
        let e = parse("[paper]\nsize = \"A7\"\n").unwrap_err();
        assert!(e.message.contains("Tabloid"), "{}", e.message);
    }

    #[test]
    fn justification_bounds_are_read_and_checked() {
        let s = parse("[styles.body]\nletter_spacing = [-2, 0, 4]\n").unwrap();
        assert_eq!(s.styles.body.justification.letter, [-2.0, 4.0]);
        assert_eq!(s.styles.body.justification.word, [80.0, 133.0]);
        let e = parse("[styles.body]\n\nword_spacing = [120, 100, 90]\n").unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(3));
    }

    #[test]
    fn rule_weights_are_read_and_bounded() {
        let s = parse("").unwrap();
        assert_eq!((s.column_rule, s.story_rule), (0.0, 0.5));
        let s = parse("[rules]\ncolumns = \"0.3pt\"\nstories = \"0pt\"\n").unwrap();
        assert_eq!((s.column_rule, s.story_rule), (0.3, 0.0));
        let e = parse("[rules]\ncolumns = \"1cm\"\n").unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(2));
        assert!(e.message.contains("weight"), "{}", e.message);
    }

    #[test]
    fn looseness_is_read_and_bounded() {
        assert_eq!(
            parse("[styles.body]\nlooseness = -1\n")
                .unwrap()
                .styles
                .body
                .looseness,
            -1
        );
        let e = parse("[styles.body]\nlooseness = 9\n").unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(2));
    }

    #[test]
    fn hyphenation_exceptions_are_read() {
        let s =
            parse("[hyphenation]\nexceptions = [\"com-mu-nist\", \"ICWP\"]\ncapitalized = true\n")
                .unwrap();
        assert_eq!(
            s.hyphenation.exceptions[0],
            ("communist".to_string(), vec![3, 5])
        );
        assert_eq!(s.hyphenation.exceptions[1], ("icwp".to_string(), vec![]));
        assert!(s.hyphenation.capitalized);
        let e = parse("[hyphenation]\nexceptions = [\"bad word\"]\n").unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(2));
    }

    #[test]
    fn style_with_unknown_family_is_refused() {
        let e = parse("[styles.body]\nfont = \"Comic\"\n").unwrap_err();
        assert!(e.message.contains("Charis SIL"), "{}", e.message);
    }
}
