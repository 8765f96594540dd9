//! Link previews and structured data, over the same application `main`
//! serves: canonical URLs, Open Graph and Twitter cards, the share image,
//! JSON-LD (the article, its breadcrumbs, the website), hostile titles, and a
//! content security policy none of them loosens.

mod common;

use actix_web::http::StatusCode;
use actix_web::http::header;
use common::html::{decode, head, link, tags};
use common::{BASE_URL, HOSTILE_TITLE, fixture_content, fixture_site, hostile_site};
use knotwise::assets::png_size;
use serde_json::Value;

/// The policy as it was before link previews, structured data and the share
/// script: none of them may need it loosened.
const UNCHANGED_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; \
     connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The `content` of the one `<meta key="value">` in the head.
fn meta(html: &str, key: &str, value: &str) -> String {
    let matching: Vec<_> =
        tags(head(html), "meta").into_iter().filter(|m| m.get(key).is_some_and(|v| v == value)).collect();
    assert_eq!(matching.len(), 1, "exactly one <meta {key}=\"{value}\">");
    matching[0]["content"].clone()
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
    assert_eq!(
        node(&alpha, "MedicalWebPage").unwrap()["dateModified"],
        "2026-11-10",
        "from the latest change note"
    );
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
