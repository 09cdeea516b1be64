//! Lower case, per char, as `char::to_lowercase`, without its table search
//! for the letters these texts are made of: ASCII, Latin-1 and the
//! Vietnamese letters (Latin Extended-A and -B pairs, Latin Extended
//! Additional). Any other char goes to the standard library's table.
//!
//! The table search (a binary search over 1,400 ranges) was most of the
//! cost of lowercasing Vietnamese text: a tenth of the reading thread's
//! instructions went to the copy hash's `str::to_lowercase` alone.

use super::swar::{self, within, HIGH, ONES};

/// Pushes the lowercase of `c` to `out`, as `char::to_lowercase` does
/// (no final-sigma rule: that one needs the word; see
/// [`push_lower_words`]).
pub(crate) fn push_lower(c: char, out: &mut String) {
    each_lower(c, |l| out.push(l));
}

/// Gives the chars of the lowercase of `c` to `give`, as
/// `char::to_lowercase` does.
fn each_lower(c: char, mut give: impl FnMut(char)) {
    match simple_lower(c) {
        Some(l) => give(l),
        None => c.to_lowercase().for_each(give),
    }
}

/// Pushes the words of `text` to `out` as UTF-8, lowercased, each followed
/// by one space: exactly `text.to_lowercase().split_whitespace()` joined
/// so (the final sigma included), in one pass over the bytes and without
/// a copy of the text.
pub(crate) fn push_lower_words(text: &str, out: &mut Vec<u8>) {
    if text.contains('Σ') {
        // The final sigma needs the word around it: the standard library's.
        for word in text.to_lowercase().split_whitespace() {
            out.extend_from_slice(word.as_bytes());
            out.push(b' ');
        }
        return;
    }
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut at = 0;
    out.reserve(bytes.len() + 1);
    // Where eight bytes at once may be tried again: after a chunk that
    // could not be lowered at once, its bytes go through the loop.
    let mut chunk_at = 0;
    while let Some(&b) = bytes.get(at) {
        if at >= chunk_at {
            match swar::eight(bytes, at).and_then(|x| lower_eight(x, in_word)) {
                Some(lowered) => {
                    out.extend_from_slice(&lowered);
                    in_word = lowered[7] != b' ';
                    at += 8;
                    continue;
                }
                None => chunk_at = at + 8,
            }
        }
        if b.is_ascii() {
            at += 1;
            if matches!(b, b'\t'..=b'\r' | b' ') {
                if in_word {
                    out.push(b' ');
                    in_word = false;
                }
            } else {
                out.push(b.to_ascii_lowercase());
                in_word = true;
            }
            continue;
        }
        let (lower, len) = lower_char(text, at, out);
        at += len;
        match lower {
            Lower::Space => {
                if in_word {
                    out.push(b' ');
                    in_word = false;
                }
                continue;
            }
            Lower::Pair(a, l) => out.extend_from_slice(&[a, l]),
            Lower::Triple(a, m, l) => out.extend_from_slice(&[a, m, l]),
            Lower::Pushed => {}
        }
        in_word = true;
    }
    if in_word {
        out.push(b' ');
    }
}

/// Eight ASCII bytes lowered at once, when the scalar loop would copy them
/// as they come but for the case: no control char or white space other than
/// single spaces, and no space first unless a word came before (`in_word`).
/// Most of the German and Indonesian text is such chunks.
fn lower_eight(x: u64, in_word: bool) -> Option<[u8; 8]> {
    // Non-ASCII bytes, or any byte below a space (tab, line breaks).
    if x & HIGH != 0 || x.wrapping_sub(0x20 * ONES) & !x & HIGH != 0 {
        return None;
    }
    // The high bit of each byte that is a space, exactly.
    let t = x ^ (0x20 * ONES);
    let spaces = !((t & !HIGH).wrapping_add(!HIGH) | t) & HIGH;
    if spaces & (spaces << 8) != 0 || (spaces & 0x80 != 0 && !in_word) {
        return None;
    }
    // `A`-`Z` gain 0x20.
    let upper = within(x, b'A', b'Z');
    Some((x | (upper >> 2)).to_le_bytes())
}

