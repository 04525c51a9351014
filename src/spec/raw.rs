//! The layout spec exactly as written in TOML: every key optional, unknown keys
//! refused (serde then lists the valid ones). `super::resolve` fills in defaults.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::units::Length;

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    #[serde(default)]
    pub document: RawDocument,
    #[serde(default)]
    pub paper: RawPaper,
    pub margins: Option<Spanned<RawMargins>>,
    #[serde(default)]
    pub columns: RawColumns,
    #[serde(default)]
    pub fonts: BTreeMap<String, RawFamily>,
    #[serde(default)]
    pub styles: RawStyles,
    #[serde(default)]
    pub hyphenation: RawHyphenation,
    pub masthead: Option<RawMasthead>,
    pub editions: Option<RawEditions>,
    #[serde(default)]
    pub jumps: BTreeMap<String, RawJumps>,
    #[serde(default)]
    pub pages: Vec<super::plan::RawPage>,
    #[serde(default)]
    pub rules: RawRules,
    /// `[inks.NAME]`: spot inks.
    #[serde(default)]
    pub inks: BTreeMap<String, Spanned<RawInk>>,
    #[serde(default, alias = "colors")]
    pub colours: RawColours,
    #[serde(default)]
    pub output: RawOutput,
    pub imposition: Option<Spanned<RawImposition>>,
}

/// `[imposition]`: the pages put on sheets to print at home or in a shop.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImposition {
    /// `"booklet"`, `"n-up"` or `"none"`.
    pub kind: Spanned<String>,
    pub sheet: Option<Spanned<String>>,
    /// `"long"` or `"short"`.
    pub duplex: Option<Spanned<String>>,
    pub creep: Option<Spanned<Length>>,
    pub fold: Option<bool>,
    pub copies: Option<Spanned<i64>>,
    /// n-up: `"repeat"` (each side one page, repeated) or `"in-turn"`.
    pub pages: Option<Spanned<String>>,
    pub gutter: Option<Spanned<Length>>,
}

/// `[inks.NAME]`: a spot ink (a risograph drum, a press's extra plate) and
/// how it looks: the CMYK mix (in %) that stands in for it on a press
/// proof, and/or its colour on screen (`"#e0322d"`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInk {
    pub cmyk: Option<Spanned<[f32; 4]>>,
    pub display: Option<Spanned<String>>,
}

/// `[colours]`: what the furniture is painted in (see `crate::colour`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColours {
    pub rules: Option<Spanned<String>>,
    pub pullquote: Option<Spanned<String>>,
    pub tint: Option<Spanned<String>>,
}

/// `[output]`: what the file is made for.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutput {
    /// `"none"`, `"x1a"` or `"x4"`.
    pub standard: Option<Spanned<String>>,
    /// The registered printing condition (`"IFRA26"`, `"FOGRA39"`, …).
    pub condition: Option<Spanned<String>>,
    /// The printer's CMYK profile, an `.icc` file.
    pub profile: Option<Spanned<String>>,
    /// `"gray"` converts every photo to grey; `"cmyk"` (with a profile) or
    /// `"as-is"`.
    #[serde(alias = "color")]
    pub colour: Option<Spanned<String>>,
    /// The most ink, in %, any spot may carry.
    pub max_ink: Option<Spanned<f32>>,
    /// The least resolution a photo may print at, in pixels per inch.
    pub min_ppi: Option<Spanned<f32>>,
    /// Write one greyscale PDF per ink (risograph drums, screens).
    pub separate: Option<bool>,
    /// The ink photos print in when separated (default `"black"`).
    pub photos: Option<Spanned<String>>,
    /// How photos are screened on their plate: `"none"`, `"dots"`, `"dither"`.
    pub halftone: Option<Spanned<String>>,
    /// A printer with limits the preflight checks: `"riso-a4"`, `"riso-a3"`.
    pub printer: Option<Spanned<String>>,
    /// `"print"` (the default) or `"screen"`: the edition to post online.
    #[serde(rename = "for")]
    pub made_for: Option<Spanned<String>>,
}

/// `[rules]`: the weights of the rules between columns and between stories
/// ("0pt" for none).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    pub columns: Option<Spanned<Length>>,
    pub stories: Option<Spanned<Length>>,
}

