//! Offline reading: the web app manifest, and the service worker served at
//! `/sw.js` with this build's values, or the worker that retires it.
//!
//! The worker itself is `static/sw.js`, plain JavaScript, explained in
//! ARCHITECTURE.md ("Offline reading"). `--offline off` (and watch mode)
//! leaves the script that installs it out of every page and serves
//! `retire.js` at `/sw.js` instead, which deletes the saves and unregisters.

use std::str::FromStr;

use serde_json::json;

use crate::assets::{Assets, png_size};
use crate::prepared::content_hash;
use crate::problem::Problem;
use crate::urls;
use std::path::Path;

/// The worker's source in `static/`: served only at [`urls::WORKER`].
pub(crate) const WORKER_FILE: &str = "sw.js";
/// The script every page loads to install the worker.
pub(crate) const REGISTER_FILE: &str = "offline.js";
/// The installable app's icons: file, size in pixels, purpose.
pub(crate) const ICONS: [(&str, u32, &str); 3] =
    [("icon-192.png", 192, "any"), ("icon-512.png", 512, "any"), ("icon-maskable.png", 512, "maskable")];
/// The browser's bar and the app's splash screen: the icon's teal, and the
/// page's background.
pub(crate) const THEME_COLOUR: &str = "#0b5d57";
const BACKGROUND_COLOUR: &str = "#fbfaf7";
/// Articles saved on install, besides the home page, when published: what
/// a worried reader without a signal needs most.
pub(crate) const SAVED_FIRST: [&str; 2] = ["emergency-signs", "warning-signs"];

/// The manifest's and the worker's content types.
pub(crate) const MANIFEST_TYPE: &str = "application/manifest+json";
pub(crate) const WORKER_TYPE: &str = "text/javascript; charset=utf-8";

/// The worker that retires an installed one.
const RETIRE: &str = include_str!("retire.js");

/// Whether browsers may install the offline worker (`--offline`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Offline {
    #[default]
    On,
    Off,
}

impl FromStr for Offline {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "on" => Ok(Offline::On),
            "off" => Ok(Offline::Off),
            other => {
                Err(format!("`{other}` is neither on nor off; fix: write --offline on or --offline off"))
            }
        }
    }
}

/// The static files offline reading needs, found when loading.
#[derive(Debug, Clone)]
pub struct OfflineFiles {
    /// The hashed URL of the script that installs the worker.
    pub(crate) register_url: String,
    /// The worker's source.
    pub worker: String,
    /// Each icon's hashed URL, size and purpose.
    pub icons: Vec<(String, u32, &'static str)>,
}

impl OfflineFiles {
    /// Finds the files in `assets`: a missing one, or an icon that is not a
    /// square PNG of its size, is a problem.
    pub fn find(assets: &Assets, statics: &Path) -> Result<OfflineFiles, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut url = |name: &str| assets.url(name, statics).map_err(|p| problems.push(p)).ok();
        let register_url = url(REGISTER_FILE);
        let worker = url(WORKER_FILE).and_then(|_| assets.get(WORKER_FILE));
        let mut icons = Vec::new();
        for (name, size, purpose) in ICONS {
            let Some(asset) = assets.get(name) else {
                problems.push(missing(statics, name));
                continue;
            };
            if png_size(&asset.bytes) != Some((size, size)) {
                problems.push(Problem::in_file(
                    &statics.join(name),
                    format!("the app icon `{name}` must be a {size}x{size} PNG"),
                    "replace it with a PNG of that size (the README says how the icons were made)",
                ));
            }
            icons.push((asset.url.clone(), size, purpose));
        }
        match (register_url, worker) {
            (Some(register_url), Some(worker)) if problems.is_empty() => Ok(OfflineFiles {
                register_url,
                worker: String::from_utf8_lossy(&worker.bytes).into_owned(),
                icons,
            }),
            _ => Err(problems),
        }
    }
}

fn missing(statics: &Path, name: &str) -> Problem {
    Problem::in_file(
        &statics.join(name),
        format!("offline reading needs `{name}`, and it is missing"),
        "restore the file from the repository's static/ folder",
    )
}

