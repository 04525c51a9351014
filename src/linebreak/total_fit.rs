//! Total-fit line breaking (Knuth & Plass, "Breaking Paragraphs into Lines",
//! 1981): of all ways to break a paragraph, choose the one with the least total
//! demerits. Dynamic programming over feasible breakpoints; the active list is
//! pruned as lines become overfull, so the work stays close to linear.

use super::items::{Item, Sums, FORCE};
use super::protrude::Hang;

/// The knobs of the breaker.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Largest adjustment ratio a line may have (1 = all stretch used).
    pub tolerance: f32,
    /// Added to every line's badness before squaring (favours fewer lines).
    pub line_penalty: f32,
    /// Extra demerits for two hyphenated lines in a row.
    pub double_hyphen: f32,
    /// Extra demerits for adjacent lines of very different tightness.
    pub fitness: f32,
    /// At most this many hyphenated lines in a row.
    pub max_hyphens: usize,
    /// Set the paragraph this many lines longer (+) or shorter (−) than its
    /// best, when that is possible within tolerance (for copyfitting).
    pub looseness: i32,
    /// For ragged text: a change of line length greater than this (points)
    /// is a step, and two steps the same way (a staircase or wedge in the
    /// rag) cost `rag_demerits`. `None` for justified text.
    pub rag_step: Option<f32>,
    pub rag_demerits: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            tolerance: 1.0,
            line_penalty: 10.0,
            double_hyphen: 3000.0,
            fitness: 3000.0,
            max_hyphens: 2,
            looseness: 0,
            rag_step: None,
            rag_demerits: 100000.0,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The item broken at (`usize::MAX` for the paragraph start).
    at: usize,
    /// Sums of width, stretch and shrink before the next line's first item.
    sums: Sums,
    /// Index of the next line's first item.
    start: usize,
    /// Width the next line starts with (a repeated hyphen).
    carry: f32,
    fitness: u8,
    /// How the line's white at the end compares with the line before's:
    /// -1 less, 1 more, 0 about the same (ragged text only).
    trend: i8,
    /// White at the end of the line (ragged text only).
    short: f32,
    hyphens: usize,
    /// Lines so far.
    line: usize,
    demerits: f64,
    prev: Option<usize>,
}

/// Breaks `items` into lines of `width`; returns the indices of the items broken
/// at, the last being the final forced break. Tries strict settings first, then
/// looser ones; the last pass always finds a solution.
/// `hangs` (may be empty) says how far each line edge may protrude.
pub fn break_lines(items: &[Item], hangs: &[Hang], width: f32, params: &Params) -> Vec<usize> {
    if items.is_empty() {
        return Vec::new();
    }
    // Ever looser tolerances: 1.5 and 3 are where word spaces reach 1.5× and
    // 2× their natural width; the last pass is unbounded.
    let passes = [params.tolerance, 1.52, 3.0, f32::INFINITY].map(|t| Params {
        tolerance: t.max(params.tolerance),
        ..*params
    });
    for (n, p) in passes.iter().enumerate() {
        if let Some(breaks) = run(items, hangs, width, p, n + 1 == passes.len()) {
            return breaks;
        }
    }
    vec![items.len() - 1]
}

fn is_break(items: &[Item], i: usize) -> bool {
    match &items[i] {
        Item::Penalty { cost, .. } => *cost < -FORCE,
        Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
        Item::Box { .. } => false,
    }
}

/// What breaking at `item` adds: the width it brings to the line's end (a
/// hyphen), its cost, and whether it is flagged (a hyphen). Glue adds nothing.
fn break_terms(item: &Item) -> (f32, f32, bool) {
    match item {
        Item::Penalty {
            width,
            cost,
            flagged,
        } => (*width, *cost, *flagged),
        _ => (0.0, 0.0, false),
    }
}

/// Badness of a line with adjustment ratio `r` (TeX's 100 r³).
pub fn badness(r: f32) -> f32 {
    100.0 * r.abs().powi(3)
}

/// Fitness class: 0 tight, 1 decent, 2 loose, 3 very loose.
fn fitness(r: f32) -> u8 {
    if r < -0.5 {
        0
    } else if r <= 0.5 {
        1
    } else if r <= 1.0 {
        2
    } else {
        3
    }
}

