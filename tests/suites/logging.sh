#!/bin/bash
# make check: the debug logs.  tests/boot/mmu.S (MMU on, a TTBR1 alias, an
# UNDEFINED system register, a data abort) runs on aarch64-system with
# -d int,cpu,mmu,page,exec,guest_errors,unimp,nochain and each item must show
# its lines; then -dfilter narrows in_asm/op/op_opt/out_asm/exec/cpu to the
# blocks of one function (system) or one loop (aarch64-user, tests/gdb/user.S),
# in its three range forms, and malformed ranges are refused in one line.
# Skipped (77) without aarch64-linux-gnu-gcc.
#   tests/suites/logging.sh [USER_EMULATOR [SYSTEM_EMULATOR]]
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/tests/logging
user=${1:-$root/build/aarch64-user}
sys=${2:-$root/build/aarch64-system}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "logging: $cc not found; skipped"; exit 77; }
mkdir -p "$out"
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
has() {  # label pattern file: a line matching the extended regex
    if grep -qE -- "$2" "$3"; then ok "$1"; else fail "$1: no /$2/ in $3"; fi
}
sym() { nm "$1" | awk -v s="$2" '$3 == s { print "0x" $1 }' | sed 's/0x0*/0x/'; }
hex() { printf '0x%x' "$1"; }

"$cc" -nostdlib -ffreestanding -static -Wl,-T,"$root/tests/boot/link.ld" -Wl,--no-warn-rwx-segments \
    -Wl,--build-id=none -o "$out/mmu.elf" "$root/tests/boot/mmu.S" &&
"$cc" -nostdlib -static -o "$out/user.elf" "$root/tests/gdb/user.S" ||
    { echo "logging: test programs do not build"; exit 1; }
run_sys() {  # log-file args...
    local log=$1; shift
    timeout 30 "$sys" -M virt -cpu cortex-a57 -m 128M -nographic -kernel "$out/mmu.elf" -D "$log" "$@" \
        < /dev/null 2>&1
}

# --- every item at once ---
log=$out/all.log
got=$(run_sys "$log" -d int,cpu,mmu,page,exec,guest_errors,unimp,nochain); st=$?
[ $st = 0 ] && grep -q '^undefined mrs, data abort esr far elr ok' <<<"$got" &&
    ok "mmu.elf runs to its end under every log item" || fail "mmu.elf: status $st, '$got'"
fault=$(sym "$out/mmu.elf" fault_insn); undef=$(sym "$out/mmu.elf" undef_insn)
vec=$(hex $(( $(sym "$out/mmu.elf" vectors) + 0x200 )))
has "int: the data abort with ESR, FAR, ELR and vector" \
    "^exception sync to EL1: ESR 0x96000005 FAR 0x80000000 ELR $fault -> $vec\$" "$log"
has "int: the UNDEFINED mrs (EC 0)" "^exception sync to EL1: ESR 0x02000000 .*ELR $undef " "$log"
has "int: ERET" "^ERET from EL1 to EL1 pc $(hex $((fault + 4)))\$" "$log"
has "cpu: registers before the first block" '^PC=0000000040080000 X00=[0-9a-f]{16}' "$log"
has "cpu: X30 and SP" '^X27=[0-9a-f]{16} X28=[0-9a-f]{16} X29=[0-9a-f]{16} X30=[0-9a-f]{16} SP=[0-9a-f]{16}$' "$log"
has "cpu: PSTATE with flags and EL" '^PSTATE=[0-9a-f]{8} [-N][-Z][-C][-V] EL1h DAIF=f$' "$log"
has "mmu: a walk through TTBR1 (1G block, EL1 read-only)" \
    '^walk EL1 read 0xffffff8000080000 -> pa 0x40080000 \(1048576 KiB, r-x, attrs 0xff\)$' "$log"
has "mmu: the UART through the device block" \
    '^walk EL1 write 0x9000000 -> pa 0x9000000 \(1048576 KiB, rw-, attrs 0x00\)$' "$log"
