//! Malay, registered only in the tests: a language added to show what one
//! takes (this file and its name in `languages!`). Standard Malay and
//! Indonesian share their affixes (Sastrawi is written for both), so it
//! folds diacritics and takes Indonesian's stemmer. whatlang does not know
//! it, so only a declared language (`lang: ms`) names a text Malay.

use super::registry::{w, Analysis, Language, References, Step};

pub(crate) const LANGUAGE: Language = Language {
    code: "ms",
    aliases: &["msa", "may", "malay"],
    whatlang: None,
    analysis: Analysis::Steps(&[Step::Fold, Step::IndonesianStem]),
    references: References {
        types: &[w("resolusi", "NQ", false), w("keputusan", "QD", false)],
        numbering: &["no", "bil"],
        and: "dan",
    },
    compound_links: &[],
};
