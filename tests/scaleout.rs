//! Several copies behind the export's nginx block, proved with real
//! processes on loopback: two `knotwise serve` origins, one killed while
//! readers keep posting the self-check and searching, and every request
//! answered by the other; an origin that accepts but never answers, and the
//! reader gets the fallback page with the emergency numbers.
//!
//! Request counts are bounded; nothing here asserts a time.

mod common;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::client::request;
use common::nginx::{free_port, start_nginx, work_dir};
use common::server::loopback;
use common::{export_into, fixture_with_warning_signs, serve_as_origin};

const FORM: [(&str, &str); 1] = [("Content-Type", "application/x-www-form-urlencoded")];
/// Every answer, none raising a level: the result page, from Knotwise.
const ANSWERS: &[u8] = b"right_now=none&leg=no&days=recent";

/// Readers sending at once, and how many requests each sends.
const READERS: usize = 4;
const EACH: usize = 150;
/// After how many of its own requests the first reader kills an origin.
const KILL_AT: usize = 30;

/// One reader's request: a self-check POST or a search, alternately. Returns
/// what was wrong with the answer, if anything.
fn read(nginx: &str, n: usize) -> Option<String> {
    let post = n.is_multiple_of(2);
    let (what, answer) = if post {
        ("POST /self-check", request(nginx, "POST", "/self-check", &FORM, ANSWERS))
    } else {
        ("GET /search?q=alpha", request(nginx, "GET", "/search?q=alpha", &[], b""))
    };
    let html = answer.text();
    let real = if post { html.contains("data-level=\"") } else { html.contains("href=\"/articles/alpha") };
    (answer.status != 200 || !real)
        .then(|| format!("{what}: {} {}", answer.status, &html[..html.len().min(300)]))
}

#[test]
fn every_request_is_answered_while_one_of_two_origins_is_killed() {
    let work = work_dir();
    let site = fixture_with_warning_signs();
    let articles = site.articles();
    let (doomed, survivor) = (serve_as_origin(&articles), serve_as_origin(&articles));
    let (first, second) = (doomed.addr.clone(), &survivor.addr);
    let export = work.path().join("public");
    export_into(&export, &articles, &[&first, second]);
    let port = free_port();
    let _nginx = start_nginx(work.path(), &export, port);
    let nginx = format!("127.0.0.1:{port}");

    let answered = AtomicUsize::new(0);
    let wrong = Mutex::new(Vec::new());
    let doomed = Mutex::new(Some(doomed));
    let answered_at_kill = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for reader in 0..READERS {
            let (nginx, answered, wrong, doomed, at_kill) =
                (&nginx, &answered, &wrong, &doomed, &answered_at_kill);
            scope.spawn(move || {
                for n in 0..EACH {
                    // One reader kills an origin part-way, while the others keep sending.
                    if reader == 0 && n == KILL_AT {
                        at_kill.store(answered.load(Ordering::SeqCst), Ordering::SeqCst);
                        doomed.lock().unwrap().take().expect("killed once").kill();
                    }
                    match read(nginx, reader + n) {
                        Some(problem) => wrong.lock().unwrap().push(problem),
                        None => {
                            answered.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                }
            });
        }
    });
    let sent = READERS * EACH;
    let (answered, answered_at_kill) = (answered.into_inner(), answered_at_kill.into_inner());
    let wrong = wrong.into_inner().unwrap();
    eprintln!(
        "scale-out: {sent} requests sent ({READERS} readers, self-check POSTs and searches alternately), \
         {answered} answered by Knotwise, {} not; one of two origins killed after {answered_at_kill} answers",
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {sent} requests were not answered by Knotwise:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(answered, sent);
    // nginx did meet the dead copy, and moved the requests on.
    let log = std::fs::read_to_string(work.path().join("error.log")).unwrap();
    assert!(
        log.contains(&format!("upstream: \"http://{first}")),
        "nginx never tried the killed origin:\n{log}"
    );
}

#[test]
fn an_origin_that_never_answers_gives_the_fallback_page_with_the_numbers() {
    let work = work_dir();
    let site = fixture_with_warning_signs();
    // Accepts connections (the kernel does, into the backlog) and never answers.
    let silent = loopback();
    let origin = silent.local_addr().unwrap().to_string();
    let export = work.path().join("public");
    export_into(&export, &site.articles(), &[&origin]);
    let port = free_port();
    let _nginx = start_nginx(work.path(), &export, port);
    let nginx = format!("127.0.0.1:{port}");
    let asked = [
        ("POST", "/self-check", ANSWERS, "The self-check is not available right now"),
        ("GET", "/search?q=alpha", &b""[..], "Search is not available right now"),
    ];
    std::thread::scope(|scope| {
        for (method, path, body, heading) in asked {
            let nginx = &nginx;
            scope.spawn(move || {
                let answer = request(nginx, method, path, &FORM, body);
                let html = answer.text();
                assert_eq!(answer.status, 503, "{method} {path} from a silent origin: {html}");
                assert!(html.contains(&format!("<h1>{heading}</h1>")), "{html}");
                assert!(
                    html.contains("<li><a class=\"tel\" href=\"tel:999\">999</a> in the UK</li>"),
                    "{html}"
                );
            });
        }
    });
    drop(silent);
}
