#!/usr/bin/env bash
# The history speed benchmark (issue 12, BENCHMARKS.md): `ringboard log` of
# one deliverable against `git log --format=%H -- FILE` on the same history.
#   1. builds the release binary and ringboard-synth,
#   2. generates 100 programs x 200 deliverables, 1,000 people and 2,000
#      commits into $OUT (default /tmp/ringboard-log): each commit edits one
#      file, so one program file changes in about 20 of them,
#   3. packs it as a real repository is (`git gc`, which also writes git's
#      commit-graph),
#   4. times both commands alternating, with the commit-graph and without
#      it (`core.commitGraph=false`, as after a plain clone), and reports the
#      ratio of medians (goal: 1.5 or less).
# Usage: scripts/bench-log.sh [ROUNDS]   (default 31)
#   QUIET_WAIT=N  wait up to N seconds for idle cores first (default 300)
set -euo pipefail

ROUNDS=${1:-31}
OUT=${OUT:-/tmp/ringboard-log}
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

build_release

if [ ! -d "$OUT/.git" ]; then
    rm -rf "$OUT"
    "$SYNTH" --out "$OUT" --programs 100 --deliverables 200 --people 1000 --commits 2000 --seed 42
    git -C "$OUT" gc --quiet
fi
cd "$OUT"
FILE=boards/prog-041.toml
echo "history: $(git rev-list --count HEAD) commits; $FILE changed in $(git log --format=%H -- "$FILE" | wc -l)"
echo "objects: $(git count-objects -v | sed -n 's/^in-pack: //p') packed, commit-graph: $(test -f .git/objects/info/commit-graph && echo yes || echo no)"

wait_for_idle
echo
machine_and_date

for graph in true false; do
    git config core.commitGraph "$graph"
    mapfile -t r < <(alternate "git log --format=%H -- $FILE" "$RB log prog-041/d-0001")
    read -r g_med g_min <<<"${r[0]}"
    read -r l_med l_min <<<"${r[1]}"
    echo
    echo "core.commitGraph=$graph, alternating, $ROUNDS rounds: median ms (minimum ms)"
    echo "  git log --format=%H -- $FILE  $g_med ($g_min)"
    echo "  ringboard log prog-041/d-0001            $l_med ($l_min)  = $(ratio "$l_med" "$g_med") x git ($(ratio "$l_min" "$g_min")); goal <= 1.5"
done
git config --unset core.commitGraph
