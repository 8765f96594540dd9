//! The folder an export goes into, and how an earlier export is replaced.
//!
//! Every export keeps a manifest of the files it wrote ([`MANIFEST_FILE`]).
//! A folder is exported into only when it is new, empty, or holds nothing
//! but what its manifest lists: any other folder (a Netlify project with its
//! own `_headers`, `.git/`, `src/`, `CNAME`) is refused and left as it is.
//! The new export is written beside the folder (`.<name>.knotwise-new`) and
//! swapped in with one rename, so a full disk or a killed process at any
//! point leaves the earlier export whole.

use std::collections::BTreeSet;
use std::ffi::CString;
use std::fs;
use std::io::{self, Write as _};
use std::os::unix::ffi::OsStrExt as _;
use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// The manifest: every file the export wrote, one relative path a line.
/// Hidden, so static hosts do not publish it.
pub const MANIFEST_FILE: &str = ".knotwise-export";

const MANIFEST_HEADER: &str = "# Written by `knotwise export`: the files it wrote. The next export replaces exactly these,\n\
     # and refuses this folder if it holds anything else.\n";

/// Where an export goes: the folder, and the one it is written into first.
#[derive(Debug)]
pub(super) struct Target {
    /// The folder as the operator named it, for messages.
    dir: PathBuf,
    /// Its absolute path.
    root: PathBuf,
    /// The new export, beside the folder until it is swapped in.
    staging: PathBuf,
    /// Whether the folder exists (empty or an earlier export) and is swapped.
    earlier: bool,
}

impl Target {
    /// Checks that `dir` may be exported into and makes the folder beside it
    /// to write into.
    pub(super) fn prepare(dir: &Path) -> Result<Target, Problem> {
        let name = dir.file_name().filter(|_| !dir.ends_with("..")).ok_or_else(|| {
            Problem::in_file(dir, "this is not a folder name to export into", "name a folder, e.g. `public`")
        })?;
        let parent = match dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        fs::create_dir_all(parent).map_err(|e| cannot_write(parent, &e))?;
        let parent = fs::canonicalize(parent).map_err(|e| cannot_write(parent, &e))?;
        let root = parent.join(name);
        let earlier = match fs::symlink_metadata(&root) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(cannot_write(dir, &e)),
            Ok(meta) if meta.is_dir() => {
                check_earlier(dir, &root)?;
                true
            }
            Ok(_) => {
                return Err(Problem::in_file(
                    dir,
                    "this is a file or a link, not a folder, so nothing was exported",
                    "export into a new or empty folder, e.g. `knotwise export public`",
                ));
            }
        };
        let mut staging_name = std::ffi::OsString::from(".");
        staging_name.push(name);
        staging_name.push(".knotwise-new");
        let staging = parent.join(staging_name);
        if staging.exists() {
            // Left by an export that was stopped: it is ours if it holds a manifest.
            if !staging.join(MANIFEST_FILE).is_file() {
                return Err(Problem::in_file(
                    &staging,
                    "an export is written here first, and something else is in the way",
                    "move or remove it, then export again",
                ));
            }
            fs::remove_dir_all(&staging).map_err(|e| cannot_write(&staging, &e))?;
        }
        fs::create_dir(&staging).map_err(|e| cannot_write(&staging, &e))?;
        Ok(Target { dir: dir.to_path_buf(), root, staging, earlier })
    }

    /// The folder's absolute path, where the export will be served from.
    pub(super) fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `files` (relative path, bytes), the manifest first, then
    /// swaps the new export in. On any failure the new files are removed
    /// and the folder is as it was.
    pub(super) fn write<'a>(
        self,
        files: impl Iterator<Item = (&'a str, &'a [u8])> + Clone,
    ) -> Result<(), Problem> {
        let written = self.write_staging(files).and_then(|()| self.swap());
        if written.is_err() {
            // Best effort: what is left is found and removed by the next export.
            let _ = fs::remove_dir_all(&self.staging);
        }
        written
    }

    fn write_staging<'a>(
        &self,
        files: impl Iterator<Item = (&'a str, &'a [u8])> + Clone,
    ) -> Result<(), Problem> {
        let mut manifest = MANIFEST_HEADER.to_string();
        for (name, _) in files.clone() {
            manifest.push_str(name);
            manifest.push('\n');
        }
        // The manifest first: a folder left by a stopped export is then
        // known as ours and removed by the next one.
        self.write_file(MANIFEST_FILE, manifest.as_bytes())?;
        for (name, bytes) in files {
            self.write_file(name, bytes)?;
        }
        Ok(())
    }

    fn write_file(&self, name: &str, bytes: &[u8]) -> Result<(), Problem> {
        let path = self.staging.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| self.not_written(&e))?;
        }
        let mut file = fs::File::create(&path).map_err(|e| self.not_written(&e))?;
        file.write_all(bytes).map_err(|e| self.not_written(&e))
    }

    /// Puts the new export in the folder's place with one rename; an
    /// earlier export is exchanged with it atomically, then removed.
    fn swap(&self) -> Result<(), Problem> {
        if !self.earlier {
            return fs::rename(&self.staging, &self.root).map_err(|e| self.not_written(&e));
        }
        // An empty folder is replaced by a plain rename (the kernel allows
        // it); an earlier export is exchanged, so the folder always holds one
        // whole export.
        let empty = fs::read_dir(&self.root).map_err(|e| self.not_written(&e))?.next().is_none();
        if empty {
            return fs::rename(&self.staging, &self.root).map_err(|e| self.not_written(&e));
        }
        let old = match exchange(&self.staging, &self.root) {
            // The staging path now holds the earlier export.
            Ok(()) => self.staging.clone(),
            // A file system that cannot exchange (NFS): two renames; the
            // earlier export is moved back if the second fails.
            Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) => {
                let mut aside = self.staging.clone().into_os_string();
                aside.push("-old");
                let aside = PathBuf::from(aside);
                fs::rename(&self.root, &aside).map_err(|e| self.not_written(&e))?;
                if let Err(e) = fs::rename(&self.staging, &self.root) {
                    let _ = fs::rename(&aside, &self.root);
                    return Err(self.not_written(&e));
                }
                aside
            }
            Err(e) => return Err(self.not_written(&e)),
        };
        fs::remove_dir_all(&old).map_err(|e| {
            Problem::in_file(
                &old,
                format!(
                    "the new export is in place, but its predecessor, moved here, could not be removed: {e}"
                ),
                "remove this folder by hand",
            )
        })
    }

    fn not_written(&self, e: &io::Error) -> Problem {
        let kept = if self.earlier {
            "the earlier export in it is whole and unchanged"
        } else {
            "nothing was written"
        };
        Problem::in_file(
            &self.dir,
            format!("the export failed ({e}); {kept}"),
            "make room on the disk or fix the folder's permissions, then export again",
        )
    }
}

