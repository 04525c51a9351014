//! The command line as clap reads it: the commands, their flags, and the
//! readers of the flags' values.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use mimeo::files;

/// Typesetting for newspapers and leaflets: Markdown articles and a TOML
/// layout spec in, print-ready PDF out.
#[derive(Parser)]
#[command(name = "mimeo", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Build articles into a PDF.
    ///
    /// With no INPUT, builds the example issue in `content/`.
    Build(BuildArgs),
    /// Everything `build` does but write files: the errors, the warnings
    /// (and with --report the JSON report); exit 1 on warnings with --strict.
    Check(BuildArgs),
    /// Build, then build again whenever an article, the layout, a photo or
    /// a font changes; a failed build keeps the last good PDF.
    Watch(WatchArgs),
    /// Start a new paper, leaflet or booklet from a template: a folder with
    /// a layout (mimeo.toml) and articles that build at once with
    /// `cd DIR && mimeo build`.
    New(NewArgs),
}

#[derive(Args)]
pub(crate) struct WatchArgs {
    #[command(flatten)]
    pub(crate) build: BuildArgs,
    /// Open the PDF in the system's viewer after the first build.
    #[arg(long)]
    pub(crate) open: bool,
}

#[derive(Args)]
pub(crate) struct NewArgs {
    /// List the templates and what each makes.
    #[arg(long)]
    pub(crate) list: bool,
    /// The template: tabloid, leaflet, booklet or measure.
    #[arg(value_name = "TEMPLATE", required_unless_present = "list")]
    pub(crate) template: Option<String>,
    /// The folder to create (it must not exist, or be empty) [default: the
    /// template's name]
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
}

#[derive(Args)]
pub(crate) struct BuildArgs {
    /// The layout spec (TOML) [default: mimeo.toml in this folder if there
    /// is one, else layouts/tabloid.toml]
    #[arg(short, long, value_name = "FILE")]
    pub(crate) layout: Option<PathBuf>,
    /// Where to write the PDF [default: out/example.pdf, or out/<first input>.pdf]
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Also write a JSON report: words placed and overset per article, pages, warnings.
    #[arg(long, value_name = "FILE.json")]
    pub(crate) report: Option<PathBuf>,
    /// Treat warnings (missing characters, overset text) as errors: exit 1, write nothing.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Print how long each stage of the build took.
    #[arg(long)]
    pub(crate) timings: bool,
    /// Print only errors and warnings: no progress, no list of files written.
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Replace an existing output even if it is not a PDF (or, for --report, JSON).
    #[arg(long)]
    pub(crate) force: bool,
    /// Also read photos and fonts from this folder (repeatable); by default
    /// each file may name only files in its own folder and below.
    #[arg(long, value_name = "DIR")]
    pub(crate) allow_path: Vec<PathBuf>,
    /// Also write the pages imposed on sheets, beside the PDF
    /// (`example-booklet.pdf`): `booklet` (folded and stapled), `n-up`
    /// (several to a sheet, to cut) or `none`; overrides the spec's
    /// [imposition].
    #[arg(long, value_name = "KIND", value_parser = parse_impose)]
    pub(crate) impose: Option<mimeo::impose::Kind>,
    /// Also write one greyscale PDF per ink beside the PDF (example-black.pdf,
    /// example-red.pdf), for a risograph's drums or a screen printer.
    #[arg(long)]
    pub(crate) separate: bool,
    /// `screen`: the edition to post online, a tagged PDF (PDF/UA) with a
    /// bookmark per article and lighter photos, written beside the print
    /// one as example-screen.pdf; `print` (the default): as the spec says.
    #[arg(long = "for", value_name = "EDITION", value_parser = parse_for)]
    pub(crate) made_for: Option<bool>,
    /// Build this language's edition (repeatable, or `en,es`): articles in
    /// it (`story.es.md` beside `story.md`) on the same plan, written as
    /// example-es.pdf; overrides the spec's [editions].
    #[arg(long, value_name = "LANG", value_delimiter = ',', value_parser = parse_lang)]
    pub(crate) edition: Vec<String>,
    /// Also draw every page as PNG into this folder (example-1.png, …), with
    /// the fonts' outlines and the photos, as the pages print.
    #[arg(long, value_name = "DIR")]
    pub(crate) png: Option<PathBuf>,
    /// The preview's resolution, in dots per inch [default: 72]
    #[arg(long, value_name = "N", requires = "png")]
    pub(crate) dpi: Option<f32>,
    /// The largest article to read, e.g. `8MB` [default: 4MB]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub(crate) max_article_size: Option<u64>,
    /// Article files (.md) or folders of them, in order.
    #[arg(value_name = "INPUT")]
    pub(crate) inputs: Vec<PathBuf>,
}

/// `screen` (true) or `print` (false).
pub(crate) fn parse_for(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "screen" => Ok(true),
        "print" => Ok(false),
        _ => Err(format!(
            "`{s}` is not an edition; expected `screen` (a tagged PDF to post online) or `print`"
        )),
    }
}

/// `booklet`, `n-up` or `none`.
pub(crate) fn parse_impose(s: &str) -> Result<mimeo::impose::Kind, String> {
    use mimeo::impose::Kind;
    match s.to_ascii_lowercase().as_str() {
        "booklet" => Ok(Kind::Booklet),
        "n-up" | "nup" => Ok(Kind::NUp),
        "none" => Ok(Kind::None),
        _ => Err(format!(
            "`{s}` is not an imposition; expected `booklet`, `n-up` or `none`"
        )),
    }
}

/// `4MB`, `512KB`, `8` (megabytes).
pub(crate) fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_uppercase();
    let (num, unit) = if let Some(n) = t.strip_suffix("MB") {
        (n, files::MB)
    } else if let Some(n) = t.strip_suffix("KB") {
        (n, 1024)
    } else if let Some(n) = t.strip_suffix("GB") {
        (n, 1024 * files::MB)
    } else {
        (t.as_str(), files::MB)
    };
    match num.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v * (unit as f64) < 1e15 => {
            Ok((v * unit as f64) as u64)
        }
        _ => Err(format!(
            "`{s}` is not a size; expected e.g. `8MB` or `512KB`"
        )),
    }
}

/// A language code, checked as `[editions] langs` checks it: `es`, `pt-BR`;
/// `sp` is refused with the code meant.
pub(crate) fn parse_lang(s: &str) -> Result<String, String> {
    if !mimeo::hyphenate::is_valid_tag(s) {
        return Err(format!(
            "`{s}` is not a language tag; expected e.g. `en`, `es`, `pt-BR`"
        ));
    }
    match mimeo::hyphenate::unknown_language(s) {
        Some((why, Some(meant))) => Err(format!("{why}; did you mean `{meant}`?")),
        Some((why, None)) => Err(why),
        None => Ok(s.to_string()),
    }
}
