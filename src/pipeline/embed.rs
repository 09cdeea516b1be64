//! The semantic run: after the lexical commit, every article the index
//! holds gets a vector ([`crate::semantic::Vectors`]) unless it has one
//! made from the same input by the same model. Vectors of articles no
//! longer indexed are dropped. Progress is saved every half minute and
//! when the run is cancelled, so an interrupted run loses at most that much
//! work and the next one goes on from there; the lexical index is never
//! touched, and searches work all along.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::run::Observer;
use super::target::tantivy_err;
use crate::error::{Error, Result};
use crate::index::columns::{resolve_in, Columns};
use crate::index::schema::Fields;
use crate::semantic::{fingerprint, Embedder, Facts, Made, Role, Vectors, VECTORS_FILE};

/// At most this many pieces of an article are read: its title and lead,
/// which say what it is about. Encoding costs grow with the pieces read;
/// 128 keeps indexing near a tenth of a second an article on two cores.
const LEAD_PIECES: usize = 128;
/// Characters of an article read to make those pieces (a piece is three
/// to five characters in these languages).
const LEAD_CHARS: usize = LEAD_PIECES * 8;
/// Articles embedded between checks of the cancel flag.
const BATCH: usize = 8;
/// Progress is saved this often.
const SAVE_EVERY: Duration = Duration::from_secs(30);

/// What a semantic run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedReport {
    /// Articles embedded in this run.
    pub embedded: usize,
    /// Articles whose vectors were already there.
    pub kept: usize,
    /// Vectors dropped because their articles are gone.
    pub dropped: usize,
    /// Wall time spent embedding.
    pub seconds: f64,
}

/// Passages of an article read at most: enough for [`LEAD_CHARS`] unless
/// they are very short.
const LEAD_PASSAGES: u64 = 8;

/// An article to embed: its id, input hash and first passages.
struct Todo {
    id: String,
    hash: u64,
    facts: Facts,
    passages: Vec<DocAddress>,
}

/// Gives every article in the index at `dir` a vector made by `embedder`
/// (loaded from `model_path`), reporting progress to `observer`.
pub fn embed(
    dir: &Path,
    embedder: &Embedder,
    model_path: &Path,
    observer: &mut dyn Observer,
    cancel: &AtomicBool,
) -> Result<EmbedReport> {
    let _lock = crate::index::lock(dir)?;
    let (index, fields) = crate::index::open(dir)?;
    let reader = index.reader().map_err(|e| Error::damaged(dir, &e))?;
    let searcher = reader.searcher();
    let articles = articles(&searcher, dir)?;
    let made = Made {
        model: fingerprint(model_path).map_err(|e| Error::io(model_path, e))?,
        pieces: LEAD_PIECES as u32,
        model_path: model_path.to_path_buf(),
    };
    let path = dir.join(VECTORS_FILE);
    let mut vectors = match Vectors::load(&path) {
        Ok(v) if v.made == made && v.dim == embedder.dim() => v,
        _ => Vectors::new(made, embedder.dim()),
    };
    let present: HashSet<String> = articles.iter().map(|a| a.id.clone()).collect();
    let before = vectors.len();
    vectors.retain(|id| present.contains(id));
    let mut report = EmbedReport {
        dropped: before - vectors.len(),
        ..EmbedReport::default()
    };
    let todo: Vec<&Todo> = (articles.iter())
        .filter(|a| vectors.hash(&a.id) != Some(a.hash))
        .collect();
    report.kept = present.len() - todo.len();
    let started = Instant::now();
    let job = Job {
        dir,
        searcher: &searcher,
        fields: &fields,
        embedder,
        path: &path,
    };
    let outcome = job.embed_all(&todo, &mut vectors, observer, cancel);
    report.seconds = started.elapsed().as_secs_f64();
    if report.dropped > 0 || !todo.is_empty() || !path.exists() {
        vectors.save(&path)?;
    }
    report.embedded = outcome?;
    Ok(report)
}

