//! The 8-bit Vietnamese font encodings older government documents are
//! full of: TCVN3 (ABC, the `.VnTime` fonts), one byte per letter, and VNI
//! (`VNI-Times`), a letter followed by a byte for its marks. Read as
//! Latin-1 they show as `Bé Y tÕ` or `Boä Y teá`; [`convert`] maps them to
//! Unicode, and [`detect`] tells whether a text is written in one: only
//! when the converted text reads as Vietnamese and the original did not
//! read as German, whose umlauts share those bytes. No crate does this, so
//! the two tables are here.

use unicode_normalization::UnicodeNormalization;

use crate::model::Lang;

/// A Vietnamese font encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Font {
    /// TCVN3 (ABC), `.VnTime` and its kin.
    Tcvn3,
    /// VNI, `VNI-Times` and its kin.
    Vni,
}

impl Font {
    /// The name users know it by.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Font::Tcvn3 => "TCVN3 (ABC)",
            Font::Vni => "VNI",
        }
    }

    /// The font encoding a font name implies (`.VnTime`, `VNI-Times`).
    pub(crate) fn of_font_name(name: &str) -> Option<Font> {
        let lower = name.trim().to_ascii_lowercase();
        if lower.starts_with(".vn") {
            Some(Font::Tcvn3)
        } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
            Some(Font::Vni)
        } else {
            None
        }
    }
}

/// TCVN3's letters, by their byte (read as a Latin-1 character); the
/// bytes not listed keep their Latin-1 glyph.
const TCVN3: [(char, char); 74] = [
    ('\u{a1}', 'Ă'),
    ('\u{a2}', 'Â'),
    ('\u{a3}', 'Ê'),
    ('\u{a4}', 'Ô'),
    ('\u{a5}', 'Ơ'),
    ('\u{a6}', 'Ư'),
    ('\u{a7}', 'Đ'),
    ('\u{a8}', 'ă'),
    ('\u{a9}', 'â'),
    ('\u{aa}', 'ê'),
    ('\u{ab}', 'ô'),
    ('\u{ac}', 'ơ'),
    ('\u{ad}', 'ư'),
    ('\u{ae}', 'đ'),
    ('\u{b5}', 'à'),
    ('\u{b6}', 'ả'),
    ('\u{b7}', 'ã'),
    ('\u{b8}', 'á'),
    ('\u{b9}', 'ạ'),
    ('\u{bb}', 'ằ'),
    ('\u{bc}', 'ẳ'),
    ('\u{bd}', 'ẵ'),
    ('\u{be}', 'ắ'),
    ('\u{c6}', 'ặ'),
    ('\u{c7}', 'ầ'),
    ('\u{c8}', 'ẩ'),
    ('\u{c9}', 'ẫ'),
    ('\u{ca}', 'ấ'),
    ('\u{cb}', 'ậ'),
    ('\u{cc}', 'è'),
    ('\u{ce}', 'ẻ'),
    ('\u{cf}', 'ẽ'),
    ('\u{d0}', 'é'),
    ('\u{d1}', 'ẹ'),
    ('\u{d2}', 'ề'),
    ('\u{d3}', 'ể'),
    ('\u{d4}', 'ễ'),
    ('\u{d5}', 'ế'),
    ('\u{d6}', 'ệ'),
    ('\u{d7}', 'ì'),
    ('\u{d8}', 'ỉ'),
    ('\u{dc}', 'ĩ'),
    ('\u{dd}', 'í'),
    ('\u{de}', 'ị'),
    ('\u{df}', 'ò'),
    ('\u{e1}', 'ỏ'),
    ('\u{e2}', 'õ'),
    ('\u{e3}', 'ó'),
    ('\u{e4}', 'ọ'),
    ('\u{e5}', 'ồ'),
    ('\u{e6}', 'ổ'),
    ('\u{e7}', 'ỗ'),
    ('\u{e8}', 'ố'),
    ('\u{e9}', 'ộ'),
    ('\u{ea}', 'ờ'),
    ('\u{eb}', 'ở'),
    ('\u{ec}', 'ỡ'),
    ('\u{ed}', 'ớ'),
    ('\u{ee}', 'ợ'),
    ('\u{ef}', 'ù'),
    ('\u{f1}', 'ủ'),
    ('\u{f2}', 'ũ'),
    ('\u{f3}', 'ú'),
    ('\u{f4}', 'ụ'),
    ('\u{f5}', 'ừ'),
    ('\u{f6}', 'ử'),
    ('\u{f7}', 'ữ'),
    ('\u{f8}', 'ứ'),
    ('\u{f9}', 'ự'),
    ('\u{fa}', 'ỳ'),
    ('\u{fb}', 'ỷ'),
    ('\u{fc}', 'ỹ'),
    ('\u{fd}', 'ý'),
    ('\u{fe}', 'ỵ'),
];

/// The letter a TCVN3 byte (read as a Latin-1 character) stands for.
fn tcvn3_char(c: char) -> Option<char> {
    if !('\u{a1}'..='\u{fe}').contains(&c) {
        return None;
    }
    TCVN3
        .iter()
        .find(|(byte, _)| *byte == c)
        .map(|&(_, letter)| letter)
}

