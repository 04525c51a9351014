//! The `mimeo` command line: a thin shell over [`mimeo::build`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use mimeo::files;

/// Typesetting for newspapers and leaflets: Markdown articles and a TOML
/// layout spec in, print-ready PDF out.
#[derive(Parser)]
#[command(name = "mimeo", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
struct WatchArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// Open the PDF in the system's viewer after the first build.
    #[arg(long)]
    open: bool,
}

#[derive(Args)]
struct NewArgs {
    /// List the templates and what each makes.
    #[arg(long)]
    list: bool,
    /// The template: tabloid, leaflet, booklet or measure.
    #[arg(value_name = "TEMPLATE", required_unless_present = "list")]
    template: Option<String>,
    /// The folder to create (it must not exist, or be empty) [default: the
    /// template's name]
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    /// The layout spec (TOML) [default: mimeo.toml in this folder if there
    /// is one, else layouts/tabloid.toml]
    #[arg(short, long, value_name = "FILE")]
    layout: Option<PathBuf>,
    /// Where to write the PDF [default: out/example.pdf, or out/<first input>.pdf]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write a JSON report: words placed and overset per article, pages, warnings.
    #[arg(long, value_name = "FILE.json")]
    report: Option<PathBuf>,
    /// Treat warnings (missing characters, overset text) as errors: exit 1, write nothing.
    #[arg(long)]
    strict: bool,
    /// Print how long each stage of the build took.
    #[arg(long)]
    timings: bool,
    /// Print only errors and warnings: no progress, no list of files written.
    #[arg(short, long)]
    quiet: bool,
    /// Replace an existing output even if it is not a PDF (or, for --report, JSON).
    #[arg(long)]
    force: bool,
    /// Also read photos and fonts from this folder (repeatable); by default
    /// each file may name only files in its own folder and below.
    #[arg(long, value_name = "DIR")]
    allow_path: Vec<PathBuf>,
    /// Also write the pages imposed on sheets, beside the PDF
    /// (`example-booklet.pdf`): `booklet` (folded and stapled), `n-up`
    /// (several to a sheet, to cut) or `none`; overrides the spec's
    /// [imposition].
    #[arg(long, value_name = "KIND", value_parser = parse_impose)]
    impose: Option<mimeo::impose::Kind>,
    /// Also write one greyscale PDF per ink beside the PDF (example-black.pdf,
    /// example-red.pdf), for a risograph's drums or a screen printer.
    #[arg(long)]
    separate: bool,
    /// `screen`: the edition to post online, a tagged PDF (PDF/UA) with a
    /// bookmark per article and lighter photos, written beside the print
    /// one as example-screen.pdf; `print` (the default): as the spec says.
    #[arg(long = "for", value_name = "EDITION", value_parser = parse_for)]
    made_for: Option<bool>,
    /// Build this language's edition (repeatable, or `en,es`): articles in
    /// it (`story.es.md` beside `story.md`) on the same plan, written as
    /// example-es.pdf; overrides the spec's [editions].
    #[arg(long, value_name = "LANG", value_delimiter = ',')]
    edition: Vec<String>,
    /// Also draw every page as PNG into this folder (example-1.png, …), with
    /// the fonts' outlines and the photos, as the pages print.
    #[arg(long, value_name = "DIR")]
    png: Option<PathBuf>,
    /// The preview's resolution, in dots per inch [default: 72]
    #[arg(long, value_name = "N", requires = "png")]
    dpi: Option<f32>,
    /// The largest article to read, e.g. `8MB` [default: 4MB]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_article_size: Option<u64>,
    /// Article files (.md) or folders of them, in order.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

fn main() -> ExitCode {
    // Long messages wrap at spaces, never inside a path or a flag.
    // On a terminal; into a file or a pipe, one line a message, for grep.
    let _ = miette::set_hook(Box::new(|_| {
        use std::io::IsTerminal;
        let mut opts = miette::MietteHandlerOpts::new()
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        if !std::io::stderr().is_terminal() {
            opts = opts.width(100_000);
        }
        Box::new(opts.build())
    }));
    // Ctrl-C (or a kill) while an output is being written: remove the
    // temporary file, leave the old output as it was.
    let _ = ctrlc::set_handler(|| {
        files::remove_temporaries();
        std::process::exit(130);
    });
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::New(args) => new(args),
        Command::Watch(args) => watch(args),
    }
}

