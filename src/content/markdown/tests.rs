//! The Markdown pipeline, pass by pass and as a whole.

use super::*;

fn body(md: &str) -> Rendered {
    render(md)
}

/// A reference in the form the sources pass accepts, ahead of `text`.
fn source(text: &str) -> String {
    format!("Lew and others, 1997. {text} *Journal*. [PubMed 1](https://pubmed.ncbi.nlm.nih.gov/1/)")
}

#[test]
fn slugify_follows_the_documented_rule() {
    assert_eq!(slugify("What is normal?"), "what-is-normal");
    assert_eq!(slugify("  Day 1 -- the_first  day "), "day-1-the-first-day");
    assert_eq!(slugify("Ça va"), "ca-va");
    assert_eq!(slugify("???"), "section");
}

#[test]
fn headings_get_unique_ids_self_links_and_a_contents_list() {
    let r = body("## What is normal?\n\ntext\n\n### What is normal?\n\n## What is normal?\n\n#### Deep\n");
    let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["what-is-normal", "what-is-normal-2", "what-is-normal-3"]);
    assert_eq!(r.toc[1].level, 3);
    assert_eq!(r.heading_ids.len(), 4, "h4 gets an id but no contents entry");
    assert!(r.html.as_str().contains(
        "<h2 id=\"what-is-normal\">What is normal? <a class=\"self-link\" href=\"#what-is-normal\" aria-label=\"Link to the section: What is normal?\">Link</a></h2>"
    ), "{}", r.html);
}

#[test]
fn explicit_ids_are_kept_and_reserved_ids_are_avoided() {
    let r = body("## Blood clots {#blood-clot}\n\n## References\n\n## Contents\n");
    assert_eq!(r.heading_ids, ["blood-clot", "references-2", "contents-2"]);
}

#[test]
fn a_heading_named_like_a_suffix_does_not_collide() {
    let r = body("## A\n\n## A 2\n\n## A\n");
    assert_eq!(r.heading_ids, ["a", "a-2", "a-3"]);
}

#[test]
fn alerts_become_callouts_with_default_or_bold_titles() {
    let r = body("> [!WARNING]\n> Watch out.\n\n> [!NOTE]\n> **Key facts**\n>\n> - One\n");
    let html = r.html.as_str();
    assert!(
        html.contains("<div class=\"callout callout-warning\"><p class=\"callout-title\">Warning</p>"),
        "{html}"
    );
    assert!(
        html.contains("<div class=\"callout callout-note\"><p class=\"callout-title\">Key facts</p>"),
        "{html}"
    );
    assert!(!html.contains("<strong>Key facts</strong>"), "{html}");
    assert!(!html.contains("blockquote"), "{html}");
    assert_eq!(
        r.callouts,
        [
            Callout { kind: "warning", title: "Warning".into() },
            Callout { kind: "note", title: "Key facts".into() }
        ]
    );
}

#[test]
fn a_plain_blockquote_stays_a_blockquote() {
    let r = body("> Just a quote.\n");
    assert!(r.html.as_str().contains("<blockquote>"));
    assert!(r.callouts.is_empty());
}

#[test]
fn raw_html_shown_as_text_is_not_prose() {
    let r = body("Text with a <b>raw tag</b> in it.\n");
    assert_eq!(r.prose, "Text with a raw tag in it.");
}

#[test]
fn raw_html_is_escaped_not_passed_through() {
    let r = body("Hello <script>alert(1)</script> there.\n\n<div onclick=\"x\">block</div>\n");
    let html = r.html.as_str();
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<div onclick"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(html.contains("&lt;div onclick"), "{html}");
}

