//! The display list: pages of positioned glyph runs, rules and images, in
//! points from the page's top-left corner. It is all a backend sees: no
//! Markdown, no styles, no layout decisions.

use crate::assets::images::Image;
use crate::colour::{Ink, Paint};

/// A finished document.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Title and language, for the metadata.
    pub title: String,
    pub lang: String,
    /// Font programs, indexed by [`TextRun::font`].
    pub fonts: Vec<FontProgram>,
    /// Images, indexed by [`Item::Image`].
    pub images: Vec<Image>,
    /// Spot inks, indexed by [`Paint::Spot`].
    pub inks: Vec<Ink>,
    pub pages: Vec<Page>,
    /// The articles, in the plan's order, which [`Tag::story`] indexes: what
    /// a tagged PDF's structure and bookmarks say of them.
    pub stories: Vec<StoryInfo>,
}

/// An article as a reader of the screen edition meets it.
#[derive(Debug, Clone, Default)]
pub struct StoryInfo {
    /// Its headline (its id if it has none): its bookmark.
    pub title: String,
    /// Its language (BCP 47).
    pub lang: String,
    /// What its photo shows, for those who cannot see it: the caption.
    pub alt: String,
}

/// What a run of text or a photo is, for a tagged PDF: the article it
/// belongs to, what kind of thing it is, and which paragraph (lines of one
/// paragraph share it, in whatever columns and pages they fall).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag {
    pub story: u32,
    pub kind: TagKind,
    pub block: u32,
}

/// The structure types mimeo tags with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TagKind {
    /// The headline.
    Heading,
    /// A crosshead.
    Subheading,
    Paragraph,
    Caption,
    Figure,
}

/// A font to embed.
#[derive(Debug, Clone)]
pub struct FontProgram {
    pub name: String,
    pub data: crate::bytes::Bytes,
}

/// One page, its trimmed size and contents.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// Something drawn on a page.
#[derive(Debug, Clone)]
pub enum Item {
    Text(TextRun),
    /// A straight line of `width` points.
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        paint: Paint,
    },
    /// A filled rectangle, top-left corner `(x, y)`; `label` says what it
    /// is (the article it is behind), for the preflight.
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        paint: Paint,
        label: String,
        /// Meant to run past the trim, into the bleed.
        bleed: bool,
    },
    /// Image `index` scaled into the box with top-left corner `(x, y)`,
    /// shown only inside `clip` (x, y, width, height), if given: a crop.
    Image {
        index: usize,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        clip: Option<[f32; 4]>,
        /// Meant to run past the trim, into the bleed.
        bleed: bool,
        /// The article whose photo it is (none: decoration).
        tag: Option<Tag>,
    },
    /// Text that links to `url`, over the box with top-left corner
    /// `(x, y)`: nothing is drawn; the screen edition makes it live.
    Link {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        url: String,
        /// The paragraph the link's words are in.
        tag: Option<Tag>,
    },
}

impl Item {
    /// What a filled box or a photo shows, `[x, y, width, height]` from the
    /// page's top left (a cropped photo: its crop); none for text and rules.
    pub fn area(&self) -> Option<[f32; 4]> {
        match self {
            Item::Fill {
                x,
                y,
                width,
                height,
                ..
            } => Some([*x, *y, *width, *height]),
            Item::Image {
                x,
                y,
                width,
                height,
                clip,
                ..
            } => Some(clip.unwrap_or([*x, *y, *width, *height])),
            Item::Text(_) | Item::Rule { .. } | Item::Link { .. } => None,
        }
    }
}

/// Glyphs of one font and size on one baseline, in reading order.
#[derive(Debug, Clone)]
pub struct TextRun {
    pub font: usize,
    pub size: f32,
    /// The baseline's left end.
    pub x: f32,
    pub y: f32,
    /// Horizontal glyph scaling (1 = none), for justification.
    pub scale: f32,
    pub paint: Paint,
    pub glyphs: Vec<Glyph>,
    /// The text the glyphs stand for, which each glyph indexes.
    pub text: String,
    /// What it is in its article (none: page furniture, repeated or
    /// decorative text: running heads, folios, jump lines, pull quotes).
    pub tag: Option<Tag>,
}

impl TextRun {
    /// The text glyph `g` stands for (empty for later glyphs of a cluster).
    pub fn text_of(&self, g: &Glyph) -> &str {
        self.text
            .get(g.text.start as usize..g.text.end as usize)
            .unwrap_or("")
    }
}

/// A glyph and (for search and copy) the byte range of its run's text it
/// stands for. Kept small: a long document has millions.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub gid: u16,
    /// Offset from the run's `x`.
    pub x: f32,
    /// Raise above the baseline.
    pub rise: f32,
    pub text: std::ops::Range<u32>,
}
