//! The on-disk contract: the schema and its field names ([`schema`]), how
//! an article lies in the index ([`layout`]), the fast-field columns
//! ([`columns`]), what a folder holds and how it is opened or created
//! (here), and how a reader checks it ([`check`]). The indexing run, which
//! reads the inputs and writes this, is the layer above
//! (`crate::pipeline`).
//!
//! vsearch only ever writes into a new or empty folder, or into one that
//! holds its index, and only deletes files it created there: those tantivy
//! lists as its own in `.managed.json`, never anything else.

mod check;
pub(crate) mod columns;
pub(crate) mod directory;
pub(crate) mod layout;
pub(crate) mod schema;

use std::path::Path;

use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, DirectoryLock, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::store::Compressor;
use tantivy::{Index, IndexSettings};

use crate::analysis;
use crate::error::{Error, Result};
pub use check::{check, verify, CheckReport};
use schema::{Fields, Payload, SCHEMA_VERSION};

/// The file vsearch writes into every index folder it creates, so it can
/// tell its own folder from somebody else's.
const MARKER: &str = ".vsearch-index";

/// The document store's block size, uncompressed (see [`create`]).
const DOCSTORE_BLOCK: usize = 8 << 10;

/// Files a folder may hold and still count as empty.
const IGNORABLE: [&str; 6] = [
    MARKER,
    ".gitkeep",
    ".gitignore",
    ".DS_Store",
    ".tantivy-writer.lock",
    ".tantivy-meta.lock",
];

/// What a folder holds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum State {
    /// Nothing there yet.
    Missing,
    /// A folder with nothing in it that matters.
    Empty,
    /// A first run's index that never committed: no data in it.
    Uncommitted,
    /// A committed vsearch index (of this or another schema version).
    Committed,
    /// A vsearch index that cannot be read, and why.
    Damaged(String),
    /// A folder with other things in it.
    Foreign,
}

/// What `dir` holds.
pub(crate) fn state(dir: &Path) -> Result<State> {
    if dir.is_file() {
        return Err(Error::NotADirectory(dir.to_path_buf()));
    }
    if !dir.exists() {
        return Ok(State::Missing);
    }
    let ours = dir.join(MARKER).is_file();
    match std::fs::read(dir.join("meta.json")) {
        Ok(bytes) => Ok(meta_state(&bytes, ours)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
            let other = entries
                .flatten()
                .any(|e| !IGNORABLE.contains(&e.file_name().to_string_lossy().as_ref()));
            Ok(match (other, ours) {
                (false, _) => State::Empty,
                (true, true) => State::Damaged("meta.json is missing".into()),
                (true, false) => State::Foreign,
            })
        }
        Err(e) => Err(Error::io(dir.join("meta.json"), e)),
    }
}

fn meta_state(bytes: &[u8], ours: bool) -> State {
    let Ok(meta) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return match ours {
            true => State::Damaged("meta.json cannot be read".into()),
            false => State::Foreign,
        };
    };
    let payload = meta["payload"]
        .as_str()
        .and_then(|p| serde_json::from_str::<Payload>(p).ok());
    let no_segments = meta["segments"].as_array().is_some_and(|s| s.is_empty());
    match (payload, no_segments, ours) {
        (Some(_), _, _) => State::Committed,
        // Without the marker, an index without segments is somebody
        // else's (a user's `meta.json`, another tantivy application's).
        (None, true, true) => State::Uncommitted,
        (None, true, false) => State::Foreign,
        (None, false, true) => State::Damaged("index has no version".into()),
        (None, false, false) => State::Foreign,
    }
}

fn bad_index(dir: &Path, message: impl Into<String>) -> Error {
    Error::BadIndex {
        path: dir.to_path_buf(),
        message: message.into(),
    }
}

/// Opens the committed index in `dir` for reading, checking that this
/// version of vsearch can read it.
pub(crate) fn open(dir: &Path) -> Result<(Index, Fields)> {
    match state(dir)? {
        State::Committed => open_tantivy(dir, true),
        State::Missing | State::Empty | State::Uncommitted => {
            Err(Error::NoIndex(dir.to_path_buf()))
        }
        State::Damaged(message) => Err(bad_index(dir, message)),
        State::Foreign => Err(Error::NotAnIndex(dir.to_path_buf())),
    }
}

/// Opens the index in `dir` with tantivy; `committed` checks its version.
pub(crate) fn open_tantivy(dir: &Path, committed: bool) -> Result<(Index, Fields)> {
    let index = directory::IndexDirectory::open(dir)
        .and_then(Index::open)
        .map_err(|e| Error::damaged(dir, &e))?;
    if committed {
        let metas = index
            .load_metas()
            .map_err(|e| bad_index(dir, format!("cannot read meta.json: {e}")))?;
        let version = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<Payload>(p).ok())
            .map(|p| p.schema_version);
        if version != Some(SCHEMA_VERSION) {
            let found = version.map_or("no version".to_string(), |v| format!("version {v}"));
            let message = format!("index has {found}, this vsearch reads version {SCHEMA_VERSION}");
            return Err(bad_index(dir, message));
        }
    }
    let (expected, fields) = Fields::schema();
    if index.schema() != expected {
        return Err(bad_index(dir, "index schema differs from this vsearch's"));
    }
    analysis::register(index.tokenizers());
    Ok((index, fields))
}

