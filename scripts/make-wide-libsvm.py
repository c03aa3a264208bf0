#!/usr/bin/env python3
# Synthetic sparse LIBSVM rows for the README's "2^18 features, 50 non-zeros per row" run: 100,000 rows,
# 10 classes; class c draws 40 of its 50 features from its own tenth of the columns.
#   python3 scripts/make-wide-libsvm.py OUT.libsvm      (refuses an existing OUT; writes a temporary file, then renames)
import os
import random
import sys

if len(sys.argv) != 2:
    sys.exit("usage: make-wide-libsvm.py OUT.libsvm")
out = sys.argv[1]
if os.path.exists(out):
    print(f"make-wide-libsvm.py: {out} exists; choose another path or remove it", file=sys.stderr)
    sys.exit(2)
r = random.Random(7)
F = 1 << 18
tmp = f"{out}.tmp-{os.getpid()}"
try:
    with open(tmp, 'x') as f:
        for i in range(100000):
            c = i % 10
            idx = set()
            while len(idx) < 40:
                idx.add(c * (F // 10) + r.randrange(F // 10) + 1)
            while len(idx) < 50:
                idx.add(r.randrange(F) + 1)
            f.write(str(c) + ' ' + ' '.join(f'{j}:{r.random():.3f}' for j in sorted(idx)) + '\n')
    os.link(tmp, out)  # fails rather than replace a file that appeared meanwhile
finally:
    if os.path.exists(tmp):
        os.remove(tmp)
