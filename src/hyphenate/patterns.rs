//! A language's Liang patterns as a trie of our own, built once per language
//! per process from the `hyphenation` crate's dictionary, and scored exactly
//! as the crate scores them (a test compares the two word for word).
//!
//! The crate keeps its patterns in an fst: compact, but each byte of a walk
//! decodes a node, and a word costs some 10,000 instructions. Here a walk
//! step is one look-up in a hash map from (node, byte) to node. The crate's
//! fields are private; its serde form (bincode, as the crate itself stores
//! it) is read for the tallies and the fst, whose paths are then walked once.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use fst::raw::Output;
use hyphenation::{Language, Load as _, Standard};
use rustc_hash::FxHashMap;

/// A loaded dictionary: the crate's (for its exceptions and minima) and,
/// once enough words have been looked up to pay for it, the trie.
pub struct Dictionary {
    pub standard: Standard,
    /// Words looked up in the crate's fst so far.
    looked_up: AtomicUsize,
    /// Whether a thread has taken on building the trie.
    building: AtomicBool,
    /// The trie, if it has been built; `None` inside if the patterns could
    /// not be read.
    trie: OnceLock<Option<Patterns>>,
}

/// Building the trie costs as much as looking up some 350 words in the
/// crate's fst (3.2 million instructions for English). Built after the
/// first 128 words, it costs nothing to a build of a few words (a one-line
/// test, a small notice: a third of such a build's instructions), and a
/// long build pays about 1 million instructions for the words before it.
const TRIE_AFTER: usize = 128;

impl Dictionary {
    /// The trie to look the next word up in, or `None` for the crate's fst:
    /// the trie is built at the first word after [`TRIE_AFTER`], by the
    /// thread that reaches it first; other threads go on with the fst while
    /// it is being built, rather than wait (both give the same points).
    pub fn patterns(&self) -> Option<&Patterns> {
        if let Some(trie) = self.trie.get() {
            return trie.as_ref();
        }
        if self.looked_up.fetch_add(1, Ordering::Relaxed) < TRIE_AFTER
            || self.building.swap(true, Ordering::AcqRel)
        {
            return None;
        }
        self.trie()
    }

    /// The trie, built now if it was not yet.
    fn trie(&self) -> Option<&Patterns> {
        self.trie
            .get_or_init(|| Patterns::from_standard(&self.standard))
            .as_ref()
    }
}

/// Loads `lang`'s dictionary and builds its trie on this thread, unless
/// another thread has begun to: for a build that will look up enough words
/// to need the trie, done ahead while the build is still reading, so that
/// the typesetting threads find it made (until it is, they use the fst).
pub fn prepare(lang: Language) {
    if let Some(d) = dictionary(lang) {
        if !d.building.swap(true, Ordering::AcqRel) {
            d.trie();
        }
    }
}

/// Dictionaries loaded so far in this process, shared by every thread.
static LOADED: Mutex<Vec<(Language, Option<Arc<Dictionary>>)>> = Mutex::new(Vec::new());

/// `lang`'s dictionary, loaded at its first use in the process; `None` if
/// the crate has none.
pub fn dictionary(lang: Language) -> Option<Arc<Dictionary>> {
    // A poisoned lock only means another thread panicked while loading:
    // what is in the list is whole.
    let mut loaded = LOADED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, d)) = loaded.iter().find(|(l, _)| *l == lang) {
        return d.clone();
    }
    let d = Standard::from_embedded(lang).ok().map(|standard| {
        Arc::new(Dictionary {
            standard,
            looked_up: AtomicUsize::new(0),
            building: AtomicBool::new(false),
            trie: OnceLock::new(),
        })
    });
    loaded.push((lang, d.clone()));
    d
}

/// Liang's patterns: a trie whose nodes carry the tally of the pattern that
/// ends there.
pub struct Patterns {
    /// `node << 8 | byte` → the child node; the root is node 0.
    edges: FxHashMap<u32, u32>,
    /// Each node's tally: a range of `loci` (empty where no pattern ends).
    tallies: Vec<(u32, u32)>,
    /// (position from the pattern's start, value) pairs.
    loci: Vec<(u8, u8)>,
}

impl Patterns {
    /// The trie of `standard`'s patterns, or `None` if its serde form is not
    /// the one this reads (the crate's hyphenation is used then).
    pub fn from_standard(standard: &Standard) -> Option<Patterns> {
        let bytes = bincode::serialize(standard).ok()?;
        let mut r = Reader(&bytes);
        r.take(4)?; // the language
        let count = r.len()?;
        let mut ranges = Vec::with_capacity(count.min(1 << 16));
        let mut loci = Vec::new();
        for _ in 0..count {
            let n = r.len()?;
            let start = u32::try_from(loci.len()).ok()?;
            for pair in r.take(n.checked_mul(2)?)?.chunks_exact(2) {
                loci.push((pair[0], pair[1]));
            }
            ranges.push((start, u32::try_from(loci.len()).ok()?));
        }
        let fst_len = r.len()?;
        let fst = fst::raw::Fst::new(r.take(fst_len)?).ok()?;
        // The fst's paths, walked depth first: each edge of the trie is
        // made once (the fst shares suffixes; the trie does not).
        let mut patterns = Patterns {
            edges: FxHashMap::with_capacity_and_hasher(fst_len / 3, Default::default()),
            tallies: vec![(0, 0)],
            loci,
        };
        let mut stack = vec![(fst.root().addr(), 0u32, Output::zero())];
        while let Some((addr, ours, out)) = stack.pop() {
            let node = fst.node(addr);
            if node.is_final() {
                let id = usize::try_from(out.cat(node.final_output()).value()).ok()?;
                patterns.tallies[ours as usize] = *ranges.get(id)?;
            }
            for t in node.transitions() {
                let child = u32::try_from(patterns.tallies.len()).ok()?;
                if child >= 1 << 24 {
                    return None;
                }
                patterns.tallies.push((0, 0));
                patterns.edges.insert(ours << 8 | u32::from(t.inp), child);
                stack.push((t.addr, child, out.cat(t.out)));
            }
        }
        Some(patterns)
    }