/// Demerits of one line ending at a break of `cost` with ratio `r`. Badness
/// is not capped, so even among very loose lines the less loose one wins.
pub fn line_demerits(r: f32, cost: f32, params: &Params) -> f64 {
    let bad = 100.0 * f64::from(r.abs()).powi(3);
    let base = f64::from(params.line_penalty) + bad;
    let mut d = base * base;
    let c = f64::from(cost);
    if cost > 0.0 {
        d += c * c;
    } else if cost > FORCE {
        d -= c * c;
    }
    d
}

/// How far a line's word spaces must stretch or shrink, as an adjustment
/// ratio: all stretch (glue `y`, boxes `yb`) moves together up to its limit;
/// past that the word spaces and the emergency letter spacing (`ye`) share
/// the excess, and the ratio says how far the spaces go.
pub fn space_ratio(w: f32, y: f32, yb: f32, ye: f32, z: f32, width: f32) -> f32 {
    let r = ratio(w, y + yb, z, width);
    if r > 1.0 && y > 0.0 {
        let excess = width - w - y - yb;
        1.0 + (excess - emergency_share(excess, y, ye)) / y
    } else {
        r
    }
}

/// Of the `excess` width a line has beyond all its justification bounds,
/// the part its letters take: a share in proportion to their emergency
/// stretch `ye` against the spaces' stretch `y`, at most `ye`. The spaces
/// take the rest, so neither alone opens holes.
pub fn emergency_share(excess: f32, y: f32, ye: f32) -> f32 {
    if excess <= 0.0 || ye <= 0.0 {
        0.0
    } else {
        (excess * ye / (y + ye)).min(ye)
    }
}

/// The adjustment ratio of a line of natural width `w`, stretch `y`, shrink `z`.
pub fn ratio(w: f32, y: f32, z: f32, width: f32) -> f32 {
    if w < width {
        if y > 0.0 {
            (width - w) / y
        } else {
            f32::INFINITY
        }
    } else if w > width {
        if z > 0.0 {
            (width - w) / z
        } else {
            f32::NEG_INFINITY
        }
    } else {
        0.0
    }
}

#[cfg(test)]
pub fn run_pass(items: &[Item], width: f32, p: &Params) -> Option<Vec<usize>> {
    run(items, &[], width, p, false)
}

