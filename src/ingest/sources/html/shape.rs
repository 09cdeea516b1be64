//! A first, linear look at a web page: how many elements it has and how
//! deep they nest. The DOM and the main-content search that follow are not
//! linear in depth (100,000 nested `<div>` took 24 s of CPU), so a page
//! past [`MAX_DEPTH`], [`MAX_ELEMENTS`] or [`MAX_ANCESTRY`] is not given to
//! them; its whole text is read with html5ever's tokenizer alone instead
//! ([`plain`]), so nothing on it is lost.
//!
//! The look is a scan of the bytes for tags, written here because running
//! html5ever's tokenizer on every page for it cost 40–60 % of a page's
//! extraction; this scan costs a few per cent. It knows comments, quoted
//! attribute values and the elements whose content is raw text (scripts,
//! styles), and counts the depth a browser would build, nearly: void
//! elements, self-closed tags and the elements whose end tag may be left
//! out (`<p>`, `<li>`, `<td>`, …) do not nest, so a page that never
//! closes its paragraphs is not counted deep.

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};

/// How deep elements may nest: the depth past which Chromium's HTML parser
/// stops nesting (`kMaximumHTMLParserDOMTreeDepth`).
pub(super) const MAX_DEPTH: usize = 512;
/// Elements a page may have for its main text to be looked for.
pub(super) const MAX_ELEMENTS: usize = 100_000;
/// The sum of every element's depth a page may have: the main-content
/// search costs about this much (3.5 million a second on one core), so
/// this bounds it near a second. A large real page (50,000 elements about
/// 20 deep) is a quarter of it.
pub(super) const MAX_ANCESTRY: usize = 4_000_000;

/// Why a page was read as plain text, if it was.
#[derive(Debug, PartialEq)]
pub(super) enum Shape {
    /// Within the bounds: the page is read as a DOM.
    Fits,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More elements than [`MAX_ELEMENTS`].
    TooMany,
    /// Elements deep on average, for their number: past [`MAX_ANCESTRY`].
    TooTangled {
        /// How many elements.
        elements: usize,
        /// Their mean depth.
        depth: usize,
    },
}

impl Shape {
    /// What the report says of a page read as plain text.
    pub(super) fn note(&self) -> Option<String> {
        let why = match self {
            Shape::Fits => return None,
            Shape::TooDeep => format!("its elements nest more than {MAX_DEPTH} deep"),
            Shape::TooMany => format!("it has more than {MAX_ELEMENTS} elements"),
            Shape::TooTangled { elements, depth } => {
                format!("its {elements} elements nest {depth} deep on average")
            }
        };
        Some(format!(
            "{why}, so its text was read whole, without picking out the main content"
        ))
    }
}

/// A page's plain text, title and declared language, as the tokenizer saw
/// them.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Plain {
    /// Paragraphs, one per block element.
    pub text: String,
    /// The first `<title>`.
    pub title: Option<String>,
    /// The `lang` of `<html>`.
    pub lang: Option<String>,
}

/// The shape of `page`.
pub(super) fn shape(page: &str) -> Shape {
    let counts = count(page.as_bytes());
    if counts.deepest > MAX_DEPTH {
        Shape::TooDeep
    } else if counts.elements > MAX_ELEMENTS {
        Shape::TooMany
    } else if counts.ancestry > MAX_ANCESTRY {
        Shape::TooTangled {
            elements: counts.elements,
            depth: counts.ancestry / counts.elements.max(1),
        }
    } else {
        Shape::Fits
    }
}

/// What the scan counts.
#[derive(Default)]
struct Counts {
    elements: usize,
    depth: usize,
    deepest: usize,
    /// The sum of the depths of the elements.
    ancestry: usize,
}

/// Counts the start tags of `page` and how they nest.
fn count(page: &[u8]) -> Counts {
    let mut counts = Counts::default();
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &page[at..]) {
        at += found + 1;
        at = match page.get(at) {
            Some(b'!') if page[at..].starts_with(b"!--") => after(page, at + 3, b"-->"),
            Some(b'!' | b'?') => after(page, at, b">"),
            Some(b'/') => {
                let name = name(page, at + 1);
                if nests(name) {
                    counts.depth = counts.depth.saturating_sub(1);
                }
                after(page, at, b">")
            }
            Some(c) if c.is_ascii_alphabetic() => counts.start_tag(page, at),
            _ => at,
        };
    }
    counts
}

impl Counts {
    /// Counts the start tag at `at` (its name); where the scan goes on.
    fn start_tag(&mut self, page: &[u8], at: usize) -> usize {
        let name = name(page, at);
        let (end, self_closing) = tag_end(page, at + name.len());
        self.elements += 1;
        if nests(name) && !self_closing {
            self.depth += 1;
            self.deepest = self.deepest.max(self.depth);
            self.ancestry += self.depth;
        }
        match RAW
            .iter()
            .find(|(raw, _)| raw.as_bytes().eq_ignore_ascii_case(name))
        {
            Some(_) if !self_closing => closing(page, end, name),
            _ => end,
        }
    }
}

/// The tag name at `at`.
fn name(page: &[u8], at: usize) -> &[u8] {
    let rest = page.get(at..).unwrap_or_default();
    let len = rest
        .iter()
        .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        .unwrap_or(rest.len());
    &rest[..len]
}

/// Whether an element of this name nests.
fn nests(name: &[u8]) -> bool {
    let is = |list: &[&str]| list.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name));
    !name.is_empty() && !is(VOID) && !is(OPTIONAL_END)
}

