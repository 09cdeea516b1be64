//! Page furniture removal: what a scraped article carries that is not its
//! text. Image links, image file names, comment counters and table pipes go;
//! a `Source:`/`Sumber:`/`Quelle:`/`Nguồn:` URL line becomes the article's
//! source; a leading `date YYYY-MM-DD` stamp becomes its date.

use std::sync::OnceLock;

use regex::Regex;

use crate::model::Date;

/// An article's text with furniture removed, and what was learned from it.
#[derive(Debug, Default, PartialEq)]
pub struct Cleaned {
    /// The remaining lines, blank lines kept as paragraph breaks.
    pub lines: Vec<String>,
    /// The URL of a source line.
    pub source: Option<String>,
    /// The date of a leading `date YYYY-MM-DD` stamp.
    pub stamp_date: Option<Date>,
    /// The first markdown heading (`# Title`).
    pub heading: Option<String>,
}

/// Lines longer than this are text, never furniture or a source line.
const FURNITURE_MAX_BYTES: usize = 300;

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("furniture patterns are valid"))
}

fn image_link() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // ![alt](url), where alt may hold one level of brackets: ![[Foto] x](u)
    re(&RE, r"!\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)")
}

fn source_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)^(?:source|sumber|quelle|nguồn)\s*:\s*(https?://\S+)\s*$",
    )
}

fn furniture_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?ix)^(?:
            [\w\s]{1,20}\(\d+\)                             # Komentar (0), Bình luận (12)
            | [\w.\-]+\.(?:jpe?g|png|gif|webp|svg|avif)     # 12.02.2023.-y-te.jpg
            | [|\s\-:]*                                     # table rules, lone pipes
        )$",
    )
}

fn date_stamp() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b\s*")
}

/// Whether [`source_line`] can match `line`: it starts with the first
/// letter of a source word, in either case (`ſ` is an `s` to `(?i)`), and
/// has a colon. Most lines fail this, and never run the pattern.
fn may_be_source(line: &str) -> bool {
    matches!(
        line.chars().next(),
        Some('s' | 'S' | 'ſ' | 'q' | 'Q' | 'n' | 'N')
    ) && line.contains(':')
}

/// Whether [`furniture_line`] can match `line`: it ends with `)`, or with a
/// short extension, or holds only rules. Most lines fail this, and never
/// run the pattern (its `[\w\s]{1,20}` alone takes 40 M instructions to
/// compile, and its lazy DFA grows with every line it reads).
fn may_be_furniture(line: &str) -> bool {
    line.ends_with(')')
        || line
            .rsplit_once('.')
            .is_some_and(|(_, ext)| (3..=4).contains(&ext.len()))
        || line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':') || c.is_whitespace())
}

/// Removes furniture from `text` (with `\n` line ends).
pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut first_text_line = true;
    for raw in text.split('\n') {
        let mut line = if raw.contains("![") {
            image_link().replace_all(raw, "").into_owned()
        } else {
            raw.to_string()
        };
        let trimmed = line.trim();
        if trimmed.starts_with('|') || trimmed.ends_with('|') {
            line = trimmed
                .trim_matches(|c: char| c == '|' || c.is_whitespace())
                .to_string();
        }
        let had_image = line.len() != raw.len() && line.trim().is_empty();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !had_image {
                out.lines.push(String::new());
            }
            continue;
        }
        // Source lines and furniture are short; long lines skip the patterns.
        if trimmed.len() <= FURNITURE_MAX_BYTES {
            if let Some(c) = may_be_source(trimmed)
                .then(|| source_line().captures(trimmed))
                .flatten()
            {
                out.source = Some(c[1].to_string());
                continue;
            }
            if may_be_furniture(trimmed) && furniture_line().is_match(trimmed) {
                continue;
            }
        }
        let mut text_line = trimmed.to_string();
        if first_text_line {
            first_text_line = false;
            if let Some(c) = date_stamp().captures(&text_line) {
                out.stamp_date = Date::parse_iso(&c[1]);
                text_line = text_line[c.get(0).map_or(0, |m| m.end())..].to_string();
            }
        }
        if let Some(h) = atx_heading(&text_line) {
            let h = h.to_string();
            if out.heading.is_none() && is_title(&h) {
                out.heading = Some(h.clone());
            }
            text_line = h;
        }
        if !text_line.is_empty() {
            out.lines.push(text_line);
        }
    }
    out
}

