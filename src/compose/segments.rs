//! Filling a placement's columns. A column is one stretch of text, or two
//! where a pull quote cuts across it; text runs through the stretches in
//! reading order (down the first column, round the quote, on to the next).
//! At a story's end the columns balance: the shallowest common foot, with
//! the columns ending level.

use super::columns::{fill_relaxed, stacked_height, Grid, Slot};

/// A stretch of a column that text flows through.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seg {
    /// The placement's column, from 0.
    pub col: usize,
    pub top: f32,
    pub bottom: f32,
}

/// A pull quote's cut: the columns it spans and its height with its rules.
#[derive(Debug, Clone, Copy)]
pub struct Cut {
    pub first: usize,
    pub last: usize,
    pub height: f32,
}

/// White between a pull quote's rules and the body lines above and below.
pub fn cut_gap(grid: Grid) -> f32 {
    grid.step * 0.6
}

/// The stretches of columns with the given tops ending at `depth`. A cut
/// goes in the middle of its columns' text, on the grid, with at least two
/// lines above it: the stretch above it ends a gap ([`cut_gap`]) over it.
pub fn segments(tops: &[f32], depth: f32, cut: Option<&Cut>, grid: Grid) -> Vec<Seg> {
    let Some(cut) = cut else {
        return tops
            .iter()
            .enumerate()
            .map(|(col, &top)| Seg {
                col,
                top,
                bottom: depth,
            })
            .collect();
    };
    let gap = cut_gap(grid);
    let region = tops[cut.first..=cut.last]
        .iter()
        .copied()
        .fold(f32::MIN, f32::max);
    let whole = cut.height + 2.0 * gap;
    let at = grid
        .snap(region + (depth - region - whole) / 2.0)
        .max(grid.snap(region) + 2.0 * grid.step);
    let mut segs = Vec::with_capacity(tops.len() + cut.last - cut.first + 1);
    for (col, &top) in tops.iter().enumerate() {
        if (cut.first..=cut.last).contains(&col) {
            segs.push(Seg {
                col,
                top,
                bottom: at,
            });
            segs.push(Seg {
                col,
                top: at + whole,
                bottom: depth,
            });
        } else {
            segs.push(Seg {
                col,
                top,
                bottom: depth,
            });
        }
    }
    segs
}

/// Where a fill got to, and the slot tops of each stretch.
pub type Filled = (usize, Vec<Vec<f32>>);

/// Stacks slots into the stretches in order.
pub fn fill(slots: &[Slot], from: usize, segs: &[Seg], grid: Grid, relax: bool) -> Filled {
    let mut i = from;
    let mut out = Vec::with_capacity(segs.len());
    for (k, s) in segs.iter().enumerate() {
        let room = grid.snap(s.top) + grid.step <= s.bottom + 0.01;
        if i >= slots.len() || !room {
            out.push(Vec::new());
            continue;
        }
        let (next, tops) = fill_relaxed(slots, i, s.top, s.bottom, grid, relax);
        // A stretch with room for just one line that must not stand alone (a
        // paragraph's first line, a crosshead) stays empty if another follows;
        // a photo may fill a column.
        if tops.len() == 1
            && slots[i].keep_with_next
            && slots[i].on_grid
            && next < slots.len()
            && k + 1 < segs.len()
        {
            out.push(Vec::new());
            continue;
        }
        i = next;
        out.push(tops);
    }
    (i, out)
}

/// Sets `slots[from..]` in the stretches `segs` (columns from `tops` to
/// `bottom`, round `cut`): balanced if the rest fits, else filled to the
/// foot with `reserve` left at the last column's foot (for a jump line).
pub fn set_columns(
    slots: &[Slot],
    from: usize,
    tops: &[f32],
    cut: Option<&Cut>,
    bottom: f32,
    reserve: f32,
    grid: Grid,
) -> (Filled, Vec<Seg>) {
    let mut segs = segments(tops, bottom, cut, grid);
    let greedy = fill(slots, from, &segs, grid, false);
    if greedy.0 >= slots.len() {
        return balance(slots, from, tops, cut, bottom, grid);
    }
    // A few lines short: balancing may still place them all, letting a
    // widow or orphan rule give way (as it would at any other depth).
    if slots.len() - greedy.0 <= NEAR_LINES * segs.len() {
        let balanced = balance(slots, from, tops, cut, bottom, grid);
        if balanced.0 .0 >= slots.len() {
            return balanced;
        }
    }
    match segs.last_mut() {
        Some(s) if reserve > 0.0 => {
            s.bottom -= reserve;
            (fill(slots, from, &segs, grid, false), segs)
        }
        _ => (greedy, segs),
    }
}

