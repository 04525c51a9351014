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
        proofs: proofs_dir(|name| std::env::var_os(name)),
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

/// Where photos proven sound are kept for later builds: `MIMEO_CACHE_DIR`
/// (empty: nowhere), else the user's cache folder (`XDG_CACHE_HOME`,
/// `~/.cache` or, on Windows, `LOCALAPPDATA`), each with `photos` inside;
/// read from the environment by `var`.
fn proofs_dir(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let set = |name: &str| var(name).map(PathBuf::from);
    let absolute = |name: &str| set(name).filter(|p| p.is_absolute());
    let dir = match set("MIMEO_CACHE_DIR") {
        Some(dir) if dir.as_os_str().is_empty() => return None,
        Some(dir) => dir,
        None => absolute("XDG_CACHE_HOME")
            .or_else(|| absolute("HOME").map(|h| h.join(".cache")))
            .or_else(|| absolute("LOCALAPPDATA"))?
            .join("mimeo"),
    };
    Some(dir.join("photos"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(vars: &[(&str, &str)]) -> Option<PathBuf> {
        proofs_dir(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| std::ffi::OsString::from(v))
        })
    }

    #[test]
    #[cfg(unix)]
    fn photos_are_proven_in_the_users_cache_folder_unless_told_otherwise() {
        let home = [("HOME", "/home/ed")];
        assert_eq!(dir(&home), Some("/home/ed/.cache/mimeo/photos".into()));
        let xdg = [("HOME", "/home/ed"), ("XDG_CACHE_HOME", "/var/cache/ed")];
        assert_eq!(dir(&xdg), Some("/var/cache/ed/mimeo/photos".into()));
        // (A relative XDG folder is to be ignored, the spec says.)
        let relative = [("HOME", "/home/ed"), ("XDG_CACHE_HOME", "cache")];
        assert_eq!(dir(&relative), Some("/home/ed/.cache/mimeo/photos".into()));
        let own = [("HOME", "/home/ed"), ("MIMEO_CACHE_DIR", "here")];
        assert_eq!(dir(&own), Some("here/photos".into()));
        assert_eq!(dir(&[("HOME", "/home/ed"), ("MIMEO_CACHE_DIR", "")]), None);
        assert_eq!(dir(&[]), None);
    }
}
