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

use aho_corasick::AhoCorasick;
use regex::Regex;

/// Paragraphs longer than this are prose, never an aside.
const ASIDE_MAX_BYTES: usize = 300;

/// The credit words: "picture" in Vietnamese, German, Indonesian and
/// English, "video", and "source".
const CREDIT: &str = r"(?:Ảnh|Hình|Foto|Fotos|Bild|Bilder|Gambar|Photo|Video|Nguồn|Quelle|Sumber)";

/// The same words and the labels' (`Clip`, `Info…`), for a plain search
/// before the patterns run: most paragraphs hold none, and the pattern,
/// unanchored with Unicode classes, costs far more per paragraph than
/// looking for them (it was a quarter of an indexing run's CPU).
const CREDIT_WORDS: [&str; 12] = [
    "Ảnh", "Hình", "Foto", "Bild", "Gambar", "Photo", "Video", "Nguồn", "Quelle", "Sumber", "Clip",
    "Info",
];

/// Whether `p` holds one of [`CREDIT_WORDS`]: one pass over it, where a
/// search per word took twelve (2% of an indexing run's instructions).
fn has_credit_word(p: &str) -> bool {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    WORDS
        .get_or_init(|| AhoCorasick::new(CREDIT_WORDS).expect("the credit words are valid"))
        .is_match(p)
}

fn credit_at_end() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // The credit word at the start, after a sentence or in brackets,
        // then at most 60 characters with no sentence end: after a colon
        // anything (`Foto: dpa`), without one a name (`… Ảnh FPT`, but not
        // a heading such as `Sumber Data`).
        let pattern = format!(
            r"(?:(?:^|[.!?…]\s+|\(\s*){CREDIT}\s*:\s*|(?:[.!?…]\s+|\(\s*){CREDIT}\s+\p{{Lu}})[^.!?:()\n]{{0,60}}\)?\s*$"
        );
        Regex::new(&pattern).expect("the credit pattern is valid")
    })
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
    if !has_credit_word(p) {
        return false;
    }
    if label_at_start().is_match(p) {
        return true;
    }
    credit_at_end().is_match(p)
}

#[cfg(test)]
mod tests {
    use super::*;

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
