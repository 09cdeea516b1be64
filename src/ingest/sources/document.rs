//! What the formats that hold one article per file and need a parser
//! share (HTML, PDF, DOCX, ODT): the file is read whole, within
//! [`MAX_DOCUMENT_BYTES`]; skipped without parsing when unchanged; parsed
//! by the format's [`Extract`] function and built into an article on a
//! worker thread of a [`Pool`], several at once and yielded as they
//! finish, so a slow file delays only itself, a file past
//! [`EXTRACT_TIME`] is given up, and a parser that panics costs only its
//! file. The untrusted binary formats (PDF, DOCX, ODT) are parsed in a
//! child process when the run names one ([`super::isolate`]), so that a
//! parser that overflows its stack, aborts or runs out of memory costs only
//! its file too, and a file given up leaves nothing running. Each format's
//! file says only how to get text and metadata out of its bytes.

use super::{parser, ExtractError};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use crate::model::Meta;

use super::super::article::{build_article, build_paged, input_hash, Origin};
use super::super::problem::Kind;
use super::super::{Item, Problem};
use super::Input;
use super::{display, isolate, Context, Format, Source};

/// Files of these formats larger than this are not parsed.
pub(crate) const MAX_DOCUMENT_BYTES: u64 = 256 << 20;
/// The time one file's parsing may take.
pub(crate) const EXTRACT_TIME: Duration = Duration::from_secs(30);
pub(crate) use crate::error::EXTRACT_THREAD;
/// Why a file whose parser panicked was skipped, in process or in a child.
pub(crate) const PARSER_FAILED: &str =
    "the parser failed on this file (damaged or unusual); skipped";
/// How often a wait for a parser looks whether the run was interrupted.
const CANCEL_POLL: Duration = Duration::from_millis(50);

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
    /// Notes for the report, each of its kind: a legacy encoding
    /// converted, a page without text, how much of a page was kept.
    pub notes: Vec<(Kind, String)>,
    /// The legacy encoding the text was converted from, if any; the first
    /// note says so.
    pub from: Option<String>,
    /// Further articles the file holds, each under the suffix that makes
    /// its id (an mbox's messages `#2`, a mail's attachments
    /// `/budget.pdf`); an empty body then is no article of its own.
    pub parts: Vec<(String, Extracted)>,
}

impl Extracted {
    /// A text with its metadata, nothing else.
    pub(crate) fn text(text: String, meta: Meta) -> Extracted {
        Extracted {
            body: Body::Text(text),
            meta,
            notes: Vec::new(),
            from: None,
            parts: Vec::new(),
        }
    }
}

/// A format's parser: bytes in, text and metadata out, or why the file
/// cannot be read (said to the user after the file's name).
pub(crate) type Extract = fn(&[u8]) -> Result<Extracted, ExtractError>;

/// A parsed file's items, ready: the problems, then its article.
pub(crate) struct DocumentSource {
    items: VecDeque<Item>,
    complete: bool,
}

impl Source for DocumentSource {
    fn next_item(&mut self, _: &mut Context) -> Option<Item> {
        self.items.pop_front()
    }

    fn complete(&self) -> bool {
        self.complete
    }
}

/// What a job needs to know of its file, taken from the context on the
/// reading thread: the metadata a manifest states, the hash indexed.
struct Job {
    path: PathBuf,
    origin: Origin,
    size: u64,
    extract: Extract,
    /// The format, and the program to parse it in a child process.
    isolated: Option<(Format, Arc<PathBuf>)>,
    limit: Duration,
    stated: Meta,
    known: Option<u64>,
}

/// A finished job: its items, whether the file was read whole, bytes read.
struct Outcome {
    items: Vec<Item>,
    complete: bool,
    bytes: u64,
}

/// Parsed files, parsed on worker threads a few at a time and yielded as
/// they finish, so one slow file delays only itself; a file still parsing
/// after [`EXTRACT_TIME`] is given up and reported.
pub(crate) struct Pool {
    waiting: VecDeque<(Input, Extract)>,
    running: std::collections::HashMap<usize, (Input, std::time::Instant)>,
    started: usize,
    width: usize,
    /// The time a job may take: [`EXTRACT_TIME`].
    limit: Duration,
    /// The program that parses the isolated formats in a child process
    /// (`vsearch-index`), or none to parse them in this one.
    child: Option<Arc<PathBuf>>,
    send: mpsc::Sender<(usize, Outcome)>,
    receive: mpsc::Receiver<(usize, Outcome)>,
}

impl Pool {
    /// A pool for `inputs`, parsing as many at once as there are cores,
    /// the isolated formats in `child` processes when given.
    pub(crate) fn new(inputs: Vec<(Input, Extract)>, child: Option<PathBuf>) -> Pool {
        let (send, receive) = mpsc::channel();
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Pool {
            waiting: inputs.into(),
            running: Default::default(),
            started: 0,
            width: cores.clamp(2, 8),
            limit: EXTRACT_TIME,
            child: child.map(Arc::new),
            send,
            receive,
        }
    }

