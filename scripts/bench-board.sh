#!/usr/bin/env bash
# The board over a session (issue 20, BENCHMARKS.md): CPU and peak memory of
# the real board on the 2,000-commit portfolio, from start-up through five
# reloads after commits.
#   1. builds the release binary and ringboard-synth,
#   2. generates 100 programs x 200 deliverables, 1,000 people and 2,000
#      commits into a fresh copy of $OUT (default /tmp/ringboard-board), as
#      the generator writes it (loose objects),
#   3. runs `ringboard` in a 160x48 pseudo-terminal (util-linux `script`)
#      under GNU time, waits for its first screen, then 5 times commits a
#      change of one metric's `actual` with git (5 s apart, each a reload
#      and a new HEAD for the metrics' history), waits 5 s and quits with `q`,
#   4. prints the board's user + system CPU (its children included) and its
#      peak resident set (goal: 5 s and 64 MB).
# Usage: scripts/bench-board.sh [RUNS]   (default 3)
#   RB_BIN=PATH   the binary to measure (default: this build)
#   QUIET_WAIT=N  wait up to N seconds for idle cores first (default 300)
set -euo pipefail

RUNS=${1:-3}
OUT=${OUT:-/tmp/ringboard-board}
cd "$(dirname "$0")/.."
ROOT=$PWD
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

build_release

if [ ! -d "$OUT.orig/.git" ]; then
    rm -rf "$OUT.orig"
    "$SYNTH" --out "$OUT.orig" --programs 100 --deliverables 200 --people 1000 --commits 2000 --seed 42 >/dev/null
fi

# One session; prints "cpu_seconds peak_kb elapsed_seconds".
session() {
    local dir=$OUT work stats fifo screen
    rm -rf "$dir"
    cp -r "$OUT.orig" "$dir"
    work=$(mktemp -d)
    stats=$work/time
    fifo=$work/keys
    screen=$work/screen
    mkfifo "$fifo"
    # The board reads keys from the FIFO, kept open here until the end.
    script -qfec "stty cols 160 rows 48; exec /usr/bin/time -v -o $stats $RB --repo $dir" /dev/null \
        <"$fifo" >"$screen" 2>&1 &
    local pid=$!
    exec 3>"$fifo"
    for _ in $(seq 300); do
        grep -aq 'Timeline' "$screen" 2>/dev/null && break
        sleep 0.1
    done
    local file=$dir/boards/prog-050.toml n
    for n in 1 2 3 4 5; do
        sleep 5
        # The first metric's actual, one more each time.
        sed -i "0,/^actual = /s/^actual = \([0-9]*\)/actual = \1$n/" "$file"
        git -C "$dir" -c user.name=Bench -c user.email=bench@example.com \
            commit -q -am "prog-050: metric actual ($n)"
    done
    sleep 5
    printf q >&3
    exec 3>&-
    wait "$pid" || true
    awk -F': ' '
        /User time/ { u = $2 }
        /System time/ { s = $2 }
        /Maximum resident/ { m = $2 }
        /Elapsed/ { e = $2 }
        END { printf "%.2f %d %s\n", u + s, m, e }' "$stats"
    rm -rf "$work"
}

wait_for_idle
machine_and_date
echo "binary: $RB"
echo "session: start-up, 5 commits 5 s apart (each reloads), 5 s, quit"
for ((i = 1; i <= RUNS; i++)); do
    read -r cpu kb elapsed < <(session)
    echo "run $i: cpu ${cpu} s (goal <= 5), peak RSS $((kb / 1024)) MB (goal <= 64), wall $elapsed"
done
