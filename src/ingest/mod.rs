//! Ingestion: files and JSONL records in, [`Article`]s with metadata and
//! passages out, plus a [`Problem`] for everything that could not be used.
//!
//! Formats: `.txt` and `.md` (optional `---` front matter with `title`,
//! `date`, `lang`, `source`) and `.jsonl` (one article per line). A directory's
//! `articles.toml` manifest supplies metadata its files do not state.

mod clean;
pub mod date;
mod decode;
mod manifest;
pub mod passages;

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use clean::{clean, Cleaned};
pub use date::{find_date, Date};
pub use decode::{decode, Decoded, NotText};
pub use manifest::{Manifest, MANIFEST_NAME};

use crate::lang::Lang;

/// Metadata an input states about an article (front matter, manifest, JSONL).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// Title.
    pub title: Option<String>,
    /// Language.
    pub lang: Option<Lang>,
    /// Publication date.
    pub date: Option<Date>,
    /// Source URL.
    pub source: Option<String>,
}

impl Meta {
    /// Fills the fields `self` lacks from `other`.
    pub fn or(self, other: Meta) -> Meta {
        Meta {
            title: self.title.or(other.title),
            lang: self.lang.or(other.lang),
            date: self.date.or(other.date),
            source: self.source.or(other.source),
        }
    }
}

/// An article ready to index.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// Stable id: the file's path as given, or the JSONL record's id.
    pub id: String,
    /// Where it came from: the file, or `file:line` for JSONL.
    pub path: String,
    /// Title: stated, or the first heading-like line, or the first sentence.
    pub title: Option<String>,
    /// Language: stated or identified.
    pub lang: Option<Lang>,
    /// Publication date: stated or found in the text.
    pub date: Option<Date>,
    /// Source URL.
    pub source: Option<String>,
    /// The passages, in order.
    pub passages: Vec<String>,
    /// Hash of the raw input, to skip unchanged articles when re-indexing.
    pub hash: u64,
}

/// Something in the input that was skipped or repaired.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// The line, for JSONL.
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
    /// Whether the file or line was left out (else it was indexed anyway).
    pub skipped: bool,
}

impl Problem {
    /// A file or line left out of the index.
    pub fn skipped(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            path: path.into(),
            line,
            message: message.into(),
            skipped: true,
        }
    }

    /// A file or line indexed despite the problem.
    pub fn warning(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            skipped: false,
            ..Problem::skipped(path, line, message)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// How many bytes of an article's start are searched for its date.
const DATE_HEAD_BYTES: usize = 1500;
/// Titles made from a first sentence are cut near this many chars.
const TITLE_CHARS: usize = 100;

/// A line that reads like a heading: 20–200 chars, at least three words, no
/// sentence-final punctuation and no clock time (bylines carry one).
fn heading_like(line: &str) -> bool {
    let chars = line.chars().count();
    (20..=200).contains(&chars)
        && line.split_whitespace().count() >= 3
        && !line
            .trim_end()
            .ends_with(['.', '!', '?', ',', ';', ':', '…', '"', '”'])
        && !line
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit())
}

/// The start of the first sentence, cut at a word boundary near [`TITLE_CHARS`].
fn first_sentence(text: &str) -> Option<String> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with([' ', '\n']))
        .map_or(text.len(), |(i, _)| i);
    let sentence = &text[..end];
    if sentence.chars().count() <= TITLE_CHARS {
        return (!sentence.is_empty()).then(|| sentence.to_string());
    }
    let cut = sentence
        .char_indices()
        .nth(TITLE_CHARS)
        .map_or(sentence.len(), |(i, _)| i);
    let cut = sentence[..cut].rfind(' ').unwrap_or(cut);
    Some(format!(
        "{}…",
        sentence[..cut].trim_end_matches([',', ';', ' '])
    ))
}

/// Bumped whenever cleaning, passage cutting or metadata inference changes,
/// so re-indexing rebuilds articles whose input did not change.
const INGEST_VERSION: &[u8] = b"vsearch-ingest-1";

/// Hash of an article's raw input (id, where it came from, the bytes, the
/// metadata stated beside it): equal hashes mean nothing needs redoing.
///
/// XXH3, 64 bits: it detects changes, it does not defend against forgery,
/// and at ~10 GB/s it is a rounding error of a re-index where BLAKE3 was a
/// third of one.
pub fn input_hash(parts: &[&[u8]]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(INGEST_VERSION);
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.digest()
}

