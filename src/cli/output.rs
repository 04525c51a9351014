//! Where a build's files go (the PDF, the imposed sheets, the plates, the
//! preview's pages, the report) and writing them, checked first, never
//! over an input.

use std::path::{Path, PathBuf};

use mimeo::files;

use super::say::plural;

/// Where a build's files go, and on what terms.
pub(crate) struct Dest {
    pub(crate) output: PathBuf,
    pub(crate) report: Option<PathBuf>,
    /// The folder for the PNG preview's pages.
    pub(crate) png: Option<PathBuf>,
    pub(crate) force: bool,
    pub(crate) strict: bool,
}

impl Dest {
    /// Where an edition's files go: `example-es.pdf`, `report-es.json`,
    /// `preview/example-es-1.png`; a build without editions as it is.
    pub(crate) fn for_edition(&self, lang: Option<&str>) -> Dest {
        let Some(lang) = lang else {
            return Dest {
                output: self.output.clone(),
                report: self.report.clone(),
                png: self.png.clone(),
                force: self.force,
                strict: self.strict,
            };
        };
        let suffixed = |p: &Path, ext: &str| {
            let stem = p
                .file_stem()
                .map_or_else(|| "out".into(), |s| s.to_string_lossy().into_owned());
            p.with_file_name(format!("{stem}-{lang}.{ext}"))
        };
        Dest {
            output: suffixed(&self.output, "pdf"),
            report: self.report.as_deref().map(|r| suffixed(r, "json")),
            png: self.png.clone(),
            force: self.force,
            strict: self.strict,
        }
    }
}

/// Writes a build's PDF, and beside it the imposed sheets and each ink's
/// plate, then the report; returns a line for each file written. Every
/// check comes first, so a failed one writes nothing (and each file is
/// written whole or not at all).
pub(crate) fn write_outputs(
    out: &mimeo::BuildOutput,
    dest: &Dest,
) -> Result<Vec<String>, mimeo::diag::Error> {
    let output = &dest.output;
    let beside = |suffix: &str| {
        let stem = output
            .file_stem()
            .map_or_else(|| "out".into(), |s| s.to_string_lossy().into_owned());
        output.with_file_name(format!("{stem}-{suffix}.pdf"))
    };
    // The imposed sheets go beside the PDF: example.pdf, example-booklet.pdf;
    // each ink's plate too: example-black.pdf, example-red.pdf.
    let imposed = out
        .imposed
        .as_ref()
        .map(|(suffix, bytes)| (beside(suffix), bytes));
    let plates: Vec<(PathBuf, &Vec<u8>)> = out
        .plates
        .iter()
        .map(|(ink, bytes)| (beside(ink), bytes))
        .collect();
    // The preview's pages: DIR/example-1.png, …
    let previews: Vec<(PathBuf, &Vec<u8>)> = match &dest.png {
        Some(dir) => {
            let stem = output
                .file_stem()
                .map_or_else(|| "page".into(), |s| s.to_string_lossy().into_owned());
            out.previews
                .iter()
                .enumerate()
                .map(|(i, bytes)| (dir.join(format!("{stem}-{}.png", i + 1)), bytes))
                .collect()
        }
        None => Vec::new(),
    };
    // Outputs never go over inputs, nor over files that are not outputs.
    let checks = std::iter::once((output, files::OutputKind::Pdf))
        .chain(imposed.as_ref().map(|(p, _)| (p, files::OutputKind::Pdf)))
        .chain(plates.iter().map(|(p, _)| (p, files::OutputKind::Pdf)))
        .chain(previews.iter().map(|(p, _)| (p, files::OutputKind::Png)))
        .chain(dest.report.as_ref().map(|r| (r, files::OutputKind::Json)));
    for (path, kind) in checks {
        files::check_output(path, kind, &out.sources, dest.force)?;
    }
    if dest.strict && !out.warnings.is_empty() {
        return Err(mimeo::diag::Error::new(format!(
            "{} warning(s) with --strict; {} not written",
            out.warnings.len(),
            output.display()
        )));
    }
    match &out.spooled {
        Some(file) => file.persist(output)?,
        None => files::write_atomically(output, &out.pdf)?,
    }
    for (path, bytes) in imposed
        .iter()
        .map(|(p, b)| (p, *b))
        .chain(plates.iter().map(|(p, b)| (p, *b)))
        .chain(previews.iter().map(|(p, b)| (p, *b)))
    {
        files::write_atomically(path, bytes)?;
    }
    // The report describes the PDF just written: only then is it written.
    if let Some(path) = &dest.report {
        let json = serde_json::to_string_pretty(&out.report).unwrap_or_default();
        files::write_atomically(path, json.as_bytes())?;
    }
    let mut said = vec![format!(
        "wrote {} ({} page{})",
        output.display(),
        out.report.pages,
        if out.report.pages == 1 { "" } else { "s" }
    )];
    if let Some((path, _)) = &imposed {
        said.push(format!(
            "wrote {} (imposed: print it at 100 %, on both sides)",
            path.display()
        ));
    }
    for (path, _) in &plates {
        said.push(format!(
            "wrote {} (one ink's plate, in grey)",
            path.display()
        ));
    }
    if let (Some(dir), Some((first, _))) = (&dest.png, previews.first()) {
        said.push(format!(
            "wrote {} page{} as PNG in {} ({}, …)",
            previews.len(),
            plural(previews.len()),
            dir.display(),
            first.file_name().map_or("".into(), |n| n.to_string_lossy())
        ));
    }
    Ok(said)
}

/// The screen edition's PDF beside the print one: `example-screen.pdf`.
pub(crate) fn edition(print: PathBuf, screen: bool) -> PathBuf {
    if !screen {
        return print;
    }
    let stem = print
        .file_stem()
        .map_or_else(|| "out".into(), |s| s.to_string_lossy().into_owned());
    print.with_file_name(format!("{stem}-screen.pdf"))
}

/// `out/` and the first input's name; with no inputs, the folder's name if
/// it has its own layout (`mimeo.toml`), else `example`.
pub(crate) fn default_output(inputs: &[PathBuf], layout: &Path) -> PathBuf {
    let folder = || {
        (layout == Path::new("mimeo.toml"))
            .then(|| std::env::current_dir().ok())
            .flatten()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
    };
    let stem = inputs
        .first()
        .and_then(|p| Path::new(p).file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .or_else(folder)
        .unwrap_or_else(|| "example".into());
    PathBuf::from("out").join(format!("{stem}.pdf"))
}
