//! Sharing and discovery, over the same application `main` serves: canonical
//! URLs and redirects, link previews (Open Graph, Twitter cards), structured
//! data (JSON-LD), the share control, the sitemap, the feed and robots.txt.

mod common;

use std::collections::BTreeMap;

use actix_web::http::header::{self, HeaderMap};
use actix_web::http::{Method, StatusCode};
use actix_web::test::{self, TestRequest};
use actix_web::web::{self, Bytes};
use common::{BASE_URL, fixture, fixture_site, text};
use knotwise::assets::png_size;
use knotwise::site::{Content, Site};
use knotwise::web::app;
use serde_json::Value;

/// One response, read whole.
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Reply {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).map_or("", |v| v.to_str().unwrap())
    }

    fn text(&self) -> &str {
        text(&self.body)
    }
}

macro_rules! request {
    ($app:expr, $method:expr, $path:expr) => {{
        let req = TestRequest::default().method($method).uri($path).to_request();
        let res = test::call_service(&$app, req).await;
        let status = res.status();
        let headers = res.headers().clone();
        Reply { status, headers, body: test::read_body(res).await }
    }};
}

macro_rules! get {
    ($app:expr, $path:expr) => {
        request!($app, Method::GET, $path)
    };
}

macro_rules! service {
    ($site:expr) => {
        test::init_service(app($site)).await
    };
}

/// The content of the fixture site, to know what every page should say.
fn fixture_content() -> Content {
    fixture("valid").load().expect("fixture loads")
}

/// The site whose article title tries to end the JSON-LD script element.
fn hostile_site() -> web::Data<Site> {
    web::Data::new(fixture("hostile").site())
}

const HOSTILE_TITLE: &str = "</script><script>alert(1)</script> & \"quotes\" ]]> <!-- end";

/// The policy as it was before link previews, structured data and the share
/// script: none of them may need it loosened.
const UNCHANGED_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; \
     connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Decodes the character references askama writes in attribute values.
fn decode(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').expect("a reference ends with ;") + at;
        let name = &rest[at + 1..end];
        let decoded = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = name.strip_prefix('#').expect("a numeric reference");
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
                    None => number.parse().unwrap(),
                };
                char::from_u32(code).unwrap()
            }
        };
        out.push(decoded);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Every `<name …>` start tag in `html`, as its decoded attributes.
fn tags(html: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let open = format!("<{name}");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        rest = &rest[at + open.len()..];
        if !rest.starts_with([' ', '>']) {
            continue;
        }
        let end = rest.find('>').expect("the tag ends");
        let mut attrs = BTreeMap::new();
        let mut inside = rest[..end].trim();
        while !inside.is_empty() {
            let name_end = inside.find(['=', ' ']).unwrap_or(inside.len());
            let key = inside[..name_end].to_string();
            inside = &inside[name_end..];
            if let Some(value) = inside.strip_prefix("=\"") {
                let close = value.find('"').expect("the value is quoted");
                attrs.insert(key, decode(&value[..close]));
                inside = value[close + 1..].trim_start();
            } else {
                attrs.insert(key, String::new());
                inside = inside.trim_start();
            }
        }
        found.push(attrs);
        rest = &rest[end..];
    }
    found
}

/// The `<head>` element's content.
fn head(html: &str) -> &str {
    let start = html.find("<head>").expect("a head") + "<head>".len();
    &html[start..html.find("</head>").expect("the head ends")]
}

/// The `content` of the one `<meta key="value">` in the head.
fn meta(html: &str, key: &str, value: &str) -> String {
    let matching: Vec<_> =
        tags(head(html), "meta").into_iter().filter(|m| m.get(key).is_some_and(|v| v == value)).collect();
    assert_eq!(matching.len(), 1, "exactly one <meta {key}=\"{value}\">");
    matching[0]["content"].clone()
}

