#!/usr/bin/env bash
# Peak memory of `vsearch index` on single big files: generated German
# text, 1 GB in 110-byte sentence lines (8.5 million passages), 1 GB in
# paragraphs of about 1 KB, and 300 MB on one line with no newline. Each
# is indexed into a fresh index with the default options; /proc/PID/status
# is sampled every 50 ms for the peak resident set, split into the
# process's own memory (RssAnon) and index files tantivy maps while it
# merges (RssFile: clean page cache, which the kernel reclaims under
# pressure).
#
#   benches/memory.sh [WORKDIR]
#
# WORKDIR (default: a new temporary folder, removed at the end) needs
# about 3.5 GB free.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then
    work=$1
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
(cd "$here" && cargo build --release --quiet)
vsearch="$here/target/release/vsearch"

python3 - "$work" <<'PY'
import os, random, sys
work = sys.argv[1]
words = ("Die der und im durch neue wird Reform Länder Bund gestärkt Pflege "
         "Versorgung Ausbildung Forschung Krankenhäuser Zusammenarbeit "
         "Gesundheitswesen").split()
rng = random.Random(7)
def sentence():
    return " ".join(rng.choice(words) for _ in range(rng.randint(8, 16))) + "."
def write(name, size, sep, per_block):
    path = os.path.join(work, name)
    if os.path.exists(path) and os.path.getsize(path) >= size:
        return
    block = sep.join(" ".join(sentence() for _ in range(per_block)) for _ in range(2000)) + sep
    with open(path, "w") as f:
        written = 0
        while written < size:
            f.write(block)
            written += len(block.encode())
write("lines.txt", 10**9, "\n", 1)
write("paragraphs.txt", 10**9, "\n\n", 10)
write("oneline.txt", 3 * 10**8, " ", 1)
PY

peak() {
    "$@" >/dev/null 2>&1 &
    local pid=$! rss=0 anon=0 file=0 r a f
    while kill -0 "$pid" 2>/dev/null; do
        read -r r a f < <(awk '/^VmRSS/{r=$2} /^RssAnon/{a=$2} /^RssFile/{f=$2} END{print r+0, a+0, f+0}' \
            "/proc/$pid/status" 2>/dev/null || echo 0 0 0)
        ((r > rss)) && rss=$r
        ((a > anon)) && anon=$a
        ((f > file)) && file=$f
        sleep 0.05
    done
    wait "$pid"
    echo "$((rss / 1024)) $((anon / 1024)) $((file / 1024))"
}

printf '%-16s %8s %10s %10s %10s\n' file seconds "peak MB" "anon MB" "file MB"
for name in lines.txt paragraphs.txt oneline.txt; do
    rm -rf "$work/index"
    start=$(date +%s%N)
    read -r rss anon file < <(peak "$vsearch" index --quiet --index "$work/index" "$work/$name")
    end=$(date +%s%N)
    printf '%-16s %8.1f %10s %10s %10s\n' "$name" "$(((end - start) / 1000000))e-3" "$rss" "$anon" "$file"
done
rm -rf "$work/index"
