//! Pass 2: the form of an article's sources: every footnote names an author and a
//! title, and every PubMed, DOI or NHS link has the shape of a real address.
//!
//! This cannot tell whether a source says what the sentence claims; it makes
//! sure a reader (or a doctor) can find the source from the footnote alone.
//! The forms it accepts:
//!
//! ```text
//! [^id]: Cambron and others, 2007. Title of the paper. *Journal*. [PubMed 17983334](https://pubmed.ncbi.nlm.nih.gov/17983334/)
//! [^id]: NHS. Title of the page. [nhs.uk](https://www.nhs.uk/conditions/sepsis/)
//! ```

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use unicase::UniCase;

use super::{Events, Rendered};

const FOOTNOTE_FORM: &str = "write it as `Author and others, 2007. Title of the paper. *Journal*. [PubMed 123](https://pubmed.ncbi.nlm.nih.gov/123/)`, or `NHS. Title of the page. [nhs.uk](https://www.nhs.uk/conditions/<page>/)`";

/// Words that stand where an author should be but name nobody.
const NOT_AN_AUTHOR: [&str; 8] =
    ["case report", "anonymous", "unknown", "study", "review", "article", "n.d.", "source"];

/// Reports every problem with the sources and source links among `events`,
/// in one pass. It reads the front matter's events too, which hold neither
/// links nor footnotes.
pub(super) fn check(events: &Events<'_>, out: &mut Rendered) {
    let mut footnote: Option<Footnote> = None;
    let mut defined: Vec<Footnote> = Vec::new();
    // Labels cited in the text, matched as pulldown-cmark and the footnotes
    // pass match them (without regard to case). A citation inside another
    // definition does not count there either.
    let mut cited: HashSet<UniCase<&str>> = HashSet::new();
    let mut link: Option<(String, usize, String)> = None;
    for (event, range) in events {
        match event {
            Event::FootnoteReference(label) if footnote.is_none() => {
                cited.insert(UniCase::new(label.as_ref()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnote = Some(Footnote::new(label.to_string(), range.clone()));
            }
            Event::End(TagEnd::FootnoteDefinition) => defined.extend(footnote.take()),
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), range.start, String::new()));
                if let Some(f) = footnote.as_mut() {
                    f.links += 1;
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, at, text)) = link.take()
                    && let Err(fix) = check_url(&url, &text)
                {
                    out.problem(
                        at,
                        format!("the {} link `{url}` is not in the form of a real address", kind(&url)),
                        fix,
                    );
                }
            }
            Event::Start(Tag::Emphasis) => {
                if let Some(f) = footnote.as_mut() {
                    f.emphasis += 1;
                }
            }
            Event::End(TagEnd::Emphasis) => {
                if let Some(f) = footnote.as_mut() {
                    f.emphasis = f.emphasis.saturating_sub(1);
                    f.before_link.push(JOURNAL);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, link_text)) = link.as_mut() {
                    link_text.push_str(text);
                } else if let Some(f) = footnote.as_mut()
                    && f.links == 0
                    && f.emphasis == 0
                {
                    f.before_link.push_str(text);
                }
            }
            _ => {}
        }
    }
    // As in the footnotes pass, which reports the rest: a definition never
    // cited, or a second one of a label, is not used, so its form does not
    // matter.
    let mut used = HashSet::new();
    for footnote in &defined {
        let label = UniCase::new(footnote.label.as_str());
        if used.insert(label) && cited.contains(&label) {
            footnote.report(out);
        }
    }
}

/// Stands for an italic journal name in a footnote's text.
const JOURNAL: char = '\u{1}';

/// A footnote definition being read.
struct Footnote {
    label: String,
    offset: usize,
    /// The plain text before the first link; italics become [`JOURNAL`].
    before_link: String,
    emphasis: usize,
    links: usize,
}

impl Footnote {
    fn new(label: String, range: Range<usize>) -> Self {
        Footnote { label, offset: range.start, before_link: String::new(), emphasis: 0, links: 0 }
    }

    fn report(&self, out: &mut Rendered) {
        let at = self.offset;
        let label = &self.label;
        // A title may end in `?` with the journal straight after it.
        let text = self.before_link.replace(JOURNAL, &format!(". {JOURNAL}"));
        let parts: Vec<&str> = text
            .split(". ")
            .map(|p| p.trim().trim_end_matches('.').trim())
            .filter(|p| !p.is_empty())
            .collect();
        let author = parts.first().copied().unwrap_or_default();
        let names_someone = author.chars().any(char::is_alphabetic)
            && !author.contains(JOURNAL)
            && !NOT_AN_AUTHOR.iter().any(|word| {
                let before_year = author.split(',').next().unwrap_or_default().trim();
                before_year.eq_ignore_ascii_case(word)
            });
        if !names_someone {
            out.problem(
                at,
                format!("the source `[^{label}]` does not name its author"),
                format!("start it with the authors (\"Lew and others, 1997\") or the organisation (\"NHS\"); {FOOTNOTE_FORM}"),
            );
        }
        let has_title = parts
            .iter()
            .skip(1)
            .any(|p| !p.contains(JOURNAL) && p.chars().filter(|c| c.is_alphabetic()).count() >= 3);
        if !has_title {
            out.problem(
                at,
                format!("the source `[^{label}]` has no title"),
                format!("give the title of the paper or page after the author; {FOOTNOTE_FORM}"),
            );
        }
        if self.links == 0 {
            out.problem(
                at,
                format!("the source `[^{label}]` has no link"),
                format!("end it with a PubMed, DOI or NHS link; {FOOTNOTE_FORM}"),
            );
        }
    }
}

