//! Articles: Markdown files with TOML front matter, read, checked and
//! rendered in phases, each a type the next one consumes:
//!
//! 1. [`parse`]: a file's text -> [`Parsed`]: the typed front matter and
//!    the rendered Markdown, body and all: what the gate checks;
//! 2. [`load_dir`]: every file on all cores; each [`Parsed`] is split into
//!    the [`Article`] that lasts (front matter and figures), its [`Links`]
//!    and its [`Body`], which the caller's `make` consumes while it is at
//!    hand (a site renders the page and indexes the prose; `check` drops
//!    it), so no article's body waits for the others;
//! 3. [`check_articles`]: the [`Links`] of all of them checked against each
//!    other, after which only the [`Article`]s are kept.
//!
//! Loading reports every problem in every file at once, so an author fixes
//! them in one pass; nothing here knows about HTTP or templates.

pub mod editorial;
pub mod front_matter;
pub mod gate;
pub mod markdown;
pub mod readability;
pub mod slug;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::problem::{Problem, line_of};
use crate::urls;
use front_matter::{FrontMatter, is_slug};
use gate::Gate;
use markdown::{Callout, Html, InternalLink, Reference, TocEntry};
use readability::Readability;

/// Words a reader reads in a minute, for the reading time.
const WORDS_PER_MINUTE: usize = 200;

/// Phase 1: one article as its file says, rendered, body and all.
#[derive(Debug)]
pub struct Parsed {
    pub article: Article,
    pub links: Links,
    pub body: Body,
}

/// Phase 2: what lasts of an article once its body has been used: the front
/// matter and the figures measured on the body. A built site, `check`'s
/// table and the feeds read only this.
#[derive(Debug, Clone)]
pub struct Article {
    /// The URL name: the file name without `.md`.
    pub slug: String,
    /// Where it was read from, for error messages.
    pub path: PathBuf,
    pub meta: FrontMatter,
    /// Measured on the prose when parsing, so the prose need not be kept.
    pub readability: Readability,
    /// Words of prose.
    pub words: usize,
    /// How many references the page lists.
    pub references: usize,
}

/// Where an article's links go and what links into it may name: read by
/// the checks across articles, then dropped (about 3 KB an article).
#[derive(Debug)]
pub struct Links {
    /// Every id a heading received, for `#section` links.
    pub(crate) sections: Vec<String>,
    /// Every link inside the site, wherever it is written.
    pub internal: Vec<InternalLink>,
    /// Every image, each a `/static/<file>` address.
    pub(crate) images: Vec<InternalLink>,
}

/// What only the article's own page, the gate and the search index read:
/// the largest part of an article (at 10,000 articles over 100 MB of HTML
/// and 90 MB of prose), consumed while the article is loaded: never cloned.
#[derive(Debug)]
pub struct Body {
    /// The body, without the references.
    pub html: Html,
    pub toc: Vec<TocEntry>,
    pub references: Vec<Reference>,
    pub callouts: Vec<Callout>,
    /// Paragraphs and list items as plain text, for search.
    pub prose: String,
}

/// What the search index takes of an article as it is loaded: the prose
/// goes there and nowhere else.
#[derive(Debug, Clone)]
pub struct Text {
    /// The article's page, `/articles/<slug>`.
    pub path: String,
    pub draft: bool,
    pub title: String,
    pub description: String,
    /// The h2/h3 headings: anchor id, text, and where the section starts in `prose`.
    pub(crate) headings: Vec<(String, String, usize)>,
    pub prose: String,
}

impl Article {
    /// The site path of the article.
    pub fn url_path(&self) -> String {
        urls::article(&self.slug)
    }

