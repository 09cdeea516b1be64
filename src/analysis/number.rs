//! Numbers with separators are one token, indexed by their value, so that
//! `"5 Millionen"` is not found in `1,5 Millionen`, nor `"500 tỷ"` in
//! `1.500 tỷ`, and `1500` finds `1.500`.
//!
//! The shapes follow the convention the three languages share (the dot
//! groups thousands, the comma marks decimals), and English's where it
//! cannot be mistaken:
//!
//! | written | value | read as |
//! |---|---|---|
//! | `1.500`, `1.500.000`, `1.500,25` | `1500`, `1500000`, `1500,25` | dots before groups of three digits |
//! | `1,5`, `1,50`, `1,500` | `1,5` | a comma before the decimals (trailing zeros dropped) |
//! | `1,500,000`, `1,500.25` | `1500000`, `1500,25` | English: two comma groups, or a comma group then a dot |
//! | `3.14`, `0.125` | `3,14`, `0,125` | a dot before anything but three digits, or after a 0 |
//!
//! Anything else with separators (`6.2.6`, `192.168.0.1`, `1.11.2025`,
//! `3,5,7`) stays apart at them, as before.

use super::text_map::TextMap;

/// The end of the number starting at `start` in `text`, its digits ending
/// at `end`: past the separators and digit groups that make one of the
/// shapes above, else `end`.
pub(crate) fn number_end(text: &str, start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let mut i = end;
    // Separators each followed by digits, as long as they go.
    while i + 1 < b.len() && matches!(b[i], b'.' | b',') && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    // A letter or digit right after would make it part of a longer word.
    let glued = text[i..]
        .chars()
        .next()
        .is_some_and(super::tokenizer::is_word_char);
    if i == end || glued || value(&text[start..i]).is_none() {
        end
    } else {
        i
    }
}

/// The value of a number with separators: integer digits, then `,` and
/// the decimals without trailing zeros; `None` when it has no shape above.
pub(crate) fn value(number: &str) -> Option<String> {
    let groups = groups(number)?;
    let seps: Vec<char> = groups[1..].iter().map(|g| g.0).collect();
    let (first, last) = (*seps.first()?, *seps.last()?);
    // Thousands groups: three digits each, after one to three that are not
    // a lone zero.
    let grouped = |upto: usize| {
        let lead = groups[0].1;
        lead != "0" && lead.len() <= 3 && groups[1..upto].iter().all(|g| g.1.len() == 3)
    };
    let n = groups.len();
    let (integer, decimals) = if seps.iter().all(|&s| s == first) {
        match (first, seps.len()) {
            ('.', _) if grouped(n) => (&groups[..], None),
            (',', 2..) if grouped(n) => (&groups[..], None),
            (_, 1) => (&groups[..1], Some(groups[1].1)),
            _ => return None,
        }
    } else if last != first && seps[..seps.len() - 1].iter().all(|&s| s == first) && grouped(n - 1)
    {
        (&groups[..n - 1], Some(groups[n - 1].1))
    } else {
        return None;
    };
    let mut out: String = integer.iter().map(|g| g.1).collect();
    if let Some(d) = decimals
        .map(|d| d.trim_end_matches('0'))
        .filter(|d| !d.is_empty())
    {
        out.push(',');
        out.push_str(d);
    }
    Some(out)
}

/// The digit groups of `number` with the separator before each (the
/// first's is a space); `None` unless it is digits and single separators.
fn groups(number: &str) -> Option<Vec<(char, &str)>> {
    let mut out = Vec::new();
    let mut sep = ' ';
    let mut start = 0;
    for (i, c) in number.char_indices() {
        if c == '.' || c == ',' {
            let digits = &number[start..i];
            if digits.is_empty() {
                return None;
            }
            out.push((sep, digits));
            sep = c;
            start = i + 1;
        } else if !c.is_ascii_digit() {
            return None;
        }
    }
    let last = &number[start..];
    if last.is_empty() || out.is_empty() {
        return None;
    }
    out.push((sep, last));
    Some(out)
}

/// Writes a number with separators as its value.
#[derive(Clone, Copy, Debug, Default)]
pub struct Number;

impl TextMap for Number {
    fn map(&self, input: &str, out: &mut String) -> bool {
        if !input.contains(['.', ',']) {
            return false;
        }
        match value(input) {
            Some(v) if v != input => {
                out.push_str(&v);
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::filter_tests;
    use crate::analysis::testing::{assert_map, assert_tokens};
    use crate::analysis::View;

    filter_tests!(
        Number,
        alone: [("1.500", "1500"), ("1,50", "1,5"), ("6.2.6", "6.2.6")],
        in View::Exact => [("Rp 1.500.000,00 và 6.2.6", ["rp", "1500000", "và", "6", "2", "6"])],
    );

    #[test]
    fn values_in_the_three_languages_convention() {
        for (written, value_) in [
            ("1.500", Some("1500")),
            ("1.500.000", Some("1500000")),
            ("1.500,25", Some("1500,25")),
            ("1,5", Some("1,5")),
            ("1,50", Some("1,5")),
            ("1,500", Some("1,5")),
            ("2,0", Some("2")),
            ("1,500,000", Some("1500000")),
            ("1,500.25", Some("1500,25")),
            ("3.14", Some("3,14")),
            ("0.125", Some("0,125")),
            ("6.2.6", None),
            ("192.168.0.1", None),
            ("1.11.2025", None),
            ("3,5,7", None),
            ("1.50.000", None),
            ("12345.678", Some("12345,678")),
            ("1.234.567,89", Some("1234567,89")),
            ("1,500,000.5", Some("1500000,5")),
            ("72", None),
        ] {
            assert_eq!(value(written).as_deref(), value_, "{written}");
        }
        assert_map(Number, "1.500", "1500");
        assert_map(Number, "1500", "1500");
    }

    #[test]
    fn a_number_is_one_token_in_every_view() {
        for &view in View::all() {
            assert_tokens(
                view,
                "1,5 Millionen",
                &["1,5", view_word(view, "Millionen")],
            );
        }
        assert_tokens(View::Exact, "1.500 tỷ đồng", &["1500", "tỷ", "đồng"]);
        assert_tokens(View::Folded, "1.500 tỷ", &["1500", "ty"]);
        assert_tokens(View::INDONESIAN, "Rp 1.500.000,00", &["rp", "1500000"]);
        // What has no number's shape splits at its separators, as before.
        assert_tokens(
            View::Exact,
            "Bagian 6.2.6, 3,5,7",
            &["bagian", "6", "2", "6", "3", "5", "7"],
        );
        // A sentence's full stop after a number is no separator.
        assert_tokens(
            View::Exact,
            "năm 2024. 500 người",
            &["năm", "2024", "500", "người"],
        );
        // A number glued to letters stays split as before.
        assert_tokens(View::Exact, "1.5x", &["1", "5x"]);
    }

    fn view_word(view: View, word: &'static str) -> &'static str {
        match view {
            View::GERMAN => "million",
            _ => {
                if word == "Millionen" {
                    "millionen"
                } else {
                    word
                }
            }
        }
    }
}
