//! What the command line says: warnings shown as errors are, failures.

use std::process::ExitCode;

/// A warning as the errors are shown: where it is, with the line and the
/// words it is about, when it is about a place in a file.
pub(crate) fn say_warning(prefix: &str, w: &mimeo::diag::Warning) {
    match w.diagnostic() {
        Some(d) => eprintln!("{prefix}{:?}", miette::Report::new(d)),
        None => eprintln!("{prefix}warning: {w}"),
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub(crate) fn fail(e: mimeo::diag::Error) -> ExitCode {
    eprintln!("{:?}", miette::Report::new(e));
    ExitCode::from(1)
}
