//! The `vsearch` binary: parses arguments, runs the command through the
//! library, prints `{:#}` error chains and maps the outcome to an exit code
//! (0 found, 1 nothing found or inputs skipped, 2 error, 130 interrupted).

mod alloc;
mod cli;
mod serve;

use std::io;
use std::process::ExitCode;

use cli::Exit;

/// mimalloc for `index` and `serve`, the C library's allocator for the
/// one-shot commands (see [`alloc`]).
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == vsearch::CHILD_ARG) {
        // A file parser run by `vsearch index` in a child process.
        std::panic::set_hook(Box::new(|_| {}));
        return vsearch::extract_child(&args[2..]);
    }
    quiet_caught_panics();
    let (parsed, notes) = cli::parse(args);
    for note in notes {
        eprintln!("vsearch: note: {note}");
    }
    let cli = match parsed {
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
    let outcome = cli::run(cli).and_then(|outcome| match outcome {
        cli::Outcome::Exit(exit) => Ok(exit),
        cli::Outcome::Serve {
            dir,
            listen,
            synonyms,
            cache,
        } => serve::run(&dir, listen, synonyms.as_deref(), cache).map(|()| Exit::Found),
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
