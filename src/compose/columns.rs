//! Stacking down one column: flow elements on the baseline grid, keeping
//! crossheads and first lines with what follows. `segments` fills and
//! balances a placement's columns with it.

/// Something stacked in a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    pub height: f32,
    /// Space above it, dropped at the top of a column.
    pub space_before: f32,
    /// Body lines snap to the baseline grid.
    pub on_grid: bool,
    /// Must not end a column (crossheads, a paragraph's first line).
    pub keep_with_next: bool,
    /// The keep may give way where columns cannot otherwise end level
    /// (widow and orphan rules; not crossheads or hyphenated lines).
    pub soft: bool,
}

/// The height of slots stacked one after another, their space included.
pub fn stacked_height(slots: &[Slot]) -> f32 {
    slots.iter().map(|s| s.height + s.space_before).sum()
}

/// The baseline grid: lines start at `origin + k * step`.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    pub origin: f32,
    pub step: f32,
}

impl Grid {
    /// The first grid position at or below `y`.
    pub fn snap(&self, y: f32) -> f32 {
        let k = ((y - self.origin) / self.step - 1e-3).ceil();
        self.origin + k.max(0.0) * self.step
    }

    /// The last grid position at or above `y`.
    pub fn floor(&self, y: f32) -> f32 {
        let k = ((y - self.origin) / self.step + 1e-3).floor();
        self.origin + k.max(0.0) * self.step
    }
}

/// Stacks slots from `from` into a column spanning `top..bottom`; returns the
/// index after the last slot placed and the top of each placed slot. At least
/// one slot is placed when the column is empty, even if it does not fit.
/// With `relax`, soft keeps do not hold a line back.
pub fn fill_relaxed(
    slots: &[Slot],
    from: usize,
    top: f32,
    bottom: f32,
    grid: Grid,
    relax: bool,
) -> (usize, Vec<f32>) {
    let mut y = top;
    let mut tops = Vec::new();
    let mut i = from;
    while i < slots.len() {
        let s = &slots[i];
        let mut t = if tops.is_empty() {
            y
        } else {
            y + s.space_before
        };
        if s.on_grid {
            t = grid.snap(t);
        }
        let fits = t + s.height <= bottom + 0.01;
        if !fits && !tops.is_empty() {
            break;
        }
        tops.push(t);
        y = t + s.height;
        i += 1;
        if !fits {
            break;
        }
    }
    // Do not leave a keep-with-next slot at the foot of the column.
    while i < slots.len()
        && tops.len() > 1
        && slots[i - 1].keep_with_next
        && !(relax && slots[i - 1].soft)
    {
        i -= 1;
        tops.pop();
    }
    (i, tops)
}

/// A plain body line 10 high, for tests.
#[cfg(test)]
pub fn test_line() -> Slot {
    Slot {
        height: 10.0,
        space_before: 0.0,
        on_grid: true,
        keep_with_next: false,
        soft: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> Slot {
        test_line()
    }

    const GRID: Grid = Grid {
        origin: 0.0,
        step: 10.0,
    };

    #[test]
    fn fills_until_the_foot() {
        let slots = vec![line(); 5];
        let (next, tops) = fill_relaxed(&slots, 0, 0.0, 30.0, GRID, false);
        assert_eq!(next, 3);
        assert_eq!(tops, vec![0.0, 10.0, 20.0]);
    }

    #[test]
    fn keeps_a_crosshead_with_the_next_line() {
        let mut slots = vec![line(); 4];
        slots[2].keep_with_next = true;
        let (next, _) = fill_relaxed(&slots, 0, 0.0, 30.0, GRID, false);
        assert_eq!(next, 2);
    }

    #[test]
    fn snaps_to_the_grid_after_off_grid_space() {
        let slots = vec![
            Slot {
                height: 15.0,
                on_grid: false,
                ..line()
            },
            line(),
        ];
        let (_, tops) = fill_relaxed(&slots, 0, 0.0, 100.0, GRID, false);
        assert_eq!(tops, vec![0.0, 20.0]);
    }
}
