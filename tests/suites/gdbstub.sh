#!/bin/bash
# make check: the gdb stub with Debian's gdb-multiarch.  aarch64-user -g PORT
# and aarch64-system -S -gdb tcp::PORT each run tests/gdb/{user,sys}.S under a
# gdb script: registers at the first instruction, thread list, a breakpoint,
# continue, stepi, memory, x5 and v0 written/read, a write watchpoint (Old/New
# value), a read watchpoint (stops once the load is done: pc after it, x3
# loaded), an access watchpoint (a store), monitor, detach (the guest then runs
# to its end and exits 0).  Each program runs with the JIT and with
# -accel tcg,backend=interp.  System mode also reads and writes system
# registers (the org.qemu.gdb.aarch64.sysregs feature).
# tests/gdb/rsp-client.py adds what the CLI cannot script: Ctrl-C while
# running, qfThreadInfo with -smp 2, a bad checksum.
# gdb-multiarch is installed when missing and we are root; else skipped (77),
# as without the cross compiler.
#   tests/suites/gdbstub.sh [USER_EMULATOR [SYSTEM_EMULATOR]]
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tests/gdb
out=$root/build/tests/gdb
user=${1:-$root/build/aarch64-user}
sys=${2:-$root/build/aarch64-system}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "gdbstub: $cc not found; skipped"; exit 77; }
if ! command -v gdb-multiarch >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q gdb-multiarch >/dev/null 2>&1 ||
            { echo "gdbstub: cannot install gdb-multiarch; skipped"; exit 77; }
    else
        echo "gdbstub: gdb-multiarch not installed (apt-get install -y gdb-multiarch); skipped"
        exit 77
    fi
fi
mkdir -p "$out"
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
base=$((20000 + $$ % 20000))

"$cc" -nostdlib -static -g -o "$out/user.elf" "$src/user.S" &&
"$cc" -nostdlib -static -o "$out/spin-user.elf" "$src/spin.S" &&
"$cc" -nostdlib -ffreestanding -static -g -Wl,-T,"$root/tests/boot/link.ld" -Wl,--no-warn-rwx-segments \
    -Wl,--build-id=none -o "$out/sys.elf" "$src/sys.S" &&
"$cc" -nostdlib -ffreestanding -static -Wl,-T,"$root/tests/boot/link.ld" -Wl,--no-warn-rwx-segments \
    -Wl,--build-id=none -o "$out/spin-sys.elf" "$src/spin.S" || { echo "gdbstub: test programs do not build"; exit 1; }

script() {  # port with-fp
    cat <<EOS
set pagination off
set confirm off
target remote :$1
printf "PC0=%#lx\n", \$pc
info threads
break bp_here
continue
printf "X0=%d\n", \$x0
$( [ "$2" = nofp ] && cat <<'SYS'
printf "VBAR=%#lx CEL=%d SPOK=%d\n", $VBAR_EL1, $CurrentEL, $SP_EL1 == $sp
set $TPIDR_EL1 = 0x77
printf "TPIDR1=%#lx\n", $TPIDR_EL1
info registers SCTLR_EL1 MIDR_EL1
SYS
)
stepi
printf "PC1=%#lx\n", \$pc
printf "MEM=%d\n", *(long *)&counter
set \$x5 = 0x1234
printf "X5=%#lx\n", \$x5
$( [ "$2" = fp ] && echo 'printf "V0=%f\n", $v0.d.f[0]' )
set \$v1.d.u[0] = 77
printf "V1=%d\n", \$v1.d.u[0]
delete
watch *(long *)&counter
continue
delete
rwatch *(long *)&limit
continue
printf "RW_PC=%#lx X3=%d\n", \$pc, \$x3
delete
awatch *(long *)&counter
continue
printf "AW_PC=%#lx\n", \$pc
delete
monitor help
detach
EOS
}

