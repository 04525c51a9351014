//! Helpers for the integration tests: run the `mimeo` binary in a scratch
//! folder, and read PDFs back (text through each font's ToUnicode map, page
//! boxes, embedded fonts) with lopdf, so `cargo test` needs no other tools.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lopdf::{Document, Object};

pub mod pdfcheck;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `mimeo ARGS` in `dir` (with `SOURCE_DATE_EPOCH` unset, and no
/// photo proven by an earlier run: every photo is decoded).
pub fn mimeo(dir: &Path, args: &[&str]) -> Output {
    mimeo_with(dir, args, &[("MIMEO_CACHE_DIR", "")])
}

/// Runs `mimeo ARGS` in `dir` with the environment variables `vars` (and
/// `SOURCE_DATE_EPOCH` unset unless among them).
pub fn mimeo_with(dir: &Path, args: &[&str], vars: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mimeo"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(vars.iter().copied())
        .output()
        .expect("the mimeo binary runs")
}

/// The text poppler's `pdftotext` reads from `pdf` (with `args` before the
/// file), or none, having said the test is skipped, where poppler is not
/// installed.
pub fn pdftotext(pdf: &Path, args: &[&str]) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("skipped: pdftotext (poppler) is not installed");
        return None;
    }
    let out = Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch folder with the repository's layouts, content and fonts copied in.
pub fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["layouts", "content"] {
        copy_dir(&root().join(sub), &dir.path().join(sub));
    }
    dir
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

/// A line of text as placed on a page (PDF coordinates, y upwards).
#[derive(Debug, Clone)]
pub struct TextLine {
    pub page: usize,
    pub x: f32,
    pub y: f32,
    /// Where the text ends (from the fonts' widths and TJ adjustments).
    pub end: f32,
    /// Font size of the line's first run.
    pub size: f32,
    pub text: String,
}

/// A stroked line on a page (PDF coordinates, y from the foot).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub page: usize,
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub width: f32,
}

/// A font's glyph texts and widths.
type FontMaps = (BTreeMap<u16, String>, BTreeMap<u16, f32>);

/// A parsed PDF.
pub struct Pdf {
    pub doc: Document,
}