/// `[masthead]`: the paper's name and particulars atop the front page, and
/// in `[masthead.LANG]` the same in another language, for that edition.
#[derive(Debug, Deserialize)]
#[serde(try_from = "BTreeMap<Spanned<String>, Spanned<toml::Value>>")]
pub struct RawMasthead {
    pub title: Spanned<String>,
    pub tagline: Option<Spanned<String>>,
    pub issue: Option<Spanned<String>>,
    pub date: Option<Spanned<String>>,
    pub price: Option<Spanned<String>>,
    /// Another language's strings, by its code.
    pub editions: Vec<(Spanned<String>, RawMastheadText)>,
}

/// `[masthead.LANG]`: an edition's masthead strings (the title is the
/// paper's own unless given).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMastheadText {
    pub title: Option<String>,
    pub tagline: Option<String>,
    pub issue: Option<String>,
    pub date: Option<String>,
    pub price: Option<String>,
}

/// The keys of `[masthead]`.
const MASTHEAD_KEYS: [&str; 5] = ["title", "tagline", "issue", "date", "price"];

impl TryFrom<BTreeMap<Spanned<String>, Spanned<toml::Value>>> for RawMasthead {
    type Error = String;

    fn try_from(map: BTreeMap<Spanned<String>, Spanned<toml::Value>>) -> Result<Self, String> {
        let mut title = None;
        let mut m = RawMasthead {
            title: Spanned::new(0..0, String::new()),
            tagline: None,
            issue: None,
            date: None,
            price: None,
            editions: Vec::new(),
        };
        for (key, value) in map {
            let span = value.span();
            let text = |v: Spanned<toml::Value>| match v.into_inner() {
                toml::Value::String(s) => Ok(Spanned::new(span.clone(), s)),
                other => Err(format!(
                    "`{}` in [masthead] is text, in quotes; found {}",
                    key.get_ref(),
                    other.type_str()
                )),
            };
            match key.get_ref().as_str() {
                "title" => title = Some(text(value)?),
                "tagline" => m.tagline = Some(text(value)?),
                "issue" => m.issue = Some(text(value)?),
                "date" => m.date = Some(text(value)?),
                "price" => m.price = Some(text(value)?),
                _ => match value.into_inner() {
                    toml::Value::Table(t) => {
                        let strings = RawMastheadText::deserialize(toml::Value::Table(t))
                            .map_err(|e| format!("[masthead.{}]: {}", key.get_ref(), e.message()))?;
                        m.editions.push((key, strings));
                    }
                    _ => {
                        return Err(format!(
                            "unknown field `{}`, expected one of {}, or a table [masthead.LANG] for an edition",
                            key.get_ref(),
                            MASTHEAD_KEYS.map(|k| format!("`{k}`")).join(", ")
                        ))
                    }
                },
            }
        }
        m.title = title.ok_or("missing field `title`")?;
        Ok(m)
    }
}

/// `[editions]`: the languages the issue comes out in, each its own PDF
/// from the same plan (`example-en.pdf`, `example-es.pdf`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEditions {
    pub langs: Spanned<Vec<Spanned<String>>>,
}

/// `[jumps.LANG]`: the words of jump lines in one language; `{page}` stands
/// for the page number.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJumps {
    pub to: Option<Spanned<String>>,
    pub from: Option<Spanned<String>>,
}

/// `[hyphenation]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHyphenation {
    pub exceptions: Option<Vec<Spanned<String>>>,
    pub capitalized: Option<bool>,
}

/// `[document]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub title: Option<String>,
    pub lang: Option<Spanned<String>>,
    pub max_pages: Option<Spanned<i64>>,
    pub folios: Option<bool>,
    pub heads: Option<bool>,
    /// The paper's name and date atop the pages without a masthead (with a
    /// page plan); `false` for none.
    pub running_head: Option<bool>,
    pub allow_paths: Option<Vec<Spanned<String>>>,
    /// `"rtl"`: a paper read from the right, bound on the right, its
    /// column 1 at the right; `"ltr"`. Default: the document language's.
    pub direction: Option<Spanned<String>>,
}

/// `[paper]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPaper {
    pub size: Option<Spanned<String>>,
    pub width: Option<Length>,
    pub height: Option<Length>,
    pub orientation: Option<Orientation>,
    /// Printed past the trim on every side (for a print shop: "3mm").
    pub bleed: Option<Spanned<Length>>,
    /// `"crop"`: crop marks outside the bleed and a slug line;
    /// `"crop+registration"`: and registration targets; `"none"` (the
    /// default).
    pub marks: Option<Spanned<String>>,
}

/// Portrait or landscape.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// `[margins]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMargins {
    pub top: Option<Length>,
    pub bottom: Option<Length>,
    pub inside: Option<Length>,
    pub outside: Option<Length>,
}