/// Creates a new index in `dir` (new, empty, or cleared by [`reset`]),
/// marking the folder as vsearch's first.
pub(crate) fn create(dir: &Path) -> Result<(Index, Fields)> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let marker = dir.join(MARKER);
    std::fs::write(&marker, "This folder holds a vsearch index.\n")
        .map_err(|e| Error::io(marker, e))?;
    let (schema, fields) = Fields::schema();
    // The document store compresses with lz4: in alternating runs on the 4x
    // corpus it costs 3-5% less indexing CPU than zstd level 1, for an
    // index of 133 MB instead of 119.5 MB (1.01× the JSONL, under issue
    // 17's 1.5×), and searches take as long. Each indexing thread
    // compresses its own blocks: tantivy's default hands every 16 KiB block
    // to a thread of its own, whose wake-ups were five in six of an
    // indexing run's 30,000 context switches, each one a core's caches
    // refilled (in 8 alternating runs of the 4x corpus: CPU -10%).
    //
    // Blocks of 8 KiB instead of tantivy's 16: a search reads passages out
    // of order (its hits, their ties, the words as typed), and each one
    // read decompresses its whole block into fresh memory. On the 4x
    // corpus, half the block is 5–18% fewer instructions for the searches
    // that read most, and 40–110 fewer page faults, for an index 3% larger.
    let settings = IndexSettings {
        docstore_compression: Compressor::Lz4,
        docstore_compress_dedicated_thread: false,
        docstore_blocksize: DOCSTORE_BLOCK,
        ..IndexSettings::default()
    };
    let index = Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(dir)
        .map_err(|e| bad_index(dir, format!("cannot create index: {e}")))?;
    analysis::register(index.tokenizers());
    Ok((index, fields))
}

/// Takes the writer lock of `dir`, so that nothing is touched while
/// another process writes there.
pub(crate) fn lock(dir: &Path) -> Result<DirectoryLock> {
    let directory = MmapDirectory::open(dir)
        .map_err(|e| Error::io(dir, std::io::Error::other(e.to_string())))?;
    directory
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|e| match e {
            LockError::LockBusy => Error::Locked(dir.to_path_buf()),
            LockError::IoError(io) if directory::unwritable(&io) => {
                Error::ReadOnly(dir.to_path_buf())
            }
            LockError::IoError(io) => Error::io(dir, std::io::Error::other(io.to_string())),
        })
}

/// Clears vsearch's own index out of `dir` for a rebuild: `meta.json`,
/// `.managed.json` and the files it lists, under the writer lock. Nothing
/// else in the folder is touched.
pub(crate) fn reset(dir: &Path) -> Result<()> {
    let _lock = lock(dir)?;
    let managed = dir.join(".managed.json");
    let listed: Vec<String> = std::fs::read(&managed)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let names = listed
        .iter()
        .map(String::as_str)
        .chain(["meta.json", ".managed.json"]);
    for name in names.filter(|n| !n.contains(['/', '\\']) && !IGNORABLE.contains(n)) {
        let path = dir.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_told_by_what_it_holds() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("index");
        assert_eq!(state(&dir).unwrap(), State::Missing);
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join(".gitkeep"), "").unwrap();
        assert_eq!(state(&dir).unwrap(), State::Empty);
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        assert_eq!(state(&dir).unwrap(), State::Foreign);
        let file = tmp.path().join("file");
        std::fs::write(&file, "").unwrap();
        assert!(matches!(state(&file), Err(Error::NotADirectory(_))));
        let ours = tmp.path().join("ours");
        create(&ours).unwrap();
        assert_eq!(state(&ours).unwrap(), State::Uncommitted);
    }

    #[test]
    fn meta_json_says_committed_damaged_or_someone_else_s() {
        let meta = serde_json::json!({ "segments": [], "payload": Payload::current() });
        let bytes = meta.to_string().into_bytes();
        assert_eq!(meta_state(&bytes, true), State::Committed);
        assert_eq!(
            meta_state(b"{not json", true),
            State::Damaged("meta.json cannot be read".into())
        );
        assert_eq!(meta_state(b"{not json", false), State::Foreign);
        let unversioned = br#"{"segments": [{"segment_id": "x"}]}"#;
        assert_eq!(
            meta_state(unversioned, true),
            State::Damaged("index has no version".into())
        );
        assert_eq!(meta_state(br#"{"segments": []}"#, false), State::Foreign);
    }
}
