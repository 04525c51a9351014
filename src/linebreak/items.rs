//! The box/glue/penalty model of a paragraph (Knuth & Plass, 1981), built from
//! shaped glyphs: words are boxes, spaces glue, break chances penalties.

use std::ops::Range;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::hyphenate::Hyphenator;
use crate::shape::ShapedPara;
use crate::text::is_hangul;

/// Cost of a forced break.
pub const FORCE: f32 = -10_000.0;
/// Cost of a break at a hyphenation point. TeX uses 50; at 200 Spanish sets
/// a fifth fewer hyphens with the same spacing (measured with
/// `linequality.py` on the measuring column), English a tenth fewer.
pub const HYPHEN_COST: f32 = 200.0;
/// Cost of a break in a capitalised word (a name): dearer than a loose line
/// (spaces 1.5× natural), cheaper than a very loose one (2×).
pub const LAST_RESORT_COST: f32 = 500.0;

/// One item of the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Unbreakable material: the glyphs in the range. It may stretch and
    /// shrink a little by letter spacing and glyph scaling, and stretch by
    /// `emergency` more letter spacing when a line cannot be justified within
    /// the bounds.
    Box {
        width: f32,
        stretch: f32,
        shrink: f32,
        emergency: f32,
        glyphs: Range<usize>,
    },
    /// A space that may stretch or shrink; a break may follow the box before it.
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
        glyphs: Range<usize>,
    },
    /// A break chance; `width` is set only if the line breaks here (a hyphen).
    Penalty {
        width: f32,
        cost: f32,
        flagged: bool,
    },
}

/// Width, stretch and shrink of a run of items, glue and boxes apart.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sums {
    pub width: f32,
    pub glue_stretch: f32,
    pub glue_shrink: f32,
    pub box_stretch: f32,
    pub box_shrink: f32,
    pub box_emergency: f32,
}

impl Sums {
    /// Adds one item (penalties add nothing: their width counts only at a break).
    pub fn add(&mut self, item: &Item) {
        match item {
            Item::Box {
                width,
                stretch,
                shrink,
                emergency,
                ..
            } => {
                self.width += width;
                self.box_stretch += stretch;
                self.box_shrink += shrink;
                self.box_emergency += emergency;
            }
            Item::Glue {
                width,
                stretch,
                shrink,
                ..
            } => {
                self.width += width;
                self.glue_stretch += stretch;
                self.glue_shrink += shrink;
            }
            Item::Penalty { .. } => {}
        }
    }

    /// The sums of `items`.
    pub fn of(items: &[Item]) -> Sums {
        let mut s = Sums::default();
        items.iter().for_each(|i| s.add(i));
        s
    }

    /// What lies between `self` (earlier) and `later`.
    pub fn until(&self, later: &Sums) -> Sums {
        Sums {
            width: later.width - self.width,
            glue_stretch: later.glue_stretch - self.glue_stretch,
            glue_shrink: later.glue_shrink - self.glue_shrink,
            box_stretch: later.box_stretch - self.box_stretch,
            box_shrink: later.box_shrink - self.box_shrink,
            box_emergency: later.box_emergency - self.box_emergency,
        }
    }
}

/// How far justification may go, as InDesign states it: word spacing as a
/// fraction of the natural space, letter spacing as a fraction of the space
/// added after every glyph, glyph scaling as a fraction of glyph width; and
/// the emergency letter spacing (a fraction of the space) beyond them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    pub word: (f32, f32),
    pub letter: (f32, f32),
    pub glyph: (f32, f32),
    pub emergency: f32,
}

impl From<crate::spec::Justification> for Spacing {
    fn from(j: crate::spec::Justification) -> Self {
        let f = |[a, b]: [f32; 2]| (a / 100.0, b / 100.0);
        Spacing {
            word: f(j.word),
            letter: f(j.letter),
            glyph: f(j.glyph),
            emergency: j.emergency / 100.0,
        }
    }
}

impl Spacing {
    /// Only the word spaces stretch and shrink: no letter spacing, no glyph
    /// scaling (for Arabic, whose letters join).
    pub fn words_only(self) -> Spacing {
        Spacing {
            letter: (0.0, 0.0),
            glyph: (1.0, 1.0),
            emergency: 0.0,
            ..self
        }
    }
}

/// Ragged lines end with up to this many ems of white.
pub const RAG_EMS: f32 = 3.0;