#[test]
fn footnotes_are_numbered_by_first_citation_and_listed_separately() {
    let (a, b) = (source("Source A."), source("Source B."));
    let r = body(&format!("First claim.[^b] Second claim.[^a] Again.[^b]\n\n[^a]: {a}\n[^b]: {b}\n"));
    let html = r.html.as_str();
    assert!(html.contains("<a id=\"cite-b\" href=\"#ref-b\" aria-label=\"Reference 1\">[1]</a>"), "{html}");
    assert!(html.contains("<a id=\"cite-a\" href=\"#ref-a\" aria-label=\"Reference 2\">[2]</a>"), "{html}");
    assert!(html.contains("id=\"cite-b-2\""), "{html}");
    assert!(!html.contains("Source A"), "definitions stay out of the body: {html}");
    assert_eq!(r.references.len(), 2);
    assert_eq!((r.references[0].number, r.references[0].id.as_str()), (1, "ref-b"));
    assert!(r.references[1].html.as_str().contains("Source A."));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn footnote_problems_are_reported() {
    let r = body("Claim.[^missing]\n\nText.\n\n[^unused]: Never cited.\n");
    let messages: Vec<&str> = r.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("[^missing]")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("`[^unused]` is never cited")), "{messages:?}");
}

#[test]
fn internal_links_are_recorded_and_relative_links_refused() {
    let src = "See [a](/articles/a#b) and [b](#here) and [c](https://doi.org/10.1054/math.1997.0289).\n\nBad [d](other-page).\n";
    let r = body(src);
    let targets: Vec<&str> = r.links.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(targets, ["/articles/a#b", "#here"]);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(crate::problem::line_of(src, r.problems[0].offset), 3);
}

#[test]
fn front_matter_only_at_the_top() {
    let r = body("+++\ntitle = \"x\"\n+++\n\nText\n\n+++\nstray = 1\n+++\n");
    assert_eq!(r.front_matter.as_ref().unwrap().0.trim(), "title = \"x\"");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0].message.contains("after the start"));
}

#[test]
fn yaml_blocks_are_not_metadata() {
    let r = body("para\n\n---\ntitle: x\n---\n");
    assert!(r.front_matter.is_none());
    assert!(r.html.as_str().contains("title: x"), "text must not vanish: {}", r.html);
}

#[test]
fn tables_strikethrough_and_smart_punctuation() {
    let r = body("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\" -- dash\n");
    let html = r.html.as_str();
    assert!(
        html.contains(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\"><table>"
        ),
        "{html}"
    );
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains("“quoted” – dash"), "{html}");
}

#[test]
fn prose_excludes_headings_tables_and_references_and_ends_items() {
    let r = body(
        "## Heading words\n\nA short line.\n\n- item one\n- item two\n\n| cell |\n|---|\n| x |\n\nCited.[^a]\n\n[^a]: Reference words.\n",
    );
    assert_eq!(r.prose, "A short line.\nitem one.\nitem two.\nCited.");
    assert_eq!(r.words(), 8);
}

#[test]
fn h1_in_the_body_is_a_problem() {
    let r = body("# Title again\n");
    assert!(r.problems[0].fix.contains("use `##`"));
}

fn messages(r: &Rendered) -> Vec<&str> {
    r.problems.iter().map(|p| p.message.as_str()).collect()
}

#[test]
fn an_explicit_id_that_is_not_a_slug_is_refused_and_never_reaches_the_html() {
    let r = body("## Pain {#x\"onmouseover=alert(1)//}\n");
    assert!(messages(&r).iter().any(|m| m.contains("is not a valid id")), "{:?}", r.problems);
    assert!(r.problems[0].fix.contains("lowercase letters, digits and hyphens"), "{:?}", r.problems);
    let html = r.html.as_str();
    assert!(!html.contains("onmouseover"), "{html}");
    assert_eq!(r.heading_ids, ["pain"]);
}

#[test]
fn heading_classes_and_attributes_are_refused() {
    let r = body("## Pain {onclick=alert(1) style=color:red}\n\n## Calm {.big #calm}\n");
    let found = messages(&r);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("`onclick=alert(1) style=color:red`"), "{found:?}");
    assert!(found[1].contains("`.big`"), "{found:?}");
    let html = r.html.as_str();
    assert!(
        !html.contains("onclick") && !html.contains("style=") && !html.contains("class=\"big\""),
        "{html}"
    );
    assert_eq!(r.heading_ids, ["pain", "calm"]);
}