/// Checks that the existing folder `root` is empty or an earlier export
/// holding only the files its manifest lists.
fn check_earlier(dir: &Path, root: &Path) -> Result<(), Problem> {
    let mut found = Vec::new();
    list_files(root, Path::new(""), &mut found).map_err(|e| cannot_write(dir, &e))?;
    if found.is_empty() {
        return Ok(());
    }
    let refuse = |message: String| {
        Problem::in_file(
            dir,
            message,
            "export into a new or empty folder (e.g. `knotwise export public`), or move those files out first",
        )
    };
    let Ok(manifest) = fs::read_to_string(root.join(MANIFEST_FILE)) else {
        return Err(refuse(format!(
            "the folder is not empty and is not an earlier export (it has no `{MANIFEST_FILE}`), so nothing was \
             exported and nothing in it was touched"
        )));
    };
    let listed: BTreeSet<&str> =
        manifest.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).chain([MANIFEST_FILE]).collect();
    let others: Vec<&String> = found.iter().filter(|f| !listed.contains(f.as_str())).collect();
    if others.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = others.iter().take(5).map(|f| format!("`{f}`")).collect();
    let more = if others.len() > 5 { format!(" and {} more", others.len() - 5) } else { String::new() };
    Err(refuse(format!(
        "the folder holds files an export did not write ({}{more}), so nothing was exported and nothing in it \
         was touched",
        shown.join(", ")
    )))
}

