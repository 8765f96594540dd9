//! The `knotwise` binary: parses the command line, sets up logging and runs
//! the command. Flags live in `knotwise::config`, serving in
//! `knotwise::server`.

use std::process::ExitCode;

use clap::Parser;
use knotwise::check::report;
use knotwise::config::{
    CheckArgs, Cli, Command, ExportArgs, HealthcheckArgs, NewArgs, PreviewArgs, ServeArgs, listen_addr,
};
use knotwise::export::Fallbacks;
use knotwise::logging;
use knotwise::problem::eprint_all;
use knotwise::site::{Content, Site};
use knotwise::web::RequestLog;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let log_requests = logging::init(cli.log_format);
    let serve = |args: ServeArgs| {
        // The request log writes from its own thread; flush what is left once stopped.
        let log = log_requests.then(|| RequestLog::start(cli.log_format));
        let code = run_serve(args);
        log.inspect(|log| log.flush());
        code
    };
    match cli.command {
        Some(Command::Check(args)) => run_check(&args),
        Some(Command::Serve(args)) => serve(args),
        Some(Command::New(args)) => run_new(&args),
        Some(Command::Export(args)) => run_export(&args),
        Some(Command::Preview(args)) => run_preview(&args),
        Some(Command::Healthcheck(args)) => run_healthcheck(args),
        None => serve(cli.serve),
    }
}

fn run_serve(args: ServeArgs) -> ExitCode {
    match args.config(std::env::var("PORT").ok().as_deref()) {
        Ok(config) => knotwise::server::run(config),
        Err(e) => {
            eprintln!("Knotwise did not start: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_preview(args: &PreviewArgs) -> ExitCode {
    match knotwise::export::preview::run(&args.dir, args.addr) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Knotwise did not preview {}: {e}", args.dir.display());
            ExitCode::FAILURE
        }
    }
}

fn run_healthcheck(args: HealthcheckArgs) -> ExitCode {
    let url = match args.url {
        Some(url) => url,
        None => match listen_addr(args.addr, std::env::var("PORT").ok().as_deref()) {
            Ok(addr) => knotwise::healthcheck::default_url(addr),
            Err(e) => {
                eprintln!("unhealthy: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    match knotwise::healthcheck::probe(&url) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(line) => {
            eprintln!("{line}");
            ExitCode::FAILURE
        }
    }
}

fn run_check(args: &CheckArgs) -> ExitCode {
    let content = match Content::load(&args.content.paths(), &args.content.gate()) {
        Ok(content) => content,
        Err(problems) => {
            eprint_all(&problems);
            return ExitCode::FAILURE;
        }
    };
    let reports = report(&content);
    println!("{:<36} {:>6} {:>5} {:>6} {:>5}  status", "article", "words", "min", "grade", "refs");
    for r in &reports {
        println!(
            "{:<36} {:>6} {:>5} {:>6.1} {:>5}  {}",
            r.slug,
            r.readability.words,
            r.reading_minutes,
            r.readability.grade,
            r.references,
            if r.draft { "draft (not published)" } else { "published" }
        );
    }
    // The one place `check` reads the calendar.
    let today = knotwise::date::Date::today();
    let reviews = knotwise::check::next_reviews(&content);
    let overdue: Vec<_> = reviews.iter().filter_map(|r| r.overdue_warning(today)).collect();
    if !overdue.is_empty() {
        eprintln!("\nWarnings (reviews overdue; these do not fail the check):\n");
        for warning in &overdue {
            eprintln!("warning: {warning}\n");
        }
    }
    if let Some(days) = args.due {
        print!("\n{}", knotwise::review::due_report(&reviews, today, days));
    }
    let drafts = reports.iter().filter(|r| r.draft).count();
    let rules = match &content.gate.editorial {
        Some(_) => format!("the editorial rules in {}", knotwise::content::editorial::EDITORIAL_FILE),
        None => format!("no {}: only the engine's rules", knotwise::content::editorial::EDITORIAL_FILE),
    };
    println!(
        "\nAll {} articles pass ({drafts} drafts; grade limit {}; {rules}).",
        reports.len(),
        content.gate.options.max_grade
    );
    ExitCode::SUCCESS
}

fn run_new(args: &NewArgs) -> ExitCode {
    match knotwise::authoring::draft::create(&args.articles, &args.title, knotwise::date::Date::today()) {
        Ok(draft) => {
            println!("Created {} (order {}, a draft).", draft.path.display(), draft.order);
            println!(
                "Its address: {}/articles/{} (shown by `knotwise serve --watch`; published once you set `draft = false`).",
                args.base_url.trim_end_matches('/'),
                draft.slug
            );
            println!("Check it with: knotwise check");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprint_all(&[problem]);
            ExitCode::FAILURE
        }
    }
}

fn run_export(args: &ExportArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let site = Content::load_to_serve(
        &args.content.paths(),
        &args.content.gate(),
        args.base_url.as_str(),
        args.region,
        args.offline,
    )
    .and_then(|(content, made)| Site::build(content, made, knotwise::date::Date::today()))
    .and_then(|site| site.with_self_check(args.self_check, &args.content.articles))
    .and_then(|site| Fallbacks::render(&site, &args.content.articles).map(|fallbacks| (site, fallbacks)));
    let (site, fallbacks) = match site {
        Ok(built) => built,
        Err(problems) => {
            eprint_all(&problems);
            return ExitCode::FAILURE;
        }
    };
    match knotwise::export::export(&site, &fallbacks, &args.origins, &args.dir) {
        Ok(summary) => {
            println!(
                "Exported {} addresses as {} files ({} KB) into {} in {} ms.",
                summary.urls,
                summary.files,
                summary.bytes / 1024,
                args.dir.display(),
                started.elapsed().as_millis()
            );
            println!(
                "Upload the folder to a static host (it reads {} and {}) or serve it with nginx ({}); \
                 search and the self-check's answers need a running Knotwise (--origin).",
                knotwise::export::HEADERS_FILE,
                knotwise::export::REDIRECTS_FILE,
                knotwise::export::NGINX_FILE
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprint_all(&[problem]);
            ExitCode::FAILURE
        }
    }
}
