//! What an indexing or embedding run says when it ends: one line of what
//! it did, then one line per kind of finding, each with a count and the
//! first few files, so that the files that could not be read are not lost
//! among warnings (`--verbose` names every file as it comes).

use crate::ingest::Kind;
use crate::pipeline::{Findings, IndexReport};

use super::text::{plural, safe};

/// One line saying what an indexing run did.
pub fn index_summary(r: &IndexReport) -> String {
    let n = |count: usize, word: &str| plural(count as u64, word);
    let mut s = format!(
        "indexed {} ({} added, {} updated, {} unchanged), {} written, {:.1} MB in {:.2} s",
        n(r.articles(), "article"),
        r.added,
        r.updated,
        r.unchanged,
        n(r.passages, "passage"),
        r.bytes as f64 / 1e6,
        r.seconds
    );
    if r.removed > 0 {
        let gone = if r.removed == 1 {
            "file is"
        } else {
            "files are"
        };
        s.push_str(&format!(
            "; removed {} whose {gone} gone",
            n(r.removed, "article")
        ));
    }
    s
}

/// One line per kind of finding of an indexing run, in the order of
/// [`Kind`] (what could not be read first), with the first files named,
/// then the types of files not read; and, unless the run was `verbose`
/// (and named every file as it came), a line saying `--verbose` names the
/// rest when some were not named.
pub fn index_findings(r: &IndexReport, verbose: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut unnamed = false;
    for group in r.findings.iter().filter(|f| !f.kind.is_info()) {
        unnamed |= group.count > group.first.len();
        lines.push(match group.kind {
            Kind::Converted => converted(&r.converted, group),
            _ => format!("{}: {}", heading(group), named(group)),
        });
    }
    if !r.unsupported_types.is_empty() {
        let types: Vec<String> = (r.unsupported_types.iter())
            .map(|(ext, count)| format!("{ext} ({count})"))
            .collect();
        lines.push(format!(
            "not read: {} of types vsearch does not read: {}",
            plural(r.unsupported.len() as u64, "file"),
            types.join(", ")
        ));
    }
    if unnamed && !verbose {
        lines.push("--verbose names every file".to_string());
    }
    lines
}

/// What a group's line opens with: its count and what they are.
fn heading(group: &Findings) -> String {
    let n = group.count as u64;
    let files = |one: &str, many: &str| if n == 1 { one } else { many }.to_string();
    match group.kind {
        Kind::Skipped => format!(
            "skipped {n} {} that could not be read",
            files("file or line", "files or lines")
        ),
        Kind::Link => format!(
            "not followed: {n} {}",
            files("link or special file", "links or special files")
        ),
        Kind::Language => format!(
            "{n} {} a language other than the one declared",
            files("file reads as", "files read as")
        ),
        Kind::ReadWhole => format!(
            "{n} {} (the main-content extractor kept less than 80 % of the text)",
            files("page read whole", "pages read whole")
        ),
        Kind::Converted | Kind::Info | Kind::Other => plural(n, "warning"),
    }
}

/// The first files of a group with what was found (`a.pdf (damaged PDF…)`),
/// and how many more.
fn named(group: &Findings) -> String {
    let mut names: Vec<String> = group
        .first
        .iter()
        .map(|p| safe(&format!("{} ({})", location(p), p.message), false).into_owned())
        .collect();
    let more = group.count - group.first.len();
    if more > 0 {
        names.push(format!("and {more} more"));
    }
    names.join("; ")
}

/// A finding's file, and line for JSONL.
fn location(p: &crate::ingest::Problem) -> String {
    match p.line {
        Some(line) => format!("{}:{line}", p.path.display()),
        None => p.path.display().to_string(),
    }
}

/// `converted 3 files to Unicode from TCVN3 (ABC) (2), VNI (1)`.
fn converted(by_encoding: &[(String, usize)], group: &Findings) -> String {
    let from: Vec<String> = by_encoding
        .iter()
        .map(|(name, count)| format!("{name} ({count})"))
        .collect();
    format!(
        "converted {} to Unicode from {}",
        plural(group.count as u64, "file"),
        from.join(", ")
    )
}

/// The one-line summary of an embedding run.
pub fn embed_summary(r: &crate::EmbedReport) -> String {
    let n = |count: usize| plural(count as u64, "article");
    let mut s = format!("embedded {} in {:.1} s", n(r.embedded), r.seconds);
    if r.embedded > 0 && r.seconds > 0.0 {
        s.push_str(&format!(" ({:.1} a second)", r.embedded as f64 / r.seconds));
    }
    s.push_str(&format!("; {} already had vectors", n(r.kept)));
    if r.dropped > 0 {
        s.push_str(&format!("; dropped the vectors of {} gone", n(r.dropped)));
    }
    s
}