/// Whether `url` (with link text `text`) has the form of a PubMed, DOI or
/// NHS address. Any other address passes: only these have a form we know.
/// The error is the fix.
fn check_url(url: &str, text: &str) -> Result<(), String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Ok(());
    };
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let host = host.to_ascii_lowercase();
    let https = || {
        if scheme == "https" { Ok(()) } else { Err(format!("use `https://`, not `{scheme}://`")) }
    };
    if host == "pubmed.ncbi.nlm.nih.gov" || (host.ends_with("ncbi.nlm.nih.gov") && path.starts_with("pubmed"))
    {
        https()?;
        let id = path.strip_prefix("pubmed/").unwrap_or(path);
        let id = id.strip_suffix('/').unwrap_or(id);
        let example = "link to `https://pubmed.ncbi.nlm.nih.gov/<PMID>/`, where <PMID> is the number PubMed shows under the title";
        if host != "pubmed.ncbi.nlm.nih.gov" || !is_pmid(id) {
            return Err(example.to_string());
        }
        if let Some(named) = text.strip_prefix("PubMed ")
            && named.trim() != id
        {
            return Err(format!(
                "the link says PubMed {} but goes to {id}: make them the same",
                named.trim()
            ));
        }
        return Ok(());
    }
    if host == "doi.org" || host == "dx.doi.org" {
        https()?;
        let example = "link to `https://doi.org/10.<publisher>/<id>`, as printed on the paper";
        let doi = path.strip_prefix("10.").ok_or(example)?;
        let (publisher, id) = doi.split_once('/').ok_or(example)?;
        let publisher_ok = (4..=9).contains(&publisher.len())
            && publisher.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if host != "doi.org" || !publisher_ok || id.is_empty() || id.contains(char::is_whitespace) {
            return Err(example.to_string());
        }
        if let Some(named) = text.strip_prefix("DOI ")
            && !named.trim().eq_ignore_ascii_case(path)
        {
            return Err(format!("the link says DOI {} but goes to {path}: make them the same", named.trim()));
        }
        return Ok(());
    }
    if host == "nhs.uk" || host.ends_with(".nhs.uk") {
        https()?;
        let example = "link to the page's current address, like `https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/`: lowercase words and hyphens, ending in `/`, with no `?` or `#`";
        if host != "www.nhs.uk" {
            return Ok(());
        }
        let segments: Vec<&str> = path.strip_suffix('/').ok_or(example)?.split('/').collect();
        let well_formed = segments.len() >= 2
            && segments.iter().all(|s| {
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            });
        return if well_formed { Ok(()) } else { Err(example.to_string()) };
    }
    Ok(())
}

/// What a checked link points to, for messages.
fn kind(url: &str) -> &'static str {
    if url.contains("pubmed") {
        "PubMed"
    } else if url.contains("doi.org") {
        "DOI"
    } else {
        "NHS"
    }
}

