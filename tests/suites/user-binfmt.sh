#!/bin/bash
# make check: aarch64-user --binfmt register / status / unregister against
# the real /proc/sys/fs/binfmt_misc, then an arm64 program run directly by
# the kernel (argv[0] preserved by the P flag).  Needs root and a mounted
# binfmt_misc: skipped (77) otherwise, and when another handler (Debian's
# qemu-aarch64) already claims arm64 programs.  Unregisters at the end.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
user=${1:-$root/build/aarch64-user}
user=$(cd "$(dirname "$user")" && pwd)/$(basename "$user")
dir=/proc/sys/fs/binfmt_misc
cc=${AARCH64_CC:-aarch64-linux-gnu-gcc}
[ "$(id -u)" = 0 ] || { echo "user-binfmt: needs root; skipped"; exit 77; }
[ -e "$dir/register" ] || { echo "user-binfmt: binfmt_misc is not mounted at $dir; skipped"; exit 77; }
command -v "$cc" >/dev/null || { echo "user-binfmt: $cc not found; skipped"; exit 77; }
for e in "$dir"/qemu-aarch64 "$dir"/aarch64; do
    if [ -e "$e" ] && [ "$e" != "$dir/aarch64" ] && grep -qx enabled "$e"; then
        echo "user-binfmt: $e already handles arm64 programs; skipped"; exit 77
    fi
done
[ -e "$dir/aarch64" ] && { echo "user-binfmt: an aarch64 entry exists already; left alone, skipped"; exit 77; }

out=$root/build/user-binfmt
src=$root/tests/suites/user-exec
rt=$root/tests/isa/c
mkdir -p "$out"
cflags=(-nostdlib -static -ffreestanding -fno-stack-protector -fno-tree-loop-distribute-patterns
        -mgeneral-regs-only -O2 -I"$rt" -I"$src")
"$cc" "${cflags[@]}" -o "$out/child" "$rt/start.S" "$src/child.c" "$rt/rt.c" || exit 1
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

"$user" --binfmt register --binfmt-path "$user" && ok "register" || fail "register"
trap '"$user" --binfmt unregister > /dev/null' EXIT
# The kernel lists the flags in its own order (fs/binfmt_misc.c prints P, O, C, F: "PF").
flags=$("$user" --binfmt status | sed -n 's/^ *flags: //p')
[[ "$flags" == *F* && "$flags" == *P* ]] && ok "status shows flags F and P ($flags)" || fail "status: $("$user" --binfmt status)"
grep -q "^interpreter $user\$" "$dir/aarch64" && ok "interpreter recorded" || fail "interpreter"
st=0
(cd "$out" && exec -a my-argv0 ./child one "two words") > "$out/run.out" 2>&1 || st=$?
if [ "$st" = 7 ] && grep -qx "child argv\[0\]=my-argv0" "$out/run.out" &&
   grep -qx "child argv\[2\]=two words" "$out/run.out"; then
    ok "kernel runs an arm64 program through aarch64-user, argv[0] kept"
else
    fail "direct run: status $st"; sed 's/^/    /' "$out/run.out" | head -5
fi
"$user" --binfmt unregister && [ ! -e "$dir/aarch64" ] && ok "unregister" || fail "unregister"
trap - EXIT
echo "user-binfmt: $passed passed, $failed failed"
[ "$failed" = 0 ]
