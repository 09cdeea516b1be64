//! Lower case, per char, as `char::to_lowercase`, without its table search
//! for the letters these texts are made of: ASCII, Latin-1 and the
//! Vietnamese letters (Latin Extended-A and -B pairs, Latin Extended
//! Additional). Any other char goes to the standard library's table.
//!
//! The table search (a binary search over 1,400 ranges) was most of the
//! cost of lowercasing Vietnamese text: a tenth of the reading thread's
//! instructions went to the copy hash's `str::to_lowercase` alone.

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
        for word in text.to_lowercase().split_whitespace() {
            out.extend_from_slice(word.as_bytes());
            out.push(b' ');
        }
        return;
    }
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut at = 0;
    let mut buf = [0u8; 4];
    out.reserve(bytes.len() + 1);
    while let Some(&b) = bytes.get(at) {
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
        let (lower, len) = match lower_bytes(bytes, at) {
            Some(known) => known,
            None => {
                // `at` is at a char's first byte: a non-ASCII byte that
                // follows ASCII or a whole char starts one.
                let c = text[at..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                let mut lower = Lower::Space;
                if !c.is_whitespace() {
                    each_lower(c, |l| {
                        out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes())
                    });
                    lower = Lower::Pushed;
                }
                (lower, c.len_utf8())
            }
        };
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

    proptest::proptest! {
        #[test]
        fn any_text_lowers_as_the_standard_library(text in "(\\PC|\\s|[A-ZĐƠẠẾ])*") {
            let mut ours = Vec::new();
            push_lower_words(&text, &mut ours);
            let std: String = text
                .to_lowercase()
                .split_whitespace()
                .map(|w| format!("{w} "))
                .collect();
            proptest::prop_assert_eq!(ours, std.into_bytes());
        }
    }

    #[test]
    fn every_char_lowers_in_words_as_the_standard_library_does() {
        for c in (0..0x3_0000)
            .filter_map(char::from_u32)
            .filter(|&c| c != 'Σ')
        {
            let text = format!("A{c}B {c}");
            let mut ours = Vec::new();
            push_lower_words(&text, &mut ours);
            let std: String = text
                .to_lowercase()
                .split_whitespace()
                .map(|w| format!("{w} "))
                .collect();
            assert_eq!(ours, std.into_bytes(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn words_lower_as_str_to_lowercase_with_the_final_sigma() {
        for text in [
            "Nghị QUYẾT  72-NQ/TW\u{a0}về ĐƯỜNG\tSỐ 1 ",
            "  Die STRAẞE\n\nÄRZTE İstanbul Ǆ",
            "ΟΔΟΣ Σ ΣΑ",
            "",
        ] {
            let mut ours = b"x".to_vec();
            push_lower_words(text, &mut ours);
            let std: String = text
                .to_lowercase()
                .split_whitespace()
                .map(|w| format!("{w} "))
                .collect();
            assert_eq!(ours, format!("x{std}").as_bytes(), "{text:?}");
        }
    }
}
