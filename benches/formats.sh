#!/usr/bin/env bash
# The cost of reading web pages instead of plain text: the same N articles
# (default 1000, from a JSONL corpus) written once as .txt and once as
# .html pages with real site chrome (menu, cookie banner, related links,
# newsletter form, footer, analytics script, JSON-LD), each folder indexed
# by `vsearch index`, alternating, 3 runs each; medians and the ratio.
#
#   benches/formats.sh CORPUS.jsonl [N]
#
# CORPUS: for example ../shared/corpus/real.jsonl.zst decompressed:
#   zstd -dc ../shared/corpus/real.jsonl.zst > /tmp/real.jsonl
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:?usage: benches/formats.sh CORPUS.jsonl [N]}
n=${2:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$here" && cargo build --release --quiet)
vsearch="$here/target/release/vsearch"

python3 - "$corpus" "$n" "$work" <<'PY'
import html, json, os, sys
corpus, n, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(f"{work}/txt"); os.makedirs(f"{work}/html")
chrome_top = ('<header><a href="/">Báo Sức Khỏe</a><nav class="menu"><ul>' +
    "".join(f'<li><a href="/c{i}">Chuyên mục {i}</a></li>' for i in range(12)) + '</ul></nav></header>'
    '<div id="cookie-banner">We use cookies to improve your experience. <button>OK</button></div>')
chrome_bottom = ('<aside class="related"><h3>Related</h3><ul>' +
    "".join(f'<li><a href="/r{i}">Related article number {i} with a long title</a></li>' for i in range(8)) +
    '</ul></aside><form class="newsletter"><input type="email"><button>Subscribe</button></form>'
    '<footer><p>© 2025 Example News. All rights reserved. Contact, advertising, privacy.</p></footer>'
    '<script>' + "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}" * 20 + '</script>')
for i, line in enumerate(open(corpus, encoding="utf-8")):
    if i >= n:
        break
    rec = json.loads(line)
    title, text = rec.get("title") or f"Article {i}", rec["text"]
    open(f"{work}/txt/{i:05}.txt", "w", encoding="utf-8").write(f"{title}\n\n{text}\n")
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n") if p.strip())
    page = (f'<!DOCTYPE html><html lang="{rec.get("lang", "vi")}"><head><meta charset="utf-8">'
            f'<title>{html.escape(title)} - Example News</title>'
            f'<meta property="og:title" content="{html.escape(title)}">'
            f'<style>.menu{{display:flex}}</style></head><body>{chrome_top}'
            f'<main><article><h1>{html.escape(title)}</h1>{paras}</article></main>{chrome_bottom}</body></html>')
    open(f"{work}/html/{i:05}.html", "w", encoding="utf-8").write(page)
PY

size() { du -sb "$1" | cut -f1; }
echo "$n articles: .txt $(($(size "$work/txt") / 1000)) KB, .html $(($(size "$work/html") / 1000)) KB"
declare -A times
for run in 1 2 3; do
  for kind in txt html; do
    rm -rf "$work/idx-$kind"
    start=$(date +%s.%N)
    "$vsearch" index --quiet --index "$work/idx-$kind" "$work/$kind" 2>/dev/null
    end=$(date +%s.%N)
    times[$kind]+="$(echo "$end - $start" | bc) "
  done
done
python3 - "${times[txt]}" "${times[html]}" "$n" "$(size "$work/html")" <<'PY'
import statistics, sys
txt = [float(x) for x in sys.argv[1].split()]
page = [float(x) for x in sys.argv[2].split()]
n, html_bytes = int(sys.argv[3]), int(sys.argv[4])
t, h = statistics.median(txt), statistics.median(page)
print(f"txt:  median {t:.2f} s ({', '.join(f'{x:.2f}' for x in txt)})")
print(f"html: median {h:.2f} s ({', '.join(f'{x:.2f}' for x in page)}), {n / h:.0f} files/s, {html_bytes / h / 1e6:.1f} MB/s of HTML")
print(f"html / txt: {h / t:.2f}x (at most 3x)")
PY