has "mmu: the translation fault" '^data fault at 0x80000000 \(mmu_idx 1, FSC 0x05\)$' "$log"
has "page: a RAM page entered in the TLB" '^page: mmu_idx 1 va 0x40080000 -> pa 0x40080000 rwx ram$' "$log"
has "page: the UART page (MMIO)" '^page: mmu_idx 1 va 0x9000000 -> pa 0x9000000 rw- mmio$' "$log"
has "exec: blocks as they run" '^Trace: block 0x40080000$' "$log"
has "guest_errors: the PL011 written while disabled" '^pl011@9000000: write to UARTDR' "$log"
has "unimp: the unknown system register" "^MRS of unknown system register S3_0_C15_C0_0 at EL1, pc $undef\$" "$log"
# nochain: every block run passes the cpu loop, so each character printed shows up.
puts=$(sym "$out/mmu.elf" puts)
chained=$(run_sys "$out/chained.log" -d exec >/dev/null; grep -c "^Trace: block" "$out/chained.log")
unchained=$(grep -c "^Trace: block" "$log")
[ "$unchained" -gt 150 ] && [ "$unchained" -gt $((chained * 2)) ] &&
    ok "nochain: $unchained blocks traced, $chained with chaining" ||
    fail "nochain: $unchained blocks traced, $chained with chaining"

# --- -dfilter, aarch64-system: only the blocks of puts ---
size=$(hex $(( $(sym "$out/mmu.elf" vectors) - puts )))
for range in "$puts+$size" "$(hex $((puts + size - 1)))-$size" "$puts..$(hex $((puts + size - 1)))"; do
    log=$out/filter.log
    run_sys "$log" -d in_asm,op,op_opt,out_asm,exec,cpu,nochain -dfilter "$range" >/dev/null
    others=$(grep -E '^(IN: block|OP block|OP after optimisation, block|Trace: block|PC=)' "$log" |
             grep -oE '(block |PC=)0*[0-9a-fx]+' | grep -oE '[0-9a-f]+$' |
             while read -r a; do a=$((0x$a)); [ $a -lt $((puts)) ] || [ $a -ge $((puts + size)) ] && echo "$a"; done | wc -l)
    n_in=$(grep -c '^IN: block' "$log"); n_op=$(grep -c '^OP block' "$log")
    n_opt=$(grep -c '^OP after' "$log"); n_out=$(grep -c '^OUT:' "$log")
    n_tr=$(grep -c '^Trace: block' "$log"); n_pc=$(grep -c '^PC=' "$log")
    if [ "$others" = 0 ] && [ "$n_in" -ge 2 ] && [ "$n_op" = "$n_in" ] && [ "$n_opt" = "$n_in" ] &&
       [ "$n_out" = "$n_in" ] && [ "$n_tr" -gt 50 ] && [ "$n_pc" = "$n_tr" ]; then
        ok "system -dfilter $range: only puts's $n_in blocks (in_asm, op, op_opt, out_asm), $n_tr runs (exec, cpu)"
    else
        fail "system -dfilter $range: outside $others, in_asm $n_in op $n_op op_opt $n_opt out_asm $n_out exec $n_tr cpu $n_pc"
    fi
done

# --- -dfilter, aarch64-user: the counting loop only, both backends ---
loop=$(sym "$out/user.elf" loop)
for backend in jit interp; do
    got=$("$user" -accel "tcg,backend=$backend" -d in_asm,exec,nochain -dfilter "$loop+4" "$out/user.elf" 2>&1)
    blocks=$(grep -E '^(IN|Trace): block' <<<"$got" | sort -u | tr '\n' ' ')
    # The first pass runs inside _start's block (it falls into the loop): 4 more through the branch.
    [ "$blocks" = "IN: block $loop Trace: block $loop " ] && [ "$(grep -c '^Trace' <<<"$got")" = 4 ] &&
        ok "user ($backend) -dfilter $loop+4: the loop's block, translated once and run 4 times" ||
        fail "user ($backend) -dfilter: $blocks"
done

# --- malformed ranges: one line, non-zero status ---
for bad in 0x1000 0x2000..0x1000 0x1000+0 0x10-0x20 "0x1000+0x10,junk"; do
    for prog in "$user" "$sys"; do
        msg=$("$prog" -dfilter "$bad" -kernel "$out/mmu.elf" "$out/user.elf" < /dev/null 2>&1); st=$?
        [ $st != 0 ] && [ "$(wc -l <<<"$msg")" = 1 ] && grep -q -- "-dfilter: bad range" <<<"$msg" &&
            ok "$(basename "$prog") -dfilter $bad refused: $msg" || fail "$(basename "$prog") -dfilter $bad: $st '$msg'"
    done
done

echo "logging: $passed passed, $failed failed"
[ "$failed" = 0 ]
