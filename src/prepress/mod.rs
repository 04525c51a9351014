//! Prepress: the display list made ready for the press the spec's
//! `[output]` names, and checked as a print shop would. `convert` puts the
//! photos into the job's colour (grey, or the printer's CMYK within the ink
//! limit) and refuses what the PDF/X standard does not allow; `preflight`
//! reads the pages for too much ink, soft photos, hairlines and marks past
//! the trim. Between composition and the PDF writer: it reads and changes
//! only the display list.

mod convert;
mod preflight;

pub use convert::{Inked, Space};
pub use preflight::{PageCheck, PhotoCheck, HAIRLINE};

use crate::diag::{Error, Result, Warnings};
use crate::display::{Document, Item};
use crate::press::{Output, Standard};

/// Converts the document's photos for `output` and checks its pages;
/// findings go into `warnings`, the figures are returned for the report.
pub fn prepare(
    doc: &mut Document,
    output: &Output,
    warnings: &mut Warnings,
) -> Result<Vec<PageCheck>> {
    let inked = convert::images(&mut doc.images, output)?;
    refuse_rgb(doc, &inked, output)?;
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
