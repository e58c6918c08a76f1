#!/bin/bash
# make check: boot Debian's arm64 kernel with a virtio-net device on
# -netdev user (libslirp, issue #9) and check from inside the guest that
#   - udhcpc gets 10.0.2.15 from slirp's DHCP server (and the MAC is the
#     default 52:54:00:12:34:56);
#   - wget http://10.0.2.2:PORT/ reaches a python3 http.server this script
#     runs on the host's loopback, and returns its page;
#   - hostfwd=tcp::HOSTPORT-:8080 lets a host client on 127.0.0.1:HOSTPORT
#     talk both ways with busybox nc listening on 8080 in the guest.
# The initramfs is built with tests/guest/mkinitramfs.sh --modules
# "virtio_mmio virtio_net" --add DIR; the script runs through
# test=script:net.sh and prints NET-* markers.
#   tests/suites-slow/boot-net.sh [CACHE_DIR]     (default tests/cache)
# BOOT_TIMEOUT (seconds, default 240) limits the run.  Skipped (77) when no
# kernel can be fetched or the emulator was built without libslirp.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${1:-$root/tests/cache}
sys=$root/build/aarch64-system
limit=${BOOT_TIMEOUT:-240}
image=$cache/arm64/Image
[ -x "$sys" ] || { echo "boot-net: $sys not built"; exit 1; }
if grep -q 'CONFIG_SLIRP = no' "$root/build/config.mk" 2>/dev/null; then
    echo "boot-net: built without libslirp; skipped"; exit 77
fi
if [ ! -f "$image" ] || [ ! -d "$cache/arm64/modules" ]; then
    "$root/tests/guest/fetch-debian-arm64.sh" --cache "$cache" > /dev/null 2>&1 ||
        { echo "boot-net: no kernel in $cache and cannot fetch it; skipped"; exit 77; }
fi
out=$root/build/tests/boot-net
rm -rf "$out"
mkdir -p "$out/add" "$out/www"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
http_port=$(free_port) fwd_port=$(free_port)
token="served-by-the-host-$$-$RANDOM"
echo "$token" > "$out/www/index.html"

cat > "$out/add/udhcpc.script" <<'GUEST'
#!/bin/sh
# busybox udhcpc calls this with deconfig/bound/renew and the lease in the environment.
case "$1" in
deconfig)
    ifconfig "$interface" 0.0.0.0 up ;;
bound|renew)
    ifconfig "$interface" "$ip" netmask "${subnet:-255.255.255.0}" up
    for r in $router; do route add default gw "$r" dev "$interface"; done
    echo "NET-DHCP-BOUND $ip router $router dns $dns" ;;
esac
exit 0
GUEST
cat > "$out/add/net.sh" <<GUEST
#!/bin/sh
# Runs in the guest.
for i in 1 2 3 4 5 6 7 8 9 10; do [ -e /sys/class/net/eth0 ] && break; sleep 1; done
echo "NET-MAC \$(cat /sys/class/net/eth0/address)"
ifconfig lo 127.0.0.1 up
ifconfig eth0 up
udhcpc -i eth0 -n -q -f -t 5 -T 3 -s /tests/udhcpc.script
ifconfig eth0
# No -T: Debian's busybox 1.35 wget segfaults with it (under qemu-aarch64 too);
# the host's timeout bounds the run.
page=\$(wget -q -O - http://10.0.2.2:$http_port/)
echo "NET-WGET [\$page]"
echo guest-says-hello-through-hostfwd > /tmp/payload
nc -l -p 8080 < /tmp/payload > /tmp/got &
pid=\$!
echo "NET-LISTENING"
for i in \$(seq 1 60); do kill -0 \$pid 2>/dev/null || break; sleep 1; done
kill \$pid 2>/dev/null
echo "NET-NC-GOT [\$(cat /tmp/got)]"
exit 0
GUEST
chmod +x "$out/add/net.sh" "$out/add/udhcpc.script"
initrd=$out/initramfs.cpio.gz
"$root/tests/guest/mkinitramfs.sh" --cache "$cache" --modules "virtio_mmio virtio_net" \
    --add "$out/add" --out "$initrd" > "$out/mkinitramfs.log" 2>&1 ||
    { echo "FAIL boot-net: mkinitramfs failed:"; tail -5 "$out/mkinitramfs.log"; exit 1; }

# The host's web server: loopback only, and it stops itself.
timeout "$limit" python3 -m http.server --bind 127.0.0.1 --directory "$out/www" "$http_port" \
    > "$out/http.log" 2>&1 &
http_pid=$!
log=$out/console.log st=0
timeout "$limit" "$sys" -M virt -cpu cortex-a57 -m 512M -kernel "$image" -initrd "$initrd" \
    -append "console=ttyAMA0 test=script:net.sh" -nographic -d guest_errors -D "$out/guest-errors.log" \
    -netdev user,id=n0,hostfwd=tcp::$fwd_port-:8080 -device virtio-net-device,netdev=n0 \
    < /dev/null > "$log" 2>&1 &
emu_pid=$!

# The hostfwd client: once the guest listens, read its greeting and answer.
python3 - "$log" "$fwd_port" "$limit" > "$out/hostfwd.log" 2>&1 <<'PY'
import socket, sys, time
log, port, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
deadline = time.time() + limit
while time.time() < deadline:
    try:
        text = open(log, errors="replace").read()
    except OSError:
        text = ""
    if "NET-LISTENING" in text:
        break
    if "TEST-EXIT" in text or "Power down" in text:
        sys.exit("guest finished before listening")
    time.sleep(0.5)
else:
    sys.exit("guest never listened")
time.sleep(1)
s = socket.create_connection(("127.0.0.1", port), timeout=30)
got = b""
while True:
    b = s.recv(4096)
    if not b:
        break
    got += b
print("HOST-GOT [%s]" % got.decode(errors="replace").strip())
s.sendall(b"host-answers-through-hostfwd\n")
s.close()
PY
client_st=$?
wait $emu_pid || st=$?
kill $http_pid 2>/dev/null
wait $http_pid 2>/dev/null

passed=0 failed=0
check() {  # label condition...
    local label=$1; shift
    if "$@"; then echo "ok   $label"; passed=$((passed + 1));
    else echo "FAIL $label"; failed=$((failed + 1)); fi
}
check "guest reached init" grep -q "BOOT-OK: busybox init reached" "$log"
check "eth0 has the default MAC 52:54:00:12:34:56" grep -q "NET-MAC 52:54:00:12:34:56" "$log"
check "udhcpc got 10.0.2.15 via 10.0.2.2" grep -q "NET-DHCP-BOUND 10.0.2.15 router 10.0.2.2" "$log"
check "wget of the host's http.server returns its page" grep -qF "NET-WGET [$token]" "$log"
check "host client read the guest's greeting through hostfwd" \
    grep -qF "HOST-GOT [guest-says-hello-through-hostfwd]" "$out/hostfwd.log"
check "guest read the host's answer through hostfwd" \
    grep -qF "NET-NC-GOT [host-answers-through-hostfwd]" "$log"
check "test script ran to the end, emulator exited 0" \
    bash -c "grep -q 'TEST-EXIT: net.sh 0' '$log' && [ $st -eq 0 ]"
if [ $failed -ne 0 ]; then
    echo "last console lines (exit status $st, hostfwd client $client_st):"
    tail -n 25 "$log" | sed 's/^/    /'
    sed 's/^/    hostfwd: /' "$out/hostfwd.log"
fi
echo "boot-net: $passed passed, $failed failed"
[ $failed -eq 0 ]
