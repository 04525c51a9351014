//! Named paper sizes, in points, portrait.

/// `(name, width, height)` in points; names are matched case-insensitively.
pub const PAPERS: [(&str, f32, f32); 9] = [
    ("A3", 297.0 * MM, 420.0 * MM),
    ("A4", 210.0 * MM, 297.0 * MM),
    ("A5", 148.0 * MM, 210.0 * MM),
    ("A6", 105.0 * MM, 148.0 * MM),
    ("Letter", 8.5 * 72.0, 11.0 * 72.0),
    ("Half-Letter", 5.5 * 72.0, 8.5 * 72.0),
    ("Legal", 8.5 * 72.0, 14.0 * 72.0),
    ("Tabloid", 11.0 * 72.0, 17.0 * 72.0),
    ("Berliner", 315.0 * MM, 470.0 * MM),
];

const MM: f32 = 72.0 / 25.4;

/// Looks a paper up by name: `Some((width, height))` in points, portrait.
pub fn paper_size(name: &str) -> Option<(f32, f32)> {
    PAPERS
        .iter()
        .find(|(n, _, _)| n.eq_ignore_ascii_case(name.trim()))
        .map(|&(_, w, h)| (w, h))
}

/// The smallest named paper that holds `w` × `h` points, either way up
/// (within half a millimetre), as `(width, height)` portrait.
pub fn smallest_holding(w: f32, h: f32) -> Option<(f32, f32)> {
    let slack = 0.5 * MM;
    let (a, b) = (w.min(h), w.max(h));
    PAPERS
        .iter()
        .filter(|&&(_, pw, ph)| pw + slack >= a && ph + slack >= b)
        .min_by(|x, y| (x.1 * x.2).total_cmp(&(y.1 * y.2)))
        .map(|&(_, pw, ph)| (pw, ph))
}

/// The valid names, for error messages.
pub fn paper_names() -> String {
    PAPERS
        .iter()
        .map(|(n, _, _)| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_case_insensitive() {
        assert_eq!(super::paper_size("tabloid"), Some((792.0, 1224.0)));
        assert!(super::paper_size("A4").is_some());
        assert!(super::paper_size("A7").is_none());
    }
}
