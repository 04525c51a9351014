//! From the flags of `build`, `check` and `watch` to what the library is
//! asked to build and where the files go.

use std::path::{Path, PathBuf};

use mimeo::diag::Error;
use mimeo::files;

use super::args::BuildArgs;
use super::output::{default_output, edition, Dest};
use super::{layout_of, source_date};

/// A build as the flags ask for it.
pub(crate) struct Asked {
    pub(crate) req: mimeo::BuildRequest,
    pub(crate) dest: Dest,
    pub(crate) quiet: bool,
    pub(crate) timings: bool,
}

/// The layout (named, else `mimeo.toml` here, else the example's), the
/// articles (`content/` unless named), the files to write and the build's
/// options.
pub(crate) fn asked(args: BuildArgs) -> Result<Asked, Error> {
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
    let layout = layout_of(layout)?;
    let screen = made_for.unwrap_or(false);
    let output = output.unwrap_or_else(|| edition(default_output(&inputs, &layout), screen));
    let inputs = if inputs.is_empty() {
        vec![PathBuf::from("content")]
    } else {
        inputs
    };
    if let Some(r) = &report {
        if files::same_file(r, &output) || r == &output {
            return Err(Error::in_file(
                r,
                "--report and -o name the same file; give the report its own name (….json)",
            ));
        }
    }
    let req = mimeo::BuildRequest {
        timestamp: source_date(),
        allow_paths: allow_path,
        max_article: max_article_size.unwrap_or(files::MAX_ARTICLE),
        impose,
        separate,
        preview: png
            .as_ref()
            .map(|_| dpi.unwrap_or(mimeo::render::DEFAULT_DPI)),
        screen,
        editions,
        // A long PDF is written into its folder as it is made.
        spool: Some(
            output
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        ),
        ..mimeo::BuildRequest::new(layout, inputs)
    };
    Ok(Asked {
        req,
        dest: Dest {
            output,
            report,
            png,
            force,
            strict,
        },
        quiet,
        timings,
    })
}
