//! `knotwise export` replaces an earlier export atomically: a full disk or a
//! killed process part-way leaves it whole, and a folder that is not an
//! export (a Netlify project with its own `_headers`) is never touched.

mod common;

use std::collections::BTreeMap;
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::path::Path;
use std::process::Output;

use common::Fixture;
use common::fixture_with_warning_signs as fixture_to_export;

/// Every file under `dir` with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                folders.push(entry.path());
            } else {
                let name = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                found.insert(name, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    found
}

/// `knotwise export` of the fixture into `dir`, with `limit` on the size of
/// any file it writes; `killed` chooses between SIGXFSZ killing the process
/// (its default) and writes failing with "File too large", as on a full disk.
fn export(site: &Fixture, dir: &Path, limit: Option<(u64, bool)>) -> Output {
    let mut command = common::server::knotwise();
    command.args(["export", "--base-url", "https://knotwise.example"]).arg(dir);
    command.arg("--articles").arg(site.articles()).arg("--static").arg(site.statics());
    if let Some((bytes, killed)) = limit {
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(move || {
                if !killed {
                    libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                }
                let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
    }
    command.output().unwrap()
}

#[test]
fn a_full_disk_or_a_kill_part_way_leaves_the_earlier_export_whole() {
    let site = fixture_to_export();
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("public");
    let first = export(&site, &dir, None);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let earlier = contents(&dir);
    assert!(earlier.contains_key("index.html") && earlier.contains_key(knotwise::export::MANIFEST_FILE));
    let largest = earlier.values().map(Vec::len).max().unwrap() as u64;
    // Small files are written, the first large one is not.
    let limit = largest / 2;

    let full = export(&site, &dir, Some((limit, false)));
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert!(!full.status.success(), "{stderr}");
    assert!(stderr.contains("the earlier export in it is whole and unchanged"), "{stderr}");
    assert!(stderr.contains("fix: make room on the disk"), "{stderr}");
    assert_eq!(contents(&dir), earlier);
    assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 1, "the half-written export is removed");

    let killed = export(&site, &dir, Some((limit, true)));
    assert_eq!(killed.status.signal(), Some(libc::SIGXFSZ), "{killed:?}");
    assert_eq!(contents(&dir), earlier);

    // The next export finds what the killed one left, removes it and succeeds.
    let again = export(&site, &dir, None);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert_eq!(contents(&dir), earlier, "identical content exports identical files");
    assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 1);
}

#[test]
fn a_folder_holding_its_own_headers_file_is_refused_and_untouched() {
    let site = fixture_to_export();
    let project = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("_headers", "/*\n  X-Frame-Options: DENY\n"),
        ("CNAME", "knotwise.example"),
        (".git/HEAD", "ref: refs/heads/main\n"),
        ("src/index.md", "# Home\n"),
    ] {
        std::fs::create_dir_all(project.path().join(name).parent().unwrap()).unwrap();
        std::fs::write(project.path().join(name), text).unwrap();
    }
    let before = contents(project.path());
    let out = export(&site, project.path(), None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("is not an earlier export"), "{stderr}");
    assert!(stderr.contains("fix: export into a new or empty folder"), "{stderr}");
    assert_eq!(contents(project.path()), before);
}
