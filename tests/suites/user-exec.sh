#!/bin/bash
# make check: guest execve/execveat and the /proc views, with freestanding
# arm64 programs (raw system calls, integer only: tests/suites/user-exec/):
#  - parent.c execs child.c (argv, envp, exit status), a "#!" script whose
#    interpreter is child.c, a host program (/bin/true), and checks the
#    errors (ENOENT, EACCES, ENOEXEC, EFAULT); then execveat replaces it;
#    run plain and with -L ROOT (interpreter and programs inside the root);
#  - procself.c reads /proc/self/auxv, /proc/cpuinfo, /proc/self/maps and
#    /proc/self/exe (default CPU and -cpu cortex-a57);
#  - a dynamic program whose interpreter is missing or corrupt is refused
#    with one line.
# Skipped (77) only without the cross compiler.
#   tests/suites/user-exec.sh [EMULATOR]   (default build/aarch64-user)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/tests/suites/user-exec
rt=$root/tests/isa/c
out=$root/build/user-exec
user=${1:-$root/build/aarch64-user}
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
command -v "$cc" >/dev/null || { echo "user-exec: $cc not found; skipped"; exit 77; }
[ -x "$user" ] || { echo "user-exec: $user not built"; exit 1; }
user=$(cd "$(dirname "$user")" && pwd)/$(basename "$user")

cflags=(-nostdlib -static -ffreestanding -fno-stack-protector -fno-tree-loop-distribute-patterns
        -mgeneral-regs-only -O2 -Wall -Wextra -Werror -I"$rt" -I"$src")
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

rm -rf "$out"
mkdir -p "$out/root/bin" "$out/root/data"
"$cc" "${cflags[@]}" -c "$rt/start.S" -o "$out/start.o" || exit 1
"$cc" "${cflags[@]}" -c "$rt/rt.c" -o "$out/rt.o" || exit 1
for p in parent child procself lowfds chain; do
    "$cc" "${cflags[@]}" -o "$out/$p" "$out/start.o" "$src/$p.c" "$out/rt.o" || exit 1
done
cp "$out/child" "$out/parent" "$out/root/bin/"
printf 'not executable\n' > "$out/root/data/noexec"
printf 'garbage that is no program\n' > "$out/root/data/garbage"
chmod 644 "$out/root/data/noexec"
chmod 755 "$out/root/data/garbage"
hosttrue=$(type -P true)

expect() {  # child-path script-path  -> the expected output of parent
    cat <<EOT
child argc=4
child argv[0]=child-name
child argv[1]=a
child argv[2]=b c
child argv[3]=
child env TEST_ONE=1
child env TEST_TWO=two words
elf: exit 7
child argc=4
child argv[0]=$1
child argv[1]=-x  y
child argv[2]=$2
child argv[3]=s1
child env TEST_ONE=1
child env TEST_TWO=two words
script: exit 7
host: exit 0
enoent: -2
eacces: -13
enoexec: -8
efault: -14
child argc=1
child argv[0]=last
EOT
}

run_parent() {  # label expected-child expected-script emulator-args...
    local label=$1 echild=$2 escript=$3 st=0
    shift 3
    timeout 60 "$user" "$@" > "$out/$label.out" 2> "$out/$label.err" || st=$?
    if [ "$st" != 7 ]; then
        fail "$label: exit status $st, expected 7"
        head -5 "$out/$label.err" | sed 's/^/    /'
    elif ! diff <(expect "$echild" "$escript") "$out/$label.out" > "$out/$label.diff"; then
        fail "$label: output differs:"
        head -10 "$out/$label.diff" | sed 's/^/    /'
    else
        ok "$label"
    fi
}

# Plain: host paths everywhere; the script names child by its absolute path.
printf '#!%s   -x  y  \n' "$out/child" > "$out/script"
chmod 755 "$out/script"
run_parent execve "$out/child" "$out/script" \
    "$out/parent" "$out/child" "$out/script" "$out/root/data/noexec" "$out/root/data/garbage" "$hosttrue"
for b in interp; do
    run_parent "execve-$b" "$out/child" "$out/script" -accel "tcg,backend=$b" \
        "$out/parent" "$out/child" "$out/script" "$out/root/data/noexec" "$out/root/data/garbage" "$hosttrue"
done

# -L ROOT: guest paths, looked up inside the root by the exec and by the script's interpreter line.
printf '#!/bin/child -x  y\n' > "$out/root/bin/script"
chmod 755 "$out/root/bin/script"
run_parent execve-L /bin/child /bin/script -L "$out/root" \
    "$out/root/bin/parent" /bin/child /bin/script /data/noexec /data/garbage "$hosttrue"

