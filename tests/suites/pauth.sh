#!/bin/bash
# make check: FEAT_PAuth / FEAT_BTI / FEAT_RNG.
#  1. user mode: tests/suites/pauth/user-pauth.c (freestanding, BTI-marked,
#     -mbranch-protection=standard -march=armv8.5-a) under aarch64-user
#     -cpu max (JIT and interpreter, QARMA5 and pauth-impdef=on) must print
#     what qemu-aarch64-static -cpu max prints; the prctls QEMU 7.2 lacks
#     (PR_PAC_SET/GET_ENABLED_KEYS) are checked against Linux's values;
#     -cpu cortex-a72 must refuse the instructions (SIGILL).
#  2. system mode: tests/suites/pauth/pauth-bare.S sets known keys at EL1
#     and prints PACIA/PACIB/PACDA/PACGA/AUTIA results and a BTI fault's
#     ESR: the output of aarch64-system -cpu max must equal
#     qemu-system-aarch64 -cpu max's (both run the architected QARMA5).
# Skipped (77) without the cross compiler or the QEMU binaries.
#   tests/suites/pauth.sh [BUILD_DIR]
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
dir=$root/tests/suites/pauth
out=$build/pauth
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
for tool in qemu-aarch64-static qemu-system-aarch64 "$cc"; do
    command -v "$tool" >/dev/null || { echo "pauth: $tool not found; skipped"; exit 77; }
done
mkdir -p "$out"
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# --- 1. user mode ---
src=$root/tests/isa/c
cflags=(-nostdlib -static -ffreestanding -fno-stack-protector -mgeneral-regs-only -O2 -Wall -Wextra
        -Werror -I"$src" -march=armv8.5-a -mbranch-protection=standard)
"$cc" "${cflags[@]}" -c "$src/start.S" -o "$out/start.o"
"$cc" "${cflags[@]}" -c "$src/rt.c" -o "$out/rt.o"
# start.S and rt.c carry no BTI note of their own: force the marking (a warning only).
"$cc" "${cflags[@]}" -Wl,-z,force-bti -o "$out/user-pauth" "$out/start.o" "$dir/user-pauth.c" "$out/rt.o" \
    2> "$out/link.log" || { cat "$out/link.log"; exit 1; }
prog=$out/user-pauth
st=0; timeout 60 qemu-aarch64-static -cpu max "$prog" > "$out/user.ref" 2> /dev/null || st=$?
[ "$st" = 0 ] || fail "user: qemu-aarch64-static exit status $st"
for variant in "jit max" "interp max" "jit max,pauth-impdef=on" "interp max,pauth-impdef=on"; do
    set -- $variant
    st=0
    timeout 60 "$build/aarch64-user" -accel "tcg,backend=$1" -cpu "$2" "$prog" > "$out/user.$1.out" \
        2> "$out/user.err" || st=$?
    if [ "$st" != 0 ]; then
        fail "user $variant: exit status $st"; head -3 "$out/user.err"
    elif ! cmp -s "$out/user.ref" "$out/user.$1.out"; then
        fail "user $variant: output differs from qemu-aarch64-static's"
        diff "$out/user.ref" "$out/user.$1.out" | head -10
    else
        ok "user $variant"
    fi
done
timeout 60 "$build/aarch64-user" -cpu max "$prog" extra 2> /dev/null | tail -4 > "$out/user.extra"
printf '%s\n' "PR_PAC_GET_ENABLED_KEYS 15" "PR_PAC_SET_ENABLED_KEYS 0" "PR_PAC_GET_ENABLED_KEYS 13" \
    "pacib with IB disabled is a NOP 1" > "$out/user.extra.want"
if cmp -s "$out/user.extra" "$out/user.extra.want"; then ok "user PR_PAC_SET/GET_ENABLED_KEYS"; else
    fail "user PR_PAC_SET/GET_ENABLED_KEYS"; diff "$out/user.extra.want" "$out/user.extra" | head; fi
st=0; timeout 60 "$build/aarch64-user" -cpu cortex-a72 "$prog" > /dev/null 2>&1 || st=$?
if [ "$st" = 132 ]; then ok "user cortex-a72: SIGILL"; else fail "user cortex-a72: exit status $st, not 132"; fi
if "$build/aarch64-user" -cpu cortex-a72,pauth=on "$prog" > /dev/null 2> "$out/err.txt"; then
    fail "cortex-a72,pauth=on accepted"; else ok "cortex-a72,pauth=on refused: $(head -1 "$out/err.txt")"; fi
st=0; timeout 60 "$build/aarch64-user" -cpu max,pauth=off "$prog" > /dev/null 2>&1 || st=$?
if [ "$st" = 132 ]; then ok "user max,pauth=off: SIGILL"; else fail "user max,pauth=off: exit status $st, not 132"; fi

# --- 2. system mode, bare metal at EL1 ---
"$cc" -nostdlib -static -march=armv8.5-a -T "$root/tests/boot/link.ld" -o "$out/pauth-bare.elf" \
    "$dir/pauth-bare.S" 2> /dev/null
timeout 60 qemu-system-aarch64 -M virt -cpu max -m 256M -nographic -monitor none -serial stdio \
    -kernel "$out/pauth-bare.elf" > "$out/sys.ref" 2>&1 || true
for cpu in max; do
    timeout 60 "$build/aarch64-system" -M virt -cpu "$cpu" -m 256M -nographic \
        -kernel "$out/pauth-bare.elf" > "$out/sys.out" 2>&1 || true
    if ! grep -q "^done" "$out/sys.ref"; then
        fail "system: qemu-system-aarch64 did not finish"; head -5 "$out/sys.ref"
    elif cmp -s "$out/sys.ref" "$out/sys.out"; then
        ok "system -cpu $cpu: $(grep -c . "$out/sys.ref") lines equal to qemu-system-aarch64's"
    else
        fail "system -cpu $cpu: output differs from qemu-system-aarch64's"
        diff "$out/sys.ref" "$out/sys.out" | head -20
    fi
done
# -cpu max,pauth-impdef=on: the IMPLEMENTATION DEFINED algorithm (ISAR1.API/GPI), same layout.
timeout 60 "$build/aarch64-system" -M virt -cpu max,pauth-impdef=on -m 256M -nographic \
    -kernel "$out/pauth-bare.elf" > "$out/sys.impdef" 2>&1 || true
if grep -q "^ISAR1 APA/API/GPA/GPI fields 0000000110000100" "$out/sys.impdef" && grep -q "^done" "$out/sys.impdef" &&
   [ "$(grep -c "autia [0-9a-f]" "$out/sys.impdef")" = "$(grep -c "autia [0-9a-f]" "$out/sys.ref")" ] &&
   diff <(grep -v "pac\|ISAR1" "$out/sys.ref") <(grep -v "pac\|ISAR1" "$out/sys.impdef") > /dev/null; then
    ok "system -cpu max,pauth-impdef=on: API/GPI, authentication and BTI as with QARMA5"
else
    fail "system -cpu max,pauth-impdef=on"; diff "$out/sys.ref" "$out/sys.impdef" | head -10
fi

echo "pauth: $passed passed, $failed failed"
[ "$failed" = 0 ]
