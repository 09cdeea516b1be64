//! The index a run writes: opened at the start or created with the first
//! article, and, when the run fails, cleaned of what it wrote.

use std::collections::HashSet;
use std::path::Path;

use tantivy::directory::error::LockError;
use tantivy::indexer::LogMergePolicy;
use tantivy::{Index, IndexWriter, TantivyError};

use super::options::IndexOptions;
use crate::error::{Error, Result};
use crate::index::schema::Fields;
use crate::index::{create, lock};

/// The index being written: opened at the start, or created when the
/// first article arrives, so a run that finds nothing creates nothing.
pub(super) struct Target<'a> {
    pub(super) dir: &'a Path,
    /// The folder's file names before the run: a failed run removes only
    /// segment files that were not there.
    pub(super) before: HashSet<std::ffi::OsString>,
    pub(super) options: &'a IndexOptions,
    pub(super) open: Option<(Index, IndexWriter)>,
    pub(super) fields: Fields,
    /// Whether this run has held the writer lock: only then may a failed
    /// run remove the segment files that appeared while it ran.
    pub(super) held: bool,
}

impl Target<'_> {
    pub(super) fn writer(&mut self) -> Result<&mut IndexWriter> {
        let open = match self.open.take() {
            Some(open) => open,
            None => self.create()?,
        };
        self.held = true;
        Ok(&mut self.open.insert(open).1)
    }

    /// Creates the index of a new or empty folder under the writer lock,
    /// taken before anything is written: a run that loses it to another
    /// touches nothing and says the folder is being written. The lock
    /// passes to tantivy's writer as soon as the index exists.
    fn create(&mut self) -> Result<(Index, IndexWriter)> {
        std::fs::create_dir_all(self.dir).map_err(|e| Error::io(self.dir, e))?;
        let (index, fields) = {
            let _lock = lock(self.dir)?;
            if self.dir.join("meta.json").exists() {
                // Another run created it since this one looked.
                return Err(Error::Locked(self.dir.to_path_buf()));
            }
            create(self.dir)?
        };
        let writer = writer_after_create(&index, self.dir, self.options)?;
        self.fields = fields;
        Ok((index, writer))
    }
}

/// Segments of this many passages or more are not merged further. A merge
/// holds memory in proportion to the passages it merges, and maps its
/// inputs, so this bounds a run's memory whatever the size of its files;
/// real text reaches it only past a few million passages, where a few
/// more segments cost searches little.
const MERGE_BELOW_PASSAGES: usize = 500_000;

pub(super) fn open_writer(
    index: &Index,
    dir: &Path,
    options: &IndexOptions,
) -> Result<IndexWriter> {
    let threads = options.threads.max(1);
    let heap = options.heap_bytes.max((threads * 16) << 20);
    let writer = index
        .writer_with_num_threads(threads, heap)
        .map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => Error::Locked(dir.to_path_buf()),
            TantivyError::LockFailure(LockError::IoError(io), _)
                if crate::index::directory::unwritable(&io) =>
            {
                Error::ReadOnly(dir.to_path_buf())
            }
            e => Error::tantivy(format!("{}: opening the index writer", dir.display()), e),
        })?;
    let mut merges = LogMergePolicy::default();
    merges.set_max_docs_before_merge(MERGE_BELOW_PASSAGES);
    writer.set_merge_policy(Box::new(merges));
    Ok(writer)
}

/// Tries to take the writer lock of an index this run just created, and
/// released, this many times, [`LOCK_RETRY`] apart.
const LOCK_TRIES: u32 = 50;
/// See [`LOCK_TRIES`].
const LOCK_RETRY: std::time::Duration = std::time::Duration::from_millis(10);