/// The `href` of the one `<link rel="…">` in the head with these attributes.
fn link(html: &str, rel: &str) -> String {
    let matching: Vec<_> =
        tags(head(html), "link").into_iter().filter(|l| l.get("rel").is_some_and(|r| r == rel)).collect();
    assert_eq!(matching.len(), 1, "exactly one <link rel=\"{rel}\">");
    matching[0]["href"].clone()
}

/// The raw text of every JSON-LD element in the page.
fn json_ld_texts(html: &str) -> Vec<&str> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(at, _)| {
            let start = at + open.len();
            let end = html[start..].find("</script>").expect("the script element ends") + start;
            &html[start..end]
        })
        .collect()
}

/// Every JSON-LD element, parsed; none may contain `<`, which is how a
/// `</script` or `<!--` inside the data would end or confuse the element.
fn json_ld(html: &str) -> Vec<Value> {
    json_ld_texts(html)
        .into_iter()
        .map(|raw| {
            assert!(!raw.contains('<') && !raw.contains('>') && !raw.contains('&'), "escaped: {raw}");
            serde_json::from_str(raw).unwrap_or_else(|e| panic!("JSON-LD does not parse ({e}): {raw}"))
        })
        .collect()
}

/// The schema.org node of `kind` in the page's JSON-LD, at the top or in a `@graph`.
fn node<'a>(documents: &'a [Value], kind: &str) -> Option<&'a Value> {
    documents
        .iter()
        .flat_map(|d| match d.get("@graph") {
            Some(Value::Array(nodes)) => nodes.iter().collect::<Vec<_>>(),
            _ => vec![d],
        })
        .find(|n| n["@type"] == kind)
}

/// What one page should say about itself in its head.
struct Expected {
    path: String,
    og_type: &'static str,
    title: String,
    description: String,
}

fn expected_pages() -> Vec<Expected> {
    let content = fixture_content();
    let mut pages = vec![Expected {
        path: "/".into(),
        og_type: "website",
        title: "Sore after a massage? Muscle knots and aftercare explained".into(),
        description: "Clear, honest answers about muscle knots, soreness after massage and the warning signs that need help.".into(),
    }];
    pages.extend(content.published().map(|a| Expected {
        path: a.url_path(),
        og_type: "article",
        title: a.meta.title.clone(),
        description: a.meta.description.clone(),
    }));
    assert_eq!(pages.len(), 4, "home, alpha, beta and about");
    pages
}

#[actix_web::test]
async fn every_page_has_canonical_open_graph_and_twitter_tags() {
    let app = service!(fixture_site());
    for page in expected_pages() {
        let reply = get!(app, page.path.as_str());
        assert_eq!(reply.status, StatusCode::OK, "{}", page.path);
        let html = reply.text();
        let canonical = format!("{BASE_URL}{}", page.path);
        assert_eq!(link(html, "canonical"), canonical);
        assert_eq!(meta(html, "property", "og:url"), canonical);
        assert_eq!(meta(html, "property", "og:type"), page.og_type, "{}", page.path);
        assert_eq!(meta(html, "property", "og:title"), page.title);
        assert_eq!(meta(html, "property", "og:description"), page.description);
        assert_eq!(meta(html, "property", "og:site_name"), "Knotwise");
        assert_eq!(meta(html, "property", "og:locale"), "en_GB");
        let image = meta(html, "property", "og:image");
        assert!(
            image.starts_with(&format!("{BASE_URL}/static/share.")) && image.ends_with(".png"),
            "{image}"
        );
        assert_eq!(meta(html, "property", "og:image:type"), "image/png");
        assert_eq!(meta(html, "property", "og:image:width"), "1200");
        assert_eq!(meta(html, "property", "og:image:height"), "630");
        let alt = meta(html, "property", "og:image:alt");
        assert!(alt.contains("Knotwise") && alt.contains("Sore after a massage? Plain answers."), "{alt}");
        assert_eq!(meta(html, "name", "twitter:card"), "summary_large_image");
        assert_eq!(meta(html, "name", "twitter:title"), page.title);
        assert_eq!(meta(html, "name", "twitter:description"), page.description);
        assert_eq!(meta(html, "name", "twitter:image"), image);
        assert_eq!(meta(html, "name", "twitter:image:alt"), alt);
        assert_eq!(meta(html, "name", "description"), page.description);
        assert_eq!(
            tags(head(html), "title").len(),
            1,
            "one title; the page title is not repeated by the preview tags"
        );
    }
}

