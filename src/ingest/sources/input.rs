//! What a source reads: one input file, known by its canonical path.

use std::path::{Path, PathBuf};

use super::Format;

/// A file to read.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    /// The path as walked (readable: relative when the root was).
    pub path: PathBuf,
    /// Its canonical path.
    pub file: PathBuf,
    /// Its id: the canonical path, relative to the working directory when
    /// the file lies under it. Every spelling of the path (relative,
    /// absolute, through a link) gives the same id.
    pub id: String,
    /// Its format.
    pub format: Format,
    /// Its size in bytes.
    pub size: u64,
}

/// A path as text without losing anything: bytes that are not UTF-8 (a
/// file name in another encoding) are written `\xNN`, so two such names
/// never become the same id.
pub(crate) fn lossless(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}
