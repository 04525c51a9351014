//! From saving an article to the new PDF under `mimeo watch`, on the
//! example issue: the median, best and worst of 30 saves, each a word
//! changed in an article and written as an editor writes (the whole file
//! at once). A save that breaks the article is timed too, and must leave
//! the last PDF as it was.
//!
//!     cargo bench --bench watch

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const SAVES: usize = 30;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["layouts", "content"] {
        copy_dir(&root.join(sub), &dir.path().join(sub));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_mimeo"))
        .arg("watch")
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mimeo watch starts");
    let lines = lines(child.stderr.take().expect("stderr"));
    next_build(&lines).expect("the first build");
    let article = dir.path().join("content/02-tenants.md");
    let text = std::fs::read_to_string(&article).expect("article");
    let pdf = dir.path().join("out/example.pdf");
    let mut times = Vec::with_capacity(SAVES);
    for i in 0..SAVES {
        // Let the watcher settle, then save a changed word.
        std::thread::sleep(Duration::from_millis(150));
        let changed = text.replacen("the", if i % 2 == 0 { "that" } else { "the" }, 1);
        let t = Instant::now();
        std::fs::write(&article, changed).expect("save");
        let line = next_build(&lines).expect("a build after the save");
        times.push(t.elapsed());
        assert!(line.starts_with("built"), "{line}");
    }
    // A broken save: an error, and the PDF as it was.
    std::thread::sleep(Duration::from_millis(150));
    let good = std::fs::read(&pdf).expect("pdf");
    let t = Instant::now();
    std::fs::write(&article, "+++\nheadline = [\n+++\n").expect("save");
    let line = next_build(&lines).expect("a report after the broken save");
    let broken = t.elapsed();
    assert!(line.starts_with("not built"), "{line}");
    assert_eq!(std::fs::read(&pdf).expect("pdf"), good, "the last PDF kept");
    let _ = child.kill();
    let _ = child.wait();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "watch, example issue, save → PDF over {SAVES} saves: median {:.1} ms, best {:.1} ms, worst {:.1} ms; a broken save reported in {:.1} ms, last PDF kept",
        ms(times[SAVES / 2]),
        ms(times[0]),
        ms(times[SAVES - 1]),
        ms(broken)
    );
}

/// The watcher's lines of standard error, as they come.
fn lines(stderr: std::process::ChildStderr) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// The next line saying a build ended ("built …" or "not built …").
fn next_build(lines: &Receiver<String>) -> Option<String> {
    loop {
        let line = lines.recv_timeout(Duration::from_secs(30)).ok()?;
        if line.starts_with("built") || line.starts_with("not built") {
            return Some(line);
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&p, to.join(entry.file_name())).expect("copy");
        }
    }
}
