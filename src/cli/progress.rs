//! What an indexing run shows while it goes: problems on stderr, a
//! progress bar on a terminal, and Ctrl-C or SIGTERM turned into a
//! cancellation that commits nothing.

use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use vsearch::render::text;
use vsearch::{Observer, Problem};

/// Reports problems on stderr and progress on a terminal; off one, the
/// progress of a semantic run every ten seconds, unless quiet.
pub struct Reporter {
    bar: Option<ProgressBar>,
    quiet: bool,
    /// Every finding as it comes, information too.
    verbose: bool,
    /// When the semantic run started, and when it last said how far it got.
    embedding: Option<(Instant, Instant)>,
}

impl Reporter {
    /// A reporter; with `quiet`, or off a terminal, no progress bar.
    /// With `verbose`, every finding as it comes.
    pub fn new(quiet: bool, verbose: bool) -> Reporter {
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
        Reporter {
            bar,
            quiet,
            verbose,
            embedding: None,
        }
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
        if !self.verbose {
            return;
        }
        let kind = if p.kind.is_info() {
            "note"
        } else if p.skipped {
            "skipped"
        } else {
            "warning"
        };
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

    fn embedding(&mut self, done: usize, total: usize) {
        let now = Instant::now();
        let (started, said) = *self.embedding.get_or_insert((now, now));
        if let Some(bar) = &self.bar {
            if done == 0 {
                bar.set_style(
                    ProgressStyle::with_template(
                        "embedding {bar:40} {pos}/{len} articles {per_sec} eta {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.reset();
            }
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        } else if !self.quiet && done > 0 && (now - said >= EVERY || done == total) {
            let rate = done as f64 / (now - started).as_secs_f64().max(1e-3);
            let left = (total - done) as f64 / rate;
            eprintln!(
                "vsearch: embedded {done} of {total} articles ({rate:.1} a second, about {} left)",
                eta(left)
            );
            self.embedding = Some((started, now));
        }
    }
}

/// How often progress is said off a terminal.
const EVERY: Duration = Duration::from_secs(10);

/// `seconds` as `3 min` or `12 s`.
fn eta(seconds: f64) -> String {
    if seconds >= 90.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        format!("{seconds:.0} s")
    }
}

/// A flag set by Ctrl-C or SIGTERM: the run stops at the next article
/// without committing; a second signal quits at once. The last commit is
/// intact either way.
pub fn cancellation() -> Arc<AtomicBool> {
    // One handler per process: indexing and the semantic run after it
    // share the flag.
    static FLAG: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();
    FLAG.get_or_init(|| {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
        cancel
    })
    .clone()
}
