#!/bin/bash
# make check: bare-metal programs of tests/boot (assembled with the cross
# compiler, linked at 0x40080000, entered at EL1 with the MMU off) run on
# aarch64-system's virt board: PL011 output, PSCI over HVC (VERSION,
# SYSTEM_OFF, CPU_ON, AFFINITY_INFO), an SVC through VBAR_EL1 with ESR
# checked, the virtual timer's PPI through the GIC waking WFI.  Plus the
# board's command line: dumpdtb, -serial file:, -device (virtio-net on -netdev user).
# Skipped (77) without aarch64-linux-gnu-gcc.
#   tests/suites/boot-baremetal.sh [EMULATOR]   (default build/aarch64-system)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tests/boot
out=$root/build/tests/boot
sys=${1:-$root/build/aarch64-system}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "boot-baremetal: $cc not found; skipped"; exit 77; }
[ -x "$sys" ] || { echo "boot-baremetal: $sys not built"; exit 1; }
mkdir -p "$out"
passed=0 failed=0

ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

build() {  # name
    "$cc" -nostdlib -ffreestanding -static -Wl,-T,"$src/link.ld" -Wl,--no-warn-rwx-segments \
        -o "$out/$1.elf" "$src/$1.S"
}

run_expect() {  # label expected-output emulator-args...
    local label=$1 want=$2 got st=0
    shift 2
    got=$(timeout 30 "$sys" -M virt -cpu cortex-a57 -m 128M -nographic "$@" < /dev/null 2>&1) || st=$?
    if [ $st -ne 0 ]; then
        fail "$label: exit status $st, output: $got"
    elif [ "$got" != "$want" ]; then
        fail "$label: got '$got', expected '$want'"
    else
        ok "$label"
    fi
}

for t in hello svc timer-irq smp; do
    build "$t" || { fail "$t: does not assemble"; continue; }
done

run_expect "hello: PL011 output, PSCI 1.0, SYSTEM_OFF exits 0" \
    "$(printf 'hello from bare metal\nEL1\npsci 1.0')" -kernel "$out/hello.elf"
run_expect "svc: exception to VBAR_EL1 with ESR/ELR, ERET" \
    "$(printf 'svc taken: esr 0x56000042, elr ok\nsvc returned')" -kernel "$out/svc.elf"
run_expect "timer-irq: virtual timer PPI 27 through the GIC wakes WFI" \
    "timer irq 27 taken after wfi" -kernel "$out/timer-irq.elf"
run_expect "smp: PSCI CPU_ON starts CPU 1 with its context id (-smp 2)" \
    "cpu 1 started by psci cpu_on with context id" -smp 2 -kernel "$out/smp.elf"
run_expect "hello with -smp 4 (secondaries stay off)" \
    "$(printf 'hello from bare metal\nEL1\npsci 1.0')" -smp 4 -kernel "$out/hello.elf"

# The raw binary form of -kernel: loaded and entered at the RAM base,
# so a copy is linked for 0x40000000.
sed 's/0x40080000/0x40000000/' "$src/link.ld" > "$out/link-raw.ld"
if "$cc" -nostdlib -ffreestanding -static -Wl,-T,"$out/link-raw.ld" -Wl,--no-warn-rwx-segments \
       -o "$out/hello-raw.elf" "$src/hello.S" &&
   ${cc%gcc}objcopy -O binary "$out/hello-raw.elf" "$out/hello.bin"; then
    run_expect "hello as a raw binary at the RAM base" \
        "$(printf 'hello from bare metal\nEL1\npsci 1.0')" -kernel "$out/hello.bin"
else
    fail "hello.bin: cannot build"
fi

# -serial file:PATH gets the output, stdout stays empty.
rm -f "$out/serial.txt"
run_expect "-serial file:PATH" "" -serial "file:$out/serial.txt" -kernel "$out/hello.elf"
if [ "$(cat "$out/serial.txt" 2>/dev/null)" = "$(printf 'hello from bare metal\nEL1\npsci 1.0')" ]; then
    ok "-serial file:PATH holds the output"
else
    fail "-serial file:PATH holds '$(cat "$out/serial.txt" 2>/dev/null)'"
fi

# dumpdtb writes a flattened device tree (magic d00dfeed) and exits 0.
rm -f "$out/virt.dtb"
if "$sys" -M virt,dumpdtb="$out/virt.dtb" -m 256M -smp 2 -kernel "$out/hello.elf" \
        -append "console=ttyAMA0" < /dev/null &&
   [ "$(od -An -tx1 -N4 "$out/virt.dtb" | tr -d ' ')" = d00dfeed ]; then
    ok "dumpdtb=FILE writes the device tree"
    if command -v dtc >/dev/null; then
        dts=$(dtc -I dtb -O dts "$out/virt.dtb" 2>/dev/null)
        missing=""
        for node in "intc@8000000" "pl011@9000000" "pl031@9010000" "timer {" "psci {" \
                    "cpu@0" "cpu@1" "memory@40000000" 'bootargs = "console=ttyAMA0"' \
                    'method = "hvc"'; do
            grep -qF "$node" <<< "$dts" || missing="$missing [$node]"
        done
        if [ -z "$missing" ]; then ok "device tree has every node"; else fail "device tree lacks$missing"; fi
    fi
else
    fail "dumpdtb=FILE"
fi

# Issue #9: virtio-mmio devices are accepted; virtio-net works on -netdev user.
msg=$("$sys" -M virt -kernel "$out/hello.elf" -device virtio-rng-device -nographic < /dev/null 2>&1)
st=$?
if [ $st -eq 0 ] && grep -q 'hello from bare metal' <<< "$msg"; then
    ok "-device virtio-rng-device accepted"
else
    fail "-device virtio-rng-device: exit $st, '$msg'"
fi
msg=$("$sys" -M virt -kernel "$out/hello.elf" -netdev user,id=n0 -device virtio-net-device,netdev=n0 \
      -nographic < /dev/null 2>&1)
st=$?
if grep -q 'CONFIG_SLIRP = no' "$root/build/config.mk" 2>/dev/null; then
    # Built --static: -netdev user is refused in one line.
    if [ $st -ne 0 ] && [ "$(wc -l <<< "$msg")" = 1 ] && grep -q 'without libslirp' <<< "$msg"; then
        ok "virtio-net refused clearly without libslirp"
    else
        fail "virtio-net without libslirp: exit $st, '$msg'"
    fi
elif [ $st -eq 0 ] && grep -q 'hello from bare metal' <<< "$msg"; then
    ok "-netdev user + -device virtio-net-device accepted"
else
    fail "-netdev user + virtio-net-device: exit $st, '$msg'"
fi
msg=$("$sys" -M virt -kernel "$out/hello.elf" -netdev user,id=n0 -device virtio-net-device,netdev=n1 \
      -nographic < /dev/null 2>&1)
st=$?
if [ $st -ne 0 ] && [ "$(wc -l <<< "$msg")" = 1 ]; then
    ok "virtio-net with an unknown netdev refused in one line"
else
    fail "virtio-net netdev=n1: exit $st, '$msg'"
fi

echo "boot-baremetal: $passed passed, $failed failed"
[ $failed -eq 0 ]
