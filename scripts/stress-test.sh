#!/usr/bin/env bash
# Runs `npm test` N times (default 20) with `stress-ng --cpu 2` loading the machine beside it, to show the
# suite does not flake on a busy 2-core host (issue 10, acceptance 2). Not part of `npm test`.
#
#   scripts/stress-test.sh [runs] [-- command…]
#   STRESS_CPUS=2 scripts/stress-test.sh 20                   # the acceptance run
#   scripts/stress-test.sh 5 -- npx vitest run --project '!bench' test/simulator   # a cheaper probe
#
# Per run it records pass/fail, the wall time and the names of the failing tests (from Vitest's
# summary); logs go to a temporary directory (kept, its path printed). The last line is the summary:
#   stress-test: 20/20 passed under stress-ng --cpu 2 (load 1m 6.1 at start); duration min 151 s, median 162 s, max 180 s
# Exit status: 0 when every run passed, 1 otherwise. Needs `stress-ng` (Debian: apt-get install stress-ng).
set -uo pipefail
cd "$(dirname "$0")/.."

runs=20
if [[ $# -gt 0 && $1 != -- ]]; then
  runs=$1
  shift
fi
[[ ${1:-} == -- ]] && shift
if [[ $# -gt 0 ]]; then cmd=("$@"); else cmd=(npm test); fi
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "stress-test: runs must be an integer ≥ 1, got '$runs'. Example: scripts/stress-test.sh 20" >&2
  exit 2
fi
cpus=${STRESS_CPUS:-2}
if ! command -v stress-ng >/dev/null 2>&1; then
  echo 'stress-test: stress-ng not found. Install it (Debian: apt-get install stress-ng).' >&2
  exit 2
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/stress-test.XXXXXX")
stress_pid=
cleanup() {
  [[ -n $stress_pid ]] && kill "$stress_pid" 2>/dev/null && wait "$stress_pid" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The load runs for the whole series (no --timeout): it is stopped by the trap above.
stress-ng --cpu "$cpus" --quiet &
stress_pid=$!
load_at_start=$(cut -d' ' -f1 /proc/loadavg)

passed=0
durations=()
declare -A failures=()
for ((i = 1; i <= runs; i++)); do
  log="$logs/run-$i.log"
  start=$(date +%s.%N)
  NO_COLOR=1 FORCE_COLOR=0 "${cmd[@]}" >"$log" 2>&1
  status=$?
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  durations+=("$seconds")
  if [[ $status -eq 0 ]]; then
    passed=$((passed + 1))
    printf 'run %2d/%d  pass  %6.1f s\n' "$i" "$runs" "$seconds"
  else
    # Vitest's summary lists each failure as ` FAIL  file > suite > test` (a failed hook or file: ` FAIL  file [ file ]`);
    # a typecheck or lint failure has none
    names=$(sed -n 's/\x1b\[[0-9;]*m//g; s/^ *FAIL  *//p' "$log" | sort -u)
    [[ -z $names ]] && names="(no test named: exit $status, see $log)"
    printf 'run %2d/%d  FAIL  %6.1f s\n' "$i" "$runs" "$seconds"
    while IFS= read -r name; do
      printf '           %s\n' "$name"
      failures[$name]=$((${failures[$name]:-0} + 1))
    done <<<"$names"
  fi
done

stats=$(printf '%s\n' "${durations[@]}" | sort -n | awk '{ d[NR] = $1 } END {
  m = (NR % 2) ? d[(NR + 1) / 2] : (d[NR / 2] + d[NR / 2 + 1]) / 2
  printf "duration min %.0f s, median %.0f s, max %.0f s", d[1], m, d[NR] }')
if [[ ${#failures[@]} -gt 0 ]]; then
  echo 'failing tests (runs failed):'
  for name in "${!failures[@]}"; do printf '  %3d  %s\n' "${failures[$name]}" "$name"; done | sort -rn
fi
echo "logs: $logs"
echo "stress-test: $passed/$runs passed under stress-ng --cpu $cpus (load 1m $load_at_start at start); $stats"
[[ $passed -eq $runs ]]
