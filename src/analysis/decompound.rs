//! German decompounding driven by a bundled noun lexicon.
//!
//! The German view emits the parts of a compound after the word itself, at
//! the same position and offsets (see [`super::chain`]), so `Gesundheitskooperationsabkommens` is indexed as
//! itself and as `gesundheit`, `kooperation`, `abkommen`. A split must cover
//! the whole word with lexicon words of at least [`MIN_PART`] letters joined by
//! linking elements (`s`, `es`, `n`, `en`, `er`, `e`, `ens`, `ns`), ending in
//! an optional inflection; among valid splits the one with the fewest parts
//! wins, then the one with the longest parts. That rules out the classic
//! failure `sporthalle` → `sport`, `hall`, `e`: `halle` is longer.
//! Expects lowercase input normalised by `GermanNormalize`.

use std::sync::OnceLock;

use fst::raw::Fst;

/// Shortest lexicon word accepted as a part.
pub const MIN_PART: usize = 4;
/// Shortest word worth splitting.
pub const MIN_COMPOUND: usize = 2 * MIN_PART;
/// Longest word considered (longer tokens are noise such as URLs or hashes).
const MAX_COMPOUND: usize = 64;

/// Linking elements between parts, and inflections after the last part.
const LINKS: [&str; 11] = [
    "", "s", "es", "n", "en", "er", "e", "ens", "ns", "ern", "nen",
];

/// `data/de_nouns.txt` as the German view writes them, as an FST compiled
/// by `build.rs`.
static LEXICON_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/de_lexicon.fst"));

/// The German noun list behind the decompounder, as a trie-shaped FST: the
/// split walks it one byte at a time.
pub struct Lexicon {
    fst: Fst<&'static [u8]>,
}

impl Lexicon {
    /// The bundled lexicon (compiled into the binary; opening it reads a
    /// header, nothing more).
    pub fn bundled() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon {
            // build.rs wrote these bytes with the same fst crate.
            fst: Fst::new(LEXICON_FST).expect("build.rs writes a valid FST"),
        })
    }

    /// Whether `word` is in the lexicon.
    pub fn contains(&self, word: &str) -> bool {
        self.fst.contains_key(word)
    }

    /// Number of words.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.fst.len()
    }
}

#[derive(Clone, Copy)]
struct Step {
    parts: u8,
    score: u32,
    part_start: usize,
    part_end: usize,
}

/// Keeps `step` in `slot` when it covers the prefix better: fewer parts,
/// then longer ones (the head aside, see [`split`]).
#[inline]
fn offer(slot: &mut Option<Step>, step: Step) {
    let better = match slot {
        None => true,
        Some(old) => (step.parts, u32::MAX - step.score) < (old.parts, u32::MAX - old.score),
    };
    if better {
        *slot = Some(step);
    }
}

/// Whether the lexicon word continuing at `node` with one more `e` ends
/// there.
fn elides_e(fst: &Fst<&'static [u8]>, node: &fst::raw::Node) -> bool {
    node.find_input(b'e')
        .is_some_and(|i| fst.node(node.transition_addr(i)).is_final())
}

