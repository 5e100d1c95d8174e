#!/usr/bin/env bash
# Hostile plans (issue 13, BENCHMARKS.md): for each kind that
# `ringboard-synth --hostile` writes (each file within the default 8 MiB
# limit), the wall time, peak memory and output size of `check` and of
# `report --format json`, the worst of ROUNDS runs. Goal: a few seconds at
# most, memory roughly linear in the input.
# Usage: scripts/bench-hostile.sh [ROUNDS]   (default 3)
# Needs GNU time (/usr/bin/time, Debian package `time`).
set -euo pipefail

ROUNDS=${1:-3}
OUT=${OUT:-/tmp/ringboard-hostile}
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

build_release
KINDS="dense-needs unknown-needs long-owners brackets flat-arrays duplicate-keys deep-inline big-team many-items"
machine_and_date
printf '%-16s %10s %-22s %10s %10s %12s\n' kind input command "worst s" "peak MB" "output B"
# One row: KIND DIR COMMAND...
row() {
    local kind=$1 dir=$2 size
    shift 2
    size=$(du -sb "$dir/boards" | cut -f1)
    read -r worst peak < <(worst_of "$ROUNDS" "$RB" --repo "$dir" "$@")
    printf '%-16s %10s %-22s %10s %10s %12s\n' "$kind" "$size" "$*" "$worst" "$peak" "$(wc -c </tmp/ringboard-bench.out)"
}
for kind in $KINDS; do
    dir=$OUT/$kind
    [ -d "$dir/boards" ] || "$SYNTH" --out "$dir" --hostile "$kind" >/dev/null
    row "$kind" "$dir" check
    row "$kind" "$dir" report --format json
done

# A diff that moves everything: many-items committed, then every date in
# its working copy a week later (60,000 changes, 30,000 milestones moved).
dir=$OUT/many-items-diff
if [ ! -d "$dir/.git" ]; then
    rm -rf "$dir"
    "$SYNTH" --out "$dir" --hostile many-items >/dev/null
    git -C "$dir" init -q
    git -C "$dir" add -A
    git -C "$dir" -c user.name=bench -c user.email=bench@example.com commit -qm many
    sed -i 's/2027-02-01/2027-02-08/' "$dir/boards/many.toml"
fi
row many-items "$dir" diff HEAD
row many-items "$dir" diff HEAD --format json
