//! Front matter: the TOML between the `+++` lines at the top of an article.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Error, Origin, Result};

/// An article's metadata. Paths are resolved against the article's folder.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub headline: Option<String>,
    pub deck: Option<String>,
    pub kicker: Option<String>,
    pub byline: Option<String>,
    /// Run in, bold, at the start of the first paragraph: `October 17` → "October 17—".
    pub dateline: Option<String>,
    /// BCP 47 language tag; the spec's default when absent.
    pub lang: Option<String>,
    /// The photo, with where it was named (for errors about the file).
    pub image: Option<(PathBuf, Origin)>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// A sentence from the article to set large in its columns.
    pub pullquote: Option<String>,
    /// A style of the spec's own for the body (`[styles.NAME]`), with where
    /// it is named.
    pub style: Option<(String, Origin)>,
    /// Starts on a new page (`page = "new"`), without a page plan.
    pub new_page: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    headline: Option<String>,
    deck: Option<String>,
    kicker: Option<String>,
    byline: Option<String>,
    dateline: Option<String>,
    lang: Option<Spanned<String>>,
    image: Option<Spanned<String>>,
    caption: Option<String>,
    credit: Option<String>,
    pullquote: Option<String>,
    style: Option<Spanned<String>>,
    page: Option<Spanned<String>>,
}

/// Splits off and reads the front matter; returns it with the byte offset where
/// the body starts. A file without `+++` at the top has empty metadata.
pub fn split(path: &Path, text: &str) -> Result<(Meta, usize)> {
    if text.starts_with("---\n") || text.starts_with("---\r\n") {
        return Err(Error::at(
            path,
            text,
            0..3,
            "front matter between `---` lines (YAML) is not supported",
        )
        .with_help("write it in TOML between `+++` lines: +++ / headline = \"…\" / +++"));
    }
    let Some(rest) = text
        .strip_prefix("+++")
        .filter(|r| r.starts_with('\n') || r.starts_with("\r\n"))
    else {
        return Ok((Meta::default(), 0));
    };
    let open = text.len() - rest.len();
    let mut pos = open;
    let close = loop {
        let Some(nl) = text[pos..].find('\n') else {
            return Err(Error::at(
                path,
                text,
                0..3,
                "front matter opened with `+++` is never closed; expected a line `+++` after it",
            ));
        };
        pos += nl + 1;
        if text[pos..].trim_end_matches(['\r', '\n']) == "+++"
            || text[pos..].starts_with("+++\n")
            || text[pos..].starts_with("+++\r\n")
        {
            break pos;
        }
    };
    let toml_text = &text[open..close];
    let body_start = text[close..]
        .find('\n')
        .map_or(text.len(), |n| close + n + 1);
    let raw: RawMeta = toml::from_str(toml_text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        let err = Error::at(path, text, open + span.start..open + span.end, message.clone())
            .with_help("front matter keys: headline, deck, kicker, byline, dateline, lang, image, caption, credit, pullquote, style, page");
        match crate::spec::unknown_and_expected(&message) {
            Some((word, expected)) => err.suggesting(word, expected),
            None => err,
        }
    })?;
    let at =
        |s: &Spanned<String>| super::origin(path, text, open + s.span().start..open + s.span().end);
    if let Some(lang) = &raw.lang {
        if !crate::hyphenate::is_valid_tag(lang.get_ref()) {
            return Err(at(lang).error(format!(
                "`{}` is not a language tag; expected e.g. `en`, `es`, `pt-BR`",
                lang.get_ref()
            )));
        }
        if let Some((why, meant)) = crate::hyphenate::unknown_language(lang.get_ref()) {
            let err = at(lang).error(why);
            return Err(match meant {
                Some(code) => err.with_help(format!("did you mean `{code}`?")),
                None => err,
            });
        }
    }
    let new_page = match &raw.page {
        None => false,
        Some(p) if p.get_ref() == "new" => true,
        Some(p) if p.get_ref() == "same" => false,
        Some(p) => {
            return Err(at(p).error(format!(
                "`page = \"{}\"` is not a choice; expected `\"new\"` (start on a new page) or `\"same\"`",
                p.get_ref()
            )))
        }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let meta = Meta {
        headline: raw.headline,
        deck: raw.deck,
        kicker: raw.kicker,
        byline: raw.byline,
        dateline: raw.dateline,
        lang: raw.lang.as_ref().map(|l| l.get_ref().clone()),
        image: raw.image.as_ref().map(|i| (dir.join(i.get_ref()), at(i))),
        caption: raw.caption,
        credit: raw.credit,
        pullquote: raw.pullquote,
        style: raw.style.as_ref().map(|s| (s.get_ref().clone(), at(s))),
        new_page,
    };
    Ok((meta, body_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_is_new_or_same() {
        let (m, _) = split(Path::new("a.md"), "+++\npage = \"new\"\n+++\nx").unwrap();
        assert!(m.new_page);
        let e = split(Path::new("a.md"), "+++\npage = \"next\"\n+++\nx").err();
        let e = format!("{e:?}");
        assert!(
            e.contains("expected `\\\"new\\\"`") || e.contains("\"new\""),
            "{e}"
        );
    }

    #[test]
    fn reads_keys_and_finds_the_body() {
        let text = "+++\nheadline = \"Strike!\"\nlang = \"es\"\n+++\nBody.\n";
        let (meta, start) = split(Path::new("x.md"), text).unwrap();
        assert_eq!(meta.headline.as_deref(), Some("Strike!"));
        assert_eq!(meta.lang.as_deref(), Some("es"));
        assert_eq!(&text[start..], "Body.\n");
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let text = "+++\nheadline = \"H\"\nhedline = \"x\"\n+++\nBody.\n";
        let e = split(Path::new("x.md"), text).unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(3));
        assert!(e.message.contains("headline"), "{}", e.message);
    }

    #[test]
    fn yaml_front_matter_is_refused_with_a_hint() {
        let e = split(Path::new("x.md"), "---\ntitle: Hi\n---\nBody.\n").unwrap_err();
        assert_eq!(e.line_col, Some((1, 1)));
        assert!(e.help.unwrap().contains("+++"));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split(Path::new("x.md"), "+++\nheadline = \"H\"\nBody.\n").is_err());
    }

    #[test]
    fn image_path_is_relative_to_the_article() {
        let text = "+++\nimage = \"p.jpg\"\n+++\nBody.\n";
        let (meta, _) = split(Path::new("content/a.md"), text).unwrap();
        assert_eq!(meta.image.unwrap().0, Path::new("content/p.jpg"));
    }
}
