#!/bin/bash
# make check-slow: the long FP/AdvSIMD differential runs against
# qemu-aarch64-static: the FP library on 5,000 random and special operands
# per instruction form (every FPCR mode the generator draws), and the
# AdvSIMD instruction forms under several more seeds with more inputs each.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
status=0
FPU_ORACLE_COUNT=5000 sh "$root/tests/suites/fpu-oracle.sh" || status=1
for seed in 11 12 13; do
    for backend in jit interp; do
        SEED=$seed N=16 python3 "$root/tests/simd/isa_diff.py" \
            "$root/build/aarch64-user -accel tcg,backend=$backend" \
            "$root/build/simd-isa" "$root"/tests/simd/cases-*.txt | tail -1 || status=1
    done
done
exit $status