    /// Byte offsets in `word` (lowercase, without soft hyphens) where its
    /// patterns allow a break, between the crate's bounds `(left, right)`:
    /// what the crate's `opportunities_within` returns.
    pub fn opportunities(&self, word: &str, (left, right): (usize, usize)) -> Vec<usize> {
        let w = word.as_bytes();
        let n = w.len();
        let mut values = vec![0u8; n.saturating_sub(1)];
        // The word between dots, as the patterns see it.
        let m = n + 2;
        let at = |j: usize| if j == 0 || j == m - 1 { b'.' } else { w[j - 1] };
        for i in 0..m - 1 {
            let mut node = 0u32;
            for j in i..m {
                match self.edges.get(&(node << 8 | u32::from(at(j)))) {
                    Some(&next) => node = next,
                    None => break,
                }
                let (s, e) = self.tallies[node as usize];
                for &(index, value) in &self.loci[s as usize..e as usize] {
                    let k = i + usize::from(index);
                    if k > 1 && k <= n && value > values[k - 2] {
                        values[k - 2] = value;
                    }
                }
            }
        }
        (1..n)
            .filter(|&i| {
                values[i - 1] % 2 == 1 && i >= left && i <= right && word.is_char_boundary(i)
            })
            .collect()
    }
}

/// Reads bincode's fixed-width form: little-endian `u64` lengths.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn len(&mut self) -> Option<usize> {
        let b: [u8; 8] = self.take(8)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(b)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyphenation::Hyphenator as _;

    /// Words the crate and the trie are compared on: the repository's
    /// articles, and random strings over the language's letters.
    fn words(alphabet: &str) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
        let mut dirs = vec![std::path::PathBuf::from(content)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    words.extend(
                        text.split(|c: char| !c.is_alphabetic())
                            .filter(|w| !w.is_empty())
                            .map(str::to_lowercase),
                    );
                }
            }
        }
        let letters: Vec<char> = alphabet.chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..4_000 {
            let mut w = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 14 + 1) {
                let r = seed.rotate_left(k as u32 * 5) ^ (k * 0x9e37_79b9);
                w.push(letters[(r % letters.len() as u64) as usize]);
            }
            words.push(w);
        }
        words.sort_unstable();
        words.dedup();
        words
    }

    #[test]
    fn the_trie_breaks_every_word_where_the_crate_does() {
        let languages = [
            (Language::EnglishUS, "etaoinshrdlucmfwypvbgkjqxz'"),
            (Language::Spanish, "eaosrnidlctumpbgvyqhfzjñxkwáéíóúü"),
            (Language::German1996, "enisratdhulcgmobwfkzpvüäößjyxq"),
            (Language::French, "esaitnrulodcpmévqfbghjàxèyêzçôùâûîœëï'"),
            (Language::Portuguese, "aeosrinmdtucplvgqbfhãçéáêíóõúâàzjx"),
        ];
        for (lang, alphabet) in languages {
            let d = dictionary(lang).expect("an embedded dictionary");
            let patterns = d.trie().expect("the patterns read");
            let mut broken = 0;
            for w in words(alphabet) {
                let crate_breaks = d.standard.hyphenate(&w).breaks;
                let ours = match d.standard.boundaries(&w) {
                    None => vec![],
                    Some(bounds) => d
                        .standard
                        .exception(&w)
                        .unwrap_or_else(|| patterns.opportunities(&w, bounds)),
                };
                assert_eq!(ours, crate_breaks, "{lang:?}: {w}");
                broken += usize::from(!ours.is_empty());
            }
            assert!(broken > 500, "{lang:?}: only {broken} words broken");
        }
    }

    #[test]
    fn the_trie_is_built_only_after_enough_words() {
        let d = dictionary(Language::Catalan).expect("Catalan");
        for _ in 0..TRIE_AFTER {
            assert!(d.patterns().is_none());
        }
        assert!(d.patterns().is_some() && d.patterns().is_some());
    }

    #[test]
    fn a_prepared_dictionary_has_its_trie_from_the_first_word() {
        // (Italian: no other test loads it, so nothing has built it yet.)
        let d = dictionary(Language::Italian).expect("Italian");
        assert!(d.trie.get().is_none());
        prepare(Language::Italian);
        assert!(d.trie.get().is_some_and(Option::is_some));
        assert_eq!(d.looked_up.load(Ordering::Relaxed), 0);
        assert!(d.patterns().is_some());
    }

    #[test]
    fn a_dictionary_loads_once_and_is_shared() {
        let a = dictionary(Language::Spanish).expect("Spanish");
        let b = dictionary(Language::Spanish).expect("Spanish");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
