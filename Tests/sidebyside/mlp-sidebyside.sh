#!/usr/bin/env bash
# MLP training speed side by side with scikit-learn (one thread each; see README, Performance).
# Ours: the "fit mlp" row at 15,000 samples of `hwnas-sim bench` (the MLP's defaults: 2 x 128
# ReLU, 60 epochs, batch 64, Adam, on ImageNet16-120 / raspi4_latency, NB201 one-hot).
# Theirs: Tests/sidebyside/mlp_sklearn.py, the same layers, epochs, batch size, optimiser and data, in a
# throw-away virtual environment (scikit-learn is no dependency of the project).
# Then the large-batch configuration (20 epochs, batch 256) as whole processes, start and loading
# included: scikit-learn's fit alone and its whole process, against
# `hwnas-sim learn Scenarios/predictors/mlp-large-batch.yaml --jobs 1` (one 15,000-sample fit,
# 625 predictions scored), median of the repeats.
# Not run by `make test`. Usage: bash Tests/sidebyside/mlp-sidebyside.sh [repeats]. SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-3}
venv=${VENV:-.build/sidebyside-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q numpy scipy scikit-learn threadpoolctl
fi
"$venv/bin/python" -c 'import sklearn, numpy; print("scikit-learn", sklearn.__version__, "numpy", numpy.__version__)'
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$venv/bin/python" Tests/sidebyside/mlp_sklearn.py --repeats "$repeats"
swift build -c release >/dev/null
out=$(mktemp)
.build/release/hwnas-sim bench --predictors-only --skip-learn --repeats "$repeats" --out "$out" >/dev/null 2>&1
awk -F, '$1 == "fit mlp" && $2 == 15000 { printf "hwnas-sim mlp fit, 15000 samples, 60 epochs: median %.2f s (%s fits/s/core)\n", 1 / $4, $4 }' "$out"
rm -f "$out"
# 20 epochs, batch 256, processes.
now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
theirs=(); ours=(); scratch=$(mktemp -d)
for r in $(seq "$repeats"); do
  t=$(now)
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$venv/bin/python" Tests/sidebyside/mlp_sklearn.py --epochs 20 --batch 256 --repeats 1 2>/dev/null
  theirs+=("$(echo "$(now) - $t" | bc)")
  t=$(now)
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .build/release/hwnas-sim learn Scenarios/predictors/mlp-large-batch.yaml --jobs 1 \
    --out "$scratch/learn" --force --quiet >/dev/null
  ours+=("$(echo "$(now) - $t" | bc)")
done
echo "sklearn 20 epochs, batch 256, whole process: median $(printf '%s\n' "${theirs[@]}" | median) s"
echo "hwnas-sim learn mlp-large-batch --jobs 1 (one fit, whole process): median $(printf '%s\n' "${ours[@]}" | median) s"
rm -rf "$scratch"
