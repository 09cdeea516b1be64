//! Word segmentation: a token is a run of letters, digits and combining
//! marks, or a number with its separators (see [`super::number`]).
//!
//! Tantivy's `SimpleTokenizer` splits on every non-alphanumeric char, which
//! cuts NFD Vietnamese (`Nghi` + U+0323 + `...`) apart at the combining mark.
//! Treating marks as word characters keeps NFD and NFC input on the same
//! boundaries; the NFC filter then makes the token texts identical.

use unicode_normalization::char::is_combining_mark;

use super::swar::{self, within, HIGH, ONES};

/// Whether `c` belongs inside a word.
///
/// The Latin blocks all three languages write in are answered from their
/// ranges; the general Unicode tables (a binary search) only see the rest.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // Latin-1 letters (all but × and ÷), Latin Extended-A and -B.
        '\u{c0}'..='\u{24f}' => !matches!(c, '×' | '÷'),
        // Combining diacritics (NFD Vietnamese) and Latin Extended Additional
        // (precomposed Vietnamese vowels): every one belongs in a word.
        '\u{300}'..='\u{36f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// The byte span of the first word at or after `from` in `text`.
///
/// ASCII bytes are classified without decoding a char: most text in all
/// three languages is ASCII.
#[inline]
pub fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let start = word_start(text, from)?;
    let end = word_end(text, start);
    // A number goes on past its separators (`1.500`, `1,5`), unless it is
    // the rest of digits and separators that make no number (`6.2.6`).
    let b = text.as_bytes();
    let digits = b[start..end].iter().all(u8::is_ascii_digit);
    let inside = start >= 2 && matches!(b[start - 1], b'.' | b',') && b[start - 2].is_ascii_digit();
    let end = if digits && !inside && matches!(b.get(end), Some(b'.' | b',')) {
        super::number_end(text, start, end)
    } else {
        end
    };
    Some((start, end))
}

/// The first byte at or after `from` where a word starts. Inlined into
/// [`next_word`] with [`word_end`]: a call each was a fifth of the
/// instructions of finding a word.
#[inline(always)]
fn word_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                return Some(i);
            }
            i += 1;
            continue;
        }
        let (word, len) = char_class(text, i)?;
        if word {
            return Some(i);
        }
        i += len;
    }
    None
}

/// The first byte at or after `from` where a word ends (the text's length
/// when it runs to the end).
#[inline(always)]
fn word_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = past_ascii_word_bytes(bytes, from);
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                return i;
            }
            i += 1;
            continue;
        }
        match char_class(text, i) {
            Some((true, len)) => i += len,
            _ => return i,
        }
    }
    bytes.len()
}

/// Whether the non-ASCII char at byte `i` (its first byte) is a word char,
/// and its length.
#[inline]
fn char_class(text: &str, i: usize) -> Option<(bool, usize)> {
    if let Some(known) = latin_class(text.as_bytes(), i) {
        return Some(known);
    }
    let c = text.get(i..)?.chars().next()?;
    Some((is_word_char(c), c.len_utf8()))
}