impl Pdf {
    pub fn open(path: &Path) -> Pdf {
        Pdf {
            doc: Document::load(path)
                .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display())),
        }
    }

    pub fn page_ids(&self) -> Vec<lopdf::ObjectId> {
        self.doc.get_pages().into_values().collect()
    }

    /// A page box (`MediaBox`, `TrimBox`) as `[x0, y0, x1, y1]`.
    pub fn page_box(&self, page: lopdf::ObjectId, key: &[u8]) -> Option<[f32; 4]> {
        let dict = self.doc.get_dictionary(page).ok()?;
        let arr = dict.get(key).ok()?.as_array().ok()?;
        let v: Vec<f32> = arr
            .iter()
            .filter_map(|o| {
                o.as_float()
                    .ok()
                    .or_else(|| o.as_i64().ok().map(|i| i as f32))
            })
            .collect();
        (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
    }

    /// Every font dictionary with its base name and whether a font program is embedded.
    pub fn fonts(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for (_, obj) in self.doc.objects.iter() {
            let Ok(d) = obj.as_dict() else { continue };
            if d.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor".as_slice()) {
                continue;
            }
            let name = d
                .get(b"FontName")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let embedded = d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3");
            out.push((name, embedded));
        }
        out
    }

    /// The Separation colour space for the ink `name`, as an array
    /// (`[/Separation /name alternate tint]`).
    pub fn separation(&self, name: &str) -> Option<&Vec<Object>> {
        self.doc
            .objects
            .values()
            .filter_map(|o| o.as_array().ok())
            .find(|a| {
                a.first().and_then(|n| n.as_name().ok()) == Some(b"Separation".as_slice())
                    && a.get(1).and_then(|n| n.as_name().ok()) == Some(name.as_bytes())
            })
    }

    /// The text of every page, in content order: a new line wherever the
    /// baseline changes.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_page = 0;
        // A line of no letters (a paragraph's last, "1.") goes the way of
        // the one before it.
        let mut last_rtl = false;
        for l in self.lines() {
            if l.page != last_page {
                // A form feed between pages (white space to every other reader).
                out.push_str("\n\u{c}");
                last_page = l.page;
            }
            out.push('\n');
            let (text, rtl) = logical(&l.text, last_rtl);
            out.push_str(&text);
            last_rtl = rtl;
        }
        out.push('\n');
        out
    }

    /// Every stroked straight line (`m`, `l`, `S`), with its weight.
    pub fn rules(&self) -> Vec<Rule> {
        let mut out = Vec::new();
        for (page_no, page) in self.page_ids().into_iter().enumerate() {
            let content = self
                .doc
                .get_and_decode_page_content(page)
                .expect("content decodes");
            let num = |o: &Object| {
                o.as_float()
                    .ok()
                    .or_else(|| o.as_i64().ok().map(|i| i as f32))
                    .unwrap_or(0.0)
            };
            let (mut width, mut from, mut to) = (1.0, (0.0, 0.0), (0.0, 0.0));
            for op in &content.operations {
                let xy = || {
                    (
                        op.operands.first().map_or(0.0, num),
                        op.operands.get(1).map_or(0.0, num),
                    )
                };
                match op.operator.as_str() {
                    "w" => width = op.operands.first().map_or(1.0, num),
                    "m" => from = xy(),
                    "l" => to = xy(),
                    "S" => out.push(Rule {
                        page: page_no,
                        from,
                        to,
                        width,
                    }),
                    _ => {}
                }
            }
        }
        out
    }

    /// Every line of text: glyphs from a text matrix on one baseline until
    /// the baseline changes, with where it starts.
    pub fn lines(&self) -> Vec<TextLine> {
        let mut out: Vec<TextLine> = Vec::new();
        for (page_no, page) in self.page_ids().into_iter().enumerate() {
            let fonts = self.doc.get_page_fonts(page).unwrap_or_default();
            let maps: BTreeMap<Vec<u8>, FontMaps> = fonts
                .iter()
                .map(|(name, dict)| (name.clone(), (self.to_unicode(dict), self.widths(dict))))
                .collect();
            let content = self
                .doc
                .get_and_decode_page_content(page)
                .expect("content decodes");
            let mut font: Option<&FontMaps> = None;
            let (mut size, mut scale, mut cur) = (0.0f32, 1.0f32, 0.0f32);
            let mut spacing = 0.0f32;
            // Inside a span that says its text (`ActualText`): that text,
            // until it is put on a line, and whether the span is open.
            let (mut actual, mut in_span): (Option<String>, bool) = (None, false);
            let num = |o: &Object| {
                o.as_float()
                    .ok()
                    .or_else(|| o.as_i64().ok().map(|i| i as f32))
                    .unwrap_or(0.0)
            };
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tf" => {
                        font = op
                            .operands
                            .first()
                            .and_then(|o| o.as_name().ok())
                            .and_then(|n| maps.get(n));
                        size = op.operands.get(1).map_or(0.0, num);
                    }
                    "Tz" => scale = op.operands.first().map_or(100.0, num) / 100.0,
                    "Tc" => spacing = op.operands.first().map_or(0.0, num),
                    "BDC" => {
                        let said = op
                            .operands
                            .get(1)
                            .and_then(|o| o.as_dict().ok())
                            .and_then(|d| d.get(b"ActualText").ok())
                            .and_then(|o| o.as_str().ok())
                            .map(pdf_text_string);
                        if let Some(said) = said {
                            (actual, in_span) = (Some(said), true);
                        }
                    }
                    "EMC" => (actual, in_span) = (None, false),
                    "Tm" => {
                        let (x, y) = (
                            op.operands.get(4).map_or(0.0, num),
                            op.operands.get(5).map_or(0.0, num),
                        );
                        // The same line goes on where the text reached (a
                        // mark raised or lowered is on it too); a line in the
                        // next column on the same baseline starts a gutter
                        // away.
                        let same = out.last().is_some_and(|l| {
                            l.page == page_no
                                && (l.y - y).abs() < 0.3 * l.size.max(1.0)
                                && x < l.end + 4.0
                        });
                        if !same {
                            out.push(TextLine {
                                page: page_no,
                                x,
                                y,
                                end: x,
                                size,
                                text: String::new(),
                            });
                        }
                        cur = x;
                    }
                    "Tj" | "TJ" => {
                        let Some(line) = out.last_mut() else { continue };
                        let em = size * scale / 1000.0;
                        if let Some(said) = actual.take() {
                            line.text.push_str(&said);
                        }
                        for o in &op.operands {
                            let items: Vec<&Object> = match o {
                                Object::Array(a) => a.iter().collect(),
                                other => vec![other],
                            };
                            for item in items {
                                let Object::String(s, _) = item else {
                                    cur -= num(item) * em;
                                    continue;
                                };
                                for code in s.chunks(2) {
                                    let cid =
                                        u16::from_be_bytes([code[0], *code.get(1).unwrap_or(&0)]);
                                    let width =
                                        font.and_then(|m| m.1.get(&cid)).copied().unwrap_or(0.0);
                                    match font.and_then(|m| m.0.get(&cid)) {
                                        _ if in_span => {}
                                        Some(t) => line.text.push_str(t),
                                        // A mark with no width whose letter
                                        // says it (Arabic, right to left).
                                        None if width == 0.0 => {}
                                        None => line.text.push('\u{FFFD}'),
                                    }
                                    // (Character spacing follows every
                                    // glyph, scaled as the widths are.)
                                    cur += width * em + spacing * scale;
                                }
                            }
                        }
                        line.end = line.end.max(cur);
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// Glyph widths (thousandths of an em) of a Type 0 font's CID font.
    fn widths(&self, font: &lopdf::Dictionary) -> BTreeMap<u16, f32> {
        let mut out = BTreeMap::new();
        let cid = font
            .get(b"DescendantFonts")
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| o.as_reference().ok())
            .and_then(|r| self.doc.get_dictionary(r).ok());
        let Some(w) = cid
            .and_then(|d| d.get(b"W").ok())
            .and_then(|o| o.as_array().ok())
        else {
            return out;
        };
        let num = |o: &Object| {
            o.as_float()
                .ok()
                .or_else(|| o.as_i64().ok().map(|i| i as f32))
                .unwrap_or(0.0)
        };
        let mut i = 0;
        while i + 1 < w.len() {
            let first = num(&w[i]) as u16;
            if let Ok(list) = w[i + 1].as_array() {
                for (k, v) in list.iter().enumerate() {
                    out.insert(first + k as u16, num(v));
                }
                i += 2;
            } else {
                i += 3;
            }
        }
        out
    }

    fn to_unicode(&self, font: &lopdf::Dictionary) -> BTreeMap<u16, String> {
        let Ok(r) = font.get(b"ToUnicode").and_then(Object::as_reference) else {
            return BTreeMap::new();
        };
        let Ok(stream) = self.doc.get_object(r).and_then(Object::as_stream) else {
            return BTreeMap::new();
        };
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        parse_cmap(&String::from_utf8_lossy(&data))
    }
}

