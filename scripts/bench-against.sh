#!/usr/bin/env bash
# Speed against an earlier revision (issue 11: "within 10% of
# BENCHMARKS.md"): builds REV in a git worktree under /tmp, then alternates
# its binary with this one on `check`, `diff HEAD~1000 HEAD --format json`
# and `diff HEAD~10 HEAD --format json` in the 2,000-commit repository of
# bench-diff.sh, and the board's first frame (examples/board_frame, which
# prints it), and counts instructions with callgrind when it is installed.
# Usage: scripts/bench-against.sh REV [ROUNDS]   (default 21)
#   QUIET_WAIT=N  wait up to N seconds for idle cores first (default 300)
#   NO_CALLGRIND=1  skip the instruction counts
set -euo pipefail

REV=${1:?usage: scripts/bench-against.sh REV [ROUNDS]}
ROUNDS=${2:-21}
OUT=${OUT:-/tmp/ringboard-rev}
OLD=${OLD:-/tmp/ringboard-against}
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

build_release
cargo build --release --quiet --example board_frame
if [ ! -d "$OLD" ]; then git worktree add --detach "$OLD" "$REV"; fi
git -C "$OLD" checkout --quiet --detach "$REV"
(cd "$OLD" && cargo build --release --quiet --bin ringboard --example board_frame)
OLD_RB=$OLD/target/release/ringboard

if [ ! -d "$OUT/.git" ]; then
    rm -rf "$OUT"
    "$SYNTH" --out "$OUT" --programs 100 --deliverables 200 --people 1000 --commits 2000 --seed 42
fi
cd "$OUT"

# first_frame BIN: the first frame's milliseconds as board_frame prints them.
first_frame() { "$1" "$OUT" | sed -n 's/.*first frame \([0-9.]*\) ms.*/\1/p'; }

wait_for_idle
echo "against $REV ($(git -C "$OLD" rev-parse --short HEAD)), $ROUNDS rounds alternating"
machine_and_date
echo
printf '%-34s %18s %18s %8s\n' command "$REV ms" "now ms" ratio
for args in "check" "report --format json" "diff HEAD~1000 HEAD --format json" "diff HEAD~10 HEAD --format json"; do
    mapfile -t r < <(alternate "$OLD_RB $args" "$RB $args")
    read -r o_med o_min <<<"${r[0]}"
    read -r n_med n_min <<<"${r[1]}"
    printf '%-34s %10s (%5s) %10s (%5s) %8s\n' "$args" "$o_med" "$o_min" "$n_med" "$n_min" "$(ratio "$n_med" "$o_med")"
done
old_frames=() new_frames=()
for ((i = 0; i < ROUNDS; i++)); do
    old_frames+=("$(first_frame "$OLD/target/release/examples/board_frame")")
    new_frames+=("$(first_frame "$ROOT/target/release/examples/board_frame")")
done
read -r o_med o_min <<<"$(printf '%s\n' "${old_frames[@]}" | median_min)"
read -r n_med n_min <<<"$(printf '%s\n' "${new_frames[@]}" | median_min)"
printf '%-34s %10s (%5s) %10s (%5s) %8s\n' "board first frame (board_frame)" "$o_med" "$o_min" "$n_med" "$n_min" "$(ratio "$n_med" "$o_med")"
echo "idle after timing: $(idle_percent)%"

if [ -z "${NO_CALLGRIND:-}" ] && command -v valgrind >/dev/null; then
    echo
    echo "instructions (callgrind, all threads): $REV, now"
    count() {
        # shellcheck disable=SC2068
        valgrind --tool=callgrind --callgrind-out-file=/dev/null $@ 2>&1 >/dev/null |
            sed -n 's/.*Collected : //p'
    }
    for args in "check" "report --format json" "diff HEAD~1000 HEAD --format json" "diff HEAD~10 HEAD --format json"; do
        echo "  $args: $(count "$OLD_RB" "$args") $(count "$RB" "$args")"
    done
fi
