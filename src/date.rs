//! Calendar dates in content: `published`, `updated`, review dates.
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
    fn orders_by_calendar() {
        assert!(parse("d = 2026-01-31").unwrap() < parse("d = 2026-02-01").unwrap());
    }
}
