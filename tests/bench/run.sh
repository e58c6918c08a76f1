#!/bin/bash
# make bench: each workload on our emulator and on Debian's QEMU, run
# alternately for several rounds in one run; prints medians and the ratio
# ours/QEMU (lower is better), plus native time where the same source builds
# for x86-64.  Writes build/bench/results.csv and results.md.
#
#   tests/bench/run.sh [--rounds N]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build/bench"
rounds=5
[ "${1:-}" = --rounds ] && rounds=$2
mkdir -p "$out"

user="$root/build/aarch64-user"
qemu_user=$(command -v qemu-aarch64-static || true)
[ -n "$qemu_user" ] || { echo "bench: qemu-aarch64-static not found (apt-get install -y qemu-user-static)" >&2; exit 1; }

cflags="-static -nostdlib -ffreestanding -fno-builtin -ffp-contract=off"
build() {  # name source extra-aarch64-flags optimisation
    aarch64-linux-gnu-gcc $cflags $4 $3 -march=armv8-a -o "$out/$1-a64" "$root/tests/bench/$2"
    gcc $cflags $4 -o "$out/$1-x86" "$root/tests/bench/$2"
}

# seconds taken by a command, its output checked against the expected file
time_run() {  # expected-output-file command...
    local expect=$1; shift
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > "$out/last.out"
    t1=$(date +%s.%N)
    cmp -s "$out/last.out" "$expect" || { echo "bench: wrong output from: $*" >&2; exit 1; }
    echo "$t1 - $t0" | bc -l
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "workload,ours_s,qemu_s,native_s,ratio_ours_qemu,ratio_ours_native" > "$out/results.csv"
run_workload() {  # name
    local name=$1 ours="" qemu="" native=""
    "$out/$name-x86" > "$out/$name.expected"
    for _ in $(seq "$rounds"); do
        ours+="$(time_run "$out/$name.expected" "$user" "$out/$name-a64")"$'\n'
        qemu+="$(time_run "$out/$name.expected" "$qemu_user" "$out/$name-a64")"$'\n'
        native+="$(time_run "$out/$name.expected" "$out/$name-x86")"$'\n'
    done
    local mo mq mn
    mo=$(printf '%s' "$ours" | median)
    mq=$(printf '%s' "$qemu" | median)
    mn=$(printf '%s' "$native" | median)
    printf '%s,%.3f,%.3f,%.3f,%.2f,%.2f\n' "$name" "$mo" "$mq" "$mn" \
        "$(echo "$mo / $mq" | bc -l)" "$(echo "$mo / $mn" | bc -l)" >> "$out/results.csv"
}

build int-loop int-loop.c -mgeneral-regs-only -O2
build fp-loop fp-loop.c "" -O2
build simd-loop simd-loop.c "" -O3
for w in int-loop fp-loop simd-loop; do
    run_workload "$w"
done

{
    echo "| workload | ours (s) | QEMU (s) | native (s) | ours/QEMU | ours/native |"
    echo "|---|---|---|---|---|---|"
    tail -n +2 "$out/results.csv" | awk -F, '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}'
} > "$out/results.md"
echo "bench: medians of $rounds rounds ($(date -u +%Y-%m-%d), $(nproc) cores)"
cat "$out/results.md"
