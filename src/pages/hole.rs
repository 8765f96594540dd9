//! Holes: where a page rendered at start-up is filled in later, with what
//! is not known yet when it is rendered (a self-check's answers, an
//! article's links to other articles).

use std::fmt;

use askama::filters::HtmlSafe;

/// The marker a template writes for a hole. No text of ours holds it:
/// [`split_at_holes`] checks that a page splits into exactly the pieces
/// expected.
const HOLE: &str = "\u{0}hole\u{0}";

/// A hole, as a template value.
pub(crate) struct Hole;

impl fmt::Display for Hole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(HOLE)
    }
}

impl HtmlSafe for Hole {}

/// `html` cut at its `holes` holes; `what` names it if it has another number.
pub(crate) fn split_at_holes<'h>(
    html: &'h str,
    holes: usize,
    what: &str,
) -> Result<Vec<&'h str>, askama::Error> {
    let pieces: Vec<&str> = html.split(HOLE).collect();
    if pieces.len() != holes + 1 {
        let message = format!("{what} has {} holes, not {holes}", pieces.len() - 1);
        return Err(askama::Error::Custom(message.into()));
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_splits_at_exactly_its_holes() {
        let html = format!("<p>{Hole}</p><p>{Hole}</p>");
        assert_eq!(split_at_holes(&html, 2, "page").unwrap(), ["<p>", "</p><p>", "</p>"]);
        let wrong = split_at_holes(&html, 1, "the test page").unwrap_err().to_string();
        assert!(wrong.contains("the test page has 2 holes, not 1"), "{wrong}");
    }
}