/// The combining marks a VNI mark byte adds to the letter before it.
fn vni_marks(c: char) -> Option<&'static str> {
    Some(match c.to_lowercase().next()? {
        'ù' => "\u{301}",
        'ø' => "\u{300}",
        'û' => "\u{309}",
        'õ' => "\u{303}",
        'ï' => "\u{323}",
        'â' => "\u{302}",
        'á' => "\u{302}\u{301}",
        'à' => "\u{302}\u{300}",
        'å' => "\u{302}\u{309}",
        'ã' => "\u{302}\u{303}",
        'ä' => "\u{302}\u{323}",
        'ê' => "\u{306}",
        'é' => "\u{306}\u{301}",
        'è' => "\u{306}\u{300}",
        'ú' => "\u{306}\u{309}",
        'ü' => "\u{306}\u{303}",
        'ë' => "\u{306}\u{323}",
        _ => return None,
    })
}

/// VNI letters written with one byte of their own.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    "aeiouyơưAEIOUYƠƯ".contains(c)
}

/// `text`, written in `font`'s encoding and read as Latin-1, in Unicode.
pub(crate) fn convert(text: &str, font: Font) -> String {
    match font {
        Font::Tcvn3 => text.chars().map(|c| tcvn3_char(c).unwrap_or(c)).collect(),
        Font::Vni => {
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                match vni_marks(c) {
                    Some(marks) if out.chars().next_back().is_some_and(is_vowel) => {
                        out.push_str(marks);
                    }
                    _ => out.push(vni_letter(c).unwrap_or(c)),
                }
            }
            out.nfc().collect()
        }
    }
}

/// The font encoding `text` (8-bit text read as Latin-1) is written in,
/// with the text converted, when one reads as Vietnamese.
pub(crate) fn detect(text: &str) -> Option<(Font, String)> {
    let high = text
        .chars()
        .filter(|c| ('\u{a1}'..='\u{fe}').contains(c))
        .count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if high * 20 < letters || Lang::detect(text) == Some(Lang::DE) {
        return None;
    }
    // VNI writes a mark byte after its vowel; TCVN3 a byte for the whole
    // vowel, mostly after a consonant.
    let chars: Vec<char> = text.chars().collect();
    let after_vowel = chars
        .windows(2)
        .filter(|w| ('\u{a1}'..='\u{fe}').contains(&w[1]) && "aeiouyôöAEIOUYÔÖ".contains(w[0]))
        .count();
    let font = if after_vowel * 2 > high {
        Font::Vni
    } else {
        Font::Tcvn3
    };
    let converted = convert(text, font);
    let vietnamese = converted
        .chars()
        .filter(|c| is_vietnamese_letter(*c))
        .count();
    (vietnamese * 2 >= high && Lang::detect(&converted) == Some(Lang::VI))
        .then_some((font, converted))
}

/// Letters only Vietnamese uses among these languages.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        '\u{1EA0}'..='\u{1EF9}' | 'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'ũ'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_and_vni_become_unicode() {
        assert_eq!(
            convert("B¶o Th¾ng, M\u{AD}êng Kh\u{AD}¬ng", Font::Tcvn3),
            "Bảo Thắng, Mường Khương"
        );
        assert_eq!(
            convert("Bé Y tÕ söa ®æi LuËt b¶o hiÓm y tÕ", Font::Tcvn3),
            "Bộ Y tế sửa đổi Luật bảo hiểm y tế"
        );
        assert_eq!(
            convert("Boä Y teá söûa ñoåi Luaät baûo hieåm y teá", Font::Vni),
            "Bộ Y tế sửa đổi Luật bảo hiểm y tế"
        );
        assert_eq!(
            convert("Xin chaøo caùc baïn, ÑAÏI HOÄI", Font::Vni),
            "Xin chào các bạn, ĐẠI HỘI"
        );
    }

    #[test]
    fn detection_leaves_german_alone() {
        let tcvn3 = "Bé Y tÕ võa tr×nh ChÝnh phñ dù th¶o söa ®æi LuËt B¶o hiÓm y tÕ, më réng quyÒn lîi cho ng\u{AD}êi bÖnh.";
        let (font, text) = detect(tcvn3).expect("TCVN3");
        assert_eq!(font, Font::Tcvn3);
        assert_eq!(text, "Bộ Y tế vừa trình Chính phủ dự thảo sửa đổi Luật Bảo hiểm y tế, mở rộng quyền lợi cho người bệnh.");
        let vni = "Boä Y teá vöøa trình Chính phuû döï thaûo söûa ñoåi Luaät Baûo hieåm y teá cho ngöôøi beänh.";
        assert_eq!(detect(vni).map(|(f, _)| f), Some(Font::Vni));
        let german = "Die Krankenhäuser müssen größere Zuschüsse für die Versorgung erhalten, fordern die Länder.";
        assert_eq!(detect(german), None);
        assert_eq!(
            detect("Plain ASCII text about nothing in particular at all."),
            None
        );
        assert_eq!(Font::of_font_name(".VnTime"), Some(Font::Tcvn3));
        assert_eq!(Font::of_font_name("VNI-Times"), Some(Font::Vni));
        assert_eq!(Font::of_font_name("Times New Roman"), None);
    }
}
