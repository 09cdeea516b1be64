//! The indexing run: reads the inputs, adds new and changed articles,
//! removes those whose files are gone, and commits once at the end.
//! tantivy swaps `meta.json` atomically, so a run that fails or is killed
//! leaves the previous commit searchable; `cancel` aborts without
//! committing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tantivy::indexer::UserOperation;
use tantivy::Index;

use super::options::IndexOptions;
use super::queue::Queue;
use super::target::{file_names, open_writer, tantivy_err, Target};
use super::timings::{process_cpu, thread_cpu, Stopwatch, Timings};
use crate::error::{Error, Result};
use crate::index::columns::{resolve_in, Columns};
use crate::index::layout::{documents, ArticleQuery};
use crate::index::schema::{Fields, Payload};
use crate::index::{open_tantivy, reset, state, State};
use crate::ingest::{by_type, Articles, Item, Kind, Problem};
use crate::model::Article;

/// What an indexing run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexReport {
    /// Articles new to the index.
    pub added: usize,
    /// Articles whose content changed and were replaced.
    pub updated: usize,
    /// Articles already indexed with the same content.
    pub unchanged: usize,
    /// Articles removed because their files, or their records, are gone.
    pub removed: usize,
    /// Files or lines left out.
    pub skipped: usize,
    /// Problems that did not keep a file or line out.
    pub warnings: usize,
    /// Passages written.
    pub passages: usize,
    /// Bytes of input read.
    pub bytes: u64,
    /// Wall time of the run.
    pub seconds: f64,
    /// Files in the folders walked of types vsearch does not read.
    pub unsupported: Vec<PathBuf>,
    /// Their types with counts, most common first (`.jpg`, 2).
    pub unsupported_types: Vec<(String, usize)>,
    /// Files converted to Unicode from a legacy encoding, per encoding
    /// (`TCVN3 (ABC)`, 2), most common first.
    pub converted: Vec<(String, usize)>,
    /// Where the run spent its time.
    pub timings: Timings,
    /// What the run found, one group per kind, in the order of [`Kind`].
    pub findings: Vec<Findings>,
}

/// The findings of one kind in a run: how many, and the first few.
#[derive(Clone, Debug, PartialEq)]
pub struct Findings {
    /// Their kind.
    pub kind: Kind,
    /// How many there were.
    pub count: usize,
    /// The first [`Findings::NAMED`] of them by file and line.
    pub first: Vec<Problem>,
}

impl Findings {
    /// Findings of a kind named in a run's summary; `--verbose` lists them
    /// all as they come.
    pub const NAMED: usize = 3;
}

impl IndexReport {
    /// Articles the index holds from the inputs given.
    pub fn articles(&self) -> usize {
        self.added + self.updated + self.unchanged
    }

    /// Files or lines left out because they could not be read: what makes
    /// a run exit 1 (broken links and warnings do not).
    pub fn unreadable(&self) -> usize {
        self.findings
            .iter()
            .find(|f| f.kind == Kind::Skipped)
            .map_or(0, |f| f.count)
    }

    fn found(&mut self, p: &Problem) {
        let at = self.findings.partition_point(|f| f.kind < p.kind);
        if self.findings.get(at).is_none_or(|f| f.kind != p.kind) {
            let group = Findings {
                kind: p.kind,
                count: 0,
                first: Vec::new(),
            };
            self.findings.insert(at, group);
        }
        // The first by file and line, not by when they came: parsers run
        // in parallel, and the summary is the same for the same files.
        let group = &mut self.findings[at];
        group.count += 1;
        let key = |q: &Problem| (q.path.clone(), q.line);
        let place = group.first.partition_point(|q| key(q) <= key(p));
        if place < Findings::NAMED {
            group.first.insert(place, p.clone());
            group.first.truncate(Findings::NAMED);
        }
    }
}

