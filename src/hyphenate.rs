//! Hyphenation: where a word may break, by language, with the `hyphenation`
//! crate's embedded TeX patterns. Dictionaries load once per language per build.

use std::collections::HashMap;

use hyphenation::{Hyphenator as _, Language, Load, Standard};

/// Is `tag` shaped like a BCP 47 language tag (`en`, `es`, `pt-BR`, `sr-Latn`)?
pub fn is_valid_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The pattern language for a BCP 47 tag, if the crate ships one.
pub fn language(tag: &str) -> Option<Language> {
    let tag = tag.to_ascii_lowercase().replace('_', "-");
    if let Some(l) = Language::try_from_code(&tag) {
        return Some(l);
    }
    let primary = tag.split('-').next().unwrap_or("");
    let fallback = match primary {
        "en" => "en-us",
        "de" => "de-1996",
        "el" => "el-monoton",
        "mn" => "mn-cyrl",
        "sr" => "sr-cyrl",
        "no" | "nb" => "nb",
        other => other,
    };
    Language::try_from_code(fallback)
}

/// Loaded dictionaries, by tag, and the spec's own rules.
#[derive(Default)]
pub struct Hyphenator {
    dictionaries: HashMap<String, Option<Standard>>,
    exceptions: HashMap<String, Vec<usize>>,
    capitalized: bool,
    cache: HashMap<(String, String), Vec<usize>>,
}

impl Hyphenator {
    /// A hyphenator that also follows the spec's exceptions and settings.
    pub fn new(rules: &crate::spec::Hyphenation) -> Self {
        Hyphenator {
            exceptions: rules.exceptions.iter().cloned().collect(),
            capitalized: rules.capitalized,
            ..Hyphenator::default()
        }
    }

    /// Whether `word`'s hyphenation points are a last resort: a capitalised
    /// word (a name, most often), unless the spec hyphenates those freely. A
    /// word all in capitals (longer than an acronym) is set in capitals, not
    /// a name: it breaks like any other.
    pub fn last_resort(&self, word: &str) -> bool {
        !self.capitalized
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().any(char::is_lowercase)
    }

    /// Byte offsets inside `word` where it may be hyphenated, honouring the
    /// language's minimum fragment lengths. Words with digits, anything that
    /// looks like an address, and acronyms (all capitals, up to 5 letters)
    /// are left whole; capitalised words break too, but see [`Self::last_resort`].
    pub fn points(&mut self, tag: &str, word: &str) -> Vec<usize> {
        // Running text repeats its words: look each up once per language.
        let key = (tag.to_string(), word.to_string());
        if let Some(p) = self.cache.get(&key) {
            return p.clone();
        }
        let p = self.compute(tag, word);
        self.cache.insert(key, p.clone());
        p
    }

    fn compute(&mut self, tag: &str, word: &str) -> Vec<usize> {
        if let Some(points) = self
            .exceptions
            .get(&word.to_lowercase())
            .filter(|_| word.to_lowercase().len() == word.len())
        {
            return points.clone();
        }
        let acronym = word.chars().count() <= 5 && !word.chars().any(char::is_lowercase);
        if acronym
            || word
                .chars()
                .any(|c| c.is_ascii_digit() || matches!(c, '@' | '/' | ':' | '.' | '_'))
        {
            return Vec::new();
        }
        let Some(dict) = self.dictionary(tag) else {
            return Vec::new();
        };
        let (left, right) = minima(dict.language());
        let chars = word.chars().count();
        if chars < left + right {
            return Vec::new();
        }
        let lower = word.to_lowercase();
        if lower.len() != word.len() {
            return Vec::new();
        }
        dict.hyphenate(&lower)
            .breaks
            .into_iter()
            .filter(|&b| {
                word.is_char_boundary(b)
                    && word[..b].chars().count() >= left
                    && word[b..].chars().count() >= right
            })
            .collect()
    }

    fn dictionary(&mut self, tag: &str) -> Option<&Standard> {
        self.dictionaries
            .entry(tag.to_string())
            .or_insert_with(|| language(tag).and_then(|l| Standard::from_embedded(l).ok()))
            .as_ref()
    }
}

/// Shortest fragments left and right of a hyphen, in characters.
fn minima(lang: Language) -> (usize, usize) {
    match lang {
        Language::EnglishUS | Language::EnglishGB => (2, 3),
        Language::Spanish | Language::Portuguese => (2, 2),
        other => {
            let (l, r) = other.minima();
            (l.max(2), r.max(2))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_spanish_words_break() {
        let mut h = Hyphenator::default();
        let en = h.points("en", "communist");
        assert!(!en.is_empty());
        assert!(en.iter().all(|&b| b >= 2 && "communist".len() - b >= 3));
        assert!(!h.points("es", "trabajadores").is_empty());
    }

    #[test]
    fn numbers_acronyms_and_unknown_languages_stay_whole() {
        let mut h = Hyphenator::default();
        assert!(h.points("en", "2021abc").is_empty());
        assert!(h.points("xx", "anything").is_empty());
        assert!(h.points("en", "UNION").is_empty(), "an acronym");
        assert!(!h.points("en", "WAREHOUSEMEN").is_empty());
    }

    #[test]
    fn capitalised_words_break_only_as_a_last_resort() {
        let mut h = Hyphenator::default();
        assert!(!h.points("en", "Washington").is_empty());
        assert!(h.last_resort("Washington") && !h.last_resort("washing"));
        // A word in capitals is not a name.
        assert!(!h.last_resort("WAREHOUSEMEN"));
        let free = Hyphenator::new(&crate::spec::Hyphenation {
            capitalized: true,
            ..Default::default()
        });
        assert!(!free.last_resort("Washington"));
    }

    #[test]
    fn exceptions_override_patterns() {
        let rules = crate::spec::Hyphenation {
            exceptions: vec![("communist".into(), vec![3, 5]), ("strike".into(), vec![])],
            capitalized: true,
        };
        let mut h = Hyphenator::new(&rules);
        assert_eq!(h.points("en", "Communist"), vec![3, 5]);
        assert!(h.points("en", "strike").is_empty());
        assert!(
            !h.points("en", "Washington").is_empty(),
            "capitalised words hyphenate when asked"
        );
    }

    #[test]
    fn tags_are_checked() {
        assert!(is_valid_tag("en") && is_valid_tag("pt-BR") && is_valid_tag("sr-Latn"));
        assert!(!is_valid_tag("english!") && !is_valid_tag("") && !is_valid_tag("e"));
        assert_eq!(language("en"), Some(Language::EnglishUS));
        assert_eq!(language("es-MX"), Some(Language::Spanish));
    }
}
