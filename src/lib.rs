//! mimeo turns Markdown articles and a TOML layout spec into print-ready PDF,
//! composed in columns as a newspaper desk would.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`spec`] and [`article`] read the input files;
//! 2. [`assets`] loads fonts and photos;
//! 3. [`model`] resolves articles against the spec (the document model);
//! 4. [`typeset`] shapes ([`shape`]) and breaks ([`linebreak`]) every paragraph;
//! 5. [`compose`] stacks the lines into columns and pages: the [`display`] list;
//! 6. [`pdf`] writes the display list as PDF; [`report`] says where text went.

pub mod article;
pub mod assets;
pub mod compose;
pub mod diag;
pub mod display;
pub mod hyphenate;
pub mod linebreak;
pub mod model;
pub mod pdf;
pub mod report;
pub mod shape;
pub mod spec;
pub mod typeset;
pub mod units;

use std::path::{Path, PathBuf};

use assets::fonts::FontBook;
use diag::{Error, Result, Warning, Warnings};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    /// The layout spec.
    pub layout: PathBuf,
    /// Articles and folders of articles, in order.
    pub inputs: Vec<PathBuf>,
    /// Creation date for the PDF (seconds since 1970), if any.
    pub timestamp: Option<i64>,
}

/// A finished build.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    pub pdf: Vec<u8>,
    pub report: report::Report,
    pub warnings: Vec<Warning>,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Runs the whole pipeline.
pub fn build(req: &BuildRequest) -> Result<BuildOutput> {
    let mut clock = Clock {
        last: Some(std::time::Instant::now()),
        laps: Vec::new(),
    };
    // Read the layout spec and the articles.
    let spec = spec::load(&req.layout)?;
    let articles = article_paths(&req.inputs)?
        .iter()
        .map(|p| article::load(p))
        .collect::<Result<Vec<_>>>()?;
    clock.lap("read");
    // Load the fonts and photos they need.
    let book = FontBook::load(&spec.families)?;
    let images = articles
        .iter()
        .filter_map(|a| a.meta.image.as_ref())
        .map(|(path, origin)| assets::images::load(path, origin))
        .collect::<Result<Vec<_>>>()?;
    clock.lap("assets");
    // Resolve articles against the spec.
    let mut doc = model::build(&spec, &articles);
    model::apply_plan(&spec, &mut doc)?;
    // Shape and break every paragraph.
    let mut warnings = Warnings::default();
    let set = typeset::typeset(&spec, &doc, &book, &mut warnings)?;
    clock.lap("typeset");
    // Compose pages.
    let composition = compose::compose(&spec, &set, &images, &mut warnings);
    clock.lap("compose");
    // Write the PDF.
    let fonts = book
        .faces
        .iter()
        .map(|f| display::FontProgram {
            name: f.name.clone(),
            data: f.data.clone(),
        })
        .collect();
    let pages = composition.pages.len();
    let display = display::Document {
        title: doc.title,
        lang: doc.lang,
        fonts,
        images,
        pages: composition.pages,
    };
    let pdf = pdf::write(
        &display,
        &pdf::PdfOptions {
            timestamp: req.timestamp,
        },
    )?;
    clock.lap("pdf");
    let report = report::report(
        pages,
        &composition.placements,
        &composition.fits,
        &warnings.0,
    );
    Ok(BuildOutput {
        pdf,
        report,
        warnings: warnings.0,
        timings: clock.laps,
    })
}

/// Times the stages of a build.
#[derive(Default)]
struct Clock {
    last: Option<std::time::Instant>,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Clock {
    fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        let since = self.last.map_or(std::time::Duration::ZERO, |t| now - t);
        self.laps.push((stage, since));
        self.last = Some(now);
    }
}

/// The article files named by `inputs`: files as given, folders as their
/// `.md` files sorted by name.
pub fn article_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input)
                .map_err(|e| Error::in_file(input, format!("cannot read folder: {e}")))?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("md"))
                })
                .collect();
            if files.is_empty() {
                return Err(Error::in_file(
                    input,
                    "the folder holds no articles; expected `.md` files",
                ));
            }
            files.sort();
            out.extend(files);
        } else if input.is_file() {
            out.push(input.clone());
        } else {
            return Err(Error::in_file(
                input,
                "no such file or folder; expected an article (.md) or a folder of articles",
            ));
        }
    }
    if out.is_empty() {
        return Err(Error::new(
            "no articles given; expected article files or folders",
        ));
    }
    Ok(out)
}

/// Reads a UTF-8 text file, with errors that say which file and why.
pub fn read_text(path: &Path, what: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        Error::in_file(path, format!("cannot read the {what}: {why}"))
    })?;
    // A byte-order mark is not text (Windows editors like to add one).
    let bytes = match bytes.strip_prefix("\u{FEFF}".as_bytes()) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let text = String::from_utf8_lossy(e.as_bytes());
        let at = e.utf8_error().valid_up_to();
        let (line, col) = diag::line_col(&text, at);
        Error::in_file(
            path,
            format!("the {what} is not UTF-8 text (bad byte at offset {at}); save it as UTF-8"),
        )
        .with_line_col(line, col)
    })
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
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::in_file(
            path,
            format!("cannot write the output: {e}"),
        ));
    }
    Ok(())
}
