#!/usr/bin/env python3
# 100,000 LIBSVM rows, 2^18 features, 50 non-zeros each, 10 classes: class c draws 40 of its 50 features from its own 1/10 of the columns.
import random
import sys
r = random.Random(7)
F = 1 << 18
with open(sys.argv[1] if len(sys.argv) > 1 else 'wide50.libsvm', 'w') as f:
    for i in range(100000):
        c = i % 10
        idx = set()
        while len(idx) < 40:
            idx.add(c * (F // 10) + r.randrange(F // 10) + 1)
        while len(idx) < 50:
            idx.add(r.randrange(F) + 1)
        f.write(str(c) + ' ' + ' '.join(f'{j}:{r.random():.3f}' for j in sorted(idx)) + '\n')
