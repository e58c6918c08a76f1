/*
 * Unit tests of the exec side of linux-user: the argv that re-runs the
 * emulator for a guest execve, "#!" parsing (as fs/binfmt_script.c), file
 * classification, binfmt_misc magic/mask against real ELF headers, the
 * /proc/cpuinfo text and the PIE base.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "linux-user/binfmt.h"
#include "linux-user/exec.h"
#include "linux-user/loader.h"
#include "linux-user/procview.h"
#include "runner.h"

/* --- re-exec argv --- */

static void test_emulator_argv(void)
{
    char *carry[] = { "-L", "/srv/root", "-cpu", "cortex-a57", "-strace" };
    char *args[] = { "one", "two words", "" };
    char **v = exec_emulator_argv("/usr/bin/aarch64-user", carry, 5, "ls", "/srv/root/bin/ls", args, 3);
    static const char *const want[] = { "/usr/bin/aarch64-user", "-L", "/srv/root", "-cpu",
                                        "cortex-a57", "-strace", "-0", "ls", "/srv/root/bin/ls",
                                        "one", "two words", "" };
    int i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    for (i = 0; i < 12; i++) {
        CU_ASSERT_STRING_EQUAL(v[i], want[i]);
    }
    CU_ASSERT_PTR_NULL(v[12]);
    free(v);

    /* No options, no arguments. */
    v = exec_emulator_argv("emu", NULL, 0, "a0", "/p", NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_STRING_EQUAL(v[0], "emu");
    CU_ASSERT_STRING_EQUAL(v[1], "-0");
    CU_ASSERT_STRING_EQUAL(v[2], "a0");
    CU_ASSERT_STRING_EQUAL(v[3], "/p");
    CU_ASSERT_PTR_NULL(v[4]);
    free(v);
}

static void test_carry_options(void)
{
    UserConfig cfg;
    EmuError err;
    char *argv[] = { "aarch64-user", "-L", "/", "-cpu", "cortex-a72", "-d", "unimp", "-d", "strace",
                     "-accel", "tcg,backend=interp", "-E", "A=B", "prog", "x", NULL };
    char **carry;
    int n;

    CU_ASSERT_TRUE_FATAL(user_parse_args(&cfg, 15, argv, &err));
    exec_configure(&cfg);
    n = exec_carry_options(&carry);
    /* -L /, -cpu, -d (joined), -accel; not -E (the guest's environment is passed as it is). */
    CU_ASSERT_EQUAL(n, 8);
    if (n == 8) {
        CU_ASSERT_STRING_EQUAL(carry[0], "-L");
        CU_ASSERT_STRING_EQUAL(carry[1], "/");
        CU_ASSERT_STRING_EQUAL(carry[2], "-cpu");
        CU_ASSERT_STRING_EQUAL(carry[3], "cortex-a72");
        CU_ASSERT_STRING_EQUAL(carry[4], "-d");
        CU_ASSERT_STRING_EQUAL(carry[5], "unimp,strace");
        CU_ASSERT_STRING_EQUAL(carry[6], "-accel");
        CU_ASSERT_STRING_EQUAL(carry[7], "tcg,backend=interp");
    }
    user_config_free(&cfg);
}

/* --- #! --- */

static int parse(const char *text, const char **interp, const char **arg, char *out)
{
    return exec_parse_shebang(text, strlen(text), out, interp, arg);
}

static void test_shebang(void)
{
    char out[EXEC_HEADER_SIZE + 1], longline[400];
    const char *interp, *arg;

    CU_ASSERT_EQUAL(parse("#!/bin/sh\necho hi\n", &interp, &arg, out), 0);
    CU_ASSERT_STRING_EQUAL(interp, "/bin/sh");
    CU_ASSERT_PTR_NULL(arg);

    /* Spaces and tabs around; everything after the interpreter is one argument. */
    CU_ASSERT_EQUAL(parse("#! \t/usr/bin/env  python3 -u \t\n", &interp, &arg, out), 0);
    CU_ASSERT_STRING_EQUAL(interp, "/usr/bin/env");
    CU_ASSERT_STRING_EQUAL(arg, "python3 -u");

    CU_ASSERT_EQUAL(parse("#!/bin/awk -f\n", &interp, &arg, out), 0);
    CU_ASSERT_STRING_EQUAL(interp, "/bin/awk");
    CU_ASSERT_STRING_EQUAL(arg, "-f");

    /* CRLF: Linux keeps the '\r' (the famous "bad interpreter: /bin/sh^M"). */
    CU_ASSERT_EQUAL(parse("#!/bin/sh\r\n", &interp, &arg, out), 0);
    CU_ASSERT_STRING_EQUAL(interp, "/bin/sh\r");
    CU_ASSERT_PTR_NULL(arg);
    CU_ASSERT_EQUAL(parse("#!/bin/sh -e\r\n", &interp, &arg, out), 0);
    CU_ASSERT_STRING_EQUAL(interp, "/bin/sh");
    CU_ASSERT_STRING_EQUAL(arg, "-e\r");

    /* No interpreter. */
    CU_ASSERT_EQUAL(parse("#!\n", &interp, &arg, out), -ENOEXEC);
    CU_ASSERT_EQUAL(parse("#!   \t \nfoo", &interp, &arg, out), -ENOEXEC);
    CU_ASSERT_EQUAL(parse("#!", &interp, &arg, out), -ENOEXEC);
    CU_ASSERT_EQUAL(parse("no shebang", &interp, &arg, out), -ENOEXEC);

    /* No newline but a short file: the line is the whole file. */
    CU_ASSERT_EQUAL(parse("#!/bin/sh -x", &interp, &arg, out), 0);
    CU_ASSERT_STRING_EQUAL(interp, "/bin/sh");
    CU_ASSERT_STRING_EQUAL(arg, "-x");

    /* Too long: an interpreter name running past 256 bytes is refused... */
    memset(longline, 'a', sizeof(longline));
    memcpy(longline, "#!/", 3);
    longline[sizeof(longline) - 1] = '\0';
    CU_ASSERT_EQUAL(parse(longline, &interp, &arg, out), -ENOEXEC);
    /* ...but a long argument is cut at the buffer's end, as Linux does. */
    memcpy(longline, "#!/bin/sh ", 10);
    CU_ASSERT_EQUAL(parse(longline, &interp, &arg, out), 0);
    CU_ASSERT_STRING_EQUAL(interp, "/bin/sh");
    CU_ASSERT_PTR_NOT_NULL_FATAL(arg);
    CU_ASSERT_EQUAL(strlen(arg), EXEC_HEADER_SIZE - 1 - 10);
}

/* --- classification and binfmt --- */

static void make_ehdr(uint8_t *buf, uint16_t type, uint16_t machine, uint8_t osabi)
{
    Elf64_Ehdr eh;

    memset(&eh, 0, sizeof(eh));
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_ident[EI_OSABI] = osabi;
    eh.e_type = type;
    eh.e_machine = machine;
    eh.e_version = EV_CURRENT;
    memcpy(buf, &eh, sizeof(eh));
}

static void test_classify(void)
{
    uint8_t h[64];

    make_ehdr(h, ET_EXEC, EM_AARCH64, 0);
    CU_ASSERT_EQUAL(exec_classify(h, sizeof(h)), EXEC_AARCH64);
    make_ehdr(h, ET_DYN, EM_X86_64, 0);
    CU_ASSERT_EQUAL(exec_classify(h, sizeof(h)), EXEC_HOST_ELF);
    CU_ASSERT_EQUAL(exec_classify((const uint8_t *)"#!/bin/sh\n", 10), EXEC_SCRIPT);
    CU_ASSERT_EQUAL(exec_classify((const uint8_t *)"hello", 5), EXEC_UNKNOWN);
    CU_ASSERT_EQUAL(exec_classify((const uint8_t *)"", 0), EXEC_UNKNOWN);
}

static void test_binfmt_magic(void)
{
    uint8_t magic[BINFMT_MAGIC_LEN], mask[BINFMT_MAGIC_LEN], h[64];
    static const uint8_t want_magic[BINFMT_MAGIC_LEN] = {
        0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0xb7, 0,
    };
    static const uint8_t want_mask[BINFMT_MAGIC_LEN] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff,
    };

    binfmt_magic_mask(magic, mask);
    CU_ASSERT_EQUAL(memcmp(magic, want_magic, sizeof(want_magic)), 0);
    CU_ASSERT_EQUAL(memcmp(mask, want_mask, sizeof(want_mask)), 0);

    make_ehdr(h, ET_EXEC, EM_AARCH64, 0);
    CU_ASSERT_TRUE(binfmt_matches(h, sizeof(h)));
    make_ehdr(h, ET_DYN, EM_AARCH64, 3 /* GNU/Linux */);
    CU_ASSERT_TRUE(binfmt_matches(h, sizeof(h)));
    make_ehdr(h, ET_REL, EM_AARCH64, 0);
    CU_ASSERT_FALSE(binfmt_matches(h, sizeof(h)));
    make_ehdr(h, ET_CORE, EM_AARCH64, 0);
    CU_ASSERT_FALSE(binfmt_matches(h, sizeof(h)));
    make_ehdr(h, ET_DYN, EM_X86_64, 0);
    CU_ASSERT_FALSE(binfmt_matches(h, sizeof(h)));
    make_ehdr(h, ET_EXEC, EM_AARCH64, 0);
    h[EI_CLASS] = ELFCLASS32;
    CU_ASSERT_FALSE(binfmt_matches(h, sizeof(h)));
    make_ehdr(h, ET_EXEC, EM_AARCH64, 0);
    h[EI_DATA] = ELFDATA2MSB;
    CU_ASSERT_FALSE(binfmt_matches(h, sizeof(h)));
    CU_ASSERT_FALSE(binfmt_matches(h, 10));
}

