//! Abbreviations a text defines, found as Schwartz and Hearst find them
//! (A. Schwartz, M. Hearst, "A simple algorithm for identifying
//! abbreviation definitions in biomedical text", Pacific Symposium on
//! Biocomputing 2003): a short form in parentheses after its long form
//! (`Ủy ban nhân dân (UBND)`, `Kementerian Kesehatan (Kemenkes)`), or the
//! long form in parentheses after the short one (`BMG (Bundesministerium
//! für Gesundheit)`). Every letter and digit of the short form is found in
//! the long form, in order and compared [folded](super::fold_char), the
//! first at the start of the long form's first word.
//!
//! One rule is added for precision: every word of the long form gives the
//! short form a letter, but for short lowercase words (`và`, `für`,
//! `dan`). So `Jakarta (Indonesia)` defines nothing, though the letters of
//! `Indonesia` can be found in order in many a sentence.
//!
//! vsearch learns its abbreviations this way from the articles it indexes,
//! rather than from a list: the bodies, programmes and laws a collection
//! speaks of are the ones its texts define.

/// An abbreviation and the words it stands for, as a text wrote them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Definition {
    /// The short form: `UBND`, `TP.HCM`, `Kemenkes`.
    pub(crate) short: String,
    /// The long form, its words separated by single spaces.
    pub(crate) long: String,
}

/// The longest short form, in characters (Schwartz and Hearst's bound).
const MAX_SHORT_CHARS: usize = 10;
/// The longest text between parentheses looked at, in bytes.
const MAX_INNER_BYTES: usize = 160;
/// The most text before a parenthesis looked at, in bytes: room for the
/// longest long form, 15 words.
const MAX_BEFORE_BYTES: usize = 400;
/// The most definitions taken from one text.
const MAX_PER_TEXT: usize = 64;
/// Separates the two forms in an index term: `ubnd␟Ủy ban nhân dân`.
pub(crate) const FORM_SEPARATOR: char = '\u{1f}';

/// The abbreviations `text` defines, in the order it defines them, each
/// once.
pub(crate) fn definitions(text: &str) -> Vec<Definition> {
    let mut out: Vec<Definition> = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(close) = closing(text, open) else {
            continue;
        };
        let inner = trim(&text[open + 1..close]);
        // Most parentheses hold no short form, nor follow one.
        let last_word = text[..open].split_whitespace().next_back().map(trim);
        if !is_short_form(inner) && !last_word.is_some_and(is_short_form) {
            continue;
        }
        let before = sentence_before(&text[..open]);
        let found = outer_long(before, inner).or_else(|| inner_long(before, inner));
        if let Some(d) = found.filter(|d| !out.contains(d)) {
            out.push(d);
            if out.len() == MAX_PER_TEXT {
                break;
            }
        }
    }
    out
}

/// The index terms of a definition: the [key](super::fold_key) of a
/// form, [`FORM_SEPARATOR`], a form as written. The short form leads to
/// the long one and back, and to itself, so that `TPHCM` also searches
/// `TP.HCM` as written.
pub(crate) fn terms(d: &Definition) -> [String; 3] {
    let term = |from: &str, to: &str| format!("{}{FORM_SEPARATOR}{to}", super::fold_key(from));
    [
        term(&d.short, &d.long),
        term(&d.long, &d.short),
        term(&d.short, &d.short),
    ]
}

/// Where the parenthesis opened at `open` closes, when nothing opens
/// inside it first and it is short.
fn closing(text: &str, open: usize) -> Option<usize> {
    let rest = &text[open + 1..];
    let end = rest.find([')', '('])?;
    (rest.as_bytes()[end] == b')' && end <= MAX_INNER_BYTES).then_some(open + 1 + end)
}

/// The end of the sentence `before` ends in: after its last sentence or
/// clause mark, and no more than [`MAX_BEFORE_BYTES`] back.
fn sentence_before(before: &str) -> &str {
    let mut from = before.len().saturating_sub(MAX_BEFORE_BYTES);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let near = &before[from..];
    let start = near
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(
                c,
                '!' | '?' | ';' | ':' | '\n' | '(' | ')' | '"' | '“' | '”'
            ) || c == '.' && near[i + 1..].starts_with(char::is_whitespace)
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    &near[start..]
}

