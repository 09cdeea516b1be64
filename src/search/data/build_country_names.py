#!/usr/bin/env python3
"""Writes country_names.txt: one line per country or territory, in Solr's
synonyms format, its names in Vietnamese, German, Indonesian and English
(`Pháp, Frankreich, Prancis, France`), each name once.

Source: the Unicode CLDR region display names, as Babel ships them
(`python3 -m pip install babel==2.19.0`, which carries CLDR 49; Unicode
licence v3, https://cldr.unicode.org/). A two-letter code counts when all
four languages name it, no name holds `,`, `#` or `=` (the synonyms
format's own characters), and the names are not all one; the codes that
are not countries (the EU, the UN, private-use and unknown regions) are
left out.

    python3 src/search/data/build_country_names.py > src/search/data/country_names.txt
"""

import string

from babel import Locale, __version__

LANGUAGES = ["vi", "de", "id", "en"]
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"}


def main():
    names = [Locale(code).territories for code in LANGUAGES]
    print("# Country names from CLDR: vi, de, id, en.")
    for a in string.ascii_uppercase:
        for b in string.ascii_uppercase:
            code = a + b
            if code in NOT_COUNTRIES:
                continue
            found = [n.get(code) for n in names]
            if None in found or any(c in n for n in found for c in ",#="):
                continue
            forms = []
            for name in found:
                if name not in forms:
                    forms.append(name)
            if len(forms) >= 2:
                print(", ".join(forms))


if __name__ == "__main__":
    main()
