//! Diacritic folding for the accent-insensitive view: every combining mark is
//! dropped and the letters Unicode does not decompose are spelled out
//! (`đ`→`d`, `ß`→`ss`, `æ`→`ae`, `ø`→`o`, `œ`→`oe`, `ł`→`l`), so `nghi quyet`
//! meets `Nghị quyết` and `Strasse` meets `Straße`. Expects lowercase input.
//!
//! [`fold_char`] is the one fold: the analyzers' view, the document
//! references' ASCII pattern text and the synonym keys all use it.

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
            fold_char(c, |f| out.push(f));
        }
        true
    }
}

/// The folded form of `c`, one char or more to `push` (none for a lone
/// combining mark): its base letter without marks, `đ`→`d`, and the
/// letters Unicode does not decompose spelled out (`ß`→`ss`, `æ`→`ae`,
/// `œ`→`oe`, `ø`→`o`, `ł`→`l`). Case is kept.
pub(crate) fn fold_char(c: char, mut push: impl FnMut(char)) {
    match c {
        c if c.is_ascii() => push(c),
        'đ' => push('d'),
        'Đ' => push('D'),
        'ß' => {
            push('s');
            push('s');
        }
        'æ' => {
            push('a');
            push('e');
        }
        'œ' => {
            push('o');
            push('e');
        }
        'ø' => push('o'),
        'ł' => push('l'),
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                push(d);
            }
        }),
    }
}

/// The key forms are compared by (synonyms, defined abbreviations): the
/// letters and digits of `text`, folded and lowercased, without spaces or
/// dots, so `TP.HCM`, `TPHCM` and `tp hcm` are one form.
pub(crate) fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            // Most of every form: no fold to look up.
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        fold_char(c, |f| {
            if f.is_alphanumeric() {
                out.extend(f.to_lowercase());
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::assert_map;
    use crate::analysis::testing::filter_tests;
    use crate::analysis::View;

    filter_tests!(
        Fold,
        alone: [("đại", "dai"), ("straße", "strasse"), ("perawatan", "perawatan")],
        in View::Folded => [("Đại học Y Hà Nội", ["dai", "hoc", "y", "ha", "noi"])],
    );

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
    fn one_char_folds_to_its_letters_case_kept() {
        let fold = |c: char| {
            let mut out = String::new();
            fold_char(c, |f| out.push(f));
            out
        };
        assert_eq!(fold('Đ'), "D");
        assert_eq!(fold('ệ'), "e");
        assert_eq!(fold('Ü'), "U");
        assert_eq!(fold('ß'), "ss");
        assert_eq!(fold('\u{323}'), "");
    }

    #[test]
    fn ascii_untouched() {
        assert_map(Fold, "perawatan", "perawatan");
    }
}
