#!/bin/bash
# make check-slow: Debian's U-Boot for QEMU's arm64 virt board (u-boot-qemu,
# qemu_arm64/u-boot.bin) started with -bios from flash bank 0: it must reach
# its "=>" prompt, run `version` and `bdinfo`, and `poweroff` through PSCI
# SYSTEM_OFF (exit status 0).  A second pair of boots keeps U-Boot's
# environment in flash bank 1 (-drive if=pflash,file=env.img): `saveenv` in
# the first, `printenv` finds the value in the second; with readonly=on the
# save must fail and leave the file alone.
# The package is fetched with apt-get download into the cache when missing
# (skipped, 77, when that cannot be done).
#   tests/suites-slow/boot-uboot.sh [CACHE_DIR]     (default tests/cache)
# UBOOT_TIMEOUT (seconds, default 60) limits each wait for output.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${1:-$root/tests/cache}
sys=$root/build/aarch64-system
limit=${UBOOT_TIMEOUT:-60}
ub=$cache/u-boot-qemu/usr/lib/u-boot/qemu_arm64/u-boot.bin
[ -x "$sys" ] || { echo "boot-uboot: $sys not built"; exit 1; }
if [ ! -f "$ub" ]; then
    mkdir -p "$cache" &&
    ( cd "$cache" && rm -f u-boot-qemu_*.deb && apt-get download u-boot-qemu ) > /dev/null 2>&1 &&
    dpkg-deb -x "$cache"/u-boot-qemu_*.deb "$cache/u-boot-qemu" 2> /dev/null
    [ -f "$ub" ] || { echo "boot-uboot: cannot fetch u-boot-qemu into $cache; skipped"; exit 77; }
fi
out=$root/build/tests/boot-uboot
mkdir -p "$out"
passed=0 failed=0
pid=

prompts() { grep -ao '=> ' "$log" 2> /dev/null | wc -l; }

# wait_for PATTERN: until the console log matches (fixed string), or the time limit.
wait_for() {
    local i
    for ((i = 0; i < limit * 10; i++)); do
        grep -aqF -- "$1" "$log" 2> /dev/null && return 0
        kill -0 "$pid" 2> /dev/null || { grep -aqF -- "$1" "$log"; return; }
        sleep 0.1
    done
    return 1
}

# cmd LINE: type a command at the prompt and wait for the next prompt.
cmd() {
    local before i
    before=$(prompts)
    printf '%s\n' "$1" >&3
    for ((i = 0; i < limit * 10; i++)); do
        [ "$(prompts)" -gt "$before" ] && return 0
        kill -0 "$pid" 2> /dev/null || return 1
        sleep 0.1
    done
    return 1
}

# start LABEL ARGS...: boot U-Boot with stdin from a fifo, stop autoboot, wait for the prompt.
start() {
    local label=$1
    shift
    log=$out/console-$label.log
    rm -f "$out/in" "$log"
    mkfifo "$out/in"
    "$sys" -M virt -cpu cortex-a57 -m 1G -bios "$ub" -nographic "$@" < "$out/in" > "$log" 2>&1 &
    pid=$!
    exec 3> "$out/in"
    wait_for "Hit any key to stop autoboot" && printf '\n' >&3 && wait_for "=> "
}

# finish: poweroff and the exit status; 0 when it powered off cleanly.
finish() {
    local st=0 i
    printf 'poweroff\n' >&3
    for ((i = 0; i < limit * 10; i++)); do
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2> /dev/null; then
        kill "$pid"
        wait "$pid" 2> /dev/null
        exec 3>&-
        return 1
    fi
    wait "$pid" || st=$?
    exec 3>&-
    return $st
}

ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL $1; last console lines:"
    tail -n 12 "$log" | sed 's/^/    /'
    failed=$((failed + 1))
}

label="U-Boot from -bios to its prompt, version, bdinfo, poweroff"
if start plain && cmd version && cmd bdinfo && finish &&
   grep -aq "^U-Boot 20" "$log" && grep -aq "flashstart" "$log" &&
   grep -aq "start    = 0x0*40000000" "$log" && grep -aq "poweroff \.\.\." "$log"; then
    ok "$label"
else
    fail "$label"
fi

env=$out/env.img
rm -f "$env"
truncate -s 64M "$env"
label="saveenv to flash bank 1 (-drive if=pflash) survives a reboot"
if start save -drive if=pflash,file="$env" && cmd "setenv emutest value-$$" && cmd saveenv &&
   finish && grep -aq "Writing to Flash... done" "$log" &&
   start load -drive if=pflash,file="$env" && cmd "printenv emutest" && finish &&
   grep -aq "emutest=value-$$" "$log"; then
    ok "$label"
else
    fail "$label"
fi

label="readonly=on: saveenv fails, the file is unchanged"
sum=$(md5sum < "$env")
if start readonly -drive if=pflash,file="$env",readonly=on && cmd "setenv emutest other" &&
   cmd saveenv && finish && ! grep -aq "Writing to Flash... done" "$log" &&
   [ "$(md5sum < "$env")" = "$sum" ]; then
    ok "$label"
else
    fail "$label"
fi

label="-drive if=pflash with a file larger than the bank is refused in one line"
truncate -s 65M "$out/big.img"
log=$out/console-big.log
st=0
"$sys" -M virt -m 1G -bios "$ub" -nographic -drive if=pflash,file="$out/big.img" < /dev/null > "$log" 2>&1 || st=$?
if [ $st -ne 0 ] && [ "$(wc -l < "$log")" -eq 1 ] && grep -q "larger than the 64 MiB flash bank" "$log"; then
    ok "$label"
else
    fail "$label"
fi
rm -f "$out/big.img" "$out/in"

echo "boot-uboot: $passed passed, $failed failed"
[ $failed -eq 0 ]
