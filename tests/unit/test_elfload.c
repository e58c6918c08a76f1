/* Unit tests of linux-user/elfload.c: every kind of bad executable is refused clearly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "linux-user/elfload.h"
#include "runner.h"

/* A minimal valid static AArch64 executable image: header, 2 phdrs, code. */
typedef struct {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[2];
    uint8_t code[64];
} TinyElf;

static void make_tiny(TinyElf *t)
{
    memset(t, 0, sizeof(*t));
    memcpy(t->eh.e_ident, ELFMAG, SELFMAG);
    t->eh.e_ident[EI_CLASS] = ELFCLASS64;
    t->eh.e_ident[EI_DATA] = ELFDATA2LSB;
    t->eh.e_ident[EI_VERSION] = EV_CURRENT;
    t->eh.e_type = ET_EXEC;
    t->eh.e_machine = EM_AARCH64;
    t->eh.e_version = EV_CURRENT;
    t->eh.e_entry = 0x400000 + offsetof(TinyElf, code);
    t->eh.e_phoff = offsetof(TinyElf, ph);
    t->eh.e_ehsize = sizeof(Elf64_Ehdr);
    t->eh.e_phentsize = sizeof(Elf64_Phdr);
    t->eh.e_phnum = 2;
    t->ph[0].p_type = PT_LOAD;
    t->ph[0].p_flags = PF_R | PF_X;
    t->ph[0].p_offset = 0;
    t->ph[0].p_vaddr = 0x400000;
    t->ph[0].p_filesz = sizeof(TinyElf);
    t->ph[0].p_memsz = sizeof(TinyElf);
    t->ph[0].p_align = 0x10000;
    t->ph[1].p_type = PT_LOAD;
    t->ph[1].p_flags = PF_R | PF_W;
    t->ph[1].p_offset = 0;
    t->ph[1].p_vaddr = 0x410000;
    t->ph[1].p_filesz = 0;
    t->ph[1].p_memsz = 0x2345;   /* bss */
    t->ph[1].p_align = 0x10000;
}

static bool parse(const TinyElf *t, size_t len, EmuError *err, ElfImage *img)
{
    return elf_parse_headers((const uint8_t *)t, len, len, "prog", img, err);
}

static void test_valid(void)
{
    TinyElf t;
    ElfImage img;
    EmuError err;
    make_tiny(&t);
    CU_ASSERT_TRUE_FATAL(parse(&t, sizeof(t), &err, &img));
    CU_ASSERT_FALSE(img.is_pie);
    CU_ASSERT_EQUAL(img.phnum, 2);
    CU_ASSERT_EQUAL(img.lo_vaddr, 0x400000);
    CU_ASSERT_EQUAL(img.hi_vaddr, 0x413000);   /* bss end rounded up to a page */
    CU_ASSERT_EQUAL(img.entry, 0x400000 + offsetof(TinyElf, code));
    CU_ASSERT_EQUAL(img.phoff, offsetof(TinyElf, ph));
    CU_ASSERT_STRING_EQUAL(img.interp, "");
}

/* A bss-only segment may carry any file offset (ld puts it past the end). */
static void test_bss_offset(void)
{
    TinyElf t;
    ElfImage img;
    EmuError err;
    make_tiny(&t);
    t.ph[1].p_offset = 0xffe8;
    t.ph[1].p_vaddr = 0x41ffe8;
    CU_ASSERT_TRUE(parse(&t, sizeof(t), &err, &img));
}

/* Apply a corruption, then expect an error containing want. */
#define EXPECT_BAD(want, len, ...) do { \
        TinyElf t; ElfImage img; EmuError err = { "" }; \
        make_tiny(&t); \
        __VA_ARGS__; \
        CU_ASSERT_FALSE(parse(&t, (len), &err, &img)); \
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want)); \
        if (!strstr(err.msg, want)) fprintf(stderr, "\n  want '%s' got '%s'\n", want, err.msg); \
    } while (0)

