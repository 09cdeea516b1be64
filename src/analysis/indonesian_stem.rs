//! Indonesian affix stemming with Sastrawi's dictionary-based algorithm
//! (Nazief–Adriani with Enhanced Confix Stripping), from the `sastrawi-rs`
//! crate: prefixes `me-`, `ber-`, `di-`, `ter-`, `pe-`, `per-` with their
//! sound changes, suffixes `-kan`, `-an`, `-i`, particles `-lah`, `-kah` and
//! possessives `-ku`, `-mu`, `-nya` are stripped only when a root word of the
//! dictionary remains, so `perawatan`, `merawat`, `dirawat` → `rawat` and
//! `berkembang`, `pengembangan` → `kembang`. Where the crate finds no root
//! after a nasal prefix, the dropped consonant is restored and the word tried
//! again. Expects lowercase input.

use std::sync::OnceLock;

use sastrawi::{Dictionary, Stemmer};

use super::memo::StemMemo;
use super::text_map::{write_if_changed, TextMap};

fn dictionary() -> &'static Dictionary {
    static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();
    DICTIONARY.get_or_init(Dictionary::new)
}

/// Whether `word` (lowercase) is an Indonesian root word.
pub(crate) fn is_root(word: &str) -> bool {
    dictionary().find(word)
}

/// Whether `word` (lowercase) is an Indonesian word: a root, or affixes
/// around one (`buatan`, `kesehatan`).
pub(crate) fn is_word(word: &str) -> bool {
    is_root(word) || {
        let stem = stem(word);
        stem != word && is_root(&stem)
    }
}

fn stemmer() -> &'static Stemmer<'static> {
    static STEMMER: OnceLock<Stemmer<'static>> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::new(dictionary()))
}

/// Nasal prefixes that replace the root's first consonant (`meng-` + `kembang`
/// → `mengembang`), with the consonant they replaced.
const NASAL_RECODING: [(&str, &str); 8] = [
    ("meng", "k"),
    ("peng", "k"),
    ("meny", "s"),
    ("peny", "s"),
    ("mem", "p"),
    ("pem", "p"),
    ("men", "t"),
    ("pen", "t"),
];

/// Stems `word`, also with the consonant a nasal prefix dropped restored
/// (`meng-` + `keluar` → `mengeluarkan`): that root wins when Sastrawi finds
/// none (the crate misses `pengembangan` → `kembang`) or one that does not
/// follow the prefix (`luar` for `mengeluarkan`; `ukur` for `pengukuran`
/// stays).
fn stem(word: &str) -> String {
    let stem = stemmer().stem_word(word);
    let found = stem != word;
    for (prefix, consonant) in NASAL_RECODING {
        let Some(rest) = word.strip_prefix(prefix) else {
            continue;
        };
        if !rest.starts_with(['a', 'e', 'i', 'o', 'u']) {
            continue;
        }
        let restored = format!("{consonant}{rest}");
        let root = stemmer().stem_word(&restored);
        // Sastrawi's root stands right after the prefix (`peng|ukur|an`):
        // keep it; it skipped letters (`meng|e|luar|kan`): the consonant
        // was dropped. The root found then must start with the consonant
        // put back (for `sediakan` Sastrawi gives `akan`).
        let better = !found || !rest.starts_with(stem.as_ref());
        if better && root.starts_with(consonant) && dictionary().find(&root) {
            return root.into_owned();
        }
    }
    stem.into_owned()
}

/// Reduces an Indonesian word to its root.
#[derive(Clone, Copy, Debug, Default)]
pub struct IndonesianStem;

impl TextMap for IndonesianStem {
    fn map(&self, input: &str, out: &mut String) -> bool {
        // Sastrawi only strips affixes from ASCII words of 3+ letters; numbers
        // and short words have nothing to strip.
        if input.len() < 4 || !input.bytes().all(|b| b.is_ascii_lowercase()) {
            return false;
        }
        static STEMS: StemMemo = StemMemo::new();
        write_if_changed(input, &STEMS.stem(input, stem), out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::assert_map;
    use crate::analysis::testing::filter_tests;
    use crate::analysis::View;

    filter_tests!(
        IndonesianStem,
        alone: [("perawatan", "rawat"), ("bukunya", "buku"), ("vietnam", "vietnam")],
        in View::INDONESIAN => [("Perawatan merawat dirawat", ["rawat", "rawat", "rawat"])],
    );

    #[test]
    fn strips_affixes() {
        for word in ["perawatan", "merawat", "dirawat", "rawat"] {
            assert_map(IndonesianStem, word, "rawat");
        }
        for word in ["berkembang", "pengembangan", "mengembangkan"] {
            assert_map(IndonesianStem, word, "kembang");
        }
        // The meN-...-kan confix around a root starting with a vowel.
        for word in ["mengeluarkan", "dikeluarkan", "keluar", "pengeluaran"] {
            assert_map(IndonesianStem, word, "keluar");
        }
        for word in ["menyediakan", "tersedia", "sedia"] {
            assert_map(IndonesianStem, word, "sedia");
        }
        for word in ["pengukuran", "mengukur", "ukuran"] {
            assert_map(IndonesianStem, word, "ukur");
        }
        for word in ["menampilkan", "tampilan", "ditampilkan"] {
            assert_map(IndonesianStem, word, "tampil");
        }
    }

    #[test]
    fn particles_and_possessives() {
        assert_map(IndonesianStem, "bukunya", "buku");
        assert_map(IndonesianStem, "rumahku", "rumah");
        assert_map(IndonesianStem, "makanlah", "makan");
    }

    #[test]
    fn roots_and_non_words_untouched() {
        assert_map(IndonesianStem, "kesehatan", "sehat");
        assert_map(IndonesianStem, "vietnam", "vietnam");
        assert_map(IndonesianStem, "2025", "2025");
    }
}
