//! Content loading: the real articles, and fixtures of broken ones whose
//! error messages must name the file, the line and the fix.

mod common;

use std::fs;
use std::process::Command;

use common::{fixture, fixture_cases, paths, real_site, report, root};
use knotwise::site::Content;

#[test]
fn every_bundled_article_loads_and_renders() {
    let content = Content::load(&paths(&root().join("articles"))).unwrap_or_else(|problems| {
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
/// never hides a second defect).
#[test]
fn invalid_fixtures_report_every_problem_with_file_line_and_fix() {
    let mut seen = 0;
    for case in fixture_cases("invalid") {
        let site = fixture(&case);
        let expected = site.read("expect.txt").unwrap_or_else(|| panic!("{case} has no expect.txt"));
        let expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
        let problems = site.load().expect_err(&format!("{case} must fail"));
        let report = report(&problems);
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
    let output = Command::new(env!("CARGO_BIN_EXE_knotwise"))
        .args(["check", "--articles", "articles"])
        .current_dir(site.dir())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Found 4 problems"), "{stderr}");
    assert!(stderr.contains("articles/a.md:10: the link `/articles/nowhere` leads nowhere"), "{stderr}");
}

#[test]
fn serve_refuses_to_start_on_bad_content() {
    let site = fixture("invalid/unknown-field");
    let output = Command::new(env!("CARGO_BIN_EXE_knotwise"))
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
    let output =
        Command::new(env!("CARGO_BIN_EXE_knotwise")).arg("check").current_dir(root()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("what-is-a-muscle-knot"), "{stdout}");
}

#[test]
fn check_fails_a_university_level_article_and_says_what_to_do() {
    let site = fixture("hard-to-read");
    let output = Command::new(env!("CARGO_BIN_EXE_knotwise"))
        .args(["check", "--articles", "articles"])
        .current_dir(site.dir())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dense.md: the prose reads at grade"), "{stderr}");
    assert!(stderr.contains("fix: use shorter sentences"), "{stderr}");
    assert!(!stderr.contains("about.md"), "the plain article passes: {stderr}");
}

/// The standards every clinical article meets (all but the About page):
/// three or more PubMed or DOI sources, a Key facts callout first, links
/// onward, and a length a worried reader can finish.
#[test]
fn clinical_articles_have_sources_key_facts_and_links() {
    let content = Content::load(&paths(&root().join("articles"))).expect("articles load");
    let clinical: Vec<_> = content.published().filter(|a| a.slug != "about").collect();
    assert_eq!(clinical.len(), 14);
    for article in clinical {
        let scholarly = article
            .body
            .references
            .iter()
            .filter(|r| {
                let html = r.html.as_str();
                html.contains("https://pubmed.ncbi.nlm.nih.gov/") || html.contains("https://doi.org/")
            })
            .count();
        assert!(scholarly >= 3, "{} has {scholarly} PubMed/DOI references", article.slug);
        let first = article.body.callouts.first().map(|c| c.title.as_str());
        assert_eq!(first, Some("Key facts"), "{} starts with a Key facts callout", article.slug);
        assert!(
            article
                .body
                .links
                .iter()
                .any(|l| l.target.starts_with("/articles/") || l.target == "/self-check"),
            "{} links to another article or the self-check",
            article.slug
        );
        let words = article.body.words();
        assert!((500..=1500).contains(&words), "{} has {words} words", article.slug);
    }
}

/// Every Key fact on a clinical page names its source, so a reader can check
/// the short version as easily as the long one.
#[test]
fn every_key_fact_cites_a_source() {
    let content = Content::load(&paths(&root().join("articles"))).expect("articles load");
    for article in content.published().filter(|a| a.slug != "about") {
        let source = fs::read_to_string(&article.path).unwrap();
        let facts = key_facts(&source);
        assert!(!facts.is_empty(), "{} has no Key facts list", article.slug);
        for fact in facts {
            assert!(fact.contains("[^"), "{}: the Key fact `{fact}` cites no source", article.slug);
        }
    }
}

/// The list items of the `**Key facts**` callout in an article's source.
fn key_facts(source: &str) -> Vec<&str> {
    source
        .lines()
        .skip_while(|line| line.trim() != "> **Key facts**")
        .skip(1)
        .take_while(|line| line.starts_with('>'))
        .filter_map(|line| line.trim_start_matches('>').trim().strip_prefix("- "))
        .collect()
}

#[test]
fn key_facts_are_read_from_the_callout_only() {
    let source = "> [!NOTE]\n> **Key facts**\n>\n> - One.[^a]\n> - Two.\n\n- Not a fact.\n";
    assert_eq!(key_facts(source), ["One.[^a]", "Two."]);
    assert!(key_facts("- No callout.\n").is_empty());
}

/// Words a reader may not know, each with a phrase from its plain
/// explanation: the first block of an article that uses the word must also
/// explain it (with the non-UK equivalent where there is one).
const EXPLAINED: &[(&[&str], &str)] = &[
    (&["GP"], "family doctor"),
    (&["A&E"], "emergency department"),
    (&["NHS 111"], "urgent advice"),
    (&["urgent care centre", "urgent treatment centre"], "walk-in clinic"),
    (&["artery", "arteries"], "blood vessel that carries blood"),
    (&["inflammation"], "swelling and repair"),
    (&["trial", "trials"], "compares people who get a treatment"),
];

#[test]
fn medical_and_nhs_words_are_explained_at_first_use_on_each_page() {
    let content = Content::load(&paths(&root().join("articles"))).expect("articles load");
    for article in content.published().filter(|a| a.slug != "about") {
        let source = fs::read_to_string(&article.path).unwrap();
        let blocks = blocks(&source);
        for (words, explanation) in EXPLAINED {
            if let Some(first) = blocks.iter().find(|b| words.iter().any(|w| contains_word(b, w))) {
                assert!(
                    first.contains(explanation),
                    "{}: \"{}\" is first used here without \"{explanation}\": {first}",
                    article.slug,
                    words[0]
                );
            }
        }
    }
}

/// An article's body as blocks separated by blank lines, each heading joined
/// to the block after it, without front matter or footnote definitions.
fn blocks(source: &str) -> Vec<String> {
    let body = source.splitn(3, "+++").nth(2).unwrap_or(source);
    let mut blocks: Vec<String> = Vec::new();
    let mut heading = String::new();
    for block in body.split("\n\n").map(str::trim).filter(|b| !b.is_empty() && !b.starts_with("[^")) {
        if block.starts_with('#') {
            heading = format!("{heading}{block}\n");
        } else {
            blocks.push(format!("{heading}{block}"));
            heading.clear();
        }
    }
    blocks
}

/// Whether `text` has `word` with no letter or digit either side.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn words_are_found_whole_and_in_their_first_block() {
    assert!(contains_word("see a GP today", "GP"));
    assert!(!contains_word("GPS", "GP"));
    assert!(!contains_word("industrial", "trial"));
    let source = "+++\ntitle = \"GP\"\n+++\n\n## A GP\n\nA GP is a family doctor.\n\n[^a]: GP.\n";
    assert_eq!(blocks(source), ["## A GP\nA GP is a family doctor."]);
}

/// The README promises the site refuses to start on what `check` refuses:
/// that includes prose above the readability limit.
#[test]
fn serve_refuses_to_start_on_a_university_level_article() {
    let site = fixture("hard-to-read");
    let mut child = Command::new(env!("CARGO_BIN_EXE_knotwise"))
        .args(["serve", "--articles", "articles", "--addr", "127.0.0.1:0"])
        .current_dir(site.dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A server that starts never exits by itself: stop it and fail.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("serve started on unreadable prose");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dense.md: the prose reads at grade"), "{stderr}");
    assert!(stderr.contains("fix: use shorter sentences"), "{stderr}");
    assert!(stderr.contains("Knotwise did not start"), "{stderr}");
}
