//! Publication dates found in an article's text. Only a dateline counts:
//! the short lines before the body (`Hà Nội, ngày 20 tháng 8 năm 2024`,
//! a byline `Phan Anh 16:53 17/05/2025`) and the opening words of the
//! first body line (`Berlin, 12. März 2025 – …`). A date further on is an
//! event the article reports, not when it was published. A date outside
//! [`window`] is reported and not stored.

use std::sync::OnceLock;

use regex::Regex;

use crate::model::Date;

/// Header lines looked at before the body starts.
const HEADER_LINES: usize = 8;
/// Bytes of the first body line that count as its opening words.
const OPENING_BYTES: usize = 60;
/// What follows the date of a dateline that opens a body line: `Berlin,
/// 12. März 2025 – Der …`, `Jakarta, 3 Februari 2025 (ANTARA) - …`.
const DATELINE_ENDS: [char; 6] = ['–', '—', '-', ':', '|', '('];
/// The first year a publication date may have.
pub(crate) const FIRST_YEAR: i32 = 1900;

/// The span of plausible publication dates: 1900-01-01 to a year from today.
pub(crate) fn window() -> (Date, Date) {
    let today = Date::today();
    let first = Date::new(FIRST_YEAR, 1, 1).unwrap_or(today);
    let last = Date::new(today.year() + 1, 12, 31).unwrap_or(today);
    (first, last)
}

/// The date a body line opens with, as a dateline writes it: within its
/// first words and followed by a dash, colon or agency name, not running on
/// into the sentence (`Am 3. Oktober 1990 wurde …` is an event).
fn opening_date(line: &str) -> Option<Date> {
    let end = (0..=OPENING_BYTES.min(line.len()))
        .rev()
        .find(|&i| line.is_char_boundary(i))
        .unwrap_or(0);
    let (date, at) = find_date_at(&line[..end])?;
    let rest = line[at..].trim_start();
    (rest.is_empty() || rest.starts_with(DATELINE_ENDS)).then_some(date)
}

/// A date found outside [`window`]: the article is left undated, and the
/// run's report says why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{found_in} date {date} is outside {first} to {last}; the article is left undated")]
pub(crate) struct Implausible {
    /// Where the date was found: `stated`, `dateline`, ….
    found_in: String,
    date: Date,
    first: Date,
    last: Date,
}

/// `Ok(date)` inside [`window`].
pub(crate) fn plausible(date: Date, found_in: &str) -> Result<Date, Implausible> {
    let (first, last) = window();
    if (first..=last).contains(&date) {
        Ok(date)
    } else {
        Err(Implausible {
            found_in: found_in.to_string(),
            date,
            first,
            last,
        })
    }
}

/// A line that is body text rather than a header: long, or a sentence.
pub(crate) fn is_body_line(line: &str) -> bool {
    line.chars().count() > 200 || line.trim_end().ends_with(['.', '!', '?'])
}

/// The date of an article's dateline, looked for in the header lines
/// before the first body line and in that line's opening words.
pub(crate) fn dateline_date(lines: &[String]) -> Option<Date> {
    let mut header = lines.iter().filter(|l| !l.trim().is_empty());
    for line in header.by_ref().take(HEADER_LINES) {
        if is_body_line(line) {
            return opening_date(line);
        }
        if let Some(date) = find_date(line) {
            return Some(date);
        }
    }
    None
}

/// The months' names per language, from CLDR (written by
/// `data/build_month_names.py`).
const MONTH_NAMES: &str = include_str!("data/month_names.txt");

/// Every month name of [`MONTH_NAMES`] with its number (1 to 12), and
/// `maerz`, German's ASCII spelling of `März`.
fn months() -> &'static [(String, u32)] {
    static MONTHS: OnceLock<Vec<(String, u32)>> = OnceLock::new();
    MONTHS.get_or_init(|| {
        let lists = (MONTH_NAMES.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(':').map(|(_, names)| names));
        let mut out: Vec<(String, u32)> = lists
            .flat_map(|names| names.split_whitespace().zip(1..=12))
            .map(|(name, n)| (name.to_string(), n))
            .collect();
        out.push(("maerz".into(), 3));
        out
    })
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    months().iter().find(|(m, _)| *m == name).map(|&(_, n)| n)
}

fn date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let months = (months().iter())
            .map(|(m, _)| m.as_str())
            .collect::<Vec<_>>()
            .join("|");
        let pattern = format!(
            r"(?xi)
            \b(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b
            | \b(?P<sd>\d{{1,2}})[/.-](?P<sm>\d{{1,2}})[/.-](?P<sy>\d{{4}})\b
            | ngày\s+(?P<vd>\d{{1,2}})\s+tháng\s+(?P<vm>\d{{1,2}})\s+năm\s+(?P<vy>\d{{4}})
            | \b(?P<nd>\d{{1,2}})\.?\s+(?P<nm>{months})\s+(?P<ny>\d{{4}})\b"
        );
        Regex::new(&pattern).expect("the date pattern is valid")
    })
}

