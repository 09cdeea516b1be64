//! References to Vietnamese legal and party documents, recognised in all
//! three languages and given one canonical key: `Nghị quyết 72`,
//! `Nghị quyết số 72-NQ/TW`, `NQ 72`, `Resolusi Politbiro No. 72-NQ/TW` and
//! `Beschluss Nr. 72-NQ/TW` are all `72-NQ`. Keys are indexed in their own
//! field, so a query naming a document finds it in every language.
//!
//! | key | document | Vietnamese | Indonesian | German | English |
//! |---|---|---|---|---|---|
//! | `NQ` | resolution | Nghị quyết | Resolusi | Resolution, Beschluss | Resolution |
//! | `QD` | decision | Quyết định | Keputusan | Entscheidung | Decision |
//! | `ND` | decree | Nghị định | Peraturan Pemerintah, Dekret | Dekret, Verordnung | Decree |
//! | `TT` | circular | Thông tư | Surat Edaran | Rundschreiben | Circular |
//! | `KH` | plan | Kế hoạch | Rencana | Plan | Plan |
//! | `CT` | directive | Chỉ thị | Instruksi | Direktive, Richtlinie | Directive |

use std::sync::OnceLock;

use regex::Regex;

use crate::model::registry::{w, References, TypeWord, LANGUAGES};
use crate::model::Lang;
use unicode_normalization::char::is_combining_mark;

/// A reference found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Canonical key, `72-NQ`.
    pub key: String,
    /// The document code as written when the text gives one (`72-NQ/TW`,
    /// `137/KH-UBND`), uppercase; else the key.
    pub display: String,
}

/// How English names documents, for English texts (vsearch reads them but
/// does not analyse English).
const ENGLISH: References = References {
    types: &[
        w("resolution", "NQ", false),
        w("decision", "QD", false),
        w("decree", "ND", false),
        w("circular", "TT", false),
        w("plan", "KH", false),
        w("directive", "CT", false),
    ],
    numbering: &["no", "number"],
    and: "and",
};

/// How each language names documents: the analysed languages' (from their
/// files in `model/lang/`) and English.
fn references() -> impl Iterator<Item = (Lang, &'static References)> {
    let analysed = Lang::analysed().zip(LANGUAGES.iter().map(|l| &l.references));
    analysed.chain(std::iter::once((Lang::EN, &ENGLISH)))
}

/// The type words of a text in `lang`: all of them for a query or a text
/// whose language is not known.
fn words_of(lang: Option<Lang>) -> impl Iterator<Item = &'static TypeWord> {
    references()
        .filter(move |(l, _)| lang.is_none_or(|x| x == *l))
        .flat_map(|(_, r)| r.types)
}

/// Every language's words of one kind, longest first, each once.
fn all_words(of: impl Fn(&'static References) -> Vec<&'static str>) -> Vec<&'static str> {
    let mut words: Vec<&str> = references().flat_map(|(_, r)| of(r)).collect();
    words.sort_by_key(|w| (std::cmp::Reverse(w.len()), *w));
    words.dedup();
    words
}

/// Lowercases and strips diacritics char by char (`đ`→`d`) into ASCII, one
/// byte per input char, so the `n`th byte of the result is the `n`th char of
/// `text`. Other letters and digits become `x` and everything else a space,
/// which keeps the patterns' word boundaries where they were and lets the
/// regex engine run its DFA on the whole text.
fn fold_ascii(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Most chars, even of Vietnamese, are ASCII: they fold to themselves.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mut folded = [None; 2];
        let mut n = 0;
        super::fold_char(c, |f| {
            if n < 2 {
                folded[n] = Some(f);
            }
            n += 1;
        });
        out.push(match folded {
            [Some(f), None] if f.is_ascii() => f.to_ascii_lowercase(),
            _ if c.is_alphanumeric() || is_combining_mark(c) => 'x',
            _ => ' ',
        });
    }
    out
}

