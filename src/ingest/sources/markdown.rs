//! Markdown (`.md`, `.markdown`): read as text with its markup removed by
//! a CommonMark parser (pulldown-cmark), so snippets show words, not
//! `**`, `|`, `[text](url)` or `#`. Paragraphs, headings, list items and
//! table rows become paragraphs (a row's cells side by side); images and
//! raw HTML are dropped. The first heading is the title unless one is
//! stated.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The text of a Markdown document, and its first heading.
pub(crate) fn to_text(markdown: &str) -> (String, Option<String>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(markdown.len());
    let mut heading: Option<String> = None;
    let mut in_heading = None::<String>;
    let mut image = 0usize;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => image = image.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) => in_heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let text = in_heading.take().unwrap_or_default();
                if heading.is_none() && !text.trim().is_empty() {
                    heading = Some(text.trim().to_string());
                }
                out.push_str("\n\n");
            }
            Event::Text(t) | Event::Code(t) if image == 0 => {
                out.push_str(&t);
                if let Some(h) = in_heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow) => {
                out.push_str("\n\n")
            }
            Event::End(TagEnd::TableCell) => out.push_str("  "),
            Event::End(TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => out.push_str("\n\n"),
            _ => {}
        }
    }
    (out, heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_text_stays() {
        let md = "# Ghi chú họp báo\n\n**Bộ Y tế** công bố [kế hoạch](https://example.vn/kh) tiêm chủng.\n\n![ảnh](a.png)\n\n| Tỉnh | Số liều |\n|---|---|\n| Hà Nội | 1200 |\n\n- một\n- hai\n\nTriển khai `ngay`.\n";
        let (text, heading) = to_text(md);
        assert_eq!(heading.as_deref(), Some("Ghi chú họp báo"));
        assert_eq!(
            text,
            "Ghi chú họp báo\n\nBộ Y tế công bố kế hoạch tiêm chủng.\n\n\n\nTỉnh  Số liều  \n\nHà Nội  1200  \n\nmột\n\nhai\n\nTriển khai ngay.\n\n"
        );
    }
}
