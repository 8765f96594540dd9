//! Offline reading and calling for help, over HTTP: the manifest and its
//! icons, the service worker at `/sw.js` and what it saves, the offline page
//! with every region's ways to call for help, `--offline off`, and every
//! phone number on our own pages a link that calls it.
//! (The worker itself runs in Chromium: tests/browser/offline.rs.)

mod common;

use actix_web::http::{StatusCode, header};
use actix_web::web;
use common::{BASE_URL, fixture, real_site};
use knotwise::assets::png_size;
use knotwise::emergency::{ROUTES, Region};
use knotwise::offline::{Offline, build_of};
use knotwise::site::Site;
use knotwise::web::CONTENT_SECURITY_POLICY;

/// The status, type, cache policy and text of the answer at `path`.
async fn get(site: web::Data<Site>, path: &str) -> (StatusCode, String, String, String) {
    let reply = get!(service!(site), path);
    let [kind, cache] = [header::CONTENT_TYPE, header::CACHE_CONTROL].map(|h| reply.header(h).to_string());
    (reply.status, kind, cache, reply.text().to_string())
}

fn site_with(offline: Offline) -> web::Data<Site> {
    web::Data::new(fixture("offline").as_site().offline(offline).build())
}

#[actix_web::test]
async fn the_manifest_names_the_app_and_its_icons_resolve() {
    let site = real_site();
    let (status, kind, _, body) = get(site.clone(), "/manifest.webmanifest").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/manifest+json"));
    let manifest: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["theme_color"], site.chrome.theme_colour);
    let mut purposes = Vec::new();
    for icon in manifest["icons"].as_array().unwrap() {
        let reply = get!(service!(site.clone()), icon["src"].as_str().unwrap());
        assert_eq!(reply.status, StatusCode::OK, "{icon}");
        let size = png_size(&reply.body).expect("a PNG");
        assert_eq!(format!("{}x{}", size.0, size.1), icon["sizes"], "{icon}");
        purposes.push(icon["purpose"].as_str().unwrap().to_string());
    }
    assert!(purposes.contains(&"maskable".to_string()) && purposes.contains(&"any".to_string()));
}

#[actix_web::test]
async fn every_page_links_the_manifest_and_installs_the_worker_under_a_strict_csp() {
    let site = real_site();
    for path in ["/", "/articles/warning-signs", "/self-check", "/offline", "/nope"] {
        let (_, _, _, page) = get(site.clone(), path).await;
        assert!(page.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"), "{path}");
        assert!(page.contains("<meta name=\"theme-color\" content=\"#0b5d57\">"), "{path}");
        let script =
            format!("<script src=\"{}\" defer></script>", site.chrome.offline_js_url.as_ref().unwrap());
        assert!(page.contains(&script), "{path}");
    }
    assert!(CONTENT_SECURITY_POLICY.contains("manifest-src 'self'"));
    assert!(CONTENT_SECURITY_POLICY.contains("worker-src 'self'"));
    assert!(!CONTENT_SECURITY_POLICY.contains("unsafe"));
}

#[actix_web::test]
async fn the_worker_is_served_at_the_root_revalidated_and_knows_what_to_save() {
    let site = real_site();
    let (status, kind, cache, worker) = get(site.clone(), "/sw.js").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "text/javascript; charset=utf-8");
    assert_eq!(cache, "no-cache", "a new deploy must reach installed workers at once");
    assert!(build_of(&worker).is_some_and(|b| b.len() == 16), "{}", &worker[..80]);
    let precache = worker.lines().nth(1).unwrap();
    for path in ["\"/\"", "\"/offline\"", "\"/articles/emergency-signs\"", "\"/articles/warning-signs\""] {
        assert!(precache.contains(path), "{precache}");
    }
    assert!(precache.contains(&format!("\"{}\"", site.chrome.css_url)), "{precache}");
    assert_eq!(precache.matches("/static/icon").count(), 4, "{precache}");
    for never in ["\"/self-check\"", "\"/search\"", "\"/metrics\"", "\"/readyz\""] {
        assert!(worker.contains(never), "the worker must list {never} as network only");
    }
    // Served only at the root: a worker under /static/ could not serve pages.
    let (status, ..) = get(site.clone(), "/static/sw.js").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn the_offline_page_gives_every_region_its_numbers_lines_and_silent_routes() {
    let (status, _, _, page) = get(real_site(), "/offline").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!page.contains("rel=\"canonical\""));
    let main = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
    let uk = main.find("id=\"help-uk\"").unwrap();
    for region in Region::ALL {
        let at = main.find(&format!("id=\"help-{}\"", region.id())).unwrap_or_else(|| panic!("{region}"));
        assert!(uk <= at, "the site's region comes first");
        assert!(
            main.contains(&format!("<a class=\"tel\" href=\"tel:{0}\">{0}</a>", region.numbers()[0].number))
        );
    }
    for route in ROUTES {
        for part in route.how.parts() {
            match part.href() {
                Some(href) => assert!(main.contains(&format!("href=\"{href}\">{}</a>", part.text)), "{href}"),
                None => assert!(main.contains(&part.text.replace('\'', "&#39;")), "{}", part.text),
            }
        }
    }
    for needed in
        ["tel:18000", "sms:999", "999 BSL", "tel:711", "sms:911", "tel:106", "sms:0423677767", "sms:111"]
    {
        assert!(main.contains(needed), "{needed}");
    }
    assert!(main.contains("href=\"tel:111\">111</a> (NHS 111)"), "urgent lines are links too");
}

