/* Unit tests of the boot loaders (boot/image.c) and device-tree generation (boot/fdt.c). */
#include <elf.h>
#include <glib.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "boot/fdt.h"
#include "boot/image.h"
#include "hw/clock.h"
#include "hw/memory.h"
#include "hw/pl011.h"
#include "hw/pl031.h"
#include "runner.h"

#define RAM_BASE 0x40000000ull
#define RAM_SIZE (16ull << 20)
#define FLASH_SIZE (1ull << 20)
#define IMG_FILE 0x2000u        /* synthetic Image: file length */
#define IMG_SIZE 0x10000u       /* its image_size (file + BSS) */

static const uint8_t gz_dynamic[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x9d, 0xd8, 0xc9, 0x71, 0x14, 0x51,
    0x14, 0x45, 0xc1, 0x3d, 0x56, 0x94, 0x09, 0x9c, 0xfa, 0x35, 0xe2, 0x0d, 0x43, 0x03, 0x82, 0x46,
    0x0d, 0x12, 0x62, 0xb2, 0x1e, 0x82, 0xc0, 0x01, 0xf2, 0x6d, 0x5f, 0xdc, 0xdd, 0x59, 0xe5, 0xf5,
    0xee, 0xfe, 0x32, 0x3d, 0xff, 0x73, 0x2f, 0xa6, 0xaf, 0xef, 0x2f, 0xd3, 0x97, 0xa7, 0xbb, 0xd7,
    0x1f, 0xa7, 0x57, 0x0f, 0xb7, 0xef, 0xf7, 0xd3, 0xdb, 0xdb, 0x8f, 0xe9, 0xc3, 0xd3, 0xa7, 0xcf,
    0x8f, 0xd3, 0xed, 0xdb, 0xe5, 0xe1, 0xef, 0xfb, 0xfa, 0xf2, 0xd7, 0xcf, 0xe9, 0xcd, 0xed, 0xdd,
    0xb3, 0xeb, 0xbf, 0x59, 0x36, 0x9b, 0x6d, 0x36, 0x6c, 0xb6, 0xd8, 0x6c, 0xb5, 0xd9, 0x66, 0xb3,
    0xdd, 0x66, 0x87, 0xcd, 0x4e, 0x9a, 0x65, 0x95, 0x64, 0x95, 0x64, 0x95, 0x64, 0x95, 0x64, 0x95,
    0x64, 0x95, 0x64, 0x95, 0x64, 0x95, 0x64, 0x95, 0x64, 0x95, 0xcc, 0x56, 0xc9, 0x6c, 0x95, 0xcc,
    0x56, 0xc9, 0x6c, 0x95, 0xcc, 0x56, 0xc9, 0x6c, 0x95, 0xcc, 0x56, 0xc9, 0x6c, 0x95, 0xcc, 0x56,
    0xc9, 0x6c, 0x95, 0x0c, 0xab, 0x64, 0x58, 0x25, 0xc3, 0x2a, 0x19, 0x56, 0xc9, 0xb0, 0x4a, 0x86,
    0x55, 0x32, 0xac, 0x92, 0x61, 0x95, 0x0c, 0xab, 0x64, 0x58, 0x25, 0x8b, 0x55, 0xb2, 0x58, 0x25,
    0x8b, 0x55, 0xb2, 0x58, 0x25, 0x8b, 0x55, 0xb2, 0x58, 0x25, 0x8b, 0x55, 0xb2, 0x58, 0x25, 0x8b,
    0x55, 0xb2, 0x58, 0x25, 0xab, 0x55, 0xb2, 0x5a, 0x25, 0xab, 0x55, 0xb2, 0x5a, 0x25, 0xab, 0x55,
    0xb2, 0x5a, 0x25, 0xab, 0x55, 0xb2, 0x5a, 0x25, 0xab, 0x55, 0xb2, 0x5a, 0x25, 0x9b, 0x55, 0xb2,
    0x59, 0x25, 0x9b, 0x55, 0xb2, 0x59, 0x25, 0x9b, 0x55, 0xb2, 0x59, 0x25, 0x9b, 0x55, 0xb2, 0x59,
    0x25, 0x9b, 0x55, 0xb2, 0x59, 0x25, 0xbb, 0x55, 0xb2, 0x5b, 0x25, 0xbb, 0x55, 0xb2, 0x5b, 0x25,
    0xbb, 0x55, 0xb2, 0x5b, 0x25, 0xbb, 0x55, 0xb2, 0x5b, 0x25, 0xbb, 0x55, 0xb2, 0x5b, 0x25, 0x87,
    0x55, 0x72, 0x58, 0x25, 0x87, 0x55, 0x72, 0x58, 0x25, 0x87, 0x55, 0x72, 0x58, 0x25, 0x87, 0x55,
    0x72, 0x58, 0x25, 0x87, 0x55, 0x72, 0x58, 0x25, 0xa7, 0x55, 0x72, 0x5a, 0x25, 0xa7, 0x55, 0x72,
    0x5a, 0x25, 0xa7, 0x55, 0x72, 0x5a, 0x25, 0xa7, 0x55, 0x72, 0x5a, 0x25, 0xa7, 0x55, 0x72, 0x52,
    0x25, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9,
    0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6,
    0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd,
    0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf,
    0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b,
    0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a,
    0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66,
    0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99,
    0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66,
    0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9,
    0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6,
    0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd,
    0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf,
    0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b, 0x66, 0xaf, 0x99, 0xbd, 0x66, 0xf6, 0x9a, 0xd9, 0x6b,
    0xff, 0x6b, 0xaf, 0xbf, 0x01, 0x26, 0xd0, 0x9c, 0x27, 0xf8, 0x2a, 0x00, 0x00,
};
static const uint8_t gz_fixed[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4b, 0x4c, 0x4a, 0x4e, 0xc4, 0x8d,
    0x14, 0x32, 0x52, 0x73, 0x72, 0xf2, 0x31, 0x49, 0x45, 0x00, 0x50, 0x21, 0xca, 0xe4, 0x37, 0x00,
    0x00, 0x00,
};

