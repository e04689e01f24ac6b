#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""pandas reading the tables `hwnas-sim query --dataset cifar10 --arch 0` loads.

nb201_cifar10.csv, nb201_help_latency.csv, nb201_cost.csv and the proxy tables
nb201_naswot_cifar10.csv and nb201_zc_subset.csv of Data/, each with
pandas.read_csv (its C parser, default float precision). Prints the median over --repeats of
the time to read all five, inside one interpreter (start-up and `import pandas` not counted,
which favours pandas), and that start-up for reference. Not a project dependency: run it from
Tests/sidebyside/load-sidebyside.sh, which makes a throw-away virtual environment.
"""
import argparse, statistics, sys, time

started = time.perf_counter()
import pandas as pd
imported = time.perf_counter() - started

TABLES = [
    "nb201_cifar10.csv", "nb201_help_latency.csv", "nb201_cost.csv",
    "nb201_naswot_cifar10.csv", "nb201_zc_subset.csv",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="Data")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        frames = [pd.read_csv(f"{args.data}/{name}") for name in TABLES]
        times.append(time.perf_counter() - t0)
    rows = sum(len(f) for f in frames)
    print(f"pandas {pd.__version__} read_csv of {', '.join(TABLES)} ({rows} rows): "
          f"median {statistics.median(times):.3f} s of {args.repeats} (import pandas {imported:.3f} s, not counted)")
    print(f"pandas_median_s={statistics.median(times):.4f}")


if __name__ == "__main__":
    sys.exit(main())
