//! Emergency phone numbers and urgent health lines, with the reader's region first.
//!
//! The site is written for UK readers but read everywhere, so every
//! emergency message shows every number we list; the operator chooses which
//! region leads (`--region`), and the urgent health lines are those of that
//! region. Every number here was checked against the service's own pages
//! (see `NUMBERS` and `HEALTH_LINES`); a number we could not check is not shown.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

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
    pub(crate) in_place: &'static str,
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
const HEALTH_LINES: [(Region, &[Sentence]); 6] = [
    (
        Region::Uk,
        &[
            Sentence(&[
                words("In England and Wales, call "),
                call("111"),
                words(" (NHS 111), or use NHS 111 online."),
            ]),
            Sentence(&[words("In Scotland, call "), call("111"), words(" (NHS 24).")]),
            Sentence(&[words(
                "In Northern Ireland, call your GP practice, or the GP out-of-hours service when it is closed.",
            )]),
        ],
    ),
    (Region::Eu, &[Sentence(&[words("Call your doctor or your local out-of-hours medical service.")])]),
    (Region::Us, &[Sentence(&[words("Call your doctor, or go to an urgent care clinic.")])]),
    (
        Region::Canada,
        &[Sentence(&[
            words("In most provinces and territories, call "),
            call("811"),
            words(" to speak to a nurse. Elsewhere, call your doctor or go to a walk-in clinic."),
        ])],
    ),
    (
        Region::Australia,
        &[Sentence(&[words("Call healthdirect on "), call("1800 022 222"), words(" to speak to a nurse.")])],
    ),
    (
        Region::NewZealand,
        &[Sentence(&[words("Call Healthline free on "), call("0800 611 116"), words(", day or night.")])],
    ),
];

/// A piece of a sentence: words, or a number to call or to text, which
/// pages write as a `tel:` or `sms:` link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub text: &'static str,
    dial: Dial,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dial {
    No,
    Call,
    Text,
}

const fn words(text: &'static str) -> Part {
    Part { text, dial: Dial::No }
}

const fn call(number: &'static str) -> Part {
    Part { text: number, dial: Dial::Call }
}

const fn text(number: &'static str) -> Part {
    Part { text: number, dial: Dial::Text }
}

impl Part {
    /// `tel:999` or `sms:999` for a number (spaces left out), `None` for words.
    pub fn href(&self) -> Option<String> {
        match self.dial {
            Dial::No => None,
            Dial::Call => Some(tel_href(self.text)),
            Dial::Text => Some(dial_href("sms:", self.text)),
        }
    }
}

/// The link a number to call is written as everywhere: `tel:` and the
/// number without its spaces (`tel:1800022222`).
pub(crate) fn tel_href(number: &str) -> String {
    dial_href("tel:", number)
}

fn dial_href(scheme: &str, number: &str) -> String {
    std::iter::once(scheme).chain(number.split_whitespace()).collect()
}

/// A sentence whose numbers are links (`templates/sentence.html`); as
/// plain text, its words in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence(pub &'static [Part]);

impl Sentence {
    pub fn parts(&self) -> &'static [Part] {
        self.0
    }
}

impl fmt::Display for Sentence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|part| f.write_str(part.text))
    }
}

/// A way to reach the emergency services without speaking or without
/// hearing, checked against the service's own page (or a public emergency
/// service's page about it) on the date given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub region: Region,
    /// What to do, in one sentence, with the number to dial or text.
    pub how: Sentence,
    /// The page that says so.
    pub source: &'static str,
    /// When we last checked it against that page (ISO date).
    pub checked: &'static str,
}

