#!/usr/bin/env python3
"""Raw gdb remote-protocol checks the gdb CLI cannot script well:
Ctrl-C (0x03) while running, qfThreadInfo with several vCPUs, Hg/T,
qSupported, a bad checksum.  Usage: rsp-client.py PORT NTHREADS"""
import socket, sys, time

port, nthreads = int(sys.argv[1]), int(sys.argv[2])
for _ in range(50):
    try:
        s = socket.create_connection(("127.0.0.1", port))
        break
    except OSError:
        time.sleep(0.1)
s.settimeout(10)
buf = b""

def frame(p):
    return b"$" + p + b"#%02x" % (sum(p) & 0xff)

def reply():
    global buf
    while True:
        i = buf.find(b"$")
        j = buf.find(b"#", i)
        if i >= 0 and j >= 0 and len(buf) >= j + 3:
            p, buf = buf[i + 1:j], buf[j + 3:]
            return p
        buf += s.recv(4096)

def cmd(p):
    s.sendall(frame(p))
    return reply()

fails = 0
def check(name, ok):
    global fails
    print(("ok   " if ok else "FAIL ") + name)
    fails += 0 if ok else 1

check("qSupported has PacketSize", b"PacketSize=" in cmd(b"qSupported:multiprocess+"))
check("? answers a stop reply", cmd(b"?").startswith(b"T05"))
want = b"m" + b",".join(b"%x" % (i + 1) for i in range(nthreads))
check("qfThreadInfo lists %d vCPUs" % nthreads, cmd(b"qfThreadInfo") == want)
check("Hg%x selects the last vCPU" % nthreads, cmd(b"Hg%x" % nthreads) == b"OK")
check("T of a missing thread is an error", cmd(b"T%x" % (nthreads + 5)).startswith(b"E"))
check("target.xml names the aarch64 core",
      b"org.gnu.gdb.aarch64.core" in cmd(b"qXfer:features:read:target.xml:0,3fb"))
s.sendall(b"$g#00")   # bad checksum: NAK
check("bad checksum is refused with -", s.recv(1) == b"-")
s.sendall(frame(b"vCont;c"))
time.sleep(0.3)
s.sendall(b"\x03")
r = reply()
check("Ctrl-C stops with SIGINT (%s)" % r.decode(), r.startswith(b"T02"))
check("registers readable after Ctrl-C", len(cmd(b"g")) > 33 * 16)
check("detach", cmd(b"D") == b"OK")
sys.exit(1 if fails else 0)
