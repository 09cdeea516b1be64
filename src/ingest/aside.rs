//! Asides: the caption, credit and teaser lines news pages carry around an
//! article's prose (`… Ảnh: TTXVN/Vietnam+`, `(Foto: dpa)`, `[Video] …`).
//! They repeat a few of the article's words in a line much shorter than its
//! paragraphs, so BM25 would rank them above the prose; an aside becomes a
//! passage of its own, marked, and the search weighs it less (see
//! `crate::search::aside`).
//!
//! Recognised by shape alone, the same in all three languages: a short
//! paragraph that ends with a picture or source credit (`Ảnh: …`,
//! `(Ảnh: …)`, `Ảnh FPT`, `Foto: …`, `Bild: …`, `Sumber: …`, `Nguồn: …`,
//! `Quelle: …`, `Photo: …`), or that starts with a media label (`[Foto]`,
//! `[Video]`, `[Ảnh]`, `Video:`, `Clip:`). A credit names an agency or a
//! person: a few words, no sentence of their own.

use std::sync::OnceLock;

use aho_corasick::{packed, AhoCorasick};
use regex::Regex;

/// Paragraphs longer than this are prose, never an aside.
const ASIDE_MAX_BYTES: usize = 300;

/// The credit words: "picture" in Vietnamese, German, Indonesian and
/// English, "video", and "source". Case matters.
const CREDIT: [&str; 12] = [
    "Ảnh", "Hình", "Foto", "Fotos", "Bild", "Bilder", "Gambar", "Photo", "Video", "Nguồn",
    "Quelle", "Sumber",
];

/// The labels' words (`[Clip]`, `[Infografik]`, `Clip:`), which only
/// [`label_at_start`] looks for.
const LABEL_WORDS: [&str; 2] = ["Clip", "Info"];

/// Characters the credit after its word never holds: a sentence end, a
/// colon or a bracket.
const NOT_IN_CREDIT: [char; 7] = ['.', '!', '?', ':', '(', ')', '\n'];

/// Whether `p` holds a credit or label word: most paragraphs hold none,
/// and are not looked at further. Asked of every short paragraph (two
/// thirds of news text), so it runs the SIMD searcher built for a few
/// patterns, three times as fast there as the automaton of [`words`],
/// which answers where the CPU lacks SIMD.
fn holds_a_word(p: &str) -> bool {
    static SEARCHER: OnceLock<Option<packed::Searcher>> = OnceLock::new();
    let searcher =
        SEARCHER.get_or_init(|| packed::Config::new().builder().extend(all_words()).build());
    match searcher {
        Some(searcher) => searcher.find(p).is_some(),
        None => words().is_match(p),
    }
}

/// The credit words and the labels', every match found in one pass.
fn words() -> &'static AhoCorasick {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    WORDS.get_or_init(|| AhoCorasick::new(all_words()).expect("the credit words are valid"))
}

/// The credit words, then the labels': a match's pattern number below
/// `CREDIT.len()` is a credit word's.
fn all_words() -> impl Iterator<Item = &'static &'static str> {
    CREDIT.iter().chain(&LABEL_WORDS)
}

/// Whether `p` ends with a credit: a credit word at its start, after a
/// sentence or after an opening bracket, then at most 60 characters with
/// no sentence end (and perhaps the closing bracket): after a colon
/// anything (`Foto: dpa`), without one a name (`… Ảnh FPT`, but not a
/// heading such as `Sumber Data`). Written out rather than as one regular
/// expression: its lazy automaton, with Unicode classes and a counted
/// repetition, cost 140 k instructions a paragraph (5% of indexing).
fn credit_at_end(p: &str) -> bool {
    (words().find_overlapping_iter(p))
        .filter(|m| m.pattern().as_usize() < CREDIT.len())
        .any(|m| credit_from(&p[..m.start()], &p[m.end()..]))
}

/// Whether a credit word between `before` and `after` makes a credit.
fn credit_from(before: &str, after: &str) -> bool {
    let trimmed = before.trim_end();
    let after_sentence = trimmed.len() < before.len() && trimmed.ends_with(['.', '!', '?', '…']);
    let after_bracket = trimmed.ends_with('(');
    let spaced = after.trim_start();
    if before.is_empty() || after_sentence || after_bracket {
        if let Some(credit) = spaced.strip_prefix(':') {
            if credit_tail(credit.trim_start()) {
                return true;
            }
        }
    }
    let mut name = spaced.chars();
    (after_sentence || after_bracket)
        && spaced.len() < after.len()
        && name.next().is_some_and(char::is_uppercase)
        && credit_tail(name.as_str())
}

