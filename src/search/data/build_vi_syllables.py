#!/usr/bin/env python3
"""Writes vi_syllables.txt: the onsets and rhymes of Vietnamese syllables,
accent-folded (`đ` is `d`, `ươ` is `uo`), one per line, as
`onset<TAB>ngh` and `rhyme<TAB>uyen`, each list sorted.

Source: the syllables of the Vietnamese Hunspell dictionary `vi_VN.dic`
(by Ivan Garcia and Nguyễn Xuân Minh, in LibreOffice's dictionaries;
licence GPL-2), as Debian ships it in `hunspell-vi` 1:7.5.0-1:

    apt-get download hunspell-vi=1:7.5.0-1
    dpkg-deb -x hunspell-vi_*.deb hunspell-vi
    python3 src/search/data/build_vi_syllables.py \\
        hunspell-vi/usr/share/hunspell/vi_VN.dic > src/search/data/vi_syllables.txt

Every lowercase entry is split as the orthography writes a syllable: the
consonant letters before its first vowel are the onset (`qu` and `gi`
before another vowel count as one, as in `quyết` and `giờ`), then vowels,
then at most one of the finals `c ch m n ng nh p t`. An entry of another
shape (`email`, `unicode`) is no Vietnamese syllable and is left out, and
so is an onset or rhyme that only one entry has: those are loanwords
(`ping`, `tout`).
"""

import collections
import re
import sys
import unicodedata

SYLLABLE = re.compile(r"(qu(?=[aeioy])|gi(?=[aeiouy])|[^aeiouy]*)([aeiouy]+(?:ch|ng|nh|[cmnpt])?)")
LEAST = 2


def fold(word):
    word = word.lower().replace("đ", "d")
    nfd = unicodedata.normalize("NFD", word)
    return "".join(c for c in nfd if not unicodedata.combining(c))


def parts(path):
    onsets, rhymes = collections.Counter(), collections.Counter()
    with open(path, encoding="utf-8") as dic:
        next(dic)  # the entry count
        for line in dic:
            word = line.strip().split("/")[0]
            if not word or word != word.lower():
                continue
            m = SYLLABLE.fullmatch(fold(word))
            if m:
                onsets[m.group(1)] += 1
                rhymes[m.group(2)] += 1
    return onsets, rhymes


def main():
    onsets, rhymes = parts(sys.argv[1])
    print("# Onsets and rhymes of Vietnamese syllables, accent-folded, from")
    print("# hunspell-vi 1:7.5.0-1 (vi_VN.dic, GPL-2); build_vi_syllables.py writes it.")
    for kind, seen in (("onset", onsets), ("rhyme", rhymes)):
        for part in sorted(p for p, n in seen.items() if n >= LEAST):
            print(f"{kind}\t{part}")


if __name__ == "__main__":
    main()
