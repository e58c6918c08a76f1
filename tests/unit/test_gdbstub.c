/* The gdb stub's packet layer: checksums, framing, escaping, run-length, hex, the receiver. */
#include <string.h>
#include "gdbstub/gdbstub.h"
#include "runner.h"

static void test_checksum(void)
{
    /* "OK" = 0x4f + 0x4b = 0x9a; the empty packet sums to 0. */
    CU_ASSERT_EQUAL(gdb_checksum("OK", 2), 0x9a);
    CU_ASSERT_EQUAL(gdb_checksum("", 0), 0);
    /* The sum wraps modulo 256. */
    CU_ASSERT_EQUAL(gdb_checksum("\xff\x02", 2), 0x01);
}

static void test_frame(void)
{
    char out[32];
    CU_ASSERT_EQUAL(gdb_frame("OK", 2, out), 6);
    CU_ASSERT_STRING_EQUAL(out, "$OK#9a");
    CU_ASSERT_EQUAL(gdb_frame("", 0, out), 4);
    CU_ASSERT_STRING_EQUAL(out, "$#00");
}

static void test_escape_roundtrip(void)
{
    const uint8_t in[] = { 'a', '#', '$', '}', '*', 0, 0xff };
    char esc[32];
    uint8_t back[32];
    size_t n = gdb_escape(in, sizeof(in), esc);
    CU_ASSERT_EQUAL(n, sizeof(in) + 4);
    CU_ASSERT_EQUAL(esc[1], '}');
    CU_ASSERT_EQUAL(esc[2], '#' ^ 0x20);
    CU_ASSERT_EQUAL(gdb_unescape(esc, n, back), sizeof(in));
    CU_ASSERT_EQUAL(memcmp(back, in, sizeof(in)), 0);
}

static void test_rle(void)
{
    char out[64];
    /* "0* " is '0' then ' ' - 29 = 3 more copies. */
    CU_ASSERT_EQUAL(gdb_rle_expand("0* ", 3, out, sizeof(out)), 4);
    CU_ASSERT_EQUAL(memcmp(out, "0000", 4), 0);
    CU_ASSERT_EQUAL(gdb_rle_expand("ab", 2, out, sizeof(out)), 2);
    CU_ASSERT_EQUAL(gdb_rle_expand("0*~", 3, out, 8), -1);   /* 97 copies do not fit */
}

static void test_hex(void)
{
    const uint8_t b[] = { 0x00, 0x7f, 0xab };
    char h[8];
    uint8_t back[3];
    gdb_to_hex(b, 3, h);
    CU_ASSERT_STRING_EQUAL(h, "007fab");
    CU_ASSERT_EQUAL(gdb_from_hex("007FaB", 6, back), 3);
    CU_ASSERT_EQUAL(memcmp(back, b, 3), 0);
    CU_ASSERT_EQUAL(gdb_from_hex("0g", 2, back), -1);
    CU_ASSERT_EQUAL(gdb_from_hex("abc", 3, back), -1);
}

static GdbRxEvent feed(GdbRx *rx, const char *s)
{
    GdbRxEvent last = GDB_RX_NONE;
    for (; *s; s++) {
        GdbRxEvent e = gdb_rx_byte(rx, (uint8_t)*s);
        if (e != GDB_RX_NONE) {
            last = e;
        }
    }
    return last;
}

static void test_receiver(void)
{
    GdbRx rx;
    gdb_rx_init(&rx);
    CU_ASSERT_EQUAL(feed(&rx, "$g#67"), GDB_RX_PACKET);
    CU_ASSERT_STRING_EQUAL(rx.buf, "g");
    CU_ASSERT_EQUAL(feed(&rx, "$g#68"), GDB_RX_BAD_CHECKSUM);
    CU_ASSERT_EQUAL(gdb_rx_byte(&rx, 0x03), GDB_RX_INTERRUPT);
    CU_ASSERT_EQUAL(gdb_rx_byte(&rx, '+'), GDB_RX_ACK);
    CU_ASSERT_EQUAL(gdb_rx_byte(&rx, '-'), GDB_RX_NAK);
    /* An escaped '#' inside the payload does not end it; the raw bytes are kept for X. */
    char pkt[32], frame[40];
    strcpy(pkt, "Xa,1:}\x03");
    gdb_frame(pkt, strlen(pkt), frame);
    CU_ASSERT_EQUAL(feed(&rx, frame), GDB_RX_PACKET);
    CU_ASSERT_STRING_EQUAL(rx.buf, pkt);
    /* Noise before '$' is ignored. */
    CU_ASSERT_EQUAL(feed(&rx, "xyz$qC#b4"), GDB_RX_PACKET);
    CU_ASSERT_STRING_EQUAL(rx.buf, "qC");
}

static CU_TestInfo tests[] = {
    { "checksum", test_checksum },
    { "frame", test_frame },
    { "escape round trip", test_escape_roundtrip },
    { "run-length expansion", test_rle },
    { "hex", test_hex },
    { "receiver", test_receiver },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("gdbstub", tests);
}
