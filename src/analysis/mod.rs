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
//! | [`View::German`] | `vs_de` | German | words → NFC → lowercase → umlaut/`ß` normalisation → diacritic folding → decompounding → Snowball German stemmer |
//! | [`View::Indonesian`] | `vs_id` | Indonesian | words → NFC → lowercase → diacritic folding → Sastrawi affix stemmer |
//!
//! A query is analysed in every view (see [`View::indexed_for`] for which
//! passages each one reaches).
//! Vietnamese is not stemmed: its words are syllables and carry no affixes.
//! No view removes stop words, so phrases and short queries such as `y tế`
//! keep every word; BM25's IDF already gives common words little weight.

pub(crate) mod chain;
mod decompound;
mod fold;
mod german_normalize;
mod german_stem;
mod indonesian_stem;
mod memo;
mod nfc;
mod number;
pub(crate) mod refs;
mod text_map;
mod tokenizer;
mod vi_tone;

pub(crate) use chain::{analyse_word, shared_field_analysed, unmarked, ChainTokenizer, PART_MARK};
pub(crate) use fold::fold_char;
use fold::Fold;
use german_normalize::GermanNormalize;
use german_stem::GermanStem;
use indonesian_stem::IndonesianStem;
use nfc::Nfc;
pub(crate) use number::number_end;
use number::Number;
pub(crate) use text_map::TextMap;
pub(crate) use tokenizer::next_word;
use vi_tone::VietTone;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenizerManager};

use crate::model::Lang;

/// Words of this many bytes or more (URLs glued together, base64, junk) are
/// dropped rather than indexed.
pub const MAX_TOKEN_BYTES: usize = 64;

/// The analyzer of the accent-exact field: [`View::Exact`].
pub const EXACT_ANALYZER: &str = "vs_exact";
/// The analyzer of the shared normalised field: the view a text is tagged
/// with (see [`View::tagged`]), [`View::Folded`] when untagged.
pub const NORM_ANALYZER: &str = "vs_norm";

/// One analysis of a passage. The exact view has its own field; the other
/// three share one, each passage analysed there in its language's view, so
/// BM25 weighs a word against the whole collection whatever its language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    /// Accent-exact words, tone placement made canonical.
    Exact,
    /// Words with every diacritic removed.
    Folded,
    /// German stems, compounds also split into their parts.
    German,
    /// Indonesian roots.
    Indonesian,
}

impl View {
    /// Every view, in field order.
    pub const ALL: [View; 4] = [View::Exact, View::Folded, View::German, View::Indonesian];

    /// Whether the view is indexed in the shared normalised field.
    pub fn is_shared(self) -> bool {
        self != View::Exact
    }

    /// The private-use char that, leading a text, tells the shared field's
    /// analyzer to use this view.
    pub fn tag(self) -> char {
        match self {
            View::Exact => '\u{E000}',
            View::Folded => '\u{E001}',
            View::German => '\u{E002}',
            View::Indonesian => '\u{E003}',
        }
    }

    /// The view a [`View::tag`] stands for.
    pub fn from_tag(c: char) -> Option<View> {
        View::ALL.into_iter().find(|v| v.tag() == c)
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
    /// and matched nothing the stemmed view misses.
    pub fn indexed_for(lang: Option<Lang>) -> &'static [View] {
        match lang {
            // Vietnamese, and the neutral analysis of the text of any
            // other language or none detected.
            None | Some(Lang::Vi | Lang::Other(_)) => &[View::Exact, View::Folded],
            Some(Lang::De) => &[View::German],
            Some(Lang::Id) => &[View::Indonesian],
        }
    }

    /// A fresh analyzer for this view.
    pub fn analyzer(self) -> TextAnalyzer {
        TextAnalyzer::from(ChainTokenizer::new(self))
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
            analyzers: View::ALL.iter().map(|&v| (v, v.analyzer())).collect(),
        }
    }
}

