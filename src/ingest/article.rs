//! Building an [`Article`] from an input's text: cleaning, passages, and the
//! metadata the input does not state (title, language, date), plus the
//! change hash that lets a re-index skip unchanged inputs.

use crate::model::{Article, Lang, Meta};

use super::clean::{clean, Cleaned};
use super::dateline::{dateline_date, is_body_line, plausible};
use super::passages;

/// Titles made from a first sentence are cut near this many chars.
const TITLE_CHARS: usize = 100;

/// Bumped whenever cleaning, passage cutting or metadata inference changes,
/// so re-indexing rebuilds articles whose input did not change.
const INGEST_VERSION: &[u8] = b"vsearch-ingest-2";

/// Where an article comes from: its id, its readable path and its file.
#[derive(Clone, Debug)]
pub(crate) struct Origin {
    /// The article id.
    pub id: String,
    /// The path to show.
    pub path: String,
    /// The canonical path of the file.
    pub file: String,
    /// The line, for a JSONL record.
    pub line: Option<usize>,
    /// Its file type ([`crate::model::KINDS`]).
    pub kind: &'static str,
}

/// An article built from text, and what was wrong with its metadata.
#[derive(Debug, Default)]
pub(crate) struct Built {
    /// The article, `None` when the text held nothing to index.
    pub article: Option<Article>,
    /// Metadata refused (an implausible date), one message each.
    pub warnings: Vec<String>,
}

/// Hash of an article's raw input (id, the bytes, the metadata stated beside
/// it): equal hashes mean nothing needs redoing. Where the input sits in its
/// file (a JSONL line number) is left out, so moving it costs nothing.
///
/// XXH3, 64 bits: it detects changes, it does not defend against forgery.
pub(crate) fn input_hash(parts: &[&[u8]]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(INGEST_VERSION);
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.digest()
}

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

