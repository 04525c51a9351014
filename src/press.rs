//! What a job is printed on, as the spec's `[output]` says: the PDF/X
//! standard the file keeps to, the printing condition it is made for (a
//! registered characterisation, or the printer's own ICC profile), what
//! photos are converted to, and the limits the preflight holds it to. Plain
//! data: the spec fills it in, the prepress stage and the PDF writer read it.

use std::sync::Arc;

/// The PDF/X flavour of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Standard {
    /// A plain PDF (1.7), as before.
    #[default]
    None,
    /// PDF/X-1a:2001: PDF 1.3, grey, CMYK and spot inks only, no
    /// transparency; the condition may be named rather than embedded.
    X1a,
    /// PDF/X-4 (2010): PDF 1.6, XMP metadata, the printer's profile embedded.
    X4,
}

impl Standard {
    /// How the spec and the messages write it.
    pub fn name(self) -> &'static str {
        match self {
            Standard::None => "none",
            Standard::X1a => "PDF/X-1a:2001",
            Standard::X4 => "PDF/X-4",
        }
    }
}

/// A printing condition in the ICC's registry of characterisations, which a
/// PDF/X-1a file may name instead of embedding a profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Condition {
    /// The identifier as registered (`OutputConditionIdentifier`).
    pub id: &'static str,
    /// What it is, in words (`OutputCondition`, `Info`).
    pub description: &'static str,
    /// The total ink the condition's printers accept, in %.
    pub max_ink: f32,
    /// Newsprint: photos need 200 ppi, where offset on better paper needs 300.
    pub newsprint: bool,
}

/// The registry of characterisation data.
pub const REGISTRY: &str = "http://www.color.org";

/// The registered conditions mimeo knows by name.
pub const CONDITIONS: [Condition; 8] = [
    Condition {
        id: "IFRA26",
        description: "Coldset offset on standard newsprint (ISO 12647-3, ISOnewspaper26v4)",
        max_ink: 240.0,
        newsprint: true,
    },
    Condition {
        id: "IFRA30",
        description: "Coldset offset on improved newsprint (ISO 12647-3, ISOnewspaper30)",
        max_ink: 260.0,
        newsprint: true,
    },
    Condition {
        id: "FOGRA39",
        description: "Offset on coated paper (ISO 12647-2:2004, FOGRA39)",
        max_ink: 330.0,
        newsprint: false,
    },
    Condition {
        id: "FOGRA47",
        description: "Offset on uncoated paper (ISO 12647-2:2004, FOGRA47)",
        max_ink: 300.0,
        newsprint: false,
    },
    Condition {
        id: "FOGRA51",
        description: "Offset on coated paper (ISO 12647-2:2013, FOGRA51)",
        max_ink: 300.0,
        newsprint: false,
    },
    Condition {
        id: "FOGRA52",
        description: "Offset on uncoated paper (ISO 12647-2:2013, FOGRA52)",
        max_ink: 300.0,
        newsprint: false,
    },
    Condition {
        id: "CGATS TR 001",
        description: "Web offset on coated publication paper (SWOP, CGATS TR 001)",
        max_ink: 300.0,
        newsprint: false,
    },
    Condition {
        id: "CGATS TR 006",
        description: "Sheet-fed offset on coated paper (GRACoL, CGATS TR 006)",
        max_ink: 320.0,
        newsprint: false,
    },
];

/// The registered condition called `name` (any case; `SWOP` and `GRACoL`
/// stand for their CGATS numbers).
pub fn condition(name: &str) -> Option<Condition> {
    let name = match name.trim().to_ascii_uppercase().as_str() {
        "SWOP" => "CGATS TR 001".to_string(),
        "GRACOL" => "CGATS TR 006".to_string(),
        n => n.to_string(),
    };
    CONDITIONS.iter().copied().find(|c| c.id == name)
}

/// The registered conditions' names, for messages.
pub fn condition_names() -> String {
    let names: Vec<String> = CONDITIONS.iter().map(|c| format!("\"{}\"", c.id)).collect();
    names.join(", ")
}

