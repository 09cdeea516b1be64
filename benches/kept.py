#!/usr/bin/env python3
"""How much of each web page's visible text an index kept.

    python3 benches/kept.py --bin target/release/vsearch --index IDX DIR

For every .html/.htm/.xhtml file under DIR (indexed into IDX beforehand, from
the current directory, so that the article ids are the paths), it counts the
visible text of the page (the letters and digits of <body>, without script,
style, template, noscript and head), and the letters and digits of the
passages vsearch indexed for it (`vsearch show ID --json`). It prints the
fraction kept overall, per top-level folder of DIR, and the pages that kept
the least. Letters and digits only: white space and punctuation depend on
how paragraphs are joined, not on what was kept.

Standard library only (html.parser), so it measures vsearch with a parser
other than the one vsearch uses.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
from html.parser import HTMLParser

HIDDEN = {"script", "style", "template", "noscript", "head", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Visible(HTMLParser):
    """Counts the letters and digits outside hidden elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.count = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden > 0:
            self.hidden -= 1

    def handle_data(self, data):
        if self.hidden == 0:
            self.count += sum(1 for c in data if c.isalnum())


def visible(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8", errors="replace")
    p = Visible()
    p.feed(text)
    p.close()
    return p.count


def kept(binary, index, article):
    p = subprocess.run([binary, "show", "--index", index, "--json", article],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None
    doc = json.loads(p.stdout)
    return sum(sum(1 for c in x["text"] if c.isalnum()) for x in doc["passages"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/vsearch")
    ap.add_argument("--index", required=True)
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("dir")
    a = ap.parse_args()
    per_folder = collections.defaultdict(lambda: [0, 0])
    rows = []
    missing = 0
    for root, _, files in os.walk(a.dir):
        for name in sorted(files):
            if not name.lower().endswith((".html", ".htm", ".xhtml")):
                continue
            path = os.path.join(root, name)
            if os.path.islink(path):
                continue
            seen = visible(path)
            got = kept(a.bin, a.index, path)
            if got is None:
                missing += 1
                got = 0
            rel = os.path.relpath(path, a.dir)
            folder = rel.split(os.sep)[0]
            per_folder[folder][0] += seen
            per_folder[folder][1] += got
            rows.append((got / seen if seen else 1.0, seen, got, rel))
    total_seen = sum(v[0] for v in per_folder.values())
    total_got = sum(v[1] for v in per_folder.values())
    print(f"pages: {len(rows)} ({missing} not in the index)")
    print(f"kept: {total_got:,} of {total_seen:,} visible letters and digits "
          f"({100 * total_got / max(total_seen, 1):.1f} %)")
    for folder, (seen, got) in sorted(per_folder.items()):
        print(f"  {folder:30s} {100 * got / max(seen, 1):5.1f} %  of {seen:,}")
    print(f"the {a.worst} pages that kept the least (of those over 2,000 letters):")
    for ratio, seen, got, rel in sorted(r for r in rows if r[1] > 2000)[:a.worst]:
        print(f"  {100 * ratio:5.1f} %  {got:>7,} of {seen:>7,}  {rel}")


if __name__ == "__main__":
    sys.exit(main())
