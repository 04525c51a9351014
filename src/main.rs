//! The `mimeo` command line: a thin shell over [`mimeo::build_editions`]
//! (see `cli/` for its arguments, outputs, progress and watch loop).

mod cli;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use mimeo::files;

use cli::args::{BuildArgs, Cli, Command, NewArgs};
use cli::output::write_outputs;
use cli::progress::Progress;
use cli::request::{asked, Asked};
use cli::say::{fail, plural, say_warning};

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
        Command::Watch(args) => cli::watch::watch(args),
    }
}

/// The creation date from `SOURCE_DATE_EPOCH`, if it holds one a PDF can
/// (years 1970 to 9999); else none, with a word.
pub(crate) fn source_date() -> Option<i64> {
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
    let Asked { req, dest, .. } = match asked(args) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    // Nothing is drawn or written but the report.
    let req = mimeo::BuildRequest {
        preview: None,
        spool: None,
        ..req
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
        if let Some(path) = &dest.report {
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
                files::check_output(&path, files::OutputKind::Json, &out.sources, dest.force)
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
    if dest.strict && n > 0 {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The layout spec: the one named, else `mimeo.toml` in this folder, else
/// the example's; an error saying what to do if there is none.
pub(crate) fn layout_of(named: Option<PathBuf>) -> Result<PathBuf, mimeo::diag::Error> {
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
    let Asked {
        req,
        dest,
        quiet,
        timings,
    } = match asked(args) {
        Ok(a) => a,
        Err(e) => return fail(e),
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
    exit_now()
}

/// Ends the process after a successful build, its outputs written and
/// renamed into place: without taking the build's memory apart piece by
/// piece (and the allocator handing it back to the system page by page),
/// which the system does at once on exit: for the 4,400-word column, a
/// quarter of a millisecond of the 11 (`perf trace`, from the output's
/// rename to the exit).
fn exit_now() -> ExitCode {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(unix)]
    // SAFETY: `_exit` ends the process at once; every file this build
    // wrote is complete and closed, and standard output was flushed above.
    unsafe {
        libc::_exit(0)
    }
    #[cfg(not(unix))]
    ExitCode::SUCCESS
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
