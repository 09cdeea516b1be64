//! One file per input format, each behind the [`Source`] interface: a
//! source reads one file and yields its articles and problems in order. A
//! new format is one new file here and one row in [`Format`].

mod jsonl;
mod text;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::Meta;

use super::manifest::{Manifest, MANIFEST_NAME};
use super::walk::Input;
use super::{Item, Problem};

/// The input formats vsearch reads, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// `.txt`, `.md`: one article, with optional front matter.
    Text,
    /// `.jsonl`, `.ndjson`: one article per line.
    Jsonl,
}

impl Format {
    /// The extensions read, for messages.
    pub(crate) const LIST: &'static str = ".txt, .md or .jsonl";

    /// The format of a file, from its extension.
    pub(crate) fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" | "md" | "markdown" => Some(Format::Text),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// One input file being read.
pub(crate) trait Source {
    /// The next article or problem of this file, `None` when it is done.
    fn next_item(&mut self, ctx: &mut Context) -> Option<Item>;

    /// Whether the whole file was read: then an article indexed from it
    /// before and not yielded now is gone from it.
    fn complete(&self) -> bool;
}

/// Opens the source for a listed input.
pub(crate) fn open(input: &Input) -> Box<dyn Source> {
    match input.format {
        Format::Text => Box::new(text::TextSource::new(input)),
        Format::Jsonl => Box::new(jsonl::JsonlSource::new(input)),
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
