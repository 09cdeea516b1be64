//! The Snowball German stemmer (from `frostem`, the stemmer tantivy itself
//! uses), memoised per word. Expects lowercase input normalised by
//! `GermanNormalize`, so umlaut forms already meet before stemming.

use frostem::{Algorithm, Stemmer};

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
        write_if_changed(input, &self.0.stem(input), out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::assert_map;

    #[test]
    fn stems() {
        assert_map(GermanStem::default(), "krankenhauser", "krankenhaus");
        assert_map(GermanStem::default(), "abkommens", "abkomm");
        assert_map(GermanStem::default(), "zusammenarbeit", "zusammenarbeit");
        assert_map(GermanStem::default(), "kooperationen", "kooperation");
    }
}
