//! The tantivy index of passages: its schema, opening it safely, and the
//! incremental indexing run.
//!
//! One tantivy document per passage. Stored: the passage text, and on an
//! article's first passage only, its path, title and source. Fast fields:
//! article id, language, date, passage number and content hash (read per hit
//! and for facet counts, see [`crate::facets`]). Indexed: the analysed views
//! of the text (see [`crate::analysis`]), article id, language and date for
//! filters and deletes, and the canonical document references of
//! [`crate::refs`].
//!
//! An article's passages are added as one batch, so they are consecutive
//! documents of one segment (merges keep that order): a hit on passage `n`
//! finds its article's stored metadata `n` documents earlier.
//!
//! A run commits once, at the end: tantivy swaps `meta.json` atomically, so a
//! run that fails or is killed leaves the previous commit searchable.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::indexer::UserOperation;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{doc, Index, IndexSettings, IndexWriter, TantivyDocument, TantivyError, Term};

use crate::analysis::{self, View};
use crate::columns;
use crate::error::{Error, Result};
use crate::ingest::{Article, Articles, Item, Problem};
use crate::lang::Lang;
use crate::refs;

/// Version of the schema and analysis; an index of another version must be
/// rebuilt.
pub const SCHEMA_VERSION: u32 = 4;

/// The payload vsearch writes with every commit.
#[derive(Serialize, Deserialize)]
struct Payload {
    schema_version: u32,
}

/// The fields of the schema.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Article id (raw, fast).
    pub article: Field,
    /// Path of the article's file, stored on its first passage.
    pub path: Field,
    /// Title, stored on the first passage.
    pub title: Field,
    /// Source URL, stored on the first passage.
    pub source: Field,
    /// Language code (raw, fast).
    pub lang: Field,
    /// Publication date (indexed, fast).
    pub date: Field,
    /// Passage number within the article, from 0 (fast).
    pub passage: Field,
    /// Content hash of the article, for incremental runs.
    pub hash: Field,
    /// The passage text, stored only.
    pub text: Field,
    /// [`View::Exact`] of Vietnamese and undetected passages.
    pub exact: Field,
    /// The shared normalised field: [`View::Folded`] of Vietnamese and
    /// undetected passages, [`View::German`] of German ones,
    /// [`View::Indonesian`] of Indonesian ones.
    pub norm: Field,
    /// Canonical reference keys (`72-NQ`).
    pub refs: Field,
    /// Reference key and written form (`72-NQ\t72-NQ/TW`), for listings.
    pub ref_form: Field,
}

impl Fields {
    /// The schema and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let analysed = |analyzer: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyzer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        let fields = Fields {
            article: b.add_text_field("article", STRING | FAST),
            path: b.add_text_field("path", STORED),
            title: b.add_text_field("title", STORED),
            source: b.add_text_field("source", STORED),
            lang: b.add_text_field("lang", STRING | FAST),
            date: b.add_date_field(
                "date",
                DateOptions::from(INDEXED | FAST).set_precision(DateTimePrecision::Seconds),
            ),
            passage: b.add_u64_field("passage", FAST),
            hash: b.add_u64_field("hash", FAST),
            text: b.add_text_field("text", STORED),
            exact: b.add_text_field("exact", analysed(analysis::EXACT_ANALYZER)),
            norm: b.add_text_field("norm", analysed(analysis::NORM_ANALYZER)),
            // No field norms: citing other documents besides does not make
            // a passage cite this one less.
            refs: b.add_text_field(
                "refs",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer("raw")
                        .set_fieldnorms(false),
                ),
            ),
            ref_form: b.add_text_field("ref_form", STRING),
        };
        (b.build(), fields)
    }

    /// The field holding a view.
    pub fn view(&self, view: View) -> Field {
        if view.is_shared() {
            self.norm
        } else {
            self.exact
        }
    }
}

fn bad_index(dir: &Path, message: impl Into<String>) -> Error {
    Error::BadIndex {
        path: dir.to_path_buf(),
        message: message.into(),
    }
}

/// Whether `dir` holds a committed index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index in `dir`, checking that this version of vsearch can read it.
pub fn open(dir: &Path) -> Result<(Index, Fields)> {
    if dir.is_file() {
        return Err(Error::NotADirectory(dir.to_path_buf()));
    }
    if !exists(dir) {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    let index = Index::open_in_dir(dir).map_err(|e| Error::damaged(dir, &e))?;
    let metas = index
        .load_metas()
        .map_err(|e| bad_index(dir, format!("cannot read meta.json: {e}")))?;
    let version = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str::<Payload>(p).ok())
        .map(|p| p.schema_version);
    if version != Some(SCHEMA_VERSION) {
        let found = version.map_or("no version".to_string(), |v| format!("version {v}"));
        return Err(bad_index(
            dir,
            format!("index has {found}, this vsearch reads version {SCHEMA_VERSION}"),
        ));
    }
    let (expected, fields) = Fields::schema();
    if index.schema() != expected {
        return Err(bad_index(dir, "index schema differs from this vsearch's"));
    }
    analysis::register(index.tokenizers());
    Ok((index, fields))
}

