//! What crawlers and feed readers ask for: `/sitemap.xml`, `/feed.xml`
//! (Atom) and `/robots.txt`, rendered once at start-up like every page.
//!
//! The XML is written as plain strings; every value that comes from content
//! or configuration goes through [`escape`].

use std::fmt::Write as _;

use crate::content::Article;
use crate::date::Date;
use crate::markup::escape;
use crate::urls;

pub const SITEMAP_TYPE: &str = "application/xml; charset=utf-8";
pub const FEED_TYPE: &str = "application/atom+xml; charset=utf-8";
pub const FEED_TITLE: &str = "Knotwise articles";
pub const ROBOTS_TYPE: &str = "text/plain; charset=utf-8";

/// A date as an Atom timestamp (RFC 3339): the start of the day, UTC.
fn timestamp(date: Date) -> String {
    format!("{}T00:00:00Z", date.iso())
}

/// The sitemap: `pages` (paths without a date, like `/` and `/self-check`)
/// and every article, with `lastmod` from `updated` or `published`.
pub fn sitemap(base_url: &str, pages: &[&str], articles: &[&Article]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in pages {
        let _ = writeln!(xml, "<url><loc>{}</loc></url>", escape(&format!("{base_url}{path}")));
    }
    for article in articles {
        let _ = writeln!(
            xml,
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>",
            escape(&format!("{base_url}{}", article.url_path())),
            article.meta.modified().iso()
        );
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The Atom feed of `articles`, newest first. `subtitle` says what the
/// site is about.
pub fn atom(base_url: &str, subtitle: &str, articles: &[&Article]) -> String {
    let mut entries: Vec<&Article> = articles.to_vec();
    entries.sort_by(|a, b| b.meta.published.cmp(&a.meta.published).then(a.meta.order.cmp(&b.meta.order)));
    let updated = articles.iter().map(|a| a.meta.modified()).max().map_or_else(
        // A feed must say when it last changed; with nothing published, that is never.
        || "1970-01-01T00:00:00Z".to_string(),
        timestamp,
    );
    let home = escape(&format!("{base_url}/"));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n");
    let _ = writeln!(xml, "<title>{}</title>", escape(FEED_TITLE));
    let _ = writeln!(xml, "<subtitle>{}</subtitle>", escape(subtitle));
    let _ = writeln!(xml, "<id>{}</id>", escape(&format!("{base_url}{}", urls::FEED)));
    let _ = writeln!(xml, "<updated>{updated}</updated>");
    let _ = writeln!(
        xml,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&format!("{base_url}{}", urls::FEED))
    );
    let _ = writeln!(xml, "<link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>");
    let _ = writeln!(xml, "<author><name>Knotwise</name><uri>{home}</uri></author>");
    for article in entries {
        let url = escape(&format!("{base_url}{}", article.url_path()));
        xml.push_str("<entry>\n");
        let _ = writeln!(xml, "<title>{}</title>", escape(&article.meta.title));
        let _ = writeln!(xml, "<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>");
        let _ = writeln!(xml, "<id>{url}</id>");
        let _ = writeln!(xml, "<published>{}</published>", timestamp(article.meta.published));
        let _ = writeln!(xml, "<updated>{}</updated>", timestamp(article.meta.modified()));
        let _ = writeln!(xml, "<summary>{}</summary>", escape(&article.meta.description));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Every page may be crawled; the sitemap lists them.
pub fn robots(base_url: &str) -> String {
    format!(
        "# Knotwise: every page may be crawled.\nUser-agent: *\nAllow: /\n\nSitemap: {base_url}{}\n",
        urls::SITEMAP
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_names_the_absolute_sitemap() {
        let text = robots("https://knotwise.example");
        assert!(text.contains("User-agent: *\nAllow: /\n"));
        assert!(text.ends_with("Sitemap: https://knotwise.example/sitemap.xml\n"));
    }

    #[test]
    fn an_empty_feed_still_says_when_it_changed() {
        let xml = atom("https://knotwise.example", "About knots.", &[]);
        assert!(xml.contains("<updated>1970-01-01T00:00:00Z</updated>"));
        assert!(!xml.contains("<entry>"));
    }
}
