//! Indonesian: diacritics folded, then the Sastrawi affix stemmer
//! (`perawatan`, `dirawat` → `rawat`).

use super::registry::{w, Analysis, Language, References, Step};

pub(crate) const LANGUAGE: Language = Language {
    code: "id",
    aliases: &["ind", "indonesian"],
    whatlang: Some(whatlang::Lang::Ind),
    analysis: Analysis::Steps(&[Step::Fold, Step::IndonesianStem]),
    references: References {
        types: &[
            w("resolusi", "NQ", false),
            w("keputusan", "QD", false),
            w("peraturan pemerintah", "ND", false),
            w("dekret", "ND", false),
            w("surat edaran", "TT", false),
            w("rencana", "KH", false),
            w("instruksi", "CT", false),
        ],
        numbering: &["no", "nomor"],
        and: "dan",
    },
    compound_links: &[],
};
