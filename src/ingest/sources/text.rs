//! Plain text and Markdown (`.txt`, `.md`): one article per file, with
//! optional `---` front matter (`title`, `date`, `lang`, `source`). Files
//! over [`BIG_FILE_BYTES`] are read in parts of about [`PART_BYTES`], each
//! indexed as an article `path#N`, so memory stays bounded whatever the size.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;

use crate::model::{Date, Meta};

use super::super::article::{build_article, input_hash, Origin};
use super::super::decode::{decode, NotText};
use super::super::{Item, Problem};
use super::Input;
use super::{display, Context, Source};

/// Text files larger than this are read in parts.
pub(crate) const BIG_FILE_BYTES: u64 = 64 << 20;
/// Size of one part of a big text file (cut back to a boundary).
pub(crate) const PART_BYTES: usize = 2 << 20;

/// A text file being read.
pub(crate) struct TextSource {
    path: PathBuf,
    origin: Origin,
    size: u64,
    /// Markdown, whose markup is removed before the text is used.
    markdown: bool,
    pending: VecDeque<Item>,
    state: State,
    complete: bool,
}

enum State {
    Start,
    Parts(Parts),
    Done,
}

/// A big file being read part by part.
struct Parts {
    reader: BufReader<File>,
    carry: Vec<u8>,
    part: usize,
    offset: u64,
    stated: Meta,
}

impl TextSource {
    pub(crate) fn new(input: &Input) -> TextSource {
        let file = super::lossless(&input.file);
        TextSource {
            path: input.path.clone(),
            origin: Origin {
                id: input.id.clone(),
                path: display(&input.path),
                file,
                line: None,
                kind: input.format.kind(),
            },
            size: input.size,
            markdown: input.format == super::Format::Markdown,
            pending: VecDeque::new(),
            state: State::Start,
            complete: false,
        }
    }

    fn skipped(&mut self, message: impl Into<String>) {
        let p = Problem::skipped(self.path.clone(), None, message);
        self.pending.push_back(Item::Problem(p));
    }

    fn warning(&mut self, message: impl Into<String>) {
        let p = Problem::warning(self.path.clone(), None, message);
        self.pending.push_back(Item::Problem(p));
    }

