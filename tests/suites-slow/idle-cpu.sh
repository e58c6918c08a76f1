#!/bin/bash
# make check-slow: an idle guest costs no host CPU.  tests/boot/idle.S waits
# 4 s in WFI for one virtual-timer deadline; from 1 s to 3.5 s into the run
# the emulator must use at most IDLE_MAX_TICKS clock ticks of CPU (default
# 2, i.e. 20 ms at 100 Hz) and its threads at most IDLE_MAX_WAKEUPS
# voluntary context switches (default 50: a main loop that polled every few
# milliseconds would show hundreds).  Then, when the kernel and initramfs of
# boot-linux.sh are in the cache, the same over 10 s with Debian's kernel
# idle at its shell prompt (limits IDLE_MAX_TICKS_LINUX, default 10, and
# IDLE_MAX_WAKEUPS_LINUX, default 2500: the guest's own timer interrupts
# count there; the 2 ms polling this replaces showed about 5000).
# Skipped (77) without aarch64-linux-gnu-gcc.
#   tests/suites-slow/idle-cpu.sh [CACHE_DIR]     (default tests/cache)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${1:-$root/tests/cache}
sys=${IDLE_EMULATOR:-$root/build/aarch64-system}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
max_ticks=${IDLE_MAX_TICKS:-2}
max_wakeups=${IDLE_MAX_WAKEUPS:-50}
max_ticks_linux=${IDLE_MAX_TICKS_LINUX:-10}
max_wakeups_linux=${IDLE_MAX_WAKEUPS_LINUX:-2500}
command -v "$cc" > /dev/null || { echo "idle-cpu: $cc not found; skipped"; exit 77; }
[ -x "$sys" ] || { echo "idle-cpu: $sys not built"; exit 1; }
out=$root/build/tests/idle-cpu
mkdir -p "$out"
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

ticks() {  # PID: utime + stime of the whole process
    local a
    read -r -a a < "/proc/$1/stat" || { echo 0; return; }
    # Fields after the command name (which may hold spaces) start at index 2.
    echo $((a[13] + a[14]))
}

wakeups() {  # PID: voluntary context switches summed over its threads
    local n=0 f v
    for f in /proc/"$1"/task/*/status; do
        v=$(awk '/^voluntary_ctxt_switches/ { print $2 }' "$f" 2> /dev/null)
        n=$((n + ${v:-0}))
    done
    echo $n
}

"$cc" -nostdlib -ffreestanding -static -Wl,-T,"$root/tests/boot/link.ld" -Wl,--no-warn-rwx-segments \
    -Wl,--build-id=none -o "$out/idle.elf" "$root/tests/boot/idle.S" || { echo "idle-cpu: idle.S does not assemble"; exit 1; }

log=$out/idle.log
# finish PID SECONDS: wait for it to exit by itself, killing it after that long; its status.
finish() {
    local i st=0
    for ((i = 0; i < $2 * 10; i++)); do
        kill -0 "$1" 2> /dev/null || break
        sleep 0.1
    done
    kill "$1" 2> /dev/null && echo "idle-cpu: killed after $2 s"
    wait "$1" || st=$?
    return $st
}

# No timeout(1) around the emulator: the pid measured must be its own.
"$sys" -M virt -cpu cortex-a57 -m 128M -nographic -kernel "$out/idle.elf" < /dev/null > "$log" 2>&1 &
pid=$!
sleep 1
t0=$(ticks $pid) w0=$(wakeups $pid)
sleep 2.5
t1=$(ticks $pid) w1=$(wakeups $pid)
st=0
finish $pid 30 || st=$?
dt=$((t1 - t0)) dw=$((w1 - w0))
label="bare-metal WFI with one timer 4 s ahead: $dt ticks of CPU, $dw wake-ups in 2.5 s"
if [ $st -ne 0 ] || ! grep -q "idle: timer woke the cpu" "$log"; then
    fail "$label (exit $st, output: $(tr '\n' ' ' < "$log"))"
elif [ $dt -gt "$max_ticks" ] || [ $dw -gt "$max_wakeups" ]; then
    fail "$label (limits: $max_ticks ticks, $max_wakeups wake-ups)"
else
    ok "$label"
fi

image=$cache/arm64/Image
initrd=$cache/arm64/initramfs.cpio.gz
if [ -f "$image" ] && [ -f "$initrd" ]; then
    log=$out/linux.log
    rm -f "$out/in"
    mkfifo "$out/in"
    "$sys" -M virt -cpu cortex-a57 -m 1G -kernel "$image" -initrd "$initrd" \
        -append console=ttyAMA0 -nographic < "$out/in" > "$log" 2>&1 &
    pid=$!
    exec 3> "$out/in"
    for ((i = 0; i < 1800; i++)); do
        grep -aq "BOOT-OK" "$log" && break
        kill -0 $pid 2> /dev/null || break
        sleep 0.1
    done
    sleep 8   # modules and the shell settle
    t0=$(ticks $pid) w0=$(wakeups $pid)
    sleep 10
    t1=$(ticks $pid) w1=$(wakeups $pid)
    printf 'poweroff -f\n' >&3
    st=0
    finish $pid 60 || st=$?
    exec 3>&-
    rm -f "$out/in"
    dt=$((t1 - t0)) dw=$((w1 - w0))
    label="Debian's kernel idle at its shell: $dt ticks of CPU, $dw wake-ups in 10 s"
    if ! grep -aq "BOOT-OK" "$log" || [ $st -ne 0 ]; then
        fail "$label (no shell or exit $st)"
    elif [ $dt -gt "$max_ticks_linux" ] || [ $dw -gt "$max_wakeups_linux" ]; then
        fail "$label (limits: $max_ticks_linux ticks, $max_wakeups_linux wake-ups)"
    else
        ok "$label"
    fi
else
    echo "idle-cpu: no kernel/initramfs in $cache (boot-linux.sh fetches them); Linux idle check skipped"
fi

echo "idle-cpu: $passed passed, $failed failed"
[ $failed -eq 0 ]
