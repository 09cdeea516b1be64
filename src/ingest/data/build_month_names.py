#!/usr/bin/env python3
"""Writes month_names.txt: the months' names that datelines write, one
language a line (`de: januar februar ...`), lowercase, January first.

Source: the Unicode CLDR's wide month names (format context), as Babel
ships them (`python3 -m pip install babel==2.19.0`, which carries CLDR
49; Unicode licence v3, https://cldr.unicode.org/), for every language
of vsearch's registry (`languages![...]` in src/model/lang/mod.rs) whose
months have names: Vietnamese numbers them (`tháng 8`, and its datelines
write `ngày 20 tháng 8 năm 2024`), so it is left out.

    python3 src/ingest/data/build_month_names.py > src/ingest/data/month_names.txt
"""

import pathlib
import re

from babel.dates import get_month_names

REGISTRY = pathlib.Path(__file__).parents[2] / "model" / "lang" / "mod.rs"


def registered():
    """The registry's language codes, in order (the build's list, not the
    tests')."""
    text = REGISTRY.read_text(encoding="utf-8")
    listed = re.search(r"#\[cfg\(not\(test\)\)\]\s*registry::languages!\[([^\]]*)\]", text)
    return [code.strip() for code in listed.group(1).split(",") if code.strip()]


def named(code):
    """The language's wide month names, lowercase, or None when CLDR
    numbers them."""
    names = [get_month_names("wide", locale=code)[m].lower() for m in range(1, 13)]
    if any(ch.isdigit() for name in names for ch in name):
        return None
    return names


def main():
    print("# Month names from CLDR (wide, format context), lowercase.")
    for code in sorted(registered()):
        names = named(code)
        if names:
            print(f"{code}: " + " ".join(names))


if __name__ == "__main__":
    main()