/// What the items are built from, besides the shaped text.
pub struct Setup<'h> {
    /// First-line indent.
    pub indent: f32,
    /// Width of a hyphen.
    pub hyphen: f32,
    /// Width of the natural word space.
    pub space: f32,
    /// Justification bounds; `None` for ragged text.
    pub spacing: Option<Spacing>,
    /// Language and hyphenator, if the paragraph is hyphenated.
    pub hyphenate: Option<(&'h str, &'h mut Hyphenator)>,
    /// Ragged text set in balanced lines: the line before a forced break
    /// (the last) pays for its white like any other, so there is no
    /// one-word last line where another break exists (display type).
    pub balance: bool,
    /// Korean: a line breaks between words, at their spaces, not between
    /// the syllables of a word (CSS's `word-break: keep-all`).
    pub keep_words: bool,
}

/// Builds the items of a shaped paragraph.
pub fn build(shaped: &ShapedPara, setup: Setup<'_>) -> Vec<Item> {
    let text = &shaped.text;
    let glyphs = &shaped.glyphs;
    // The first glyph at or after each byte of the text: looked up a few
    // times a word, so made once (glyphs come in the text's order).
    let sorted = glyphs.windows(2).all(|w| w[0].at() <= w[1].at());
    let first_at: Vec<u32> = match sorted {
        true => {
            let mut g = 0;
            (0..=text.len())
                .map(|byte| {
                    while g < glyphs.len() && glyphs[g].at() < byte {
                        g += 1;
                    }
                    g as u32
                })
                .collect()
        }
        false => Vec::new(),
    };
    let at = |byte: usize| match first_at.get(byte) {
        Some(&g) => g as usize,
        None => glyphs.partition_point(|g| g.at() < byte),
    };
    let starts_cluster =
        |byte: usize| byte >= text.len() || glyphs.get(at(byte)).is_some_and(|g| g.at() == byte);
    let width = |r: &Range<usize>| glyphs[r.clone()].iter().map(|g| g.advance).sum::<f32>();
    let ragged = setup.spacing.is_none();
    let sp = setup.spacing.unwrap_or(Spacing {
        word: (1.0, 1.0),
        letter: (0.0, 0.0),
        glyph: (1.0, 1.0),
        emergency: 0.0,
    });
    // Letter spacing is in ems, and goes between letters: not after the
    // last one of a word that a space follows.
    let em = shaped.size;
    let make_box = |r: Range<usize>, before_space: bool| {
        let w = width(&r);
        let n = r.len().saturating_sub(usize::from(before_space)) as f32;
        Item::Box {
            width: w,
            stretch: w * (sp.glyph.1 - 1.0) + n * em * sp.letter.1,
            shrink: w * (1.0 - sp.glyph.0) - n * em * sp.letter.0,
            emergency: n * em * sp.emergency,
            glyphs: r,
        }
    };
    let rag = RAG_EMS * shaped.size;

    // (About one item for every two glyphs in running text: room made once.)
    let mut items = Vec::with_capacity(glyphs.len() / 2 + 8);
    if setup.indent > 0.0 {
        items.push(Item::Box {
            width: setup.indent,
            stretch: 0.0,
            shrink: 0.0,
            emergency: 0.0,
            glyphs: 0..0,
        });
    }
    let mut hyph = setup.hyphenate;
    let mut word_from = 0;
    for (end, op) in opportunities(text) {
        if end < text.len() && (!starts_cluster(end) || end <= word_from) {
            continue; // inside a ligature: no break here
        }
        if setup.keep_words && op == BreakOpportunity::Allowed && inside_korean_word(text, end) {
            continue;
        }
        let seg = &text[word_from..end];
        let word_len = seg.trim_end_matches(char::is_whitespace).len();
        let word = word_from..word_from + word_len;
        let space = word.end..end;
        let before_space = !space.is_empty() || op == BreakOpportunity::Mandatory;
        let pieces = word_pieces(text, &word, &starts_cluster, &mut hyph);
        let n = pieces.len();
        for (k, piece) in pieces.into_iter().enumerate() {
            match piece {
                Piece::Text(r) => {
                    items.push(make_box(at(r.start)..at(r.end), before_space && k + 1 == n))
                }
                Piece::Hyphen(cost) => items.push(Item::Penalty {
                    width: setup.hyphen,
                    cost,
                    flagged: true,
                }),
            }
        }
        let spaces = at(space.start)..at(space.end);
        if op == BreakOpportunity::Mandatory {
            items.push(Item::Glue {
                width: 0.0,
                stretch: if ragged && setup.balance { rag } else { 1e6 },
                shrink: 0.0,
                glyphs: spaces,
            });
            items.push(Item::Penalty {
                width: 0.0,
                cost: FORCE,
                flagged: false,
            });
        } else if !space.is_empty() {
            let w = width(&spaces);
            if ragged {
                // Knuth & Plass's ragged setting: the rag's stretch survives
                // only at a break; inside a line the two glues cancel out.
                items.push(Item::Glue {
                    width: 0.0,
                    stretch: rag,
                    shrink: 0.0,
                    glyphs: 0..0,
                });
                items.push(Item::Penalty {
                    width: 0.0,
                    cost: 0.0,
                    flagged: false,
                });
                items.push(Item::Glue {
                    width: w,
                    stretch: -rag,
                    shrink: 0.0,
                    glyphs: spaces,
                });
            } else {
                items.push(Item::Glue {
                    width: w,
                    stretch: w * (sp.word.1 - 1.0),
                    shrink: w * (1.0 - sp.word.0),
                    glyphs: spaces,
                });
            }
        } else {
            let flagged = text[word.clone()].ends_with(['-', '\u{2010}']);
            items.push(Item::Penalty {
                width: 0.0,
                cost: if flagged { HYPHEN_COST } else { 0.0 },
                flagged,
            });
        }
        word_from = end;
    }
    items
}