    /// Whole minutes to read the prose, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

impl Body {
    /// What search needs of `article`, this body's prose moved into it.
    pub fn into_text(self, article: &Article) -> Text {
        Text {
            path: article.url_path(),
            draft: article.meta.draft,
            title: article.meta.title.clone(),
            description: article.meta.description.clone(),
            headings: self.toc.into_iter().map(|t| (t.id, t.text, t.prose_start)).collect(),
            prose: self.prose,
        }
    }
}

/// An article loaded by [`load_dir`]: what lasts, its links until they are
/// checked, and what the caller made of its body.
#[derive(Debug)]
pub struct Loaded<P> {
    pub article: Article,
    pub links: Links,
    pub made: P,
}

/// Reads, parses and renders every `*.md` file in `dir`, each through the
/// `gate`, sorted by `order`. Returns every article that could be read,
/// even one with problems, so that cross-article checks
/// ([`check_articles`]) can still run and every problem is reported in one
/// pass. `make` consumes each article's [`Body`] on the loading thread,
/// with a `state` of its own on each thread; what it returns is kept as
/// [`Loaded::made`].
pub fn load_dir<S, P: Send>(
    dir: &Path,
    gate: &Gate,
    state: &(dyn Fn() -> S + Sync),
    make: &(dyn Fn(&mut S, &Article, Body) -> P + Sync),
) -> (Vec<Loaded<P>>, Vec<Problem>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let problem = Problem::in_file(
                dir,
                format!("cannot read the articles folder: {e}"),
                "pass the folder that holds the `.md` files with `--articles <dir>`",
            );
            return (Vec::new(), vec![problem]);
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "md") && !crate::editor_files::is_editor_file(p))
        .collect();
    paths.sort();

    // Files are independent: parse them on all cores, then merge in name order.
    let loaded = crate::cores::map_in_order(paths, state, |state, path| {
        let (parsed, problems) = load_file(&path, gate);
        let loaded = parsed.map(|Parsed { article, links, body }| {
            let made = make(state, &article, body);
            Loaded { article, links, made }
        });
        (loaded, problems)
    });
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (article, mut found) in loaded {
        articles.extend(article);
        problems.append(&mut found);
    }
    if articles.is_empty() && problems.is_empty() {
        problems.push(Problem::in_file(
            dir,
            "there are no articles (`.md` files) in this folder",
            "add at least one article; the README shows an example",
        ));
    }
    articles.sort_by(|a, b| {
        let (a, b) = (&a.article, &b.article);
        a.meta.order.cmp(&b.meta.order).then_with(|| a.slug.cmp(&b.slug))
    });
    (articles, problems)
}

/// Reads and parses one article file and puts it through the `gate`: the
/// article when it could be read at all, and its problems.
fn load_file(path: &Path, gate: &Gate) -> (Option<Parsed>, Vec<Problem>) {
    let bytes = match crate::folder::read(path) {
        Ok(bytes) => bytes,
        Err(crate::folder::Unread::Refused(problem)) => return (None, vec![problem]),
        Err(crate::folder::Unread::Io(e)) => {
            let fix = "check that the file exists and can be read";
            return (None, vec![Problem::in_file(path, format!("cannot read the file: {e}"), fix)]);
        }
    };
    match String::from_utf8(bytes) {
        Ok(source) => {
            let (parsed, mut problems) = parse(path, &source);
            if let Some(parsed) = &parsed {
                problems.extend(gate.article(path, &source, parsed));
            }
            (parsed, problems)
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let fix = "save the file as UTF-8 in your editor";
            (None, vec![Problem::at(path, line, "the file is not valid UTF-8 text", fix)])
        }
    }
}

/// Parses one article from its source text. Pure, so tests need no files.
pub fn parse(path: &Path, source: &str) -> (Option<Parsed>, Vec<Problem>) {
    let mut problems = Vec::new();
    let slug = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if !is_slug(&slug) {
        problems.push(Problem::in_file(
            path,
            format!("the file name `{slug}.md` cannot be a web address"),
            "rename the file with lowercase letters, digits and hyphens only, like `what-is-a-muscle-knot.md`",
        ));
    }

    let rendered = markdown::render(source);
    let words = rendered.words();
    let markdown::Rendered {
        front_matter,
        html,
        toc,
        references,
        heading_ids,
        links,
        images,
        callouts,
        prose,
        problems: found,
        ..
    } = rendered;
    for p in found {
        problems.push(Problem::at(path, line_of(source, p.offset), p.message, p.fix));
    }
    let Some((text, offset)) = front_matter else {
        problems.push(Problem::at(
            path,
            1,
            "the file does not start with front matter",
            "start the file with a `+++` line, the fields (title, description, published, order), then another `+++` line",
        ));
        return (None, problems);
    };
    let meta = match front_matter::parse(path, source, &text, offset) {
        Ok(meta) => meta,
        Err(problem) => {
            problems.push(problem);
            return (None, problems);
        }
    };
    problems.extend(meta.check(path, line_of(source, offset)));
    if html.as_str().trim().is_empty() {
        problems.push(Problem::at(
            path,
            line_of(source, source.trim_end().len()) + 1,
            "the article has no text after its front matter",
            "write the article below the closing `+++` line, or delete the file",
        ));
    }
    let readability = readability::measure(&prose);
    let article =
        Article { slug, path: path.to_path_buf(), meta, readability, words, references: references.len() };
    let links = Links { sections: heading_ids, internal: links, images };
    let body = Body { html, toc, references, callouts, prose };
    (Some(Parsed { article, links, body }), problems)
}