/// The lowercase of the non-ASCII char at byte `at` of `text` (a char's
/// first byte: one that follows ASCII or a whole char starts one), and the
/// char's length; a char [`lower_bytes`] does not know is lowered by the
/// table and pushed to `out` here.
fn lower_char(text: &str, at: usize, out: &mut Vec<u8>) -> (Lower, usize) {
    if let Some(known) = lower_bytes(text.as_bytes(), at) {
        return known;
    }
    let c = text[at..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    if c.is_whitespace() {
        return (Lower::Space, c.len_utf8());
    }
    let mut buf = [0u8; 4];
    each_lower(c, |l| {
        out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes())
    });
    (Lower::Pushed, c.len_utf8())
}

/// A char's lowercase, as [`lower_bytes`] gives it.
enum Lower {
    /// White space.
    Space,
    /// Two bytes or three: the UTF-8 of the lowercase.
    Pair(u8, u8),
    Triple(u8, u8, u8),
    /// Already pushed to the output.
    Pushed,
}

/// The lowercase of the char at byte `at` (its first byte) and the char's
/// length, read from its UTF-8 bytes for the letters of Latin-1,
/// Latin Extended-A and Latin Extended Additional, which these texts are
/// made of; `None` for any other char. Decoding and encoding each char was
/// most of the copy hash's time on Vietnamese text.
fn lower_bytes(bytes: &[u8], at: usize) -> Option<(Lower, usize)> {
    let b = bytes[at];
    let next = *bytes.get(at + 1)?;
    let lower = match b {
        // U+0085 and U+00A0 are white space; the rest of U+0080-U+00BF
        // is its own lowercase.
        0xC2 if matches!(next, 0x85 | 0xA0) => Lower::Space,
        0xC2 => Lower::Pair(b, next),
        // À-Þ (C3 80-9E) but × (C3 97) lower by 0x20; the rest of
        // U+00C0-U+00FF is lowercase.
        0xC3 if next <= 0x9E && next != 0x97 => Lower::Pair(b, next + 0x20),
        0xC3 => Lower::Pair(b, next),
        // Latin Extended-A pairs, upper case even: as `simple_lower`.
        0xC4 | 0xC5 => {
            let u = (u32::from(b & 0x1F) << 6) | u32::from(next & 0x3F);
            if !matches!(u, 0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177) {
                return None;
            }
            Lower::Pair(b, next | 1)
        }
        // Latin Extended Additional, upper case even, but for ẖ ... ẝ and
        // ẟ, which have no pair, and ẞ (E1 BA 9E), whose lowercase is ß.
        0xE1 if (0xB8..=0xBB).contains(&next) => {
            let last = *bytes.get(at + 2)?;
            if next == 0xBA && (0x96..=0x9F).contains(&last) {
                if last == 0x9E {
                    return None;
                }
                Lower::Triple(b, next, last)
            } else {
                Lower::Triple(b, next, last | 1)
            }
        }
        _ => return None,
    };
    let len = if b >= 0xE0 { 3 } else { 2 };
    Some((lower, len))
}

