#!/usr/bin/env bash
# The exports' speed benchmark (issue 15, BENCHMARKS.md):
#   1. builds the release binary and ringboard-synth,
#   2. generates 100 programs x 200 deliverables with 1,000 people into
#      $OUT (default /tmp/ringboard-bench-export),
#   3. alternates `ringboard report --format json` with `ringboard export
#      ics --all` and `ringboard report --format csv`, ROUNDS times, and
#      prints the median and minimum of each and the median ratio to the
#      JSON report (goal <= 1.5).
# Usage: scripts/bench-export.sh [ROUNDS]   (default 31)
#   QUIET_WAIT=N  wait up to N seconds for idle cores first (default 300)
set -euo pipefail

ROUNDS=${1:-31}
OUT=${OUT:-/tmp/ringboard-bench-export}
TODAY=${TODAY:-2027-03-01}
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

build_release

rm -rf "$OUT"
"$SYNTH" --out "$OUT" --programs 100 --deliverables 200 --people 1000 --seed 42
cd "$OUT"
# No git identity: `export ics` without --person exports everyone's
# deadlines, not those of whoever's user.email matches a contact.
HOME=$(mktemp -d)
export HOME
unset RINGBOARD_ME RINGBOARD_TODAY
echo "plans: $(du -sb boards | cut -f1) bytes in $(find boards -name '*.toml' | wc -l) files"
"$RB" check | tail -1
JSON="$RB --today $TODAY report --format json"
ICS="$RB --today $TODAY export ics --all"
CSV="$RB --today $TODAY report --format csv"
echo "outputs: json $($JSON | wc -c) bytes, ics $($ICS | wc -c) bytes ($($ICS | grep -c '^BEGIN:VEVENT') events), csv $($CSV | wc -c) bytes ($($CSV | wc -l) lines)"

wait_for_idle

echo
machine_and_date

mapfile -t r < <(alternate "$JSON" "$ICS" "$CSV")
read -r j_med j_min <<<"${r[0]}"
read -r i_med i_min <<<"${r[1]}"
read -r c_med c_min <<<"${r[2]}"
echo
echo "alternating, $ROUNDS rounds: median ms (minimum ms)"
echo "  ringboard report --format json   $j_med ($j_min)"
echo "  ringboard export ics --all       $i_med ($i_min)  = $(ratio "$i_med" "$j_med") x json; goal <= 1.5"
echo "  ringboard report --format csv    $c_med ($c_min)  = $(ratio "$c_med" "$j_med") x json; goal <= 1.5"
echo "idle after timing: $(idle_percent)%"
