//! What ingestion reports about an input it skipped or repaired, and of
//! which kind, so that a run can end with one line per kind.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// What kind of finding a [`Problem`] is: a run's summary groups them so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    /// A file or line left out: damaged, encrypted, binary, unreadable,
    /// too big or too slow to parse, of a type vsearch does not read. The
    /// only kind that makes a run exit 1.
    Skipped,
    /// A broken symbolic link, a loop of links, or something that is not a
    /// file: not followed.
    Link,
    /// A declared language the text does not read as.
    Language,
    /// Text converted to Unicode from a legacy encoding.
    Converted,
    /// A web page whose main content was much shorter than its body: the
    /// body was read instead.
    ReadWhole,
    /// How a file was read: how much of a web page's text was kept, which
    /// pages of a PDF a second extractor read (said with `--verbose` only).
    Info,
    /// Anything else indexed despite a problem (a date out of range, pages
    /// left out, an id given twice).
    Other,
}

impl Kind {
    /// Whether the finding is only information, said when asked for.
    pub fn is_info(self) -> bool {
        self == Kind::Info
    }
}

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
    /// What kind of finding it is.
    pub kind: Kind,
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
            kind: Kind::Skipped,
        }
    }

    /// The problem as of `kind`.
    pub fn of_kind(self, kind: Kind) -> Problem {
        Problem { kind, ..self }
    }

    /// A file indexed after converting its text from a legacy encoding.
    pub fn converted(
        path: impl Into<PathBuf>,
        message: impl Into<String>,
        from: String,
    ) -> Problem {
        Problem {
            from: Some(from),
            kind: Kind::Converted,
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
            kind: Kind::Other,
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
