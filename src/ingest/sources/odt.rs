//! LibreOffice and OpenDocument text files (`.odt`): the paragraphs and
//! headings of `content.xml` in reading order, table cells included, with
//! `text:s` spaces, tabs and line breaks; comments (`office:annotation`)
//! left out. The title is `meta.xml`'s `dc:title`, else the first heading;
//! the language its `dc:language`.

use super::{damaged, ExtractError};
use quick_xml::events::{BytesStart, Event};

use crate::model::Meta;

use super::document::{Body, Extracted};
use super::zipped::{element_text, reference, stated_lang, Archive};

/// Reads an OpenDocument text file.
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut archive = Archive::open(bytes, "ODT")?;
    let content = archive
        .part("content.xml")?
        .ok_or_else(|| damaged("damaged ODT file: it has no content.xml"))?;
    let meta = archive.part("meta.xml")?;
    let (paragraphs, heading) = paragraphs(&content)?;
    let title = (meta.as_deref())
        .and_then(|m| element_text(m, "title"))
        .or(heading);
    let lang = meta.as_deref().and_then(stated_lang);
    Ok(Extracted {
        body: Body::Text(paragraphs.join("\n\n")),
        meta: Meta {
            title,
            lang,
            ..Meta::default()
        },
        notes: Vec::new(),
        from: None,
        parts: Vec::new(),
    })
}

/// The reading state: the paragraph so far, how deep inside paragraphs
/// and comments we are, and whether this paragraph is a heading.
#[derive(Default)]
struct State {
    text: String,
    depth: usize,
    skip: usize,
    heading: bool,
}

/// The paragraphs with text, and the first heading's text.
fn paragraphs(xml: &str) -> Result<(Vec<String>, Option<String>), ExtractError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut first_heading = None;
    let mut s = State::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| damaged(format!("damaged ODT file: content.xml is not XML ({e})")))?;
        match event {
            Event::Start(e) => open(&e, &mut s),
            Event::Empty(e) if s.depth > 0 && s.skip == 0 => space(&e, &mut s.text),
            Event::End(e) => match e.local_name().as_ref().as_bytes() {
                b"annotation" => s.skip = s.skip.saturating_sub(1),
                b"p" | b"h" => {
                    s.depth = s.depth.saturating_sub(1);
                    if s.depth == 0 {
                        let text = std::mem::take(&mut s.text).trim().to_string();
                        if s.heading && first_heading.is_none() && !text.is_empty() {
                            first_heading = Some(text.clone());
                        }
                        out.extend((!text.is_empty()).then_some(text));
                    }
                }
                _ => {}
            },
            Event::Text(t) if s.depth > 0 && s.skip == 0 => s.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if s.depth > 0 && s.skip == 0 => s.text.push_str(&reference(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, first_heading))
}

fn open(e: &BytesStart, s: &mut State) {
    match e.local_name().as_ref().as_bytes() {
        b"annotation" => s.skip += 1,
        b"p" | b"h" => {
            if s.depth == 0 {
                s.heading = e.local_name().as_ref().as_bytes() == b"h";
            }
            s.depth += 1;
        }
        _ => {}
    }
}

/// The white space an empty element stands for.
fn space(e: &BytesStart, text: &mut String) {
    match e.local_name().as_ref().as_bytes() {
        b"s" => {
            let n = e
                .attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref().as_bytes() == b"c")
                .and_then(|a| a.value.parse::<usize>().ok())
                .unwrap_or(1);
            text.push_str(&" ".repeat(n.min(64)));
        }
        b"tab" => text.push('\t'),
        b"line-break" => text.push('\n'),
        _ => {}
    }
}
