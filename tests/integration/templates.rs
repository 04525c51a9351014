//! `mimeo new`: every template makes a folder that builds at once, with no
//! flags and no warning; the leaflet's coupon has its cut line, scissors,
//! boxes to tick and lines to write on.

use crate::common;

use common::{mimeo, stderr, Pdf};

const TEMPLATES: [&str; 4] = ["tabloid", "leaflet", "booklet", "measure"];

#[test]
fn every_template_builds_with_no_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = mimeo(dir.path(), &["new", "--list"]);
    let listed = String::from_utf8_lossy(&list.stdout).into_owned();
    for t in TEMPLATES {
        assert!(listed.contains(t), "--list names {t}: {listed}");
        let name = format!("my-{t}");
        let made = mimeo(dir.path(), &["new", t, &name]);
        assert!(made.status.success(), "new {t}: {}", stderr(&made));
        let folder = dir.path().join(&name);
        let built = mimeo(&folder, &["build"]);
        let err = stderr(&built);
        assert!(built.status.success(), "{t}: {err}");
        assert!(!err.contains("warning"), "{t} warns: {err}");
        // Named after its folder, from its own mimeo.toml.
        let pdf = folder.join("out").join(format!("{name}.pdf"));
        assert!(pdf.is_file(), "{t}: no {}", pdf.display());
        let text = Pdf::open(&pdf).text();
        // Every word of every article is on the pages, in order.
        for path in common::articles_in(&folder.join("content")) {
            let words = common::article_words(&path);
            let slack = common::article_slack(&path);
            if let Err(i) = common::find_in_order(&text, &words, slack) {
                panic!(
                    "{t}: {} lost its word {i}: {:?}",
                    path.display(),
                    words.get(i)
                );
            }
        }
    }
}

#[test]
fn new_never_writes_over_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("mine.md"), "my words").expect("write");
    let out = mimeo(dir.path(), &["new", "leaflet", "."]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not an empty folder"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("mimeo.toml").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.md")).expect("read"),
        "my words"
    );
    let typo = mimeo(dir.path(), &["new", "bokklet", "x"]);
    assert!(!typo.status.success());
    assert!(
        stderr(&typo).contains("did you mean `booklet`"),
        "{}",
        stderr(&typo)
    );
}

#[test]
fn the_leaflet_coupon_has_a_cut_line_scissors_and_write_in_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert!(mimeo(dir.path(), &["new", "leaflet", "l"]).status.success());
    let folder = dir.path().join("l");
    let built = mimeo(&folder, &["build", "-o", "l.pdf"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let pdf = Pdf::open(&folder.join("l.pdf"));
    let text = pdf.text();
    for page in 0..2 {
        let rules: Vec<_> = pdf.rules().into_iter().filter(|r| r.page == page).collect();
        // A dashed box: many short dashes of one length, across and down.
        let dashes: Vec<_> = rules
            .iter()
            .filter(|r| {
                let len = (r.to.0 - r.from.0).hypot(r.to.1 - r.from.1);
                (3.0..6.0).contains(&len)
            })
            .collect();
        assert!(dashes.len() > 60, "page {page}: {} dashes", dashes.len());
        assert!(dashes.iter().any(|r| (r.from.0 - r.to.0).abs() < 0.01));
        assert!(dashes.iter().any(|r| (r.from.1 - r.to.1).abs() < 0.01));
        // Three lines to write on, each running to the same right edge
        // from where its label ends.
        let writes: Vec<_> = rules
            .iter()
            .filter(|r| (r.from.1 - r.to.1).abs() < 0.01 && (r.to.0 - r.from.0) > 60.0)
            .filter(|r| (r.width - 0.5).abs() < 0.01)
            .collect();
        assert_eq!(writes.len(), 3, "page {page}: {writes:?}");
        assert!(writes
            .windows(2)
            .all(|w| (w[0].to.0 - w[1].to.0).abs() < 0.5));
        let labels = pdf
            .lines()
            .into_iter()
            .filter(|l| l.page == page && writes.iter().any(|w| (w.from.1 - l.y).abs() < 4.0))
            .collect::<Vec<_>>();
        assert_eq!(labels.len(), 3, "page {page}: {labels:?}");
        for (l, w) in labels.iter().zip(&writes) {
            assert!(
                w.from.0 > l.end,
                "the line starts after its label: {l:?} {w:?}"
            );
        }
    }
    // The scissors and the boxes to tick are text, in a font that has them.
    assert_eq!(text.matches('\u{2702}').count(), 2, "{text}");
    let boxes: usize = std::fs::read_dir(folder.join("content"))
        .expect("content")
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| t.matches('\u{2610}').count())
        .sum();
    assert!(boxes >= 6);
    assert_eq!(text.matches('\u{2610}').count(), boxes, "{text}");
    assert!(pdf
        .fonts()
        .iter()
        .any(|(f, _)| f.contains("NotoSansSymbols2")));
    // The underscores became lines: none is printed.
    assert!(!text.contains("___"), "{text}");
}
