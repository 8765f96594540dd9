//! `knotwise new "Title"`: a new draft article that passes `knotwise check`
//! as a draft, so an author starts from something that works, and that
//! cannot be published until every placeholder is replaced.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};

use crate::content;
use crate::content::gate::{Gate, placeholder};
use crate::content::slug::slugify;
use crate::date::Date;
use crate::problem::Problem;

/// A draft written to disk.
#[derive(Debug)]
pub struct NewDraft {
    pub path: PathBuf,
    pub slug: String,
    pub order: u32,
}

/// A TOML basic string: quoted, with `"`, `\` and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The file's text: front matter and the usual skeleton. Every sentence is
/// short and plain, so the readability check passes before the author
/// writes a word; every one is a [`placeholder`] that the gate refuses once
/// the author sets `draft = false`, the made-up reference above all.
pub fn skeleton(title: &str, published: Date, order: u32) -> String {
    use placeholder::*;
    format!(
        r#"+++
title = {title}
description = "{DESCRIPTION}"
published = {published}
order = {order}
tags = []
draft = true
+++

> [!NOTE]
> **Key facts**
>
> - {FACT}[^source]
> - {FACT_SHORT}

{OPENING} Use short sentences and everyday words. Back each health claim with a source.[^source]

## {HEADING} {{#first-question}}

{ANSWER} Link to [another article](/articles/about) or to the [self-check](/self-check).

[^source]: {REFERENCE} *The journal, or NHS*. [nhs.uk]({REFERENCE_URL})
"#,
        title = toml_string(title.trim()),
    )
}

/// Creates `articles/<slug>.md` for `title` as a draft with the next free
/// `order`. Refuses to overwrite an existing file.
pub fn create(articles: &Path, title: &str, today: Date) -> Result<NewDraft, Problem> {
    let slug = slugify(title);
    let path = articles.join(format!("{slug}.md"));
    if slug.is_empty() {
        return Err(Problem::in_file(
            articles,
            format!("the title `{title}` has no letters or digits to make a web address from"),
            "give a title with words in it, e.g. knotwise new \"Can I exercise after a massage?\"",
        ));
    }
    // Orders of every article that parses, drafts included: a file that
    // does not parse is reported by `check`, not here.
    let (existing, _) =
        content::load_dir(articles, &Gate::default(), &|| (), &|_: &mut (), _: &content::Article, _| ());
    let order = existing.iter().map(|l| l.article.meta.order).max().map_or(1, |max| max + 1);
    let mut file = OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == ErrorKind::AlreadyExists {
            Problem::in_file(
                &path,
                "this article already exists; it was left as it is",
                "choose another title, or edit the existing file",
            )
        } else {
            Problem::in_file(
                &path,
                format!("cannot create the file: {e}"),
                "check that the articles folder exists and that you may write to it (see --articles)",
            )
        }
    })?;
    file.write_all(skeleton(title, today, order).as_bytes()).map_err(|e| {
        Problem::in_file(&path, format!("cannot write the file: {e}"), "check the disk has space")
    })?;
    Ok(NewDraft { path, slug, order })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_written_as_valid_toml() {
        assert_eq!(toml_string(r#"A "quoted" \ title"#), r#""A \"quoted\" \\ title""#);
        let text = skeleton("Say \"hi\"\t\\", Date { year: 2026, month: 11, day: 29 }, 4);
        assert!(text.contains(r#"title = "Say \"hi\"\u0009\\""#), "{text}");
        assert!(text.contains("published = 2026-11-29\norder = 4\n"), "{text}");
    }
}
