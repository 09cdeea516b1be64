//! The vectors of an index's articles, in one file beside the tantivy
//! index (`vectors.e5`): one unit vector per article, each value a byte
//! times the vector's own scale (384 + 4 bytes an article for e5-small),
//! with the article's id and input hash so that a later run embeds only
//! what is new or changed.
//!
//! The file is written whole to a temporary name and renamed over the old
//! one, so a run that is killed leaves the previous file readable.

use crate::model::Lang;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::SemanticError;

/// The file's name in the index folder.
pub const VECTORS_FILE: &str = "vectors.e5";
const MAGIC: &[u8; 8] = b"VSVEC\x03\n\0";
/// At most this many articles: a header asking for more is damage.
const MAX_COUNT: usize = 100_000_000;

/// What the vectors were made with: a file made with another model, or
/// another cut, is embedded again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Made {
    /// The model file's fingerprint ([`super::fingerprint`]).
    pub model: u64,
    /// At most this many pieces of each article were read.
    pub pieces: u32,
    /// Where the model was found when the vectors were made: searches look
    /// there first, without asking Python again.
    pub model_path: PathBuf,
}

/// What a vector's article is, kept beside it so that its neighbours in
/// other languages are found without reading the index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Its language.
    pub lang: Option<Lang>,
    /// Its date, in days since 1970-01-01.
    pub day: Option<i32>,
}

impl Facts {
    /// The language as a byte: 0 none, else its number plus one.
    fn pack(self) -> (u8, i32) {
        let lang = self.lang.map_or(0, |l| l.number().saturating_add(1));
        (lang, self.day.unwrap_or(i32::MIN))
    }

    fn unpack(lang: u8, day: i32) -> Facts {
        let lang = lang.checked_sub(1).and_then(Lang::of_number);
        Facts {
            lang,
            day: (day != i32::MIN).then_some(day),
        }
    }
}

/// Article vectors, quantised to bytes.
pub struct Vectors {
    /// How they were made.
    pub made: Made,
    /// Their length.
    pub dim: usize,
    ids: Vec<String>,
    hashes: Vec<u64>,
    facts: Vec<Facts>,
    scales: Vec<f32>,
    values: Vec<i8>,
    at: HashMap<String, usize>,
}

impl Vectors {
    /// No vectors yet, of length `dim`.
    pub fn new(made: Made, dim: usize) -> Vectors {
        Vectors {
            made,
            dim,
            ids: Vec::new(),
            hashes: Vec::new(),
            facts: Vec::new(),
            scales: Vec::new(),
            values: Vec::new(),
            at: HashMap::new(),
        }
    }

    /// How many articles have a vector.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether none has.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The article ids, in stored order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// The input hash the vector of `id` was made from.
    pub fn hash(&self, id: &str) -> Option<u64> {
        self.at.get(id).map(|&i| self.hashes[i])
    }

