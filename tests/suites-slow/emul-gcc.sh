#!/bin/bash
# make check-slow: the /emul accelerator on a real arm64 Debian root
# (tests/cache/arm64-root, or $ARM64_ROOT).  On a copy of it:
# scripts/aarch64-emul-setup installs the native cross gcc; a generated
# C file of a few thousand lines is compiled with gcc -O2 -c inside the
# root (chroot + aarch64-user) emulated (-emul off) and with /emul; the
# objects' `objdump -d` must be equal; prints both times and the speedup.
# Skipped (77) without root, without the root, or when it has no gcc.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
user=${1:-$top/build/aarch64-user}
src=${ARM64_ROOT:-$top/tests/cache/arm64-root}
[ "$(id -u)" = 0 ] || { echo "emul-gcc: needs root for chroot; skipped"; exit 77; }
[ -d "$src" ] || { echo "emul-gcc: no arm64 root at $src; skipped"; exit 77; }
[ -e "$src/usr/bin/gcc" ] || [ -L "$src/usr/bin/gcc" ] ||
    { echo "emul-gcc: $src has no gcc (apt-get install gcc in it); skipped"; exit 77; }
out=$top/build/emul-gcc
R=$out/root
umount "$R/proc" 2>/dev/null
rm -rf "$out"
mkdir -p "$out"
cp -a "$src" "$R" || exit 1
cp "$user" "$R/aarch64-user"
mkdir -p "$R/proc" "$R/tmp"
mount -t proc proc "$R/proc" || mount --bind /proc "$R/proc" || exit 1
trap 'umount "$R/proc" 2>/dev/null' EXIT

# A few thousand lines: integer and floating-point functions, loops, switches, structs.
{
    echo '#include <stdio.h>'; echo '#include <string.h>'; echo '#include <stdlib.h>'
    echo 'struct s { int a; long b; double c; char name[16]; };'
    for i in $(seq 1 300); do
        cat <<EOC
static long f$i(struct s *p, int n)
{
    long acc = $i;
    for (int k = 0; k < n; k++) {
        switch ((k + $i) % 5) {
        case 0: acc += p[k].a * $((i % 7 + 1)); break;
        case 1: acc ^= p[k].b >> $((i % 13)); break;
        case 2: acc += (long)(p[k].c * $i.5); break;
        case 3: acc -= strlen(p[k].name); break;
        default: acc = acc * 31 + k;
        }
    }
    return acc;
}
EOC
    done
    echo 'int main(void) { struct s v[4] = { { 1, 2, 3.0, "x" } }; long t = 0;'
    for i in $(seq 1 300); do echo "    t += f$i(v, 4);"; done
    echo '    printf("%ld\n", t); return 0; }'
} > "$R/tmp/big.c"
lines=$(wc -l < "$R/tmp/big.c")

s0=$(date +%s.%N)
chroot "$R" /aarch64-user -emul off /usr/bin/gcc -O2 -c /tmp/big.c -o /tmp/emulated.o || { echo "FAIL emulated gcc"; exit 1; }
s1=$(date +%s.%N)
"$top/scripts/aarch64-emul-setup" "$R" > "$out/setup.log" 2>&1 || { echo "FAIL setup"; cat "$out/setup.log"; exit 1; }
s2=$(date +%s.%N)
chroot "$R" /aarch64-user -d emul -D /tmp/emul.log /usr/bin/gcc -O2 -c /tmp/big.c -o /tmp/native.o ||
    { echo "FAIL gcc with /emul"; exit 1; }
s3=$(date +%s.%N)
failed=0
grep -q "emul: /usr/bin/gcc -> /emul/usr/bin/gcc (native)" "$R/tmp/emul.log" && echo "ok   gcc redirected" ||
    { echo "FAIL gcc not redirected"; head -3 "$R/tmp/emul.log"; failed=1; }
if cmp -s <(aarch64-linux-gnu-objdump -d "$R/tmp/emulated.o" | tail -n +3) \
          <(aarch64-linux-gnu-objdump -d "$R/tmp/native.o" | tail -n +3); then
    echo "ok   objdump -d of the objects equal ($lines lines of C)"
else
    echo "FAIL objects differ"; failed=1
fi
echo "emul-gcc: gcc -O2 -c, $lines lines: emulated $(echo "$s1 - $s0" | bc) s, /emul $(echo "$s3 - $s2" | bc) s," \
     "speedup $(echo "scale=1; ($s1 - $s0) / ($s3 - $s2)" | bc)x (setup $(echo "$s2 - $s1" | bc) s)"
umount "$R/proc" && rm -rf "$out"
trap - EXIT
[ $failed = 0 ]
