#!/usr/bin/python3
"""PyTorch's side of scripts/bench: Ember's benchmark recipe in PyTorch, on the same MNIST IDX files.

784-256-128-10 (ReLU hidden layers, softmax cross-entropy), Adam with lr 0.011 after a linear warm-up
of 50 steps, a global batch of 2048 split like Ember's (an epoch of ceil(60000 / 2048) = 30 steps of
2000 examples, a fresh shuffle every epoch), Ember's initialization (Kaiming normal for the ReLU
layers, Xavier uniform for the output, zero biases), the test set evaluated after every epoch, the
model saved at the end. Run as one cold process; the caller times the whole process.

    scripts/bench-torch.py --data .cache/mnist --threads 2 [--epochs 5] [--target 0.97] [--save FILE]

Prints one line per epoch and ends with one line of key=value figures (prefix 'torch:').
"""
import argparse
import math
import os
import sys
import time

START = time.perf_counter()

import numpy as np  # noqa: E402
import torch  # noqa: E402

IMPORTED = time.perf_counter()


def idx(path, magic, header_ints):
    with open(path, "rb") as f:
        raw = f.read()
    found = int.from_bytes(raw[0:4], "big")
    if found != magic:
        sys.exit(f"bench-torch: {path}: magic 0x{found:08x}, expected 0x{magic:08x}")
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(header_ints)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * header_ints), dims


def load(folder, prefix):
    pixels, (n, rows, cols) = idx(os.path.join(folder, prefix + "-images-idx3-ubyte"), 0x803, 3)
    labels, (m,) = idx(os.path.join(folder, prefix + "-labels-idx1-ubyte"), 0x801, 1)
    if n != m:
        sys.exit(f"bench-torch: {n} images but {m} labels in {folder}/{prefix}")
    x = torch.from_numpy(pixels.reshape(n, rows * cols).astype(np.float32) / np.float32(255.0))
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def network(inputs, classes):
    net = torch.nn.Sequential(torch.nn.Linear(inputs, 256), torch.nn.ReLU(),
                              torch.nn.Linear(256, 128), torch.nn.ReLU(),
                              torch.nn.Linear(128, classes))
    with torch.no_grad():
        for layer, relu in ((net[0], True), (net[2], True), (net[4], False)):
            if relu:
                torch.nn.init.kaiming_normal_(layer.weight, mode="fan_in", nonlinearity="relu")
            else:
                torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    return net


def blas_library():
    """The BLAS library this process mapped (Debian's torch calls the system libblas.so.3)."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
    except OSError:
        return "unknown"
    return ", ".join(sorted(libs)) or "none mapped"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=".cache/mnist")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--target", type=float, default=0.97)
    ap.add_argument("--batch", type=int, default=2048)
    ap.add_argument("--lr", type=float, default=0.011)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--save", default="")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    t0 = time.perf_counter()
    x, y = load(a.data, "train")
    xt, yt = load(a.data, "t10k")
    data_s = time.perf_counter() - t0

    net = network(x.shape[1], int(y.max()) + 1)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: min(1.0, (t + 1) / a.warmup))
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    steps = math.ceil(n / a.batch)
    # Ember's split of an epoch: step s takes the positions [floor(s n / S), floor((s+1) n / S))
    bounds = [s * n // steps for s in range(steps + 1)]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, BLAS {blas_library()}; "
          f"import {IMPORTED - START:.2f} s, data {data_s:.2f} s; {a.epochs} epochs of {steps} steps", flush=True)

    train_s = 0.0
    reached = float("nan")
    reached_epoch = 0
    eval_s = 0.0
    for epoch in range(a.epochs):
        t1 = time.perf_counter()
        net.train()
        order = torch.randperm(n)
        total = 0.0
        for s in range(steps):
            idx_ = order[bounds[s]:bounds[s + 1]]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x[idx_]), y[idx_])
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx_)
        epoch_s = time.perf_counter() - t1
        train_s += epoch_s
        t2 = time.perf_counter()
        net.eval()
        with torch.no_grad():
            acc = (net(xt).argmax(1) == yt).float().mean().item()
        eval_s += time.perf_counter() - t2
        print(f"epoch {epoch + 1}  train loss {total / n:.4f}  test accuracy {100 * acc:.2f}%  "
              f"{epoch_s:.2f} s  (training {train_s:.2f} s)", flush=True)
        if acc >= a.target and math.isnan(reached):
            reached = train_s
            reached_epoch = epoch + 1
    if a.save:
        torch.save(net.state_dict(), a.save)
    print(f"torch: time_to_target_s={reached:.3f} epochs_to_target={reached_epoch} train_s={train_s:.3f} "
          f"evaluation_s={eval_s:.3f} final_accuracy={acc:.4f} import_s={IMPORTED - START:.3f} data_s={data_s:.3f} "
          f"process_s={time.perf_counter() - START:.3f} threads={torch.get_num_threads()} "
          f"openblas={'openblas' in blas_library()}", flush=True)


if __name__ == "__main__":
    main()
