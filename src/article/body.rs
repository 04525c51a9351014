//! The article body: CommonMark (with smart punctuation) into [`Block`]s.
//! Anything mimeo cannot print yet is an error at its line, never dropped.

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, Span};
use crate::diag::{Error, Result};

/// Parses the body, which starts at byte `start` of the file's `text`.
pub fn parse(path: &Path, text: &str, start: usize) -> Result<Vec<Block>> {
    let mut r = Reader {
        blocks: Vec::new(),
        current: None,
        quote: 0,
        lists: Vec::new(),
        bold: 0,
        italic: 0,
        link: None,
    };
    // Tables, footnotes, strikethrough and task lists are recognised only so
    // that they can be refused at their line instead of printing as literal
    // pipes, brackets and tildes.
    let options = Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let parser = Parser::new_ext(&text[start..], options);
    for (event, range) in parser.into_offset_iter() {
        let at = start + range.start..start + range.end;
        let unsupported = |what: &str, hint: &str| {
            Error::at(
                path,
                text,
                at.clone(),
                format!("{what} cannot be printed yet"),
            )
            .with_help(hint.to_string())
        };
        match event {
            Event::Start(tag) => {
                match tag {
                    Tag::Paragraph => r.open_paragraph(),
                    Tag::Heading {
                        level: HeadingLevel::H1,
                        ..
                    } => {
                        return Err(unsupported("a `#` heading in the body", "put the headline in the front matter (`headline = \"…\"`) and use `##` for crossheads"));
                    }
                    Tag::Heading { .. } => r.open(BlockKind::Crosshead),
                    Tag::BlockQuote(_) | Tag::List(_) if r.depth() >= MAX_DEPTH => {
                        return Err(unsupported(
                            &format!("quotes and lists nested more than {MAX_DEPTH} deep"),
                            "flatten the nesting: each level narrows the column",
                        ));
                    }
                    Tag::BlockQuote(_) => r.quote += 1,
                    Tag::List(first) => r.lists.push(first),
                    Tag::Table(_) => {
                        return Err(unsupported(
                            "a table",
                            "write the rows as a list, or as short paragraphs",
                        ))
                    }
                    Tag::FootnoteDefinition(_) => {
                        return Err(unsupported(
                            "a footnote",
                            "put the note in the text, in brackets, or at the end as a paragraph",
                        ))
                    }
                    Tag::Strikethrough => {
                        return Err(unsupported(
                            "struck-through text (`~~`)",
                            "delete the words, or write `\\~` for a literal tilde",
                        ))
                    }
                    Tag::Item => {
                        let marker = match r.lists.last_mut() {
                            Some(Some(n)) => {
                                *n += 1;
                                format!("{}.", *n - 1)
                            }
                            _ => "•".to_string(),
                        };
                        r.open(BlockKind::ListItem { marker });
                    }
                    Tag::Emphasis => r.italic += 1,
                    Tag::Strong => r.bold += 1,
                    Tag::Link { dest_url, .. } => r.link = Some(dest_url.to_string()),
                    Tag::Image { .. } => return Err(unsupported(
                        "an image inside the body",
                        "give the article's photo as `image = \"photo.jpg\"` in the front matter",
                    )),
                    Tag::CodeBlock(_) => return Err(unsupported(
                        "a code block",
                        "indent prose with a `>` block quote instead, or remove the indentation",
                    )),
                    Tag::HtmlBlock => {
                        return Err(unsupported("HTML", "write the text as Markdown"))
                    }
                    other => {
                        return Err(unsupported(
                            &format!("Markdown element {other:?}"),
                            "use paragraphs, emphasis, lists, quotes and `##` crossheads",
                        ))
                    }
                }
            }
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item => r.close(),
                TagEnd::BlockQuote(_) => r.quote -= 1,
                TagEnd::List(_) => {
                    r.lists.pop();
                }
                TagEnd::Emphasis => r.italic -= 1,
                TagEnd::Strong => r.bold -= 1,
                TagEnd::Link => r.link = None,
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => r.push(&t),
            Event::FootnoteReference(_) => {
                return Err(unsupported(
                    "a footnote reference",
                    "put the note in the text, in brackets",
                ))
            }
            Event::TaskListMarker(_) => {
                return Err(unsupported(
                    "a task list (`- [ ]`)",
                    "write the items as an ordinary list",
                ))
            }
            Event::SoftBreak => r.push(" "),
            Event::HardBreak => r.push("\n"),
            Event::Rule => {
                r.close();
                r.blocks.push(Block {
                    kind: BlockKind::Rule,
                    depth: 0,
                    spans: Vec::new(),
                });
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err(unsupported("HTML", "write the text as Markdown"))
            }
            other => {
                return Err(unsupported(
                    &format!("Markdown element {other:?}"),
                    "use paragraphs, emphasis, lists, quotes and `##` crossheads",
                ))
            }
        }
    }
    r.close();
    Ok(r.blocks
        .into_iter()
        .filter(|b| b.kind == BlockKind::Rule || !b.text().trim().is_empty())
        .collect())
}

