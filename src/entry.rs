//! What both binaries run: parse the arguments, run the command through
//! the CLI or the server, print `{:#}` error chains and map the outcome to
//! an exit code (0 found, 1 nothing found or inputs skipped, 2 error, 130
//! interrupted).

use std::ffi::OsString;
use std::io;
use std::process::ExitCode;

use crate::cli::{self, Exit, IndexFn};

/// Runs the command line `args`; `indexer` is the library's index run in
/// `vsearch-index`, `None` in `vsearch`.
pub fn main(args: Vec<OsString>, indexer: Option<IndexFn>) -> ExitCode {
    quiet_caught_panics();
    let (parsed, notes) = cli::parse(args);
    for note in notes {
        eprintln!("vsearch: note: {note}");
    }
    let mut cli = match parsed {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // The message quotes the arguments: plain text, their controls
            // escaped, rather than clap's colours.
            let message = e.render().to_string();
            eprint!("{}", vsearch::render::text::safe(&message, true));
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    cli.indexer = indexer;
    let outcome = cli::run(cli).and_then(|outcome| match outcome {
        cli::Outcome::Exit(exit) => Ok(exit),
        cli::Outcome::Serve {
            dir,
            listen,
            synonyms,
            cache,
        } => crate::serve::run(&dir, listen, synonyms.as_deref(), cache).map(|()| Exit::Found),
    });
    match outcome {
        Ok(exit) => exit.into(),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let full = format!("{e:#}{}", cli::remedy::words(&e));
            let message = vsearch::render::text::safe(&full, false).into_owned();
            eprintln!("vsearch: {message}");
            let interrupted = e.chain().any(|c| {
                matches!(
                    c.downcast_ref(),
                    Some(vsearch::Error::Interrupted | vsearch::Error::EmbeddingInterrupted { .. })
                )
            });
            if interrupted {
                Exit::Interrupted.into()
            } else {
                Exit::Error.into()
            }
        }
    }
}

/// A file parser that panics on a damaged file is reported by the file's
/// name as skipped, a read of a damaged index as damage; their panic
/// messages would only add noise. Other panics print as usual.
fn quiet_caught_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !vsearch::panic_is_caught() {
            default(info);
        }
    }));
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
