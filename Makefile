# HWNASSim — make targets. SPDX-License-Identifier: GPL-3.0-or-later
# `make run` and `make test` work on a fresh Debian machine with Swift: they install what they need.

SWIFT ?= swift
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BIN := .build/release/hwnas-sim

.PHONY: run test test-deps data deps rsvg build bench figures seeds fuzz clean

## deps: install the C libraries the build needs (GSL, OpenBLAS's thread-safe pthread build, OpenSSL's libcrypto
## for SHA-256 with the CPU's SHA extensions, pkg-config) when missing.
## (Debian's serial OpenBLAS is not safe to call from several threads at once: --jobs results would vary.)
deps:
	@if ! pkg-config --exists gsl openblas libcrypto 2>/dev/null || ! dpkg-query -W -f='$${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'ok installed'; then \
	  echo "installing libgsl-dev (GNU Scientific Library), libopenblas-pthread-dev (OpenBLAS, held to one thread per call) and libssl-dev (SHA-256)…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y --no-install-recommends libgsl-dev libopenblas-pthread-dev libssl-dev pkg-config >/dev/null; \
	fi

## data: check the ground-truth tables shipped in Data/ against Data/SHA256SUMS (nothing to copy;
## every load checks them too).
data:
	@cd Data && sha256sum --quiet -c SHA256SUMS && echo "Data/: every table matches SHA256SUMS"

## rsvg: install rsvg-convert (PNG figures) when missing; without it the figures are SVG only.
rsvg:
	@command -v rsvg-convert >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  { $$SUDO apt-get install -y --no-install-recommends librsvg2-bin || \
	    { $$SUDO apt-get update -qq && $$SUDO apt-get install -y --no-install-recommends librsvg2-bin; }; } >/dev/null 2>&1 || \
	  echo "rsvg-convert unavailable: SVG only"; }

build: deps
	$(SWIFT) build -c release

## run: answer the default question (Scenarios/default.yaml) on the real tables in Data/.
run: deps build
	$(BIN) decide Scenarios/default.yaml --jobs $(JOBS)

## test-deps: install what the cluster-example test runs (single-node Slurm, munge, GNU
## parallel) when missing; without them (no root, no sudo) that test is skipped outside CI.
test-deps:
	@missing=""; for t in slurmctld:slurm-wlm munged:munge parallel:parallel; do \
	  command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing (for the cluster-example test)…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi; \
	  { $$SUDO apt-get update -qq && $$SUDO apt-get install -y --no-install-recommends $$missing; } >/dev/null 2>&1 || \
	    echo "could not install$$missing: the cluster-example test will be skipped"; \
	fi

## test: build and run the test suite (Swift Testing).
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

## bench: release-build benchmarks (with every predictor's fits per second and the paper-table3 learn run,
## ~10 min on two cores); prints a table and writes Reports/bench.csv. `hwnas-sim bench --skip-learn` leaves the learn run out.
bench: deps build
	$(BIN) bench --out Reports/bench.csv

## figures: run the study, budget, predictor and trained-vs-injected scenarios and write Reports/study, Reports/budget, Reports/predictors and Reports/trained-vs-injected.
BUDGET_SCENARIOS := raspi4-predict-or-measure raspi4-gp-mlp pixel3-predict-or-measure raspi4-four-devices pixel3-latency-limit decision-map pixel2-new-phone search-strategies raspi4-train-or-proxy
figures: deps build rsvg
	$(BIN) run Scenarios/study/paper-compatible.yaml --jobs $(JOBS) --quiet --out Results/paper-compatible
	$(BIN) run Scenarios/study/corrected.yaml --jobs $(JOBS) --quiet --out Results/corrected
	for s in $(BUDGET_SCENARIOS); do $(BIN) run Scenarios/budget/$$s.yaml --jobs $(JOBS) --quiet --out Results/$$s || exit 1; done
	$(BIN) learn Scenarios/predictors/paper-table3.yaml --jobs $(JOBS) --quiet --out Results/paper-table3
	$(BIN) learn Scenarios/predictors/help-transfer.yaml --jobs $(JOBS) --quiet --out Results/help-transfer
	$(BIN) run Scenarios/study/trained-vs-injected.yaml --jobs $(JOBS) --quiet --out Results/trained-vs-injected
	rm -rf Reports/study Reports/budget Reports/predictors Reports/trained-vs-injected
	$(BIN) report Results/paper-compatible Results/corrected --published Scenarios/study/published.csv --out Reports/study
	$(BIN) report $(addprefix Results/,$(BUDGET_SCENARIOS)) --out Reports/budget
	$(BIN) report Results/paper-table3 --out Reports/predictors
	cp Results/help-transfer/learning.csv Reports/predictors/help-transfer-learning.csv
	$(BIN) report Results/trained-vs-injected --out Reports/trained-vs-injected

## seeds: run paper-compatible.yaml once per seed in SEEDS and check every run against the
## published values (how often a faithful 1000-trial re-run meets docs/study.md §6's tolerances).
SEEDS ?= $(shell seq 1 20) 2022
seeds: deps build rsvg
	for s in $(SEEDS); do $(BIN) run Scenarios/study/paper-compatible.yaml --seed $$s --jobs $(JOBS) --quiet --out Results/seeds/$$s || exit 1; done
	mkdir -p Reports/seeds
	$(BIN) check $(addprefix Results/seeds/,$(SEEDS)) --published Scenarios/study/published.csv --out Results/seeds/check.csv --figure Reports/seeds/mra-seeds.svg > Reports/seeds/check.txt.tmp
	mv Reports/seeds/check.txt.tmp Reports/seeds/check.txt
	cat Reports/seeds/check.txt

FUZZ_SECONDS ?= 60

## fuzz: build the libFuzzer targets in Fuzz/ and fuzz each for FUZZ_SECONDS (default 60); fails on a crash.
fuzz: deps
	bash Fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build Results
