//! The `vsearch` binary: every command, with index runs handed to
//! `vsearch-index` (`src/index_main.rs`), which is built and installed
//! beside it. Leaving the file parsers out of this binary is what keeps a
//! search's start short: their tables are pointers that the loader would
//! relocate at every start (see the CLI's `indexing` module).

mod alloc;
mod cli;
mod entry;
mod serve;

use std::process::ExitCode;

/// mimalloc for `index` and `serve`, the C library's allocator for the
/// one-shot commands (see [`alloc`]).
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

fn main() -> ExitCode {
    entry::main(std::env::args_os().collect(), None)
}
