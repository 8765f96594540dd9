//! nginx in front of an export, as the tests of `knotwise export` run it:
//! in the foreground, on loopback, with the server block the export wrote.
//!
//! Needs nginx (`apt-get install -y nginx`; `.ci/run` installs it). Without
//! it the tests fail and say so: they never skip.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use super::PATIENCE;
use super::server::Running;

pub fn nginx_binary() -> PathBuf {
    ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "nginx is not installed, and the export tests need it to serve the exported folder.\n  \
                 fix: `apt-get install -y nginx` (`.ci/run` installs it when missing)"
            )
        })
}

/// A port that was free a moment ago, for nginx's `listen` (nginx cannot be
/// told to choose one and say which).
pub fn free_port() -> u16 {
    super::server::loopback().local_addr().unwrap().port()
}

/// A temporary folder nginx's workers may read (they run as an
/// unprivileged user when nginx is started by root).
pub fn work_dir() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    std::fs::set_permissions(work.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    work
}

/// nginx in the foreground, as one process (`master_process off`, so
/// stopping it at the end of the test leaves no worker behind), with a
/// minimal main configuration around the server block the export wrote,
/// listening on `port`. Returns once it accepts connections.
pub fn start_nginx(work: &Path, export: &Path, port: u16) -> Running {
    let server = std::fs::read_to_string(export.join("_nginx.conf")).unwrap();
    assert!(server.contains("    listen 80;\n"), "{server}");
    let server = server.replace("    listen 80;\n", &format!("    listen 127.0.0.1:{port};\n"));
    std::fs::write(work.join("server.conf"), server).unwrap();
    let w = work.display();
    let main = format!(
        "pid {w}/nginx.pid;\nerror_log {w}/error.log warn;\nmaster_process off;\nevents {{}}\n\
         http {{\n  access_log off;\n  client_body_temp_path {w}/body;\n  proxy_temp_path {w}/proxy;\n  \
         fastcgi_temp_path {w}/fastcgi;\n  uwsgi_temp_path {w}/uwsgi;\n  scgi_temp_path {w}/scgi;\n  \
         include {w}/server.conf;\n}}\n"
    );
    std::fs::write(work.join("nginx.conf"), main).unwrap();
    let nginx = nginx_binary();
    let args = |command: &mut Command| {
        command
            .arg("-p")
            .arg(work)
            .arg("-e")
            .arg(work.join("error.log"))
            .arg("-c")
            .arg(work.join("nginx.conf"));
    };
    let mut test = Command::new(&nginx);
    test.arg("-t");
    args(&mut test);
    let test = test.output().unwrap();
    assert!(
        test.status.success(),
        "nginx refuses the exported server block:\n{}",
        String::from_utf8_lossy(&test.stderr)
    );
    let mut run = Command::new(&nginx);
    args(&mut run);
    let child = run.args(["-g", "daemon off;"]).spawn().unwrap();
    let running = Running(child);
    wait_until_accepting(&format!("127.0.0.1:{port}"));
    running
}

fn wait_until_accepting(addr: &str) {
    let started = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(started.elapsed() < PATIENCE, "nothing answered on {addr}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
