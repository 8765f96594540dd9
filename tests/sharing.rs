//! Sharing and discovery, over the same application `main` serves: old
//! addresses, the sitemap, the feed and robots.txt, the share control, the
//! links between articles and the printed page. Link previews and
//! structured data are in `previews.rs`.

mod common;

use std::collections::BTreeMap;

use actix_web::http::{Method, StatusCode, header};
use common::html::{head, link, tags};
use common::{BASE_URL, HOSTILE_TITLE, fixture_content, fixture_site, hostile_site};

#[actix_web::test]
async fn old_slugs_redirect_permanently_to_the_canonical_url() {
    let app = service!(fixture_site());
    let reply = get!(app, "/articles/old-alpha");
    assert_eq!(reply.status, StatusCode::MOVED_PERMANENTLY);
    let location = reply.header(header::LOCATION).to_string();
    let html = get!(app, "/articles/alpha").text().to_string();
    assert_eq!(location, link(&html, "canonical"));
    assert_eq!(location, format!("{BASE_URL}/articles/alpha"));
    let head = request!(app, Method::HEAD, "/articles/old-alpha");
    assert_eq!(head.status, StatusCode::MOVED_PERMANENTLY);
}

/// The path of an absolute URL on the site.
fn site_path(url: &str) -> &str {
    url.strip_prefix(BASE_URL).unwrap_or_else(|| panic!("{url} is not under {BASE_URL}"))
}

#[actix_web::test]
async fn the_sitemap_lists_every_public_page_and_each_answers_200() {
    let app = service!(fixture_site());
    let reply = get!(app, "/sitemap.xml");
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/xml; charset=utf-8");
    let doc = roxmltree::Document::parse(reply.text()).expect("the sitemap is XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some("http://www.sitemaps.org/schemas/sitemap/0.9"));
    let child = |node: roxmltree::Node, name: &str| {
        node.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text()).map(str::to_string)
    };
    let mut listed = BTreeMap::new();
    for url in root.children().filter(roxmltree::Node::is_element) {
        assert_eq!(url.tag_name().name(), "url");
        let loc = child(url, "loc").expect("every url has a loc");
        assert!(listed.insert(loc, child(url, "lastmod")).is_none(), "each page once");
    }
    let mut expected = BTreeMap::from([
        (format!("{BASE_URL}/"), None),
        (format!("{BASE_URL}/self-check"), None),
        (format!("{BASE_URL}/articles"), None),
    ]);
    for article in fixture_content().published() {
        expected.insert(format!("{BASE_URL}{}", article.url_path()), Some(article.meta.modified().iso()));
    }
    assert_eq!(listed, expected, "home, the self-check, the A to Z and every published article; no drafts");
    assert_eq!(listed[&format!("{BASE_URL}/articles/alpha")].as_deref(), Some("2026-11-10"));
    for loc in listed.keys() {
        let path = site_path(loc);
        assert_eq!(get!(app, path).status, StatusCode::OK, "{path}");
    }
}

#[actix_web::test]
async fn the_atom_feed_describes_every_article_and_its_links_answer_200() {
    let app = service!(fixture_site());
    let reply = get!(app, "/feed.xml");
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/atom+xml; charset=utf-8");
    let doc = roxmltree::Document::parse(reply.text()).expect("the feed is XML");
    let feed = doc.root_element();
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    let text_of = |node: roxmltree::Node, name: &str| {
        let found: Vec<_> = node.children().filter(|c| c.has_tag_name((atom, name))).collect();
        assert_eq!(found.len(), 1, "one <{name}>");
        found[0].text().unwrap_or("").to_string()
    };
    let links = |node: roxmltree::Node| -> BTreeMap<String, (String, String)> {
        node.children()
            .filter(|c| c.has_tag_name((atom, "link")))
            .map(|l| {
                let attr = |a| l.attribute(a).unwrap_or("").to_string();
                (attr("rel"), (attr("type"), attr("href")))
            })
            .collect()
    };
    assert_eq!(text_of(feed, "title"), "Knotwise articles");
    assert_eq!(text_of(feed, "id"), format!("{BASE_URL}/feed.xml"));
    assert_eq!(text_of(feed, "updated"), "2026-11-10T00:00:00Z", "the newest change: alpha's update");
    let feed_links = links(feed);
    assert_eq!(feed_links["self"], ("application/atom+xml".into(), format!("{BASE_URL}/feed.xml")));
    assert_eq!(feed_links["alternate"], ("text/html".into(), format!("{BASE_URL}/")));
    let author = feed.children().find(|c| c.has_tag_name((atom, "author"))).expect("an author");
    assert_eq!(text_of(author, "name"), "Knotwise");

    let entries: Vec<_> = feed.children().filter(|c| c.has_tag_name((atom, "entry"))).collect();
    let content = fixture_content();
    assert_eq!(entries.len(), content.published().count(), "every published article, no drafts");
    for article in content.published() {
        let url = format!("{BASE_URL}{}", article.url_path());
        let entry = entries.iter().find(|e| text_of(**e, "id") == url).expect("an entry per article");
        assert_eq!(text_of(*entry, "title"), article.meta.title);
        assert_eq!(text_of(*entry, "summary"), article.meta.description);
        assert_eq!(text_of(*entry, "published"), format!("{}T00:00:00Z", article.meta.published.iso()));
        assert_eq!(text_of(*entry, "updated"), format!("{}T00:00:00Z", article.meta.modified().iso()));
        assert_eq!(links(*entry)["alternate"], ("text/html".into(), url.clone()));
        assert_eq!(get!(app, site_path(&url)).status, StatusCode::OK, "{url}");
    }
}

