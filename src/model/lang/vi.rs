//! Vietnamese: indexed accent-exact and accent-folded, not stemmed (its
//! words are syllables and take no affixes). Its document types' keys are
//! the abbreviations Vietnamese document codes write (`72-NQ/TW`,
//! `137/KH-UBND`).

use super::registry::{w, Analysis, Language, References};

pub(crate) const LANGUAGE: Language = Language {
    code: "vi",
    aliases: &["vie", "vietnamese"],
    whatlang: Some(whatlang::Lang::Vie),
    analysis: Analysis::Accents,
    references: References {
        types: &[
            w("nghi quyet", "NQ", true),
            w("quyet dinh", "QD", true),
            w("nghi dinh", "ND", true),
            w("thong tu", "TT", true),
            w("ke hoach", "KH", false),
            w("chi thi", "CT", true),
        ],
        numbering: &["so"],
        and: "va",
    },
    compound_links: &[],
};
