//! The post-massage self-check: a short questionnaire that suggests how soon
//! to get help. It triages; it never diagnoses.
//!
//! The pipeline, each step a plain value that can be tested on its own:
//!
//! 1. `articles/self-check.toml` --[`load`]/[`parse`]--> [`Questionnaire`]
//!    (checked once at start-up; every problem reported with its line);
//! 2. decoded form pairs --> answers (to come);
//! 3. answers --> the [`Level`], the reasons and the [`Advice`] (to come).
//!
//! No HTTP, templates or I/O live here, apart from reading the file in [`load`].

mod questionnaire;

pub use questionnaire::{
    Advice, AnswerOption, AnswerRef, Choice, Level, Question, Questionnaire, Review, Reviewer, Rule, load,
    parse,
};

/// Shared by the tests: the real questionnaire.
#[cfg(test)]
mod testing {
    use std::path::Path;
    use std::sync::OnceLock;

    use super::{Questionnaire, load};

    /// `articles/self-check.toml`, loaded once.
    pub(super) fn real() -> &'static Questionnaire {
        static REAL: OnceLock<Questionnaire> = OnceLock::new();
        REAL.get_or_init(|| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles/self-check.toml");
            load(&path).unwrap_or_else(|problems| {
                let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                panic!("articles/self-check.toml has problems:\n{}", list.join("\n"))
            })
        })
    }
}