fn hex_u16s(s: &str) -> Vec<u16> {
    let h: String = s.chars().filter(char::is_ascii_hexdigit).collect();
    (0..h.len() / 4)
        .filter_map(|i| u16::from_str_radix(&h[i * 4..i * 4 + 4], 16).ok())
        .collect()
}

fn utf16(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

/// Reads `bfchar` and `bfrange` sections of a ToUnicode CMap.
pub fn parse_cmap(text: &str) -> BTreeMap<u16, String> {
    let mut map = BTreeMap::new();
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                    if let Some(&code) = hex_u16s(tokens[i]).first() {
                        map.insert(code, utf16(&hex_u16s(tokens[i + 1])));
                    }
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    let lo = hex_u16s(tokens[i]).first().copied().unwrap_or(0);
                    let hi = hex_u16s(tokens[i + 1]).first().copied().unwrap_or(0);
                    let dst = hex_u16s(tokens[i + 2]);
                    for (k, code) in (lo..=hi).enumerate() {
                        let mut d = dst.clone();
                        if let Some(last) = d.last_mut() {
                            *last += k as u16;
                        }
                        map.insert(code, utf16(&d));
                    }
                    i += 3;
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

/// A PDF text string: UTF-16BE after its byte order mark, else one byte a
/// character.
fn pdf_text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => utf16_be(utf16),
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

fn utf16_be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// A line's text, drawn from the left, in the order it is read: a line
/// mostly of Arabic or Hebrew read from the right (its numbers and Latin
/// words still from the left), a right-to-left phrase in a left-to-right
/// line from its right end. (What poppler does, not UAX #9 in full.)
pub fn logical(visual: &str, after_rtl: bool) -> (String, bool) {
    use mimeo::text::is_right_to_left;
    // Character by character, as poppler does (mimeo writes a glyph's
    // several characters right to left for it).
    let clusters: Vec<String> = visual.chars().map(String::from).collect();
    let clusters: Vec<&str> = clusters.iter().map(String::as_str).collect();
    let rtl_in = |g: &str| g.chars().any(is_right_to_left);
    let strong = |g: &str| {
        g.chars()
            .any(|c| c.is_alphanumeric() && !is_right_to_left(c))
    };
    let rtl = clusters.iter().filter(|g| rtl_in(g)).count();
    // (Digits take the line's direction, so letters alone decide it.)
    let ltr = clusters
        .iter()
        .filter(|g| g.chars().any(|c| c.is_alphabetic() && !is_right_to_left(c)))
        .count();
    let rtl = match (rtl, ltr) {
        (0, 0) if after_rtl => 1,
        (0, _) => return (visual.to_string(), false),
        (n, _) => n,
    };
    let mut out = clusters;
    // Reverses each run of clusters that `inside` holds of.
    let flip = |v: &mut Vec<&str>, inside: &dyn Fn(&[&str], usize) -> bool| {
        let mut i = 0;
        while i < v.len() {
            if inside(v, i) {
                let mut j = i;
                while j < v.len() && inside(v, j) {
                    j += 1;
                }
                v[i..j].reverse();
                i = j;
            } else {
                i += 1;
            }
        }
    };
    let base_rtl = rtl >= ltr;
    if base_rtl {
        out.reverse();
        flip(&mut out, &|v, k| strong(v[k]));
    } else {
        // From a right-to-left letter to the last one before a
        // left-to-right letter or digit.
        flip(&mut out, &|v, k| {
            !strong(v[k])
                && v[..=k]
                    .iter()
                    .rev()
                    .take_while(|g| !strong(g))
                    .any(|g| rtl_in(g))
                && v[k..].iter().take_while(|g| !strong(g)).any(|g| rtl_in(g))
        });
    }
    (out.concat(), base_rtl)
}

/// Normalises text for comparing words: no white space, no hyphens (inserted
/// hyphens at line ends vanish, explicit ones are dropped on both sides).
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{2010}')
        .collect()
}

/// Checks that `words` occur in `text` in order, each within `slack`
/// characters of the previous one. On failure, returns the index of the
/// furthest word a matching run could not reach.
pub fn find_in_order(text: &str, words: &[String], slack: usize) -> Result<(), usize> {
    // Page numbers stand between the halves of a word hyphenated across pages.
    let body: Vec<&str> = text
        .lines()
        .filter(|l| l.contains('\u{c}') || !l.trim().chars().all(|c| c.is_ascii_digit()))
        .collect();
    let joined = body.join("\n");
    let hay = squash(&joined);
    // Where each page after the first starts in `hay`.
    let mut pages = Vec::new();
    let mut n = 0;
    for c in joined.chars() {
        if c == '\u{c}' {
            pages.push(n);
        } else if !c.is_whitespace() && c != '-' && c != '\u{2010}' {
            n += c.len_utf8();
        }
    }
    let words: Vec<String> = words
        .iter()
        .map(|w| squash(w))
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return Ok(());
    };
    let mut furthest = 0;
    // Try every place the first word occurs as the start of the sequence.
    for (start, _) in hay.match_indices(first.as_str()) {
        let mut at = start + first.len();
        let mut reached = words.len();
        for (i, w) in words.iter().enumerate().skip(1) {
            let found = hay[at..].find(w.as_str()).filter(|&pos| pos <= slack);
            let direct = found.map(|pos| at + pos + w.len());
            // At a jump line before the word, the text goes on after
            // "continued from" and the jump headline, on the page it names.
            let reach = found.unwrap_or(slack + 40);
            let jumped = after_jump(&hay, &pages, at, reach).and_then(|from| {
                hay[from..]
                    .find(w.as_str())
                    .filter(|&pos| pos <= slack + 200)
                    .map(|pos| from + pos + w.len())
            });
            match jumped.or(direct) {
                Some(next) => at = next,
                None => {
                    reached = i;
                    break;
                }
            }
        }
        if reached == words.len() {
            return Ok(());
        }
        furthest = furthest.max(reached);
    }
    Err(furthest)
}

