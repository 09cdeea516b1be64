//! Text analysis: word segmentation, a set of word rewrites (one per file,
//! none of which moves offsets), and the analyzers that chain them, one per
//! indexed view of a passage. Each analyzer is a single tokenizer that runs
//! its view's whole chain once per distinct word and remembers the result
//! (see [`chain`]).
//!
//! | view | analyzer | indexed for | steps |
//! |---|---|---|---|
//! | [`View::Exact`] | `vs_exact` | Vietnamese, undetected | words → NFC → lowercase → Vietnamese tone placement |
//! | [`View::Folded`] | `vs_folded` | Vietnamese, undetected | words → NFC → lowercase → diacritic folding (`đ`→`d`, `ß`→`ss`) |
//! | [`View::GERMAN`] | `vs_de` | German | words → NFC → lowercase → umlaut/`ß` normalisation → diacritic folding → decompounding → Snowball German stemmer |
//! | [`View::INDONESIAN`] | `vs_id` | Indonesian | words → NFC → lowercase → diacritic folding → Sastrawi affix stemmer |
//!
//! A query is analysed in every view (see [`View::indexed_for`] for which
//! passages each one reaches).
//! Vietnamese is not stemmed: its words are syllables and carry no affixes.
//! No view removes stop words, so phrases and short queries such as `y tế`
//! keep every word; BM25's IDF already gives common words little weight.

pub(crate) mod chain;
mod decompound;
pub(crate) mod definitions;
mod exact;
mod fold;
mod german_normalize;
mod german_stem;
mod indonesian_stem;
mod lower;
mod memo;
mod nfc;
mod number;
pub(crate) mod refs;
mod swar;
mod text_map;
mod tokenizer;
mod vi_tone;

pub(crate) use chain::{analyse_word, shared_field_analysed, unmarked, ChainTokenizer, PART_MARK};
pub(crate) use exact::{exact_term, is_plain};
use fold::Fold;
pub(crate) use fold::{fold_char, fold_key};
use german_normalize::GermanNormalize;
use german_stem::GermanStem;
use indonesian_stem::IndonesianStem;
pub(crate) use lower::push_lower_words;
pub(crate) use nfc::is_nfc;
use nfc::Nfc;
pub(crate) use number::number_end;
use number::Number;
pub(crate) use text_map::TextMap;
pub(crate) use tokenizer::next_word;
use vi_tone::VietTone;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenizerManager};

use std::sync::OnceLock;

use crate::model::registry::{Analysis, Step};
use crate::model::Lang;

/// Words of this many bytes or more (URLs glued together, base64, junk) are
/// dropped rather than indexed.
pub const MAX_TOKEN_BYTES: usize = 64;

/// The analyzer of the accent-exact field: [`View::Exact`].
pub const EXACT_ANALYZER: &str = "vs_exact";
/// The analyzer of the shared normalised field: the view a text is tagged
/// with (see [`View::tagged`]), [`View::Folded`] when untagged.
pub const NORM_ANALYZER: &str = "vs_norm";

/// One analysis of a passage. The exact view has its own field; the others
/// share one, each passage analysed there in its language's view, so BM25
/// weighs a word against the whole collection whatever its language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    /// Accent-exact words, tone placement made canonical.
    Exact,
    /// Words with every diacritic removed.
    Folded,
    /// The view of its own of an analysed language: German stems with
    /// compounds also split into their parts, Indonesian roots (see the
    /// language's file in `model/lang/`).
    Own(Lang),
}

impl std::fmt::Display for View {
    /// `exact`, `folded`, or the language's code for its own view (`de`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            View::Exact => f.write_str("exact"),
            View::Folded => f.write_str("folded"),
            View::Own(lang) => f.write_str(lang.code()),
        }
    }
}

/// The first [`View::tag`].
const FIRST_TAG: u32 = 0xE000;

impl View {
    /// German's view.
    pub const GERMAN: View = View::Own(Lang::DE);
    /// Indonesian's view.
    pub const INDONESIAN: View = View::Own(Lang::ID);

