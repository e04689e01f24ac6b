#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""scikit-learn's MLPRegressor on the task of `hwnas-sim bench`'s "fit mlp" row at 15,000 samples.

ImageNet16-120 / raspi4_latency, the NB201 one-hot encoding (6 edges x 5 operations = 30
features), 15,000 random architectures, targets z-scored; 2 x 128 ReLU, Adam at 1e-3, batches
of 64 and 60 epochs (or --batch, --epochs) (no early stop: tol = 0 and n_iter_no_change > epochs), L2 alpha 1e-3, one
thread. Prints the median wall time of the fit over --repeats runs. Not a project dependency:
run it from Tests/sidebyside/mlp-sidebyside.sh, which makes a throw-away virtual environment.
"""
import argparse, csv, os, statistics, sys, time, warnings

for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[v] = "1"

import numpy as np
from threadpoolctl import threadpool_limits
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor

warnings.filterwarnings("ignore", category=ConvergenceWarning)  # 60 epochs on purpose

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]


def one_hot(arch):
    edges = [e.split("~")[0] for node in arch.strip("|").split("|+|") for e in node.split("|")]
    assert len(edges) == 6, arch
    row = np.zeros(30)
    for i, op in enumerate(edges):
        row[i * 5 + OPS.index(op)] = 1
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "Data"))
    ap.add_argument("--samples", type=int, default=15000)
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    with open(os.path.join(a.data, "nb201_ImageNet16-120.csv")) as f:
        rows = list(csv.DictReader(f))
    x = np.array([one_hot(r["arch_str"]) for r in rows])
    y = np.array([float(r["raspi4_latency"]) for r in rows])
    y = (y - y.mean()) / y.std()
    rng = np.random.default_rng(1)
    idx = rng.permutation(len(rows))[: a.samples]
    xs, ys = x[idx], y[idx]
    times = []
    with threadpool_limits(limits=1):
        for r in range(a.repeats):
            m = MLPRegressor(hidden_layer_sizes=(128, 128), activation="relu", solver="adam", alpha=1e-3,
                             batch_size=a.batch, learning_rate_init=1e-3, max_iter=a.epochs, shuffle=True,
                             tol=0.0, n_iter_no_change=a.epochs + 1, early_stopping=False, random_state=r)
            t = time.perf_counter()
            m.fit(xs, ys)
            times.append(time.perf_counter() - t)
            assert m.n_iter_ == a.epochs, m.n_iter_
            print(f"sklearn run {r + 1}: {times[-1]:.2f} s ({m.n_iter_} epochs, {m.t_} samples seen)", file=sys.stderr)
    print(f"sklearn MLPRegressor fit, {a.samples} samples, {a.epochs} epochs, batch {a.batch}: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, {a.repeats} runs, one thread)")


if __name__ == "__main__":
    main()
