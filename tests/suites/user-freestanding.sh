#!/bin/bash
# make check: the freestanding C programs of tests/isa/c, each built for
# -march=armv8-a (exclusive-monitor atomics) and -march=armv8.1-a (LSE), run
# under our aarch64-user with the JIT and with the interpreter; stdout and
# exit status must equal those under Debian's qemu-aarch64-static, which
# must be 0 except for exitcode.c (42), segv.c (SIGSEGV, 139), sigill.c
# (SIGILL, 132) and sigbus.c (misaligned LDXR, SIGBUS, 135).
# Skipped (77) only without qemu-aarch64-static or the cross compiler.
#   tests/suites/user-freestanding.sh [EMULATOR_CMD]   (default build/aarch64-user)
# BACKENDS="jit interp" (the default) picks the backends; BACKENDS=plain runs
# EMULATOR_CMD without -accel (to check the suite itself with QEMU).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tests/isa/c
out=$root/build/isa/c
user=${1:-$root/build/aarch64-user}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
for tool in qemu-aarch64-static "$cc"; do
    command -v "$tool" >/dev/null || { echo "user-freestanding: $tool not found; skipped"; exit 77; }
done
[ -x "$user" ] || command -v "$user" >/dev/null || { echo "user-freestanding: $user not built"; exit 1; }

declare -A want_status=([exitcode]=42 [segv]=139 [sigill]=132 [sigbus]=135)
cflags=(-nostdlib -static -ffreestanding -fno-stack-protector -fno-tree-loop-distribute-patterns
        -mgeneral-regs-only -O2 -Wall -Wextra -Werror -I"$src")
passed=0 failed=0

check() {  # name program-file variant-label
    local name=$1 prog=$2 label=$3 ref_st=0 st b
    { timeout 60 qemu-aarch64-static "$prog" > "$prog.ref"; } 2> /dev/null || ref_st=$?
    if [ "$ref_st" != "${want_status[$name]:-0}" ]; then
        echo "FAIL $label: exit status $ref_st under qemu-aarch64-static, expected ${want_status[$name]:-0}"
        failed=$((failed + 1))
        return
    fi
    for b in ${BACKENDS:-jit interp}; do
        st=0
        if [ "$b" = plain ]; then
            { timeout 60 "$user" "$prog" > "$prog.$b" 2> "$prog.$b.err"; } 2> /dev/null || st=$?
        else
            { timeout 60 "$user" -accel "tcg,backend=$b" "$prog" > "$prog.$b" 2> "$prog.$b.err"; } 2> /dev/null || st=$?
        fi
        if [ "$st" != "$ref_st" ]; then
            echo "FAIL $label ($b): exit status $st, expected $ref_st"
            head -3 "$prog.$b.err" | sed 's/^/    /'
            failed=$((failed + 1))
        elif ! cmp -s "$prog.ref" "$prog.$b"; then
            echo "FAIL $label ($b): output differs from qemu-aarch64-static's:"
            diff "$prog.ref" "$prog.$b" | head -10 | sed 's/^/    /'
            failed=$((failed + 1))
        else
            echo "ok   $label ($b)"
            passed=$((passed + 1))
        fi
    done
}

for march in armv8-a armv8.1-a; do
    mkdir -p "$out/$march"
    case $march in
        armv8-a) mflags=(-march=armv8-a+crc -mno-outline-atomics) ;;
        *) mflags=(-march=armv8.1-a) ;;
    esac
    "$cc" "${cflags[@]}" "${mflags[@]}" -c "$src/start.S" -o "$out/$march/start.o"
    "$cc" "${cflags[@]}" "${mflags[@]}" -c "$src/rt.c" -o "$out/$march/rt.o"
    for c in "$src"/*.c; do
        name=$(basename "$c" .c)
        [ "$name" = rt ] && continue
        prog=$out/$march/$name
        "$cc" "${cflags[@]}" "${mflags[@]}" -o "$prog" "$out/$march/start.o" "$c" "$out/$march/rt.o"
        check "$name" "$prog" "$name/$march"
    done
done
echo "user-freestanding: $passed passed, $failed failed"
[ "$failed" = 0 ]
