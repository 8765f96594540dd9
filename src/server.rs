//! Running `serve`: load and check the content, bind, build the site, then
//! serve until SIGINT or SIGTERM, draining first.
//!
//! Every failure before serving is a message with what is wrong and the fix,
//! and a non-zero exit; never a panic.
//!
//! Stopping: on the first signal `/readyz` turns 503 while every page keeps
//! answering for the drain period, each response with `Connection: close`,
//! so load balancers stop sending requests and clients holding a
//! keep-alive connection reconnect to another copy;
//! then the server stops accepting and in-flight requests get up to
//! [`SHUTDOWN_TIMEOUT_SECONDS`]. A second signal skips the rest of the drain.

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_http::body::{BoxBody, MessageBody};
use actix_http::{HttpService, Request, Response};
use actix_server::{Server, ServerBuilder};
use actix_service::{
    IntoServiceFactory, Service, ServiceFactory, ServiceFactoryExt as _, fn_factory, fn_service, map_config,
};
use actix_web::dev::AppConfig;
use actix_web::web;
use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::authoring::live::{self, Live, Settings};
use crate::config::{BaseUrl, ServeConfig, shown_addr};
use crate::date::Date;
use crate::metrics::Metrics;
use crate::offline::Offline;
use crate::problem::eprint_all;
use crate::site::{Content, Site};
use crate::web::{Hsts, Readiness, metrics_app};

/// How often the server looks at the date, so a page whose next review has
/// passed says so within the hour (`Site::review_on`).
const REVIEW_CLOCK: Duration = Duration::from_secs(3600);

/// How long in-flight requests may take to finish once the server stops.
pub const SHUTDOWN_TIMEOUT_SECONDS: u64 = 10;

/// How long a request's head may take to arrive (actix-web's
/// `client_request_timeout`); its body then has `web::BODY_DEADLINE`.
pub(crate) const HEAD_DEADLINE: Duration = Duration::from_secs(5);

/// How long a connection may take to close once its last response is
/// written (actix-web's own default).
const CLOSE_DEADLINE: Duration = Duration::from_secs(1);

/// Connections the kernel may queue before they are accepted. Linux's own
/// cap (`net.core.somaxconn`) has been 4096 since 5.4 and lowers this where
/// it is smaller; the 128 the standard library asks for made 1,431 of 3,000
/// connections made at once wait over a second for a retransmitted SYN.
pub(crate) const LISTEN_BACKLOG: i32 = 4096;

