#!/bin/bash
# make check: Debian's static arm64 busybox (fetched into tests/cache by
# tests/guest/fetch-debian-arm64.sh) running real applets through
# aarch64-user, JIT and interpreter, with the output and exit status of each
# compared against qemu-aarch64-static running the same command.
# Skipped (77) when busybox cannot be fetched or qemu is missing.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${1:-$root/tests/cache}
user=$root/build/aarch64-user
bb=$cache/arm64/busybox
[ -x "$user" ] || { echo "user-busybox: $user not built"; exit 1; }
command -v qemu-aarch64-static > /dev/null || { echo "user-busybox: qemu-aarch64-static missing; skipped"; exit 77; }
if [ ! -f "$bb" ]; then
    "$root/tests/guest/fetch-debian-arm64.sh" --cache "$cache" > /dev/null 2>&1 ||
        { echo "user-busybox: cannot fetch busybox-static:arm64; skipped"; exit 77; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/user-busybox.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/a/b" && printf 'one\ntwo\nthree\ntwo\n' > "$work/tree/a/f1" &&
    seq 1 500 > "$work/tree/a/b/f2" && printf 'x,y,z\n1,2,3\n' > "$work/tree/c.csv"

# Shell command lines run by "busybox sh -c" in $work (relative paths only).
cmds=(
    'echo hello $((6 * 7)); printf "%05d|%s|%x\n" 42 str 255'
    'seq 1 20 | sort -rn | head -3; seq 5 | tr 1-5 a-e | tr -d "\n"; echo'
    'sort tree/a/f1 | uniq -c; wc -l tree/a/b/f2; cut -d, -f2 tree/c.csv'
    'sed -n "s/t\(w\)o/[\1]/p" tree/a/f1; awk -F, "NR>1 {print \$1+\$2*\$3}" tree/c.csv'
    'md5sum tree/a/f1; sha256sum tree/a/b/f2 | cut -c1-16; crc32 tree/a/f1 2>/dev/null || true'
    'cat tree/a/b/f2 | gzip -9 | gunzip | tail -2; bzip2 -c tree/a/f1 | bunzip2'
    'tar -cf t.tar tree && tar -tf t.tar | sort; rm -f t.tar'
    'find tree -type f | sort; basename tree/a/b/f2; dirname tree/a/b/f2'
    'expr 7 \* 6; test 3 -lt 4 && echo lt; i=0; while [ $i -lt 100 ]; do i=$((i+1)); done; echo $i'
    'date -u -d @0 "+%Y-%m-%d %H:%M"; echo $(( (1<<31) / 7 )); echo abc | rev 2>/dev/null || echo no-rev'
    'for f in tree/a/f1 tree/c.csv; do [ -s "$f" ] && echo "$f nonempty"; done; ls tree/a | sort'
    'echo "a b c" | (read x y z; echo "$z$y$x"); (exit 3); echo status $?'
    'od -An -tx1 tree/c.csv | head -1; hexdump -C tree/c.csv | head -1'
    'false; echo $?; sh -c "exit 7"; echo $?'
)

passed=0 failed=0
for backend in jit interp; do
    for c in "${cmds[@]}"; do
        ref=$(cd "$work" && timeout 60 qemu-aarch64-static "$bb" sh -c "$c" 2>&1; echo "exit $?")
        got=$(cd "$work" && timeout 60 "$user" -accel tcg,backend=$backend "$bb" sh -c "$c" 2>&1; echo "exit $?")
        if [ "$ref" = "$got" ]; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            echo "FAIL ($backend): $c"
            diff <(echo "$ref") <(echo "$got") | head -8 | sed 's/^/    /'
        fi
    done
done
echo "user-busybox: $passed passed, $failed failed"
[ $failed -eq 0 ]
