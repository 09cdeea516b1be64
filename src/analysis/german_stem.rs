//! The Snowball German stemmer (from `frostem`, the stemmer tantivy itself
//! uses), memoised per word. Expects lowercase input normalised by
//! `GermanNormalize`, so umlaut forms already meet before stemming.

use frostem::{Algorithm, Stemmer};

use super::decompound::Lexicon;
use super::memo::StemMemo;
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
        static STEMS: StemMemo = StemMemo::new();
        let stem = |word: &str| self.0.stem(without_plural_s(word)).into_owned();
        write_if_changed(input, &STEMS.stem(input, stem), out)
    }
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
    fn a_stem_met_again_is_the_stemmer_s() {
        // The second time comes from the stem memo (see `super::memo`).
        for _ in 0..2 {
            assert_map(GermanStem::default(), "krankenhauser", "krankenhaus");
            assert_map(GermanStem::default(), "makros", "makro");
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
