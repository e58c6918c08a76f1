/* CFI flash (hw/pflash.c): the command set through the address space, as a driver sees it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hw/pflash.h"
#include "runner.h"

#define BANK (4u * PFLASH_SECTOR_SIZE)   /* 1 MiB is enough for the tests */
#define BASE 0x04000000ull

typedef struct Fixture {
    AddressSpace as;
    PFlashState f;
    unsigned mode_changes;
    uint64_t last_off, last_len;
} Fixture;

static void on_mode(void *opaque)
{
    ((Fixture *)opaque)->mode_changes++;
}

static void on_data(void *opaque, uint64_t off, uint64_t len)
{
    Fixture *x = opaque;
    x->last_off = off;
    x->last_len = len;
}

static void setup(Fixture *x)
{
    PFlashHooks h = { on_mode, on_data, x };
    EmuError err;

    memset(x, 0, sizeof(*x));
    address_space_init(&x->as);
    CU_ASSERT_TRUE_FATAL(pflash_init(&x->f, "flash1", BASE, BANK, &h, &err));
    CU_ASSERT_TRUE_FATAL(address_space_add(&x->as, &x->f.mr));
}

static uint32_t rd(Fixture *x, uint64_t off)
{
    return (uint32_t)address_space_read(&x->as, BASE + off, 4, 0);
}

static void wr(Fixture *x, uint64_t off, uint32_t v)
{
    address_space_write(&x->as, BASE + off, v, 4, 0);
}

/* A command as a 2x16 driver writes it: replicated in both chips' lanes. */
static uint32_t cmd(uint8_t c)
{
    return (uint32_t)c | ((uint32_t)c << 16);
}

static void test_erased_and_array_mode(void)
{
    Fixture x;

    setup(&x);
    CU_ASSERT_EQUAL(rd(&x, 0), 0xffffffffu);
    CU_ASSERT_EQUAL(rd(&x, BANK - 4), 0xffffffffu);
    CU_ASSERT_FALSE(x.f.mr.rom_io);
    CU_ASSERT_EQUAL(x.f.mr.readonly, true);   /* writes reach the command interface */
    pflash_destroy(&x.f);
}

static void test_cfi_query(void)
{
    Fixture x;

    setup(&x);
    wr(&x, 0x55 * 4, cmd(0x98));
    CU_ASSERT_TRUE(x.f.mr.rom_io);
    CU_ASSERT_EQUAL(x.mode_changes, 1);
    /* U-Boot's flash_isequal for portwidth 4, chipwidth 2. */
    CU_ASSERT_EQUAL(rd(&x, 0x10 * 4), 0x00510051u);   /* 'Q' */
    CU_ASSERT_EQUAL(rd(&x, 0x11 * 4), 0x00520052u);   /* 'R' */
    CU_ASSERT_EQUAL(rd(&x, 0x12 * 4), 0x00590059u);   /* 'Y' */
    CU_ASSERT_EQUAL(rd(&x, 0x13 * 4) & 0xff, 0x01);   /* Intel command set */
    CU_ASSERT_EQUAL(rd(&x, 0x27 * 4) & 0xff, 25);     /* 32 MiB per chip: 64 MiB bank */
    CU_ASSERT_EQUAL(rd(&x, 0x2c * 4) & 0xff, 1);
    CU_ASSERT_EQUAL(rd(&x, 0x2d * 4) & 0xff, 0xff);   /* 256 blocks */
    CU_ASSERT_EQUAL(rd(&x, 0x30 * 4) & 0xff, 0x02);   /* 0x200 * 256 = 128 KiB per chip */
    CU_ASSERT_EQUAL(rd(&x, 0x31 * 4) & 0xff, 'P');
    /* A byte read picks its lane; the probe with narrower widths does not see 'Q'. */
    CU_ASSERT_EQUAL(address_space_read(&x.as, BASE + 0x10 * 4 + 2, 1, 0), 'Q');
    CU_ASSERT_NOT_EQUAL(address_space_read(&x.as, BASE + 0x10, 1, 0), 'Q');
    CU_ASSERT_NOT_EQUAL(address_space_read(&x.as, BASE + 0x20, 2, 0), 'Q');
    /* Geometry: size 2^25 * 2 chips, sectors 128 KiB * 2. */
    CU_ASSERT_EQUAL((1ull << pflash_cfi_byte(0x27)) * 2, 64ull << 20);
    CU_ASSERT_EQUAL((pflash_cfi_byte(0x2f) | pflash_cfi_byte(0x30) << 8) * 256u * 2, PFLASH_SECTOR_SIZE);
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_FALSE(x.f.mr.rom_io);
    CU_ASSERT_EQUAL(x.mode_changes, 2);
    CU_ASSERT_EQUAL(rd(&x, 0x40), 0xffffffffu);
    pflash_destroy(&x.f);
}

