//! The input of the site: everything read from disk and checked, not yet
//! rendered but for each article's page, which is made while the article's
//! body is at hand (see `content`'s phases).

use crate::assets::Assets;
use crate::assets::png_size;
use crate::content::editorial::{EDITORIAL_FILE, Editorial};
use crate::content::gate::{Gate, Options};
use crate::content::{self, Article, Body, Loaded, readability};
use crate::emergency::Region;
use crate::memory;
use crate::offline::{Offline, OfflineFiles};
use crate::pages::{Chrome, Renderer, Unlinked};
use crate::problem::Problem;
use crate::search::index::Indexing;
use crate::search::synonyms::Synonyms;
use crate::selfcheck::{self, Questionnaire};
use crate::urls::{OTHER_PATHS, TEMPLATE_LINKS};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::render_problem;
use super::steps::{TRIM_EVERY, chrome, link_text};

/// The questionnaire's file name inside the articles folder.
pub(crate) const QUESTIONNAIRE_FILE: &str = "self-check.toml";

/// The link-preview image in `static/`, and what it shows.
pub(crate) const SHARE_IMAGE: &str = "share.png";
pub(crate) const SHARE_IMAGE_ALT: &str =
    "Knotwise, and the words: Sore after a massage? Plain answers. White text on dark teal.";

/// Where content comes from.
#[derive(Debug, Clone)]
pub struct Paths {
    pub articles: PathBuf,
    pub statics: PathBuf,
}

/// The static files every page links to, found and checked when loading.
#[derive(Debug, Clone)]
pub struct StaticLinks {
    pub css_url: String,
    pub icon_url: String,
    pub share_js_url: String,
    pub print_js_url: String,
    pub(crate) share_image_url: String,
    pub(crate) share_image_size: (u32, u32),
}

/// Everything read from disk, checked, not yet rendered into pages.
#[derive(Debug)]
pub struct Content {
    pub paths: Paths,
    /// The gate every file passed, with its options.
    pub gate: Gate,
    /// Every article, drafts included, in navigation order.
    pub articles: Vec<Article>,
    pub assets: Assets,
    pub statics: StaticLinks,
    /// The offline worker's files, found in `static/`.
    pub offline: OfflineFiles,
    pub questionnaire: Questionnaire,
    /// The editors' search synonyms and emergency phrases.
    pub synonyms: Synonyms,
}

/// What loading makes for a site beside the checked content, while each
/// article's body is at hand: its page, and its part of the search index.
#[derive(Debug)]
pub struct Made {
    pub(super) chrome: Chrome,
    pub(super) region: Region,
    /// The articles' search index, still being built on its own thread.
    pub(super) indexing: Indexing,
    /// Each article's page but for its links, in the order of
    /// [`Content::articles`].
    pub(super) pages: Vec<Unlinked>,
    /// The words of each questionnaire link into an article: "Read more:"
    /// and the section's heading.
    pub(super) link_texts: HashMap<String, String>,
}

/// Everything read before the articles, each part present when it was
/// read without problems, and every problem found so far.
struct Inputs {
    gate: Gate,
    assets: Assets,
    /// The static files every page links to, and the offline worker's.
    layout: Option<(StaticLinks, OfflineFiles)>,
    questionnaire: Option<Questionnaire>,
    problems: Vec<Problem>,
}

impl Content {
    /// Reads all content and puts it through the gate with `options`,
    /// reporting every problem at once: what `knotwise check` runs. Each
    /// article's body is dropped as soon as it is checked.
    pub fn load(paths: &Paths, options: &Options) -> Result<Content, Vec<Problem>> {
        let inputs = Inputs::read(paths, options);
        let (loaded, found) =
            content::load_dir(&paths.articles, &inputs.gate, &|| (), &|_: &mut (), _: &Article, _: Body| {
                Ok(())
            });
        inputs.finish(paths, loaded, found).map(|(content, _)| content)
    }