/// Splits `word` into its lexicon parts, or returns `None` when it is not a
/// compound of at least two parts.
pub fn split<'w>(lexicon: &Lexicon, word: &'w str) -> Option<Vec<&'w str>> {
    let n = word.len();
    if !(MIN_COMPOUND..=MAX_COMPOUND).contains(&n) || !word.bytes().all(|b| b.is_ascii_lowercase())
    {
        return None;
    }
    // best[p]: the best way to cover word[..p] ending with a part and its link.
    let mut best: Vec<Option<Step>> = vec![None; n + 1];
    best[0] = Some(Step {
        parts: 0,
        score: 0,
        part_start: 0,
        part_end: 0,
    });
    for start in 0..n {
        let Some(from) = best[start] else { continue };
        // Walk the lexicon's trie from word[start]; stop as soon as no word
        // continues the prefix; a final node ends a word.
        let bytes = word.as_bytes();
        let mut node = lexicon.fst.root();
        for end in start + 1..=n {
            let Some(i) = node.find_input(bytes[end - 1]) else {
                break;
            };
            node = lexicon.fst.node(node.transition_addr(i));
            if end - start < MIN_PART {
                continue;
            }
            let len = (end - start) as u32;
            // A modifier drops a noun's final `-e` (`Farb|verlauf`,
            // `Such|funktion`, `Schul|buch`): the subtractive linking
            // element of German word formation.
            if end < n && bytes[end] != b'e' && elides_e(&lexicon.fst, &node) {
                let step = Step {
                    parts: from.parts + 1,
                    score: from.score + len * len * 64,
                    part_start: start,
                    part_end: end,
                };
                offer(&mut best[end], step);
            }
            if !node.is_final() {
                continue;
            }
            for link in LINKS {
                // The whole word as one part is not a split.
                if !word[end..].starts_with(link) || (start == 0 && end + link.len() == n) {
                    continue;
                }
                // Longer modifiers first, then the longer head (the head
                // scores least): `handbuch|seite`, not `hand|buchseite`.
                let head = end + link.len() == n;
                let step = Step {
                    parts: from.parts + 1,
                    score: from.score + if head { len } else { len * len * 64 },
                    part_start: start,
                    part_end: end,
                };
                offer(&mut best[end + link.len()], step);
            }
        }
    }
    let last = best[n]?;
    if last.parts < 2 {
        return None;
    }
    let mut parts = Vec::with_capacity(last.parts as usize);
    let mut step = last;
    loop {
        parts.push(&word[step.part_start..step.part_end]);
        if step.part_start == 0 {
            break;
        }
        step = best[step.part_start]?;
    }
    parts.reverse();
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(word: &str) -> Option<Vec<&str>> {
        split(Lexicon::bundled(), word)
    }

    #[test]
    fn splits_the_seed_compounds() {
        assert_eq!(
            parts("gesundheitskooperationsabkommens"),
            Some(vec!["gesundheit", "kooperation", "abkommen"])
        );
        assert_eq!(
            parts("krankenhausnetzwerke"),
            Some(vec!["krankenhaus", "netzwerk"])
        );
        assert_eq!(parts("rahmenabkommens"), Some(vec!["rahmen", "abkommen"]));
        // Nouns with `ß` (normalised to `ss`) are in the lexicon.
        assert_eq!(parts("massnahmenpaket"), Some(vec!["massnahme", "paket"]));
    }

    #[test]
    fn longer_modifiers_win_over_a_longer_head() {
        assert_eq!(parts("handbuchseite"), Some(vec!["handbuch", "seite"]));
        assert_eq!(
            parts("krankenhausnetzwerk"),
            Some(vec!["krankenhaus", "netzwerk"])
        );
    }

    #[test]
    fn adjectives_and_derivations_are_not_compounds() {
        // -isch, -lich, -haft, -schaft are suffixes, not the nouns Isch,
        // Lich, Haft, Schaft: none of these words is split.
        for word in [
            "vietnamesischer",
            "franzosischen",
            "staatlichen",
            "gesellschaftlich",
            "beispielhaft",
            "wissenschaftlichen",
        ] {
            assert_eq!(parts(word), None, "{word}");
        }
    }

    #[test]
    fn modifiers_may_drop_a_final_e() {
        assert_eq!(parts("farbverlauf"), Some(vec!["farb", "verlauf"]));
        assert_eq!(parts("suchfunktion"), Some(vec!["such", "funktion"]));
        // A head keeps its `e`.
        assert_eq!(parts("sporthalle"), Some(vec!["sport", "halle"]));
    }

    #[test]
    fn no_tiny_fragments() {
        assert_eq!(parts("sporthalle"), Some(vec!["sport", "halle"]));
    }

    #[test]
    fn plain_words_stay_whole() {
        assert_eq!(parts("abkommen"), None);
        assert_eq!(parts("zusammenarbeit"), None);
        assert_eq!(parts("verantwortung"), None);
        assert_eq!(parts("haus"), None);
        assert_eq!(parts("72nqtw"), None);
    }

    #[test]
    fn lexicon_is_loaded() {
        let lexicon = Lexicon::bundled();
        assert_eq!(lexicon.len(), 39_700);
        // Written as the analyzer writes a word: folded past the umlauts.
        assert!(lexicon.contains("pokemon") && !lexicon.contains("pokémon"));
        assert!(lexicon.contains("krankenhaus"));
    }
}
