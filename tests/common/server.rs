//! Servers the tests start on loopback: the `knotwise` binary as an
//! operator or an author runs it, and the application served from a thread
//! of the test itself. Each binds 127.0.0.1 on a port the OS chooses, and
//! each is stopped when the test ends, pass or fail.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServerHandle, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, HttpServer};

use super::{PATIENCE, root};

/// The `knotwise` binary, run from the crate root without the `PORT` of
/// the environment the tests run in.
pub fn knotwise() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_knotwise"));
    command.current_dir(root()).env_remove("PORT");
    command
}

/// Runs `command` to its end and returns what it printed; a process still
/// running after [`PATIENCE`] is killed and the test fails (a command that
/// should refuse to start must not hang, nor start serving).
pub fn output_within(command: &mut Command) -> Output {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > PATIENCE {
            child.kill().unwrap();
            panic!("{command:?} did not finish within {PATIENCE:?}: {:?}", child.wait_with_output());
        }
        thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

/// A child process that is killed when dropped.
pub struct Running(pub Child);

impl Running {
    /// Stops the process at once (SIGKILL), as a crash or a lost machine would.
    pub fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `knotwise serve` (or `serve --watch`, or `preview`) running, once it has
/// printed where it serves. What it logs is collected as it comes.
pub struct Process {
    child: Running,
    /// The line it printed first: "Knotwise is running at http://… ".
    pub banner: String,
    /// The `host:port` it serves.
    pub addr: String,
    log: Arc<Mutex<String>>,
    reader: Option<thread::JoinHandle<()>>,
}

impl Process {
    /// Starts `command` (built from [`knotwise`]; give it `--addr
    /// 127.0.0.1:0` or a `PORT`) and returns once it printed its address.
    pub fn start(command: &mut Command) -> Process {
        let mut child = Running(command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap());
        let log = Arc::new(Mutex::new(String::new()));
        let (stderr, collected) = (child.0.stderr.take().unwrap(), log.clone());
        let reader = thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                collected.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let mut stdout = BufReader::new(child.0.stdout.take().unwrap());
        let mut banner = String::new();
        if stdout.read_line(&mut banner).unwrap() == 0 {
            let _ = child.0.wait();
            let _ = reader.join();
            panic!("knotwise stopped before serving:\n{}", log.lock().unwrap());
        }
        // Keep reading what it prints, so it never blocks on a full pipe.
        thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let addr = served_address(&banner);
        Process { child, banner, addr, log, reader: Some(reader) }
    }

    /// Sends `signal` (`libc::SIGTERM`, `libc::SIGINT`) to the process.
    pub fn signal(&self, signal: i32) {
        let pid = i32::try_from(self.child.0.id()).unwrap();
        // SAFETY: sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "signal {signal} to {pid}");
    }

    /// Stops the process at once (SIGKILL).
    pub fn kill(&mut self) {
        self.child.kill();
    }

    /// Everything it has logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the log has a line containing `needle`; returns that line.
    pub fn log_line(&self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            if let Some(line) = self.log().lines().find(|l| l.contains(needle)) {
                return line.to_string();
            }
            assert!(started.elapsed() < PATIENCE, "no `{needle}` in the log:\n{}", self.log());
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the process to exit (after a signal), then for the last of
    /// its log.
    pub fn wait(&mut self) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(exit) = self.child.0.try_wait().unwrap() {
                if let Some(reader) = self.reader.take() {
                    reader.join().unwrap();
                }
                return exit;
            }
            assert!(started.elapsed() < PATIENCE, "still running; log:\n{}", self.log());
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops it as an operator does (SIGTERM) and returns how it exited.
    pub fn stop(&mut self) -> ExitStatus {
        self.signal(libc::SIGTERM);
        self.wait()
    }
}

/// The `host:port` in the line `serve` prints first ("Knotwise is running
/// at http://127.0.0.1:PORT/ ...").
fn served_address(line: &str) -> String {
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect(line);
    url.trim_start_matches("http://").trim_end_matches('/').to_string()
}

/// A loopback listener on a port the OS chooses.
pub fn loopback() -> TcpListener {
    TcpListener::bind("127.0.0.1:0").unwrap()
}

/// An application (`knotwise::web::app` or watch mode's `live::app`) served
/// by `HttpServer` from a thread of the test, with its own runtime, one
/// worker and no signal handling. Stopped when dropped.
pub struct InProcess {
    pub addr: SocketAddr,
    handle: ServerHandle,
    thread: Option<thread::JoinHandle<std::io::Result<()>>>,
}

impl InProcess {
    /// Serves the apps `app` makes on `listener` (bound by the caller, as a
    /// site is built knowing its address).
    pub fn start<T, B>(listener: TcpListener, app: impl Fn() -> App<T> + Send + Clone + 'static) -> InProcess
    where
        T: ServiceFactory<
                ServiceRequest,
                Config = (),
                Response = ServiceResponse<B>,
                Error = actix_web::Error,
                InitError = (),
            > + 'static,
        B: MessageBody + 'static,
    {
        let addr = listener.local_addr().unwrap();
        let (handles, handle) = mpsc::channel();
        let thread = thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(app).workers(1).disable_signals().listen(listener)?.run();
                handles.send(server.handle()).unwrap();
                server.await
            })
        });
        let Ok(handle) = handle.recv() else {
            panic!("the server did not start: {:?}", thread.join());
        };
        InProcess { addr, handle, thread: Some(thread) }
    }

    /// Stops it at once (open connections are dropped) and waits until its
    /// port is free; panics if it ended with an error. Stopping a stopped
    /// server does nothing.
    pub fn stop(&mut self) {
        self.stop_now().expect("the server ran without an error");
    }

    fn stop_now(&mut self) -> std::io::Result<()> {
        let Some(thread) = self.thread.take() else { return Ok(()) };
        // The command is sent here; its completion need not be awaited, as
        // the thread ends when the server has stopped.
        drop(self.handle.stop(false));
        thread.join().unwrap()
    }
}

impl Drop for InProcess {
    fn drop(&mut self) {
        let _ = self.stop_now();
    }
}
