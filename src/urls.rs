//! Every path the site serves, in one place: the route table, the
//! navigation, the templates, the sitemap and the link checks read them
//! from here, so a page moves by one edit and a link to it cannot be missed.

/// The home page.
pub(crate) const HOME: &str = "/";
/// Every published article, A to Z (the home page lists the first few).
pub(crate) const ALL_ARTICLES: &str = "/articles";
/// The self-check: its form (GET) and its result (POST).
pub const SELF_CHECK: &str = "/self-check";
/// The About page, which every page links to.
pub(crate) const ABOUT: &str = "/articles/about";
/// The section of the About page on how we check facts, which pages that
/// are not clinically reviewed link to.
pub(crate) const ABOUT_REVIEW: &str = "/articles/about#review";
/// Search results: `/search?q=...`.
pub(crate) const SEARCH: &str = "/search";
/// Where "Was this page useful?" posts (POST only).
pub(crate) const FEEDBACK: &str = "/feedback";
/// The liveness check for load balancers.
pub const HEALTHZ: &str = "/healthz";
/// The readiness check: 503 while the server drains.
pub const READYZ: &str = "/readyz";
/// The service worker, at the root so that it may serve every page.
pub(crate) const WORKER: &str = "/sw.js";
/// The web app manifest, for installing the site as an app.
pub(crate) const MANIFEST: &str = "/manifest.webmanifest";
/// The page the service worker shows without a connection: every way to
/// call for help.
pub(crate) const OFFLINE: &str = "/offline";
/// The sitemap for crawlers.
pub(crate) const SITEMAP: &str = "/sitemap.xml";
/// The Atom feed of the articles.
pub(crate) const FEED: &str = "/feed.xml";
/// What crawlers may visit.
pub(crate) const ROBOTS: &str = "/robots.txt";

/// Where articles live: `/articles/<slug>`.
const ARTICLES: &str = "/articles/";
/// Where static files live: `/static/<name>`, and hashed names for caching.
const STATIC: &str = "/static/";

/// Route patterns for the route table.
pub(crate) const ARTICLE_ROUTE: &str = "/articles/{slug}";
pub(crate) const STATIC_ROUTE: &str = "/static/{file}";

/// The pages that are not articles, which articles and the self-check may
/// link to, and which the sitemap lists.
pub(crate) const OTHER_PATHS: [&str; 3] = [HOME, SELF_CHECK, ALL_ARTICLES];

/// Links into the articles that the templates write on every page (or on
/// every unreviewed one): checked at start-up, so a renamed About page or
/// section stops the site instead of breaking every page.
pub(crate) const TEMPLATE_LINKS: [&str; 2] = [ABOUT, ABOUT_REVIEW];

/// The navigation in the header of every page: path and label.
pub(crate) const NAV: [(&str, &str); 4] =
    [(HOME, "Home"), (ALL_ARTICLES, "Articles"), (SELF_CHECK, "Self-check"), (ABOUT, "About")];

/// The path of the article `slug`.
pub fn article(slug: &str) -> String {
    format!("{ARTICLES}{slug}")
}

/// The slug in an article path, if `path` is one.
pub(crate) fn article_slug(path: &str) -> Option<&str> {
    path.strip_prefix(ARTICLES)
}

/// The path of the static file `name` (plain or content-hashed).
pub(crate) fn static_file(name: &str) -> String {
    format!("{STATIC}{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_paths_round_trip() {
        assert_eq!(article("about"), ABOUT);
        assert_eq!(article_slug(&article("a-b")), Some("a-b"));
        assert_eq!(article_slug(SELF_CHECK), None);
        assert!(ABOUT_REVIEW.starts_with(ABOUT));
        assert_eq!(ARTICLE_ROUTE.replace("{slug}", "x"), article("x"));
        assert_eq!(STATIC_ROUTE.replace("{file}", "x.css"), static_file("x.css"));
    }
}