/// Serves the site as configured; the exit code says whether it stopped
/// cleanly.
pub fn run(config: ServeConfig) -> ExitCode {
    for warning in &config.warnings {
        tracing::warn!("{warning}");
    }
    let started = Instant::now();
    crate::memory::map_large_blocks();
    // Bound first: the address is part of every page when no --base-url
    // is given, and a port in use is reported before any work is done.
    let listeners = bind(config.addr, "--addr").and_then(|site| {
        let metrics = config.metrics_addr.map(|addr| bind(addr, "--metrics-addr")).transpose()?;
        Ok((site, metrics))
    });
    let (listener, metrics_listener) = match listeners {
        Ok(listeners) => listeners,
        Err(message) => {
            eprintln!("Knotwise did not start: {message}");
            return ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().unwrap_or(config.addr);
    let base_url = config.base_url.unwrap_or_else(|| BaseUrl::for_addr(local));
    // Loading puts every file through the content gate: `check`, `serve`
    // and `export` refuse the same content. Watch mode never installs the
    // offline worker: authors see every save.
    let offline = if config.watch { Offline::Off } else { config.offline };
    let loaded =
        Content::load_to_serve(&config.paths, &config.gate, base_url.as_str(), config.region, offline);
    let (mut content, made) = match loaded {
        Ok(loaded) => loaded,
        Err(problems) => {
            eprint_all(&problems);
            eprintln!("Knotwise did not start: fix the problems above, then run it again.");
            return ExitCode::FAILURE;
        }
    };
    if config.watch {
        live::preview_drafts(&mut content);
    }
    let articles: Vec<String> = content.published().map(|a| a.slug.clone()).collect();
    // The one place `serve` reads the calendar; the site is told the day.
    let built = Site::build(content, made, Date::today())
        .and_then(|site| site.with_self_check(config.self_check, &config.paths.articles));
    let site = match built {
        Ok(site) => web::Data::new(site),
        Err(problems) => {
            eprint_all(&problems);
            return ExitCode::FAILURE;
        }
    };
    let startup = started.elapsed();
    tracing::info!("site ready in {} ms", startup.as_millis());
    // Pages go out in identity until their compressed variants exist: no
    // request waits for a compressor (ARCHITECTURE.md, "Compression").
    let compressing = site.clone();
    std::thread::spawn(move || {
        compressing.compress();
        tracing::info!("every page compressed {} ms after start", started.elapsed().as_millis());
    });
    let metrics = metrics_listener.map(|l| (l, web::Data::new(Metrics::new(startup, &articles))));
    let live = config.watch.then(|| {
        let live = Live::new(site.clone());
        let (paths, region, gate) = (config.paths.clone(), config.region, config.gate);
        let base_url = base_url.to_string();
        let self_check = config.self_check;
        live.spawn_watcher(Settings { paths, base_url, region, self_check, gate });
        live
    });
    spawn_review_clock(site.clone(), live.clone());
    let serving = Serving {
        site,
        live,
        listener,
        metrics,
        workers: config.workers.get(),
        drain: config.drain,
        hsts: config.hsts,
        url: format!("http://{}/", shown_addr(local)),
        watching: config.watch.then(|| {
            format!(
                "watching {} (Markdown and TOML) and {} for saves",
                config.paths.articles.display(),
                config.paths.statics.display()
            )
        }),
    };
    match actix_web::rt::System::new().block_on(serving.run()) {
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

/// Tells the site the date every [`REVIEW_CLOCK`], from the system clock:
/// a page whose next review has passed turns overdue without a restart.
fn spawn_review_clock(site: web::Data<Site>, live: Option<Arc<Live>>) {
    let tick = move || {
        let today = Date::today();
        let turned = match &live {
            Some(live) => live.review_on(today),
            None => site.review_on(today).map(|paths| paths.into_iter().map(str::to_string).collect()),
        };
        match turned {
            Ok(paths) => {
                for path in paths {
                    tracing::warn!("{path}: its next clinical review is overdue; the page now says so");
                }
            }
            Err(problems) => eprint_all(&problems),
        }
    };
    let clock = std::thread::Builder::new().name("knotwise-review-clock".into()).spawn(move || {
        loop {
            std::thread::sleep(REVIEW_CLOCK);
            tick();
        }
    });
    if let Err(e) = clock {
        tracing::error!("the review clock did not start ({e}): overdue reviews show only after a restart");
    }
}

/// Everything ready to serve.
struct Serving {
    site: web::Data<Site>,
    /// Watch mode (`--watch`): the site swapped on each good save.
    live: Option<Arc<Live>>,
    listener: TcpListener,
    metrics: Option<(TcpListener, web::Data<Metrics>)>,
    workers: usize,
    drain: Duration,
    hsts: Hsts,
    /// Where readers on this machine can open the site.
    url: String,
    /// Watch mode: what it watches, for the banner.
    watching: Option<String>,
}

impl Serving {
    async fn run(self) -> io::Result<()> {
        let mut signals = StopSignals::install()?;
        let readiness = web::Data::new(Readiness::default());
        let (site, ready) = (self.site, readiness.clone());
        let hsts = web::Data::new(self.hsts);
        let recorder = self.metrics.as_ref().map(|(_, metrics)| metrics.clone());
        let server = match self.live {
            None => listen(
                Server::build().workers(self.workers).shutdown_timeout(SHUTDOWN_TIMEOUT_SECONDS),
                self.listener,
                move || {
                    let app = crate::web::app(site.clone()).app_data(ready.clone()).app_data(hsts.clone());
                    match &recorder {
                        Some(metrics) => app.app_data(metrics.clone()),
                        None => app,
                    }
                },
            )?,
            // A separate app, so production requests never pass through
            // watch mode. Its event streams never end: stop quickly.
            Some(live) => {
                listen(Server::build().workers(self.workers).shutdown_timeout(1), self.listener, move || {
                    live::app(live.clone()).app_data(ready.clone()).app_data(hsts.clone())
                })?
            }
        };
        let metrics_server = match self.metrics {
            Some((listener, metrics)) => {
                let bound = listener.local_addr()?;
                if bound.ip().is_loopback() {
                    tracing::info!("metrics at http://{bound}/metrics");
                } else {
                    // Allowed by --metrics-public only: say plainly who can read them.
                    tracing::warn!(
                        "metrics at http://{bound}/metrics, reachable from other machines{} \
                         (--metrics-public): keep the port behind a firewall",
                        if bound.ip().is_unspecified() { " on every network interface" } else { "" }
                    );
                }
                let builder = Server::build().workers(1).shutdown_timeout(1);
                Some(listen(builder, listener, move || metrics_app(metrics.clone()))?)
            }
            None => None,
        };
        let handles = [Some(server.handle()), metrics_server.as_ref().map(|s| s.handle())];
        // Printed once a stop signal is handled by us, so a supervisor that
        // waits for this line can always stop the server gracefully.
        match &self.watching {
            None => println!("Knotwise is running at {} (press Ctrl+C to stop)", self.url),
            Some(watching) => {
                println!("Knotwise is running at {} ({watching}; press Ctrl+C to stop)", self.url)
            }
        }
        let site_task = actix_web::rt::spawn(server);
        let metrics_task = metrics_server.map(actix_web::rt::spawn);

        let signal = signals.next().await;
        // No load balancer waits on an author: in watch mode the first
        // Ctrl+C stops at once, with no drain and no wait for its event streams.
        let graceful = self.watching.is_none();
        if graceful {
            readiness.start_draining();
            tracing::info!(
                "{signal}: /readyz answers 503 from now; serving {} s more, every response with \
                 `Connection: close`, so load balancers move away (a second signal stops at once)",
                self.drain.as_secs()
            );
            tokio::select! {
                () = tokio::time::sleep(self.drain) => {}
                signal = signals.next() => tracing::info!("{signal} again: stopping now"),
            }
            tracing::info!("stopping: in-flight requests get up to {SHUTDOWN_TIMEOUT_SECONDS} s");
        } else {
            tracing::info!("{signal}: stopping");
        }
        for handle in handles.into_iter().flatten() {
            handle.stop(graceful).await;
        }
        if let Some(task) = metrics_task {
            task.await.map_err(io::Error::other)??;
        }
        site_task.await.map_err(io::Error::other)?
    }
}

/// Serves the application that `app` makes on `listener`, as actix-web's
/// `HttpServer` would (one application per worker, the same timeouts), but
/// built from its parts for one thing it cannot do: a request that asks
/// `Expect: 100-continue` gets a `100 Continue` only when its body will be
/// read (`web::continues`). Otherwise a second copy of the application
/// answers it from the head alone, before any `100` (the answer is logged,
/// counted and given its headers as any other), so a client that waits for
/// the `100` never sends a body that would be refused or ignored.
///
/// Two things `HttpServer` does need APIs actix hides (`#[doc(hidden)]`)
/// and are left out: the application's `AppConfig` is the default one (its
/// host and address are placeholders: nothing here reads them, neither
/// `connection_info` nor `url_for`), and a graceful stop does not close idle
/// keep-alive connections at once: they close when their keep-alive (5 s)
/// runs out, within [`SHUTDOWN_TIMEOUT_SECONDS`]; with the default drain
/// (5 s), every connection has been told to close before the stop.
fn listen<F, I, S, B>(builder: ServerBuilder, listener: TcpListener, app: F) -> io::Result<Server>
where
    F: Fn() -> I + Send + Clone + 'static,
    I: IntoServiceFactory<S, Request>,
    S: ServiceFactory<Request, Config = AppConfig, InitError = ()> + 'static,
    S::Error: Into<actix_web::Error>,
    S::Response: Into<Response<B>>,
    S::Service: 'static,
    B: MessageBody + 'static,
{
    let addr = listener.local_addr()?;
    // A server without signals of its own: `Serving::run` handles them.
    let builder = builder.disable_signals().listen(format!("knotwise-{addr}"), listener, move || {
        let asked = app.clone();
        let expect = fn_factory(move || {
            let answers = map_config(asked().into_factory(), |()| AppConfig::default()).new_service(());
            async move {
                let answers = std::rc::Rc::new(answers.await?);
                Ok::<_, ()>(fn_service(move |req: Request| {
                    let answers = answers.clone();
                    async move {
                        if crate::web::continues(req.head()) {
                            return Ok(req);
                        }
                        let answer: Response<BoxBody> = match answers.call(req).await {
                            Ok(response) => response.into().map_into_boxed_body(),
                            Err(error) => error.into().into(),
                        };
                        Err(answer)
                    }
                }))
            }
        });
        let service = map_config(app().into_factory(), |()| AppConfig::default())
            .map_err(|error| Response::<BoxBody>::from(error.into()));
        HttpService::build()
            .client_request_timeout(HEAD_DEADLINE)
            .client_disconnect_timeout(CLOSE_DEADLINE)
            .local_addr(addr)
            .expect(expect)
            .finish(service)
            .tcp()
    })?;
    Ok(builder.run())
}

/// SIGTERM (what orchestrators and systemd send) and SIGINT (Ctrl+C).
struct StopSignals {
    term: Signal,
    int: Signal,
}

impl StopSignals {
    fn install() -> io::Result<StopSignals> {
        Ok(StopSignals { term: signal(SignalKind::terminate())?, int: signal(SignalKind::interrupt())? })
    }

    /// Waits for the next stop signal and names it.
    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.int.recv() => "SIGINT",
        }
    }
}

/// Binds `addr` (set by `flag`) with a backlog of [`LISTEN_BACKLOG`], or
/// says why not and what to do about it.
fn bind(addr: SocketAddr, flag: &str) -> Result<TcpListener, String> {
    TcpListener::bind(addr).and_then(with_backlog).map_err(|e| {
        let fix = match e.kind() {
            io::ErrorKind::AddrInUse => format!(
                "choose another address with {flag} (e.g. {flag} 127.0.0.1:{}), or stop the program that \
                 uses this port",
                addr.port().wrapping_add(1).max(1024)
            ),
            io::ErrorKind::PermissionDenied => format!(
                "ports below 1024 need privileges: listen on a higher port (e.g. {flag} 0.0.0.0:8080) and \
                 let the reverse proxy take 80 and 443"
            ),
            io::ErrorKind::AddrNotAvailable => format!(
                "this machine has no such IP address: choose another address with {flag}, e.g. \
                 0.0.0.0:{port} for every interface or 127.0.0.1:{port} for this machine only",
                port = addr.port()
            ),
            _ => format!("choose another address with {flag}, e.g. {flag} 127.0.0.1:8081"),
        };
        format!("Cannot listen on {addr}: {e}\n  fix: {fix}")
    })
}

/// Sets the listen backlog of a bound socket: `listen` again on a listening
/// socket changes only its queue length.
fn with_backlog(listener: TcpListener) -> io::Result<TcpListener> {
    use std::os::fd::AsRawFd as _;
    // SAFETY: a valid listening socket, owned by `listener` for the call.
    if unsafe { libc::listen(listener.as_raw_fd(), LISTEN_BACKLOG) } == 0 {
        Ok(listener)
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    use std::net::TcpStream;
    use std::time::Duration;

    use super::*;

    /// A burst of new connections beyond the standard library's backlog of
    /// 128 all complete while the server has accepted none of them yet: the
    /// kernel holds them in the listen queue instead of dropping their SYNs
    /// (which costs a reader a second, the first retry).
    #[test]
    fn the_listen_queue_holds_a_burst_beyond_the_default_128() {
        let cap: usize = std::fs::read_to_string("/proc/sys/net/core/somaxconn")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(4096);
        assert!(
            cap > 300,
            "net.core.somaxconn is {cap}: the kernel caps every backlog below this test's burst"
        );
        let listener = bind("127.0.0.1:0".parse().unwrap(), "--addr").unwrap();
        let addr = listener.local_addr().unwrap();
        let burst: Vec<TcpStream> = (0..300)
            .map(|i| {
                TcpStream::connect_timeout(&addr, Duration::from_millis(500))
                    .unwrap_or_else(|e| panic!("connection {i} of the burst: {e}"))
            })
            .collect();
        assert_eq!(burst.len(), 300);
    }
}