/// What a semantic run works with.
struct Job<'a> {
    dir: &'a Path,
    searcher: &'a Searcher,
    fields: &'a Fields,
    embedder: &'a Embedder,
    /// The vector file.
    path: &'a Path,
}

impl Job<'_> {
    /// Embeds `todo` in batches, saving every [`SAVE_EVERY`]; the count
    /// done, or [`Error::EmbeddingInterrupted`] when `cancel` is set.
    fn embed_all(
        &self,
        todo: &[&Todo],
        vectors: &mut Vectors,
        observer: &mut dyn Observer,
        cancel: &AtomicBool,
    ) -> Result<usize> {
        let mut saved = Instant::now();
        let mut done = 0;
        observer.embedding(0, todo.len());
        for batch in todo.chunks(BATCH) {
            if cancel.load(Ordering::Relaxed) {
                let total = todo.len();
                return Err(Error::EmbeddingInterrupted { done, total });
            }
            let texts = (batch.iter())
                .map(|t| self.lead(&t.passages))
                .collect::<Result<Vec<String>>>()?;
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let made = self.embedder.embed_leads(&refs, Role::Passage, LEAD_PIECES);
            for (t, v) in batch.iter().zip(made) {
                vectors.put(&t.id, t.hash, t.facts, &v);
            }
            done += batch.len();
            observer.embedding(done, todo.len());
            if saved.elapsed() >= SAVE_EVERY {
                vectors.save(self.path)?;
                saved = Instant::now();
            }
        }
        Ok(done)
    }

    /// What is embedded of an article, from its first `passages`: its
    /// title and text, up to [`LEAD_CHARS`].
    fn lead(&self, passages: &[DocAddress]) -> Result<String> {
        let mut text = String::new();
        for (n, &at) in passages.iter().enumerate() {
            if text.len() >= LEAD_CHARS {
                break;
            }
            let doc: TantivyDocument = (self.searcher.doc(at))
                .map_err(|e| tantivy_err(self.dir, "reading an article to embed", e))?;
            let title = (n == 0).then(|| doc.get_first(self.fields.title)).flatten();
            for part in [title, doc.get_first(self.fields.text)]
                .into_iter()
                .flatten()
            {
                text.push_str(part.as_str().unwrap_or_default());
                text.push('\n');
            }
        }
        let cut = (0..=LEAD_CHARS.min(text.len()))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        text.truncate(cut);
        Ok(text)
    }
}

/// Every article in the index: id, hash and first passage.
fn articles(searcher: &Searcher, dir: &Path) -> Result<Vec<Todo>> {
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let columns = Columns::open(segment).map_err(|e| Error::damaged(dir, &e))?;
        let mut firsts = Vec::new();
        for doc in segment.doc_ids_alive() {
            if let (Some(0), Some(a), Some(hash)) = (
                columns.passage(doc),
                columns.article_ord(doc),
                columns.hash(doc),
            ) {
                firsts.push((a, hash, doc));
            }
        }
        let names = resolve_in(&columns.article, firsts.iter().map(|f| f.0));
        for (a, hash, first) in firsts {
            let Some(id) = names.get(&a) else { continue };
            let passages = (first..segment.max_doc())
                .zip(0..LEAD_PASSAGES)
                .take_while(|&(doc, n)| {
                    columns.passage(doc) == Some(n) && columns.article_ord(doc) == Some(a)
                })
                .map(|(doc, _)| DocAddress::new(ord as u32, doc))
                .collect();
            let facts = Facts {
                lang: columns.lang(first).and_then(|l| l.parse().ok()),
                day: (columns.date(first)).and_then(|d| i32::try_from(d.days_since_epoch()).ok()),
            };
            out.push(Todo {
                id: id.clone(),
                hash,
                facts,
                passages,
            });
        }
    }
    Ok(out)
}
