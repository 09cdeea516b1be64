//! The indexing pipeline, the layer above `ingest` and `index`: a run
//! reads the inputs through `ingest` ([`run`]), queues their passages for
//! tantivy's writer ([`queue`]) into the index `index` lays out
//! ([`target`]), timing each stage ([`timings`]); the embedding pass
//! ([`embed`]) then gives every article its vector for the semantic view.

mod embed;
mod options;
mod queue;
mod run;
mod target;
mod timings;

pub use embed::{embed, EmbedReport};
pub use options::IndexOptions;
pub use run::{index, Findings, IndexReport, Observer, Silent};
pub use timings::process_cpu;
pub use timings::Timings;