/// A fill this many lines a stretch short of the end is tried balanced.
const NEAR_LINES: usize = 3;

/// Balanced columns are at least this many lines deep (when there is that
/// much text).
const MIN_BALANCED_LINES: f32 = 3.0;

/// Where each column's text ends: its last stretch with text.
pub fn column_ends(segs: &[Seg], filled: &[Vec<f32>], columns: usize) -> Vec<Option<f32>> {
    let mut ends = vec![None; columns];
    for (s, tops) in segs.iter().zip(filled) {
        if let Some(&t) = tops.last() {
            ends[s.col] = Some(t);
        }
    }
    ends
}

/// How far apart the columns' ends are (0 with one column of text).
pub fn spread(segs: &[Seg], filled: &[Vec<f32>], columns: usize) -> f32 {
    let ends: Vec<f32> = column_ends(segs, filled, columns)
        .into_iter()
        .flatten()
        .collect();
    ends.iter().copied().fold(f32::MIN, f32::max) - ends.iter().copied().fold(f32::MAX, f32::min)
}

/// The shallowest common foot at which the rest of the story fits, on the
/// grid, with the columns ending level: within one line of each other, else
/// two, else three, found by searching where each column may end
/// ([`fill_level`]). The widow and orphan rules give way only where the
/// columns cannot otherwise end as level; a crosshead or a hyphenated line
/// never ends a column. Where no foot allows that (too little text to go
/// round), the most even of a few fills. Returns the fill and its stretches.
pub fn balance(
    slots: &[Slot],
    from: usize,
    tops: &[f32],
    cut: Option<&Cut>,
    bottom: f32,
    grid: Grid,
) -> (Filled, Vec<Seg>) {
    let mut best: Option<(f32, Filled, Vec<Seg>)> = None;
    let columns = tops.len();
    // No foot shallower than the one at which the columns' room equals the
    // text's height can hold it; start a little above that.
    let text = stacked_height(&slots[from.min(slots.len())..]);
    let cut_area = cut.map_or(0.0, |c| {
        (c.height + 2.0 * cut_gap(grid)) * (c.last - c.first + 1) as f32
    });
    let even = (text + cut_area + tops.iter().sum::<f32>()) / columns as f32;
    let lowest = tops.iter().copied().fold(f32::INFINITY, f32::min);
    // A few last lines stay in one column rather than one to a column.
    let least = text.min(MIN_BALANCED_LINES * grid.step);
    let start = (grid.snap(lowest) + grid.step)
        .max(grid.snap(even) - 2.0 * grid.step)
        .max(grid.snap(lowest + least - 0.01));
    // The columns' ends within one line of each other, else two, else
    // three; keeping the widow and orphan rules if that can be done.
    for band in 1..=3 {
        for relax in [false, true] {
            let mut depth = start;
            while depth < (bottom + 0.01).min(start + 8.0 * grid.step) {
                let segs = segments(tops, depth, cut, grid);
                let mut failed = std::collections::HashSet::new();
                let floor = band as f32 * grid.step;
                if let Some(level) = fill_level(
                    slots,
                    from,
                    &segs,
                    0,
                    (depth, floor),
                    grid,
                    relax,
                    &mut failed,
                ) {
                    return ((slots.len(), level), segs);
                }
                depth += grid.step;
            }
        }
    }
    // Else (too little text to go round, say) the most even of a few fills.
    for relax in [false, true] {
        let mut depth = start;
        let mut tries = 0;
        while depth < bottom + 0.01 && tries < 4 {
            let segs = segments(tops, depth, cut, grid);
            // Each column but the last may stop at its share of what is
            // left, or up to two lines above or below it.
            let mut attempts = vec![fill(slots, from, &segs, grid, relax)];
            for choice in 0..5u32.pow((columns - 1).min(3) as u32) {
                attempts.push(fill_evenly(
                    slots, from, &segs, columns, choice, grid, relax,
                ));
            }
            let mut fitted = false;
            for attempt in attempts {
                if attempt.0 < slots.len() {
                    continue;
                }
                fitted = true;
                let spread = spread(&segs, &attempt.1, columns);
                if spread <= grid.step + 0.01 {
                    return (attempt, segs);
                }
                if best.as_ref().is_none_or(|(s, ..)| spread < *s - 0.01) {
                    best = Some((spread, attempt, segs.clone()));
                }
            }
            tries += usize::from(fitted || tries > 0);
            depth += grid.step;
        }
    }
    match best {
        Some((_, filled, segs)) => (filled, segs),
        None => {
            let segs = segments(tops, bottom, cut, grid);
            (fill(slots, from, &segs, grid, false), segs)
        }
    }
}

