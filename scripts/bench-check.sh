#!/usr/bin/env bash
# The foundation's speed benchmark (issue 2, BENCHMARKS.md):
#   1. builds the release binary and the parse-only baseline,
#   2. generates 100 programs x 200 deliverables with 1,000 people and a
#      history of 200 commits into $OUT (default /tmp/ringboard-bench),
#   3. times `ringboard check`, the baseline and `ringboard check --rev HEAD`
#      alternating in one run (medians), and with hyperfine when installed,
#   4. measures the peak memory of `ringboard check` with /usr/bin/time -v.
# Usage: scripts/bench-check.sh [ROUNDS]   (default 31)
set -euo pipefail

ROUNDS=${1:-31}
OUT=${OUT:-/tmp/ringboard-bench}
cd "$(dirname "$0")/.."
ROOT=$PWD

cargo build --release --quiet --bin ringboard --example parse_baseline
RB=$ROOT/target/release/ringboard
BASE=$ROOT/target/release/examples/parse_baseline

rm -rf "$OUT"
"$RB" generate --out "$OUT" --programs 100 --deliverables 200 --people 1000 --commits 200 --seed 42
cd "$OUT"
echo "plans: $(du -sb boards | cut -f1) bytes in $(find boards -name '*.toml' | wc -l) files"
"$RB" check | tail -1
"$RB" check --rev HEAD | tail -1

echo
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"

# One run of a command, in milliseconds (bash's microsecond clock).
time_ms() {
    local start=$EPOCHREALTIME
    "$@" >/dev/null
    local end=$EPOCHREALTIME
    echo "scale=3; (${end/./} - ${start/./}) / 1000" | bc
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -a base check rev
for ((i = 0; i < 3; i++)); do "$BASE" boards >/dev/null; "$RB" check >/dev/null; done
for ((i = 0; i < ROUNDS; i++)); do
    base+=("$(time_ms "$BASE" boards)")
    check+=("$(time_ms "$RB" check)")
    rev+=("$(time_ms "$RB" check --rev HEAD)")
done
mb=$(printf '%s\n' "${base[@]}" | median)
mc=$(printf '%s\n' "${check[@]}" | median)
mr=$(printf '%s\n' "${rev[@]}" | median)
echo
echo "alternating, $ROUNDS rounds, medians:"
echo "  parse-only baseline (toml::Table):  $mb ms"
echo "  ringboard check:                    $mc ms   ($(echo "scale=2; $mc / $mb" | bc) x baseline; goal <= 0.75)"
echo "  ringboard check --rev HEAD:         $mr ms   ($(echo "scale=2; $mr / $mc" | bc) x working tree; goal <= 1.10)"

if command -v hyperfine >/dev/null; then
    echo
    hyperfine -N --warmup 3 --runs "$ROUNDS" \
        "$BASE boards" "$RB check" "$RB check --rev HEAD"
fi

echo
for args in "check" "check --rev HEAD"; do
    # shellcheck disable=SC2086
    kb=$(/usr/bin/time -v "$RB" $args 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p')
    echo "peak memory of ringboard $args: $kb KB ($((kb / 1024)) MB; goal < 100 MB)"
done
kb=$(/usr/bin/time -v "$BASE" boards 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p')
echo "peak memory of the baseline: $kb KB"
