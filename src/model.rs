//! The document model: articles resolved against the layout spec. Every piece of
//! text becomes a [`Para`] with its final style, language and indents; the
//! dateline is run in; uppercase styles are applied; with a page plan, each
//! story learns its placements, jump lines and pull quote's columns. No fonts
//! and no widths: typesetting works out the measures from the spec.

use crate::article::{Article, BlockKind, Span};
use crate::diag::Result;
use crate::spec::plan::Plan;
use crate::spec::{Spec, Style};

/// A whole build's content.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub lang: String,
    pub stories: Vec<Story>,
    /// Page furniture, all set across the text area.
    pub furniture: Furniture<Para>,
}

impl Document {
    /// Every character other than ASCII the document prints, once each (for
    /// finding fonts that have them).
    pub fn rare_chars(&self) -> std::collections::BTreeSet<char> {
        let mut out = std::collections::BTreeSet::new();
        let mut add = |p: &Para| {
            for r in &p.runs {
                out.extend(r.text.chars().filter(|c| !c.is_ascii()));
            }
        };
        for s in &self.stories {
            s.head
                .iter()
                .chain(&s.body)
                .chain(&s.pullquote)
                .for_each(&mut add);
            if let Some(f) = &s.figure {
                f.caption.iter().chain(&f.credit).for_each(&mut add);
            }
        }
        let f = &self.furniture;
        f.masthead
            .iter()
            .chain(&f.running)
            .chain(&f.slug)
            .for_each(&mut add);
        out
    }
}

/// Page furniture, as paragraphs and (after typesetting) as set blocks.
#[derive(Debug, Clone)]
pub struct Furniture<T> {
    /// With a masthead: its title, then its left, centre and right particulars.
    pub masthead: Vec<T>,
    /// With a page plan: the running head's left and right ends.
    pub running: Vec<T>,
    /// With crop marks: the slug line outside the trim (title and date;
    /// composition adds the page number).
    pub slug: Vec<T>,
    /// With separations: each plate's name (black, then the inks), in its
    /// ink, for the foot of every page (composition adds the page number).
    pub plates: Vec<T>,
    /// With a cut-out box (`box = "cut"`): the scissors set on its line.
    pub scissors: Vec<T>,
}

/// One article, ready to set.
#[derive(Debug, Clone)]
pub struct Story {
    pub id: String,
    pub lang: String,
    /// Body words as written (the overset report's `words_in`).
    pub words_in: usize,
    /// Kicker, headline and deck, set across the story's full width.
    pub head: Vec<Para>,
    /// The photo with its caption and credit.
    pub figure: Option<Figure>,
    /// Byline and body, set in columns.
    pub body: Vec<Para>,
    /// Its placements in the page plan, in reading order (none without a plan).
    pub parts: Vec<Part>,
    /// Starts on a new page (without a page plan).
    pub new_page: bool,
    /// A pull quote still to be given a placement (with a page plan; without
    /// one it is in the body, near the middle of the story).
    pub pullquote: Option<Para>,
}

/// One placement of a story in the page plan, with its jump lines.
#[derive(Debug, Clone)]
pub struct Part {
    /// Page (from 0) and placement on it.
    pub page: usize,
    pub place: usize,
    /// "Continued on page N", if a later part follows.
    pub jump_to: Option<Para>,
    /// "Continued from page N" and the jump headline, if an earlier part leads here.
    pub jump_from: Option<Para>,
    pub jump_head: Option<Para>,
    /// The story's pull quote, if it goes in this placement.
    pub pullquote: Option<PullQuote>,
}

/// A pull quote across some of a placement's columns.
#[derive(Debug, Clone)]
pub struct PullQuote {
    pub para: Para,
    /// First and last column it spans, counted from the placement's first (0).
    pub first: usize,
    pub last: usize,
}

/// A photo in the flow.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Index into the build's images; a caption may stand without a photo.
    pub image: Option<usize>,
    pub caption: Option<Para>,
    pub credit: Option<Para>,
}

