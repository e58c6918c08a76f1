#!/bin/bash
# Fetch real arm64 guest software from Debian's archive for the boot tests:
# the newest linux-image-*-arm64-unsigned kernel, busybox-static:arm64 and
# libc6:arm64.  Everything lands in a git-ignored cache; a second run only
# re-checks what is already there.
#
# Usage: tests/guest/fetch-debian-arm64.sh [--cache DIR]
#
# Outputs (CACHE defaults to <repo>/tests/cache):
#   CACHE/debs/*.deb            the downloaded packages
#   CACHE/arm64/vmlinuz         /boot/vmlinuz-* as Debian ships it
#   CACHE/arm64/Image           the same, gunzipped if it was gzip
#   CACHE/arm64/busybox         static arm64 busybox
#   CACHE/arm64/modules/<ver>/  the kernel's lib/modules tree
#   CACHE/arm64/libc6/          extracted libc6:arm64
#   CACHE/arm64/VERSIONS        package names and versions
set -eu

die() { echo "fetch-debian-arm64: $*" >&2; exit 1; }

script_dir=$(cd "$(dirname "$0")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
cache="$repo_root/tests/cache"

while [ $# -gt 0 ]; do
    case "$1" in
    --cache) [ $# -ge 2 ] || die "--cache needs a directory"; cache=$2; shift 2 ;;
    --cache=*) cache=${1#--cache=}; shift ;;
    -h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (usage: $0 [--cache DIR])" ;;
    esac
done

for tool in dpkg dpkg-deb apt-get apt-cache file gzip; do
    command -v "$tool" >/dev/null 2>&1 || die "required host tool '$tool' not found"
done

is_root=false
[ "$(id -u)" = 0 ] && is_root=true

# --- make sure apt knows arm64 packages ------------------------------------
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    if ! $is_root; then
        echo "fetch-debian-arm64: arm64 is not a dpkg foreign architecture; as root run: dpkg --add-architecture arm64 && apt-get update" >&2
        exit 2
    fi
    echo "fetch-debian-arm64: adding arm64 as a dpkg foreign architecture"
    dpkg --add-architecture arm64 || die "dpkg --add-architecture arm64 failed"
    # Another repository being unreachable must not stop us; whether the
    # packages we need are known is checked right below.
    apt-get update || echo "fetch-debian-arm64: warning: apt-get update reported errors" >&2
fi

# apt-cache is slow to start (about a second per call here), so look up all
# packages in one call and remember the answers.
declare -A cand=()      # package -> candidate version
declare -A depends=()   # package -> Depends line of the candidate
lookup() { # pkg... (without :arm64)
    local args=() p field val pkg=
    for p in "$@"; do args+=("$p:arm64"); done
    while IFS= read -r line; do
        field=${line%%:*}; val=${line#*: }
        case "$field" in
        Package) pkg=$val ;;
        Version) cand[$pkg]=$val ;;
        Depends) depends[$pkg]=$val ;;
        esac
    done < <(apt-cache show --no-all-versions "${args[@]}" 2>/dev/null \
             | grep -E '^(Package|Version|Depends): ' || true)
}

lookup busybox-static libc6 linux-image-arm64
if [ -z "${cand[busybox-static]:-}" ]; then
    # The architecture is configured but the package lists predate it.
    if ! $is_root; then
        echo "fetch-debian-arm64: apt has no arm64 package lists; as root run: apt-get update" >&2
        exit 2
    fi
    apt-get update || echo "fetch-debian-arm64: warning: apt-get update reported errors" >&2
    lookup busybox-static libc6 linux-image-arm64
    [ -n "${cand[busybox-static]:-}" ] || die "apt knows no busybox-static:arm64 even after apt-get update"
fi

# --- resolve the kernel package --------------------------------------------
kernel_pkg=
meta_dep=$(printf '%s\n' "${depends[linux-image-arm64]:-}" | tr ',|' '\n\n' \
    | sed -n 's/^ *\(linux-image-[0-9][^ (]*-arm64\)\( .*\)\{0,1\}$/\1/p' | head -n1)
