#!/bin/sh
# Differential test of target-arm/fpu-*.c against the real instructions run
# under qemu-aarch64-static (an oracle only; never part of the emulator).
#   tests/fpu-oracle/run.sh [COUNT [SEED]]    COUNT cases per operation
# Builds gen.c (aarch64, static) and host.c (native) in a temporary
# directory, keeps nothing, prints "N passed, M failed"; exit 77 when the
# cross compiler or qemu-aarch64-static is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
count=${1:-150}
seed=${2:-$(date +%s)}
cross=${CROSS_CC:-aarch64-linux-gnu-gcc}
qemu=${QEMU_AARCH64:-qemu-aarch64-static}
cc=${CC:-cc}

command -v "$cross" >/dev/null 2>&1 || { echo "fpu-oracle: $cross not found (Debian: gcc-aarch64-linux-gnu); skipped"; exit 77; }
command -v "$qemu" >/dev/null 2>&1 || { echo "fpu-oracle: $qemu not found (Debian: qemu-user-static); skipped"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

"$cross" -static -O1 -march=armv8.3-a+fp16 -o "$tmp/gen" "$here/gen.c" ||
    { echo "fpu-oracle: cannot build gen.c with $cross"; exit 1; }
"$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE \
    -I"$top" -I"$top/include" -o "$tmp/host" "$here/host.c" "$top"/target-arm/fpu-*.c ||
    { echo "fpu-oracle: cannot build host.c"; exit 1; }

echo "fpu-oracle: seed $seed, $count cases per operation"
"$tmp/host" gen "$count" "$seed" > "$tmp/cases" || exit 1
"$qemu" "$tmp/gen" < "$tmp/cases" > "$tmp/oracle" || { echo "fpu-oracle: gen failed under $qemu"; exit 1; }
"$tmp/host" check < "$tmp/oracle"
