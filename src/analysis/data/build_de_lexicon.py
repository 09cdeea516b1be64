#!/usr/bin/env python3
"""Builds `de_lexicon.txt`, the word list behind vsearch's German decompounder.

Inputs (both CC BY-SA 4.0, from PyPI):
  * german-nouns 1.2.5 (`nouns.csv`): ~100,000 German nouns compiled from
    Wiktionary DE by Gregor Weichbrodt, https://github.com/gambolputty/german-nouns
  * wordfreq 3.1.1 (`data/large_de.msgpack.gz`): word frequencies by
    Robyn Speer, https://github.com/rspeer/wordfreq

A lemma is kept when it is a plain noun (letters only, 4 to 24 letters) that
also occurs in wordfreq's German list at or above MIN_CB centibels (looked up
casefolded, as wordfreq stores its words: `Straße` is `strasse` there), and is
not spelled like a derivational suffix (SUFFIX_HOMOGRAPHS): the
frequency floor drops rare Wiktionary entries that would let the decompounder
invent splits. Words are stored the way the German analyzer sees them before
stemming: lowercase, umlauts folded (ä→a, ö→o, ü→u, ß→ss), `ae`/`oe`/`ue`
collapsed, one per line, sorted by byte value, so the analyzer can binary-search
the embedded file without building anything at start-up.

Usage: pip download --no-deps german-nouns==1.2.5 wordfreq==3.1.1 -d /tmp/w
       (unzip both wheels there; pip install msgpack)
       python3 build_de_lexicon.py /tmp/w > de_lexicon.txt
"""
import csv, gzip, sys, unicodedata

import msgpack

MIN_CB = -700  # frequency floor: 10^-7, about once in ten million words

# Nouns spelled like a derivational suffix (Duden, Die Grammatik, 9th ed.,
# "Wortbildung": adjective suffixes -haft, -isch, -lich; the diminutive
# -lein; the noun suffixes -schaft, -ismus; `Ische` is -isch inflected). As the last part of a word they
# almost always mark a derivation, not a compound: `vietnamesisch` is not
# `Vietnames` + `Isch`, `staatlich` not `Staat` + `Lich`, `Gesellschaft` not
# `Gesell` + `Schaft`. They are left out so the decompounder cannot split
# there.
SUFFIX_HOMOGRAPHS = {"haft", "isch", "ische", "lich", "lein", "schaft", "ismus"}


def normalize(word):
    """Mirror of GermanNormalize in src/analysis/german_normalize.rs."""
    out, state = [], "N"
    for c in word.lower():
        if c in "ao":
            state = "U"
        elif c == "u":
            state = "U" if state == "N" else "V"
        elif c == "e":
            if state == "U":
                state = "N"
                continue
            state = "V"
        elif c in "iqy":
            state = "V"
        elif c in "äæöøü":
            state, c = "V", {"ä": "a", "æ": "a", "ö": "o", "ø": "o", "ü": "u"}[c]
        elif c == "ß":
            state, c = "N", "ss"
        else:
            state = "N"
        out.append(c)
    return "".join(out)


def main(root):
    freq = set()
    buckets = msgpack.unpackb(gzip.open(f"{root}/wordfreq/data/large_de.msgpack.gz").read(), raw=False)
    for i, bucket in enumerate(buckets[1:]):
        if -i >= MIN_CB:
            freq.update(bucket)
    words = set()
    with open(f"{root}/german_nouns/nouns.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lemma = row["lemma"]
            if "Substantiv" not in row["pos"] or not lemma.isalpha():
                continue
            if not 4 <= len(lemma) <= 24 or lemma.casefold() not in freq:
                continue
            word = normalize(unicodedata.normalize("NFC", lemma))
            if word not in SUFFIX_HOMOGRAPHS:
                words.add(word)
    for w in sorted(words, key=lambda w: w.encode()):
        print(w)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
