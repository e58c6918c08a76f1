#!/bin/bash
# make check: a dynamically linked arm64 program (built with
# aarch64-linux-gnu-gcc) run with -L /usr/aarch64-linux-gnu, where Debian's
# cross libc and ld-linux-aarch64.so.1 live: the interpreter is loaded
# inside the root and runs the program.  glibc needs FP/AdvSIMD, which is
# being implemented: until then the program dies with SIGILL, and only that
# counts as a skip (77), so the suite turns green by itself later.
# Skipped too without the cross compiler or its libc.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/user-dynamic
user=${1:-$root/build/aarch64-user}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
sysroot=/usr/aarch64-linux-gnu
command -v "$cc" >/dev/null || { echo "user-dynamic: $cc not found; skipped"; exit 77; }
[ -e "$sysroot/lib/ld-linux-aarch64.so.1" ] || { echo "user-dynamic: no $sysroot/lib/ld-linux-aarch64.so.1; skipped"; exit 77; }
[ -x "$user" ] || { echo "user-dynamic: $user not built"; exit 1; }

mkdir -p "$out"
cat > "$out/hello.c" <<'EOC'
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
    printf("hello from a dynamic program, argc=%d argv[1]=%s\n", argc, argc > 1 ? argv[1] : "-");
    return 0;
}
EOC
passed=0 failed=0 sigill=0
for kind in pie nopie; do
    flags=(-O2); [ $kind = nopie ] && flags+=(-no-pie)
    "$cc" "${flags[@]}" -o "$out/hello-$kind" "$out/hello.c" || exit 1
    st=0
    { timeout 60 "$user" -L "$sysroot" "$out/hello-$kind" arg1 > "$out/$kind.out" 2> "$out/$kind.err"; } 2> /dev/null || st=$?
    if [ "$st" = 0 ] && grep -qx "hello from a dynamic program, argc=2 argv\[1\]=arg1" "$out/$kind.out"; then
        echo "ok   dynamic $kind"
        passed=$((passed + 1))
    elif [ "$st" = 132 ]; then
        echo "SIGILL dynamic $kind (FP/AdvSIMD not implemented yet): $(head -1 "$out/$kind.err")"
        sigill=$((sigill + 1))
    else
        echo "FAIL dynamic $kind: exit status $st"
        head -3 "$out/$kind.err" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done
echo "user-dynamic: $passed passed, $failed failed"
[ "$failed" = 0 ] || exit 1
[ "$sigill" = 0 ] || { echo "user-dynamic: skipped ($sigill programs stopped at SIGILL in glibc)"; exit 77; }
exit 0