typedef struct Board {
    AddressSpace as;
    MemoryRegion ram, flash;
    BootTarget t;
} Board;

static void board_init(Board *b)
{
    memset(b, 0, sizeof(*b));
    address_space_init(&b->as);
    b->ram = (MemoryRegion){ .name = "ram", .base = RAM_BASE, .size = RAM_SIZE,
                               .host = g_malloc0(RAM_SIZE) };
    b->flash = (MemoryRegion){ .name = "flash0", .base = 0, .size = FLASH_SIZE,
                                 .host = g_malloc0(FLASH_SIZE), .readonly = true };
    address_space_add(&b->as, &b->ram);
    address_space_add(&b->as, &b->flash);
    b->t = (BootTarget){ &b->as, RAM_BASE, RAM_SIZE, 0, FLASH_SIZE, 0 };
}

static void board_free(Board *b)
{
    g_free(b->ram.host);
    g_free(b->flash.host);
}

static uint8_t *ram_at(Board *b, uint64_t addr)
{
    return b->ram.host + (addr - RAM_BASE);
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, v >> 32);
}

/*
 * An EFI-stub style arm64 Image: the 64-byte header (booting.rst), a PE
 * header at 0x40 with one section whose raw data runs to IMG_FILE, then a
 * byte pattern.
 */
static uint8_t *make_image(uint64_t text_offset, uint64_t flags)
{
    uint8_t *d = g_malloc0(IMG_FILE);
    for (unsigned i = 64; i < IMG_FILE; i++) {
        d[i] = (uint8_t)(i * 7 + 3);
    }
    memset(d + 0x40, 0, 0xc0);             /* PE headers: fields not set below are 0 */
    d[0] = 'M';
    d[1] = 'Z';
    put64(d + 8, text_offset);
    put64(d + 16, IMG_SIZE);
    put64(d + 24, flags);
    put32(d + 56, BOOT_IMAGE_MAGIC);
    put32(d + 60, 0x40);                    /* PE header offset */
    memcpy(d + 0x40, "PE\0\0", 4);
    d[0x40 + 6] = 1;                        /* NumberOfSections */
    d[0x40 + 20] = 0;                       /* SizeOfOptionalHeader */
    put32(d + 0x58 + 16, 0x1000);           /* section: SizeOfRawData */
    put32(d + 0x58 + 20, IMG_FILE - 0x1000);/* PointerToRawData */
    return d;
}

/* ---- a tiny gzip writer: stored blocks, or fixed-Huffman literals ---- */

static uint32_t crc32_ref(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffff;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xedb88320 & -(c & 1));
        }
    }
    return ~c;
}

typedef struct BitWriter {
    GByteArray *a;
    uint32_t acc;
    unsigned n;
} BitWriter;

static void bits(BitWriter *w, uint32_t v, unsigned n)   /* LSB first */
{
    for (unsigned i = 0; i < n; i++) {
        w->acc |= ((v >> i) & 1) << w->n;
        if (++w->n == 8) {
            uint8_t b = w->acc;
            g_byte_array_append(w->a, &b, 1);
            w->acc = w->n = 0;
        }
    }
}

static void huff(BitWriter *w, uint32_t code, unsigned n)   /* MSB first */
{
    for (int i = n - 1; i >= 0; i--) {
        bits(w, (code >> i) & 1, 1);
    }
}

static void lit(BitWriter *w, unsigned v)
{
    if (v < 144) {
        huff(w, 0x30 + v, 8);
    } else if (v < 256) {
        huff(w, 0x190 + v - 144, 9);
    } else if (v < 280) {
        huff(w, v - 256, 7);
    } else {
        huff(w, 0xc0 + v - 280, 8);
    }
}

