#!/usr/bin/env bash
# Indexes one JSONL corpus with vsearch, SQLite FTS5 (Python's built-in
# sqlite3, unicode61 tokenizer with remove_diacritics 2, one thread) and
# tantivy with its default analysis (tantivy-py, `pip install tantivy`:
# `title` and `text` fields, default tokenizer, a writer on every core),
# one document per record, side by side: the engines alternate run by run
# and the table gives the medians of RUNS runs (3 by default) of wall time
# and CPU time (user + system), peak RSS and index size.
#
#   benches/compare.sh CORPUS.jsonl [COPIES] [RUNS]
#
# COPIES > 1 first writes a larger corpus that repeats every article with new
# ids (`<id>~k2`, ...), as the corpus README suggests for scale tests.
# To add a peer (Xapian, PostgreSQL...), write its indexing command like
# fts5.py below and add it to `engines`; timing and peak memory come from
# /usr/bin/time.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:?usage: benches/compare.sh CORPUS.jsonl [COPIES] [RUNS]}
copies=${2:-1}
runs=${3:-3}
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

(cd "$here" && cargo build --release --quiet)
vsearch="$here/target/release/vsearch"

cat > "$work/fts5.py" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, lang UNINDEXED, date UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')")
with open(sys.argv[1], encoding="utf-8") as f:
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)",
                   ((r["id"], r.get("lang"), r.get("date"), r["text"]) for r in map(json.loads, f)))
db.commit()
PY

cat > "$work/tantivy_default.py" <<'PY'
import json, os, sys, tantivy
b = tantivy.SchemaBuilder()
b.add_text_field("title", stored=True)
b.add_text_field("text", stored=True)
os.makedirs(sys.argv[2])
index = tantivy.Index(b.build(), path=sys.argv[2])
writer = index.writer(heap_size=128 << 20)
with open(sys.argv[1], encoding="utf-8") as f:
    for r in map(json.loads, f):
        writer.add_document(tantivy.Document(title=r.get("title") or "", text=r["text"]))
writer.commit()
writer.wait_merging_threads()
PY

engines=(vsearch fts5)
if python3 -c "import tantivy" 2>/dev/null; then
  engines+=(tantivy)
else
  echo "tantivy-py is not installed (pip install tantivy): its row is left out" >&2
fi

# run ENGINE OUT: index the corpus into OUT with ENGINE.
run() {
  case $1 in
    vsearch) "$vsearch" index --quiet --index "$2" "$corpus" ;;
    fts5) python3 "$work/fts5.py" "$corpus" "$2" ;;
    tantivy) python3 "$work/tantivy_default.py" "$corpus" "$2" ;;
  esac
}

# One line per run: ENGINE wall-seconds cpu-seconds peak-KB index-bytes.
for ((i = 1; i <= runs; i++)); do
  for engine in "${engines[@]}"; do
    out="$work/$engine.out"
    rm -rf "$out"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" bash -c "$(declare -f run); vsearch=$vsearch work=$work corpus=$corpus run $engine $out" \
      >/dev/null 2>"$work/$engine.log" || { cat "$work/$engine.log" >&2; exit 2; }
    read -r wall user sys rss < "$work/time"
    echo "$engine $wall $(python3 -c "print($user + $sys)") $rss $(du -sb "$out" | cut -f1)"
  done
done > "$work/runs"

python3 - "$bytes" "$copies" "$runs" "$work/runs" <<'PY'
import statistics, sys
b, copies, runs, path = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rows = {}
for line in open(path):
    name, *vals = line.split()
    rows.setdefault(name, []).append(list(map(float, vals)))
med = {n: [statistics.median(c) for c in zip(*r)] for n, r in rows.items()}
names = {"vsearch": "vsearch", "fts5": "sqlite fts5", "tantivy": "tantivy default"}
print(f"corpus: {b/1e6:.1f} MB ({copies} copies), medians of {runs} runs")
print(f"{'engine':<16}{'wall s':>8}{'MB/s':>7}{'CPU s':>7}{'CPU MB/s':>9}{'peak RSS MB':>12}{'index MB':>9}")
for n, (wall, cpu, rss, size) in med.items():
    print(f"{names[n]:<16}{wall:>8.2f}{b/1e6/wall:>7.1f}{cpu:>7.2f}{b/1e6/cpu:>9.1f}{rss/1024:>12.0f}{size/1e6:>9.1f}")
v = med["vsearch"]
for n in ("fts5", "tantivy"):
    if n in med:
        print(f"vsearch vs {names[n]}: speed {med[n][0]/v[0]:.2f}x, CPU {v[1]/med[n][1]:.2f}x")
PY

# Incremental re-index of the unchanged corpus, and whole-process search over
# the index just built (20 runs, median).
rm -rf "$work/vsearch.out"
"$vsearch" index --quiet --index "$work/vsearch.out" "$corpus" >/dev/null
start=$(date +%s.%N)
"$vsearch" index --quiet --index "$work/vsearch.out" "$corpus" >/dev/null
python3 -c "print(f'vsearch incremental re-index of the unchanged corpus: {$(date +%s.%N) - $start:.2f} s')"
python3 - "$vsearch" "$work/vsearch.out" <<'PY'
import statistics, subprocess, sys, time
binary, index = sys.argv[1:]
times = []
for q in ["Krankenhaus", "nghi quyet", "kerja sama", "Zusammenarbeit Frankreich"] * 5:
    t = time.perf_counter()
    subprocess.run([binary, "--index", index, q, "--json"], capture_output=True)
    times.append((time.perf_counter() - t) * 1e3)
print(f"vsearch QUERY, whole process: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
PY
