//! Which index a command uses, from any folder: `--index`, else
//! `VSEARCH_INDEX`, else `./index` in a checkout that has `seeds/` or an
//! index there, else the user's data folder (`$XDG_DATA_HOME/vsearch/index`,
//! `~/.local/share/vsearch/index`, or the platform's equivalent).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Where the bundled articles live, relative to the working directory.
pub const SEEDS: &str = "seeds";

/// The index to use and why.
pub struct Location {
    /// The index folder.
    pub dir: PathBuf,
    /// Why this one, for `vsearch stats`.
    pub why: &'static str,
}

/// Finds the index: `flag` is `--index` when given.
pub fn resolve(flag: Option<PathBuf>) -> Result<Location> {
    if let Some(dir) = flag {
        return Ok(Location {
            dir,
            why: "given with --index",
        });
    }
    if let Some(dir) = std::env::var_os("VSEARCH_INDEX").filter(|v| !v.is_empty()) {
        return Ok(Location {
            dir: dir.into(),
            why: "from VSEARCH_INDEX",
        });
    }
    let local = PathBuf::from("index");
    if Path::new(SEEDS).is_dir() {
        return Ok(Location {
            dir: local,
            why: "./index of this folder, which has seeds/",
        });
    }
    if vsearch::index_exists(&local).unwrap_or(false) {
        return Ok(Location {
            dir: local,
            why: "./index of this folder, which holds an index",
        });
    }
    let dirs = directories::ProjectDirs::from("", "", "vsearch")
        .context("no home folder to keep the index in: give --index DIR")?;
    Ok(Location {
        dir: dirs.data_dir().join("index"),
        why: "the user data folder (no seeds/ or index here)",
    })
}
