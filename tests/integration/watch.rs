//! `mimeo watch`: builds, builds again when an article, the layout or a
//! photo changes (and not when its own PDF is written), and after a broken
//! save keeps the last good PDF and says why.

use crate::common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    fn start(dir: &std::path::Path, args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mimeo"))
            .env("MIMEO_CACHE_DIR", "")
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stderr(Stdio::piped())
            .spawn()
            .expect("mimeo watch starts");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watching { child, lines }
    }

    /// The next "built …" or "not built …" line, with what came before it.
    fn next(&self, wait: Duration) -> Option<(String, Vec<String>)> {
        let mut before = Vec::new();
        loop {
            let line = self.lines.recv_timeout(wait).ok()?;
            if line.starts_with("built") || line.starts_with("not built") {
                return Some((line, before));
            }
            before.push(line);
        }
    }
}

const LONG: Duration = Duration::from_secs(60);

/// A fixed date, so that two builds of the same pages are the same bytes.
const EPOCH: &str = "1764547200";

#[test]
fn rebuilds_on_a_change_and_keeps_the_last_pdf_after_a_broken_save() {
    let dir = common::scratch();
    let w = Watching::start(dir.path(), &[]);
    let (first, _) = w.next(LONG).expect("a first build");
    assert!(first.starts_with("built out/example.pdf"), "{first}");
    assert!(first.contains("4 pages"), "{first}");
    // Writing the PDF does not wake it: nothing more comes by itself.
    assert!(w.next(Duration::from_millis(700)).is_none());
    let pdf = dir.path().join("out/example.pdf");
    let before = std::fs::read(&pdf).expect("pdf");

    // A word changed in an article: a new PDF with it.
    let article = dir.path().join("content/02-tenants.md");
    let text = std::fs::read_to_string(&article).expect("article");
    let marked = text.replacen("The ", "Zyxwv ", 1);
    assert_ne!(marked, text);
    std::fs::write(&article, &marked).expect("save");
    let (line, _) = w.next(LONG).expect("a build after the save");
    assert!(line.starts_with("built"), "{line}");
    let after = common::squash(&common::Pdf::open(&pdf).text());
    assert!(after.contains("Zyxwv"), "the new word is in the new PDF");
    assert_ne!(std::fs::read(&pdf).expect("pdf"), before);
    // What watch kept from the first build (its paragraphs) makes the same
    // PDF, byte for byte, as a build from nothing.
    let fresh = Command::new(env!("CARGO_BIN_EXE_mimeo"))
        .env("MIMEO_CACHE_DIR", "")
        .args(["build", "-o", "fresh.pdf"])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("mimeo runs");
    assert!(fresh.status.success(), "{}", common::stderr(&fresh));
    assert!(
        std::fs::read(dir.path().join("fresh.pdf")).expect("pdf")
            == std::fs::read(&pdf).expect("pdf"),
        "watch's PDF differs from a fresh build's"
    );

    // A broken save: the error, where it is, and the last PDF untouched.
    let good = std::fs::read(&pdf).expect("pdf");
    std::fs::write(&article, "+++\nheadline = [\n+++\nBody.\n").expect("save");
    let (line, said) = w.next(LONG).expect("a report after the broken save");
    assert!(line.starts_with("not built"), "{line}");
    assert!(line.contains("last good one"), "{line}");
    let said = said.join("\n");
    assert!(said.contains("02-tenants.md:2"), "{said}");
    assert_eq!(std::fs::read(&pdf).expect("pdf"), good);

    // Mended, and the layout changed: it builds again.
    std::fs::write(&article, &text).expect("save");
    let (line, _) = w.next(LONG).expect("a build after the mend");
    assert!(line.starts_with("built"), "{line}");
    let layout = dir.path().join("layouts/tabloid.toml");
    let spec = std::fs::read_to_string(&layout).expect("layout");
    std::fs::write(&layout, format!("{spec}\n# changed\n")).expect("save");
    let (line, _) = w.next(LONG).expect("a build after the layout changed");
    assert!(line.starts_with("built"), "{line}");
}

#[test]
fn a_new_photo_is_seen() {
    let dir = common::scratch();
    let w = Watching::start(dir.path(), &[]);
    w.next(LONG).expect("a first build");
    // A photo an article names is replaced by another (renamed into place,
    // as editors and file managers do).
    let photo = dir.path().join("content/tenement.jpg");
    let other = dir.path().join("content/hospital.jpg");
    let tmp = dir.path().join("content/new-photo.tmp");
    std::fs::copy(&other, &tmp).expect("copy");
    std::fs::rename(&tmp, &photo).expect("rename");
    let (line, _) = w.next(LONG).expect("a build after the photo changed");
    assert!(line.starts_with("built"), "{line}");
}