/// `mimeo watch`: a build, then another after every change to its inputs,
/// each reported on one line.
fn watch(args: WatchArgs) -> ExitCode {
    let WatchArgs { build: b, open } = args;
    let layout = match layout_of(b.layout) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let screen = b.made_for.unwrap_or(false);
    let output = b
        .output
        .unwrap_or_else(|| edition(default_output(&b.inputs, &layout), screen));
    let inputs = if b.inputs.is_empty() {
        vec![PathBuf::from("content")]
    } else {
        b.inputs
    };
    let req = mimeo::BuildRequest {
        timestamp: source_date(),
        allow_paths: b.allow_path,
        max_article: b.max_article_size.unwrap_or(files::MAX_ARTICLE),
        impose: b.impose,
        separate: b.separate,
        preview: b
            .png
            .as_ref()
            .map(|_| b.dpi.unwrap_or(mimeo::render::DEFAULT_DPI)),
        screen,
        editions: b.edition,
        ..mimeo::BuildRequest::new(layout.clone(), inputs.clone())
    };
    let dest = Dest {
        output,
        report: b.report,
        png: b.png,
        force: b.force,
        strict: b.strict,
    };
    let mut watcher = match mimeo::watch::Watcher::new() {
        Ok(w) => w,
        Err(e) => return fail(e),
    };
    let mut first: Vec<PathBuf> = vec![layout];
    first.extend(inputs);
    watcher.watch(&first);
    let cache = mimeo::Cache::default();
    let mut since = std::time::Instant::now();
    let mut opened = !open;
    let mut said: Vec<String> = Vec::new();
    loop {
        // Every edition built, then written; any error keeps every last PDF.
        let built = mimeo::build_editions(&req, &cache).and_then(|built| {
            let dests: Vec<Dest> = built
                .iter()
                .map(|e| dest.for_edition(e.lang.as_deref()))
                .collect();
            for (e, d) in built.iter().zip(&dests) {
                write_outputs(&e.out, d)?;
            }
            Ok(built.into_iter().zip(dests).collect::<Vec<_>>())
        });
        let ms = since.elapsed().as_secs_f64() * 1000.0;
        match built {
            Ok(built) => {
                let mut now: Vec<(String, String, mimeo::diag::Warning)> = Vec::new();
                for (e, d) in &built {
                    let out = &e.out;
                    watcher.watch(&out.sources);
                    let (overset, empty) = out.report.misfit();
                    let pages = out.report.pages;
                    eprintln!(
                        "built {} in {ms:.0} ms: {pages} page{}, {overset} word{} overset, {empty} line{} empty, {} warning{}",
                        d.output.display(),
                        plural(pages),
                        plural(overset),
                        plural(empty),
                        out.warnings.len(),
                        plural(out.warnings.len()),
                    );
                    if b.timings {
                        let laps: Vec<String> = out
                            .timings
                            .iter()
                            .map(|(stage, t)| format!("{stage} {:.1}", t.as_secs_f64() * 1000.0))
                            .collect();
                        eprintln!("  ms: {}", laps.join(", "));
                    }
                    let at = e
                        .lang
                        .as_deref()
                        .map_or(String::new(), |l| format!("[{l}] "));
                    now.extend(
                        out.warnings
                            .iter()
                            .map(|w| (format!("{at}{w}"), at.clone(), w.clone())),
                    );
                }
                // Warnings once each, when they first appear.
                for (_, at, w) in now.iter().filter(|(k, _, _)| !said.contains(k)) {
                    say_warning(at, w);
                }
                said = now.into_iter().map(|(k, _, _)| k).collect();
                if !opened {
                    opened = true;
                    if let Some((_, d)) = built.first() {
                        open_in_viewer(&d.output);
                    }
                }
            }
            Err(e) => {
                eprintln!("{:?}", miette::Report::new(e));
                eprintln!(
                    "not built ({ms:.0} ms); {} is still the last good one",
                    dest.output.display()
                );
                said.clear();
            }
        }
        match watcher.wait() {
            Ok((_, t)) => since = t,
            Err(e) => return fail(e),
        }
    }
}

