#!/usr/bin/env python3
"""Debian's package index as a sparse text-classification set in LIBSVM form.

Reads the stanzas of bookworm main's Packages list (printed by apt-helper from apt's lists), labels
each package by its Section (without a contrib/ or non-free/ prefix; sections numbered in name
order), and hashes the lower-cased words and word bigrams of its Description line with CRC-32 into
2^bits features (value: the count). A package goes to the test file when CRC-32 of its name is 0
mod 5 (20%). Writes OUT/train.libsvm, OUT/test.libsvm and OUT/sections.txt.
usage: make-debian-libsvm.py PACKAGES_TEXT OUT_DIR [BITS]
"""
import os
import re
import sys
import zlib


def stanzas(lines):
    cur = {}
    key = None
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            if cur:
                yield cur
            cur, key = {}, None
        elif line[0] in " \t" and key:
            cur[key] += "\n" + line.strip()
        elif ":" in line:
            key, _, value = line.partition(":")
            cur[key] = value.strip()
    if cur:
        yield cur


def main():
    src, out = sys.argv[1], sys.argv[2]
    bits = int(sys.argv[3]) if len(sys.argv) > 3 else 18
    width = 1 << bits
    rows = []
    with open(src, encoding="utf-8", errors="replace") as f:
        for s in stanzas(f):
            if "Package" not in s or "Section" not in s or "Description" not in s:
                continue
            words = re.findall(r"[a-z0-9][a-z0-9+.#-]*", s["Description"].split("\n")[0].lower())
            tokens = words + [a + " " + b for a, b in zip(words, words[1:])]
            if not tokens:
                continue
            counts = {}
            for t in tokens:
                j = zlib.crc32(t.encode()) % width
                counts[j] = counts.get(j, 0) + 1
            rows.append((s["Package"], s["Section"].split("/")[-1], counts))
    sections = sorted({r[1] for r in rows})
    index = {name: i for i, name in enumerate(sections)}
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "train.libsvm"), "w") as tr, open(os.path.join(out, "test.libsvm"), "w") as te:
        for name, section, counts in rows:
            line = str(index[section]) + "".join(" %d:%d" % (j + 1, c) for j, c in sorted(counts.items()))
            (te if zlib.crc32(name.encode()) % 5 == 0 else tr).write(line + "\n")
    with open(os.path.join(out, "sections.txt"), "w") as f:
        f.write("\n".join(sections) + "\n")
    print("%d packages, %d sections, %d features" % (len(rows), len(sections), width), file=sys.stderr)


if __name__ == "__main__":
    main()
