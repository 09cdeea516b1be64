//! What the formats that hold one article per file and need a parser
//! share (HTML, PDF, DOCX, ODT): the file is read whole, within
//! [`MAX_DOCUMENT_BYTES`]; skipped without parsing when unchanged; parsed
//! by the format's [`Extract`] function on a worker thread, within
//! [`EXTRACT_TIME`], so a pathological file neither hangs the run nor, if
//! the parser panics, ends it; and built into an article. Each format's
//! file says only how to get text and metadata out of its bytes.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use crate::model::Meta;

use super::super::article::{build_article, build_paged, input_hash, Origin};
use super::super::walk::Input;
use super::super::{Item, Problem};
use super::{display, Context, Source};

/// Files of these formats larger than this are not parsed.
pub(crate) const MAX_DOCUMENT_BYTES: u64 = 256 << 20;
/// The time one file's parsing may take.
pub(crate) const EXTRACT_TIME: Duration = Duration::from_secs(30);
/// The name of the threads that parse files; the binary keeps their
/// panics quiet, since the file is reported by name instead.
pub const EXTRACT_THREAD: &str = "vsearch-extract";

/// A file's text as its format holds it.
#[derive(Debug, PartialEq)]
pub(crate) enum Body {
    /// Paragraphs separated by blank lines.
    Text(String),
    /// One string per page (PDF), paragraphs separated by blank lines.
    Pages(Vec<String>),
}

/// What a format's parser got out of a file.
#[derive(Debug, PartialEq)]
pub(crate) struct Extracted {
    /// The text.
    pub body: Body,
    /// The metadata the file states (title, date, language, URL).
    pub meta: Meta,
    /// Notes for the report: a legacy encoding converted, a page without
    /// text.
    pub notes: Vec<String>,
    /// The legacy encoding the text was converted from, if any; the first
    /// note says so.
    pub from: Option<String>,
}

/// A format's parser: bytes in, text and metadata out, or why the file
/// cannot be read (said to the user after the file's name).
pub(crate) type Extract = fn(&[u8]) -> Result<Extracted, String>;

/// A file of a parsed format being read.
pub(crate) struct DocumentSource {
    path: PathBuf,
    origin: Origin,
    size: u64,
    extract: Extract,
    pending: VecDeque<Item>,
    started: bool,
    complete: bool,
}

impl DocumentSource {
    pub(crate) fn new(input: &Input, extract: Extract) -> DocumentSource {
        DocumentSource {
            path: input.path.clone(),
            origin: Origin {
                id: input.id.clone(),
                path: display(&input.path),
                file: super::super::walk::lossless(&input.file),
                line: None,
            },
            size: input.size,
            extract,
            pending: VecDeque::new(),
            started: false,
            complete: false,
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.pending.push_back(Item::Problem(problem));
    }

    fn skipped(&mut self, message: impl Into<String>) {
        self.problem(Problem::skipped(self.path.clone(), None, message));
    }

    fn start(&mut self, ctx: &mut Context) {
        let (stated, problem) = ctx.manifest_meta(&self.path);
        self.pending.extend(problem.map(Item::Problem));
        if self.size > MAX_DOCUMENT_BYTES {
            return self.skipped(format!(
                "larger than {} MiB; vsearch does not parse files this big",
                MAX_DOCUMENT_BYTES >> 20
            ));
        }
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) => return self.skipped(e.to_string()),
        };
        ctx.read_bytes += bytes.len() as u64;
        let id = self.origin.id.clone();
        let hash = input_hash(&[id.as_bytes(), &bytes, &stated.stable_bytes()]);
        if ctx.unchanged(&id, hash) {
            self.complete = true;
            return self.pending.push_back(Item::Unchanged { id, hash });
        }
        match run_bounded(self.extract, bytes) {
            Ok(extracted) => self.build(extracted, stated, hash),
            Err(why) => self.skipped(why),
        }
    }

    fn build(&mut self, extracted: Extracted, stated: Meta, hash: u64) {
        let mut from = extracted.from;
        for note in extracted.notes {
            self.problem(match from.take() {
                Some(f) => Problem::converted(self.path.clone(), note, f),
                None => Problem::warning(self.path.clone(), None, note),
            });
        }
        let meta = stated.or(extracted.meta);
        let built = match &extracted.body {
            Body::Text(text) => build_article(self.origin.clone(), text, meta, hash),
            Body::Pages(pages) => build_paged(self.origin.clone(), pages, meta, hash),
        };
        for warning in built.warnings {
            self.problem(Problem::warning(self.path.clone(), None, warning));
        }
        self.complete = true;
        match built.article {
            Some(a) => self.pending.push_back(Item::Article(Box::new(a))),
            None => self.skipped("no text to index"),
        }
    }
}

/// Runs `extract` on a worker thread and waits at most [`EXTRACT_TIME`]. A
/// parser that panics or overruns gives an error; an overrunning thread is
/// left to finish on its own, its result dropped.
fn run_bounded(extract: Extract, bytes: Vec<u8>) -> Result<Extracted, String> {
    let (send, receive) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(EXTRACT_THREAD.into())
        .spawn(move || {
            let _ = send.send(extract(&bytes));
        });
    if let Err(e) = spawned {
        return Err(format!("cannot start a parser thread: {e}"));
    }
    match receive.recv_timeout(EXTRACT_TIME) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "reading it took longer than {} s; skipped",
            EXTRACT_TIME.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("the parser failed on this file (damaged or unusual); skipped".into())
        }
    }
}

impl Source for DocumentSource {
    fn next_item(&mut self, ctx: &mut Context) -> Option<Item> {
        if !self.started {
            self.started = true;
            self.start(ctx);
        }
        self.pending.pop_front()
    }

    fn complete(&self) -> bool {
        self.complete
    }
}