#[actix_web::test]
async fn robots_txt_allows_everything_and_names_the_sitemap() {
    let app = service!(fixture_site());
    let reply = get!(app, "/robots.txt");
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CONTENT_TYPE), "text/plain; charset=utf-8");
    let lines: Vec<&str> = reply.text().lines().collect();
    assert!(lines.contains(&"User-agent: *"), "{lines:?}");
    assert!(lines.contains(&"Allow: /"), "{lines:?}");
    assert!(!lines.iter().any(|l| l.starts_with("Disallow: /")), "nothing is blocked: {lines:?}");
    let sitemap = format!("Sitemap: {BASE_URL}/sitemap.xml");
    assert!(lines.contains(&sitemap.as_str()), "{lines:?}");
    assert_eq!(get!(app, "/sitemap.xml").status, StatusCode::OK);
}

#[actix_web::test]
async fn feeds_answer_head_and_refuse_other_methods() {
    let app = service!(fixture_site());
    for path in ["/sitemap.xml", "/feed.xml", "/robots.txt"] {
        let get = get!(app, path);
        let head = request!(app, Method::HEAD, path);
        assert_eq!(head.status, StatusCode::OK, "{path}");
        assert_eq!(head.header(header::ETAG), get.header(header::ETAG), "{path}");
        assert_eq!(get.header(header::CACHE_CONTROL), "public, max-age=300", "{path}");
        let post = request!(app, Method::POST, path);
        assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
    }
}

#[actix_web::test]
async fn every_page_head_links_to_the_feed() {
    let app = service!(fixture_site());
    for path in ["/", "/articles/alpha", "/articles/beta", "/articles/about", "/nope"] {
        let html = get!(app, path).text().to_string();
        let feeds: Vec<_> = tags(head(&html), "link")
            .into_iter()
            .filter(|l| l.get("rel").is_some_and(|r| r == "alternate"))
            .collect();
        assert_eq!(feeds.len(), 1, "{path}");
        assert_eq!(feeds[0]["type"], "application/atom+xml");
        assert_eq!(feeds[0]["title"], "Knotwise articles");
        assert_eq!(feeds[0]["href"], "/feed.xml");
    }
}

#[actix_web::test]
async fn hostile_text_stays_text_in_the_sitemap_and_the_feed() {
    let app = service!(hostile_site());
    let feed = get!(app, "/feed.xml");
    let doc = roxmltree::Document::parse(feed.text()).expect("the feed is still XML");
    let entry = doc.descendants().find(|n| n.has_tag_name("entry")).expect("the hostile article");
    let text_of = |name: &str| entry.children().find(|c| c.has_tag_name(name)).unwrap().text().unwrap();
    assert_eq!(text_of("title"), HOSTILE_TITLE);
    assert_eq!(
        text_of("summary"),
        "A page whose <b>title</b> & description try to break out of where they are put."
    );
    let sitemap = get!(app, "/sitemap.xml");
    roxmltree::Document::parse(sitemap.text()).expect("the sitemap is still XML");
}

/// The one element with `class` among `tags`, by a class word.
fn with_class(tags: Vec<BTreeMap<String, String>>, class: &str) -> Vec<BTreeMap<String, String>> {
    tags.into_iter()
        .filter(|t| t.get("class").is_some_and(|c| c.split(' ').any(|word| word == class)))
        .collect()
}