    /// Starts jobs until the pool is full.
    pub(crate) fn fill(&mut self, ctx: &mut Context) {
        while self.running.len() < self.width {
            let Some((input, extract)) = self.waiting.pop_front() else {
                return;
            };
            let (stated, problem) = ctx.manifest_meta(&input.path);
            let job = Job {
                path: input.path.clone(),
                origin: Origin {
                    id: input.id.clone(),
                    path: display(&input.path),
                    file: super::lossless(&input.file),
                    line: None,
                    kind: input.format.kind(),
                },
                size: input.size,
                extract,
                isolated: (self.child.as_ref())
                    .filter(|_| input.format.isolated())
                    .map(|program| (input.format, Arc::clone(program))),
                limit: self.limit,
                stated,
                known: (!input.format.holds_many())
                    .then(|| ctx.known.get(&input.id).copied())
                    .flatten(),
            };
            let (id, send) = (self.started, self.send.clone());
            self.started += 1;
            let spawned = std::thread::Builder::new()
                .name(EXTRACT_THREAD.into())
                .spawn(move || {
                    let mut outcome = job.run();
                    outcome.items.splice(0..0, problem.map(Item::Problem));
                    let _ = send.send((id, outcome));
                });
            match spawned {
                Ok(_) => {
                    self.running.insert(id, (input, std::time::Instant::now()));
                }
                Err(e) => {
                    let why = format!("cannot start a parser thread: {e}");
                    let _ = self.send.send((id, Outcome::skipped(&input.path, why)));
                    self.running.insert(id, (input, std::time::Instant::now()));
                }
            }
        }
    }

    /// The next parsed file, as its canonical path and its items; `None`
    /// when every file is done, or at once when `cancel` is set.
    pub(crate) fn next(
        &mut self,
        ctx: &mut Context,
        cancel: &AtomicBool,
    ) -> Option<(String, DocumentSource)> {
        self.fill(ctx);
        let (input, outcome) = loop {
            let oldest = self.running.values().map(|(_, at)| *at).min()?;
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let wait = (oldest + self.limit).saturating_duration_since(std::time::Instant::now());
            let (id, outcome) = match self.receive.recv_timeout(wait.min(CANCEL_POLL)) {
                Ok(done) => done,
                Err(_) if wait > CANCEL_POLL => continue,
                Err(_) => self.overdue()?,
            };
            // A late result of a job given up on is dropped.
            if let Some((input, _)) = self.running.remove(&id) {
                break (input, outcome);
            }
        };
        ctx.read_bytes += outcome.bytes;
        self.fill(ctx);
        let source = DocumentSource {
            items: outcome.items.into(),
            complete: outcome.complete,
        };
        Some((super::lossless(&input.file), source))
    }

    /// The job running longest, given up: it goes on in its thread, its
    /// result unread.
    fn overdue(&mut self) -> Option<(usize, Outcome)> {
        let (&id, (input, _)) = self.running.iter().min_by_key(|(_, (_, at))| *at)?;
        let why = format!(
            "reading it took longer than {} s; skipped",
            self.limit.as_secs_f64()
        );
        Some((id, Outcome::skipped(&input.path, why)))
    }
}

impl Outcome {
    fn skipped(path: &std::path::Path, why: String) -> Outcome {
        Outcome {
            items: vec![Item::Problem(Problem::skipped(path, None, why))],
            complete: false,
            bytes: 0,
        }
    }
}

impl Job {
    /// Reads, hashes and parses the file, and builds its article.
    fn run(self) -> Outcome {
        if self.size > MAX_DOCUMENT_BYTES {
            let why = format!(
                "larger than {} MiB; vsearch does not parse files this big",
                MAX_DOCUMENT_BYTES >> 20
            );
            return Outcome::skipped(&self.path, why);
        }
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) => return Outcome::skipped(&self.path, e.to_string()),
        };
        let read = bytes.len() as u64;
        let id = self.origin.id.clone();
        let hash = input_hash(&[id.as_bytes(), &bytes, &self.stated.stable_bytes()]);
        if self.known == Some(hash) {
            return Outcome {
                items: vec![Item::Unchanged { id, hash }],
                complete: true,
                bytes: read,
            };
        }
        let parsed = match &self.isolated {
            Some((format, program)) => {
                isolate::extract_in_child(program, *format, &bytes, self.limit)
            }
            None => {
                let extract = self.extract;
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(&bytes)))
                    .unwrap_or_else(|_| Err(parser(PARSER_FAILED)))
            }
        };
        drop(bytes);
        let mut outcome = match parsed {
            Ok(extracted) => self.build(extracted, hash),
            Err(why) => Outcome::skipped(&self.path, why.to_string()),
        };
        outcome.bytes = read;
        outcome
    }

    fn build(self, extracted: Extracted, hash: u64) -> Outcome {
        let mut items = Vec::new();
        let file = Built {
            path: &self.path,
            hash,
        };
        file.add(self.origin, self.stated, extracted, "", &mut items);
        Outcome {
            items,
            complete: true,
            bytes: 0,
        }
    }
}