/// `LONG (SHORT)`: the long form ends the sentence before.
fn outer_long(before: &str, inner: &str) -> Option<Definition> {
    if !is_short_form(inner) {
        return None;
    }
    let words: Vec<&str> = before.split_whitespace().collect();
    let window = most_long_words(inner);
    let candidate = &words[words.len().saturating_sub(window)..];
    let start = long_form_start(inner, candidate)?;
    definition(inner, &candidate[start..])
}

/// `SHORT (LONG)`: the word before the parenthesis is the short form, and
/// the whole of the parenthesis its long form.
fn inner_long(before: &str, inner: &str) -> Option<Definition> {
    let short = trim(before.split_whitespace().last()?);
    if !is_short_form(short) {
        return None;
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.len() < 2 || words.len() > most_long_words(short) {
        return None;
    }
    (long_form_start(short, &words)? == 0).then(|| definition(short, &words))?
}

/// A definition, when the long form does not begin with the short one
/// (`Datei (Dateigröße)`, `Serbia (Serbia Latin)` define nothing).
fn definition(short: &str, long: &[&str]) -> Option<Definition> {
    let long = trim(&long.join(" ")).to_string();
    let key = super::fold_key(short);
    (!super::fold_key(&long).starts_with(&key)).then(|| Definition {
        short: short.to_string(),
        long,
    })
}

/// `s` without the marks around it: quotes, dashes, dots
/// (`»Name Service Switch«`, `SANE-`).
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The most words a long form of `short` holds: Schwartz and Hearst's
/// window, min(|A| + 5, |A| * 2) for |A| letters and digits in `short`.
fn most_long_words(short: &str) -> usize {
    let letters = short.chars().filter(|c| c.is_alphanumeric()).count();
    (letters + 5).min(letters * 2)
}

/// Whether `s` can be a short form: one word of 2 to 10 characters that
/// starts with a letter or digit, holds a capital and at least two
/// letters, and no characters but letters, digits, `.`, `-` and `&`.
fn is_short_form(s: &str) -> bool {
    let chars = s.chars().count();
    (2..=MAX_SHORT_CHARS).contains(&chars)
        && s.starts_with(char::is_alphanumeric)
        && s.chars().any(char::is_uppercase)
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '&'))
}

/// A folded, lowercased character of a long form and the word it is in.
struct Letter {
    c: char,
    word: usize,
    word_start: bool,
}

/// The letters and digits of `words`, [keyed](super::fold_key) as the
/// short form is.
fn letters(words: &[&str]) -> Vec<Letter> {
    let mut out = Vec::new();
    for (word, w) in words.iter().enumerate() {
        let key = super::fold_key(w);
        out.extend(key.chars().enumerate().map(|(i, c)| Letter {
            c,
            word,
            word_start: i == 0,
        }));
    }
    out
}

/// The word of `words` the long form of `short` starts at: Schwartz and
/// Hearst's backward match, then the rule that every word but short
/// lowercase ones gives a letter.
fn long_form_start(short: &str, words: &[&str]) -> Option<usize> {
    let wanted: Vec<char> = super::fold_key(short).chars().collect();
    let letters = letters(words);
    let mut at = letters.len();
    let mut used = vec![false; words.len()];
    for (i, &c) in wanted.iter().enumerate().rev() {
        let first = i == 0;
        at = letters[..at]
            .iter()
            .rposition(|l| l.c == c && (!first || l.word_start))?;
        used[letters[at].word] = true;
    }
    let start = letters[at].word;
    let all_give = (start..words.len()).all(|w| used[w] || is_small_word(words[w]));
    all_give.then_some(start)
}