/// A paragraph of one style.
#[derive(Debug, Clone)]
pub struct Para {
    pub role: Role,
    pub style: Style,
    pub lang: String,
    pub runs: Vec<Run>,
    /// Byte offset in the concatenated text where body words begin (after a
    /// run-in dateline); furniture paragraphs count no words (`usize::MAX`).
    pub counted_from: usize,
    /// Indent of the first line, on top of `left`.
    pub first_indent: f32,
    /// Indents of every line at its start and its end (left and right in
    /// left-to-right text, mirrored in right-to-left text).
    pub left: f32,
    pub right: f32,
    /// A list marker, hung in the start indent.
    pub marker: Option<String>,
    /// Written with a line of underscores at its end (`Name: ___`): a line
    /// to write on follows the text to the end of the measure.
    pub write_in: bool,
}

/// What a paragraph is, for composition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Kicker,
    Headline,
    Deck,
    Byline,
    Body,
    Crosshead,
    Caption,
    Credit,
    /// A thematic break; no text.
    Rule,
    /// "Continued on/from page N".
    Jump,
    /// The headline over a continuation.
    JumpHead,
    /// A sentence of the story set large between rules.
    PullQuote,
}

impl Role {
    /// Display type (headlines, decks, jump heads, pull quotes, captions):
    /// set in balanced lines, the last treated like the others.
    pub fn is_display(self) -> bool {
        matches!(
            self,
            Role::Headline | Role::Deck | Role::JumpHead | Role::PullQuote | Role::Caption
        )
    }
}

/// Text in one font variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub family: String,
    pub bold: bool,
    pub italic: bool,
    /// The address the text links to (the screen edition makes it live).
    pub link: Option<String>,
}

impl Para {
    /// The links in the paragraph: byte ranges of [`Para::text`] and where
    /// each goes.
    pub fn links(&self) -> Vec<(std::ops::Range<usize>, String)> {
        let mut at = 0;
        let mut out = Vec::new();
        for r in &self.runs {
            if let Some(url) = &r.link {
                out.push((at..at + r.text.len(), url.clone()));
            }
            at += r.text.len();
        }
        out
    }

    /// The length of the paragraph's text in bytes, a measure of the work
    /// of setting it.
    pub fn chars(&self) -> usize {
        self.runs.iter().map(|r| r.text.len()).sum()
    }

    /// The paragraph's text, as the runs concatenated.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Body words in this paragraph.
    pub fn words(&self) -> usize {
        let text = self.text();
        text.get(self.counted_from.min(text.len())..)
            .map_or(0, |t| {
                t.split_whitespace()
                    .filter(|w| !w.bytes().all(|c| c == b'_'))
                    .count()
            })
    }
}

/// Builds the model; `images[i]` belongs to the i-th article with an image.
pub fn build(spec: &Spec, articles: &[Article]) -> Result<Document> {
    let mut next_image = 0;
    let stories = articles
        .iter()
        .map(|a| {
            let image = a.meta.image.as_ref().map(|_| {
                next_image += 1;
                next_image - 1
            });
            story(spec, a, image)
        })
        .collect::<Result<Vec<_>>>()?;
    let title = if spec.title.is_empty() {
        articles
            .iter()
            .find_map(|a| a.meta.headline.clone())
            .unwrap_or_else(|| "mimeo".into())
    } else {
        spec.title.clone()
    };
    Ok(Document {
        furniture: furniture(spec, &title),
        title,
        lang: spec.lang.clone(),
        stories,
    })
}