#[test]
fn a_clashing_explicit_id_is_a_problem_with_the_first_line() {
    let src = "## One {#same}\n\ntext\n\n## Two {#same}\n";
    let r = body(src);
    assert_eq!(messages(&r), ["the heading id `{#same}` is already the id of the heading on line 1"]);
    assert_eq!(crate::problem::line_of(src, r.problems[0].offset), 5);
}

#[test]
fn explicit_ids_are_reserved_before_ids_from_words() {
    let r = body("## Day one\n\n## First day {#day-one}\n");
    assert_eq!(r.heading_ids, ["day-one-2", "day-one"]);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn an_explicit_reserved_id_is_a_problem() {
    let r = body("## Sources {#references}\n");
    assert!(messages(&r)[0].contains("is used by the page itself"), "{:?}", r.problems);
}

#[test]
fn footnote_labels_match_without_regard_to_case() {
    let r = body(&format!("Claim.[^Smith2007] Again.[^SMITH2007]\n\n[^smith2007]: {}\n", source("Smith.")));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.references.len(), 1);
    assert_eq!(r.references[0].id, "ref-smith2007");
    assert!(r.html.as_str().contains("id=\"cite-smith2007-2\""), "{}", r.html);
}

#[test]
fn a_citation_inside_code_is_not_a_citation() {
    let r = body("Write `[^x]` to cite.\n\n```\n[^y]\n```\n\nEscaped \\[^z] too.\n");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(r.html.as_str().contains("<code>[^x]</code>"), "{}", r.html);
}

#[test]
fn a_reference_defined_twice_is_a_problem() {
    let r = body(&format!("Claim.[^a]\n\n[^a]: {}\n\n[^A]: Two.\n", source("One.")));
    assert_eq!(messages(&r), ["the reference `[^A]` is defined twice"], "{:?}", r.problems);
}

#[test]
fn links_in_callout_titles_and_references_are_recorded_and_checked() {
    let src = "> [!NOTE]\n> **See [the other page](/articles/other#part)**\n>\n> Text.\n\nClaim.[^a]\n\n[^a]: Lew and others, 1997. A title here. Read [this](/articles/source) and [that](relative).\n";
    let r = body(src);
    let targets: Vec<&str> = r.links.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(targets, ["/articles/other#part", "/articles/source"]);
    assert_eq!(messages(&r).len(), 1, "{:?}", r.problems);
    assert!(messages(&r)[0].contains("`relative` is relative"), "{:?}", r.problems);
    assert_eq!(crate::problem::line_of(src, r.problems[0].offset), 8);
    assert_eq!(r.callouts[0].title, "See the other page");
    assert!(
        r.html.as_str().contains(
            "<p class=\"callout-title\">See <a href=\"/articles/other#part\">the other page</a></p>"
        ),
        "{}",
        r.html
    );
}

#[test]
fn email_autolinks_are_not_relative() {
    let r = body("Write to <help@example.org>.\n");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(r.html.as_str().contains("href=\"mailto:help@example.org\""), "{}", r.html);
}