/// Fills stretches `segs[k..]` from slot `i` so that every column's text
/// ends at most `band.1` above `band.0`, the depth (and a stretch above a
/// pull quote as near the quote), every stretch holds text, no keep is broken (soft
/// ones may be, with `relax`) and all the text is placed: a search over
/// where each stretch may end, fuller first, remembering the (stretch,
/// slot) starts that lead nowhere. Returns the slot tops of each stretch.
#[allow(clippy::too_many_arguments)]
fn fill_level(
    slots: &[Slot],
    i: usize,
    segs: &[Seg],
    k: usize,
    band: (f32, f32),
    grid: Grid,
    relax: bool,
    failed: &mut std::collections::HashSet<(usize, usize)>,
) -> Option<Vec<Vec<f32>>> {
    let Some(s) = segs.get(k) else {
        return (i >= slots.len()).then(Vec::new);
    };
    if i >= slots.len() || failed.contains(&(k, i)) {
        return None;
    }
    let last_of_column = segs.get(k + 1).is_none_or(|n| n.col != s.col);
    let floor = if last_of_column { band.0 } else { s.bottom } - band.1 - 0.01;
    let mut tops = Vec::new();
    let mut ends = Vec::new();
    let mut y = s.top;
    for (j, slot) in slots.iter().enumerate().skip(i) {
        let mut t = if tops.is_empty() {
            y
        } else {
            y + slot.space_before
        };
        if slot.on_grid {
            t = grid.snap(t);
        }
        if t + slot.height > s.bottom + 0.01 {
            break;
        }
        tops.push(t);
        y = t + slot.height;
        let held = slot.keep_with_next && !(relax && slot.soft);
        if (j + 1 == slots.len() || !held) && y >= floor {
            ends.push(j + 1);
        }
    }
    for &j in ends.iter().rev() {
        if let Some(mut rest) = fill_level(slots, j, segs, k + 1, band, grid, relax, failed) {
            rest.insert(0, tops[..j - i].to_vec());
            return Some(rest);
        }
    }
    failed.insert((k, i));
    None
}

