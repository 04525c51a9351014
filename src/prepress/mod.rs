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
use crate::display::{Document, Item};
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
    let inked = convert::apply(&mut doc.images, converted);
    refuse_rgb(doc, &inked, output)?;
    if output.screen {
        screen::downsample(doc, crate::press::SCREEN_PPI);
    }
    Ok(preflight::check(doc, &inked, output, warnings))
}

/// Under PDF/X an RGB photo left as it is would not conform: an error
/// naming the first page it is on, its article and what to do.
fn refuse_rgb(doc: &Document, inked: &[Inked], output: &Output) -> Result<()> {
    if output.standard == Standard::None {
        return Ok(());
    }
    for (n, page) in doc.pages.iter().enumerate() {
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
                n + 1,
                img.file,
                img.article,
                output.standard.name()
            ))
            .with_help(
                "under [output], set colour = \"gray\" for a black-and-white paper, or name the printer's CMYK profile (profile = \"FILE.icc\") to convert colour photos to its CMYK",
            ));
        }
    }
    Ok(())
}
