//! What crawlers and feed readers ask for: `/sitemap.xml`, `/feed.xml`
//! (Atom) and `/robots.txt`, rendered once at start-up like every page.
//!
//! The sitemap and the feed are askama templates (`templates/*.xml`), so
//! every value is escaped by the template engine, as in the pages.

use askama::Template;

use crate::content::Article;
use crate::date::Date;
use crate::urls;

pub(crate) const SITEMAP_TYPE: &str = "application/xml; charset=utf-8";
pub(crate) const FEED_TYPE: &str = "application/atom+xml; charset=utf-8";
pub(crate) const FEED_TITLE: &str = "Knotwise articles";
pub(crate) const ROBOTS_TYPE: &str = "text/plain; charset=utf-8";

/// The newest articles the feed lists. A feed reader wants what is new; at
/// 10,000 articles a feed of every one would be 5 MB that each reader
/// downloads again on every poll (Zola's `feed_limit` does the same). The
/// sitemap still lists every article.
pub(crate) const FEED_ENTRIES: usize = 50;

/// A date as an Atom timestamp (RFC 3339): the start of the day, UTC.
fn timestamp(date: Date) -> String {
    format!("{}T00:00:00Z", date.iso())
}

#[derive(Template)]
#[template(path = "sitemap.xml")]
struct Sitemap {
    pages: Vec<String>,
    articles: Vec<SitemapEntry>,
}

struct SitemapEntry {
    loc: String,
    lastmod: String,
}

#[derive(Template)]
#[template(path = "feed.xml")]
struct Feed<'a> {
    title: &'a str,
    subtitle: &'a str,
    self_url: String,
    home: String,
    updated: String,
    entries: Vec<FeedEntry>,
}

struct FeedEntry {
    title: String,
    url: String,
    published: String,
    updated: String,
    summary: String,
}

/// Renders a template that holds only text: writing text into a `String`
/// cannot fail, so neither can this.
fn render(template: &impl Template) -> String {
    template.render().expect("a template of plain text renders into a String")
}

/// The sitemap: `pages` (paths without a date, like `/` and `/self-check`)
/// and every article, with `lastmod` from its latest change note, or `published`.
pub fn sitemap(base_url: &str, pages: &[&str], articles: &[&Article]) -> String {
    render(&Sitemap {
        pages: pages.iter().map(|path| format!("{base_url}{path}")).collect(),
        articles: articles
            .iter()
            .map(|a| SitemapEntry {
                loc: format!("{base_url}{}", a.url_path()),
                lastmod: a.meta.modified().iso(),
            })
            .collect(),
    })
}

/// The Atom feed of the newest [`FEED_ENTRIES`] of `articles`, newest
/// first. `subtitle` says what the site is about.
pub fn atom(base_url: &str, subtitle: &str, articles: &[&Article]) -> String {
    let mut entries: Vec<&Article> = articles.to_vec();
    entries.sort_by(|a, b| b.meta.published.cmp(&a.meta.published).then(a.meta.order.cmp(&b.meta.order)));
    entries.truncate(FEED_ENTRIES);
    let updated = entries.iter().map(|a| a.meta.modified()).max().map_or_else(
        // A feed must say when it last changed; with nothing published, that is never.
        || "1970-01-01T00:00:00Z".to_string(),
        timestamp,
    );
    render(&Feed {
        title: FEED_TITLE,
        subtitle,
        self_url: format!("{base_url}{}", urls::FEED),
        home: format!("{base_url}{}", urls::HOME),
        updated,
        entries: entries
            .into_iter()
            .map(|a| FeedEntry {
                title: a.meta.title.clone(),
                url: format!("{base_url}{}", a.url_path()),
                published: timestamp(a.meta.published),
                updated: timestamp(a.meta.modified()),
                summary: a.meta.description.clone(),
            })
            .collect(),
    })
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
    fn hostile_values_stay_text_and_both_documents_parse() {
        let source = "+++\ntitle = \"]]> </title><x a='1'> & \\u0007bell\"\ndescription = \"A <b>bold</b> claim & more.\"\npublished = 2026-11-01\norder = 1\n+++\n\nText.\n";
        let (article, problems) = crate::content::parse(std::path::Path::new("a-b.md"), source);
        assert!(problems.is_empty(), "{problems:?}");
        let article = article.unwrap().article;
        let feed = atom("https://k.example", "About <knots> & \"more\".", &[&article]);
        let doc = roxmltree::Document::parse(&feed).unwrap_or_else(|e| panic!("{e}\n{feed}"));
        let title =
            doc.descendants().find(|n| n.has_tag_name("entry")).unwrap().first_element_child().unwrap();
        assert_eq!(title.text(), Some("]]> </title><x a='1'> & bell"));
        let map = sitemap("https://k.example", &["/"], &[&article]);
        let doc = roxmltree::Document::parse(&map).unwrap_or_else(|e| panic!("{e}\n{map}"));
        let locs: Vec<&str> =
            doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
        assert_eq!(locs, ["https://k.example/", "https://k.example/articles/a-b"]);
    }

    #[test]
    fn the_feed_lists_only_the_newest_articles_and_the_sitemap_all() {
        let articles: Vec<Article> = (0..FEED_ENTRIES + 5)
            .map(|i| {
                let day = 1 + i % 28;
                let month = 1 + i / 28;
                let source = format!(
                    "+++\ntitle = \"Day {i}\"\ndescription = \"One.\"\npublished = 2026-{month:02}-{day:02}\norder = {i}\n+++\n\nText.\n"
                );
                crate::content::parse(std::path::Path::new(&format!("a-{i}.md")), &source).0.unwrap().article
            })
            .collect();
        let all: Vec<&Article> = articles.iter().collect();
        let feed = atom("https://k.example", "About knots.", &all);
        let doc = roxmltree::Document::parse(&feed).unwrap();
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .map(|e| e.first_element_child().unwrap().text().unwrap())
            .collect();
        assert_eq!(titles.len(), FEED_ENTRIES);
        assert_eq!(titles[0], format!("Day {}", FEED_ENTRIES + 4), "newest first");
        assert!(!titles.contains(&"Day 4"), "the oldest are left out");
        let map = sitemap("https://k.example", &[], &all);
        assert_eq!(map.matches("<loc>").count(), FEED_ENTRIES + 5);
    }

    #[test]
    fn an_empty_feed_still_says_when_it_changed() {
        let xml = atom("https://knotwise.example", "About knots.", &[]);
        assert!(xml.contains("<updated>1970-01-01T00:00:00Z</updated>"));
        assert!(!xml.contains("<entry>"));
    }
}
