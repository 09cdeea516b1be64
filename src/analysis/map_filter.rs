//! The shape shared by every filter that rewrites one token's text.
//!
//! A [`TextMap`] says how a word changes; [`MapFilter`] turns it into a
//! tantivy `TokenFilter` that pulls tokens from its tail and rewrites only
//! `token.text`, never offsets or positions, so highlights stay exact.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A rewrite of one word.
pub trait TextMap: Clone + Send + Sync + 'static {
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
        }
    }
}

/// The tokenizer a [`MapFilter`] wraps around its tail.
#[derive(Clone)]
pub struct MapFilterTokenizer<M, T> {
    map: M,
    tokenizer: T,
    buffer: String,
}

impl<M: TextMap, T: Tokenizer> Tokenizer for MapFilterTokenizer<M, T> {
    type TokenStream<'a> = MapFilterStream<'a, M, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapFilterStream {
            map: &self.map,
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// The stream of a [`MapFilter`].
pub struct MapFilterStream<'a, M, S> {
    map: &'a M,
    tail: S,
    buffer: &'a mut String,
}

impl<M: TextMap, S: TokenStream> TokenStream for MapFilterStream<'_, M, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.buffer.clear();
        let token = self.tail.token_mut();
        if self.map.map(&token.text, self.buffer) {
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
