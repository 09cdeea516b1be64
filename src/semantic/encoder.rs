//! The encoder: multilingual-e5-small's BERT layers over the pieces of a
//! text, mean-pooled and normalised to one vector of 384 numbers. A text
//! longer than the model's 512 positions is read in windows of 510
//! pieces, and its vector is the windows' means weighted by their pieces,
//! as the package's C reference does.

use super::file::{Dims, ModelFile, BLOCK_BYTES, QK};
use super::kernels::{add_norm, dot, gelu, in_column_blocks, q4_row, Q4Matrix, Quantised};

/// The word embeddings, left in the mapped file (250,002 rows: widened
/// they would take 96 MB and most of the load time); a text's rows are
/// turned into floats as it is read.
fn words(file: &ModelFile) -> Result<&[u8], String> {
    let d = file.dims;
    file.tensor("emb.word", d.vocab * d.hidden / QK * BLOCK_BYTES)
}

/// One transformer layer's weights.
struct Layer {
    q: (Q4Matrix, Vec<f32>),
    k: (Q4Matrix, Vec<f32>),
    v: (Q4Matrix, Vec<f32>),
    out: (Q4Matrix, Vec<f32>),
    attn_norm: (Vec<f32>, Vec<f32>),
    up: (Q4Matrix, Vec<f32>),
    down: (Q4Matrix, Vec<f32>),
    out_norm: (Vec<f32>, Vec<f32>),
}

/// The encoder's weights.
pub(crate) struct Encoder {
    pub dims: Dims,
    positions: Vec<f32>,
    token_type: Vec<f32>,
    norm: (Vec<f32>, Vec<f32>),
    layers: Vec<Layer>,
    /// The cores a text's encoding may use.
    pub threads: usize,
}

