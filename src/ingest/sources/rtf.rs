//! Rich Text (`.rtf`), as Word, WordPad and TextEdit save it: the text
//! rtf-parser-tt reads (its lexer follows RTF 1.9.1; code pages such as
//! Vietnamese 1258 and Unicode escapes `\uN` decoded; hidden text left
//! out), footnotes after the body as Word's plain-text export has them;
//! one paragraph per `\par`. The title is the `{\info{\title …}}` group.

use super::{damaged, no_text, ExtractError};
use rtf_parser_tt::RtfDocument;

use crate::model::Meta;

use super::document::Extracted;

/// Reads a Rich Text file.
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    if !bytes.trim_ascii_start().starts_with(b"{\\rtf") {
        return Err(damaged("not an RTF file: it does not start with {\\rtf"));
    }
    let doc =
        RtfDocument::from_bytes(bytes).map_err(|e| damaged(format!("damaged RTF file: {e}")))?;
    let text = doc.get_text();
    let paragraphs: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{ad}'))
        .filter(|l| !l.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(no_text("no text found in this RTF file"));
    }
    let title = (doc.info.title.as_deref())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let meta = Meta {
        title,
        ..Meta::default()
    };
    Ok(Extracted::text(paragraphs.join("\n\n"), meta))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sources::document::Body;

    #[test]
    fn code_page_bytes_unicode_escapes_and_the_title_are_read() {
        // As WordPad writes it: Vietnamese in \uN escapes (a `?` for
        // readers without Unicode), German in code page 1252 bytes.
        let rtf = br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}{\info{\title Ngh\u7883? quy\u7871?t 72}}
\pard\f0 Ngh\u7883? quy\u7871?t 72 v\u7873? y t\u7871?.\par
\pard Gr\'fc\'dfe aus K\'f6ln.\par
}";
        let got = extract(rtf).unwrap();
        assert_eq!(
            got.body,
            Body::Text("Nghị quyết 72 về y tế.\n\nGrüße aus Köln.".into())
        );
        assert_eq!(got.meta.title.as_deref(), Some("Nghị quyết 72"));
    }

    #[test]
    fn a_file_that_is_not_rtf_is_named_so() {
        let err = extract(b"hello").unwrap_err();
        assert_eq!(
            err,
            ExtractError::Damaged("not an RTF file: it does not start with {\\rtf".into())
        );
    }
}
