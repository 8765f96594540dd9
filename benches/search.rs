//! Search at scale: how long the index takes to build, how much memory it
//! holds, and how long a query takes, at 10,000 articles.
//!
//! ```sh
//! cargo bench --bench search                   # the bundled articles, copied to 10,000
//! KNOTWISE_BENCH_ARTICLES=/tmp/gen cargo bench --bench search   # plus generated ones
//! ```
//!
//! Without `KNOTWISE_BENCH_ARTICLES`, the bundled articles are copied under
//! new names until there are `KNOTWISE_BENCH_COUNT` (10,000) of them: real
//! words, so every common word is on nearly every page (the slow case for
//! queries). With it, every `*.md` in that folder (for example made by a
//! generator of synthetic articles) is added to the bundled ones instead.
//! Figures are in benches/README.md.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use knotwise::pages::{Chrome, Link, ShareImage};
use knotwise::search::Search;
use knotwise::search::index::Indexing;
use knotwise::site::{Content, Paths};

const QUERIES: [&str; 9] = [
    "massage",
    "muscle knot",
    "sore after a massage next day",
    "trigger point",
    "blood clot calf",
    "masage gun",
    "percusion",
    "chest pain",
    "qqqqzzzz",
];

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var("KNOTWISE_BENCH_COUNT").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let articles = dir.path().join("articles");
    fs::create_dir(&articles).unwrap();
    let bundled = root.join("articles");
    // Generated articles are not clinical: the editorial rules stay out.
    let rules = std::ffi::OsStr::new(knotwise::content::editorial::EDITORIAL_FILE);
    for entry in fs::read_dir(&bundled).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name() != Some(rules) {
            fs::copy(&path, articles.join(path.file_name().unwrap())).unwrap();
        }
    }
    match std::env::var_os("KNOTWISE_BENCH_ARTICLES") {
        Some(extra) => add_generated(Path::new(&extra), &articles),
        None => add_copies(&bundled, &articles, target),
    }
    let paths = Paths { articles: articles.clone(), statics: root.join("static") };
    let content = Content::load(&paths, &Default::default()).unwrap_or_else(|problems| {
        panic!("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    });
    let chrome = chrome();
    let pages = content.published().count();
    let published: Vec<String> = content.published().map(|a| a.url_path()).collect();
    // Start-up indexes each article's text as it is parsed and keeps none;
    // here the texts are kept, to time the index alone three times.
    let texts = Mutex::new(Vec::new());
    let (articles, _) = knotwise::content::load_dir(
        &paths.articles,
        &Default::default(),
        &|| (),
        &|_: &mut (), article: &knotwise::content::Article, body: knotwise::content::Body| {
            texts.lock().unwrap().push(body.into_text(article))
        },
    );
    drop(articles);
    let texts = texts.into_inner().unwrap();

    let mut builds = Vec::new();
    let mut grown = 0;
    let mut search = None;
    for _ in 0..3 {
        drop(search.take());
        let before = rss_kib();
        let started = Instant::now();
        let (indexing, sender) = Indexing::start();
        for text in &texts {
            sender.send(text.clone()).unwrap();
        }
        drop(sender);
        let built = Search::build(indexing, &published, &content.questionnaire, &content.synonyms, &chrome);
        builds.push(started.elapsed());
        if builds.len() == 1 {
            // Later builds reuse memory the allocator kept: only the first tells.
            grown = rss_kib().saturating_sub(before);
        }
        search = Some(built);
    }
    let search = search.expect("built three times");
    builds.sort();
    println!("{pages} published articles ({} pages in the index)", search.pages());
    println!(
        "index build: median {:.0} ms (of 3); resident memory +{:.1} MiB; index holds about {:.1} MiB",
        ms(builds[1]),
        grown as f64 / 1024.0,
        search.heap_bytes() as f64 / (1024.0 * 1024.0)
    );
    println!("{:<34} {:>8} {:>8} {:>8}", "query (whole answer, 200 runs)", "median", "p99", "found");
    let costly = costly_queries();
    let queries = QUERIES.iter().map(|q| (format!("`{q}`"), q.to_string())).chain(costly);
    for (name, query) in queries {
        let query = query.as_str();
        let mut times = Vec::with_capacity(200);
        let mut found = 0;
        for _ in 0..200 {
            let started = Instant::now();
            let answer = std::hint::black_box(search.answer(std::hint::black_box(query), 1));
            times.push(started.elapsed());
            found = answer.found.total;
        }
        times.sort();
        println!("{:<34} {:>6.0}µs {:>6.0}µs {:>8}", name, us(times[100]), us(times[197]), found);
    }
}

/// The 200-character queries `search-flood.sh` builds to be costly, by the
/// same names and words.
fn costly_queries() -> Vec<(String, String)> {
    let repeat = |times: usize, words: &str| -> String {
        let all: Vec<&str> = std::iter::repeat_n(words.split(' '), times).flatten().collect();
        all.join(" ").chars().take(200).collect()
    };
    let unknown: Vec<String> = (1..=30)
        .map(|i: u32| {
            let letters: String = format!("{i:03}").bytes().map(|d| char::from(b'a' + (d - b'0'))).collect();
            format!("qz{letters}xvk")
        })
        .collect();
    vec![
        ("UNKNOWN".into(), repeat(1, &unknown.join(" "))),
        ("MISSPELT".into(), repeat(4, "masage sorness stifness shouldr muscel tendr brusing swolen")),
        ("COMMON".into(), repeat(4, "massage muscle pain sore knot back neck after your body")),
        ("LETTERS".into(), repeat(5, "a b c d e f g h i j k l m n o p q r s t")),
        ("SIGNS".into(), repeat(4, "chest pain breathless swollen calf numb face arm")),
    ]
}

/// Copies of the bundled articles under new names and orders, until there
/// are `target` articles.
fn add_copies(bundled: &Path, to: &Path, target: usize) {
    let sources: Vec<(String, String)> = fs::read_dir(bundled)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), fs::read_to_string(&p).unwrap()))
        .collect();
    let mut n = sources.len();
    let mut copy = 0;
    while n < target {
        for (slug, text) in &sources {
            if n >= target {
                break;
            }
            let text: String = text
                .lines()
                .filter(|l| !l.starts_with("aliases"))
                .map(|l| {
                    if l.starts_with("order = ") { format!("order = {}", 100_000 + n) } else { l.to_string() }
                })
                .collect::<Vec<_>>()
                .join("\n");
            fs::write(to.join(format!("{slug}-copy-{copy}.md")), text + "\n").unwrap();
            n += 1;
        }
        copy += 1;
    }
}

/// Every `*.md` in `from`, copied in.
fn add_generated(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("KNOTWISE_BENCH_ARTICLES is a folder") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// A page layout's values; search needs only the self-check page's title.
fn chrome() -> Chrome {
    Chrome {
        base_url: "https://knotwise.example".into(),
        css_url: "/static/style.css".into(),
        icon_url: "/static/icon.svg".into(),
        nav: vec![Link { href: "/".into(), label: "Home".into() }],
        share_image: ShareImage { url: String::new(), width: 1200, height: 630, alt: String::new() },
        share_js_url: "/static/share.js".into(),
        print_js_url: "/static/print.js".into(),
        emergency: Vec::new(),
        region: Default::default(),
        offline_js_url: None,
        theme_colour: "#0b5d57",
    }
}

/// Resident memory of this process, in KiB.
fn rss_kib() -> usize {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000_000.0
}