/// Turns an input's text into an article; `hash` is its [`input_hash`].
pub fn build_article(
    id: String,
    path: String,
    text: &str,
    stated: Meta,
    hash: u64,
) -> Option<Article> {
    let cleaned = clean(text);
    let paragraphs = passages::paragraphs(&cleaned.lines);
    let passages = passages::passages(&paragraphs);
    if passages.is_empty() {
        return None;
    }
    let body = passages.join("\n");
    let title = stated
        .title
        .or(cleaned.heading)
        .or_else(|| {
            // A heading stands before the body starts; a caption after it is
            // no title.
            let is_body =
                |l: &&String| l.chars().count() > 200 || l.trim_end().ends_with(['.', '!', '?']);
            cleaned
                .lines
                .iter()
                .take(8)
                .take_while(|l| !is_body(l))
                .find(|l| heading_like(l))
                .cloned()
        })
        .or_else(|| first_sentence(&body));
    let lang = stated.lang.or_else(|| Lang::detect(&body));
    let head_end = (0..=DATE_HEAD_BYTES.min(body.len()))
        .rev()
        .find(|&i| body.is_char_boundary(i))
        .unwrap_or(0);
    let date = stated
        .date
        .or(cleaned.stamp_date)
        .or_else(|| find_date(&body[..head_end]));
    let source = stated.source.or(cleaned.source);
    Some(Article {
        id,
        path,
        title,
        lang,
        date,
        source,
        passages,
        hash,
    })
}

/// Splits `---` front matter off a text file.
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
                    "front matter: invalid date {value:?}: expected YYYY-MM-DD"
                )),
            },
            _ => {}
        }
    }
    (meta, bad, body)
}

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

/// What the ingestion yields, in input order.
#[derive(Debug)]
pub enum Item {
    /// An article.
    Article(Box<Article>),
    /// An article whose input hash is the one already indexed: not rebuilt.
    Unchanged {
        /// Its id.
        id: String,
        /// Its input hash.
        hash: u64,
    },
    /// A problem with a file or line.
    Problem(Problem),
}

/// The input formats, by extension.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Text,
    Jsonl,
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" | "md" | "markdown" => Some(Format::Text),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    }
}

/// Text files larger than this are read in parts of [`PART_BYTES`], each
/// indexed as an article `path#N`, so memory stays bounded whatever the size.
pub const BIG_FILE_BYTES: u64 = 64 << 20;
/// Size of one part of a big text file (extended to the end of its line).
pub const PART_BYTES: u64 = 8 << 20;

/// Reads the next part of a big file: about `part_bytes`, then up to and
/// including the next `\n`, so parts end on line (and UTF-8) boundaries.
/// Returns an empty buffer at the end of the file.
pub fn read_part(reader: &mut impl BufRead, part_bytes: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    reader.by_ref().take(part_bytes).read_to_end(&mut buf)?;
    if buf.len() as u64 == part_bytes && buf.last() != Some(&b'\n') {
        reader.read_until(b'\n', &mut buf)?;
    }
    Ok(buf)
}

/// A big text file being read part by part.
struct BigText {
    path: PathBuf,
    id: String,
    reader: BufReader<File>,
    part: usize,
    offset: u64,
    stated: Meta,
}

/// A streaming reader of articles from files and directories.
pub struct Articles {
    files: VecDeque<PathBuf>,
    pending: VecDeque<Item>,
    jsonl: Option<(PathBuf, std::io::Lines<BufReader<File>>, usize)>,
    big: Option<BigText>,
    manifests: HashMap<PathBuf, Option<Manifest>>,
    /// Total bytes of the input files, for progress.
    pub total_bytes: u64,
    read_bytes: u64,
    known: HashMap<String, u64>,
}

fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

