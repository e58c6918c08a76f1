#!/bin/bash
# Build a busybox initramfs (newc cpio, gzip) for the arm64 boot tests from
# what fetch-debian-arm64.sh left in the cache.
#
# Usage: tests/guest/mkinitramfs.sh [--cache DIR] [--out FILE]
#            [--modules "virtio_mmio virtio_blk ..."] [--add DIR]
#
#   --cache DIR   cache of fetch-debian-arm64.sh (default <repo>/tests/cache)
#   --out FILE    output (default CACHE/arm64/initramfs.cpio.gz)
#   --modules L   kernel modules to load at boot, '-' and '_' alike; their
#                 dependencies (modules.dep) come along, insmod'ed first
#   --add DIR     copy DIR's contents to /tests (run with test=script:NAME)
set -eu

die() { echo "mkinitramfs: $*" >&2; exit 1; }

script_dir=$(cd "$(dirname "$0")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
cache="$repo_root/tests/cache"
out=
modules=
add=

while [ $# -gt 0 ]; do
    case "$1" in
    --cache|--out|--modules|--add)
        [ $# -ge 2 ] || die "$1 needs an argument"
        case "$1" in
        --cache) cache=$2 ;; --out) out=$2 ;; --modules) modules=$2 ;; --add) add=$2 ;;
        esac
        shift 2 ;;
    --cache=*) cache=${1#*=}; shift ;;
    --out=*) out=${1#*=}; shift ;;
    --modules=*) modules=${1#*=}; shift ;;
    --add=*) add=${1#*=}; shift ;;
    -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see $0 --help)" ;;
    esac
done

arm64="$cache/arm64"
[ -n "$out" ] || out="$arm64/initramfs.cpio.gz"
for tool in cpio gzip find sort; do
    command -v "$tool" >/dev/null 2>&1 || die "required host tool '$tool' not found"
done
[ -f "$arm64/busybox" ] || die "no $arm64/busybox; run tests/guest/fetch-debian-arm64.sh first"
[ -f "$script_dir/init.sh" ] || die "missing $script_dir/init.sh"
[ -z "$add" ] || [ -d "$add" ] || die "--add: '$add' is not a directory"

