//! A problem found in the content (articles or the self-check questionnaire).
//!
//! Content is checked as a whole before anything is served: every problem is
//! collected, then all of them are printed at once, each naming the file, the
//! line and what to write instead. `knotwise serve` refuses to start and
//! `knotwise check` exits non-zero while any problem remains.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file the problem is in.
    pub file: PathBuf,
    /// The 1-based line the problem is on, when it has one.
    pub line: Option<usize>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to write instead.
    pub fix: String,
}

impl Problem {
    /// A problem at a line of `file`.
    pub fn at(file: &Path, line: usize, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Problem { file: file.to_path_buf(), line: Some(line), message: message.into(), fix: fix.into() }
    }

    /// A problem with the file as a whole.
    pub fn in_file(file: &Path, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Problem { file: file.to_path_buf(), line: None, message: message.into(), fix: fix.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file.display(), line, self.message)?,
            None => write!(f, "{}: {}", self.file.display(), self.message)?,
        }
        write!(f, "\n  fix: {}", self.fix)
    }
}

/// Prints every problem to standard error, with a count first.
pub fn eprint_all(problems: &[Problem]) {
    eprintln!("Found {} problem{}:\n", problems.len(), if problems.len() == 1 { "" } else { "s" });
    for problem in problems {
        eprintln!("{problem}\n");
    }
}

/// The 1-based line of a byte offset in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_fix() {
        let p = Problem::at(Path::new("articles/a.md"), 3, "unknown field `titel`", "write `title`");
        assert_eq!(p.to_string(), "articles/a.md:3: unknown field `titel`\n  fix: write `title`");
    }

    #[test]
    fn line_of_counts_newlines_before_offset() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
        assert_eq!(line_of("a", 99), 1);
    }
}
