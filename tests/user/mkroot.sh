#!/bin/sh
# Build (or reuse) a debootstrapped arm64 Debian bookworm root whose second
# stage ran entirely under aarch64-user, with no binfmt_misc: the static
# emulator is copied into the root and started by chroot; every guest execve
# of an arm64 program re-executes it (it keeps an fd to its own binary).
#
#   tests/user/mkroot.sh [--qemu] [--fresh]
#     ROOT (default tests/cache/arm64-root) is reused when its second stage
#     completed earlier; the first stage is cached as tests/cache/arm64-stage1.tar
#     so a failed second stage can be retried from scratch.
#     --qemu also times the same second stage under qemu-aarch64-static (an
#     oracle for the timing comparison only; it needs binfmt_misc mounted).
#     --fresh redoes the second stage even when ROOT is complete.
# Exit 77 when debootstrap cannot be installed or the archive is unreachable.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cache=$top/tests/cache
ROOT=${ROOT:-$cache/arm64-root}
TAR=$cache/arm64-stage1.tar
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
INCLUDE=gcc,make,libc6-dev,python3-minimal,xz-utils
EMU=${EMU:-$top/build/aarch64-user}
want_qemu=0; fresh=0
for a in "$@"; do
    case $a in
    --qemu) want_qemu=1 ;;
    --fresh) fresh=1 ;;
    *) echo "mkroot.sh: unknown option $a" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" = 0 ] || { echo "mkroot.sh: needs root (debootstrap, chroot)"; exit 77; }
[ -x "$EMU" ] || { echo "mkroot.sh: build $EMU first (make)"; exit 1; }
if ! command -v debootstrap >/dev/null 2>&1; then
    apt-get install -y debootstrap >/dev/null 2>&1 || { echo "mkroot.sh: debootstrap unavailable"; exit 77; }
fi
mkdir -p "$cache"

# What the second stage may leave mounted when it fails.  The first stage
# can leave ROOT/proc a symlink to /proc (debootstrap does in containers):
# never look through it, or the host's /proc would be unmounted.
umount_root() {
    r=$1
    for m in sys proc; do
        [ -L "$r/$m" ] && continue
        mountpoint -q "$r/$m" 2>/dev/null && umount "$r/$m"
    done
    return 0
}

now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{ printf "%.1f", $2 - $1 }'; }

# First stage (host side: downloads and unpacks), cached as a tarball.
if [ ! -f "$TAR" ]; then
    st1=$cache/arm64-stage1.tmp
    umount_root "$st1" 2>/dev/null; rm -rf "$st1"
    echo "mkroot.sh: first stage (debootstrap --foreign) into $st1"
    if ! debootstrap --foreign --arch=arm64 --variant=minbase --include=$INCLUDE \
            $SUITE "$st1" "$MIRROR" >"$cache/debootstrap-stage1.log" 2>&1; then
        tail -5 "$cache/debootstrap-stage1.log"
        echo "mkroot.sh: first stage failed (network?), see $cache/debootstrap-stage1.log"
        exit 77
    fi
    tar -C "$st1" -cf "$TAR.tmp" . && mv "$TAR.tmp" "$TAR" && rm -rf "$st1"
fi

# Second stage under interp (a static aarch64 user emulator) inside root r.
second_stage() {
    r=$1 interp=$2 name=$3
    umount_root "$r" 2>/dev/null; rm -rf "$r"; mkdir -p "$r"
    tar -C "$r" -xf "$TAR"
    mkdir -p "$r/usr/local/bin"
    cp "$interp" "$r/usr/local/bin/$name"
    # The second stage replaces a /proc symlink with a directory and mounts proc and sysfs itself.
    log=$cache/debootstrap-stage2-$name.log
    t0=$(now)
    if [ "$name" = aarch64-user ]; then
        chroot "$r" /usr/local/bin/$name /bin/sh /debootstrap/debootstrap --second-stage >"$log" 2>&1
    else
        # qemu-user does not follow execve by itself: binfmt_misc must send arm64 programs to it
        chroot "$r" /bin/sh /debootstrap/debootstrap --second-stage >"$log" 2>&1
    fi
    rc=$?
    t1=$(now)
    umount_root "$r"
    echo "mkroot.sh: second stage under $name: exit $rc, $(elapsed "$t0" "$t1") s (log $log)"
    [ $rc = 0 ] || tail -15 "$log"
    return $rc
}

if [ $fresh = 1 ] || [ ! -f "$ROOT/.mkroot-done" ]; then
    second_stage "$ROOT" "$EMU" aarch64-user || exit 1
    touch "$ROOT/.mkroot-done"
else
    # keep the emulator in the root current with the build
    cp "$EMU" "$ROOT/usr/local/bin/aarch64-user"
    echo "mkroot.sh: reusing $ROOT"
fi

if [ $want_qemu = 1 ]; then
    q=$(command -v qemu-aarch64-static) || { echo "mkroot.sh: no qemu-aarch64-static, skipping oracle timing"; exit 0; }
    bm=/proc/sys/fs/binfmt_misc
    [ -f $bm/register ] || mount -t binfmt_misc binfmt_misc $bm 2>/dev/null
    [ -f $bm/register ] || { echo "mkroot.sh: binfmt_misc unavailable, skipping the qemu timing"; exit 0; }
    qroot=$cache/arm64-root-qemu
    # A temporary entry of our own (F: works in the chroot); newest entries are tried first.
    [ -e $bm/mkroot-qemu ] && echo -1 > $bm/mkroot-qemu
    printf '%s' ':mkroot-qemu:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:'"$q"':FP' > $bm/register
    second_stage "$qroot" "$q" qemu-aarch64-static
    echo -1 > $bm/mkroot-qemu
fi
exit 0
