//! The arithmetic of the encoder: Q4_0 weights times activations quantised
//! to 8 bits per block of 32 (as the package's C reference computes them),
//! layer norm and GELU.
//!
//! Each output is `Σ_blocks d_w · d_a · (⟨w, a⟩ − 8 · Σa)`: the weights'
//! nibbles (0–15, stored unsigned) and the activations' bytes multiply as
//! integers, so no weight is ever turned back into a float. The integer
//! dot product is written plainly; compiled for AVX2 where the CPU has it,
//! LLVM turns it into the same multiply-add instructions the C reference
//! writes by hand.

use super::file::{BLOCK_BYTES, QK};

/// A weight matrix `rows × cols`: the nibbles as the file packs them,
/// sixteen bytes a block of 32 (the low nibbles are columns 0–15, the high
/// ones 16–31), widened to bytes four rows at a time as they are used, and
/// one scale per block. Widening the whole model at load cost 21 MB and
/// most of the load time.
pub(crate) struct Q4Matrix {
    pub rows: usize,
    pub cols: usize,
    nibbles: Vec<u8>,
    scales: Vec<f32>,
}

/// Activations `tokens × cols`, quantised per block of 32.
pub(crate) struct Quantised {
    cols: usize,
    values: Vec<i8>,
    scales: Vec<f32>,
    sums: Vec<i32>,
}

/// An IEEE half-precision number.
pub(crate) fn f16(bits: u16) -> f32 {
    let sign = u32::from(bits & 0x8000) << 16;
    let exp = u32::from((bits >> 10) & 0x1f);
    let man = u32::from(bits & 0x3ff);
    let out = match (exp, man) {
        (0, 0) => sign,
        (0, _) => {
            let shift = man.leading_zeros() - 21;
            let man = (man << shift) & 0x3ff;
            sign | ((127 - 15 + 1 - shift) << 23) | (man << 13)
        }
        (31, _) => sign | 0x7f80_0000 | (man << 13),
        _ => sign | ((exp + 127 - 15) << 23) | (man << 13),
    };
    f32::from_bits(out)
}

/// One row of Q4_0 blocks (`raw`) as floats.
pub(crate) fn q4_row(raw: &[u8], out: &mut [f32]) {
    for (block, chunk) in raw.chunks_exact(BLOCK_BYTES).zip(out.chunks_exact_mut(QK)) {
        let scale = f16(u16::from_le_bytes([block[0], block[1]]));
        for (j, &q) in block[2..].iter().enumerate() {
            chunk[j] = (f32::from(q & 0x0f) - 8.0) * scale;
            chunk[j + 16] = (f32::from(q >> 4) - 8.0) * scale;
        }
    }
}

impl Q4Matrix {
    /// The matrix stored as `rows × cols / 32` Q4_0 blocks in `raw`.
    pub(crate) fn new(raw: &[u8], rows: usize, cols: usize) -> Q4Matrix {
        let blocks = cols / QK;
        let mut nibbles = Vec::with_capacity(rows * cols / 2);
        let mut scales = Vec::with_capacity(rows * blocks);
        for block in raw.chunks_exact(BLOCK_BYTES).take(rows * blocks) {
            scales.push(f16(u16::from_le_bytes([block[0], block[1]])));
            nibbles.extend_from_slice(&block[2..]);
        }
        Q4Matrix {
            rows,
            cols,
            nibbles,
            scales,
        }
    }

    /// `out[t][r] = bias[r] + Σ W[r] · x[t]` for every token `t`, the rows
    /// shared out among `threads`.
    pub(crate) fn apply(&self, x: &Quantised, bias: &[f32], out: &mut [f32], threads: usize) {
        let tokens = x.values.len() / x.cols;
        let per = self.rows.div_ceil(threads.max(1)).next_multiple_of(8);
        if threads <= 1 || tokens * self.rows < 4096 {
            return self.rows_into(x, bias, 0..self.rows, out);
        }
        in_column_blocks(out, self.rows, self.rows, per, 1, |range| {
            let mut part = vec![0f32; tokens * range.len()];
            self.rows_into(x, bias, range, &mut part);
            part
        });
    }