static void test_read_id(void)
{
    Fixture x;

    setup(&x);
    wr(&x, 0, cmd(0x90));
    CU_ASSERT_EQUAL(rd(&x, 0), 0x00890089u);
    CU_ASSERT_EQUAL(rd(&x, 4), 0x00180018u);
    CU_ASSERT_EQUAL(rd(&x, PFLASH_SECTOR_SIZE + 8), 0);   /* block 1 unlocked */
    wr(&x, 0, cmd(0xf0));
    CU_ASSERT_EQUAL(rd(&x, 0), 0xffffffffu);
    pflash_destroy(&x.f);
}

static void test_word_program_and_status(void)
{
    Fixture x;

    setup(&x);
    wr(&x, 0x100, cmd(0x40));
    CU_ASSERT_EQUAL(rd(&x, 0x100), 0x00800080u);   /* status while waiting */
    wr(&x, 0x100, 0x12345678);
    CU_ASSERT_EQUAL(rd(&x, 0x100), 0x00800080u);   /* read status after program */
    CU_ASSERT_EQUAL(x.last_off, 0x100);
    CU_ASSERT_EQUAL(x.last_len, 4);
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_EQUAL(rd(&x, 0x100), 0x12345678u);
    /* Programming only clears bits. */
    wr(&x, 0x100, cmd(0x10));
    wr(&x, 0x100, 0xff00ff00);
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_EQUAL(rd(&x, 0x100), 0x12005600u);
    pflash_destroy(&x.f);
}

static void test_block_erase(void)
{
    Fixture x;

    setup(&x);
    wr(&x, PFLASH_SECTOR_SIZE + 8, cmd(0x40));
    wr(&x, PFLASH_SECTOR_SIZE + 8, 0);
    wr(&x, 0x8, cmd(0x40));
    wr(&x, 0x8, 0);
    wr(&x, PFLASH_SECTOR_SIZE + 0x100, cmd(0x20));
    wr(&x, PFLASH_SECTOR_SIZE + 0x100, cmd(0xd0));
    CU_ASSERT_EQUAL(rd(&x, 0), 0x00800080u);
    CU_ASSERT_EQUAL(x.last_off, PFLASH_SECTOR_SIZE);
    CU_ASSERT_EQUAL(x.last_len, PFLASH_SECTOR_SIZE);
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_EQUAL(rd(&x, PFLASH_SECTOR_SIZE + 8), 0xffffffffu);
    CU_ASSERT_EQUAL(rd(&x, 8), 0);   /* the other sector keeps its data */
    /* Erase without confirm: sequence error, clear status clears it. */
    wr(&x, 0, cmd(0x20));
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_EQUAL(rd(&x, 0), 0x00b000b0u);
    wr(&x, 0, cmd(0x50));
    CU_ASSERT_EQUAL(rd(&x, 0), 0x00800080u);
    CU_ASSERT_EQUAL(rd(&x, 8), 0x00800080u);
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_EQUAL(rd(&x, 8), 0);
    pflash_destroy(&x.f);
}

static void test_buffered_write(void)
{
    Fixture x;

    setup(&x);
    wr(&x, 0x200, cmd(0xe8));
    CU_ASSERT_EQUAL(rd(&x, 0x200) & 0x80, 0x80);   /* buffer available */
    wr(&x, 0x200, cmd(3));                          /* 4 words */
    for (unsigned i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(x.last_len, 0);
        wr(&x, 0x200 + 4 * i, 0xa0000000u + i);
    }
    wr(&x, 0x200, cmd(0xd0));
    CU_ASSERT_EQUAL(rd(&x, 0x200), 0x00800080u);
    CU_ASSERT_EQUAL(x.last_off, 0x200);
    CU_ASSERT_EQUAL(x.last_len, 16);
    wr(&x, 0, cmd(0xff));
    for (unsigned i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(rd(&x, 0x200 + 4 * i), 0xa0000000u + i);
    }
    CU_ASSERT_EQUAL(rd(&x, 0x210), 0xffffffffu);
    /* Too many words: refused with a sequence error, nothing written. */
    wr(&x, 0x400, cmd(0xe8));
    wr(&x, 0x400, 0x04000400);   /* 1025 words: more than 4 KiB */
    CU_ASSERT_EQUAL(rd(&x, 0) & 0x30, 0x30);
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_EQUAL(rd(&x, 0x400), 0xffffffffu);
    pflash_destroy(&x.f);
}