static GByteArray *make_gzip(const uint8_t *d, size_t n, bool fixed)
{
    static const uint8_t hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
    BitWriter w = { g_byte_array_new(), 0, 0 };
    uint8_t tail[8];

    g_byte_array_append(w.a, hdr, 10);
    if (fixed) {
        bits(&w, 1, 1);
        bits(&w, 1, 2);
        for (size_t i = 0; i < n; i++) {
            lit(&w, d[i]);
        }
        lit(&w, 256);
        if (w.n) {
            bits(&w, 0, 8 - w.n);
        }
    } else {
        size_t off = 0;
        do {
            size_t chunk = MIN(n - off, (size_t)0xffff);
            uint8_t l[4] = { chunk & 0xff, chunk >> 8, ~chunk & 0xff, (~chunk >> 8) & 0xff };
            bits(&w, off + chunk == n, 1);
            bits(&w, 0, 2);
            bits(&w, 0, 5);   /* to the byte boundary */
            g_byte_array_append(w.a, l, 4);
            g_byte_array_append(w.a, d + off, chunk);
            off += chunk;
        } while (off < n);
    }
    put32(tail, crc32_ref(d, n));
    put32(tail + 4, (uint32_t)n);
    g_byte_array_append(w.a, tail, 8);
    return w.a;
}

/* ---- a minimal ELF64 ---- */

static uint8_t *make_elf(size_t *len, uint64_t paddr, uint16_t machine)
{
    size_t n = 0x1000 + 16;
    uint8_t *d = g_malloc0(n);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)d;
    Elf64_Phdr *ph = (Elf64_Phdr *)(d + sizeof(*eh));

    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = machine;
    eh->e_version = EV_CURRENT;
    eh->e_entry = paddr + 8;
    eh->e_phoff = sizeof(*eh);
    eh->e_ehsize = sizeof(*eh);
    eh->e_phentsize = sizeof(*ph);
    eh->e_phnum = 1;
    ph->p_type = PT_LOAD;
    ph->p_flags = PF_R | PF_X;
    ph->p_offset = 0x1000;
    ph->p_vaddr = paddr;
    ph->p_paddr = paddr;
    ph->p_filesz = 16;
    ph->p_memsz = 64;
    ph->p_align = 0x1000;
    for (int i = 0; i < 16; i++) {
        d[0x1000 + i] = 0xa0 + i;
    }
    *len = n;
    return d;
}

/* ---- loaders ---- */

static void test_image_good(void)
{
    Board b;
    BootKernel k;
    EmuError err = { "" };
    uint8_t *img = make_image(0, 1 << 1);   /* LE, 4K pages */

    board_init(&b);
    memset(ram_at(&b, RAM_BASE + IMG_FILE), 0x5a, 64);   /* BSS must be cleared */
    CU_ASSERT_TRUE(boot_load_kernel_data(&b.t, img, IMG_FILE, "Image", &k, &err));
    CU_ASSERT_EQUAL(k.kind, BOOT_KIND_IMAGE);
    CU_ASSERT_EQUAL(k.load_addr, RAM_BASE);
    CU_ASSERT_EQUAL(k.entry, RAM_BASE);
    CU_ASSERT_EQUAL(k.end, RAM_BASE + IMG_SIZE);
    CU_ASSERT_EQUAL(memcmp(ram_at(&b, RAM_BASE), img, IMG_FILE), 0);
    CU_ASSERT_EQUAL(*ram_at(&b, RAM_BASE + IMG_FILE), 0);

    /* text_offset is honoured from the 2 MiB aligned base. */
    g_free(img);
    img = make_image(0x80000, 0);
    CU_ASSERT_TRUE(boot_load_kernel_data(&b.t, img, IMG_FILE, "Image", &k, &err));
    CU_ASSERT_EQUAL(k.entry, RAM_BASE + 0x80000);
    CU_ASSERT_EQUAL(memcmp(ram_at(&b, RAM_BASE + 0x80000), img, IMG_FILE), 0);
    g_free(img);
    board_free(&b);
}

static void test_image_bad(void)
{
    Board b;
    BootKernel k;
    EmuError err = { "" };
    uint8_t *img = make_image(0, 0);

    board_init(&b);
    /* Shorter than its PE sections say. */
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, img, IMG_FILE - 0x800, "Image", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "truncated"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "Image:"));
    CU_ASSERT_EQUAL(*ram_at(&b, RAM_BASE), 0);   /* nothing written */
    /* Shorter than the header. */
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, img, 40, "Image", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "truncated"));
    /* Big-endian. */
    put64(img + 24, 1);
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, img, IMG_FILE, "Image", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "big-endian"));
    /* 16K pages on a CPU with 4K and 64K granules only (Cortex-A57). */
    put64(img + 24, 2 << 1);
    b.t.page_sizes = BOOT_PAGES_4K | BOOT_PAGES_64K;
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, img, IMG_FILE, "Image", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "16K"));
    put64(img + 24, 3 << 1);
    CU_ASSERT_TRUE(boot_load_kernel_data(&b.t, img, IMG_FILE, "Image", &k, &err));
    /* image_size beyond RAM. */
    put64(img + 16, RAM_SIZE);
    put64(img + 8, 0x200000);
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, img, IMG_FILE, "Image", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "beyond the end of RAM"));
    /* File longer than image_size. */
    put64(img + 8, 0);
    put64(img + 16, 0x100);
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, img, IMG_FILE, "Image", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "image_size"));
    g_free(img);
    board_free(&b);
}