fn is_pmid(id: &str) -> bool {
    (1..=9).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit()) && !id.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::Path;

    use crate::problem::{Problem, line_of};

    /// The source problems of `markdown` as `knotwise check` prints them.
    fn problems(markdown: &str) -> Vec<String> {
        let events: Events<'_> =
            pulldown_cmark::Parser::new_ext(markdown, super::super::options()).into_offset_iter().collect();
        let mut out = Rendered::default();
        check(&events, &mut out);
        let at = |offset| line_of(markdown, offset);
        out.problems
            .iter()
            .map(|p| Problem::at(Path::new("a.md"), at(p.offset), &p.message, &p.fix).to_string())
            .collect()
    }

    #[test]
    fn well_formed_sources_pass() {
        let text = "A claim.[^a] Another.[^b] A third.[^c]\n\n\
            [^a]: Cambron and others, 2007. Side-effects of massage therapy. *J Altern Complement Med*. [PubMed 17983334](https://pubmed.ncbi.nlm.nih.gov/17983334/)\n\
            [^b]: NHS. Sepsis. [nhs.uk](https://www.nhs.uk/conditions/sepsis/)\n\
            [^c]: Schwane and others, 1983. Is lactic acid related to soreness? *The Physician and Sportsmedicine*. [DOI 10.1054/math.1997.0289](https://doi.org/10.1054/math.1997.0289)\n";
        assert_eq!(problems(text), Vec::<String>::new());
    }

    #[test]
    fn a_footnote_without_an_author_or_a_title_is_reported_on_its_line() {
        let text = "Claim.[^a] Claim.[^b]\n\n\
            [^a]: Case report, 2018. *World Neurosurgery*. [DOI 10.1016/j.wneu.2018.04.008](https://doi.org/10.1016/j.wneu.2018.04.008)\n\
            [^b]: 2007. *Journal*. [PubMed 1](https://pubmed.ncbi.nlm.nih.gov/1/)\n";
        let found = problems(text);
        assert!(found[0].starts_with("a.md:3: the source `[^a]` does not name its author"), "{found:?}");
        assert!(found[1].starts_with("a.md:3: the source `[^a]` has no title"), "{found:?}");
        assert!(found[2].starts_with("a.md:4: the source `[^b]` does not name its author"), "{found:?}");
        assert!(found[3].starts_with("a.md:4: the source `[^b]` has no title"), "{found:?}");
        assert!(found.iter().all(|p| p.contains("fix: ")), "{found:?}");
        assert_eq!(found.len(), 4);
    }

    #[test]
    fn a_footnote_that_is_never_cited_is_left_to_the_markdown_check() {
        assert_eq!(problems("Text.\n\n[^a]: Never cited.\n"), Vec::<String>::new());
    }

    #[test]
    fn a_footnote_counts_as_cited_as_the_footnotes_pass_counts_it() {
        let malformed = "Ernst, 2003. The safety of massage. *Rheumatology*.";
        let cited_in_capitals = format!("Claim.[^Ernst]\n\n[^ernst]: {malformed}\n");
        let found = problems(&cited_in_capitals);
        assert_eq!(found.len(), 1, "labels match without regard to case: {found:?}");
        assert!(found[0].contains("`[^ernst]` has no link"), "{found:?}");
        for never_used in [
            format!("Write `[^ernst]` to cite.\n\n[^ernst]: {malformed}\n"),
            format!(
                "Claim.[^ernst]\n\n[^ernst]: NHS. Sepsis. [nhs.uk](https://www.nhs.uk/conditions/sepsis/)\n\n[^Ernst]: {malformed}\n"
            ),
            format!(
                "Claim.[^a]\n\n[^a]: NHS. Sepsis. [nhs.uk](https://www.nhs.uk/conditions/sepsis/) See [^ernst].\n\n[^ernst]: {malformed}\n"
            ),
        ] {
            assert_eq!(problems(&never_used), Vec::<String>::new(), "{never_used}");
        }
    }

    #[test]
    fn a_footnote_without_a_link_is_reported() {
        let found = problems("Claim.[^a]\n\n[^a]: Ernst, 2003. The safety of massage. *Rheumatology*.\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`[^a]` has no link"), "{found:?}");
    }

    #[test]
    fn malformed_pubmed_links_are_reported() {
        for url in [
            "https://pubmed.ncbi.nlm.nih.gov/",
            "https://pubmed.ncbi.nlm.nih.gov/?term=massage",
            "https://pubmed.ncbi.nlm.nih.gov/17983334x/",
            "https://www.ncbi.nlm.nih.gov/pubmed/17983334",
            "http://pubmed.ncbi.nlm.nih.gov/17983334/",
        ] {
            assert!(check_url(url, "").is_err(), "{url}");
        }
        assert!(check_url("https://pubmed.ncbi.nlm.nih.gov/17983334", "PubMed 17983334").is_ok());
        let mismatch = check_url("https://pubmed.ncbi.nlm.nih.gov/17983334/", "PubMed 123").unwrap_err();
        assert!(mismatch.contains("PubMed 123 but goes to 17983334"), "{mismatch}");
    }

    #[test]
    fn malformed_nhs_and_doi_links_are_reported() {
        for url in [
            "https://www.nhs.uk/",
            "https://www.nhs.uk/conditions/",
            "https://www.nhs.uk/conditions/sepsis",
            "https://www.nhs.uk/Conditions/Sepsis/",
            "https://www.nhs.uk/conditions/sepsis/?tab=1",
            "https://www.nhs.uk/conditions//sepsis/",
            "https://doi.org/",
            "https://doi.org/10.1093/",
            "https://doi.org/rheumatology/keg306",
        ] {
            assert!(check_url(url, "").is_err(), "{url}");
        }
        assert!(check_url("https://www.nhs.uk/conditions/stroke/symptoms/", "nhs.uk").is_ok());
        assert!(
            check_url("https://111.nhs.uk/", "NHS 111 online").is_ok(),
            "other NHS sites keep their own forms"
        );
        assert!(check_url("https://example.org/anything", "").is_ok());
        let line = &problems("See [the NHS](https://www.nhs.uk/conditions/).\n")[0];
        assert!(line.starts_with("a.md:1: the NHS link `https://www.nhs.uk/conditions/`"), "{line}");
    }
}
