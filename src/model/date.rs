//! Calendar dates: validation, parsing from metadata and filters, and day
//! arithmetic. The index stores them as tantivy dates (see
//! `crate::index::schema`); this type knows nothing of tantivy.

use std::fmt;

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

    /// Parses a date as exports and feeds state it: ISO 8601 and RFC 3339
    /// (`2025-06-19`, `2025-06-19T08:30:00+07:00`: the date as written, in
    /// the publisher's zone), day first (`19/06/2025`, `19.06.2025`,
    /// `19-06-2025`), and RFC 2822 (`Thu, 19 Jun 2025 08:30:00 +0700`).
    pub fn parse_stated(s: &str) -> Option<Date> {
        use time::format_description::well_known::{Rfc2822, Rfc3339};
        let s = s.trim();
        let stamped = time::OffsetDateTime::parse(s, &Rfc3339)
            .or_else(|_| time::OffsetDateTime::parse(s, &Rfc2822));
        if let Ok(t) = stamped {
            return Date::new(t.year(), u8::from(t.month()).into(), t.day().into());
        }
        if let Some(d) = s.get(..10).and_then(Date::parse_iso) {
            return Some(d);
        }
        let head = s.split(['T', ' ']).next().unwrap_or(s);
        let parts: Vec<&str> = head.split(['/', '.', '-']).collect();
        if let [a, m, b] = parts[..] {
            if b.len() == 4 {
                return Date::new(b.parse().ok()?, m.parse().ok()?, a.parse().ok()?);
            }
            if a.len() == 4 {
                return Date::new(a.parse().ok()?, m.parse().ok()?, b.parse().ok()?);
            }
        }
        Date::parse_english(s)
    }

    /// An English date as feeds write it without the time (`19 June 2025`,
    /// `19 Jun 2025`, `Thu, 19 Jun 2025`), by `time`'s month names.
    fn parse_english(s: &str) -> Option<Date> {
        use time::format_description::BorrowedFormatItem;
        use time::macros::format_description;
        const FORMATS: [&[BorrowedFormatItem<'_>]; 2] = [
            format_description!("[day padding:none] [month repr:long case_sensitive:false] [year]"),
            format_description!(
                "[day padding:none] [month repr:short case_sensitive:false] [year]"
            ),
        ];
        let day_on = s.split_once(", ").map_or(s, |(_, rest)| rest);
        let date = (FORMATS.iter()).find_map(|f| time::Date::parse(day_on, f).ok())?;
        Date::new(
            date.year(),
            u8::from(date.month()).into(),
            date.day().into(),
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

    /// Today's date (UTC), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let days = i64::try_from(secs / 86_400).unwrap_or(0);
        Date::from_days_since_epoch(days).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_dates_in_the_forms_exports_use() {
        let june = Date::new(2025, 6, 19);
        for s in [
            "2025-06-19",
            "2025-06-19T08:30:00+07:00",
            "2025-06-19T23:30:00Z",
            "19/06/2025",
            "19.06.2025",
            "19-06-2025",
            "Thu, 19 Jun 2025 08:30:00 +0700",
            "19 June 2025",
            "19 Jun 2025",
            "Thu, 19 Jun 2025",
            "2025-06-19T23:30:00-05:00",
            "2025/06/19",
        ] {
            assert_eq!(Date::parse_stated(s), june, "{s}");
        }
        for s in [
            "soon",
            "31/02/2025",
            "06/2025",
            "2025",
            "31 June 2025",
            "Thu, 31 Jun 2025 08:30:00 +0700",
        ] {
            assert_eq!(Date::parse_stated(s), None, "{s}");
        }
    }

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
        }
        assert_eq!(d("1970-01-02").unwrap().days_since_epoch(), 1);
    }
}
