#!/bin/bash
# make check: the monitor (system/monitor.c) over -monitor tcp::PORT,server
# and Ctrl-A c on the -nographic console, against tests/boot/monitor-guest.S
# (prints "M" once per boot, X5 = 0x1234, X6 counts).  Checks the shape of
# info registers/mtree/qtree/tlb, x and xp, and that stop/cont freeze and
# resume the vCPU, system_reset reboots and quit exits 0; `info tlb` lists the
# page tables of tests/boot/mmu.S.
# Skipped (77) without aarch64-linux-gnu-gcc or python3.
#   tests/suites/monitor.sh [EMULATOR]   (default build/aarch64-system)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tests/boot
out=$root/build/tests/boot
sys=${1:-$root/build/aarch64-system}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "monitor: $cc not found; skipped"; exit 77; }
command -v python3 >/dev/null || { echo "monitor: python3 not found; skipped"; exit 77; }
[ -x "$sys" ] || { echo "monitor: $sys not built"; exit 1; }
mkdir -p "$out"
tmp=$(mktemp -d)
emu=""
trap '[ -n "$emu" ] && kill "$emu" 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0 failed=0

ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
check() {  # label pattern (grep -E on the section)
    if grep -qE -- "$2" <<< "$section"; then ok "$1"; else fail "$1: no /$2/ in: $section"; fi
}

elf=$out/monitor-guest.elf
"$cc" -nostdlib -ffreestanding -static -Wl,-T,"$src/link.ld" -Wl,--no-warn-rwx-segments \
    -Wl,--build-id=none -o "$elf" "$src/monitor-guest.S" || { fail "guest does not assemble"; exit 1; }

port=$((20000 + RANDOM % 20000))
"$sys" -M virt -m 128M -nographic -kernel "$elf" -monitor tcp::$port,server \
    < /dev/null > "$tmp/console" 2>&1 &
emu=$!

# One session: send each command, wait for its prompt, print "### CMD" and the answer.
python3 - "$port" > "$tmp/session" 2>&1 <<'PY'
import socket, sys, time
port = int(sys.argv[1])
for _ in range(100):
    try:
        s = socket.create_connection(("127.0.0.1", port)); break
    except OSError:
        time.sleep(0.1)
s.settimeout(10)
buf = b""
def until_prompt():
    global buf
    while b"(qemu) " not in buf:
        d = s.recv(65536)
        if not d: break
        buf += d
    out, _, buf = buf.partition(b"(qemu) ")
    return out.decode(errors="replace")
until_prompt()
for cmd in ["help", "info registers", "info mtree", "info qtree", "info tlb",
            "x/4xw 0x40080000", "xp/2xg 0x40080000", "x/3c 0x40080000", "xp/1xw 0x10",
            "stop", "info registers", "SLEEP", "info registers", "cont", "SLEEP", "info registers",
            "system_reset", "SLEEP", "bogus", "info bogus", "quit"]:
    if cmd == "SLEEP":
        time.sleep(0.5); continue
    s.sendall(cmd.encode() + b"\n")
    print("### " + cmd)
    print(until_prompt() if cmd != "quit" else "")
PY
for _ in $(seq 50); do kill -0 $emu 2>/dev/null || break; sleep 0.1; done
if kill -0 $emu 2>/dev/null; then
    fail "quit: the emulator is still running"
    kill $emu
    wait $emu 2>/dev/null
else
    wait $emu
    st=$?
    [ $st -eq 0 ] && ok "quit exits with status 0" || fail "quit: exit status $st"
fi
emu=""

sect() {  # the answer to the Nth occurrence of a command
    awk -v c="### $1" -v n="${2:-1}" '$0 == c { k++; if (k == n) { on = 1; next } } /^### / { on = 0 } on' "$tmp/session"
}
section=$(sect help); check "help lists the commands" 'info registers.*' ; check "help: x/xp" '^xp/FMT'
section=$(sect "info registers")
check "info registers: x0..x30" 'X30=[0-9a-f]{16}'
check "info registers: guest's X5 marker" 'X05=0000000000001234'
check "info registers: sp pc" 'SP=[0-9a-f]{16} PC=0000000040080'
check "info registers: PSTATE and EL" 'PSTATE=[0-9a-f]{8} EL1h'
check "info registers: system registers" 'SCTLR_EL1=.*TCR_EL1='
check "info registers: VBAR/ESR" 'ESR_EL1='
section=$(sect "info mtree")
check "info mtree: ram" '0000000040000000-0000000047ffffff.*ram'
check "info mtree: pl011" '0000000009000000-.*pl011'
section=$(sect "info qtree")
check "info qtree: devices and irqs" 'dev: pl011, mmio 0000000009000000'
check "info qtree: interrupts" 'pl011 SPI 1'
section=$(sect "info tlb")
check "info tlb with the MMU off" '^CPU#0 at EL1: EL1&0 regime, stage 1 off \(VA = PA\)$'
section=$(sect "x/4xw 0x40080000")
check "x/4xw: four words of guest code" '^0000000040080000: 0x[0-9a-f]{8} 0x[0-9a-f]{8} 0x[0-9a-f]{8} 0x[0-9a-f]{8}$'
first=$(awk '{print $2}' <<< "$section")
section=$(sect "xp/2xg 0x40080000")
check "xp/2xg: two doublewords, same bytes as x" "^0000000040080000: 0x[0-9a-f]{8}${first#0x} 0x[0-9a-f]{16}$"
section=$(sect "x/3c 0x40080000"); check "x/3c: characters" "^0000000040080000: '"
section=$(sect "xp/1xw 0x10"); check "xp in flash" '^0000000000000010: 0x'

