//! Word files (`.docx`): the paragraphs of `word/document.xml` in reading
//! order, table cells included (each a paragraph), text of deleted
//! revisions and field codes left out. The title is the document
//! properties' `dc:title`, else the first paragraph styled as a title or
//! heading.

use quick_xml::events::{BytesStart, Event};

use crate::model::Meta;

use super::document::{Body, Extracted};
use super::zipped::{element_text, reference, Archive};

/// Reads a Word file.
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let mut archive = Archive::open(bytes, "DOCX")?;
    let document = archive
        .part("word/document.xml")?
        .ok_or("damaged DOCX file: it has no word/document.xml")?;
    let core = archive.part("docProps/core.xml")?;
    let (paragraphs, heading) = paragraphs(&document)?;
    let title = core.and_then(|c| element_text(&c, "title")).or(heading);
    Ok(Extracted {
        body: Body::Text(paragraphs.join("\n\n")),
        meta: Meta {
            title,
            ..Meta::default()
        },
        notes: Vec::new(),
    })
}

/// What is being read inside `w:p`.
#[derive(Default)]
struct Paragraph {
    text: String,
    /// Inside `w:t`, whose text counts.
    in_text: bool,
    /// Styled as a title or heading.
    heading: bool,
}

/// The paragraphs with text, and the first heading's text.
fn paragraphs(xml: &str) -> Result<(Vec<String>, Option<String>), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut heading = None;
    let mut p = Paragraph::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("damaged DOCX file: word/document.xml is not XML ({e})"))?;
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
            Event::Text(t) if p.in_text => p.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if p.in_text => p.text.push_str(&reference(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, heading))
}

fn start(e: &BytesStart, p: &mut Paragraph) {
    match e.local_name().as_ref().as_bytes() {
        b"t" => p.in_text = true,
        b"p" => *p = Paragraph::default(),
        _ => empty(e, p),
    }
}

fn empty(e: &BytesStart, p: &mut Paragraph) {
    match e.local_name().as_ref().as_bytes() {
        b"tab" => p.text.push('\t'),
        b"br" | b"cr" => p.text.push('\n'),
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