/// Applies the spec's page plan: each story learns where its parts go, the
/// widths to set it at and its jump lines. An id in the plan that names no
/// article is an error at its line in the spec.
pub fn apply_plan(spec: &Spec, doc: &mut Document) -> Result<()> {
    let Some(plan) = &spec.plan else {
        return Ok(());
    };
    for (pi, page) in plan.pages.iter().enumerate() {
        for (k, place) in page.places.iter().enumerate() {
            let Some(story) = doc
                .stories
                .iter_mut()
                .find(|s| crate::spec::plan::names(&place.article, &s.id))
            else {
                let ids: Vec<String> = doc.stories.iter().map(|s| format!("`{}`", s.id)).collect();
                return Err(place
                    .origin
                    .error(format!(
                        "no article `{}` among the inputs; expected one of {}",
                        place.article,
                        ids.join(", ")
                    ))
                    .suggesting(&place.article, doc.stories.iter().map(|s| s.id.as_str())));
            };
            story.parts.push(Part {
                page: pi,
                place: k,
                jump_to: None,
                jump_from: None,
                jump_head: None,
                pullquote: None,
            });
        }
    }
    for story in &mut doc.stories {
        place_pullquote(plan, story)?;
        if story.parts.is_empty() {
            continue;
        }
        let jumps = spec.jumps(&story.lang);
        let headline = story
            .head
            .iter()
            .find(|p| p.role == Role::Headline)
            .map(Para::text);
        let pages: Vec<usize> = story.parts.iter().map(|p| p.page + 1).collect();
        let n = story.parts.len();
        // A story that goes on in another placement on the same page (round
        // a photo, say) needs no jump lines there.
        for (i, part) in story.parts.iter_mut().enumerate() {
            let st = &spec.styles;
            if i + 1 < n && pages[i + 1] != pages[i] {
                let text = jumps.to.replace("{page}", &pages[i + 1].to_string());
                part.jump_to = Some(plain(Role::Jump, &st.jump, &story.lang, &text));
            }
            if i > 0 && pages[i - 1] != pages[i] {
                let text = jumps.from.replace("{page}", &pages[i - 1].to_string());
                let mut from = plain(Role::Jump, &st.jump, &story.lang, &text);
                from.style.align = crate::spec::Align::Left;
                part.jump_from = Some(from);
                part.jump_head = headline
                    .as_ref()
                    .map(|h| plain(Role::JumpHead, &st.jump_head, &story.lang, h));
            }
        }
    }
    Ok(())
}

/// Gives the story's pull quote to the placement that asks for it, or else
/// to its roomiest placement without the photo (its first, if it has only
/// one), across one column (two in a placement of four or more), leaving
/// the first column to the text. Asking for a pull quote an article does
/// not have is an error at the spec's line.
fn place_pullquote(plan: &Plan, story: &mut Story) -> Result<()> {
    let place = |p: &Part| &plan.pages[p.page].places[p.place];
    let mut asking = story
        .parts
        .iter()
        .enumerate()
        .filter_map(|(k, p)| place(p).pullquote.as_ref().map(|q| (k, q)));
    let named = asking.next();
    if let Some((_, (_, _, origin))) = asking.next() {
        return Err(origin.error(
            "the article's pull quote is already placed in an earlier placement; ask for it once",
        ));
    }
    let Some(para) = story.pullquote.take() else {
        return match named {
            Some((_, (_, _, origin))) => Err(origin.error(format!(
                "article `{}` has no pull quote; add `pullquote = \"…\"` to its front matter",
                story.id
            ))),
            None => Ok(()),
        };
    };
    // Else the roomiest placement, leaving the photo's to the photo.
    let skip = usize::from(story.figure.is_some() && story.parts.len() > 1);
    let room = |p: &Part| {
        let pl = place(p);
        (pl.bottom - pl.top) * pl.columns() as f32
    };
    let roomiest = (skip..story.parts.len())
        .max_by(|&a, &b| room(&story.parts[a]).total_cmp(&room(&story.parts[b])));
    let k = match (named, roomiest) {
        (Some((k, _)), _) | (None, Some(k)) => k,
        (None, None) => return Ok(()),
    };
    let p = place(&story.parts[k]);
    let (a, b) = match &p.pullquote {
        Some((a, b, _)) => (*a, *b),
        None => {
            let n = if p.columns() >= 4 { 2 } else { 1 };
            let a = p.first + usize::from(p.columns() > n);
            (a, a + n - 1)
        }
    };
    story.parts[k].pullquote = Some(PullQuote {
        para,
        first: a - p.first,
        last: b - p.first,
    });
    Ok(())
}

