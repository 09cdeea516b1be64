//! E-mail: one message (`.eml`, RFC 5322 with MIME) or a mailbox
//! (`.mbox`, messages after `From ` lines), parsed by mail-parser. A
//! message is an article: the subject its title, the `Date:` its date,
//! `Content-Language` its language, the sender a `From:` line above the
//! body (so a name finds the mails it sent); an HTML body is read as a
//! page's body is. Each attachment in a format vsearch reads is an article
//! of its own, `mail.eml/budget.pdf`, dated as its mail; an attached
//! message is read as a message. A mailbox's messages are `box.mbox#1`,
//! `#2`, … in file order.

use super::{damaged, no_text, ExtractError};
use std::io::Cursor;

use mail_parser::mailbox::mbox::MessageIterator;
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

use crate::model::{Date, Lang, Meta};

use super::super::problem::Kind;
use super::document::Extracted;
use super::{html, Format};

/// How deep attached messages are followed.
const MAX_DEPTH: usize = 3;
/// The most messages read from one mailbox.
const MAX_MESSAGES: usize = 100_000;

/// Reads one e-mail message.
pub(crate) fn extract_eml(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let message = MessageParser::default()
        .parse(bytes)
        .filter(|m| m.subject().is_some() || m.from().is_some() || m.date().is_some())
        .ok_or_else(|| damaged("not an e-mail message: it has no Subject, From or Date header"))?;
    Ok(of_message(&message, 0))
}

/// Reads a mailbox: each message an article of its own.
pub(crate) fn extract_mbox(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut out = Extracted::text(String::new(), Meta::default());
    let parser = MessageParser::default();
    for (n, raw) in MessageIterator::new(Cursor::new(bytes))
        .take(MAX_MESSAGES)
        .enumerate()
    {
        let raw = raw.map_err(|e| damaged(format!("damaged mailbox: {e}")))?;
        match parser.parse(raw.contents()) {
            Some(message) => out
                .parts
                .push((format!("#{}", n + 1), of_message(&message, 0))),
            None => out.notes.push((
                Kind::Skipped,
                format!("message {} could not be read", n + 1),
            )),
        }
    }
    if out.parts.is_empty() {
        return Err(no_text(
            "no messages found in this mailbox (no \"From \" lines)",
        ));
    }
    Ok(out)
}

/// A message as an article, its attachments as its parts.
fn of_message(message: &Message, depth: usize) -> Extracted {
    let date = message
        .date()
        .and_then(|d| Date::new(d.year.into(), d.month.into(), d.day.into()));
    let meta = Meta {
        title: message
            .subject()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from),
        lang: (message.content_language().as_text())
            .or_else(|| {
                message
                    .content_language()
                    .as_text_list()?
                    .first()
                    .map(|l| l.as_ref())
            })
            .and_then(Lang::from_tag),
        date,
        source: None,
    };
    let mut out = Extracted::text(body(message), meta);
    for (n, part) in message.attachments().enumerate() {
        let name = part.attachment_name().map(String::from);
        let label = name
            .clone()
            .unwrap_or_else(|| format!("attachment {}", n + 1));
        let suffix = format!("/{}", label.replace(['/', '#'], "_"));
        let read = match (&part.body, part.message()) {
            (_, Some(inner)) if depth < MAX_DEPTH => Ok(of_message(inner, depth + 1)),
            (_, Some(_)) => Err((Kind::Skipped, "attached too deep in other messages".into())),
            (PartType::Text(t), None) if name.is_none() => {
                Ok(Extracted::text(t.to_string(), Meta::default()))
            }
            _ => attachment(name.as_deref().unwrap_or_default(), part.contents()),
        };
        match read {
            Ok(mut inner) => {
                inner.meta.title = inner.meta.title.or(name);
                inner.meta.date = inner.meta.date.or(date);
                out.parts.push((suffix, inner));
            }
            Err((kind, why)) => out.notes.push((kind, format!("attachment {label}: {why}"))),
        }
    }
    out
}

/// The text of an attachment named `name`, read by its format; why not,
/// as a skip when it could not be read and as information when it is of
/// a kind vsearch does not read (a picture, a signature).
fn attachment(name: &str, bytes: &[u8]) -> Result<Extracted, (Kind, String)> {
    let format = Format::of(std::path::Path::new(name))
        .filter(|f| !f.holds_many())
        .ok_or((Kind::Info, "not a format vsearch reads".to_string()))?;
    let read = match format.extractor() {
        Some(extract) => extract(bytes),
        None => super::super::decode::decode(bytes)
            .map(|text| Extracted::text(text.text, Meta::default()))
            .map_err(|_| damaged("binary, not text")),
    };
    read.map_err(|why| (Kind::Skipped, why.to_string()))
}

/// The `From:` line, then every inline text part (HTML read as a page's
/// body), blank lines between.
fn body(message: &Message) -> String {
    let mut paragraphs = Vec::new();
    if let Some(from) = message.from().and_then(|a| a.first()) {
        let line = match (from.name(), from.address()) {
            (Some(name), Some(address)) => format!("From: {name} <{address}>"),
            (Some(one), None) | (None, Some(one)) => format!("From: {one}"),
            (None, None) => String::new(),
        };
        paragraphs.extend((!line.is_empty()).then_some(line));
    }
    for n in 0..message.text_body_count() {
        let text = match message.text_part(n as u32).map(|p| &p.body) {
            Some(PartType::Html(page)) => html::body_text(page).0,
            Some(PartType::Text(text)) => text.to_string(),
            _ => continue,
        };
        paragraphs.push(text);
    }
    paragraphs.join("\n\n")
}