/// Receives what an indexing run reports as it goes.
pub trait Observer {
    /// A problem with an input (already counted in the report).
    fn problem(&mut self, problem: &Problem);
    /// Progress in input bytes.
    fn progress(&mut self, done: u64, total: u64);
    /// Progress of a semantic run, in articles embedded.
    fn embedding(&mut self, _done: usize, _total: usize) {}
}

/// An observer that ignores everything.
pub struct Silent;

impl Observer for Silent {
    fn problem(&mut self, _: &Problem) {}
    fn progress(&mut self, _: u64, _: u64) {}
}
/// Opens what `dir` holds for writing: `Some` an index to update, `None`
/// when a new one is to be created. Refuses folders that are not vsearch's.
fn open_target(dir: &Path, rebuild: bool) -> Result<Option<Index>> {
    let opened = match state(dir)? {
        State::Missing | State::Empty => return Ok(None),
        State::Foreign => return Err(Error::NotAnIndex(dir.to_path_buf())),
        // A first run still creating the index looks damaged from outside
        // (the marker is written, `meta.json` not yet): its lock says so.
        State::Damaged(message) => match crate::index::lock(dir) {
            Err(Error::Locked(path)) => return Err(Error::Locked(path)),
            _ => Err(Error::BadIndex {
                path: dir.to_path_buf(),
                message,
            }),
        },
        State::Committed => open_tantivy(dir, true),
        State::Uncommitted => open_tantivy(dir, false),
    };
    match opened {
        Ok((index, _)) => Ok(Some(index)),
        Err(Error::BadIndex { .. }) if rebuild => reset(dir).map(|()| None),
        Err(e) => Err(e),
    }
}

/// Article id → (input hash, file) of everything in the index.
fn indexed_articles(index: &Index, dir: &Path) -> Result<HashMap<String, (u64, String)>> {
    let reader = index.reader().map_err(|e| Error::damaged(dir, &e))?;
    let searcher = reader.searcher();
    let mut out = HashMap::new();
    for segment in searcher.segment_readers() {
        let columns = Columns::open(segment).map_err(|e| Error::damaged(dir, &e))?;
        let mut by_ord: HashMap<u64, (u64, Option<u64>)> = HashMap::new();
        for doc in segment.doc_ids_alive() {
            // The hash and file are on the article's first passage only.
            if let (Some(ord), Some(hash)) = (columns.article_ord(doc), columns.hash(doc)) {
                by_ord.entry(ord).or_insert((hash, columns.file_ord(doc)));
            }
        }
        let names = resolve_in(&columns.article, by_ord.keys().copied());
        let files = resolve_in(&columns.file, by_ord.values().filter_map(|v| v.1));
        for (ord, (hash, file)) in by_ord {
            if let Some(name) = names.get(&ord) {
                let file = file
                    .and_then(|f| files.get(&f).cloned())
                    .unwrap_or_default();
                out.entry(name.clone()).or_insert((hash, file));
            }
        }
    }
    Ok(out)
}

