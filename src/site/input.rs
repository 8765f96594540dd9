//! The input of the site: everything read from disk and checked, not yet rendered.

use crate::assets::Assets;
use crate::assets::png_size;
use crate::content::{self, Article};
use crate::problem::Problem;
use crate::search::index::Indexing;
use crate::search::synonyms::Synonyms;
use crate::selfcheck::{self, Questionnaire};
use crate::urls::{OTHER_PATHS, TEMPLATE_LINKS};
use std::path::{Path, PathBuf};

/// The questionnaire's file name inside the articles folder.
pub const QUESTIONNAIRE_FILE: &str = "self-check.toml";

/// The link-preview image in `static/`, and what it shows.
pub const SHARE_IMAGE: &str = "share.png";
pub const SHARE_IMAGE_ALT: &str =
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
    pub share_image_url: String,
    pub share_image_size: (u32, u32),
}

/// Everything read from disk, checked, not yet rendered into pages.
#[derive(Debug)]
pub struct Content {
    pub paths: Paths,
    /// Every article, drafts included, in navigation order.
    pub articles: Vec<Article>,
    pub assets: Assets,
    pub statics: StaticLinks,
    pub questionnaire: Questionnaire,
    /// The editors' search synonyms and emergency phrases.
    pub synonyms: Synonyms,
    /// The articles' search index, still being built on its own thread;
    /// `None` when loaded only to be checked.
    pub indexing: Option<Indexing>,
}

impl Content {
    /// Reads and checks all content, reporting every problem at once, and
    /// indexes it for search on a thread of its own as it goes.
    pub fn load(paths: &Paths) -> Result<Content, Vec<Problem>> {
        Content::load_with(paths, true)
    }

    /// Reads and checks all content, as [`load`](Self::load) does, without
    /// the search index: `knotwise check` serves nothing, and indexing
    /// 10,000 articles would add about a second of CPU to it.
    pub fn load_for_check(paths: &Paths) -> Result<Content, Vec<Problem>> {
        Content::load_with(paths, false)
    }

    fn load_with(paths: &Paths, index: bool) -> Result<Content, Vec<Problem>> {
        let mut problems = Vec::new();
        let (indexing, texts) = index.then(Indexing::start).unzip();
        let send = |text| {
            // The thread only stops when `texts` is dropped, below.
            if let Some(texts) = &texts {
                let _ = texts.send(text);
            }
        };
        let (articles, mut found) = content::load_dir(&paths.articles, index.then_some(&send));
        drop(texts);
        problems.append(&mut found);
        let assets = Assets::load(&paths.statics).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            Assets::default()
        });
        let questionnaire_path = paths.articles.join(QUESTIONNAIRE_FILE);
        let questionnaire =
            selfcheck::load(&questionnaire_path).map_err(|mut found| problems.append(&mut found)).ok();
        if !articles.is_empty() {
            let index = content::Index::new(&articles);
            if let Some(questionnaire) = &questionnaire {
                for (line, link) in questionnaire.links() {
                    if let Err(fix) = index.resolve_link(&OTHER_PATHS, None, &link) {
                        problems.push(Problem::at(
                            &questionnaire_path,
                            line,
                            format!("the link `{link}` leads nowhere"),
                            fix,
                        ));
                    }
                }
            }
            problems.extend(content::check_articles(&articles, &index, &OTHER_PATHS));
            for link in TEMPLATE_LINKS {
                if let Err(fix) = index.resolve_link(&OTHER_PATHS, None, link) {
                    problems.push(Problem::in_file(
                        &paths.articles,
                        format!("every page links to `{link}`, which does not exist"),
                        fix,
                    ));
                }
            }
        }
        let statics =
            static_links(&assets, &paths.statics).map_err(|mut found| problems.append(&mut found)).ok();
        let synonyms = Synonyms::load(&paths.articles).unwrap_or_else(|mut found| {
            problems.append(&mut found);
            Synonyms::default()
        });
        match (questionnaire, statics) {
            (Some(questionnaire), Some(statics)) if problems.is_empty() => Ok(Content {
                paths: paths.clone(),
                articles,
                assets,
                statics,
                questionnaire,
                synonyms,
                indexing,
            }),
            _ => Err(problems),
        }
    }

    /// The articles readers can see, in order.
    pub fn published(&self) -> impl Iterator<Item = &Article> {
        self.articles.iter().filter(|a| !a.meta.draft)
    }
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
