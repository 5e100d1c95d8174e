#!/usr/bin/env bash
# The plan-review speed benchmark (issue 4, BENCHMARKS.md):
#   1. builds the release binary, the parse-only baseline and ringboard-synth,
#   2. generates 100 programs x 200 deliverables with 1,000 people and a
#      history of 2,000 commits into $OUT (default /tmp/ringboard-rev),
#      unless it is already there,
#   3. times the baseline (every file of the working tree parsed once into a
#      toml::Table), `diff HEAD~1000 HEAD`, `diff HEAD~10 HEAD` and `check`
#      alternating in one run (median and minimum of each), then with
#      hyperfine when it is installed,
#   4. counts instructions with valgrind's callgrind when it is installed:
#      a number the machine's noise does not move.
# Usage: scripts/bench-diff.sh [ROUNDS]   (default 31)
#   QUIET_WAIT=N  wait up to N seconds for idle cores first (default 300)
set -euo pipefail

ROUNDS=${1:-31}
OUT=${OUT:-/tmp/ringboard-rev}
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

build_release

if [ ! -d "$OUT/.git" ]; then
    rm -rf "$OUT"
    "$SYNTH" --out "$OUT" --programs 100 --deliverables 200 --people 1000 --commits 2000 --seed 42
fi
cd "$OUT"
echo "plans: $(du -sb boards | cut -f1) bytes in $(find boards -name '*.toml' | wc -l) files, $(git rev-list --count HEAD) commits"
echo "files changed by HEAD~1000..HEAD: $(git diff --name-only HEAD~1000 HEAD -- boards | wc -l)"

wait_for_idle
echo
machine_and_date

FAR="$RB diff HEAD~1000 HEAD --format json"
NEAR="$RB diff HEAD~10 HEAD --format json"
mapfile -t r < <(alternate "$BASE boards" "$FAR" "$NEAR" "$RB check")
read -r b_med b_min <<<"${r[0]}"
read -r f_med f_min <<<"${r[1]}"
read -r n_med n_min <<<"${r[2]}"
read -r c_med c_min <<<"${r[3]}"
echo
echo "alternating, $ROUNDS rounds: median ms (minimum ms)"
echo "  parse-only baseline (toml::Table)  $b_med ($b_min)"
echo "  diff HEAD~1000 HEAD                $f_med ($f_min)  = $(ratio "$f_med" "$b_med") x baseline ($(ratio "$f_min" "$b_min")); goal <= 1"
echo "  diff HEAD~10 HEAD                  $n_med ($n_min)"
echo "  check                              $c_med ($c_min)"
echo "idle after timing: $(idle_percent)%"

if command -v hyperfine >/dev/null; then
    echo
    hyperfine -N --warmup 3 --runs "$ROUNDS" "$BASE boards" "$FAR" "$NEAR" "$RB check"
fi

if command -v valgrind >/dev/null; then
    echo
    echo "instructions (callgrind, all threads):"
    count() {
        # shellcheck disable=SC2068
        valgrind --tool=callgrind --callgrind-out-file=/dev/null $@ 2>&1 >/dev/null |
            sed -n 's/.*Collected : //p'
    }
    echo "  parse-only baseline  $(count "$BASE" boards)"
    echo "  diff HEAD~1000 HEAD  $(count "$FAR")"
    echo "  diff HEAD~10 HEAD    $(count "$NEAR")"
    echo "  check                $(count "$RB" check)"
fi
