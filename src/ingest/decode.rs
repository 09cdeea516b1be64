//! Bytes to text: BOMs, UTF-16, invalid UTF-8, binary files, line ends and
//! Unicode normalisation, so everything after sees NFC text with `\n` lines.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Decoded text and what was wrong with the bytes, if anything.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    /// NFC text with `\n` line ends.
    pub text: String,
    /// A note on replaced bytes, for the report.
    pub warning: Option<String>,
}

/// Why bytes are not text.
#[derive(Debug, PartialEq)]
pub enum NotText {
    /// NUL bytes: an image, archive or other binary file.
    Binary,
}

/// Decodes a file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    let (text, warning) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else if bytes.contains(&0) {
        // A NUL anywhere, not only near the start: text never holds one.
        return Err(NotText::Binary);
    } else {
        utf8(bytes)
    };
    Ok(Decoded {
        text: normalize(&text),
        warning,
    })
}

fn utf8(bytes: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(bytes) {
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

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, Option<String>) {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut bad = false;
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    let odd = bytes.len() % 2 == 1;
    let warning =
        (bad || odd).then(|| "invalid UTF-16; bad units replaced with U+FFFD".to_string());
    (text, warning)
}

/// `\r\n` and lone `\r` become `\n`; the text is composed to NFC.
pub fn normalize(text: &str) -> String {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
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
    fn invalid_utf8_is_replaced_and_reported() {
        let d = decode(b"ok \xFF end").unwrap();
        assert_eq!(d.text, "ok \u{FFFD} end");
        assert_eq!(
            d.warning.as_deref(),
            Some("invalid UTF-8 at byte 3; bad bytes replaced with U+FFFD")
        );
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