impl Analyzers {
    /// The analyzer of a view.
    pub fn get(&mut self, view: View) -> &mut TextAnalyzer {
        let i = View::ALL.iter().position(|&v| v == view).unwrap_or(0);
        &mut self.analyzers[i].1
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
mod tests {
    use super::testing::assert_tokens;
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn exact_view() {
        assert_tokens(View::Exact, "Nghị quyết 72", &["nghị", "quyết", "72"]);
        assert_tokens(View::Exact, "Hiện đại hoá", &["hiện", "đại", "hóa"]);
        assert_tokens(
            View::Exact,
            "Sức khoẻ, THUỶ lợi",
            &["sức", "khỏe", "thủy", "lợi"],
        );
        assert_tokens(
            View::Exact,
            "Resolusi No. 72-NQ/TW",
            &["resolusi", "no", "72", "nq", "tw"],
        );
    }

    #[test]
    fn nfd_input_equals_nfc_input() {
        for text in ["Nghị quyết 72", "Đại học Y Hà Nội", "thuỷ Krankenhäuser"] {
            let nfd: String = text.nfd().collect();
            for view in View::ALL {
                let a: Vec<_> = tokens(&mut view.analyzer(), text)
                    .into_iter()
                    .map(|t| t.text)
                    .collect();
                let b: Vec<_> = tokens(&mut view.analyzer(), &nfd)
                    .into_iter()
                    .map(|t| t.text)
                    .collect();
                assert_eq!(a, b, "{view:?} {text:?}");
            }
        }
    }

    #[test]
    fn folded_view() {
        assert_tokens(View::Folded, "Nghị quyết 72", &["nghi", "quyet", "72"]);
        assert_tokens(
            View::Folded,
            "Đại học Y Hà Nội",
            &["dai", "hoc", "y", "ha", "noi"],
        );
        assert_tokens(View::Folded, "hoà hòa", &["hoa", "hoa"]);
        assert_tokens(View::Folded, "Straße Strasse", &["strasse", "strasse"]);
        assert_tokens(View::Folded, "y tế", &["y", "te"]);
    }

    #[test]
    fn german_view() {
        assert_tokens(
            View::German,
            "Krankenhäuser Krankenhaus",
            &[
                "krankenhaus",
                "krank|",
                "haus|",
                "krankenhaus",
                "krank|",
                "haus|",
            ],
        );
        assert_tokens(
            View::German,
            "Politbüro Politburo",
            &["politburo", "politburo"],
        );
        assert_tokens(View::German, "Straße Strasse", &["strass", "strass"]);
        assert_tokens(
            View::German,
            "Gesundheitskooperationsabkommens",
            &[
                "gesundheitskooperationsabkomm",
                "gesund|",
                "kooperation|",
                "abkomm|",
            ],
        );
        assert_tokens(
            View::German,
            "Krankenhausnetzwerke",
            &["krankenhausnetzwerk", "krankenhaus|", "netzwerk|"],
        );
        assert_tokens(
            View::German,
            "Rahmenabkommens",
            &["rahmenabkomm", "rahm|", "abkomm|"],
        );
        assert_tokens(
            View::German,
            "Abkommen Kooperation",
            &["abkomm", "kooperation"],
        );
    }

    #[test]
    fn indonesian_view() {
        assert_tokens(
            View::Indonesian,
            "Perawatan merawat dirawat",
            &["rawat", "rawat", "rawat"],
        );
        assert_tokens(
            View::Indonesian,
            "berkembang pengembangan",
            &["kembang", "kembang"],
        );
    }

    #[test]
    fn decompound_parts_keep_offsets_and_position() {
        let got = tokens(&mut View::German.analyzer(), "Das Rahmenabkommens gilt");
        let spans: Vec<_> = got
            .iter()
            .map(|t| (t.text.as_str(), t.offset_from, t.offset_to, t.position))
            .collect();
        assert_eq!(
            spans,
            [
                ("das", 0, 3, 0),
                ("rahmenabkomm", 4, 19, 1),
                ("rahm|", 4, 19, 1),
                ("abkomm|", 4, 19, 1),
                ("gilt", 20, 24, 2)
            ]
        );
    }

    proptest! {
        #[test]
        fn analyzers_never_panic_and_keep_offsets_sane(text in "\\PC{0,200}") {
            check_offsets(&text);
        }

        #[test]
        fn analyzers_handle_vietnamese_like_text(text in "[a-zđơưăâêôA-Z\u{300}-\u{323} ,.-]{0,80}") {
            check_offsets(&text);
        }
    }

    fn check_offsets(text: &str) {
        for view in View::ALL {
            let mut last_position = None;
            for t in tokens(&mut view.analyzer(), text) {
                assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
                assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
                if let Some(last) = last_position {
                    assert!(t.position >= last, "positions must not decrease");
                }
                last_position = Some(t.position);
            }
        }
    }
}
