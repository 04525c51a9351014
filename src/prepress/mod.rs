//! Prepress: the display list made ready for the press the spec's
//! `[output]` names, and checked as a print shop would. `convert` puts the
//! photos into the job's colour (grey, or the printer's CMYK within the ink
//! limit); [`prepare`] puts them into the display list, refuses what the
//! PDF/X standard does not allow, and `preflight` reads the pages for too
//! much ink, soft photos, hairlines and marks past the trim. Between
//! composition and the PDF writer: it reads and changes only the photos and
//! the display list (the conversion needs nothing of the layout, so the
//! build runs it while the pages are composed). For the screen edition,
//! `screen` makes photos no sharper than a screen shows them.

mod convert;
mod preflight;
mod screen;
pub mod separate;

pub use convert::{images as convert, Converted, Inked, Space};
pub use preflight::{PageCheck, PhotoCheck, HAIRLINE};

use crate::diag::{Error, Result, Warnings};
use crate::display::{Document, Item, Page};
use crate::press::{Output, Standard};

/// Puts the photos converted for `output` (by [`convert`], which may run
/// while the pages are composed) into the document and checks its pages;
/// findings go into `warnings`, the figures are returned for the report.
pub fn prepare(
    doc: &mut Document,
    converted: Converted,
    output: &Output,
    warnings: &mut Warnings,
) -> Result<Vec<PageCheck>> {
    let inked = apply(doc, converted);
    for (i, page) in doc.pages.iter().enumerate() {
        refuse_rgb(i + 1, page, doc, &inked, output)?;
    }
    if output.screen {
        screen::downsample(doc, crate::press::SCREEN_PPI);
    }
    doc.pages
        .iter()
        .enumerate()
        .map(|(i, page)| Ok(preflight::check(i + 1, page, doc, &inked, output, warnings)))
        .collect()
}

/// Puts the photos converted for `output` into `doc` (a document whose
/// pages come one by one: see [`check_page`]); returns what each photo is
/// printed in.
pub fn apply(doc: &mut Document, converted: Converted) -> Vec<Inked> {
    convert::apply(&mut doc.images, converted)
}

/// Checks page `n` (from 1) of `doc`, its photos put in by [`apply`], as
/// [`prepare`] checks every page; not for the screen edition, whose photos
/// are made smaller by how large the pages show them.
pub fn check_page(
    n: usize,
    page: &Page,
    doc: &Document,
    inked: &[Inked],
    output: &Output,
    warnings: &mut Warnings,
) -> Result<PageCheck> {
    refuse_rgb(n, page, doc, inked, output)?;
    Ok(preflight::check(n, page, doc, inked, output, warnings))
}

/// Under PDF/X an RGB photo left as it is would not conform: an error
/// naming the page `n` it is on, its article and what to do.
fn refuse_rgb(
    n: usize,
    page: &Page,
    doc: &Document,
    inked: &[Inked],
    output: &Output,
) -> Result<()> {
    if output.standard == Standard::None {
        return Ok(());
    }
    for item in &page.items {
        let Item::Image { index, .. } = item else {
            continue;
        };
        if inked.get(*index).map(|i| i.space) != Some(Space::Rgb) {
            continue;
        }
        let img = &doc.images[*index];
        return Err(Error::new(format!(
            "page {}: the photo {} of article `{}` is in RGB, which {} does not allow",
            n,
            img.file,
            img.article,
            output.standard.name()
        ))
        .with_help(
            "under [output], set colour = \"gray\" for a black-and-white paper, or name the printer's CMYK profile (profile = \"FILE.icc\") to convert colour photos to its CMYK",
        ));
    }
    Ok(())
}
