#!/usr/bin/env python3
"""Cross-language recall: how often a query about the seeds' story, written
in one language, brings that story's versions in the other two languages
into its top 10 articles, and where its own-language version ranks.

    vsearch index --index /tmp/mix --semantic seeds /tmp/real.jsonl
    python3 benches/cross_language.py --bin target/release/vsearch --index /tmp/mix

The noise is the shared corpus (zstd -dc ../shared/corpus/real.jsonl.zst).
"""
import argparse, json, os, subprocess

VERSIONS = {"vi": "seeds/000_ad85081284aaedf5.txt", "id": "seeds/001_722784beb402a23f.txt",
            "de": "seeds/004_2f36633df2a44784.txt"}


def top(bin_, index, mode, query):
    p = subprocess.run([bin_, "articles", "--index", index, "--json", "-n", "10", "--mode", mode,
                        "--color", "never", "--", query], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(p.stderr)
    hits = json.loads(p.stdout)["hits"]
    return [h["article"] for h in hits], {h["article"]: [r["article"] for r in h["related"]] for h in hits}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/vsearch")
    ap.add_argument("--index", required=True)
    ap.add_argument("--modes", default="lexical,hybrid")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    queries = [l.rstrip("\n").split("\t") for l in open(os.path.join(here, "cross_language.tsv"))
               if l.strip() and not l.startswith("#")]
    for mode in a.modes.split(","):
        found = shown = own_first = own_top10 = 0
        cases = 0
        for lang, q in queries:
            ids, related = top(a.bin, a.index, mode, q)
            own = VERSIONS[lang]
            own_first += bool(ids) and ids[0] == own
            own_top10 += own in ids
            also = set(related.get(own, []))
            for other, version in VERSIONS.items():
                if other == lang:
                    continue
                cases += 1
                found += version in ids
                shown += version in ids or version in also
        n = len(queries)
        print(f"{mode:8} other-language versions in the top 10: {found}/{cases}; "
              f"in the top 10 or listed as 'also in' of the own version: {shown}/{cases}; "
              f"own version first {own_first}/{n}, in the top 10 {own_top10}/{n}")


if __name__ == "__main__":
    main()
