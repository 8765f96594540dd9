#!/usr/bin/env bash
# Knotwise next to nginx serving the same bytes, on loopback.
#
#   benches/compare.sh            # all measurements
#   DURATION=30 benches/compare.sh
#
# Needs: nginx, wrk and curl (Debian: apt-get install -y nginx-light wrk curl).
# Prints, for an article page: requests per second, p99 latency and CPU time
# per request for both servers; then start-up time and peak memory with the
# bundled articles and with 1,000 generated ones. Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
WORKERS="${WORKERS:-1}"
PAGE="${PAGE:-/articles/what-is-a-muscle-knot}"
KW_PORT=18080
NGINX_PORT=18081
TICKS=$(getconf CLK_TCK)

for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y nginx-light wrk curl" >&2; exit 1; }
done

cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/knotwise"
WORK=$(mktemp -d)
chmod 755 "$WORK" # nginx workers run as an unprivileged user
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

wait_ready() { # url
  for _ in $(seq 1 3000); do curl -fs -o /dev/null "$1" && return 0; sleep 0.01; done
  echo "server at $1 did not start" >&2; exit 1
}

cpu_ticks() { # pids...: user+system ticks of the processes
  local total=0
  for pid in "$@"; do
    read -r -a f < "/proc/$pid/stat"
    total=$((total + f[13] + f[14]))
  done
  echo "$total"
}

run_wrk() { # name url pids...
  local name=$1 url=$2; shift 2
  local before after out rps p99 reqs
  before=$(cpu_ticks "$@")
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")
  after=$(cpu_ticks "$@")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v n="$name" -v r="$rps" -v p="$p99" -v t=$((after - before)) -v q="$reqs" -v hz="$TICKS" \
    'BEGIN { printf "%-10s %12.0f %10s %14.1f\n", n, r, p, (t / hz) / q * 1e6 }'
}

# --- throughput and latency -------------------------------------------------
RUST_LOG=info "$BIN" --addr "127.0.0.1:$KW_PORT" --workers "$WORKERS" 2>/dev/null >/dev/null &
PIDS+=($!)
KW_PID=$!
wait_ready "http://127.0.0.1:$KW_PORT/healthz"

# nginx serves the very bytes knotwise sends for the page.
mkdir -p "$WORK/www$(dirname "$PAGE")" "$WORK/nginx"
curl -fs "http://127.0.0.1:$KW_PORT$PAGE" -o "$WORK/www$PAGE"
BYTES=$(stat -c %s "$WORK/www$PAGE")
cat > "$WORK/nginx/nginx.conf" <<EOF
user nobody nogroup;
worker_processes $WORKERS;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log /dev/null;
  default_type "text/html; charset=utf-8";
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; etag on; }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
PIDS+=($!)
NGINX_MASTER=$!
wait_ready "http://127.0.0.1:$NGINX_PORT$PAGE"
NGINX_PIDS=$(pgrep -P "$NGINX_MASTER" | tr '\n' ' ')

echo "Article page $PAGE ($BYTES bytes, identity), ${CONNECTIONS} connections, ${DURATION}s, ${WORKERS} worker(s) each"
printf '%-10s %12s %10s %14s\n' server "requests/s" p99 "CPU us/request"
# shellcheck disable=SC2086
run_wrk nginx "http://127.0.0.1:$NGINX_PORT$PAGE" $NGINX_PIDS
run_wrk knotwise "http://127.0.0.1:$KW_PORT$PAGE" "$KW_PID"
kill "$KW_PID" "$NGINX_MASTER" 2>/dev/null || true
wait "$KW_PID" 2>/dev/null || true

# --- start-up time and peak memory -------------------------------------------
startup() { # name articles-dir
  local start pid hwm ms
  start=$(date +%s%N)
  "$BIN" --addr "127.0.0.1:$KW_PORT" --articles "$2" --workers 1 2>/dev/null >/dev/null &
  pid=$!
  wait_ready "http://127.0.0.1:$KW_PORT/healthz"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%-28s %8s ms %10s MiB\n' "$1" "$ms" "$((hwm / 1024))"
}

mkdir -p "$WORK/many"
cp articles/* "$WORK/many/"
for i in $(seq 1 1000); do
  sed -e "s/^order = .*/order = $((1000 + i))/" -e "s/^title = \"/title = \"Copy $i: /" \
    articles/what-is-a-muscle-knot.md > "$WORK/many/generated-$i.md"
done
echo
echo "Start-up to first answer on /healthz, and peak resident memory"
startup "bundled articles ($(ls articles/*.md | wc -l))" articles
startup "with 1,000 generated articles" "$WORK/many"