impl Articles {
    /// Lists the input files under `paths` (files, or directories walked
    /// recursively); problems found while listing come out first.
    pub fn new(paths: &[PathBuf]) -> Articles {
        let mut files = VecDeque::new();
        let mut pending = VecDeque::new();
        let mut total_bytes = 0;
        let problem = |path: &Path, message: String| {
            Item::Problem(Problem::skipped(path.to_path_buf(), None, message))
        };
        for root in paths {
            if root.is_file() {
                if format_of(root).is_none() {
                    pending.push_back(problem(
                        root,
                        "unsupported file type: expected .txt, .md or .jsonl".into(),
                    ));
                    continue;
                }
                total_bytes += root.metadata().map_or(0, |m| m.len());
                files.push_back(root.clone());
                continue;
            }
            if !root.exists() {
                pending.push_back(problem(root, "no such file or directory".into()));
                continue;
            }
            // Symbolic links are followed, but no directory is walked twice:
            // a link back up the tree, or a second way to the same place, is
            // reported once and not followed.
            let mut visited: HashSet<PathBuf> = HashSet::new();
            let mut revisits: Vec<PathBuf> = Vec::new();
            let walk = walkdir::WalkDir::new(root)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    if !e.file_type().is_dir() {
                        return true;
                    }
                    let real =
                        std::fs::canonicalize(e.path()).unwrap_or_else(|_| e.path().to_path_buf());
                    if visited.insert(real) {
                        return true;
                    }
                    revisits.push(e.path().to_path_buf());
                    false
                });
            for entry in walk {
                match entry {
                    Ok(e) if e.file_type().is_file() && format_of(e.path()).is_some() => {
                        total_bytes += e.metadata().map_or(0, |m| m.len());
                        files.push_back(e.into_path());
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let path = e.path().unwrap_or(root).to_path_buf();
                        let dangling = path
                            .symlink_metadata()
                            .is_ok_and(|m| m.file_type().is_symlink())
                            && !path.exists();
                        let message = if e.loop_ancestor().is_some() {
                            "symbolic link loop, not followed".to_string()
                        } else if dangling {
                            "broken symbolic link".to_string()
                        } else {
                            e.io_error()
                                .map_or_else(|| e.to_string(), |io| io.to_string())
                        };
                        pending.push_back(problem(&path, message));
                    }
                }
            }
            for path in revisits {
                let message =
                    "directory already walked (symbolic link loop or second link), not followed";
                pending.push_back(problem(&path, message.into()));
            }
        }
        Articles {
            files,
            pending,
            jsonl: None,
            manifests: HashMap::new(),
            total_bytes,
            read_bytes: 0,
            known: HashMap::new(),
            big: None,
        }
    }

    /// Articles whose id and input hash are in `known` come out as
    /// [`Item::Unchanged`] without being cleaned and cut again.
    pub fn skip_unchanged(mut self, known: HashMap<String, u64>) -> Articles {
        self.known = known;
        self
    }

    /// The hash indexed before for `id`, if any: what [`Articles::skip_unchanged`]
    /// was given.
    pub fn indexed_hash(&self, id: &str) -> Option<u64> {
        self.known.get(id).copied()
    }

    /// Bytes of input consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.read_bytes
    }

    fn manifest_meta(&mut self, path: &Path) -> Meta {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !self.manifests.contains_key(&dir) {
            let loaded = match Manifest::load_dir(&dir) {
                Ok(m) => m,
                Err(e) => {
                    self.pending.push_back(Item::Problem(Problem::skipped(
                        dir.join(MANIFEST_NAME),
                        None,
                        e.to_string(),
                    )));
                    None
                }
            };
            self.manifests.insert(dir.clone(), loaded);
        }
        self.manifests
            .get(&dir)
            .and_then(|m| m.as_ref())
            .map(|m| m.meta(&name))
            .unwrap_or_default()
    }

    fn read_text_file(&mut self, path: &Path) -> Item {
        let problem =
            |message: String| Item::Problem(Problem::skipped(path.to_path_buf(), None, message));
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return problem(e.to_string()),
        };
        self.read_bytes += bytes.len() as u64;
        let id = display(path);
        let stated = self.manifest_meta(path);
        let hash = input_hash(&[id.as_bytes(), &bytes, format!("{stated:?}").as_bytes()]);
        if self.indexed_hash(&id) == Some(hash) {
            return Item::Unchanged { id, hash };
        }
        let decoded = match decode(&bytes) {
            Ok(d) => d,
            Err(NotText::Binary) => return problem("binary file".into()),
        };
        drop(bytes);
        if let Some(w) = &decoded.warning {
            self.pending.push_back(Item::Problem(Problem::warning(
                path.to_path_buf(),
                None,
                w.clone(),
            )));
        }
        let (meta, bad, body) = front_matter(&decoded.text);
        for message in bad {
            self.pending.push_back(Item::Problem(Problem::warning(
                path.to_path_buf(),
                None,
                message,
            )));
        }
        let meta = meta.or(stated);
        match build_article(id.clone(), id, body, meta, hash) {
            Some(a) => Item::Article(Box::new(a)),
            None => problem("no text to index (empty, whitespace or only images)".into()),
        }
    }

    fn next_big(&mut self) -> Option<Item> {
        let big = self.big.as_mut()?;
        let problem = |path: &Path, message: String, skipped: bool| {
            Item::Problem(Problem {
                path: path.to_path_buf(),
                line: None,
                message,
                skipped,
            })
        };
        let bytes = match read_part(&mut big.reader, PART_BYTES) {
            Ok(b) if b.is_empty() => {
                self.big = None;
                return None;
            }
            Ok(b) => b,
            Err(e) => {
                let item = problem(
                    &big.path,
                    format!(
                        "read error at byte {}, rest of file skipped: {e}",
                        big.offset
                    ),
                    true,
                );
                self.big = None;
                return Some(item);
            }
        };
        big.part += 1;
        let start = big.offset;
        big.offset += bytes.len() as u64;
        self.read_bytes += bytes.len() as u64;
        let id = format!("{}#{}", big.id, big.part);
        let hash = input_hash(&[
            id.as_bytes(),
            &bytes,
            format!("{:?}", big.stated).as_bytes(),
        ]);
        if self.known.get(&id) == Some(&hash) {
            return Some(Item::Unchanged { id, hash });
        }
        let decoded = match decode(&bytes) {
            Ok(d) => d,
            Err(NotText::Binary) => {
                let item = problem(
                    &big.path,
                    format!(
                        "binary data in part {} (from byte {start}), rest of file skipped",
                        big.part
                    ),
                    true,
                );
                self.big = None;
                return Some(item);
            }
        };
        if let Some(w) = decoded.warning {
            let w = format!("part {} (from byte {start}): {w}", big.part);
            self.pending.push_back(problem(&big.path, w, false));
        }
        let path = big.id.clone();
        let stated = big.stated.clone();
        Some(match build_article(id, path, &decoded.text, stated, hash) {
            Some(a) => Item::Article(Box::new(a)),
            None => return self.next_big(),
        })
    }

    fn next_jsonl(&mut self) -> Option<Item> {
        let (path, lines, line_no) = self.jsonl.as_mut()?;
        loop {
            let line = match lines.next() {
                None => {
                    self.jsonl = None;
                    return None;
                }
                Some(Err(e)) => {
                    let item = Item::Problem(Problem::skipped(
                        path.clone(),
                        Some(*line_no + 1),
                        format!("read error, rest of file skipped: {e}"),
                    ));
                    self.jsonl = None;
                    return Some(item);
                }
                Some(Ok(line)) => line,
            };
            *line_no += 1;
            self.read_bytes += line.len() as u64 + 1;
            if line.trim().is_empty() {
                continue;
            }
            let at = |message: String, skipped: bool| {
                Item::Problem(Problem {
                    path: path.clone(),
                    line: Some(*line_no),
                    message,
                    skipped,
                })
            };
            let where_ = format!("{}:{}", display(path), line_no);
            let hash = input_hash(&[where_.as_bytes(), line.as_bytes()]);
            // An unchanged record needs its id only: no text copied or
            // unescaped.
            if !self.known.is_empty() {
                if let Ok(RecordId { id }) = serde_json::from_str(&line) {
                    if self.known.get(id.as_ref()) == Some(&hash) {
                        return Some(Item::Unchanged {
                            id: id.into_owned(),
                            hash,
                        });
                    }
                }
            }
            let record: Record = match serde_json::from_str(&line) {
                Ok(r) => r,
                Err(e) => return Some(at(format!("invalid record: {e}"), true)),
            };
            let mut meta = Meta {
                title: record.title.filter(|t| !t.trim().is_empty()),
                source: record.source,
                ..Meta::default()
            };
            if let Some(l) = record.lang.as_deref().filter(|l| !l.is_empty()) {
                match l.parse() {
                    Ok(lang) => meta.lang = Some(lang),
                    Err(e) => self
                        .pending
                        .push_back(at(format!("{e}; language detected instead"), false)),
                }
            }
            if let Some(d) = record.date.as_deref().filter(|d| !d.is_empty()) {
                match Date::parse_iso(d.get(..10).unwrap_or(d)) {
                    Some(date) => meta.date = Some(date),
                    None => self.pending.push_back(at(
                        format!(
                            "invalid date {d:?}: expected YYYY-MM-DD; date looked for in the text"
                        ),
                        false,
                    )),
                }
            }
            let text = decode::normalize(&record.text);
            return Some(match build_article(record.id, where_, &text, meta, hash) {
                Some(a) => Item::Article(Box::new(a)),
                None => at("no text to index".into(), true),
            });
        }
    }
}

