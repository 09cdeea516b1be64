//! `vsearch check`: the checksums tantivy keeps for every file of the
//! index, the files the last commit names, and the index's own invariants
//! (every passage follows its article's first passage, every passage has
//! its fast fields).

use std::path::{Path, PathBuf};

use super::columns::Columns;
use super::layout::first_passage;
use crate::error::{Error, Result};

/// What a check found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckReport {
    /// Files of the last commit whose checksums were verified.
    pub files: usize,
    /// Articles and passages read.
    pub articles: usize,
    /// Passages read.
    pub passages: usize,
    /// What is wrong, one line each (a damaged or missing file, a broken
    /// invariant); empty when the index is sound.
    pub problems: Vec<String>,
}

/// Checks the index in `dir`.
pub fn check(dir: &Path) -> Result<CheckReport> {
    let (index, _) = super::open(dir)?;
    let mut report = CheckReport::default();
    (report.files, report.problems) = checksums(&index, dir)?;
    if report.problems.is_empty() {
        invariants(&index, dir, &mut report)?;
    }
    Ok(report)
}

/// Verifies the checksums of the files of the last commit in `dir`: the
/// first damaged or missing one is an error. It reads the whole index, so
/// it costs what `vsearch check` costs without the invariants.
pub fn verify(dir: &Path) -> Result<()> {
    let (index, _) = super::open(dir)?;
    match checksums(&index, dir)?.1.into_iter().next() {
        None => Ok(()),
        Some(problem) => Err(Error::BadIndex {
            path: dir.to_path_buf(),
            message: format!("index file {problem}"),
        }),
    }
}

/// How many files the last commit names, and those that are damaged or
/// missing, one line each.
fn checksums(index: &tantivy::Index, dir: &Path) -> Result<(usize, Vec<String>)> {
    let damaged = |e: tantivy::TantivyError| Error::damaged(dir, &e);
    let metas = index.load_metas().map_err(damaged)?;
    let mut problems = Vec::new();
    // Every segment's component files, and its delete file when it has
    // deletes (the listing names candidates that need not exist).
    let mut files: Vec<PathBuf> = metas
        .list_segment_files()
        .into_iter()
        .filter(|f| {
            let name = f.to_string_lossy();
            !name.ends_with(".temp") && !name.ends_with(".del")
        })
        .collect();
    files.extend(
        metas
            .segments
            .iter()
            .filter(|s| s.has_deletes())
            .map(|s| s.relative_path(tantivy::index::SegmentComponent::Delete)),
    );
    files.sort();
    for file in &files {
        let problem = if !dir.join(file).is_file() {
            "missing"
        } else {
            match index.directory().validate_checksum(file) {
                Ok(true) => continue,
                Ok(false) => "checksum mismatch (damaged)",
                Err(_) => "cannot be read",
            }
        };
        problems.push(format!("{}: {problem}", file.display()));
    }
    Ok((files.len(), problems))
}

/// Reads every passage's fast fields and checks the article layout.
fn invariants(index: &tantivy::Index, dir: &Path, report: &mut CheckReport) -> Result<()> {
    let reader = index.reader().map_err(|e| Error::damaged(dir, &e))?;
    let searcher = reader.searcher();
    for (n, segment) in searcher.segment_readers().iter().enumerate() {
        let columns = Columns::open(segment).map_err(|e| Error::damaged(dir, &e))?;
        let (mut orphans, mut incomplete) = (0, 0);
        for doc in segment.doc_ids_alive() {
            report.passages += 1;
            let first = columns.passage(doc) == Some(0);
            if columns.article_ord(doc).is_none() || (first && columns.hash(doc).is_none()) {
                incomplete += 1;
            } else if first_passage(&columns, doc).is_none() {
                orphans += 1;
            } else if first {
                report.articles += 1;
            }
        }
        if incomplete > 0 {
            let message = format!("segment {n}: {incomplete} passages lack their fast fields");
            report.problems.push(message);
        }
        if orphans > 0 {
            let message = format!(
                "segment {n}: {orphans} passages do not follow their article's first passage"
            );
            report.problems.push(message);
        }
    }
    Ok(())
}