/// The masthead's and running head's paragraphs.
fn furniture(spec: &Spec, title: &str) -> Furniture<Para> {
    let st = &spec.styles;
    let lang = &spec.lang;
    let line = |style: &Style, align, text: &str| {
        let mut p = plain(Role::Kicker, style, lang, text);
        p.style.align = align;
        p.style.hyphenate = false;
        p
    };
    let join = |parts: &[&str]| {
        parts
            .iter()
            .filter(|s| !s.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("  ·  ")
    };
    let mut out = Furniture {
        masthead: Vec::new(),
        running: Vec::new(),
        slug: Vec::new(),
        plates: Vec::new(),
        scissors: Vec::new(),
    };
    if let Some(m) = &spec.masthead {
        out.masthead
            .push(line(&st.masthead, st.masthead.align, &m.title));
        out.masthead.push(line(
            &st.running_head,
            crate::spec::Align::Left,
            &join(&[&m.issue, &m.date]),
        ));
        out.masthead.push(line(
            &st.running_head,
            crate::spec::Align::Center,
            &m.tagline,
        ));
        out.masthead
            .push(line(&st.running_head, crate::spec::Align::Right, &m.price));
    }
    if spec.plan.is_some() && spec.running_head {
        let name = spec.masthead.as_ref().map_or(title, |m| m.title.as_str());
        let date = spec.masthead.as_ref().map_or("", |m| m.date.as_str());
        out.running
            .push(line(&st.running_head, crate::spec::Align::Left, name));
        out.running
            .push(line(&st.running_head, crate::spec::Align::Right, date));
    }
    if spec.marks {
        let date = spec.masthead.as_ref().map_or("", |m| m.date.as_str());
        let text = format!("{}  ·", join(&[title, date]));
        let mut slug = line(&st.folio, crate::spec::Align::Left, &text);
        slug.style.size = SLUG_SIZE;
        slug.style.leading = SLUG_SIZE * 1.2;
        out.slug.push(slug);
    }
    if spec.output.separate {
        let names = std::iter::once(("black", crate::colour::Paint::BLACK)).chain(
            spec.inks.iter().enumerate().map(|(i, ink)| {
                (
                    ink.name.as_str(),
                    crate::colour::Paint::Spot { ink: i, tint: 1.0 },
                )
            }),
        );
        for (name, paint) in names {
            let mut plate = line(
                &st.folio,
                crate::spec::Align::Left,
                &format!("{name} plate  ·"),
            );
            plate.style.size = SLUG_SIZE;
            plate.style.leading = SLUG_SIZE * 1.2;
            plate.style.paint = paint;
            out.plates.push(plate);
        }
    }
    let cut = |p: &crate::spec::plan::Place| p.frame == Some(crate::spec::plan::Frame::Cut);
    if spec
        .plan
        .as_ref()
        .is_some_and(|plan| plan.pages.iter().any(|pg| pg.places.iter().any(cut)))
    {
        let mut scissors = line(&st.body, crate::spec::Align::Left, "\u{2702}");
        scissors.runs[0].family = crate::spec::BUILTIN_SYMBOLS.into();
        scissors.style.size = SCISSORS_SIZE;
        scissors.style.leading = SCISSORS_SIZE;
        scissors.style.paint = spec.colours.rules;
        out.scissors.push(scissors);
    }
    out
}

/// The size of the scissors on a cut line.
pub const SCISSORS_SIZE: f32 = 12.0;

/// The slug line's type size: small, outside the page.
pub const SLUG_SIZE: f32 = 6.0;

fn story(spec: &Spec, a: &Article, image: Option<usize>) -> Result<Story> {
    let mut st = std::borrow::Cow::Borrowed(&spec.styles);
    if let Some((name, origin)) = &a.meta.style {
        let Some(named) = spec.styles.named(name) else {
            let names = spec.styles.named.iter().map(|(n, _)| n.as_str());
            let listed: Vec<String> = names.clone().map(|n| format!("`{n}`")).collect();
            return Err(origin
                .error(format!("the layout spec has no style `{name}`"))
                .with_help(if listed.is_empty() {
                    format!("add a table [styles.{name}] to the layout spec (a size, a font, a colour…), or remove `style`")
                } else {
                    format!("its styles of its own are {}; or add [styles.{name}]", listed.join(", "))
                })
                .suggesting(name, names));
        };
        // The body, and the lists and quotes in it, in the named style.
        let s = st.to_mut();
        for other in [&mut s.list, &mut s.quote] {
            other.family = named.family.clone();
            other.size = named.size;
            other.leading = named.leading;
            other.paint = named.paint;
        }
        s.body = named.clone();
    }
    let st = &*st;
    let lang = a.meta.lang.clone().unwrap_or_else(|| spec.lang.clone());
    let simple = |role, style: &Style, text: &Option<String>| {
        text.as_ref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| plain(role, style, &lang, t))
    };
    let head = [
        simple(Role::Kicker, &st.kicker, &a.meta.kicker),
        simple(Role::Headline, &st.headline, &a.meta.headline),
        simple(Role::Deck, &st.deck, &a.meta.deck),
    ]
    .into_iter()
    .flatten()
    .filter(|_| spec.heads)
    .collect();
    let caption = simple(Role::Caption, &st.caption, &a.meta.caption);
    let credit = simple(Role::Credit, &st.credit, &a.meta.credit);
    let figure = (image.is_some() || caption.is_some() || credit.is_some()).then_some(Figure {
        image,
        caption,
        credit,
    });
    let mut body: Vec<Para> = simple(Role::Byline, &st.byline, &a.meta.byline)
        .into_iter()
        .collect();
    let mut prev: Option<&BlockKind> = None;
    for block in a.blocks.iter() {
        let mut p = match &block.kind {
            BlockKind::Paragraph => {
                let indent = if prev == Some(&BlockKind::Paragraph) {
                    st.body.indent
                } else {
                    0.0
                };
                Para {
                    first_indent: indent,
                    ..styled(Role::Body, &st.body, &lang, &block.spans)
                }
            }
            BlockKind::Crosshead => styled(Role::Crosshead, &st.crosshead, &lang, &block.spans),
            BlockKind::Quote => {
                let inset = st.quote.indent * block.depth as f32;
                Para {
                    left: inset,
                    right: inset,
                    ..styled(Role::Body, &st.quote, &lang, &block.spans)
                }
            }
            BlockKind::ListItem { marker } => {
                let left = st.list.indent * block.depth as f32;
                Para {
                    left,
                    marker: Some(marker.clone()),
                    ..styled(Role::Body, &st.list, &lang, &block.spans)
                }
            }
            BlockKind::ListContinuation => Para {
                left: st.list.indent * block.depth as f32,
                ..styled(Role::Body, &st.list, &lang, &block.spans)
            },
            BlockKind::Rule => Para {
                role: Role::Rule,
                counted_from: usize::MAX,
                ..styled(Role::Body, &st.body, &lang, &[])
            },
        };
        if p.role == Role::Body {
            write_in(&mut p);
        }
        if let (Some(date), None) = (&a.meta.dateline, prev) {
            if p.role == Role::Body {
                run_in_dateline(&mut p, date, &st.dateline);
            }
        }
        body.push(p);
        prev = Some(&block.kind);
    }
    let mut pullquote = simple(Role::PullQuote, &st.pullquote, &a.meta.pullquote);
    if spec.plan.is_none() {
        if let Some(q) = pullquote.take() {
            let at = middle_paragraph(&body);
            body.insert(at, q);
        }
    }
    Ok(Story {
        id: a.id.clone(),
        lang,
        words_in: a.word_count(),
        head,
        figure,
        body,
        parts: Vec::new(),
        pullquote,
        new_page: a.meta.new_page,
    })
}

