//! The `knotwise` binary: `serve` (the default) and `check`.

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;

use actix_web::{HttpServer, web};
use clap::{Args, Parser, Subcommand};
use knotwise::check::check;
use knotwise::content::readability::DEFAULT_MAX_GRADE;
use knotwise::emergency::Region;
use knotwise::problem::Problem;
use knotwise::site::{Content, Paths, Site};
use tracing_subscriber::EnvFilter;

/// Knotwise: muscle knots and massage aftercare, explained plainly.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default when no command is given).
    Serve(ServeArgs),
    /// Check all content and print figures per article; exits non-zero on any problem.
    Check(CheckArgs),
    /// Create a draft article, articles/<slug>.md, that passes `check` as written.
    New(NewArgs),
}

#[derive(Args)]
struct NewArgs {
    /// The article's title, e.g. "Can I exercise after a massage?".
    title: String,
    /// Folder of Markdown articles.
    #[arg(long, env = "KNOTWISE_ARTICLES", default_value = "articles")]
    articles: PathBuf,
    /// The public URL of the site, to print the article's address.
    #[arg(long, env = "KNOTWISE_BASE_URL", default_value = "http://127.0.0.1:8080")]
    base_url: String,
}

#[derive(Args, Clone)]
struct ContentArgs {
    /// Folder of Markdown articles and the self-check questionnaire.
    #[arg(long, env = "KNOTWISE_ARTICLES", default_value = "articles")]
    articles: PathBuf,
    /// Folder of static files (stylesheet, icon, script, images).
    #[arg(long = "static", env = "KNOTWISE_STATIC", default_value = "static")]
    statics: PathBuf,
}

#[derive(Args, Clone)]
struct ServeArgs {
    #[command(flatten)]
    content: ContentArgs,
    /// Address to listen on. Without it, `PORT` (if set) means 0.0.0.0:$PORT.
    #[arg(long, env = "KNOTWISE_ADDR")]
    addr: Option<SocketAddr>,
    /// The public URL of the site, for canonical and shared links
    /// [default: http://<addr>].
    #[arg(long, env = "KNOTWISE_BASE_URL")]
    base_url: Option<String>,
    /// Worker threads [default: the number of available cores].
    #[arg(long, env = "KNOTWISE_WORKERS")]
    workers: Option<usize>,
    /// Whose emergency number the self-check shows first: uk (999), eu (112),
    /// us (911, US and Canada) or au (000). All four are always shown.
    #[arg(long, env = "KNOTWISE_REGION", default_value_t = Region::Uk)]
    region: Region,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    content: ContentArgs,
    /// The highest Flesch-Kincaid grade an article may have.
    #[arg(long, env = "KNOTWISE_MAX_GRADE", default_value_t = DEFAULT_MAX_GRADE)]
    max_grade: f64,
}

impl ContentArgs {
    fn paths(&self) -> Paths {
        Paths { articles: self.articles.clone(), statics: self.statics.clone() }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match cli.command {
        Some(Command::Check(args)) => run_check(&args),
        Some(Command::Serve(args)) => run_serve(args),
        Some(Command::New(args)) => run_new(&args),
        None => run_serve(cli.serve),
    }
}

fn print_problems(problems: &[Problem]) {
    eprintln!("Found {} problem{}:\n", problems.len(), if problems.len() == 1 { "" } else { "s" });
    for problem in problems {
        eprintln!("{problem}\n");
    }
}

fn run_check(args: &CheckArgs) -> ExitCode {
    let content = match Content::load(&args.content.paths()) {
        Ok(content) => content,
        Err(problems) => {
            print_problems(&problems);
            return ExitCode::FAILURE;
        }
    };
    let (reports, problems) = check(&content, args.max_grade);
    println!("{:<36} {:>6} {:>5} {:>6} {:>5}", "article", "words", "min", "grade", "refs");
    for r in &reports {
        println!(
            "{:<36} {:>6} {:>5} {:>6.1} {:>5}",
            r.slug, r.readability.words, r.reading_minutes, r.readability.grade, r.references
        );
    }
    if problems.is_empty() {
        println!("\nAll {} articles pass (grade limit {:.1}).", reports.len(), args.max_grade);
        ExitCode::SUCCESS
    } else {
        println!();
        print_problems(&problems);
        ExitCode::FAILURE
    }
}

fn run_new(args: &NewArgs) -> ExitCode {
    match knotwise::authoring::draft::create(&args.articles, &args.title, knotwise::date::Date::today()) {
        Ok(draft) => {
            println!("Created {} (order {}, a draft).", draft.path.display(), draft.order);
            println!(
                "Its address: {}/articles/{} (served once you set `draft = false`).",
                args.base_url.trim_end_matches('/'),
                draft.slug
            );
            println!("Check it with: knotwise check");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            print_problems(&[problem]);
            ExitCode::FAILURE
        }
    }
}

fn run_serve(args: ServeArgs) -> ExitCode {
    let addr =
        args.addr.unwrap_or_else(|| match std::env::var("PORT").ok().and_then(|p| p.parse::<u16>().ok()) {
            Some(port) => SocketAddr::from(([0, 0, 0, 0], port)),
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        });
    let started = std::time::Instant::now();
    let content = match Content::load(&args.content.paths()) {
        Ok(content) => content,
        Err(problems) => {
            print_problems(&problems);
            eprintln!("Knotwise did not start: fix the problems above, then run it again.");
            return ExitCode::FAILURE;
        }
    };
    let listener = match TcpListener::bind(addr) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!(
                "Cannot listen on {addr}: {e}\n  fix: choose another address with --addr, e.g. --addr 127.0.0.1:8081"
            );
            return ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().unwrap_or(addr);
    let shown =
        if local.ip().is_unspecified() { format!("localhost:{}", local.port()) } else { local.to_string() };
    let base_url = args.base_url.unwrap_or_else(|| format!("http://{shown}"));
    let site = match Site::build(&content, &base_url, args.region) {
        Ok(site) => web::Data::new(site),
        Err(problems) => {
            print_problems(&problems);
            return ExitCode::FAILURE;
        }
    };
    drop(content);
    tracing::info!("site ready in {} ms", started.elapsed().as_millis());
    let workers = args.workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!("Knotwise is running at http://{shown}/ (press Ctrl+C to stop)");
    let result = actix_web::rt::System::new().block_on(async move {
        let server = HttpServer::new(move || knotwise::web::app(site.clone()))
            .workers(workers)
            .shutdown_timeout(10)
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