/// Settings of an indexing run.
#[derive(Clone, Debug)]
pub struct IndexOptions {
    /// Drop everything indexed before (still atomically: the old index stays
    /// until the new one commits).
    pub rebuild: bool,
    /// Indexing threads.
    pub threads: usize,
    /// Writer memory budget in bytes, shared by the threads.
    pub heap_bytes: usize,
}

impl Default for IndexOptions {
    fn default() -> IndexOptions {
        IndexOptions {
            rebuild: false,
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(4),
            heap_bytes: 256 << 20,
        }
    }
}

/// What an indexing run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexReport {
    /// Articles new to the index.
    pub added: usize,
    /// Articles whose content changed and were replaced.
    pub updated: usize,
    /// Articles already indexed with the same content.
    pub unchanged: usize,
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
}

/// Receives what an indexing run reports as it goes.
pub trait Observer {
    /// A problem with an input (already counted in the report).
    fn problem(&mut self, problem: &Problem);
    /// Progress in input bytes.
    fn progress(&mut self, done: u64, total: u64);
}

/// An observer that ignores everything.
pub struct Silent;

impl Observer for Silent {
    fn problem(&mut self, _: &Problem) {}
    fn progress(&mut self, _: u64, _: u64) {}
}

fn create(dir: &Path) -> Result<(Index, Fields)> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // Leftovers of a first run that never committed.
    for entry in std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .flatten()
    {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.ends_with(".idx")
            || name.ends_with(".term")
            || name.ends_with(".pos")
            || name.ends_with(".store")
            || name.ends_with(".fast")
            || name.ends_with(".fieldnorm")
            || name.ends_with(".del")
            || name == "meta.json"
            || name == ".managed.json";
        if ours {
            std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    let (schema, fields) = Fields::schema();
    // zstd halves the stored text against lz4 and still decompresses a
    // 10-hit page in microseconds.
    let settings = IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor::default()),
        ..IndexSettings::default()
    };
    let index = Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(dir)
        .map_err(|e| bad_index(dir, format!("cannot create index: {e}")))?;
    analysis::register(index.tokenizers());
    Ok((index, fields))
}

/// Article id → content hash of everything in the index.
fn indexed_hashes(index: &Index, dir: &Path) -> Result<HashMap<String, u64>> {
    let reader = index.reader().map_err(|e| Error::damaged(dir, &e))?;
    let searcher = reader.searcher();
    let mut out = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (Ok(Some(articles)), Ok(hashes)) = (fast.str("article"), fast.u64("hash")) else {
            continue;
        };
        let mut by_ord: HashMap<u64, u64> = HashMap::new();
        for doc in segment.doc_ids_alive() {
            if let (Some(ord), Some(hash)) = (columns::first_ord(&articles, doc), hashes.first(doc))
            {
                by_ord.entry(ord).or_insert(hash);
            }
        }
        let names = columns::resolve(&articles, by_ord.keys().copied());
        for (ord, hash) in by_ord {
            if let Some(name) = names.get(&ord) {
                out.entry(name.clone()).or_insert(hash);
            }
        }
    }
    Ok(out)
}

fn open_writer(index: &Index, dir: &Path, options: &IndexOptions) -> Result<IndexWriter> {
    let threads = options.threads.max(1);
    let heap = options.heap_bytes.max((threads * 16) << 20);
    index
        .writer_with_num_threads(threads, heap)
        .map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => Error::Locked(dir.to_path_buf()),
            e => Error::tantivy(format!("{}: opening the index writer", dir.display()), e),
        })
}