#[actix_web::test]
async fn the_card_and_the_404_give_the_regions_ways_to_call_without_speaking() {
    let site = real_site();
    let (status, _, _, not_found) = get(site.clone(), "/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, _, search) = get(site.clone(), "/search?q=chest+pain").await;
    for (name, page) in [("404", &not_found), ("search's emergency card", &search)] {
        for needed in [
            "href=\"tel:999\">999</a>",
            "href=\"tel:18000\">18000</a>",
            "href=\"sms:999\">999</a>",
            "999 BSL",
        ] {
            assert!(page.contains(needed), "{name} lacks {needed}");
        }
    }
}

/// Every emergency and urgent number our own templates write (the footer,
/// the 404, the card, the offline page) is a link; numbers inside an
/// article's own words are the authors'.
#[actix_web::test]
async fn numbers_in_the_footer_are_links_to_call() {
    let (_, _, _, home) = get(real_site(), "/").await;
    let footer = &home[home.find("<footer").unwrap()..];
    for number in ["999", "112", "911", "000", "111"] {
        assert!(footer.contains(&format!("<a class=\"tel\" href=\"tel:{number}\">{number}</a>")), "{number}");
    }
    assert!(footer.contains(
        "<a href=\"/offline\">Every way to call for help, including without speaking or hearing</a>"
    ));
}

#[actix_web::test]
async fn offline_off_installs_nothing_and_retires_an_installed_worker() {
    let off = site_with(Offline::Off);
    let on = site_with(Offline::On);
    let (_, _, _, page) = get(off.clone(), "/articles/kept").await;
    assert!(!page.contains("<script src=\"/static/offline."), "no install script");
    assert!(off.chrome.offline_js_url.is_none());
    let (status, _, cache, worker) = get(off, "/sw.js").await;
    assert_eq!((status, cache.as_str()), (StatusCode::OK, "no-cache"));
    assert!(worker.contains("registration.unregister()") && !worker.contains("addEventListener(\"fetch\""));
    let (_, _, _, page) = get(on.clone(), "/articles/kept").await;
    assert!(page.contains("<script src=\"/static/offline."));
    assert!(
        page.contains("<meta name=\"next-review\" content=\"2099-11-02\">"),
        "the worker reads the review date"
    );
    let (_, _, _, unreviewed) = get(on, "/articles/unread").await;
    assert!(!unreviewed.contains("next-review"));
}

#[actix_web::test]
async fn watch_mode_never_installs_the_worker() {
    let fixture = fixture("offline");
    let settings = knotwise::authoring::live::Settings {
        paths: fixture.paths(),
        base_url: BASE_URL.into(),
        region: Region::Uk,
        self_check: true,
        gate: Default::default(),
    };
    let site = web::Data::new(
        knotwise::authoring::live::build(&settings, common::TODAY).expect("the fixture builds"),
    );
    assert!(site.chrome.offline_js_url.is_none());
    let (_, _, _, page) = get(site.clone(), "/articles/kept").await;
    assert!(!page.contains("<script src=\"/static/offline."), "watch mode pages install nothing");
    let (_, _, _, worker) = get(site, "/sw.js").await;
    assert!(worker.contains("registration.unregister()"), "a worker installed by `serve` is retired");
}
