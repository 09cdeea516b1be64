//! What DOCX and ODT share: a zip archive of XML parts, read within bounds
//! (a zip bomb is refused, not expanded), and XML text events with their
//! entity references resolved.

use super::{damaged, ExtractError};
use std::io::{Cursor, Read};

use quick_xml::events::BytesRef;
use zip::ZipArchive;

use crate::model::Lang;

/// The most one part may expand to.
pub(crate) const MAX_PART_BYTES: u64 = 64 << 20;
/// The most a part may expand relative to its compressed size.
const MAX_RATIO: u64 = 200;

/// An office file's archive.
pub(crate) struct Archive {
    zip: ZipArchive<Cursor<Vec<u8>>>,
}

impl Archive {
    /// Opens `bytes` as a zip archive; `kind` names the format in messages.
    pub(crate) fn open(bytes: &[u8], kind: &str) -> Result<Archive, ExtractError> {
        ZipArchive::new(Cursor::new(bytes.to_vec()))
            .map(|zip| Archive { zip })
            .map_err(|e| {
                damaged(format!(
                    "damaged {kind} file, or not one: not a readable zip archive ({e})"
                ))
            })
    }

    /// The part `name` as text, `None` when the archive has none. A part
    /// that would expand past [`MAX_PART_BYTES`], or more than
    /// [`MAX_RATIO`] times its compressed size, is refused.
    pub(crate) fn part(&mut self, name: &str) -> Result<Option<String>, ExtractError> {
        let mut entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(format!("cannot read {name} in the archive ({e})"))),
        };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        if size > MAX_PART_BYTES || size / packed > MAX_RATIO {
            return Err(damaged(bomb(name)));
        }
        let mut bytes = Vec::new();
        // The declared size may lie: read one byte past the bound at most.
        (&mut entry)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(format!("cannot read {name} in the archive ({e})")))?;
        if bytes.len() as u64 > MAX_PART_BYTES || bytes.len() as u64 / packed > MAX_RATIO {
            return Err(damaged(bomb(name)));
        }
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    }
}

fn bomb(name: &str) -> String {
    format!(
        "refused: {name} would expand to more than {} MiB or {MAX_RATIO} times its packed size (a zip bomb?)",
        MAX_PART_BYTES >> 20
    )
}

/// The text an entity or character reference stands for.
pub(crate) fn reference(r: &BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.xml10_content().as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_string()
}

/// The text of the first `<tag>` element (by its local name) of `xml`.
/// The language the document's metadata states (`dc:language` of DOCX's
/// `docProps/core.xml` or ODT's `meta.xml`): set for the document, unlike
/// the styles' default language, which is the editor's.
pub(crate) fn stated_lang(metadata: &str) -> Option<Lang> {
    Lang::from_tag(&element_text(metadata, "language")?)
}

pub(crate) fn element_text(xml: &str, tag: &str) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    let mut text = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == tag => inside = true,
            Event::End(e) if inside && e.local_name().as_ref() == tag => break,
            Event::Text(t) if inside => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside => text.push_str(&reference(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}
