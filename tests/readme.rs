//! The README's newcomer steps work as written: the "Adding an article"
//! example passes `check` beside the real articles, the one-line preview
//! serves an export as a static host would, and the export folder it
//! names is git-ignored.

mod common;

use common::client::{get, request};
use common::server::{Process, knotwise};
use common::{copy_dir, export_into, fixture_with_warning_signs};

const README: &str = include_str!("../README.md");

/// The first fenced block of `language` after `heading`.
fn block_after(heading: &str, language: &str) -> &'static str {
    let section = &README[README.find(heading).unwrap_or_else(|| panic!("README has `{heading}`"))..];
    let fence = format!("```{language}\n");
    let start =
        section.find(&fence).unwrap_or_else(|| panic!("a {language} block after `{heading}`")) + fence.len();
    &section[start..start + section[start..].find("\n```").unwrap() + 1]
}

#[test]
fn the_adding_an_article_example_passes_check_beside_the_real_articles() {
    let example = block_after("## Adding an article", "markdown");
    assert!(example.starts_with("+++\n"), "{example}");
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    copy_dir(&common::root().join("articles"), &articles);
    std::fs::write(articles.join("my-new-article.md"), example).unwrap();
    // `check`, as the README says to run it, on the real articles and the example.
    let out = knotwise()
        .arg("check")
        .arg("--articles")
        .arg(&articles)
        .arg("--static")
        .arg(common::root().join("static"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the README's example fails `check`:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.lines().any(|l| l.starts_with("my-new-article ")), "the example is checked:\n{report}");
}

#[test]
fn the_preview_line_serves_an_export_as_a_static_host_would() {
    let line = "cargo run --release -- preview public";
    assert!(README.contains(&format!("```sh\n{line}\n```")), "the README gives `{line}`");
    let site = fixture_with_warning_signs();
    let work = tempfile::tempdir().unwrap();
    let public = work.path().join("public");
    export_into(&public, &site.articles(), &[]);

    // The README's line, as the binary it runs, on a free port.
    let args: Vec<&str> = line.split_whitespace().skip_while(|word| *word != "--").skip(1).collect();
    let preview =
        Process::start(knotwise().args(&args).args(["--addr", "127.0.0.1:0"]).current_dir(work.path()));
    let addr = &preview.addr;

    let exported = |file: &str| std::fs::read(public.join(file)).unwrap();
    for (path, file) in
        [("/", "index.html"), ("/articles/alpha", "articles/alpha.html"), ("/self-check", "self-check.html")]
    {
        let page = get(addr, path);
        assert_eq!(page.status, 200, "{path}");
        assert_eq!(page.body, exported(file), "{path} is {file}");
        assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"), "{path}");
        assert!(page.header("content-security-policy").is_some(), "{path} has the headers of _headers");
    }
    let moved = get(addr, "/articles/old-alpha");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("location"), Some("https://knotwise.example/articles/alpha"));
    for path in ["/no-such-page", "/_headers", "/.knotwise-export", "/articles/../_redirects"] {
        let missing = get(addr, path);
        assert_eq!(missing.status, 404, "{path}");
        assert_eq!(missing.body, exported("404.html"), "{path}");
    }
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    for (method, path, file) in [
        ("POST", "/self-check", "self-check-unavailable.html"),
        ("GET", "/search?q=knot", "search-unavailable.html"),
    ] {
        let fallback = request(addr, method, path, &form, b"right_now=none");
        assert_eq!((fallback.status, fallback.body), (503, exported(file)), "{method} {path}");
    }
}

#[test]
fn the_export_folder_the_readme_names_is_git_ignored() {
    assert!(README.contains("knotwise export public "), "the README exports into public/");
    let ignored = std::fs::read_to_string(common::root().join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "/public"), "{ignored}");
}
