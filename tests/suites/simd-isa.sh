#!/bin/bash
# make check: differential test of the AdvSIMD integer, crypto and SIMD&FP
# load/store instructions (tests/simd/cases-*.txt, about 430 forms, random
# edge-rich inputs) under our aarch64-user, JIT and interpreter, against
# qemu-aarch64-static -cpu max.  Skipped (77) without qemu or cross binutils.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
user=$root/build/aarch64-user
for tool in qemu-aarch64-static aarch64-linux-gnu-as aarch64-linux-gnu-ld python3; do
    command -v "$tool" >/dev/null || { echo "simd-isa: $tool not found; skipped"; exit 77; }
done
[ -x "$user" ] || { echo "simd-isa: $user not built"; exit 1; }

passed=0 failed=0 status=0
for backend in jit interp; do
    out=$(SEED=1 N=4 python3 "$root/tests/simd/isa_diff.py" "$user -accel tcg,backend=$backend" \
          "$root/build/simd-isa" "$root"/tests/simd/cases-*.txt 2>&1) || status=1
    printf '%s\n' "$out" | grep -v '^isa_diff: [0-9]* passed' || true
    line=$(printf '%s\n' "$out" | grep '^isa_diff: [0-9]* passed' | tail -1)
    [ -n "$line" ] || { echo "simd-isa: $backend: no result"; status=1; continue; }
    read -r p f <<< "$(echo "$line" | sed 's/^isa_diff: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/')"
    echo "simd-isa ($backend): $p passed, $f failed"
    passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
exit $status
