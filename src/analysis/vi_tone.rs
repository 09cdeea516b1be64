//! Vietnamese tone-placement canonicalisation.
//!
//! In the open syllables `oa`, `oe` and `uy` the tone mark is written on the
//! first vowel in the traditional style (`hòa`, `khỏe`, `thủy`) and on the
//! second in the "new" style (`hoà`, `khoẻ`, `thuỷ`). Both mean the same word;
//! this filter moves the mark to the first vowel, the style most Vietnamese
//! news sites use. Closed syllables (`hoàn`, `khoảng`), `qu` + `y` (`quý`) and
//! longer vowel groups (`thuyền`) are untouched. Expects lowercase NFC input.

use super::text_map::TextMap;

/// Tone marks in the order of [`TONED`]'s columns.
const TONED: [(char, [char; 5]); 5] = [
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
];

/// Splits a plain (no circumflex, breve or horn) vowel into base and tone,
/// tone 0 meaning none and 1..=5 an index into [`TONED`]'s columns plus one.
fn split_vowel(c: char) -> Option<(char, usize)> {
    TONED.iter().find_map(|&(base, toned)| {
        if c == base {
            Some((base, 0))
        } else {
            toned.iter().position(|&t| t == c).map(|i| (base, i + 1))
        }
    })
}

fn compose(base: char, tone: usize) -> char {
    TONED
        .iter()
        .find(|(b, _)| *b == base)
        .map_or(base, |(_, toned)| toned[tone - 1])
}

/// Whether `c` is a vowel letter of Vietnamese in any form.
fn is_vowel(c: char) -> bool {
    use unicode_normalization::char::decompose_canonical;
    let mut base = c;
    decompose_canonical(c, |d| {
        if base == c {
            base = d;
        }
    });
    matches!(base, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Moves the tone of `oa`, `oe`, `uy` open syllables to the first vowel.
#[derive(Clone, Copy, Debug, Default)]
pub struct VietTone;

impl TextMap for VietTone {
    fn map(&self, input: &str, out: &mut String) -> bool {
        if input.is_ascii() {
            return false;
        }
        let mut rev = input.char_indices().rev();
        let (Some((i2, v2)), Some((i1, v1))) = (rev.next(), rev.next()) else {
            return false;
        };
        let (Some((b1, 0)), Some((b2, tone))) = (split_vowel(v1), split_vowel(v2)) else {
            return false;
        };
        if tone == 0 || !matches!((b1, b2), ('o', 'a') | ('o', 'e') | ('u', 'y')) {
            return false;
        }
        let onset = &input[..i1];
        if onset.ends_with('q') || onset.chars().any(|c| is_vowel(c) || !c.is_alphabetic()) {
            return false;
        }
        out.push_str(onset);
        out.push(compose(b1, tone));
        out.push(b2);
        debug_assert_eq!(i2 + v2.len_utf8(), input.len());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::assert_map;
    use crate::analysis::testing::filter_tests;
    use crate::analysis::View;

    filter_tests!(
        VietTone,
        alone: [("hoà", "hòa"), ("khoẻ", "khỏe"), ("quý", "quý")],
        in View::Exact => [("Hiện đại hoá", ["hiện", "đại", "hóa"])],
    );

    #[test]
    fn new_style_becomes_traditional() {
        assert_map(VietTone, "hoà", "hòa");
        assert_map(VietTone, "hoá", "hóa");
        assert_map(VietTone, "khoẻ", "khỏe");
        assert_map(VietTone, "thuỷ", "thủy");
        assert_map(VietTone, "thuý", "thúy");
        assert_map(VietTone, "uỷ", "ủy");
        assert_map(VietTone, "loạ", "lọa");
    }

    #[test]
    fn traditional_style_is_kept() {
        for word in ["hòa", "hóa", "khỏe", "thủy", "thúy", "ủy"] {
            assert_map(VietTone, word, word);
        }
    }

    #[test]
    fn syllables_where_the_style_does_not_apply() {
        for word in [
            "quý", "quỳnh", "hoàn", "khoảng", "thuyền", "hoa", "thuy", "người", "hoặc",
        ] {
            assert_map(VietTone, word, word);
        }
    }
}