/// A warning as the errors are shown: where it is, with the line and the
/// words it is about, when it is about a place in a file.
fn say_warning(prefix: &str, w: &mimeo::diag::Warning) {
    match w.diagnostic() {
        Some(d) => eprintln!("{prefix}{:?}", miette::Report::new(d)),
        None => eprintln!("{prefix}warning: {w}"),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Opens `path` in the system's PDF viewer, without waiting for it.
fn open_in_viewer(path: &Path) {
    let (cmd, pre): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let spawned = std::process::Command::new(cmd)
        .args(pre)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("could not open {} with {cmd}: {e}", path.display());
    }
}

/// The creation date from `SOURCE_DATE_EPOCH`, if it holds one a PDF can
/// (years 1970 to 9999); else none, with a word.
fn source_date() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| {
        let t = s.trim().parse::<i64>().ok().filter(|t| (0..=253_402_300_799).contains(t));
        if t.is_none() {
            eprintln!("warning: SOURCE_DATE_EPOCH `{s}` is not a date from 1970 to 9999 in seconds; the PDF carries no date");
        }
        t
    })
}

/// `mimeo new`: a template written into a new folder.
fn new(args: NewArgs) -> ExitCode {
    use mimeo::templates::{create, find, TEMPLATES};
    let Some(name) = args.template.filter(|_| !args.list) else {
        println!("Templates (mimeo new TEMPLATE DIR):");
        for t in TEMPLATES {
            println!("  {:<9} {}", t.name, t.about);
        }
        return ExitCode::SUCCESS;
    };
    let template = match find(&name) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let dir = args.dir.unwrap_or_else(|| PathBuf::from(template.name));
    if let Err(e) = create(template, &dir) {
        return fail(e);
    }
    eprintln!(
        "made {} from the {} template; now:\n  cd {}\n  mimeo build",
        dir.display(),
        template.name,
        dir.display()
    );
    ExitCode::SUCCESS
}