/// Where a pull quote goes in the flow: before the body paragraph nearest
/// two fifths of the way through the words (never before the first).
fn middle_paragraph(body: &[Para]) -> usize {
    let total: usize = body.iter().map(Para::words).sum();
    let mut seen: usize = 0;
    let mut best = (usize::MAX, body.len());
    for (i, p) in body.iter().enumerate() {
        if i > 1 && p.role == Role::Body && body[i - 1].role == Role::Body {
            let d = (seen * 5).abs_diff(total * 2);
            if d < best.0 {
                best = (d, i);
            }
        }
        seen += p.words();
    }
    best.1
}

/// Prepends "October 17—" in the dateline style.
fn run_in_dateline(p: &mut Para, date: &str, style: &Style) {
    let date = date.trim();
    let text = if date.ends_with(['—', '–', '-']) {
        date.to_string()
    } else {
        format!("{date}—")
    };
    let text = if style.uppercase {
        text.to_uppercase()
    } else {
        text
    };
    p.counted_from = text.len();
    p.runs.insert(
        0,
        Run {
            text,
            family: style.family.clone(),
            bold: style.bold,
            italic: style.italic,
            link: None,
        },
    );
}

fn plain(role: Role, style: &Style, lang: &str, text: &str) -> Para {
    let span = Span {
        text: text.trim().to_string(),
        bold: false,
        italic: false,
        link: None,
    };
    Para {
        counted_from: usize::MAX,
        ..styled(role, style, lang, &[span])
    }
}

