//! Structured data for search engines: JSON-LD in schema.org terms, saying
//! what a page is, who it is for, when it was checked and by whom, and where
//! it sits in the site.
//!
//! Values are built with `serde_json`, never pasted together as text, and
//! printed by [`JsonLd`] with `<`, `>` and `&` written as `\u003c`, `\u003e`
//! and `\u0026`, so no text in an article can end the
//! `<script type="application/ld+json">` element that holds them. That
//! element is data, not script: the CSP (`script-src 'self'`) does not apply
//! to it and does not need to change.

use std::fmt;

use serde_json::{Value, json};

use crate::content::Article;
use crate::urls;

/// The language of every page, as schema.org writes it (BCP 47).
pub(crate) const LANGUAGE: &str = "en-GB";

/// JSON text that is safe inside a `<script type="application/ld+json">`
/// element: templates print it as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonLd(String);

impl JsonLd {
    /// Serialises `value` compactly, escaping the characters HTML treats as
    /// markup. Each of them can only occur inside a JSON string, where the
    /// `\u` escape means the same character, so the JSON is unchanged.
    pub fn new(value: &Value) -> JsonLd {
        let text = value.to_string();
        let mut out = String::with_capacity(text.len() + 16);
        for c in text.chars() {
            match c {
                '<' => out.push_str("\\u003c"),
                '>' => out.push_str("\\u003e"),
                '&' => out.push_str("\\u0026"),
                c => out.push(c),
            }
        }
        JsonLd(out)
    }

    /// The JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JsonLd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for JsonLd {}

/// The organisation that publishes the site.
fn publisher(base_url: &str) -> Value {
    json!({ "@type": "Organization", "name": "Knotwise", "url": format!("{base_url}/") })
}

/// The home page: the site itself.
pub fn website(base_url: &str, description: &str) -> JsonLd {
    JsonLd::new(&json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": format!("{base_url}/#website"),
        "url": format!("{base_url}/"),
        "name": "Knotwise",
        "description": description,
        "inLanguage": LANGUAGE,
        "publisher": publisher(base_url),
    }))
}

/// An article: a `MedicalWebPage` written for patients, and the
/// `BreadcrumbList` that matches the breadcrumbs shown above its title
/// (Home > Articles > the title). `lastReviewed` and `reviewedBy` appear only
/// after a real clinical review.
pub fn article(base_url: &str, article: &Article) -> JsonLd {
    let meta = &article.meta;
    let url = format!("{base_url}{}", article.url_path());
    let about: Vec<Value> = if meta.tags.is_empty() {
        vec![json!({ "@type": "Thing", "name": meta.title })]
    } else {
        meta.tags.iter().map(|tag| json!({ "@type": "Thing", "name": tag.replace('-', " ") })).collect()
    };
    let mut page = json!({
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "name": meta.title,
        "headline": meta.title,
        "description": meta.description,
        "datePublished": meta.published.iso(),
        "dateModified": meta.modified().iso(),
        "inLanguage": LANGUAGE,
        "audience": { "@type": "Patient" },
        "about": about,
        "publisher": publisher(base_url),
        "breadcrumb": { "@id": format!("{url}#breadcrumb") },
    });
    if let Some(review) = meta.review() {
        page["lastReviewed"] = json!(review.reviewed.iso());
        page["reviewedBy"] =
            json!({ "@type": "Person", "name": review.reviewer.name, "jobTitle": review.reviewer.role });
    }
    let crumb = |position: usize, name: &str, item: String| json!({ "@type": "ListItem", "position": position, "name": name, "item": item });
    let breadcrumbs = json!({
        "@type": "BreadcrumbList",
        "@id": format!("{url}#breadcrumb"),
        "itemListElement": [
            crumb(1, "Home", format!("{base_url}/")),
            crumb(2, "Articles", format!("{base_url}{}", urls::ALL_ARTICLES)),
            crumb(3, &meta.title, url.clone()),
        ],
    });
    JsonLd::new(&json!({ "@context": "https://schema.org", "@graph": [page, breadcrumbs] }))
}