/// `mimeo check`: the build, its errors and warnings, no PDF written.
fn check(args: BuildArgs) -> ExitCode {
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("content")]
    } else {
        args.inputs
    };
    let layout = match layout_of(args.layout) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let req = mimeo::BuildRequest {
        allow_paths: args.allow_path,
        max_article: args.max_article_size.unwrap_or(files::MAX_ARTICLE),
        impose: args.impose,
        separate: args.separate,
        screen: args.made_for.unwrap_or(false),
        editions: args.edition,
        ..mimeo::BuildRequest::new(layout, inputs)
    };
    let built = match mimeo::build_editions(&req, &mimeo::Cache::default()) {
        Ok(built) => built,
        Err(e) => return fail(e),
    };
    let mut n = 0;
    for e in &built {
        let out = &e.out;
        let at = e
            .lang
            .as_deref()
            .map_or(String::new(), |l| format!("[{l}] "));
        for w in &out.warnings {
            say_warning(&at, w);
        }
        if let Some(path) = &args.report {
            let path = match &e.lang {
                Some(l) => {
                    let stem = path
                        .file_stem()
                        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
                    path.with_file_name(format!("{stem}-{l}.json"))
                }
                None => path.clone(),
            };
            if let Err(e) =
                files::check_output(&path, files::OutputKind::Json, &out.sources, args.force)
            {
                return fail(e);
            }
            let json = serde_json::to_string_pretty(&out.report).unwrap_or_default();
            if let Err(e) = files::write_atomically(&path, json.as_bytes()) {
                return fail(e);
            }
        }
        let w = out.warnings.len();
        n += w;
        eprintln!(
            "{at}checked: {} page{}, {w} warning{}",
            out.report.pages,
            plural(out.report.pages),
            plural(w)
        );
    }
    if args.strict && n > 0 {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The layout spec: the one named, else `mimeo.toml` in this folder, else
/// the example's; an error saying what to do if there is none.
fn layout_of(named: Option<PathBuf>) -> Result<PathBuf, mimeo::diag::Error> {
    if let Some(l) = named {
        return Ok(l);
    }
    for default in ["mimeo.toml", "layouts/tabloid.toml"] {
        if Path::new(default).is_file() {
            return Ok(PathBuf::from(default));
        }
    }
    Err(mimeo::diag::Error::new(
        "no layout spec: this folder has no mimeo.toml (nor layouts/tabloid.toml)",
    )
    .with_help("name one with --layout FILE.toml, or put the layout in mimeo.toml here"))
}

fn build(args: BuildArgs) -> ExitCode {
    let BuildArgs {
        layout,
        output,
        report,
        strict,
        timings,
        quiet,
        force,
        allow_path,
        impose,
        separate,
        made_for,
        edition: editions,
        png,
        dpi,
        max_article_size,
        inputs,
    } = args;
    let layout = match layout_of(layout) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let screen = made_for.unwrap_or(false);
    let output = output.unwrap_or_else(|| edition(default_output(&inputs, &layout), screen));
    let inputs = if inputs.is_empty() {
        vec![PathBuf::from("content")]
    } else {
        inputs
    };
    let timestamp = source_date();
    if let Some(r) = &report {
        if files::same_file(r, &output) || r == &output {
            return fail(mimeo::diag::Error::in_file(
                r,
                "--report and -o name the same file; give the report its own name (….json)",
            ));
        }
    }
    let req = mimeo::BuildRequest {
        timestamp,
        allow_paths: allow_path,
        max_article: max_article_size.unwrap_or(files::MAX_ARTICLE),
        impose,
        separate,
        preview: png
            .as_ref()
            .map(|_| dpi.unwrap_or(mimeo::render::DEFAULT_DPI)),
        screen,
        editions,
        ..mimeo::BuildRequest::new(layout, inputs)
    };
    let progress = Progress::start(quiet);
    let req = mimeo::BuildRequest {
        stages: progress.stages(),
        ..req
    };
    let built = mimeo::build_editions(&req, &mimeo::Cache::default());
    progress.finish();
    let built = match built {
        Ok(built) => built,
        Err(e) => return fail(e),
    };
    let dest = Dest {
        output,
        report,
        png,
        force,
        strict,
    };
    // Every edition is checked before any is written.
    let mut writes = Vec::with_capacity(built.len());
    for e in &built {
        let at = e
            .lang
            .as_deref()
            .map_or(String::new(), |l| format!("[{l}] "));
        for w in &e.out.warnings {
            say_warning(&at, w);
        }
        if timings {
            for (stage, t) in &e.out.timings {
                eprintln!("{at}{stage:>10}: {:7.1} ms", t.as_secs_f64() * 1000.0);
            }
        }
        writes.push((e, dest.for_edition(e.lang.as_deref())));
    }
    for (e, dest) in &writes {
        match write_outputs(&e.out, dest) {
            Ok(said) => {
                for line in said.iter().filter(|_| !quiet) {
                    eprintln!("{line}");
                }
            }
            Err(e) => return fail(e),
        }
    }
    ExitCode::SUCCESS
}

/// A spinner saying which stage a build is in, on a terminal only, and only
/// once the build has taken half a second.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn start(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}… {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message("reading the articles and the layout");
        let later = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(500));
            if !later.is_finished() {
                later.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                later.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        });
        Progress { bar: Some(bar) }
    }

    /// What the build tells of its stages, for the spinner's message.
    fn stages(&self) -> Option<mimeo::Stages> {
        let bar = self.bar.clone()?;
        Some(mimeo::Stages(std::sync::Arc::new(move |done| {
            let next = match done {
                "read" => "loading fonts and photos",
                "assets" => "shaping and breaking the lines",
                "typeset" => "composing the pages",
                "compose" => "preparing the photos and checking the pages",
                "prepress" => "writing the PDF",
                _ => "writing the other files",
            };
            bar.set_message(next);
        })))
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Where a build's files go, and on what terms.
pub struct Dest {
    pub output: PathBuf,
    pub report: Option<PathBuf>,
    /// The folder for the PNG preview's pages.
    pub png: Option<PathBuf>,
    pub force: bool,
    pub strict: bool,
}

impl Dest {
    /// Where an edition's files go: `example-es.pdf`, `report-es.json`,
    /// `preview/example-es-1.png`; a build without editions as it is.
    fn for_edition(&self, lang: Option<&str>) -> Dest {
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
pub fn write_outputs(
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
    files::write_atomically(output, &out.pdf)?;
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

/// `screen` (true) or `print` (false).
fn parse_for(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "screen" => Ok(true),
        "print" => Ok(false),
        _ => Err(format!(
            "`{s}` is not an edition; expected `screen` (a tagged PDF to post online) or `print`"
        )),
    }
}

/// `booklet`, `n-up` or `none`.
fn parse_impose(s: &str) -> Result<mimeo::impose::Kind, String> {
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
fn parse_size(s: &str) -> Result<u64, String> {
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

/// The screen edition's PDF beside the print one: `example-screen.pdf`.
fn edition(print: PathBuf, screen: bool) -> PathBuf {
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
fn default_output(inputs: &[PathBuf], layout: &Path) -> PathBuf {
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

fn fail(e: mimeo::diag::Error) -> ExitCode {
    eprintln!("{:?}", miette::Report::new(e));
    ExitCode::from(1)
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
