#!/bin/bash
# make check: boot Debian's arm64 kernel with virtio-mmio devices
# (issue #9) and check from inside the guest that
#   - a raw disk given with -drive if=none + -device virtio-blk-device reads
#     back the pattern the host wrote into it, and that what the guest writes
#     (then sync) is in the host file afterwards;
#   - a read-only disk (-drive if=virtio,readonly=on) reads and refuses writes;
#   - /dev/hwrng (virtio-rng-device) gives random bytes.
# The initramfs is built with tests/guest/mkinitramfs.sh --modules
# "virtio_mmio virtio_blk virtio-rng" --add DIR, the script runs through
# test=script:virtio.sh and prints VIRTIO-* markers.
#   tests/suites-slow/boot-virtio.sh [CACHE_DIR]     (default tests/cache)
# BOOT_TIMEOUT (seconds, default 240) limits the boot.  Skipped (77) when
# no kernel can be fetched.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${1:-$root/tests/cache}
sys=$root/build/aarch64-system
limit=${BOOT_TIMEOUT:-240}
image=$cache/arm64/Image
[ -x "$sys" ] || { echo "boot-virtio: $sys not built"; exit 1; }
if [ ! -f "$image" ] || [ ! -d "$cache/arm64/modules" ]; then
    "$root/tests/guest/fetch-debian-arm64.sh" --cache "$cache" > /dev/null 2>&1 ||
        { echo "boot-virtio: no kernel in $cache and cannot fetch it; skipped"; exit 77; }
fi
out=$root/build/tests/boot-virtio
rm -rf "$out"
mkdir -p "$out/add"
cat > "$out/add/virtio.sh" <<'GUEST'
#!/bin/sh
# Runs in the guest.  vda: the read-write disk, vdb: the read-only one.
for i in 1 2 3 4 5 6 7 8 9 10; do [ -b /dev/vdb ] && break; sleep 1; done
ls -l /dev/vd* /dev/hwrng 2>&1
if [ "$(dd if=/dev/vda bs=16 count=1 2>/dev/null)" = "HOST-PATTERN-RW0" ]; then
    echo "VIRTIO-BLK-READ-OK"
fi
echo "GUEST-WROTE-THIS" | dd of=/dev/vda bs=512 seek=8 conv=sync,fsync 2>/dev/null
sync
if [ "$(dd if=/dev/vdb bs=16 count=1 2>/dev/null)" = "HOST-PATTERN-RO0" ]; then
    echo "VIRTIO-BLK-RO-READ-OK"
fi
echo "VIRTIO-BLK-RO-FLAG $(cat /sys/block/vdb/ro)"
# Linux may let the write into its page cache; the device must refuse it, so
# after dropping the cache the disk still holds the host's pattern.
echo GUEST-WRITE-RO | dd of=/dev/vdb bs=512 count=1 conv=sync,fsync 2>/dev/null
sync
echo 3 > /proc/sys/vm/drop_caches
if [ "$(dd if=/dev/vdb bs=16 count=1 2>/dev/null)" = "HOST-PATTERN-RO0" ]; then
    echo "VIRTIO-BLK-RO-WRITE-REFUSED"
fi
n=$(dd if=/dev/hwrng bs=64 count=1 2>/dev/null | od -An -tx1 | tr -d ' \n' | wc -c)
echo "VIRTIO-RNG-HEXCHARS $n"
cat /sys/class/misc/hw_random/rng_current 2>/dev/null
exit 0
GUEST
chmod +x "$out/add/virtio.sh"
initrd=$out/initramfs.cpio.gz
"$root/tests/guest/mkinitramfs.sh" --cache "$cache" --modules "virtio_mmio virtio_blk virtio-rng" \
    --add "$out/add" --out "$initrd" > "$out/mkinitramfs.log" 2>&1 ||
    { echo "FAIL boot-virtio: mkinitramfs failed:"; tail -5 "$out/mkinitramfs.log"; exit 1; }

rw=$out/rw.img ro=$out/ro.img
truncate -s 4M "$rw" "$ro"
printf 'HOST-PATTERN-RW0' | dd of="$rw" conv=notrunc 2>/dev/null
printf 'HOST-PATTERN-RO0' | dd of="$ro" conv=notrunc 2>/dev/null
chmod a-w "$ro"
log=$out/console.log st=0
timeout "$limit" "$sys" -M virt -cpu cortex-a57 -m 512M -kernel "$image" -initrd "$initrd" \
    -append "console=ttyAMA0 test=script:virtio.sh" -nographic -d guest_errors -D "$out/guest-errors.log" \
    -drive file="$rw",if=none,id=disk0,format=raw -device virtio-blk-device,drive=disk0 \
    -drive file="$ro",if=virtio,format=raw,readonly=on -device virtio-rng-device \
    < /dev/null > "$log" 2>&1 || st=$?
passed=0 failed=0
check() {  # label condition...
    local label=$1; shift
    if "$@"; then echo "ok   $label"; passed=$((passed + 1));
    else echo "FAIL $label"; failed=$((failed + 1)); fi
}
check "guest reached init" grep -q "BOOT-OK: busybox init reached" "$log"
check "guest reads the host's pattern from the virtio-blk disk" grep -q "VIRTIO-BLK-READ-OK" "$log"
check "host file holds what the guest wrote (sector 8)" \
    bash -c "dd if='$rw' bs=512 skip=8 count=1 2>/dev/null | grep -q GUEST-WROTE-THIS"
check "read-only disk reads" grep -q "VIRTIO-BLK-RO-READ-OK" "$log"
check "read-only disk is read-only to Linux" grep -q "VIRTIO-BLK-RO-FLAG 1" "$log"
check "read-only disk refuses writes" grep -q "VIRTIO-BLK-RO-WRITE-REFUSED" "$log"
check "read-only image unchanged" bash -c "head -c 16 '$ro' | grep -q HOST-PATTERN-RO0"
check "/dev/hwrng gives 64 bytes" grep -q "VIRTIO-RNG-HEXCHARS 128" "$log"
check "test script ran to the end, emulator exited 0" \
    bash -c "grep -q 'TEST-EXIT: virtio.sh 0' '$log' && [ $st -eq 0 ]"
if [ $failed -ne 0 ]; then
    echo "last console lines (exit status $st):"
    tail -n 25 "$log" | sed 's/^/    /'
fi
echo "boot-virtio: $passed passed, $failed failed"
[ $failed -eq 0 ]