/// The first valid date written in `text`: ISO `2025-11-01`, `17/05/2025`,
/// `9-9-2025`, `1.11.2025`, Vietnamese `ngày 1 tháng 11 năm 2025`, German
/// `1. November 2025` or Indonesian `1 November 2025`.
pub(crate) fn find_date(text: &str) -> Option<Date> {
    find_date_at(text).map(|(date, _)| date)
}

/// The first valid date written in `text`, and the byte where it ends.
fn find_date_at(text: &str) -> Option<(Date, usize)> {
    date_regex().captures_iter(text).find_map(|c| {
        let end = c.get(0)?.end();
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, m, d) = if let Some(y) = num("iy") {
            (y, num("im")?, num("id")?)
        } else if let Some(y) = num("sy") {
            (y, num("sm")?, num("sd")?)
        } else if let Some(y) = num("vy") {
            (y, num("vm")?, num("vd")?)
        } else {
            (
                num("ny")?,
                month_number(c.name("nm")?.as_str())?,
                num("nd")?,
            )
        };
        Some((Date::new(i32::try_from(y).ok()?, m, d)?, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_cldr_s_and_maerz() {
        assert_eq!(month_number("März"), Some(3));
        assert_eq!(month_number("Maerz"), Some(3));
        assert_eq!(month_number("Desember"), Some(12));
        assert_eq!(month_number("Agustus"), Some(8));
        assert_eq!(month_number("Mars"), None);
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn finds_dates_in_text() {
        let cases = [
            ("date 2025-11-01 Ngày 1-11", "2025-11-01"),
            ("Phan Anh 16:53 17/05/2025", "2025-05-17"),
            ("ban hành ngày 9-9-2025", "2025-09-09"),
            ("Hà Nội, ngày 6 tháng 6 năm 2025", "2025-06-06"),
            ("Berlin, 1. November 2025 –", "2025-11-01"),
            ("Jakarta, 31 Oktober 2025", "2025-10-31"),
            ("am 3. März 2024", "2024-03-03"),
            ("Stand: 01.11.2025", "2025-11-01"),
        ];
        for (text, want) in cases {
            assert_eq!(
                find_date(text).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{text}"
            );
        }
        assert_eq!(find_date("Ngày 6/6, tại Hà Nội"), None);
        assert_eq!(find_date("31/02/2025 then 1-3-2025"), Date::new(2025, 3, 1));
    }

    #[test]
    fn only_the_dateline_dates_an_article() {
        let text = "Hà Nội, ngày 20 tháng 8 năm 2024\n\nBộ Y tế cho biết.";
        assert_eq!(dateline_date(&lines(text)), Date::new(2024, 8, 20));
        let text = "Berlin, 12. März 2025 – Der Bundestag hat beschlossen.";
        assert_eq!(dateline_date(&lines(text)), Date::new(2025, 3, 12));
        let text = "Jakarta, 3 Februari 2025\nKementerian Kesehatan menyatakan.";
        assert_eq!(dateline_date(&lines(text)), Date::new(2025, 2, 3));
        // A date in the middle of the first sentence is an event, not the
        // publication date.
        let text = "Der Vertrag, der seit Jahrzehnten die Zusammenarbeit beider Länder regelt und zuletzt am 3. Oktober 1990 geändert wurde, gilt weiter.";
        assert_eq!(dateline_date(&lines(text)), None);
        // Nor one opening a sentence that runs on.
        let text = "Am 3. Oktober 1990 wurde Deutschland wiedervereinigt.";
        assert_eq!(dateline_date(&lines(text)), None);
        // Nor is one in a later paragraph.
        let text = "Bộ Y tế cho biết hôm nay.\n\nNgày 2/3/2024 đã ký kết.";
        assert_eq!(dateline_date(&lines(text)), None);
    }

    #[test]
    fn dates_outside_the_window_are_refused() {
        let old = dateline_date(&lines("ngày 2/3/1657 quân Trịnh")).unwrap();
        assert_eq!(old, Date::new(1657, 3, 2).unwrap());
        let (_, last) = window();
        assert_eq!(
            plausible(old, "dateline").map_err(|e| e.to_string()),
            Err(format!(
                "dateline date 1657-03-02 is outside 1900-01-01 to {last}; the article is left undated"
            ))
        );
        assert_eq!(
            plausible(Date::new(2025, 1, 1).unwrap(), "x"),
            Ok(Date::new(2025, 1, 1).unwrap())
        );
        assert!(plausible(Date::new(last.year() + 1, 1, 1).unwrap(), "x").is_err());
    }
}
