//! Text in scripts Charis SIL lacks, set in the built-in faces that have
//! them (Annapurna SIL for Devanagari, Noto Serif Bengali, Scheherazade for
//! Arabic, Ezra SIL for Hebrew), and read back from the PDF in logical
//! order: vowel signs drawn before their consonant, marks the shaper moved
//! and right-to-left lines still copy as the words they are.

use crate::common;

use common::{mimeo, pdftotext, stderr, Pdf};
use std::path::Path;
use std::process::Output;

/// Our own sentences, as an editor would write them.
const HINDI: &str = "+++\nheadline = \"गोदाम में हड़ताल\"\nlang = \"hi\"\n+++\nगोदाम के मज़दूरों ने सोमवार सुबह काम बंद कर दिया। वे कहते हैं कि गर्मी में बारह घंटे की पाली अब नहीं चलेगी।\n\nशाम को पड़ोस की महिलाओं ने दाल, चावल और रोटियाँ बनाकर फाटक पर पहुँचाईं। किसी ने कहा, “यह दान नहीं है, यह हमारी भी लड़ाई है।”\n";
const BENGALI: &str = "+++\nheadline = \"বন্দরে ধর্মঘট\"\nlang = \"bn\"\n+++\nবন্দরের শ্রমিকেরা মঙ্গলবার সকালে কাজ বন্ধ করে দিয়েছেন। তাঁরা বলছেন, গরমে বারো ঘণ্টার পালা আর চলবে না।\n\nসন্ধ্যায় পাড়ার মেয়েরা ডাল, ভাত আর রুটি রান্না করে ফটকে পৌঁছে দিলেন। একজন বললেন, “এটা দান নয়, এটা আমাদেরও লড়াই।”\n";

/// Right to left, with an English name and a number inside the Arabic.
const ARABIC: &str = "+++\nheadline = \"إضراب في المستودع\"\nlang = \"ar\"\n+++\nأضرب عمال المستودع ليلة الاثنين بعد أن رفضت الإدارة تركيب المراوح. قال أحد العمال في مستودع Northgate رقم 12: «نعمل اثنتي عشرة ساعة في حر لا يطاق». وانضم إليهم سائقو الشاحنات في الصباح، ورفض كثير منهم عبور خط الاعتصام.\n\nوفي المساء جاءت نساء الحي بالخبز والشاي إلى البوابة، وقالت إحداهن إن هذه ليست صدقة بل معركتنا جميعا.\n";
const HEBREW: &str = "+++\nheadline = \"שביתה במחסן\"\nlang = \"he\"\n+++\nעובדי המחסן שבתו ביום שני אחרי שההנהלה סירבה להתקין מאווררים. אחד העובדים אמר: \"אנחנו עובדים שתים עשרה שעות בחום שאי אפשר לסבול\". בבוקר הצטרפו אליהם נהגי המשאיות, ורבים מהם סירבו לחצות את קו השביתה.\n\nבערב הביאו השכנות לחם ותה אל השער.\n";

