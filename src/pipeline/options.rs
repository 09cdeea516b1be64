//! The settings of an indexing run.

use std::path::PathBuf;

/// Settings of an indexing run.
#[derive(Clone, Debug)]
pub struct IndexOptions {
    /// Drop everything indexed before (still atomically when the index is
    /// readable: the old one stays until the new one commits).
    pub rebuild: bool,
    /// Indexing threads.
    pub threads: usize,
    /// Writer memory budget in bytes, shared by the threads. 256 MB by
    /// default: half the segments of 128 MB, whose term dictionaries and
    /// postings each thread wrote again for the shared vocabulary (the 4x
    /// corpus: 2 segments instead of 4, 2-3% less CPU in 20 alternating
    /// pairs, and 3-7% fewer instructions for a search of the index), for
    /// a peak of 445 MB instead of 269 MB on a 1 GB file.
    pub heap_bytes: usize,
    /// The program that parses PDF, DOCX and ODT files in child processes
    /// bounded in memory, CPU and time: `vsearch-index`, whose `main`
    /// hands the argument [`crate::CHILD_ARG`] to [`crate::extract_child`].
    /// `None` parses them in this process, where a hostile file can exhaust
    /// its memory or stack.
    pub extractor: Option<PathBuf>,
}

impl Default for IndexOptions {
    fn default() -> IndexOptions {
        IndexOptions {
            rebuild: false,
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(4),
            heap_bytes: 256 << 20,
            extractor: None,
        }
    }
}