/// Every entry under `dir` that is not a folder, as relative paths with `/`.
fn list_files(dir: &Path, relative: &Path, found: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = relative.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            list_files(&entry.path(), &name, found)?;
        } else {
            found.push(name.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

/// Swaps two folders in one step (`renameat2` with `RENAME_EXCHANGE`).
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid C strings; the call only renames.
    let done = unsafe {
        libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE)
    };
    if done == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

fn cannot_write(path: &Path, e: &io::Error) -> Problem {
    Problem::in_file(path, format!("cannot write the export: {e}"), "check that you may write to the folder")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, files: &[(&str, &str)]) -> Result<(), Problem> {
        Target::prepare(dir)?.write(files.iter().map(|(name, text)| (*name, text.as_bytes())))
    }

    /// Every file under `dir` with its text, sorted.
    fn contents(dir: &Path) -> Vec<(String, String)> {
        let mut found = Vec::new();
        list_files(dir, Path::new(""), &mut found).unwrap();
        found.sort();
        found.into_iter().map(|f| (f.clone(), fs::read_to_string(dir.join(&f)).unwrap())).collect()
    }

    #[test]
    fn an_earlier_export_is_replaced_whole_and_a_manifest_kept() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        write(&dir, &[("index.html", "one"), ("articles/gone.html", "old")]).unwrap();
        write(&dir, &[("index.html", "two"), ("articles/new.html", "new")]).unwrap();
        let names: Vec<String> = contents(&dir).into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, [MANIFEST_FILE, "articles/new.html", "index.html"]);
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "two");
        let manifest = fs::read_to_string(dir.join(MANIFEST_FILE)).unwrap();
        assert!(manifest.ends_with("index.html\narticles/new.html\n"), "{manifest}");
        // Nothing is left beside it.
        assert_eq!(fs::read_dir(parent.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_with_its_own_headers_file_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [
            ("_headers", "/*\n  X-Frame-Options: DENY\n"),
            ("CNAME", "example.org"),
            (".git/HEAD", "ref"),
            ("src/main.rs", "fn main() {}"),
        ] {
            fs::create_dir_all(dir.path().join(name).parent().unwrap()).unwrap();
            fs::write(dir.path().join(name), text).unwrap();
        }
        let before = contents(dir.path());
        let problem = write(dir.path(), &[("index.html", "new")]).unwrap_err();
        assert!(problem.message.contains("is not an earlier export"), "{problem}");
        assert!(problem.fix.contains("export into a new or empty folder"), "{problem}");
        assert_eq!(contents(dir.path()), before);
    }

    #[test]
    fn an_earlier_export_with_files_added_by_hand_is_refused_and_untouched() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        write(&dir, &[("index.html", "one")]).unwrap();
        fs::write(dir.join("CNAME"), "example.org").unwrap();
        let before = contents(&dir);
        let problem = write(&dir, &[("index.html", "two")]).unwrap_err();
        assert!(problem.message.contains("files an export did not write (`CNAME`)"), "{problem}");
        assert_eq!(contents(&dir), before);
    }

    #[test]
    fn a_failure_part_way_leaves_the_earlier_export_whole() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        write(&dir, &[("index.html", "one"), ("404.html", "lost")]).unwrap();
        let before = contents(&dir);
        // The second file cannot be written: `index.html` is a file, not a folder.
        let problem = write(&dir, &[("index.html", "two"), ("index.html/x.html", "x")]).unwrap_err();
        assert!(problem.message.contains("the earlier export in it is whole and unchanged"), "{problem}");
        assert_eq!(contents(&dir), before);
        assert_eq!(fs::read_dir(parent.path()).unwrap().count(), 1, "the half-written export is removed");
    }

    #[test]
    fn a_folder_left_by_a_stopped_export_is_removed_by_the_next() {
        let parent = tempfile::tempdir().unwrap();
        let staging = parent.path().join(".public.knotwise-new");
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join(MANIFEST_FILE), MANIFEST_HEADER).unwrap();
        fs::write(staging.join("half.html"), "half").unwrap();
        write(&parent.path().join("public"), &[("index.html", "one")]).unwrap();
        assert!(!staging.exists());
        // Anything else there is not ours to remove.
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join("notes.txt"), "mine").unwrap();
        let problem = write(&parent.path().join("public"), &[("index.html", "two")]).unwrap_err();
        assert!(problem.message.contains("something else is in the way"), "{problem}");
        assert_eq!(fs::read_to_string(staging.join("notes.txt")).unwrap(), "mine");
    }

    #[test]
    fn an_empty_folder_is_exported_into() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[("index.html", "one")]).unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("index.html")).unwrap(), "one");
    }
}
