//! `knotwise export DIR`: the site as files any static host or CDN serves.
//!
//! The files come from the same prepared [`Site`] that `knotwise serve`
//! answers from, so the bytes are the ones the server would send. Each page
//! becomes the file a host maps its URL to (`/articles/<slug>` ->
//! `articles/<slug>.html`, `/` -> `index.html`, the 404 page -> `404.html`),
//! with `.br` and `.gz` siblings at the best compression level wherever the
//! server would send that encoding. [`hosts`] writes the headers, the
//! redirects and an nginx server block; [`fallback`] the pages served when
//! the running Knotwise behind them does not answer. Output is
//! deterministic: exporting twice gives identical files.

mod fallback;
mod hosts;
pub mod preview;
mod target;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use crate::prepared::{Accepted, CachePolicy, Encoding, Prepared};
use crate::problem::Problem;
use crate::site::Site;

pub use fallback::Fallbacks;
use fallback::{SEARCH_FALLBACK, SELF_CHECK_FALLBACK};
pub use hosts::{HEADERS_FILE, NGINX_FILE, Origin, REDIRECTS_FILE};
pub use target::MANIFEST_FILE;
use target::Target;

/// Paths the server answers that are not part of a static copy: the health
/// check belongs to a running process.
const NOT_EXPORTED: [&str; 1] = ["/healthz"];

/// The 404 page's file, the name Netlify, Cloudflare Pages and GitHub
/// Pages look for.
pub(crate) const NOT_FOUND_FILE: &str = "404.html";

/// One URL of the site and the file that holds it.
#[derive(Debug)]
pub struct ExportedFile<'a> {
    /// The URL path, e.g. `/articles/what-is-a-muscle-knot`.
    pub url: String,
    /// The file, relative to the export folder, e.g. `articles/what-is-a-muscle-knot.html`.
    pub file: String,
    pub prepared: &'a Prepared,
}

/// What an export wrote, for the summary line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub urls: usize,
    pub files: usize,
    pub bytes: u64,
}

/// The file a static host maps `url` to: `/` -> `index.html`, a path whose
/// last segment has an extension -> itself, any other path -> `<path>.html`.
pub fn file_for(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() {
        "index.html".to_string()
    } else if path.rsplit('/').next().is_some_and(|last| last.contains('.')) {
        path.to_string()
    } else {
        format!("{path}.html")
    }
}

/// Every URL the export holds, sorted, the 404 page last under its own name.
pub fn files(site: &Site) -> Vec<ExportedFile<'_>> {
    let mut urls: Vec<&str> = site.paths().filter(|p| !NOT_EXPORTED.contains(p)).collect();
    urls.sort_unstable();
    let mut files: Vec<ExportedFile<'_>> = urls
        .into_iter()
        .filter_map(|url| {
            let prepared = site.get(url)?;
            Some(ExportedFile { url: url.to_string(), file: file_for(url), prepared })
        })
        .collect();
    files.push(ExportedFile {
        url: format!("/{NOT_FOUND_FILE}"),
        file: NOT_FOUND_FILE.to_string(),
        prepared: site.not_found(),
    });
    files
}

/// Whether `file` is a page served only in place of another (the 404 page,
/// the fallbacks), never at an address of its own.
pub(crate) fn is_error_page(file: &ExportedFile<'_>) -> bool {
    [NOT_FOUND_FILE, SELF_CHECK_FALLBACK, SEARCH_FALLBACK].contains(&file.file.as_str())
}

/// Whether the server would send `prepared` in `encoding` to a client that
/// accepts only that: the export makes a sibling file exactly then.
pub(crate) fn serves_encoded(prepared: &Prepared, encoding: Encoding) -> bool {
    prepared.select(Accepted::only(encoding)).encoding == encoding
}

/// Writes the whole site and its `fallbacks` into `dir`, sending search and
/// the self-check's answers to `origins`. `dir` must be new, empty or an
/// earlier export ([`target`]); an earlier export is replaced whole and
/// atomically, so no file of a removed article lingers and a failure leaves
/// it as it was.
pub fn export(
    site: &Site,
    fallbacks: &Fallbacks,
    origins: &[Origin],
    dir: &Path,
) -> Result<Summary, Problem> {
    if origins.iter().any(|o| o.scheme() != origins[0].scheme()) {
        return Err(Problem::in_file(
            dir,
            "the --origin addresses mix http:// and https://, and nginx reaches every copy in its upstream the same way",
            "give every --origin with the same scheme",
        ));
    }
    let target = Target::prepare(dir)?;
    // Which files get `.br` and `.gz` siblings follows the server's variants.
    site.compress();
    let mut files = files(site);
    files.extend(fallbacks.files());
    let mut out: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for file in &files {
        let body = file.prepared.select(Accepted::IDENTITY).body().to_vec();
        if serves_encoded(file.prepared, Encoding::Brotli) {
            out.insert(format!("{}.br", file.file), brotli_best(&body));
        }
        if serves_encoded(file.prepared, Encoding::Gzip) {
            out.insert(format!("{}.gz", file.file), gzip_best(&body));
        }
        out.insert(file.file.clone(), body);
    }
    out.insert(HEADERS_FILE.to_string(), hosts::headers_file(&files).into_bytes());
    out.insert(REDIRECTS_FILE.to_string(), hosts::redirects_file(site, origins).into_bytes());
    out.insert(
        NGINX_FILE.to_string(),
        hosts::nginx_server(site, &files, target.root(), origins).into_bytes(),
    );
    let summary = Summary {
        urls: files.len(),
        files: out.len(),
        bytes: out.values().map(|bytes| bytes.len() as u64).sum(),
    };
    target.write(out.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())))?;
    Ok(summary)
}

/// Brotli at quality 11: an export is compressed once per deploy, so it
/// takes the smallest output the server's start-up cannot afford.
fn brotli_best(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 3);
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).expect("compressing into memory cannot fail");
    out
}

/// Gzip at level 9, with no time stamp in the header, so two exports match.
fn gzip_best(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::best());
    encoder.write_all(body).expect("compressing into memory cannot fail");
    encoder.finish().expect("compressing into memory cannot fail")
}

/// The `Cache-Control` value the server sends for `prepared`.
pub(crate) fn cache_control(prepared: &Prepared) -> &'static str {
    prepared.cache.header()
}

/// The `Cross-Origin-Resource-Policy` the server sends: static files are
/// public so link previews can load the share image; everything else keeps
/// the default.
pub(crate) fn resource_policy(prepared: &Prepared) -> &'static str {
    match prepared.cache {
        CachePolicy::Immutable | CachePolicy::Plain => "cross-origin",
        CachePolicy::Page | CachePolicy::Reading | CachePolicy::NoStore | CachePolicy::Revalidate => {
            "same-origin"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_the_files_hosts_look_for() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/articles/what-is-a-muscle-knot"), "articles/what-is-a-muscle-knot.html");
        assert_eq!(file_for("/self-check"), "self-check.html");
        assert_eq!(file_for("/sitemap.xml"), "sitemap.xml");
        assert_eq!(file_for("/static/style.0123456789abcdef.css"), "static/style.0123456789abcdef.css");
    }

    #[test]
    fn compression_is_deterministic_and_round_trips() {
        let body = "Plain words about sore muscles. ".repeat(100).into_bytes();
        assert_eq!(gzip_best(&body), gzip_best(&body));
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzip_best(&body)[..]), &mut plain)
            .unwrap();
        assert_eq!(plain, body);
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &brotli_best(&body)[..], &mut plain).unwrap();
        assert_eq!(plain, body);
    }
}
