#!/usr/bin/env bash
# Indexes one JSONL corpus with vsearch and with SQLite FTS5 (Python's
# built-in sqlite3, unicode61 tokenizer with remove_diacritics 2) side by side
# and prints throughput, peak memory, index size and the ratio.
#
#   benches/compare.sh CORPUS.jsonl [COPIES]
#
# COPIES > 1 first writes a larger corpus that repeats every article with new
# ids (`<id>~k2`, ...), as the corpus README suggests for scale tests.
# To add a peer (tantivy-cli, Xapian, PostgreSQL...), write its indexing
# command like fts5.py below, run it through `measure NAME COMMAND...` and add
# a row to the table; timing and peak memory come from /usr/bin/time.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:?usage: benches/compare.sh CORPUS.jsonl [COPIES]}
copies=${2:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$copies" -gt 1 ]; then
  python3 - "$corpus" "$copies" > "$work/corpus.jsonl" <<'PY'
import json, sys
path, copies = sys.argv[1], int(sys.argv[2])
for k in range(1, copies + 1):
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        if k > 1:
            rec["id"] = f"{rec['id']}~k{k}"
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
PY
  corpus="$work/corpus.jsonl"
fi
bytes=$(stat -c %s "$corpus")
mb=$(python3 -c "print(f'{$bytes/1e6:.1f}')")

(cd "$here" && cargo build --release --quiet)
vsearch="$here/target/release/vsearch"

# measure NAME COMMAND...: wall seconds and peak RSS of one run.
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >/dev/null 2>"$work/$name.log" || {
    cat "$work/$name.log" >&2; exit 2; }
  read -r secs rss < "$work/$name.time"
  echo "$name $secs $rss"
}

cat > "$work/fts5.py" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, lang UNINDEXED, date UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')")
with open(sys.argv[1], encoding="utf-8") as f:
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)",
                   ((r["id"], r.get("lang"), r.get("date"), r["text"]) for r in map(json.loads, f)))
db.commit()
PY

printf 'corpus: %s MB (%s copies)\n' "$mb" "$copies"
read -r _ v_secs v_rss < <(measure vsearch "$vsearch" index --quiet --index "$work/vsearch" "$corpus")
read -r _ s_secs s_rss < <(measure sqlite python3 "$work/fts5.py" "$corpus" "$work/fts5.db")
read -r _ r_secs _ < <(measure vsearch-again "$vsearch" index --quiet --index "$work/vsearch" "$corpus")
v_size=$(du -sb "$work/vsearch" | cut -f1)
s_size=$(stat -c %s "$work/fts5.db")
python3 - "$bytes" "$v_secs" "$v_rss" "$v_size" "$s_secs" "$s_rss" "$s_size" "$r_secs" <<'PY'
import sys
b, vs, vr, vz, ss, sr, sz, rs = map(float, sys.argv[1:])
print(f"{'engine':<14}{'seconds':>9}{'MB/s':>8}{'peak RSS MB':>13}{'index MB':>10}")
print(f"{'vsearch':<14}{vs:>9.2f}{b/1e6/vs:>8.1f}{vr/1024:>13.0f}{vz/1e6:>10.1f}")
print(f"{'sqlite fts5':<14}{ss:>9.2f}{b/1e6/ss:>8.1f}{sr/1024:>13.0f}{sz/1e6:>10.1f}")
print(f"vsearch / sqlite fts5 indexing speed: {ss/vs:.2f}x")
print(f"vsearch incremental re-index of the unchanged corpus: {rs:.2f} s ({100*rs/vs:.0f}% of a full build)")
PY

# Whole-process search over the index just built (20 runs, median).
python3 - "$vsearch" "$work/vsearch" <<'PY'
import statistics, subprocess, sys, time
binary, index = sys.argv[1:]
times = []
for q in ["Krankenhaus", "nghi quyet", "kerja sama", "Zusammenarbeit Frankreich"] * 5:
    t = time.perf_counter()
    subprocess.run([binary, "--index", index, q, "--json"], capture_output=True)
    times.append((time.perf_counter() - t) * 1e3)
print(f"vsearch QUERY, whole process: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
PY