    /// The position of `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.at.get(id).copied()
    }

    /// What the article at `i` is.
    pub fn facts(&self, i: usize) -> Facts {
        self.facts[i]
    }

    /// Sets the vector of `id` (a unit vector of length `dim`).
    pub fn put(&mut self, id: &str, hash: u64, facts: Facts, vector: &[f32]) {
        let amax = vector.iter().fold(0f32, |m, v| m.max(v.abs()));
        let scale = if amax > 0.0 { amax / 127.0 } else { 1.0 };
        let bytes = vector
            .iter()
            .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8);
        match self.at.get(id) {
            Some(&i) => {
                self.hashes[i] = hash;
                self.facts[i] = facts;
                self.scales[i] = scale;
                for (q, b) in self.values[i * self.dim..][..self.dim]
                    .iter_mut()
                    .zip(bytes)
                {
                    *q = b;
                }
            }
            None => {
                self.at.insert(id.to_string(), self.ids.len());
                self.ids.push(id.to_string());
                self.hashes.push(hash);
                self.facts.push(facts);
                self.scales.push(scale);
                self.values.extend(bytes);
            }
        }
    }

    /// Keeps only the articles `keep` says yes to.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        let mut out = Vectors::new(self.made.clone(), self.dim);
        for (i, id) in self.ids.iter().enumerate().filter(|(_, id)| keep(id)) {
            out.at.insert(id.clone(), out.ids.len());
            out.ids.push(id.clone());
            out.hashes.push(self.hashes[i]);
            out.facts.push(self.facts[i]);
            out.scales.push(self.scales[i]);
            out.values
                .extend_from_slice(&self.values[i * self.dim..][..self.dim]);
        }
        *self = out;
    }

    /// The cosine of every article's vector with the unit vector `query`,
    /// in stored order.
    pub fn similarities(&self, query: &[f32]) -> Vec<f32> {
        (self.values.chunks_exact(self.dim))
            .zip(&self.scales)
            .map(|(v, &s)| s * dot_i8(v, query))
            .collect()
    }

    /// The cosine of every article's vector with that of the article at
    /// `i`, in stored order: integer dot products of the bytes.
    pub fn similarities_to(&self, i: usize) -> Vec<f32> {
        let (q, qs) = (&self.values[i * self.dim..][..self.dim], self.scales[i]);
        (self.values.chunks_exact(self.dim))
            .zip(&self.scales)
            .map(|(v, &s)| {
                let dot: i32 = v
                    .iter()
                    .zip(q)
                    .map(|(&a, &b)| i32::from(a) * i32::from(b))
                    .sum();
                dot as f32 * s * qs
            })
            .collect()
    }

    /// Reads the file at `path`.
    pub fn load(path: &Path) -> Result<Vectors, SemanticError> {
        let bytes = std::fs::read(path).map_err(|e| bad(path, e.to_string()))?;
        parse(&bytes).map_err(|why| bad(path, why))
    }

    /// Writes the vectors to `path`, atomically.
    pub fn save(&self, path: &Path) -> Result<(), SemanticError> {
        let tmp = path.with_extension("e5.tmp");
        let written = std::fs::File::create(&tmp).and_then(|f| {
            let mut out = std::io::BufWriter::new(f);
            self.write(&mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()
        });
        written
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                bad(path, e.to_string())
            })
    }

    fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(MAGIC)?;
        let path = self.made.model_path.to_string_lossy();
        for n in [self.dim, self.ids.len(), path.len()] {
            out.write_all(&(n as u32).to_le_bytes())?;
        }
        out.write_all(&self.made.model.to_le_bytes())?;
        out.write_all(&self.made.pieces.to_le_bytes())?;
        out.write_all(path.as_bytes())?;
        for (i, id) in self.ids.iter().enumerate() {
            out.write_all(&self.scales[i].to_le_bytes())?;
            out.write_all(&self.hashes[i].to_le_bytes())?;
            let (lang, day) = self.facts[i].pack();
            out.write_all(&[lang])?;
            out.write_all(&day.to_le_bytes())?;
            out.write_all(&(id.len() as u32).to_le_bytes())?;
            out.write_all(id.as_bytes())?;
            let v = &self.values[i * self.dim..][..self.dim];
            out.write_all(&v.iter().map(|&q| q as u8).collect::<Vec<u8>>())?;
        }
        Ok(())
    }
}

fn bad(path: &Path, why: String) -> SemanticError {
    SemanticError::BadVectors {
        path: path.to_path_buf(),
        why,
    }
}

/// A cursor over the file's bytes; every read is bounds-checked.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.0.len() {
            return Err("the file is cut short".into());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, String> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }

    fn text(&mut self, n: usize) -> Result<String, String> {
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "a name is not UTF-8".into())
    }
}

fn parse(bytes: &[u8]) -> Result<Vectors, String> {
    let mut r = Reader(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return Err("not a vsearch vector file".into());
    }
    let (dim, count, path_len) = (r.u32()? as usize, r.u32()? as usize, r.u32()? as usize);
    if dim == 0 || dim > 4096 || count > MAX_COUNT {
        return Err(format!(
            "{count} vectors of length {dim} is not a plausible header"
        ));
    }
    let model = r.u64()?;
    let pieces = r.u32()?;
    let model_path = PathBuf::from(r.text(path_len)?);
    let made = Made {
        model,
        pieces,
        model_path,
    };
    let mut out = Vectors::new(made, dim);
    for _ in 0..count {
        let scale = f32::from_bits(r.u32()?);
        let hash = r.u64()?;
        let lang = r.take(1)?[0];
        let facts = Facts::unpack(lang, r.u32()? as i32);
        let len = r.u32()? as usize;
        let id = r.text(len)?;
        if !scale.is_finite() || out.at.contains_key(&id) {
            return Err(format!(
                "the entry of {} is damaged",
                crate::model::quoted(&id)
            ));
        }
        out.at.insert(id.clone(), out.ids.len());
        out.ids.push(id);
        out.hashes.push(hash);
        out.facts.push(facts);
        out.scales.push(scale);
        out.values.extend(r.take(dim)?.iter().map(|&b| b as i8));
    }
    if !r.0.is_empty() {
        return Err("the file has bytes past its last vector".into());
    }
    Ok(out)
}

