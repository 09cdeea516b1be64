//! The formats vsearch reads, one row each in [`FORMATS`]: the
//! extensions that name it, the file type it is filtered and faceted as,
//! whether its parser runs in a child process, and its extraction
//! function. A new format is its source file, a variant and a row.

use std::path::Path;

use super::document::Extract;
use super::{docx, epub, html, mail, odt, pdf, rtf, sheet};

/// The input formats vsearch reads, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// `.txt`, `.text` and text without an extension: one article, with
    /// optional front matter.
    Text,
    /// `.md`, `.markdown`: as text, its markup removed.
    Markdown,
    /// `.jsonl`, `.ndjson`: one article per line.
    Jsonl,
    /// `.html`, `.htm`, `.xhtml`: the page's main text.
    Html,
    /// `.pdf`: the text layer, page by page.
    Pdf,
    /// `.docx`: a Word document.
    Docx,
    /// `.odt`: an OpenDocument text.
    Odt,
    /// `.epub`: an e-book, its chapters in reading order.
    Epub,
    /// `.rtf`: Rich Text.
    Rtf,
    /// `.eml`: one e-mail, its attachments articles of their own.
    Eml,
    /// `.mbox`: a mailbox, one article per message.
    Mbox,
    /// `.csv`, `.tsv`: a table, one passage per group of rows.
    Csv,
    /// `.xlsx`, `.xls`, `.ods`: a workbook, sheet by sheet.
    Sheet,
}

/// What vsearch knows of a format.
struct Row {
    format: Format,
    /// Its extensions, lowercase, the one that names it first.
    extensions: &'static [&'static str],
    /// The file type ([`crate::model::KINDS`]).
    kind: &'static str,
    /// Whether its parser runs in a child process when the run has one
    /// ([`super::isolate`]): the binary and nested formats, whose
    /// decompression, object graphs, nesting or attachments a file
    /// controls.
    isolated: bool,
    /// Its extraction function; `None` for the formats read as a stream
    /// (text, Markdown, JSONL).
    extract: Option<Extract>,
}

/// One row per format.
static FORMATS: [Row; 13] = [
    row(Format::Text, &["txt", "text"], "txt", false, None),
    row(Format::Markdown, &["md", "markdown"], "md", false, None),
    row(Format::Jsonl, &["jsonl", "ndjson"], "jsonl", false, None),
    row(
        Format::Html,
        &["html", "htm", "xhtml"],
        "html",
        false,
        Some(html::extract),
    ),
    row(Format::Pdf, &["pdf"], "pdf", true, Some(pdf::extract)),
    row(Format::Docx, &["docx"], "docx", true, Some(docx::extract)),
    row(Format::Odt, &["odt"], "odt", true, Some(odt::extract)),
    row(Format::Epub, &["epub"], "epub", true, Some(epub::extract)),
    row(Format::Rtf, &["rtf"], "rtf", true, Some(rtf::extract)),
    row(Format::Eml, &["eml"], "mail", true, Some(mail::extract_eml)),
    row(
        Format::Mbox,
        &["mbox"],
        "mail",
        true,
        Some(mail::extract_mbox),
    ),
    row(
        Format::Csv,
        &["csv", "tsv"],
        "csv",
        false,
        Some(sheet::extract_csv),
    ),
    row(
        Format::Sheet,
        &["xlsx", "xls", "ods"],
        "sheet",
        true,
        Some(sheet::extract_book),
    ),
];

const fn row(
    format: Format,
    extensions: &'static [&'static str],
    kind: &'static str,
    isolated: bool,
    extract: Option<Extract>,
) -> Row {
    Row {
        format,
        extensions,
        kind,
        isolated,
        extract,
    }
}

impl Format {
    /// The extensions read, for messages.
    pub(crate) const LIST: &'static str = ".txt, .md, .jsonl, .html, .pdf, .docx, .odt, .epub, \
         .rtf, .eml, .mbox, .csv, .tsv, .xlsx, .xls or .ods (and text without an extension)";

    fn row(self) -> &'static Row {
        // Every variant has its row: `every_format_has_one_row` checks.
        FORMATS
            .iter()
            .find(|r| r.format == self)
            .unwrap_or(&FORMATS[0])
    }

    /// The format of a file, from its extension.
    pub(crate) fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        (FORMATS.iter())
            .find(|r| r.extensions.contains(&extension.as_str()))
            .map(|r| r.format)
    }

    /// The format of a file: by its extension; a file without one (and
    /// not hidden) is read as text when its first 8 KiB hold text.
    pub(crate) fn detect(path: &Path) -> Option<Format> {
        if let Some(format) = Format::of(path) {
            return Some(format);
        }
        let name = path.file_name()?.to_string_lossy();
        if path.extension().is_some() || name.starts_with('.') {
            return None;
        }
        let mut head = Vec::with_capacity(8192);
        let file = std::fs::File::open(path).ok()?;
        std::io::Read::read_to_end(&mut std::io::Read::take(file, 8192), &mut head).ok()?;
        let decoded = super::super::decode::decode(&head).ok()?;
        let controls = decoded
            .text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\u{c}'))
            .count();
        (!decoded.text.trim().is_empty() && controls * 100 <= decoded.text.len())
            .then_some(Format::Text)
    }

    /// The extension that names the format (the first of its list).
    pub(crate) fn extension(self) -> &'static str {
        self.row().extensions[0]
    }

    /// The file type an article is faceted and filtered by.
    pub(crate) fn kind(self) -> &'static str {
        self.row().kind
    }

    /// Whether the format's parser runs in a child process when the run
    /// has one.
    pub(crate) fn isolated(self) -> bool {
        self.row().isolated
    }

    /// Whether one file holds many articles, each of its own id (a
    /// mailbox's messages, a mail's attachments): such a file is parsed
    /// whenever it is indexed, as its articles are known only then.
    pub(crate) fn holds_many(self) -> bool {
        matches!(self, Format::Eml | Format::Mbox)
    }

    /// The extraction function of a parsed format.
    pub(crate) fn extractor(self) -> Option<Extract> {
        self.row().extract
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_row_a_known_type_and_a_listed_extension() {
        for (n, row) in FORMATS.iter().enumerate() {
            assert_eq!(
                FORMATS.iter().filter(|r| r.format == row.format).count(),
                1,
                "{:?}",
                row.format
            );
            assert!(std::ptr::eq(row.format.row(), &FORMATS[n]));
            assert!(crate::model::KINDS.iter().any(|(k, _)| *k == row.kind));
            for extension in row.extensions {
                let at = Format::of(Path::new(&format!("a.{}", extension.to_uppercase())));
                assert_eq!(at, Some(row.format), "{extension}");
            }
            assert!(
                Format::LIST.contains(&format!(".{},", row.extensions[0]))
                    || Format::LIST.contains(&format!(".{} ", row.extensions[0]))
            );
        }
    }
}
