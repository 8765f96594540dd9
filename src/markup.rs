//! The one place that writes HTML we generate ourselves (around and inside
//! rendered Markdown), and the escaping it shares with XML.
//!
//! Element and attribute names are `&'static str`, so they are ours; every
//! value — attribute values and text — is escaped here, so no caller can
//! splice a value in unescaped. Markdown's own elements are written by
//! pulldown-cmark's writer, which escapes too; askama escapes templates.

use std::sync::LazyLock;

use crate::needles::Needles;

/// Text for element content and double- or single-quoted attribute values,
/// in HTML or XML: the five special characters as entities (`&#39;` works in
/// both), and the control characters XML 1.0 forbids left out.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

/// The askama escaper for XML templates (the sitemap and the feed): the
/// same rules as [`escape`], so values behave alike in HTML and XML.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Xml;

impl askama::filters::Escaper for Xml {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, string: &str) -> std::fmt::Result {
        dest.write_str(&escape(string))
    }
}

/// A start tag with escaped attribute values: `<div class="x">`.
pub(crate) fn start(name: &'static str, attrs: &[(&'static str, &str)]) -> String {
    let mut out = format!("<{name}");
    for (attr, value) in attrs {
        out.push(' ');
        out.push_str(attr);
        out.push_str("=\"");
        out.push_str(&escape(value));
        out.push('"');
    }
    out.push('>');
    out
}

/// An end tag: `</div>`.
pub(crate) fn end(name: &'static str) -> String {
    format!("</{name}>")
}

/// A whole element holding escaped text: `<a href="#x">text</a>`.
pub(crate) fn element(name: &'static str, attrs: &[(&'static str, &str)], text: &str) -> String {
    format!("{}{}{}", start(name, attrs), escape(text), end(name))
}

/// Text whose `backtick` spans (the only Markdown in problem messages and
/// fixes) become `<code>` elements; everything is escaped. A lone backtick
/// stays as it is.
pub(crate) fn text_with_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        out.push_str(&escape(&rest[..open]));
        out.push_str(&element("code", &[], &rest[open + 1..open + 1 + len]));
        rest = &rest[open + 2 + len..];
    }
    out.push_str(&escape(rest));
    out
}

/// Text in which every number a reader may be told to call (999, 111,
/// 112, …: [`crate::emergency::dialled`]) becomes a `tel:` link, standing
/// alone (not inside a longer number or word); everything is escaped.
pub(crate) fn text_with_tel(text: &str) -> String {
    // Every Markdown text event of every article passes through here.
    static NUMBERS: LazyLock<Needles<'static>> =
        LazyLock::new(|| Needles::new(crate::emergency::dialled().iter().copied()));
    let numbers = crate::emergency::dialled();
    let mut out = String::with_capacity(text.len() + 32);
    let mut plain = 0;
    let alone = |i: usize, j: usize| {
        !text[..i].chars().next_back().is_some_and(char::is_alphanumeric)
            && !text[j..].chars().next().is_some_and(char::is_alphanumeric)
    };
    for (at, i) in NUMBERS.find(text) {
        // The first number in the list (the longest first) that stands
        // alone, and none inside one already linked.
        let number = numbers[i];
        if at < plain || !alone(at, at + number.len()) {
            continue;
        }
        out.push_str(&escape(&text[plain..at]));
        let href = crate::emergency::tel_href(number);
        out.push_str(&element("a", &[("class", "tel"), ("href", &href)], number));
        plain = at + number.len();
    }
    out.push_str(&escape(&text[plain..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backtick_spans_become_code_and_all_is_escaped() {
        assert_eq!(
            text_with_code("use `##` for <b> and `a & b`, not `"),
            "use <code>##</code> for &lt;b&gt; and <code>a &amp; b</code>, not `"
        );
        assert_eq!(text_with_code("no code"), "no code");
        assert_eq!(text_with_code("``"), "<code></code>");
    }

    #[test]
    fn numbers_to_call_become_tel_links_only_where_they_stand_alone() {
        assert_eq!(
            text_with_tel("Call 999 or NHS 111 & say <so>."),
            "Call <a class=\"tel\" href=\"tel:999\">999</a> or NHS <a class=\"tel\" href=\"tel:111\">111</a> \
             &amp; say &lt;so&gt;."
        );
        assert_eq!(text_with_tel("in 19990 or a1112 or 2026"), "in 19990 or a1112 or 2026");
        assert_eq!(text_with_tel("(111)."), "(<a class=\"tel\" href=\"tel:111\">111</a>).");
        assert_eq!(text_with_tel("no numbers here"), "no numbers here");
        assert_eq!(
            text_with_tel("Café 9 1 999é, 99 then 111"),
            "Café 9 1 999é, 99 then <a class=\"tel\" href=\"tel:111\">111</a>"
        );
        assert_eq!(text_with_tel("ñ999"), "ñ999");
        assert_eq!(text_with_tel("999"), "<a class=\"tel\" href=\"tel:999\">999</a>");
    }

    #[test]
    fn escapes_specials_and_drops_forbidden_controls() {
        assert_eq!(escape("a & b <c> \"d\" 'e'"), "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;");
        assert_eq!(escape("]]> \u{7}bell\ttab\u{ffff}"), "]]&gt; bell\ttab");
        assert_eq!(escape("Fernández-de-las-Peñas"), "Fernández-de-las-Peñas");
    }

    #[test]
    fn every_interpolated_value_is_escaped() {
        let html = element("a", &[("href", "#x\"onmouseover=alert(1)//")], "<b>&");
        assert_eq!(html, "<a href=\"#x&quot;onmouseover=alert(1)//\">&lt;b&gt;&amp;</a>");
        assert_eq!(start("div", &[]), "<div>");
        assert_eq!(end("div"), "</div>");
    }
}
