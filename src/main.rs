//! The `mimeo` command line: a thin shell over [`mimeo::build`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

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
}

#[derive(Args)]
struct BuildArgs {
    /// The layout spec (TOML).
    #[arg(
        short,
        long,
        value_name = "FILE",
        default_value = "layouts/tabloid.toml"
    )]
    layout: PathBuf,
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
    /// Article files (.md) or folders of them, in order.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
}

fn main() -> ExitCode {
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
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let BuildArgs {
        layout,
        output,
        report,
        strict,
        timings,
        inputs,
    } = args;
    let output = output.unwrap_or_else(|| default_output(&inputs));
    let inputs = if inputs.is_empty() {
        vec![PathBuf::from("content")]
    } else {
        inputs
    };
    let timestamp = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok());
    let req = mimeo::BuildRequest {
        layout,
        inputs,
        timestamp,
    };
    let out = match mimeo::build(&req) {
        Ok(out) => out,
        Err(e) => return fail(e),
    };
    for w in &out.warnings {
        eprintln!("warning: {w}");
    }
    if timings {
        for (stage, t) in &out.timings {
            eprintln!("{stage:>10}: {:7.1} ms", t.as_secs_f64() * 1000.0);
        }
    }
    if let Some(path) = &report {
        let json = serde_json::to_string_pretty(&out.report).unwrap_or_default();
        if let Err(e) = mimeo::write_atomically(path, json.as_bytes()) {
            return fail(e);
        }
    }
    if strict && !out.warnings.is_empty() {
        eprintln!(
            "error: {} warning(s) with --strict; {} not written",
            out.warnings.len(),
            output.display()
        );
        return ExitCode::from(1);
    }
    if let Err(e) = mimeo::write_atomically(&output, &out.pdf) {
        return fail(e);
    }
    eprintln!(
        "wrote {} ({} page{})",
        output.display(),
        out.report.pages,
        if out.report.pages == 1 { "" } else { "s" }
    );
    ExitCode::SUCCESS
}

fn default_output(inputs: &[PathBuf]) -> PathBuf {
    let stem = inputs
        .first()
        .and_then(|p| Path::new(p).file_stem())
        .map_or_else(|| "example".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from("out").join(format!("{stem}.pdf"))
}

fn fail(e: mimeo::diag::Error) -> ExitCode {
    eprintln!("{:?}", miette::Report::new(e));
    ExitCode::from(1)
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