if [ -n "$meta_dep" ]; then
    lookup "$meta_dep-unsigned"
    [ -n "${cand[$meta_dep-unsigned]:-}" ] && kernel_pkg="$meta_dep-unsigned"
fi
if [ -z "$kernel_pkg" ]; then
    # Fallback: the highest ABI among the unsigned images apt can see.
    kernel_pkg=$(apt-cache search --names-only '^linux-image-[0-9].*-arm64-unsigned$' 2>/dev/null \
        | awk '{print $1}' | sort -V | tail -n1)
    [ -n "$kernel_pkg" ] && lookup "$kernel_pkg"
fi
[ -n "$kernel_pkg" ] || die "cannot find any linux-image-*-arm64-unsigned package in apt's lists"
kernel_release=${kernel_pkg#linux-image-}
kernel_release=${kernel_release%-unsigned}

# --- download (idempotent) -------------------------------------------------
debs="$cache/debs"
out="$cache/arm64"
mkdir -p "$debs" "$out" || die "cannot create cache directories under $cache"

apt_opts=()
# As root apt drops to the _apt user, which usually cannot write here.
$is_root && apt_opts=(-o APT::Sandbox::User=root)

# Check a .deb is a readable package of the expected name; print its path.
verify_deb() { # deb pkg
    dpkg-deb --info "$1" >/dev/null 2>&1 || return 1
    [ "$(dpkg-deb -f "$1" Package)" = "$2" ] || return 1
    [ "$(dpkg-deb -f "$1" Architecture)" = arm64 ] || [ "$(dpkg-deb -f "$1" Architecture)" = all ]
}

# Download pkg:arm64 unless the candidate version is already cached;
# prints the path of the verified .deb.
fetch() { # pkg
    local pkg=$1 ver file deb
    ver=${cand[$pkg]:-}
    [ -n "$ver" ] || die "apt knows no package $pkg:arm64"
    # apt-get download names files NAME_VERSION_ARCH.deb with ':' as %3a.
    file="${pkg}_${ver//:/%3a}_arm64.deb"
    deb="$debs/$file"
    if [ -f "$deb" ] && verify_deb "$deb" "$pkg"; then
        echo "fetch-debian-arm64: have $file" >&2
    else
        rm -f "$deb"
        echo "fetch-debian-arm64: downloading $pkg:arm64 $ver" >&2
        (cd "$debs" && apt-get "${apt_opts[@]}" download "$pkg:arm64=$ver" >&2) \
            || die "apt-get download $pkg:arm64=$ver failed"
        [ -f "$deb" ] || die "apt-get download of $pkg did not produce $file"
        verify_deb "$deb" "$pkg" || die "downloaded $file is not a valid arm64 package $pkg (dpkg-deb --info failed)"
    fi
    echo "$deb"
}

kernel_deb=$(fetch "$kernel_pkg")
busybox_deb=$(fetch busybox-static)
libc_deb=$(fetch libc6)

# --- extract (only when the .deb changed) ----------------------------------
# A stamp per component remembers which .deb the current files came from.
up_to_date() { # name deb
    [ -f "$out/.stamp-$1" ] && [ "$(cat "$out/.stamp-$1")" = "$(basename "$2")" ]
}
stamp() { basename "$2" >"$out/.stamp-$1"; }

tmp="$out/.extract-tmp"
rm -rf "$tmp"
trap 'rm -rf "$tmp"' EXIT

if up_to_date kernel "$kernel_deb" && [ -f "$out/vmlinuz" ] && [ -f "$out/Image" ] \
        && [ -d "$out/modules/$kernel_release" ]; then
    echo "fetch-debian-arm64: kernel $kernel_release already extracted" >&2
else
    echo "fetch-debian-arm64: extracting $(basename "$kernel_deb")" >&2
    mkdir -p "$tmp"
    dpkg-deb -x "$kernel_deb" "$tmp" || die "dpkg-deb -x $(basename "$kernel_deb") failed"
    vmlinuz="$tmp/boot/vmlinuz-$kernel_release"
    [ -f "$vmlinuz" ] || die "kernel package has no /boot/vmlinuz-$kernel_release"
    [ -d "$tmp/lib/modules/$kernel_release" ] || die "kernel package has no /lib/modules/$kernel_release"
    rm -f "$out/vmlinuz" "$out/Image" "$out/.stamp-kernel"
    rm -rf "$out/modules"
    mv "$vmlinuz" "$out/vmlinuz"
    mv "$tmp/lib/modules" "$out/modules"
    case "$(file -b "$out/vmlinuz")" in
    gzip*)
        gzip -dc "$out/vmlinuz" >"$out/Image.tmp" || die "gunzip of $out/vmlinuz failed"
        mv "$out/Image.tmp" "$out/Image" ;;
    *)  # already an uncompressed Image
        cp "$out/vmlinuz" "$out/Image" ;;
    esac
    case "$(file -b "$out/Image")" in
    *ARM64*|*aarch64*) ;;
    *) die "$out/Image is not an arm64 kernel Image ($(file -b "$out/Image"))" ;;
    esac
    rm -rf "$tmp"
    stamp kernel "$kernel_deb"
