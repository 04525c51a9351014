//! Facts about characters that the input readers share: which scripts run
//! right to left (mimeo cannot yet set them, so the readers refuse them at
//! their line rather than print them backwards).

use std::path::Path;

use crate::diag::Error;

/// Whether `c` is a letter of a right-to-left script (Hebrew, Arabic,
/// Syriac, Thaana…), which mimeo cannot yet set in its order.
pub fn is_right_to_left(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R, RLE, RLI, RLO};
    !c.is_ascii() && matches!(unicode_bidi::bidi_class(c), R | AL | RLE | RLO | RLI)
}

/// The error for right-to-left letter `c` found at byte `at` of a file's
/// `text`.
pub fn right_to_left_error(path: &Path, text: &str, at: usize, c: char) -> Error {
    Error::at(path, text, at..at + c.len_utf8(), right_to_left_message(c))
        .with_help(RIGHT_TO_LEFT_HELP)
}

/// What the error for right-to-left text says.
pub fn right_to_left_message(c: char) -> String {
    format!(
        "right-to-left text (`{c}`, U+{:04X}) cannot be set yet; mimeo would print it backwards",
        u32::from(c)
    )
}

/// How to get on without it.
pub const RIGHT_TO_LEFT_HELP: &str =
    "set this passage with another tool for now, or write it in transliteration";
