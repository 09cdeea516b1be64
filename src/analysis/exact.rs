//! The exact view's term of one word of stored text, for the checks that
//! read passages word by word (the words as typed, see
//! `crate::search::typed`): most words are plain, and need no analysis.

use std::borrow::Cow;

use super::chain::analyse_word;
use super::{View, MAX_TOKEN_BYTES};

/// Whether `word` is made of ASCII letters and digits only: its exact
/// view's term is then its lowercase.
pub(crate) fn is_plain(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The exact view's term for `word`, as [`analyse_word`] gives it: a word
/// of ASCII letters and digits is its own lowercase (no mark to place, no
/// number separator), so only the others are analysed. Reading stored
/// passages word by word, most words are plain.
pub(crate) fn exact_term(word: &str) -> Option<Cow<'_, str>> {
    if word.len() >= MAX_TOKEN_BYTES {
        return None;
    }
    if is_plain(word) {
        return Some(match word.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(word.to_ascii_lowercase()),
            false => Cow::Borrowed(word),
        });
    }
    let terms = analyse_word(View::Exact, word)?;
    terms.first().map(|t| Cow::Owned(t.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_term_is_the_exact_views_whether_plain_or_not() {
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Hoà").collect();
        let long = "a".repeat(MAX_TOKEN_BYTES);
        let words = [
            "kerja",
            "Krankenhaus",
            "COVID19",
            "72",
            "1.500",
            "Nghị",
            &nfd,
            "Straße",
            &long,
        ];
        for word in words {
            let analysed = analyse_word(View::Exact, word).map(|t| t[0].to_string());
            assert_eq!(exact_term(word).map(Cow::into_owned), analysed, "{word}");
        }
        assert_eq!(exact_term("Krankenhaus").as_deref(), Some("krankenhaus"));
        assert!(matches!(exact_term("kerja"), Some(Cow::Borrowed("kerja"))));
        assert_eq!(exact_term(&nfd).as_deref(), Some("hòa"));
        assert_eq!(exact_term("1.500").as_deref(), Some("1500"));
        assert_eq!(exact_term(&long), None);
    }
}