/// Fills the stretches, each column's last taking only its share of what is
/// left (so the last column is not left short), or a line or two more or
/// less as `choice` says; a stretch above a pull quote fills to the quote.
fn fill_evenly(
    slots: &[Slot],
    from: usize,
    segs: &[Seg],
    columns: usize,
    choice: u32,
    grid: Grid,
    relax: bool,
) -> Filled {
    let mut i = from;
    let mut out = Vec::with_capacity(segs.len());
    for (k, s) in segs.iter().enumerate() {
        let last_of_column = segs.get(k + 1).is_none_or(|n| n.col != s.col);
        let mut seg = *s;
        if last_of_column {
            let left = stacked_height(&slots[i.min(slots.len())..]);
            let share = grid.snap(s.top + left / (columns - s.col) as f32 - 0.01);
            // The column's digit in base 5: its share, or one or two lines
            // more or less.
            let extra = match choice / 5u32.pow(s.col.min(3) as u32) % 5 {
                1 => grid.step,
                2 => -grid.step,
                3 => 2.0 * grid.step,
                4 => -2.0 * grid.step,
                _ => 0.0,
            };
            seg.bottom = (share + extra)
                .max(grid.snap(s.top) + grid.step)
                .min(s.bottom);
        }
        let (next, mut tops) = fill(slots, i, &[seg], grid, relax);
        i = next;
        out.append(&mut tops);
    }
    (i, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRID: Grid = Grid {
        origin: 0.0,
        step: 10.0,
    };

    fn lines(n: usize) -> Vec<Slot> {
        vec![crate::compose::columns::test_line(); n]
    }

    #[test]
    fn a_cut_splits_its_columns_and_text_runs_round_it() {
        let cut = Cut {
            first: 1,
            last: 2,
            height: 25.0,
        };
        let segs = segments(&[0.0; 3], 200.0, Some(&cut), GRID);
        let at = segs[1].bottom + cut_gap(GRID);
        assert_eq!(segs.len(), 5);
        assert_eq!(segs[0].col, 0);
        assert_eq!((segs[1].col, segs[2].col), (1, 1));
        // Centred on the grid, with white both sides.
        assert!(at > 80.0 && at < 100.0, "{at}");
        assert!(segs[1].bottom < at && segs[2].top > at + 25.0);
        let slots = lines(45);
        let (next, filled) = fill(&slots, 0, &segs, GRID, false);
        assert_eq!(next, 45);
        // Text above the quote ends on the grid; below it resumes on the grid.
        let below = filled[2][0];
        assert_eq!(below % 10.0, 0.0);
        assert!(below >= segs[2].top);
    }

    #[test]
    fn balancing_round_a_cut_ends_columns_level() {
        let cut = Cut {
            first: 1,
            last: 1,
            height: 30.0,
        };
        let slots = lines(50);
        let ((next, filled), segs) = balance(&slots, 0, &[0.0; 3], Some(&cut), 500.0, GRID);
        assert_eq!(next, 50);
        let ends = column_ends(&segs, &filled, 3);
        assert!(spread(&segs, &filled, 3) <= 10.0, "{ends:?}");
        // The quote's column has text above and below it.
        assert!(!filled[1].is_empty() && !filled[2].is_empty());
    }

    #[test]
    fn balancing_finds_the_shortest_depth() {
        let ((next, filled), _) = balance(&lines(7), 0, &[0.0; 3], None, 1000.0, GRID);
        assert_eq!(next, 7);
        let lens: Vec<usize> = filled.iter().map(Vec::len).collect();
        // The shortest depth that holds 7 lines in 3 columns is 3 lines.
        assert_eq!(lens.iter().max(), Some(&3));
        assert_eq!(lens.iter().sum::<usize>(), 7);
    }

    #[test]
    fn a_story_that_does_not_fit_fills_to_the_foot_leaving_room_for_the_jump() {
        let ((next, filled), segs) = set_columns(&lines(40), 0, &[0.0; 2], None, 100.0, 10.0, GRID);
        assert_eq!(filled[0].len(), 10);
        assert_eq!(filled[1].len(), 9);
        assert_eq!(next, 19);
        assert_eq!(segs[1].bottom, 90.0);
    }

    #[test]
    fn a_few_last_lines_stay_in_one_column() {
        let ((next, filled), _) = balance(&lines(2), 0, &[0.0; 3], None, 200.0, GRID);
        assert_eq!(next, 2);
        assert_eq!(filled.iter().map(Vec::len).collect::<Vec<_>>(), [2, 0, 0]);
        let ((_, filled), _) = balance(&lines(9), 0, &[0.0; 2], None, 200.0, GRID);
        assert_eq!(filled.iter().map(Vec::len).collect::<Vec<_>>(), [5, 4]);
    }

    #[test]
    fn level_columns_never_end_on_a_held_line() {
        let mut slots = lines(32);
        for k in [10, 21, 22] {
            slots[k].keep_with_next = true;
        }
        let ((next, filled), segs) = balance(&slots, 0, &[0.0; 3], None, 500.0, GRID);
        assert_eq!(next, 32);
        let ends = column_ends(&segs, &filled, 3);
        assert!(spread(&segs, &filled, 3) <= 10.0, "{ends:?}");
        let mut at = 0;
        for col in &filled[..2] {
            at += col.len();
            assert!(
                !slots[at - 1].keep_with_next,
                "a column ends on slot {}",
                at - 1
            );
        }
    }
}