static void test_lock_bits_accepted(void)
{
    Fixture x;

    setup(&x);
    wr(&x, 0, cmd(0x60));
    wr(&x, 0, cmd(0x01));
    CU_ASSERT_EQUAL(rd(&x, 0), 0x00800080u);
    wr(&x, 0, cmd(0x90));
    CU_ASSERT_EQUAL(rd(&x, 8), 0);   /* reported unlocked */
    wr(&x, 0, cmd(0x40));
    wr(&x, 0, 0x11111111);
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_EQUAL(rd(&x, 0), 0x11111111u);
    pflash_destroy(&x.f);
}

static char *temp_file(size_t len, uint8_t fill)
{
    char *path = strdup("/tmp/test_pflash_XXXXXX");
    int fd = mkstemp(path);
    uint8_t *buf = malloc(len ? len : 1);

    memset(buf, fill, len);
    CU_ASSERT_FATAL(fd >= 0 && write(fd, buf, len) == (ssize_t)len);
    close(fd);
    free(buf);
    return path;
}

static void test_backing_file(void)
{
    Fixture x;
    EmuError err;
    char *path = temp_file(8192, 0x5a);
    FILE *f;
    uint8_t back[8];

    setup(&x);
    CU_ASSERT_TRUE(pflash_load_file(&x.f, path, "pflash", false, true, &err));
    CU_ASSERT_EQUAL(rd(&x, 0), 0x5a5a5a5au);
    CU_ASSERT_EQUAL(rd(&x, 8192), 0xffffffffu);   /* beyond the file: erased */
    wr(&x, 4, cmd(0x40));
    wr(&x, 4, 0x01020304);
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_EQUAL(rd(&x, 4), 0x01020304u & 0x5a5a5a5au);
    pflash_destroy(&x.f);
    f = fopen(path, "rb");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(fread(back, 1, 8, f), 8);
    fclose(f);
    CU_ASSERT_EQUAL(back[0], 0x5a);
    CU_ASSERT_EQUAL(back[4], 0x04 & 0x5a);
    CU_ASSERT_EQUAL(back[7], 0x01 & 0x5a);
    unlink(path);
    free(path);
}

static void test_readonly_file(void)
{
    Fixture x;
    EmuError err;
    char *path = temp_file(4096, 0x00);

    setup(&x);
    CU_ASSERT_TRUE(pflash_load_file(&x.f, path, "pflash", true, true, &err));
    wr(&x, PFLASH_SECTOR_SIZE, cmd(0x40));
    wr(&x, PFLASH_SECTOR_SIZE, 0);
    CU_ASSERT_EQUAL(rd(&x, 0) & 0x10, 0x10);   /* program error */
    wr(&x, 0, cmd(0x20));
    wr(&x, 0, cmd(0xd0));
    CU_ASSERT_EQUAL(rd(&x, 0) & 0x20, 0x20);   /* erase error */
    wr(&x, 0, cmd(0xff));
    CU_ASSERT_EQUAL(rd(&x, 0), 0);
    CU_ASSERT_EQUAL(rd(&x, PFLASH_SECTOR_SIZE), 0xffffffffu);
    pflash_destroy(&x.f);
    unlink(path);
    free(path);
}

static void test_file_too_large(void)
{
    Fixture x;
    EmuError err;
    char *path = temp_file(BANK + 1, 0);

    setup(&x);
    CU_ASSERT_FALSE(pflash_load_file(&x.f, path, "pflash", false, true, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "larger than the 1 MiB flash bank"));
    CU_ASSERT_PTR_NULL(strchr(err.msg, '\n'));
    CU_ASSERT_FALSE(pflash_load_file(&x.f, "/nonexistent/flash.img", "pflash", false, true, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "/nonexistent/flash.img"));
    pflash_destroy(&x.f);
    unlink(path);
    free(path);
}

static void test_reset(void)
{
    Fixture x;

    setup(&x);
    wr(&x, 0, cmd(0x98));
    CU_ASSERT_TRUE(x.f.mr.rom_io);
    pflash_reset(&x.f);
    CU_ASSERT_FALSE(x.f.mr.rom_io);
    CU_ASSERT_EQUAL(rd(&x, 0), 0xffffffffu);
    pflash_destroy(&x.f);
}

static CU_TestInfo tests[] = {
    { "erased_and_array_mode", test_erased_and_array_mode },
    { "cfi_query", test_cfi_query },
    { "read_id", test_read_id },
    { "word_program_and_status", test_word_program_and_status },
    { "block_erase", test_block_erase },
    { "buffered_write", test_buffered_write },
    { "lock_bits_accepted", test_lock_bits_accepted },
    { "backing_file", test_backing_file },
    { "readonly_file", test_readonly_file },
    { "file_too_large", test_file_too_large },
    { "reset", test_reset },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("pflash", tests);
}
