//! Diacritic folding for the accent-insensitive view: every combining mark is
//! dropped and the letters Unicode does not decompose are spelled out
//! (`đ`→`d`, `ß`→`ss`, `æ`→`ae`, `ø`→`o`, `œ`→`oe`, `ł`→`l`), so `nghi quyet`
//! meets `Nghị quyết` and `Strasse` meets `Straße`. Expects lowercase input.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::text_map::TextMap;

/// Removes all diacritics from a lowercase token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fold;

impl TextMap for Fold {
    fn map(&self, input: &str, out: &mut String) -> bool {
        if input.is_ascii() {
            return false;
        }
        for c in input.chars() {
            match c {
                c if c.is_ascii() => out.push(c),
                'đ' | 'Đ' => out.push('d'),
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'ø' => out.push('o'),
                'ł' => out.push('l'),
                c => decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                }),
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::assert_map;

    #[test]
    fn folds_vietnamese_and_d_bar() {
        assert_map(Fold, "nghị", "nghi");
        assert_map(Fold, "quyết", "quyet");
        assert_map(Fold, "đại", "dai");
        assert_map(Fold, "thuỷ", "thuy");
        assert_map(Fold, "nghi\u{323}", "nghi");
    }

    #[test]
    fn folds_german_letters() {
        assert_map(Fold, "straße", "strasse");
        assert_map(Fold, "krankenhäuser", "krankenhauser");
        assert_map(Fold, "politbüro", "politburo");
    }

    #[test]
    fn ascii_untouched() {
        assert_map(Fold, "perawatan", "perawatan");
    }
}
