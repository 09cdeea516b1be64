//! Each view's analysis as one tantivy tokenizer that works word by word.
//!
//! The steps of a view (NFC, lowercase, the view's maps, decompounding,
//! stemming) depend on nothing but the word, and running text repeats its
//! words, so the tokenizer finds a word, looks its raw bytes up in a memo and
//! runs the whole chain only on a miss. A hit costs one hash of the word and
//! one copy of its analysed form, instead of a pass per step. The memo keeps
//! a word and its terms in one allocation, and in front of it sits a small
//! direct-mapped cache with one cache line per word, so the frequent words
//! of a text are answered without a walk through the memo's table (waiting
//! on memory is most of the tokenizer's time). ASCII words in
//! the exact and folded views skip the memo: lowercasing them is cheaper than
//! a lookup. The memo, its hot cache and their per-thread pool live in
//! [`super::memo`]; the index's tokenizers pool their memos (see
//! [`ChainTokenizer::pooled`]), so a memo outlives the segment it was made
//! for, and on a miss ask the memo the indexing threads share before they
//! analyse a word.
//!
//! Tokens keep the word's offsets and position; a compound's parts follow it
//! at the same offsets and position, so highlights and phrases stay exact.

use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::decompound::{split, Lexicon};
use super::lower::push_lower;
use super::memo::{give_back, pooled_memo, slot, word_hash, Analysed, Memos};
use super::tokenizer::next_word;
use super::{
    Fold, GermanNormalize, GermanStem, IndonesianStem, Nfc, Number, TextMap, VietTone, View,
    MAX_TOKEN_BYTES,
};
use crate::model::registry::Step;

/// Lowercases like tantivy's `LowerCaser`: per char, no final-sigma rule.
fn lowercase(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        word.chars().for_each(|c| push_lower(c, out));
    }
}

/// Applies `map` to `word` in place.
fn apply(map: &impl TextMap, word: &mut String, scratch: &mut String) {
    scratch.clear();
    if map.map(word, scratch) {
        std::mem::swap(word, scratch);
    }
}

/// Ends the term of a compound's part (`gesundheit|` in
/// `Gesundheitswesen`); no word's term holds it.
pub const PART_MARK: char = '|';

/// `term` without the mark of a compound's part.
pub fn unmarked(term: &str) -> &str {
    term.strip_suffix(PART_MARK).unwrap_or(term)
}

/// Runs the whole chain of `view` over one word.
pub fn analyse_word(view: View, word: &str) -> Analysed {
    if word.len() >= MAX_TOKEN_BYTES {
        return None;
    }
    let mut scratch = String::new();
    let mut text = String::with_capacity(word.len());
    if Nfc.map(word, &mut scratch) {
        lowercase(&scratch, &mut text);
    } else {
        lowercase(word, &mut text);
    }
    apply(&Number, &mut text, &mut scratch);
    let terms: Vec<Box<str>> = match view {
        View::Exact => {
            apply(&VietTone, &mut text, &mut scratch);
            vec![text.into()]
        }
        View::Folded => {
            apply(&Fold, &mut text, &mut scratch);
            vec![text.into()]
        }
        View::Own(_) => run_steps(view.steps(), text, &mut scratch),
    };
    Some(terms.into())
}

/// Runs a language's `steps` over a word: its terms, the word's first and
/// then, when a step splits it, its parts, each ending in [`PART_MARK`] (so
/// a query can weigh the word written alone above it inside a compound).
fn run_steps(steps: &[Step], word: String, scratch: &mut String) -> Vec<Box<str>> {
    let mut terms = vec![word];
    for step in steps {
        let each: &dyn Fn(&mut String, &mut String) = match step {
            Step::Fold => &|t, s| apply(&Fold, t, s),
            Step::GermanNormalize => &|t, s| apply(&GermanNormalize, t, s),
            Step::IndonesianStem => &|t, s| apply(&IndonesianStem, t, s),
            Step::GermanStem => &|t, s| apply(&GermanStem::default(), t, s),
            Step::Decompound => {
                let parts = split(Lexicon::bundled(), &terms[0]).unwrap_or_default();
                let parts: Vec<String> = parts.into_iter().map(str::to_string).collect();
                terms.extend(parts);
                continue;
            }
        };
        for term in &mut terms {
            each(term, scratch);
        }
    }
    for part in terms.iter_mut().skip(1) {
        part.push(PART_MARK);
    }
    terms.into_iter().map(String::into_boxed_str).collect()
}

