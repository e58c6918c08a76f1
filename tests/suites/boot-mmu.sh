#!/bin/bash
# make check: the bare-metal C programs of tests/baremetal (built with the
# cross compiler, entered by -kernel) check the system CPU: exception entry
# and return at EL1/EL0 with IRQ masking (exc), stage 1 translation for
# each granule and several VA sizes with permission/translation/access-flag
# faults, hardware AF/dirty, TLBI, ASIDs and AT (mmu, on cortex-a57 and on
# max, which adds 16K, PAN and HAFDBS), EL2 with stage 2 (el2,
# virtualization=on), EL3 with SMC (el3, secure=on), WFE across CPUs woken
# by SEV, by the release of a lock watched with LDAXR, by a masked
# interrupt and by the timer event stream (wfe, -smp 2), FEAT_VHE's E2H/TGE
# host regime (vhe, virtualization=on with -cpu max).  Each program prints
# one line per check and exits through
# semihosting with status 0 when all passed.  Every program runs on both
# backends (JIT, -accel tcg,backend=interp) and, when qemu-system-aarch64 is
# installed, on QEMU too: the outputs must be identical, which shows that
# the expectations are the architecture's and not just ours.
# Skipped (77) without aarch64-linux-gnu-gcc.
#   tests/suites/boot-mmu.sh [EMULATOR]   (default build/aarch64-system)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tests/baremetal
out=$root/build/tests/baremetal
sys=${1:-$root/build/aarch64-system}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "boot-mmu: $cc not found; skipped"; exit 77; }
[ -x "$sys" ] || { echo "boot-mmu: $sys not built"; exit 1; }
qemu=$(command -v qemu-system-aarch64 || true)
mkdir -p "$out"
passed=0 failed=0

ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# run EMU LABEL OUTFILE ARGS...: status in $st, output in OUTFILE
run() {
    local emu=$1 label=$2 file=$3
    shift 3
    st=0
    timeout 120 "$emu" -m 128M -nographic -semihosting "$@" < /dev/null > "$file" 2>&1 || st=$?
}

# check NAME MACHINE CPU [EXTRA ARGS...]
check() {
    local name=$1 machine=$2 cpu=$3 tag
    shift 3
    tag="$name ($machine, $cpu${*:+, $*})"
    local elf=$out/$name.elf base=$out/$name-$cpu-${machine//[,=]/_}
    for be in jit interp; do
        run "$sys" "$tag" "$base.$be" -M "$machine" -cpu "$cpu" -accel tcg,backend=$be "$@" -kernel "$elf"
        local n
        n=$(grep -c '^ok' "$base.$be")
        if [ $st -ne 0 ] || grep -q '^FAIL' "$base.$be" || [ "$n" = 0 ]; then
            fail "$tag on $be: exit $st; $(grep -m5 -v '^ok' "$base.$be" | tr '\n' '|')"
        else
            ok "$tag on $be: $n checks"
        fi
    done
    if ! cmp -s "$base.jit" "$base.interp"; then
        fail "$tag: JIT and interpreter outputs differ: $(diff "$base.jit" "$base.interp" | head -4 | tr '\n' '|')"
    fi
    if [ -n "$qemu" ]; then
        run "$qemu" "$tag" "$base.qemu" -M "$machine" -cpu "$cpu" "$@" -kernel "$elf"
        if [ $st -ne 0 ]; then
            fail "$tag on QEMU: exit $st (the test's expectations are wrong?): $(grep -m5 -v '^ok' "$base.qemu" | tr '\n' '|')"
        elif cmp -s "$base.qemu" "$base.jit"; then
            ok "$tag: same output as QEMU"
        else
            fail "$tag: differs from QEMU: $(diff "$base.qemu" "$base.jit" | head -6 | tr '\n' '|')"
        fi
    fi
}

for t in exc mmu el2 el3 wfe vhe; do
    "$src/build.sh" "$t" "$out" || fail "$t: does not build"
done

check exc virt cortex-a57
check mmu virt cortex-a57
check mmu virt max
check el2 virt,virtualization=on cortex-a57
check vhe virt,virtualization=on max
check el3 virt,secure=on cortex-a57
check wfe virt cortex-a57 -smp 2

echo "boot-mmu: $passed passed, $failed failed"
[ $failed -eq 0 ]