/// Every way to call for help without speaking or hearing that we could
/// check, by region. A route we could not check against an official page is
/// left out, never guessed: Canada's relay services and the EU countries'
/// own text and video services are not listed for that reason.
pub const ROUTES: [Route; 13] = [
    Route {
        region: Region::Uk,
        how: Sentence(&[
            words("From a textphone, dial "),
            call("18000"),
            words(" for text relay to 999; on a smartphone or computer, the Relay UK app does the same."),
        ]),
        source: "https://www.contactcambspolice.uk/Contact/Accessible.aspx",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Uk,
        how: Sentence(&[
            words("Text "),
            text("999"),
            words(
                " if your phone is registered with emergencySMS. Register now, before you need it: text the word register to ",
            ),
            text("999"),
            words(" and follow the reply."),
        ]),
        source: "https://www.southtees.nhs.uk/services/audiology/emergencysms/",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Uk,
        how: Sentence(&[words(
            "In British Sign Language, use the 999 BSL app or the 999 BSL website: free, day and night, no sign-up.",
        )]),
        source: "https://www.ofcom.org.uk/phones-and-broadband/accessibility/emergency-video-relay/",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Eu,
        how: Sentence(&[words(
            "Ways to reach 112 without speaking differ from country to country, and some need you to register first: check the country's own emergency service before you travel.",
        )]),
        source: "https://eud.eu/every-year-on-11-february-the-european-union-celebrates-that-single-emergency-number-112-day",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Us,
        how: Sentence(&[
            words("Text "),
            text("911"),
            words(
                " where your area accepts texts. Where it does not, you get a reply saying so: then call 911 from a TTY, or use a relay service.",
            ),
        ]),
        source: "https://www.fcc.gov/consumers/guides/text-911-quick-facts-faqs",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Us,
        how: Sentence(&[
            words("Dial "),
            call("711"),
            words(" from any phone to reach a relay service, and ask for 911."),
        ]),
        source: "https://transition.fcc.gov/Bureaus/Common_Carrier/News_Releases/2000/nrcc0038.html",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Canada,
        how: Sentence(&[
            words(
                "If you are deaf, hard of hearing or speech impaired and have registered for Text with 9-1-1 with your mobile provider, call ",
            ),
            call("911"),
            words(": the call taker sees your registration and texts you."),
        ]),
        source: "https://www.canada.ca/en/radio-television-telecommunications/news/2016/12/crtc-supports-text-9-1-1-awareness.html",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Australia,
        how: Sentence(&[words("From a TTY, dial "), call("106"), words(".")]),
        source: "https://infrastructure.gov.au/department/media/news/contacting-emergency-services-through-nrs",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Australia,
        how: Sentence(&[
            words("By SMS relay, text "),
            text("0423 677 767"),
            words(" and put 000 in your first message."),
        ]),
        source: "https://infrastructure.gov.au/department/media/news/contacting-emergency-services-through-nrs",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Australia,
        how: Sentence(&[
            words("If you can speak but are hard to understand, call "),
            call("1800 555 727"),
            words(" and ask for Triple Zero (000)."),
        ]),
        source: "https://infrastructure.gov.au/department/media/news/contacting-emergency-services-through-nrs",
        checked: "2026-12-07",
    },
    Route {
        region: Region::Australia,
        how: Sentence(&[words(
            "With internet relay or captioned relay (the National Relay Service app), ask for Triple Zero (000).",
        )]),
        source: "https://infrastructure.gov.au/department/media/news/contacting-emergency-services-through-nrs",
        checked: "2026-12-07",
    },
    Route {
        region: Region::NewZealand,
        how: Sentence(&[
            words("Text "),
            text("111"),
            words(
                " from a phone registered with 111 TXT, the Police service for deaf, hearing or speech impaired people. Register on the Police website before you need it.",
            ),
        ]),
        source: "https://www.police.govt.nz/111-txt/111-txt-rules",
        checked: "2026-12-07",
    },
    Route {
        region: Region::NewZealand,
        how: Sentence(&[words(
            "If you get no text back from Police within 2 minutes, contact 111 another way.",
        )]),
        source: "https://www.police.govt.nz/111-txt/111-txt-rules",
        checked: "2026-12-07",
    },
];