/// The writer of the index this run has just created under its own lock.
/// That lock can outlive its release for a moment: a child process being
/// started then (a file parser) holds a copy of every open file until it
/// runs its program, and a lock lasts until each copy is closed. Under
/// load that window lost the lock to the run's own child; a lock still
/// held after half a second is another process's.
fn writer_after_create(index: &Index, dir: &Path, options: &IndexOptions) -> Result<IndexWriter> {
    let mut tries = 1;
    loop {
        match open_writer(index, dir, options) {
            Err(Error::Locked(_)) if tries < LOCK_TRIES => {
                tries += 1;
                std::thread::sleep(LOCK_RETRY);
            }
            opened => return opened,
        }
    }
}

/// The names of the files in `dir` (none when it does not exist).
pub(super) fn file_names(dir: &Path) -> HashSet<std::ffi::OsString> {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default()
}

/// The segment id a tantivy file name starts with (32 hex digits).
fn segment_of(name: &str) -> Option<&str> {
    let id = name.get(..32)?;
    (id.bytes().all(|b| b.is_ascii_hexdigit()) && name[32..].starts_with('.')).then_some(id)
}

impl Target<'_> {
    /// Removes the segment files this run wrote that no commit uses:
    /// tantivy's own collection misses those it could not record in
    /// `.managed.json` (on a full disk, say).
    fn remove_new_segment_files(&self) {
        let meta = std::fs::read_to_string(self.dir.join("meta.json")).unwrap_or_default();
        let live: HashSet<String> = serde_json::from_str::<serde_json::Value>(&meta)
            .ok()
            .and_then(|m| m["segments"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|s| s["segment_id"].as_str().map(|id| id.replace('-', "")))
            .collect();
        for name in file_names(self.dir).difference(&self.before) {
            let text = name.to_string_lossy();
            if segment_of(&text).is_some_and(|id| !live.contains(id)) {
                let _ = std::fs::remove_file(self.dir.join(name));
            }
        }
    }
}

/// `ENOSPC`: no space left on the device.
const NO_SPACE: i32 = 28;

/// Whether the folder `dir` is on a full device: a 1 MiB probe file cannot
/// be written (it is removed either way).
fn device_full(dir: &Path) -> bool {
    let probe = dir.join(".vsearch-space-probe");
    let written = std::fs::write(&probe, vec![0u8; 1 << 20]);
    let _ = std::fs::remove_file(&probe);
    written.is_err_and(|e| e.raw_os_error() == Some(NO_SPACE))
}

/// Deletes the files no commit of the index in `dir` uses: what a failed,
/// killed or interrupted run wrote. The index is opened afresh, so its list
/// of managed files is read from disk, as the failed writer last saved it.
/// Best effort: the index is usable either way.
fn collect_garbage(dir: &Path) {
    let Ok(index) = Index::open_in_dir(dir) else {
        return;
    };
    if let Ok(writer) = index.writer_with_num_threads::<tantivy::TantivyDocument>(1, 20 << 20) {
        let _ = writer.garbage_collect_files().wait();
    }
}

impl Target<'_> {
    /// After `error`: drops the writer and what it wrote since the last
    /// commit, and names a full disk as such (tantivy's writer threads only
    /// say they were killed).
    pub(super) fn abandon(&mut self, error: Error) -> Error {
        let full = !matches!(error, Error::Interrupted) && device_full(self.dir);
        // The writer stops first, merges included (a merge finishing late
        // would record a file after the clean-up); then the segment files
        // it wrote and no commit uses go; then tantivy's collection, which
        // also drops the names of files already gone from `.managed.json`.
        let opened = self.open.take().map(|(_, writer)| {
            let _ = writer.wait_merging_threads();
        });
        if !self.held {
            // Whatever appeared in the folder is another process's.
            return error;
        }
        self.remove_new_segment_files();
        if opened.is_some() {
            collect_garbage(self.dir);
        }
        if full {
            let no_space = std::io::Error::from_raw_os_error(NO_SPACE);
            return Error::io(self.dir, no_space);
        }
        error
    }
}

pub(super) fn tantivy_err(dir: &Path, doing: &str, e: TantivyError) -> Error {
    Error::tantivy(format!("{}: {doing}", dir.display()), e)
}
