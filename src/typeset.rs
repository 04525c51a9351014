//! Typesetting: every paragraph of every story shaped and broken at its measure
//! (head across the full width, body and captions at column width). The result,
//! [`SetStory`], is what composition stacks into columns and pages.

use crate::assets::fonts::{FaceId, FontBook};
use crate::diag::{Result, Warnings};
use crate::hyphenate::Hyphenator;
use crate::linebreak::{self, SetPara};
use crate::model::{Document, Para, Role};
use crate::shape::Shaper;
use crate::spec::{Spec, Style};

/// A story with all its text set.
#[derive(Debug, Clone)]
pub struct SetStory {
    pub id: String,
    pub words_in: usize,
    pub head: Vec<SetBlock>,
    pub figure: Option<SetFigure>,
    pub body: Vec<SetBlock>,
}

/// A set paragraph and what composition needs to know of it.
#[derive(Debug, Clone)]
pub struct SetBlock {
    pub role: Role,
    pub style: Style,
    pub para: SetPara,
}

/// A photo with its caption and credit set at column width.
#[derive(Debug, Clone)]
pub struct SetFigure {
    pub image: Option<usize>,
    pub caption: Option<SetBlock>,
    pub credit: Option<SetBlock>,
}

/// Glyphs for page numbers.
#[derive(Debug, Clone)]
pub struct Digits {
    pub face: FaceId,
    pub size: f32,
    /// `(glyph, advance)` for 0–9.
    pub glyphs: Vec<(u16, f32)>,
}

/// Sets every story of the document.
pub fn typeset(
    spec: &Spec,
    doc: &Document,
    book: &FontBook,
    warnings: &mut Warnings,
) -> Result<(Vec<SetStory>, Digits)> {
    let mut shaper = Shaper::new(book)?;
    let mut hyph = Hyphenator::new(&spec.hyphenation);
    let full = spec.page_width - spec.margin_inside - spec.margin_outside;
    let column = spec.column_width();
    let mut set = |p: &Para, width: f32, id: &str, warnings: &mut Warnings| {
        let shaped = shaper.shape(p, id, warnings);
        let para = linebreak::set(p, &shaped, width, &shaper, &mut hyph);
        SetBlock {
            role: p.role,
            style: p.style.clone(),
            para,
        }
    };
    let mut stories = Vec::with_capacity(doc.stories.len());
    for s in &doc.stories {
        if crate::hyphenate::language(&s.lang).is_none() && s.body.iter().any(|p| p.style.hyphenate)
        {
            warnings.push(Some(&s.id), format!("no hyphenation patterns for language `{}`; the text is set without hyphenation", s.lang));
        }
        let head = s
            .head
            .iter()
            .map(|p| set(p, full, &s.id, warnings))
            .collect();
        let figure = s.figure.as_ref().map(|f| SetFigure {
            image: f.image,
            caption: f.caption.as_ref().map(|p| set(p, column, &s.id, warnings)),
            credit: f.credit.as_ref().map(|p| set(p, column, &s.id, warnings)),
        });
        let body = s
            .body
            .iter()
            .map(|p| set(p, column, &s.id, warnings))
            .collect();
        stories.push(SetStory {
            id: s.id.clone(),
            words_in: s.words_in,
            head,
            figure,
            body,
        });
    }
    let folio = &spec.styles.folio;
    let face = book.face(&folio.family, folio.bold, folio.italic);
    let glyphs = ('0'..='9')
        .map(|c| {
            shaper
                .char_advance(face, c, folio.size)
                .unwrap_or((0, folio.size * 0.5))
        })
        .collect();
    Ok((
        stories,
        Digits {
            face,
            size: folio.size,
            glyphs,
        },
    ))
}
