//! Files in and out, safely. Inputs: only regular files are read (never a
//! device or a pipe), each under a size cap, and a path an input names (a
//! photo, a font) must stay inside the folder of the file that names it or a
//! folder the user allowed. Outputs: written to a temporary file and renamed
//! into place, so a failed or interrupted build never leaves a half-written
//! file or a stray temporary one, and never written over an input.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diag::{Error, Origin, Result};

/// One mebibyte.
pub const MB: u64 = 1024 * 1024;

/// Default size caps of the inputs, in bytes.
pub const MAX_ARTICLE: u64 = 4 * MB;
pub const MAX_SPEC: u64 = MB;
pub const MAX_IMAGE: u64 = 64 * MB;
pub const MAX_FONT: u64 = 64 * MB;

/// How to raise a size cap, given the size of the file that exceeded it.
pub type Raise<'a> = &'a dyn Fn(u64) -> String;

/// Reads a whole regular file of at most `cap` bytes. `what` names the file's
/// role in messages ("article", "photo"); `raise` says how to raise the cap,
/// if it can be raised.
pub fn read_capped(path: &Path, what: &str, cap: u64, raise: Option<Raise>) -> Result<Vec<u8>> {
    let cannot = |why: String| Error::in_file(path, format!("cannot read the {what}: {why}"));
    let meta = std::fs::metadata(path).map_err(|e| cannot(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(cannot("it is a folder, not a file".into()));
    }
    if !meta.is_file() {
        return Err(cannot(
            "it is not a regular file (a device, pipe or socket); expected a file".into(),
        ));
    }
    let too_big = |size: u64| {
        let e = Error::in_file(
            path,
            format!(
                "the {what} is {}, more than the {} mimeo reads",
                human(size),
                human(cap)
            ),
        );
        match raise {
            Some(how) => e.with_help(how(size)),
            None => e,
        }
    };
    if meta.len() > cap {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| cannot(io_reason(&e)))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the check and the read: never read past the cap.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(io_reason(&e)))?;
    if bytes.len() as u64 > cap {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a UTF-8 text file, with errors that say which file and why.
pub fn read_text(path: &Path, what: &str, cap: u64, raise: Option<Raise>) -> Result<String> {
    let bytes = read_capped(path, what, cap, raise)?;
    // A byte-order mark is not text (Windows editors like to add one).
    let bytes = match bytes.strip_prefix("\u{FEFF}".as_bytes()) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(e.as_bytes());
        let at = e.utf8_error().valid_up_to();
        let (line, col) = crate::diag::line_col(&text, at);
        Error::in_file(
            path,
            format!("the {what} is not UTF-8 text (bad byte at offset {at}); save it as UTF-8"),
        )
        .with_line_col(line, col)
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// `1.5 MB`, `300 KB`, `12 bytes`.
pub fn human(bytes: u64) -> String {
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// The folders, beyond each file's own, from which inputs may name photos
/// and fonts: `[document] allow_paths` and `--allow-path`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Allowed(pub Vec<PathBuf>);

impl Allowed {
    /// Reads the file at `path`, which `origin` names (a photo in an
    /// article, a font in the spec): only if it lies inside the folder of the
    /// file that names it or an allowed one, and is a regular file of at most
    /// `cap` bytes. Errors point at `origin`.
    pub fn read(&self, path: &Path, origin: &Origin, what: &str, cap: u64) -> Result<Vec<u8>> {
        let home = origin.file.parent().unwrap_or(Path::new("."));
        self.check(path, home)
            .map_err(|why| origin.error(why).with_help(ALLOW_HELP))?;
        read_capped(path, what, cap, None).map_err(|e| origin.error(e.to_string()))
    }

    /// Checks that `path`, named in a file in folder `home`, is inside `home`
    /// or an allowed folder (after following `..` and links). Returns why not.
    pub fn check(&self, path: &Path, home: &Path) -> std::result::Result<(), String> {
        let Ok(real) = path.canonicalize() else {
            // A missing file is reported by whoever reads it.
            return Ok(());
        };
        let home = if home.as_os_str().is_empty() {
            Path::new(".")
        } else {
            home
        };
        let inside = std::iter::once(home)
            .chain(self.0.iter().map(PathBuf::as_path))
            .filter_map(|d| d.canonicalize().ok())
            .any(|d| real.starts_with(d));
        if inside {
            Ok(())
        } else {
            Err(format!(
                "{} is outside {}, the folder of the file that names it",
                path.display(),
                home.display()
            ))
        }
    }
}

/// The help line for a path refused by [`Allowed::check`].
const ALLOW_HELP: &str = "move the file into that folder, or allow its folder: `allow_paths = [\"../photos\"]` under [document] in the layout spec, or `--allow-path DIR`";

/// Temporary files being written, removed if the process is interrupted.
static IN_PROGRESS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file still being written (called on Ctrl-C).
pub fn remove_temporaries() {
    if let Ok(mut list) = IN_PROGRESS.lock() {
        for p in list.drain(..) {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn track(tmp: &Path, on: bool) {
    if let Ok(mut list) = IN_PROGRESS.lock() {
        if on {
            list.push(tmp.to_path_buf());
        } else {
            list.retain(|p| p != tmp);
        }
    }
}

/// A file an output is written into as it is made (a long job's PDF), in
/// the folder it goes to, under a temporary name: [`Spooled::persist`]
/// renames it into place; dropped without that, it is removed, so a failed
/// build leaves the last good output as it was.
#[derive(Debug)]
pub struct Spooled {
    path: PathBuf,
    kept: std::sync::atomic::AtomicBool,
}

impl Spooled {
    /// A new empty file in `dir` (made if need be), and the file open to
    /// write.
    pub fn create(dir: &Path) -> Result<(Spooled, std::fs::File)> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::in_file(dir, format!("cannot create the output folder: {e}")))?;
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = dir.join(format!(".mimeo-{}-{n}.pdf.tmp", std::process::id()));
        track(&path, true);
        let spooled = Spooled {
            path,
            kept: std::sync::atomic::AtomicBool::new(false),
        };
        let file = std::fs::File::create(&spooled.path)
            .map_err(|e| Error::in_file(&spooled.path, format!("cannot write the output: {e}")))?;
        Ok((spooled, file))
    }

    /// Renames the file to `path`, over what was there.
    pub fn persist(&self, path: &Path) -> Result<()> {
        std::fs::rename(&self.path, path)
            .map_err(|e| Error::in_file(path, format!("cannot write the output: {e}")))?;
        self.kept.store(true, std::sync::atomic::Ordering::Relaxed);
        track(&self.path, false);
        Ok(())
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        if !self.kept.load(std::sync::atomic::Ordering::Relaxed) {
            let _ = std::fs::remove_file(&self.path);
            track(&self.path, false);
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`, so a reader never sees a half-written file and a failed write
/// leaves the old one in place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::in_file(dir, format!("cannot create the output folder: {e}")))?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    track(&tmp, true);
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    track(&tmp, false);
    result.map_err(|e| Error::in_file(path, format!("cannot write the output: {e}")))
}

/// What an output file is, for [`check_output`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OutputKind {
    Pdf,
    Json,
    /// A page of the PNG preview.
    Png,
}

/// Refuses to write `path` when it is one of `inputs` (the same file by
/// another name too), a folder, or an existing file that is not of `kind`
/// (unless `force`). Named inputs come first in `inputs`.
pub fn check_output(path: &Path, kind: OutputKind, inputs: &[PathBuf], force: bool) -> Result<()> {
    let (what, flag, example) = match kind {
        OutputKind::Pdf => ("PDF", "-o", "-o out/issue.pdf"),
        OutputKind::Json => ("report", "--report", "--report out/issue.json"),
        OutputKind::Png => ("preview", "--png", "--png out/preview"),
    };
    if path.is_dir() {
        return Err(Error::in_file(
            path,
            format!("{flag} names a folder; expected a file to write the {what} to"),
        ));
    }
    let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file());
    if special {
        return Err(Error::in_file(
            path,
            format!(
                "{flag} names a device, pipe or socket; expected a file to write the {what} to"
            ),
        ));
    }
    if let Some(input) = inputs.iter().find(|i| same_file(path, i)) {
        return Err(Error::in_file(
            path,
            format!(
                "{flag} names an input of this build ({}); writing the {what} there would destroy it",
                input.display()
            ),
        )
        .with_help(format!("choose another name, e.g. `{example}`")));
    }
    if force {
        return Ok(());
    }
    let input_like = kind != OutputKind::Png
        && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["md", "toml", "jpg", "jpeg", "png", "ttf", "otf"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        });
    if input_like {
        return Err(Error::in_file(
            path,
            format!("{flag} names a file of a kind mimeo reads, not a {what}"),
        )
        .with_help("name the output `….pdf` (the report `….json`), or add --force"));
    }
    if path.is_file() {
        let ok = match kind {
            OutputKind::Pdf => starts_with(path, b"%PDF-"),
            OutputKind::Json => is_json(path),
            OutputKind::Png => starts_with(path, b"\x89PNG"),
        };
        if !ok {
            return Err(Error::in_file(
                path,
                format!("{flag} would replace an existing file that is not a {what}"),
            )
            .with_help("choose another name, or add --force to replace it"));
        }
    }
    Ok(())
}

/// Whether `a` and `b` are the same file (by any name, links included).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn starts_with(path: &Path, magic: &[u8]) -> bool {
    let mut head = vec![0; magic.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == magic
}

fn is_json(path: &Path) -> bool {
    read_capped(path, "report", 64 * MB, None)
        .is_ok_and(|b| serde_json::from_slice::<serde_json::Value>(&b).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_and_kinds_are_enforced() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.md");
        std::fs::write(&f, "hello").unwrap();
        assert!(read_capped(&f, "article", 5, None).is_ok());
        let e = read_capped(&f, "article", 4, Some(&|n| format!("raise it to {n}"))).unwrap_err();
        assert!(e.message.contains("5 bytes"), "{}", e.message);
        assert_eq!(e.help.as_deref(), Some("raise it to 5"));
        let e = read_capped(dir.path(), "article", 4, None).unwrap_err();
        assert!(e.message.contains("folder"), "{}", e.message);
        #[cfg(unix)]
        {
            let e = read_capped(Path::new("/dev/zero"), "photo", 4, None).unwrap_err();
            assert!(e.message.contains("regular"), "{}", e.message);
        }
    }

    #[test]
    fn paths_stay_inside_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("content");
        let other = dir.path().join("photos");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(home.join("in.jpg"), "x").unwrap();
        std::fs::write(other.join("out.jpg"), "x").unwrap();
        let none = Allowed::default();
        assert!(none.check(&home.join("in.jpg"), &home).is_ok());
        assert!(none.check(&home.join("../photos/out.jpg"), &home).is_err());
        let some = Allowed(vec![other.clone()]);
        assert!(some.check(&home.join("../photos/out.jpg"), &home).is_ok());
    }

    #[test]
    fn temporaries_are_removed_on_interruption() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join(".out.pdf.1.tmp");
        std::fs::write(&tmp, "half").unwrap();
        track(&tmp, true);
        remove_temporaries();
        assert!(!tmp.exists());
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_not_outputs() {
        let e = check_output(Path::new("/dev/null"), OutputKind::Pdf, &[], true).unwrap_err();
        assert!(e.message.contains("device"), "{}", e.message);
    }

    #[test]
    fn outputs_never_land_on_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("a.md");
        std::fs::write(&md, "+++\n+++\nText.\n").unwrap();
        let inputs = vec![md.clone()];
        let e = check_output(&md, OutputKind::Pdf, &inputs, true).unwrap_err();
        assert!(e.message.contains("input"), "{}", e.message);
        let txt = dir.path().join("notes.txt");
        std::fs::write(&txt, "mine").unwrap();
        assert!(check_output(&txt, OutputKind::Pdf, &inputs, false).is_err());
        assert!(check_output(&txt, OutputKind::Pdf, &inputs, true).is_ok());
        let pdf = dir.path().join("old.pdf");
        std::fs::write(&pdf, "%PDF-1.7 old").unwrap();
        assert!(check_output(&pdf, OutputKind::Pdf, &inputs, false).is_ok());
        assert!(check_output(&pdf, OutputKind::Json, &inputs, false).is_err());
        let new = dir.path().join("new.md");
        assert!(check_output(&new, OutputKind::Pdf, &inputs, false).is_err());
    }
}
