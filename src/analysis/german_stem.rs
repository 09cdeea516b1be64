//! The Snowball German stemmer (from `frostem`, the stemmer tantivy itself
//! uses), memoised per word. Expects lowercase input normalised by
//! `GermanNormalize`, so umlaut forms already meet before stemming.

use std::sync::{Mutex, OnceLock, PoisonError};

use frostem::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::decompound::Lexicon;
use super::text_map::{write_if_changed, TextMap};

/// Reduces a German word to its Snowball stem.
#[derive(Clone, Copy)]
pub struct GermanStem(Stemmer);

impl Default for GermanStem {
    fn default() -> GermanStem {
        GermanStem(Stemmer::new(Algorithm::German))
    }
}

impl std::fmt::Debug for GermanStem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GermanStem")
    }
}

impl TextMap for GermanStem {
    fn map(&self, input: &str, out: &mut String) -> bool {
        let stem = |word: &str| self.0.stem(without_plural_s(word)).into_owned();
        write_if_changed(input, &remembered(input, stem), out)
    }
}

/// Stems the process keeps before it starts over, bounding their memory.
const STEMS_KEPT: usize = 1 << 17;

/// The stem of `word`, made with `stem` the first time. The word memos
/// (see `super::memo`) key on the word as written, so each case of a
/// word, and each compound a part comes in, was stemmed again: two in
/// five stems of a German text, at some 6,000 instructions each.
fn remembered(word: &str, stem: impl FnOnce(&str) -> String) -> String {
    static STEMS: OnceLock<Mutex<FxHashMap<Box<str>, Box<str>>>> = OnceLock::new();
    let stems = STEMS.get_or_init(Mutex::default);
    let known = stems
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(word)
        .cloned();
    if let Some(known) = known {
        return known.into();
    }
    let made = stem(word);
    let mut stems = stems.lock().unwrap_or_else(PoisonError::into_inner);
    if stems.len() >= STEMS_KEPT {
        stems.clear();
    }
    stems.insert(word.into(), made.as_str().into());
    made
}

/// `word` without the `-s` of a plural after a vowel (`makros`, `menus`
/// from `Menüs`, `autos`), which Snowball keeps, when the rest is a noun of
/// the lexicon and the word is not; `bonus` and `status` keep theirs.
fn without_plural_s(word: &str) -> &str {
    let Some(rest) = word.strip_suffix('s') else {
        return word;
    };
    let after_vowel = rest.ends_with(['a', 'e', 'i', 'o', 'u', 'y']);
    let lexicon = Lexicon::bundled();
    if rest.len() >= 4 && after_vowel && lexicon.contains(rest) && !lexicon.contains(word) {
        rest
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::assert_map;
    use crate::analysis::testing::filter_tests;
    use crate::analysis::View;

    filter_tests!(
        GermanStem::default(),
        alone: [("abkommens", "abkomm"), ("kooperationen", "kooperation")],
        in View::GERMAN => [("Abkommen Kooperationen", ["abkomm", "kooperation"])],
    );

    #[test]
    fn a_stem_is_made_once_and_remembered() {
        let mut calls = 0;
        for _ in 0..3 {
            let stem = remembered("merkwortprobe", |w| {
                calls += 1;
                format!("{w}-stem")
            });
            assert_eq!(stem, "merkwortprobe-stem");
        }
        assert_eq!(calls, 1);
        // What is remembered is the stemmer's: a word met again, as a
        // compound's part or in another case, stems as it did alone.
        let stemmer = GermanStem::default();
        for _ in 0..2 {
            assert_map(stemmer, "krankenhauser", "krankenhaus");
        }
    }

    #[test]
    fn stems() {
        assert_map(GermanStem::default(), "krankenhauser", "krankenhaus");
        assert_map(GermanStem::default(), "abkommens", "abkomm");
        assert_map(GermanStem::default(), "zusammenarbeit", "zusammenarbeit");
        assert_map(GermanStem::default(), "kooperationen", "kooperation");
        // -s after a vowel, when the rest is a noun.
        assert_map(GermanStem::default(), "makros", "makro");
        assert_map(GermanStem::default(), "makro", "makro");
        assert_map(GermanStem::default(), "menus", "menu");
        assert_map(GermanStem::default(), "autos", "auto");
        assert_map(GermanStem::default(), "bonus", "bonus");
        assert_map(GermanStem::default(), "status", "status");
    }
}
