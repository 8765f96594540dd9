//! Watching the content folders for saves, by polling.
//!
//! Polling, not file events: events never arrive on Docker volumes, WSL and
//! network drives, and editors that save by renaming a temp file over the
//! original send events for names we would have to track. A poll compares
//! what is there now with what was there before, so every way of saving
//! looks the same. The folders hold a few dozen small files; hashing them
//! all every [`POLL_INTERVAL`] costs well under a millisecond of CPU and
//! needs no crate. Hashing the bytes, not only the modification times,
//! also catches saves within one tick of a coarse file-system clock.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::editor_files::is_editor_file;

/// How often the folders are looked at.
pub(crate) const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// How long the folders must stay unchanged before a rebuild: an editor's
/// save (write a temp file, rename it, touch a backup) settles in one go,
/// and the site is never built from a half-written file.
pub(crate) const QUIET: Duration = Duration::from_millis(150);

/// Whether a file in a watched folder is content, not an editor's temp,
/// swap, lock or backup file. `markdown` is true for the articles folder,
/// where only Markdown and TOML count.
pub fn counts(path: &Path, markdown: bool) -> bool {
    if is_editor_file(path) {
        return false;
    }
    !markdown || path.extension().is_some_and(|ext| ext == "md" || ext == "toml")
}

/// What the watched files hold: path -> hash of the bytes.
pub(crate) type Snapshot = BTreeMap<PathBuf, u64>;

/// The files that count in `articles` (Markdown, TOML) and `statics`
/// (everything), each with a hash of its bytes. A file that vanishes while
/// being read is simply not there: the next poll sees the folder settled.
pub fn snapshot(articles: &Path, statics: &Path) -> Snapshot {
    let mut files = Snapshot::new();
    for (dir, markdown) in [(articles, true), (statics, false)] {
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if !counts(&path, markdown) {
                continue;
            }
            // A refused file (a FIFO, a link out of the folder) counts
            // without being opened, so the rebuild that reports it happens.
            match crate::folder::read(&path) {
                Ok(bytes) => {
                    let mut hasher = DefaultHasher::new();
                    bytes.hash(&mut hasher);
                    files.insert(path, hasher.finish());
                }
                Err(crate::folder::Unread::Refused(_)) => {
                    files.insert(path, 0);
                }
                Err(crate::folder::Unread::Io(_)) => {}
            }
        }
    }
    files
}

/// Decides when to rebuild: once something changed and then nothing more
/// changed for [`QUIET`].
#[derive(Debug, Default)]
pub(crate) struct Debounce {
    last_change: Option<Instant>,
}

impl Debounce {
    /// Records one poll at `now`; `changed` is whether the snapshot differs
    /// from the previous poll. Returns true when it is time to rebuild.
    pub(crate) fn poll(&mut self, now: Instant, changed: bool, quiet: Duration) -> bool {
        if changed {
            self.last_change = Some(now);
            return false;
        }
        match self.last_change {
            Some(at) if now.duration_since(at) >= quiet => {
                self.last_change = None;
                true
            }
            _ => false,
        }
    }
}

/// Polls `articles` and `statics` for ever, calling `rebuild` after each
/// settled change. Runs on its own thread.
pub fn watch(articles: &Path, statics: &Path, mut rebuild: impl FnMut()) {
    let mut seen = snapshot(articles, statics);
    let mut debounce = Debounce::default();
    loop {
        std::thread::sleep(POLL_INTERVAL);
        let now = snapshot(articles, statics);
        let changed = now != seen;
        seen = now;
        if debounce.poll(Instant::now(), changed, QUIET) {
            rebuild();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_count_only_markdown_and_toml() {
        assert!(counts(Path::new("articles/what-is-a-muscle-knot.md"), true));
        assert!(counts(Path::new("articles/self-check.toml"), true));
        assert!(!counts(Path::new("articles/notes.txt"), true));
        assert!(!counts(Path::new("articles/README"), true));
        assert!(counts(Path::new("static/style.css"), false));
        assert!(counts(Path::new("static/share.png"), false));
    }

    #[test]
    fn editor_files_never_count() {
        for name in [".about.md.swp", ".#about.md", "about.md~", "about.md.tmp", ".style.css.swp"] {
            assert!(!counts(&Path::new("articles").join(name), true), "{name}");
            assert!(!counts(&Path::new("static").join(name), false), "{name}");
        }
    }

    #[test]
    fn a_rebuild_waits_until_the_files_are_quiet() {
        let quiet = Duration::from_millis(150);
        let t0 = Instant::now();
        let at = |ms| t0 + Duration::from_millis(ms);
        let mut debounce = Debounce::default();
        assert!(!debounce.poll(at(0), false, quiet), "nothing changed");
        assert!(!debounce.poll(at(200), true, quiet), "a change starts the wait");
        assert!(!debounce.poll(at(300), true, quiet), "a second write restarts it");
        assert!(!debounce.poll(at(400), false, quiet), "not quiet long enough");
        assert!(debounce.poll(at(450), false, quiet), "quiet: rebuild");
        assert!(!debounce.poll(at(600), false, quiet), "once per change");
    }

    #[test]
    fn snapshots_see_writes_renames_and_deletions_but_not_swap_files() {
        let dir = tempfile::tempdir().unwrap();
        let (articles, statics) = (dir.path().join("articles"), dir.path().join("static"));
        std::fs::create_dir_all(&articles).unwrap();
        std::fs::create_dir_all(&statics).unwrap();
        std::fs::write(articles.join("a.md"), "one").unwrap();
        let first = snapshot(&articles, &statics);

        std::fs::write(articles.join(".a.md.swp"), "swap").unwrap();
        std::fs::write(articles.join("a.md~"), "backup").unwrap();
        assert_eq!(snapshot(&articles, &statics), first, "swap and backup files do not count");

        // Same length, same second: only the bytes tell.
        std::fs::write(articles.join("a.md"), "two").unwrap();
        let second = snapshot(&articles, &statics);
        assert_ne!(second, first);

        // A rename-save: write a temp file, rename it over the original.
        std::fs::write(articles.join("a.md.tmp"), "three").unwrap();
        assert_eq!(snapshot(&articles, &statics), second, "the temp file does not count");
        std::fs::rename(articles.join("a.md.tmp"), articles.join("a.md")).unwrap();
        let third = snapshot(&articles, &statics);
        assert_ne!(third, second);

        std::fs::write(statics.join("style.css"), "body{}").unwrap();
        assert_ne!(snapshot(&articles, &statics), third, "static files count");
        std::fs::remove_file(articles.join("a.md")).unwrap();
        assert!(!snapshot(&articles, &statics).contains_key(&articles.join("a.md")));
    }
}
