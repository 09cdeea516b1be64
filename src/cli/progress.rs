//! What an indexing run shows while it goes: problems on stderr, a
//! progress bar on a terminal, and Ctrl-C or SIGTERM turned into a
//! cancellation that commits nothing.

use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use vsearch::render::text;
use vsearch::{Observer, Problem};

/// Reports problems on stderr and progress on a terminal.
pub struct Reporter {
    bar: Option<ProgressBar>,
}

impl Reporter {
    /// A reporter; with `quiet`, or off a terminal, no progress bar.
    pub fn new(quiet: bool) -> Reporter {
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Reporter { bar }
    }

    /// Clears the progress bar.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Observer for Reporter {
    fn problem(&mut self, p: &Problem) {
        let kind = if p.skipped { "skipped" } else { "warning" };
        let line = format!("vsearch: {kind}: {}", text::safe(&p.to_string(), false));
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn progress(&mut self, done: u64, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    }
}

/// A flag set by Ctrl-C or SIGTERM: the run stops at the next article
/// without committing; a second signal quits at once. The last commit is
/// intact either way.
pub fn cancellation() -> Arc<AtomicBool> {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    cancel
}
