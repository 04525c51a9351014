//! The document model: articles resolved against the layout spec. Every piece of
//! text becomes a [`Para`] with its final style, language and indents; the
//! dateline is run in; uppercase styles are applied. No fonts, no geometry yet.

use crate::article::{Article, BlockKind, Span};
use crate::spec::{Spec, Style};

/// A whole build's content.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub lang: String,
    pub stories: Vec<Story>,
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
        title,
        lang: spec.lang.clone(),
        stories,
    }
}

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
    Story {
        id: a.id.clone(),
        lang,
        words_in: a.word_count(),
        head,
        figure,
        body,
    }
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