/// The web app manifest (`/manifest.webmanifest`).
pub fn manifest(files: &OfflineFiles) -> String {
    let icons: Vec<_> = files
        .icons
        .iter()
        .map(|(src, size, purpose)| {
            json!({ "src": src, "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": purpose })
        })
        .collect();
    let manifest = json!({
        "id": urls::HOME,
        "name": "Knotwise: muscle knots and massage aftercare",
        "short_name": "Knotwise",
        "description": "Plain answers about muscle knots, soreness after massage and the warning signs that need help.",
        "lang": "en-GB",
        "dir": "ltr",
        "start_url": urls::HOME,
        "scope": urls::HOME,
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).expect("a JSON value serializes")
}

/// What `/sw.js` serves: this build's worker, or with `Offline::Off` the
/// one that retires it. The build id changes with any static file (the
/// worker included), the offline page, the manifest or the saved paths, so
/// a new deploy installs a new worker, which replaces the old saves.
pub fn worker(
    offline: Offline,
    files: &OfflineFiles,
    assets: &Assets,
    offline_page: &[u8],
    precache: &[String],
) -> String {
    if offline == Offline::Off {
        return RETIRE.to_string();
    }
    let mut inputs: Vec<u8> = Vec::new();
    for asset in assets.iter() {
        inputs.extend_from_slice(asset.url.as_bytes());
        inputs.push(b'\n');
    }
    inputs.extend_from_slice(offline_page);
    inputs.extend_from_slice(manifest(files).as_bytes());
    let precache = serde_json::to_string(precache).expect("strings serialize");
    inputs.extend_from_slice(precache.as_bytes());
    let build = content_hash(&inputs);
    format!("var BUILD = \"{build}\";\nvar PRECACHE = {precache};\n\n{}", files.worker)
}

/// The build id a worker from [`worker`] carries, if it is one.
pub fn build_of(worker: &str) -> Option<&str> {
    worker.strip_prefix("var BUILD = \"")?.split('"').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real() -> (Assets, OfflineFiles) {
        let statics = Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
        let (assets, problems) = Assets::load(&statics);
        assert!(problems.is_empty(), "{problems:?}");
        let files = OfflineFiles::find(&assets, &statics).unwrap();
        (assets, files)
    }

    #[test]
    fn the_manifest_has_what_installing_needs() {
        let (_, files) = real();
        let manifest: serde_json::Value = serde_json::from_str(&manifest(&files)).unwrap();
        for field in ["name", "short_name", "start_url", "display", "theme_color", "background_color"] {
            assert!(manifest[field].is_string(), "{field}");
        }
        let icons = manifest["icons"].as_array().unwrap();
        let sizes: Vec<(&str, &str)> =
            icons.iter().map(|i| (i["sizes"].as_str().unwrap(), i["purpose"].as_str().unwrap())).collect();
        assert_eq!(sizes, [("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")]);
        assert!(icons.iter().all(|i| i["src"].as_str().unwrap().starts_with("/static/icon-")));
    }

    #[test]
    fn the_build_id_follows_the_files_and_off_retires_the_worker() {
        let (assets, files) = real();
        let precache = vec!["/".to_string()];
        let first = worker(Offline::On, &files, &assets, b"<p>offline</p>", &precache);
        let again = worker(Offline::On, &files, &assets, b"<p>offline</p>", &precache);
        let changed = worker(Offline::On, &files, &assets, b"<p>offline, changed</p>", &precache);
        assert_eq!(first, again, "the same build gives the same worker");
        assert_ne!(build_of(&first), build_of(&changed));
        assert_eq!(build_of(&first).map(str::len), Some(16));
        assert!(
            first.contains("var PRECACHE = [\"/\"];") && first.contains("self.addEventListener(\"fetch\"")
        );
        let off = worker(Offline::Off, &files, &assets, b"", &precache);
        assert!(off.contains("registration.unregister()") && !off.contains("\"fetch\""), "{off}");
        assert_eq!(build_of(&off), None);
    }

    #[test]
    fn a_missing_or_wrong_icon_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let statics = Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
        for entry in std::fs::read_dir(&statics).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
        std::fs::remove_file(dir.path().join("offline.js")).unwrap();
        std::fs::copy(statics.join("icon-192.png"), dir.path().join("icon-512.png")).unwrap();
        let (assets, problems) = Assets::load(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
        let problems: Vec<String> =
            OfflineFiles::find(&assets, dir.path()).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("offline.js")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("`icon-512.png` must be a 512x512 PNG")), "{problems:?}");
    }

    #[test]
    fn the_flag_reads_on_and_off() {
        assert_eq!("off".parse::<Offline>(), Ok(Offline::Off));
        assert_eq!("on".parse::<Offline>(), Ok(Offline::On));
        assert!("no".parse::<Offline>().unwrap_err().contains("--offline on or --offline off"));
    }
}
