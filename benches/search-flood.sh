#!/usr/bin/env bash
# Search cost against the home page, and the home page during a flood of the
# costliest search (issue 22: the costliest query may cost at most 20 home
# page requests, and a flood of it must keep the home page's median under
# 5 ms on a 2-core machine).
#
#   benches/search-flood.sh [BINARY]      # DURATION=10 ROUNDS=3 PRIORITY=-10 FLOOD=100 by default
#
# Runs the release binary on the bundled articles as shipped (request log on,
# one worker per core). Cost: CPU time of the server (user + system, all
# threads, from /proc) per request, while wrk (1 thread, 4 connections, few
# enough that no search is turned away) asks for one URL; ROUNDS rounds of
# the home page and then each query, and a query's cost is the median of its
# ratios to the home page of the same round. Flood: wrk with
# FLOOD connections asks for the costliest query while a second wrk (1
# thread, 4 connections) asks for `/`, and reports its median latency.
# PRIORITY sets the autogroup nice value of the server and wrk (root only;
# empty for none), so other work on a shared machine gets less of the cores.
# Needs wrk and curl. Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10} ROUNDS=${ROUNDS:-3} PRIORITY=${PRIORITY--10} FLOOD=${FLOOD:-100} PORT=${PORT:-18095}
BIN=${1:-${CARGO_TARGET_DIR:-target}/release/knotwise}
HZ=$(getconf CLK_TCK)
[[ -x $BIN ]] || { echo "no binary at $BIN: cargo build --release" >&2; exit 1; }
URL="http://127.0.0.1:$PORT"

LOG=$(mktemp)
setsid bash -c 'echo "$0" >/proc/self/autogroup 2>/dev/null; exec "$@"' "${PRIORITY:-0}" \
  "$BIN" serve --addr "127.0.0.1:$PORT" --drain-seconds 0 >"$LOG" 2>&1 </dev/null &
SERVER=$!
cleanup() {
  kill -TERM -- "-$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -f "$LOG"
}
trap cleanup EXIT
for _ in $(seq 300); do curl -fs -o /dev/null "$URL/healthz" && break; sleep 0.05; done
sleep 2 # the background compression after start-up

run_wrk() { # connections seconds path [--latency]
  setsid bash -c 'echo "$0" >/proc/self/autogroup 2>/dev/null; exec wrk -t1 "$@"' "${PRIORITY:-0}" \
    -c"$1" -d"$2s" ${4:-} "$URL$3"
}
ticks() { # user + system ticks of the server's process group
  # Processes that end between the glob and the read make cat fail: not an
  # error here (under pipefail it silently ended the whole run).
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pg="$SERVER" '{ s=$0; sub(/^.*\) /,"",s); split(s,f," "); if (f[3]==pg) t+=f[12]+f[13] } END { print t+0 }'
}
cost() { # path: prints "µs-per-request requests non-2xx"
  local t0 t1 out
  t0=$(ticks)
  out=$(run_wrk 4 "$DURATION" "$1")
  t1=$(ticks)
  awk -v t=$((t1 - t0)) -v hz="$HZ" '
    /requests in/ { n=$1 } /Non-2xx/ { bad=$NF }
    END { printf "%.1f %d %d\n", t/hz*1e6/n, n, bad+0 }' <<<"$out"
}
median_ms() { # wrk --latency output: the 50% line, in ms
  awk '$1=="50%" { v=$2; if (v ~ /us$/) { sub(/us/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms/,"",v) } else if (v ~ /s$/) { sub(/s/,"",v); v*=1000 } printf "%.2f\n", v }'
}

# The queries: 200 characters each, the most the site searches.
words() { local out="" w; for w in "$@"; do out+="$w+"; done; echo "${out:0:200}"; }
UNKNOWN=$(words $(for i in $(seq 30); do printf 'qz%sxvk ' "$(printf '%03d' "$i" | tr 0-9 a-j)"; done))
MISSPELT=$(words $(for _ in $(seq 4); do echo masage sorness stifness shouldr muscel tendr brusing swolen; done))
COMMON=$(words $(for _ in $(seq 4); do echo massage muscle pain sore knot back neck after your body; done))
LETTERS=$(words $(for _ in $(seq 5); do echo a b c d e f g h i j k l m n o p q r s t; done))
SIGNS=$(words $(for _ in $(seq 4); do echo chest pain breathless swollen calf numb face arm; done))

echo "search-flood: $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# A shared machine drifts by 15 % or more within a minute, so each round
# measures the home page again before the queries, and a query's cost is
# the median of its rounds' ratios to that round's home page.
NAMES=(UNKNOWN MISSPELT COMMON LETTERS SIGNS)
declare -A ratios
for round in $(seq "$ROUNDS"); do
  read -r home_us _ home_bad < <(cost /)
  line="round $round: home ${home_us} µs"
  for name in "${NAMES[@]}"; do
    read -r us _ bad < <(cost "/search?q=${!name}")
    ratio=$(awk -v a="$us" -v b="$home_us" 'BEGIN { printf "%.1f", a/b }')
    ratios[$name]+="$ratio "
    line+=", $name ${us} µs ${ratio}x"
    [[ $bad == 0 && $home_bad == 0 ]] || line+=" ($bad non-2xx)"
  done
  echo "$line"
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR]=$1 } END { print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2 }'; }
printf '%-10s %16s  %s\n' query "median x home" "each round"
worst=0 worst_name="" worst_query=""
for name in "${NAMES[@]}"; do
  ratio=$(median <<<"${ratios[$name]}")
  printf '%-10s %16s  %s\n' "$name" "$ratio" "${ratios[$name]}"
  if awk -v a="$ratio" -v b="$worst" 'BEGIN { exit !(a > b) }'; then
    worst=$ratio worst_name=$name worst_query=${!name}
  fi
done

quiet=$(run_wrk 4 "$DURATION" / --latency | median_ms)
flood_out=$(mktemp)
run_wrk "$FLOOD" $((DURATION + 4)) "/search?q=$worst_query" >"$flood_out" &
FLOODER=$!
sleep 2
loaded=$(run_wrk 4 "$DURATION" / --latency | median_ms)
wait "$FLOODER"
flood_rps=$(awk '/^Requests\/sec/ { print $2 }' "$flood_out")
flood_busy=$(awk '/Non-2xx/ { print $NF }' "$flood_out")
rm -f "$flood_out"
echo "home median: ${quiet} ms alone, ${loaded} ms during a flood of $worst_name ($FLOOD connections," \
  "${flood_rps} req/s, ${flood_busy:-0} of them 503 busy)"
echo "BENCH: costliest query $worst_name costs ${worst}x a home page request (median of $ROUNDS rounds); home median ${loaded} ms under its flood"