/// Checks what only the whole set of articles can tell: duplicate orders,
/// aliases that clash, and every internal link. `other_paths` are the site's
/// pages that are not articles (`/`, `/self-check`).
pub(crate) fn check_articles<P>(
    loaded: &[Loaded<P>],
    index: &Index<'_>,
    other_paths: &[&str],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut orders: HashMap<u32, &Article> = HashMap::new();
    let mut names: HashMap<&str, &Article> = HashMap::new();
    for Loaded { article, .. } in loaded {
        if let Some(first) = orders.insert(article.meta.order, article) {
            problems.push(Problem::in_file(
                &article.path,
                format!("`order = {}` is also used by {}", article.meta.order, first.path.display()),
                "give each article its own `order` number",
            ));
        }
        for name in std::iter::once(&article.slug).chain(&article.meta.aliases) {
            if let Some(first) = names.insert(name, article) {
                problems.push(Problem::in_file(
                    &article.path,
                    format!("`{name}` is already the slug or an alias of {}", first.path.display()),
                    "use each slug and alias once across all articles",
                ));
            }
        }
    }
    for Loaded { article, links, .. } in loaded.iter().filter(|l| !l.article.meta.draft) {
        for link in &links.internal {
            if let Err(fix) = index.resolve_link(other_paths, Some((&article.slug, links)), &link.target) {
                let source = fs::read_to_string(&article.path).unwrap_or_default();
                problems.push(Problem::at(
                    &article.path,
                    line_of(&source, link.offset),
                    format!("the link `{}` leads nowhere", link.target),
                    fix,
                ));
            }
        }
    }
    problems
}

/// Published articles' sections by slug, for resolving links without a
/// scan per link.
pub(crate) struct Index<'a> {
    published: HashMap<&'a str, &'a Links>,
    /// Slugs in navigation order, for messages.
    slugs: Vec<&'a str>,
}

impl<'a> Index<'a> {
    pub(crate) fn new<P>(loaded: &'a [Loaded<P>]) -> Self {
        let published: Vec<&Loaded<P>> = loaded.iter().filter(|l| !l.article.meta.draft).collect();
        Index {
            slugs: published.iter().map(|l| l.article.slug.as_str()).collect(),
            published: published.into_iter().map(|l| (l.article.slug.as_str(), &l.links)).collect(),
        }
    }

    /// Whether a site-internal link lands on a served page and, if it names
    /// one, an existing section. `from` is the slug and links of the
    /// article the link is in, for `#id` links. The error is what to write
    /// instead.
    pub(crate) fn resolve_link(
        &self,
        other_paths: &[&str],
        from: Option<(&str, &Links)>,
        target: &str,
    ) -> Result<(), String> {
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target, None),
        };
        let (slug, page) = if path.is_empty() {
            from.ok_or("a `#section` link needs a page: write `/articles/<slug>#<section>`")?
        } else if let Some(slug) = urls::article_slug(path) {
            match self.published.get(slug) {
                Some(links) => (slug, *links),
                None => {
                    return Err(format!(
                        "there is no published article `{slug}`; the articles are: {}",
                        self.slugs.join(", ")
                    ));
                }
            }
        } else if other_paths.contains(&path) && fragment.is_none() {
            return Ok(());
        } else {
            return Err(format!(
                "link to an article as `/articles/<slug>` or `/articles/<slug>#<section>`, or to one of: {}",
                other_paths.join(", ")
            ));
        };
        match fragment {
            None => Ok(()),
            Some(id) if page.sections.iter().any(|h| h == id) => Ok(()),
            Some(id) => Err(format!(
                "`{slug}` has no section `#{id}`; its sections are: {}",
                page.sections.join(", ")
            )),
        }
    }
}

