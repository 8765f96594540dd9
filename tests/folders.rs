//! Content and static files are read only from inside their folders: a link
//! out of the folder, a FIFO or a device is a problem naming the file and
//! the fix for `check`, `serve` and `export` alike, never a hang, never
//! served, never exported.

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output};

use common::fixture;
use common::server::{knotwise, output_within};

/// Runs the binary with `args` to its end (a FIFO used to hang `check` and
/// `serve` for ever).
fn run(args: &[&str]) -> Output {
    output_within(knotwise().args(args))
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// `check`, `serve` and `export` on the folders all refuse with `says`,
/// naming `file`, and export writes nothing.
fn assert_every_command_refuses(articles: &Path, statics: &Path, file: &Path, says: &str) {
    let folders = ["--articles", articles.to_str().unwrap(), "--static", statics.to_str().unwrap()];
    let out = tempfile::tempdir().unwrap();
    let export = out.path().join("public");
    let commands: [Vec<&str>; 3] = [
        [&["check"][..], &folders].concat(),
        [&["serve", "--addr", "127.0.0.1:0", "--workers", "1"][..], &folders].concat(),
        [&["export", "--base-url", "https://knotwise.example", export.to_str().unwrap()][..], &folders]
            .concat(),
    ];
    for args in commands {
        let output = run(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} succeeded:\n{stderr}");
        assert!(stderr.contains(&format!("{}: {says}", file.display())), "{args:?}: `{says}` in:\n{stderr}");
        assert!(stderr.contains("fix: "), "{stderr}");
        assert!(output.stdout.is_empty() || !String::from_utf8_lossy(&output.stdout).contains("running at"));
    }
    assert!(!export.join("index.html").exists(), "nothing exported");
}

#[test]
fn a_static_link_to_the_process_environment_is_refused_not_served() {
    let site = fixture("valid");
    let link = site.statics().join("env.txt");
    symlink("/proc/self/environ", &link).unwrap();
    assert_every_command_refuses(&site.articles(), &site.statics(), &link, "this is a link to `/proc/");
}

#[test]
fn an_article_linked_from_outside_the_folder_is_refused() {
    let site = fixture("valid");
    let elsewhere = tempfile::tempdir().unwrap();
    let source = site
        .articles()
        .read_dir()
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"));
    let outside = elsewhere.path().join("outside.md");
    std::fs::copy(source.unwrap().path(), &outside).unwrap();
    let link = site.articles().join("outside.md");
    symlink(&outside, &link).unwrap();
    assert_every_command_refuses(&site.articles(), &site.statics(), &link, "this is a link to");
}

#[test]
fn a_fifo_article_or_static_file_is_refused_without_a_hang() {
    let site = fixture("valid");
    let pipe = site.articles().join("pipe.md");
    mkfifo(&pipe);
    assert_every_command_refuses(&site.articles(), &site.statics(), &pipe, "this is a named pipe (FIFO)");
    std::fs::remove_file(&pipe).unwrap();
    let pipe = site.statics().join("pipe.txt");
    mkfifo(&pipe);
    assert_every_command_refuses(&site.articles(), &site.statics(), &pipe, "this is a named pipe (FIFO)");
}

#[test]
fn a_link_that_stays_inside_the_folder_is_read() {
    let site = fixture("valid");
    // As a Kubernetes ConfigMap volume lays out its files.
    let data = site.statics().join("..data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("notes.txt"), "inside").unwrap();
    symlink("..data/notes.txt", site.statics().join("notes.txt")).unwrap();
    let (articles, statics) = (site.articles(), site.statics());
    let folders = ["--articles", articles.to_str().unwrap(), "--static", statics.to_str().unwrap()];
    let output = run(&[&["check"][..], &folders].concat());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}