/// Where the tag whose attributes start at `at` ends (after its `>`), and
/// whether it closes itself (`/>`); `>` in a quoted value does not end it.
fn tag_end(page: &[u8], mut at: usize) -> (usize, bool) {
    let mut last = 0u8;
    while let Some(&c) = page.get(at) {
        at += 1;
        match c {
            b'>' => return (at, last == b'/'),
            b'"' | b'\'' if last == b'=' => at = after(page, at, &[c]),
            c if c.is_ascii_whitespace() => continue,
            _ => {}
        }
        last = c;
    }
    (at, false)
}

/// Where the raw text of the element `name` ends: after its end tag.
fn closing(page: &[u8], mut at: usize, name: &[u8]) -> usize {
    while let Some(found) = memchr::memmem::find(&page[at..], b"</") {
        at += found + 2;
        let next = page.get(at..at + name.len()).unwrap_or_default();
        if next.eq_ignore_ascii_case(name) {
            return after(page, at, b">");
        }
    }
    page.len()
}

/// The position after the next `needle` from `at`, or the end.
fn after(page: &[u8], at: usize, needle: &[u8]) -> usize {
    let rest = page.get(at..).unwrap_or_default();
    memchr::memmem::find(rest, needle).map_or(page.len(), |p| at + p + needle.len())
}

/// A page's whole text, title and declared language, read with
/// html5ever's tokenizer alone (linear however the page nests).
pub(super) fn plain(page: &str) -> Plain {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(page));
    let tokenizer = Tokenizer::new(Sink::default(), Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.plain.into_inner()
}

/// Keeps the text outside scripts and styles, the title, the language.
#[derive(Default)]
struct Sink {
    /// Inside an element whose text is not the page's (script, style).
    hidden: Cell<bool>,
    in_title: Cell<bool>,
    plain: RefCell<Plain>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => return self.tag(&tag),
            Token::CharacterTokens(text) if !self.hidden.get() => {
                let mut plain = self.plain.borrow_mut();
                if self.in_title.get() {
                    plain.title.get_or_insert_with(String::new).push_str(&text);
                } else {
                    plain.text.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Sink {
    fn tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if BLOCKS.contains(&name) {
            self.plain.borrow_mut().text.push('\n');
        }
        if name == "html" && start {
            let lang = tag.attrs.iter().find(|a| &*a.name.local == "lang");
            let mut plain = self.plain.borrow_mut();
            if let (None, Some(lang)) = (&plain.lang, lang) {
                plain.lang = Some(lang.value.to_string());
            }
        }
        let raw = RAW
            .iter()
            .find(|(raw, _)| *raw == name)
            .map(|(_, kind)| *kind);
        match raw {
            Some(kind) if start => {
                self.hidden.set(name != "title");
                self.in_title.set(name == "title");
                TokenSinkResult::RawData(kind)
            }
            Some(_) => {
                self.hidden.set(false);
                self.in_title.set(false);
                TokenSinkResult::Continue
            }
            None => TokenSinkResult::Continue,
        }
    }
}

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose end tag may be left out: an open one is closed by the
/// next of its kind, so they do not nest.
const OPTIONAL_END: &[&str] = &[
    "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
    "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements whose content the tokenizer reads as raw text, as a browser's
/// tree builder tells it to; all but the title's is hidden.
const RAW: &[(&str, RawKind)] = &[
    ("script", RawKind::ScriptData),
    ("style", RawKind::Rawtext),
    ("iframe", RawKind::Rawtext),
    ("noembed", RawKind::Rawtext),
    ("noframes", RawKind::Rawtext),
    ("xmp", RawKind::Rawtext),
    ("textarea", RawKind::Rcdata),
    ("title", RawKind::Rcdata),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    }

    #[test]
    fn depth_is_counted_as_a_browser_nests() {
        assert_eq!(shape(&nested(MAX_DEPTH)), Shape::Fits);
        assert_eq!(shape(&nested(MAX_DEPTH + 1)), Shape::TooDeep);
        let hidden = format!(
            "<!-- {} --><script>var s = '{}';</script><a title='>{}'>x</a><br/>",
            "<div>".repeat(600),
            "<div>".repeat(600),
            "<div>".repeat(600)
        );
        assert_eq!(shape(&hidden), Shape::Fits);
        assert_eq!(
            shape(&"<DIV class=\"a\">".repeat(MAX_DEPTH + 1)),
            Shape::TooDeep
        );
        assert_eq!(shape(&"<div/>".repeat(MAX_DEPTH + 1)), Shape::Fits);
        let unclosed = format!(
            "<body>{}",
            "<p>Một đoạn.<li>mục<br><img src=a>".repeat(2000)
        );
        assert_eq!(shape(&unclosed), Shape::Fits);
        let flat = "<span>a</span>".repeat(MAX_ELEMENTS + 1);
        assert_eq!(shape(&flat), Shape::TooMany);
        let wide = format!("{}x{}", "<div>".repeat(500), "</div>".repeat(500)).repeat(40);
        let tangled = Shape::TooTangled {
            elements: 20_000,
            depth: 250,
        };
        assert_eq!(shape(&wide), tangled);
    }

    #[test]
    fn the_plain_text_leaves_out_scripts_and_keeps_the_title_apart() {
        let page = r#"<html lang="de"><head><title>Der Titel &amp; mehr</title>
            <style>p { color: red }</style><script>if (a < b) { x = "</div>"; }</script>
            </head><body><div><p>Erster Absatz &uuml;ber <b>Kliniken</b>.<p>Zweiter.</div>"#;
        let plain = plain(page);
        assert_eq!(plain.title.as_deref(), Some("Der Titel & mehr"));
        assert_eq!(plain.lang.as_deref(), Some("de"));
        let lines: Vec<&str> = plain
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["Erster Absatz über Kliniken.", "Zweiter."]);
    }
}
