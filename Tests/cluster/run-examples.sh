#!/usr/bin/env bash
# Runs the cluster examples of docs/commands.md for real and compares their merged results byte for byte with
# a plain run of the same scenarios:
#   slurm    the Slurm job array of "Batch runs, resume and sharding", on a single-node Slurm
#            started here (munged, slurmctld, slurmd; as root) and stopped afterwards;
#   parallel the GNU parallel example.
# Usage: run-examples.sh BINARY slurm|parallel
# Exit status: 0 the merged files equal the plain run's; 1 they differ or a step failed;
# 77 the tools are not installed or the daemons cannot start here (the caller decides whether
# that is a skip or a failure). SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

binary=$(readlink -f "$1")
which_example=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/hwnas-cluster-XXXXXX)
daemons=()
cleanup() {
  if [ ${#daemons[@]} -gt 0 ]; then
    for pid in "${daemons[@]}"; do kill "$pid" 2>/dev/null; done
    sleep 1
    for pid in "${daemons[@]}"; do kill -9 "$pid" 2>/dev/null; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
skip() { echo "skip: $*"; exit 77; }
fail() { echo "fail: $*"; exit 1; }

# The docs/commands.md block that follows the line containing $1: its lines, without the fences.
readme_block() {
  awk -v marker="$1" '
    index($0, marker) { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }
  ' "$root/docs/commands.md"
}

# Two small scenario files: a sweep (4 cells) and a plain study (2 cells).
mkdir -p "$work/scenarios" "$work/bin"
cat > "$work/scenarios/sweep.yaml" <<'EOF'
name: sweep
trials: 20
data: {benchmark: synthetic, size: 600, pairs: [{metric: latency}, {metric: energy}]}
subset_sizes: [200]
noise: {model: gaussian, levels: [0.2, 0.8]}
sweep: {seed: [1, 2]}
EOF
cat > "$work/scenarios/study.yaml" <<'EOF'
name: study
trials: 30
data: {benchmark: synthetic, size: 500, pairs: [{metric: latency}]}
subset_sizes: [100, 500]
noise: {model: paper-mixture, levels: [0.0, 0.5, 1.0]}
EOF
ln -s "$binary" "$work/bin/hwnas-sim"
export PATH="$work/bin:$PATH"
cd "$work"

hwnas-sim batch scenarios --out plain --jobs 1 --quiet > /dev/null || fail "plain batch run"

# The example's own lines, with this test's scenarios, shard count and cores.
example() {
  readme_block "$1" | sed -e 's|Scenarios/study|scenarios|g' -e "s|/16|/$2|g; s|=1-16|=1-$2|; s|/8 |/$2 |; s|seq 1 8|seq 1 $2|" \
    -e 's|--cpus-per-task=4|--cpus-per-task=1|; s|--jobs 4|--jobs 1|; s|-j 8|-j 2|'
}

case "$which_example" in
slurm)
  for tool in munged slurmctld slurmd sbatch; do command -v "$tool" > /dev/null || skip "$tool is not installed"; done
  [ "$(id -u)" = 0 ] || skip "starting munged and slurmd needs root"
  host=$(hostname -s)
  cpus=$(nproc)
  mkdir -p "$work/slurm/state" "$work/slurm/spool" "$work/munge"
  chown munge:munge "$work/munge" 2> /dev/null
  munged --force --socket="$work/munge/munge.socket" --pid-file="$work/munge/munged.pid" \
    --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" 2> "$work/munge/start.log" ||
    skip "munged cannot start: $(cat "$work/munge/start.log")"
  daemons+=("$(cat "$work/munge/munged.pid")")
  cat > "$work/slurm/slurm.conf" <<EOF
ClusterName=hwnas-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
SlurmctldPort=$((17000 + RANDOM % 1000))
SlurmdPort=$((18000 + RANDOM % 1000))
StateSaveLocation=$work/slurm/state
SlurmdSpoolDir=$work/slurm/spool
SlurmctldPidFile=$work/slurm/slurmctld.pid
SlurmdPidFile=$work/slurm/slurmd.pid
SlurmctldLogFile=$work/slurm/slurmctld.log
SlurmdLogFile=$work/slurm/slurmd.log
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$work/slurm/slurm.conf"
  slurmctld -i > /dev/null 2>&1 || skip "slurmctld cannot start: $(tail -3 "$work/slurm/slurmctld.log" 2> /dev/null)"
  sleep 1
  [ -f "$work/slurm/slurmctld.pid" ] && daemons+=("$(cat "$work/slurm/slurmctld.pid")")
  slurmd > /dev/null 2>&1 || skip "slurmd cannot start: $(tail -3 "$work/slurm/slurmd.log" 2> /dev/null)"
  sleep 1
  [ -f "$work/slurm/slurmd.pid" ] && daemons+=("$(cat "$work/slurm/slurmd.pid")")
  for _ in $(seq 1 30); do
    sinfo -h -o %T 2> /dev/null | grep -qE '^(idle|mixed)' && break
    sleep 1
  done
  sinfo -h -o %T 2> /dev/null | grep -qE '^(idle|mixed)' || skip "the Slurm node did not come up: $(sinfo 2>&1 | tail -2)"
  example "A Slurm job array" 4 > job.sh
  merge_line=$(grep -o 'hwnas-sim merge.*' job.sh)
  [ -n "$merge_line" ] || fail "the job array of docs/commands.md has no merge line"
  jobid=$(sbatch --parsable --wait --output="$work/slurm-%A_%a.out" job.sh) || fail "sbatch: $(cat "$work"/slurm-*.out 2> /dev/null)"
  echo "job array $jobid done: $(ls -d shards/* | wc -l) shard folders"
  eval "$merge_line" > /dev/null || fail "merge"
  ;;
parallel)
  command -v parallel > /dev/null || skip "GNU parallel is not installed"
  example "GNU parallel on one or several machines" 4 > job.sh
  bash job.sh > /dev/null 2>&1 || fail "the parallel example: $(bash job.sh 2>&1 | tail -3)"
  ;;
*)
  fail "unknown example '$which_example' (slurm or parallel)"
  ;;
esac

# Byte for byte: every result file except run.json (it holds the wall time).
status=0
for run in sweep study; do
  for f in $(cd "plain/$run" && find . -type f ! -name run.json | sort); do
    cmp -s "plain/$run/$f" "Results/$run/$f" || { echo "differs: $run/$f"; status=1; }
  done
  [ -f "Results/$run/summary.csv" ] || { echo "missing: Results/$run/summary.csv"; status=1; }
done
[ $status = 0 ] && echo "$which_example: merged results equal the plain run's"
exit $status