#[actix_web::test]
async fn articles_offer_a_share_control_that_works_without_javascript() {
    let app = service!(fixture_site());
    let mut script_url = None;
    for path in ["/articles/alpha", "/articles/beta", "/articles/about"] {
        let html = get!(app, path).text().to_string();
        let canonical = format!("{BASE_URL}{path}");
        assert_eq!(html.matches("id=\"share\"").count(), 1, "{path}");
        let start = html.find("<div id=\"share\"").expect("the share container");
        let share = &html[start..start + html[start..].find("</div>").unwrap()];
        let link = with_class(tags(share, "a"), "share-url");
        assert_eq!(link.len(), 1, "a plain link to the page: {share}");
        assert_eq!(link[0]["href"], canonical);
        assert!(share.contains(&format!(">{canonical}</a>")), "the link shows the address: {share}");
        let status = with_class(tags(share, "p"), "share-status");
        assert_eq!(status.len(), 1, "{share}");
        assert_eq!(status[0]["aria-live"], "polite");
        assert_eq!(status[0]["role"], "status");

        let scripts: Vec<_> =
            tags(head(&html), "script").into_iter().filter(|s| s.contains_key("src")).collect();
        assert_eq!(scripts.len(), 1, "{path}");
        assert!(scripts[0].contains_key("defer"), "{:?}", scripts[0]);
        let src = scripts[0]["src"].clone();
        let hash = src.strip_prefix("/static/share.").and_then(|s| s.strip_suffix(".js")).unwrap_or("");
        assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "hashed: {src}");
        assert!(script_url.get_or_insert(src.clone()) == &src, "the same script on every article");
    }
    let src = script_url.unwrap();
    let reply = get!(app, src.as_str());
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CONTENT_TYPE), "text/javascript; charset=utf-8");
    assert_eq!(reply.header(header::CACHE_CONTROL), "public, max-age=31536000, immutable");
    let script = reply.text();
    assert!(script.contains("navigator") && script.contains(".share(") && script.contains(".writeText("));
    assert!(script.contains("Link copied"));
    assert!(script.len() < 4096, "the script stays small: {} bytes", script.len());

    let home = get!(app, "/").text().to_string();
    assert!(!home.contains("id=\"share\"") && !home.contains(src.as_str()), "articles only");
}

#[actix_web::test]
async fn articles_link_to_home_the_self_check_related_and_neighbouring_articles() {
    let app = service!(fixture_site());
    // (path, title, related, previous, next): reading order is alpha, beta, about.
    let cases = [
        ("/articles/alpha", "Alpha: what a knot is", Some("/articles/beta"), None, Some("/articles/beta")),
        (
            "/articles/beta",
            "Beta: aftercare",
            Some("/articles/alpha"),
            Some("/articles/alpha"),
            Some("/articles/about"),
        ),
        ("/articles/about", "About", None, Some("/articles/beta"), None),
    ];
    for (path, title, related, previous, next) in cases {
        let html = get!(app, path).text().to_string();
        let start = html.find("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">").expect("breadcrumbs");
        let crumbs = tags(&html[start..start + html[start..].find("</nav>").unwrap()], "a");
        let hrefs: Vec<&str> = crumbs.iter().map(|a| a["href"].as_str()).collect();
        assert_eq!(hrefs, ["/", "/articles", path], "{path}");
        assert_eq!(crumbs[2].get("aria-current").map(String::as_str), Some("page"));
        assert!(html.contains(&format!("aria-current=\"page\">{title}</a>")), "{path}");

        let links = tags(&html, "a");
        assert!(links.iter().any(|a| a["href"] == "/"), "a way home from {path}");
        assert!(
            links.iter().any(|a| a["href"] == "/self-check" && a.get("class").is_some_and(|c| c == "button")),
            "a clear way to the self-check from {path}"
        );
        match related {
            Some(href) => {
                let start = html.find("<nav class=\"related\"").expect("related articles");
                let section = &html[start..start + html[start..].find("</nav>").unwrap()];
                assert!(section.contains("Related articles"));
                assert!(section.contains(&format!("href=\"{href}\"")), "{path} relates to {href}");
            }
            None => assert!(!html.contains("class=\"related\""), "{path} shares no tags"),
        }
        let pager = |class: &str| with_class(links.clone(), class).first().map(|a| a["href"].clone());
        assert_eq!(pager("pager-prev").as_deref(), previous, "{path}");
        assert_eq!(pager("pager-next").as_deref(), next, "{path}");
    }
}

#[actix_web::test]
async fn printed_articles_drop_navigation_and_the_share_control_and_show_link_addresses() {
    let app = service!(fixture_site());
    let css = get!(app, "/static/style.css").text().to_string();
    let start = css.find("@media print {").expect("print styles") + "@media print {".len();
    let mut depth = 1;
    let end = start
        + css[start..]
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .expect("the print block ends")
            .0;
    let print = &css[start..end];
    let hidden: Vec<&str> = print
        .split('}')
        .filter(|rule| rule.contains("display: none"))
        .flat_map(|rule| rule.split('{').next().unwrap().split(','))
        .map(str::trim)
        .collect();
    for selector in
        [".site-header nav", ".breadcrumbs", ".toc", ".related", ".pager", ".cta", ".share", ".skip-link"]
    {
        assert!(hidden.contains(&selector), "{selector} is hidden in print: {hidden:?}");
    }
    for kept in [".references", ".callout", ".prose"] {
        assert!(!hidden.contains(&kept), "{kept} is printed");
    }
    assert!(
        print.contains(".prose a[href^=\"http\"]::after") && print.contains("attr(href)"),
        "link addresses"
    );
    assert!(print.contains(".prose a[href^=\"/\"]::after"), "internal link addresses");
    assert!(
        print.split('}').any(|rule| rule.contains(".callout") && rule.contains("break-inside: avoid")),
        "callouts are not split across pages"
    );
}