/// A short lowercase word, which a short form leaves out (`và`, `für`,
/// `dan`, `of`).
fn is_small_word(w: &str) -> bool {
    w.chars().count() <= 3 && w.chars().all(|c| c.is_lowercase() || !c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        definitions(text)
            .into_iter()
            .map(|d| (d.short, d.long))
            .collect()
    }

    fn pair(short: &str, long: &str) -> (String, String) {
        (short.to_string(), long.to_string())
    }

    #[test]
    fn a_short_form_after_its_long_form() {
        assert_eq!(
            found("Chủ tịch Ủy ban nhân dân (UBND) tỉnh Nghệ An"),
            [pair("UBND", "Ủy ban nhân dân")]
        );
        assert_eq!(
            found("Sở Giáo dục và Đào tạo (GD&ĐT) Hà Nội"),
            [pair("GD&ĐT", "Giáo dục và Đào tạo")]
        );
        assert_eq!(
            found("tại Thành phố Hồ Chí Minh (TP.HCM) hôm qua"),
            [pair("TP.HCM", "Thành phố Hồ Chí Minh")]
        );
        assert_eq!(
            found("Juru bicara Kementerian Kesehatan (Kemenkes) mengatakan"),
            [pair("Kemenkes", "Kementerian Kesehatan")]
        );
        assert_eq!(
            found("Kementerian Dalam Negeri (Kemendagri)"),
            [pair("Kemendagri", "Kementerian Dalam Negeri")]
        );
        // Longer than 10 characters: too long for a short form.
        assert_eq!(
            found("Kementerian Pendidikan dan Kebudayaan (Kemendikbud)"),
            []
        );
        assert_eq!(
            found("Das Bundesministerium für Gesundheit (BMG) teilte mit"),
            [pair("BMG", "Bundesministerium für Gesundheit")]
        );
        assert_eq!(
            found("Das Bundesverfassungsgericht (BVerfG) urteilte"),
            [pair("BVerfG", "Bundesverfassungsgericht")]
        );
    }

    #[test]
    fn a_long_form_after_its_short_form() {
        assert_eq!(
            found("Die GKV (gesetzliche Krankenversicherung) zahlt."),
            [pair("GKV", "gesetzliche Krankenversicherung")]
        );
        // The whole parenthesis must be the long form.
        assert_eq!(found("Die GKV (neue gesetzliche Krankenversicherung)"), []);
    }

    #[test]
    fn marks_around_either_form_are_left_out() {
        assert_eq!(
            found("den »Name Service Switch« (NSS)"),
            [pair("NSS", "Name Service Switch")]
        );
        assert_eq!(
            found("Scanner Access Now Easy (SANE-)"),
            [pair("SANE", "Scanner Access Now Easy")]
        );
    }

    #[test]
    fn the_long_form_stays_in_its_sentence() {
        assert_eq!(found("Hội đồng họp. Nhân dân (HĐND) đồng ý"), []);
        assert_eq!(
            found("Ông nói: Hội đồng nhân dân (HĐND) đồng ý"),
            [pair("HĐND", "Hội đồng nhân dân")]
        );
    }

    #[test]
    fn letters_found_in_order_are_not_enough() {
        // Every word of a long form gives a letter.
        assert_eq!(
            found("Pemerintah daerah di ibu kota negara Jakarta (Indonesia)"),
            []
        );
        assert_eq!(found("Hà Nội (Việt Nam)"), []);
        assert_eq!(found("năm ngoái (2024) và nay"), []);
        assert_eq!(found("theo Nghị quyết (72-NQ/TW)"), []);
        // Not a capital in sight: a word, not an abbreviation.
        assert_eq!(found("kerja sama (kerjasama)"), []);
        assert_eq!(found("(UBND)"), []);
        // A long form that begins with its short form is a longer word.
        assert_eq!(found("Datei (Dateigröße 0) und Serbia (Serbia Latin)"), []);
        assert_eq!(found("Der TAB (Tabulator)"), []);
        assert_eq!(found("unclosed (UBND"), []);
    }

    #[test]
    fn each_definition_once_with_both_terms() {
        let text = "Ủy ban nhân dân (UBND) và Ủy ban nhân dân (UBND).";
        let d = definitions(text);
        assert_eq!(d.len(), 1);
        assert_eq!(
            terms(&d[0]),
            [
                "ubnd\u{1f}Ủy ban nhân dân",
                "uybannhandan\u{1f}UBND",
                "ubnd\u{1f}UBND"
            ]
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "(",
            ")",
            "()",
            "( )",
            "a (ß)",
            "ß (SS)",
            "x\u{301} (X)",
            "(((A)))",
        ] {
            definitions(text);
        }
    }
}