impl Iterator for Articles {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.jsonl.is_some() {
                if let Some(item) = self.next_jsonl() {
                    return Some(item);
                }
                continue;
            }
            if self.big.is_some() {
                if let Some(item) = self.next_big() {
                    return Some(item);
                }
                continue;
            }
            let path = self.files.pop_front()?;
            match format_of(&path) {
                Some(Format::Jsonl) => match File::open(&path) {
                    Ok(f) => {
                        self.jsonl = Some((path, BufReader::with_capacity(1 << 16, f).lines(), 0))
                    }
                    Err(e) => {
                        return Some(Item::Problem(Problem::skipped(path, None, e.to_string())))
                    }
                },
                _ if path.metadata().is_ok_and(|m| m.len() > BIG_FILE_BYTES) => {
                    match File::open(&path) {
                        Ok(f) => {
                            let stated = self.manifest_meta(&path);
                            self.big = Some(BigText {
                                id: display(&path),
                                path,
                                reader: BufReader::with_capacity(1 << 16, f),
                                part: 0,
                                offset: 0,
                                stated,
                            });
                        }
                        Err(e) => {
                            return Some(Item::Problem(Problem::skipped(path, None, e.to_string())))
                        }
                    }
                }
                _ => {
                    let item = self.read_text_file(&path);
                    // Warnings about the file come before the article itself.
                    self.pending.push_back(item);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert!(heading_like(
            "Hà Nội: Hợp tác với các quốc gia có nền y học tiên tiến trên thế giới"
        ));
        assert!(!heading_like("Y tế - Giáo dục"));
        assert!(!heading_like("Phan Anh 16:53 17/05/2025 và hơn thế"));
        assert!(!heading_like("Một câu hoàn chỉnh kết thúc bằng dấu chấm."));
        assert_eq!(first_sentence("Kurz. Zweiter Satz."), Some("Kurz".into()));
        let long = "Ngày 1-11, Hội nghị Y học Pháp - Việt lần thứ hai khai mạc tại Trường Đại học Y Hà Nội, với sự tham dự của hơn 900 đại biểu.";
        assert_eq!(
            first_sentence(long).as_deref(),
            Some("Ngày 1-11, Hội nghị Y học Pháp - Việt lần thứ hai khai mạc tại Trường Đại học Y Hà Nội, với sự tham…")
        );
    }

    #[test]
    fn front_matter_fields() {
        let (meta, bad, body) = front_matter("---\ntitle: \"Ein Titel\"\ndate: 2025-10-31\nlang: de\nsource: https://x.y\n---\nText.");
        assert_eq!(meta.title.as_deref(), Some("Ein Titel"));
        assert_eq!(meta.date, Date::new(2025, 10, 31));
        assert_eq!(meta.lang, Some(Lang::De));
        assert_eq!(meta.source.as_deref(), Some("https://x.y"));
        assert!(bad.is_empty());
        assert_eq!(body.trim(), "Text.");
        let (_, bad, _) = front_matter("---\nlang: fr\ndate: soon\n---\nText.");
        assert_eq!(
            bad,
            [
                "front matter: unknown language \"fr\": expected vi, id or de",
                "front matter: invalid date \"soon\": expected YYYY-MM-DD",
            ]
        );
    }

    #[test]
    fn article_metadata_is_inferred() {
        let text = "Y tế - Giáo dục\n\nHà Nội: Hợp tác với các quốc gia có nền y học tiên tiến trên thế giới\n\nPhan Anh 16:53 17/05/2025\n\nUBND Thành phố Hà Nội đã ban hành kế hoạch 137/KH-UBND ngày 15/5/2025 về hợp tác quốc tế chuyển giao công nghệ trong lĩnh vực y tế.\n\nNguồn: https://example.vn/a";
        let a = build_article("a".into(), "a".into(), text, Meta::default(), 0).unwrap();
        assert_eq!(
            a.title.as_deref(),
            Some("Hà Nội: Hợp tác với các quốc gia có nền y học tiên tiến trên thế giới")
        );
        assert_eq!(a.lang, Some(Lang::Vi));
        assert_eq!(a.date, Date::new(2025, 5, 17));
        assert_eq!(a.source.as_deref(), Some("https://example.vn/a"));
        assert_eq!(a.passages.len(), 2);
        assert!(a.passages[1].starts_with("Phan Anh 16:53 17/05/2025\nUBND"));
    }

    #[test]
    fn a_caption_after_the_body_is_no_title() {
        let text = "Ngày 1-11, Hội nghị Y học Pháp - Việt lần thứ hai khai mạc tại Trường Đại học Y Hà Nội.\n\nHội nghị là dịp nhìn lại kết quả hợp tác. Ảnh: Trần Minh\n";
        let a = build_article("a".into(), "a".into(), text, Meta::default(), 0).unwrap();
        assert_eq!(a.title.as_deref(), Some("Ngày 1-11, Hội nghị Y học Pháp - Việt lần thứ hai khai mạc tại Trường Đại học Y Hà Nội"));
    }

    #[test]
    fn stated_metadata_wins() {
        let meta = Meta {
            lang: Some(Lang::Id),
            date: Date::new(2025, 10, 31),
            ..Meta::default()
        };
        let a = build_article("b".into(), "b".into(), "date 2024-01-01 Ein deutscher Satz über die Zusammenarbeit der beiden Länder im Gesundheitswesen.", meta, 0).unwrap();
        assert_eq!(a.lang, Some(Lang::Id));
        assert_eq!(a.date, Date::new(2025, 10, 31));
    }

    #[test]
    fn big_files_are_read_in_parts_ending_on_lines() {
        let text = "một dòng\nzweite Zeile\nbaris ketiga\n";
        let mut reader = std::io::Cursor::new(text.as_bytes());
        let mut parts = Vec::new();
        loop {
            let part = read_part(&mut reader, 5).unwrap();
            if part.is_empty() {
                break;
            }
            parts.push(String::from_utf8(part).unwrap());
        }
        assert_eq!(parts, ["một dòng\n", "zweite Zeile\n", "baris ketiga\n"]);
    }

    #[test]
    fn nothing_to_index() {
        assert_eq!(
            build_article(
                "c".into(),
                "c".into(),
                " \n\n![x](y.png)\n",
                Meta::default(),
                0
            ),
            None
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::index::{documents, Fields};
    use proptest::prelude::*;

    proptest! {
        /// Text → passages → documents never panics, and passages are
        /// trimmed, non-empty and bounded.
        #[test]
        fn any_text_becomes_sane_passages(text in "(\\PC|\n|\r|!\\[x\\]\\(y\\)|Sumber: http://a.b| date 2025-01-01){0,400}") {
            let decoded = decode::normalize(&text);
            if let Some(article) = build_article("p".into(), "p".into(), &decoded, Meta::default(), 1) {
                prop_assert!(!article.passages.is_empty());
                for p in &article.passages {
                    prop_assert!(!p.trim().is_empty());
                    prop_assert!(p.chars().count() <= passages::HARD_LIMIT_CHARS + passages::MIN_PASSAGE_CHARS + 1);
                }
                let (_, fields) = Fields::schema();
                prop_assert_eq!(documents(&fields, &article).len(), article.passages.len());
            }
        }

        /// Any bytes decode or are called binary; nothing panics.
        #[test]
        fn any_bytes_decode(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            if let Ok(d) = decode(&bytes) {
                prop_assert!(!d.text.contains('\r'));
            }
        }
    }
}
