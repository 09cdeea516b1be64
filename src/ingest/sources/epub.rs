//! E-books (`.epub`): the chapters the package's spine lists, in reading
//! order, each read whole as a web page's body is (an e-book's pages are
//! all content); the table of contents (`properties="nav"`) left out. The
//! title, language and date are the package's `dc:title`, `dc:language`
//! and `dc:date` (EPUB 3.3, §5.5). Parts are read through the bounded zip
//! reader DOCX and ODT use.

use super::{damaged, no_text, ExtractError};
use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use crate::model::{Date, Meta};

use super::document::Extracted;
use super::html;
use super::zipped::{element_text, stated_lang, Archive};

/// The most chapters read from one book.
const MAX_CHAPTERS: usize = 10_000;

/// Reads an e-book.
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut archive = Archive::open(bytes, "EPUB")?;
    let container = archive
        .part("META-INF/container.xml")?
        .ok_or_else(|| damaged("damaged EPUB file: it has no META-INF/container.xml"))?;
    let opf_path = attribute_of(&container, b"rootfile", b"full-path")
        .ok_or_else(|| damaged("damaged EPUB file: its container names no package file"))?;
    let opf = archive
        .part(&opf_path)?
        .ok_or_else(|| damaged(format!("damaged EPUB file: it has no {opf_path}")))?;
    let base = opf_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut chapters = Vec::new();
    for href in spine(&opf)?.into_iter().take(MAX_CHAPTERS) {
        let path = resolve(base, &href);
        if let Some(page) = archive.part(&path)? {
            let (text, _) = html::body_text(&page);
            chapters.extend((!text.trim().is_empty()).then_some(text));
        }
    }
    if chapters.is_empty() {
        return Err(no_text("no text found in this e-book's chapters"));
    }
    let meta = Meta {
        title: element_text(&opf, "title"),
        lang: stated_lang(&opf),
        date: element_text(&opf, "date").and_then(|d| Date::parse_stated(&d)),
        source: None,
    };
    Ok(Extracted::text(chapters.join("\n\n"), meta))
}

/// The value of `attribute` on the first `element` of `xml`.
fn attribute_of(xml: &str, element: &[u8], attribute: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref().as_bytes() == element => {
                return attr(&e, attribute);
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// An attribute's unescaped value.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    let a = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref().as_bytes() == name)?;
    Some(quick_xml::escape::unescape(&a.value).ok()?.into_owned())
}

/// The hrefs of the spine's chapters, in order, without the navigation
/// document.
fn spine(opf: &str) -> Result<Vec<String>, ExtractError> {
    let mut reader = quick_xml::Reader::from_str(opf);
    let mut manifest: HashMap<String, String> = HashMap::new();
    let mut order = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            damaged(format!(
                "damaged EPUB file: its package file is not XML ({e})"
            ))
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref().as_bytes() {
                b"item" => {
                    let nav = attr(&e, b"properties").is_some_and(|p| p.contains("nav"));
                    if let (Some(id), Some(href), false) = (attr(&e, b"id"), attr(&e, b"href"), nav)
                    {
                        manifest.insert(id, href);
                    }
                }
                b"itemref" => order.extend(attr(&e, b"idref")),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(order
        .iter()
        .filter_map(|id| manifest.get(id).cloned())
        .collect())
}

/// The archive path of `href` relative to the package's folder: `..` and
/// `.` resolved, a fragment dropped, `%XX` escapes decoded.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let mut parts: Vec<String> = base
        .split('/')
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    for segment in href.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(percent_decoded(s)),
        }
    }
    parts.join("/")
}

/// `s` with its `%XX` escapes decoded (as UTF-8).
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_paths_resolve_against_the_package_folder() {
        assert_eq!(
            resolve("OEBPS", "Text/ch%201.xhtml#s2"),
            "OEBPS/Text/ch 1.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/pkg", "../Text/c.xhtml"),
            "OEBPS/Text/c.xhtml"
        );
        assert_eq!(resolve("", "./c.xhtml"), "c.xhtml");
    }

    #[test]
    fn the_spine_orders_chapters_and_leaves_the_navigation_out() {
        let opf = r#"<package><manifest>
            <item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>
            <item id="b" href="b.xhtml" media-type="application/xhtml+xml"/>
            <item id="a" href="a.xhtml" media-type="application/xhtml+xml"/>
          </manifest><spine><itemref idref="nav"/><itemref idref="a"/><itemref idref="b"/></spine></package>"#;
        assert_eq!(spine(opf).unwrap(), ["a.xhtml", "b.xhtml"]);
    }
}