/// What jump lines say, squashed: (to, from) pairs.
pub const JUMPS: [(&str, &str); 2] = [
    ("Continuedonpage", "Continuedfrompage"),
    ("Continúaenlapágina", "Vienedelapágina"),
];

/// If a "continued on page N" line follows within `reach` of `at`, where the
/// text goes on: just after the first "continued from page" line on page N
/// (`pages` holds where each page after the first starts).
fn after_jump(hay: &str, pages: &[usize], at: usize, reach: usize) -> Option<usize> {
    let mut end = (at + reach).min(hay.len());
    while !hay.is_char_boundary(end) {
        end += 1;
    }
    let near = &hay[at..end];
    for (to, from) in JUMPS {
        let Some(p) = near.find(to) else { continue };
        let rest = &hay[at + p + to.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        // Page N starts after the (N-1)th page break.
        let page: usize = digits.parse().ok()?;
        let after = *pages.get(page.checked_sub(2)?)?;
        if let Some(q) = hay[after..].find(from) {
            let start = after + q + from.len();
            let n = hay[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            return Some(start + n);
        }
    }
    None
}

/// The body words of an article, as mimeo's reader sees them.
/// How far apart (in characters, spaces aside) two consecutive words of an
/// article may be in the PDF's text: a little, or past its pull quote.
pub fn article_slack(path: &Path) -> usize {
    let a = mimeo::article::load(path, mimeo::files::MAX_ARTICLE).expect("article parses");
    60 + a
        .meta
        .pullquote
        .map_or(0, |q| q.split_whitespace().map(str::len).sum())
}

pub fn article_words(path: &Path) -> Vec<String> {
    let a = mimeo::article::load(path, mimeo::files::MAX_ARTICLE).expect("article parses");
    a.blocks
        .iter()
        .flat_map(|b| {
            b.text()
                .split_whitespace()
                // A line to write on (`Name: ___`) is no word.
                .filter(|w| !w.bytes().all(|c| c == b'_'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The articles a build without editions prints from `dir`: its `.md`
/// files, translations (`story.es.md`) aside.
pub fn articles_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| {
            let stem = p.file_stem().map_or("".into(), |s| s.to_string_lossy());
            !stem
                .rsplit_once('.')
                .is_some_and(|(_, l)| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()))
        })
        .collect();
    out.sort();
    out
}

/// A PNG's size and pixels as RGB.
pub fn png_rgb(bytes: &[u8]) -> (u32, u32, Vec<[u8; 3]>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG pixels");
    let step = info.color_type.samples();
    let rgb = buf[..info.buffer_size()]
        .chunks_exact(step)
        .map(|p| match step {
            1 | 2 => [p[0], p[0], p[0]],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    (info.width, info.height, rgb)
}
