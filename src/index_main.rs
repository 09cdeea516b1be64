//! The `vsearch-index` binary: vsearch with the library's indexer and its
//! file parsers linked in. `vsearch` runs it for `vsearch index` and for the
//! first build from `seeds/`; it runs itself as the child process that
//! parses a PDF, DOCX or ODT file ([`vsearch::CHILD_ARG`]). Run directly it
//! takes every command `vsearch` takes.

mod alloc;
mod cli;
mod entry;
mod serve;

use std::process::ExitCode;

/// mimalloc for `index` and `serve`, the C library's allocator for the
/// one-shot commands and the extraction child (see [`alloc`]).
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == vsearch::CHILD_ARG) {
        // A file parser run by an index run in a child process.
        std::panic::set_hook(Box::new(|_| {}));
        return vsearch::extract_child(&args[2..]);
    }
    entry::main(args, Some(vsearch::index))
}