/// `⟨q, x⟩` of bytes and floats, in eight independent sums.
fn dot_i8(q: &[i8], x: &[f32]) -> f32 {
    let mut lanes = [0f32; 8];
    for (q, x) in q.chunks_exact(8).zip(x.chunks_exact(8)) {
        for i in 0..8 {
            lanes[i] += f32::from(q[i]) * x[i];
        }
    }
    let tail = q.len() / 8 * 8;
    let rest: f32 = (q[tail..].iter().zip(&x[tail..]))
        .map(|(&q, &x)| f32::from(q) * x)
        .sum();
    lanes.iter().sum::<f32>() + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made() -> Made {
        Made {
            model: 7,
            pieces: 256,
            model_path: PathBuf::from("/m/e5.bin"),
        }
    }

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    #[test]
    fn vectors_round_trip_and_keep_their_cosines() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(VECTORS_FILE);
        let mut v = Vectors::new(made(), 8);
        let a = unit(&[1.0, 2.0, 0.0, -1.0, 0.5, 0.0, 0.0, 3.0]);
        let b = unit(&[0.0, 1.0, 1.0, 0.0, 0.0, -2.0, 1.0, 0.0]);
        let vi = Facts {
            lang: Some(Lang::VI),
            day: Some(20_000),
        };
        v.put("a", 11, Facts::default(), &a);
        v.put("b", 12, vi, &b);
        v.put("a", 13, Facts::default(), &a);
        v.save(&path).unwrap();
        let back = Vectors::load(&path).unwrap();
        assert_eq!(back.ids(), ["a", "b"]);
        assert_eq!((back.hash("a"), back.hash("b")), (Some(13), Some(12)));
        assert_eq!(back.made, made());
        assert_eq!((back.facts(0), back.facts(1)), (Facts::default(), vi));
        let sims = back.similarities(&a);
        assert!((sims[0] - 1.0).abs() < 0.01, "{sims:?}");
        let exact: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((sims[1] - exact).abs() < 0.01, "{sims:?} vs {exact}");
        let to_b = back.similarities_to(1);
        assert!((to_b[1] - 1.0).abs() < 0.01 && (to_b[0] - exact).abs() < 0.01);
    }

    #[test]
    fn every_language_packs_into_a_byte_and_back() {
        let en: Lang = "en".parse().unwrap();
        let zh: Lang = "zh".parse().unwrap();
        for lang in [
            None,
            Some(Lang::VI),
            Some(Lang::ID),
            Some(Lang::DE),
            Some(en),
            Some(zh),
        ] {
            let facts = Facts {
                lang,
                day: Some(20_000),
            };
            let (byte, day) = facts.pack();
            assert_eq!(Facts::unpack(byte, day), facts, "{lang:?}");
        }
        // Each language has a byte of its own.
        let mut bytes: Vec<u8> = ["vi", "id", "de", "en", "fr", "zh"]
            .iter()
            .map(|c| {
                Facts {
                    lang: c.parse().ok(),
                    day: None,
                }
                .pack()
                .0
            })
            .collect();
        bytes.sort_unstable();
        bytes.dedup();
        assert_eq!(bytes.len(), 6);
    }

    #[test]
    fn a_damaged_file_is_named_not_read() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(VECTORS_FILE);
        let mut v = Vectors::new(made(), 8);
        v.put("a", 1, Facts::default(), &unit(&[1.0; 8]));
        v.save(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        let err = Vectors::load(&path).err().unwrap().to_string();
        assert_eq!(
            err,
            format!(
                "{}: the article vectors cannot be read: the file is cut short",
                path.display()
            )
        );
        std::fs::write(&path, b"hello").unwrap();
        assert!(Vectors::load(&path).is_err());
    }
}
