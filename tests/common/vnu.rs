//! The W3C Nu HTML Checker (vnu, by Java), for the tests that validate
//! pages: `tests/validate.rs` and the browser's saved-copy state.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use super::root;

#[derive(Deserialize)]
struct Report {
    messages: Vec<Message>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(rename = "type")]
    kind: String,
    url: Option<String>,
    #[serde(rename = "lastLine")]
    line: Option<u64>,
    message: String,
    extract: Option<String>,
}

pub fn vnu_jar() -> PathBuf {
    root().join("tests/node_modules/vnu-jar/build/dist/vnu.jar")
}

/// Runs vnu on every `.html` file in `dir`; every error, as "file:line: message".
pub fn validate(dir: &Path) -> Vec<String> {
    let jar = vnu_jar();
    assert!(
        jar.is_file(),
        "{} is missing: run `npm ci --prefix tests --ignore-scripts` (or .ci/run)",
        jar.display()
    );
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(dir)
        .output()
        .expect("Java runs (`apt-get install default-jre-headless`, or .ci/run)");
    // vnu writes its report to stderr and exits 1 when it found errors.
    let report: Report = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("vnu did not report: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    report
        .messages
        .into_iter()
        .filter(|m| m.kind == "error" || m.kind == "non-document-error")
        .map(|m| {
            let file = m.url.as_deref().and_then(|u| u.rsplit('/').next()).unwrap_or("?").to_string();
            format!("{file}:{}: {} [{}]", m.line.unwrap_or(0), m.message, m.extract.unwrap_or_default())
        })
        .collect()
}
