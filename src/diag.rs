//! Diagnostics: fatal errors that name the file, line and column and say what was
//! expected, and warnings collected during a build (they never stop it).

use std::fmt;
use std::path::{Path, PathBuf};

use miette::{LabeledSpan, NamedSource, SourceSpan};

/// A fatal problem with the input or the environment. Displays as
/// `file:line:col: message` so it reads well even without the source snippet.
#[derive(Debug)]
pub struct Error {
    /// The file at fault, when there is one.
    pub file: Option<PathBuf>,
    /// 1-based line and column inside `file`.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong and what was expected.
    pub message: String,
    /// A hint on how to fix it.
    pub help: Option<String>,
    snippet: Option<Box<(NamedSource<String>, SourceSpan)>>,
    /// Shown as a warning (a build's warning rendered like its errors).
    warning: bool,
}

/// The result type used throughout mimeo.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error with no file attached.
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            file: None,
            line_col: None,
            message: message.into(),
            help: None,
            snippet: None,
            warning: false,
        }
    }

    /// The same, rendered as a warning rather than an error.
    pub fn as_warning(mut self) -> Self {
        self.warning = true;
        self
    }

    /// An error about a whole file (it is missing, unreadable, not a font…).
    pub fn in_file(file: &Path, message: impl Into<String>) -> Self {
        Error {
            file: Some(file.to_path_buf()),
            ..Error::new(message)
        }
    }

    /// An error at a byte range of a file's text; `offset` is added to the range
    /// (used when `text` is only part of the file, as front matter is).
    pub fn at(
        file: &Path,
        text: &str,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = range.start.min(text.len());
        let end = range.end.clamp(start, text.len());
        let line_col = line_col(text, start);
        let name = file.display().to_string();
        Error {
            file: Some(file.to_path_buf()),
            line_col: Some(line_col),
            snippet: Some(Box::new((
                NamedSource::new(name, text.to_string()),
                SourceSpan::from(start..end),
            ))),
            ..Error::new(message)
        }
    }

    /// Sets the line and column without a source snippet.
    pub fn with_line_col(mut self, line: usize, col: usize) -> Self {
        self.line_col = Some((line, col));
        self
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean …?" if one of `candidates` is near `word` (kept
    /// before any hint already there).
    pub fn suggesting<'c>(
        mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Self {
        if let Some(s) = suggest(word, candidates) {
            let mean = format!("did you mean `{s}`?");
            self.help = Some(match self.help.take() {
                Some(h) => format!("{mean} {h}"),
                None => mean,
            });
        }
        self
    }
}

/// The candidate nearest `word`, if it is near enough to be what was meant:
/// a few letters out (typed, left out, swapped), or the same but for case.
pub fn suggest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let w = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let cl = c.to_lowercase();
        // An article's id may carry a leading number the spec leaves out.
        let bare = cl
            .split_once('-')
            .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .map_or(cl.as_str(), |(_, rest)| rest);
        if cl == w || bare == w {
            return Some(c);
        }
        for form in [cl.as_str(), bare] {
            let edits = strsim::damerau_levenshtein(&w, form);
            let longest = w.chars().count().max(form.chars().count());
            // Up to a third of the letters wrong, at least one.
            let allowed = (longest / 3).max(1);
            let close = strsim::jaro_winkler(&w, form);
            if edits <= allowed || close >= 0.9 || (form.contains(&w) && w.len() >= 3) {
                let score = close - edits as f64 * 0.01;
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, c));
                }
            }
        }
    }
    best.map(|(_, c)| c)
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line_col) {
            (Some(file), Some((l, c))) => write!(f, "{}:{l}:{c}: {}", file.display(), self.message),
            (Some(file), None) => write!(f, "{}: {}", file.display(), self.message),
            _ => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for Error {}

impl miette::Diagnostic for Error {
    fn severity(&self) -> Option<miette::Severity> {
        self.warning.then_some(miette::Severity::Warning)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.snippet
            .as_deref()
            .map(|(src, _)| src as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.snippet.as_deref()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("here".into()),
            *span,
        ))))
    }
}

/// Something the reader should know that did not stop the build: a missing
/// character, text that did not fit, a low-resolution photo.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Warning {
    /// The article it concerns, by id, if any.
    pub article: Option<String>,
    /// What happened.
    pub message: String,
    /// Where in which file it is (see [`Warning::diagnostic`]).
    #[serde(skip)]
    pub at: Option<Origin>,
}

impl PartialEq for Warning {
    fn eq(&self, other: &Self) -> bool {
        self.article == other.article && self.message == other.message
    }
}

impl Warning {
    /// The warning as a diagnostic pointing into its file, rendered like
    /// an error (with the line and a snippet) but marked a warning.
    pub fn diagnostic(&self) -> Option<Error> {
        let at = self.at.as_ref()?;
        let message = format!("warning: {self}");
        let e = if at.range.is_empty() && at.range.start == 0 {
            Error::in_file(&at.file, message)
        } else {
            at.error(message)
        };
        Some(e.as_warning())
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.article {
            Some(a) => write!(f, "article `{a}`: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// Collects warnings, dropping exact repeats.
#[derive(Debug, Default)]
pub struct Warnings(pub Vec<Warning>);

impl Warnings {
    /// Records a warning unless the same one is already recorded.
    pub fn push(&mut self, article: Option<&str>, message: impl Into<String>) {
        let w = Warning {
            article: article.map(str::to_string),
            message: message.into(),
            at: None,
        };
        if !self.0.contains(&w) {
            self.0.push(w);
        }
    }
}

#[cfg(test)]
mod suggestions {
    use super::suggest;

    #[test]
    fn a_near_word_is_suggested_and_a_far_one_is_not() {
        let keys = ["count", "gutter", "baseline"];
        assert_eq!(suggest("guter", keys), Some("gutter"));
        assert_eq!(suggest("Baseline", keys), Some("baseline"));
        assert_eq!(suggest("colour", keys), None);
        let ids = ["01-warehouse-strike", "05-bus-drivers", "06-library"];
        assert_eq!(suggest("bus-driver", ids), Some("05-bus-drivers"));
        assert_eq!(suggest("libary", ids), Some("06-library"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
    }

    #[test]
    fn display_names_file_line_and_column() {
        let e = Error::at(Path::new("x.toml"), "a = 1\nb = ?\n", 10..11, "bad value");
        assert_eq!(e.to_string(), "x.toml:2:5: bad value");
    }
}

/// Where a value came from in a source file, kept so that a later stage can
/// report a problem with it (a font path that is not a font) at its line.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file the value was written in.
    pub file: PathBuf,
    /// That file's whole text.
    pub text: std::sync::Arc<str>,
    /// The value's byte range in `text`.
    pub range: std::ops::Range<usize>,
}

impl Origin {
    /// Where the value is written, as `file:line`.
    pub fn place(&self) -> String {
        let (line, _) = line_col(&self.text, self.range.start);
        format!("{}:{line}", self.file.display())
    }

    /// An error pointing at this value.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::at(&self.file, &self.text, self.range.clone(), message)
    }
}
