//! PDF: the text layer, page by page (pdf-extract on lopdf; a page
//! pdf-extract fails on, as on the ToUnicode maps pdfTeX writes, is read
//! by lopdf's own text extraction, and said with `--verbose`). Each page's
//! lines are joined into sentences: a word hyphenated at a line end is
//! joined (`Krankenhaus-` + `finanzierung`), while a compound's own hyphen
//! stays (`Nord-` + `Süd`, `anak-` + `anak`, `Gesundheits-` + `und`).
//! Short lines that end a sentence, and short lines without one before
//! longer lines (headings), end a paragraph.
//!
//! The title is the document information's or XMP's; else the article's
//! first heading line is used, as for text. A PDF without any text (a
//! scan), an encrypted one, and a damaged one are reported by name. Pages
//! past [`MAX_PAGES`] are left out, and say so.

use super::{damaged, no_text, parser, ExtractError};
use crate::model::Meta;

use super::super::problem::Kind;

use super::document::{Body, Extracted};

/// Pages read from one PDF, at most.
const MAX_PAGES: u32 = 2_000;

/// Words after a hyphen that show it to be a German elision
/// (`Gesundheits- und Pflegeberufe`): the space stays.
const ELISION_WORDS: [&str; 7] = ["und", "oder", "bzw.", "sowie", "bis", "als", "noch"];

/// Reads a PDF.
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| {
        let text = e.to_string();
        if text.to_lowercase().contains("decrypt") || text.to_lowercase().contains("password") {
            ExtractError::Encrypted("PDF".into())
        } else {
            damaged(format!("damaged PDF, cannot be read ({text})"))
        }
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ExtractError::Encrypted("PDF".into()));
    }
    let mut notes = Vec::new();
    let numbers: Vec<u32> = doc.get_pages().into_keys().collect();
    if numbers.len() > MAX_PAGES as usize {
        let note = format!(
            "only the first {MAX_PAGES} of its {} pages were read",
            numbers.len()
        );
        notes.push((Kind::Other, note));
    }
    let mut pages = Vec::new();
    let mut second = Vec::new();
    for &n in numbers.iter().take(MAX_PAGES as usize) {
        let raw = match page_text(&doc, n) {
            Ok(raw) => raw,
            Err(why) => match doc.extract_text(&[n]) {
                Ok(raw) => {
                    second.push(n);
                    raw
                }
                Err(e) => {
                    notes.push((
                        Kind::Other,
                        format!("page {n} could not be read ({why}; {e})"),
                    ));
                    String::new()
                }
            },
        };
        pages.push(join_lines(&raw));
    }
    if !second.is_empty() {
        notes.push((Kind::Info, second_reader_note(&second)));
    }
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(no_text("no text layer — scanned? run OCR first"));
    }
    let meta = Meta {
        title: title(&doc),
        ..Meta::default()
    };
    Ok(Extracted {
        body: Body::Pages(pages),
        meta,
        notes,
        from: None,
        parts: Vec::new(),
    })
}

/// A page's text by pdf-extract, which reads font encodings and ToUnicode
/// maps best, but panics on some fonts pdfTeX writes: a panic is that
/// page's error, and the page is read again by lopdf's own extraction.
fn page_text(doc: &pdf_extract::Document, n: u32) -> Result<String, ExtractError> {
    let run = std::panic::AssertUnwindSafe(|| {
        let mut raw = String::new();
        let mut output = pdf_extract::PlainTextOutput::new(&mut raw);
        pdf_extract::output_doc_page(doc, &mut output, n).map(|()| raw)
    });
    match std::panic::catch_unwind(run) {
        Ok(Ok(raw)) => Ok(raw),
        Ok(Err(e)) => Err(damaged(e.to_string())),
        Err(_) => Err(parser("pdf-extract failed on it")),
    }
}

/// Says which pages the second extractor read: `pages 35, 82 read by …`.
fn second_reader_note(pages: &[u32]) -> String {
    let shown: Vec<String> = pages.iter().take(10).map(u32::to_string).collect();
    let more = pages.len().saturating_sub(shown.len());
    let list = if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    };
    let (pages, them) = if pages.len() == 1 {
        ("page", "it")
    } else {
        ("pages", "them")
    };
    format!("{pages} {list} read by lopdf's text extraction: pdf-extract failed on {them}")
}

