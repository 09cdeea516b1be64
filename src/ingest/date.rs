//! Calendar dates: parsing from metadata and filters, finding publication
//! dates in article text, and conversion to tantivy's `DateTime`.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

/// A calendar date, always valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` when it does not exist. Years run 1000..=9999.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
        ((1000..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// Month, 1..=12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// Day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The last day of this date's month.
    pub fn end_of_month(self) -> Date {
        Date {
            day: days_in_month(self.year, self.month),
            ..self
        }
    }

    /// Parses `YYYY-MM-DD` exactly.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(
            s[..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..].parse().ok()?,
        )
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the inclusive span of
    /// days it names.
    pub fn parse_span(s: &str) -> Option<(Date, Date)> {
        let s = s.trim();
        match s.len() {
            4 => {
                let year = s.parse().ok()?;
                Some((Date::new(year, 1, 1)?, Date::new(year, 12, 31)?))
            }
            7 if s.as_bytes()[4] == b'-' => {
                let first = Date::new(s[..4].parse().ok()?, s[5..].parse().ok()?, 1)?;
                Some((first, first.end_of_month()))
            }
            _ => Date::parse_iso(s).map(|d| (d, d)),
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u32, day as u32)
    }

    /// Midnight UTC of this date as a tantivy `DateTime`.
    pub fn to_datetime(self) -> tantivy::DateTime {
        tantivy::DateTime::from_timestamp_secs(self.days_since_epoch() * 86_400)
    }

    /// The date of a tantivy `DateTime`.
    pub fn from_datetime(dt: tantivy::DateTime) -> Option<Date> {
        Date::from_days_since_epoch(dt.into_timestamp_secs().div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const GERMAN_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];
const INDONESIAN_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
];

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    let find = |months: &[&str; 12]| months.iter().position(|m| *m == name);
    find(&GERMAN_MONTHS)
        .or_else(|| find(&INDONESIAN_MONTHS))
        .or_else(|| (name == "maerz").then_some(2))
        .map(|i| i as u32 + 1)
}

fn date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let months = GERMAN_MONTHS
            .iter()
            .chain(INDONESIAN_MONTHS.iter())
            .copied()
            .chain(["maerz"])
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
pub fn find_date(text: &str) -> Option<Date> {
    date_regex().captures_iter(text).find_map(|c| {
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
        Date::new(i32::try_from(y).ok()?, m, d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        Date::parse_iso(s)
    }

    #[test]
    fn validates() {
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2025, 13, 1).is_none());
        assert!(d("2025-1-01").is_none());
        assert_eq!(
            d("2025-11-01").map(|d| d.to_string()),
            Some("2025-11-01".into())
        );
    }

    #[test]
    fn spans() {
        assert_eq!(
            Date::parse_span("2025"),
            Some((d("2025-01-01").unwrap(), d("2025-12-31").unwrap()))
        );
        assert_eq!(
            Date::parse_span("2024-02"),
            Some((d("2024-02-01").unwrap(), d("2024-02-29").unwrap()))
        );
        assert_eq!(
            Date::parse_span("2025-10-31"),
            Some((d("2025-10-31").unwrap(), d("2025-10-31").unwrap()))
        );
        assert_eq!(Date::parse_span("2025-13"), None);
        assert_eq!(Date::parse_span("soon"), None);
    }

    #[test]
    fn epoch_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2025-11-01", "1969-12-31"] {
            let date = d(s).unwrap();
            assert_eq!(
                Date::from_days_since_epoch(date.days_since_epoch()),
                Some(date)
            );
            assert_eq!(Date::from_datetime(date.to_datetime()), Some(date));
        }
        assert_eq!(d("1970-01-02").unwrap().days_since_epoch(), 1);
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
}