/// Indexes the articles under `paths` into `dir`, incrementally unless
/// `options.rebuild`, and removes articles whose files are gone from the
/// folders given. Commits once at the end; `cancel` aborts without
/// committing.
pub fn index(
    dir: &Path,
    paths: &[PathBuf],
    options: &IndexOptions,
    observer: &mut dyn Observer,
    cancel: &AtomicBool,
) -> Result<IndexReport> {
    // An input named that does not exist is a mistake in the command, not
    // a file to skip: nothing is indexed.
    let gone = |p: &&PathBuf| matches!(p.symlink_metadata(), Err(e) if e.kind() == std::io::ErrorKind::NotFound);
    if let Some(missing) = paths.iter().find(gone) {
        return Err(Error::NoSuchInput(missing.clone()));
    }
    let started = Instant::now();
    let cpu_before = (thread_cpu(), process_cpu());
    let existing = open_target(dir, options.rebuild)?;
    let mut target = Target {
        dir,
        before: file_names(dir),
        options,
        open: None,
        fields: Fields::schema().1,
        held: false,
    };
    let mut known = HashMap::new();
    if let Some(index) = existing {
        let writer = open_writer(&index, dir, options)?;
        // Files an earlier run wrote and never committed (it was killed,
        // or the disk was full) go first.
        let _ = writer.garbage_collect_files().wait();
        if options.rebuild {
            writer
                .delete_all_documents()
                .map_err(|e| tantivy_err(dir, "clearing the index", e))?;
        } else {
            known = indexed_articles(&index, dir)?;
        }
        target.open = Some((index, writer));
        target.held = true;
    }
    let hashes = known
        .iter()
        .map(|(id, (hash, _))| (id.clone(), *hash))
        .collect();
    let articles =
        Articles::new(paths, Some(dir), options.extractor.clone()).skip_unchanged(hashes);
    let mut run = Run {
        target,
        observer,
        report: IndexReport::default(),
        seen: HashMap::new(),
        queue: Queue::new(),
    };
    match run.all(articles, &known, options.rebuild, cancel) {
        Ok(()) => {
            run.report.seconds = started.elapsed().as_secs_f64();
            let timings = &mut run.report.timings;
            let since = |(now, before): (Duration, Duration)| now.saturating_sub(before);
            timings.reader_cpu = thread_cpu().zip(cpu_before.0).map(since);
            timings.process_cpu = process_cpu().zip(cpu_before.1).map(since);
            Ok(run.report)
        }
        Err(e) => Err(run.target.abandon(e)),
    }
}
/// The state of one run.
struct Run<'a> {
    target: Target<'a>,
    observer: &'a mut dyn Observer,
    report: IndexReport,
    /// Ids read in this run, with their hashes.
    seen: HashMap<String, u64>,
    /// What this run has handed to tantivy and what was analysed.
    queue: Queue,
}

