//! Watching for changes (`mimeo watch`): the folders that hold the layout,
//! the articles and everything a build read are watched with notify; a file
//! of a kind a build reads (article, spec, photo, font, profile) that is
//! saved, created, removed or renamed into place wakes [`Watcher::wait`].
//! Outputs (PDF, JSON) never do, so writing them starts no new build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::diag::{Error, Result};

/// Kinds of file a build reads, by extension.
const INPUTS: [&str; 9] = [
    "md", "toml", "jpg", "jpeg", "png", "ttf", "otf", "icc", "icm",
];

/// How long after a change to wait for the rest of a save (an editor may
/// write a file in several steps) before building.
const SETTLE: Duration = Duration::from_millis(8);
/// The longest a stream of changes may put off a build.
const AT_MOST: Duration = Duration::from_millis(150);

/// Watches folders for changes to a build's inputs.
pub struct Watcher {
    inner: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    folders: BTreeSet<PathBuf>,
}

impl Watcher {
    pub fn new() -> Result<Watcher> {
        let (tx, events) = channel();
        let inner = notify::recommended_watcher(tx)
            .map_err(|e| Error::new(format!("cannot watch for changes: {e}")))?;
        Ok(Watcher {
            inner,
            events,
            folders: BTreeSet::new(),
        })
    }

    /// Watches the folder of each file in `paths` and each folder in it;
    /// one already watched is left as it is. A folder that cannot be
    /// watched is skipped (it may not exist yet).
    pub fn watch(&mut self, paths: &[PathBuf]) {
        for p in paths {
            let folder = if p.is_dir() {
                p.clone()
            } else {
                match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                }
            };
            let folder = folder.canonicalize().unwrap_or(folder);
            if self.folders.contains(&folder) {
                continue;
            }
            if self
                .inner
                .watch(&folder, RecursiveMode::NonRecursive)
                .is_ok()
            {
                self.folders.insert(folder);
            }
        }
    }

    /// The folders watched.
    pub fn folders(&self) -> impl Iterator<Item = &Path> {
        self.folders.iter().map(PathBuf::as_path)
    }

    /// Waits for an input to change, then for the save to settle; returns
    /// the files that changed, and when the first did.
    pub fn wait(&self) -> Result<(Vec<PathBuf>, Instant)> {
        let gone = || Error::new("stopped watching: the watcher closed");
        let mut changed = BTreeSet::new();
        let first = loop {
            let event = self.events.recv().map_err(|_| gone())?;
            if take(event, &mut changed) {
                break Instant::now();
            }
        };
        loop {
            let left = AT_MOST.saturating_sub(first.elapsed());
            if left.is_zero() {
                break;
            }
            match self.events.recv_timeout(SETTLE.min(left)) {
                Ok(event) => {
                    take(event, &mut changed);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Err(gone()),
            }
        }
        Ok((changed.into_iter().collect(), first))
    }
}

/// Adds an event's input files to `changed`; whether there were any.
fn take(event: notify::Result<notify::Event>, changed: &mut BTreeSet<PathBuf>) -> bool {
    let Ok(event) = event else { return false };
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    let mut any = false;
    for p in event.paths {
        if is_input(&p) {
            changed.insert(p);
            any = true;
        }
    }
    any
}

/// A file of a kind a build reads (not an output, not an editor's backup).
pub fn is_input(path: &Path) -> bool {
    let name = path.file_name().map_or("".into(), |n| n.to_string_lossy());
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| INPUTS.contains(&e.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_wake_it_and_outputs_do_not() {
        for p in ["content/a.md", "mimeo.toml", "x/photo.JPG", "f.otf"] {
            assert!(is_input(Path::new(p)), "{p}");
        }
        for p in [
            "out/a.pdf",
            "r.json",
            "content/.a.md.swp",
            "a.md~",
            "content/.#a.md",
        ] {
            assert!(!is_input(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn a_saved_article_wakes_it() {
        let dir = std::env::temp_dir().join(format!("mimeo-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let article = dir.join("a.md");
        std::fs::write(&article, "one").unwrap();
        let mut w = Watcher::new().unwrap();
        w.watch(std::slice::from_ref(&article));
        // An output written beside it does not count; the article does.
        std::fs::write(dir.join("a.pdf"), "pdf").unwrap();
        std::fs::write(&article, "two").unwrap();
        let (changed, _) = w.wait().unwrap();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert!(changed[0].ends_with("a.md"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
