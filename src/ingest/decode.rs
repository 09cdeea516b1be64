//! Bytes to text: BOMs, UTF-16, invalid UTF-8, binary files, line ends and
//! Unicode normalisation, so everything after sees NFC text with `\n` lines.

use unicode_normalization::UnicodeNormalization;

use super::vnfonts;

/// Decoded text and what was wrong with the bytes, if anything.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    /// NFC text with `\n` line ends.
    pub text: String,
    /// A note on replaced bytes or the encoding read, for the report.
    pub warning: Option<String>,
    /// The encoding the text was converted from, when not UTF-8 or
    /// UTF-16 with a BOM (`windows-1258`, `TCVN3 (ABC)`), for the summary.
    pub from: Option<String>,
}

/// Why bytes are not text.
#[derive(Debug, PartialEq)]
pub enum NotText {
    /// NUL bytes: an image, archive or other binary file.
    Binary,
}

/// Decodes a file's bytes: a BOM says the encoding; else UTF-16 without a
/// BOM is recognised by its zero bytes; a NUL otherwise means a binary
/// file; UTF-8 is taken when the bytes are UTF-8 (a few bad bytes among
/// many good sequences are replaced and reported); anything else is a
/// legacy 8-bit encoding, detected ([`legacy`]).
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    let (text, warning) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, encoding_rs::UTF_16LE)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, encoding_rs::UTF_16BE)
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, bad) = utf16(bytes, encoding);
        let note = "UTF-16 without a byte order mark: read as UTF-16".to_string();
        return Ok(Decoded {
            text: normalize(text),
            warning: Some(bad.map_or(note.clone(), |b| format!("{note}; {b}"))),
            from: Some("UTF-16 without a byte order mark".into()),
        });
    } else if bytes.contains(&0) {
        // A NUL anywhere, not only near the start: text never holds one.
        return Err(NotText::Binary);
    } else if mostly_utf8(bytes) {
        utf8(bytes)
    } else {
        return Ok(legacy(bytes, None));
    };
    Ok(Decoded {
        text: normalize(text),
        warning,
        from: None,
    })
}

/// Whether bytes that are not all valid UTF-8 still are UTF-8 with a few
/// bad bytes: valid multi-byte sequences outnumber the invalid ones.
/// Legacy 8-bit text has next to no valid multi-byte sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    bad == 0 || good > bad
}

/// Text in a legacy encoding: `declared` (a page's charset) or else the one
/// chardetng finds, decoded by encoding_rs; the note says which and why.
/// Detection chooses between the two legacy encodings of these languages'
/// text: Windows-1258 (Vietnamese) and Windows-1252 (German and
/// Indonesian; a superset of ISO-8859-1), since on little text chardetng
/// may guess a Turkish or Baltic code page. Windows-1252 text that reads
/// as Vietnamese once converted from the TCVN3 or VNI fonts is converted
/// ([`vnfonts`]).
pub(crate) fn legacy(bytes: &[u8], declared: Option<&'static encoding_rs::Encoding>) -> Decoded {
    let (encoding, how) = match declared {
        Some(e) => (e, "declared"),
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
            let ours = if guess == encoding_rs::WINDOWS_1258 {
                guess
            } else {
                encoding_rs::WINDOWS_1252
            };
            (ours, "detected")
        }
    };
    let (text, bad) = encoding.decode_without_bom_handling(bytes);
    if encoding == encoding_rs::WINDOWS_1252 {
        if let Some((font, converted)) = vnfonts::detect(&text) {
            return Decoded {
                text: normalize(converted),
                warning: Some(format!(
                    "written in the {} font encoding: converted to Unicode",
                    font.name()
                )),
                from: Some(font.name().to_string()),
            };
        }
    }
    let name = encoding.name().to_ascii_lowercase();
    let mut note = format!("not UTF-8: read as {name} ({how})");
    if bad {
        note.push_str("; bytes it does not define replaced with U+FFFD");
    }
    Decoded {
        text: normalize(text.into_owned()),
        warning: Some(note),
        from: Some(name),
    }
}

/// The byte order of UTF-16 text without a BOM: in text mostly of Latin
/// letters, one byte of most pairs is zero, on the same side.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let few = pairs / 20;
    if odd * 4 >= pairs && even <= few {
        Some(encoding_rs::UTF_16LE)
    } else if even * 4 >= pairs && odd <= few {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes a web page: the BOM; else the charset a `<meta charset>` or
/// `http-equiv` tag declares in the first 4 KiB; else UTF-8 when the bytes
/// are UTF-8; else a detected legacy encoding.
pub(crate) fn decode_html(bytes: &[u8]) -> Decoded {
    let text = if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned()
    } else {
        match declared_charset(&bytes[..bytes.len().min(4096)]) {
            Some(e) if e != encoding_rs::UTF_8 => return legacy(bytes, Some(e)),
            None if !mostly_utf8(bytes) => return legacy(bytes, None),
            _ => String::from_utf8_lossy(bytes).into_owned(),
        }
    };
    Decoded {
        text: normalize(text),
        warning: None,
        from: None,
    }
}

/// The encoding a page's head declares, by `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static RE: std::sync::OnceLock<regex::bytes::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::bytes::Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#)
            .expect("the charset pattern is valid")
    });
    let label = re.captures(head)?.get(1)?.as_bytes();
    encoding_rs::Encoding::for_label(label)
}

