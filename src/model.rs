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
    /// Left and right indents of every line.
    pub left: f32,
    pub right: f32,
    /// A list marker, hung left of the text.
    pub marker: Option<String>,
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
}

impl Para {
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
            .map_or(0, |t| t.split_whitespace().count())
    }
}

/// Builds the model; `images[i]` belongs to the i-th article with an image.
pub fn build(spec: &Spec, articles: &[Article]) -> Document {
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
        .collect();
    let title = if spec.title.is_empty() {
        articles
            .iter()
            .find_map(|a| a.meta.headline.clone())
            .unwrap_or_else(|| "mimeo".into())
    } else {
        spec.title.clone()
    };
    Document {
        furniture: furniture(spec, &title),
        title,
        lang: spec.lang.clone(),
        stories,
    }
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
    if spec.plan.is_some() {
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
    out
}

/// The slug line's type size: small, outside the page.
pub const SLUG_SIZE: f32 = 6.0;

fn story(spec: &Spec, a: &Article, image: Option<usize>) -> Story {
    let st = &spec.styles;
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
    for block in &a.blocks {
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
    Story {
        id: a.id.clone(),
        lang,
        words_in: a.word_count(),
        head,
        figure,
        body,
        parts: Vec::new(),
        pullquote,
    }
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
        },
    );
}

fn plain(role: Role, style: &Style, lang: &str, text: &str) -> Para {
    let span = Span {
        text: text.trim().to_string(),
        bold: false,
        italic: false,
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
        let doc = build(&spec(), &[a]);
        let first = &doc.stories[0].body[0];
        assert_eq!(first.text(), "October 17—It was cold.");
        assert!(first.runs[0].bold);
        assert_eq!(first.first_indent, 0.0);
        assert!(doc.stories[0].body[1].first_indent > 0.0);
        let words: usize = doc.stories[0].body.iter().map(Para::words).sum();
        assert_eq!(words, doc.stories[0].words_in);
    }

    #[test]
    fn emphasis_inside_italic_style_turns_roman() {
        let a = crate::article::parse(Path::new("a.md"), "> quoted *stress*\n").unwrap();
        let doc = build(&spec(), &[a]);
        let q = &doc.stories[0].body[0];
        assert!(q.runs[0].italic && !q.runs[1].italic);
    }
}