fn styled(role: Role, style: &Style, lang: &str, spans: &[Span]) -> Para {
    let runs = spans
        .iter()
        .map(|s| Run {
            text: if style.uppercase {
                s.text.to_uppercase()
            } else {
                s.text.clone()
            },
            family: style.family.clone(),
            bold: style.bold || s.bold,
            italic: style.italic != s.italic,
            link: s.link.clone(),
        })
        .collect();
    Para {
        role,
        style: style.clone(),
        lang: lang.to_string(),
        runs,
        counted_from: 0,
        first_indent: 0.0,
        left: 0.0,
        right: 0.0,
        marker: None,
        write_in: false,
    }
}

/// Turns the underscores ending a paragraph (`Name: ______`, three or
/// more) into a write-in line.
fn write_in(p: &mut Para) {
    let Some(last) = p.runs.last_mut() else {
        return;
    };
    let text = last.text.trim_end();
    let label = text.trim_end_matches('_');
    if text.len() - label.len() >= 3 {
        last.text = label.trim_end().to_string();
        p.write_in = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn spec() -> Spec {
        let raw = toml::from_str("").unwrap();
        crate::spec::resolve(Path::new("s.toml"), "".into(), raw).unwrap()
    }

    #[test]
    fn dateline_runs_in_and_is_not_counted() {
        let a = crate::article::parse(
            Path::new("a.md"),
            "+++\ndateline = \"October 17\"\n+++\nIt was cold.\n\nNext day.\n",
        )
        .unwrap();
        let doc = build(&spec(), &[a]).unwrap();
        let first = &doc.stories[0].body[0];
        assert_eq!(first.text(), "October 17—It was cold.");
        assert!(first.runs[0].bold);
        assert_eq!(first.first_indent, 0.0);
        assert!(doc.stories[0].body[1].first_indent > 0.0);
        let words: usize = doc.stories[0].body.iter().map(Para::words).sum();
        assert_eq!(words, doc.stories[0].words_in);
    }

    #[test]
    fn underscores_at_a_paragraph_end_make_a_line_to_write_on() {
        let a = crate::article::parse(
            Path::new("a.md"),
            "Name: ______\n\nMid ___ line stays.\n\n___\n",
        )
        .unwrap();
        let doc = build(&spec(), &[a]).unwrap();
        let body = &doc.stories[0].body;
        assert_eq!(body[0].text(), "Name:");
        assert!(body[0].write_in);
        assert_eq!(body[1].text(), "Mid ___ line stays.");
        assert!(!body[1].write_in);
        // Alone on a line, underscores are Markdown's thematic break.
        assert_eq!(body[2].role, Role::Rule);
        let words: usize = body.iter().map(Para::words).sum();
        assert_eq!(words, doc.stories[0].words_in);
    }

    #[test]
    fn an_article_takes_a_named_style_for_its_body() {
        let text = "[styles.coupon]\nsize = \"12pt\"\nleading = \"24pt\"\nalign = \"left\"\n";
        let raw = toml::from_str(text).unwrap();
        let spec = crate::spec::resolve(Path::new("s.toml"), text.into(), raw).unwrap();
        let a = crate::article::parse(
            Path::new("a.md"),
            "+++\nstyle = \"coupon\"\n+++\nOne.\n\n- two\n",
        )
        .unwrap();
        let doc = build(&spec, &[a]).unwrap();
        let body = &doc.stories[0].body;
        assert_eq!(body[0].style.size, 12.0);
        assert_eq!(body[0].style.align, crate::spec::Align::Left);
        assert_eq!(body[1].style.leading, 24.0);
        let typo = crate::article::parse(Path::new("b.md"), "+++\nstyle = \"cupon\"\n+++\nOne.\n")
            .unwrap();
        let e = format!("{:?}", build(&spec, &[typo]).err());
        assert!(e.contains("no style `cupon`"), "{e}");
        assert!(e.contains("did you mean `coupon`"), "{e}");
        assert!(e.contains("b.md"), "{e}");
    }

    #[test]
    fn emphasis_inside_italic_style_turns_roman() {
        let a = crate::article::parse(Path::new("a.md"), "> quoted *stress*\n").unwrap();
        let doc = build(&spec(), &[a]).unwrap();
        let q = &doc.stories[0].body[0];
        assert!(q.runs[0].italic && !q.runs[1].italic);
    }
}
