//! `mimeo watch`: build, then build again after every change.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::WatchArgs;
use super::output::{write_outputs, Dest};
use super::request::{asked, Asked};
use super::say::{fail, plural, say_warning};

/// `mimeo watch`: a build, then another after every change to its inputs,
/// each reported on one line.
pub(crate) fn watch(args: WatchArgs) -> ExitCode {
    let WatchArgs { build: b, open } = args;
    let Asked {
        req, dest, timings, ..
    } = match asked(b) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let mut watcher = match mimeo::watch::Watcher::new() {
        Ok(w) => w,
        Err(e) => return fail(e),
    };
    let mut first: Vec<PathBuf> = vec![req.layout.clone()];
    first.extend(req.inputs.iter().cloned());
    watcher.watch(&first);
    let cache = mimeo::Cache::keeping();
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
                    if timings {
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

/// Opens `path` in the system's PDF viewer, without waiting for it.
pub(crate) fn open_in_viewer(path: &Path) {
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
