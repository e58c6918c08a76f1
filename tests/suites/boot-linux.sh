#!/bin/bash
# make check: boot Debian's arm64 kernel with a busybox initramfs on
# aarch64-system's virt board, as the README's command line does, and wait
# for init's marker "BOOT-OK: busybox init reached"; test=poweroff makes init
# power off through PSCI, so the emulator must also exit with status 0.
# Runs with -smp 1, -smp 2 and -smp 4 (secondary CPUs brought up by PSCI CPU_ON), and
# with virtualization=on (the kernel starts at EL2; PSCI over SMC); then with
# -cpu max, where the kernel turns on pointer authentication (QARMA5, and
# the pauth-impdef=on algorithm) and BTI, which its log must say, and at EL2
# in VHE mode (FEAT_VHE), -smp 1 and 2.
# The kernel and initramfs come from tests/guest/fetch-debian-arm64.sh and
# mkinitramfs.sh (run here when missing and the network allows; skipped, 77,
# when they cannot be produced).
#   tests/suites-slow/boot-linux.sh [CACHE_DIR]     (default tests/cache)
# BOOT_TIMEOUT (seconds, default 180) limits each boot.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${1:-$root/tests/cache}
sys=$root/build/aarch64-system
limit=${BOOT_TIMEOUT:-180}
image=$cache/arm64/Image
initrd=$cache/arm64/initramfs.cpio.gz
[ -x "$sys" ] || { echo "boot-linux: $sys not built"; exit 1; }
if [ ! -f "$image" ] || [ ! -f "$initrd" ]; then
    { "$root/tests/guest/fetch-debian-arm64.sh" --cache "$cache" &&
      "$root/tests/guest/mkinitramfs.sh" --cache "$cache"; } > /dev/null 2>&1 ||
        { echo "boot-linux: no kernel/initramfs in $cache and cannot fetch them; skipped"; exit 77; }
fi
out=$root/build/tests/boot-linux
mkdir -p "$out"
passed=0 failed=0