    /// The text to index, and Markdown's first heading: Markdown without
    /// its markup (parsed once), else the text as it is.
    fn plain<'a>(&self, text: &'a str) -> (std::borrow::Cow<'a, str>, Option<String>) {
        if self.markdown {
            let (plain, heading) = super::markdown::to_text(text);
            (std::borrow::Cow::Owned(plain), heading)
        } else {
            (std::borrow::Cow::Borrowed(text), None)
        }
    }

    /// Reports how the bytes were decoded: a conversion from a legacy
    /// encoding is counted for the summary.
    fn report_decoding(&mut self, warning: Option<String>, from: Option<String>) {
        match (warning, from) {
            (Some(w), Some(from)) => {
                let p = Problem::converted(self.path.clone(), w, from);
                self.pending.push_back(Item::Problem(p));
            }
            (Some(w), None) => self.warning(w),
            _ => {}
        }
    }

    fn start(&mut self, ctx: &mut Context) {
        self.state = State::Done;
        let (stated, problem) = ctx.manifest_meta(&self.path);
        self.pending.extend(problem.map(Item::Problem));
        if self.size <= BIG_FILE_BYTES {
            return self.read_whole(ctx, stated);
        }
        match File::open(&self.path) {
            Ok(f) => {
                self.state = State::Parts(Parts {
                    reader: BufReader::with_capacity(1 << 16, f),
                    carry: Vec::new(),
                    part: 0,
                    offset: 0,
                    stated,
                })
            }
            Err(e) => self.skipped(e.to_string()),
        }
    }

    fn read_whole(&mut self, ctx: &mut Context, stated: Meta) {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) => return self.skipped(e.to_string()),
        };
        ctx.read_bytes += bytes.len() as u64;
        let id = self.origin.id.clone();
        let hash = input_hash(&[id.as_bytes(), &bytes, &stated.stable_bytes()]);
        if ctx.unchanged(&id, hash) {
            self.complete = true;
            return self.pending.push_back(Item::Unchanged { id, hash });
        }
        let decoded = match decode(&bytes) {
            Ok(d) => d,
            Err(NotText::Binary) => return self.skipped("binary file"),
        };
        drop(bytes);
        self.report_decoding(decoded.warning.clone(), decoded.from.clone());
        let (mut meta, bad, body) = front_matter(&decoded.text);
        bad.into_iter().for_each(|m| self.warning(m));
        let (body, heading) = self.plain(body);
        meta.title = meta.title.or(heading);
        let built = build_article(self.origin.clone(), &body, meta.or(stated), hash);
        built.warnings.into_iter().for_each(|m| self.warning(m));
        self.complete = true;
        match built.article {
            Some(a) => self.pending.push_back(Item::Article(Box::new(a))),
            None => self.skipped("no text to index (empty, whitespace or only images)"),
        }
    }

    /// Reads the next part of a big file into `pending`; `false` at the end.
    fn next_part(&mut self, ctx: &mut Context) -> bool {
        let State::Parts(parts) = &mut self.state else {
            return false;
        };
        let bytes = match read_part(&mut parts.reader, PART_BYTES, &mut parts.carry) {
            Ok(b) if b.is_empty() => {
                self.complete = true;
                return false;
            }
            Ok(b) => b,
            Err(e) => {
                let at = parts.offset;
                self.skipped(format!(
                    "read error at byte {at}, rest of file skipped: {e}"
                ));
                return false;
            }
        };
        parts.part += 1;
        let (part, start) = (parts.part, parts.offset);
        parts.offset += bytes.len() as u64;
        ctx.read_bytes += bytes.len() as u64;
        let stated = parts.stated.clone();
        let origin = Origin {
            id: format!("{}#{part}", self.origin.id),
            path: self.origin.path.clone(),
            file: self.origin.file.clone(),
            line: None,
            kind: self.origin.kind,
        };
        let hash = input_hash(&[origin.id.as_bytes(), &bytes, &stated.stable_bytes()]);
        if ctx.unchanged(&origin.id, hash) {
            let id = origin.id;
            self.pending.push_back(Item::Unchanged { id, hash });
            return true;
        }
        let decoded = match decode(&bytes) {
            Ok(d) => d,
            Err(NotText::Binary) => {
                self.skipped(format!(
                    "binary data in part {part} (from byte {start}), rest of file skipped"
                ));
                return false;
            }
        };
        let from = decoded.from.clone().filter(|_| part == 1);
        let warning = decoded.warning.clone();
        self.report_decoding(
            warning.map(|w| format!("part {part} (from byte {start}): {w}")),
            from,
        );
        let built = build_article(origin, &self.plain(&decoded.text).0, stated, hash);
        built.warnings.into_iter().for_each(|m| self.warning(m));
        if let Some(a) = built.article {
            self.pending.push_back(Item::Article(Box::new(a)));
        }
        true
    }
}

impl Source for TextSource {
    fn next_item(&mut self, ctx: &mut Context) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            match self.state {
                State::Start => self.start(ctx),
                State::Parts(_) => {
                    if !self.next_part(ctx) {
                        self.state = State::Done;
                    }
                }
                State::Done => return None,
            }
        }
    }

    fn complete(&self) -> bool {
        self.complete
    }
}

/// How far back from a part's end a boundary is looked for.
const CUT_WINDOW: usize = 1 << 20;

/// Reads the next part of a big file: `part_bytes`, cut back to the last
/// paragraph break, else line end, else sentence end, else space, else
/// UTF-8 boundary in its last MiB; what follows the cut is kept in `carry`
/// for the next part. Memory stays bounded whether the file has lines or
/// not. Returns an empty buffer at the end of the file.
pub(crate) fn read_part(
    reader: &mut impl Read,
    part_bytes: usize,
    carry: &mut Vec<u8>,
) -> std::io::Result<Vec<u8>> {
    let mut buf = std::mem::take(carry);
    let want = part_bytes.saturating_sub(buf.len()) as u64;
    reader.take(want).read_to_end(&mut buf)?;
    if buf.len() < part_bytes {
        return Ok(buf);
    }
    let cut = cut_point(&buf);
    *carry = buf.split_off(cut);
    Ok(buf)
}

