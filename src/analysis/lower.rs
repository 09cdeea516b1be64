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
    let mut in_word = false;
    let mut at = 0;
    let mut buf = [0u8; 4];
    while let Some(&b) = text.as_bytes().get(at) {
        let (c, len) = if b.is_ascii() {
            (char::from(b), 1)
        } else {
            // `at` is at a char's first byte: a non-ASCII byte that follows
            // ASCII or a whole char starts one.
            let c = text[at..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            (c, c.len_utf8())
        };
        at += len;
        if c.is_whitespace() {
            if in_word {
                out.push(b' ');
                in_word = false;
            }
            continue;
        }
        in_word = true;
        if c.is_ascii() {
            out.push(b.to_ascii_lowercase());
        } else {
            each_lower(c, |l| {
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes())
            });
        }
    }
    if in_word {
        out.push(b' ');
    }
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