impl Encoder {
    /// The weights of `file`.
    pub(crate) fn new(file: &ModelFile) -> Result<Encoder, String> {
        let d = file.dims;
        words(file)?;
        let q4 = |name: &str, rows: usize, cols: usize| -> Result<Q4Matrix, String> {
            let raw = file.tensor(name, rows * cols / QK * BLOCK_BYTES)?;
            Ok(Q4Matrix::new(raw, rows, cols))
        };
        let linear = |l: usize, name: &str, rows: usize, cols: usize| {
            Ok::<_, String>((
                q4(&format!("l{l}.{name}.w"), rows, cols)?,
                file.f32s(&format!("l{l}.{name}.b"), rows)?,
            ))
        };
        let norm = |name: &str| {
            Ok::<_, String>((
                file.f32s(&format!("{name}.w"), d.hidden)?,
                file.f32s(&format!("{name}.b"), d.hidden)?,
            ))
        };
        let mut layers = Vec::with_capacity(d.layers);
        for l in 0..d.layers {
            layers.push(Layer {
                q: linear(l, "q", d.hidden, d.hidden)?,
                k: linear(l, "k", d.hidden, d.hidden)?,
                v: linear(l, "v", d.hidden, d.hidden)?,
                out: linear(l, "ao", d.hidden, d.hidden)?,
                attn_norm: norm(&format!("l{l}.aln"))?,
                up: linear(l, "fi", d.ff, d.hidden)?,
                down: linear(l, "fo", d.hidden, d.ff)?,
                out_norm: norm(&format!("l{l}.oln"))?,
            });
        }
        Ok(Encoder {
            dims: d,
            positions: file.f32s("emb.pos", d.positions * d.hidden)?,
            token_type: file.f32s("emb.type", d.hidden)?,
            norm: norm("emb.ln")?,
            layers,
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8),
        })
    }

    /// The mean of the last layer over the pieces `ids` (`<s>` and `</s>`
    /// included), not normalised, on up to `threads` threads.
    pub(crate) fn mean(&self, file: &ModelFile, ids: &[u32], threads: usize) -> Vec<f32> {
        let h = self.dims.hidden;
        let words = words(file).unwrap_or_default();
        let row_bytes = h / QK * BLOCK_BYTES;
        let mut x = vec![0f32; ids.len() * h];
        for (p, (row, &id)) in x.chunks_exact_mut(h).zip(ids).enumerate() {
            let at = id as usize * row_bytes;
            if let Some(raw) = words.get(at..at + row_bytes) {
                q4_row(raw, row);
            }
            let pos = &self.positions[p * h..][..h];
            for ((v, p), t) in row.iter_mut().zip(pos).zip(&self.token_type) {
                *v += p + t;
            }
        }
        add_norm(&mut x, None, &self.norm.0, &self.norm.1, self.dims.eps);
        for layer in &self.layers {
            self.layer(layer, &mut x, ids.len(), threads.max(1));
        }
        let mut mean = vec![0f32; h];
        for row in x.chunks_exact(h) {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v;
            }
        }
        let n = ids.len().max(1) as f32;
        mean.iter_mut().for_each(|m| *m /= n);
        mean
    }

    fn layer(&self, l: &Layer, x: &mut [f32], tokens: usize, threads: usize) {
        let (h, eps) = (self.dims.hidden, self.dims.eps);
        let input = Quantised::new(x, h);
        let mut q = vec![0f32; tokens * h];
        let mut k = vec![0f32; tokens * h];
        let mut v = vec![0f32; tokens * h];
        l.q.0.apply(&input, &l.q.1, &mut q, threads);
        l.k.0.apply(&input, &l.k.1, &mut k, threads);
        l.v.0.apply(&input, &l.v.1, &mut v, threads);
        let context = self.attention(&q, &k, &v, tokens, threads);
        let mut attended = vec![0f32; tokens * h];
        l.out.0.apply(
            &Quantised::new(&context, h),
            &l.out.1,
            &mut attended,
            threads,
        );
        add_norm(x, Some(&attended), &l.attn_norm.0, &l.attn_norm.1, eps);
        let mut mid = vec![0f32; tokens * self.dims.ff];
        l.up.0
            .apply(&Quantised::new(x, h), &l.up.1, &mut mid, threads);
        mid.iter_mut().for_each(|m| *m = gelu(*m));
        let mut down = vec![0f32; tokens * h];
        l.down.0.apply(
            &Quantised::new(&mid, self.dims.ff),
            &l.down.1,
            &mut down,
            threads,
        );
        add_norm(x, Some(&down), &l.out_norm.0, &l.out_norm.1, eps);
    }

    /// Scaled dot-product attention of every head over all the pieces,
    /// the heads shared out among the threads.
    fn attention(
        &self,
        q: &[f32],
        k: &[f32],
        v: &[f32],
        tokens: usize,
        threads: usize,
    ) -> Vec<f32> {
        let h = self.dims.hidden;
        let heads = self.dims.heads;
        let threads = if tokens >= 32 { threads.min(heads) } else { 1 };
        let mut context = vec![0f32; tokens * h];
        let (per, hd) = (heads.div_ceil(threads), h / heads);
        in_column_blocks(&mut context, h, heads, per, hd, |range| {
            self.heads(q, k, v, tokens, range)
        });
        context
    }

    /// The attention of the heads `range`: `tokens × (range.len() · hd)`.
    fn heads(
        &self,
        q: &[f32],
        k: &[f32],
        v: &[f32],
        tokens: usize,
        range: std::ops::Range<usize>,
    ) -> Vec<f32> {
        let h = self.dims.hidden;
        let hd = h / self.dims.heads;
        let width = range.len() * hd;
        let scale = 1.0 / (hd as f32).sqrt();
        let mut out = vec![0f32; tokens * width];
        let mut probs = vec![0f32; tokens];
        for t in 0..tokens {
            for (n, head) in range.clone().enumerate() {
                let qh = &q[t * h + head * hd..][..hd];
                let mut max = f32::NEG_INFINITY;
                for (s, p) in probs.iter_mut().enumerate() {
                    *p = dot(qh, &k[s * h + head * hd..][..hd]) * scale;
                    max = max.max(*p);
                }
                let mut sum = 0.0;
                for p in probs.iter_mut() {
                    *p = (*p - max).exp();
                    sum += *p;
                }
                let o = &mut out[t * width + n * hd..][..hd];
                for (s, p) in probs.iter().enumerate() {
                    let weight = p / sum;
                    for (o, x) in o.iter_mut().zip(&v[s * h + head * hd..][..hd]) {
                        *o += weight * x;
                    }
                }
            }
        }
        out
    }
}
