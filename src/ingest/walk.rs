//! Listing the input files under the paths given: directories are walked
//! recursively, links followed without walking a directory twice, and each
//! file is known by its canonical path, so one file is one input however
//! its path was spelled.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::manifest::MANIFEST_NAME;
use super::problem::{Kind, Problem};
use super::sources::{lossless, Format, Input};

/// What a walk found.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// The files to read, each once.
    pub inputs: Vec<Input>,
    /// Paths that could not be walked or read.
    pub problems: Vec<Problem>,
    /// Files in walked directories of types vsearch does not read.
    pub unsupported: Vec<PathBuf>,
    /// The canonical paths of the roots that exist.
    pub roots: Vec<PathBuf>,
    /// The canonical working directory, ids are relative to.
    cwd: Option<PathBuf>,
}

/// What is said of a FIFO, socket or device.
const NOT_REGULAR: &str = "not a regular file";

/// `ELOOP`: too many levels of symbolic links.
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

/// Why a path that cannot be resolved cannot: a loop of links, a link to
/// nothing, or nothing at all.
fn unreachable_message(path: &Path, e: &std::io::Error) -> &'static str {
    if e.raw_os_error() == Some(ELOOP) {
        "symbolic link loop, not followed"
    } else if path.symlink_metadata().is_ok() {
        "broken symbolic link"
    } else {
        "no such file or directory"
    }
}

/// Lists the inputs under `paths`, leaving out `exclude` (the index itself).
pub(crate) fn list(paths: &[PathBuf], exclude: Option<&Path>) -> Listing {
    let mut listing = Listing {
        cwd: std::env::current_dir().and_then(|d| d.canonicalize()).ok(),
        ..Listing::default()
    };
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut files_seen: HashSet<PathBuf> = HashSet::new();
    for root in paths {
        let canonical = match root.canonicalize() {
            Ok(c) => c,
            Err(e) => {
                let message = unreachable_message(root, &e);
                let kind = match root.symlink_metadata() {
                    Ok(_) => Kind::Link,
                    Err(_) => Kind::Skipped,
                };
                let problem = Problem::skipped(root, None, message).of_kind(kind);
                listing.problems.push(problem);
                continue;
            }
        };
        if !canonical.is_file() && !canonical.is_dir() {
            let problem = Problem::skipped(root, None, NOT_REGULAR).of_kind(Kind::Link);
            listing.problems.push(problem);
            continue;
        }
        listing.roots.push(canonical.clone());
        if canonical.is_file() {
            match Format::detect(root) {
                Some(format) => listing.add(root, canonical, format, &mut files_seen),
                None => listing.problems.push(Problem::skipped(
                    root,
                    None,
                    format!("unsupported file type: expected {}", Format::LIST),
                )),
            }
            continue;
        }
        walk_dir(root, exclude.as_deref(), &mut listing, &mut files_seen);
    }
    listing
}

impl Listing {
    /// Adds the file at `path`, whose canonical path is `file`, unless it
    /// was added already or lies in a system folder (a link to
    /// `/proc/self/environ` named `notes.txt` would index the environment).
    fn add(&mut self, path: &Path, file: PathBuf, format: Format, seen: &mut HashSet<PathBuf>) {
        if !seen.insert(file.clone()) {
            return;
        }
        if SYSTEM_DIRS.iter().any(|d| file.starts_with(d)) {
            let why = "a link to a system file, not followed";
            let problem = Problem::skipped(path, None, why).of_kind(Kind::Link);
            self.problems.push(problem);
            return;
        }
        let size = file.metadata().map_or(0, |m| m.len());
        let relative = self
            .cwd
            .as_ref()
            .and_then(|cwd| file.strip_prefix(cwd).ok());
        let id = lossless(relative.unwrap_or(&file));
        self.inputs.push(Input {
            path: path.to_path_buf(),
            id,
            file,
            format,
            size,
        });
    }
}

/// Folders never walked into, even through a link: they hold the system's
/// state, not articles, and some never end.
const SYSTEM_DIRS: [&str; 3] = ["/proc", "/sys", "/dev"];

/// A directory's identity: device and inode, so a second way to the same
/// place is known without resolving its path.
#[cfg(unix)]
fn identity(e: &walkdir::DirEntry) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    e.metadata().ok().map(|m| (m.dev(), m.ino()))
}
#[cfg(not(unix))]
fn identity(_: &walkdir::DirEntry) -> Option<(u64, u64)> {
    None
}

/// The device a root lies on: the walk stays there.
#[cfg(unix)]
fn root_device(root: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    root.metadata().ok().map(|m| m.dev())
}
#[cfg(not(unix))]
fn root_device(_: &Path) -> Option<u64> {
    None
}

