#!/bin/bash
# make check-slow: the long differential run of the A64 integer ISA,
# 240,000 random cases (48 programs of 5,000, both -march values) under our
# aarch64-user (JIT and interpreter) against Debian's QEMU; a few minutes.
#   tests/suites-slow/isa-long.sh [FIRST_SEED]     (default 1000)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
user=$root/build/aarch64-user
for tool in qemu-aarch64-static aarch64-linux-gnu-gcc python3; do
    command -v "$tool" >/dev/null || { echo "isa-long: $tool not found; skipped"; exit 77; }
done
[ -x "$user" ] || { echo "isa-long: $user not built"; exit 1; }

first=${1:-1000}
passed=0 failed=0 status=0
for i in $(seq 0 23); do
    for march in armv8-a armv8.1-a; do
        seed=$((first + i))
        out=$("$root/tests/isa/run.sh" "$user" --march "$march" --seed "$seed" --cases 5000 \
              --timeout 600 --workdir "$root/build/isa/long" 2>&1) || status=1
        line=$(printf '%s\n' "$out" | grep '^isa: [0-9]* passed, [0-9]* failed' | tail -1 || true)
        if [ -z "$line" ]; then
            printf '%s\n' "$out"
            echo "isa-long: $march seed $seed: run.sh failed before comparing"
            failed=$((failed + 5000)); status=1
            continue
        fi
        read -r p f <<< "$(echo "$line" | sed 's/^isa: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/')"
        # only the first failing program is shown in full
        if [ "$f" != 0 ] && [ "$failed" = 0 ]; then
            printf '%s\n' "$out" | grep -v '^isa: [0-9]* passed'
        fi
        echo "isa-long: $march seed $seed: $p passed, $f failed"
        passed=$((passed + p)); failed=$((failed + f))
    done
done
echo "isa: $passed passed, $failed failed"
exit $status
