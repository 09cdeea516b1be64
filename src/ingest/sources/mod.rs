//! One file per input format, each behind the [`Source`] interface: a
//! source reads one file and yields its articles and problems in order. A
//! new format is one new file here and one row in [`Format`]. Text and
//! JSONL stream; the parsed formats (HTML, PDF, DOCX, ODT, EPUB, RTF,
//! mail, spreadsheets) share [`document`]'s bounds and give only an
//! extraction function each.

mod document;
mod docx;
mod epub;
mod html;
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
pub use document::EXTRACT_THREAD;
pub use isolate::{child_main, CHILD_ARG};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::Meta;

use super::manifest::{Manifest, MANIFEST_NAME};
use super::walk::Input;
use super::{Item, Problem};

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

impl Format {
    /// The extensions read, for messages.
    pub(crate) const LIST: &'static str = ".txt, .md, .jsonl, .html, .pdf, .docx, .odt, .epub, \
         .rtf, .eml, .mbox, .csv, .tsv, .xlsx, .xls or .ods (and text without an extension)";

    /// The format of a file, from its extension.
    pub(crate) fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "odt" => Some(Format::Odt),
            "epub" => Some(Format::Epub),
            "rtf" => Some(Format::Rtf),
            "eml" => Some(Format::Eml),
            "mbox" => Some(Format::Mbox),
            "csv" | "tsv" => Some(Format::Csv),
            "xlsx" | "xls" | "ods" => Some(Format::Sheet),
            _ => None,
        }
    }
}

impl Format {
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
        let decoded = super::decode::decode(&head).ok()?;
        let controls = decoded
            .text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\u{c}'))
            .count();
        (!decoded.text.trim().is_empty() && controls * 100 <= decoded.text.len())
            .then_some(Format::Text)
    }
}

/// The characters of text a file of the format `extension` names yields,
/// for the benchmarks: HTML, PDF, DOCX and ODT through their extraction
/// function, text and Markdown through decoding (and Markdown's parser).
#[doc(hidden)]
pub fn extract_chars(extension: &str, bytes: &[u8]) -> Result<usize, String> {
    let chars = |s: &str| s.chars().count();
    let format = Format::of(Path::new(&format!("x.{extension}")));
    let extract = match format {
        Some(Format::Markdown) => {
            let text = super::decode::decode(bytes).map_err(|_| "binary")?.text;
            return Ok(chars(&markdown::to_text(&text).0));
        }
        Some(Format::Text) => {
            return Ok(chars(
                &super::decode::decode(bytes).map_err(|_| "binary")?.text,
            ));
        }
        _ => format.and_then(Format::extractor),
    };
    let extract = extract.ok_or_else(|| format!("no extractor for .{extension}"))?;
    Ok(chars_of(&extract(bytes)?))
}

/// As [`extract_chars`], for a PDF, DOCX or ODT parsed as `vsearch index`
/// parses it: in a child process of `program` (vsearch's binary).
#[doc(hidden)]
pub fn extract_chars_isolated(
    program: &Path,
    extension: &str,
    bytes: &[u8],
) -> Result<usize, String> {
    let format = Format::of(Path::new(&format!("x.{extension}")))
        .filter(|f| f.isolated())
        .ok_or_else(|| format!(".{extension} is not parsed in a child process"))?;
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

impl Format {
    /// The extension that names the format (the first of its list).
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Epub => "epub",
            Format::Rtf => "rtf",
            Format::Eml => "eml",
            Format::Mbox => "mbox",
            Format::Csv => "csv",
            Format::Sheet => "xlsx",
        }
    }

    /// The file type an article is faceted and filtered by: the format,
    /// mail (`.eml`, `.mbox`) and workbooks (`.xlsx`, `.xls`, `.ods`)
    /// each one type. See [`crate::model::KINDS`].
    pub(crate) fn kind(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Epub => "epub",
            Format::Rtf => "rtf",
            Format::Eml | Format::Mbox => "mail",
            Format::Csv => "csv",
            Format::Sheet => "sheet",
        }
    }

    /// Whether the format's parser runs in a child process when the run
    /// has one ([`isolate`]): the binary and nested formats, whose
    /// decompression, object graphs, nesting or attachments a file
    /// controls (all but text, Markdown, JSONL, HTML and CSV).
    pub(crate) fn isolated(self) -> bool {
        !matches!(
            self,
            Format::Text | Format::Markdown | Format::Jsonl | Format::Html | Format::Csv
        )
    }

    /// Whether one file holds many articles, each of its own id (a
    /// mailbox's messages, a mail's attachments): such a file is parsed
    /// whenever it is indexed, as its articles are known only then.
    pub(crate) fn holds_many(self) -> bool {
        matches!(self, Format::Eml | Format::Mbox)
    }

    /// The extraction function of a parsed format (all but text, Markdown
    /// and JSONL).
    pub(crate) fn extractor(self) -> Option<document::Extract> {
        match self {
            Format::Html => Some(html::extract),
            Format::Pdf => Some(pdf::extract),
            Format::Docx => Some(docx::extract),
            Format::Odt => Some(odt::extract),
            Format::Epub => Some(epub::extract),
            Format::Rtf => Some(rtf::extract),
            Format::Eml => Some(mail::extract_eml),
            Format::Mbox => Some(mail::extract_mbox),
            Format::Csv => Some(sheet::extract_csv),
            Format::Sheet => Some(sheet::extract_book),
            Format::Text | Format::Markdown | Format::Jsonl => None,
        }
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
    let s = super::walk::lossless(path);
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
