//! Emergency phone numbers and urgent health lines, with the reader's region first.
//!
//! The site is written for UK readers but read everywhere, so every
//! emergency message shows every number we list; the operator chooses which
//! region leads (`--region`), and the urgent health lines are those of that
//! region. Every number here was checked against the service's own pages
//! (see `NUMBERS` and `HEALTH_LINES`); a number we could not check is not shown.

use std::fmt;
use std::str::FromStr;

/// Where most readers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    #[default]
    Uk,
    Eu,
    Us,
    Canada,
    Australia,
    NewZealand,
}

/// One emergency number and where it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmergencyNumber {
    pub number: &'static str,
    /// Where it works, short: "UK".
    pub place: &'static str,
    /// The same in a sentence: "in the UK".
    pub in_place: &'static str,
}

/// Emergency numbers, each with the regions it leads for. 911 covers the US
/// and Canada; 111 is the emergency number in New Zealand (it is the NHS
/// non-emergency line in the UK, so the place is always shown beside it).
const NUMBERS: [(&[Region], EmergencyNumber); 5] = [
    (&[Region::Uk], EmergencyNumber { number: "999", place: "UK", in_place: "in the UK" }),
    (&[Region::Eu], EmergencyNumber { number: "112", place: "EU", in_place: "in the EU" }),
    (
        &[Region::Us, Region::Canada],
        EmergencyNumber { number: "911", place: "US and Canada", in_place: "in the US and Canada" },
    ),
    (&[Region::Australia], EmergencyNumber { number: "000", place: "Australia", in_place: "in Australia" }),
    (
        &[Region::NewZealand],
        EmergencyNumber { number: "111", place: "New Zealand", in_place: "in New Zealand" },
    ),
];

/// Where to get urgent advice that is not an emergency, one sentence each.
/// Sources: nhs24.scot/111 (Scotland: NHS 24 on 111); the NHS 111 service
/// is not a general line in Northern Ireland (GP out of hours instead);
/// health.govt.nz (Healthline 0800 611 116, free, 24 hours); healthdirect.gov.au
/// (1800 022 222); HealthLink BC, Alberta, Quebec, Nova Scotia, PEI and the
/// Northwest Territories all answer on 811. No national line was found for
/// the US or the EU, so none is shown there.
const HEALTH_LINES: [(Region, &[&str]); 6] = [
    (
        Region::Uk,
        &[
            "In England and Wales, call 111 (NHS 111), or use NHS 111 online.",
            "In Scotland, call 111 (NHS 24).",
            "In Northern Ireland, call your GP practice, or the GP out-of-hours service when it is closed.",
        ],
    ),
    (Region::Eu, &["Call your doctor or your local out-of-hours medical service."]),
    (Region::Us, &["Call your doctor, or go to an urgent care clinic."]),
    (
        Region::Canada,
        &[
            "In most provinces and territories, call 811 to speak to a nurse. Elsewhere, call your doctor or go to a walk-in clinic.",
        ],
    ),
    (Region::Australia, &["Call healthdirect on 1800 022 222 to speak to a nurse."]),
    (Region::NewZealand, &["Call Healthline free on 0800 611 116, day or night."]),
];

impl Region {
    /// Every region, in the order `--help` lists them.
    pub const ALL: [Region; 6] =
        [Region::Uk, Region::Eu, Region::Us, Region::Canada, Region::Australia, Region::NewZealand];

    /// Every emergency number, this region's first, the rest in a fixed order.
    pub fn numbers(self) -> Vec<EmergencyNumber> {
        let mut numbers = NUMBERS.to_vec();
        numbers.sort_by_key(|(regions, _)| !regions.contains(&self));
        numbers.into_iter().map(|(_, n)| n).collect()
    }

    /// Where to get urgent advice that is not an emergency, in this region.
    pub fn health_lines(self) -> &'static [&'static str] {
        HEALTH_LINES.iter().find(|(region, _)| *region == self).map_or(&[], |(_, lines)| lines)
    }

    /// The flag value, e.g. `nz`.
    pub fn id(self) -> &'static str {
        match self {
            Region::Uk => "uk",
            Region::Eu => "eu",
            Region::Us => "us",
            Region::Canada => "ca",
            Region::Australia => "au",
            Region::NewZealand => "nz",
        }
    }
}

impl FromStr for Region {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "uk" | "gb" => Ok(Region::Uk),
            "eu" => Ok(Region::Eu),
            "us" => Ok(Region::Us),
            "ca" | "canada" => Ok(Region::Canada),
            "au" | "australia" => Ok(Region::Australia),
            "nz" | "new-zealand" => Ok(Region::NewZealand),
            other => Err(format!("unknown region `{other}`: use uk, eu, us, ca, au or nz")),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_region_leads_and_every_number_remains() {
        let order = |r: Region| r.numbers().iter().map(|n| n.number).collect::<Vec<_>>();
        assert_eq!(order(Region::Uk), ["999", "112", "911", "000", "111"]);
        assert_eq!(order(Region::Australia), ["000", "999", "112", "911", "111"]);
        assert_eq!(order(Region::Us), ["911", "999", "112", "000", "111"]);
        assert_eq!(order(Region::Canada), ["911", "999", "112", "000", "111"]);
        assert_eq!(order(Region::NewZealand), ["111", "999", "112", "911", "000"]);
    }

    #[test]
    fn every_region_has_health_advice_and_the_uk_covers_all_four_nations() {
        for region in Region::ALL {
            assert!(!region.health_lines().is_empty(), "{region}");
        }
        let uk = Region::Uk.health_lines().join(" ");
        for words in ["England and Wales", "Scotland, call 111 (NHS 24)", "Northern Ireland"] {
            assert!(uk.contains(words), "{words}");
        }
        assert!(Region::NewZealand.health_lines()[0].contains("0800 611 116"));
        assert!(Region::Canada.health_lines()[0].contains("811"));
        assert!(Region::Australia.health_lines()[0].contains("1800 022 222"));
    }

    #[test]
    fn regions_parse_from_flags() {
        assert_eq!("AU".parse::<Region>(), Ok(Region::Australia));
        assert_eq!("us".parse::<Region>(), Ok(Region::Us));
        assert_eq!("ca".parse::<Region>(), Ok(Region::Canada));
        assert_eq!("nz".parse::<Region>(), Ok(Region::NewZealand));
        assert!("mars".parse::<Region>().unwrap_err().contains("use uk, eu, us, ca, au or nz"));
        for region in Region::ALL {
            assert_eq!(region.to_string().parse::<Region>(), Ok(region));
        }
    }
}