    /// Reads and checks all content as [`load`](Self::load) does, and makes
    /// what a site needs as each article is read: its page, in the layout
    /// for `base_url` and `region`, and its part of the search index (on a
    /// thread of its own). Rendering each page while its article's body is
    /// at hand means no article's body waits for the others: at 10,000
    /// articles that is over 100 MB never held (benches/README.md). With
    /// `offline` on, every page has the offline worker's script (`--offline`;
    /// watch mode has it off).
    pub fn load_to_serve(
        paths: &Paths,
        options: &Options,
        base_url: &str,
        region: Region,
        offline: Offline,
    ) -> Result<(Content, Made), Vec<Problem>> {
        let mut inputs = Inputs::read(paths, options);
        let Some((statics, files)) = &inputs.layout else {
            // No page can be laid out without the static files, whose
            // problems are in `inputs`: the articles are still checked, so
            // that every problem shows at once.
            let (loaded, found) = content::load_dir(
                &paths.articles,
                &inputs.gate,
                &|| (),
                &|_: &mut (), _: &Article, _: Body| (),
            );
            inputs.check(paths, &loaded, found);
            return Err(inputs.problems);
        };
        let offline_js_url = (offline == Offline::On).then(|| files.register_url.clone());
        let chrome = chrome(statics, base_url, region, offline_js_url);
        let links_into = links_into(inputs.questionnaire.as_ref());
        let (indexing, texts) = Indexing::start();
        let page = |(renderer, done): &mut (Renderer, usize), article: &Article, body: Body| {
            // Each article leaves a few small blocks among the loader's freed
            // ones; those freed pages go back as loading goes.
            *done += 1;
            if *done % TRIM_EVERY == 0 {
                memory::release_freed();
            }
            let page = Unlinked::render(&chrome, article, &body, renderer)
                .map_err(|e| render_problem(&format!("the page of {}", article.path.display()), e));
            let links = links_into.get(&article.url_path()).into_iter().flatten();
            let words: Vec<_> = links.map(|link| (link.clone(), link_text(article, &body, link))).collect();
            // The index thread stops only once `texts` is dropped, below.
            let _ = texts.send(body.into_text(article));
            page.map(|page| (page, words))
        };
        let (loaded, found) =
            content::load_dir(&paths.articles, &inputs.gate, &|| (Renderer::default(), 0), &page);
        drop(texts);
        let (content, made) = inputs.finish(paths, loaded, found)?;
        let mut link_texts = HashMap::new();
        let pages = made
            .into_iter()
            .map(|(page, words)| {
                link_texts.extend(words);
                page
            })
            .collect();
        Ok((content, Made { chrome, region, indexing, pages, link_texts }))
    }

    /// The articles readers can see, in order.
    pub fn published(&self) -> impl Iterator<Item = &Article> {
        self.articles.iter().filter(|a| !a.meta.draft)
    }
}

impl Inputs {
    /// Reads the editors' rules, the static files and the questionnaire.
    fn read(paths: &Paths, options: &Options) -> Inputs {
        let mut problems = Vec::new();
        let editorial = Editorial::load(&paths.articles).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            None
        });
        let (assets, mut found) = Assets::load(&paths.statics);
        problems.append(&mut found);
        let statics =
            static_links(&assets, &paths.statics).map_err(|mut found| problems.append(&mut found)).ok();
        let offline_files =
            OfflineFiles::find(&assets, &paths.statics).map_err(|mut found| problems.append(&mut found)).ok();
        let questionnaire = selfcheck::load(&paths.articles.join(QUESTIONNAIRE_FILE))
            .map_err(|mut found| problems.append(&mut found))
            .ok();
        Inputs {
            gate: Gate::new(*options, editorial),
            assets,
            layout: statics.zip(offline_files),
            questionnaire,
            problems,
        }
    }

    /// Adds the problems of loading the articles (`found`) and what only
    /// all the content together can tell: the questionnaire's readability,
    /// the editors' names, images, links, orders and aliases. Then reads
    /// the editors' synonyms, which read no article (none when their file
    /// has problems).
    fn check<P>(&mut self, paths: &Paths, loaded: &[Loaded<P>], found: Vec<Problem>) -> Synonyms {
        let problems = &mut self.problems;
        problems.extend(found);
        let questionnaire_path = paths.articles.join(QUESTIONNAIRE_FILE);
        if let Some(questionnaire) = &self.questionnaire {
            let prose = readability::measure(&questionnaire.prose());
            problems.extend(self.gate.questionnaire(&questionnaire_path, &prose));
        }
        if let Some(editorial) = &self.gate.editorial {
            let slugs = loaded.iter().map(|l| l.article.slug.as_str()).collect();
            problems.extend(editorial.check_names(&paths.articles.join(EDITORIAL_FILE), &slugs));
        }
        if !loaded.is_empty() {
            problems.extend(images(loaded, &self.assets, &paths.statics));
            problems.extend(cross_checks(
                loaded,
                self.questionnaire.as_ref(),
                &questionnaire_path,
                &paths.articles,
            ));
        }
        Synonyms::load(&paths.articles).unwrap_or_else(|mut found| {
            self.problems.append(&mut found);
            Synonyms::default()
        })
    }

    /// The checked content and what was made of each article, in order; or
    /// every problem. Each article's links are dropped here, once checked.
    fn finish<P>(
        mut self,
        paths: &Paths,
        loaded: Vec<Loaded<Result<P, Vec<Problem>>>>,
        mut found: Vec<Problem>,
    ) -> Result<(Content, Vec<P>), Vec<Problem>> {
        let mut made = Vec::with_capacity(loaded.len());
        let loaded: Vec<Loaded<()>> = loaded
            .into_iter()
            .map(|Loaded { article, links, made: result }| {
                match result {
                    Ok(result) => made.push(result),
                    Err(mut failed) => found.append(&mut failed),
                }
                Loaded { article, links, made: () }
            })
            .collect();
        let synonyms = self.check(paths, &loaded, found);
        let articles: Vec<Article> = loaded.into_iter().map(|l| l.article).collect();
        match (self.questionnaire, self.layout) {
            (Some(questionnaire), Some((statics, offline))) if self.problems.is_empty() => {
                let content = Content {
                    paths: paths.clone(),
                    gate: self.gate,
                    articles,
                    assets: self.assets,
                    statics,
                    offline,
                    questionnaire,
                    synonyms,
                };
                Ok((content, made))
            }
            _ => Err(self.problems),
        }
    }
}

