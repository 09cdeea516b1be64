//! The word memo of one view, the small hot cache in front of it, the
//! per-thread pool that lets the index's tokenizers keep their memos across
//! segments, and the memo the indexing threads share behind their own (see
//! [`super::chain`]); and the stemmers' memo of their stems.

use std::sync::{Mutex, OnceLock, PoisonError};

use hashbrown::hash_table::{Entry as Slot, HashTable};
use rustc_hash::FxHashMap;

use super::View;

/// Words a memo holds before it starts over, bounding its memory.
const MEMO_CAPACITY: usize = 1 << 17;
/// Words the shared memo holds per view before a shard starts over.
const SHARED_CAPACITY: usize = 1 << 18;
/// Shards of the shared memo per view, each behind its own lock.
const SHARDS: usize = 16;
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

/// The hash of a word's bytes: the memo's key and the hot cache's index.
pub(super) fn word_hash(word: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut h, word);
    std::hash::Hasher::finish(&h)
}

/// The hot-cache slot of the word hashed `hash` ([`word_hash`]).
fn hot_index(hash: u64) -> usize {
    hash as usize & (HOT_SLOTS - 1)
}

/// A word's analysis: its terms (the word's own first, then compound parts),
/// or `None` when the word is dropped.
pub(super) type Analysed = Option<Box<[Box<str>]>>;

/// One word of the memo and its terms in one allocation, so that a lookup
/// reads one block of memory after the table's (a key, a list and each term
/// of its own were three more cache misses): the word's length (one byte)
/// and bytes, then each term's length (one byte) and bytes; no terms when
/// the word is dropped.
#[derive(Clone)]
pub(super) struct Entry(Box<[u8]>);

impl Entry {
    /// The entry of `word` and its analysis, when every length fits a byte.
    fn new(word: &str, analysed: &Analysed) -> Option<Entry> {
        let terms = analysed.as_deref().unwrap_or_default();
        let long = |b: &[u8]| b.len() > usize::from(u8::MAX);
        if long(word.as_bytes()) || terms.iter().any(|t| long(t.as_bytes())) {
            return None;
        }
        let size = 1 + word.len() + terms.iter().map(|t| 1 + t.len()).sum::<usize>();
        let mut bytes = Vec::with_capacity(size);
        for part in std::iter::once(word).chain(terms.iter().map(|t| &**t)) {
            bytes.push(part.len() as u8);
            bytes.extend_from_slice(part.as_bytes());
        }
        Some(Entry(bytes.into_boxed_slice()))
    }

    /// The word's bytes.
    fn word(&self) -> &[u8] {
        let len = usize::from(self.0.first().copied().unwrap_or(0));
        self.0.get(1..=len).unwrap_or_default()
    }

    /// The word's terms: none when it is dropped.
    pub(super) fn terms(&self) -> Terms<'_> {
        Terms(self.0.get(1 + self.word().len()..).unwrap_or_default())
    }
}

/// The terms of an [`Entry`], in order.
pub(super) struct Terms<'a>(&'a [u8]);

impl<'a> Iterator for Terms<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (&len, rest) = self.0.split_first()?;
        let term = rest.get(..usize::from(len))?;
        self.0 = &rest[term.len()..];
        // SAFETY: only `Entry::new` writes an entry's bytes: each term is a
        // whole `&str` after its length byte, so `term` is valid UTF-8.
        Some(unsafe { std::str::from_utf8_unchecked(term) })
    }
}

/// The memo of one view: every distinct word's analysis, and the hot cache
/// in front of it, set up once the memo has [`HOT_AFTER`] words.
#[derive(Default)]
pub(super) struct Memo {
    words: HashTable<Entry>,
    hot: Vec<HotSlot>,
    /// The [`View::number`] of a pooled memo, whose misses go to the
    /// shared memo before they are analysed.
    shared: Option<usize>,
}

/// The memo behind the pooled ones, shared by every thread: each indexing
/// thread met most words the other had analysed already, and analysing a
/// word (a German one is split and stemmed, part by part) costs some
/// 13,000 instructions, hundreds of lookups. A thread asks it only on a
/// miss of its own memo.
fn shards(view: usize) -> &'static [Mutex<HashTable<Entry>>] {
    static SHARDS_OF_VIEWS: OnceLock<Vec<Mutex<HashTable<Entry>>>> = OnceLock::new();
    let all = SHARDS_OF_VIEWS.get_or_init(|| {
        let n = View::all().len() * SHARDS;
        (0..n).map(|_| Mutex::default()).collect()
    });
    all.get(view * SHARDS..(view + 1) * SHARDS)
        .unwrap_or_default()
}