#[actix_web::test]
async fn the_share_image_is_a_small_png_under_its_hashed_url() {
    let app = service!(fixture_site());
    let html = get!(app, "/").text().to_string();
    let image = meta(&html, "property", "og:image");
    let path = image.strip_prefix(BASE_URL).unwrap();
    let reply = get!(app, path);
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CONTENT_TYPE), "image/png");
    assert_eq!(reply.header(header::CACHE_CONTROL), "public, max-age=31536000, immutable");
    assert!(reply.body.len() < 60 * 1024, "{} bytes", reply.body.len());
    assert_eq!(png_size(&reply.body), Some((1200, 630)));
}

#[actix_web::test]
async fn articles_are_medical_web_pages_with_review_fields_only_when_reviewed() {
    let app = service!(fixture_site());
    let content = fixture_content();
    for article in content.published() {
        let html = get!(app, article.url_path().as_str()).text().to_string();
        let documents = json_ld(&html);
        assert_eq!(documents.len(), 1, "one JSON-LD element");
        assert_eq!(documents[0]["@context"], "https://schema.org");
        let page = node(&documents, "MedicalWebPage").expect("a MedicalWebPage");
        let url = format!("{BASE_URL}{}", article.url_path());
        let meta = &article.meta;
        assert_eq!(page["url"], url.as_str());
        assert_eq!(page["mainEntityOfPage"], url.as_str());
        assert_eq!(page["headline"], meta.title.as_str());
        assert_eq!(page["description"], meta.description.as_str());
        assert_eq!(page["datePublished"], meta.published.iso());
        assert_eq!(page["dateModified"], meta.modified().iso());
        assert_eq!(page["inLanguage"], "en-GB");
        assert_eq!(page["audience"], serde_json::json!({ "@type": "Patient" }));
        assert_eq!(page["publisher"]["@type"], "Organization");
        assert_eq!(page["publisher"]["name"], "Knotwise");
        assert_eq!(page["publisher"]["url"], format!("{BASE_URL}/"));
        assert!(page["about"].as_array().is_some_and(|a| !a.is_empty()), "about: {}", page["about"]);
        match meta.review() {
            Some(review) => {
                assert_eq!(article.slug, "beta");
                assert_eq!(page["lastReviewed"], "2026-11-05");
                assert_eq!(page["reviewedBy"]["@type"], "Person");
                assert_eq!(page["reviewedBy"]["name"], review.reviewer.name.as_str());
                assert_eq!(page["reviewedBy"]["jobTitle"], "Physiotherapist");
            }
            None => {
                assert!(page.get("lastReviewed").is_none(), "{}: {page}", article.slug);
                assert!(page.get("reviewedBy").is_none(), "{}: {page}", article.slug);
            }
        }
    }
    let alpha = json_ld(get!(app, "/articles/alpha").text());
    assert_eq!(node(&alpha, "MedicalWebPage").unwrap()["dateModified"], "2026-11-10", "from `updated`");
    assert!(node(&alpha, "MedicalWebPage").unwrap().get("reviewedBy").is_none());
    let beta = json_ld(get!(app, "/articles/beta").text());
    assert_eq!(node(&beta, "MedicalWebPage").unwrap()["dateModified"], "2026-11-02", "from `published`");
}

