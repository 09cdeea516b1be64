//! The word memo of one view, the small hot cache in front of it, and the
//! per-thread pool that lets the index's tokenizers keep their memos across
//! segments (see [`super::chain`]).

use rustc_hash::FxHashMap as HashMap;

use super::View;

/// Words a memo holds before it starts over, bounding its memory.
const MEMO_CAPACITY: usize = 1 << 17;
/// Slots of the hot cache of one view (64 bytes each: 256 KiB).
const HOT_SLOTS: usize = 1 << 12;
/// Distinct words a view's memo holds before its hot cache is set up: a
/// query or a page of snippets never pays for clearing 256 KiB.
pub(super) const HOT_AFTER: usize = 1 << 10;

/// One word of the hot cache and its single term; `key_len == 0` is empty.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
pub(super) struct HotSlot {
    key_len: u8,
    term_len: u8,
    key: [u8; 30],
    term: [u8; 32],
}

impl HotSlot {
    const EMPTY: HotSlot = HotSlot {
        key_len: 0,
        term_len: 0,
        key: [0; 30],
        term: [0; 32],
    };

    /// The term of `word` when this slot holds it.
    pub(super) fn get(&self, word: &[u8]) -> Option<&str> {
        let len = usize::from(self.key_len);
        if len != word.len() || self.key[..len] != *word {
            return None;
        }
        let term = &self.term[..usize::from(self.term_len)];
        // SAFETY: only `set` writes `term` and `term_len` (besides `EMPTY`,
        // which holds none): it copies a whole `&str` into
        // `term[..term_len]`, so those bytes are valid UTF-8. Checking them
        // again on every hit was 2% of an indexing run's instructions.
        Some(unsafe { std::str::from_utf8_unchecked(term) })
    }

    /// Holds `word` → `term` when both fit.
    pub(super) fn set(&mut self, word: &[u8], term: &str) {
        if word.is_empty() || word.len() > self.key.len() || term.len() > self.term.len() {
            return;
        }
        self.key_len = word.len() as u8;
        self.key[..word.len()].copy_from_slice(word);
        self.term_len = term.len() as u8;
        self.term[..term.len()].copy_from_slice(term.as_bytes());
    }
}

/// The hot-cache slot of `word`.
fn hot_index(word: &[u8]) -> usize {
    let mut h = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut h, word);
    (std::hash::Hasher::finish(&h) as usize) & (HOT_SLOTS - 1)
}

/// A word's analysis: its terms (the word's own first, then compound parts),
/// or `None` when the word is dropped.
pub(super) type Analysed = Option<Box<[Box<str>]>>;

/// The memo of one view: every distinct word's analysis, and the hot cache
/// in front of it, set up once the memo has [`HOT_AFTER`] words.
#[derive(Default)]
pub(super) struct Memo {
    words: HashMap<Box<str>, Analysed>,
    hot: Vec<HotSlot>,
}

thread_local! {
    /// Memos of pooled tokenizers dropped on this thread, per view, for the
    /// next one: tantivy clones a field's tokenizer for every segment it
    /// writes, and an indexing thread writes many.
    static POOL: std::cell::RefCell<Memos> = Default::default();
}

/// A memo per view, by [`View::number`], made on first use.
pub(super) type Memos = Vec<Option<Box<Memo>>>;

/// The memo of the view numbered `i` ([`View::number`]) in `memos`, made
/// room for.
pub(super) fn slot(memos: &mut Memos, i: usize) -> &mut Option<Box<Memo>> {
    if memos.len() <= i {
        memos.resize_with(View::all().len(), || None);
    }
    &mut memos[i]
}

/// A memo for `view`: the pooled one of this thread, or a new one.
pub(super) fn pooled_memo(view: View) -> Box<Memo> {
    POOL.with(|pool| slot(&mut pool.borrow_mut(), view.number()).take())
        .unwrap_or_default()
}

impl Memo {
    /// The hot-cache slot `word` would take (`None` until the memo holds
    /// [`HOT_AFTER`] words; then the hot cache is set up), and the words.
    pub(super) fn slot_and_words(
        &mut self,
        word: &[u8],
    ) -> (Option<&mut HotSlot>, &mut HashMap<Box<str>, Analysed>) {
        if self.hot.is_empty() && self.words.len() >= HOT_AFTER {
            self.hot.resize(HOT_SLOTS, HotSlot::EMPTY);
        }
        (self.hot.get_mut(hot_index(word)), &mut self.words)
    }
}

/// Keeps `analysed`, the analysis of `word`, a word `words` does not hold
/// (a full memo starts over), and returns it.
pub(super) fn remember<'a>(
    words: &'a mut HashMap<Box<str>, Analysed>,
    word: &str,
    analysed: impl FnOnce() -> Analysed,
) -> &'a Analysed {
    if words.len() >= MEMO_CAPACITY {
        words.clear();
    }
    words.entry(word.into()).or_insert_with(analysed)
}

/// Gives `memos` back to this thread's pool, for the next tokenizer.
pub(super) fn give_back(memos: Memos) {
    // During thread teardown the pool may be gone: the memos just drop.
    let _ = POOL.try_with(|pool| {
        let mut pool = pool.borrow_mut();
        for (&view, memo) in View::all().iter().zip(memos) {
            if memo.is_some() {
                *slot(&mut pool, view.number()) = memo;
            }
        }
    });
}

/// Words the pool of this thread holds for `view` (`None`: no memo).
#[cfg(test)]
pub(super) fn pooled_words(view: View) -> Option<usize> {
    POOL.with(|pool| {
        let pool = pool.borrow();
        let memo = pool.get(view.number())?.as_ref();
        memo.map(|m| m.words.len())
    })
}
