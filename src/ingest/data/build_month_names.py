#!/usr/bin/env python3
"""Writes month_names.txt: the months' names that datelines write, one
language a line (`de: januar februar ...`), lowercase, January first.

Source: the Unicode CLDR's wide month names (format context), as Babel
ships them (`python3 -m pip install babel==2.19.0`, which carries CLDR
49; Unicode licence v3, https://cldr.unicode.org/). Vietnamese datelines
write numbers (`ngày 20 tháng 8 năm 2024`), so only German and Indonesian
are listed.

    python3 src/ingest/data/build_month_names.py > src/ingest/data/month_names.txt
"""

from babel.dates import get_month_names

LANGUAGES = ["de", "id"]


def main():
    print("# Month names from CLDR (wide, format context), lowercase.")
    for code in LANGUAGES:
        names = get_month_names("wide", locale=code)
        print(f"{code}: " + " ".join(names[m].lower() for m in range(1, 13)))


if __name__ == "__main__":
    main()