/// Where to end a part: just after the last boundary of the strongest kind
/// in the buffer's last [`CUT_WINDOW`] bytes.
fn cut_point(buf: &[u8]) -> usize {
    let from = buf.len().saturating_sub(CUT_WINDOW);
    let tail = &buf[from..];
    let after = |pattern: &[u8]| {
        tail.windows(pattern.len())
            .rposition(|w| w == pattern)
            .map(|i| from + i + pattern.len())
    };
    [&b"\n\n"[..], b"\n", b". ", b" "]
        .iter()
        .find_map(|p| after(p))
        .filter(|&cut| cut > 0)
        .unwrap_or_else(|| char_boundary(buf))
}

/// The end of the last whole UTF-8 character of `buf`.
fn char_boundary(buf: &[u8]) -> usize {
    let len = buf.len();
    let Some(lead) = (len.saturating_sub(4)..len)
        .rev()
        .find(|&i| buf[i] & 0xC0 != 0x80)
    else {
        return len;
    };
    let width = match buf[lead] {
        b if b < 0x80 => 1,
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        _ => 2,
    };
    if lead + width <= len {
        len
    } else {
        lead
    }
}

/// Splits `---` front matter off a text file: the metadata, the problems
/// with it, and the body.
fn front_matter(text: &str) -> (Meta, Vec<String>, &str) {
    let mut meta = Meta::default();
    let mut bad = Vec::new();
    let Some(rest) = text.strip_prefix("---\n") else {
        return (meta, bad, text);
    };
    let Some(end) = rest.find("\n---") else {
        return (meta, bad, text);
    };
    let body = rest[end + 4..].trim_start_matches(['-']);
    for line in rest[..end].lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = Some(value.to_string()),
            "source" | "url" => meta.source = Some(value.to_string()),
            "lang" | "language" => match value.parse() {
                Ok(lang) => meta.lang = Some(lang),
                Err(e) => bad.push(format!("front matter: {e}")),
            },
            "date" => match Date::parse_iso(value.get(..10).unwrap_or(value)) {
                Some(d) => meta.date = Some(d),
                None => bad.push(format!(
                    "front matter: invalid date {}: expected YYYY-MM-DD",
                    crate::model::quoted(value)
                )),
            },
            _ => {}
        }
    }
    (meta, bad, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn front_matter_fields() {
        let (meta, bad, body) = front_matter("---\ntitle: \"Ein Titel\"\ndate: 2025-10-31\nlang: de\nsource: https://x.y\n---\nText.");
        assert_eq!(meta.title.as_deref(), Some("Ein Titel"));
        assert_eq!(meta.date, Date::new(2025, 10, 31));
        assert_eq!(meta.lang, Some(Lang::DE));
        assert_eq!(meta.source.as_deref(), Some("https://x.y"));
        assert!(bad.is_empty());
        assert_eq!(body.trim(), "Text.");
        let (_, bad, _) = front_matter("---\nlang: xx\ndate: soon\n---\nText.");
        assert_eq!(
            bad,
            [
                "front matter: unknown language \"xx\": expected vi, id, de, ms or another ISO 639-1 code (en, fr, …)",
                "front matter: invalid date \"soon\": expected YYYY-MM-DD",
            ]
        );
    }

    fn parts(text: &[u8], size: usize) -> Vec<String> {
        let mut reader = std::io::Cursor::new(text);
        let (mut parts, mut carry) = (Vec::new(), Vec::new());
        loop {
            let part = read_part(&mut reader, size, &mut carry).unwrap();
            if part.is_empty() {
                break;
            }
            parts.push(String::from_utf8(part).expect("parts end on UTF-8 boundaries"));
        }
        parts
    }

    #[test]
    fn big_files_are_read_in_bounded_parts_ending_on_boundaries() {
        // Paragraphs, then lines, then sentences, then words.
        assert_eq!(
            parts("một dòng\n\nzweite Zeile\nbaris".as_bytes(), 16),
            ["một dòng\n\n", "zweite Zeile\n", "baris"]
        );
        assert_eq!(
            parts("Satz eins. Satz zwei. Drei".as_bytes(), 14),
            ["Satz eins. ", "Satz zwei. ", "Drei"]
        );
        // No boundary at all: cut between characters, never inside one.
        let text = "ếếếếếếếếếế".as_bytes();
        let got = parts(text, 7);
        assert_eq!(got.concat(), "ếếếếếếếếếế");
        assert!(got.iter().all(|p| p.len() <= 7), "{got:?}");
    }
}
