//! The shape shared by every filter that rewrites one token's text.
//!
//! A [`TextMap`] says how a word changes; [`MapFilter`] turns it into a
//! tantivy `TokenFilter` that pulls tokens from its tail and rewrites only
//! `token.text`, never offsets or positions, so highlights stay exact.
//! Costly maps (stemmers) set [`TextMap::MEMO`] and get a per-tokenizer memo
//! of the words they have seen: running text repeats its words.

use rustc_hash::FxHashMap as HashMap;
use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A rewrite of one word.
pub trait TextMap: Clone + Send + Sync + 'static {
    /// Whether results are worth remembering per word.
    const MEMO: bool = false;

    /// Writes the rewritten form of `input` into `out` (which is empty) and
    /// returns `true`, or returns `false` when `input` stays as it is.
    fn map(&self, input: &str, out: &mut String) -> bool;

    /// Applies the map to `input`, allocating only the result.
    fn apply(&self, input: &str) -> String {
        let mut out = String::new();
        if self.map(input, &mut out) {
            out
        } else {
            input.to_string()
        }
    }
}

/// Writes `rewritten` into `out` when it differs from `input`, for maps
/// built on a function that returns the word itself when nothing changes.
pub fn write_if_changed(input: &str, rewritten: &str, out: &mut String) -> bool {
    if rewritten == input {
        return false;
    }
    out.push_str(rewritten);
    true
}

/// A token filter applying a [`TextMap`] to every token.
#[derive(Clone)]
pub struct MapFilter<M>(pub M);

impl<M: TextMap> TokenFilter for MapFilter<M> {
    type Tokenizer<T: Tokenizer> = MapFilterTokenizer<M, T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MapFilterTokenizer<M, T> {
        MapFilterTokenizer {
            map: self.0,
            tokenizer,
            buffer: String::new(),
            memo: HashMap::default(),
        }
    }
}

/// Words a memo holds before it starts over, bounding its memory.
const MEMO_CAPACITY: usize = 1 << 17;

/// A word's rewrite, `None` when it stays as it is.
type Memo = HashMap<Box<str>, Option<Box<str>>>;

/// The tokenizer a [`MapFilter`] wraps around its tail.
#[derive(Clone)]
pub struct MapFilterTokenizer<M, T> {
    map: M,
    tokenizer: T,
    buffer: String,
    memo: Memo,
}

impl<M: TextMap, T: Tokenizer> Tokenizer for MapFilterTokenizer<M, T> {
    type TokenStream<'a> = MapFilterStream<'a, M, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapFilterStream {
            map: &self.map,
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
            memo: &mut self.memo,
        }
    }
}

/// The stream of a [`MapFilter`].
pub struct MapFilterStream<'a, M, S> {
    map: &'a M,
    tail: S,
    buffer: &'a mut String,
    memo: &'a mut Memo,
}

impl<M: TextMap, S: TokenStream> TokenStream for MapFilterStream<'_, M, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.buffer.clear();
        let token = self.tail.token_mut();
        if !M::MEMO {
            if self.map.map(&token.text, self.buffer) {
                mem::swap(&mut token.text, self.buffer);
            }
            return true;
        }
        if let Some(known) = self.memo.get(token.text.as_str()) {
            if let Some(rewritten) = known {
                token.text.clear();
                token.text.push_str(rewritten);
            }
            return true;
        }
        let changed = self.map.map(&token.text, self.buffer);
        if self.memo.len() >= MEMO_CAPACITY {
            self.memo.clear();
        }
        let value = changed.then(|| self.buffer.as_str().into());
        self.memo.insert(token.text.as_str().into(), value);
        if changed {
            mem::swap(&mut token.text, self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