/// The byte offset of the `n`th char of `text` (its length past the end).
fn char_offset(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// The document codes, as the code and abbreviation patterns spell them.
const CODES: [&str; 6] = ["nq", "qd", "nd", "tt", "kh", "ct"];

/// Whether folded text may hold a code as [`code_regex`] reads it: a `/` or
/// `-` right before one. Most passages hold none, and this scan is far
/// cheaper than the regex, which has no literal to look for first.
fn may_hold_code(folded: &str) -> bool {
    let b = folded.as_bytes();
    memchr::memchr2_iter(b'/', b'-', b).any(|i| {
        b.get(i + 1..i + 3)
            .is_some_and(|c| CODES.iter().any(|k| k.as_bytes() == c))
    })
}

// The patterns run on `fold_ascii`'s text, which is ASCII, so they are
// ASCII patterns (`(?-u)`): the same matches, and a fraction of the
// automaton to compile (Unicode's `\b`, `\s` and `\d` made compiling them a
// third of a whole search's instructions).

fn code_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?-u)\b(\d{1,4})(?:/(\d{4}))?[/-](nq|qd|nd|tt|kh|ct)\b(?:[-/]([a-z]{2,}(?:-[a-z]{2,})?))?",
        )
        .expect("the code pattern is valid")
    })
}

/// `re`, compiled on first use, for a `folded` text that may match it:
/// until it is compiled, a text holding none of `literals` (one of which
/// every match holds) cannot match, and a short-lived process that never
/// sees one (a search for words without a document type) never compiles it.
fn compiled_for<'a>(
    re: &'static OnceLock<Regex>,
    folded: &str,
    mut literals: impl Iterator<Item = &'a str>,
    compile: fn() -> Regex,
) -> Option<&'static Regex> {
    if re.get().is_none() && !literals.any(|l| folded.contains(l)) {
        return None;
    }
    Some(re.get_or_init(compile))
}

/// The type-word pattern, when `folded` may hold a match.
fn word_regex(folded: &str) -> Option<&'static Regex> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let words = references().flat_map(|(_, r)| r.types.iter().map(|t| t.word));
    compiled_for(&RE, folded, words, || {
        let words = all_words(|r| r.types.iter().map(|t| t.word).collect());
        let numbering = all_words(|r| r.numbering.to_vec()).join(r"\.?|");
        let and = all_words(|r| vec![r.and]).join("|");
        // 1 the type word; 2 a numbering word; 3 a word between (an
        // issuer: `Resolusi Politbiro No. 72`); 4 a numbering word after
        // it; 5 the number; 6 more numbers (`57, 59 và 68`).
        let pattern = format!(
            r"(?-u)\b({})(\s+(?:{numbering}\.?))?(\s+[a-z]+)??(\s+(?:{numbering}\.?))?\s+(\d{{1,4}})\b((?:\s*(?:,|{and})\s*\d{{1,4}}\b)*)",
            words.join("|")
        );
        Regex::new(&pattern).expect("the word pattern is valid")
    })
}

/// The abbreviation pattern (`NQ 72`), when `folded` may hold a match.
fn abbreviation_regex(folded: &str) -> Option<&'static Regex> {
    static RE: OnceLock<Regex> = OnceLock::new();
    compiled_for(&RE, folded, CODES.into_iter(), || {
        Regex::new(r"(?-u)\b(nq|qd|nd|tt|kh|ct)[\s.]*(\d{1,4})\b")
            .expect("the abbreviation pattern is valid")
    })
}

/// Whether a query word is part of how references are written: a number,
/// a document code, a document-type word or a numbering word. Such words may
/// be missing from a passage that cites the same document differently.
pub fn is_reference_word(word: &str) -> bool {
    let folded = fold_ascii(word.trim_matches(|c: char| !c.is_alphanumeric()));
    if folded.is_empty() || folded.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    references().any(|(_, r)| r.numbering.contains(&folded.as_str()))
        || CODES.contains(&folded.as_str())
        || words_of(None).any(|t| t.word.split(' ').any(|piece| piece == folded))
}

/// A document number without leading zeros (`05` and `5` are one).
fn number(digits: &str) -> &str {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        "0"
    } else {
        trimmed
    }
}

/// All references in a query, each key once (codes first, then type
/// words, then abbreviations): every language's words, and a bare number
/// after any of them (the user names a document).
pub fn extract(text: &str) -> Vec<Reference> {
    extract_in(text, None)
}

