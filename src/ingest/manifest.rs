//! The sidecar manifest: `articles.toml` beside the files it describes,
//! stating what their text does not (language, date, title, source).
//!
//! ```toml
//! ["000_ad85081284aaedf5.txt"]
//! lang = "vi"
//! date = "2025-11-01"
//! ```

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{quoted, Date, Meta};

/// The manifest's file name.
pub const MANIFEST_NAME: &str = "articles.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    title: Option<String>,
    lang: Option<String>,
    date: Option<String>,
    source: Option<String>,
}

/// What is wrong in a manifest.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ManifestError {
    /// It is not TOML of the manifest's shape.
    #[error("{0}")]
    Toml(String),
    /// An entry names a language vsearch does not know.
    #[error("[{}]: {message}", quoted(.entry))]
    Lang {
        /// The entry's file name.
        entry: String,
        /// Why the language is refused.
        message: String,
    },
    /// An entry's date is not `YYYY-MM-DD`.
    #[error("[{}]: invalid date {}: expected YYYY-MM-DD", quoted(.entry), quoted(.date))]
    Date {
        /// The entry's file name.
        entry: String,
        /// The date as written.
        date: String,
    },
}

/// Metadata per file name.
#[derive(Debug, Default)]
pub struct Manifest {
    entries: HashMap<String, Meta>,
}

impl Manifest {
    /// Loads `dir/articles.toml`, or `None` when there is none.
    pub fn load_dir(dir: &Path) -> Result<Option<Manifest>> {
        let path = dir.join(MANIFEST_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Manifest::parse(&text)
                .map(Some)
                .map_err(|e| Error::Manifest {
                    path,
                    message: e.to_string(),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Parses a manifest's text.
    pub(crate) fn parse(text: &str) -> std::result::Result<Manifest, ManifestError> {
        let raw: HashMap<String, Entry> =
            toml::from_str(text).map_err(|e| ManifestError::Toml(e.message().to_string()))?;
        let mut entries = HashMap::new();
        for (name, e) in raw {
            let lang = e
                .lang
                .map(|l| {
                    l.parse().map_err(|err| ManifestError::Lang {
                        entry: name.clone(),
                        message: format!("{err}"),
                    })
                })
                .transpose()?;
            let date = e
                .date
                .map(|d| {
                    Date::parse_iso(&d).ok_or_else(|| ManifestError::Date {
                        entry: name.clone(),
                        date: d.clone(),
                    })
                })
                .transpose()?;
            entries.insert(
                name,
                Meta {
                    title: e.title,
                    lang,
                    date,
                    source: e.source,
                },
            );
        }
        Ok(Manifest { entries })
    }

    /// The metadata stated for a file name (empty when none).
    pub fn meta(&self, file_name: &str) -> Meta {
        self.entries.get(file_name).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn parses_entries() {
        let m = Manifest::parse("[\"a.txt\"]\nlang = \"de\"\ndate = \"2025-10-31\"\n").unwrap();
        assert_eq!(m.meta("a.txt").lang, Some(Lang::DE));
        assert_eq!(m.meta("a.txt").date, Date::new(2025, 10, 31));
        assert_eq!(m.meta("b.txt"), Meta::default());
    }

    #[test]
    fn rejects_bad_values() {
        assert_eq!(
            Manifest::parse("[\"a.txt\"]\nlang = \"xx\"\n")
                .unwrap_err()
                .to_string(),
            "[\"a.txt\"]: unknown language \"xx\": expected vi, id, de, ms or another ISO 639-1 code (en, fr, …)"
        );
        assert_eq!(
            Manifest::parse("[\"a.txt\"]\ndate = \"31.10.2025\"\n")
                .unwrap_err()
                .to_string(),
            "[\"a.txt\"]: invalid date \"31.10.2025\": expected YYYY-MM-DD"
        );
        let unknown = Manifest::parse("[\"a.txt\"]\ncolour = \"red\"\n").unwrap_err();
        assert!(matches!(&unknown, ManifestError::Toml(m) if m.contains("unknown field")));
    }
}