#[actix_web::test]
async fn the_breadcrumb_list_matches_the_visible_breadcrumbs() {
    let app = service!(fixture_site());
    for path in ["/articles/alpha", "/articles/beta", "/articles/about"] {
        let html = get!(app, path).text().to_string();
        let nav_start = html.find("<nav class=\"breadcrumbs\"").expect("visible breadcrumbs");
        let nav = &html[nav_start..nav_start + html[nav_start..].find("</nav>").unwrap()];
        let visible: Vec<(String, String)> = nav
            .split("<a ")
            .skip(1)
            .map(|a| {
                let href = a.split("href=\"").nth(1).unwrap().split('"').next().unwrap();
                let label = a.split('>').nth(1).unwrap().split('<').next().unwrap();
                (decode(label), format!("{BASE_URL}{}", decode(href)))
            })
            .collect();
        assert_eq!(visible.len(), 3, "Home > Articles > title on {path}");
        let documents = json_ld(&html);
        let list = node(&documents, "BreadcrumbList").expect("a BreadcrumbList");
        let items = list["itemListElement"].as_array().unwrap();
        let structured: Vec<(String, String)> = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                assert_eq!(item["@type"], "ListItem");
                assert_eq!(item["position"], i + 1);
                (item["name"].as_str().unwrap().to_string(), item["item"].as_str().unwrap().to_string())
            })
            .collect();
        assert_eq!(structured, visible, "{path}");
        assert_eq!(structured[2].1, format!("{BASE_URL}{path}"));
    }
}

#[actix_web::test]
async fn the_home_page_describes_the_website() {
    let app = service!(fixture_site());
    let documents = json_ld(get!(app, "/").text());
    assert_eq!(documents.len(), 1);
    let site = node(&documents, "WebSite").expect("a WebSite");
    assert_eq!(site["@context"], "https://schema.org");
    assert_eq!(site["name"], "Knotwise");
    assert_eq!(site["url"], format!("{BASE_URL}/"));
    assert_eq!(site["inLanguage"], "en-GB");
    assert_eq!(site["publisher"]["name"], "Knotwise");
    assert!(node(&documents, "MedicalWebPage").is_none());
}

#[actix_web::test]
async fn a_hostile_title_stays_inside_the_json_ld() {
    let app = service!(hostile_site());
    let reply = get!(app, "/articles/hostile");
    assert_eq!(reply.status, StatusCode::OK);
    let html = reply.text();
    assert!(!html.contains("<script>alert(1)"), "the title never appears as markup");
    let texts = json_ld_texts(html);
    assert_eq!(texts.len(), 1);
    assert!(texts[0].contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"), "{}", texts[0]);
    let documents = json_ld(html);
    assert_eq!(node(&documents, "MedicalWebPage").unwrap()["headline"], HOSTILE_TITLE);
    let crumbs = &node(&documents, "BreadcrumbList").unwrap()["itemListElement"];
    assert_eq!(crumbs[2]["name"], HOSTILE_TITLE);
    assert_eq!(meta(html, "property", "og:title"), HOSTILE_TITLE);
    assert_eq!(meta(html, "name", "twitter:title"), HOSTILE_TITLE);
    let scripts = tags(html, "script");
    assert!(
        scripts
            .iter()
            .all(|s| s.get("type").is_some_and(|t| t == "application/ld+json") || s.contains_key("src")),
        "only our data block and our own script files: {scripts:?}"
    );
}

#[actix_web::test]
async fn the_csp_is_unchanged_by_structured_data_and_the_share_script() {
    let app = service!(fixture_site());
    for path in ["/", "/articles/alpha", "/articles/beta"] {
        let reply = get!(app, path);
        assert_eq!(reply.header(header::CONTENT_SECURITY_POLICY), UNCHANGED_CSP, "{path}");
        let html = reply.text();
        assert!(!html.contains(" style="), "no inline style attributes on {path}");
        assert!(!html.contains("<style"), "no style elements on {path}");
        for script in tags(html, "script") {
            let is_data = script.get("type").is_some_and(|t| t == "application/ld+json");
            assert!(is_data || script.contains_key("src"), "no inline script on {path}: {script:?}");
        }
    }
}

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
