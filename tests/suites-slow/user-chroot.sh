#!/bin/bash
# make check-slow: a whole arm64 Debian bookworm root under aarch64-user
# without binfmt_misc (issue #5): tests/user/mkroot.sh debootstraps it (its
# second stage run by the emulator, cached in tests/cache/arm64-root), then
# inside it, every program emulated (chroot ROOT /usr/local/bin/aarch64-user ...):
#   gcc -O2 of a program using pthreads, signals and sigsetjmp, and its run;
#   make -j2 of a small project; python3 -c; perl -e; xz -9 and xz -d;
#   dpkg -l; and the time gcc -O2 takes on a generated 1000-line C file.
# Exit 77 without root, debootstrap or Debian's archive.
#   tests/suites-slow/user-chroot.sh [EMULATOR]   (default build/aarch64-user)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
src=$top/tests/suites-slow/user-chroot
user=${1:-$top/build/aarch64-user}
R=${ROOT:-$top/tests/cache/arm64-root}
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

[ "$(id -u)" = 0 ] || { echo "user-chroot: needs root (chroot); skipped"; exit 77; }
ROOT=$R EMU=$user "$top/tests/user/mkroot.sh"
st=$?
[ $st = 77 ] && { echo "user-chroot: no arm64 root (debootstrap or network unavailable); skipped"; exit 77; }
[ $st = 0 ] || { echo "user-chroot: mkroot.sh failed"; echo "user-chroot: 0 passed, 1 failed"; exit 1; }
cp "$user" "$R/usr/local/bin/aarch64-user"

# /proc for the programs (python, gcc's -pipe helpers); never through a symlink to the host's.
mounted=0
if [ ! -L "$R/proc" ] && ! mountpoint -q "$R/proc"; then
    mkdir -p "$R/proc" && mount -t proc proc "$R/proc" && mounted=1
fi
cleanup() { [ $mounted = 1 ] && umount "$R/proc"; rm -rf "$R/tmp/uc"; }
trap cleanup EXIT

in_root() {  # run a shell command line inside the root, everything emulated
    timeout 900 chroot "$R" /usr/local/bin/aarch64-user /bin/sh -c "cd /tmp/uc && $1"
}

rm -rf "$R/tmp/uc"
mkdir -p "$R/tmp/uc"
cp -r "$src/threads.c" "$src/proj" "$R/tmp/uc/"

# gcc -O2 and run: threads, signals, setjmp.
if in_root 'gcc -O2 -pthread -o threads threads.c' > "$R/tmp/uc/gcc.log" 2>&1; then
    ok "gcc -O2 -pthread threads.c"
    if in_root './threads' > "$R/tmp/uc/threads.out" 2>&1 && diff -u "$src/expected-threads.txt" "$R/tmp/uc/threads.out"; then
        ok "threads, signals, setjmp"
    else
        fail "threads, signals, setjmp"; head -5 "$R/tmp/uc/threads.out" | sed 's/^/    /'
    fi
else
    fail "gcc -O2 -pthread threads.c"; tail -5 "$R/tmp/uc/gcc.log" | sed 's/^/    /'
fi

# make -j2
out=$(in_root 'cd proj && make -j2 >/dev/null && ./proj' 2>&1)
if [ "$out" = "proj 450" ]; then ok "make -j2"; else fail "make -j2: $out"; fi

# python3, perl
out=$(in_root "python3 -c 'import os, re; print(sum(i * i for i in range(100)), re.sub(\"a+\", \"b\", \"caaat\"), os.getpid() > 0)'" 2>&1)
if [ "$out" = "328350 cbt True" ]; then ok "python3 -c"; else fail "python3 -c: $out"; fi
out=$(in_root "perl -e 'my %h = map { \$_ => \$_ * 2 } 1..5; print join(\",\", map { \$h{\$_} } sort keys %h), \"\\n\"'" 2>&1)
if [ "$out" = "2,4,6,8,10" ]; then ok "perl -e"; else fail "perl -e: $out"; fi

# xz -9 and -d of a file (2 MB of text with some repetition)
seq 1 300000 | sed 's/$/ line of text/' | head -c 2000000 > "$R/tmp/uc/data"
if in_root 'xz -9 -k data && mv data data.orig && xz -d data.xz && cmp data data.orig' > "$R/tmp/uc/xz.log" 2>&1; then
    ok "xz -9, xz -d"
else
    fail "xz: $(tail -2 "$R/tmp/uc/xz.log")"
fi

# dpkg -l
n=$(in_root 'dpkg -l' 2>/dev/null | grep -c '^ii')
if [ "$n" -gt 50 ] && in_root 'dpkg -l gcc-12 libc6' 2>/dev/null | grep -q '^ii  gcc-12'; then
    ok "dpkg -l ($n packages installed)"
else
    fail "dpkg -l: $n packages"
fi

# gcc -O2 of a generated 1000-line C file, timed.
{
    echo '#include <stdio.h>'
    for i in $(seq 1 140); do
        echo "static int fn$i(int *a, int n)"
        echo '{'
        echo "    int s = $i;"
        echo '    for (int k = 0; k < n; k++) {'
        echo "        s = s * 31 + a[k] * $i;"
        echo '    }'
        echo '    return s;'
        echo '}'
    done
    echo 'int main(void)'
    echo '{'
    echo '    int a[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, t = 0;'
    for i in $(seq 1 140); do echo "    t += fn$i(a, 8);"; done
    echo '    printf("%d\n", t);'
    echo '    return 0;'
    echo '}'
} > "$R/tmp/uc/big.c"
t0=$(date +%s.%N)
if in_root 'gcc -O2 -o big big.c && ./big' > "$R/tmp/uc/big.out" 2>&1; then
    t1=$(date +%s.%N)
    ok "gcc -O2 big.c ($(wc -l < "$R/tmp/uc/big.c") lines): $(echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }') s"
else
    fail "gcc -O2 big.c: $(tail -2 "$R/tmp/uc/big.out")"
fi

echo "user-chroot: $passed passed, $failed failed"
[ "$failed" = 0 ]
