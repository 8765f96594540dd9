#!/usr/bin/env bash
# startup.sh: start-up at scale. For each N (default 10 1000 10000): N generated
# articles plus the bundled ones, then the release binary is started and timed:
#   first answer  - process start to the first 200 on `/` (wall, and the CPU
#                   time the process used until then: steadier on a busy machine)
#   all brotli    - process start to the log line saying every page is compressed
#   VmHWM         - peak resident memory at the first answer, and over the
#                   whole run once every page has its brotli
# and `knotwise check` on the same folder (wall time, CPU time, VmHWM).
#
#   benches/startup.sh [N...]        # needs python3; builds the release binary
#   KNOTWISE_BENCH_DIR=/tmp/kw benches/startup.sh 10000   # reuse /tmp/kw/10000 if it exists
#
# Run it from the repository root; nothing leaves 127.0.0.1. Say in the
# figures whether the machine was idle: wall times on a shared machine are
# several times the idle ones, CPU times and memory much less so.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@"); ((${#SIZES[@]})) || SIZES=(10 1000 10000)
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/knotwise"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${SIZES[@]}"; do
  dir="${KNOTWISE_BENCH_DIR:-$WORK}/$n"
  if [[ ! -d $dir ]]; then
    benches/generate.sh "$n" "$dir" >/dev/null
    # Generated articles are not clinical: the editorial rules stay out.
    find articles -maxdepth 1 -type f ! -name editorial.toml -exec cp {} "$dir/" \;
  fi
  python3 - "$BIN" "$dir" "$n" "$WORK/serve-$n.log" <<'PY'
import os, re, signal, socket, subprocess, sys, time
bin_, articles, n, log_path = sys.argv[1:]
tick = os.sysconf("SC_CLK_TCK")

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

def cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick

r = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", bin_, "check", "--articles", articles],
                   capture_output=True, text=True)
check_s, check_u, check_sys, check_kb = r.stderr.strip().splitlines()[-1].split()
port = free_port()
log = open(log_path, "w+")
t0 = time.perf_counter()
p = subprocess.Popen([bin_, "serve", "--addr", f"127.0.0.1:{port}", "--articles", articles],
                     stdout=log, stderr=log, start_new_session=True)
try:
    while not ok(port):
        if p.poll() is not None: sys.exit(open(log_path).read()[-2000:])
        time.sleep(0.002)
    first, first_cpu, first_hwm = time.perf_counter() - t0, cpu(p.pid), hwm(p.pid)
    done = None
    while done is None and time.perf_counter() - t0 < 300:
        m = re.search(r"every page compressed (\d+) ms", open(log_path).read())
        if m: done = int(m.group(1)) / 1000
        else: time.sleep(0.05)
    time.sleep(0.2)
    print(f"{n:>6} articles: first answer {first:6.2f} s ({first_cpu:5.2f} s CPU), VmHWM {first_hwm:6.1f} MiB; "
          f"all brotli {done if done is not None else float('nan'):6.1f} s, VmHWM {hwm(p.pid):6.1f} MiB; "
          f"check {float(check_s):5.2f} s ({float(check_u) + float(check_sys):5.2f} s CPU), {int(check_kb) / 1024:6.1f} MiB",
          flush=True)
finally:
    os.killpg(p.pid, signal.SIGTERM); p.wait(timeout=15)
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
