//! Proofs of photos kept on disk: what decoding a JPEG whole found (that it
//! is sound, and the most ink any of its pixels carries), kept in a folder
//! by the SHA-256 of the file's bytes, so that a later build of the same
//! photo (an editor builds an issue many times) need not decode it again.
//! Only a JPEG that goes into the PDF as it is has a proof: one written
//! again (a grey photo stored as RGB) is decoded every time.
//!
//! An entry is trusted only as far as it agrees with the file: its frame
//! header (size, colour components, Adobe inversion), which is read from
//! the bytes at every build, must match the entry's, and the entry must
//! name this version of mimeo. Anything else (no folder, a folder that
//! cannot be written, a damaged or foreign entry) means the photo is
//! decoded, as without a folder: a proof only ever saves time.

use std::path::PathBuf;

/// The SHA-256 of a file's bytes.
pub type Key = [u8; 32];

/// The key of `bytes`.
pub fn key(bytes: &[u8]) -> Key {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// What a JPEG's frame header says, read from the bytes at every build.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub components: u8,
    /// Whether an Adobe marker says its CMYK samples are stored inverted.
    pub adobe: bool,
}

/// The first line of an entry: what it is and the form it has. Its number
/// goes up whenever what decoding proves changes (the decoder or its
/// strictness, how the ink is measured), so no proof made before is taken.
const HEAD: &str = "mimeo photo proof 1";

/// The most bytes an entry may have.
const ENTRY_MAX: u64 = 256;

/// A folder of proofs.
#[derive(Debug, Clone)]
pub struct Proofs {
    dir: PathBuf,
}

impl Proofs {
    /// Proofs kept in `dir` (made when the first is written).
    pub fn new(dir: impl Into<PathBuf>) -> Proofs {
        Proofs { dir: dir.into() }
    }

    fn entry(&self, key: &Key) -> PathBuf {
        let name: String = key.iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(name)
    }

    /// The most ink of the photo with `key` and `frame`, if it was proven
    /// sound by this version of mimeo.
    pub fn get(&self, key: &Key, frame: &Frame) -> Option<f32> {
        use std::io::Read;
        // (An entry is a file of some eighty bytes: a pipe under its name
        // is not opened, which would wait for a writer, and a file is read
        // no further than could be one.)
        let path = self.entry(key);
        if !std::fs::metadata(&path).ok()?.is_file() {
            return None;
        }
        let mut text = String::new();
        std::fs::File::open(path)
            .ok()?
            .take(ENTRY_MAX)
            .read_to_string(&mut text)
            .ok()?;
        let (kept, ink) = parse(&text)?;
        (kept == *frame).then_some(ink)
    }

    /// Keeps the proof of the photo with `key`; a folder that cannot be
    /// made or written is passed over (the photo is decoded next time).
    pub fn put(&self, key: &Key, frame: &Frame, ink: f32) {
        let _ = self.write(key, &format_entry(frame, ink));
    }

