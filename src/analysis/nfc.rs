//! Unicode NFC composition, so NFD input (`i` + U+0323) and precomposed
//! input (`ị`) give the same token.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::text_map::TextMap;

/// Composes a token to NFC; ASCII and already-composed tokens pass untouched.
#[derive(Clone, Copy, Debug, Default)]
pub struct Nfc;

impl TextMap for Nfc {
    fn map(&self, input: &str, out: &mut String) -> bool {
        if input.is_ascii() || is_nfc_quick(input.chars()) == IsNormalized::Yes {
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
    fn leaves_composed_and_ascii() {
        assert_map(Nfc, "Nghị", "Nghị");
        assert_map(Nfc, "abkommen", "abkommen");
    }
}
