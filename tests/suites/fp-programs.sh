#!/bin/bash
# make check: the floating-point C programs of tests/fp (glibc's libm,
# strtod/printf of doubles, <fenv.h> rounding modes and flags, loops that
# gcc -O3 auto-vectorises), built static for -march=armv8-a and run under
# our aarch64-user with the JIT and with the interpreter; stdout and exit
# status must equal those under Debian's qemu-aarch64-static.  Programs
# named *-fp16.c use FEAT_FP16/FEAT_JSCVT (-march=armv8.3-a+fp16, run with
# -cpu max); when aarch64-user does not advertise those they die with
# SIGILL and are reported as skipped, not failed.
# Skipped (77) without qemu-aarch64-static or the cross compiler.
#   tests/suites/fp-programs.sh [EMULATOR_CMD]   (default build/aarch64-user)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tests/fp
out=$root/build/fp
user=${1:-$root/build/aarch64-user}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
for tool in qemu-aarch64-static "$cc"; do
    command -v "$tool" >/dev/null || { echo "fp-programs: $tool not found; skipped"; exit 77; }
done
[ -x "$user" ] || command -v "$user" >/dev/null || { echo "fp-programs: $user not built"; exit 1; }

passed=0 failed=0
mkdir -p "$out"

# glibc's static start-up code already needs the AdvSIMD integer instructions
# and SIMD&FP loads/stores (a64-simd.decode); without them nothing here can run.
printf 'int main(void) { return 0; }\n' > "$out/probe.c"
"$cc" -static -O2 -march=armv8-a -o "$out/probe" "$out/probe.c"
if ! { "$user" "$out/probe" > /dev/null 2>&1; } 2> /dev/null; then
    echo "fp-programs: a static glibc program does not run under $user" \
         "(AdvSIMD/SIMD loads missing?); skipped"
    exit 77
fi
for c in "$src"/*.c; do
    name=$(basename "$c" .c)
    [ "$name" = oracle-harness ] && continue
    prog=$out/$name
    march=armv8-a cpu=()
    case $name in *-fp16) march=armv8.3-a+fp16 cpu=(-cpu max) ;; esac
    "$cc" -static -O3 -march=$march -Wall -Wextra -Werror -o "$prog" "$c" -lm
    ref_st=0
    { timeout 60 qemu-aarch64-static "$prog" > "$prog.ref"; } 2> /dev/null || ref_st=$?
    for b in ${BACKENDS:-jit interp}; do
        st=0
        { timeout 120 "$user" "${cpu[@]}" -accel "tcg,backend=$b" "$prog" > "$prog.$b" \
            2> "$prog.$b.err"; } 2> /dev/null || st=$?
        if [ "${#cpu[@]}" != 0 ] && [ "$st" = 132 ] && [ "$ref_st" = 0 ]; then
            echo "skip $name ($b): SIGILL (FEAT_FP16/FEAT_JSCVT not advertised)"
        elif [ "$st" != "$ref_st" ]; then
            echo "FAIL $name ($b): exit status $st, expected $ref_st"
            head -3 "$prog.$b.err" | sed 's/^/    /'
            failed=$((failed + 1))
        elif ! cmp -s "$prog.ref" "$prog.$b"; then
            echo "FAIL $name ($b): output differs from qemu-aarch64-static's:"
            diff "$prog.ref" "$prog.$b" | head -10 | sed 's/^/    /'
            failed=$((failed + 1))
        else
            echo "ok   $name ($b)"
            passed=$((passed + 1))
        fi
    done
done
echo "fp-programs: $passed passed, $failed failed"
[ "$failed" = 0 ]