/// The first byte at or after `from` that is not an ASCII letter or digit
/// (or `from` itself when fewer than eight bytes are left), found eight
/// bytes at a time: most words of all three languages are ASCII runs, and
/// a byte at a time was most of the cost of finding where a word ends.
#[inline]
fn past_ascii_word_bytes(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(x) = swar::eight(bytes, i) {
        let ascii = x & !HIGH;
        let word = within(ascii, b'0', b'9') | within(ascii | (0x20 * ONES), b'a', b'z');
        // A byte past ASCII stops the run too: the caller classifies it.
        let stop = (!word | x) & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// Whether the non-ASCII char at byte `i` (its first byte) is a word char,
/// and its length, read from its UTF-8 bytes for the Latin blocks of
/// [`is_word_char`]: decoding each of them was most of the cost of finding
/// Vietnamese words. `None` for other chars.
#[inline]
fn latin_class(bytes: &[u8], i: usize) -> Option<(bool, usize)> {
    let next = *bytes.get(i + 1)?;
    match bytes[i] {
        // U+00C0-U+00FF, but × (C3 97) and ÷ (C3 B7).
        0xC3 => Some((!matches!(next, 0x97 | 0xB7), 2)),
        // U+0100-U+023F, then U+0240-U+024F.
        0xC4..=0xC8 => Some((true, 2)),
        0xC9 if next <= 0x8F => Some((true, 2)),
        // Combining diacritics, U+0300-U+036F.
        0xCC => Some((true, 2)),
        0xCD if next <= 0xAF => Some((true, 2)),
        // Latin Extended Additional, U+1E00-U+1EFF: E1 B8 80 to E1 BB BF.
        0xE1 if (0xB8..=0xBB).contains(&next) => Some((true, 3)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, usize, usize)> {
        let mut out = Vec::new();
        let mut cursor = 0;
        while let Some((from, to)) = next_word(text, cursor) {
            out.push((&text[from..to], from, to));
            cursor = to;
        }
        out
    }

    #[test]
    fn bytes_class_every_char_as_is_word_char() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let text = c.to_string();
            let want = is_word_char(c).then_some(0);
            assert_eq!(word_start(&text, 0), want, "U+{:04X}", c as u32);
            let end = if is_word_char(c) { text.len() } else { 0 };
            assert_eq!(word_end(&text, 0), end, "U+{:04X}", c as u32);
            if let Some((word, len)) = latin_class(text.as_bytes(), 0) {
                assert_eq!((word, len), (is_word_char(c), c.len_utf8()));
            }
        }
    }

    /// [`word_end`] with no run of eight bytes at a time.
    fn word_end_byte_by_byte(text: &str, from: usize) -> usize {
        text[from..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(i, _)| from + i)
    }

    #[test]
    fn ascii_runs_end_at_the_bytes_next_to_the_letter_and_digit_ranges() {
        // `/` `:` `@` `[` `` ` `` `{` border 0-9, A-Z and a-z; 0x10-0x19
        // become digits when 0x20 is or-ed in.
        for text in [
            "abcdefgh:ijk",
            "0123456/9",
            "ABCDEFG@",
            "abcdefg[",
            "abcdefg`a",
            "abcdefg{a",
            "abcdefgh\u{10}",
            "abcdefgh\u{19}",
            "abcdefgh\u{7f}",
            ":\u{301}@A-\u{10}@",
        ] {
            for (from, _) in text.char_indices() {
                assert_eq!(
                    word_end(text, from),
                    word_end_byte_by_byte(text, from),
                    "{text:?} {from}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_runs_end_where_chars_do(text in r"[a-zA-Z0-9 @\[`{/:\x10-\x19\x7fßđ\x{301}×-]{0,40}") {
            for (from, _) in text.char_indices() {
                proptest::prop_assert_eq!(
                    word_end(&text, from),
                    word_end_byte_by_byte(&text, from),
                    "{:?} from {}", text, from
                );
            }
        }
    }

    #[test]
    fn splits_on_punctuation_and_space() {
        let got = words("Resolusi No. 72-NQ/TW, hoà!");
        let texts: Vec<_> = got.iter().map(|t| t.0).collect();
        assert_eq!(texts, ["Resolusi", "No", "72", "NQ", "TW", "hoà"]);
        assert_eq!((got[5].1, got[5].2), (23, 27));
    }

    #[test]
    fn keeps_combining_marks_inside_words() {
        // "Nghị" in NFD: i followed by U+0323 COMBINING DOT BELOW.
        let got = words("Nghi\u{323} quy\u{65}\u{302}\u{301}t");
        let texts: Vec<_> = got.iter().map(|t| t.0).collect();
        assert_eq!(texts, ["Nghi\u{323}", "quy\u{65}\u{302}\u{301}t"]);
    }

    #[test]
    fn latin_ranges_agree_with_the_unicode_tables() {
        let ranges = [
            '\u{c0}'..='\u{24f}',
            '\u{300}'..='\u{36f}',
            '\u{1e00}'..='\u{1eff}',
        ];
        for c in ranges.into_iter().flatten() {
            let slow = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), slow, "{c:?} U+{:04X}", c as u32);
        }
        assert!(!is_word_char('×') && is_word_char('ễ') && is_word_char('\u{301}'));
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(words("").is_empty());
        assert!(words(" -- !? ").is_empty());
    }

    #[test]
    fn non_ascii_separators_and_letters() {
        // A no-break space and a German quote separate; ß and đ are letters.
        let got = words("„Straße“\u{a0}đường");
        let texts: Vec<_> = got.iter().map(|t| t.0).collect();
        assert_eq!(texts, ["Straße", "đường"]);
    }
}
