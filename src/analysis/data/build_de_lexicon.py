#!/usr/bin/env python3
"""Builds `de_nouns.txt`, the word list behind vsearch's German decompounder.

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
invent splits. Words are written lowercase and NFC, one per line, sorted by
byte value. They are not normalised here: `build.rs` puts each through the
German view's own normalisation and folding (the Rust code of
`german_normalize.rs` and `fold.rs`, compiled into the build script), so
the lexicon holds words exactly as the analyzer writes them and there is no
second copy of those rules to drift.

Usage: pip download --no-deps german-nouns==1.2.5 wordfreq==3.1.1 -d /tmp/w
       (unzip both wheels there; pip install msgpack)
       python3 build_de_lexicon.py /tmp/w > de_nouns.txt
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
            word = unicodedata.normalize("NFC", lemma).lower()
            if word not in SUFFIX_HOMOGRAPHS:
                words.add(word)
    for w in sorted(words, key=lambda w: w.encode()):
        print(w)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
