#!/bin/bash
# make check: AdvSIMD/crypto programs under our aarch64-user (JIT and
# interpreter), compared with qemu-aarch64-static and, for the known-answer
# programs, with the expected output:
#   tests/simd/*.S   freestanding: SHA-256("abc") with SHA256H..., AES-128
#                    FIPS-197 C.1 with AESE/AESMC/AESD/AESIMC (*.expected)
#   tests/simd/*.c   static glibc programs: arm_neon.h intrinsics and -O3
#                    auto-vectorised loops (-march=armv8-a+crypto)
# Static glibc programs also need the FP instructions; when a trivial static
# C program does not run under aarch64-user yet, the C programs are reported
# as skipped (not failed).  Exit 77 without the cross compiler or qemu.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
user=$root/build/aarch64-user
work=$root/build/simd-programs
for tool in qemu-aarch64-static aarch64-linux-gnu-gcc aarch64-linux-gnu-as aarch64-linux-gnu-ld; do
    command -v "$tool" >/dev/null || { echo "simd-programs: $tool not found; skipped"; exit 77; }
done
[ -x "$user" ] || { echo "simd-programs: $user not built"; exit 1; }
mkdir -p "$work"

passed=0 failed=0

# check NAME EXE [EXPECTED]: both backends must print what qemu prints (and EXPECTED).
check() {
    local name=$1 exe=$2 expected=${3:-} ref out backend
    ref=$(timeout 60 qemu-aarch64-static -cpu max "$exe" 2>&1)
    if [ -n "$expected" ] && [ "$ref" != "$(cat "$expected")" ]; then
        echo "simd-programs: $name: qemu output differs from $expected (test bug?)"
    fi
    for backend in jit interp; do
        out=$(timeout 60 "$user" -accel tcg,backend=$backend "$exe" 2>&1)
        if [ "$out" == "$ref" ] && { [ -z "$expected" ] || [ "$out" == "$(cat "$expected")" ]; }; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            echo "simd-programs: $name ($backend) FAILED"
            diff <(printf '%s\n' "$ref") <(printf '%s\n' "$out") | head -5
        fi
    done
}

for src in "$root"/tests/simd/*.S; do
    name=$(basename "$src" .S)
    aarch64-linux-gnu-as "$src" -o "$work/$name.o" && aarch64-linux-gnu-ld -static "$work/$name.o" -o "$work/$name" \
        || { echo "simd-programs: cannot build $name"; failed=$((failed + 1)); continue; }
    check "$name" "$work/$name" "${src%.S}.expected"
done

printf 'int main(void) { return 0; }\n' > "$work/probe.c"
aarch64-linux-gnu-gcc -static -O2 "$work/probe.c" -o "$work/probe" 2>/dev/null
# (run through sh -c so that the shell's "Illegal instruction" notice stays quiet)
if ! sh -c '"$0" "$1"' "$user" "$work/probe" >/dev/null 2>&1; then
    why=$(sh -c '"$0" "$1" 2>&1' "$user" "$work/probe" 2>/dev/null | head -1)
    echo "simd-programs: C programs skipped: a static glibc program does not run under aarch64-user yet ($why)"
else
    for src in "$root"/tests/simd/*.c; do
        name=$(basename "$src" .c)
        aarch64-linux-gnu-gcc -static -O3 -march=armv8-a+crypto "$src" -o "$work/$name" \
            || { echo "simd-programs: cannot build $name"; failed=$((failed + 1)); continue; }
        check "$name" "$work/$name"
    done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