/// The text of a Markdown heading line (`# Title`, `## Title`): one to six
/// `#` and a space, as CommonMark writes them; `#!/bin/sh` and `#include`
/// are not headings.
fn atx_heading(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    let hashes = line.len() - rest.len();
    ((1..=6).contains(&hashes) && rest.starts_with([' ', '\t']))
        .then(|| rest.trim().trim_end_matches('#').trim_end())
        .filter(|h| !h.is_empty())
}

/// Whether a heading can be a title: it has a letter, and is not only a
/// section number (`1.2.3`, `IV.`).
pub(crate) fn is_title(text: &str) -> bool {
    let numbering = text.split_whitespace().all(|w| {
        let w = w.trim_end_matches(['.', ')']);
        w.split('.').all(|p| {
            !p.is_empty()
                && (p.chars().all(|c| c.is_ascii_digit())
                    || p.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')))
        })
    });
    text.chars().any(char::is_alphabetic) && !numbering
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_images_counters_and_file_names() {
        let text = "Text one.\n\n![[Foto] Da Nang: Air](https://x/y.webp)\n\n\nKomentar (0)\n12.02.2023.-y-te-thong-minh.jpg\n![]() |\n| Caption here. Ảnh FPT |\nLast.";
        let c = clean(text);
        assert_eq!(
            c.lines,
            ["Text one.", "", "", "", "Caption here. Ảnh FPT", "Last."]
        );
    }

    #[test]
    fn source_line_becomes_source() {
        let c = clean("Body.\nSumber: https://nhandan.vn/post919604.html\n");
        assert_eq!(
            c.source.as_deref(),
            Some("https://nhandan.vn/post919604.html")
        );
        assert_eq!(c.lines, ["Body.", ""]);
        let c = clean("Quelle: https://a.b/c");
        assert_eq!(c.source.as_deref(), Some("https://a.b/c"));
        let c = clean("Nguồn: https://a.b/c");
        assert_eq!(c.source.as_deref(), Some("https://a.b/c"));
    }

    #[test]
    fn leading_date_stamp() {
        let c = clean(" date 2025-11-01 Ngày 1-11, Hội nghị khai mạc.");
        assert_eq!(c.stamp_date, Date::new(2025, 11, 1));
        assert_eq!(c.lines, ["Ngày 1-11, Hội nghị khai mạc."]);
    }

    #[test]
    fn a_heading_is_hashes_and_a_space_and_a_title_has_words() {
        assert_eq!(atx_heading("## Hà Nội ##"), Some("Hà Nội"));
        assert_eq!(atx_heading("#!/bin/sh"), None);
        assert_eq!(atx_heading("#include <stdio.h>"), None);
        assert_eq!(atx_heading("####### seven"), None);
        assert!(!is_title("1.2.3"));
        assert!(!is_title("IV."));
        assert!(!is_title("12)"));
        assert!(is_title("1.2 Einleitung"));
        let c = clean("#!/bin/sh\n\necho Hallo Welt\n");
        assert_eq!(c.heading, None);
        assert_eq!(c.lines[0], "#!/bin/sh");
    }

    #[test]
    fn markdown_heading() {
        let c = clean("## Hà Nội: Hợp tác\nBody.");
        assert_eq!(c.heading.as_deref(), Some("Hà Nội: Hợp tác"));
        assert_eq!(c.lines, ["Hà Nội: Hợp tác", "Body."]);
    }
}
