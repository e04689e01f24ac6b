#!/usr/bin/env bash
# Builds the libFuzzer targets and fuzzes each for SECONDS (default 60), both at once.
#   bash Fuzz/run.sh [SECONDS]
# Exits non-zero when a target crashes (a trap, a sanitizer report, a timeout or running out of
# memory); the input that did it is written to Fuzz/artifacts/ and reproduces with
#   Fuzz/.build/debug/fuzz-<target> Fuzz/artifacts/<file>
# New interesting inputs collect in Fuzz/.build/corpus/<target> (not committed); the seed
# corpora in Fuzz/corpus/ are only read. SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")"
SECONDS_EACH="${1:-60}"
SWIFT="${SWIFT:-swift}"
TARGETS=(fuzz-scenario fuzz-csv)
# Swift code is instrumented by -sanitize; the C parts (libyaml under Yams) by -Xcc.
FLAGS=(-c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
       -Xcc -fsanitize=fuzzer-no-link,address)

echo "building the fuzz targets…"
if ! "$SWIFT" build "${FLAGS[@]}" 2>&1 | grep -v "Cannot export local symbol" | tail -3; then exit 1; fi
BIN="$("$SWIFT" build "${FLAGS[@]}" --show-bin-path)"
for t in "${TARGETS[@]}"; do
  [ -x "$BIN/$t" ] || { echo "error: $BIN/$t was not built" >&2; exit 1; }
done

mkdir -p artifacts .build/corpus
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}"
pids=()
for t in "${TARGETS[@]}"; do
  name="${t#fuzz-}"
  mkdir -p ".build/corpus/$name"
  extra=()
  [ -f "$name.dict" ] && extra+=("-dict=$name.dict")
  "$BIN/$t" ".build/corpus/$name" "corpus/$name" "${extra[@]}" \
    -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 -max_len=8192 \
    -artifact_prefix="artifacts/$name-" -print_final_stats=1 \
    >".build/$t.log" 2>&1 &
  pids+=($!)
  echo "$t: fuzzing for ${SECONDS_EACH}s (log: Fuzz/.build/$t.log)"
done

status=0
for k in "${!TARGETS[@]}"; do
  t="${TARGETS[$k]}"
  if wait "${pids[$k]}"; then
    echo "$t: no crash ($(grep -E '^stat::number_of_executed_units' ".build/$t.log" | awk '{print $2}') runs, corpus $(ls ".build/corpus/${t#fuzz-}" | wc -l) files)"
  else
    status=1
    echo "$t: CRASH — last lines of Fuzz/.build/$t.log:" >&2
    grep -v '^#' ".build/$t.log" | tail -40 >&2
  fi
done
[ $status = 0 ] && echo "fuzz: no crashes" || echo "fuzz: crashes found; inputs in Fuzz/artifacts/" >&2
exit $status
