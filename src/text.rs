//! Facts about characters and languages that several stages share: which
//! scripts and languages run right to left.

/// Whether `c` is a letter of a right-to-left script (Hebrew, Arabic,
/// Syriac, Thaana…) or a mark that opens right-to-left text.
pub fn is_right_to_left(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R, RLE, RLI, RLO};
    !c.is_ascii() && matches!(unicode_bidi::bidi_class(c), R | AL | RLE | RLO | RLI)
}

/// The language of a BCP 47 tag without its region or script, lower case
/// (`es` for `es-MX`, `pt` for `pt_BR`).
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether text in language `lang` (a BCP 47 tag) runs right to left:
/// Arabic, Persian, Urdu, Pashto, Sindhi, Uyghur, Kurdish (Sorani),
/// Dhivehi, Hebrew, Yiddish, Syriac.
pub fn is_rtl_language(lang: &str) -> bool {
    let primary = primary_language(lang);
    matches!(
        primary.as_str(),
        "ar" | "fa" | "ur" | "ps" | "sd" | "ug" | "ckb" | "dv" | "he" | "iw" | "yi" | "syr"
    )
}

/// Whether writing in `lang` breaks lines without hyphens: Chinese,
/// Japanese, Korean, Thai, Lao, Khmer, Burmese.
pub fn never_hyphenated(lang: &str) -> bool {
    let primary = primary_language(lang);
    matches!(
        primary.as_str(),
        "zh" | "ja" | "ko" | "th" | "lo" | "km" | "my"
    )
}

/// Characters that print nothing and need no glyph (soft hyphen, joiners,
/// variation selectors).
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}'
    )
}