impl Run<'_> {
    /// The whole run: read and write every article, remove those gone,
    /// commit.
    fn all(
        &mut self,
        articles: Articles,
        known: &HashMap<String, (u64, String)>,
        rebuild: bool,
        cancel: &AtomicBool,
    ) -> Result<()> {
        let articles = self.read(articles, cancel)?;
        self.remove_gone(&articles, known)?;
        self.report.bytes = articles.bytes_read();
        self.report.unsupported_types = by_type(&articles.unsupported);
        self.report.unsupported = articles.unsupported;
        let mut clock = Stopwatch::start();
        let committed = self.commit(rebuild, cancel);
        clock.lap(&mut self.report.timings.commit);
        committed
    }

    /// Reads every item, writing articles as they come.
    fn read(&mut self, mut articles: Articles, cancel: &AtomicBool) -> Result<Articles> {
        let total = articles.total_bytes;
        let mut clock = Stopwatch::start();
        while let Some(item) = articles.next_unless(cancel) {
            clock.lap(&mut self.report.timings.read);
            if cancel.load(Ordering::Relaxed) {
                return Err(Error::Interrupted);
            }
            match item {
                Item::Problem(p) => self.problem(&p),
                Item::Unchanged { id, hash } => {
                    if self.seen.insert(id, hash).is_none() {
                        self.report.unchanged += 1;
                    }
                }
                Item::Article(a) => {
                    self.observer.progress(articles.bytes_read(), total);
                    let indexed = articles.indexed_hash(&a.id);
                    self.article(*a, indexed)?;
                }
            }
            // What `article` did is timed there.
            clock = Stopwatch::start();
        }
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Interrupted);
        }
        Ok(articles)
    }

    fn problem(&mut self, p: &Problem) {
        self.report.found(p);
        if p.kind.is_info() {
            self.observer.problem(p);
            return;
        }
        if p.skipped {
            self.report.skipped += 1;
        } else if let Some(from) = &p.from {
            let converted = &mut self.report.converted;
            match converted.iter_mut().find(|(name, _)| name == from) {
                Some((_, n)) => *n += 1,
                None => converted.push((from.clone(), 1)),
            }
            converted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        } else {
            self.report.warnings += 1;
        }
        self.observer.problem(p);
    }

    /// Writes one article, replacing what the index held under its id.
    fn article(&mut self, article: Article, indexed: Option<u64>) -> Result<()> {
        let mut replaces = false;
        if self.seen.insert(article.id.clone(), article.hash).is_some() {
            // The same id twice in one run: the last one wins.
            let message = format!(
                "duplicate id {}: replaces the article read earlier with this id",
                crate::model::quoted(&article.id)
            );
            self.problem(&Problem::warning(&article.path, article.line, message));
            replaces = true;
        } else {
            match indexed {
                Some(hash) if hash == article.hash => {
                    self.report.unchanged += 1;
                    return Ok(());
                }
                Some(_) => {
                    replaces = true;
                    self.report.updated += 1;
                }
                None => self.report.added += 1,
            }
        }
        // Created on the first article; its fields are the schema's.
        let (fields, dir) = (self.target.fields, self.target.dir);
        let writer = self.target.writer()?;
        if replaces {
            // Before the new passages: a delete only reaches older ones.
            let query = ArticleQuery::new(&fields, &article.id);
            writer
                .delete_query(Box::new(query))
                .map_err(|e| tantivy_err(dir, "deleting an article", e))?;
        }
        let mut clock = Stopwatch::start();
        let docs = documents(&self.target.fields, &article);
        clock.lap(&mut self.report.timings.documents);
        let passages = docs.len();
        self.report.passages += passages;
        let bytes: usize = article.passages.iter().map(String::len).sum();
        // One batch: the passages land consecutively in one segment.
        self.target
            .writer()?
            .run(docs.into_iter().map(UserOperation::Add))
            .map_err(|e| tantivy_err(self.target.dir, "adding documents", e))?;
        self.queue.handed(passages, bytes);
        clock.lap(&mut self.report.timings.hand_over);
        Ok(())
    }

    /// Deletes the indexed articles whose files are gone from the folders
    /// given, or whose records are gone from files read whole.
    fn remove_gone(
        &mut self,
        articles: &Articles,
        known: &HashMap<String, (u64, String)>,
    ) -> Result<()> {
        let gone: Vec<&String> = known
            .iter()
            .filter(|(id, (_, file))| !self.seen.contains_key(*id) && articles.is_gone(file))
            .map(|(id, _)| id)
            .collect();
        if gone.is_empty() {
            return Ok(());
        }
        let (fields, dir) = (self.target.fields, self.target.dir);
        let writer = self.target.writer()?;
        for id in &gone {
            writer
                .delete_query(Box::new(ArticleQuery::new(&fields, id)))
                .map_err(|e| tantivy_err(dir, "deleting an article", e))?;
        }
        self.report.removed = gone.len();
        Ok(())
    }

    /// Commits when anything changed (or a rebuild asked to start over),
    /// unless `cancel` is set before the commit point: preparing the commit
    /// waits for the indexing threads, so the flag is checked after that.
    fn commit(&mut self, rebuild: bool, cancel: &AtomicBool) -> Result<()> {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Interrupted);
        }
        let r = &self.report;
        let changed = r.added + r.updated + r.removed > 0 || rebuild;
        let dir = self.target.dir;
        let Some((_, writer)) = self.target.open.as_mut().filter(|_| changed) else {
            return Ok(());
        };
        let mut commit = writer
            .prepare_commit()
            .map_err(|e| tantivy_err(dir, "preparing the commit", e))?;
        if cancel.load(Ordering::Relaxed) {
            commit
                .abort()
                .map_err(|e| tantivy_err(dir, "abandoning the commit", e))?;
            return Err(Error::Interrupted);
        }
        commit.set_payload(&Payload::current());
        commit
            .commit()
            .map_err(|e| tantivy_err(dir, "committing", e))?;
        if let Some((_, writer)) = self.target.open.take() {
            writer
                .wait_merging_threads()
                .map_err(|e| tantivy_err(dir, "merging segments", e))?;
        }
        Ok(())
    }
}