/// Every number a reader may be told to call, in any region: the
/// emergency numbers and the health lines' numbers, longest first, so that
/// words written by hand (article prose, the self-check's reasons and
/// advice) can make them tap-to-call links (`markup::text_with_tel`).
/// Made once: every article's text and every self-check answer asks.
pub(crate) fn dialled() -> &'static [&'static str] {
    static DIALLED: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let health = HEALTH_LINES.iter().flat_map(|(_, lines)| lines.iter()).flat_map(|line| line.parts());
        let mut numbers: Vec<&'static str> = NUMBERS
            .iter()
            .map(|(_, n)| n.number)
            .chain(health.filter(|part| part.dial == Dial::Call).map(|part| part.text))
            .collect();
        numbers.sort_unstable_by_key(|n| (std::cmp::Reverse(n.len()), *n));
        numbers.dedup();
        numbers
    });
    &DIALLED
}

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
    pub(crate) fn health_lines(self) -> &'static [Sentence] {
        HEALTH_LINES.iter().find(|(region, _)| *region == self).map_or(&[], |(_, lines)| lines)
    }

    /// The ways to call for help here without speaking or hearing.
    pub(crate) fn routes(self) -> Vec<&'static Route> {
        ROUTES.iter().filter(|route| route.region == self).collect()
    }

    /// Every region, this one first, the rest in a fixed order.
    pub(crate) fn this_first(self) -> Vec<Region> {
        let mut all = Region::ALL.to_vec();
        all.sort_by_key(|&region| region != self);
        all
    }

    /// The region's name in a heading, e.g. `New Zealand`.
    pub fn name(self) -> &'static str {
        match self {
            Region::Uk => "UK",
            Region::Eu => "EU",
            Region::Us => "US",
            Region::Canada => "Canada",
            Region::Australia => "Australia",
            Region::NewZealand => "New Zealand",
        }
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
        let uk = Region::Uk.health_lines().iter().map(Sentence::to_string).collect::<Vec<_>>().join(" ");
        for words in ["England and Wales", "Scotland, call 111 (NHS 24)", "Northern Ireland"] {
            assert!(uk.contains(words), "{words}");
        }
        assert!(Region::NewZealand.health_lines()[0].to_string().contains("0800 611 116"));
        assert!(Region::Canada.health_lines()[0].to_string().contains("811"));
        assert!(Region::Australia.health_lines()[0].to_string().contains("1800 022 222"));
    }

    #[test]
    fn every_number_in_a_sentence_is_a_link_and_every_route_is_sourced() {
        let all = Region::ALL.iter().flat_map(|r| r.health_lines()).chain(ROUTES.iter().map(|r| &r.how));
        for sentence in all {
            for part in sentence.parts() {
                let digits = part.text.chars().filter(char::is_ascii_digit).count();
                // "9-1-1", "000" and "111" named in words are said, not dialled: only
                // a part that is a number alone is one to tap.
                if part.href().is_none() {
                    assert!(
                        !part.text.split(' ').any(|w| w.len() >= 5 && w.chars().all(|c| c.is_ascii_digit())),
                        "a long number in words: {sentence}"
                    );
                } else {
                    assert!(
                        digits >= 3 && part.text.chars().all(|c| c.is_ascii_digit() || c == ' '),
                        "{sentence}"
                    );
                }
            }
        }
        assert_eq!(call("0800 611 116").href().as_deref(), Some("tel:0800611116"));
        assert_eq!(text("999").href().as_deref(), Some("sms:999"));
        for route in ROUTES {
            assert!(route.source.starts_with("https://"), "{}", route.how);
            let ymd: Vec<u32> = route.checked.split('-').filter_map(|n| n.parse().ok()).collect();
            assert!(matches!(ymd[..], [2026..=2100, 1..=12, 1..=31]), "{}", route.checked);
        }
        for region in Region::ALL {
            assert!(!region.routes().is_empty(), "{region} has no route, not even a note");
            assert_eq!(region.this_first()[0], region);
            assert_eq!(region.this_first().len(), Region::ALL.len());
        }
        let uk: String = Region::Uk.routes().iter().map(|r| r.how.to_string()).collect();
        for needed in ["18000", "Text 999", "register", "999 BSL"] {
            assert!(uk.contains(needed), "{needed}");
        }
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
