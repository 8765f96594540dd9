#!/usr/bin/env bash
# The self-check POST next to nginx serving a static page (the self-check's
# own first page, same bytes as Knotwise sends), one worker each.
#
#   benches/post.sh [BINARY]          # ROUNDS=6 DURATION=5 PRIORITY=-10 by default
#
# Each server runs pinned to core 1 and wrk (1 thread, 64 connections) to
# core 0, in alternating rounds (Knotwise first in odd rounds, nginx first in
# even ones); CPU time per request is the server's user + system time from
# /proc during the run. PRIORITY sets the autogroup nice value of the servers
# and wrk (root only; empty for none), as ../shared tools do, so other work on
# a shared machine gets less of the two cores. Needs nginx, wrk, curl, taskset,
# python3 (benches/calm_post.py walks the form to find the calm reader's answers).
# Nothing leaves 127.0.0.1. The figure to read is "POST / nginx req/s".
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-6} DURATION=${DURATION:-5} PRIORITY=${PRIORITY--10}
BIN=${1:-${CARGO_TARGET_DIR:-target}/release/knotwise}
KW_PORT=${KW_PORT:-18090} NGINX_PORT=${NGINX_PORT:-18091}
HZ=$(getconf CLK_TCK)
[[ -x $BIN ]] || { echo "no binary at $BIN: cargo build --release" >&2; exit 1; }

WORK=$(mktemp -d) && chmod 755 "$WORK"
GROUPS_STARTED=()
cleanup() {
  for pg in "${GROUPS_STARTED[@]}"; do kill -TERM -- "-$pg" 2>/dev/null || true; done
  for pg in "${GROUPS_STARTED[@]}"; do
    for _ in $(seq 50); do kill -0 -- "-$pg" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

start() { # log cmd...: runs cmd in its own session on core 1; sets STARTED
  local log=$1; shift
  setsid bash -c 'echo "$0" >/proc/self/autogroup 2>/dev/null; exec taskset -c 1 "$@"' "${PRIORITY:-0}" "$@" \
    >"$log.log" 2>&1 </dev/null &
  STARTED=$!
  GROUPS_STARTED+=("$STARTED")
}
wait_for() {
  for _ in $(seq 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "nothing answers at $1 (logs in $WORK)" >&2; exit 1
}
ticks() { # pgid: user+system ticks of every process in the group
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v pg="$1" '{ s=$0; sub(/^.*\) /,"",s); split(s,f," "); if (f[3]==pg) t+=f[12]+f[13] } END { print t+0 }'
}
bench() { # pgid wrk-args...: prints "req/s cpu_us_per_request"
  local pg=$1 t0 t1 out; shift
  t0=$(ticks "$pg")
  out=$(setsid bash -c 'echo "$0" >/proc/self/autogroup 2>/dev/null; exec taskset -c 0 wrk -t1 -c64 "$@"' \
    "${PRIORITY:-0}" -d"${DURATION}s" "$@")
  t1=$(ticks "$pg")
  if grep -q 'Non-2xx' <<<"$out"; then
    echo "some responses were not 2xx: the self-check did not accept the posted answers" >&2
    exit 1
  fi
  awk -v t=$((t1 - t0)) -v hz="$HZ" '/requests in/ { n=$1 } /^Requests\/sec/ { r=$2 } END { printf "%.0f %.2f\n", r, t/hz*1e6/n }' <<<"$out"
}

start "$WORK/knotwise" "$BIN" serve --addr "127.0.0.1:$KW_PORT" --workers 1 --drain-seconds 0
KW=$STARTED
wait_for "http://127.0.0.1:$KW_PORT/self-check"
mkdir -p "$WORK/www" "$WORK/nginx"
curl -fs "http://127.0.0.1:$KW_PORT/self-check" -o "$WORK/www/self-check.html"
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off; master_process on; worker_processes 1;
pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log crit;
events { worker_connections 1024; }
http {
  access_log off; server_tokens off; sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000000; open_file_cache max=100 inactive=3600s;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT; root $WORK/www;
    location = /self-check { default_type "text/html; charset=utf-8"; try_files /self-check.html =404; }
  }
}
CONF
start "$WORK/nginx/run" nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log"
NG=$STARTED
wait_for "http://127.0.0.1:$NGINX_PORT/self-check"

post=(-s benches/post.lua "http://127.0.0.1:$KW_PORT/self-check")
# The answers come from the pages themselves, so they never rot; the body
# must give the result page (wrk checks only the status).
KNOTWISE_POST_BODY=$(python3 benches/calm_post.py "http://127.0.0.1:$KW_PORT") \
  || { echo "could not walk the self-check to its result (benches/calm_post.py)" >&2; exit 1; }
export KNOTWISE_POST_BODY
result=$(curl -s -H 'Content-Type: application/x-www-form-urlencoded' --data "$KNOTWISE_POST_BODY" "http://127.0.0.1:$KW_PORT/self-check") || true
grep -q 'data-level="' <<<"$result" \
  || { echo "the calm reader's last step does not give the result page" >&2; exit 1; }
echo "# posting: $KNOTWISE_POST_BODY"
page=("http://127.0.0.1:$NGINX_PORT/self-check")
bench "$KW" "${post[@]}" >/dev/null; bench "$NG" "${page[@]}" >/dev/null # warm-up
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $ROUNDS rounds of ${DURATION}s"
echo "round  POST req/s  POST us/req  nginx req/s  nginx us/req  ratio"
results=()
for ((r = 1; r <= ROUNDS; r++)); do
  if ((r % 2)); then p=$(bench "$KW" "${post[@]}"); n=$(bench "$NG" "${page[@]}")
  else n=$(bench "$NG" "${page[@]}"); p=$(bench "$KW" "${post[@]}"); fi
  read -r pr pc <<<"$p"; read -r nr nc <<<"$n"
  ratio=$(awk -v a="$pr" -v b="$nr" 'BEGIN { printf "%.3f", a/b }')
  printf '%5d %11s %12s %12s %13s %6s\n' "$r" "$pr" "$pc" "$nr" "$nc" "$ratio"
  results+=("$pr $pc $nr $nc $ratio")
done
printf '%s\n' "${results[@]}" | awk '
  function med(c,   n, i, j, t, a) { n=0; for (i in col) delete col[i]
    for (i=1; i<=NR; i++) a[++n]=v[i,c]
    for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]<a[i]) {t=a[i];a[i]=a[j];a[j]=t}
    return n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2 }
  { for (c=1; c<=5; c++) v[NR,c]=$c }
  END { printf "median %11.0f %12.2f %12.0f %13.2f %6.3f\n", med(1), med(2), med(3), med(4), med(5)
        printf "BENCH: self-check POST at %.3f of nginx req/s for a static page (median)\n", med(5) }'
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
