//! Running `serve`: load and check the content, bind, build the site, then
//! serve until SIGINT or SIGTERM.
//!
//! Every failure before serving is a message with what is wrong and the fix,
//! and a non-zero exit; never a panic.

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::process::ExitCode;
use std::time::Instant;

use actix_web::{HttpServer, web};

use crate::config::{BaseUrl, ServeConfig, shown_addr};
use crate::problem::eprint_all;
use crate::site::{Content, Site};

/// How long in-flight requests may take to finish once the server stops.
pub const SHUTDOWN_TIMEOUT_SECONDS: u64 = 10;

/// Serves the site as configured; the exit code says whether it stopped
/// cleanly.
pub fn run(config: ServeConfig) -> ExitCode {
    for warning in &config.warnings {
        tracing::warn!("{warning}");
    }
    let started = Instant::now();
    let content = match Content::load(&config.paths) {
        Ok(content) => content,
        Err(problems) => {
            eprint_all(&problems);
            eprintln!("Knotwise did not start: fix the problems above, then run it again.");
            return ExitCode::FAILURE;
        }
    };
    let listener = match bind(config.addr) {
        Ok(listener) => listener,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().unwrap_or(config.addr);
    let base_url = config.base_url.unwrap_or_else(|| BaseUrl::for_addr(local));
    let site = match Site::build(&content, base_url.as_str(), config.region) {
        Ok(site) => web::Data::new(site),
        Err(problems) => {
            eprint_all(&problems);
            return ExitCode::FAILURE;
        }
    };
    drop(content);
    tracing::info!("site ready in {} ms", started.elapsed().as_millis());
    println!("Knotwise is running at http://{}/ (press Ctrl+C to stop)", shown_addr(local));
    let workers = config.workers.get();
    let result = actix_web::rt::System::new().block_on(async move {
        let server = HttpServer::new(move || crate::web::app(site.clone()))
            .workers(workers)
            .shutdown_timeout(SHUTDOWN_TIMEOUT_SECONDS)
            .listen(listener)?
            .run();
        server.await
    });
    match result {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("The server stopped with an error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Binds `addr`, or says why not and what to do about it.
fn bind(addr: SocketAddr) -> Result<TcpListener, String> {
    TcpListener::bind(addr).map_err(|e| {
        let fix = match e.kind() {
            io::ErrorKind::AddrInUse => {
                "choose another address with --addr (e.g. --addr 127.0.0.1:8081), or stop the program \
                 that uses this port"
            }
            io::ErrorKind::PermissionDenied => {
                "ports below 1024 need privileges: listen on a higher port (e.g. --addr 0.0.0.0:8080) \
                 and let the reverse proxy take 80 and 443"
            }
            io::ErrorKind::AddrNotAvailable => {
                "this machine has no such IP address: choose another address with --addr, e.g. \
                 0.0.0.0:8080 for every interface or 127.0.0.1:8080 for this machine only"
            }
            _ => "choose another address with --addr, e.g. --addr 127.0.0.1:8081",
        };
        format!("Cannot listen on {addr}: {e}\n  fix: {fix}")
    })
}
