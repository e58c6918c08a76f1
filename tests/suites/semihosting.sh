#!/bin/bash
# make check: Arm semihosting (HLT #0xF000) on the virt board.  The
# bare-metal program tests/boot/semihosting/semihost.c prints through
# SYS_WRITE0/WRITEC and the ":tt" file, creates, writes, seeks, reads,
# renames and removes a host file, queries cmdline/clock/time/elapsed/
# heapinfo, then exits with the status and call its -append asks for.
# Without -semihosting the HLT is UNDEFINED (the guest's vector says so).
# Skipped (77) without aarch64-linux-gnu-gcc.
#   tests/suites/semihosting.sh [EMULATOR]   (default build/aarch64-system)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tests/boot
out=$root/build/tests/boot
sys=${1:-$root/build/aarch64-system}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "semihosting: $cc not found; skipped"; exit 77; }
[ -x "$sys" ] || { echo "semihosting: $sys not built"; exit 1; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

elf=$out/semihost.elf
if ! "$cc" -O1 -nostdlib -ffreestanding -mgeneral-regs-only -fno-pic -static \
        -Wl,-T,"$src/link.ld" -Wl,--no-warn-rwx-segments -Wl,--build-id=none \
        -o "$elf" "$src/semihosting/semihost.c"; then
    fail "semihost.c does not build"
    echo "semihosting: $passed passed, $failed failed"
    exit 1
fi

run() {  # label want-status append emulator-args...
    local label=$1 want=$2 app=$3 st=0
    shift 3
    got=$(timeout 30 "$sys" -M virt -cpu cortex-a57 -m 128M -nographic "$@" -kernel "$elf" \
          -append "$app" < /dev/null 2>&1) || st=$?
    if [ "$st" != "$want" ]; then
        fail "$label: exit status $st, expected $want; output: $got"
        return 1
    fi
    return 0
}

# 1. Everything, with QEMU's documented spelling of the option.
if run "semihosting-config" 0 "$tmp/file 0 x" -semihosting-config enable=on,target=native; then
    bad=$(grep -v ': ok$' <<< "$got" | grep -v -x -e 'semihosting hello' -e '!' -e 'tt write' -e 'exiting')
    if [ -n "$bad" ]; then
        fail "semihosting calls: $bad"
    else
        ok "semihosting calls ($(grep -c ': ok$' <<< "$got") checks) with -semihosting-config enable=on,target=native"
    fi
    head -4 <<< "$got" | tr '\n' '|' | grep -qx 'semihosting hello|!|open :tt: ok|tt write|' &&
        ok "SYS_WRITE0, SYS_WRITEC and :tt reach the console in order" ||
        fail "console output order: $(head -4 <<< "$got" | tr '\n' '|')"
    [ ! -e "$tmp/file" ] && [ ! -e "$tmp/file.2" ] && ok "host file created, renamed and removed" ||
        fail "host files left behind: $(ls "$tmp")"
    grep -q 'still running' <<< "$got" && fail "guest ran on after SYS_EXIT" || ok "SYS_EXIT stops the guest"
fi

# 2. Exit statuses.
run "SYS_EXIT status 5" 5 "$tmp/f1 5 x" -semihosting && ok "SYS_EXIT ApplicationExit subcode 5 -> exit status 5"
run "SYS_EXIT_EXTENDED status 3" 3 "$tmp/f2 3 e" -semihosting && ok "SYS_EXIT_EXTENDED subcode 3 -> exit status 3"
run "SYS_EXIT RunTimeError" 1 "$tmp/f3 0 r" -semihosting && ok "SYS_EXIT with another reason -> exit status 1"
run "-semihosting-config enable=on" 0 "$tmp/f4 0 e" -semihosting-config enable=on && ok "-semihosting-config enable=on"

# 3. Off: HLT #0xF000 stays UNDEFINED.
if run "semihosting off" 0 "$tmp/f5 0 x"; then
    [ "$got" = "hlt undefined" ] && ok "without -semihosting HLT #0xF000 is UNDEFINED" ||
        fail "without -semihosting: '$got'"
fi
if run "semihosting enable=off" 0 "$tmp/f6 0 x" -semihosting-config enable=off; then
    [ "$got" = "hlt undefined" ] && ok "enable=off keeps HLT UNDEFINED" || fail "enable=off: '$got'"
fi

# 4. Mistakes in the option are refused with one line.
msg=$("$sys" -M virt -kernel "$elf" -semihosting-config enable=on,target=gdb < /dev/null 2>&1)
st=$?
[ $st -ne 0 ] && [ "$(wc -l <<< "$msg")" = 1 ] && ok "target=gdb refused: $msg" || fail "target=gdb: $st '$msg'"
msg=$("$sys" -M virt -kernel "$elf" -semihosting-config bogus=1 < /dev/null 2>&1)
st=$?
[ $st -ne 0 ] && [ "$(wc -l <<< "$msg")" = 1 ] && ok "unknown key refused" || fail "bogus key: $st '$msg'"

echo "semihosting: $passed passed, $failed failed"
[ $failed -eq 0 ]