/// Published articles by tag: for "Related articles", without comparing
/// every article with every other.
pub struct Related<'a> {
    articles: &'a [Article],
    by_tag: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Related<'a> {
    pub fn new(articles: &'a [Article]) -> Self {
        let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, article) in articles.iter().enumerate().filter(|(_, a)| !a.meta.draft) {
            let unique: HashSet<&str> = article.meta.tags.iter().map(String::as_str).collect();
            for tag in unique {
                by_tag.entry(tag).or_default().push(i);
            }
        }
        Related { articles, by_tag }
    }

    /// Up to `most` articles sharing tags with `article`, most shared first,
    /// then in navigation order.
    pub fn of(&self, article: &Article, most: usize) -> Vec<&'a Article> {
        let own: HashSet<&str> = article.meta.tags.iter().map(String::as_str).collect();
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for tag in own {
            for &i in self.by_tag.get(tag).into_iter().flatten() {
                *shared.entry(i).or_default() += 1;
            }
        }
        let mut scored: Vec<(usize, &Article)> = shared
            .into_iter()
            .map(|(i, n)| (n, &self.articles[i]))
            .filter(|(_, other)| other.slug != article.slug)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.meta.order.cmp(&b.1.meta.order)));
        scored.into_iter().take(most).map(|(_, a)| a).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(order: u32, body: &str) -> String {
        format!(
            "+++\ntitle = \"T\"\ndescription = \"D.\"\npublished = 2026-01-01\norder = {order}\n+++\n\n{body}"
        )
    }

    const BODY: &str = "## First part\n\nSee [the other](/articles/other#how) and [this part](#first-part).[^a]\n\n\
                        ![A knot](/static/knot.png)\n\n\
                        [^a]: Smith J, 2020. A title. [PubMed 1](https://pubmed.ncbi.nlm.nih.gov/1/)\n";

    #[test]
    fn parsing_splits_an_article_into_what_lasts_its_links_and_its_body() {
        let (parsed, problems) = parse(Path::new("a-b.md"), &source(1, BODY));
        assert!(problems.is_empty(), "{problems:?}");
        let Parsed { article, links, body } = parsed.expect("parses");
        assert_eq!((article.slug.as_str(), article.meta.title.as_str()), ("a-b", "T"));
        assert_eq!(article.references, 1);
        assert_eq!(links.sections, ["first-part"]);
        let targets: Vec<&str> = links.internal.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["/articles/other#how", "#first-part"]);
        assert_eq!(links.images.iter().map(|l| l.target.as_str()).collect::<Vec<_>>(), ["/static/knot.png"]);
        assert!(body.html.as_str().contains("id=\"first-part\""), "{}", body.html);
        assert_eq!(body.references.len(), 1);
        let text = body.into_text(&article);
        assert_eq!(text.path, "/articles/a-b");
        assert_eq!(text.headings, [("first-part".to_string(), "First part".to_string(), 0)]);
        assert_eq!(text.prose, "See the other and this part.\nA knot.");
        assert_eq!(article.words, text.prose.split_whitespace().count());
    }

    #[test]
    fn reading_time_is_whole_minutes_and_at_least_one() {
        let minutes = |words: usize| {
            let prose = "word ".repeat(words);
            let (parsed, _) = parse(Path::new("a.md"), &source(1, &format!("{prose}\n")));
            parsed.expect("parses").article.reading_minutes()
        };
        assert_eq!([minutes(1), minutes(200), minutes(201), minutes(401)], [1, 1, 2, 3]);
    }

    /// `make` gets the body of every article that parsed, problems or not;
    /// what it makes comes back beside its article, in the articles' order.
    #[test]
    fn loading_hands_each_body_to_make_once_and_keeps_what_it_made_in_order() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("b.md"), source(1, "Later in the alphabet, first in order.\n")).unwrap();
        fs::write(dir.path().join("a.md"), source(2, "Link to [nowhere](/articles/none).\n")).unwrap();
        fs::write(dir.path().join("c.md"), "no front matter\n").unwrap();
        let (loaded, problems) = load_dir(dir.path(), &Gate::default(), &|| (), &|_, article, body| {
            (article.slug.clone(), body.prose)
        });
        let made: Vec<(&str, &str)> = loaded.iter().map(|l| (l.made.0.as_str(), l.made.1.as_str())).collect();
        assert_eq!(made, [("b", "Later in the alphabet, first in order."), ("a", "Link to nowhere.")]);
        let slugs: Vec<&str> = loaded.iter().map(|l| l.article.slug.as_str()).collect();
        assert_eq!(slugs, ["b", "a"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("does not start with front matter"), "{problems:?}");
        // The links outlive the bodies, for the checks across articles.
        let index = Index::new(&loaded);
        let found = check_articles(&loaded, &index, &["/"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("the link `/articles/none` leads nowhere"), "{found:?}");
    }
}
