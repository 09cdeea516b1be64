//! How much passage work a run lets wait for tantivy's indexing threads.

use crate::analysis::shared_field_analysed;

/// Passages handed to tantivy's indexing threads and not analysed yet.
/// Tantivy bounds its queue by batches, and one article is one batch, so a
/// big file cut into parts would otherwise queue whole while the reader
/// outruns the indexer; the run waits while the waiting documents weigh
/// more than [`QUEUE_BYTES`].
pub(super) struct Queue {
    /// [`shared_field_analysed`] when the run started.
    analysed_before: (u64, u64),
    /// Passages handed over.
    sent_passages: u64,
    /// Bytes of passage text handed over.
    sent_bytes: u64,
}

/// The memory a run lets wait in tantivy's queue, by [`weight`].
const QUEUE_BYTES: u64 = 32 << 20;

/// What waiting passages weigh in memory: a passage document holds its
/// text about three times (stored, and in the views' fields) and some
/// hundreds of bytes besides (ids, facets, fast values, references), which
/// for short passages outweigh the text.
fn weight(passages: u64, bytes: u64) -> u64 {
    passages * 1024 + bytes * 3
}

impl Queue {
    pub(super) fn new() -> Queue {
        Queue {
            analysed_before: shared_field_analysed(),
            sent_passages: 0,
            sent_bytes: 0,
        }
    }

    /// The weight of what waits to be analysed.
    fn waiting(&self) -> u64 {
        let (passages, bytes) = shared_field_analysed();
        let passages = passages - self.analysed_before.0;
        let bytes = bytes - self.analysed_before.1;
        weight(
            self.sent_passages.saturating_sub(passages),
            self.sent_bytes.saturating_sub(bytes),
        )
    }

    /// Counts `passages` of `bytes` handed over, then waits while too much
    /// is queued; a queue that does not move for 10 s is not waited for
    /// longer.
    pub(super) fn handed(&mut self, passages: usize, bytes: usize) {
        self.sent_passages += passages as u64;
        self.sent_bytes += bytes as u64;
        let start = std::time::Instant::now();
        while self.waiting() > QUEUE_BYTES && start.elapsed() < std::time::Duration::from_secs(10) {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }
}
