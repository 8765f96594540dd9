//! Content loading: the real articles, and fixtures of broken ones whose
//! error messages must name the file, the line and the fix.

mod common;

use common::server::{knotwise, output_within};
use std::fs;

use common::{BASE_URL, fixture, fixture_cases, paths, real_site, report, root};
use knotwise::emergency::Region;
use knotwise::offline::Offline;
use knotwise::site::Content;

#[test]
fn every_bundled_article_loads_and_renders() {
    let content =
        Content::load(&paths(&root().join("articles")), &Default::default()).unwrap_or_else(|problems| {
            panic!("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
        });
    let on_disk = fs::read_dir(root().join("articles"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(content.articles.len(), on_disk);
    let site = real_site();
    for article in content.published() {
        assert!(site.get(&article.url_path()).is_some(), "{} is served", article.slug);
    }
}

/// Every case in `tests/fixtures/invalid/` is the base site with a few broken
/// files and an `expect.txt`: each of its lines must appear in the problems
/// reported, and every problem reported must be one it expects (so a case
/// never hides a second defect). Loading for a site (which also renders
/// each page) reports exactly what loading for `check` does.
#[test]
fn invalid_fixtures_report_every_problem_with_file_line_and_fix() {
    let mut seen = 0;
    for case in fixture_cases("invalid") {
        let site = fixture(&case);
        let expected = site.read("expect.txt").unwrap_or_else(|| panic!("{case} has no expect.txt"));
        let expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
        let problems = site.load().expect_err(&format!("{case} must fail"));
        let served =
            Content::load_to_serve(&site.paths(), &Default::default(), BASE_URL, Region::Uk, Offline::On)
                .expect_err(&format!("{case} must fail for a site too"));
        let report = report(&problems);
        assert_eq!(common::report(&served), report, "{case}: a site and `check` refuse alike");
        for line in &expected {
            assert!(report.contains(line), "{case}: expected `{line}` in:\n{report}");
        }
        for problem in &problems {
            let headline = problem.to_string().lines().next().unwrap_or_default().to_string();
            assert!(
                expected.iter().any(|line| headline.contains(line)),
                "{case}: `{headline}` is not in expect.txt"
            );
        }
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} invalid fixtures");
}

#[test]
fn check_command_exits_non_zero_and_prints_all_problems() {
    let site = fixture("invalid/broken-links");
    let output =
        knotwise().args(["check", "--articles", "articles"]).current_dir(site.dir()).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Found 4 problems"), "{stderr}");
    assert!(stderr.contains("articles/a.md:10: the link `/articles/nowhere` leads nowhere"), "{stderr}");
}

#[test]
fn serve_refuses_to_start_on_bad_content() {
    let site = fixture("invalid/unknown-field");
    let output = knotwise()
        .args(["serve", "--articles", "articles", "--addr", "127.0.0.1:0"])
        .current_dir(site.dir())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown field `titel`"), "{stderr}");
    assert!(stderr.contains("Knotwise did not start"), "{stderr}");
}

#[test]
fn check_passes_on_the_bundled_articles() {
    let output = knotwise().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("what-is-a-muscle-knot"), "{stdout}");
}

#[test]
fn check_fails_a_university_level_article_and_says_what_to_do() {
    let site = fixture("hard-to-read");
    let output =
        knotwise().args(["check", "--articles", "articles"]).current_dir(site.dir()).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dense.md: the prose reads at grade"), "{stderr}");
    assert!(stderr.contains("fix: use shorter sentences"), "{stderr}");
    assert!(!stderr.contains("about.md"), "the plain article passes: {stderr}");
}

/// The editorial rules live in `articles/editorial.toml`, which the gate
/// applies for `check`, `serve` and `export`: the bundled site has them on,
/// so `every_bundled_article_loads_and_renders` is the check that every
/// clinical article meets them (the `invalid/editorial` fixture shows each
/// rule refusing, with its line and fix).
#[test]
fn the_bundled_site_keeps_its_editorial_rules() {
    let content =
        Content::load(&paths(&root().join("articles")), &Default::default()).expect("articles load");
    let rules = content.gate.editorial.as_ref().expect("articles/editorial.toml is read");
    assert_eq!(rules.not_clinical, ["about"], "only the About page is not clinical");
    assert!(rules.min_scholarly_sources >= 3 && rules.key_facts_first && rules.link_onward);
    assert_eq!(rules.words, (500, 1500));
    assert!(rules.explain.iter().any(|e| e.words.contains(&"GP".to_string()) && e.with == "family doctor"));
}

/// What `check` refuses, `export` refuses: an article at grade 30 once
/// exported without a word.
#[test]
fn export_refuses_what_check_refuses() {
    let site = fixture("hard-to-read");
    let out = tempfile::tempdir().unwrap();
    let output = knotwise()
        .args(["export", "--articles", "articles", "--base-url", "https://k.example"])
        .arg(out.path().join("site"))
        .current_dir(site.dir())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dense.md: the prose reads at grade"), "{stderr}");
    assert!(!out.path().join("site").exists(), "nothing written");
    let lenient = knotwise()
        .args(["export", "--articles", "articles", "--base-url", "https://k.example", "--max-grade", "18"])
        .arg(out.path().join("site"))
        .current_dir(site.dir())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&lenient.stderr);
    assert!(stderr.contains("dense.md: the prose reads at grade"), "still above 18: {stderr}");
}

/// `nan` once turned the readability gate off ("All 16 articles pass
/// (grade limit NaN)"); every command refuses an unusable limit by name.
#[test]
fn an_unusable_grade_limit_is_refused_by_every_command() {
    for args in [
        &["check", "--max-grade", "nan"][..],
        &["check", "--max-grade", "-1"],
        &["serve", "--max-grade", "inf", "--addr", "127.0.0.1:0"],
        &["export", "out", "--base-url", "https://k.example", "--max-grade", "1000"],
    ] {
        let output = knotwise().args(args).output().unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--max-grade"), "names the option: {stderr}");
        assert!(stderr.contains("is not a Flesch-Kincaid grade from 1 to 18; fix:"), "{stderr}");
    }
}

/// An image is a file of `static/`: the page shows it from there, served
/// with its own type and the static files' cache header.
#[actix_web::test]
async fn a_local_image_is_shown_and_served_with_its_type() {
    use actix_web::test;
    let site = fixture("valid");
    let alpha = site.articles().join("alpha.md");
    let text = fs::read_to_string(&alpha).unwrap();
    fs::write(
        &alpha,
        text.replace(
            "### A smaller heading",
            "![The Knotwise icon](/static/icon.svg)\n\n### A smaller heading",
        ),
    )
    .unwrap();
    let app = service!(actix_web::web::Data::new(site.site()));
    let page =
        test::call_and_read_body(&app, test::TestRequest::get().uri("/articles/alpha").to_request()).await;
    let page = String::from_utf8(page.to_vec()).unwrap();
    assert!(page.contains("<img src=\"/static/icon.svg\" alt=\"The Knotwise icon\""), "{page}");
    let res = test::call_service(&app, test::TestRequest::get().uri("/static/icon.svg").to_request()).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers().get("content-type").unwrap(), "image/svg+xml");
    assert_eq!(res.headers().get("cache-control").unwrap(), "public, max-age=3600");
}

