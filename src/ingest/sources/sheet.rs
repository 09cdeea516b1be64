//! Tables: CSV and TSV files (the `csv` crate; the delimiter the first
//! line uses most of `,`, `;` and tab; any encoding [`decode`] reads) and
//! workbooks (`.xlsx`, `.xls`, `.ods`, read by calamine). A table becomes
//! one article whose passages are groups of rows, a row its non-empty
//! cells joined by ` · `, rows by ` | `; a workbook's sheets follow one
//! another, each opening with its name, and empty sheets are left out.
//!
//! [`decode`]: super::super::decode::decode

use super::{damaged, no_text, ExtractError};
use std::io::Cursor;

use calamine::Reader;

use crate::model::Meta;

use super::super::decode::decode;
use super::super::problem::Kind;
use super::document::Extracted;

/// The most rows one passage holds.
const GROUP_ROWS: usize = 10;
/// A passage takes no further row past this many characters.
const GROUP_CHARS: usize = 600;
/// Between the cells of a row.
const CELL_SEP: &str = " · ";
/// Between the rows of a passage.
const ROW_SEP: &str = " | ";

/// Reads a CSV or TSV file.
pub(crate) fn extract_csv(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let decoded = decode(bytes).map_err(|_| damaged("not a text table: binary file"))?;
    let mut reader = csv_reader(&decoded.text);
    reader.has_headers(false);
    let mut reader = reader.from_reader(decoded.text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| damaged(format!("damaged CSV file: {e}")))?;
        rows.push(row(record.iter()));
    }
    let text = groups(&rows).join("\n\n");
    if text.is_empty() {
        return Err(no_text("no text found in this table"));
    }
    let mut extracted = Extracted::text(text, Meta::default());
    extracted
        .notes
        .extend(decoded.warning.map(|w| (Kind::Converted, w)));
    extracted.from = decoded.from;
    Ok(extracted)
}

/// A CSV reader for `text`, rows of any length, its delimiter the one of
/// `,`, `;` and tab its first line uses most (`,` when none): the ways
/// spreadsheets export CSV in English, German and Vietnamese locales.
pub(crate) fn csv_reader(text: &str) -> csv::ReaderBuilder {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut builder = csv::ReaderBuilder::new();
    builder.flexible(true).delimiter(delimiter);
    builder
}

/// Reads a workbook: Excel (`.xlsx`, `.xls`) or OpenDocument (`.ods`).
pub(crate) fn extract_book(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| damaged(format!("damaged workbook, or not one: {e}")))?;
    let mut paragraphs = Vec::new();
    let mut notes = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                notes.push((Kind::Other, format!("sheet {name} could not be read ({e})")));
                continue;
            }
        };
        let rows: Vec<String> = range.rows().map(|r| row(r.iter().map(cell))).collect();
        let sheet = groups(&rows);
        if !sheet.is_empty() {
            paragraphs.push(name.clone());
            paragraphs.extend(sheet);
        }
    }
    if paragraphs.is_empty() {
        return Err(no_text("no text found in this workbook"));
    }
    let mut extracted = Extracted::text(paragraphs.join("\n\n"), Meta::default());
    extracted.notes = notes;
    Ok(extracted)
}

/// A cell as text: numbers as calamine shows them, a date as ISO 8601
/// (`2025-10-13`, with `12:59` when it has a time of day); an ODS date is
/// already ISO text.
fn cell(data: &calamine::Data) -> String {
    match data {
        calamine::Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, ..) = d.to_ymd_hms_milli();
            match (h, min) {
                (0, 0) => format!("{y:04}-{m:02}-{day:02}"),
                _ => format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}"),
            }
        }
        _ => data.to_string(),
    }
}

/// A row: its non-empty cells, trimmed, joined by [`CELL_SEP`].
fn row<'a>(cells: impl Iterator<Item = impl AsRef<str> + 'a>) -> String {
    let cells: Vec<String> = cells
        .map(|c| c.as_ref().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|c| !c.is_empty())
        .collect();
    cells.join(CELL_SEP)
}

/// The non-empty rows in groups of at most [`GROUP_ROWS`], a group closed
/// once it passes [`GROUP_CHARS`].
fn groups(rows: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    let mut chars = 0;
    for row in rows.iter().filter(|r| !r.is_empty()) {
        group.push(row);
        chars += row.chars().count();
        if group.len() == GROUP_ROWS || chars >= GROUP_CHARS {
            out.push(group.join(ROW_SEP));
            group.clear();
            chars = 0;
        }
    }
    if !group.is_empty() {
        out.push(group.join(ROW_SEP));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sources::document::Body;

    #[test]
    fn rows_are_grouped_and_the_delimiter_found() {
        let mut csv = String::from("Họ tên;Tỉnh;Năm\n");
        for n in 1..=11 {
            csv.push_str(&format!("Người {n};\"Hà Nội; Hải Phòng\";19{n:02}\n"));
        }
        csv.push_str(";;\n");
        let Body::Text(text) = extract_csv(csv.as_bytes()).unwrap().body else {
            panic!("a table is one text");
        };
        let groups: Vec<&str> = text.split("\n\n").collect();
        assert_eq!(groups.len(), 2);
        assert!(
            groups[0].starts_with("Họ tên · Tỉnh · Năm | Người 1 · Hà Nội; Hải Phòng · 1901 | ")
        );
        assert_eq!(
            groups[1],
            "Người 10 · Hà Nội; Hải Phòng · 1910 | Người 11 · Hà Nội; Hải Phòng · 1911"
        );
    }
}