x6() { sect "info registers" "$1" | grep -o 'X06=[0-9a-f]*'; }
a=$(x6 2) b=$(x6 3) c=$(x6 4)
[ -n "$a" ] && [ "$a" = "$b" ] && ok "stop freezes the vCPU ($a)" || fail "stop: X6 $a then $b"
[ -n "$c" ] && [ "$c" != "$b" ] && ok "cont resumes it ($c)" || fail "cont: X6 $b then $c"
[ "$(tr -d '\r\n' < "$tmp/console")" = "MM" ] && ok "system_reset reboots the guest (console 'MM')" ||
    fail "system_reset: console '$(cat "$tmp/console")'"
section=$(sect bogus); check "unknown command answered" "unknown command: 'bogus'"
section=$(sect "info bogus"); check "unknown info item answered" "unknown item 'bogus'"

# info tlb on tests/boot/mmu.S (built with -DSTAY: it spins with its MMU on):
# every run of both TTBRs, coalesced, with permissions at EL1/EL0 and attributes.
mmu=$out/mmu-stay.elf
if "$cc" -DSTAY -nostdlib -ffreestanding -static -Wl,-T,"$src/link.ld" -Wl,--no-warn-rwx-segments \
    -Wl,--build-id=none -o "$mmu" "$src/mmu.S"; then
    section=$( (sleep 0.5; printf 'info tlb\nquit\n') |
               timeout 10 "$sys" -M virt -m 128M -nographic -serial none -monitor stdio -kernel "$mmu" 2>&1)
    check "info tlb: regime" '(^|\) )CPU#0 at EL1: EL1&0 regime, stage 1 on$'
    check "info tlb: TTBR0 range" '^TTBR0_EL1=0000000040[0-9a-f]{6} VA 0000000000000000-0000007fffffffff, 4K granule$'
    check "info tlb: TTBR1 range" '^TTBR1_EL1=0000000040[0-9a-f]{6} VA ffffff8000000000-ffffffffffffffff, 4K granule$'
    check "info tlb: 1G device block" '^0000000000000000-000000003fffffff 0000000000000000 +1G rw- --- Device-nGnRnE$'
    check "info tlb: 2M block, execute-only at EL0" '^0000000040000000-00000000401fffff 0000000040000000 +2M rwx --x Normal 0xff inner-shareable$'
    check "info tlb: two 4K pages coalesced" '^0000000040200000-0000000040201fff 0000000040000000 +8K rw- rw- Normal 0xff inner-shareable$'
    check "info tlb: read-only page apart" '^0000000040202000-0000000040202fff 0000000040005000 +4K r-x r-x Normal'
    check "info tlb: TTBR1 1G block" '^ffffff8000000000-ffffff803fffffff 0000000040000000 +1G r-x --- Normal'
    [ "$(grep -cE '^[0-9a-f]{16}-' <<< "$section")" = 5 ] && ok "info tlb: five runs in all" ||
        fail "info tlb: $(grep -cE '^[0-9a-f]{16}-' <<< "$section") runs"
else
    fail "mmu.S does not assemble"
fi

# Ctrl-A c on the -nographic console (stdin a pipe).
got=$( (sleep 0.5; printf '\001cinfo registers\n\001c'; sleep 0.3; printf '\001x') |
       timeout 10 "$sys" -M virt -m 128M -nographic -kernel "$elf" 2>&1 | tr -d '\r')
st=$?
if [ $st -eq 0 ] && grep -q '^(qemu) info registers$' <<< "$got" && grep -q 'X05=0000000000001234' <<< "$got"; then
    ok "Ctrl-A c switches the console to the monitor and back"
else
    fail "Ctrl-A c: status $st, '$got'"
fi

# Mistakes are refused in one line.
msg=$("$sys" -M virt -kernel "$elf" -monitor file:/tmp/x < /dev/null 2>&1); st=$?
[ $st -ne 0 ] && [ "$(wc -l <<< "$msg")" = 1 ] && ok "-monitor file: refused" || fail "-monitor file: $st '$msg'"

echo "monitor: $passed passed, $failed failed"
[ $failed -eq 0 ]
