//! Golden HTML for the Markdown passes: each small input below is rendered
//! and compared with its snapshot in `tests/snapshots/`, so any change in
//! the HTML we write shows in review as a diff of those files.
//!
//! After an intended change, write the new snapshots and review them:
//! `INSTA_UPDATE=always cargo test --test golden`, then `git diff tests/snapshots`
//! (or `cargo insta review` if cargo-insta is installed).

use knotwise::content::markdown::render;

/// The body's HTML, then the references (rendered apart from the body),
/// then any problems with their offsets.
fn golden(source: &str) -> String {
    let r = render(source);
    let mut out = r.html.as_str().to_string();
    for reference in &r.references {
        out.push_str(&format!(
            "\n[reference {} #{} cited at #{}]\n{}",
            reference.number, reference.id, reference.cited_at, reference.html
        ));
    }
    for problem in &r.problems {
        out.push_str(&format!("\n[problem at {}] {}", problem.offset, problem.message));
    }
    out
}

macro_rules! golden {
    ($($name:ident: $source:expr;)*) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(stringify!($name), golden($source));
            }
        )*
    };
}

golden! {
    front_matter_is_taken_out: "+++\ntitle = \"T\"\n+++\n\nFirst paragraph.\n";
    raw_html_becomes_text: "A <b>bold</b> claim and <script>alert(1)</script>.\n\n<div class=\"x\">block</div>\n";
    links_of_every_kind: "See [a](/articles/a#b), [b](#here), [the NHS](https://www.nhs.uk/conditions/back-pain/), \
        [call 111](tel:111) and <help@example.org>.\n";
    headings_get_ids_self_links_and_clashes_resolved: "## What is normal?\n\n### What is normal?\n\n\
        ## Blood clots {#blood-clot}\n\n## Café à la crème\n\n## References\n";
    footnotes_are_numbered_by_first_citation: "Second.[^b] First again.[^a] And b.[^b]\n\n\
        [^a]: Lew and others, 1997. Title A. *Journal*. [PubMed 1](https://pubmed.ncbi.nlm.nih.gov/1/)\n\
        [^b]: Smith, 2020. Title B. *Journal*. [DOI 10.1054/math.1997.0289](https://doi.org/10.1054/math.1997.0289)\n";
    footnote_ids_step_past_heading_ids: "## Ref smith\n\nA claim.[^smith]\n\n\
        [^smith]: Smith, 2020. A title. *J*. [PubMed 2](https://pubmed.ncbi.nlm.nih.gov/2/)\n";
    callouts_and_tables: "> [!NOTE]\n> **Key facts**\n>\n> - One.\n> - Two.\n\n> [!CAUTION]\n> Call 999.\n\n\
        | Sign | Do |\n|---|---|\n| Chest pain | Call 999 |\n";
    smart_punctuation_and_images: "\"Don't\" -- it's fine... ![A hand on a shoulder](/static/press.png)\n";
}