/// All references in a text in `lang` (`None`: a query, or a text of no
/// known language), each key once, as [`extract`] orders them. A type
/// word counts in its own language only, and a bare number only after an
/// unambiguous word ([`TypeWord`]); a document code (`72-NQ/TW`) counts in
/// any language when its letters are written in capitals; an abbreviation
/// (`NQ 72`) only in Vietnamese.
pub fn extract_in(text: &str, lang: Option<Lang>) -> Vec<Reference> {
    // Every reference carries a number.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let folded = fold_ascii(text);
    let mut found = Found::default();
    let codes = may_hold_code(&folded).then(|| code_regex().captures_iter(&folded));
    for c in codes.into_iter().flatten() {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let written = &text[char_offset(text, whole.start)..char_offset(text, whole.end)];
        let letters = c.get(3).map_or(0..0, |m| m.range());
        let code = &text[char_offset(text, letters.start)..char_offset(text, letters.end)];
        if lang.is_some() && code.chars().any(char::is_lowercase) {
            continue;
        }
        let key = format!("{}-{}", number(&c[1]), c[3].to_ascii_uppercase());
        found.add(key, Some(written.to_uppercase()));
    }
    for c in word_regex(&folded)
        .into_iter()
        .flat_map(|re| re.captures_iter(&folded))
    {
        let numbered = c.get(2).is_some() || c.get(4).is_some();
        let Some(kind) = words_of(lang)
            .find(|t| {
                t.word == &c[1] && (numbered || lang.is_none() || t.bare && c.get(3).is_none())
            })
            .map(|t| t.key)
        else {
            continue;
        };
        found.add(format!("{}-{kind}", number(&c[5])), None);
        let list = c.get(6).map_or("", |m| m.as_str());
        for n in list
            .split(|ch: char| !ch.is_ascii_digit())
            .filter(|n| !n.is_empty())
        {
            found.add(format!("{}-{kind}", number(n)), None);
        }
    }
    if lang.is_none_or(|l| l == Lang::VI) {
        let abbreviations = abbreviation_regex(&folded).into_iter();
        for c in abbreviations.flat_map(|re| re.captures_iter(&folded)) {
            let key = format!("{}-{}", number(&c[2]), c[1].to_ascii_uppercase());
            found.add(key, None);
        }
    }
    found.0
}

/// The references found so far, each key once, with the first code written.
#[derive(Default)]
struct Found(Vec<Reference>);

