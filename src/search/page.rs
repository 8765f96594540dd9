//! The results page at `/search`: typed values for `templates/search.html`.

use askama::Template;

use super::{Answer, MAX_QUERY_CHARS, PER_PAGE, Search};
use crate::emergency::EmergencyNumber;
use crate::emergency::Region;
use crate::pages::{Chrome, Head};
use crate::selfcheck::{Level, Questionnaire};
use crate::urls;

/// `/search?q=...`: made for each request, never stored or indexed.
#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage<'a> {
    pub chrome: &'a Chrome,
    pub head: Head,
    pub answer: Answer,
    /// What to do now, for the emergency care card, when the query names
    /// an emergency sign.
    pub emergency_now: Option<String>,
    /// The emergency numbers, the region's first.
    pub numbers: Vec<EmergencyNumber>,
    /// "3 pages found", or empty when there was nothing to search for.
    pub count: String,
    /// Where "Did you mean" leads.
    pub suggestion_href: Option<String>,
    pub max_chars: usize,
}

impl<'a> SearchPage<'a> {
    /// The page for the query as the reader typed it (already decoded).
    pub fn new(
        chrome: &'a Chrome,
        search: &Search,
        questionnaire: &Questionnaire,
        region: Region,
        query: &str,
    ) -> Self {
        let answer = if query.trim().is_empty() { Answer::default() } else { search.answer(query) };
        let title = if answer.query.is_empty() {
            "Search".to_string()
        } else {
            format!("Search results for “{}”", answer.query)
        };
        let mut head = Head::new(&title, "Search Knotwise's articles.", urls::SEARCH);
        head.noindex = true;
        let emergency_now = answer.emergency.then(|| questionnaire.advice(Level::Emergency).now.clone());
        let total = answer.found.total;
        let count = match total {
            _ if answer.query.is_empty() => String::new(),
            0 => "No pages found".to_string(),
            1 => "1 page found".to_string(),
            n if n > PER_PAGE => format!("{n} pages found, the best {PER_PAGE} shown"),
            n => format!("{n} pages found"),
        };
        let suggestion_href = answer.suggestion.as_deref().map(href);
        SearchPage {
            chrome,
            head,
            answer,
            emergency_now,
            numbers: region.numbers(),
            count,
            suggestion_href,
            max_chars: MAX_QUERY_CHARS,
        }
    }
}

/// The link to the results for `query`.
pub fn href(query: &str) -> String {
    let mut out = format!("{}?q=", urls::SEARCH);
    for b in query.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_encode_everything_but_plain_letters() {
        assert_eq!(href("massage gun"), "/search?q=massage+gun");
        assert_eq!(href("a&b=<c>%"), "/search?q=a%26b%3D%3Cc%3E%25");
        assert_eq!(href("é"), "/search?q=%C3%A9");
    }
}
