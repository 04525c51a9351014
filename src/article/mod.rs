//! Articles: a Markdown file with TOML front matter between `+++` lines. This
//! module reads one into an [`Article`]: metadata plus a flat list of body
//! [`Block`]s of styled text. It knows nothing of pages or fonts.

mod body;
mod front_matter;

use std::path::{Path, PathBuf};

use crate::diag::{Error, Origin, Result};
pub use front_matter::Meta;

/// One article, as its editor wrote it.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file stem: how the layout spec and reports name it.
    pub id: String,
    /// The Markdown file.
    pub path: PathBuf,
    /// Front matter.
    pub meta: Meta,
    /// The body, in reading order (shared: an edition's choice of
    /// articles copies none of their text).
    pub blocks: std::sync::Arc<[Block]>,
}

/// A paragraph-level piece of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Nesting depth of block quotes and lists (0 at the top level).
    pub depth: usize,
    /// The text, as runs of one style each.
    pub spans: Vec<Span>,
}

/// What a block is.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    Paragraph,
    /// A subheading (`##`).
    Crosshead,
    /// A paragraph inside a block quote.
    Quote,
    /// The first paragraph of a list item, with its marker (`•`, `3.`).
    ListItem {
        marker: String,
    },
    /// A later paragraph of a list item.
    ListContinuation,
    /// A thematic break (`***`).
    Rule,
}

/// A run of text in one style. `\n` inside `text` is a hard line break.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The address a link's text goes to.
    pub link: Option<String>,
}

impl Block {
    /// The block's plain text.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

impl Block {
    /// Its words: whitespace-separated tokens of its text (a word may run
    /// from one span into the next), counted without joining the spans.
    fn words(&self) -> impl Iterator<Item = ()> + '_ {
        // Each character, and whether it ends a token (a space, or the end).
        let chars = self
            .spans
            .iter()
            .flat_map(|s| s.text.chars())
            .chain(std::iter::once(' '));
        let (mut in_token, mut blank) = (false, true);
        chars.filter_map(move |c| {
            if c.is_whitespace() {
                let word = in_token && !blank;
                (in_token, blank) = (false, true);
                word.then_some(())
            } else {
                in_token = true;
                // A line to write on (`Name: ___`) is no word.
                blank &= c == '_';
                None
            }
        })
    }
}

impl Article {
    /// Words in the body: whitespace-separated tokens after Markdown is parsed.
    pub fn word_count(&self) -> usize {
        self.blocks.iter().map(|b| b.words().count()).sum()
    }

    /// Whether the body has a word at all.
    fn has_words(&self) -> bool {
        self.blocks.iter().any(|b| b.words().next().is_some())
    }
}

/// Reads an article file of at most `cap` bytes.
pub fn load(path: &Path, cap: u64) -> Result<Article> {
    let raise = |size: u64| {
        format!(
            "an article is one story, not a book; to read this one anyway, add `--max-article-size {}MB`",
            size.div_ceil(crate::files::MB)
        )
    };
    let text = crate::files::read_text(path, "article", cap, Some(&raise))?;
    parse(path, &text)
}

/// Parses an article's text; `path` names it in errors and anchors relative paths.
pub fn parse(path: &Path, text: &str) -> Result<Article> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (meta, body_start) = front_matter::split(path, text)?;
    let blocks = body::parse(path, text, body_start)?;
    let article = Article {
        id,
        path: path.to_path_buf(),
        meta,
        blocks: blocks.into(),
    };
    if !article.has_words() {
        return Err(Error::in_file(
            path,
            "the article has no body text; expected at least one paragraph after the front matter",
        ));
    }
    Ok(article)
}

/// Where in an article file something was written.
pub(crate) fn origin(path: &Path, text: &str, range: std::ops::Range<usize>) -> Origin {
    Origin {
        file: path.to_path_buf(),
        text: std::sync::Arc::from(text),
        range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_after_markdown() {
        let a = parse(
            Path::new("a.md"),
            "+++\nheadline = \"H\"\n+++\nOne *two* three.\n\n- four\n- five\n",
        )
        .unwrap();
        assert_eq!(a.word_count(), 5);
        assert_eq!(a.id, "a");
        assert_eq!(a.meta.headline.as_deref(), Some("H"));
    }

    #[test]
    fn words_are_counted_across_spans_and_lines_to_write_on_are_not() {
        let count = |body: &str| {
            parse(
                Path::new("a.md"),
                &format!("+++\nheadline = \"H\"\n+++\n{body}\n"),
            )
            .map_or(0, |a| a.word_count())
        };
        assert_eq!(count("one**two**three"), 1);
        assert_eq!(count("one **two** three"), 3);
        assert_eq!(count("Name: ___ and a date: ___"), 4);
        assert_eq!(count("  spaced   out  "), 2);
        assert_eq!(
            count("___ ___"),
            0,
            "only lines to write on: no words, an error"
        );
    }

    #[test]
    fn an_empty_body_is_an_error() {
        let e = parse(Path::new("e.md"), "+++\nheadline = \"H\"\n+++\n\n").unwrap_err();
        assert!(e.to_string().contains("e.md"));
    }
}