/// Texts and bytes of text the shared field's tokenizers have analysed in
/// this process. Every passage is indexed in the shared field once, so an
/// indexing run compares them with what it has handed to tantivy to know
/// how much still waits in tantivy's queue.
static SHARED_FIELD_TEXTS: AtomicU64 = AtomicU64::new(0);
/// See [`SHARED_FIELD_TEXTS`].
static SHARED_FIELD_BYTES: AtomicU64 = AtomicU64::new(0);

/// Texts and bytes the shared field's tokenizers have analysed; see
/// [`SHARED_FIELD_TEXTS`].
pub(crate) fn shared_field_analysed() -> (u64, u64) {
    (
        SHARED_FIELD_TEXTS.load(Ordering::Relaxed),
        SHARED_FIELD_BYTES.load(Ordering::Relaxed),
    )
}

/// A compound's parts still to emit, in order, in one buffer.
#[derive(Clone, Default)]
struct Pending {
    text: String,
    ends: Vec<usize>,
    next: usize,
}

impl Pending {
    fn set<'a>(&mut self, parts: impl Iterator<Item = &'a str>) {
        self.text.clear();
        self.ends.clear();
        self.next = 0;
        for part in parts {
            self.text.push_str(part);
            self.ends.push(self.text.len());
        }
    }

    /// The next part, if any.
    fn pop(&mut self) -> Option<&str> {
        let end = *self.ends.get(self.next)?;
        let start = if self.next == 0 {
            0
        } else {
            self.ends[self.next - 1]
        };
        self.next += 1;
        self.text.get(start..end)
    }

    fn clear(&mut self) {
        self.ends.clear();
        self.next = 0;
    }
}

/// The tokenizer of one view, or of the shared field where a tag picks the
/// view per text; see the module docs.
pub struct ChainTokenizer {
    /// The view of untagged text.
    default: View,
    /// Whether a leading [`View::tag`] picks the view.
    tagged: bool,
    /// Whether memos come from and go back to this thread's pool.
    pooled: bool,
    /// The view of the text being tokenized.
    view: View,
    /// Its [`View::number`], the index of its memo.
    view_at: usize,
    token: Token,
    /// Compound parts still to emit for the current word.
    pending: Pending,
    /// One memo per view, made on first use.
    memos: Memos,
}

impl Clone for ChainTokenizer {
    /// A tokenizer of the same views with no memos of its own yet.
    fn clone(&self) -> ChainTokenizer {
        ChainTokenizer {
            default: self.default,
            tagged: self.tagged,
            pooled: self.pooled,
            view: self.view,
            view_at: self.view_at,
            token: Token::default(),
            pending: Pending::default(),
            memos: Default::default(),
        }
    }
}

impl Drop for ChainTokenizer {
    fn drop(&mut self) {
        if !self.pooled {
            return;
        }
        give_back(std::mem::take(&mut self.memos));
    }
}

impl ChainTokenizer {
    /// A tokenizer for `view` with empty memos.
    pub fn new(view: View) -> ChainTokenizer {
        ChainTokenizer {
            default: view,
            tagged: false,
            pooled: false,
            view,
            view_at: view.number(),
            token: Token::default(),
            pending: Pending::default(),
            memos: Default::default(),
        }
    }

    /// A tokenizer that analyses a text in the view its first char tags
    /// (see [`View::tagged`]) and untagged text in `view`. The tag is not a
    /// word char, so it never becomes a token; offsets count its bytes.
    pub fn tagged(view: View) -> ChainTokenizer {
        let mut tokenizer = ChainTokenizer::new(view);
        tokenizer.tagged = true;
        tokenizer
    }

