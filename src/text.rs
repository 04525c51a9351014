//! Facts about characters and languages that several stages share: which
//! scripts and languages run right to left.

/// Whether `c` is a letter of a right-to-left script (Hebrew, Arabic,
/// Syriac, Thaana…) or a mark that opens right-to-left text.
pub fn is_right_to_left(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R, RLE, RLI, RLO};
    !c.is_ascii() && matches!(unicode_bidi::bidi_class(c), R | AL | RLE | RLO | RLI)
}

/// Whether `c` is Korean: a Hangul syllable or letter (jamo).
pub fn is_hangul(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xD7B0..=0xD7FF
    )
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

/// Whether a paragraph of `text` in language `lang` runs right to left: its
/// language does, or its first letter of a strong direction is Arabic,
/// Hebrew or another right-to-left script (UAX #9 rule P2: an Arabic
/// line in an English leaflet's caption starts at the right).
pub fn is_rtl_paragraph(lang: &str, text: &str) -> bool {
    use unicode_bidi::BidiClass;
    is_rtl_language(lang)
        || text
            .chars()
            .map(unicode_bidi::bidi_class)
            .find(|c| matches!(c, BidiClass::L | BidiClass::R | BidiClass::AL))
            .is_some_and(|c| c != BidiClass::L)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_runs_the_way_of_its_language_or_its_first_letter() {
        assert!(is_rtl_paragraph("ar", "Northgate يوم"));
        assert!(is_rtl_paragraph("en", "«الإصلاح حقنا» · Repairs"));
        assert!(is_rtl_paragraph("en", "12: שביתה"));
        assert!(!is_rtl_paragraph("en", "Repairs · الإصلاح حقنا"));
        assert!(!is_rtl_paragraph("en", "12 — 13"));
        assert!(!is_rtl_paragraph("hi", "गोदाम में हड़ताल"));
    }
}