/* The first bytes of a real program on this machine, if there is one. */
static bool read_head(const char *path, uint8_t *buf, size_t len)
{
    FILE *f = fopen(path, "rb");
    bool ok = f && fread(buf, 1, len, f) == len;

    if (f) {
        fclose(f);
    }
    return ok;
}

static void test_binfmt_real_files(void)
{
    uint8_t h[64];

    /* The host's own programs (x86-64) must never be claimed. */
    CU_ASSERT_TRUE_FATAL(read_head("/proc/self/exe", h, sizeof(h)));
    CU_ASSERT_FALSE(binfmt_matches(h, sizeof(h)));
    CU_ASSERT_EQUAL(exec_classify(h, sizeof(h)), EXEC_HOST_ELF);
    /* Debian's arm64 cross libc, when installed: its loader is an AArch64 ET_DYN. */
    if (read_head("/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1", h, sizeof(h))) {
        CU_ASSERT_TRUE(binfmt_matches(h, sizeof(h)));
        CU_ASSERT_EQUAL(exec_classify(h, sizeof(h)), EXEC_AARCH64);
    }
}

static void test_binfmt_line(void)
{
    char line[1024];
    EmuError err;

    CU_ASSERT_TRUE(binfmt_register_line(line, sizeof(line), "/usr/bin/aarch64-user", false, &err));
    CU_ASSERT_STRING_EQUAL(line,
        ":aarch64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
        "\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
        "\\x00\\x00\\xfe\\xff\\xff\\xff:/usr/bin/aarch64-user:FP");
    CU_ASSERT_TRUE(binfmt_register_line(line, sizeof(line), "/x", true, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(line, ":/x:FPC"));
    CU_ASSERT_FALSE(binfmt_register_line(line, sizeof(line), "/a:b", false, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "':'"));
    CU_ASSERT_FALSE(binfmt_register_line(line, 40, "/usr/bin/aarch64-user", false, &err));

    /* Interpreter checks: relative, missing, not ELF, dynamic. */
    CU_ASSERT_FALSE(binfmt_check_interpreter("aarch64-user", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "absolute"));
    CU_ASSERT_FALSE(binfmt_check_interpreter("/nonexistent/aarch64-user", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "No such file"));
    CU_ASSERT_FALSE(binfmt_check_interpreter("/etc/passwd", &err));
    /* The test program itself is dynamically linked. */
    {
        char self[4096];
        ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
        CU_ASSERT_TRUE_FATAL(n > 0);
        self[n] = '\0';
        CU_ASSERT_FALSE(binfmt_check_interpreter(self, &err));
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "dynamically linked"));
    }
    /* Without a mounted binfmt_misc: one line, status 1. */
    CU_ASSERT_EQUAL(binfmt_command("status", NULL, false, "/nonexistent-binfmt"), 1);
}

