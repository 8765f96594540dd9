//! Emergency phone numbers, with the reader's region first.
//!
//! The site is written for UK readers but read everywhere, so every
//! emergency message shows all four numbers; the operator chooses which
//! region leads (`--region`).

use std::fmt;
use std::str::FromStr;

/// Where most readers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    #[default]
    Uk,
    Eu,
    NorthAmerica,
    Australia,
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

const NUMBERS: [(Region, EmergencyNumber); 4] = [
    (Region::Uk, EmergencyNumber { number: "999", place: "UK", in_place: "in the UK" }),
    (Region::Eu, EmergencyNumber { number: "112", place: "EU", in_place: "in the EU" }),
    (
        Region::NorthAmerica,
        EmergencyNumber { number: "911", place: "US and Canada", in_place: "in the US and Canada" },
    ),
    (Region::Australia, EmergencyNumber { number: "000", place: "Australia", in_place: "in Australia" }),
];

impl Region {
    /// All four numbers, this region's first, the rest in a fixed order.
    pub fn numbers(self) -> Vec<EmergencyNumber> {
        let mut numbers: Vec<(Region, EmergencyNumber)> = NUMBERS.to_vec();
        numbers.sort_by_key(|(region, _)| *region != self);
        numbers.into_iter().map(|(_, n)| n).collect()
    }
}

impl FromStr for Region {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "uk" | "gb" => Ok(Region::Uk),
            "eu" => Ok(Region::Eu),
            "us" | "ca" | "north-america" => Ok(Region::NorthAmerica),
            "au" | "australia" => Ok(Region::Australia),
            other => Err(format!("unknown region `{other}`: use uk, eu, us or au")),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Region::Uk => "uk",
            Region::Eu => "eu",
            Region::NorthAmerica => "us",
            Region::Australia => "au",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_region_leads_and_all_four_remain() {
        let order = |r: Region| r.numbers().iter().map(|n| n.number).collect::<Vec<_>>();
        assert_eq!(order(Region::Uk), ["999", "112", "911", "000"]);
        assert_eq!(order(Region::Australia), ["000", "999", "112", "911"]);
        assert_eq!(order(Region::NorthAmerica), ["911", "999", "112", "000"]);
    }

    #[test]
    fn regions_parse_from_flags() {
        assert_eq!("AU".parse::<Region>(), Ok(Region::Australia));
        assert_eq!("us".parse::<Region>(), Ok(Region::NorthAmerica));
        assert!("mars".parse::<Region>().unwrap_err().contains("use uk, eu, us or au"));
        assert_eq!(Region::Eu.to_string().parse::<Region>(), Ok(Region::Eu));
    }
}