/// The tantivy documents of an article, one per passage; the first holds
/// the article's stored metadata.
pub fn documents(fields: &Fields, article: &Article) -> Vec<TantivyDocument> {
    let mut docs = Vec::with_capacity(article.passages.len());
    for (n, text) in article.passages.iter().enumerate() {
        let mut d = doc!(
            fields.article => article.id.as_str(),
            fields.passage => n as u64,
            fields.hash => article.hash,
            fields.text => text.as_str(),
        );
        for &view in Lang::indexed_views(article.lang) {
            if view.is_shared() {
                d.add_text(fields.norm, view.tagged(text));
            } else {
                d.add_text(fields.exact, text);
            }
        }
        if n == 0 {
            d.add_text(fields.path, &article.path);
            if let Some(title) = &article.title {
                d.add_text(fields.title, title);
            }
            if let Some(source) = &article.source {
                d.add_text(fields.source, source);
            }
        }
        if let Some(lang) = article.lang {
            d.add_text(fields.lang, lang.code());
        }
        if let Some(date) = article.date {
            d.add_date(fields.date, date.to_datetime());
        }
        for r in refs::extract(text) {
            d.add_text(fields.ref_form, format!("{}\t{}", r.key, r.display));
            d.add_text(fields.refs, r.key);
        }
        docs.push(d);
    }
    docs
}

/// Indexes the articles under `paths` into `dir`, incrementally unless
/// `options.rebuild`. Commits once at the end; `cancel` aborts without
/// committing.
pub fn index_paths(
    dir: &Path,
    paths: &[PathBuf],
    options: &IndexOptions,
    observer: &mut dyn Observer,
    cancel: &AtomicBool,
) -> Result<IndexReport> {
    let started = Instant::now();
    let fresh = !exists(dir);
    let (index, fields) = match open(dir) {
        Ok(opened) => opened,
        Err(Error::NoIndex(_)) => create(dir)?,
        Err(Error::BadIndex { .. }) if options.rebuild => create(dir)?,
        Err(e) => return Err(e),
    };
    let mut writer = open_writer(&index, dir, options)?;
    let known = if fresh || options.rebuild {
        HashMap::new()
    } else {
        indexed_hashes(&index, dir)?
    };
    if options.rebuild && !fresh {
        writer
            .delete_all_documents()
            .map_err(|e| Error::tantivy(format!("{}: clearing the index", dir.display()), e))?;
    }
    let mut report = IndexReport::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut articles = Articles::new(paths).skip_unchanged(known);
    let total = articles.total_bytes;
    let tantivy_err = |e| Error::tantivy(format!("{}: adding documents", dir.display()), e);
    while let Some(item) = articles.next() {
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Interrupted);
        }
        let article = match item {
            Item::Problem(p) => {
                if p.skipped {
                    report.skipped += 1;
                } else {
                    report.warnings += 1;
                }
                observer.problem(&p);
                continue;
            }
            Item::Unchanged { id, hash } => {
                if seen.insert(id, hash).is_none() {
                    report.unchanged += 1;
                }
                continue;
            }
            Item::Article(a) => a,
        };
        observer.progress(articles.bytes_read(), total);
        let mut ops = Vec::new();
        let earlier_in_run = seen.insert(article.id.clone(), article.hash);
        if earlier_in_run.is_some() {
            // The same id twice in one run: the last one wins.
            report.warnings += 1;
            let message = format!(
                "duplicate id {:?}: replaces the article read earlier with this id",
                article.id
            );
            observer.problem(&Problem::warning(&article.path, None, message));
            ops.push(UserOperation::Delete(Term::from_field_text(
                fields.article,
                &article.id,
            )));
        } else {
            match articles.indexed_hash(&article.id) {
                Some(hash) if hash == article.hash => {
                    report.unchanged += 1;
                    continue;
                }
                Some(_) => {
                    ops.push(UserOperation::Delete(Term::from_field_text(
                        fields.article,
                        &article.id,
                    )));
                    report.updated += 1;
                }
                None => report.added += 1,
            }
        }
        let docs = documents(&fields, &article);
        report.passages += docs.len();
        // One batch: the passages land consecutively in one segment.
        ops.extend(docs.into_iter().map(UserOperation::Add));
        writer.run(ops).map_err(tantivy_err)?;
    }
    report.bytes = articles.bytes_read();
    if cancel.load(Ordering::Relaxed) {
        return Err(Error::Interrupted);
    }
    if report.added + report.updated > 0 || options.rebuild || fresh {
        let payload = serde_json::to_string(&Payload {
            schema_version: SCHEMA_VERSION,
        })
        .unwrap_or_default();
        let mut commit = writer
            .prepare_commit()
            .map_err(|e| Error::tantivy(format!("{}: preparing the commit", dir.display()), e))?;
        commit.set_payload(&payload);
        commit
            .commit()
            .map_err(|e| Error::tantivy(format!("{}: committing", dir.display()), e))?;
        writer
            .wait_merging_threads()
            .map_err(|e| Error::tantivy(format!("{}: merging segments", dir.display()), e))?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}