static void test_binfmt_detection(void)
{
    CU_ASSERT_TRUE(binfmt_started_by_kernel("/usr/bin/aarch64-user", 1));
    CU_ASSERT_TRUE(binfmt_started_by_kernel("/usr/libexec/aarch64-user-binfmt", 0));
    CU_ASSERT_TRUE(binfmt_started_by_kernel("aarch64-user-binfmt", 0));
    CU_ASSERT_FALSE(binfmt_started_by_kernel("/usr/bin/aarch64-user", 0));
    CU_ASSERT_FALSE(binfmt_started_by_kernel("/x/aarch64-user-binfmt2", 0));
    CU_ASSERT_FALSE(binfmt_started_by_kernel(NULL, 0));
}

/* --- /proc/cpuinfo, PIE base --- */

static void test_cpuinfo(void)
{
    char *t = procview_cpuinfo_text(ARM_CPU_CORTEX_A57, 2, (1u << 7) | (1u << 8) | 1u | 2u, 0);

    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "processor\t: 0\nBogoMIPS\t: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "\n\nprocessor\t: 1\n"));
    CU_ASSERT_PTR_NULL(strstr(t, "processor\t: 2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Features\t: fp asimd crc32 atomics\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "CPU implementer\t: 0x41\nCPU architecture: 8\n"
                                     "CPU variant\t: 0x1\nCPU part\t: 0xd07\nCPU revision\t: 0\n"));
    free(t);
    t = procview_cpuinfo_text(ARM_CPU_CORTEX_A72, 1, 1u << 7, 1u << 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Features\t: crc32 sve2\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "CPU part\t: 0xd08\nCPU revision\t: 3\n"));
    free(t);
}

static void test_pie_base(void)
{
    /* 2/3 of a 2^46 space, aligned. */
    CU_ASSERT_EQUAL(loader_pie_base(1ull << 46, 4096), ((1ull << 46) / 3 * 2) & ~4095ull);
    CU_ASSERT_EQUAL(loader_pie_base(1ull << 46, 0x10000) % 0x10000, 0);
    CU_ASSERT_EQUAL(loader_pie_base(1ull << 46, 1), loader_pie_base(1ull << 46, 4096));
    CU_ASSERT_TRUE(loader_pie_base(1ull << 46, 4096) > (1ull << 45));
}

static CU_TestInfo tests[] = {
    { "emulator argv", test_emulator_argv },
    { "carried-over options", test_carry_options },
    { "#! parsing", test_shebang },
    { "classify", test_classify },
    { "binfmt magic/mask", test_binfmt_magic },
    { "binfmt vs real files", test_binfmt_real_files },
    { "binfmt register line and checks", test_binfmt_line },
    { "binfmt start detection", test_binfmt_detection },
    { "cpuinfo", test_cpuinfo },
    { "PIE base", test_pie_base },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return cunit_run_suite("exec_user", tests);
}