fn run(
    items: &[Item],
    hangs: &[Hang],
    width: f32,
    p: &Params,
    last_pass: bool,
) -> Option<Vec<usize>> {
    let hang = |i: usize| hangs.get(i).copied().unwrap_or_default();
    // Running sums before each item.
    let mut pre = Vec::with_capacity(items.len() + 1);
    let mut s = Sums::default();
    for item in items {
        pre.push(s);
        s.add(item);
    }
    pre.push(s);
    // Sums at the start of the line that follows a break at `i`.
    let after = |i: usize| {
        let mut j = i + 1;
        while j < items.len()
            && !matches!(items[j], Item::Box { .. })
            && !matches!(items[j], Item::Penalty { cost, .. } if cost <= FORCE)
        {
            j += 1;
        }
        (pre[j], j)
    };

    let mut nodes = vec![Node {
        at: usize::MAX,
        sums: Sums::default(),
        start: 0,
        carry: 0.0,
        fitness: 1,
        trend: 0,
        short: 0.0,
        hyphens: 0,
        line: 0,
        demerits: 0.0,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];
    for b in 0..items.len() {
        if !is_break(items, b) {
            continue;
        }
        let (pen_w, cost, flagged) = break_terms(&items[b]);
        let forced = cost <= FORCE;
        // The best new node per fitness class (and per line count, with looseness).
        let mut best: Vec<Node> = Vec::with_capacity(4);
        let mut k = 0;
        let mut fallback: Option<(usize, f32)> = None;
        while k < active.len() {
            let ai = active[k];
            let a = nodes[ai];
            let line = a.sums.until(&pre[b]);
            // Protrusion at both ends gives the line a little more room.
            let w = line.width + pen_w - hang(b).right - hang(a.start).left + a.carry;
            let (y, yb, z) = (
                line.glue_stretch,
                line.box_stretch,
                line.glue_shrink + line.box_shrink,
            );
            // The spaces the line will have decide whether it may be set at
            // all; its demerits count it as if it had no emergency letter
            // spacing, so that a letter-spaced line stays a last resort.
            let r = space_ratio(w, y, yb, line.box_emergency, z, width);
            let r_plain = if r > 1.0 {
                space_ratio(w, y, yb, 0.0, z, width)
            } else {
                r
            };
            if r < -1.0 || forced {
                active.swap_remove(k);
                if r < -1.0 {
                    // Remember the least overfull line in case nothing fits at all.
                    if fallback.is_none_or(|(_, fr)| r > fr) {
                        fallback = Some((ai, r));
                    }
                    continue;
                }
            } else {
                k += 1;
            }
            // A line must hold something: no break before the line's first item.
            if b <= a.start || r > p.tolerance || (flagged && a.hyphens >= p.max_hyphens) {
                continue;
            }
            let f = fitness(r_plain);
            let mut d = a.demerits + line_demerits(r_plain, cost, p);
            if flagged && a.hyphens > 0 {
                d += f64::from(p.double_hyphen);
            }
            if f.abs_diff(a.fitness) > 1 {
                d += f64::from(p.fitness);
            }
            // The rag: no staircase of three lines, ever longer or shorter.
            let short = width - w;
            let mut trend = 0;
            if let (Some(step), false, true) = (p.rag_step, forced, a.line > 0) {
                let change = short - a.short;
                trend = if change > step {
                    1
                } else if change < -step {
                    -1
                } else {
                    0
                };
                if trend != 0 && trend == a.trend {
                    d += f64::from(p.rag_demerits);
                }
            }
            let line = a.line + 1;
            let hyphens = if flagged { a.hyphens + 1 } else { 0 };
            let node = Node {
                at: b,
                sums: Sums::default(),
                start: 0,
                carry: hang(b).carry,
                fitness: f,
                trend,
                short,
                hyphens,
                line,
                demerits: d,
                prev: Some(ai),
            };
            match best.iter_mut().find(|n| {
                n.fitness == f && n.trend == trend && (p.looseness == 0 || n.line == line)
            }) {
                Some(n) if d < n.demerits => *n = node,
                Some(_) => {}
                None => best.push(node),
            }
        }
        let mut added = false;
        let (sums, start) = after(b);
        for n in best {
            nodes.push(Node { sums, start, ..n });
            active.push(nodes.len() - 1);
            added = true;
        }
        if !added && active.is_empty() {
            // Nothing fits: on the last pass break anyway, overfull.
            let (prev, _) = fallback.filter(|_| last_pass)?;
            let a = nodes[prev];
            nodes.push(Node {
                at: b,
                sums,
                start,
                carry: hang(b).carry,
                fitness: 1,
                trend: 0,
                short: 0.0,
                hyphens: 0,
                line: a.line + 1,
                demerits: a.demerits + 1e9,
                prev: Some(prev),
            });
            active.push(nodes.len() - 1);
        }
    }
    let last = items.len().checked_sub(1)?;
    let finals: Vec<usize> = active
        .iter()
        .copied()
        .filter(|&i| nodes[i].at == last)
        .collect();
    let by_demerits = |&a: &usize, &b: &usize| nodes[a].demerits.total_cmp(&nodes[b].demerits);
    let optimum = finals.iter().copied().min_by(by_demerits)?;
    // With looseness, the line count nearest the optimum's plus the looseness.
    let target = nodes[optimum].line as i64 + i64::from(p.looseness);
    let end = finals.iter().copied().min_by(|a, b| {
        (nodes[*a].line as i64 - target)
            .abs()
            .cmp(&(nodes[*b].line as i64 - target).abs())
            .then(by_demerits(a, b))
    })?;
    let mut breaks = Vec::new();
    let mut cur = Some(end);
    while let Some(i) = cur {
        if nodes[i].at != usize::MAX {
            breaks.push(nodes[i].at);
        }
        cur = nodes[i].prev;
    }
    breaks.reverse();
    Some(breaks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn word(w: f32) -> Item {
        Item::Box {
            width: w,
            stretch: 0.0,
            shrink: 0.0,
            emergency: 0.0,
            glyphs: 0..0,
        }
    }
    fn space() -> Item {
        Item::Glue {
            width: 3.0,
            stretch: 1.5,
            shrink: 1.0,
            glyphs: 0..0,
        }
    }
    fn hyphen() -> Item {
        Item::Penalty {
            width: 2.0,
            cost: 50.0,
            flagged: true,
        }
    }
    fn end() -> [Item; 2] {
        [
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

    /// Total demerits of a break sequence, or `None` if a line is infeasible.
    fn total(items: &[Item], width: f32, breaks: &[usize], p: &Params) -> Option<f64> {
        let (mut start, mut fit, mut hyph, mut sum) = (0usize, 1u8, 0usize, 0.0f64);
        for &b in breaks {
            let s = Sums::of(&items[start..b]);
            let (pw, cost, flagged) = break_terms(&items[b]);
            let r = ratio(
                s.width + pw,
                s.glue_stretch + s.box_stretch,
                s.glue_shrink + s.box_shrink,
                width,
            );
            if !(-1.0..=p.tolerance).contains(&r) || (flagged && hyph >= p.max_hyphens) {
                return None;
            }
            let f = fitness(r);
            sum += line_demerits(r, cost, p);
            if flagged && hyph > 0 {
                sum += f64::from(p.double_hyphen);
            }
            if f.abs_diff(fit) > 1 {
                sum += f64::from(p.fitness);
            }
            fit = f;
            hyph = if flagged { hyph + 1 } else { 0 };
            // The next line starts at the next box (or the final penalty).
            start = b + 1;
            while start < items.len()
                && !matches!(items[start], Item::Box { .. })
                && !matches!(items[start], Item::Penalty { cost, .. } if cost <= FORCE)
            {
                start += 1;
            }
        }
        Some(sum)
    }

    /// Every sequence of legal breaks, each ending with the final break.
    fn every_breaking(items: &[Item]) -> Vec<Vec<usize>> {
        let last = items.len() - 1;
        let legal: Vec<usize> = (0..last).filter(|&i| is_break(items, i)).collect();
        (0u32..(1 << legal.len()))
            .map(|mask| {
                let mut breaks: Vec<usize> = legal
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| mask >> k & 1 == 1)
                    .map(|(_, &b)| b)
                    .collect();
                breaks.push(last);
                breaks
            })
            .collect()
    }

    /// The least total demerits over every sequence of legal breaks.
    fn brute_force(items: &[Item], width: f32, p: &Params) -> Option<f64> {
        every_breaking(items)
            .iter()
            .filter_map(|b| total(items, width, b, p))
            .reduce(f64::min)
    }

    fn paragraph(words: &[(f32, bool)]) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, &(w, hyphenable)) in words.iter().enumerate() {
            if hyphenable {
                items.extend([word(w / 2.0), hyphen(), word(w / 2.0)]);
            } else {
                items.push(word(w));
            }
            if i + 1 < words.len() {
                items.push(space());
            }
        }
        items.extend(end());
        items
    }

    #[test]
    fn prefers_even_lines_to_a_tight_then_loose_pair() {
        // First-fit would cram 3 words onto line one and leave one on line two.
        let items = paragraph(&[(20.0, false), (20.0, false), (20.0, false), (20.0, false)]);
        let breaks = break_lines(&items, &[], 48.0, &Params::default());
        assert_eq!(breaks.len(), 2);
        assert_eq!(breaks[0], 3, "breaks after two words: {breaks:?}");
    }

    /// Ragged text as Knuth & Plass model it: the rag's stretch survives
    /// only at a break.
    fn ragged(words: &[f32], rag: f32) -> Vec<Item> {
        let glue = |width: f32, stretch: f32| Item::Glue {
            width,
            stretch,
            shrink: 0.0,
            glyphs: 0..0,
        };
        let mut items = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            items.push(word(w));
            if i + 1 < words.len() {
                items.extend([
                    glue(0.0, rag),
                    Item::Penalty {
                        width: 0.0,
                        cost: 0.0,
                        flagged: false,
                    },
                    glue(3.0, -rag),
                ]);
            }
        }
        items.extend(end());
        items
    }

    /// Runs of three lines whose ends step the same way by more than `step`.
    fn wedges(items: &[Item], breaks: &[usize], width: f32, step: f32) -> usize {
        let mut ends = Vec::new();
        let mut from = 0;
        for &b in &breaks[..breaks.len() - 1] {
            let s = Sums::of(&items[from..b]);
            ends.push(width - s.width);
            from = b + 1;
            while from < items.len() && !matches!(items[from], Item::Box { .. }) {
                from += 1;
            }
        }
        ends.windows(3)
            .filter(|w| {
                let (a, b) = (w[1] - w[0], w[2] - w[1]);
                (a > step && b > step) || (a < -step && b < -step)
            })
            .count()
    }

    #[test]
    fn the_rag_avoids_staircases() {
        // Word widths from a fixed pseudo-random sequence.
        let mut seed = 7u32;
        let words: Vec<f32> = (0..400)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                8.0 + (seed >> 16) as f32 % 30.0
            })
            .collect();
        let items = ragged(&words, 27.0);
        let plain = Params::default();
        let shaped = Params {
            rag_step: Some(4.5),
            ..plain
        };
        let without = wedges(&items, &break_lines(&items, &[], 130.0, &plain), 130.0, 4.5);
        let with = wedges(
            &items,
            &break_lines(&items, &[], 130.0, &shaped),
            130.0,
            4.5,
        );
        assert!(
            without >= 6,
            "the test text has staircases to avoid: {without}"
        );
        assert!(
            with * 3 <= without,
            "{with} staircases with the rule, {without} without"
        );
    }

    #[test]
    fn nothing_to_break_gives_no_lines() {
        assert!(break_lines(&[], &[], 100.0, &Params::default()).is_empty());
    }

    #[test]
    fn an_overlong_word_still_gets_a_line() {
        let items = paragraph(&[(80.0, false), (10.0, false)]);
        let breaks = break_lines(&items, &[], 40.0, &Params::default());
        assert_eq!(*breaks.last().unwrap(), items.len() - 1);
    }

    /// Line counts some feasible breaking reaches, by enumeration.
    fn feasible_line_counts(items: &[Item], width: f32, p: &Params) -> Vec<usize> {
        let mut counts: Vec<usize> = every_breaking(items)
            .into_iter()
            .filter(|b| total(items, width, b, p).is_some())
            .map(|b| b.len())
            .collect();
        counts.sort_unstable();
        counts.dedup();
        counts
    }

    #[test]
    fn looseness_sets_a_paragraph_a_line_longer_or_shorter_when_it_can() {
        let words: Vec<(f32, bool)> = (0..12).map(|i| (8.0 + (i * 7 % 9) as f32, false)).collect();
        // Spaces that can shrink a lot make the tightest setting costly, so the
        // best one sometimes has a line to spare.
        let items: Vec<Item> = paragraph(&words)
            .into_iter()
            .map(|i| match i {
                Item::Glue {
                    width,
                    stretch,
                    glyphs,
                    ..
                } if stretch < 1e5 => Item::Glue {
                    width,
                    stretch,
                    shrink: 2.5,
                    glyphs,
                },
                other => other,
            })
            .collect();
        let (mut longer, mut shorter) = (false, false);
        for width in (30..=120).map(|w| w as f32) {
            let p = |looseness| Params {
                tolerance: 10.0,
                looseness,
                ..Params::default()
            };
            let lines = |looseness| break_lines(&items, &[], width, &p(looseness)).len();
            let feasible = feasible_line_counts(&items, width, &p(0));
            let best = lines(0);
            if feasible.contains(&(best + 1)) {
                assert_eq!(lines(1), best + 1, "width {width}");
                longer = true;
            }
            if best > 1 && feasible.contains(&(best - 1)) {
                assert_eq!(lines(-1), best - 1, "width {width}");
                shorter = true;
            }
        }
        assert!(longer && shorter, "no width exercised both directions");
    }

    #[test]
    fn at_most_two_hyphens_in_a_row() {
        let words: Vec<(f32, bool)> = (0..40).map(|i| (17.0 + (i % 5) as f32, true)).collect();
        let items = paragraph(&words);
        let breaks = break_lines(&items, &[], 50.0, &Params::default());
        let flagged: Vec<bool> = breaks
            .iter()
            .map(|&b| matches!(items[b], Item::Penalty { flagged: true, .. }))
            .collect();
        assert!(
            flagged.windows(3).all(|w| !(w[0] && w[1] && w[2])),
            "{flagged:?}"
        );
    }

    proptest! {
        #[test]
        fn finds_the_least_demerits_of_all_breakings(
            words in prop::collection::vec((4.0f32..30.0, prop::bool::weighted(0.3)), 1..9),
            width in 40.0f32..110.0,
        ) {
            let items = paragraph(&words);
            let p = Params { max_hyphens: usize::MAX, ..Params::default() };
            if let Some(best) = brute_force(&items, width, &p) {
                let breaks = break_lines(&items, &[], width, &p);
                let got = total(&items, width, &breaks, &p).expect("the breaker's lines are feasible");
                prop_assert!((got - best).abs() <= best.abs() * 1e-6 + 1e-6, "got {got}, best {best}, breaks {breaks:?}");
            }
        }
    }
}