fi

# Debian's postinst runs depmod at install time, so the package has no
# modules.dep; make one now (mkinitramfs.sh reads it to order insmods).
moddir="$out/modules/$kernel_release"
if [ ! -s "$moddir/modules.dep" ]; then
    if command -v depmod >/dev/null 2>&1 || [ -x /sbin/depmod ]; then
        depmod_bin=$(command -v depmod 2>/dev/null || echo /sbin/depmod)
        mkdir -p "$tmp/lib"
        ln -s "$out/modules" "$tmp/lib/modules"
        "$depmod_bin" -b "$tmp" "$kernel_release" || die "depmod for $kernel_release failed"
        rm -rf "$tmp"
        [ -s "$moddir/modules.dep" ] || die "depmod did not write $moddir/modules.dep"
    else
        echo "fetch-debian-arm64: note: no host depmod (package kmod); mkinitramfs.sh will read module dependencies from the .ko files" >&2
    fi
fi

if up_to_date busybox "$busybox_deb" && [ -f "$out/busybox" ]; then
    echo "fetch-debian-arm64: busybox already extracted" >&2
else
    mkdir -p "$tmp"
    dpkg-deb -x "$busybox_deb" "$tmp" || die "dpkg-deb -x $(basename "$busybox_deb") failed"
    [ -f "$tmp/bin/busybox" ] || die "busybox-static package has no /bin/busybox"
    case "$(file -b "$tmp/bin/busybox")" in
    *ARM\ aarch64*statically\ linked*|*ARM\ aarch64*static-pie*) ;;
    *) die "busybox in the package is not a static arm64 ELF ($(file -b "$tmp/bin/busybox"))" ;;
    esac
    install -m 0755 "$tmp/bin/busybox" "$out/busybox"
    rm -rf "$tmp"
    stamp busybox "$busybox_deb"
fi

if up_to_date libc6 "$libc_deb" && [ -d "$out/libc6" ]; then
    echo "fetch-debian-arm64: libc6 already extracted" >&2
else
    rm -rf "$out/libc6"
    mkdir -p "$out/libc6"
    dpkg-deb -x "$libc_deb" "$out/libc6" || die "dpkg-deb -x $(basename "$libc_deb") failed"
    stamp libc6 "$libc_deb"
fi

# --- record what we have ---------------------------------------------------
{
    echo "# package version architecture (from $(basename "$cache")/debs)"
    for deb in "$kernel_deb" "$busybox_deb" "$libc_deb"; do
        dpkg-deb -f "$deb" Package Version Architecture | awk -F': ' '{printf "%s ", $2} END {print ""}' \
            | sed 's/ $//'
    done
    echo "kernel-release $kernel_release"
} >"$out/VERSIONS.tmp" && mv "$out/VERSIONS.tmp" "$out/VERSIONS" \
    || die "cannot write $out/VERSIONS"

echo "fetch-debian-arm64: ready in $out:"
sed 's/^/  /' "$out/VERSIONS"