/// The shard of the shared memo of view number `view` that holds the word
/// hashed `hash`: picked by bits the tables do not use.
fn shard(view: usize, hash: u64) -> Option<&'static Mutex<HashTable<Entry>>> {
    shards(view).get((hash >> 40) as usize % SHARDS)
}

/// A copy of the shared memo's entry of `word`, hashed `hash`, if any.
fn shared_entry(view: usize, hash: u64, word: &[u8]) -> Option<Entry> {
    let shard = shard(view, hash)?
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    shard.find(hash, |e| e.word() == word).cloned()
}

/// Adds `entry`, hashed `hash`, to the shared memo (a full shard starts
/// over).
fn share(view: usize, hash: u64, entry: Entry) {
    let Some(shard) = shard(view, hash) else {
        return;
    };
    let mut shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
    if shard.len() >= SHARED_CAPACITY / SHARDS {
        shard.clear();
    }
    let rehash = |e: &Entry| word_hash(e.word());
    if let Slot::Vacant(new) = shard.entry(hash, |e| e.word() == entry.word(), rehash) {
        new.insert(entry);
    }
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
    let pooled = POOL.with(|pool| slot(&mut pool.borrow_mut(), view.number()).take());
    pooled.unwrap_or_else(|| {
        Box::new(Memo {
            shared: Some(view.number()),
            ..Memo::default()
        })
    })
}

impl Memo {
    /// The single term of the word hashed `hash`, `word`, when the hot
    /// cache holds it.
    pub(super) fn hot(&self, hash: u64, word: &[u8]) -> Option<&str> {
        self.hot.get(hot_index(hash))?.get(word)
    }

    /// The entry of `word`, hashed `hash`, made with `analyse` when the memo
    /// does not hold it yet (a full memo starts over); a single term is
    /// kept in the hot cache, which is set up once the memo holds
    /// [`HOT_AFTER`] words. When the word or a term is too long to keep,
    /// the analysis just made, not kept.
    pub(super) fn entry(
        &mut self,
        hash: u64,
        word: &str,
        analyse: impl FnOnce() -> Analysed,
    ) -> Result<&Entry, Analysed> {
        if self.hot.is_empty() && self.words.len() >= HOT_AFTER {
            self.hot.resize(HOT_SLOTS, HotSlot::EMPTY);
        }
        let key = word.as_bytes();
        let full = self.words.len() >= MEMO_CAPACITY;
        if full && self.words.find(hash, |e| e.word() == key).is_none() {
            self.words.clear();
        }
        let rehash = |e: &Entry| word_hash(e.word());
        let entry = match self.words.entry(hash, |e| e.word() == key, rehash) {
            Slot::Occupied(known) => known.into_mut(),
            Slot::Vacant(new) => new
                .insert(made(self.shared, hash, word, analyse)?)
                .into_mut(),
        };
        let mut terms = entry.terms();
        if let (Some(term), None) = (terms.next(), terms.next()) {
            if let Some(slot) = self.hot.get_mut(hot_index(hash)) {
                slot.set(key, term);
            }
        }
        Ok(entry)
    }
}

