# Helpers shared by the benchmark scripts (sourced, not run, from the
# project root with ROOT set).
# shellcheck shell=bash

# Builds the release binary, the parse-only baseline and the portfolio
# generator (its own crate); sets RB, BASE and SYNTH. RB_BIN=PATH measures
# another ringboard binary instead (an earlier build kept aside).
build_release() {
    cargo build --release --quiet --bin ringboard --example parse_baseline
    cargo build --release --quiet -p ringboard-synth
    RB=${RB_BIN:-$ROOT/target/release/ringboard}
    BASE=$ROOT/target/release/examples/parse_baseline
    SYNTH=$ROOT/target/release/ringboard-synth
}

# Percent of CPU time idle over one second.
idle_percent() {
    local a b t1=0 t2=0 k
    read -r -a a </proc/stat
    sleep 1
    read -r -a b </proc/stat
    for k in 1 2 3 4 5 6 7 8; do t1=$((t1 + a[k])); t2=$((t2 + b[k])); done
    echo $((100 * (b[4] - a[4]) / (t2 - t1)))
}

# One run of a command, in milliseconds (bash's microsecond clock).
time_ms() {
    local start=$EPOCHREALTIME
    "$@" >/dev/null
    local end=$EPOCHREALTIME
    echo "scale=3; (${end/./} - ${start/./}) / 1000" | bc
}

# Numbers on stdin, one a line: prints "median min".
median_min() {
    sort -n | awk '{ v[NR] = $1 } END { printf "%s %s\n", v[int((NR + 1) / 2)], v[1] }'
}

# alternate NAME=COMMAND...: runs the commands in turn, ROUNDS times, and
# prints "median min" for each, in order.
alternate() {
    local -a times=()
    local i j n=$#
    local -a cmds=("$@")
    for ((j = 0; j < n; j++)); do ${cmds[j]} >/dev/null; done # warm-up
    for ((i = 0; i < ROUNDS; i++)); do
        for ((j = 0; j < n; j++)); do
            # shellcheck disable=SC2086
            times+=("$j $(time_ms ${cmds[j]})")
        done
    done
    for ((j = 0; j < n; j++)); do
        printf '%s\n' "${times[@]}" | awk -v j="$j" '$1 == j { print $2 }' | median_min
    done
}

ratio() { echo "scale=2; $1 / $2" | bc; }

# The machine and the time of a measurement, and (after wait_for_idle) how
# idle it was: the lines BENCHMARKS.md records beside the numbers.
machine_and_date() {
    echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)${idle_before:+; idle before timing: ${idle_before}% (waited ${waited}s)}"
}

# worst_of ROUNDS CMD...: runs CMD (its exit status ignored: `check` exits
# 1 on plans with errors, its answer rather than a failure) ROUNDS times;
# prints the worst wall time in seconds and the largest peak memory in MB
# (GNU time) and leaves the last output in /tmp/ringboard-bench.out.
worst_of() {
    local rounds=$1 worst=0 peak=0 i s kb stats
    shift
    for ((i = 0; i < rounds; i++)); do
        stats=$( ( /usr/bin/time -f '%e %M' "$@" 2>&1 >/tmp/ringboard-bench.out || true) | tail -1)
        read -r s kb <<<"$stats"
        worst=$(awk -v a="$s" -v b="$worst" 'BEGIN { print (a > b) ? a : b }')
        if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
    done
    echo "$worst $((peak / 1024))"
}

# Waits up to QUIET_WAIT seconds (default 300) for idle cores: other work on
# the machine slows a two-thread command more than the one-thread baseline.
# Sets idle_before and waited.
wait_for_idle() {
    idle_before=0
    for ((waited = 0; waited < ${QUIET_WAIT:-300}; waited++)); do
        idle_before=$(idle_percent)
        [ "$idle_before" -ge 95 ] && break
    done
    # Still busy after the wait: time anyway (the output says how idle it
    # was) rather than let the failed test above end a `set -e` script.
    return 0
}
