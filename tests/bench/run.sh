#!/bin/bash
# make bench: every workload on our emulators and on Debian's QEMU
# (qemu-aarch64-static, qemu-system-aarch64), run alternately for several
# rounds in one run; prints the medians, the ratio ours/QEMU (lower is
# better) and native time where a native build of the same source exists.
# Writes build/bench/results.md (the README's table), results.csv (with the
# date, host, git revision and emulator versions), rounds.csv (every single
# time) and appends to history.csv.
#
#   tests/bench/run.sh [--rounds N] [--only NAME[,NAME...]] [--root DIR]
#
#   --rounds N   rounds per workload (default $BENCH_ROUNDS, else 3)
#   --only LIST  workloads or groups to run (default $BENCH_ONLY, else all):
#                  user:   loops (int-loop fp-loop simd-loop), root (gcc xz)
#                  system: boot (boot-a57 boot-max boot-max-smp4),
#                          guest (shell-loop blk-read blk-write)
#   --root DIR   arm64 Debian root for gcc and xz (default $ARM64_ROOT,
#                else tests/cache/arm64-root, made by tests/user/mkroot.sh)
#   --list       print the workloads and exit
# BENCH_TIMEOUT (seconds, default 900) limits every single run;
# BENCH_XZ_MIB (default 20) sizes the xz input.
# A workload whose prerequisites are missing prints "skipped: NAME: why" and
# the others still run; the exit status is 1 when a run failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/bench
rounds=${BENCH_ROUNDS:-3}
only=${BENCH_ONLY:-}
R=${ARM64_ROOT:-$top/tests/cache/arm64-root}
limit=${BENCH_TIMEOUT:-900}
list=0

usage() { sed -n '2,/^set -uo/{/^set -uo/d;s/^# \{0,1\}//;p}' "$0"; }
while [ $# -gt 0 ]; do
    case $1 in
    --rounds|--only|--root)
        [ $# -ge 2 ] || { echo "run.sh: $1 needs a value" >&2; exit 2; }
        case $1 in --rounds) rounds=$2 ;; --only) only=$2 ;; --root) R=$2 ;; esac
        shift 2 ;;
    --rounds=*) rounds=${1#*=}; shift ;;
    --only=*) only=${1#*=}; shift ;;
    --root=*) R=${1#*=}; shift ;;
    --list) list=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case $rounds in
''|*[!0-9]*|0) echo "run.sh: --rounds wants a positive number, not '$rounds'" >&2; exit 2 ;;
esac

. "$top/tests/bench/lib.sh"
. "$top/tests/bench/user.sh"
. "$top/tests/bench/system.sh"

workload int-loop "freestanding integer mix"
workload fp-loop "double n-body, fsqrt/fdiv"
workload simd-loop "-O3 vectorised float/int kernels"
workload gcc "gcc -O2 -c, 4,200 lines, arm64 Debian root"
workload xz "xz -6 of $xz_mib MiB of text, arm64 Debian root"
workload boot-a57 "Linux boot to init, -cpu cortex-a57 -smp 1"
workload boot-max "Linux boot to init, -cpu max -smp 1"
workload boot-max-smp4 "Linux boot to init, -cpu max -smp 4"
workload shell-loop "busybox sh loop, 3000 iterations, a57"
workload blk-read "virtio-blk dd read 256 MiB, a57" $disk_mib
workload blk-write "virtio-blk dd write 256 MiB + fsync, a57" $disk_mib

groups=" loops root boot guest user system "
if [ $list = 1 ]; then
    for w in "${wl_names[@]}"; do printf '%-14s %s\n' "$w" "${wl_desc[$w]}"; done
    echo "groups:${groups% }"
    exit 0
fi
for w in ${only//,/ }; do
    case " ${wl_names[*]} $groups" in
    *" $w "*) ;;
    *) echo "run.sh: --only: no workload or group '$w' (see --list)" >&2; exit 2 ;;
    esac
done

for p in aarch64-user aarch64-system; do
    [ -x "$top/build/$p" ] || { echo "run.sh: build/$p is not built (make)" >&2; exit 1; }
done
mkdir -p "$out"
# Two runs would overwrite each other's files (and disturb each other's times).
exec 9> "$out/.lock"
flock -n 9 || { echo "run.sh: another bench run is using $out" >&2; exit 1; }
echo "workload,round,runner,seconds" > "$out/rounds.csv"
echo "bench: $rounds round(s), ours and QEMU alternating; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

bench_loops
bench_root
bench_system

summarise
echo
echo "bench: medians of $rounds round(s) (build/bench/results.md, results.csv, rounds.csv):"
cat "$out/results.md"
exit $bench_failed