static void test_gzip_image(void)
{
    Board b;
    BootKernel k;
    EmuError err = { "" };
    uint8_t *img = make_image(0, 0);

    board_init(&b);
    for (int fixed = 0; fixed < 2; fixed++) {
        GByteArray *gz = make_gzip(img, IMG_FILE, fixed);
        memset(b.ram.host, 0, IMG_FILE);
        CU_ASSERT_TRUE(boot_load_kernel_data(&b.t, gz->data, gz->len, "Image.gz", &k, &err));
        CU_ASSERT_EQUAL(k.kind, BOOT_KIND_IMAGE_GZ);
        CU_ASSERT_EQUAL(k.end, RAM_BASE + IMG_SIZE);
        CU_ASSERT_EQUAL(memcmp(ram_at(&b, RAM_BASE), img, IMG_FILE), 0);
        /* Truncated stream. */
        CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, gz->data, gz->len / 2, "Image.gz", &k, &err));
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "truncated gzip"));
        /* Corrupt CRC. */
        gz->data[gz->len - 6] ^= 0x40;
        CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, gz->data, gz->len, "Image.gz", &k, &err));
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "corrupt gzip"));
        g_byte_array_free(gz, TRUE);
    }
    /* Compressed, but not an Image. */
    {
        GByteArray *gz = make_gzip((const uint8_t *)"just some text", 14, true);
        CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, gz->data, gz->len, "x.gz", &k, &err));
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not an arm64 Image"));
        g_byte_array_free(gz, TRUE);
    }
    g_free(img);
    board_free(&b);
}

static void test_gunzip_real_streams(void)
{
    GString *want = g_string_new(NULL);
    uint8_t *out;
    size_t len;
    EmuError err = { "" };
    uint8_t bad[sizeof(gz_dynamic)];

    for (int i = 0; i < 200; i++) {
        g_string_append_printf(want, "line %04d: the quick brown fox jumps over the lazy dog\n", i);
    }
    /* Made by a real deflate encoder: dynamic Huffman codes and back-references. */
    CU_ASSERT_TRUE(boot_gunzip(gz_dynamic, sizeof(gz_dynamic), 1 << 20, "d", &out, &len, &err));
    CU_ASSERT_EQUAL(len, want->len);
    CU_ASSERT_EQUAL(memcmp(out, want->str, want->len), 0);
    g_free(out);
    CU_ASSERT_TRUE(boot_gunzip(gz_fixed, sizeof(gz_fixed), 1 << 20, "f", &out, &len, &err));
    CU_ASSERT_EQUAL(len, 55);
    CU_ASSERT_EQUAL(memcmp(out, "abcabcabcabcabcabcabcabcabcabc hello hello hello hello!", 55), 0);
    g_free(out);
    /* Output limit. */
    CU_ASSERT_FALSE(boot_gunzip(gz_dynamic, sizeof(gz_dynamic), 4096, "d", &out, &len, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "more than 4096"));
    /* Corrupt block type. */
    memcpy(bad, gz_dynamic, sizeof(bad));
    bad[10] |= 6;
    CU_ASSERT_FALSE(boot_gunzip(bad, sizeof(bad), 1 << 20, "d", &out, &len, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "corrupt gzip"));
    /* Truncated in the trailer. */
    CU_ASSERT_FALSE(boot_gunzip(gz_dynamic, sizeof(gz_dynamic) - 3, 1 << 20, "d", &out, &len, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "truncated"));
    g_string_free(want, TRUE);
}

static void test_elf(void)
{
    Board b;
    BootKernel k;
    EmuError err = { "" };
    size_t len;
    uint8_t *elf = make_elf(&len, RAM_BASE + 0x100000, EM_AARCH64);

    board_init(&b);
    memset(ram_at(&b, RAM_BASE + 0x100000), 0xee, 64);
    CU_ASSERT_TRUE(boot_load_kernel_data(&b.t, elf, len, "prog.elf", &k, &err));
    CU_ASSERT_EQUAL(k.kind, BOOT_KIND_ELF);
    CU_ASSERT_EQUAL(k.entry, RAM_BASE + 0x100008);
    CU_ASSERT_EQUAL(k.load_addr, RAM_BASE + 0x100000);
    CU_ASSERT_EQUAL(k.end, RAM_BASE + 0x100040);
    CU_ASSERT_EQUAL(memcmp(ram_at(&b, RAM_BASE + 0x100000), elf + 0x1000, 16), 0);
    CU_ASSERT_EQUAL(*ram_at(&b, RAM_BASE + 0x100010), 0);   /* memsz beyond filesz zeroed */
    g_free(elf);

    /* Bare-metal program in flash. */
    elf = make_elf(&len, 0x1000, EM_AARCH64);
    CU_ASSERT_TRUE(boot_load_kernel_data(&b.t, elf, len, "rom.elf", &k, &err));
    CU_ASSERT_EQUAL(b.flash.host[0x1000], 0xa0);
    CU_ASSERT_EQUAL(k.entry, 0x1008);
    g_free(elf);

    /* Outside RAM and flash. */
    elf = make_elf(&len, 0x8000000, EM_AARCH64);
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, elf, len, "bad.elf", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not inside RAM or flash"));
    g_free(elf);

    /* Wrong machine, truncated. */
    elf = make_elf(&len, RAM_BASE, EM_X86_64);
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, elf, len, "x86.elf", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "AArch64"));
    g_free(elf);
    elf = make_elf(&len, RAM_BASE, EM_AARCH64);
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, elf, 0x1008, "short.elf", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "truncated"));
    elf[EI_CLASS] = ELFCLASS32;
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, elf, len, "e32.elf", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "64-bit"));
    g_free(elf);
    board_free(&b);
}