# -strace and -d carry over: the new emulator's calls land in the same log, appended.
st=0
timeout 60 "$user" -strace -D "$out/strace.log" "$out/parent" "$out/child" "$out/script" \
    "$out/root/data/noexec" "$out/root/data/garbage" "$hosttrue" > /dev/null 2>&1 || st=$?
if [ "$st" = 7 ] && grep -q '^[0-9]* execve(' "$out/strace.log" &&
   [ "$(grep -c 'exit_group(7)' "$out/strace.log")" -ge 3 ]; then
    ok "-strace -D carry over to the new programs"
else
    fail "-strace -D carry over (status $st): $(grep -c exit_group "$out/strace.log" 2>/dev/null) exit_group lines"
fi

# The emulator's own descriptors do not leak into a host program.
fds=$(timeout 30 "$user" -D "$out/fd.log" "$out/parent" "$out/child" "$out/script" \
      "$out/root/data/noexec" "$out/root/data/garbage" /bin/ls 2>/dev/null | grep -c '^host: exit 0')
if [ "$fds" = 1 ]; then ok "host program runs with the emulator's log open"; else fail "host program with -D"; fi

# In a chroot without /proc (debootstrap's before its second stage mounts it) the emulator
# finds itself by the name it was executed as; needs root for chroot.
if [ "$(id -u)" = 0 ] && command -v chroot >/dev/null; then
    cp "$user" "$out/root/bin/aarch64-user"
    printf '#!/bin/child -x  y\n' > "$out/root/bin/script"
    chmod 755 "$out/root/bin/script"
    st=0
    timeout 60 chroot "$out/root" /bin/aarch64-user /bin/parent /bin/child /bin/script \
        /data/noexec /data/garbage /bin/none > "$out/chroot.out" 2>&1 || st=$?
    if grep -q '^elf: exit 7' "$out/chroot.out" && grep -q '^script: exit 7' "$out/chroot.out"; then
        ok "execve in a chroot without /proc"
    else
        fail "execve in a chroot without /proc (status $st)"; head -5 "$out/chroot.out" | sed 's/^/    /'
    fi
    cp "$out/chain" "$out/root/bin/chain"
    msg=$(timeout 60 chroot "$out/root" /bin/aarch64-user /bin/chain 2>&1)
    if [ "$msg" = "chain 4" ]; then ok "exec chain in a chroot without /proc"; else fail "exec chain in a chroot without /proc: $msg"; fi
fi

# The guest's low descriptors are its own (the emulator's are kept high).
st=0
n=$(timeout 60 "$user" "$out/lowfds" 2>&1 | grep -c '^lowfds ok$') || st=$?
if [ "$n" = 7 ]; then ok "dup3 onto descriptors 3..9"; else fail "dup3 onto descriptors 3..9: $n of 7 writes"; fi

# /proc views.
st=0
timeout 60 "$user" "$out/procself" > "$out/procself.out" 2>&1 || st=$?
if [ "$st" = 0 ]; then ok "procself (max)"; else fail "procself (max): status $st"; sed 's/^/    /' "$out/procself.out"; fi
st=0
timeout 60 "$user" -cpu cortex-a57 "$out/procself" $'CPU part\t: 0xd07\n' > "$out/procself57.out" 2>&1 || st=$?
if [ "$st" = 0 ]; then ok "procself (cortex-a57)"; else fail "procself (cortex-a57): status $st"; sed 's/^/    /' "$out/procself57.out"; fi

# Dynamic programs: a missing or corrupt interpreter is one clear line.
printf 'int main(void) { return 0; }\n' > "$out/dyn.c"
if "$cc" -O2 -o "$out/dyn" "$out/dyn.c" 2>/dev/null; then
    mkdir -p "$out/emptyroot" "$out/badroot/lib"
    printf 'junk' > "$out/badroot/lib/ld-linux-aarch64.so.1"
    msg=$("$user" -L "$out/emptyroot" "$out/dyn" 2>&1); st=$?
    if [ "$st" != 0 ] && [ "$(printf '%s\n' "$msg" | wc -l)" = 1 ] &&
       [[ "$msg" == *"interpreter /lib/ld-linux-aarch64.so.1"*"No such file"* ]]; then
        ok "missing interpreter refused: $msg"
    else
        fail "missing interpreter: status $st, message: $msg"
    fi
    msg=$("$user" -L "$out/badroot" "$out/dyn" 2>&1); st=$?
    if [ "$st" != 0 ] && [ "$(printf '%s\n' "$msg" | wc -l)" = 1 ] && [[ "$msg" == *"not an ELF file"* ]]; then
        ok "corrupt interpreter refused: $msg"
    else
        fail "corrupt interpreter: status $st, message: $msg"
    fi
fi

echo "user-exec: $passed passed, $failed failed"
[ "$failed" = 0 ]