/// An article's JSON-LD once its review is overdue: the same, without
/// `lastReviewed` and `reviewedBy`, so search engines are no longer told
/// the page has a current clinical review. Reads the JSON the page holds
/// (the one place both states come from: [`article`]).
pub(crate) fn without_review(json_ld: &str) -> Result<JsonLd, serde_json::Error> {
    let mut value: Value = serde_json::from_str(json_ld)?;
    if let Some(page) = value.pointer_mut("/@graph/0").and_then(Value::as_object_mut) {
        page.remove("lastReviewed");
        page.remove("reviewedBy");
    }
    Ok(JsonLd::new(&value))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::parse;

    const BASE: &str = "https://knotwise.example";

    fn article_from(front_matter: &str) -> Article {
        let source = format!("+++\n{front_matter}+++\n\nSome text.\n");
        parse(Path::new("a-b.md"), &source).0.expect("the test article parses").article
    }

    #[test]
    fn markup_characters_are_escaped_and_the_json_is_unchanged() {
        let value = json!({ "title": "</script><script>alert(1)</script> & <!-- x -->" });
        let ld = JsonLd::new(&value);
        assert!(!ld.as_str().contains(['<', '>', '&']), "{ld}");
        assert!(ld.as_str().contains("\\u003c/script\\u003e"), "{ld}");
        assert_eq!(serde_json::from_str::<Value>(ld.as_str()).unwrap(), value);
    }

    #[test]
    fn an_unreviewed_article_has_no_review_fields() {
        let a = article_from(
            "title = \"A <b> & B\"\ndescription = \"D.\"\npublished = 2026-11-01\norder = 1\ntags = [\"trigger-points\"]\n",
        );
        let value: Value = serde_json::from_str(article(BASE, &a).as_str()).unwrap();
        let page = &value["@graph"][0];
        assert_eq!(page["@type"], "MedicalWebPage");
        assert_eq!(page["headline"], "A <b> & B");
        assert_eq!(page["url"], "https://knotwise.example/articles/a-b");
        assert_eq!(page["dateModified"], "2026-11-01");
        assert_eq!(page["about"][0]["name"], "trigger points");
        assert_eq!(page["audience"]["@type"], "Patient");
        assert!(page.get("lastReviewed").is_none() && page.get("reviewedBy").is_none());
        assert_eq!(value["@graph"][1]["itemListElement"][2]["name"], "A <b> & B");
    }

    #[test]
    fn a_reviewed_article_names_its_reviewer() {
        let a = article_from(
            "title = \"T\"\ndescription = \"D.\"\npublished = 2026-11-01\norder = 1\n\
             changes = [{ date = 2026-11-04, note = \"Changed.\" }]\n\
             reviewed = 2026-11-03\nnext_review = 2027-11-03\nreviewer = { name = \"Dr A\", role = \"GP\" }\n",
        );
        let value: Value = serde_json::from_str(article(BASE, &a).as_str()).unwrap();
        let page = &value["@graph"][0];
        assert_eq!(page["lastReviewed"], "2026-11-03");
        assert_eq!(page["reviewedBy"], json!({ "@type": "Person", "name": "Dr A", "jobTitle": "GP" }));
        assert_eq!(page["dateModified"], "2026-11-04");
        assert_eq!(page["about"][0]["name"], "T", "no tags: the page is about its title");

        let overdue = without_review(article(BASE, &a).as_str()).unwrap();
        let value: Value = serde_json::from_str(overdue.as_str()).unwrap();
        let page = &value["@graph"][0];
        assert!(page.get("lastReviewed").is_none() && page.get("reviewedBy").is_none(), "{overdue}");
        assert_eq!(page["dateModified"], "2026-11-04", "the rest is unchanged");
    }

    #[test]
    fn without_review_keeps_escaped_text_as_it_was() {
        let a = article_from(
            "title = \"A </script> & B\"\ndescription = \"D.\"\npublished = 2026-11-01\norder = 1\n",
        );
        let ld = article(BASE, &a);
        assert_eq!(without_review(ld.as_str()).unwrap(), ld, "nothing to remove: the same bytes");
    }
}
