//! What the registry of analysed languages holds of each. A language's
//! file in this folder says everything that is particular to it: its codes
//! and names, how language identification calls it, the steps of its word
//! analysis (by name; the filters themselves live in `analysis/`, one per
//! file), the words that name documents in it and how it links a
//! compound's parts. The files are listed once, in `languages!` in
//! `mod.rs`: adding a language is its file and its name there (then
//! `src/ingest/data/build_month_names.py` writes its month names, read
//! from CLDR).

pub(crate) use super::LANGUAGES;

/// Declares the language files and lists them in [`LANGUAGES`], in order.
macro_rules! languages {
    ($($code:ident),+ $(,)?) => {
        $(mod $code;)+

        /// The analysed languages, in display order.
        pub(crate) static LANGUAGES: &[&registry::Language] = &[$(&$code::LANGUAGE),+];
    };
}
pub(super) use languages;

/// What vsearch knows of a language it analyses.
pub(crate) struct Language {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Other spellings of it a user may type: ISO 639-2/3 codes, its
    /// English name.
    pub aliases: &'static [&'static str],
    /// How language identification (whatlang) names it; `None` when
    /// whatlang does not know it (then only a declared language names it).
    pub whatlang: Option<whatlang::Lang>,
    /// How its words are analysed.
    pub analysis: Analysis,
    /// How it names documents, folded and lowercase.
    pub references: References,
    /// The linking elements it puts between a compound's parts
    /// (`Befehlszeile|n|option`), the empty one first; none for a language
    /// that does not write compounds as one word.
    pub compound_links: &'static [&'static str],
}

/// How a language names documents (`Nghị quyết số 57, 59 và 68`).
#[derive(Debug)]
pub(crate) struct References {
    /// Words naming a document type.
    pub types: &'static [TypeWord],
    /// Words for "number" before a number (`số`, `Nr.`).
    pub numbering: &'static [&'static str],
    /// Its word for "and" in a list of numbers.
    pub and: &'static str,
}

/// How a language's words are indexed.
#[derive(Debug)]
pub(crate) enum Analysis {
    /// Two views: accent-exact (tone placement made canonical) and with
    /// every accent folded, for a language whose marks tell words apart
    /// and which people often type without them.
    Accents,
    /// One view of its own: these steps, in order, after NFC, lowercase
    /// and number joining.
    Steps(&'static [Step]),
}

/// A step of a language's own view; each is a filter of `analysis/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Umlauts and `ß` written out (`ä`→`ae`, `ß`→`ss`) where a word was
    /// typed without them (`german_normalize.rs`).
    GermanNormalize,
    /// Every diacritic removed (`fold.rs`).
    Fold,
    /// A compound also split into its parts, with the German lexicon
    /// (`decompound.rs`); later steps run on each part.
    Decompound,
    /// Snowball's German stemmer (`german_stem.rs`).
    GermanStem,
    /// The Sastrawi affix stemmer of Indonesian (`indonesian_stem.rs`).
    IndonesianStem,
}

/// A word naming a document type (`nghi quyet`), with the key of the type
/// (`NQ`) and whether a bare number after it names a document (`Nghị quyết
/// 72`). Words that are ordinary words too (a plan, a decision) name one
/// only with a numbering word (`Nr.`, `No.`, `số`) or a document code
/// after them.
#[derive(Debug)]
pub(crate) struct TypeWord {
    /// The word, folded and lowercase.
    pub word: &'static str,
    /// The document type's key.
    pub key: &'static str,
    /// Whether a bare number after it names a document.
    pub bare: bool,
}

/// A [`TypeWord`], for the tables of the language files.
pub(crate) const fn w(word: &'static str, key: &'static str, bare: bool) -> TypeWord {
    TypeWord { word, key, bare }
}

/// The registered language of an ISO 639-1 code.
pub(crate) fn language(code: &str) -> Option<(usize, &'static Language)> {
    LANGUAGES
        .iter()
        .enumerate()
        .find(|(_, l)| l.code == code)
        .map(|(i, l)| (i, *l))
}