/// The deepest nesting of quotes and lists: each level narrows the column.
pub const MAX_DEPTH: usize = 8;

struct Reader {
    blocks: Vec<Block>,
    current: Option<Block>,
    quote: usize,
    lists: Vec<Option<u64>>,
    bold: usize,
    italic: usize,
    /// Inside a link: where it goes.
    link: Option<String>,
}

impl Reader {
    fn depth(&self) -> usize {
        self.quote + self.lists.len()
    }

    fn open(&mut self, kind: BlockKind) {
        self.close();
        self.current = Some(Block {
            kind,
            depth: self.depth(),
            spans: Vec::new(),
        });
    }

    /// A paragraph continues an empty list item, or starts a block of its own.
    fn open_paragraph(&mut self) {
        if let Some(b) = &self.current {
            if matches!(b.kind, BlockKind::ListItem { .. }) && b.spans.is_empty() {
                return;
            }
        }
        let kind = if !self.lists.is_empty() {
            BlockKind::ListContinuation
        } else if self.quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        self.open(kind);
    }

    fn close(&mut self) {
        if let Some(mut b) = self.current.take() {
            trim_spans(&mut b.spans);
            self.blocks.push(b);
        }
    }

    fn push(&mut self, t: &str) {
        /// Whether the paragraph so far (`b`'s spans, then `more`) has a
        /// double quote opened and not closed, and ends with a letter.
        fn open_quote(b: &Block, more: &str) -> bool {
            let all = b.spans.iter().map(|s| s.text.as_str()).chain([more]);
            let (mut depth, mut last) = (0i32, ' ');
            for c in all.flat_map(str::chars) {
                match c {
                    '\u{201C}' => depth += 1,
                    '\u{201D}' => depth -= 1,
                    _ => {}
                }
                last = c;
            }
            depth > 0 && (last.is_alphanumeric() || ".,!?…".contains(last))
        }
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        if self.current.is_none() {
            self.open_paragraph();
        }
        let Some(b) = self.current.as_mut() else {
            return;
        };
        // Runs of spaces and tabs are one word space, as in any typesetting;
        // no-break spaces and hard breaks are kept, except that a no-break
        // space next to a plain one (the two spaces after a full stop that
        // word processors leave) is part of that one word space.
        let mut after_space = b
            .spans
            .last()
            .is_some_and(|s| s.text.ends_with([' ', '\n']));
        // Most text has nothing of the above to change: it goes in as it is.
        let changes = (after_space && t.starts_with(' '))
            || t.contains("  ")
            || t.contains(['\t', '\n', '\u{a0}', '\u{201C}']);
        let mut text = String::with_capacity(t.len());
        if !changes {
            text.push_str(t);
        }
        for c in (if changes { t } else { "" }).chars() {
            let collapsible = c == ' ' || c == '\t';
            if (collapsible || c == '\u{a0}') && after_space {
                continue;
            }
            if collapsible {
                while text.ends_with('\u{a0}') {
                    text.pop();
                }
            }
            if c == '\n' && text.ends_with(' ') {
                text.pop();
            }
            // Smart punctuation opens a quote that stands between two
            // letters ("…일한다"고, a Korean particle after the quote): with
            // one still open, right after a letter, it closes it.
            let c = match c {
                '\u{201C}' if !after_space && open_quote(b, &text) => '\u{201D}',
                c => c,
            };
            text.push(if collapsible { ' ' } else { c });
            after_space = collapsible || c == '\n';
        }
        let link = self.link.clone();
        match b.spans.last_mut() {
            Some(s) if s.bold == bold && s.italic == italic && s.link == link => {
                s.text.push_str(&text)
            }
            _ => b.spans.push(Span {
                text,
                bold,
                italic,
                link,
            }),
        }
    }
}