/// The file whose articles are being built, and its input hash, which its
/// parts share: a file holding many articles is parsed again whenever it
/// is indexed ([`Format::holds_many`]), its unchanged articles then kept.
struct Built<'a> {
    path: &'a Path,
    hash: u64,
}

impl Built<'_> {
    /// Adds one extracted article's items, then its parts' (`label` names
    /// a part in the notes: `#3/budget.pdf: page 2 has no text`).
    fn add(&self, origin: Origin, stated: Meta, e: Extracted, label: &str, items: &mut Vec<Item>) {
        let mut from = e.from;
        for (kind, note) in e.notes {
            let note = match label {
                "" => note,
                _ => format!("{label}: {note}"),
            };
            items.push(Item::Problem(match (from.take(), kind) {
                (Some(f), _) => Problem::converted(self.path, note, f),
                (None, Kind::Skipped) => Problem::skipped(self.path, None, note),
                (None, kind) => Problem::warning(self.path, None, note).of_kind(kind),
            }));
        }
        let empty = matches!(&e.body, Body::Text(t) if t.trim().is_empty());
        let lang = stated.lang;
        if e.parts.is_empty() || !empty {
            self.article(origin.clone(), stated.or(e.meta), &e.body, label, items);
        }
        for (suffix, part) in e.parts {
            // An attachment is of its own type; a mailbox's message stays mail.
            let kind = Format::of(Path::new(&suffix)).map_or(origin.kind, Format::kind);
            let origin = Origin {
                id: format!("{}{suffix}", origin.id),
                kind,
                ..origin.clone()
            };
            let stated = Meta {
                lang,
                ..Meta::default()
            };
            self.add(origin, stated, part, &format!("{label}{suffix}"), items);
        }
    }

    /// Adds the article built from `body`, or why there is none.
    fn article(&self, origin: Origin, meta: Meta, body: &Body, label: &str, items: &mut Vec<Item>) {
        let built = match body {
            Body::Text(text) => build_article(origin, text, meta, self.hash),
            Body::Pages(pages) => build_paged(origin, pages, meta, self.hash),
        };
        for warning in built.warnings {
            items.push(Item::Problem(Problem::warning(self.path, None, warning)));
        }
        items.push(match built.article {
            Some(a) => Item::Article(Box::new(a)),
            None => {
                let why = match label {
                    "" => "no text to index".to_string(),
                    _ => format!("{label}: no text to index"),
                };
                Item::Problem(Problem::skipped(self.path, None, why))
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sources::{damaged, Format};

    fn slow(_: &[u8]) -> Result<Extracted, ExtractError> {
        std::thread::sleep(Duration::from_secs(3));
        Err(damaged("never seen"))
    }

    fn fast(bytes: &[u8]) -> Result<Extracted, ExtractError> {
        Ok(Extracted {
            body: Body::Text(String::from_utf8_lossy(bytes).into_owned()),
            meta: Meta::default(),
            notes: Vec::new(),
            from: None,
            parts: Vec::new(),
        })
    }

    fn panics(_: &[u8]) -> Result<Extracted, ExtractError> {
        panic!("a parser bug")
    }

    #[test]
    fn a_slow_file_delays_only_itself_and_a_panic_costs_only_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let input = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(
                &path,
                "Ein Artikel über die Zusammenarbeit der Krankenhäuser.",
            )
            .unwrap();
            Input {
                file: path.clone(),
                id: name.into(),
                format: Format::Pdf,
                size: 50,
                path,
            }
        };
        let mut pool = Pool::new(
            vec![
                (input("slow.pdf"), slow as Extract),
                (input("bad.pdf"), panics),
                (input("good.pdf"), fast),
            ],
            None,
        );
        pool.limit = Duration::from_millis(800);
        let mut ctx = Context::default();
        let mut seen = Vec::new();
        while let Some((file, mut source)) = pool.next(&mut ctx, &AtomicBool::new(false)) {
            let name = file.rsplit('/').next().unwrap().to_string();
            while let Some(item) = source.next_item(&mut ctx) {
                seen.push(match item {
                    Item::Article(a) => format!("{name}: article {}", a.id),
                    Item::Problem(p) => format!("{name}: {}", p.message),
                    Item::Unchanged { .. } => format!("{name}: unchanged"),
                });
            }
        }
        seen[..2].sort();
        assert_eq!(
            seen,
            [
                "bad.pdf: the parser failed on this file (damaged or unusual); skipped",
                "good.pdf: article good.pdf",
                "slow.pdf: reading it took longer than 0.8 s; skipped",
            ]
        );
    }
}