/// The README promises the site refuses to start on what `check` refuses:
/// that includes prose above the readability limit.
#[test]
fn serve_refuses_to_start_on_a_university_level_article() {
    let site = fixture("hard-to-read");
    // A server that starts never exits by itself: it is stopped, and the test fails.
    let output = output_within(
        knotwise().args(["serve", "--articles", "articles", "--addr", "127.0.0.1:0"]).current_dir(site.dir()),
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dense.md: the prose reads at grade"), "{stderr}");
    assert!(stderr.contains("fix: use shorter sentences"), "{stderr}");
    assert!(stderr.contains("Knotwise did not start"), "{stderr}");
}

/// Without the static files no page can be laid out, yet loading for a
/// site still checks every article, so an author sees every problem at once.
#[test]
fn a_site_without_its_stylesheet_still_reports_the_articles_problems() {
    let site = fixture("invalid/broken-links");
    fs::remove_file(site.statics().join("style.css")).unwrap();
    let served =
        Content::load_to_serve(&site.paths(), &Default::default(), BASE_URL, Region::Uk, Offline::On)
            .expect_err("a site cannot be made without its stylesheet");
    let served = report(&served);
    assert!(served.contains("style.css"), "{served}");
    assert!(served.contains("a.md:10: the link `/articles/nowhere` leads nowhere"), "{served}");
    let checked = report(&site.load().expect_err("check refuses it too"));
    assert_eq!(served, checked);
}
