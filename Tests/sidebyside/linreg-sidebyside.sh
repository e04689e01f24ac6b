#!/usr/bin/env bash
# Linear-regression learning curves side by side with numpy + SciPy (one thread each).
# Ours: `hwnas-sim learn Scenarios/predictors/linreg-curves.yaml --jobs 1` (5 study pairs x 124 /
# 1,366 / 15,000 training samples x 30 splits, 625 test architectures, five scores per fit).
# Theirs: Tests/sidebyside/linreg_numpy.py, numpy lstsq + SciPy kendalltau / spearmanr /
# pearsonr on the same pairs, sizes, split rule and test-set size (numpy's own random splits),
# in a throw-away virtual environment (numpy and SciPy are no dependency of the project).
# Both timed as whole processes (start, loading the tables, the curves), median of the repeats.
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are unset for numpy's run alone (they slow a current
# numpy; see the machine notes). Not run by `make test`.
# Usage: bash Tests/sidebyside/linreg-sidebyside.sh [repeats]. SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-5}
venv=${VENV:-.build/sidebyside-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import scipy, threadpoolctl' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q numpy scipy scikit-learn threadpoolctl
fi
"$venv/bin/python" -c 'import numpy, scipy; print("numpy", numpy.__version__, "scipy", scipy.__version__)'
swift build -c release >/dev/null
out=$(mktemp -d)
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
now() { date +%s.%N; }
theirs=(); ours=()
for _ in $(seq "$repeats"); do
  t=$(now)
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
    "$venv/bin/python" Tests/sidebyside/linreg_numpy.py > "$out/numpy.txt" 2> "$out/numpy.err"
  theirs+=("$(echo "$(now) - $t" | bc)")
  t=$(now)
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .build/release/hwnas-sim learn Scenarios/predictors/linreg-curves.yaml \
    --jobs 1 --out "$out/learn" --force --quiet > "$out/ours.txt"
  ours+=("$(echo "$(now) - $t" | bc)")
done
cat "$out/numpy.txt" "$out/numpy.err"
grep -A1 "Kendall tau" "$out/ours.txt" | head -20 || true
n=$(printf '%s\n' "${theirs[@]}" | median); o=$(printf '%s\n' "${ours[@]}" | median)
echo "numpy + SciPy linreg curves (process): median $n s over $repeats runs, one thread"
echo "hwnas-sim learn linreg-curves --jobs 1 (process): median $o s over $repeats runs"
echo "ratio numpy / hwnas-sim: $(echo "scale=2; $n / $o" | bc)"
rm -rf "$out"
