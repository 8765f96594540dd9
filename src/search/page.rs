//! The results page at `/search`: typed values for `templates/search.html`.

use askama::Template;

use super::{Answer, MAX_QUERY_CHARS, MAX_QUERY_WORDS, PER_PAGE, Search};
use crate::emergency::EmergencyNumber;
use crate::emergency::Region;
use crate::pages::{Chrome, Head};
use crate::selfcheck::{Level, Questionnaire};
use crate::urls;

/// `/search?q=...`: made for each request, never stored or indexed.
#[derive(Template)]
#[template(path = "search.html")]
pub(crate) struct SearchPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub answer: Answer<'a>,
    /// What to do now, for the emergency care card, when the query names
    /// an emergency sign.
    pub(crate) emergency_now: Option<String>,
    /// The emergency numbers, the region's first.
    pub numbers: Vec<EmergencyNumber>,
    /// "3 pages found", or empty when there was nothing to search for.
    pub count: String,
    /// Where "Did you mean" leads.
    pub(crate) suggestion_href: Option<String>,
    /// When the results are for the suggestion but the query as typed found
    /// pages too: the link to those ("Search for ... instead").
    pub(crate) as_typed_href: Option<String>,
    /// The pages of results before and after this one, when there are more.
    pub previous: Option<PageLink>,
    pub next: Option<PageLink>,
    pub(crate) max_chars: usize,
    /// The most words searched, for the notice when a query had more.
    pub(crate) max_words: usize,
}

/// A link to another page of the same results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageLink {
    pub href: String,
    /// "2 of 5", read after "Previous page" or "Next page".
    pub label: String,
}

impl<'a> SearchPage<'a> {
    /// The page for the query as the reader typed it (already decoded);
    /// `as_typed` when they asked for it uncorrected.
    pub(crate) fn new(
        chrome: &'a Chrome,
        search: &'a Search,
        questionnaire: &Questionnaire,
        region: Region,
        query: &str,
        page: usize,
        as_typed: bool,
    ) -> Self {
        let answer = match () {
            _ if query.trim().is_empty() => Answer::default(),
            _ if as_typed => search.answer_as_typed(query, page),
            _ => search.answer(query, page),
        };
        let title = if answer.query.is_empty() {
            "Search".to_string()
        } else {
            format!("Search results for “{}”", answer.query)
        };
        let mut head = Head::new(&title, "Search Knotwise's articles.", urls::SEARCH);
        head.noindex = true;
        let emergency_now = answer.emergency.then(|| questionnaire.advice(Level::Emergency).now.clone());
        let total = answer.found.total;
        let (page, pages) = (answer.found.page, answer.found.pages);
        let count = match total {
            _ if answer.query.is_empty() => String::new(),
            0 => "No pages found".to_string(),
            1 => "1 page found".to_string(),
            n if n > PER_PAGE => {
                let first = (page - 1) * PER_PAGE + 1;
                format!("{n} pages found, showing {first} to {}", first + answer.found.hits.len() - 1)
            }
            n => format!("{n} pages found"),
        };
        let link = |to: usize| PageLink {
            href: page_href(&answer.query, to, as_typed),
            label: format!("{to} of {pages}"),
        };
        let previous = (page > 1).then(|| link(page - 1));
        let next = (page < pages).then(|| link(page + 1));
        let suggestion_href = answer.suggestion.as_deref().map(href);
        let as_typed_href =
            (answer.corrected && answer.typed_total > 0).then(|| page_href(&answer.query, 1, true));
        SearchPage {
            chrome,
            head,
            answer,
            emergency_now,
            numbers: region.numbers(),
            count,
            suggestion_href,
            as_typed_href,
            previous,
            next,
            max_chars: MAX_QUERY_CHARS,
            max_words: MAX_QUERY_WORDS,
        }
    }
}

/// The link to the results for `query`, encoded as a form encodes it (the
/// same crate decodes it in `urlencoded`).
pub(crate) fn href(query: &str) -> String {
    format!("{}?q={}", urls::SEARCH, form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>())
}

/// The field that asks for the results of the query as typed, never
/// corrected: `as_typed=1`.
pub(crate) const AS_TYPED: &str = "as_typed";

/// The link to page `page` of the results for `query` (as typed, never
/// corrected, when `as_typed`); page 1 has none of its own, so the first
/// page has one address.
pub(crate) fn page_href(query: &str, page: usize, as_typed: bool) -> String {
    let mut out = href(query);
    if as_typed {
        out.push_str(&format!("&{AS_TYPED}=1"));
    }
    if page > 1 {
        out.push_str(&format!("&page={page}"));
    }
    out
}

/// The page asked for by the `page` field: anything but a whole number from
/// 1 (a hand-edited address) is the first page, never an error.
pub(crate) fn page_number(field: Option<&str>) -> usize {
    field.and_then(|value| value.trim().parse::<usize>().ok()).filter(|&n| n >= 1).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_encode_everything_but_plain_letters() {
        assert_eq!(href("massage gun"), "/search?q=massage+gun");
        assert_eq!(href("a&b=<c>%"), "/search?q=a%26b%3D%3Cc%3E%25");
        assert_eq!(href("é"), "/search?q=%C3%A9");
        assert_eq!(page_href("massage gun", 1, false), "/search?q=massage+gun");
        assert_eq!(page_href("massage gun", 3, false), "/search?q=massage+gun&page=3");
        assert_eq!(page_href("sore musle", 2, true), "/search?q=sore+musle&as_typed=1&page=2");
    }

    #[test]
    fn any_page_field_gives_a_page() {
        assert_eq!(page_number(None), 1);
        assert_eq!(page_number(Some("3")), 3);
        for odd in ["", "0", "-2", "two", "1e9", "99999999999999999999999", "2.5"] {
            assert_eq!(page_number(Some(odd)), 1, "{odd}");
        }
    }
}
