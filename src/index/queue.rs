//! How much passage text a run lets wait for tantivy's indexing threads.

/// Passage text handed to tantivy's indexing threads and not analysed yet.
/// Tantivy bounds its queue by batches, and one article is one batch, so a
/// big file cut into parts would otherwise queue whole while the reader
/// outruns the indexer; the run waits while more than [`QUEUE_BYTES`]
/// wait.
pub(super) struct Queue {
    /// [`crate::analysis::shared_field_bytes`] when the run started.
    analysed_before: u64,
    /// Bytes of passage text handed over.
    sent: u64,
}

/// The passage text a run lets wait in tantivy's queue.
const QUEUE_BYTES: u64 = 32 << 20;

impl Queue {
    pub(super) fn new() -> Queue {
        Queue {
            analysed_before: crate::analysis::shared_field_bytes(),
            sent: 0,
        }
    }

    /// Counts `bytes` handed over, then waits while too much is queued; a
    /// queue that does not move for 10 s is not waited for longer.
    pub(super) fn handed(&mut self, bytes: u64) {
        self.sent += bytes;
        let start = std::time::Instant::now();
        while self
            .sent
            .saturating_sub(crate::analysis::shared_field_bytes() - self.analysed_before)
            > QUEUE_BYTES
            && start.elapsed() < std::time::Duration::from_secs(10)
        {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }
}
