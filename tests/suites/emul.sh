#!/bin/bash
# make check: the /emul accelerator (linux-user/emul.c) in a tiny fake arm64
# root run with chroot: ROOT/bin/X is an arm64 program (tests/suites/user-exec/
# child.c: prints "child ...", exits 7), ROOT/emul/bin/X a static x86-64 one
# (tests/emul/native.c: prints "native ...", exits 5).
#  - `chroot ROOT /aarch64-user /bin/X` runs the native one (argv, -0, env);
#    -d emul logs the decision;
#  - AARCH64_EMUL=0 and -emul off run the emulated one;
#  - a guest execve (tests/emul/spawn.c) and a "#!/bin/X" script are
#    redirected too; -emul off carries over to the new emulator;
#  - without ROOT/emul/bin/X, and without ROOT/emul: emulated, and the
#    emulator looks at /emul exactly once (strace, when installed);
#  - with an arm64 busybox (tests/cache/arm64/busybox or $BUSYBOX): its sh
#    runs /bin/X natively.
# Needs root (chroot) and the cross compiler: skipped (77) otherwise.
#   tests/suites/emul.sh [EMULATOR]   (default build/aarch64-user)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
user=${1:-$top/build/aarch64-user}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
busybox=${BUSYBOX:-$top/tests/cache/arm64/busybox}
[ "$(id -u)" = 0 ] || { echo "emul: needs root for chroot; skipped"; exit 77; }
command -v "$cc" >/dev/null || { echo "emul: $cc not found; skipped"; exit 77; }
[ -x "$user" ] || { echo "emul: $user not built"; exit 1; }

out=$top/build/emul-suite
R=$out/root
rt=$top/tests/isa/c
cflags=(-nostdlib -static -ffreestanding -fno-stack-protector -fno-tree-loop-distribute-patterns
        -mgeneral-regs-only -O2 -Wall -Wextra -Werror -I"$rt" -I"$top/tests/suites/user-exec")
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

[ -d "$R/proc" ] && umount "$R/proc" 2>/dev/null
rm -rf "$out"
mkdir -p "$R/bin" "$R/emul/bin" "$R/tmp" "$R/proc"
# An emulator re-executes itself for a guest execve through /proc/self/exe.
if mount -t proc proc "$R/proc" 2>/dev/null || mount --bind /proc "$R/proc" 2>/dev/null; then
    trap 'umount "$R/proc" 2>/dev/null' EXIT
    have_proc=1
else
    echo "     (cannot mount /proc in the root: the checks of emulated execve are not run)"
    have_proc=0
fi
"$cc" "${cflags[@]}" -o "$R/bin/X" "$rt/start.S" "$top/tests/suites/user-exec/child.c" "$rt/rt.c" || exit 1
"$cc" "${cflags[@]}" -o "$R/bin/spawn" "$rt/start.S" "$top/tests/emul/spawn.c" "$rt/rt.c" || exit 1
gcc -static -O2 -Wall -Wextra -Werror -o "$R/emul/bin/X" "$top/tests/emul/native.c" || exit 1
cp "$user" "$R/aarch64-user"
printf '#!/bin/X -opt\n' > "$R/bin/script"
chmod 755 "$R/bin/script"

# run NAME EXPECTED-STATUS EXPECTED-LINE... -- COMMAND...: status and lines of stdout must match.
run() {
    local name=$1 want=$2 st=0 lines=() l
    shift 2
    while [ "$1" != -- ]; do lines+=("$1"); shift; done
    shift
    "$@" > "$out/run.out" 2> "$out/run.err" || st=$?
    if [ "$st" != "$want" ]; then
        fail "$name: status $st, expected $want"; sed 's/^/    /' "$out/run.out" "$out/run.err" | head -8
        return
    fi
    for l in "${lines[@]}"; do
        if ! grep -qxF -- "$l" "$out/run.out" "$out/run.err"; then
            fail "$name: no line '$l'"; sed 's/^/    /' "$out/run.out" "$out/run.err" | head -8
            return
        fi
    done
    ok "$name"
}

export TEST_VAR="some value"
run "native replacement runs, argv and environment kept" 5 \
    "native argc=3" "native argv[0]=/bin/X" "native argv[2]=b c" "native env TEST_VAR=some value" -- \
    chroot "$R" /aarch64-user /bin/X a "b c"
run "-0 ARGV0 reaches the native program" 5 "native argv[0]=my-name" -- \
    chroot "$R" /aarch64-user -0 my-name /bin/X
run "-d emul logs the redirect" 5 "emul: /bin/X -> /emul/bin/X (native)" -- \
    chroot "$R" /aarch64-user -d emul /bin/X
run "AARCH64_EMUL=0: emulated" 7 "child argv[0]=/bin/X" "child argv[1]=a" -- \
    env AARCH64_EMUL=0 chroot "$R" /aarch64-user /bin/X a