/// `[columns]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColumns {
    pub count: Option<Spanned<i64>>,
    pub gutter: Option<Length>,
    pub baseline: Option<Spanned<Length>>,
}

/// `[fonts.NAME]`: a family by its faces' file paths.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFamily {
    /// The faces' files; none: a family of fallbacks for a built-in one
    /// (`[fonts."Charis SIL"] fallback = ["My Korean"]`).
    pub regular: Option<Spanned<String>>,
    pub italic: Option<Spanned<String>>,
    pub bold: Option<Spanned<String>>,
    pub bold_italic: Option<Spanned<String>>,
    /// Families to set a character in when this one lacks it, in order.
    #[serde(default)]
    pub fallback: Vec<Spanned<String>>,
}

/// `[styles]`: one table per element, and styles of the spec's own, by
/// name, for whole articles (`style = "coupon"` in front matter).
#[derive(Debug, Default, Deserialize)]
#[serde(from = "BTreeMap<Spanned<String>, RawStyle>")]
pub struct RawStyles {
    pub body: Option<RawStyle>,
    pub headline: Option<RawStyle>,
    pub deck: Option<RawStyle>,
    pub kicker: Option<RawStyle>,
    pub byline: Option<RawStyle>,
    pub dateline: Option<RawStyle>,
    pub crosshead: Option<RawStyle>,
    pub caption: Option<RawStyle>,
    pub credit: Option<RawStyle>,
    pub quote: Option<RawStyle>,
    pub list: Option<RawStyle>,
    pub folio: Option<RawStyle>,
    pub masthead: Option<RawStyle>,
    pub running_head: Option<RawStyle>,
    pub jump: Option<RawStyle>,
    pub jump_head: Option<RawStyle>,
    pub pullquote: Option<RawStyle>,
    /// Every other table: a style of the spec's own, with where its name is.
    pub named: Vec<(Spanned<String>, RawStyle)>,
}

/// The built-in elements' style names, as written in `[styles]`.
pub const STYLE_NAMES: [&str; 17] = [
    "body",
    "headline",
    "deck",
    "kicker",
    "byline",
    "dateline",
    "crosshead",
    "caption",
    "credit",
    "quote",
    "list",
    "folio",
    "masthead",
    "running_head",
    "jump",
    "jump_head",
    "pullquote",
];

impl From<BTreeMap<Spanned<String>, RawStyle>> for RawStyles {
    fn from(tables: BTreeMap<Spanned<String>, RawStyle>) -> Self {
        let mut s = RawStyles::default();
        for (name, style) in tables {
            let slot = match name.get_ref().as_str() {
                "body" => &mut s.body,
                "headline" => &mut s.headline,
                "deck" => &mut s.deck,
                "kicker" => &mut s.kicker,
                "byline" => &mut s.byline,
                "dateline" => &mut s.dateline,
                "crosshead" => &mut s.crosshead,
                "caption" => &mut s.caption,
                "credit" => &mut s.credit,
                "quote" => &mut s.quote,
                "list" => &mut s.list,
                "folio" => &mut s.folio,
                "masthead" => &mut s.masthead,
                "running_head" => &mut s.running_head,
                "jump" => &mut s.jump,
                "jump_head" => &mut s.jump_head,
                "pullquote" => &mut s.pullquote,
                _ => {
                    s.named.push((name, style));
                    continue;
                }
            };
            *slot = Some(style);
        }
        s
    }
}

/// `[styles.NAME]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStyle {
    pub font: Option<Spanned<String>>,
    pub size: Option<Spanned<Length>>,
    pub leading: Option<Spanned<Length>>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub align: Option<Align>,
    pub indent: Option<Spanned<Length>>,
    pub space_before: Option<Spanned<Length>>,
    pub space_after: Option<Spanned<Length>>,
    pub hyphenate: Option<bool>,
    pub uppercase: Option<bool>,
    pub word_spacing: Option<toml::Spanned<[f32; 3]>>,
    pub letter_spacing: Option<toml::Spanned<[f32; 3]>>,
    pub glyph_scaling: Option<toml::Spanned<[f32; 3]>>,
    pub emergency_letter_spacing: Option<toml::Spanned<f32>>,
    pub looseness: Option<toml::Spanned<i64>>,
    #[serde(alias = "color")]
    pub colour: Option<Spanned<String>>,
}

/// How lines sit in their measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Flush left and right (the last line flush left).
    Justify,
    /// Flush left, ragged right.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}
