//! Static files (`static/`): read once, named by content hash.
//!
//! Each file is served under `/static/<stem>.<hash>.<ext>` with a year-long
//! immutable cache, and under its plain name with a short one. Templates ask
//! for the hashed URL by plain name, so a changed stylesheet gets a new URL
//! and no reader ever sees a stale one.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::editor_files::is_editor_file;
use crate::folder::{self, Unread};
use crate::prepared::content_hash;
use crate::problem::Problem;
use crate::urls;

/// One static file.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The plain file name, e.g. `style.css`.
    pub name: String,
    /// The content-hashed URL path, e.g. `/static/style.1a2b3c4d5e6f7a8b.css`.
    pub url: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// All static files, by plain name.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    files: BTreeMap<String, Asset>,
}

/// The content type for a file extension, for the types the site uses.
pub fn content_type(extension: &str) -> Option<&'static str> {
    Some(match extension {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => return None,
    })
}

impl Assets {
    /// Reads every file directly inside `dir`, except hidden ones
    /// (`.DS_Store`, `.gitkeep`) and editors' swap, lock and backup files
    /// ([`is_editor_file`]), which are never served. A file that cannot be
    /// served is a problem of its own; the others are still read, so one
    /// stray file is never reported as the real ones missing.
    pub fn load(dir: &Path) -> (Assets, Vec<Problem>) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                let problem = Problem::in_file(
                    dir,
                    format!("cannot read the static folder: {e}"),
                    "pass the folder that holds style.css with `--static <dir>`",
                );
                return (Assets::default(), vec![problem]);
            }
        };
        let mut assets = Assets::default();
        let mut problems = Vec::new();
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            // Folders are skipped; anything else that is not a regular file
            // is refused by `folder::read`, with its fix.
            .filter(|p| !is_editor_file(p) && !fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
            let Some(content_type) = content_type(ext) else {
                let what = if ext.is_empty() {
                    format!("the static file `{name}` has no extension, so the site cannot say what it is")
                } else {
                    format!("the static file type `.{ext}` is not one the site serves")
                };
                problems.push(Problem::in_file(
                    &path,
                    what,
                    "use .css, .js, .svg, .png, .jpg, .webp, .gif, .avif, .ico, .txt or .webmanifest, or move the file out of static/",
                ));
                continue;
            };
            match folder::read(&path) {
                Ok(bytes) => {
                    let url = urls::static_file(&format!("{stem}.{}.{ext}", content_hash(&bytes)));
                    assets.files.insert(name.clone(), Asset { name, url, content_type, bytes });
                }
                Err(Unread::Refused(problem)) => problems.push(problem),
                Err(Unread::Io(e)) => problems.push(Problem::in_file(
                    &path,
                    format!("cannot read the file: {e}"),
                    "check its permissions",
                )),
            }
        }
        (assets, problems)
    }

    /// The hashed URL of a file the templates need, or a problem naming it.
    pub fn url(&self, name: &str, dir: &Path) -> Result<String, Problem> {
        self.files.get(name).map(|a| a.url.clone()).ok_or_else(|| {
            Problem::in_file(
                &dir.join(name),
                format!("the page templates need `{name}`, and it is missing"),
                "restore the file from the repository's static/ folder",
            )
        })
    }

    /// Every file.
    pub fn iter(&self) -> impl Iterator<Item = &Asset> {
        self.files.values()
    }

    /// One file by plain name.
    pub fn get(&self, name: &str) -> Option<&Asset> {
        self.files.get(name)
    }
}

/// The width and height of a PNG image, read from its header (the `IHDR`
/// chunk, which the format requires first), or `None` if it is not a PNG.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || &bytes[..8] != SIGNATURE || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let number = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((number(16), number(20)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_urls_change_with_content() {
        let dir = std::env::temp_dir().join(format!("knotwise-assets-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("style.css"), "body{}").unwrap();
        let first = Assets::load(&dir).0.url("style.css", &dir).unwrap();
        assert!(first.starts_with("/static/style.") && first.ends_with(".css"), "{first}");
        fs::write(dir.join("style.css"), "body{color:red}").unwrap();
        let second = Assets::load(&dir).0.url("style.css", &dir).unwrap();
        assert_ne!(first, second);
        fs::write(dir.join("notes.doc"), "x").unwrap();
        let (_, problems) = Assets::load(&dir);
        assert!(problems[0].message.contains("`.doc`"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hidden_files_are_skipped_not_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("style.css"), "body{}").unwrap();
        fs::write(dir.path().join(".DS_Store"), [0u8, 1, 2]).unwrap();
        fs::write(dir.path().join(".gitkeep"), "").unwrap();
        let (assets, problems) = Assets::load(dir.path());
        assert!(problems.is_empty(), "hidden files are not problems: {problems:?}");
        let names: Vec<&str> = assets.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["style.css"]);
    }

    #[test]
    fn png_size_reads_the_header_and_refuses_other_files() {
        let share = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("static/share.png")).unwrap();
        assert_eq!(png_size(&share), Some((1200, 630)));
        assert_eq!(png_size(b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"), None);
        assert_eq!(png_size(&share[..20]), None);
    }

    #[test]
    fn missing_required_file_is_named() {
        let problem = Assets::default().url("style.css", Path::new("static")).unwrap_err();
        assert!(problem.to_string().contains("static/style.css"));
    }
}