static void test_bad_headers(void)
{
    EXPECT_BAD("not an ELF file", sizeof(t), t.eh.e_ident[1] = 'X');
    EXPECT_BAD("not an ELF file", 3, (void)0);
    EXPECT_BAD("not a 64-bit", sizeof(t), t.eh.e_ident[EI_CLASS] = ELFCLASS32);
    EXPECT_BAD("big-endian", sizeof(t), t.eh.e_ident[EI_DATA] = ELFDATA2MSB);
    EXPECT_BAD("truncated ELF header", 40, (void)0);
    EXPECT_BAD("not an AArch64 program (ELF machine 62)", sizeof(t), t.eh.e_machine = EM_X86_64);
    EXPECT_BAD("not an executable", sizeof(t), t.eh.e_type = ET_REL);
    EXPECT_BAD("unknown ELF version", sizeof(t), t.eh.e_version = 7);
    EXPECT_BAD("program header size", sizeof(t), t.eh.e_phentsize = 32);
    EXPECT_BAD("0 program headers", sizeof(t), t.eh.e_phnum = 0);
    EXPECT_BAD("program headers lie past", sizeof(t), t.eh.e_phoff = 0x10000);
    EXPECT_BAD("program headers lie past", sizeof(t), t.eh.e_phoff = UINT64_MAX - 8);
}

static void test_bad_segments(void)
{
    EXPECT_BAD("segment 0 lies past the end", sizeof(t), t.ph[0].p_filesz = 1 << 20);
    EXPECT_BAD("segment 1 lies past the end", sizeof(t),
               t.ph[1].p_offset = UINT64_MAX; t.ph[1].p_filesz = 8; t.ph[1].p_memsz = 16);
    EXPECT_BAD("file size larger than memory size", sizeof(t), t.ph[0].p_memsz = 4);
    EXPECT_BAD("outside the 48-bit address space", sizeof(t), t.ph[1].p_vaddr = 1ull << 48);
    EXPECT_BAD("outside the 48-bit address space", sizeof(t),
               t.ph[1].p_vaddr = UINT64_MAX - 4096; t.ph[1].p_memsz = 8192);
    EXPECT_BAD("not page-aligned", sizeof(t), t.ph[1].p_vaddr = 0x410010; t.ph[1].p_offset = 0);
    EXPECT_BAD("no loadable segment", sizeof(t), t.ph[0].p_type = PT_NOTE; t.ph[1].p_type = PT_NOTE);
    EXPECT_BAD("entry point 0x10 is outside", sizeof(t), t.eh.e_entry = 0x10);
    EXPECT_BAD("corrupt interpreter path", sizeof(t),
               t.ph[1].p_type = PT_INTERP; t.ph[1].p_offset = 0; t.ph[1].p_filesz = 1);
}

/* The file-level reader: a truncated file and PT_INTERP contents. */
static void test_read_file(void)
{
    char path[] = "/tmp/elfload-test-XXXXXX";
    TinyElf t;
    ElfImage img;
    EmuError err;
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);

    make_tiny(&t);
    /* Turn the second phdr into PT_INTERP pointing at a string in code[]. */
    strcpy((char *)t.code + 8, "/lib/ld-linux-aarch64.so.1");
    t.ph[1].p_type = PT_INTERP;
    t.ph[1].p_offset = offsetof(TinyElf, code) + 8;
    t.ph[1].p_filesz = strlen("/lib/ld-linux-aarch64.so.1") + 1;
    CU_ASSERT_EQUAL_FATAL(write(fd, &t, sizeof(t)), (ssize_t)sizeof(t));
    CU_ASSERT_TRUE(elf_read_file(path, &img, &err));
    CU_ASSERT_STRING_EQUAL(img.interp, "/lib/ld-linux-aarch64.so.1");

    /* An unterminated interpreter string is refused. */
    t.code[8 + t.ph[1].p_filesz - 1] = 'x';
    CU_ASSERT_EQUAL_FATAL(pwrite(fd, &t, sizeof(t), 0), (ssize_t)sizeof(t));
    CU_ASSERT_FALSE(elf_read_file(path, &img, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "corrupt interpreter path"));

    /* Truncated in the middle of the program headers. */
    CU_ASSERT_EQUAL(ftruncate(fd, sizeof(Elf64_Ehdr) + 10), 0);
    CU_ASSERT_FALSE(elf_read_file(path, &img, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "truncated"));

    /* Empty file. */
    CU_ASSERT_EQUAL(ftruncate(fd, 0), 0);
    CU_ASSERT_FALSE(elf_read_file(path, &img, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not an ELF file"));
    close(fd);
    unlink(path);

    CU_ASSERT_FALSE(elf_read_file("/nonexistent/prog", &img, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "No such file"));
    CU_ASSERT_FALSE(elf_read_file("/tmp", &img, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not a regular file"));
}

static CU_TestInfo tests[] = {
    { "valid executable", test_valid },
    { "bss segment offset", test_bss_offset },
    { "bad headers", test_bad_headers },
    { "bad segments", test_bad_segments },
    { "reading files", test_read_file },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("elfload", tests);
}