#[test]
fn generated_html_escapes_heading_text() {
    let r = body("## Fish & \"chips\" <now>\n");
    assert!(
        r.html.as_str().contains("aria-label=\"Link to the section: Fish &amp; “chips” &lt;now&gt;\""),
        "{}",
        r.html
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Every element Markdown and our passes write.
    const MARKDOWN_TAGS: &[&str] = &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "div",
        "sup",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "em",
        "strong",
        "del",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "br",
        "hr",
        "img",
    ];

    /// Every attribute they write (`style` is pulldown-cmark's table alignment).
    const ATTRIBUTES: &[&str] = &[
        "id",
        "class",
        "href",
        "title",
        "aria-label",
        "tabindex",
        "role",
        "src",
        "alt",
        "start",
        "style",
        "type",
    ];

    /// Pieces of Markdown that meet in awkward ways: headings with
    /// attributes, alerts, footnotes, links, raw HTML, code, front matter.
    fn markdownish() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "## ",
            "### ",
            "# ",
            "{#",
            "{.",
            "}",
            " onclick=x",
            "\"",
            "> ",
            "[!NOTE]",
            "[!CAUTION]",
            "**",
            "*",
            "[^",
            "]",
            "]: ",
            "[",
            "](",
            ")",
            "/articles/",
            "#",
            "<script>",
            "</",
            "<b>",
            "`",
            "```",
            "~~~",
            "+++",
            "\n",
            "\n\n",
            "- ",
            "1. ",
            "| a |",
            "|---|",
            "\\",
            "&",
            "text",
            "Ünï",
            "\t",
            "  ",
        ]);
        prop::collection::vec(prop_oneof![pieces.prop_map(String::from), any::<String>()], 0..40)
            .prop_map(|parts| parts.concat())
    }

    proptest! {
        /// Any input renders without a panic; problems point inside the
        /// source; raw HTML never comes out as HTML.
        #[test]
        fn any_markdown_renders_and_keeps_raw_html_as_text(source in markdownish()) {
            let r = render(&source);
            for problem in &r.problems {
                prop_assert!(problem.offset <= source.len(), "{problem:?}");
                prop_assert!(!problem.fix.is_empty(), "{problem:?}");
            }
            for tag in r.html.as_str().split('<').skip(1) {
                let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
                let tag = tag.trim_start_matches('/');
                let name = tag.split([' ', '/']).next().unwrap_or_default();
                prop_assert!(MARKDOWN_TAGS.contains(&name), "<{tag}> in {}", r.html);
                let mut rest = tag[name.len()..].trim_end_matches('/').trim();
                while let Some((key, after)) = rest.split_once("=\"") {
                    prop_assert!(ATTRIBUTES.contains(&key), "<{tag}> in {}", r.html);
                    let close = after.find('"').expect("values are quoted and escaped");
                    rest = after[close + 1..].trim_start();
                }
                prop_assert!(rest.is_empty() || rest == "disabled" || rest == "checked", "<{tag}> in {}", r.html);
            }
            let unique: std::collections::HashSet<&String> = r.heading_ids.iter().collect();
            prop_assert_eq!(unique.len(), r.heading_ids.len(), "{:?}", r.heading_ids);
        }

        /// A whole article file, front matter and body: it loads or its
        /// problems name lines of the file and say what to do.
        #[test]
        fn any_article_file_loads_or_names_its_problems(front in "[a-z =\"0-9\n-]{0,60}", body in markdownish()) {
            let source = format!("+++\ntitle = \"T\"\n{front}\n+++\n\n{body}");
            let (_, problems) = crate::content::parse(std::path::Path::new("a.md"), &source);
            let lines = source.lines().count() + 1;
            for problem in problems {
                prop_assert!(problem.line.is_none_or(|line| (1..=lines).contains(&line)), "{problem}");
                prop_assert!(!problem.fix.trim().is_empty(), "{problem}");
            }
        }
    }
}

#[test]
fn contents_entries_know_where_their_prose_starts() {
    let r = body("Intro.\n\n## One\n\nFirst.\n\n#### Deep\n\nStill one.\n\n### Two\n\n## Empty\n");
    let starts: Vec<&str> = r.toc.iter().map(|t| &r.prose[t.prose_start..]).collect();
    assert_eq!(starts, ["First.\nStill one.", "", ""]);
    assert_eq!(&r.prose[..r.toc[0].prose_start], "Intro.\n");
}

#[test]
fn images_are_files_of_the_static_folder_with_alt_text() {
    let src = "![The icon](/static/icon.svg)\n\n![x](nowhere.png)\n\n![T](https://tracker.example/p.gif)\n\n\
               ![x](javascript:alert(1))\n\n![](/static/share.png)\n\n![x](/articles/a)\n";
    let r = body(src);
    let images: Vec<&str> = r.images.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(images, ["/static/icon.svg", "/static/share.png"], "recorded for the static check");
    let found: Vec<(usize, &str)> =
        r.problems.iter().map(|p| (crate::problem::line_of(src, p.offset), p.message.as_str())).collect();
    assert_eq!(
        found,
        [
            (3, "the image `nowhere.png` is not a file of the static folder"),
            (5, "the image `https://tracker.example/p.gif` is on another site"),
            (7, "the image `javascript:alert(1)` is not an image address"),
            (9, "the image `/static/share.png` has no alt text"),
            (11, "the image `/articles/a` is not a file of the static folder"),
        ]
    );
    assert!(r.problems[1].fix.contains("Content-Security-Policy"), "{}", r.problems[1].fix);
}