# Busybox applet links.  Listing them would mean running the arm64 busybox
# (`busybox --list-full`), which the host cannot do, so this is a fixed list
# of common applets present in Debian 12's busybox-static, each in the
# directory `busybox --install` would use.  /init's PATH covers all four.
applets='
bin/sh bin/ash bin/cat bin/chgrp bin/chmod bin/chown bin/cp bin/cpio
bin/cttyhack bin/date bin/dd bin/df bin/dmesg bin/echo bin/egrep bin/false
bin/fgrep bin/getopt bin/grep bin/gunzip bin/gzip bin/hostname bin/kill
bin/ln bin/login bin/ls bin/mkdir bin/mknod bin/mktemp bin/more bin/mount
bin/mv bin/netstat bin/pidof bin/ping bin/ps bin/pwd bin/readlink bin/rm
bin/rmdir bin/sed bin/sleep bin/stat bin/stty bin/sync bin/tar bin/touch
bin/true bin/umount bin/uname bin/usleep bin/vi bin/watch bin/zcat
sbin/blockdev sbin/depmod sbin/devmem sbin/fdisk sbin/getty sbin/halt
sbin/hwclock sbin/ifconfig sbin/init sbin/insmod sbin/ip sbin/losetup
sbin/lsmod sbin/mdev sbin/mkswap sbin/modinfo sbin/modprobe sbin/pivot_root
sbin/poweroff sbin/reboot sbin/rmmod sbin/route sbin/swapoff sbin/swapon
sbin/switch_root sbin/sysctl sbin/udhcpc
usr/bin/[ usr/bin/[[ usr/bin/awk usr/bin/basename usr/bin/bunzip2
usr/bin/bzcat usr/bin/clear usr/bin/cmp usr/bin/cut usr/bin/diff
usr/bin/dirname usr/bin/du usr/bin/env usr/bin/expr usr/bin/find
usr/bin/free usr/bin/head usr/bin/hexdump usr/bin/id usr/bin/killall
usr/bin/less usr/bin/md5sum usr/bin/mkfifo usr/bin/nc usr/bin/nproc
usr/bin/nslookup usr/bin/od usr/bin/printf usr/bin/realpath usr/bin/reset
usr/bin/seq usr/bin/setsid usr/bin/sha1sum usr/bin/sha256sum
usr/bin/sha512sum usr/bin/sort usr/bin/strings usr/bin/tac usr/bin/tail
usr/bin/tee usr/bin/test usr/bin/time usr/bin/timeout usr/bin/top usr/bin/tr
usr/bin/truncate usr/bin/tty usr/bin/uniq usr/bin/unxz usr/bin/uptime
usr/bin/wc usr/bin/wget usr/bin/which usr/bin/whoami usr/bin/xargs
usr/bin/xxd usr/bin/xz usr/bin/xzcat usr/bin/yes
usr/sbin/chroot usr/sbin/httpd
'

stage=$(mktemp -d "${TMPDIR:-/tmp}/mkinitramfs.XXXXXX") || die "cannot create a staging directory"
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,etc,root,run,var,lib/modules}
chmod 1777 "$stage/tmp"
chmod 0700 "$stage/root"
install -m 0755 "$arm64/busybox" "$stage/bin/busybox"
install -m 0755 "$script_dir/init.sh" "$stage/init"
for a in $applets; do
    case "$a" in
    bin/*) target=busybox ;;
    sbin/*) target=../bin/busybox ;;
    usr/*/*) target=../../bin/busybox ;;
    *) die "bad applet path $a" ;;
    esac
    [ "$a" = bin/busybox ] || ln -s "$target" "$stage/$a"
done
echo 'root:x:0:0:root:/root:/bin/sh' >"$stage/etc/passwd"
echo 'root:x:0:' >"$stage/etc/group"

# The kernel opens /dev/console for init before init can mount devtmpfs;
# without the node init.sh reopens the console after mounting devtmpfs.
if [ "$(id -u)" = 0 ]; then
    mknod -m 0600 "$stage/dev/console" c 5 1 || die "mknod /dev/console failed"
    mknod -m 0666 "$stage/dev/null" c 1 3 || die "mknod /dev/null failed"
fi