    /// The outputs of rows `range`, into `out` (`tokens × range.len()`):
    /// four rows at a time, each group's weights reused over every token.
    fn rows_into(
        &self,
        x: &Quantised,
        bias: &[f32],
        range: std::ops::Range<usize>,
        out: &mut [f32],
    ) {
        let blocks = self.cols / QK;
        let width = range.len();
        let tokens = x.values.len() / x.cols;
        let avx2 = has_avx2();
        let mut wide = vec![0u8; 4 * self.cols];
        let mut r = range.start;
        while r < range.end {
            let group = (range.end - r).min(4);
            let half = self.cols / 2;
            for (row, out) in wide.chunks_exact_mut(self.cols).enumerate() {
                let packed = &self.nibbles[(r + row.min(group - 1)) * half..][..half];
                widen(packed, out);
            }
            let w = |i: usize| &wide[i * self.cols..][..self.cols];
            let dw = |i: usize| &self.scales[(r + i.min(group - 1)) * blocks..][..blocks];
            for t in 0..tokens {
                let a = &x.values[t * x.cols..][..x.cols];
                let (da, sa) = (
                    &x.scales[t * blocks..][..blocks],
                    &x.sums[t * blocks..][..blocks],
                );
                let (ws, dws) = ([w(0), w(1), w(2), w(3)], [dw(0), dw(1), dw(2), dw(3)]);
                let sums = dot4(avx2, ws, a, dws, da, sa);
                for (i, sum) in sums.iter().take(group).enumerate() {
                    out[t * width + (r - range.start) + i] = bias[r + i] + sum;
                }
            }
            r += group;
        }
    }
}

/// Packed Q4_0 nibbles (16 bytes a block) as one byte each (32).
fn widen(packed: &[u8], out: &mut [u8]) {
    for (p, o) in packed.chunks_exact(QK / 2).zip(out.chunks_exact_mut(QK)) {
        let (lo, hi) = o.split_at_mut(QK / 2);
        for (o, &q) in lo.iter_mut().zip(p) {
            *o = q & 0x0f;
        }
        for (o, &q) in hi.iter_mut().zip(p) {
            *o = q >> 4;
        }
    }
}

/// Fills `out` (`tokens × width`) from `units` blocks of `unit` columns,
/// `per` blocks to a thread (all on this one when that is every block):
/// `part(blocks)` gives those blocks' columns for every token, `tokens ×
/// blocks.len() · unit`. A panic in a thread is re-raised, never a part
/// silently missing.
pub(crate) fn in_column_blocks(
    out: &mut [f32],
    width: usize,
    units: usize,
    per: usize,
    unit: usize,
    part: impl Fn(std::ops::Range<usize>) -> Vec<f32> + Sync,
) {
    let per = per.max(1);
    let parts: Vec<(usize, Vec<f32>)> = if per >= units {
        vec![(0, part(0..units))]
    } else {
        std::thread::scope(|s| {
            let part = &part;
            let handles: Vec<_> = (0..units)
                .step_by(per)
                .map(|first| s.spawn(move || (first, part(first..(first + per).min(units)))))
                .collect();
            (handles.into_iter())
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let tokens = out.len() / width.max(1);
    for (first, part) in parts {
        let w = part.len() / tokens.max(1);
        for t in 0..tokens {
            out[t * width + first * unit..][..w].copy_from_slice(&part[t * w..][..w]);
        }
    }
}

/// Whether the CPU has AVX2 and FMA.
fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Four outputs: with AVX2 when `avx2`, else one by one.
fn dot4(avx2: bool, w: [&[u8]; 4], a: &[i8], dw: [&[f32]; 4], da: &[f32], sa: &[i32]) -> [f32; 4] {
    #[cfg(target_arch = "x86_64")]
    if avx2 {
        // SAFETY: the CPU has AVX2 and FMA (the caller checked), and
        // `dot4_avx2` asserts the slices' lengths.
        return unsafe { dot4_avx2(w, a, dw, da, sa) };
    }
    let _ = avx2;
    std::array::from_fn(|i| dot_plain(w[i], a, dw[i], da, sa))
}

/// One output: the blocks' integer dot products, scaled.
fn dot_plain(w: &[u8], a: &[i8], dw: &[f32], da: &[f32], sa: &[i32]) -> f32 {
    let mut acc = 0f32;
    let mut corr = 0f32;
    for (b, (wb, ab)) in w.chunks_exact(QK).zip(a.chunks_exact(QK)).enumerate() {
        let dot: i32 = wb
            .iter()
            .zip(ab)
            .map(|(&w, &a)| i32::from(w) * i32::from(a))
            .sum();
        let scale = dw[b] * da[b];
        acc += dot as f32 * scale;
        corr += scale * sa[b] as f32;
    }
    acc - 8.0 * corr
}

/// Four outputs at once with AVX2: per block, the nibbles times the
/// activation bytes summed in pairs (`maddubs`: at most 15 × 128 × 2, so
/// never saturated), then in fours (`madd`), scaled into float sums.
///
/// # Safety
/// The CPU must have AVX2 and FMA; `a` and every `w[i]` must hold as many
/// blocks of 32 as `da`, `sa` and every `dw[i]` have entries.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn dot4_avx2(w: [&[u8]; 4], a: &[i8], dw: [&[f32]; 4], da: &[f32], sa: &[i32]) -> [f32; 4] {
    use std::arch::x86_64::*;
    let blocks = da.len();
    assert!(a.len() >= blocks * QK && sa.len() >= blocks);
    assert!(w.iter().all(|w| w.len() >= blocks * QK) && dw.iter().all(|d| d.len() >= blocks));
    let ones = _mm256_set1_epi16(1);
    let mut acc = [_mm256_setzero_ps(); 4];
    let mut corr = [0f32; 4];
    for b in 0..blocks {
        // SAFETY: b * QK + 32 <= len for `a` and every `w[i]`, asserted above.
        let av = unsafe { _mm256_loadu_si256(a.as_ptr().add(b * QK).cast()) };
        let (d, s) = (da[b], sa[b] as f32);
        for i in 0..4 {
            let wv = unsafe { _mm256_loadu_si256(w[i].as_ptr().add(b * QK).cast()) };
            let pairs = _mm256_madd_epi16(_mm256_maddubs_epi16(wv, av), ones);
            let scale = dw[i][b] * d;
            acc[i] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(pairs), _mm256_set1_ps(scale), acc[i]);
            corr[i] += scale * s;
        }
    }
    std::array::from_fn(|i| hsum(acc[i]) - 8.0 * corr[i])
}

/// The sum of the eight floats of `v`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn hsum(v: std::arch::x86_64::__m256) -> f32 {
    use std::arch::x86_64::*;
    let lo = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    let lo = _mm_add_ps(lo, _mm_movehl_ps(lo, lo));
    _mm_cvtss_f32(_mm_add_ss(lo, _mm_shuffle_ps(lo, lo, 1)))
}

