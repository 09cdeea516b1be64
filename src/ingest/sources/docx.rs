//! Word files (`.docx`): the paragraphs of `word/document.xml` in reading
//! order, table cells included (each a paragraph), text of deleted
//! revisions and field codes left out. The title is the document
//! properties' `dc:title`, else the first paragraph styled as a title or
//! heading. Runs set in a TCVN3 (`.VnTime`) or VNI (`VNI-Times`) font are
//! converted to Unicode.

use super::super::problem::Kind;
use super::{damaged, ExtractError};
use quick_xml::events::{BytesStart, Event};

use crate::model::Meta;

use super::super::vnfonts::{self, Font};
use super::document::{Body, Extracted};
use super::zipped::{element_text, reference, stated_lang, Archive};

/// Reads a Word file.
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut archive = Archive::open(bytes, "DOCX")?;
    let document = archive
        .part("word/document.xml")?
        .ok_or_else(|| damaged("damaged DOCX file: it has no word/document.xml"))?;
    let core = archive.part("docProps/core.xml")?;
    let read = paragraphs(&document)?;
    let title = (core.as_deref())
        .and_then(|c| element_text(c, "title"))
        .or(read.heading);
    let lang = core.as_deref().and_then(stated_lang);
    let notes = read
        .font
        .map(|f| {
            let note = format!("text set in {} fonts: converted to Unicode", f.name());
            (Kind::Converted, note)
        })
        .into_iter()
        .collect();
    Ok(Extracted {
        body: Body::Text(read.paragraphs.join("\n\n")),
        meta: Meta {
            title,
            lang,
            ..Meta::default()
        },
        notes,
        from: read.font.map(|f| f.name().to_string()),
        parts: Vec::new(),
    })
}

/// What `word/document.xml` holds.
struct Read {
    paragraphs: Vec<String>,
    /// The first heading's text.
    heading: Option<String>,
    /// The legacy font encoding runs were converted from.
    font: Option<Font>,
}

/// What is being read inside `w:p`.
#[derive(Default)]
struct Paragraph {
    text: String,
    /// Inside `w:t`, whose text counts.
    in_text: bool,
    /// Styled as a title or heading.
    heading: bool,
    /// The legacy font encoding of the current run.
    font: Option<Font>,
}

/// The paragraphs with text, the first heading's text, and the legacy
/// font encoding converted from.
fn paragraphs(xml: &str) -> Result<Read, ExtractError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut heading = None;
    let mut converted = None;
    let mut p = Paragraph::default();
    loop {
        let event = reader.read_event().map_err(|e| {
            damaged(format!(
                "damaged DOCX file: word/document.xml is not XML ({e})"
            ))
        })?;
        match event {
            Event::Start(e) => start(&e, &mut p),
            Event::Empty(e) => empty(&e, &mut p),
            Event::End(e) => match e.local_name().as_ref().as_bytes() {
                b"t" => p.in_text = false,
                b"p" => {
                    let text = std::mem::take(&mut p).finish(&mut heading);
                    out.extend(text);
                }
                _ => {}
            },
            Event::Text(t) if p.in_text => {
                let text = t.xml10_content();
                match p.font {
                    Some(font) => {
                        converted = Some(font);
                        p.text.push_str(&vnfonts::convert(&text, font));
                    }
                    None => p.text.push_str(&text),
                }
            }
            Event::GeneralRef(r) if p.in_text => p.text.push_str(&reference(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Read {
        paragraphs: out,
        heading,
        font: converted,
    })
}

fn start(e: &BytesStart, p: &mut Paragraph) {
    match e.local_name().as_ref().as_bytes() {
        b"t" => p.in_text = true,
        b"p" => *p = Paragraph::default(),
        b"r" => p.font = None,
        _ => empty(e, p),
    }
}

fn empty(e: &BytesStart, p: &mut Paragraph) {
    match e.local_name().as_ref().as_bytes() {
        b"tab" => p.text.push('\t'),
        b"br" | b"cr" => p.text.push('\n'),
        b"rFonts" => {
            p.font = e
                .attributes()
                .flatten()
                .filter(|a| matches!(a.key.local_name().as_ref().as_bytes(), b"ascii" | b"hAnsi"))
                .find_map(|a| Font::of_font_name(&a.value));
        }
        b"pStyle" => {
            p.heading = e.attributes().flatten().any(|a| {
                a.key.local_name().as_ref().as_bytes() == b"val" && is_heading_style(&a.value)
            })
        }
        _ => {}
    }
}

/// Word's built-in title and heading styles, in English and German.
fn is_heading_style(style: &str) -> bool {
    let s = style.to_ascii_lowercase().replace(' ', "");
    s == "title" || s == "titel" || s.starts_with("heading") || s.contains("berschrift")
}

impl Paragraph {
    /// The paragraph's text when it has any; the first heading is kept.
    fn finish(self, heading: &mut Option<String>) -> Option<String> {
        let text = self.text.trim().to_string();
        if text.is_empty() {
            return None;
        }
        if self.heading && heading.is_none() {
            *heading = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        Some(text)
    }
}