    /// This tokenizer, and its clones, with memos that outlive them: each
    /// takes its thread's pooled memo of a view on first use and gives it
    /// back when dropped. For the index's fields, whose tokenizers tantivy
    /// clones per segment; a thread keeps at most one memo per view.
    pub fn pooled(mut self) -> ChainTokenizer {
        self.pooled = true;
        self
    }
}

impl Tokenizer for ChainTokenizer {
    type TokenStream<'a> = ChainStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ChainStream<'a> {
        self.token.reset();
        self.pending.clear();
        if self.tagged {
            SHARED_FIELD_TEXTS.fetch_add(1, Ordering::Relaxed);
            SHARED_FIELD_BYTES.fetch_add(text.len() as u64, Ordering::Relaxed);
        }
        self.view = match text.chars().next().and_then(View::from_tag) {
            Some(view) if self.tagged => view,
            _ => self.default,
        };
        self.view_at = self.view.number();
        ChainStream {
            text,
            cursor: 0,
            state: self,
        }
    }
}

/// Puts a word's first term in `token` and the rest in `pending`; `false`
/// when the word has none (it is dropped).
fn emit<'a>(
    mut terms: impl Iterator<Item = &'a str>,
    token: &mut Token,
    pending: &mut Pending,
) -> bool {
    let Some(first) = terms.next() else {
        return false;
    };
    token.text.push_str(first);
    pending.set(terms);
    true
}

/// The stream of a [`ChainTokenizer`].
pub struct ChainStream<'a> {
    text: &'a str,
    cursor: usize,
    state: &'a mut ChainTokenizer,
}

