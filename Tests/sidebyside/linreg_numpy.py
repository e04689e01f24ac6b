#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""numpy lstsq + SciPy scores on the curves of Scenarios/predictors/linreg-curves.yaml.

The study pairs of paper-table3.yaml, the NB201 one-hot (6 edges x 5 operations = 30
features) with an intercept, targets z-scored over the table's architectures with a value
(population sd), 30 random splits: 625 test architectures first, then the nested training sets
of 124, 1,366 and 15,000 (the split rule of LearningCurve.split). Minimum-norm least squares
(`numpy.linalg.lstsq`, rcond=None), predictions back in metric units, then Kendall tau-b,
Spearman, Pearson (SciPy), RMSE and MAE. The splits come from numpy's generator, not GSL's, so
the means agree with `hwnas-sim learn` to sampling error only; the work is the same.
Prints the mean tau per pair and size and the time of the curves alone (loading excluded).
Not a project dependency: run it from Tests/sidebyside/linreg-sidebyside.sh.
"""
import csv, os, sys, time

for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(v, "1")

import numpy as np
from scipy import stats

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
PAIRS = [("ImageNet16-120", "raspi4_latency"), ("cifar100", "pixel3_latency"), ("cifar10", "edgegpu_latency"),
         ("cifar100", "edgegpu_energy"), ("ImageNet16-120", "eyeriss_arithmetic_intensity")]
SIZES, TEST, SPLITS = [124, 1366, 15000], 625, 30


def one_hot(arch):
    edges = [e.split("~")[0] for node in arch.strip("|").split("|+|") for e in node.split("|")]
    row = np.zeros(30)
    for i, op in enumerate(edges):
        row[i * 5 + OPS.index(op)] = 1
    return row


def main():
    data = os.path.join(os.path.dirname(__file__), "..", "..", "Data")
    tables = {}
    for dataset in sorted({d for d, _ in PAIRS}):
        with open(os.path.join(data, f"nb201_{dataset}.csv")) as f:
            rows = list(csv.DictReader(f))
        tables[dataset] = (np.array([one_hot(r["arch_str"]) for r in rows]), rows)
    start = time.perf_counter()
    fits = 0
    for dataset, metric in PAIRS:
        x, rows = tables[dataset]
        y = np.array([float(r[metric]) if r[metric] not in ("", "nan") else np.nan for r in rows])
        valid = np.flatnonzero(np.isfinite(y))
        mean, sd = y[valid].mean(), y[valid].std()
        design = np.hstack([np.ones((len(y), 1)), x])
        taus = {k: [] for k in SIZES}
        rng = np.random.default_rng(1)
        for split in range(SPLITS):
            order = rng.permutation(valid)
            test = order[:TEST]
            truth = y[test]
            for k in SIZES:
                train = order[TEST:TEST + k]
                c, *_ = np.linalg.lstsq(design[train], (y[train] - mean) / sd, rcond=None)
                pred = mean + sd * (design[test] @ c)
                tau = stats.kendalltau(pred, truth).statistic  # tau-b
                rho = stats.spearmanr(pred, truth).statistic
                r = stats.pearsonr(pred, truth).statistic
                e = pred - truth
                rmse, mae = np.sqrt(np.mean(e * e)), np.mean(np.abs(e))
                taus[k].append(tau)
                fits += 1
        print(f"{dataset}/{metric}: mean tau " + ", ".join(f"{k}: {np.mean(taus[k]):.4f}" for k in SIZES))
    seconds = time.perf_counter() - start
    print(f"numpy curves: {fits} fits and scores in {seconds:.3f} s (loading excluded)", file=sys.stderr)


if __name__ == "__main__":
    main()