# --- kernel modules ---------------------------------------------------------
if [ -n "$(echo $modules)" ]; then
    releases=$(ls "$arm64/modules" 2>/dev/null || true)
    [ -n "$releases" ] || die "no kernel modules under $arm64/modules; run fetch-debian-arm64.sh first"
    release=$(sed -n 's/^kernel-release //p' "$arm64/VERSIONS" 2>/dev/null || true)
    [ -n "$release" ] || release=$(echo "$releases" | sort -V | tail -n1)
    moddir="$arm64/modules/$release"
    [ -d "$moddir" ] || die "no module directory $moddir"

    norm() { local n=${1##*/}; n=${n%%.ko*}; echo "${n//-/_}"; }

    # name -> relative path, and name -> its (transitive) dependencies.
    declare -A path=() deps=() builtin=()
    if [ -s "$moddir/modules.dep" ]; then
        while IFS= read -r line; do
            m=${line%%:*}
            n=$(norm "$m")
            path[$n]=$m
            d=
            for x in ${line#*:}; do d="$d $(norm "$x")"; done
            deps[$n]=$d
        done <"$moddir/modules.dep"
    else
        # No depmod output: use modules.order for names and read each
        # needed module's own "depends=" from its .modinfo strings.
        [ -s "$moddir/modules.order" ] || die "neither modules.dep nor modules.order in $moddir"
        while IFS= read -r m; do
            path[$(norm "$m")]=$m
        done <"$moddir/modules.order"
    fi
    if [ -f "$moddir/modules.builtin" ]; then
        while IFS= read -r m; do builtin[$(norm "$m")]=1; done <"$moddir/modules.builtin"
    fi

    # Read a (possibly compressed) module to stdout.
    cat_module() {
        case "$1" in
        *.ko) cat "$1" ;;
        *.ko.xz) xz -dc "$1" ;;
        *.ko.zst) zstd -qdc "$1" ;;
        *.ko.gz) gzip -dc "$1" ;;
        *) return 1 ;;
        esac
    }

    # Direct dependencies from the module itself (fallback path only).
    modinfo_deps() {
        cat_module "$moddir/${path[$1]}" | tr '\0' '\n' \
            | sed -n 's/^depends=//p' | head -n1 | tr ',' ' '
    }

    declare -A placed=() visiting=()
    order=()
    place() { # name: depth-first so that dependencies come before users
        local n=$1 d list
        [ -z "${placed[$n]:-}" ] || return 0
        if [ -z "${path[$n]:-}" ]; then
            if [ -n "${builtin[$n]:-}" ]; then
                echo "mkinitramfs: $n is built into kernel $release; nothing to load" >&2
                placed[$n]=builtin
                return 0
            fi
            die "no module '$n' in $moddir"
        fi
        [ -z "${visiting[$n]:-}" ] || die "dependency loop at module $n"
        visiting[$n]=1
        if [ -s "$moddir/modules.dep" ]; then list=${deps[$n]}; else list=$(modinfo_deps "$n"); fi
        for d in $list; do place "$(norm "$d")"; done
        placed[$n]=1
        order+=("$n")
    }
    for m in $modules; do place "$(norm "$m")"; done

    dest="$stage/lib/modules/$release"
    mkdir -p "$dest"
    : >"$stage/etc/modules-load"
    : >"$dest/modules.dep"
    for n in "${order[@]}"; do
        src="$moddir/${path[$n]}"
        rel=${path[$n]%%.ko*}.ko
        [ -f "$src" ] || die "module file $src is missing"
        mkdir -p "$dest/$(dirname "$rel")"
        # Always store plain .ko: busybox insmod may lack the decompressors.
        cat_module "$src" >"$dest/$rel" || die "cannot decompress $src"
        echo "/lib/modules/$release/$rel" >>"$stage/etc/modules-load"
    done
    # A modules.dep for the copied subset, so busybox modprobe works too.
    for n in "${order[@]}"; do
        line="${path[$n]%%.ko*}.ko:"
        if [ -s "$moddir/modules.dep" ]; then list=${deps[$n]}; else list=$(modinfo_deps "$n"); fi
        for d in $list; do
            d=$(norm "$d")
            [ "${placed[$d]}" = builtin ] || line="$line ${path[$d]%%.ko*}.ko"
        done
        echo "$line" >>"$dest/modules.dep"
    done
    echo "mkinitramfs: modules to insmod, in order: ${order[*]}" >&2
fi

if [ -n "$add" ]; then
    mkdir -p "$stage/tests"
    cp -a "$add/." "$stage/tests/" || die "cannot copy '$add' to /tests"
fi

# --- pack ---------------------------------------------------------------
# Fixed timestamps and root ownership make the archive independent of who
# builds it and when.
find "$stage" -exec touch -h -d @0 {} + || die "cannot set timestamps in $stage"
mkdir -p "$(dirname "$out")" || die "cannot create the directory of $out"
tmp_out="$out.tmp.$$"
set -o pipefail
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort \
    | cpio -o -H newc --owner=0:0 --reproducible --quiet) | gzip -9n >"$tmp_out" \
    || { rm -f "$tmp_out"; die "cpio/gzip of the initramfs failed"; }
mv "$tmp_out" "$out" || die "cannot write $out"
echo "mkinitramfs: wrote $out ($(wc -c <"$out") bytes)"