impl Found {
    fn add(&mut self, key: String, display: Option<String>) {
        match self.0.iter_mut().find(|r| r.key == key) {
            Some(r) if r.display == r.key => {
                if let Some(d) = display {
                    r.display = d;
                }
            }
            Some(_) => {}
            None => self.0.push(Reference {
                display: display.unwrap_or_else(|| key.clone()),
                key,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        extract(text).into_iter().map(|r| r.key).collect()
    }

    #[test]
    fn only_a_code_after_a_slash_or_dash_wakes_the_code_pattern() {
        for text in ["72-nq/tw", "so 15/2025/qd-ttg", "x-ct"] {
            assert!(may_hold_code(text), "{text}");
        }
        for text in ["corona-krise 2020", "nq 72", "72 / nq", "", "-", "a/n"] {
            assert!(!may_hold_code(text), "{text}");
        }
        // Those it passes over hold no code for the pattern either.
        assert_eq!(keys("Corona-Krise 2020, Seite 3/4"), Vec::<String>::new());
    }

    #[test]
    fn folding_gives_one_ascii_byte_per_char() {
        let text = "Nghị quyết „Straße“ 72-NQ/TW ĐỊNH";
        let folded = fold_ascii(text);
        assert_eq!(folded, "nghi quyet  straxe  72-nq/tw dinh");
        assert_eq!(folded.len(), text.chars().count());
        // A code after non-ASCII text is shown as written.
        let refs = extract(text);
        assert_eq!(refs[0].display, "72-NQ/TW");
        assert_eq!(
            &text[char_offset(text, 20)..char_offset(text, 28)],
            "72-NQ/TW"
        );
    }

    #[test]
    fn all_forms_of_resolution_72_are_one() {
        for text in [
            "Nghị quyết 72",
            "Nghị quyết số 72-NQ/TW",
            "NQ 72",
            "nghi quyet 72",
            "Resolusi No. 72-NQ/TW",
            "Resolusi Politbiro No. 72-NQ/TW",
            "Resolution Nr. 72-NQ/TW",
            "Beschluss Nr. 72-NQ/TW",
            "72-NQ/TW",
            "72-nq/tw",
        ] {
            assert_eq!(keys(text), ["72-NQ"], "{text}");
        }
    }

    #[test]
    fn displays_the_written_code() {
        let refs = extract("sejalan dengan Resolusi No. 72-NQ/TW.");
        assert_eq!(
            refs,
            [Reference {
                key: "72-NQ".into(),
                display: "72-NQ/TW".into()
            }]
        );
        let refs = extract("kế hoạch 137/KH-UBND ngày 15/5/2025");
        assert_eq!(
            refs,
            [Reference {
                key: "137-KH".into(),
                display: "137/KH-UBND".into()
            }]
        );
        let refs = extract("Nghị định 15/2020/NĐ-CP");
        assert_eq!(
            refs,
            [Reference {
                key: "15-ND".into(),
                display: "15/2020/NĐ-CP".into()
            }]
        );
    }

    #[test]
    fn lists_of_numbers() {
        assert_eq!(
            keys("Nghị quyết số 57, 59, 66 và 68, tạo nền tảng"),
            ["57-NQ", "59-NQ", "66-NQ", "68-NQ"]
        );
    }

    #[test]
    fn other_document_types() {
        assert_eq!(keys("Quyết định 1234 của Thủ tướng"), ["1234-QD"]);
        assert_eq!(keys("Thông tư số 05"), ["5-TT"]);
        assert_eq!(keys("Thông tư 05/2025/TT-BYT"), ["5-TT"]);
        assert_eq!(keys("Chỉ thị 01"), ["1-CT"]);
    }

    #[test]
    fn reference_words() {
        for w in [
            "Nghị",
            "quyết",
            "72",
            "72-NQ/TW",
            "số",
            "No.",
            "Resolusi",
            "Beschluss",
        ] {
            assert!(is_reference_word(w), "{w}");
        }
        for w in ["y", "tế", "Krankenhaus", "perawatan"] {
            assert!(!is_reference_word(w), "{w}");
        }
    }

    #[test]
    fn plain_numbers_are_not_references() {
        assert!(keys("hơn 900 đại biểu, gần 100 cặp đối tác, 72 giờ").is_empty());
        assert!(keys("Konferenz 2025; Nr. 72").is_empty());
    }

    fn keys_in(text: &str, lang: Lang) -> Vec<String> {
        extract_in(text, Some(lang))
            .into_iter()
            .map(|r| r.key)
            .collect()
    }

    #[test]
    fn a_text_cites_a_document_in_its_own_language_with_a_document_number() {
        let de = Lang::DE;
        assert_eq!(
            keys_in("die Resolution Nr. 72-NQ/TW des Politbüros", de),
            ["72-NQ"]
        );
        assert_eq!(
            keys_in("Resolusi Politbiro No. 72-NQ/TW", Lang::ID),
            ["72-NQ"]
        );
        assert_eq!(
            keys_in("Nghị quyết 72 của Bộ Chính trị", Lang::VI),
            ["72-NQ"]
        );
        assert_eq!(
            keys_in("theo NQ 72 và Kế hoạch số 137", Lang::VI),
            ["137-KH", "72-NQ"]
        );
        // Software documentation names no document.
        for (text, lang) in [
            ("FreeBSD, OpenBSD, Plan 9 und vielen weiteren Projekten", de),
            ("eine Resolution 200dpi reicht für den Druck", de),
            ("eine Entscheidung 2024 über die Architektur", de),
            ("dem Fehler Nr. 12345 zugeordnet", de),
            ("berdasarkan instruksi Bagian 6.2.6, Bekerja", Lang::ID),
            (
                "the Plan 9 rc shell and the decision 3 of the team",
                Lang::EN,
            ),
            ("kế hoạch 5 năm của dự án", Lang::VI),
            ("die Verbindung 12-kh/x bleibt", de),
        ] {
            assert_eq!(keys_in(text, lang), Vec::<String>::new(), "{text}");
        }
        // A Vietnamese word does not name a document in German text.
        assert!(keys_in("Nghi quyet 72", de).is_empty());
        // A query still names one whichever way it is typed.
        assert_eq!(keys("Plan 9"), ["9-KH"]);
    }
}