/// Words as a reader compares them: letters and digits only (readers
/// place a colon or a quote mark beside a number in right-to-left text
/// each their own way), without Arabic and Hebrew vowel marks (poppler
/// reads a letter's marks before it, right to left).
fn bare_words(text: &str) -> Vec<String> {
    // (Poppler marks embedded runs with directional formatting characters,
    // which part words as a space does.)
    let text: String = text
        .chars()
        .map(|c| match c {
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => ' ',
            c => c,
        })
        .collect();
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .filter(|c| !matches!(u32::from(*c), 0x064B..=0x065F | 0x0670 | 0x05B0..=0x05C7))
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// An article's body: what follows its front matter.
fn body(article: &str) -> &str {
    article.rsplit("+++\n").next().unwrap_or("")
}

/// The lines of `text` that hold something, trimmed.
fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Builds `article` as `NAME.md` into `NAME.pdf`, in one narrow column (so
/// that a reader's order of columns is not what is tested), with `flags`.
fn in_column(dir: &Path, name: &str, article: &str, flags: &[&str]) -> Output {
    std::fs::write(dir.join(format!("{name}.md")), article).expect("write");
    let (pdf, md) = (format!("{name}.pdf"), format!("{name}.md"));
    let mut args = vec!["build"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--layout", "layouts/measure.toml", "-o", &pdf, &md]);
    mimeo(dir, &args)
}

#[test]
fn arabic_and_hebrew_read_back_in_logical_order() {
    let dir = common::scratch();
    for (name, article) in [("arabic", ARABIC), ("hebrew", HEBREW)] {
        // --strict: no missing glyph, no other warning.
        let out = in_column(dir.path(), name, article, &["--strict"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let Some(text) = pdftotext(&dir.path().join(format!("{name}.pdf")), &[]) else {
            return;
        };
        let (want, got) = (bare_words(body(article)), bare_words(&text));
        assert_eq!(got, want, "{name}:\n{text}");
        // Several lines, each broken between words (none cut in two).
        assert!(lines(&text).len() > 4, "{text}");
    }
}

/// Thai writes no spaces between words.
const THAI: &str = "+++\nheadline = \"หยุดงานที่โกดัง\"\nlang = \"th\"\n+++\nคนงานในโกดังหยุดงานเมื่อคืนวันจันทร์ เพราะผู้บริหารไม่ยอมติดพัดลม พวกเขาบอกว่าทำงานสิบสองชั่วโมงในความร้อนไม่ไหวแล้ว ตอนเช้าคนขับรถบรรทุกก็มาร่วมด้วย และหลายคนไม่ยอมข้ามแนวประท้วง\n";

#[test]
fn thai_breaks_only_between_words() {
    let dir = common::scratch();
    let out = in_column(dir.path(), "thai", THAI, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("no font has"), "{}", stderr(&out));
    let Some(text) = pdftotext(&dir.path().join("thai.pdf"), &[]) else {
        return;
    };
    let lines = lines(&text);
    // Broken within the spaceless runs too (the column is narrower than
    // any of them), and read back whole and in order.
    assert!(lines.len() >= 5, "{text}");
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let body = body(THAI);
    assert_eq!(squash(&lines.concat()), squash(body), "{text}");
    // Some lines end inside a run with no space: where a word ends.
    let mut inside = 0;
    let mut seen = 0;
    let chars: Vec<char> = body.chars().collect();
    for line in &lines[..lines.len() - 1] {
        seen += line.chars().filter(|c| !c.is_whitespace()).count();
        // Find where, in the body, that many letters end.
        let (mut k, mut letters) = (0, 0);
        while k < chars.len() && letters < seen {
            if !chars[k].is_whitespace() {
                letters += 1;
            }
            k += 1;
        }
        if chars.get(k).is_some_and(|c| !c.is_whitespace()) {
            inside += 1;
        }
    }
    assert!(inside > 0, "every line ends at a space:\n{text}");
    // These words are never cut: executives, protest, twelve, hour, lorry.
    for word in ["ผู้บริหาร", "ประท้วง", "สิบสอง", "ชั่วโมง", "รถบรรทุก"]
    {
        assert!(
            lines.iter().any(|l| l.contains(word)),
            "{word} cut in\n{text}"
        );
    }
}

/// Whether the build found no installed font for `script` (CJK fonts are
/// too large to build in): then its message must say which font to
/// install, and how, and the test is skipped.
fn no_font_for(out: &Output, script: &str) -> bool {
    if !stderr(out).contains("needs a font mimeo does not build in") {
        return false;
    }
    assert!(stderr(out).contains("fonts-noto-cjk"), "{}", stderr(out));
    eprintln!("skipped: no {script} font is installed on this machine");
    true
}

/// Chinese, whose fonts are too large to build in: set in one installed on
/// the machine, if there is one.
const CHINESE: &str = "+++\nheadline = \"仓库工人罢工\"\nlang = \"zh\"\n+++\n周一晚上，仓库的工人停止了工作。他们说，在酷热中连续工作十二个小时已经无法忍受。第二天早上，卡车司机也加入了他们，很多人拒绝穿过纠察线。晚上，邻居们把米饭和茶送到了大门口。\n";

#[test]
fn chinese_is_set_in_an_installed_font_with_no_closing_mark_at_a_line_start() {
    let dir = common::scratch();
    let out = in_column(dir.path(), "zh", CHINESE, &["--strict"]);
    if no_font_for(&out, "Chinese") {
        return;
    }
    assert!(out.status.success(), "{}", stderr(&out));
    let Some(text) = pdftotext(&dir.path().join("zh.pdf"), &[]) else {
        return;
    };
    let lines = lines(&text);
    assert!(lines.len() >= 4, "{text}");
    let body = body(CHINESE).trim();
    assert_eq!(lines.concat(), body, "{text}");
    for l in &lines {
        let first = l.chars().next().unwrap_or(' ');
        assert!(
            !"。，、；：？！）」』".contains(first),
            "a line starts with {first}:\n{text}"
        );
    }
}

fn build(dir: &Path, args: &[&str]) -> Output {
    std::fs::write(dir.join("hindi.md"), HINDI).expect("write");
    std::fs::write(dir.join("bengali.md"), BENGALI).expect("write");
    let mut all = vec!["build", "--strict", "--layout", "layouts/leaflet-a4.toml"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["hindi.md", "bengali.md"]);
    mimeo(dir, &all)
}

#[test]
fn devanagari_and_bengali_are_set_in_built_in_faces_without_a_missing_glyph() {
    let dir = common::scratch();
    let out = build(dir.path(), &["-o", "scripts.pdf"]);
    // --strict: a missing character would have been an error.
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("no font has"), "{}", stderr(&out));
    let fonts: Vec<String> = Pdf::open(&dir.path().join("scripts.pdf"))
        .fonts()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    for face in ["AnnapurnaSIL", "NotoSerifBengali"] {
        assert!(
            fonts.iter().any(|f| f.contains(face)),
            "{face} in {fonts:?}"
        );
    }
}

#[test]
fn pdftotext_reads_indic_words_in_logical_order() {
    let dir = common::scratch();
    let out = build(dir.path(), &["-o", "scripts.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let Some(text) = pdftotext(&dir.path().join("scripts.pdf"), &[]) else {
        return;
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    for article in [HINDI, BENGALI] {
        let body = body(article);
        let headline = article
            .lines()
            .find_map(|l| l.strip_prefix("headline = \""))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or("");
        // Every word whole (not cut at a vowel sign or a mark) and in order.
        let wanted: Vec<&str> = headline
            .split_whitespace()
            .chain(body.split_whitespace())
            .collect();
        let at = words
            .windows(wanted.len())
            .position(|w| w == wanted.as_slice());
        assert!(at.is_some(), "{wanted:?}\nnot in order in\n{text}");
    }
}

#[test]
fn latin_text_needs_no_actual_text() {
    let dir = common::scratch();
    let mut args = vec![
        "build",
        "--layout",
        "layouts/leaflet-a4.toml",
        "-o",
        "latin.pdf",
    ];
    args.extend([
        "content/01-warehouse-strike.md",
        "content/02-tenants.md",
        "content/04-limpieza.md",
        "content/06-library.md",
        "content/09-letters.md",
    ]);
    let out = mimeo(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.path().join("latin.pdf")).expect("pdf");
    let pdf = lopdf::Document::load_mem(&bytes).expect("parses");
    let mut spans = 0;
    for page in pdf.get_pages().values() {
        let content = pdf.get_page_content(*page);
        spans += content.windows(10).filter(|w| w == b"ActualText").count();
    }
    // Ligatures are set as the first text their glyph showed: the same
    // letters every time, so no span is needed to say them.
    assert!(spans <= 3, "{spans} ActualText spans in Latin text");
}

#[test]
fn a_fallback_must_name_a_family() {
    let dir = common::scratch();
    let spec = std::fs::read_to_string(dir.path().join("layouts/leaflet-a4.toml")).expect("spec");
    std::fs::write(
        dir.path().join("layouts/fallback.toml"),
        format!("{spec}\n[fonts.\"Charis SIL\"]\nfallback = [\"Anapurna SIL\"]\n"),
    )
    .expect("write");
    std::fs::write(dir.path().join("a.md"), "Text.\n").expect("write");
    let out = mimeo(
        dir.path(),
        &["build", "--layout", "layouts/fallback.toml", "a.md"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("Anapurna SIL") && err.contains("Annapurna SIL"),
        "{err}"
    );
    assert!(err.contains("fallback.toml:"), "{err}");
}

#[test]
fn a_family_of_only_fallbacks_must_be_a_built_in_one() {
    let dir = common::scratch();
    std::fs::write(
        dir.path().join("layouts/foo.toml"),
        "[fonts.Foo]\nfallback = [\"Charis SIL\"]\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("a.md"), "Text.\n").expect("write");
    let out = mimeo(
        dir.path(),
        &["build", "--layout", "layouts/foo.toml", "a.md"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    // At its line, saying what is missing.
    assert!(err.contains("foo.toml:2:"), "{err}");
    assert!(err.contains("names no font file"), "{err}");
}

#[test]
fn the_bilingual_leaflet_sets_arabic_beside_english_in_logical_order() {
    let dir = common::scratch();
    let out = mimeo(
        dir.path(),
        &[
            "build",
            "--strict",
            "--layout",
            "layouts/leaflet-bilingual.toml",
            "-o",
            "bi.pdf",
            "content/bilingual",
        ],
    );
    // --strict: nothing over, nothing empty, no glyph missing.
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("bi.pdf");
    let fonts: Vec<String> = Pdf::open(&pdf)
        .fonts()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(
        fonts.iter().any(|f| f.contains("Scheherazade")),
        "{fonts:?}"
    );
    // Each language's article, read from its own half of the page, is
    // whole and in order: the Arabic from the right-hand column.
    let article = |name: &str| {
        std::fs::read_to_string(dir.path().join("content/bilingual").join(name)).expect("article")
    };
    for (name, x) in [("02-repairs.md", "0"), ("03-islah.md", "298")] {
        let Some(text) = pdftotext(&pdf, &["-x", x, "-y", "0", "-W", "297", "-H", "842"]) else {
            return;
        };
        let (want, got) = (bare_words(body(&article(name))), bare_words(&text));
        assert!(
            got.windows(want.len()).any(|w| w == want.as_slice()),
            "{name}: {want:?}\nnot in order in\n{text}"
        );
    }
}

/// An Arabic story long enough to go on to a second page.
fn long_arabic() -> String {
    let para = "أضرب عمال المستودع ليلة الاثنين بعد أن رفضت الإدارة تركيب المراوح، وانضم إليهم سائقو الشاحنات في الصباح ورفض كثير منهم عبور خط الاعتصام.";
    let body: Vec<&str> = std::iter::repeat_n(para, 40).collect();
    format!(
        "+++\nlang = \"ar\"\nheadline = \"إضراب في المستودع\"\nimage = \"picket-line.jpg\"\ncaption = \"عمال المستودع عند البوابة.\"\ncredit = \"صورة: الجريدة\"\n+++\n{}\n",
        body.join("\n\n")
    )
}

#[test]
fn an_arabic_story_jumps_in_arabic_and_its_photo_credit_stays_under_its_photo() {
    let dir = common::scratch();
    std::fs::copy(
        dir.path().join("content/picket-line.jpg"),
        dir.path().join("picket-line.jpg"),
    )
    .expect("photo");
    std::fs::write(dir.path().join("story.md"), long_arabic()).expect("write");
    std::fs::write(
        dir.path().join("rtl.toml"),
        "[paper]\nsize = \"A4\"\n[columns]\ncount = 3\n\
         [[pages]]\n  [[pages.place]]\n  article = \"story\"\n  columns = [1, 3]\n  height = \"20 lines\"\n  photo_columns = 2\n\
         [[pages]]\n  [[pages.place]]\n  article = \"story\"\n  columns = [1, 3]\n  height = \"fit\"\n",
    )
    .expect("spec");
    let out = mimeo(
        dir.path(),
        &["build", "--layout", "rtl.toml", "-o", "rtl.pdf", "story.md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("rtl.pdf");
    let Some(text) = pdftotext(&pdf, &[]) else {
        return;
    };
    // The jump lines in Arabic, with their page numbers.
    let words = bare_words(&text).join(" ");
    assert!(words.contains("التتمة في الصفحة 2"), "{text}");
    assert!(words.contains("تتمة من الصفحة 1"), "{text}");
    assert!(!text.contains("Continued"), "{text}");
    // The credit sits under the photo (the right-hand two columns), not in
    // the text column at the left.
    let Some(boxes) = pdftotext(&pdf, &["-bbox", "-f", "1", "-l", "1"]) else {
        return;
    };
    let credit = boxes
        .lines()
        .find(|l| l.contains(">ةديرجلا<") || l.contains(">الجريدة<"))
        .expect("the credit on page 1");
    let x_min: f32 = credit
        .split("xMin=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|v| v.parse().ok())
        .expect("xMin");
    assert!(
        x_min > 595.0 / 3.0,
        "the credit starts at {x_min}: {credit}"
    );
}

#[test]
fn a_paper_read_from_the_right_has_column_1_at_the_right_and_binds_on_the_right() {
    let dir = common::scratch();
    let para = "أضرب عمال المستودع ليلة الاثنين بعد أن رفضت الإدارة تركيب المراوح، وانضم إليهم سائقو الشاحنات في الصباح.";
    let story = |head: &str, n: usize| {
        let body: Vec<&str> = std::iter::repeat_n(para, n).collect();
        format!("+++\nheadline = \"{head}\"\n+++\n{}\n", body.join("\n\n"))
    };
    std::fs::write(dir.path().join("lead.md"), story("الخبر الأول", 6)).expect("write");
    std::fs::write(dir.path().join("brief.md"), story("خبر قصير", 2)).expect("write");
    // Arabic as the paper's language: read from the right unless it says
    // otherwise. Margins of different widths show which side is bound.
    std::fs::write(
        dir.path().join("rtl.toml"),
        "[document]\nlang = \"ar\"\n[paper]\nsize = \"A4\"\n\
         [margins]\ninside = \"30mm\"\noutside = \"10mm\"\n[columns]\ncount = 3\n\
         [[pages]]\n  [[pages.place]]\n  article = \"lead\"\n  columns = [1, 2]\n\
         \n  [[pages.place]]\n  article = \"brief\"\n  columns = [3, 3]\n",
    )
    .expect("spec");
    let out = mimeo(
        dir.path(),
        &[
            "build", "--layout", "rtl.toml", "-o", "rtl.pdf", "lead.md", "brief.md",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = Pdf::open(&dir.path().join("rtl.pdf")).lines();
    let (lead, brief): (Vec<_>, Vec<_>) = lines
        .iter()
        .filter(|l| l.text.chars().any(mimeo::text::is_right_to_left))
        .partition(|l| l.x > 185.0);
    // The lead (six paragraphs in columns 1–2) at the right, the brief
    // (two, in column 3) at the left.
    assert!(
        !brief.is_empty() && lead.len() > 2 * brief.len(),
        "{lines:?}"
    );
    // Page 1 is a left-hand page, bound on its right: its outside margin
    // (10mm) at the left, the inside (30mm) at the right.
    let mm = 72.0 / 25.4;
    let left = lines.iter().map(|l| l.x).fold(f32::MAX, f32::min);
    let right = lines.iter().map(|l| l.end).fold(f32::MIN, f32::max);
    assert!((left - 10.0 * mm).abs() < 3.0, "text starts at {left}");
    assert!(
        (595.3 - right - 30.0 * mm).abs() < 3.0,
        "text ends at {right}"
    );
    // A direction other than the two is an error at its line.
    std::fs::write(
        dir.path().join("bad.toml"),
        "[document]\ndirection = \"right\"\n",
    )
    .expect("spec");
    let out = mimeo(
        dir.path(),
        &["build", "--layout", "bad.toml", "-o", "bad.pdf", "lead.md"],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("bad.toml:2"), "{}", stderr(&out));
}

/// Korean, whose words are spaced, with a quotation a particle follows.
const KOREAN: &str = "+++\nheadline = \"창고 파업\"\nlang = \"ko\"\n+++\n창고 노동자들은 경영진이 선풍기 설치를 거부하자 월요일 밤 일을 멈췄다. 한 노동자는 \"우리는 견딜 수 없는 더위 속에서 열두 시간을 일한다\"고 말했다. 다음 날 아침 트럭 운전사들도 파업에 합류했고, 저녁에는 이웃 주민들이 빵과 차를 가져왔다.\n";

#[test]
fn korean_breaks_between_words_and_reads_back_whole() {
    let dir = common::scratch();
    let out = in_column(dir.path(), "ko", KOREAN, &["--strict"]);
    if no_font_for(&out, "Korean") {
        return;
    }
    assert!(out.status.success(), "{}", stderr(&out));
    let Some(text) = pdftotext(&dir.path().join("ko.pdf"), &[]) else {
        return;
    };
    // Several lines, each word whole (a line breaks at a space, never
    // between the syllables of a word), and the quotation closed.
    assert!(lines(&text).len() >= 4, "{text}");
    let words: Vec<&str> = body(KOREAN).split_whitespace().collect();
    let got: Vec<&str> = text.split_whitespace().collect();
    let want: Vec<String> = words.iter().map(|w| w.replace('"', "")).collect();
    let got: Vec<String> = got.iter().map(|w| w.replace(['“', '”'], "")).collect();
    assert!(
        got.windows(want.len()).any(|w| w == want.as_slice()),
        "{want:?}\nnot whole and in order in\n{text}"
    );
    assert!(text.contains("일한다”고"), "{text}");
}

/// Arabic with its vowel marks: a doubled letter, nunation.
const ARABIC_MARKED: &str = "+++\nheadline = \"اجتماع\"\nlang = \"ar\"\n+++\nسجّل كل شيء وصوّر الضرر، ثم تعال معًا إلى الاجتماع. لن يواجه أحدٌ المالك وحده، والأطفال مرحَّب بهم دائمًا.\n";

#[test]
fn arabic_vowel_marks_read_back_on_their_letters() {
    let dir = common::scratch();
    let out = in_column(dir.path(), "marked", ARABIC_MARKED, &["--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let Some(text) = pdftotext(&dir.path().join("marked.pdf"), &[]) else {
        return;
    };
    // Letters and their marks, punctuation aside.
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric() || ('\u{064B}'..='\u{065F}').contains(c))
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (want, got) = (words(body(ARABIC_MARKED)), words(&text));
    assert!(
        got.windows(want.len()).any(|w| w == want.as_slice()),
        "{want:?}\nnot in order, marks on their letters, in\n{text}"
    );
}
