#!/usr/bin/env bash
# startup.sh: start-up at scale. For each N (default 10 1000 10000): N generated
# articles plus the bundled ones, then the release binary is started and timed:
#   first answer  - process start to the first 200 on `/`
#   all brotli    - process start to the log line saying every page is compressed
#   VmHWM         - peak resident memory once every page is compressed
# and `knotwise check` on the same folder (wall time, VmHWM).
#
#   benches/startup.sh [N...]        # needs python3; builds the release binary
#
# Run it from the repository root; nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@"); ((${#SIZES[@]})) || SIZES=(10 1000 10000)
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/knotwise"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${SIZES[@]}"; do
  dir="$WORK/$n"
  benches/generate.sh "$n" "$dir" >/dev/null
  cp articles/* "$dir/"
  python3 - "$BIN" "$dir" "$n" <<'PY'
import os, re, signal, socket, subprocess, sys, time
bin_, articles, n = sys.argv[1:]

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def ok(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def hwm(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"): return int(line.split()[1]) / 1024

t0 = time.perf_counter()
r = subprocess.run(["/usr/bin/time", "-f", "%e %M", bin_, "check", "--articles", articles],
                   capture_output=True, text=True)
check_s, check_kb = r.stderr.strip().splitlines()[-1].split()
port = free_port()
log = open(os.path.join(articles, "serve.log"), "w+")
t0 = time.perf_counter()
p = subprocess.Popen([bin_, "serve", "--addr", f"127.0.0.1:{port}", "--articles", articles],
                     stdout=log, stderr=log, start_new_session=True)
try:
    while not ok(port):
        if p.poll() is not None: sys.exit(open(log.name).read()[-2000:])
        time.sleep(0.002)
    first = time.perf_counter() - t0
    done = None
    while done is None and time.perf_counter() - t0 < 300:
        m = re.search(r"every page compressed (\d+) ms", open(log.name).read())
        if m: done = int(m.group(1)) / 1000
        else: time.sleep(0.05)
    time.sleep(0.2)
    print(f"{n:>6} articles: first answer {first:6.2f} s, all brotli {done if done is not None else float('nan'):6.1f} s, "
          f"VmHWM {hwm(p.pid):6.1f} MiB; check {float(check_s):5.2f} s, {int(check_kb) / 1024:6.1f} MiB", flush=True)
finally:
    os.killpg(p.pid, signal.SIGTERM); p.wait(timeout=15)
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