impl TokenStream for ChainStream<'_> {
    fn advance(&mut self) -> bool {
        let state = &mut *self.state;
        if let Some(part) = state.pending.pop() {
            state.token.text.clear();
            state.token.text.push_str(part);
            return true;
        }
        loop {
            let Some((from, to)) = next_word(self.text, self.cursor) else {
                self.cursor = self.text.len();
                return false;
            };
            self.cursor = to;
            let word = &self.text[from..to];
            let token = &mut state.token;
            token.offset_from = from;
            token.offset_to = to;
            token.position = token.position.wrapping_add(1);
            token.position_length = 1;
            token.text.clear();
            let plain = !word.as_bytes().iter().any(|b| matches!(b, b'.' | b','));
            if plain && word.is_ascii() && matches!(state.view, View::Exact | View::Folded) {
                if word.len() >= MAX_TOKEN_BYTES {
                    continue;
                }
                lowercase(word, &mut token.text);
                return true;
            }
            let (view, pooled) = (state.view, state.pooled);
            let memo = slot(&mut state.memos, state.view_at).get_or_insert_with(|| {
                if pooled {
                    pooled_memo(view)
                } else {
                    Box::default()
                }
            });
            let hash = word_hash(word.as_bytes());
            if let Some(term) = memo.hot(hash, word.as_bytes()) {
                token.text.push_str(term);
                return true;
            }
            let pending = &mut state.pending;
            let emitted = match memo.entry(hash, word, || analyse_word(view, word)) {
                Ok(entry) => emit(entry.terms(), token, pending),
                // Too long to keep: analysed each time.
                Err(analysed) => emit(analysed.iter().flatten().map(|t| &**t), token, pending),
            };
            if emitted {
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        &self.state.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.state.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::memo::{pooled_words, HOT_AFTER};
    use crate::analysis::tokens;

    fn spans(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        tokens(analyzer, text)
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect()
    }

    #[test]
    fn long_words_are_dropped_but_keep_their_position() {
        let long = "x".repeat(MAX_TOKEN_BYTES);
        let text = format!("Hòa {long} bình");
        for view in [View::Exact, View::Folded] {
            let got = spans(&mut view.analyzer(), &text);
            assert_eq!(got.len(), 2, "{view:?}");
            assert_eq!((got[0].1, got[1].1), (0, 2), "{view:?}");
        }
        assert_eq!(analyse_word(View::GERMAN, &"ü".repeat(32)), None);
    }

    #[test]
    fn memo_hits_give_what_misses_gave() {
        // Compounds and words longer than a hot slot bypass the hot cache.
        let text = "Krankenhausnetzwerke, Krankenhausnetzwerke; perawatan perawatan hoà hoà \
                    Verantwortungsbewusstseinsträger Verantwortungsbewusstseinsträger";
        for &view in View::all() {
            let mut analyzer = view.analyzer();
            let first = spans(&mut analyzer, text);
            assert_eq!(first, spans(&mut analyzer, text), "{view:?}");
            assert_eq!(first, spans(&mut view.analyzer(), text), "{view:?}");
        }
        let german = spans(
            &mut View::GERMAN.analyzer(),
            "Krankenhausnetzwerke Krankenhausnetzwerke",
        );
        let texts: Vec<&str> = german.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["krankenhausnetzwerk", "krankenhaus|", "netzwerk|"].repeat(2)
        );
    }

    #[test]
    fn hot_cache_hits_give_what_the_memo_gave() {
        // Enough distinct non-ASCII words to set the hot cache up mid-text.
        let filler: Vec<String> = (0..HOT_AFTER + 10).map(|i| format!("đức{i}")).collect();
        let text = format!(
            "{} Krankenhäuser perawatan hoà Verantwortungsbewusstseinsträger",
            filler.join(" ")
        );
        for &view in View::all() {
            let mut analyzer = view.analyzer();
            let first = spans(&mut analyzer, &text);
            assert_eq!(first, spans(&mut analyzer, &text), "{view:?}");
            assert_eq!(first, spans(&mut view.analyzer(), &text), "{view:?}");
        }
        let tail: Vec<String> = spans(&mut View::GERMAN.analyzer(), &text)
            .into_iter()
            .skip(HOT_AFTER + 10)
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            tail,
            [
                "krankenhaus",
                "krank|",
                "haus|",
                "perawatan",
                "hoa",
                "verantwortungsbewusstseinstrag",
                "verantwort|",
                "bewusstsein|",
                "trag|"
            ]
        );
    }

    fn terms_of(tokenizer: &mut ChainTokenizer, text: &str) -> Vec<String> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn pooled_memos_pass_from_one_clone_to_the_next_on_a_thread() {
        std::thread::spawn(|| {
            let registered = ChainTokenizer::tagged(View::Folded).pooled();
            let text = View::GERMAN.tagged("Krankenhäuser Abkommen");
            let first = terms_of(&mut registered.clone(), &text);
            assert_eq!(first, ["krankenhaus", "krank|", "haus|", "abkomm"]);
            assert_eq!(pooled_words(View::GERMAN), Some(2));
            let mut next = registered.clone();
            assert_eq!(terms_of(&mut next, &text), first);
            // The live clone holds the memo; the pool has none meanwhile.
            assert_eq!(pooled_words(View::GERMAN), None);
            drop(next);
            assert_eq!(pooled_words(View::GERMAN), Some(2));
            // Tokenizers that are not pooled leave the pool alone.
            terms_of(&mut ChainTokenizer::new(View::INDONESIAN), "perawatan");
            assert_eq!(pooled_words(View::INDONESIAN), None);
        })
        .join()
        .unwrap();
    }

    #[test]
    fn the_shared_field_reads_the_view_from_the_tag() {
        let mut shared =
            tantivy::tokenizer::TextAnalyzer::from(ChainTokenizer::tagged(View::Folded));
        let text = "Krankenhäuser perawatan";
        let terms = |a: &mut tantivy::tokenizer::TextAnalyzer, t: &str| -> Vec<String> {
            tokens(a, t).into_iter().map(|t| t.text).collect()
        };
        assert_eq!(terms(&mut shared, text), ["krankenhauser", "perawatan"]);
        assert_eq!(
            terms(&mut shared, &View::GERMAN.tagged(text)),
            ["krankenhaus", "krank|", "haus|", "perawatan"]
        );
        assert_eq!(
            terms(&mut shared, &View::INDONESIAN.tagged(text)),
            ["krankenhauser", "rawat"]
        );
        // The tag is not a word char: offsets count its bytes, nothing else.
        let t = tokens(&mut shared, &View::INDONESIAN.tagged("perawatan"));
        assert_eq!((t[0].offset_from, t[0].offset_to), (3, 12));
    }
}