static void test_raw_and_bios(void)
{
    Board b;
    BootKernel k;
    EmuError err = { "" };
    uint8_t *big = g_malloc0(RAM_SIZE + 1);
    static const uint8_t prog[8] = { 0x00, 0x00, 0x00, 0x14, 1, 2, 3, 4 };   /* b . */

    board_init(&b);
    CU_ASSERT_TRUE(boot_load_kernel_data(&b.t, prog, sizeof(prog), "raw.bin", &k, &err));
    CU_ASSERT_EQUAL(k.kind, BOOT_KIND_RAW);
    CU_ASSERT_EQUAL(k.entry, RAM_BASE);
    CU_ASSERT_EQUAL(memcmp(ram_at(&b, RAM_BASE), prog, 8), 0);
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, big, RAM_SIZE + 1, "huge.bin", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "does not fit"));
    CU_ASSERT_FALSE(boot_load_kernel_data(&b.t, prog, 0, "empty", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "empty"));

    CU_ASSERT_TRUE(boot_load_bios_data(&b.t, prog, sizeof(prog), "fw.bin", &k, &err));
    CU_ASSERT_EQUAL(k.kind, BOOT_KIND_BIOS);
    CU_ASSERT_EQUAL(k.entry, 0);
    CU_ASSERT_EQUAL(memcmp(b.flash.host, prog, 8), 0);
    CU_ASSERT_FALSE(boot_load_bios_data(&b.t, big, FLASH_SIZE + 1, "fw.bin", &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "flash"));
    g_free(big);
    board_free(&b);
}

static void test_initrd_dtb_entry(void)
{
    Board b;
    BootKernel k;
    BootEntry e;
    EmuError err = { "" };
    uint8_t *img = make_image(0, 0);
    uint8_t rd[5000], *huge;
    uint64_t start, end, dtb;
    uint8_t blob[64] = { 0xd0, 0x0d, 0xfe, 0xed };

    for (unsigned i = 0; i < sizeof(rd); i++) {
        rd[i] = i * 13;
    }
    board_init(&b);
    CU_ASSERT_TRUE(boot_load_kernel_data(&b.t, img, IMG_FILE, "Image", &k, &err));
    CU_ASSERT_TRUE(boot_load_initrd_data(&b.t, rd, sizeof(rd), "initrd", &k, &start, &end, &err));
    CU_ASSERT_TRUE(start >= k.end);
    CU_ASSERT_EQUAL(start % 4096, 0);
    CU_ASSERT_EQUAL(end - start, sizeof(rd));
    CU_ASSERT_EQUAL(memcmp(ram_at(&b, start), rd, sizeof(rd)), 0);

    huge = g_malloc0(RAM_SIZE);
    CU_ASSERT_FALSE(boot_load_initrd_data(&b.t, huge, RAM_SIZE - 0x1000, "big.cpio", &k, &start, &end, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "does not fit"));
    g_free(huge);

    CU_ASSERT_TRUE(boot_load_initrd_data(&b.t, rd, sizeof(rd), "initrd", &k, &start, &end, &err));
    CU_ASSERT_TRUE(boot_load_dtb(&b.t, &k, end, blob, sizeof(blob), &dtb, &err));
    CU_ASSERT_TRUE(dtb >= end);
    CU_ASSERT_EQUAL(dtb % (2 << 20), 0);
    CU_ASSERT_EQUAL(memcmp(ram_at(&b, dtb), blob, sizeof(blob)), 0);
    CU_ASSERT_FALSE(boot_load_dtb(&b.t, &k, end, blob, FDT_MAX_SIZE + 1, &dtb, &err));

    boot_entry(&k, dtb, &e);
    CU_ASSERT_EQUAL(e.pc, RAM_BASE);
    CU_ASSERT_EQUAL(e.x[0], dtb);
    CU_ASSERT_EQUAL(e.x[1] | e.x[2] | e.x[3], 0);

    /* Firmware boots find the DTB at the RAM base; the initrd goes after its slot. */
    CU_ASSERT_TRUE(boot_load_bios_data(&b.t, blob, 4, "fw", &k, &err));
    CU_ASSERT_TRUE(boot_load_dtb(&b.t, &k, 0, blob, sizeof(blob), &dtb, &err));
    CU_ASSERT_EQUAL(dtb, RAM_BASE);
    CU_ASSERT_TRUE(boot_load_initrd_data(&b.t, rd, sizeof(rd), "initrd", &k, &start, &end, &err));
    CU_ASSERT_EQUAL(start, RAM_BASE + FDT_MAX_SIZE);
    g_free(img);
    board_free(&b);
}

