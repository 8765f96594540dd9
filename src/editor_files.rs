//! Files that editors leave beside the ones they edit: swap, lock, backup
//! and temp files. They are never content: the loaders skip them, so an
//! open editor never breaks the site, and `serve --watch` never rebuilds
//! for them.

use std::path::Path;

/// Whether `path` names an editor's swap, lock, backup or temp file, or a
/// hidden file (which includes the swap and lock files of vim and emacs).
pub(crate) fn is_editor_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return true };
    name.starts_with('.') // vim .x.swp, emacs .#x lock, macOS ._x and .DS_Store
        || name.starts_with('#') // emacs #x# auto-save
        || name.starts_with("~$") // office lock files
        || name.ends_with('~') // backups
        || name == "4913" // vim's test file before a save
        || [".swp", ".swo", ".swx", ".tmp", ".temp", ".bak", ".orig", ".part", ".crswap", ".kate-swp"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name.contains("___jb_") // JetBrains safe-write
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_swap_lock_and_backup_files_are_recognised() {
        for name in [
            ".about.md.swp",
            ".about.md.swx",
            ".#about.md",
            "#about.md#",
            "about.md~",
            "4913",
            "about.md.tmp",
            "about.md___jb_tmp___",
            "about.md___jb_old___",
            "~$about.md",
            "._about.md",
            ".DS_Store",
            "about.md.kate-swp",
            "about.md.crswap",
        ] {
            assert!(is_editor_file(Path::new(name)), "{name}");
        }
        for name in ["about.md", "self-check.toml", "style.css", "share.png", "what-is-a-muscle-knot.md"] {
            assert!(!is_editor_file(Path::new(name)), "{name}");
        }
    }
}
