//! Calendar dates in content: `published`, change notes, review dates.
//!
//! Written in TOML as bare dates (`published = 2026-11-23`), so a typo such as
//! `2026-13-01` or a quoted string is caught by the TOML parser with a line
//! number, and a date with a time attached is refused here.

use std::fmt;

use serde::{Deserialize, Deserializer, de};

/// A day in the calendar, as written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Four-digit year.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31, already checked against the month by the TOML parser.
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// `2026-11-23`, for `<time datetime>`, sitemaps, feeds and JSON-LD.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `23 November 2026`, the way UK health sites write dates for readers.
    pub fn long(&self) -> String {
        format!("{} {} {}", self.day, MONTHS[usize::from(self.month - 1)], self.year)
    }
}

impl Date {
    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// Days since 1970-01-01 (Hinnant's days-from-civil), the inverse of
    /// [`from_days`](Self::from_days): for "due within N days" and for a
    /// date kept in one atomic.
    pub fn days(&self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` later (earlier when negative).
    pub(crate) fn plus_days(&self, days: i64) -> Date {
        Date::from_days(self.days() + days)
    }

    /// The date `days` after 1970-01-01 (Hinnant's civil-from-days): the one
    /// calendar sum in the program, for dates, log timestamps and result times.
    pub(crate) fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: u16::try_from(year).unwrap_or(u16::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = toml::value::Datetime::deserialize(deserializer)?;
        match (value.date, value.time, value.offset) {
            (Some(d), None, None) => Ok(Date { year: d.year, month: d.month, day: d.day }),
            _ => Err(de::Error::custom(format!(
                "`{value}` is not a plain date: write only the day, like 2026-11-23, with no time or quotes"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Holder {
        d: Date,
    }

    fn parse(src: &str) -> Result<Date, String> {
        toml::from_str::<Holder>(src).map(|h| h.d).map_err(|e| e.message().to_string())
    }

    #[test]
    fn reads_a_bare_date() {
        let d = parse("d = 2026-11-03").unwrap();
        assert_eq!((d.year, d.month, d.day), (2026, 11, 3));
        assert_eq!(d.iso(), "2026-11-03");
        assert_eq!(d.long(), "3 November 2026");
    }

    #[test]
    fn refuses_a_date_with_a_time() {
        let err = parse("d = 2026-11-03T10:00:00").unwrap_err();
        assert!(err.contains("not a plain date"), "{err}");
    }

    #[test]
    fn refuses_a_quoted_date_and_an_impossible_day() {
        assert!(parse("d = \"2026-11-03\"").is_err());
        assert!(parse("d = 2026-02-30").is_err());
    }

    #[test]
    fn counts_days_from_the_epoch() {
        assert_eq!(Date::from_days(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days(11_016).iso(), "2000-02-29");
        assert_eq!(Date::from_days(20_786).iso(), "2026-11-29");
        assert_eq!(Date::from_days(20_819).iso(), "2027-01-01");
    }

    #[test]
    fn days_are_the_inverse_of_from_days() {
        for days in [0, 59, 60, 365, 11_016, 20_786, 20_819, 30_000, 50_000] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        let d = parse("d = 2028-02-28").unwrap();
        assert_eq!(d.plus_days(1).iso(), "2028-02-29");
        assert_eq!(d.plus_days(2).iso(), "2028-03-01");
        assert_eq!(d.plus_days(-59).iso(), "2027-12-31");
    }

    #[test]
    fn orders_by_calendar() {
        assert!(parse("d = 2026-01-31").unwrap() < parse("d = 2026-02-01").unwrap());
    }
}