static void test_files(void)
{
    Board b;
    BootKernel k;
    EmuError err = { "" };
    char path[] = "/tmp/test_boot_XXXXXX";
    int fd = mkstemp(path);
    uint8_t *img = make_image(0, 0);

    board_init(&b);
    CU_ASSERT_TRUE(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, img, IMG_FILE), IMG_FILE);
    close(fd);
    CU_ASSERT_TRUE(boot_load_kernel(&b.t, path, &k, &err));
    CU_ASSERT_EQUAL(memcmp(ram_at(&b, RAM_BASE), img, IMG_FILE), 0);
    unlink(path);
    CU_ASSERT_FALSE(boot_load_kernel(&b.t, path, &k, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "kernel: cannot read"));
    CU_ASSERT_FALSE(boot_load_initrd(&b.t, "/nonexistent/initrd", &k, &k.load_addr, &k.end, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "initrd"));
    g_free(img);
    board_free(&b);
}

/* ---- device tree ---- */

static void noop_irq(void *opaque, int n, int level)
{
}

static bool prop_is_u32(const void *fdt, const char *path, const char *name, uint32_t want)
{
    int len, node = fdt_path_offset(fdt, path);
    const fdt32_t *p = node < 0 ? NULL : fdt_getprop(fdt, node, name, &len);
    return p && len == 4 && fdt32_to_cpu(*p) == want;
}

static bool prop_is_str(const void *fdt, const char *path, const char *name, const char *want)
{
    int len, node = fdt_path_offset(fdt, path);
    const char *p = node < 0 ? NULL : fdt_getprop(fdt, node, name, &len);
    return p && len == (int)strlen(want) + 1 && !memcmp(p, want, len);
}

static bool prop_is_cells(const void *fdt, const char *path, const char *name, const uint32_t *want,
                          int n)
{
    int len, node = fdt_path_offset(fdt, path);
    const fdt32_t *p = node < 0 ? NULL : fdt_getprop(fdt, node, name, &len);
    if (!p || len != n * 4) {
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (fdt32_to_cpu(p[i]) != want[i]) {
            return false;
        }
    }
    return true;
}

static void build_tree(FdtBoardInfo *info, PL011State *uart, PL031State *rtc, void **blob, size_t *size)
{
    EmuError err = { "" };
    FdtBuilder *b = fdt_builder_new(info, &err);

    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    pl011_init(uart, 0x9000000, irq_line(noop_irq, NULL, 0), 1);
    pl031_init(rtc, 0x9010000, irq_line(noop_irq, NULL, 0), 2, 0);
    fdt_builder_add_device(b, pl011_fdt_node, uart);
    fdt_builder_add_device(b, pl031_fdt_node, rtc);
    CU_ASSERT_TRUE(fdt_builder_finish(b, blob, size, &err));
    fdt_builder_free(b);
    timer_del(&rtc->alarm);
}

