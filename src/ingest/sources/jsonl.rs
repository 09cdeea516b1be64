//! JSON Lines (`.jsonl`, `.ndjson`): one article per line, as
//! `{"id", "text", "title"?, "lang"?, "date"?, "source"?}`. A line that
//! cannot be used is reported by its number and the rest of the file is
//! still read.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use serde::Deserialize;

use crate::model::{Date, Meta};

use super::super::article::{build_article, input_hash, Origin};
use super::super::decode;
use super::super::walk::Input;
use super::super::{Item, Problem};
use super::{display, Context, Source};

/// One JSONL record.
#[derive(Deserialize)]
struct Record {
    id: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    text: String,
}

/// The id of a JSONL record, borrowed when it has no escapes.
#[derive(Deserialize)]
struct RecordId<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
}

/// A JSONL file being read line by line.
pub(crate) struct JsonlSource {
    path: PathBuf,
    display: String,
    file: String,
    reader: Option<BufReader<File>>,
    line_no: usize,
    pending: Vec<Item>,
    complete: bool,
    started: bool,
}

impl JsonlSource {
    pub(crate) fn new(input: &Input) -> JsonlSource {
        JsonlSource {
            path: input.path.clone(),
            display: display(&input.path),
            file: super::super::walk::lossless(&input.file),
            reader: None,
            line_no: 0,
            pending: Vec::new(),
            complete: false,
            started: false,
        }
    }

    fn at(&self, message: String, skipped: bool) -> Item {
        let line = Some(self.line_no);
        Item::Problem(match skipped {
            true => Problem::skipped(self.path.clone(), line, message),
            false => Problem::warning(self.path.clone(), line, message),
        })
    }

    /// The next line's bytes, without its line end; `None` at the end.
    fn next_line(&mut self, ctx: &mut Context) -> Option<Result<Vec<u8>, Item>> {
        let reader = self.reader.as_mut()?;
        let mut buf = Vec::new();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => {
                self.complete = true;
                self.reader = None;
                None
            }
            Ok(n) => {
                self.line_no += 1;
                ctx.read_bytes += n as u64;
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                if self.line_no == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                    buf.drain(..3);
                }
                Some(Ok(buf))
            }
            Err(e) => {
                self.reader = None;
                self.line_no += 1;
                Some(Err(
                    self.at(format!("read error, rest of file skipped: {e}"), true)
                ))
            }
        }
    }

    /// The item of one line, or `None` for a blank one.
    fn line_item(&mut self, bytes: &[u8], ctx: &Context) -> Option<Item> {
        let line = match std::str::from_utf8(bytes) {
            Ok(l) => l,
            Err(e) => {
                let message = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
                return Some(self.at(message, true));
            }
        };
        if line.trim().is_empty() {
            return None;
        }
        let hash = input_hash(&[line.as_bytes()]);
        // An unchanged record needs its id only: no text copied or unescaped.
        if !ctx.known.is_empty() {
            if let Ok(RecordId { id }) = serde_json::from_str(line) {
                if ctx.unchanged(&id, hash) {
                    let id = id.into_owned();
                    return Some(Item::Unchanged { id, hash });
                }
            }
        }
        let record: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => return Some(self.at(format!("invalid record: {e}"), true)),
        };
        Some(self.record_item(record, hash))
    }

    fn record_item(&mut self, record: Record, hash: u64) -> Item {
        let mut meta = Meta {
            title: record.title.filter(|t| !t.trim().is_empty()),
            source: record.source,
            ..Meta::default()
        };
        if let Some(l) = record.lang.as_deref().filter(|l| !l.is_empty()) {
            match l.parse() {
                Ok(lang) => meta.lang = Some(lang),
                Err(e) => {
                    let w = self.at(format!("{e}; language detected instead"), false);
                    self.pending.push(w);
                }
            }
        }
        if let Some(d) = record.date.as_deref().filter(|d| !d.is_empty()) {
            match Date::parse_iso(d.get(..10).unwrap_or(d)) {
                Some(date) => meta.date = Some(date),
                None => {
                    let message = format!(
                        "invalid date {d:?}: expected YYYY-MM-DD; date looked for in the text"
                    );
                    let w = self.at(message, false);
                    self.pending.push(w);
                }
            }
        }
        let origin = Origin {
            id: record.id,
            path: self.display.clone(),
            file: self.file.clone(),
            line: Some(self.line_no),
        };
        let text = decode::normalize(&record.text);
        let built = build_article(origin, &text, meta, hash);
        for w in built.warnings {
            let w = self.at(w, false);
            self.pending.push(w);
        }
        match built.article {
            Some(a) => Item::Article(Box::new(a)),
            None => self.at("no text to index".into(), true),
        }
    }
}

impl Source for JsonlSource {
    fn next_item(&mut self, ctx: &mut Context) -> Option<Item> {
        if !self.started {
            self.started = true;
            match File::open(&self.path) {
                Ok(f) => self.reader = Some(BufReader::with_capacity(1 << 16, f)),
                Err(e) => {
                    return Some(Item::Problem(Problem::skipped(
                        &self.path,
                        None,
                        e.to_string(),
                    )))
                }
            }
        }
        loop {
            // Warnings about a record come before the record itself.
            if !self.pending.is_empty() {
                return Some(self.pending.remove(0));
            }
            let bytes = match self.next_line(ctx)? {
                Ok(b) => b,
                Err(problem) => return Some(problem),
            };
            if let Some(item) = self.line_item(&bytes, ctx) {
                if self.pending.is_empty() {
                    return Some(item);
                }
                self.pending.push(item);
            }
        }
    }

    fn complete(&self) -> bool {
        self.complete
    }
}
