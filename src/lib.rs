//! Knotwise: a server-rendered health-education site about muscle knots and
//! massage aftercare.
//!
//! The pipeline runs once, at start-up, and values flow one way:
//! file -> typed front matter ([`content::front_matter`]) -> rendered HTML
//! ([`content::markdown`]) -> typed page struct ([`pages`]) -> template ->
//! prepared, compressed bytes ([`prepared`]) in an immutable [`site::Site`].
//! HTTP handlers ([`web`]) only look up.
#![warn(unreachable_pub)]
pub mod assets;
pub mod authoring;
pub mod check;
pub mod config;
pub mod content;
pub(crate) mod cores;
pub mod date;
pub(crate) mod editor_files;
pub mod emergency;
pub mod export;
pub(crate) mod feedback;
pub mod feeds;
pub(crate) mod folder;
pub mod healthcheck;
pub mod logging;
pub(crate) mod markup;
pub(crate) mod memory;
pub mod metrics;
pub(crate) mod needles;
pub mod offline;
pub mod pages;
pub mod prepared;
pub mod problem;
pub mod review;
pub mod search;
pub mod selfcheck;
pub mod server;
pub mod site;
pub mod structured_data;
pub(crate) mod urlencoded;
pub mod urls;
pub mod web;