run "-emul off: emulated" 7 "child argv[0]=/bin/X" -- \
    chroot "$R" /aarch64-user -emul off /bin/X
run "-emul off is logged" 7 "emul: /bin/X: off (-emul off), emulating" -- \
    chroot "$R" /aarch64-user -d emul -emul off /bin/X
run "-emul bad is refused" 1 -- chroot "$R" /aarch64-user -emul maybe /bin/X
run "guest execve of /bin/X runs the native program" 5 \
    "native argv[0]=xname" "native argv[1]=arg" "emul: /bin/X -> /emul/bin/X (native)" -- \
    chroot "$R" /aarch64-user -d emul /bin/spawn /bin/X xname arg
[ $have_proc = 1 ] && run "guest execve: -emul off carries over" 7 "child argv[0]=xname" -- \
    chroot "$R" /aarch64-user -emul off /bin/spawn /bin/X xname
[ $have_proc = 1 ] && run "guest execve: AARCH64_EMUL=0 in the new environment" 7 "child argv[0]=xname" -- \
    env AARCH64_EMUL=0 chroot "$R" /aarch64-user /bin/spawn /bin/X xname
run "script whose interpreter has a replacement" 5 \
    "native argv[0]=/bin/X" "native argv[1]=-opt" "native argv[2]=/bin/script" "native argv[3]=z" -- \
    chroot "$R" /aarch64-user /bin/spawn /bin/script s0 z

mv "$R/emul/bin/X" "$R/emul/bin/X.off"
run "no ROOT/emul/bin/X: emulated, logged" 7 "child argv[0]=/bin/X" \
    "emul: /bin/X: no /emul/bin/X, emulating" -- chroot "$R" /aarch64-user -d emul /bin/X
printf '#!/bin/sh\nexit 0\n' > "$R/emul/bin/X"
chmod 755 "$R/emul/bin/X"
run "a script under /emul is not taken" 7 "emul: /bin/X: /emul/bin/X not an x86-64 executable, emulating" -- \
    chroot "$R" /aarch64-user -d emul /bin/X
cp "$R/bin/X" "$R/emul/bin/X"
run "an arm64 program under /emul is not taken" 7 "child argv[0]=/bin/X" -- \
    chroot "$R" /aarch64-user /bin/X
mv "$R/emul" "$R/emul.off"
run "no ROOT/emul: emulated" 7 "child argv[0]=/bin/X" "emul: /bin/X: no /emul, emulating" -- \
    chroot "$R" /aarch64-user -d emul /bin/X
if command -v strace >/dev/null && [ $have_proc = 1 ]; then
    # One look at /emul per emulator process, none per file.
    st=0
    strace -f -qq -e trace=%file -o "$out/strace.out" chroot "$R" /aarch64-user /bin/spawn /bin/X x \
        > /dev/null 2>&1 || st=$?
    n=$(grep -c '"/emul' "$out/strace.out")
    procs=$(grep -c 'execve("/aarch64-user\|execveat(' "$out/strace.out")
    if [ "$st" = 7 ] && [ "$n" = 2 ] && [ "$procs" -ge 2 ]; then
        ok "without /emul: one stat of /emul per emulator (2 for 2), nothing else"
    else
        fail "absent /emul costs $n lookups for $procs emulators (status $st)"
        grep '/emul' "$out/strace.out" | head -5 | sed 's/^/    /'
    fi
else
    echo "     (strace not installed: the lookup count is not checked)"
fi
mv "$R/emul.off" "$R/emul"
mv "$R/emul/bin/X.off" "$R/emul/bin/X"

if [ -f "$busybox" ]; then
    cp "$busybox" "$R/bin/busybox"
    ln -sf busybox "$R/bin/sh"
    run "busybox sh (emulated) runs /bin/X natively" 5 "native argv[0]=/bin/X" "native argv[1]=from-sh" -- \
        chroot "$R" /aarch64-user /bin/sh -c '/bin/X from-sh'
    run "busybox sh: relative ./X from /bin" 5 "native argv[0]=./X" -- \
        chroot "$R" /aarch64-user /bin/sh -c 'cd /bin && ./X'
    [ $have_proc = 1 ] && run "busybox sh with AARCH64_EMUL=0: all emulated" 7 "child argv[1]=from-sh" -- \
        chroot "$R" /aarch64-user /bin/sh -c 'AARCH64_EMUL=0 /bin/X from-sh'
else
    echo "     (no arm64 busybox at $busybox: the shell checks are not run)"
fi

umount "$R/proc" 2>/dev/null && rm -rf "$out"
trap - EXIT
echo "emul: $passed passed, $failed failed"
[ "$failed" = 0 ]