/// The entry of `word`, hashed `hash`, on a miss of a memo: the shared
/// memo's when the memo is pooled (`shared`: its view's number) and another
/// thread analysed the word, or else made with `analyse` (and shared).
/// When the word or a term is too long to keep, the analysis just made.
fn made(
    shared: Option<usize>,
    hash: u64,
    word: &str,
    analyse: impl FnOnce() -> Analysed,
) -> Result<Entry, Analysed> {
    if let Some(known) = shared.and_then(|v| shared_entry(v, hash, word.as_bytes())) {
        return Ok(known);
    }
    let analysed = analyse();
    let made = Entry::new(word, &analysed).ok_or(analysed)?;
    if let Some(view) = shared {
        share(view, hash, made.clone());
    }
    Ok(made)
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

/// Stems a stemmer's memo keeps before it starts over, bounding its memory.
const STEMS_KEPT: usize = 1 << 17;

/// A stemmer's memo of the stem of each word it was given, for the whole
/// process. The word memos key on the word as written, so each case of a
/// word, and each compound a part comes in, was stemmed again: two in
/// five German stems (some 6,000 instructions each with Snowball) and a
/// fifth of the Indonesian ones (12,000 with Sastrawi).
pub(super) struct StemMemo(OnceLock<Mutex<FxHashMap<Box<str>, Box<str>>>>);

impl StemMemo {
    /// An empty memo, for a `static`.
    pub(super) const fn new() -> StemMemo {
        StemMemo(OnceLock::new())
    }

    /// The stem of `word`, made with `stem` the first time.
    pub(super) fn stem(&self, word: &str, stem: impl FnOnce(&str) -> String) -> String {
        let stems = self.0.get_or_init(Mutex::default);
        let known = stems
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(word)
            .cloned();
        if let Some(known) = known {
            return known.into();
        }
        let made = stem(word);
        let mut stems = stems.lock().unwrap_or_else(PoisonError::into_inner);
        if stems.len() >= STEMS_KEPT {
            stems.clear();
        }
        stems.insert(word.into(), made.as_str().into());
        made
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_is_made_once_and_remembered() {
        let memo = StemMemo::new();
        let mut calls = 0;
        for _ in 0..3 {
            let stem = memo.stem("merkwortprobe", |w| {
                calls += 1;
                format!("{w}-stem")
            });
            assert_eq!(stem, "merkwortprobe-stem");
        }
        assert_eq!(calls, 1);
    }

    fn terms_of(analysed: Analysed, word: &str) -> Option<Vec<String>> {
        let entry = Entry::new(word, &analysed)?;
        assert_eq!(entry.word(), word.as_bytes());
        Some(entry.terms().map(str::to_string).collect())
    }

    #[test]
    fn an_entry_gives_back_its_word_and_terms() {
        let terms: Analysed = Some(["krankenhaus".into(), "krank|".into(), "haus|".into()].into());
        assert_eq!(
            terms_of(terms, "Krankenhäuser"),
            Some(vec!["krankenhaus".into(), "krank|".into(), "haus|".into()])
        );
        assert_eq!(
            terms_of(Some(["hòa".into()].into()), "hoà"),
            Some(vec!["hòa".into()])
        );
        // A dropped word keeps no terms.
        assert_eq!(terms_of(None, "xxxx"), Some(vec![]));
        // Lengths are a byte each: longer words are not kept.
        assert_eq!(terms_of(None, &"x".repeat(256)), None);
        assert_eq!(terms_of(Some(["y".repeat(256).into()].into()), "y"), None);
        assert_eq!(terms_of(None, &"x".repeat(255)), Some(vec![]));
    }

    #[test]
    fn a_pooled_memo_takes_what_another_thread_analysed() {
        let view = View::GERMAN.number();
        let word = "Sharedmemotestwort";
        let hash = word_hash(word.as_bytes());
        let first = std::thread::spawn(move || {
            let mut memo = Memo {
                shared: Some(view),
                ..Memo::default()
            };
            let entry = memo.entry(hash, word, || Some(["made once".into()].into()));
            entry
                .ok()
                .map(|e| e.terms().map(str::to_string).collect::<Vec<_>>())
        });
        assert_eq!(
            first.join().ok().flatten(),
            Some(vec!["made once".to_string()])
        );
        let mut memo = Memo {
            shared: Some(view),
            ..Memo::default()
        };
        let entry = memo.entry(hash, word, || unreachable!("the other thread analysed it"));
        assert_eq!(
            entry.ok().map(|e| e.terms().collect::<Vec<_>>()),
            Some(vec!["made once"])
        );
        // A memo of its own (a query's, a page's) analyses for itself.
        let mut calls = 0;
        let _ = Memo::default().entry(hash, word, || {
            calls += 1;
            Some(["again".into()].into())
        });
        assert_eq!(calls, 1);
    }

    #[test]
    fn the_memo_analyses_a_word_once_and_keeps_single_terms_hot() {
        let mut memo = Memo::default();
        let mut calls = 0;
        for i in 0..HOT_AFTER + 1 {
            let word = format!("w{i}");
            let hash = word_hash(word.as_bytes());
            let kept = memo.entry(hash, &word, || {
                calls += 1;
                Some([word.clone().into()].into())
            });
            assert!(kept.is_ok(), "{word}");
        }
        assert_eq!(calls, HOT_AFTER + 1);
        let hash = word_hash(b"w0");
        assert_eq!(memo.hot(hash, b"w0"), None, "the hot cache starts empty");
        let entry = memo.entry(hash, "w0", || unreachable!("w0 is kept"));
        assert_eq!(
            entry.ok().map(|e| e.terms().collect::<Vec<_>>()),
            Some(vec!["w0"])
        );
        assert_eq!(memo.hot(hash, b"w0"), Some("w0"));
        // What is too long to keep comes back as analysed, analysed once.
        let long = "x".repeat(300);
        let mut calls = 0;
        let given = memo.entry(word_hash(long.as_bytes()), &long, || {
            calls += 1;
            Some(["y".into()].into())
        });
        assert_eq!(given.err(), Some(Some(["y".into()].into())));
        assert_eq!(calls, 1);
    }
}
