//! The analyzers end to end: each view's exact tokens, offsets and
//! positions, and every registered language.

use super::testing::assert_tokens;
use super::*;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

#[test]
fn exact_view() {
    assert_tokens(View::Exact, "Nghị quyết 72", &["nghị", "quyết", "72"]);
    assert_tokens(View::Exact, "Hiện đại hoá", &["hiện", "đại", "hóa"]);
    assert_tokens(
        View::Exact,
        "Sức khoẻ, THUỶ lợi",
        &["sức", "khỏe", "thủy", "lợi"],
    );
    assert_tokens(
        View::Exact,
        "Resolusi No. 72-NQ/TW",
        &["resolusi", "no", "72", "nq", "tw"],
    );
}

#[test]
fn nfd_input_equals_nfc_input() {
    for text in ["Nghị quyết 72", "Đại học Y Hà Nội", "thuỷ Krankenhäuser"] {
        let nfd: String = text.nfd().collect();
        for &view in View::all() {
            let a: Vec<_> = tokens(&mut view.analyzer(), text)
                .into_iter()
                .map(|t| t.text)
                .collect();
            let b: Vec<_> = tokens(&mut view.analyzer(), &nfd)
                .into_iter()
                .map(|t| t.text)
                .collect();
            assert_eq!(a, b, "{view:?} {text:?}");
        }
    }
}

#[test]
fn folded_view() {
    assert_tokens(View::Folded, "Nghị quyết 72", &["nghi", "quyet", "72"]);
    assert_tokens(
        View::Folded,
        "Đại học Y Hà Nội",
        &["dai", "hoc", "y", "ha", "noi"],
    );
    assert_tokens(View::Folded, "hoà hòa", &["hoa", "hoa"]);
    assert_tokens(View::Folded, "Straße Strasse", &["strasse", "strasse"]);
    assert_tokens(View::Folded, "y tế", &["y", "te"]);
}

#[test]
fn german_view() {
    assert_tokens(
        View::GERMAN,
        "Krankenhäuser Krankenhaus",
        &[
            "krankenhaus",
            "krank|",
            "haus|",
            "krankenhaus",
            "krank|",
            "haus|",
        ],
    );
    assert_tokens(
        View::GERMAN,
        "Politbüro Politburo",
        &["politburo", "politburo"],
    );
    assert_tokens(View::GERMAN, "Straße Strasse", &["strass", "strass"]);
    assert_tokens(
        View::GERMAN,
        "Gesundheitskooperationsabkommens",
        &[
            "gesundheitskooperationsabkomm",
            "gesund|",
            "kooperation|",
            "abkomm|",
        ],
    );
    assert_tokens(
        View::GERMAN,
        "Krankenhausnetzwerke",
        &["krankenhausnetzwerk", "krankenhaus|", "netzwerk|"],
    );
    assert_tokens(
        View::GERMAN,
        "Rahmenabkommens",
        &["rahmenabkomm", "rahm|", "abkomm|"],
    );
    assert_tokens(
        View::GERMAN,
        "Abkommen Kooperation",
        &["abkomm", "kooperation"],
    );
}

#[test]
fn indonesian_view() {
    assert_tokens(
        View::INDONESIAN,
        "Perawatan merawat dirawat",
        &["rawat", "rawat", "rawat"],
    );
    assert_tokens(
        View::INDONESIAN,
        "berkembang pengembangan",
        &["kembang", "kembang"],
    );
}

#[test]
fn decompound_parts_keep_offsets_and_position() {
    let got = tokens(&mut View::GERMAN.analyzer(), "Das Rahmenabkommens gilt");
    let spans: Vec<_> = got
        .iter()
        .map(|t| (t.text.as_str(), t.offset_from, t.offset_to, t.position))
        .collect();
    assert_eq!(
        spans,
        [
            ("das", 0, 3, 0),
            ("rahmenabkomm", 4, 19, 1),
            ("rahm|", 4, 19, 1),
            ("abkomm|", 4, 19, 1),
            ("gilt", 20, 24, 2)
        ]
    );
}

#[test]
fn every_registered_language_parses_and_has_its_views() {
    let mut n = 0;
    for lang in Lang::analysed() {
        let (_, language) = lang.registered().unwrap();
        for alias in language.aliases.iter().chain([&language.code]) {
            assert_eq!(alias.parse::<Lang>(), Ok(lang), "{alias}");
        }
        let views = View::indexed_for(Some(lang));
        assert!(!views.is_empty(), "{lang}");
        for &view in views {
            assert_eq!(View::from_tag(view.tag()), Some(view));
        }
        for t in language.references.types {
            assert!(t.word.bytes().all(|b| b.is_ascii_lowercase() || b == b' '));
        }
        n += 1;
    }
    // The three and the tests' Malay.
    assert_eq!(n, 4);
}

proptest! {
    #[test]
    fn analyzers_never_panic_and_keep_offsets_sane(text in "\\PC{0,200}") {
        check_offsets(&text);
    }

    #[test]
    fn analyzers_handle_vietnamese_like_text(text in "[a-zđơưăâêôA-Z\u{300}-\u{323} ,.-]{0,80}") {
        check_offsets(&text);
    }
}

fn check_offsets(text: &str) {
    for &view in View::all() {
        let mut last_position = None;
        for t in tokens(&mut view.analyzer(), text) {
            assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
            if let Some(last) = last_position {
                assert!(t.position >= last, "positions must not decrease");
            }
            last_position = Some(t.position);
        }
    }
}