/// Canonical paths of the directories walked, derived from their parent's
/// (a path is resolved again only behind a link), so a deep tree costs time
/// linear in its size.
#[derive(Default)]
struct Canonical {
    dirs: std::collections::HashMap<PathBuf, PathBuf>,
}

impl Canonical {
    fn of(&mut self, e: &walkdir::DirEntry) -> Option<PathBuf> {
        let derived = (!e.path_is_symlink())
            .then(|| e.path().parent().and_then(|p| self.dirs.get(p)))
            .flatten()
            .map(|parent| parent.join(e.file_name()));
        let real = derived.or_else(|| e.path().canonicalize().ok())?;
        if e.file_type().is_dir() {
            self.dirs.insert(e.path().to_path_buf(), real.clone());
        }
        Some(real)
    }
}

/// Which directories a walk enters, and what it reports of those it
/// leaves out.
struct DirFilter<'a> {
    exclude: Option<&'a Path>,
    root_real: Option<PathBuf>,
    device: Option<u64>,
    visited: HashSet<(u64, u64)>,
    canonical: Canonical,
    skipped: Vec<(PathBuf, &'static str)>,
}

impl DirFilter<'_> {
    /// Whether the walk enters `e` (files always pass).
    fn keep(&mut self, e: &walkdir::DirEntry) -> bool {
        let Some(real) = self.canonical.of(e) else {
            return true;
        };
        if !e.file_type().is_dir() {
            return true;
        }
        if self.exclude == Some(real.as_path()) {
            return false;
        }
        let above = e.depth() > 0
            && e.path_is_symlink()
            && self
                .root_real
                .as_ref()
                .is_some_and(|r| r.starts_with(&real));
        let id = identity(e);
        let why = if above {
            "symbolic link loop (to a folder holding the root), not followed"
        } else if SYSTEM_DIRS.iter().any(|d| real.starts_with(d)) {
            "a system folder, not followed"
        } else if self.device.is_some() && id.is_some_and(|(dev, _)| Some(dev) != self.device) {
            "on another file system, not followed"
        } else if id.is_none_or(|id| self.visited.insert(id)) {
            return true;
        } else {
            "directory already walked (symbolic link loop or second link), not followed"
        };
        self.skipped.push((e.path().to_path_buf(), why));
        false
    }
}

/// Walks one directory root. Symbolic links are followed, but no directory
/// is walked twice: a link back up the tree, or a second way to the same
/// place, is reported once and not followed. The walk stays on the root's
/// file system (as `rg --one-file-system` does) and out of the system's
/// folders; what it leaves out is reported.
fn walk_dir(
    root: &Path,
    exclude: Option<&Path>,
    listing: &mut Listing,
    files_seen: &mut HashSet<PathBuf>,
) {
    let mut filter = DirFilter {
        exclude,
        root_real: root.canonicalize().ok(),
        device: root_device(root),
        visited: HashSet::new(),
        canonical: Canonical::default(),
        skipped: Vec::new(),
    };
    let entries: Vec<_> = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| filter.keep(e))
        .collect();
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let Some(file) = filter.canonical.of(&e) else {
                    continue;
                };
                match Format::detect(e.path()) {
                    Some(format) => listing.add(e.path(), file, format, files_seen),
                    None if e.file_name() == MANIFEST_NAME => {}
                    None => listing.unsupported.push(e.into_path()),
                }
            }
            Ok(e) if !e.file_type().is_dir() => {
                let problem = Problem::skipped(e.path(), None, NOT_REGULAR);
                listing.problems.push(problem.of_kind(Kind::Link));
            }
            Ok(_) => {}
            Err(e) => listing.problems.push(walk_problem(root, &e)),
        }
    }
    for (path, message) in filter.skipped {
        let problem = Problem::skipped(path, None, message).of_kind(Kind::Link);
        listing.problems.push(problem);
    }
}

fn walk_problem(root: &Path, e: &walkdir::Error) -> Problem {
    let path = e.path().unwrap_or(root).to_path_buf();
    let dangling = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
        && !path.exists();
    let (message, kind) = if e.loop_ancestor().is_some() {
        ("symbolic link loop, not followed".to_string(), Kind::Link)
    } else if dangling {
        let e = path.canonicalize().err();
        let message = e.map_or("broken symbolic link", |e| unreachable_message(&path, &e));
        (message.to_string(), Kind::Link)
    } else {
        let message = e
            .io_error()
            .map_or_else(|| e.to_string(), |io| io.to_string());
        (message, Kind::Skipped)
    };
    Problem::skipped(path, None, message).of_kind(kind)
}

/// The types of `unsupported` files with their counts, most common first:
/// `.jpg (2), .pptx (1)`.
pub(crate) fn by_type(unsupported: &[PathBuf]) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for path in unsupported {
        let ext = path
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
            .unwrap_or_else(|| "no extension".into());
        *counts.entry(ext).or_default() += 1;
    }
    let mut out: Vec<_> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}
