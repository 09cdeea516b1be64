//! German spelling normalisation before stemming, after Lucene's
//! `GermanNormalizationFilter`: `ä`/`ö`/`ü` → `a`/`o`/`u`, `ß` → `ss`, and the
//! transliterations `ae`, `oe`, `ue` collapse the same way (`ue` not after a
//! vowel or `q`, so `bauen` and `Quelle` keep theirs). `Krankenhäuser`,
//! `Krankenhaeuser` and `Krankenhauser` meet; so do `Politbüro`/`Politburo`
//! and `Straße`/`Strasse`. Expects lowercase input.

use super::text_map::TextMap;

/// Folds German umlauts, `ß` and their ASCII transliterations.
#[derive(Clone, Copy, Debug, Default)]
pub struct GermanNormalize;

#[derive(Clone, Copy, PartialEq)]
enum State {
    /// After a consonant or at the start.
    N,
    /// After a vowel that cannot start an `ae`/`oe`/`ue` pair.
    V,
    /// After `a`, `o` or a `u` that can: a following `e` is dropped.
    U,
}

impl TextMap for GermanNormalize {
    fn map(&self, input: &str, out: &mut String) -> bool {
        if !input.contains(['ä', 'ö', 'ü', 'ß', 'æ', 'ø', 'e']) {
            return false;
        }
        let mut state = State::N;
        for c in input.chars() {
            match c {
                'a' | 'o' => {
                    state = State::U;
                    out.push(c);
                }
                'u' => {
                    state = if state == State::N {
                        State::U
                    } else {
                        State::V
                    };
                    out.push(c);
                }
                'e' => {
                    if state == State::U {
                        state = State::N;
                        continue;
                    }
                    state = State::V;
                    out.push(c);
                }
                'i' | 'q' | 'y' => {
                    state = State::V;
                    out.push(c);
                }
                'ä' | 'æ' => {
                    state = State::V;
                    out.push('a');
                }
                'ö' | 'ø' => {
                    state = State::V;
                    out.push('o');
                }
                'ü' => {
                    state = State::V;
                    out.push('u');
                }
                'ß' => {
                    state = State::N;
                    out.push_str("ss");
                }
                c => {
                    state = State::N;
                    out.push(c);
                }
            }
        }
        out != input
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::assert_map;
    use crate::analysis::testing::filter_tests;
    use crate::analysis::View;

    filter_tests!(
        GermanNormalize,
        alone: [("größe", "grosse"), ("politbuero", "politburo"), ("quelle", "quelle")],
        in View::GERMAN => [("Politbüro Politbuero", ["politburo", "politburo"])],
    );

    #[test]
    fn umlauts_and_sharp_s() {
        assert_map(GermanNormalize, "krankenhäuser", "krankenhauser");
        assert_map(GermanNormalize, "politbüro", "politburo");
        assert_map(GermanNormalize, "straße", "strasse");
        assert_map(GermanNormalize, "größe", "grosse");
    }

    #[test]
    fn transliterations_collapse() {
        assert_map(GermanNormalize, "krankenhaeuser", "krankenhauser");
        assert_map(GermanNormalize, "politbuero", "politburo");
        assert_map(GermanNormalize, "schoen", "schon");
    }

    #[test]
    fn ue_after_vowel_or_q_is_kept() {
        assert_map(GermanNormalize, "bauen", "bauen");
        assert_map(GermanNormalize, "quelle", "quelle");
        assert_map(GermanNormalize, "treue", "treue");
    }
}
