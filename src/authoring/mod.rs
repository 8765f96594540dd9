//! Tools for authors: `knotwise new` (a draft that passes `check`).
pub mod draft;