    /// Every view, in field order: exact, folded, then the analysed
    /// languages' own views in the registry's order.
    pub fn all() -> &'static [View] {
        static ALL: OnceLock<Vec<View>> = OnceLock::new();
        ALL.get_or_init(|| {
            let own = Lang::analysed()
                .filter(|&l| !own_steps(l).is_empty())
                .map(View::Own);
            [View::Exact, View::Folded].into_iter().chain(own).collect()
        })
    }

    /// Its number among [`View::all`].
    pub(crate) fn number(self) -> usize {
        View::all().iter().position(|&v| v == self).unwrap_or(0)
    }

    /// The steps of a language's own view (none for the exact and folded
    /// views).
    pub(crate) fn steps(self) -> &'static [Step] {
        match self {
            View::Own(lang) => own_steps(lang),
            View::Exact | View::Folded => &[],
        }
    }

    /// Whether the view splits compounds into parts as well.
    pub fn decompounds(self) -> bool {
        self.steps().contains(&Step::Decompound)
    }

    /// The view among `views` that splits compounds, if any.
    pub(crate) fn compounding(views: &[View]) -> Option<View> {
        views.iter().copied().find(|v| v.decompounds())
    }

    /// The language whose own view this is.
    pub fn own_lang(self) -> Option<Lang> {
        match self {
            View::Own(lang) => Some(lang),
            View::Exact | View::Folded => None,
        }
    }

    /// The languages with views of their own (stemmed, unlike the exact
    /// and folded views), in the registry's order.
    pub(crate) fn own_langs() -> impl Iterator<Item = Lang> {
        View::all().iter().filter_map(|v| v.own_lang())
    }

    /// Whether the view is indexed in the shared normalised field.
    pub fn is_shared(self) -> bool {
        self != View::Exact
    }

    /// The private-use char that, leading a text, tells the shared field's
    /// analyzer to use this view.
    pub fn tag(self) -> char {
        char::from_u32(FIRST_TAG + self.number() as u32).unwrap_or('\u{E000}')
    }

    /// The view a [`View::tag`] stands for.
    pub fn from_tag(c: char) -> Option<View> {
        let n = (c as u32).checked_sub(FIRST_TAG)?;
        View::all().get(n as usize).copied()
    }

    /// `text` tagged for analysis in this view by the shared field.
    pub fn tagged(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 3);
        out.push(self.tag());
        out.push_str(text);
        out
    }

    /// The views a passage in `lang` is indexed in (`None`: not detected).
    ///
    /// Vietnamese gets the accent-exact view, where tone marks tell words
    /// apart, and the folded one for queries typed without them. German and
    /// Indonesian get only their stemmed view, which folds diacritics too: a
    /// second, unstemmed view of them cost a quarter of the indexing time
    /// and matched nothing the stemmed view misses. The text of any other
    /// language, or of none detected, gets the exact and folded views.
    pub fn indexed_for(lang: Option<Lang>) -> &'static [View] {
        let all = View::all();
        match lang {
            Some(lang) if !own_steps(lang).is_empty() => {
                let i = View::Own(lang).number();
                &all[i..=i]
            }
            _ => &all[..2],
        }
    }

    /// A fresh analyzer for this view.
    pub fn analyzer(self) -> TextAnalyzer {
        TextAnalyzer::from(ChainTokenizer::new(self))
    }
}

/// The steps of `lang`'s own view; none for a language without one.
fn own_steps(lang: Lang) -> &'static [Step] {
    match lang.registered() {
        Some((_, language)) => match language.analysis {
            Analysis::Steps(steps) => steps,
            Analysis::Accents => &[],
        },
        None => &[],
    }
}

pub(crate) use indonesian_stem::is_word as is_indonesian_word;

/// Registers the analyzers of the two text fields with an index's tokenizer
/// manager. Their memos are pooled per thread (see
/// [`ChainTokenizer::pooled`]): tantivy clones them for every segment, and
/// a memo that started over each time analysed a third of the words again.
pub fn register(manager: &TokenizerManager) {
    manager.register(
        EXACT_ANALYZER,
        TextAnalyzer::from(ChainTokenizer::new(View::Exact).pooled()),
    );
    manager.register(
        NORM_ANALYZER,
        TextAnalyzer::from(ChainTokenizer::tagged(View::Folded).pooled()),
    );
}

/// One analyzer per view, built once per search and reused across the
/// query and every passage it highlights.
pub struct Analyzers {
    analyzers: Vec<(View, TextAnalyzer)>,
}

impl Default for Analyzers {
    fn default() -> Analyzers {
        Analyzers {
            analyzers: View::all().iter().map(|&v| (v, v.analyzer())).collect(),
        }
    }
}

impl Analyzers {
    /// The analyzer of a view.
    pub fn get(&mut self, view: View) -> &mut TextAnalyzer {
        &mut self.analyzers[view.number()].1
    }
}

/// Runs `analyzer` over `text` and collects its tokens.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

/// Test helpers shared by the filters' tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Asserts that `map` turns `input` into `expected`.
    pub fn assert_map<M: TextMap>(map: M, input: &str, expected: &str) {
        assert_eq!(map.apply(input), expected, "input {input:?}");
    }

    /// Runs `map` on any `word`: it must not panic, must say it kept a
    /// word only when it did, and must not run the pipeline into a panic.
    pub fn check_map<M: TextMap>(map: M, word: &str, view: View) {
        let mut out = String::new();
        if !map.map(word, &mut out) {
            assert!(out.is_empty() || out == word, "{word:?} kept as {out:?}");
        }
        for t in tokens(&mut view.analyzer(), word) {
            assert!(t.offset_to <= word.len());
        }
    }

    /// The three tests every filter gets, as charabia gives each
    /// normalizer: `alone` (its exact outputs), `in_the_pipeline` (the
    /// exact tokens of a view that runs it) and `never_panics` on random
    /// input. A filter's file calls it in its tests module.
    macro_rules! filter_tests {
        (
            $filter:expr,
            alone: [$(($input:expr, $output:expr)),+ $(,)?],
            in $view:expr => [$(($text:expr, [$($token:expr),*])),+ $(,)?] $(,)?
        ) => {
            #[test]
            fn alone() {
                $(crate::analysis::testing::assert_map($filter, $input, $output);)+
            }

            #[test]
            fn in_the_pipeline() {
                $(crate::analysis::testing::assert_tokens($view, $text, &[$($token),*]);)+
            }

            proptest::proptest! {
                #[test]
                fn never_panics(word in "\\PC{0,40}") {
                    crate::analysis::testing::check_map($filter, &word, $view);
                }
            }
        };
    }
    pub(crate) use filter_tests;

    /// Asserts the exact token texts `view` produces for `text`.
    pub fn assert_tokens(view: View, text: &str, expected: &[&str]) {
        let got: Vec<String> = tokens(&mut view.analyzer(), text)
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(got, expected, "{view:?} of {text:?}");
    }
}

#[cfg(test)]
mod tests;
