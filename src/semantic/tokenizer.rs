//! XLM-RoBERTa's SentencePiece unigram tokenizer, as the model file holds
//! it: each code point normalised by the file's map, runs of spaces made
//! one, a leading `▁` and every space made `▁`, then the most probable
//! split into pieces (Viterbi over the pieces' log probabilities), a code
//! point no piece covers being `<unk>`. Ported from the package's C
//! reference (`tok_content`), whose output the tests compare with.

use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::{FxHashMap, FxHasher};

use super::file::Vocab;

/// SentencePiece's word-start marker, U+2581.
const META: char = '\u{2581}';

/// The pieces and their scores, looked up by their bytes.
pub(crate) struct Tokenizer {
    pub bos: u32,
    pub eos: u32,
    unk: u32,
    unk_score: f32,
    longest: usize,
    pieces: Pieces,
    normalise: FxHashMap<u32, Vec<u32>>,
}

/// The pieces by their bytes: a table of ids hashed by the bytes they
/// stand for, which stay in the vocabulary's one buffer (a map of 250,000
/// owned keys took most of the model's load time).
struct Pieces {
    table: HashTable<u32>,
    vocab: Vocab,
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

impl Pieces {
    fn bytes(&self, id: u32) -> &[u8] {
        let (a, b) = (
            self.vocab.offsets[id as usize],
            self.vocab.offsets[id as usize + 1],
        );
        &self.vocab.bytes[a as usize..b as usize]
    }

    /// The id and score of the first piece spelt `span`.
    fn get(&self, span: &[u8]) -> Option<(u32, f32)> {
        let id = *self.table.find(hash(span), |&id| self.bytes(id) == span)?;
        Some((id, self.vocab.scores[id as usize]))
    }
}

impl Tokenizer {
    pub(crate) fn new(mut vocab: Vocab) -> Tokenizer {
        let count = vocab.scores.len();
        let mut pieces = Pieces {
            table: HashTable::with_capacity(count),
            vocab: Vocab {
                normalise: std::mem::take(&mut vocab.normalise),
                ..vocab
            },
        };
        let (mut longest, mut lowest) = (1, f32::INFINITY);
        for id in 0..count as u32 {
            let bytes = pieces.bytes(id);
            lowest = lowest.min(pieces.vocab.scores[id as usize]);
            longest = longest.max(bytes.len());
            if !bytes.is_empty() && pieces.get(bytes).is_none() {
                let h = hash(bytes);
                let Pieces { table, vocab } = &mut pieces;
                let spelt = |&id: &u32| {
                    let (a, b) = (vocab.offsets[id as usize], vocab.offsets[id as usize + 1]);
                    hash(&vocab.bytes[a as usize..b as usize])
                };
                table.insert_unique(h, id, spelt);
            }
        }
        Tokenizer {
            bos: pieces.vocab.bos,
            eos: pieces.vocab.eos,
            unk: pieces.vocab.unk,
            unk_score: lowest - 10.0,
            longest,
            normalise: std::mem::take(&mut pieces.vocab.normalise)
                .into_iter()
                .collect(),
            pieces,
        }
    }

    /// The text as the pieces see it: normalised, spaces as `▁`, with the
    /// byte offset of every character and the end.
    fn prepared(&self, text: &str) -> (String, Vec<usize>) {
        let mut chars: Vec<char> = Vec::with_capacity(text.len() + 1);
        for c in text.chars() {
            match self.normalise.get(&(c as u32)) {
                None => chars.push(c),
                Some(to) => chars.extend(to.iter().filter_map(|&u| char::from_u32(u))),
            }
        }
        chars.dedup_by(|b, a| *a == ' ' && *b == ' ');
        let mut out = String::with_capacity(text.len() + 3);
        let mut starts = Vec::with_capacity(chars.len() + 2);
        if chars.first() != Some(&' ') {
            starts.push(0);
            out.push(META);
        }
        for c in chars {
            starts.push(out.len());
            out.push(if c == ' ' { META } else { c });
        }
        starts.push(out.len());
        (out, starts)
    }

    /// The ids of the pieces of `text`, without `<s>` and `</s>`.
    pub(crate) fn pieces(&self, text: &str) -> Vec<u32> {
        let (prepared, starts) = self.prepared(text);
        let bytes = prepared.as_bytes();
        let n = starts.len() - 1;
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut back: Vec<(usize, u32)> = vec![(0, self.unk); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                let span = &bytes[starts[i]..starts[e]];
                if span.len() > self.longest {
                    break;
                }
                if let Some((id, score)) = self.pieces.get(span) {
                    if id != self.unk && best[i] + score > best[e] {
                        best[e] = best[i] + score;
                        back[e] = (i, id);
                    }
                }
            }
            if best[i] + self.unk_score > best[i + 1] {
                best[i + 1] = best[i] + self.unk_score;
                back[i + 1] = (i, self.unk);
            }
        }
        let mut ids = Vec::new();
        let mut at = n;
        while at > 0 {
            let (from, id) = back[at];
            ids.push(id);
            at = from;
        }
        ids.reverse();
        ids
    }
}
