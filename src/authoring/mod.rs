//! Tools for authors: `knotwise new` (a draft that passes `check`) and
//! `knotwise serve --watch` (rebuild on save, problems on the page, live
//! reload).
pub mod draft;
pub mod live;
pub mod watch;
