/* CRC-32 and CRC-32C with the ACLE intrinsics (CRC32B/H/W/X, CRC32CB/H/W/X)
 * against bitwise software versions. */
#include <arm_acle.h>
#include "rt.h"

static uint32_t soft_crc(uint32_t crc, const uint8_t *p, size_t n, uint32_t poly)
{
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (poly & -(crc & 1));
    }
    return crc;
}

static uint32_t hw_crc(uint32_t crc, const uint8_t *p, size_t n, int castagnoli)
{
    /* mix every width: bytes until aligned, then 8, 4, 2 and 1 bytes */
    while (n && ((uintptr_t)p & 7)) {
        crc = castagnoli ? __crc32cb(crc, *p) : __crc32b(crc, *p);
        p++; n--;
    }
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t v; memcpy(&v, p, 8);
        crc = castagnoli ? __crc32cd(crc, v) : __crc32d(crc, v);
    }
    if (n >= 4) {
        uint32_t v; memcpy(&v, p, 4);
        crc = castagnoli ? __crc32cw(crc, v) : __crc32w(crc, v);
        p += 4; n -= 4;
    }
    if (n >= 2) {
        uint16_t v; memcpy(&v, p, 2);
        crc = castagnoli ? __crc32ch(crc, v) : __crc32h(crc, v);
        p += 2; n -= 2;
    }
    if (n) crc = castagnoli ? __crc32cb(crc, *p) : __crc32b(crc, *p);
    return crc;
}

static uint8_t data[1029];

int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    int bad = 0;
    uint32_t s = 1;
    for (size_t i = 0; i < sizeof(data); i++) {
        s = s * 1664525u + 1013904223u;
        data[i] = (uint8_t)(s >> 24);
    }
    static const size_t lens[] = {0, 1, 2, 3, 7, 8, 9, 15, 16, 100, 1000, 1028};
    for (int off = 0; off < 3; off++) {
        for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
            uint32_t h1 = ~hw_crc(~0u, data + off, lens[i], 0);
            uint32_t s1 = ~soft_crc(~0u, data + off, lens[i], 0xedb88320u);
            uint32_t h2 = ~hw_crc(~0u, data + off, lens[i], 1);
            uint32_t s2 = ~soft_crc(~0u, data + off, lens[i], 0x82f63b78u);
            bad += (h1 != s1) + (h2 != s2);
            put_hex(h1); put_char(' '); put_hex(h2); put_char('\n');
        }
    }
    /* the check values of the two standards */
    put_kv("crc32(123456789)", ~hw_crc(~0u, (const uint8_t *)"123456789", 9, 0));
    put_kv("crc32c(123456789)", ~hw_crc(~0u, (const uint8_t *)"123456789", 9, 1));
    put_kv("mismatches", (uint64_t)bad);
    return bad != 0;
}
