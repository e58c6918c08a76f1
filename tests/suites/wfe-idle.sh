#!/bin/bash
# make check: a CPU parked in WFE with nothing to wake it costs (almost) no
# host CPU.  tests/baremetal/wfe-idle.c runs 2 s with -smp 2: CPU 1 in
# `1: wfe; b 1b`, CPU 0 in WFE until a masked timer interrupt becomes
# pending.  The emulator's CPU time (user + system) over the whole run must
# stay below WFE_IDLE_MAX_MS (default 500; a WFE that does not sleep costs
# the whole 2 s per CPU).  On both backends.  Skipped (77) without
# aarch64-linux-gnu-gcc.
#   tests/suites/wfe-idle.sh [EMULATOR]   (default build/aarch64-system)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/tests/baremetal
sys=${1:-$root/build/aarch64-system}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
max_ms=${WFE_IDLE_MAX_MS:-500}
command -v "$cc" > /dev/null || { echo "wfe-idle: $cc not found; skipped"; exit 77; }
[ -x "$sys" ] || { echo "wfe-idle: $sys not built"; exit 1; }
[ -x /usr/bin/time ] || { echo "wfe-idle: /usr/bin/time not installed; skipped"; exit 77; }
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

"$root/tests/baremetal/build.sh" wfe-idle "$out" || { echo "wfe-idle: wfe-idle.c does not build"; exit 1; }
for be in jit interp; do
    log=$out/wfe-idle.$be
    st=0
    /usr/bin/time -f "cpu %U %S" -o "$log.time" timeout 60 "$sys" -M virt -cpu cortex-a57 -m 128M -smp 2 \
        -nographic -semihosting -accel tcg,backend=$be -kernel "$out/wfe-idle.elf" < /dev/null > "$log" 2>&1 || st=$?
    read -r _ user sys_t < "$log.time"
    ms=$(awk -v u="$user" -v s="$sys_t" 'BEGIN { printf "%d", (u + s) * 1000 }')
    label="two CPUs in WFE for 2 s on $be: ${ms} ms of host CPU ($(grep -a 'woke' "$log" | sed 's/^wfe-idle: //'))"
    if [ $st -ne 0 ] || grep -q '^FAIL' "$log" || ! grep -q '^ok' "$log"; then
        fail "$label: exit $st; $(grep -m5 -v '^ok' "$log" | tr '\n' '|')"
    elif [ "$ms" -gt "$max_ms" ]; then
        fail "$label: over $max_ms ms"
    else
        ok "$label"
    fi
done
echo "wfe-idle: $passed passed, $failed failed"
[ $failed -eq 0 ]