/// The title of the document information dictionary, else of the XMP
/// metadata.
fn title(doc: &pdf_extract::Document) -> Option<String> {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| doc.get_dictionary(id).ok());
    let from_info = info
        .and_then(|d| d.get(b"Title").ok())
        .and_then(|o| o.as_str().ok())
        .map(pdf_string);
    from_info
        .or_else(|| xmp_title(doc))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

/// A PDF text string: UTF-16BE after its BOM, else PDFDocEncoding, which
/// agrees with Latin-1 on the letters titles use.
fn pdf_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(rest) => {
            let units = rest
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]));
            char::decode_utf16(units)
                .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// The `dc:title` of the document's XMP metadata stream.
fn xmp_title(doc: &pdf_extract::Document) -> Option<String> {
    let catalog = doc.catalog().ok()?;
    let id = catalog.get(b"Metadata").ok()?.as_reference().ok()?;
    let stream = doc.get_object(id).ok()?.as_stream().ok()?;
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let xml = String::from_utf8_lossy(&content);
    let inside = xml
        .split("<dc:title>")
        .nth(1)?
        .split("</dc:title>")
        .next()?;
    let li = inside.split("<rdf:li").nth(1)?;
    let text = li.split_once('>')?.1.split("</rdf:li>").next()?;
    Some(
        text.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">"),
    )
}

/// A page's lines joined into paragraphs (blank lines between).
pub(crate) fn join_lines(page: &str) -> String {
    let mut paragraphs = Vec::new();
    for block in page.split("\n\n") {
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let widest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let mut current = String::new();
        for (i, line) in lines.iter().enumerate() {
            current = join(current, line);
            let next = lines.get(i + 1).copied();
            if ends_paragraph(line, next, widest) {
                paragraphs.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
    }
    paragraphs.join("\n\n")
}

/// Whether a paragraph ends after `line`: a clearly short line that ends a
/// sentence, or a short line without final punctuation (a heading) before
/// a longer one.
fn ends_paragraph(line: &str, next: Option<&str>, widest: usize) -> bool {
    let Some(next) = next else { return true };
    let len = line.chars().count();
    let short = len * 10 < widest * 7;
    let sentence_end = line.ends_with(['.', '!', '?', ':', '"', '”', '“']);
    let heading = !sentence_end
        && !line.ends_with(['-', ',', ';'])
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && len * 2 < widest
        && next.chars().count() > len;
    (short && sentence_end) || heading
}

/// `text` with `line` appended: a line-end hyphen is dropped when the
/// word goes on in lower case, kept when it is a compound's own
/// (`Nord-Süd`, `anak-anak`) or an elision (`Gesundheits- und`).
fn join(mut text: String, line: &str) -> String {
    if text.is_empty() {
        return line.to_string();
    }
    let hyphenated = text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    if !hyphenated {
        text.push(' ');
        text.push_str(line);
        return text;
    }
    let next_word = line.split_whitespace().next().unwrap_or("");
    let before = text[..text.len() - 1]
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let lower = next_word.chars().next().is_some_and(char::is_lowercase);
    if ELISION_WORDS.contains(&next_word) {
        text.push(' ');
    } else if lower
        && !next_word
            .trim_end_matches(['.', ',', ';'])
            .eq_ignore_ascii_case(before)
    {
        text.pop();
    }
    text.push_str(line);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_at_line_ends() {
        let page = "Die Krankenhaus-\nfinanzierung wird neu geregelt. Der Nord-\nSüd-Dialog und die Gesundheits-\nund Pflegeberufe\nsowie anak-\nanak im Blick.";
        assert_eq!(
            join_lines(page),
            "Die Krankenhausfinanzierung wird neu geregelt. Der Nord-Süd-Dialog und die \
             Gesundheits- und Pflegeberufe sowie anak-anak im Blick."
        );
    }

    #[test]
    fn paragraphs_end_at_short_sentence_ends_and_headings() {
        let page = "Einleitung\nDas Bundesministerium für Gesundheit legt heute den Bericht vor,\nder die Lage beschreibt.\nIm zweiten Teil folgen die Zahlen für das Jahr 2025 und die\nPrognosen.";
        assert_eq!(
            join_lines(page),
            "Einleitung\n\nDas Bundesministerium für Gesundheit legt heute den Bericht vor, der die Lage beschreibt.\n\n\
             Im zweiten Teil folgen die Zahlen für das Jahr 2025 und die Prognosen."
        );
    }
}
