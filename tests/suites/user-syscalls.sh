#!/bin/sh
# System calls end to end: small static arm64 C programs (file I/O, a
# directory listing, pipes/poll/epoll/eventfd, sockets over loopback,
# clocks and timerfd, identity and limits; raw-nolibc.c without a C library
# and without FP/SIMD) run under build/aarch64-user and
# under qemu-aarch64-static (the reference); their standard output and exit
# status must match.  Each run gets its own empty working directory.
#
# Prints one line per program and "N passed, M failed"; exits 77 when the
# cross compiler, qemu-aarch64-static or build/aarch64-user is missing.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
src="$top/tests/suites/user-syscalls"
emu="$top/build/aarch64-user"
cc=${CROSS_CC:-aarch64-linux-gnu-gcc}
ref=${QEMU_AARCH64:-qemu-aarch64-static}

for tool in "$cc" "$ref"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "user-syscalls: $tool not found, skipping"
        exit 77
    fi
done
if [ ! -x "$emu" ]; then
    echo "user-syscalls: $emu not built, skipping"
    exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/user-syscalls.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0 failed=0

# run_in DIR OUT RUNNER... : run in a fresh directory, stdout to OUT, status appended.
run_in() {
    dir=$1 out=$2
    shift 2
    rm -rf "$dir"
    mkdir -p "$dir"
    # An inner shell, so a crash report ("Illegal instruction") lands in OUT.err.
    sh -c 'cd "$1" && shift && timeout 60 "$@"' sh "$dir" "$@" >"$out" 2>"$out.err" </dev/null
    echo "exit status $?" >>"$out"
}

for c in "$src"/*.c; do
    name=$(basename "$c" .c)
    prog="$tmp/$name"
    case $name in
        # No C library: raw SVCs and integer instructions only.
        *-nolibc) flags="-nostdlib -ffreestanding -mgeneral-regs-only" ;;
        *) flags="" ;;
    esac
    # shellcheck disable=SC2086
    if ! "$cc" -static -O1 $flags -o "$prog" "$c" 2>"$tmp/$name.cc"; then
        echo "FAIL $name: does not compile"
        cat "$tmp/$name.cc"
        failed=$((failed + 1))
        continue
    fi
    run_in "$tmp/ref-$name" "$tmp/$name.ref" "$ref" "$prog"
    run_in "$tmp/emu-$name" "$tmp/$name.out" "$emu" "$prog"
    if cmp -s "$tmp/$name.ref" "$tmp/$name.out"; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        why=""
        # 132 = 128 + SIGILL: an instruction the translator does not have yet.
        if tail -n 1 "$tmp/$name.out" | grep -q "exit status 132"; then
            why=" (SIGILL, an instruction not translated yet: $(grep -m1 'signal 4' "$tmp/$name.out.err"))"
        fi
        echo "FAIL $name$why"
        diff -u "$tmp/$name.ref" "$tmp/$name.out" | head -20 | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
