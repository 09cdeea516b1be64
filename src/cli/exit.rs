//! What the process's exit code means.

/// The exit codes of `vsearch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Hits found; or indexing used every input.
    Found,
    /// No hits; or indexing skipped an input or found nothing to index.
    Nothing,
    /// An error, named on stderr.
    Error,
    /// Interrupted by Ctrl-C or SIGTERM before the commit.
    Interrupted,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> std::process::ExitCode {
        std::process::ExitCode::from(match exit {
            Exit::Found => 0,
            Exit::Nothing => 1,
            Exit::Error => 2,
            Exit::Interrupted => 130,
        })
    }
}
