#!/bin/bash
# make check: differential test of the A64 integer ISA (tests/isa/run.sh)
# under our aarch64-user, JIT and interpreter, against Debian's QEMU:
# a few thousand random cases over fixed seeds and both -march values.
# Skipped (77) only without qemu-aarch64-static or the cross compiler;
# fails if build/aarch64-user is missing or cannot run the programs.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
user=$root/build/aarch64-user
for tool in qemu-aarch64-static aarch64-linux-gnu-gcc python3; do
    command -v "$tool" >/dev/null || { echo "isa: $tool not found; skipped"; exit 77; }
done
[ -x "$user" ] || { echo "isa: $user not built"; exit 1; }

passed=0 failed=0 status=0
for spec in "armv8-a 1 1500" "armv8-a 2 1500" "armv8.1-a 1 1500" "armv8.1-a 2 1500"; do
    read -r march seed n <<< "$spec"
    out=$("$root/tests/isa/run.sh" "$user" --march "$march" --seed "$seed" --cases "$n" \
          --timeout 120 --workdir "$root/build/isa/check" 2>&1) || status=1
    printf '%s\n' "$out" | grep -v '^isa: [0-9]* passed' || true
    line=$(printf '%s\n' "$out" | grep '^isa: [0-9]* passed, [0-9]* failed' | tail -1 || true)
    if [ -z "$line" ]; then
        echo "isa: $march seed $seed: run.sh failed before comparing"
        failed=$((failed + n)); status=1
        continue
    fi
    read -r p f <<< "$(echo "$line" | sed 's/^isa: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/')"
    echo "isa: $march seed $seed: $p passed, $f failed"
    passed=$((passed + p)); failed=$((failed + f))
done
echo "isa: $passed passed, $failed failed"
exit $status