/// `body` from its first line that can start a title: not a `#!` line,
/// not a bare section number (`1.2.3`).
fn titled_body(body: &str) -> &str {
    let mut rest = body;
    while let Some((line, after)) = rest.split_once('\n') {
        let line = line.trim();
        if !line.starts_with("#!") && super::clean::is_title(line) {
            break;
        }
        rest = after;
    }
    rest
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

/// A heading line before the body starts; a caption after it is no title,
/// nor the first line of a hard-wrapped paragraph.
fn heading_line(lines: &[String]) -> Option<String> {
    let wrapped = |i: usize| {
        let end = lines[i..]
            .iter()
            .position(String::is_empty)
            .map_or(lines.len(), |n| i + n);
        let start = lines[..i]
            .iter()
            .rposition(String::is_empty)
            .map_or(0, |n| n + 1);
        super::passages::hard_wrapped(&lines[start..end])
    };
    (lines.iter().enumerate())
        .take(8)
        .take_while(|(_, l)| !is_body_line(l))
        .find(|&(i, l)| heading_like(l) && !wrapped(i))
        .map(|(_, l)| l.clone())
}

/// Whether `c` shows nothing: white space or a zero-width character.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Turns an input's text into an article; `hash` is its [`input_hash`].
pub(crate) fn build_article(origin: Origin, text: &str, stated: Meta, hash: u64) -> Built {
    build(origin, &[text], false, stated, hash)
}

/// Turns the text of a paged input (a PDF, one string per page) into an
/// article whose passages know the page they start on. Passages do not
/// run across pages; furniture is cleaned page by page.
pub(crate) fn build_paged(origin: Origin, pages: &[String], stated: Meta, hash: u64) -> Built {
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    build(origin, &pages, true, stated, hash)
}

fn build(origin: Origin, parts: &[&str], paged: bool, stated: Meta, hash: u64) -> Built {
    let mut warnings = Vec::new();
    let mut check = |date: Option<crate::model::Date>, found_in: &str| {
        date.and_then(|d| {
            plausible(d, found_in)
                .map_err(|e| warnings.push(e.to_string()))
                .ok()
        })
    };
    let stated_date = check(stated.date, "stated");
    let mut passages = Vec::new();
    let mut pages = Vec::new();
    let mut asides = Vec::new();
    let mut first: Option<Cleaned> = None;
    for (n, part) in parts.iter().enumerate() {
        let cleaned = clean(part);
        let cut = passages::cut(&passages::paragraphs(&cleaned.lines));
        if paged {
            pages.extend(std::iter::repeat_n(n as u32 + 1, cut.len()));
        }
        for p in cut {
            asides.push(p.aside);
            passages.push(p.text);
        }
        if first.is_none() && cleaned.lines.iter().any(|l| !l.chars().all(is_blank)) {
            first = Some(cleaned);
        }
    }
    let Some(first) = first.filter(|_| !passages.iter().all(|p| p.chars().all(is_blank))) else {
        return Built {
            article: None,
            warnings,
        };
    };
    let body = passages.join("\n");
    let title = stated
        .title
        .or(first.heading)
        .or_else(|| heading_line(&first.lines))
        .or_else(|| first_sentence(titled_body(&body)));
    let lang = stated.lang.or_else(|| Lang::detect(&body));
    let date = stated_date.or_else(|| {
        let found = first.stamp_date.or_else(|| dateline_date(&first.lines));
        check(found, "dateline")
    });
    let article = Article {
        id: origin.id,
        path: origin.path,
        file: origin.file,
        line: origin.line,
        kind: origin.kind,
        title,
        lang,
        date,
        source: stated.source.or(first.source),
        passages,
        pages,
        asides: if asides.contains(&true) {
            asides
        } else {
            Vec::new()
        },
        hash,
    };
    Built {
        article: Some(article),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn origin() -> Origin {
        Origin {
            id: "a".into(),
            path: "a".into(),
            file: "/a".into(),
            line: None,
            kind: "txt",
        }
    }

    fn build(text: &str, meta: Meta) -> Option<Article> {
        build_article(origin(), text, meta, 0).article
    }

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
    fn article_metadata_is_inferred() {
        let text = "Y tế - Giáo dục\n\nHà Nội: Hợp tác với các quốc gia có nền y học tiên tiến trên thế giới\n\nPhan Anh 16:53 17/05/2025\n\nUBND Thành phố Hà Nội đã ban hành kế hoạch 137/KH-UBND ngày 15/5/2025 về hợp tác quốc tế chuyển giao công nghệ trong lĩnh vực y tế.\n\nNguồn: https://example.vn/a";
        let a = build(text, Meta::default()).unwrap();
        assert_eq!(
            a.title.as_deref(),
            Some("Hà Nội: Hợp tác với các quốc gia có nền y học tiên tiến trên thế giới")
        );
        assert_eq!(a.lang, Some(Lang::VI));
        assert_eq!(a.date, Date::new(2025, 5, 17));
        assert_eq!(a.source.as_deref(), Some("https://example.vn/a"));
        assert_eq!(a.passages.len(), 2);
        assert!(a.passages[1].starts_with("Phan Anh 16:53 17/05/2025\nUBND"));
    }

    #[test]
    fn a_caption_after_the_body_is_no_title() {
        let text = "Ngày 1-11, Hội nghị Y học Pháp - Việt lần thứ hai khai mạc tại Trường Đại học Y Hà Nội.\n\nHội nghị là dịp nhìn lại kết quả hợp tác. Ảnh: Trần Minh\n";
        let a = build(text, Meta::default()).unwrap();
        assert_eq!(a.title.as_deref(), Some("Ngày 1-11, Hội nghị Y học Pháp - Việt lần thứ hai khai mạc tại Trường Đại học Y Hà Nội"));
    }

    #[test]
    fn stated_metadata_wins() {
        let meta = Meta {
            lang: Some(Lang::ID),
            date: Date::new(2025, 10, 31),
            ..Meta::default()
        };
        let a = build("date 2024-01-01 Ein deutscher Satz über die Zusammenarbeit der beiden Länder im Gesundheitswesen.", meta).unwrap();
        assert_eq!(a.lang, Some(Lang::ID));
        assert_eq!(a.date, Date::new(2025, 10, 31));
    }

    #[test]
    fn implausible_dates_are_reported_not_stored() {
        let text =
            "Phú Xuân, ngày 2/3/1657 – Quân Trịnh và quân Nguyễn giao chiến ở bờ sông Gianh.";
        let built = build_article(origin(), text, Meta::default(), 0);
        assert_eq!(built.article.unwrap().date, None);
        assert_eq!(built.warnings.len(), 1);
        assert!(
            built.warnings[0].starts_with("dateline date 1657-03-02 is outside 1900-01-01 to "),
            "{:?}",
            built.warnings
        );
        let meta = Meta {
            date: Date::new(1850, 1, 1),
            ..Meta::default()
        };
        let built = build_article(origin(), "Ein Satz über die Zusammenarbeit.", meta, 0);
        assert_eq!(built.article.unwrap().date, None);
        assert!(built.warnings[0].starts_with("stated date 1850-01-01 is outside"));
    }

    #[test]
    fn nothing_to_index() {
        assert_eq!(build(" \n\n![x](y.png)\n", Meta::default()), None);
        assert_eq!(
            build("\u{200B}\u{FEFF} \u{200D}\n\u{2060}", Meta::default()),
            None
        );
    }
}
