/* Unit tests of user-mode guest memory (accel/user-mem.c) and program loading (linux-user/loader.c). */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>
#include "accel/user-mem.h"
#include "linux-user/loader.h"
#include "runner.h"

static int setup(void)
{
    EmuError err;
    return guest_space_init(1ull << 40, &err) ? 0 : -1;
}

static void test_space(void)
{
    CU_ASSERT(guest_base != 0);
    CU_ASSERT(guest_limit >= (1ull << 32));
    CU_ASSERT_TRUE(guest_range_ok(0, guest_limit));
    CU_ASSERT_FALSE(guest_range_ok(guest_limit - 4, 8));
    CU_ASSERT_FALSE(guest_range_ok(UINT64_MAX, 2));
    CU_ASSERT_EQUAL(page_get_flags(0x1000), 0);
    CU_ASSERT_EQUAL(page_get_flags(guest_limit), 0);
}

static void test_mmap_fixed(void)
{
    int64_t r = guest_mmap(0x10000, 0x3000, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CU_ASSERT_EQUAL(r, 0x10000);
    CU_ASSERT_EQUAL(page_get_flags(0x10000), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CU_ASSERT_EQUAL(page_get_flags(0x12fff), PAGE_VALID | PAGE_READ | PAGE_WRITE);
    CU_ASSERT_EQUAL(page_get_flags(0x13000), 0);
    /* The memory is really there and zeroed. */
    CU_ASSERT_EQUAL(*(uint64_t *)g2h(0x11008), 0);
    *(uint64_t *)g2h(0x11008) = 0x1234;
    CU_ASSERT_EQUAL(*(uint64_t *)g2h(0x11008), 0x1234);
    CU_ASSERT_TRUE(page_check_range(0x10000, 0x3000, PAGE_READ | PAGE_WRITE));
    CU_ASSERT_FALSE(page_check_range(0x10000, 0x3001, PAGE_READ));

    CU_ASSERT_EQUAL(guest_mprotect(0x11000, 0x1000, PROT_READ), 0);
    CU_ASSERT_EQUAL(page_get_flags(0x11000), PAGE_VALID | PAGE_READ);
    CU_ASSERT_EQUAL(*(uint64_t *)g2h(0x11008), 0x1234);   /* contents kept */
    CU_ASSERT_EQUAL(guest_mprotect(0x11001, 0x1000, PROT_READ), -EINVAL);
    CU_ASSERT_EQUAL(guest_mprotect(0x40000, 0x1000, PROT_READ), -ENOMEM);   /* unmapped */

    CU_ASSERT_EQUAL(guest_munmap(0x10000, 0x3000), 0);
    CU_ASSERT_EQUAL(page_get_flags(0x10000), 0);
    CU_ASSERT_EQUAL(guest_munmap(0x10001, 0x1000), -EINVAL);
}

static void test_mmap_errors(void)
{
    CU_ASSERT_EQUAL(guest_mmap(0x10000, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), -EINVAL);
    CU_ASSERT_EQUAL(guest_mmap(0x10010, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
                    -EINVAL);
    CU_ASSERT_EQUAL(guest_mmap(guest_limit - 0x1000, 0x2000, PROT_READ,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), -ENOMEM);
    CU_ASSERT_EQUAL(guest_mmap(0, UINT64_MAX - 100, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                    -ENOMEM);
    /* MAP_FIXED_NOREPLACE refuses to overlap. */
    CU_ASSERT_EQUAL(guest_mmap(0x20000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
                    0x20000);
    CU_ASSERT_EQUAL(guest_mmap(0x20000, 0x1000, PROT_READ,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);
    guest_munmap(0x20000, 0x1000);
}

static void test_mmap_placement(void)
{
    int64_t a, b;
    guest_set_mmap_top(0x40000000);
    a = guest_mmap(0, 0x5000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    b = guest_mmap(0, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CU_ASSERT_EQUAL(a, 0x40000000 - 0x5000);        /* top-down */
    CU_ASSERT_EQUAL(b, 0x40000000 - 0x6000);        /* just below the first */
    /* A free hint is honoured. */
    CU_ASSERT_EQUAL(guest_mmap(0x30000000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                    0x30000000);
    /* An occupied hint is not. */
    CU_ASSERT_NOT_EQUAL(guest_mmap(a, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), a);
    CU_ASSERT_EQUAL(guest_find_free(0x1000, 0x40000000), 0x40000000 - 0x8000);
}

/* Build a tiny static executable file and load it. */
static void test_loader(void)
{
    char path[] = "/tmp/usermem-elf-XXXXXX";
    struct {
        Elf64_Ehdr eh;
        Elf64_Phdr ph[2];
        uint32_t code[4];
        uint8_t data[8];
    } f;
    char *argv[] = { "prog", "arg1", NULL };
    char *envp[] = { "A=1", "HOME=/root", NULL };
    LoadRequest req = { 0 };
    GuestProcess proc;
    ElfImage img;
    EmuError err;
    uint64_t *sp, *auxv;
    int fd = mkstemp(path);

    CU_ASSERT_FATAL(fd >= 0);
    memset(&f, 0, sizeof(f));
    memcpy(f.eh.e_ident, ELFMAG, SELFMAG);
    f.eh.e_ident[EI_CLASS] = ELFCLASS64;
    f.eh.e_ident[EI_DATA] = ELFDATA2LSB;
    f.eh.e_ident[EI_VERSION] = EV_CURRENT;
    f.eh.e_type = ET_EXEC;
    f.eh.e_machine = EM_AARCH64;
    f.eh.e_version = EV_CURRENT;
    f.eh.e_entry = 0x400000 + offsetof(typeof(f), code);
    f.eh.e_phoff = offsetof(typeof(f), ph);
    f.eh.e_phentsize = sizeof(Elf64_Phdr);
    f.eh.e_phnum = 2;
    f.ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_vaddr = 0x400000,
                            .p_filesz = offsetof(typeof(f), data), .p_memsz = offsetof(typeof(f), data),
                            .p_align = 0x1000 };
    /* Data at 0x401000 + the file offset of data[], with a bss. */
    f.ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
                            .p_offset = offsetof(typeof(f), data),
                            .p_vaddr = 0x401000 + offsetof(typeof(f), data), .p_filesz = 8,
                            .p_memsz = 0x2000, .p_align = 0x1000 };
    f.code[0] = 0xd503201f;   /* nop */
    memcpy(f.data, "DATADATA", 8);
    CU_ASSERT_FATAL(write(fd, &f, sizeof(f)) == (ssize_t)sizeof(f));
    close(fd);

    CU_ASSERT_TRUE_FATAL(elf_read_file(path, &img, &err));
    req.path = path;
    req.execfn = "/bin/prog";
    req.argc = 2;
    req.argv = argv;
    req.envp = envp;
    req.stack_size = 1 << 20;
    req.hwcap = 0x180;
    CU_ASSERT_TRUE_FATAL(load_guest_program(&req, &img, &proc, &err));
    unlink(path);

    CU_ASSERT_EQUAL(proc.entry, f.eh.e_entry);
    CU_ASSERT_EQUAL(*(uint32_t *)g2h(proc.entry), 0xd503201f);
    CU_ASSERT_EQUAL(memcmp(g2h(0x401000 + offsetof(typeof(f), data)), "DATADATA", 8), 0);
    CU_ASSERT_EQUAL(*(uint64_t *)g2h(0x401000 + offsetof(typeof(f), data) + 8), 0);   /* bss */
    CU_ASSERT_EQUAL(page_get_flags(0x400000) & (PAGE_EXEC | PAGE_WRITE), PAGE_EXEC);
    CU_ASSERT_TRUE(page_get_flags(0x402000) & PAGE_WRITE);
    CU_ASSERT_EQUAL(proc.brk_start, 0x404000);

    /* The initial stack: argc, argv[], NULL, envp[], NULL, auxv. */
    CU_ASSERT_EQUAL(proc.sp & 15, 0);
    sp = g2h(proc.sp);
    CU_ASSERT_EQUAL(sp[0], 2);
    CU_ASSERT_STRING_EQUAL((char *)g2h(sp[1]), "prog");
    CU_ASSERT_STRING_EQUAL((char *)g2h(sp[2]), "arg1");
    CU_ASSERT_EQUAL(sp[3], 0);
    CU_ASSERT_STRING_EQUAL((char *)g2h(sp[4]), "A=1");
    CU_ASSERT_STRING_EQUAL((char *)g2h(sp[5]), "HOME=/root");
    CU_ASSERT_EQUAL(sp[6], 0);
    auxv = &sp[7];
    {
        bool seen_entry = false, seen_random = false, seen_hwcap = false, seen_execfn = false,
             seen_phdr = false, seen_pagesz = false;
        for (int i = 0; auxv[i] != AT_NULL && i < 80; i += 2) {
            switch (auxv[i]) {
            case AT_ENTRY: seen_entry = auxv[i + 1] == proc.entry; break;
            case AT_RANDOM: seen_random = auxv[i + 1] > proc.sp; break;
            case AT_HWCAP: seen_hwcap = auxv[i + 1] == 0x180; break;
            case AT_EXECFN: seen_execfn = !strcmp(g2h(auxv[i + 1]), "/bin/prog"); break;
            case AT_PHDR: seen_phdr = auxv[i + 1] == 0x400000 + offsetof(typeof(f), ph); break;
            case AT_PAGESZ: seen_pagesz = auxv[i + 1] == 4096; break;
            }
        }
        CU_ASSERT_TRUE(seen_entry);
        CU_ASSERT_TRUE(seen_random);
        CU_ASSERT_TRUE(seen_hwcap);
        CU_ASSERT_TRUE(seen_execfn);
        CU_ASSERT_TRUE(seen_phdr);
        CU_ASSERT_TRUE(seen_pagesz);
    }
}

static CU_TestInfo tests[] = {
    { "guest space", test_space },
    { "fixed mappings, mprotect, munmap", test_mmap_fixed },
    { "mmap errors", test_mmap_errors },
    { "mmap placement", test_mmap_placement },
    { "program loading and initial stack", test_loader },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (setup() < 0) {
        return 2;
    }
    return cunit_run_suite("user memory", tests);
}
