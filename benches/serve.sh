#!/usr/bin/env bash
# Load test of `vsearch serve` on 127.0.0.1, the figures in the README:
#
#   benches/serve.sh INDEX [SECONDS] [SCREENSHOT.png]
#
# 1. Server time: every query of the mix (the one benches/vsearch.rs uses)
#    fetched 20 times as the search page and as /api/search, one at a time;
#    median and p99 of the `Server-Timing: app;dur=` each response carries
#    (the time from request to response inside the server).
# 2. Throughput: wrk (Debian: wrk) with 8, 64 and 256 connections (or
#    those in $CONNECTIONS) on one thread pinned to the last core with
#    taskset, so the load generator takes one core and the server the rest,
#    for SECONDS (default 10) each, cycling through the mix: requests/s,
#    p50 and p99 as the client sees them, errors.
# Both run twice: on a server keeping recent results (the default, so
# after the first round every request of the mix is answered from them),
# and on one with --cache-mb 0, where every request searches.
# 3. With a third argument, a screenshot of the search page by headless
#    Chromium (Debian: chromium).
#
# Build INDEX first, for example from the 4x corpus:
#   zstd -dc ../shared/corpus/real.jsonl.zst > /tmp/real.jsonl
#   for k in 1 2 3 4; do sed "s/\"id\": *\"\([^\"]*\)\"/\"id\": \"\1~k$k\"/" /tmp/real.jsonl; done > /tmp/real4.jsonl
#   target/release/vsearch index --quiet --index /tmp/idx4 /tmp/real4.jsonl
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
index=${1:?usage: benches/serve.sh INDEX [SECONDS] [SCREENSHOT.png]}
seconds=${2:-10}
shot=${3:-}
command -v wrk >/dev/null || { echo "benches/serve.sh needs wrk (apt-get install wrk)" >&2; exit 2; }

(cd "$here" && cargo build --release --quiet)
work=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
# Starts a server with --cache-mb $1 and sets url.
start() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  : > "$work/out"
  "$here/target/release/vsearch" serve --index "$index" --listen 127.0.0.1:0 --cache-mb "$1" \
    > "$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 100); do grep -q http "$work/out" && break; sleep 0.1; done
  url=$(grep -o 'http://[^ ]*' "$work/out" | sed 's:/$::')
}

# The query mix, URL-encoded, one a line.
python3 - > "$work/queries" <<'PY'
import urllib.parse
mix = ["Nghị quyết 72", "nghi quyet 57", "hợp tác y tế", '"chuyển đổi số"', "y tế lang:vi",
       "trí tuệ nhân tạo", "Krankenhaus", "Zusammenarbeit Vietnam Frankreich",
       '"öffentliche Gesundheit"', "Gesundheitssystem date:2025", "perawatan kesehatan",
       "kerja sama medis", "Resolusi No. 72-NQ/TW", "Vietnam -Prancis", "57-NQ/TW", "Tran Van Thuan"]
for q in mix:
    print(urllib.parse.quote_plus(q))
PY

for cache in ${CACHE_MB:-64 0}; do
start "$cache"
echo "== --cache-mb $cache =="
echo "server time over $(wc -l < "$work/queries") queries x 20, one client:"
python3 - "$url" "$work/queries" <<'PY'
import statistics, sys, urllib.request
url, queries = sys.argv[1], open(sys.argv[2]).read().split()
for name, path in [("search page /", "/?q="), ("API /api/search", "/api/search?q=")]:
    times = []
    for q in queries:
        for _ in range(20):
            with urllib.request.urlopen(url + path + q) as r:
                r.read()
                timing = r.headers["Server-Timing"]
                times.append(float(timing.split("dur=")[1]))
    times.sort()
    p99 = times[int(len(times) * 0.99) - 1]
    print(f"  {name:16} median {statistics.median(times):.2f} ms, p99 {p99:.2f} ms")
PY

cat > "$work/mix.lua" <<LUA
local queries = {}
for line in io.lines("$work/queries") do queries[#queries + 1] = line end
local i = 0
local prefix = os.getenv("VS_PREFIX")
request = function()
  i = i + 1
  return wrk.format("GET", prefix .. queries[(i % #queries) + 1])
end
LUA
last=$(($(nproc) - 1))
for route in "/?q=" "/api/search?q="; do
  for c in ${CONNECTIONS:-8 64 256}; do
    echo "wrk on core $last, $c connections, ${seconds} s, $route<mix>:"
    VS_PREFIX="$route" taskset -c "$last" wrk -t1 -c"$c" -d"${seconds}s" --latency \
      -s "$work/mix.lua" "$url" > "$work/wrk"
    awk '/Requests\/sec/ {rps = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2} /Non-2xx|Socket errors/ {err = err ", " $0}
         END {printf "  %s requests/s, p50 %s, p99 %s%s\n", rps, p50, p99, (err == "" ? ", no errors" : err)}' "$work/wrk"
  done
done
done

if [ -n "$shot" ]; then
  chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$work/chromium" --window-size=1200,900 \
    --screenshot="$shot" "$url/?q=Nghi+quyet+72" 2>/dev/null
  echo "screenshot: $shot"
fi
