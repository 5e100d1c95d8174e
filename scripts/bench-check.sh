#!/usr/bin/env bash
# The foundation's speed benchmark (issue 2, BENCHMARKS.md):
#   1. builds the release binary, the parse-only baseline and ringboard-synth,
#   2. generates 100 programs x 200 deliverables with 1,000 people and a
#      history of 200 commits into $OUT (default /tmp/ringboard-bench),
#   3. times the baseline, `ringboard check` and `ringboard check --rev HEAD`
#      alternating in one run (median and minimum of each), then the same
#      after `git gc` (objects in a pack, as in a real clone), and with
#      hyperfine when it is installed,
#   4. measures peak memory with /usr/bin/time -v.
# Usage: scripts/bench-check.sh [ROUNDS]   (default 31)
#   QUIET_WAIT=N  wait up to N seconds for idle cores first (default 300)
set -euo pipefail

ROUNDS=${1:-31}
OUT=${OUT:-/tmp/ringboard-bench}
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

build_release

rm -rf "$OUT"
"$SYNTH" --out "$OUT" --programs 100 --deliverables 200 --people 1000 --commits 200 --seed 42
cd "$OUT"
echo "plans: $(du -sb boards | cut -f1) bytes in $(find boards -name '*.toml' | wc -l) files"
"$RB" check | tail -1
"$RB" check --rev HEAD | tail -1

# Other work on the machine (builds) slows the parallel `check` more than
# the one-thread baseline: wait for idle cores.
wait_for_idle

echo
machine_and_date

mapfile -t r < <(alternate "$BASE boards" "$RB check" "$RB check --rev HEAD")
read -r b_med b_min <<<"${r[0]}"
read -r c_med c_min <<<"${r[1]}"
read -r v_med v_min <<<"${r[2]}"
echo
echo "loose objects, alternating, $ROUNDS rounds: median ms (minimum ms)"
echo "  parse-only baseline (toml::Table)  $b_med ($b_min)"
echo "  ringboard check                    $c_med ($c_min)  = $(ratio "$c_med" "$b_med") x baseline ($(ratio "$c_min" "$b_min")); goal <= 0.75"
echo "  ringboard check --rev HEAD         $v_med ($v_min)  = $(ratio "$v_med" "$c_med") x working tree ($(ratio "$v_min" "$c_min")); goal <= 1.10"

git gc --quiet
mapfile -t r < <(alternate "$RB check" "$RB check --rev HEAD")
read -r c_med c_min <<<"${r[0]}"
read -r v_med v_min <<<"${r[1]}"
echo "after git gc (packed), alternating, $ROUNDS rounds:"
echo "  ringboard check                    $c_med ($c_min)"
echo "  ringboard check --rev HEAD         $v_med ($v_min)  = $(ratio "$v_med" "$c_med") x working tree ($(ratio "$v_min" "$c_min")); goal <= 1.10"
echo "idle after timing: $(idle_percent)%"

if command -v hyperfine >/dev/null; then
    echo
    hyperfine -N --warmup 3 --runs "$ROUNDS" \
        "$BASE boards" "$RB check" "$RB check --rev HEAD"
fi

echo
peak_kb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'; }
for args in "check" "check --rev HEAD"; do
    # shellcheck disable=SC2086
    kb=$(peak_kb "$RB" $args)
    echo "peak memory of ringboard $args: $kb KB ($((kb / 1024)) MB; goal < 100 MB)"
done
echo "peak memory of the baseline: $(peak_kb "$BASE" boards) KB"
