//! Reading a file of a content folder (`articles/`, `static/`) strictly
//! from inside that folder.
//!
//! Only regular files are read. A named pipe (FIFO) is never opened, since
//! opening one waits for a writer for ever; sockets, devices and folders
//! are refused too. A symbolic link is followed only when everything it
//! leads to stays inside the file's folder: links that stay inside are how
//! Kubernetes mounts a ConfigMap (`name -> ..data/name`) and how authors
//! give one file a second name, while a link that leaves the folder
//! (`env.txt -> /proc/self/environ`) would publish whatever it points at.
//! Every refusal is a [`Problem`] naming the file and the fix, so `check`,
//! `serve` and `export` all refuse the same files.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum Unread {
    /// The file is not one the site may read: a link out of its folder, a
    /// FIFO, a socket, a device or a folder.
    Refused(Problem),
    /// Reading failed (missing, no permission, ...): the caller says what
    /// the file is for.
    Io(io::Error),
}

impl From<io::Error> for Unread {
    fn from(e: io::Error) -> Self {
        Unread::Io(e)
    }
}

/// Reads `path`, a file directly in a content folder (its parent), if it
/// is a regular file there or a link to a regular file inside that folder.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, Unread> {
    let found = fs::symlink_metadata(path)?;
    let target = if found.file_type().is_symlink() { inside_target(path)? } else { path.to_path_buf() };
    let kind =
        if found.file_type().is_symlink() { fs::metadata(&target)?.file_type() } else { found.file_type() };
    if !kind.is_file() {
        return Err(Unread::Refused(not_regular(path, kind)));
    }
    // `O_NONBLOCK`: had a FIFO been put in the file's place since the check
    // above, opening it returns at once instead of waiting for a writer;
    // `O_NOFOLLOW`: nor is a link put there followed.
    let mut file =
        OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW).open(&target)?;
    let opened = file.metadata()?.file_type();
    if !opened.is_file() {
        return Err(Unread::Refused(not_regular(path, opened)));
    }
    read_all(&mut file)
}

fn read_all(file: &mut File) -> Result<Vec<u8>, Unread> {
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Where the link at `path` leads, when that is inside the link's folder.
fn inside_target(path: &Path) -> Result<PathBuf, Unread> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let folder = fs::canonicalize(folder)?;
    let leads_to = fs::read_link(path).unwrap_or_default();
    let target = fs::canonicalize(path).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            Unread::Refused(Problem::in_file(
                path,
                format!("this is a link to `{}`, which does not exist", leads_to.display()),
                "put the file itself here, or remove the link",
            ))
        } else {
            Unread::Io(e)
        }
    })?;
    if !target.starts_with(&folder) {
        return Err(Unread::Refused(Problem::in_file(
            path,
            format!(
                "this is a link to `{}`, outside the folder `{}`, so it was not read: files are read only \
                 from inside their folder",
                target.display(),
                folder.display()
            ),
            "put a copy of the file itself in the folder, or remove the link",
        )));
    }
    Ok(target)
}

fn not_regular(path: &Path, kind: fs::FileType) -> Problem {
    let what = if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    };
    Problem::in_file(
        path,
        format!("this is {what}, not a regular file, so it was not read"),
        "remove it, or put a regular file with this name in its place",
    )
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn refusal(path: &Path) -> Problem {
        match read(path) {
            Err(Unread::Refused(problem)) => problem,
            other => panic!("{} was not refused: {other:?}", path.display()),
        }
    }

    #[test]
    fn regular_files_and_links_inside_the_folder_are_read() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "words").unwrap();
        assert_eq!(read(&dir.path().join("a.md")).unwrap(), b"words");
        // As a Kubernetes ConfigMap volume lays its files out.
        fs::create_dir(dir.path().join("..data")).unwrap();
        fs::write(dir.path().join("..data/b.md"), "more").unwrap();
        symlink("..data/b.md", dir.path().join("b.md")).unwrap();
        assert_eq!(read(&dir.path().join("b.md")).unwrap(), b"more");
        symlink("a.md", dir.path().join("c.md")).unwrap();
        assert_eq!(read(&dir.path().join("c.md")).unwrap(), b"words");
    }

    #[test]
    fn links_out_of_the_folder_are_refused_with_the_fix() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        symlink(outside.path().join("secret.txt"), dir.path().join("env.txt")).unwrap();
        symlink("/proc/self/environ", dir.path().join("environ.txt")).unwrap();
        symlink("../", dir.path().join("up.md")).unwrap();
        // A link to a link that leaves is followed to its end.
        symlink("env.txt", dir.path().join("again.txt")).unwrap();
        for name in ["env.txt", "environ.txt", "again.txt"] {
            let problem = refusal(&dir.path().join(name));
            assert_eq!(problem.file, dir.path().join(name));
            assert!(problem.message.contains("outside the folder"), "{problem}");
            assert!(problem.fix.contains("put a copy of the file itself in the folder"), "{problem}");
        }
        assert!(refusal(&dir.path().join("up.md")).message.contains("outside the folder"));
        symlink("missing.md", dir.path().join("dangling.md")).unwrap();
        assert!(
            refusal(&dir.path().join("dangling.md")).message.contains("`missing.md`, which does not exist")
        );
    }

    #[test]
    fn fifos_sockets_devices_and_folders_are_refused_without_opening_them() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid C string and mode; mkfifo only creates the file.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
        let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("socket.md")).unwrap();
        fs::create_dir(dir.path().join("folder.md")).unwrap();
        symlink("/dev/zero", dir.path().join("zero.md")).unwrap();
        for (name, says) in
            [("pipe.md", "a named pipe (FIFO)"), ("socket.md", "a socket"), ("folder.md", "a folder")]
        {
            let problem = refusal(&dir.path().join(name));
            assert!(problem.message.contains(says), "{problem}");
            assert!(problem.fix.contains("put a regular file with this name in its place"), "{problem}");
        }
        assert!(refusal(&dir.path().join("zero.md")).message.contains("outside the folder"));
        assert!(refusal(Path::new("/dev/null")).message.contains("a device"));
    }

    #[test]
    fn a_missing_file_is_an_io_error_for_the_caller_to_name() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            matches!(read(&dir.path().join("none.md")), Err(Unread::Io(e)) if e.kind() == io::ErrorKind::NotFound)
        );
    }
}
