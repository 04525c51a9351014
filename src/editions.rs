//! Language editions: one plan, several languages. An article's versions
//! share its id: `story.md` in its own language, `story.es.md` in Spanish
//! (or `es/story.md` in a folder named for the language). Each edition
//! prints every article in its language, or, where there is no version in
//! it, in the language it has, with a warning naming the article; a build
//! without editions prints each article's unsuffixed version.

use std::path::{Path, PathBuf};

use crate::article::Article;

/// An article file's id and the language its name gives it, if any:
/// `01-tenants.es.md` → (`01-tenants`, `es`); `es/01-tenants.md` with `es`
/// among `langs` → the same.
pub fn name(path: &Path, langs: &[String]) -> (String, Option<String>) {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    if let Some((base, code)) = stem.rsplit_once('.') {
        if !base.is_empty() && is_language(code) {
            return (base.to_string(), Some(code.to_string()));
        }
    }
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    match folder {
        Some(f) if langs.contains(&f) => (stem, Some(f)),
        _ => (stem, None),
    }
}

/// A language code mimeo knows (ISO 639-1, with a region or not).
fn is_language(code: &str) -> bool {
    let primary = code.split('-').next().unwrap_or("");
    primary.len() == 2
        && crate::hyphenate::is_valid_tag(code)
        && crate::hyphenate::unknown_language(code).is_none()
}

/// The folders named for `langs` inside the input folders: where an
/// edition's articles may be kept (`content/es/`).
pub fn language_folders(inputs: &[PathBuf], langs: &[String]) -> Vec<PathBuf> {
    inputs
        .iter()
        .filter(|i| i.is_dir())
        .flat_map(|i| langs.iter().map(move |l| i.join(l)))
        .filter(|p| p.is_dir())
        .collect()
}

/// An article's versions: the language its file name gives, and the article.
type Versions<'a> = Vec<(Option<String>, &'a Article)>;

/// What an edition prints: one version of each article, in the order the
/// articles first come, named by their shared id.
pub struct Chosen {
    pub articles: Vec<Article>,
    /// Articles with no version in the edition's language: id and the
    /// language printed instead.
    pub missing: Vec<(String, String)>,
}

/// Each article's version for `lang` (none: each unsuffixed version, as a
/// build without editions has it); `default_lang` is the spec's, for
/// articles that do not say theirs.
pub fn choose(
    articles: &[Article],
    langs: &[String],
    lang: Option<&str>,
    default_lang: &str,
) -> Chosen {
    // The ids in the order they first come, with their versions. Two
    // files of one id and language stay apart: the build refuses them.
    let mut ids: Vec<(String, Versions)> = Vec::new();
    for a in articles {
        let (id, named) = name(&a.path, langs);
        let entry = ids
            .iter_mut()
            .find(|(i, versions)| *i == id && versions.iter().all(|(n, _)| *n != named));
        match entry {
            Some((_, versions)) => versions.push((named, a)),
            None => ids.push((id, vec![(named, a)])),
        }
    }
    let mut chosen = Chosen {
        articles: Vec::with_capacity(ids.len()),
        missing: Vec::new(),
    };
    for (id, versions) in ids {
        let own = |named: &Option<String>, a: &Article| {
            named
                .clone()
                .or_else(|| a.meta.lang.clone())
                .unwrap_or_else(|| default_lang.to_string())
        };
        let base = versions
            .iter()
            .find(|(named, _)| named.is_none())
            .or(versions.first());
        let pick = match lang {
            None => base,
            Some(l) => {
                let same = |v: &&(Option<String>, &Article)| own(&v.0, v.1) == l;
                // A version named for the language first, then one in it.
                let found = versions
                    .iter()
                    .find(|v| v.0.as_deref() == Some(l))
                    .or_else(|| versions.iter().find(same));
                // An article in one language only, and that none of the
                // editions' (the news in brief in Arabic), is meant for
                // every edition as it is.
                let for_all = |named: &Option<String>, a: &Article| {
                    versions.len() == 1 && !langs.contains(&own(named, a))
                };
                if found.is_none() {
                    if let Some((named, a)) = base.filter(|(n, a)| !for_all(n, a)) {
                        chosen.missing.push((id.clone(), own(named, a)));
                    }
                }
                found.or(base)
            }
        };
        if let Some((named, a)) = pick {
            let mut article = (*a).clone();
            article.id = id.clone();
            // Its own language, whatever the edition's: an English story
            // printed in the Spanish edition is hyphenated as English.
            if article.meta.lang.is_none() {
                article.meta.lang = Some(own(named, a));
            }
            chosen.articles.push(article);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, text: &str) -> Article {
        crate::article::parse(Path::new(path), text).unwrap()
    }

    #[test]
    fn a_version_is_named_by_suffix_or_folder() {
        let langs = vec!["en".to_string(), "es".to_string()];
        assert_eq!(
            name(Path::new("c/01-tenants.es.md"), &langs),
            ("01-tenants".into(), Some("es".into()))
        );
        assert_eq!(
            name(Path::new("c/es/01-tenants.md"), &langs),
            ("01-tenants".into(), Some("es".into()))
        );
        assert_eq!(name(Path::new("c/story.v2.md"), &langs).1, None);
        assert_eq!(
            name(Path::new("c/story.md"), &langs),
            ("story".into(), None)
        );
    }

    #[test]
    fn each_edition_takes_its_language_and_says_what_is_missing() {
        let langs = vec!["en".to_string(), "es".to_string()];
        let all = vec![
            article("c/a.md", "Strike."),
            article("c/a.es.md", "Huelga."),
            article("c/b.md", "+++\nlang = \"es\"\n+++\nLimpieza."),
            article("c/b.en.md", "Cleaning."),
            article("c/c.md", "Only English."),
            article("c/d.md", "+++\nlang = \"ar\"\n+++\nبالعربية."),
        ];
        let text = |c: &Chosen| -> Vec<String> {
            c.articles
                .iter()
                .map(|a| format!("{}:{}", a.id, a.blocks[0].text()))
                .collect()
        };
        let es = choose(&all, &langs, Some("es"), "en");
        assert_eq!(
            text(&es),
            ["a:Huelga.", "b:Limpieza.", "c:Only English.", "d:بالعربية."]
        );
        // The Arabic story, in no edition's language, is for all of them.
        assert_eq!(es.missing, vec![("c".to_string(), "en".to_string())]);
        assert_eq!(es.articles[0].meta.lang.as_deref(), Some("es"));
        // The English story printed in the Spanish edition stays English.
        assert_eq!(es.articles[2].meta.lang.as_deref(), Some("en"));
        let en = choose(&all, &langs, Some("en"), "en");
        assert_eq!(
            text(&en),
            ["a:Strike.", "b:Cleaning.", "c:Only English.", "d:بالعربية."]
        );
        assert!(en.missing.is_empty());
        // Without editions: each article as written, translations aside.
        let plain = choose(&all, &[], None, "en");
        assert_eq!(
            text(&plain),
            ["a:Strike.", "b:Limpieza.", "c:Only English.", "d:بالعربية."]
        );
    }
}