check_session() {  # label gdb-output exit-status entry bp
    local label=$1 got=$2 st=$3 entry=$4 bp=$5
    grep -q "^PC0=$entry\$" <<<"$got" && ok "$label: stopped at the entry $entry" ||
        fail "$label: not stopped at the entry"
    grep -q 'Thread 1' <<<"$got" && ok "$label: thread list" || fail "$label: thread list"
    grep -q '^Breakpoint 1, bp_here' <<<"$got" && grep -q '^X0=1$' <<<"$got" &&
        ok "$label: breakpoint hit with x0 = 1" || fail "$label: breakpoint"
    grep -q "^PC1=$(printf '%#x' $((bp + 4)))\$" <<<"$got" && ok "$label: stepi" || fail "$label: stepi"
    grep -q '^MEM=1$' <<<"$got" && ok "$label: memory read" || fail "$label: memory read"
    grep -q '^X5=0x1234$' <<<"$got" && grep -q '^V1=77$' <<<"$got" &&
        ok "$label: register writes (x5, v1)" || fail "$label: register writes"
    grep -q -A1 '^Old value = 1$' <<<"$got" && grep -q '^New value = 2$' <<<"$got" &&
        ok "$label: write watchpoint" || fail "$label: write watchpoint"
    grep -q '^Hardware read watchpoint 3: ' <<<"$got" && grep -q '^Value = 5$' <<<"$got" &&
        grep -q "^RW_PC=$(printf '%#x' $((bp + 4))) X3=5\$" <<<"$got" &&
        ok "$label: read watchpoint (after the load: pc, x3)" || fail "$label: read watchpoint"
    grep -q '^Hardware access (read/write) watchpoint 4: ' <<<"$got" &&
        grep -q -A1 '^Old value = 2$' <<<"$got" && grep -q '^New value = 3$' <<<"$got" &&
        grep -q "^AW_PC=$bp\$" <<<"$got" &&
        ok "$label: access watchpoint (a store)" || fail "$label: access watchpoint"
    grep -q 'monitor not implemented' <<<"$got" && ok "$label: monitor passthrough" ||
        fail "$label: monitor"
    grep -q 'detached' <<<"$got" && [ "$st" = 0 ] && ok "$label: detach, guest exits 0" ||
        fail "$label: detach (exit status $st)"
}

sym() { nm "$1" 2>/dev/null | awk -v s="$2" '$3 == s { print "0x" $1 }' | sed 's/0x0*/0x/'; }

# --- aarch64-user -g PORT, then aarch64-system -S -gdb tcp::PORT, with each backend ---
entry=$(sym "$out/user.elf" _start); bp=$(sym "$out/user.elf" bp_here)
sentry=$(sym "$out/sys.elf" _start); sbp=$(sym "$out/sys.elf" bp_here)
port=$base
for backend in jit interp; do
    tag=""; [ "$backend" = interp ] && tag=" (interp)"
    port=$((port + 4))
    "$user" -accel "tcg,backend=$backend" -g "$port" "$out/user.elf" 2>/dev/null & pid=$!
    sleep 0.3
    got=$(script "$port" fp > "$out/user.gdb"; timeout 30 gdb-multiarch -batch -x "$out/user.gdb" "$out/user.elf" 2>&1)
    st=0; wait "$pid" || st=$?
    check_session "user$tag" "$got" "$st" "$entry" "$bp"
    grep -q '^V0=1.500000$' <<<"$got" && ok "user$tag: v0 (FP/SIMD registers)" || fail "user$tag: v0"

    port=$((port + 1))
    timeout 40 "$sys" -M virt -cpu cortex-a57 -m 128M -nographic -accel "tcg,backend=$backend" -S \
        -gdb "tcp::$port" -kernel "$out/sys.elf" < /dev/null > "$out/sys.log" 2>&1 & pid=$!
    sleep 0.3
    got=$(script "$port" nofp > "$out/sys.gdb"; timeout 30 gdb-multiarch -batch -x "$out/sys.gdb" "$out/sys.elf" 2>&1)
    st=0; wait "$pid" || st=$?
    check_session "system$tag" "$got" "$st" "$sentry" "$sbp"
    grep -q '^VBAR=0x40081000 CEL=4 SPOK=1$' <<<"$got" &&
        ok "system$tag: system registers (VBAR_EL1, CurrentEL, SP_EL1 = sp)" || fail "system$tag: system registers"
    grep -q '^TPIDR1=0x77$' <<<"$got" && ok "system$tag: system register write (TPIDR_EL1)" ||
        fail "system$tag: TPIDR_EL1 write"
    grep -qE '^SCTLR_EL1 +0x30d00800 ' <<<"$got" && grep -qE '^MIDR_EL1 +0x411fd070 ' <<<"$got" &&
        ok "system$tag: info registers SCTLR_EL1 MIDR_EL1" || fail "system$tag: info registers SCTLR_EL1 MIDR_EL1"
done

# --- raw protocol: Ctrl-C, threads ---
port=$((base + 2))
"$user" -g "$port" "$out/spin-user.elf" 2>/dev/null & pid=$!
if r=$(timeout 30 python3 "$src/rsp-client.py" "$port" 1 2>&1); then
    ok "user: raw protocol (Ctrl-C, qfThreadInfo, checksums)"
else
    fail "user: raw protocol: $r"
fi
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
port=$((base + 3))
timeout 40 "$sys" -M virt -m 128M -nographic -smp 2 -gdb "tcp::$port" -kernel "$out/spin-sys.elf" \
    < /dev/null > /dev/null 2>&1 & pid=$!
if r=$(timeout 30 python3 "$src/rsp-client.py" "$port" 2 2>&1); then
    ok "system -smp 2 (running, attached by -gdb): raw protocol (Ctrl-C, two threads)"
else
    fail "system -smp 2: raw protocol: $r"
fi
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null

echo "gdbstub: $passed passed, $failed failed"
[ "$failed" = 0 ]
