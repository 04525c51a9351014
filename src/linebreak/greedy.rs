//! First-fit line breaking: each line takes as much as fits, with spaces shrunk
//! to their minimum if need be. A placeholder for total-fit breaking.

use super::items::{Item, FORCE};

/// Break positions (indices of the glue or penalty items broken at) for lines of
/// `width`; the last is always the paragraph's final forced break.
pub fn break_lines(items: &[Item], width: f32) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let b = next_break(items, start, width);
        breaks.push(b);
        start = b + 1;
    }
    breaks
}

fn next_break(items: &[Item], start: usize, width: f32) -> usize {
    let (mut natural, mut shrink) = (0.0f32, 0.0f32);
    let mut last_fit: Option<usize> = None;
    let mut seen_box = false;
    for (i, item) in items.iter().enumerate().skip(start) {
        match item {
            Item::Box { width: w, .. } => {
                natural += w;
                seen_box = true;
            }
            Item::Glue {
                width: w,
                shrink: s,
                ..
            } => {
                if seen_box && matches!(items.get(i.wrapping_sub(1)), Some(Item::Box { .. })) {
                    if natural - shrink <= width {
                        last_fit = Some(i);
                    } else {
                        return last_fit.unwrap_or(i);
                    }
                }
                if seen_box {
                    natural += w;
                    shrink += s;
                }
            }
            Item::Penalty { width: w, cost, .. } => {
                if *cost <= FORCE {
                    return if natural - shrink <= width || last_fit.is_none() {
                        i
                    } else {
                        last_fit.unwrap_or(i)
                    };
                }
                if seen_box {
                    if natural + w - shrink <= width {
                        last_fit = Some(i);
                    } else {
                        return last_fit.unwrap_or(i);
                    }
                }
            }
        }
    }
    items.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: f32) -> Item {
        Item::Box {
            width: w,
            glyphs: 0..0,
        }
    }
    fn space() -> Item {
        Item::Glue {
            width: 3.0,
            stretch: 1.0,
            shrink: 1.0,
            glyphs: 0..0,
        }
    }
    fn end() -> Vec<Item> {
        vec![
            Item::Glue {
                width: 0.0,
                stretch: 1e6,
                shrink: 0.0,
                glyphs: 0..0,
            },
            Item::Penalty {
                width: 0.0,
                cost: FORCE,
                flagged: false,
            },
        ]
    }

    #[test]
    fn fills_lines_first_fit() {
        let mut items = vec![word(10.0), space(), word(10.0), space(), word(10.0)];
        items.extend(end());
        // 10 + 3 + 10 = 23 fits in 24; adding 3 + 10 does not.
        let b = break_lines(&items, 24.0);
        assert_eq!(b, vec![3, 6]);
    }

    #[test]
    fn shrinking_lets_one_more_word_in() {
        let mut items = vec![word(10.0), space(), word(10.0)];
        items.extend(end());
        assert_eq!(break_lines(&items, 22.0), vec![4]);
    }

    #[test]
    fn an_overlong_word_gets_a_line_of_its_own() {
        let mut items = vec![word(50.0), space(), word(5.0)];
        items.extend(end());
        assert_eq!(break_lines(&items, 20.0), vec![1, 4]);
    }
}
