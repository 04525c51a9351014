//! The printer's ICC profile, named in the spec's `[output]`: read once,
//! checked to be a CMYK output profile (what conversion and PDF/X need),
//! and kept as bytes to embed.

use std::path::Path;

use moxcms::{ColorProfile, DataColorSpace, ProfileClass, ProfileText};

use crate::diag::{Origin, Result};
use crate::files::{Allowed, MB};
use crate::press::Profile;

/// The largest profile read (press profiles with big tables run to a few MB).
const MAX_PROFILE: u64 = 16 * MB;

/// Reads and checks the profile at `path`, named in the spec at `origin`.
pub fn load(path: &Path, origin: &Origin, allowed: &Allowed) -> Result<Profile> {
    let bytes = allowed.read(path, origin, "printer's profile", MAX_PROFILE)?;
    check(&bytes)
        .map(|name| Profile {
            name: name.unwrap_or_else(|| {
                path.file_stem()
                    .map_or("printer".into(), |s| s.to_string_lossy().into_owned())
            }),
            data: bytes.into(),
            components: 4,
        })
        .map_err(|why| origin.error(format!("{}: {why}", path.display())))
}

/// Whether `bytes` are a CMYK output profile; returns its description.
fn check(bytes: &[u8]) -> std::result::Result<Option<String>, String> {
    let p = ColorProfile::new_from_slice(bytes).map_err(|e| {
        format!("not an ICC profile mimeo can read ({e}); expected the printer's CMYK profile, an .icc file")
    })?;
    if p.color_space != DataColorSpace::Cmyk {
        return Err(format!(
            "a profile for {:?} colour, not CMYK; a press needs its CMYK output profile (ask the print shop for it)",
            p.color_space
        ));
    }
    if p.profile_class != ProfileClass::OutputDevice {
        return Err(format!(
            "a {:?} profile, not an output (printer) profile; ask the print shop for the profile of their press and paper",
            p.profile_class
        ));
    }
    Ok(p.description.as_ref().and_then(text))
}

/// A profile text in English if it has one, else the first.
fn text(t: &ProfileText) -> Option<String> {
    let s = match t {
        ProfileText::PlainString(s) => s.clone(),
        ProfileText::Localizable(v) => {
            let first = v
                .iter()
                .find(|l| l.language == "en")
                .or_else(|| v.first())?;
            first.value.clone()
        }
        ProfileText::Description(d) => d.ascii_string.clone(),
    };
    let s = s.trim_matches(char::from(0)).trim().to_string();
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_cmyk_output_profile_will_do() {
        assert!(check(b"not a profile").unwrap_err().contains("ICC"));
        let srgb = ColorProfile::new_srgb().encode().unwrap();
        assert!(check(&srgb).unwrap_err().contains("CMYK"));
        // Ghostscript's CMYK profile, where Ghostscript is installed.
        let gs = Path::new("/usr/share/color/icc/ghostscript/default_cmyk.icc");
        if let Ok(bytes) = std::fs::read(gs) {
            assert!(check(&bytes).is_ok());
        }
    }
}