/// 1.5 · 2²³: adding and taking it away rounds a float below 2²² to an
/// integer, half to even (the default rounding mode), without a call.
const ROUND: f32 = 12_582_912.0;

/// The dot product of two float slices, in eight independent sums so that
/// it compiles to vector instructions.
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

impl Quantised {
    /// `x` (`tokens × cols`) quantised per block of 32 to bytes.
    pub(crate) fn new(x: &[f32], cols: usize) -> Quantised {
        let blocks = x.len() / QK;
        let mut out = Quantised {
            cols,
            values: vec![0; x.len()],
            scales: vec![0.0; blocks],
            sums: vec![0; blocks],
        };
        for (b, block) in x.chunks_exact(QK).enumerate() {
            let amax = block.iter().fold(0f32, |m, v| m.max(v.abs()));
            let d = amax / 127.0;
            let inv = if d > 0.0 { 1.0 / d } else { 0.0 };
            let mut sum = 0;
            for (q, v) in out.values[b * QK..][..QK].iter_mut().zip(block) {
                // Rounds half to even, as C's lrintf: |v · inv| <= 127.
                let n = ((v * inv + ROUND) - ROUND).clamp(-128.0, 127.0) as i32;
                *q = n as i8;
                sum += n;
            }
            out.scales[b] = d;
            out.sums[b] = sum;
        }
        out
    }
}

/// `x = layer_norm(x + y)` row by row (`y` absent: `layer_norm(x)`).
pub(crate) fn add_norm(x: &mut [f32], y: Option<&[f32]>, w: &[f32], b: &[f32], eps: f32) {
    let h = w.len();
    for (t, row) in x.chunks_exact_mut(h).enumerate() {
        if let Some(y) = y {
            for (r, v) in row.iter_mut().zip(&y[t * h..][..h]) {
                *r += v;
            }
        }
        let mean = row.iter().sum::<f32>() / h as f32;
        let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / h as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((r, w), b) in row.iter_mut().zip(w).zip(b) {
            *r = (*r - mean) * inv * w + b;
        }
    }
}

/// GELU, the exact (erf) form BERT uses.
pub(crate) fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + libm::erff(x * std::f32::consts::FRAC_1_SQRT_2))
}
