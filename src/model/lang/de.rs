//! German: umlauts and `ß` written out, diacritics folded, compounds split
//! into their parts as well, then Snowball's German stemmer on the word and
//! on each part (`Gesundheitskooperationsabkommens` → `gesundheitskooperationsabkomm`,
//! `gesund|`, `kooperation|`, `abkomm|`).

use super::registry::{w, Analysis, Language, References, Step};

pub(crate) const LANGUAGE: Language = Language {
    code: "de",
    aliases: &["deu", "ger", "german"],
    whatlang: Some(whatlang::Lang::Deu),
    analysis: Analysis::Steps(&[
        Step::GermanNormalize,
        Step::Fold,
        Step::Decompound,
        Step::GermanStem,
    ]),
    references: References {
        types: &[
            w("resolution", "NQ", false),
            w("resolutionen", "NQ", false),
            w("beschluss", "NQ", false),
            w("beschlusses", "NQ", false),
            w("entscheidung", "QD", false),
            w("dekret", "ND", false),
            w("verordnung", "ND", false),
            w("rundschreiben", "TT", false),
            w("plan", "KH", false),
            w("richtlinie", "CT", false),
        ],
        numbering: &["nr", "nummer"],
        and: "und",
    },
    // Duden, *Die Grammatik*, on the Fugenelement: `Befehlszeile|n|option`,
    // `Voreinstellung|s|symbol`, `Gerät|e|namen`.
    compound_links: &["", "s", "n", "e", "en", "es", "er", "ns"],
};