/// Where lines may break in `text` (UAX #14), and where they must. Thai,
/// Lao, Khmer and Burmese write words without spaces between them: there
/// the breaks are between words, found by ICU's dictionaries.
/// Whether `at` is between two characters of one Korean word: no space
/// before it, and a Hangul syllable or letter on either side.
fn inside_korean_word(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text[..at].chars().next_back(), text[at..].chars().next())
    else {
        return false;
    };
    !before.is_whitespace() && !after.is_whitespace() && (is_hangul(before) || is_hangul(after))
}

fn opportunities(text: &str) -> Vec<(usize, BreakOpportunity)> {
    let plain: Vec<(usize, BreakOpportunity)> = linebreaks(text).collect();
    let dictionary = |c: char| matches!(u32::from(c), 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x1A20..=0x1AAF | 0xAA60..=0xAA7F);
    if !text.chars().any(dictionary) {
        return plain;
    }
    use icu_segmenter::options::LineBreakOptions;
    let segmenter = icu_segmenter::LineSegmenter::new_lstm(LineBreakOptions::default());
    let mut out: Vec<(usize, BreakOpportunity)> = segmenter
        .segment_str(text)
        .filter(|&i| i > 0)
        .map(|i| {
            let mandatory = plain
                .iter()
                .any(|&(j, op)| j == i && op == BreakOpportunity::Mandatory);
            let op = match mandatory {
                true => BreakOpportunity::Mandatory,
                false => BreakOpportunity::Allowed,
            };
            (i, op)
        })
        .collect();
    // Every mandatory break is kept, and the text's end.
    for &(j, op) in &plain {
        if op == BreakOpportunity::Mandatory && !out.iter().any(|&(i, _)| i == j) {
            out.push((j, op));
        }
    }
    out.sort_by_key(|&(i, _)| i);
    out
}

enum Piece {
    Text(Range<usize>),
    /// A hyphenation point and the cost of breaking there.
    Hyphen(f32),
}

/// A word split at its hyphenation points (and soft hyphens).
fn word_pieces(
    text: &str,
    word: &Range<usize>,
    starts_cluster: &dyn Fn(usize) -> bool,
    hyph: &mut Option<(&str, &mut Hyphenator)>,
) -> Vec<Piece> {
    if word.is_empty() {
        return Vec::new();
    }
    let w = &text[word.clone()];
    let mut cuts: Vec<usize> = w
        .match_indices('\u{AD}')
        .map(|(i, _)| word.start + i + '\u{AD}'.len_utf8())
        .collect();
    // A soft hyphen is the writer's own choice; a pattern break in a name is
    // a last resort.
    let mut cost = HYPHEN_COST;
    if let (Some((lang, h)), true) = (hyph.as_mut(), cuts.is_empty()) {
        // Hyphenate each alphabetic stretch of the word.
        let mut from = None;
        for (i, c) in w.char_indices().chain(std::iter::once((w.len(), ' '))) {
            match (c.is_alphabetic() || c == '\u{2019}' || c == '\'', from) {
                (true, None) => from = Some(i),
                (false, Some(f)) => {
                    if h.last_resort(&w[f..i]) {
                        cost = LAST_RESORT_COST;
                    }
                    cuts.extend(h.points(lang, &w[f..i]).iter().map(|p| word.start + f + p));
                    from = None;
                }
                _ => {}
            }
        }
    }
    let mut pieces = Vec::new();
    let mut from = word.start;
    for cut in cuts
        .into_iter()
        .filter(|&c| starts_cluster(c) && c < word.end)
    {
        pieces.push(Piece::Text(from..cut));
        pieces.push(Piece::Hyphen(cost));
        from = cut;
    }
    pieces.push(Piece::Text(from..word.end));
    pieces
}