/// Removes leading and trailing white space from a block's text.
fn trim_spans(spans: &mut Vec<Span>) {
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = spans.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    spans.retain(|s| !s.text.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(md: &str) -> Vec<Block> {
        parse(Path::new("t.md"), md, 0).unwrap()
    }

    #[test]
    fn paragraphs_emphasis_and_smart_quotes() {
        let b = blocks("He said \"no\" -- *twice*.\n\nSecond.");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].text(), "He said “no” – twice.");
        // A quote between letters closes the one before it (a Korean
        // particle follows the quote directly).
        let ko = blocks("한 노동자는 \"우리는 일한다\"고 말했다.");
        assert_eq!(ko[0].text(), "한 노동자는 “우리는 일한다”고 말했다.");
        assert!(b[0].spans.iter().any(|s| s.italic && s.text == "twice"));
    }

    #[test]
    fn lists_quotes_and_crossheads() {
        let b = blocks("## Next\n\n1. one\n2. two\n\n> quoted\n\n- dot\n");
        assert_eq!(b[0].kind, BlockKind::Crosshead);
        assert_eq!(
            b[1].kind,
            BlockKind::ListItem {
                marker: "1.".into()
            }
        );
        assert_eq!(
            b[2].kind,
            BlockKind::ListItem {
                marker: "2.".into()
            }
        );
        assert_eq!(b[3].kind, BlockKind::Quote);
        assert_eq!(
            b[4].kind,
            BlockKind::ListItem {
                marker: "•".into()
            }
        );
    }

    #[test]
    fn links_print_their_text() {
        assert_eq!(
            blocks("See [our site](https://example.org).")[0].text(),
            "See our site."
        );
    }

    #[test]
    fn runs_of_spaces_collapse_but_no_break_spaces_stay() {
        let b = blocks("Two  spaces\tand *a  tab*.  Then\u{a0}\u{a0}this.");
        assert_eq!(b[0].text(), "Two spaces and a tab. Then\u{a0}\u{a0}this.");
        let b = blocks("Strike!\u{a0} Now. \u{a0}Here.\u{a0}\u{a0} Done.");
        assert_eq!(b[0].text(), "Strike! Now. Here. Done.");
        // Text with nothing to change goes in whole; a space after a span
        // ending in one still collapses.
        let plain = "A plain sentence, ‘single’ — and “closed”, goes in whole.";
        assert_eq!(blocks(plain)[0].text(), plain);
        assert_eq!(
            blocks("*one*\u{a0} *two*  three")[0].text(),
            "one two three"
        );
    }

    #[test]
    fn hard_breaks_are_kept() {
        assert_eq!(
            blocks("line one  \nline two")[0].text(),
            "line one\nline two"
        );
    }

    #[test]
    fn unsupported_elements_name_their_line() {
        let e = parse(Path::new("t.md"), "Fine.\n\n![x](y.png)\n", 0).unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(3));
        let e = parse(Path::new("t.md"), "Fine.\n\n<div>x</div>\n", 0).unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(3));
        let e = parse(Path::new("t.md"), "# Title\n", 0).unwrap_err();
        assert!(e.help.is_some());
    }

    #[test]
    fn extensions_we_do_not_print_are_errors_at_their_line() {
        for (md, what) in [
            ("Fine.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "table"),
            ("Fine.\n\nA note.[^1]\n\n[^1]: The note.\n", "footnote"),
            ("Fine.\n\nSome ~~struck~~ words.\n", "struck"),
            ("Fine.\n\n- [ ] a task\n", "task"),
        ] {
            let e = parse(Path::new("t.md"), md, 0).unwrap_err();
            assert_eq!(e.line_col.map(|l| l.0), Some(3), "{md}");
            assert!(e.message.contains(what), "{}", e.message);
        }
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!("{} deep\n", "> ".repeat(MAX_DEPTH));
        assert!(parse(Path::new("t.md"), &ok, 0).is_ok());
        let deep = format!("Fine.\n\n{} deep\n", "> ".repeat(1000));
        let e = parse(Path::new("t.md"), &deep, 0).unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(3));
        assert!(e.message.contains("nested"), "{}", e.message);
    }

    #[test]
    fn right_to_left_text_is_read_as_written() {
        let a = parse(Path::new("t.md"), "Shalom: שלום.\n\nمرحبا\n", 0).expect("parses");
        let text: Vec<String> = a.iter().map(|b| b.text()).collect();
        assert_eq!(text, ["Shalom: שלום.", "مرحبا"]);
    }
}
