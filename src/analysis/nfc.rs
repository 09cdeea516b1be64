//! Unicode NFC composition, so NFD input (`i` + U+0323) and precomposed
//! input (`ị`) give the same token.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::swar;
use super::text_map::TextMap;

/// Composes a token to NFC; ASCII and already-composed tokens pass untouched.
#[derive(Clone, Copy, Debug, Default)]
pub struct Nfc;

/// Whether `text` is in NFC by Unicode's quick check, without looking up
/// the chars below U+0300, the precomposed Vietnamese letters
/// (U+1EA0-U+1EF9) and the common punctuation and currency signs: all
/// are NFC and combine with nothing before them
/// (canonical combining class 0), so the check starts at the first other
/// char. The lookups of every char were 3% of an indexing run.
pub(crate) fn is_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // Eight ASCII bytes at once: most of the text.
        if swar::eight(bytes, at).is_some_and(|x| x & swar::HIGH == 0) {
            at += 8;
            continue;
        }
        at += match (b, bytes.get(at + 1), bytes.get(at + 2)) {
            (0..=0x7F, ..) => 1,
            // U+0080-U+02FF.
            (0xC2..=0xCB, ..) => 2,
            // U+1EA0-U+1EBF, U+1EC0-U+1EF9.
            (0xE1, Some(0xBA), Some(0xA0..=0xBF)) | (0xE1, Some(0xBB), Some(0x80..=0xB9)) => 3,
            // Punctuation, U+2002-U+206F (dashes, curly quotes; U+2000 and
            // U+2001 are not NFC), and currency signs, U+20A0-U+20BF.
            (0xE2, Some(0x80), Some(0x82..=0xBF))
            | (0xE2, Some(0x81), Some(0x80..=0xAF))
            | (0xE2, Some(0x82), Some(0xA0..=0xBF)) => 3,
            // `at` is at a char's first byte: the bytes before are whole.
            _ => return is_nfc_quick(text[at..].chars()) == IsNormalized::Yes,
        };
    }
    true
}

impl TextMap for Nfc {
    fn map(&self, input: &str, out: &mut String) -> bool {
        if input.is_ascii() || is_nfc(input) {
            return false;
        }
        out.extend(input.nfc());
        if out == input {
            out.clear();
            return false;
        }
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
        Nfc,
        alone: [("Nghi\u{323}", "Nghị"), ("abkommen", "abkommen")],
        in View::Exact => [("Nghi\u{323} quye\u{302}\u{301}t", ["nghị", "quyết"])],
    );

    #[test]
    fn composes_vietnamese() {
        assert_map(Nfc, "Nghi\u{323}", "Nghị");
        assert_map(Nfc, "quy\u{65}\u{302}\u{301}t", "quyết");
        assert_map(Nfc, "\u{111}a\u{300}", "đà");
    }

    #[test]
    fn the_quick_check_is_unicode_s() {
        let std = |t: &str| is_nfc_quick(t.chars()) == IsNormalized::Yes;
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            for t in [
                format!("{c}"),
                format!("a{c}"),
                format!("ạ{c}\u{301}"),
                format!("{c}ế"),
            ] {
                assert_eq!(is_nfc(&t), std(&t), "{t:?}");
            }
        }
        assert!(!is_nfc("Nghi\u{323} quyết"));
        assert!(is_nfc("Nghị quyết über „Straße“"));
    }

    #[test]
    fn leaves_composed_and_ascii() {
        assert_map(Nfc, "Nghị", "Nghị");
        assert_map(Nfc, "abkommen", "abkommen");
    }
}
