//! Health-service terms are explained where a reader first meets them: on
//! every page, the first "GP", "A&E" or "NHS 111" in the page's own text (the
//! summary line under the title included) has its plain-English meaning
//! beside it. A reader who does not live in England cannot be expected to
//! know them.

mod common;

/// Each term, and words of which one must stand within [`NEAR`] characters
/// of its first use.
const TERMS: [(&str, &[&str]); 3] = [
    ("GP", &["family doctor"]),
    ("A&E", &["emergency department"]),
    ("NHS 111", &["urgent advice", "advice line"]),
];

/// How close the explanation must be: the same sentence or the next one.
const NEAR: usize = 160;

/// The text of the page's main content, before its references (a source's
/// title is not where a reader meets a term), without tags and with the
/// few entities our pages use decoded.
fn main_text(html: &str) -> String {
    let start = html.find("<main").expect("a main element");
    let end = html.find("<section class=\"references\"").or_else(|| html.find("</main>")).expect("an end");
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&amp;", "&").replace("&#38;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where `term` first stands as a whole word (not inside "GPs" or "AGP").
fn first_use(text: &str, term: &str) -> Option<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    text.match_indices(term)
        .map(|(at, _)| at)
        .find(|&at| !word(text[..at].chars().next_back()) && !word(text[at + term.len()..].chars().next()))
}

/// The problems on one page: each term first used without its meaning near.
fn unexplained(path: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (term, meanings) in TERMS {
        let Some(at) = first_use(text, term) else { continue };
        let mut from = at.saturating_sub(NEAR / 2);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (at + term.len() + NEAR).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let around = &text[from..to];
        if !meanings.iter().any(|m| around.contains(m)) {
            problems.push(format!(
                "{path}: \"{term}\" is first used here without saying what it is ({}): …{around}…",
                meanings.join(" or ")
            ));
        }
    }
    problems
}

#[test]
fn health_service_terms_are_explained_where_first_met() {
    let site = common::real_site();
    let mut problems = Vec::new();
    let mut pages = 0;
    for path in site.paths() {
        let prepared = site.get(path).unwrap();
        if !prepared.content_type.starts_with("text/html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(prepared.select(None).body().to_vec()).unwrap();
        problems.extend(unexplained(path, &main_text(&html)));
    }
    assert!(pages >= 12, "home, the A to Z, the self-check and every article: {pages}");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_check_finds_an_unexplained_term_and_accepts_an_explained_one() {
    let far = format!(
        "<main><p>See a GP.</p><p>{}</p><p>A GP is a family doctor.</p></main>",
        "Words. ".repeat(40)
    );
    assert_eq!(unexplained("/t", &main_text(&far)).len(), 1);
    let page = "<main><p>Go to A&amp;E (the hospital emergency department) or see your GP, your family doctor.</p></main>";
    assert!(unexplained("/t", &main_text(page)).is_empty());
    assert!(unexplained("/t", "Ask two GPs.").is_empty(), "only the whole word counts");
}
