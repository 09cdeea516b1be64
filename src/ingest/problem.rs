//! What ingestion reports about an input it skipped or repaired.

use std::fmt;
use std::path::PathBuf;

/// Something in the input that was skipped or repaired.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// The line, for JSONL.
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
    /// Whether the file or line was left out (else it was indexed anyway).
    pub skipped: bool,
    /// The legacy encoding its text was converted from to Unicode
    /// (`windows-1258`, `TCVN3 (ABC)`), counted in the run's summary.
    pub from: Option<String>,
}

impl Problem {
    /// A file or line left out of the index.
    pub fn skipped(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            path: path.into(),
            line,
            message: message.into(),
            skipped: true,
            from: None,
        }
    }

    /// A file indexed after converting its text from a legacy encoding.
    pub fn converted(
        path: impl Into<PathBuf>,
        message: impl Into<String>,
        from: String,
    ) -> Problem {
        Problem {
            from: Some(from),
            ..Problem::warning(path, None, message)
        }
    }

    /// A file or line indexed despite the problem.
    pub fn warning(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            skipped: false,
            ..Problem::skipped(path, line, message)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}
