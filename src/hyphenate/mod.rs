//! Hyphenation: where a word may break, by language, with the `hyphenation`
//! crate's embedded TeX patterns. Dictionaries load once per language per
//! process; their patterns go into a trie of our own (`patterns.rs`).

mod patterns;

use std::collections::HashMap;
use std::sync::Arc;

use hyphenation::{Hyphenator as _, Language};
use patterns::Dictionary;

/// Is `tag` shaped like a BCP 47 language tag (`en`, `es`, `pt-BR`, `sr-Latn`)?
pub fn is_valid_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The two-letter language codes of ISO 639-1.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Codes people write for a language that are not its code (often a
/// country's), and the code they mean.
const MISTAKEN: [(&str, &str, &str); 14] = [
    ("sp", "es", "Spanish"),
    ("ge", "de", "German"),
    ("gr", "el", "Greek"),
    ("jp", "ja", "Japanese"),
    ("cz", "cs", "Czech"),
    ("dk", "da", "Danish"),
    ("ua", "uk", "Ukrainian"),
    ("cn", "zh", "Chinese"),
    ("kh", "km", "Khmer"),
    ("po", "pl", "Polish"),
    ("pr", "pt", "Portuguese"),
    ("ir", "fa", "Persian"),
    ("il", "he", "Hebrew"),
    ("us", "en", "English"),
];

/// Why `tag` names no language, with the code meant if it can be guessed:
/// a two-letter code that ISO 639-1 does not have (`sp`, `ge`, `jp`).
/// Three-letter codes (ISO 639-2/3) are taken as they are.
pub fn unknown_language(tag: &str) -> Option<(String, Option<&'static str>)> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    if primary.len() != 2 || ISO_639_1.split(' ').any(|c| c == primary) {
        return None;
    }
    let meant = MISTAKEN.iter().find(|(m, _, _)| *m == primary);
    let message = match meant {
        Some((_, code, name)) => format!(
            "`{tag}` is not a language code; {name} is `{code}` (ISO 639-1 codes name languages, not countries)"
        ),
        None => format!("`{tag}` is not a language code; expected a two-letter ISO 639-1 code like `en`, `es`, `fr`, `ar`, or one with a region like `pt-BR`"),
    };
    Some((message, meant.map(|m| m.1)))
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

/// Loads the patterns of language `tag` and makes them quick to look up,
/// on this thread (see `patterns.rs`). Nothing for a language
/// without patterns.
pub fn prepare(tag: &str) {
    if let Some(lang) = language(tag) {
        patterns::prepare(lang);
    }
}

/// Words' hyphenation points in one language, by the word.
type Points = rustc_hash::FxHashMap<Box<str>, Box<[usize]>>;

/// Loaded dictionaries, by tag, and the spec's own rules.
#[derive(Default)]
pub struct Hyphenator {
    dictionaries: HashMap<String, Option<Arc<Dictionary>>>,
    exceptions: HashMap<String, Vec<usize>>,
    capitalized: bool,
    /// Each word's points, by language (a build has a few: looked through,
    /// not hashed, for every word), as first worked out.
    cache: Vec<(String, Points)>,
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
    pub fn points(&mut self, tag: &str, word: &str) -> &[usize] {
        // Running text repeats its words: look each up once per language.
        let lang = match self.cache.iter().position(|(t, _)| t == tag) {
            Some(i) => i,
            None => {
                self.cache.push((tag.to_string(), Default::default()));
                self.cache.len() - 1
            }
        };
        if !self.cache[lang].1.contains_key(word) {
            let p = self.compute(tag, word);
            self.cache[lang].1.insert(word.into(), p.into());
        }
        self.cache[lang].1.get(word).map_or(&[], |p| p)
    }

    fn compute(&mut self, tag: &str, word: &str) -> Vec<usize> {
        let lower = word.to_lowercase();
        if let Some(points) = self
            .exceptions
            .get(&lower)
            .filter(|_| lower.len() == word.len())
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
        let standard = &dict.standard;
        let (left, right) = minima(standard.language());
        let chars = word.chars().count();
        if chars < left + right {
            return Vec::new();
        }
        if lower.len() != word.len() {
            return Vec::new();
        }
        // The trie where it gives what the crate would; the crate itself for
        // soft hyphens and letters that stay capitals in lower case.
        let breaks = match dict.patterns() {
            Some(patterns) if !lower.chars().any(|c| c == '\u{ad}' || c.is_uppercase()) => {
                match standard.boundaries(&lower) {
                    None => Vec::new(),
                    Some(bounds) => standard
                        .exception(&lower)
                        .unwrap_or_else(|| patterns.opportunities(&lower, bounds)),
                }
            }
            _ => standard.hyphenate(&lower).breaks,
        };
        breaks
            .into_iter()
            .filter(|&b| {
                word.is_char_boundary(b)
                    && word[..b].chars().count() >= left
                    && word[b..].chars().count() >= right
            })
            .collect()
    }

    fn dictionary(&mut self, tag: &str) -> Option<Arc<Dictionary>> {
        if let Some(d) = self.dictionaries.get(tag) {
            return d.clone();
        }
        let d = language(tag).and_then(patterns::dictionary);
        self.dictionaries.insert(tag.to_string(), d.clone());
        d
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
mod language_codes {
    use super::unknown_language;

    #[test]
    fn country_codes_for_languages_are_caught_with_the_code_meant() {
        assert_eq!(unknown_language("sp").and_then(|u| u.1), Some("es"));
        assert_eq!(unknown_language("jp-JP").and_then(|u| u.1), Some("ja"));
        assert!(unknown_language("xx").is_some_and(|u| u.1.is_none()));
        for ok in ["en", "es", "pt-BR", "sw", "yo", "ast", "zh_Hant"] {
            assert!(unknown_language(ok).is_none(), "{ok}");
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
