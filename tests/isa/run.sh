#!/bin/bash
# Differential test of the A64 integer ISA: generate a random test program
# (tests/isa/gen.py), run it under the reference (Debian's QEMU) and under the
# emulator, compare line by line (tests/isa/compare.py).
#
#   tests/isa/run.sh EMULATOR_CMD [--cases N] [--seed S] [--march armv8-a|armv8.1-a]
#                    [--reference REF_CMD] [--backends jit,interp|plain] [--show N]
#                    [--timeout SECONDS] [--workdir DIR] [--insns 'INSN; INSN...']
#
# EMULATOR_CMD is our aarch64-user (or any command that runs an aarch64 ELF
# given as its last argument).  With the default --backends jit,interp the
# program runs under `EMULATOR_CMD -accel tcg,backend=jit` and
# `EMULATOR_CMD -accel tcg,backend=interp`: JIT, interpreter and reference must
# agree.  --backends plain runs EMULATOR_CMD as it is (e.g. to test the
# harness with QEMU against itself).  On a difference prints the first --show
# failing cases (default 1): instructions, inputs, differing registers, flags
# and memory.  Last line: `isa: N passed, M failed` (cases).  Exit 1 on any
# failure, 2 on a usage or build error.  --insns runs the given instructions
# in every case (on random inputs) instead of random ones, e.g.
#   tests/isa/run.sh build/aarch64-user --cases 500 --insns 'adcs w1, w2, w3'
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

usage() { sed -n '6,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
emu=$1; shift
cases=1000 seed=1 march=armv8.1-a ref=qemu-aarch64-static backends=jit,interp show=1 tmo=300
workdir=$root/build/isa
insns=
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || usage
    case $1 in
        --cases) cases=$2 ;;
        --seed) seed=$2 ;;
        --march) march=$2 ;;
        --reference) ref=$2 ;;
        --backends) backends=$2 ;;
        --show) show=$2 ;;
        --timeout) tmo=$2 ;;
        --workdir) workdir=$2 ;;
        --insns) insns=$2 ;;
        *) echo "run.sh: unknown option: $1" >&2; exit 2 ;;
    esac
    shift 2
done
case $march in
    armv8-a) cc_march=armv8-a+crc ;;
    armv8.1-a) cc_march=armv8.1-a ;;
    *) echo "run.sh: --march must be armv8-a or armv8.1-a, not $march" >&2; exit 2 ;;
esac
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "run.sh: $cc not found (apt-get install -y gcc-aarch64-linux-gnu)" >&2; exit 2; }

mkdir -p "$workdir"
base=$workdir/isa-$march-s$seed-n$cases
gen=(python3 "$here/gen.py" --cases "$cases" --seed "$seed" --march "$march" -o "$base.S" --meta "$base.json")
if [ -n "$insns" ]; then
    base=$workdir/isa-$march-s$seed-n$cases-insns
    gen=(python3 "$here/gen.py" --cases "$cases" --seed "$seed" --march "$march" -o "$base.S" --meta "$base.json"
         --insns "$insns")
fi
"${gen[@]}" || { echo "run.sh: gen.py failed" >&2; exit 2; }
"$cc" -nostdlib -static -march="$cc_march" -mgeneral-regs-only -O2 -ffreestanding -fno-stack-protector \
    -fno-tree-loop-distribute-patterns -o "$base.elf" "$base.S" "$here/support.c" ||
    { echo "run.sh: $base.S does not assemble" >&2; exit 2; }

label="seed $seed, $march, $cases cases"

# run NAME CMD...: runs CMD on the program; leaves NAME=OUT:STATUS in $runs
runs=()
run() {
    local name=$1 out="$base.$1.out" st=0; shift
    # shellcheck disable=SC2086
    { timeout "$tmo" "$@" "$base.elf" > "$out" 2> "$base.$name.err"; } 2> /dev/null || st=$?
    if [ "$st" = 124 ]; then
        echo "isa: $label: $name timed out after ${tmo}s: $*" >&2
    fi
    if [ -s "$base.$name.err" ]; then
        echo "isa: $label: $name wrote to stderr ($*):" >&2
        head -5 "$base.$name.err" | sed 's/^/    /' >&2
    fi
    runs+=("$name=$out:$st")
}

# shellcheck disable=SC2086
run ref $ref
ref_spec=${runs[0]}
runs=()
if [ "$backends" = plain ]; then
    # shellcheck disable=SC2086
    run emu $emu
else
    IFS=, read -r -a bl <<< "$backends"
    for b in "${bl[@]}"; do
        # shellcheck disable=SC2086
        run "$b" $emu -accel "tcg,backend=$b"
    done
fi

ref_st=${ref_spec##*:}
if [ "$ref_st" != 0 ]; then
    echo "isa: $label: the reference ($ref) exited with status $ref_st" >&2
fi
python3 "$here/compare.py" --meta "$base.json" --ref "$base.ref.out" --label "$label" --show "$show" "${runs[@]}"