    fn write(&self, key: &Key, text: &str) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.entry(key);
        // Into a file of this write's own (two articles may name one
        // photo), then renamed into place, so a build reading beside it
        // never sees half an entry.
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = path.with_extension(format!("{}-{n}.tmp", std::process::id()));
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

fn format_entry(frame: &Frame, ink: f32) -> String {
    format!(
        "{HEAD}\nmimeo {}\nframe {} {} {} {}\nink {ink}\n",
        env!("CARGO_PKG_VERSION"),
        frame.width,
        frame.height,
        frame.components,
        u8::from(frame.adobe)
    )
}

/// An entry's frame and ink, if it is whole, of this form and version.
fn parse(text: &str) -> Option<(Frame, f32)> {
    let mut lines = text.lines();
    if lines.next()? != HEAD {
        return None;
    }
    if lines.next()?.strip_prefix("mimeo ")? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let mut frame = lines.next()?.strip_prefix("frame ")?.split(' ');
    let mut num = || frame.next()?.parse::<u32>().ok();
    let (width, height, components, adobe) = (num()?, num()?, num()?, num()?);
    let ink: f32 = lines.next()?.strip_prefix("ink ")?.parse().ok()?;
    if frame.next().is_some() || lines.next().is_some() || !(0.0..=400.0).contains(&ink) {
        return None;
    }
    Some((
        Frame {
            width,
            height,
            components: u8::try_from(components).ok()?,
            adobe: match adobe {
                0 => false,
                1 => true,
                _ => return None,
            },
        },
        ink,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: Frame = Frame {
        width: 1200,
        height: 900,
        components: 1,
        adobe: false,
    };

    #[test]
    fn a_proof_is_found_again_for_its_bytes_and_frame_only() {
        let dir = tempfile::tempdir().unwrap();
        let proofs = Proofs::new(dir.path().join("photos"));
        let (a, b) = (key(b"one photo"), key(b"another"));
        assert_eq!(proofs.get(&a, &FRAME), None);
        proofs.put(&a, &FRAME, 87.45098);
        assert_eq!(proofs.get(&a, &FRAME), Some(87.45098));
        assert_eq!(proofs.get(&b, &FRAME), None);
        let wider = Frame {
            width: 1201,
            ..FRAME
        };
        assert_eq!(proofs.get(&a, &wider), None);
        let cmyk = Frame {
            components: 4,
            adobe: true,
            ..FRAME
        };
        assert_eq!(proofs.get(&a, &cmyk), None);
        // Nothing but the entries is left in the folder.
        let names: Vec<_> = std::fs::read_dir(&proofs.dir).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn every_ink_comes_back_exactly() {
        for ink in [
            0.0,
            0.392_156_9,
            100.0,
            87.450_98,
            312.549,
            1.0 / 3.0,
            f32::EPSILON,
        ] {
            assert_eq!(parse(&format_entry(&FRAME, ink)), Some((FRAME, ink)));
        }
    }

    #[test]
    fn a_damaged_or_foreign_entry_is_no_proof() {
        let good = format_entry(&FRAME, 50.0);
        let other_version = good.replace(env!("CARGO_PKG_VERSION"), "0.0.0-other");
        let bad = [
            String::new(),
            good[..good.len() - 4].to_string(),
            good.replace(HEAD, "mimeo photo proof 2"),
            other_version,
            good.replace("ink 50", "ink 500"),
            good.replace("ink 50", "ink NaN"),
            good.replace("frame 1200 900 1 0", "frame 1200 900 1 2"),
            good.replace("frame 1200 900 1 0", "frame 1200 900 1"),
            good.replace("frame 1200 900 1 0", "frame 1200 900 1 0 7"),
            good.replace("frame 1200 900 1 0", "frame 1200 900 300 0"),
            format!("{good}more\n"),
        ];
        for text in bad {
            assert_eq!(parse(&text), None, "{text:?}");
        }
        assert_eq!(parse(&good), Some((FRAME, 50.0)));
    }

    #[test]
    fn what_is_not_an_entry_is_no_proof() {
        let dir = tempfile::tempdir().unwrap();
        let proofs = Proofs::new(dir.path());
        let k = key(b"photo");
        // A folder, or a long file, under an entry's name.
        std::fs::create_dir(proofs.entry(&k)).unwrap();
        assert_eq!(proofs.get(&k, &FRAME), None);
        proofs.put(&k, &FRAME, 10.0);
        assert_eq!(proofs.get(&k, &FRAME), None);
        let other = key(b"other");
        let long = format!("{}{}", format_entry(&FRAME, 10.0), " ".repeat(1 << 20));
        std::fs::write(proofs.entry(&other), long).unwrap();
        assert_eq!(proofs.get(&other, &FRAME), None);
        assert!(format_entry(&FRAME, 312.549).len() < ENTRY_MAX as usize / 2);
        // A pipe: not opened (which would wait for a writer).
        #[cfg(unix)]
        {
            let pipe = key(b"pipe");
            let made = std::process::Command::new("mkfifo")
                .arg(proofs.entry(&pipe))
                .status();
            if made.is_ok_and(|s| s.success()) {
                assert_eq!(proofs.get(&pipe, &FRAME), None);
            }
        }
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"not a folder").unwrap();
        let proofs = Proofs::new(file.join("photos"));
        let k = key(b"photo");
        proofs.put(&k, &FRAME, 10.0);
        assert_eq!(proofs.get(&k, &FRAME), None);
    }
}