boot() {  # label smp machine [cpu]
    local label=$1 smp=$2 machine=$3 cpu=${4:-cortex-a57} st=0 t0 t1
    local log=$out/console-smp$2-${3//[,=]/-}-${cpu//[,=]/-}.log
    t0=$(date +%s)
    timeout "$limit" "$sys" -M "$machine" -cpu "$cpu" -m 1G -smp "$smp" -kernel "$image" \
        -initrd "$initrd" -append "console=ttyAMA0 test=poweroff" -nographic \
        < /dev/null > "$log" 2>&1 || st=$?
    t1=$(date +%s)
    if ! grep -q "BOOT-OK: busybox init reached" "$log"; then
        echo "FAIL $label: no init marker (exit $st after $((t1 - t0)) s); last console lines:"
        tail -n 15 "$log" | sed 's/^/    /'
        failed=$((failed + 1))
    elif [ $st -ne 0 ]; then
        echo "FAIL $label: init reached but exit status $st (poweroff expected to exit 0)"
        tail -n 5 "$log" | sed 's/^/    /'
        failed=$((failed + 1))
    else
        echo "ok   $label ($((t1 - t0)) s)"
        passed=$((passed + 1))
    fi
}

boot "Debian kernel to busybox init and poweroff, -smp 1" 1 virt
boot "Debian kernel to busybox init and poweroff, -smp 2" 2 virt
# More vCPUs than host cores: the kernel's spinlocks and smp_cond_load waits
# (LDAXR; WFE) must be woken by the monitor's clearing, not hang or spin.
boot "Debian kernel to busybox init and poweroff, -smp 4" 4 virt
boot "the same entered at EL2 (virtualization=on, PSCI over SMC)" 1 virt,virtualization=on

# -cpu max: the kernel must have found and enabled PAuth and BTI (issue #7).
max_features() {  # label log algorithm-text
    if grep -q "CPU features: detected: Address authentication ($3" "$2" &&
       grep -q "CPU features: detected: Branch Target Identification" "$2"; then
        echo "ok   $1: the kernel uses address authentication ($3) and BTI"
        passed=$((passed + 1))
    else
        echo "FAIL $1: the kernel did not report address authentication ($3) and BTI"
        failed=$((failed + 1))
    fi
}
boot "Debian kernel with -cpu max (PAuth QARMA5, BTI, RNG), -smp 2" 2 virt max
max_features "-cpu max" "$out/console-smp2-virt-max.log" "architected QARMA5"
boot "Debian kernel with -cpu max,pauth-impdef=on at EL2" 1 virt,virtualization=on max,pauth-impdef=on
max_features "-cpu max,pauth-impdef=on" "$out/console-smp1-virt-virtualization-on-max-pauth-impdef-on.log" \
    "IMP DEF"

# FEAT_VHE (issue #7): -cpu max at EL2 offers ID_AA64MMFR1.VH, so the kernel
# switches to HCR_EL2.E2H, runs itself at EL2 in the EL2&0 regime and its
# KVM initialises in VHE mode; with -smp 2 the secondary CPU must agree.
vhe_mode() {  # label log
    if grep -q "CPU features: detected: Virtualization Host Extensions" "$2" &&
       grep -q "CPU: All CPU(s) started at EL2" "$2" &&
       grep -q "kvm \[1\]: VHE mode initialized successfully" "$2"; then
        echo "ok   $1: the kernel runs in VHE mode (EL2 with E2H) and KVM says so"
        passed=$((passed + 1))
    else
        echo "FAIL $1: no VHE mode in the kernel log: $(grep -iE 'vhe|virtualization host|kvm|EL2' "$2" | head -4 | tr '\n' '|')"
        failed=$((failed + 1))
    fi
}
boot "Debian kernel in VHE mode (virtualization=on, -cpu max), -smp 1" 1 virt,virtualization=on max
vhe_mode "VHE, -smp 1" "$out/console-smp1-virt-virtualization-on-max.log"
boot "Debian kernel in VHE mode (virtualization=on, -cpu max), -smp 2" 2 virt,virtualization=on max
vhe_mode "VHE, -smp 2" "$out/console-smp2-virt-virtualization-on-max.log"

# gdb: attach to the halted board (-S -gdb), stop at a hardware breakpoint on
# the kernel's primary entry (the target of the branch in the Image header's
# second word, the Image being loaded at the RAM base), read registers and
# memory, step, then let the kernel boot on to init.
gdb_kernel() {
    local port log=$out/console-gdb.log gdblog=$out/gdb.log word off entry
    if ! command -v gdb-multiarch > /dev/null; then
        echo "     (gdb-multiarch not installed: the kernel breakpoint check is not run)"
        return
    fi
    word=$(od -An -tu4 -j4 -N4 "$image" | tr -d ' ')
    off=$(( (word & 0x3ffffff) << 2 ))
    [ $((off & 0x8000000)) -ne 0 ] && off=$((off - 0x10000000))
    entry=$(printf '0x%x' $((0x40000004 + off)))
    port=$((20000 + RANDOM % 20000))
    timeout "$limit" "$sys" -M virt -cpu cortex-a57 -m 1G -kernel "$image" -initrd "$initrd" \
        -append "console=ttyAMA0 test=poweroff" -nographic -S -gdb "tcp::$port" \
        < /dev/null > "$log" 2>&1 &
    local pid=$!
    sleep 2
    timeout 120 gdb-multiarch -batch -ex 'set architecture aarch64' -ex "target remote :$port" \
        -ex "hbreak *$entry" -ex continue -ex 'info registers pc x0' -ex 'x/2i $pc' -ex stepi \
        -ex 'info registers pc' -ex delete -ex continue > "$gdblog" 2>&1
    wait "$pid"
    if grep -q "Breakpoint 1, $(printf '0x%016x' "$entry")" "$gdblog" &&
       grep -q "^x0 *0x4" "$gdblog" && grep -q "BOOT-OK: busybox init reached" "$log"; then
        echo "ok   gdb stops at a hardware breakpoint on the kernel entry ($entry), steps, boot goes on"
        passed=$((passed + 1))
    else
        echo "FAIL gdb hardware breakpoint on the kernel entry $entry"
        sed 's/^/    /' "$gdblog" | tail -12
        failed=$((failed + 1))
    fi
}
gdb_kernel

echo "boot-linux: $passed passed, $failed failed"
[ $failed -eq 0 ]
