//! The index folder as tantivy sees it: its mmap directory, except that
//! the meta lock is not needed where the folder cannot be written.
//!
//! A reader takes the meta lock while it opens a commit's files, so that a
//! writer's garbage collection, which takes it too, does not delete them
//! meanwhile. Taking it means opening the lock file for writing, which a
//! read-only mount or another user's index refuses, and then nothing could
//! be read at all. There the lock is skipped: no writer of ours can collect
//! garbage on a read-only mount, and should the folder's owner write while
//! another user reads, a file gone underneath makes that one read fail and
//! say so.

use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// An index folder; see the module's documentation.
#[derive(Clone, Debug)]
pub(crate) struct IndexDirectory(MmapDirectory);

impl IndexDirectory {
    /// The folder `dir`, which must exist.
    pub(crate) fn open(dir: &Path) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory(MmapDirectory::open(dir)?))
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e)) if lock.filepath == META_LOCK.filepath && unwritable(&e) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            taken => taken,
        }
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(callback)
    }
}

/// Whether `e` says the folder cannot be written.
pub(crate) fn unwritable(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    matches!(e.kind(), PermissionDenied | ReadOnlyFilesystem)
}
