//! Articles: Markdown files with TOML front matter, read and checked.
//!
//! `articles/<slug>.md` -> [`front_matter::FrontMatter`] + [`markdown::Rendered`]
//! -> [`Article`]. Loading reports every problem in every file at once, so an
//! author fixes them in one pass; nothing here knows about HTTP or templates.

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
use markdown::{Html, Rendered};
use readability::Readability;

/// One article, parsed and rendered.
#[derive(Debug, Clone)]
pub struct Article {
    /// The URL name: the file name without `.md`.
    pub slug: String,
    /// Where it was read from, for error messages.
    pub path: PathBuf,
    pub meta: FrontMatter,
    pub body: Rendered,
    /// Measured on the prose when parsing, so the prose need not be kept.
    pub readability: Readability,
}

/// What the search index takes of an article as it is loaded: the prose
/// goes there and nowhere else. Holding every article's prose until the
/// site is built would cost about 90 MB at 10,000 articles.
#[derive(Debug, Clone)]
pub struct Text {
    /// The article's page, `/articles/<slug>`.
    pub path: String,
    pub draft: bool,
    pub title: String,
    pub description: String,
    /// The h2/h3 headings: anchor id, text, and where the section starts in `prose`.
    pub headings: Vec<(String, String, usize)>,
    pub prose: String,
}

/// Where loading sends each article's [`Text`].
pub type TextSink<'a> = &'a (dyn Fn(Text) + Sync);

impl Article {
    /// The site path of the article.
    pub fn url_path(&self) -> String {
        urls::article(&self.slug)
    }

    /// What search needs of this article, with its `prose`.
    pub fn text(&self, prose: String) -> Text {
        Text {
            path: self.url_path(),
            draft: self.meta.draft,
            title: self.meta.title.clone(),
            description: self.meta.description.clone(),
            headings: self.body.toc.iter().map(|t| (t.id.clone(), t.text.clone(), t.prose_start)).collect(),
            prose,
        }
    }
}

/// Reads, parses and renders every `*.md` file in `dir`, sorted by `order`,
/// each through the `gate`. Returns every article that could be read, even one with problems, so that
/// cross-article checks ([`check_articles`]) can still run and every problem
/// is reported in one pass. Each article's prose goes to `texts` (the search
/// index) as soon as it is read, and is not kept. `page` makes what the
/// caller needs of each article without problems while its body is at hand
/// (for a site, its page), with a `state` of its own on each thread; the
/// body's HTML and table of contents are then dropped, so no article holds
/// them after loading (at 10,000 articles, over 100 MB and 16 MB).
pub fn load_dir<S, P: Send>(
    dir: &Path,
    gate: &Gate,
    texts: Option<TextSink<'_>>,
    page: &(dyn Fn(&mut S, &Article) -> P + Sync),
    state: &(dyn Fn() -> S + Sync),
) -> (Vec<(Article, Option<P>)>, Vec<Problem>) {
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
        load_file(&path, gate, texts, |a| page(state, a))
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
    articles.sort_by(|(a, _), (b, _)| a.meta.order.cmp(&b.meta.order).then_with(|| a.slug.cmp(&b.slug)));
    (articles, problems)
}

/// Parses one article file and puts it through the `gate`: the article when
/// it could be read at all, what `page` makes of it when it has no
/// problems, and its problems. Its prose
/// goes to `texts`; its body's HTML and table of contents are dropped once
/// `page` has them.
pub fn load_file<P>(
    path: &Path,
    gate: &Gate,
    texts: Option<TextSink<'_>>,
    page: impl FnOnce(&Article) -> P,
) -> (Option<(Article, Option<P>)>, Vec<Problem>) {
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
            let (article, mut problems) = parse(path, &source);
            if let Some(article) = &article {
                problems.extend(gate.article(path, &source, article));
            }
            let article = article.map(|mut article| {
                let prose = std::mem::take(&mut article.body.prose);
                if let Some(send) = texts {
                    send(article.text(prose));
                }
                let made = problems.is_empty().then(|| page(&article));
                article.body.html = Html::default();
                article.body.toc = Vec::new();
                (article, made)
            });
            (article, problems)
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
pub fn parse(path: &Path, source: &str) -> (Option<Article>, Vec<Problem>) {
    let mut problems = Vec::new();
    let slug = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if !is_slug(&slug) {
        problems.push(Problem::in_file(
            path,
            format!("the file name `{slug}.md` cannot be a web address"),
            "rename the file with lowercase letters, digits and hyphens only, like `what-is-a-muscle-knot.md`",
        ));
    }

    let mut body = markdown::render(source);
    for p in &body.problems {
        problems.push(Problem::at(path, line_of(source, p.offset), p.message.clone(), p.fix.clone()));
    }
    // The block's text is parsed here and never needed again.
    let Some((text, offset)) = body.front_matter.take() else {
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
    if body.html.as_str().trim().is_empty() {
        problems.push(Problem::at(
            path,
            line_of(source, source.trim_end().len()) + 1,
            "the article has no text after its front matter",
            "write the article below the closing `+++` line, or delete the file",
        ));
    }
    let readability = readability::measure(&body.prose);
    (Some(Article { slug, path: path.to_path_buf(), meta, body, readability }), problems)
}

/// Checks what only the whole set of articles can tell: duplicate orders,
/// aliases that clash, and every internal link. `other_paths` are the site's
/// pages that are not articles (`/`, `/self-check`).
pub fn check_articles(articles: &[Article], index: &Index<'_>, other_paths: &[&str]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut orders: HashMap<u32, &Article> = HashMap::new();
    let mut names: HashMap<&str, &Article> = HashMap::new();
    for article in articles {
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
    for article in articles.iter().filter(|a| !a.meta.draft) {
        for link in &article.body.links {
            if let Err(fix) = index.resolve_link(other_paths, Some(article), &link.target) {
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

/// Published articles by slug, for resolving links without a scan per link.
pub struct Index<'a> {
    published: HashMap<&'a str, &'a Article>,
    /// Slugs in navigation order, for messages.
    slugs: Vec<&'a str>,
}

impl<'a> Index<'a> {
    pub fn new(articles: &'a [Article]) -> Self {
        let published: Vec<&Article> = articles.iter().filter(|a| !a.meta.draft).collect();
        Index {
            slugs: published.iter().map(|a| a.slug.as_str()).collect(),
            published: published.into_iter().map(|a| (a.slug.as_str(), a)).collect(),
        }
    }

    /// Whether a site-internal link lands on a served page and, if it names
    /// one, an existing section. `from` is the article the link is in, for
    /// `#id` links. The error is what to write instead.
    pub fn resolve_link(
        &self,
        other_paths: &[&str],
        from: Option<&Article>,
        target: &str,
    ) -> Result<(), String> {
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target, None),
        };
        let page = if path.is_empty() {
            from.ok_or("a `#section` link needs a page: write `/articles/<slug>#<section>`")?
        } else if let Some(slug) = urls::article_slug(path) {
            match self.published.get(slug) {
                Some(article) => article,
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
            Some(id) if page.body.heading_ids.iter().any(|h| h == id) => Ok(()),
            Some(id) => Err(format!(
                "`{}` has no section `#{id}`; its sections are: {}",
                page.slug,
                page.body.heading_ids.join(", ")
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