static void test_fdt_virt(void)
{
    FdtBoardInfo info = { RAM_BASE, 1ull << 30, 2, fdt_cpu_compatible(CPU_CORTEX_A72), "hvc",
                          "console=ttyAMA0 root=/dev/vda", NULL, 0x48000000, 0x48100000 };
    PL011State uart;
    PL031State rtc;
    void *fdt;
    size_t size;
    const uint32_t mem[4] = { 0, 0x40000000, 0, 0x40000000 };
    const uint32_t uart_reg[4] = { 0, 0x9000000, 0, 0x1000 };
    const uint32_t uart_irq[3] = { 0, 1, 4 };
    const uint32_t rtc_irq[3] = { 0, 2, 4 };
    const uint32_t clk2[2] = { 0x8001, 0x8001 };
    const char *s;
    int len;

    clock_set_manual(true);
    build_tree(&info, &uart, &rtc, &fdt, &size);
    CU_ASSERT_EQUAL(fdt_check_header(fdt), 0);
    CU_ASSERT_TRUE(size <= FDT_MAX_SIZE);
    CU_ASSERT_EQUAL(fdt_totalsize(fdt), size);
    CU_ASSERT_TRUE(prop_is_str(fdt, "/", "compatible", "linux,dummy-virt"));
    CU_ASSERT_TRUE(prop_is_u32(fdt, "/", "#address-cells", 2));
    CU_ASSERT_TRUE(prop_is_u32(fdt, "/", "#size-cells", 2));
    CU_ASSERT_TRUE(prop_is_u32(fdt, "/", "interrupt-parent", 0x8000));
    CU_ASSERT_TRUE(prop_is_cells(fdt, "/memory@40000000", "reg", mem, 4));
    CU_ASSERT_TRUE(prop_is_str(fdt, "/memory@40000000", "device_type", "memory"));
    CU_ASSERT_TRUE(prop_is_str(fdt, "/chosen", "bootargs", "console=ttyAMA0 root=/dev/vda"));
    CU_ASSERT_TRUE(prop_is_str(fdt, "/chosen", "stdout-path", "/pl011@9000000"));
    s = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "linux,initrd-start", &len);
    CU_ASSERT_TRUE(s && len == 8 && fdt64_to_cpu(*(const fdt64_t *)s) == 0x48000000);
    s = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "linux,initrd-end", &len);
    CU_ASSERT_TRUE(s && len == 8 && fdt64_to_cpu(*(const fdt64_t *)s) == 0x48100000);

    CU_ASSERT_TRUE(prop_is_u32(fdt, "/cpus", "#address-cells", 1));
    CU_ASSERT_TRUE(prop_is_u32(fdt, "/cpus", "#size-cells", 0));
    CU_ASSERT_TRUE(prop_is_str(fdt, "/cpus/cpu@0", "compatible", "arm,cortex-a72"));
    CU_ASSERT_TRUE(prop_is_str(fdt, "/cpus/cpu@1", "device_type", "cpu"));
    CU_ASSERT_TRUE(prop_is_u32(fdt, "/cpus/cpu@1", "reg", 1));
    CU_ASSERT_TRUE(prop_is_str(fdt, "/cpus/cpu@1", "enable-method", "psci"));
    CU_ASSERT_TRUE(fdt_path_offset(fdt, "/cpus/cpu@2") < 0);
    CU_ASSERT_TRUE(prop_is_str(fdt, "/psci", "method", "hvc"));
    s = fdt_getprop(fdt, fdt_path_offset(fdt, "/psci"), "compatible", &len);
    CU_ASSERT_TRUE(s && len == 35 && !memcmp(s, "arm,psci-1.0\0arm,psci-0.2\0arm,psci", 35));
    CU_ASSERT_TRUE(prop_is_u32(fdt, "/psci", "cpu_on", 0xc4000003));

    CU_ASSERT_TRUE(prop_is_str(fdt, "/apb-pclk", "compatible", "fixed-clock"));
    CU_ASSERT_TRUE(prop_is_u32(fdt, "/apb-pclk", "clock-frequency", 24000000));
    CU_ASSERT_TRUE(prop_is_u32(fdt, "/apb-pclk", "#clock-cells", 0));
    CU_ASSERT_TRUE(prop_is_u32(fdt, "/apb-pclk", "phandle", 0x8001));

    s = fdt_getprop(fdt, fdt_path_offset(fdt, "/pl011@9000000"), "compatible", &len);
    CU_ASSERT_TRUE(s && len == 24 && !memcmp(s, "arm,pl011\0arm,primecell", 24));
    CU_ASSERT_TRUE(prop_is_cells(fdt, "/pl011@9000000", "reg", uart_reg, 4));
    CU_ASSERT_TRUE(prop_is_cells(fdt, "/pl011@9000000", "interrupts", uart_irq, 3));
    CU_ASSERT_TRUE(prop_is_cells(fdt, "/pl011@9000000", "clocks", clk2, 2));
    s = fdt_getprop(fdt, fdt_path_offset(fdt, "/pl011@9000000"), "clock-names", &len);
    CU_ASSERT_TRUE(s && len == 17 && !memcmp(s, "uartclk\0apb_pclk", 17));
    s = fdt_getprop(fdt, fdt_path_offset(fdt, "/pl031@9010000"), "compatible", &len);
    CU_ASSERT_TRUE(s && len == 24 && !memcmp(s, "arm,pl031\0arm,primecell", 24));
    CU_ASSERT_TRUE(prop_is_cells(fdt, "/pl031@9010000", "interrupts", rtc_irq, 3));
    CU_ASSERT_TRUE(prop_is_str(fdt, "/pl031@9010000", "clock-names", "apb_pclk"));
    g_free(fdt);

    /* One CPU, no PSCI, no initrd, no bootargs. */
    info.nb_cpus = 1;
    info.psci_method = NULL;
    info.bootargs = NULL;
    info.initrd_start = info.initrd_end = 0;
    info.cpu_compatible = fdt_cpu_compatible(CPU_MAX);
    build_tree(&info, &uart, &rtc, &fdt, &size);
    CU_ASSERT_TRUE(fdt_path_offset(fdt, "/psci") < 0);
    CU_ASSERT_PTR_NULL(fdt_getprop(fdt, fdt_path_offset(fdt, "/cpus/cpu@0"), "enable-method", NULL));
    CU_ASSERT_PTR_NULL(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", NULL));
    CU_ASSERT_PTR_NULL(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "linux,initrd-start", NULL));
    CU_ASSERT_TRUE(prop_is_str(fdt, "/cpus/cpu@0", "compatible", "arm,arm-v8"));
    g_free(fdt);
}