/// The questionnaire's links into each article, by the article's path:
/// their words name the section, read while the article's headings are at
/// hand.
fn links_into(questionnaire: Option<&Questionnaire>) -> HashMap<String, Vec<String>> {
    let mut links: HashMap<String, Vec<String>> = HashMap::new();
    for (_, link) in questionnaire.into_iter().flat_map(Questionnaire::links) {
        let path = link.split_once('#').map_or(link.as_str(), |(path, _)| path).to_string();
        links.entry(path).or_default().push(link);
    }
    links
}

/// What only all the content together can tell: every link of the
/// questionnaire, of the articles and of the templates leads somewhere, and
/// no two articles share an order, a slug or an alias.
fn cross_checks<P>(
    loaded: &[Loaded<P>],
    questionnaire: Option<&Questionnaire>,
    questionnaire_path: &Path,
    articles_dir: &Path,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let index = content::Index::new(loaded);
    if let Some(questionnaire) = questionnaire {
        for (line, link) in questionnaire.links() {
            if let Err(fix) = index.resolve_link(&OTHER_PATHS, None, &link) {
                problems.push(Problem::at(
                    questionnaire_path,
                    line,
                    format!("the link `{link}` leads nowhere"),
                    fix,
                ));
            }
        }
    }
    problems.extend(content::check_articles(loaded, &index, &OTHER_PATHS));
    for link in TEMPLATE_LINKS {
        if let Err(fix) = index.resolve_link(&OTHER_PATHS, None, link) {
            problems.push(Problem::in_file(
                articles_dir,
                format!("every page links to `{link}`, which does not exist"),
                fix,
            ));
        }
    }
    problems
}

/// Every image in an article is a file of `static/` that browsers show as
/// an image.
fn images<P>(loaded: &[Loaded<P>], assets: &Assets, statics: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    for Loaded { article, links, .. } in loaded {
        for image in &links.images {
            let name = image.target.strip_prefix("/static/").unwrap_or_default();
            let found = assets.get(name).map(|asset| asset.content_type.starts_with("image/"));
            if found == Some(true) {
                continue;
            }
            let source = std::fs::read_to_string(&article.path).unwrap_or_default();
            let (message, fix) = match found {
                Some(_) => (
                    format!("the image `{}` is not an image file", image.target),
                    "link a .png, .jpg, .webp, .gif, .avif or .svg file".to_string(),
                ),
                None => (
                    format!("the image `{}` is not in the static folder", image.target),
                    format!("add the file `{name}` to {} or correct the name", statics.display()),
                ),
            };
            problems.push(Problem::at(
                &article.path,
                crate::problem::line_of(&source, image.offset),
                message,
                fix,
            ));
        }
    }
    problems
}

/// The URLs of the static files the templates need, and the share image's
/// size: every one that is missing is a problem.
pub(super) fn static_links(assets: &Assets, statics: &Path) -> Result<StaticLinks, Vec<Problem>> {
    let url = |name: &str| assets.url(name, statics);
    match (
        url("style.css"),
        url("icon.svg"),
        url("share.js"),
        url("print.js"),
        url(SHARE_IMAGE),
        share_image_size(assets, statics),
    ) {
        (
            Ok(css_url),
            Ok(icon_url),
            Ok(share_js_url),
            Ok(print_js_url),
            Ok(share_image_url),
            Ok(share_image_size),
        ) => Ok(StaticLinks {
            css_url,
            icon_url,
            share_js_url,
            print_js_url,
            share_image_url,
            share_image_size,
        }),
        (css, icon, js, print, image, size) => {
            let image = image.err().filter(|_| size.is_ok());
            Err([css.err(), icon.err(), js.err(), print.err(), image, size.err()]
                .into_iter()
                .flatten()
                .collect())
        }
    }
}

/// The width and height of the share image, which must be a PNG.
fn share_image_size(assets: &Assets, statics: &Path) -> Result<(u32, u32), Problem> {
    let asset = assets.get(SHARE_IMAGE).ok_or_else(|| {
        Problem::in_file(
            &statics.join(SHARE_IMAGE),
            format!("link previews need `{SHARE_IMAGE}`, and it is missing"),
            "restore the file from the repository's static/ folder",
        )
    })?;
    png_size(&asset.bytes).ok_or_else(|| {
        Problem::in_file(
            &statics.join(SHARE_IMAGE),
            format!("`{SHARE_IMAGE}` is not a PNG image"),
            "replace it with a 1200x630 PNG under 60 KB (the README says how it was made)",
        )
    })
}
