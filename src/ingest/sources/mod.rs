//! One file per input format, each behind the [`Source`] interface: a
//! source reads one file and yields its articles and problems in order. A
//! new format is one new file here, a [`Format`] variant and one row of
//! its table ([`formats`]). Text and
//! JSONL stream; the parsed formats (HTML, PDF, DOCX, ODT, EPUB, RTF,
//! mail, spreadsheets) share [`document`]'s bounds and give only an
//! extraction function each.

mod document;
mod docx;
mod epub;
mod failure;
mod formats;
mod html;
mod input;
mod isolate;
mod jsonl;
mod mail;
mod markdown;
mod odt;
mod pdf;
mod rtf;
mod sheet;
mod text;
mod zipped;

pub(crate) use document::Pool;
pub use failure::ExtractError;
pub(crate) use failure::{damaged, no_text, parser};
pub(crate) use formats::Format;
pub(crate) use input::{lossless, Input};
pub use isolate::{child_main, CHILD_ARG};
pub(crate) use sheet::csv_reader;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::Meta;

use super::manifest::{Manifest, MANIFEST_NAME};
use super::{Item, Problem};

/// The characters of text a file of the format `extension` names yields,
/// for the benchmarks: HTML, PDF, DOCX and ODT through their extraction
/// function, text and Markdown through decoding (and Markdown's parser).
#[doc(hidden)]
pub fn extract_chars(extension: &str, bytes: &[u8]) -> Result<usize, ExtractError> {
    let chars = |s: &str| s.chars().count();
    let decoded = |bytes| super::decode::decode(bytes).map_err(|_| damaged("binary, not text"));
    let format = Format::of(Path::new(&format!("x.{extension}")));
    let extract = match format {
        Some(Format::Markdown) => return Ok(chars(&markdown::to_text(&decoded(bytes)?.text).0)),
        Some(Format::Text) => return Ok(chars(&decoded(bytes)?.text)),
        _ => format.and_then(Format::extractor),
    };
    let extract = extract.ok_or_else(|| parser(format!("no extractor for .{extension}")))?;
    Ok(chars_of(&extract(bytes)?))
}

/// As [`extract_chars`], for a PDF, DOCX or ODT parsed as `vsearch index`
/// parses it: in a child process of `program` (vsearch's binary).
#[doc(hidden)]
pub fn extract_chars_isolated(
    program: &Path,
    extension: &str,
    bytes: &[u8],
) -> Result<usize, ExtractError> {
    let format = Format::of(Path::new(&format!("x.{extension}")))
        .filter(|f| f.isolated())
        .ok_or_else(|| parser(format!(".{extension} is not parsed in a child process")))?;
    let extracted = isolate::extract_in_child(program, format, bytes, document::EXTRACT_TIME)?;
    Ok(chars_of(&extracted))
}

/// The characters of an extracted text and of its parts.
fn chars_of(extracted: &document::Extracted) -> usize {
    let own = match &extracted.body {
        document::Body::Text(text) => text.chars().count(),
        document::Body::Pages(pages) => pages.iter().map(|p| p.chars().count()).sum(),
    };
    own + extracted
        .parts
        .iter()
        .map(|(_, p)| chars_of(p))
        .sum::<usize>()
}

/// One input file being read.
pub(crate) trait Source {
    /// The next article or problem of this file, `None` when it is done.
    fn next_item(&mut self, ctx: &mut Context) -> Option<Item>;

    /// Whether the whole file was read: then an article indexed from it
    /// before and not yielded now is gone from it.
    fn complete(&self) -> bool;
}

/// Opens the source for a listed input of a streamed format (text,
/// Markdown, JSONL); `None` for a parsed format, which a [`Pool`] reads.
pub(crate) fn open(input: &Input) -> Option<Box<dyn Source>> {
    match input.format {
        Format::Text | Format::Markdown => Some(Box::new(text::TextSource::new(input))),
        Format::Jsonl => Some(Box::new(jsonl::JsonlSource::new(input))),
        _ => None,
    }
}

/// What every source shares: the hashes already indexed, the manifests of
/// the directories read, and the bytes read so far.
#[derive(Default)]
pub(crate) struct Context {
    /// Article id → input hash of what the index holds.
    pub known: HashMap<String, u64>,
    /// Bytes of input consumed so far.
    pub read_bytes: u64,
    manifests: HashMap<PathBuf, Option<Manifest>>,
}

impl Context {
    /// The metadata the directory's manifest states for `path`, and a
    /// problem when the manifest cannot be read (reported once).
    pub(crate) fn manifest_meta(&mut self, path: &Path) -> (Meta, Option<Problem>) {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut problem = None;
        let manifest = self.manifests.entry(dir.clone()).or_insert_with(|| {
            Manifest::load_dir(&dir).unwrap_or_else(|e| {
                problem = Some(Problem::skipped(
                    dir.join(MANIFEST_NAME),
                    None,
                    e.to_string(),
                ));
                None
            })
        });
        let meta = manifest.as_ref().map(|m| m.meta(&name)).unwrap_or_default();
        (meta, problem)
    }

    /// Whether `id` is indexed with exactly this `hash`.
    pub(crate) fn unchanged(&self, id: &str, hash: u64) -> bool {
        self.known.get(id) == Some(&hash)
    }
}

/// A path for display, without losing bytes: `./` dropped.
pub(crate) fn display(path: &Path) -> String {
    let s = lossless(path);
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