static void big_writer(FdtBuilder *b, void *opaque)
{
    static uint8_t junk[64 << 10];
    for (int i = 0; i < 40; i++) {
        int n = fdtb_node(b, 0, "junk@%d", i);
        fdtb_check(b, fdt_setprop(fdtb_blob(b), n < 0 ? 0 : n, "data", junk, sizeof(junk)), "junk");
    }
}

static void test_fdt_too_big(void)
{
    FdtBoardInfo info = { RAM_BASE, RAM_SIZE, 1, "arm,cortex-a57", "smc", NULL, NULL, 0, 0 };
    EmuError err = { "" };
    FdtBuilder *b = fdt_builder_new(&info, &err);
    void *blob;
    size_t size;

    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    fdt_builder_add_device(b, big_writer, NULL);
    CU_ASSERT_FALSE(fdt_builder_finish(b, &blob, &size, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "larger than"));
    fdt_builder_free(b);
}

static void test_dumpdtb_and_user_dtb(void)
{
    FdtBoardInfo info = { RAM_BASE, 1ull << 30, 1, "arm,cortex-a57", "smc", "quiet", NULL, 0, 0 };
    FdtBoardInfo user = { RAM_BASE, 3ull << 30, 1, NULL, NULL, "console=ttyAMA0", NULL, 0x44000000, 0x44200000 };
    const uint32_t mem[4] = { 0, 0x40000000, 0, 0xc0000000 };
    PL011State uart;
    PL031State rtc;
    void *fdt, *patched;
    size_t size, psize;
    char path[] = "/tmp/test_dtb_XXXXXX";
    int fd = mkstemp(path);
    EmuError err = { "" };
    gchar *back;
    gsize back_len;
    const char *s;
    int len, count = 0, node;

    clock_set_manual(true);
    CU_ASSERT_TRUE(fd >= 0);
    close(fd);
    build_tree(&info, &uart, &rtc, &fdt, &size);
    CU_ASSERT_TRUE(fdt_write_file(fdt, path, &err));
    CU_ASSERT_TRUE(g_file_get_contents(path, &back, &back_len, NULL));
    CU_ASSERT_EQUAL(back_len, size);
    CU_ASSERT_EQUAL(fdt_check_header(back), 0);
    CU_ASSERT_EQUAL(memcmp(back, fdt, size), 0);
    g_free(back);
    CU_ASSERT_FALSE(fdt_write_file(fdt, "/nonexistent/dir/x.dtb", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "dumpdtb"));

    /* -dtb: patched memory and chosen, the rest kept. */
    CU_ASSERT_TRUE(fdt_load_user_dtb(path, &user, &patched, &psize, &err));
    CU_ASSERT_EQUAL(fdt_check_header(patched), 0);
    CU_ASSERT_TRUE(prop_is_cells(patched, "/memory@40000000", "reg", mem, 4));
    CU_ASSERT_TRUE(prop_is_str(patched, "/chosen", "bootargs", "console=ttyAMA0"));
    s = fdt_getprop(patched, fdt_path_offset(patched, "/chosen"), "linux,initrd-end", &len);
    CU_ASSERT_TRUE(s && len == 8 && fdt64_to_cpu(*(const fdt64_t *)s) == 0x44200000);
    CU_ASSERT_TRUE(prop_is_str(patched, "/psci", "method", "smc"));
    for (node = fdt_node_offset_by_prop_value(patched, -1, "device_type", "memory", 7); node >= 0;
         node = fdt_node_offset_by_prop_value(patched, node, "device_type", "memory", 7)) {
        count++;
    }
    CU_ASSERT_EQUAL(count, 1);
    g_free(patched);

    /* Bad and truncated blobs are refused with one line. */
    CU_ASSERT_FALSE(fdt_patch_user_dtb("not a dtb at all, really not", 28, "bad.dtb", &user, &patched, &psize,
                                       &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "bad.dtb: not a valid device tree"));
    CU_ASSERT_FALSE(fdt_patch_user_dtb(fdt, size - 16, "short.dtb", &user, &patched, &psize, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "truncated"));
    CU_ASSERT_FALSE(fdt_load_user_dtb("/nonexistent.dtb", &user, &patched, &psize, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "dtb: cannot read"));
    unlink(path);
    g_free(fdt);
}

static CU_TestInfo tests[] = {
    { "arm64 Image", test_image_good },
    { "bad arm64 Images", test_image_bad },
    { "gzip-compressed Image", test_gzip_image },
    { "gunzip of real deflate streams", test_gunzip_real_streams },
    { "ELF kernels and bare-metal programs", test_elf },
    { "raw kernel and bios", test_raw_and_bios },
    { "initrd, DTB placement and entry registers", test_initrd_dtb_entry },
    { "loading from files", test_files },
    { "virt device tree", test_fdt_virt },
    { "device tree over 2 MiB", test_fdt_too_big },
    { "dumpdtb and -dtb patching", test_dumpdtb_and_user_dtb },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("boot", tests);
}
