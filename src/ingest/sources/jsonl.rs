//! JSON Lines (`.jsonl`, `.ndjson`): one article per line, as
//! `{"id", "text", "title"?, "lang"?, "date"?, "source"?}`, or with the
//! names scrapers and CMS exports use: `content` or `body` for the text,
//! `headline` for the title, `url` or `link` for the source, `published`,
//! `published_at` or `pubDate` for the date. Ids may be numbers, languages
//! tags (`vi-VN`), dates any form [`Date::parse_stated`] reads. A line that
//! cannot be used is reported by its number and the rest of the file is
//! still read.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

use serde::Deserialize;

use crate::model::{quoted, Date, Lang, Meta};

use super::super::article::{build_article, input_hash, Origin};
use super::super::decode;
use super::super::{Item, Problem};
use super::Input;
use super::{display, Context, Source};

/// The longest line read as a record: a record this big already holds
/// thousands of pages, and reading one costs about seven times its size
/// (the line, its unescaped text, the cleaned text, the passages), so a
/// JSONL file peaks no higher than a big text file does.
pub(crate) const MAX_LINE_BYTES: usize = 16 << 20;

/// One JSONL record, each field under any of the names exporters use.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
struct Record {
    id: serde_json::Value,
    lang: Option<String>,
    title: Option<String>,
    headline: Option<String>,
    date: Option<String>,
    published: Option<String>,
    published_at: Option<String>,
    #[serde(rename = "pubDate")]
    pub_date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    link: Option<String>,
    text: Option<String>,
    content: Option<String>,
    body: Option<String>,
}

/// A record id: a string, or a number written as it is.
fn id_of(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The first of `values` that is not blank.
fn first(values: [Option<String>; 3]) -> Option<String> {
    values.into_iter().flatten().find(|v| !v.trim().is_empty())
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
            file: super::lossless(&input.file),
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
        let read = reader
            .by_ref()
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) => {
                self.complete = true;
                self.reader = None;
                None
            }
            Ok(n) => {
                self.line_no += 1;
                ctx.read_bytes += n as u64;
                if n > MAX_LINE_BYTES && buf.last() != Some(&b'\n') {
                    return Some(Err(self.too_long(ctx)));
                }
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                if self.line_no == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                    buf.drain(..3);
                }
                Some(Ok(buf))
            }
            Err(e) => Some(Err(self.read_error(e))),
        }
    }

    /// Skips the rest of a line past [`MAX_LINE_BYTES`] unread, and says so.
    fn too_long(&mut self, ctx: &mut Context) -> Item {
        let Some(reader) = self.reader.as_mut() else {
            return self.at("read error".into(), true);
        };
        let mut skipped = MAX_LINE_BYTES as u64 + 1;
        loop {
            let chunk = match reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) => {
                    self.reader = None;
                    return self.at(format!("read error, rest of file skipped: {e}"), true);
                }
            };
            if chunk.is_empty() {
                break;
            }
            let (used, ends) = match memchr::memchr(b'\n', chunk) {
                Some(at) => (at + 1, true),
                None => (chunk.len(), false),
            };
            reader.consume(used);
            skipped += used as u64;
            if ends {
                break;
            }
        }
        ctx.read_bytes += skipped - MAX_LINE_BYTES as u64 - 1;
        let message = format!(
            "the line is {:.0} MiB long, more than the {} MiB a record may have; skipped",
            skipped as f64 / f64::from(1 << 20),
            MAX_LINE_BYTES >> 20
        );
        self.at(message, true)
    }

    /// A read error: the rest of the file is skipped.
    fn read_error(&mut self, e: std::io::Error) -> Item {
        self.reader = None;
        self.line_no += 1;
        self.at(format!("read error, rest of file skipped: {e}"), true)
    }

    /// The item of one line, or `None` for a blank one.
    fn line_item(&mut self, bytes: &[u8], ctx: &Context) -> Option<Item> {
        let line = match simdutf8::compat::from_utf8(bytes) {
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
        Some(self.record_item(record, hash, ctx))
    }

    fn record_item(&mut self, record: Record, hash: u64, ctx: &Context) -> Item {
        let Some(id) = id_of(record.id) else {
            return self.at(
                "invalid record: \"id\" must be a string or a number".into(),
                true,
            );
        };
        if ctx.unchanged(&id, hash) {
            return Item::Unchanged { id, hash };
        }
        let Some(text) = first([record.text, record.content, record.body]) else {
            let message =
                "invalid record: no text: expected a \"text\", \"content\" or \"body\" field";
            return self.at(message.into(), true);
        };
        let mut meta = Meta {
            title: first([record.title, record.headline, None]),
            source: first([record.source, record.url, record.link]),
            ..Meta::default()
        };
        let date = first([record.date, record.published, record.published_at]).or(record.pub_date);
        self.stated(&mut meta, record.lang.as_deref(), date.as_deref());
        let origin = Origin {
            id,
            path: self.display.clone(),
            file: self.file.clone(),
            line: Some(self.line_no),
            kind: "jsonl",
        };
        let text = decode::normalize(text);
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

    /// The language and date a record states, each with a warning when it
    /// cannot be used.
    fn stated(&mut self, meta: &mut Meta, lang: Option<&str>, date: Option<&str>) {
        if let Some(l) = lang.filter(|l| !l.is_empty()) {
            match Lang::from_tag(l) {
                Some(lang) => meta.lang = Some(lang),
                None => {
                    let e = l.parse::<Lang>().err().map_or_else(
                        || format!("unknown language {}", quoted(l)),
                        |e| e.to_string(),
                    );
                    let w = self.at(format!("{e}; language detected instead"), false);
                    self.pending.push(w);
                }
            }
        }
        if let Some(d) = date.filter(|d| !d.is_empty()) {
            match Date::parse_stated(d) {
                Some(date) => meta.date = Some(date),
                None => {
                    let message = format!(
                        "invalid date {}: expected YYYY-MM-DD, DD/MM/YYYY or RFC 3339; \
                         date looked for in the text",
                        quoted(d)
                    );
                    let w = self.at(message, false);
                    self.pending.push(w);
                }
            }
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
