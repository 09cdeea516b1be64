//! The page's whole body, without the site around the text: what is read
//! when the main-content extractor kept much less than the page shows (a
//! long reference chapter of many sections, where Readability picks one,
//! or a page whose boxed notes it drops), so that no text is lost. Taken
//! out: scripts and styles; navigation, headers and footers by their
//! elements, ARIA roles and the class names site generators give them
//! (DocBook's `navheader`, Sphinx's `sphinxsidebar`); and blocks that are
//! mostly links (menus, link lists), by their link density as Readability
//! judges it. A boxed note (`<div class="sidebar">`, `<aside>` of text)
//! stays. Block elements end paragraphs (dom_query's formatted text).

use dom_query::{Document, NodeRef};

/// What is never the page's text: scripts and styles, the site's
/// navigation, header, footer, comments and cookie notices, by element,
/// ARIA role, and the class and id names site generators use.
const CHROME: &str = "script, style, noscript, template, nav, header, footer, form, \
    [role=navigation], [role=banner], [role=contentinfo], [role=search], [aria-hidden=true], \
    .navheader, .navfooter, .navbar, .nav, .menu, .breadcrumb, .breadcrumbs, .sphinxsidebar, \
    .footer, .cookie, .cookies, .comments, #comments, #header, #footer, #nav, #navigation, #menu";

/// Blocks judged by how much of their text is links.
const BLOCKS: [&str; 8] = ["div", "section", "aside", "ul", "ol", "table", "p", "dl"];

/// A block with more of its text in links than this is a menu or a list
/// of links, not text (Readability's threshold for a block's link density).
const LINK_DENSITY: f64 = 0.5;

/// Elements whose text is never shown.
const HIDDEN: &str = "script, style, noscript, template";

/// Letters and digits: what a text's length is counted in, so that white
/// space and punctuation, which depend on how paragraphs are joined, do
/// not count.
pub(super) fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The letters and digits the page shows in its body, chrome included.
pub(super) fn shown(doc: &Document) -> usize {
    let body = doc.select("body");
    letters(&body.text()).saturating_sub(letters(&body.select(HIDDEN).text()))
}

/// The letters of `node` and those in links (`a` with an `href`: an anchor
/// without one, `<a id="x"/>`, which an HTML parser leaves open to the end
/// of its block, is not a link), in one walk; the blocks that are mostly
/// links go to `menus`.
fn measure<'a>(node: &NodeRef<'a>, in_link: bool, menus: &mut Vec<NodeRef<'a>>) -> (usize, usize) {
    if node.is_text() {
        let n = letters(&node.text());
        return (n, if in_link { n } else { 0 });
    }
    if !node.is_element() {
        return (0, 0);
    }
    let name = node.node_name().unwrap_or_default();
    let link = in_link || (&*name == "a" && node.has_attr("href"));
    let (mut all, mut linked) = (0, 0);
    for child in node.children_it(false) {
        let (a, l) = measure(&child, link, menus);
        all += a;
        linked += l;
    }
    if BLOCKS.contains(&&*name) && all > 0 && linked as f64 > LINK_DENSITY * all as f64 {
        menus.push(*node);
    }
    (all, linked)
}

/// The body of `page` without its chrome, as formatted text: a blank line
/// after each block element.
pub(super) fn without_chrome(page: &str) -> String {
    let doc = Document::from(page);
    doc.select(CHROME).remove();
    let body = doc.select("body");
    let mut menus = Vec::new();
    if let Some(root) = body.nodes().first() {
        measure(root, false, &mut menus);
    }
    for menu in menus {
        menu.remove_from_parent();
    }
    body.formatted_text().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_loses_its_chrome_and_keeps_every_section() {
        let page = r##"<html><body>
            <div class="navheader"><a href="a.html">Zurück</a> Kapitel 12</div>
            <nav><a href="/">Startseite</a></nav>
            <div class="toc"><ul><li><a href="#a">Skripte</a></li><li><a href="#b">Make</a></li></ul></div>
            <div class="section"><h2>12.1. Skripte</h2><p>Ein Shell-Skript.</p>
              <pre>echo  hallo</pre></div>
            <div class="section"><h2>12.2. Make</h2><ul><li>Regeln</li><li>Ziele</li></ul>
              <table><tr><td>make</td><td>baut</td></tr></table>
              <div class="sidebar"><p>KULTUR: Make ist alt, siehe <a href="m">make(1)</a>.</p></div></div>
            <script>var x = "nicht";</script>
            <footer>Impressum</footer></body></html>"##;
        let text = without_chrome(page);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            [
                "12.1. Skripte",
                "Ein Shell-Skript.",
                "echo  hallo",
                "12.2. Make",
                "Regeln",
                "Ziele",
                "make baut",
                "KULTUR: Make ist alt, siehe make(1)."
            ]
        );
        let doc = Document::from(page);
        // The chrome counts as shown; the script does not.
        let chrome = "Zurück Kapitel 12 Startseite Skripte Make Impressum";
        assert_eq!(shown(&doc), letters(&text) + letters(chrome));
    }
}