#[test]
fn phone_and_email_links_are_their_own_kind() {
    let src = "Call [111](tel:111) or [the desk](tel:+44-20-7946-0000), or [write](mailto:editors@example.org).\n\n\
               Bad: [a](tel:call-us), [b](mailto:nobody), [c](javascript:alert(1)), [d](ftp://example.org/x).\n";
    let r = body(src);
    assert!(r.links.is_empty(), "none of these is a page of the site");
    let messages = messages(&r);
    assert_eq!(
        messages,
        [
            "the phone link `tel:call-us` is not a number a phone can call",
            "the email link `mailto:nobody` is not an email address",
            "the link `javascript:alert(1)` uses a scheme the site does not link with",
            "the link `ftp://example.org/x` uses a scheme the site does not link with",
        ]
    );
    assert!(!messages.iter().any(|m| m.contains("relative")), "tel: is not called relative");
}

#[test]
fn footnote_ids_never_take_a_heading_id() {
    let src = "## Ref smith\n\n## Cite jones 2\n\nA claim.[^smith] Another.[^jones] Again.[^jones]\n\n\
               [^smith]: Smith, 2020. A title. *J*. [PubMed 1](https://pubmed.ncbi.nlm.nih.gov/1/)\n\
               [^jones]: Jones, 2021. A title. *J*. [PubMed 2](https://pubmed.ncbi.nlm.nih.gov/2/)\n";
    let r = body(src);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.heading_ids, ["ref-smith", "cite-jones-2"]);
    let html = r.html.as_str();
    let ids: Vec<&str> = html
        .match_indices("id=\"")
        .map(|(at, _)| &html[at + 4..][..html[at + 4..].find('"').unwrap()])
        .collect();
    let mut all: Vec<&str> = ids.clone();
    all.extend(r.references.iter().map(|r| r.id.as_str()));
    let unique: std::collections::HashSet<&&str> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "every id once: {all:?}");
    assert!(
        html.contains("href=\"#ref-smith-2\""),
        "the citation leads to the reference, not the heading: {html}"
    );
}

#[test]
fn a_citation_inside_a_reference_is_a_problem_on_its_line() {
    let src = "A claim.[^a]\n\n[^a]: Lew and others, 1997. A title. *J*. [PubMed 1](https://pubmed.ncbi.nlm.nih.gov/1/), see also [^b].\n\
               [^b]: Smith, 2020. Another title. *J*. [PubMed 2](https://pubmed.ncbi.nlm.nih.gov/2/)\n";
    let r = body(src);
    let found: Vec<(usize, &str)> =
        r.problems.iter().map(|p| (crate::problem::line_of(src, p.offset), p.message.as_str())).collect();
    assert_eq!(found, [(3, "the reference `[^a]` cites `[^b]` inside it")], "and no false 'never cited'");
    assert!(r.problems[0].fix.contains("cite `[^b]` in the text"));
}

#[test]
fn numbers_to_call_in_prose_become_tap_to_call_links_and_nowhere_else() {
    let html = body(
        "Call 999 now, or NHS 111 today.\n\n- ring 112 in the EU\n\n## Call 999\n\n[call 999](/articles/x) and `999`\n",
    )
    .html;
    let html = html.as_str();
    assert!(html.contains("<p>Call <a class=\"tel\" href=\"tel:999\">999</a> now"), "{html}");
    assert!(html.contains("NHS <a class=\"tel\" href=\"tel:111\">111</a> today."), "{html}");
    assert!(html.contains("ring <a class=\"tel\" href=\"tel:112\">112</a> in the EU"), "{html}");
    assert_eq!(html.matches("href=\"tel:").count(), 3, "not in a heading, a link or code: {html}");
}