/// Whether `tail` ends a credit: at most 60 characters none of
/// [`NOT_IN_CREDIT`], then perhaps `)`, then white space.
fn credit_tail(tail: &str) -> bool {
    let tail = tail.trim_end();
    let tail = tail.strip_suffix(')').unwrap_or(tail);
    !tail.contains(NOT_IN_CREDIT) && tail.chars().count() <= 60
}

fn label_at_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:\[(?:Foto|Video|Ảnh|Clip|Infografik|Infographic)\]|(?:Video|Clip)\s*:)")
            .expect("the label pattern is valid")
    })
}

/// Whether `paragraph` is a caption, credit or teaser line.
pub(crate) fn is_aside(paragraph: &str) -> bool {
    let p = paragraph.trim();
    if p.is_empty() || p.len() > ASIDE_MAX_BYTES {
        return false;
    }
    if !holds_a_word(p) {
        return false;
    }
    label_at_start().is_match(p) || credit_at_end(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The pattern [`credit_at_end`] writes out.
    fn credit_pattern() -> Regex {
        let credit = format!("(?:{})", CREDIT.join("|"));
        let pattern = format!(
            r"(?:(?:^|[.!?…]\s+|\(\s*){credit}\s*:\s*|(?:[.!?…]\s+|\(\s*){credit}\s+\p{{Lu}})[^.!?:()\n]{{0,60}}\)?\s*$"
        );
        Regex::new(&pattern).unwrap()
    }

    proptest! {
        /// The SIMD gate and the automaton find the same paragraphs, short
        /// ones (under the searcher's minimum) included.
        #[test]
        fn the_gate_finds_what_the_automaton_finds(parts in proptest::collection::vec(
            prop_oneof![
                Just("Ảnh"), Just("Ản"), Just("Foto"), Just("Fot"), Just("Info"), Just("Clip"),
                Just("Quelle"), Just("Quell"), Just("Nguồn"), Just("Sumbe"), Just(" "),
                Just("Bildung"), Just("x"), Just("abcdefghij abcdefghij "),
            ],
            0..10,
        )) {
            let p = parts.concat();
            prop_assert_eq!(holds_a_word(&p), words().is_match(&p), "{:?}", p);
        }

        /// The written-out credit agrees with the pattern on text made of
        /// credit words, names, sentence ends, brackets and spaces.
        #[test]
        fn the_credit_is_the_pattern(parts in proptest::collection::vec(
            prop_oneof![
                Just("Ảnh"), Just("Foto"), Just("Fotos"), Just("Bilder"), Just("Sumber"),
                Just(": "), Just(":"), Just(". "), Just("… "), Just("("), Just(")"), Just(" "),
                Just("\n"), Just("\u{a0}"), Just("dpa"), Just("Trần Minh"), Just("Đà"),
                Just("x!"), Just("abcdefghij abcdefghij abcdefghij "),
            ],
            0..12,
        )) {
            let p = parts.concat();
            prop_assert_eq!(credit_at_end(&p), credit_pattern().is_match(&p), "{:?}", p);
        }
    }

    #[test]
    fn captions_credits_and_teasers_are_asides() {
        for p in [
            "Ảnh: TTXVN/Vietnam+",
            "Hội nghị Y học Pháp - Việt là dịp nhìn lại kết quả hợp tác y tế giữa hai quốc gia. Ảnh: Trần Minh",
            "Các bác sĩ Bệnh viện K hỗ trợ chuyên môn điều trị một ca bệnh ung thư qua hội chẩn từ xa. (Ảnh: Hà Trần)",
            "Các báo cáo khẳng định công nghệ AI đóng vai trò quan trọng trong lĩnh vực sản xuất dược phẩm. Ảnh FPT",
            "Bundeskanzler Merz spricht in Berlin. (Foto: dpa)",
            "Presiden meninjau lokasi banjir di Jakarta. Foto: Antara/Hafidz",
            "[Video] Da Nang: Das Wasser geht allmählich zurück",
            "Video: Lũ lớn tại Quảng Nam",
        ] {
            assert!(is_aside(p), "{p}");
        }
    }

    #[test]
    fn prose_and_software_help_are_not() {
        for p in [
            // A colon ending a line of instructions, a lower-case word
            // after the credit word, a long sentence, a heading.
            "So ändern Sie Ihr Hintergrund-Bild:",
            "Kiểu Nhập Ảnh:",
            "Ảnh chụp màn hình cho thấy cửa sổ hộp thoại",
            "Das Bild zeigt die Lage in Hanoi nach dem Sturm, als viele Straßen überflutet waren und die Behörden die Bewohner zur Vorsicht aufriefen.",
            "Nghị quyết 72-NQ/TW về chăm sóc sức khỏe nhân dân",
            &format!("{} Ảnh: Trần Minh", "Một câu rất dài. ".repeat(20)),
        ] {
            assert!(!is_aside(p), "{p}");
        }
    }
}
