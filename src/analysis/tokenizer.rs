//! Word segmentation: a token is a run of letters, digits and combining marks.
//!
//! Tantivy's `SimpleTokenizer` splits on every non-alphanumeric char, which
//! cuts NFD Vietnamese (`Nghi` + U+0323 + `...`) apart at the combining mark.
//! Treating marks as word characters keeps NFD and NFC input on the same
//! boundaries; the NFC filter then makes the token texts identical.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;

/// Splits text into words; offsets are byte offsets into the original text.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The stream produced by [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    token: &'a mut Token,
}

/// Whether `c` belongs inside a word.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            cursor: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.cursor..];
        let Some((start, _)) = rest.char_indices().find(|&(_, c)| is_word_char(c)) else {
            self.cursor = self.text.len();
            return false;
        };
        let word = &rest[start..];
        let len = word
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(word.len(), |(i, _)| i);
        let from = self.cursor + start;
        self.cursor = from + len;
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..self.cursor]);
        self.token.offset_from = from;
        self.token.offset_to = self.cursor;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn splits_on_punctuation_and_space() {
        let got = words("Resolusi No. 72-NQ/TW, hoà!");
        let texts: Vec<_> = got.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(texts, ["Resolusi", "No", "72", "NQ", "TW", "hoà"]);
        assert_eq!((got[5].1, got[5].2), (23, 27));
        assert_eq!(
            got.iter().map(|t| t.3).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4, 5]
        );
    }

    #[test]
    fn keeps_combining_marks_inside_words() {
        // "Nghị" in NFD: i followed by U+0323 COMBINING DOT BELOW.
        let got = words("Nghi\u{323} quy\u{65}\u{302}\u{301}t");
        let texts: Vec<_> = got.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(texts, ["Nghi\u{323}", "quy\u{65}\u{302}\u{301}t"]);
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(words("").is_empty());
        assert!(words(" -- !? ").is_empty());
    }
}
