#!/usr/bin/env bash
# Table loading side by side with pandas (see README, Performance; issue 22).
# Ours: `hwnas-sim query --dataset cifar10 --arch 0`, the whole process (start-up, reading and
# checking nb201_cifar10.csv, nb201_help_latency.csv, nb201_cost.csv and the two proxy tables against SHA256SUMS,
# joining them, answering), wall time, median of N runs.
# Theirs: Tests/sidebyside/load_pandas.py, pandas.read_csv of the same five tables inside one
# interpreter (start-up and import not counted), median of N, in a throw-away virtual
# environment (pandas is no dependency of the project). Target: ours at most 1.5 x theirs.
# Not run by `make test`. Usage: bash Tests/sidebyside/load-sidebyside.sh [repeats]. SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-5}
venv=${VENV:-.build/sidebyside-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pandas' 2>/dev/null; then
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q pandas
fi
[ -x .build/release/hwnas-sim ] || swift build -c release --product hwnas-sim >/dev/null
"$venv/bin/python" Tests/sidebyside/load_pandas.py --data Data --repeats "$repeats" | tee /tmp/load-pandas.$$
theirs=$(sed -n 's/^pandas_median_s=//p' /tmp/load-pandas.$$)
rm -f /tmp/load-pandas.$$
times=()
for _ in $(seq "$repeats"); do
  t0=$(date +%s.%N)
  .build/release/hwnas-sim query --dataset cifar10 --arch 0 --data Data >/dev/null
  t1=$(date +%s.%N)
  times+=("$(echo "$t1 - $t0" | bc -l)")
done
ours=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
printf 'hwnas-sim query --dataset cifar10 --arch 0 (whole process): median %.3f s of %s\n' "$ours" "$repeats"
awk -v o="$ours" -v t="$theirs" 'BEGIN { printf "ratio hwnas-sim / pandas: %.2f (target at most 1.5)\n", o / t }'