/// What photos are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImageColour {
    /// Grey photos as grey, colour as they come (RGB unless the file is CMYK).
    #[default]
    AsIs,
    /// Every photo in grey, for a black-only job.
    Gray,
    /// Colour photos in the printer's CMYK, through its profile.
    Cmyk,
}

/// A printer's ICC profile, as read from the file the spec names.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Its description (`desc` tag), or the file's name.
    pub name: String,
    pub data: Arc<[u8]>,
    /// Colour components of its device side (4 for CMYK).
    pub components: u8,
}

/// Everything about the job's output, resolved.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub standard: Standard,
    /// The registered condition, if one is named (or the default for X-1a).
    pub condition: Option<Condition>,
    pub profile: Option<Profile>,
    pub colour: ImageColour,
    /// The most total ink anywhere, in %.
    pub max_ink: f32,
    /// The least effective resolution of a placed photo.
    pub min_ppi: f32,
    /// One greyscale file per ink, and the ink photos print in (none:
    /// black).
    pub separate: bool,
    pub photos_ink: Option<usize>,
    /// How photos are screened on their plate.
    pub halftone: Halftone,
    /// A printer whose limits the preflight checks.
    pub printer: Option<Printer>,
    /// The screen edition: tagged, bookmarked, photos in RGB at
    /// [`SCREEN_PPI`], nothing of the press.
    pub screen: bool,
}

/// The resolution of the screen edition's photos: sharp on a laptop's
/// screen at twice the size, a fraction of the print file's weight.
pub const SCREEN_PPI: f32 = 150.0;

/// How a photo's greys are made of dots on a separation's plate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Halftone {
    /// Left as greys: the printer (a riso's own screening) makes the dots.
    #[default]
    None,
    /// A clustered-dot screen, like a newspaper photo's.
    Dots,
    /// Error diffusion (Floyd–Steinberg): fine grain, no pattern.
    Dither,
}

/// A printer's limits: where it cannot print, and how much ink a large
/// area may carry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Printer {
    pub name: &'static str,
    /// No ink this near the leading (top) edge, the sides and the tail, in
    /// points.
    pub lead: f32,
    pub sides: f32,
    pub tail: f32,
    /// The most any large area may carry, in %.
    pub max_area: f32,
}

const MM: f32 = 72.0 / 25.4;

/// The printers mimeo knows by name: risographs, whose drums cannot print
/// within 5 mm of the leading edge, 3 mm of the sides or 2 mm of the tail,
/// and smear large solid areas above about 85 %.
pub const PRINTERS: [Printer; 2] = [
    Printer {
        name: "riso-a4",
        lead: 5.0 * MM,
        sides: 3.0 * MM,
        tail: 2.0 * MM,
        max_area: 85.0,
    },
    Printer {
        name: "riso-a3",
        lead: 5.0 * MM,
        sides: 3.0 * MM,
        tail: 2.0 * MM,
        max_area: 85.0,
    },
];

/// The printer called `name`.
pub fn printer(name: &str) -> Option<Printer> {
    PRINTERS
        .iter()
        .copied()
        .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
}

impl Output {
    /// With no `[output]`: a plain PDF, photos as they come, 300 % ink and
    /// 200 ppi (an office printer's or a copy shop's) for the preflight.
    pub fn plain() -> Output {
        Output {
            max_ink: 300.0,
            min_ppi: 200.0,
            ..Output::default()
        }
    }

    /// The same job for the screen: no standard, no profile, photos as
    /// they come (downsampled, then, to [`SCREEN_PPI`]), no separations.
    pub fn for_screen(&self) -> Output {
        Output {
            screen: true,
            min_ppi: self.min_ppi.min(SCREEN_PPI),
            ..Output::plain()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_are_found_by_name_in_any_case() {
        assert_eq!(condition("ifra26").map(|c| c.max_ink), Some(240.0));
        assert_eq!(condition("SWOP").map(|c| c.id), Some("CGATS TR 001"));
        assert!(condition("FOGRA99").is_none());
        assert!(condition_names().contains("\"FOGRA39\""));
    }
}