fn utf8(bytes: &[u8]) -> (String, Option<String>) {
    match simdutf8::compat::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(format!(
                "invalid UTF-8 at byte {}; bad bytes replaced with U+FFFD",
                e.valid_up_to()
            )),
        ),
    }
}

/// `bytes` as UTF-16 in `encoding`'s byte order (BOM already taken off),
/// by encoding_rs; bad units (and an odd last byte) become U+FFFD.
fn utf16(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> (String, Option<String>) {
    let (text, bad) = encoding.decode_without_bom_handling(bytes);
    let warning = bad.then(|| "invalid UTF-16; bad units replaced with U+FFFD".to_string());
    (text.into_owned(), warning)
}

/// `\r\n` and lone `\r` become `\n`; the text is composed to NFC.
pub fn normalize(text: String) -> String {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if crate::analysis::is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes).unwrap().text
    }

    #[test]
    fn boms_and_utf16() {
        assert_eq!(text(b"\xEF\xBB\xBFhoa"), "hoa");
        assert_eq!(text(b"\xFF\xFEh\0\xF2\0a\0"), "hòa");
        assert_eq!(text(b"\xFE\xFF\0h\0\xF2\0a"), "hòa");
    }

    #[test]
    fn line_ends_and_nfd() {
        assert_eq!(text(b"a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(text("Nghi\u{323}".as_bytes()), "Nghị");
    }

    #[test]
    fn invalid_utf8_among_good_utf8_is_replaced_and_reported() {
        let mut bytes = "Thành phố Hồ Chí Minh. ".as_bytes().to_vec();
        bytes.extend_from_slice(b"ok \xFF end");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Thành phố Hồ Chí Minh. ok \u{FFFD} end");
        assert_eq!(
            d.warning.as_deref(),
            Some("invalid UTF-8 at byte 32; bad bytes replaced with U+FFFD")
        );
    }

    /// Windows-1258 bytes as Windows wrote them: base letters with their
    /// hats and horns precomposed, tone marks as combining characters.
    pub(crate) fn cp1258(text: &str) -> Vec<u8> {
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let mut split = String::new();
        for c in text.chars() {
            let parts: String = c.to_string().nfd().collect();
            split.extend(parts.chars().filter(|p| !tones.contains(p)).nfc());
            split.extend(parts.chars().filter(|p| tones.contains(p)));
        }
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&split);
        assert!(!unmappable, "{text}");
        bytes.into_owned()
    }

    #[test]
    fn legacy_encodings_are_detected() {
        // Windows-1258 keeps tones as combining marks: NFC after.
        let vi = cp1258("Bộ Y tế sửa đổi Luật bảo hiểm y tế, quy định mới về khám chữa bệnh.");
        let d = decode(&vi).unwrap();
        assert_eq!(
            d.text,
            "Bộ Y tế sửa đổi Luật bảo hiểm y tế, quy định mới về khám chữa bệnh."
        );
        assert_eq!(
            d.warning.as_deref(),
            Some("not UTF-8: read as windows-1258 (detected)")
        );
        let (de, _, _) = encoding_rs::WINDOWS_1252
            .encode("Die Krankenhäuser müssen größere Zuschüsse für die Versorgung erhalten.");
        let d = decode(&de).unwrap();
        assert_eq!(
            d.text,
            "Die Krankenhäuser müssen größere Zuschüsse für die Versorgung erhalten."
        );
        assert_eq!(
            d.warning.as_deref(),
            Some("not UTF-8: read as windows-1252 (detected)")
        );
    }

    #[test]
    fn pages_follow_their_charset() {
        let body = "<p>Bộ Y tế sửa đổi Luật bảo hiểm y tế</p>";
        let vi = cp1258(body);
        let mut declared = b"<html><head><meta charset=\"windows-1258\"></head><body>".to_vec();
        declared.extend_from_slice(&vi);
        let page = decode_html(&declared);
        assert!(page.text.ends_with(body), "{}", page.text);
        assert_eq!(
            page.warning.as_deref(),
            Some("not UTF-8: read as windows-1258 (declared)")
        );
        let mut equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
                .to_vec();
        equiv.extend_from_slice(&encoding_rs::WINDOWS_1252.encode("<p>Größe</p>").0);
        let page = decode_html(&equiv);
        assert!(page.text.ends_with("<p>Größe</p>"), "{}", page.text);
        assert_eq!(
            page.warning.as_deref(),
            Some("not UTF-8: read as windows-1252 (declared)")
        );
        let utf8 = decode_html("<p>Việt Nam</p>".as_bytes());
        assert_eq!(
            (utf8.text.as_str(), utf8.warning),
            ("<p>Việt Nam</p>", None)
        );
    }

    #[test]
    fn utf16_without_a_bom_is_text() {
        let text = "Bảo hiểm y tế cho người dân. Krankenhaus und Pflege.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(
                d.warning.as_deref(),
                Some("UTF-16 without a byte order mark: read as UTF-16")
            );
        }
    }

    #[test]
    fn a_nul_anywhere_means_binary() {
        let mut late = "Text. ".repeat(5000).into_bytes();
        late.push(0);
        assert_eq!(decode(&late), Err(NotText::Binary));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(NotText::Binary)
        );
    }
}
