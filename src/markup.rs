//! Escaping text for HTML and XML, which share these rules.

/// Text for element content and double- or single-quoted attribute values,
/// in HTML or XML: the five special characters as entities (`&#39;` works in
/// both), and the control characters XML 1.0 forbids left out.
pub fn escape(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_specials_and_drops_forbidden_controls() {
        assert_eq!(escape("a & b <c> \"d\" 'e'"), "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;");
        assert_eq!(escape("]]> \u{7}bell\ttab\u{ffff}"), "]]&gt; bell\ttab");
        assert_eq!(escape("Fernández-de-las-Peñas"), "Fernández-de-las-Peñas");
    }
}
