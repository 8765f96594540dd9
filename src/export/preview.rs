//! `knotwise preview DIR`: an exported folder served on this machine the
//! way a static host serves it, to look at before uploading: each
//! address from the file it maps to ([`file_for`]: `/articles/<slug>` from
//! `articles/<slug>.html`), with the headers of `_headers`, the redirects
//! of `_redirects` and `404.html` for anything else. There is no origin
//! behind a preview, so search and the self-check's answers get their
//! fallback pages with a 503, as readers get them while Knotwise is down.
//!
//! For authors and operators on their own machine, never for readers: it
//! reads each file per request and sends it uncompressed.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};

use actix_web::http::{Method, StatusCode};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};

use super::{HEADERS_FILE, NOT_FOUND_FILE, REDIRECTS_FILE, SEARCH_FALLBACK, SELF_CHECK_FALLBACK, file_for};
use crate::problem::Problem;
use crate::urls;

/// An export folder, its headers and redirects read once.
#[derive(Debug)]
pub struct Preview {
    root: PathBuf,
    /// `_headers`: the rules for every path (`/*`) and for each URL.
    shared: Vec<(String, String)>,
    own: HashMap<String, Vec<(String, String)>>,
    /// `_redirects`: old address -> new one, permanently.
    redirects: HashMap<String, String>,
}

impl Preview {
    /// Reads `dir`, which must hold an export (its `_headers` file).
    pub fn open(dir: &Path) -> Result<Preview, Problem> {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).map_err(|e| {
                Problem::in_file(
                    &dir.join(name),
                    format!("cannot read the export's `{name}`: {e}"),
                    "preview a folder written by `knotwise export`, e.g. `knotwise export public` then `knotwise preview public`",
                )
            })
        };
        let (mut shared, mut own) = (Vec::new(), HashMap::new());
        let mut current: Option<String> = None;
        for line in read(HEADERS_FILE)?.lines().filter(|l| !l.starts_with('#')) {
            match line.strip_prefix("  ").and_then(|header| header.split_once(": ")) {
                Some((name, value)) => {
                    let header = (name.to_string(), value.to_string());
                    match &current {
                        Some(path) if path == "/*" => shared.push(header),
                        Some(path) => own.entry(path.clone()).or_insert_with(Vec::new).push(header),
                        None => {}
                    }
                }
                None => current = Some(line.trim().to_string()),
            }
        }
        let redirects = read(REDIRECTS_FILE)?
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| match line.split_whitespace().collect::<Vec<_>>()[..] {
                [from, to, "301"] => Some((from.to_string(), to.to_string())),
                _ => None,
            })
            .collect();
        Ok(Preview { root: dir.to_path_buf(), shared, own, redirects })
    }

    /// The answer a static host gives to `method` on `path`.
    pub fn answer(&self, method: &Method, path: &str) -> HttpResponse {
        let fallback = match path {
            urls::SEARCH => Some(SEARCH_FALLBACK),
            urls::SELF_CHECK if method == Method::POST => Some(SELF_CHECK_FALLBACK),
            _ => None,
        };
        if let Some(file) = fallback {
            return self.file(StatusCode::SERVICE_UNAVAILABLE, &format!("/{file}"), file);
        }
        if !matches!(*method, Method::GET | Method::HEAD) {
            return HttpResponse::MethodNotAllowed().insert_header(("Allow", "GET, HEAD")).finish();
        }
        if let Some(to) = self.redirects.get(path) {
            return HttpResponse::MovedPermanently().insert_header(("Location", to.as_str())).finish();
        }
        let file = file_for(path);
        // Only what the export published: no way out of the folder, and not
        // its own files (`_headers`, the manifest).
        let published = Path::new(&file).components().all(|c| match c {
            Component::Normal(part) => !part.to_string_lossy().starts_with(['.', '_']),
            _ => false,
        });
        if published && self.root.join(&file).is_file() {
            return self.file(StatusCode::OK, path, &file);
        }
        self.file(StatusCode::NOT_FOUND, &format!("/{NOT_FOUND_FILE}"), NOT_FOUND_FILE)
    }

    /// `file` with the headers `_headers` gives `url`.
    fn file(&self, status: StatusCode, url: &str, file: &str) -> HttpResponse {
        let Ok(body) = std::fs::read(self.root.join(file)) else {
            return HttpResponse::NotFound().body(format!("{file} is missing from the export"));
        };
        let mut response = HttpResponse::build(status);
        for (name, value) in self.shared.iter().chain(self.own.get(url).into_iter().flatten()) {
            response.insert_header((name.as_str(), value.as_str()));
        }
        // actix-web sends no body for HEAD, and the length of this one.
        response.body(body)
    }
}

/// Serves `dir` on `addr` until Ctrl+C.
pub fn run(dir: &Path, addr: SocketAddr) -> Result<(), String> {
    let preview = web::Data::new(Preview::open(dir).map_err(|p| p.to_string())?);
    let listener = TcpListener::bind(addr).map_err(|e| {
        format!("Cannot listen on {addr}: {e}\n  fix: choose another address with --addr, e.g. --addr 127.0.0.1:8081")
    })?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    actix_web::rt::System::new().block_on(async move {
        let server = HttpServer::new(move || {
            App::new().app_data(preview.clone()).default_service(web::to(
                |req: HttpRequest, preview: web::Data<Preview>| async move {
                    preview.answer(req.method(), req.path())
                },
            ))
        })
        .workers(1)
        .shutdown_timeout(1)
        .listen(listener)
        .map_err(|e| e.to_string())?
        .run();
        println!(
            "Previewing {} at http://{}/ as a static host serves it; search and the self-check's \
             answers show their fallback pages (press Ctrl+C to stop)",
            dir.display(),
            crate::config::shown_addr(local)
        );
        server.await.map_err(|e| e.to_string())
    })
}
