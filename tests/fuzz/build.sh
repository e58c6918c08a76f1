#!/bin/bash
# Build the virtqueue fuzzer with clang's libFuzzer and AddressSanitizer:
#   tests/fuzz/build.sh            -> build/fuzz/fuzz_virtqueue
# Needs clang (skips with status 77 without it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cc=${CLANG:-clang}
command -v "$cc" > /dev/null || { echo "fuzz: no $cc; skipped"; exit 77; }
mkdir -p "$root/build/fuzz"
"$cc" -g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -I"$root/include" \
    "$root/tests/fuzz/fuzz_virtqueue.c" "$root/hw/virtqueue.c" "$root/hw/memory.c" "$root/util/log.c" \
    "$root/util/error.c" -o "$root/build/fuzz/fuzz_virtqueue"
echo "built $root/build/fuzz/fuzz_virtqueue"
