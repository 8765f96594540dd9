//! `knotwise new` as an author runs it: the draft it writes passes `check`
//! straight away, and it never overwrites an article.

mod common;

use std::path::Path;
use std::process::Output;

use common::fixture;
use common::server;

fn knotwise(dir: &Path, args: &[&str]) -> Output {
    server::knotwise().args(args).current_dir(dir).output().unwrap()
}

#[test]
fn new_writes_a_draft_that_check_passes_and_never_overwrites() {
    let site = fixture("valid");
    let dir = site.dir();

    let out = knotwise(dir, &["new", "Can I exercise after a massage?"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let file = dir.join("articles/can-i-exercise-after-a-massage.md");
    assert!(stdout.contains("articles/can-i-exercise-after-a-massage.md"), "prints the path: {stdout}");
    assert!(
        stdout.contains("http://127.0.0.1:8080/articles/can-i-exercise-after-a-massage"),
        "prints the URL: {stdout}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("draft = true"), "{text}");
    assert!(text.contains("> **Key facts**"), "{text}");
    assert!(text.contains("[^source]:"), "{text}");
    let orders: Vec<u32> = std::fs::read_dir(dir.join("articles"))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .filter_map(|t| t.lines().find_map(|l| l.strip_prefix("order = ")?.parse().ok()))
        .collect();
    let new_order: u32 = text.lines().find_map(|l| l.strip_prefix("order = ")?.parse().ok()).unwrap();
    assert_eq!(Some(&new_order), orders.iter().max(), "takes the next free order: {orders:?}");
    assert_eq!(orders.iter().filter(|&&o| o == new_order).count(), 1);

    let check = knotwise(dir, &["check"]);
    assert!(
        check.status.success(),
        "check passes on the new draft:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let table = String::from_utf8_lossy(&check.stdout);
    let row = table.lines().find(|l| l.starts_with("can-i-exercise-after-a-massage")).expect("its row");
    assert!(row.ends_with("draft (not published)"), "check marks drafts: {row}");

    // Published as written, the skeleton is refused: every placeholder,
    // the made-up reference and its address that does not exist.
    let draft = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, draft.replace("draft = true", "draft = false")).unwrap();
    let check = knotwise(dir, &["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(!check.status.success(), "a published skeleton fails: {stderr}");
    let name = "articles/can-i-exercise-after-a-massage.md";
    for (line, placeholder) in [
        (3, "Replace this with one sentence"),
        (13, "Put the two or three facts"),
        (14, "Keep each one short."),
        (16, "Start with a short answer"),
        (18, "A question readers ask"),
        (20, "Answer it here."),
        (22, "Authors and others, 2026."),
        (22, "https://www.nhs.uk/conditions/replace-with-the-page/"),
    ] {
        assert!(
            stderr.contains(&format!("{name}:{line}: `{placeholder}")),
            "{placeholder} on line {line}: {stderr}"
        );
    }
    assert_eq!(stderr.matches("fix: replace the placeholder").count(), 8, "{stderr}");
    std::fs::write(&file, draft).unwrap();

    std::fs::write(&file, "my words").unwrap();
    let again = knotwise(dir, &["new", "Can I exercise after a massage?"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my words", "the author's file is untouched");
}

/// One slug rule: accented letters keep their words, and a title with no
/// letters at all makes no file.
#[test]
fn new_transliterates_accented_titles_and_refuses_one_without_letters() {
    let site = fixture("valid");
    let out = knotwise(site.dir(), &["new", "Café à la crème"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(site.dir().join("articles/cafe-a-la-creme.md").exists(), "not caf-la-cr-me.md");
    let out = knotwise(site.dir(), &["new", "?!"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the title `?!` has no letters or digits"), "{stderr}");
}
