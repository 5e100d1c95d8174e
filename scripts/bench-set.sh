#!/usr/bin/env bash
# The write path's speed benchmark (issue 14, BENCHMARKS.md):
#   1. builds the release binary and ringboard-synth,
#   2. generates 100 programs x 200 deliverables with 1,000 people into
#      $OUT (default /tmp/ringboard-bench-set),
#   3. alternates `ringboard check` with a `ringboard set` that toggles one
#      status back and forth (each set reads, checks the whole portfolio
#      and writes), ROUNDS times, and prints the median and minimum of each
#      and the median ratio set / check (goal <= 1.5); each `set` takes
#      the writers' lock (issue 19);
#   4. the same for a deadline (`due=+1`, `due=-1`) and a metric's actual
#      (`set PROGRAM/METRIC actual=N`),
#   5. makes $OUT a git repository and alternates `ringboard set --commit`
#      with `git commit --only` of the same file after the same edit made
#      by sed (what --commit adds over git's own commit).
# Usage: scripts/bench-set.sh [ROUNDS]   (default 31)
#   QUIET_WAIT=N  wait up to N seconds for idle cores first (default 300)
set -euo pipefail

ROUNDS=${1:-31}
OUT=${OUT:-/tmp/ringboard-bench-set}
TARGET=${TARGET:-prog-050/d-0100}
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

build_release

rm -rf "$OUT"
"$SYNTH" --out "$OUT" --programs 100 --deliverables 200 --people 1000 --seed 42
cd "$OUT"
echo "plans: $(du -sb boards | cut -f1) bytes in $(find boards -name '*.toml' | wc -l) files"
"$RB" check | tail -1
# Both statuses differ from the generated one after the first run, so
# every timed `set` writes.
"$RB" set "$TARGET" status=doing
"$RB" set "$TARGET" status=review

wait_for_idle

echo
machine_and_date

# against_check EDIT1 EDIT2: alternates `check` with `set EDIT1` and
# `set EDIT2` (two edits that undo each other, so that every set writes);
# prints each median (minimum) and the ratio to check's median, and sets
# SET_MED to the second set's median.
against_check() {
    local c_med c_min med min edit
    mapfile -t r < <(alternate "$RB check" "$RB set $1" "$RB set $2")
    read -r c_med c_min <<<"${r[0]}"
    echo
    echo "alternating, $ROUNDS rounds: median ms (minimum ms)"
    printf '  %-44s %s (%s)\n' "ringboard check" "$c_med" "$c_min"
    for i in 1 2; do
        read -r med min <<<"${r[i]}"
        edit=${!i}
        printf '  %-44s %s (%s)  = %s x check; goal <= 1.5\n' \
            "ringboard set $edit" "$med" "$min" "$(ratio "$med" "$c_med")"
    done
    SET_MED=$med
}

against_check "$TARGET status=doing" "$TARGET status=review"
STATUS_MED=$SET_MED
echo "idle after timing: $(idle_percent)%"
"$RB" check | tail -1

# A deadline (it also moves what check says of what waits for it).
against_check "$TARGET due=+1" "$TARGET due=-1"

# A metric's actual (issue 22: `set PROGRAM/METRIC` within 1.5x check).
PROG=$(dirname "$TARGET")
METRIC=$(grep -A1 '^\[\[metric\]\]' "boards/$PROG.toml" | sed -n 's/^id = "\(.*\)"/\1/p' | head -1)
if [ -n "$METRIC" ]; then
    "$RB" set "$PROG/$METRIC" actual=100 >/dev/null
    against_check "$PROG/$METRIC actual=200" "$PROG/$METRIC actual=100"
fi

# --commit against git's own `git commit --only` of the same file.
FILE=boards/$(dirname "$TARGET").toml
git init -q -b main .
git config user.name Bench
git config user.email bench@example.com
git add -A
git commit -q -m plans
TOGGLE=$(mktemp)
cat >"$TOGGLE" <<SH
#!/bin/sh
# A one-value edit in the same file, made by sed, then git's commit. It
# toggles a number (the first metric's actual), not the status the two
# sets toggle: three status toggles in turn would leave one set nothing to
# change in every other round.
if grep -q '^actual = 100\$' $FILE; then from=100; to=200; else from=200; to=100; fi
sed -i "0,/^actual = \$from\\\$/s//actual = \$to/" $FILE
exec git commit -q --only -m "toggle" -- $FILE
SH
chmod +x "$TOGGLE"
"$RB" set "$TARGET" status=doing --commit >/dev/null
mapfile -t r < <(alternate "$RB set $TARGET status=review --commit" "$RB set $TARGET status=doing --commit" "$TOGGLE")
read -r k1_med k1_min <<<"${r[0]}"
read -r k2_med k2_min <<<"${r[1]}"
read -r g_med g_min <<<"${r[2]}"
echo
echo "alternating, $ROUNDS rounds: median ms (minimum ms)"
echo "  ringboard set ... --commit (review)      $k1_med ($k1_min)"
echo "  ringboard set ... --commit (doing)       $k2_med ($k2_min)"
echo "  sed + git commit --only -- FILE          $g_med ($g_min)"
extra=$(echo "scale=3; $k1_med - $STATUS_MED" | bc)
echo "  what --commit adds to a set: $extra ms = $(ratio "$extra" "$g_med") x git commit --only (its git status, ls-files and commit)"
rm -f "$TOGGLE"