/// The lowercase of `c` when it is one char found without the table.
fn simple_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0..=0x7F => u8::try_from(u).ok()?.to_ascii_lowercase().into(),
        // À-Þ but ×; ß-ÿ are lowercase already.
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0x80..=0xFF => u,
        // Latin Extended-A pairs, upper case even: Ā ... Į, Ĳ ... Ķ, Ŋ ... Ŷ.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 => u | 1,
        // Ơ ơ, Ư ư.
        0x1A0 | 0x1A1 => 0x1A1,
        0x1AF | 0x1B0 => 0x1B0,
        // Latin Extended Additional (Ḁ ... ỿ), upper case even, but for
        // ẖ ... ẝ, which have no pair, and ẞ (its lowercase is ß).
        0x1E96..=0x1E9D | 0x1E9F => u,
        0x1E00..=0x1EFF if u != 0x1E9E => u | 1,
        _ => return None,
    };
    char::from_u32(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_char_lowers_as_the_standard_library_does() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let mut ours = String::new();
            push_lower(c, &mut ours);
            let std: String = c.to_lowercase().collect();
            assert_eq!(ours, std, "U+{:04X}", c as u32);
        }
    }

    /// `text`'s words lowered by [`push_lower_words`], and by the standard
    /// library.
    fn ours_and_std(text: &str) -> (Vec<u8>, Vec<u8>) {
        let mut ours = Vec::new();
        push_lower_words(text, &mut ours);
        let std: String = text
            .to_lowercase()
            .split_whitespace()
            .map(|w| format!("{w} "))
            .collect();
        (ours, std.into_bytes())
    }

    proptest::proptest! {
        #[test]
        fn ascii_text_lowers_as_the_standard_library(text in "([ -~]|[ \t\n]{1,3}|ẞ|Ä)*") {
            // Mostly printable ASCII: the runs of eight bytes lowered at once.
            let (ours, std) = ours_and_std(&text);
            proptest::prop_assert_eq!(ours, std);
        }

        #[test]
        fn any_text_lowers_as_the_standard_library(text in "(\\PC|\\s|[A-ZĐƠẠẾ])*") {
            let (ours, std) = ours_and_std(&text);
            proptest::prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn every_char_lowers_in_words_as_the_standard_library_does() {
        for c in (0..0x3_0000)
            .filter_map(char::from_u32)
            .filter(|&c| c != 'Σ')
        {
            let (ours, std) = ours_and_std(&format!("A{c}B {c}"));
            assert_eq!(ours, std, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn eight_bytes_lower_at_once_only_as_the_loop_would() {
        let lower_eight = |bytes: &[u8], in_word| {
            swar::eight(bytes, 0).and_then(|x| super::lower_eight(x, in_word))
        };
        assert_eq!(lower_eight(b"Ab Cd@[Z", false), Some(*b"ab cd@[z"));
        assert_eq!(lower_eight(b" AZaz`{ ", true), Some(*b" azaz`{ "));
        // A space first with no word before, two spaces, a tab, a byte
        // past ASCII: the loop handles those.
        assert_eq!(lower_eight(b" Abcdefg", false), None);
        assert_eq!(lower_eight(b"Ab  Cdef", true), None);
        assert_eq!(lower_eight(b"Ab\tCdefg", true), None);
        assert_eq!(lower_eight("Abcdefä".as_bytes(), true), None);
        assert_eq!(lower_eight(b"Abcdefg", true), None);
    }

    #[test]
    fn words_lower_as_str_to_lowercase_with_the_final_sigma() {
        for text in [
            "Die Bundesregierung BESCHLIESST am Montag  ein Gesetz\nZUR Pflege. ",
            " Perawatan Kesehatan MASYARAKAT\tdi Indonesia",
            "Vertical\u{b}TAB\u{1c}Sep\r\nCRLF\u{85}NEL ",
            "Nghị QUYẾT  72-NQ/TW\u{a0}về ĐƯỜNG\tSỐ 1 ",
            "  Die STRAẞE\n\nÄRZTE İstanbul Ǆ",
            "ΟΔΟΣ Σ ΣΑ",
            "",
        ] {
            let (ours, std) = ours_and_std(text);
            assert_eq!(ours, std, "{text:?}");
            // Words are appended to what the buffer holds.
            let mut after = b"x".to_vec();
            push_lower_words(text, &mut after);
            assert_eq!(after, [&b"x"[..], &std].concat(), "{text:?}");
        }
    }
}
