/* Unit tests of the two programs' command lines (system/options.c, linux-user/options.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "linux-user/options.h"
#include "runner.h"
#include "system/options.h"
#include "util/log.h"

static char file_path[] = "/tmp/cmdline-test-XXXXXX";

static int make_file(void)
{
    int fd = mkstemp(file_path);
    if (fd < 0) {
        return -1;
    }
    if (write(fd, "x", 1) != 1) {
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

static int remove_file(void)
{
    unlink(file_path);
    return 0;
}

#define SYS_ARGV(...) char *argv[] = { "aarch64-system", __VA_ARGS__, NULL }
#define ARGC (int)(sizeof(argv) / sizeof(argv[0]) - 1)

static bool sys_parse(int argc, char **argv, SystemConfig *cfg, EmuError *err)
{
    return system_parse_args(cfg, argc, argv, err);
}

static void test_system_full_line(void)
{
    SYS_ARGV("-M", "virt,virtualization=on,dumpdtb=/tmp/x.dtb", "-cpu", "max", "-m", "1G",
             "-smp", "4", "-kernel", file_path, "-initrd", file_path, "-append", "console=ttyAMA0",
             "-nographic", "-drive", "file=", "-d", "in_asm,unimp", "-D", "/tmp/log", "-s", "-S", "-accel", "tcg,backend=interp");
    SystemConfig cfg;
    EmuError err;
    char drive[128];
    snprintf(drive, sizeof(drive), "file=%s,if=none,id=hd0,format=raw,readonly=on", file_path);
    argv[17] = drive;
    CU_ASSERT_TRUE_FATAL(sys_parse(ARGC, argv, &cfg, &err));
    CU_ASSERT_EQUAL(cfg.cpu, CPU_MAX);
    CU_ASSERT_EQUAL(cfg.ram_size, 1ull << 30);
    CU_ASSERT_EQUAL(cfg.smp, 4);
    CU_ASSERT_TRUE(cfg.virtualization);
    CU_ASSERT_FALSE(cfg.secure);
    CU_ASSERT_STRING_EQUAL(cfg.dumpdtb, "/tmp/x.dtb");
    CU_ASSERT_STRING_EQUAL(cfg.append, "console=ttyAMA0");
    CU_ASSERT_TRUE(cfg.nographic);
    CU_ASSERT_EQUAL(cfg.nb_drives, 1);
    CU_ASSERT_TRUE(cfg.drives[0].readonly);
    CU_ASSERT_EQUAL(cfg.drives[0].interface, DRIVE_IF_NONE);
    CU_ASSERT_EQUAL(cfg.log_items, LOG_IN_ASM | LOG_UNIMP);
    CU_ASSERT_STRING_EQUAL(cfg.gdb, "tcp::1234");
    CU_ASSERT_TRUE(cfg.start_stopped);
    CU_ASSERT_TRUE(cfg.use_interpreter);
    system_config_free(&cfg);
}

static void test_system_defaults(void)
{
    SYS_ARGV("-kernel", file_path);
    SystemConfig cfg;
    EmuError err;
    CU_ASSERT_TRUE_FATAL(sys_parse(ARGC, argv, &cfg, &err));
    CU_ASSERT_EQUAL(cfg.cpu, CPU_CORTEX_A57);
    CU_ASSERT_EQUAL(cfg.ram_size, 128ull << 20);
    CU_ASSERT_EQUAL(cfg.smp, 1);
    CU_ASSERT_EQUAL(cfg.serial.kind, SERIAL_DEFAULT);
    CU_ASSERT_FALSE(cfg.use_interpreter);
    system_config_free(&cfg);
}

/* Each of these command lines must be refused with a message containing want. */
static void expect_system_error(int argc, char **argv, const char *want)
{
    SystemConfig cfg;
    EmuError err = { "" };
    bool ok = sys_parse(argc, argv, &cfg, &err);
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
    if (!strstr(err.msg, want)) {
        fprintf(stderr, "\n  expected '%s' in '%s'\n", want, err.msg);
    }
    if (ok) {
        system_config_free(&cfg);
    }
}

#define EXPECT_SYS_ERROR(want, ...) do { SYS_ARGV(__VA_ARGS__); \
        expect_system_error(ARGC, argv, want); } while (0)

static void test_system_errors(void)
{
    EXPECT_SYS_ERROR("unsupported machine 'sbsa'", "-M", "sbsa", "-kernel", file_path);
    EXPECT_SYS_ERROR("gic-version=3", "-M", "virt,gic-version=3", "-kernel", file_path);
    EXPECT_SYS_ERROR("unknown CPU model 'cortex-a53'", "-cpu", "cortex-a53", "-kernel", file_path);
    EXPECT_SYS_ERROR("between 16M and 255G", "-m", "1T", "-kernel", file_path);
    EXPECT_SYS_ERROR("between 16M and 255G", "-m", "1", "-kernel", file_path);
    EXPECT_SYS_ERROR("unknown suffix", "-m", "1Q", "-kernel", file_path);
    EXPECT_SYS_ERROR("out of range", "-smp", "0", "-kernel", file_path);
    EXPECT_SYS_ERROR("No such file", "-kernel", "/nonexistent/Image");
    EXPECT_SYS_ERROR("is a directory", "-kernel", "/tmp");
    EXPECT_SYS_ERROR("-initrd needs -kernel", "-bios", file_path, "-initrd", file_path);
    EXPECT_SYS_ERROR("nothing to run", "-m", "1G");
    EXPECT_SYS_ERROR("unknown option '-vga'", "-vga", "std");
    EXPECT_SYS_ERROR("unsupported device 'e1000'", "-device", "e1000", "-kernel", file_path);
    EXPECT_SYS_ERROR("no -drive with id 'x'", "-device", "virtio-blk-device,drive=x", "-kernel", file_path);
    EXPECT_SYS_ERROR("only 'user' networking", "-netdev", "tap,id=n0", "-kernel", file_path);
    EXPECT_SYS_ERROR("no -netdev with id 'n1'", "-netdev", "user,id=n0", "-device",
                     "virtio-net-device,netdev=n1", "-kernel", file_path);
    EXPECT_SYS_ERROR("invalid mac", "-netdev", "user,id=n0", "-device",
                     "virtio-net-device,netdev=n0,mac=01:00:00:00:00:01", "-kernel", file_path);
    EXPECT_SYS_ERROR("invalid hostfwd", "-netdev", "user,id=n0,hostfwd=tcp:22", "-kernel", file_path);
    EXPECT_SYS_ERROR("unsupported backend 'vc'", "-serial", "vc", "-kernel", file_path);
    EXPECT_SYS_ERROR("given twice", "-serial", "stdio", "-serial", "none", "-kernel", file_path);
    EXPECT_SYS_ERROR("unknown log item 'bogus'", "-d", "bogus", "-kernel", file_path);
    EXPECT_SYS_ERROR("'file=PATH' is required", "-drive", "if=virtio", "-kernel", file_path);
    EXPECT_SYS_ERROR("only raw", "-drive", "file=/etc/hostname,format=qcow2", "-kernel", file_path);
    EXPECT_SYS_ERROR("is not tcp:", "-gdb", "udp::1", "-kernel", file_path);
    EXPECT_SYS_ERROR("-dfilter: bad range '0x1000'", "-dfilter", "0x1000", "-kernel", file_path);
    EXPECT_SYS_ERROR("unsupported accelerator 'kvm'", "-accel", "kvm", "-kernel", file_path);
    EXPECT_SYS_ERROR("unknown backend 'llvm'", "-accel", "tcg,backend=llvm", "-kernel", file_path);
}

static void test_system_serial_tcp(void)
{
    SYS_ARGV("-serial", "tcp::4444,server,nowait", "-kernel", file_path);
    SystemConfig cfg;
    EmuError err;
    CU_ASSERT_TRUE_FATAL(sys_parse(ARGC, argv, &cfg, &err));
    CU_ASSERT_EQUAL(cfg.serial.kind, SERIAL_TCP);
    CU_ASSERT_EQUAL(cfg.serial.port, 4444);
    CU_ASSERT_TRUE(cfg.serial.server);
    CU_ASSERT_FALSE(cfg.serial.wait);
    CU_ASSERT_PTR_NULL(cfg.serial.host);
    system_config_free(&cfg);
}

static void test_system_devices(void)
{
    char drive[128];
    SYS_ARGV("-drive", "", "-device", "virtio-blk-device,drive=d0", "-netdev",
             "user,id=net0,hostfwd=tcp::2222-:22", "-device",
             "virtio-net-device,netdev=net0,mac=52:54:00:12:34:56", "-device", "virtio-rng-device",
             "-kernel", file_path);
    SystemConfig cfg;
    EmuError err;
    snprintf(drive, sizeof(drive), "file=%s,if=none,id=d0", file_path);
    argv[2] = drive;
    CU_ASSERT_TRUE_FATAL(sys_parse(ARGC, argv, &cfg, &err));
    CU_ASSERT_EQUAL(cfg.nb_devices, 3);
    CU_ASSERT_EQUAL(cfg.devices[0].kind, DEV_VIRTIO_BLK);
    CU_ASSERT_EQUAL(cfg.devices[1].kind, DEV_VIRTIO_NET);
    CU_ASSERT_TRUE(cfg.devices[1].has_mac);
    CU_ASSERT_EQUAL(cfg.devices[1].mac[5], 0x56);
    CU_ASSERT_EQUAL(cfg.devices[2].kind, DEV_VIRTIO_RNG);
    CU_ASSERT_EQUAL(cfg.netdevs[0].nb_hostfwd, 1);
    system_config_free(&cfg);
}

#define USER_ARGV(...) char *argv[] = { "aarch64-user", __VA_ARGS__, NULL }

static void test_user_line(void)
{
    USER_ARGV("-L", "/tmp", "-cpu", "cortex-a57", "-E", "A=1", "-E", "B=x=y", "-U", "HOME",
              "-0", "name", "-strace", "-s", "1M", "prog", "-L", "arg");
    UserConfig cfg;
    EmuError err;
    CU_ASSERT_TRUE_FATAL(user_parse_args(&cfg, ARGC, argv, &err));
    CU_ASSERT_STRING_EQUAL(cfg.root, "/tmp");
    CU_ASSERT_EQUAL(cfg.cpu, USER_CPU_CORTEX_A57);
    CU_ASSERT_EQUAL(cfg.nb_env_set, 2);
    CU_ASSERT_STRING_EQUAL(cfg.env_set[1], "B=x=y");
    CU_ASSERT_EQUAL(cfg.nb_env_unset, 1);
    CU_ASSERT_STRING_EQUAL(cfg.argv0, "name");
    CU_ASSERT_TRUE(cfg.strace);
    CU_ASSERT_EQUAL(cfg.stack_size, 1ull << 20);
    CU_ASSERT_STRING_EQUAL(cfg.program, "prog");
    CU_ASSERT_EQUAL(cfg.guest_argc, 3);   /* the guest's own -L is its argument */
    CU_ASSERT_STRING_EQUAL(cfg.guest_argv[1], "-L");
    user_config_free(&cfg);
}

static void expect_user_error(int argc, char **argv, const char *want)
{
    UserConfig cfg;
    EmuError err = { "" };
    bool ok = user_parse_args(&cfg, argc, argv, &err);
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
    if (!strstr(err.msg, want)) {
        fprintf(stderr, "\n  expected '%s' in '%s'\n", want, err.msg);
    }
}

#define EXPECT_USER_ERROR(want, ...) do { USER_ARGV(__VA_ARGS__); \
        expect_user_error(ARGC, argv, want); } while (0)

static void test_user_errors(void)
{
    EXPECT_USER_ERROR("not a directory", "-L", file_path, "prog");
    EXPECT_USER_ERROR("No such file", "-L", "/nonexistent-root", "prog");
    EXPECT_USER_ERROR("is not VAR=VALUE", "-E", "NOEQUALS", "prog");
    EXPECT_USER_ERROR("is not VAR=VALUE", "-E", "=1", "prog");
    EXPECT_USER_ERROR("not a variable name", "-U", "A=B", "prog");
    EXPECT_USER_ERROR("no program to run", "-strace");
    EXPECT_USER_ERROR("unknown CPU model", "-cpu", "pentium", "prog");
    EXPECT_USER_ERROR("out of range", "-g", "70000", "prog");
    EXPECT_USER_ERROR("must be between 64K and 4G", "-s", "1K", "prog");
    EXPECT_USER_ERROR("unknown option '-bogus'", "-bogus", "prog");
}

static void test_user_help(void)
{
    USER_ARGV("--help");
    UserConfig cfg;
    EmuError err;
    CU_ASSERT_TRUE(user_parse_args(&cfg, ARGC, argv, &err));
    CU_ASSERT_TRUE(cfg.want_help);
    CU_ASSERT_PTR_NULL(cfg.program);
    user_config_free(&cfg);
}

static CU_TestInfo tests[] = {
    { "system: full command line", test_system_full_line },
    { "system: defaults", test_system_defaults },
    { "system: errors", test_system_errors },
    { "system: tcp serial", test_system_serial_tcp },
    { "system: devices", test_system_devices },
    { "user: command line", test_user_line },
    { "user: errors", test_user_errors },
    { "user: help", test_user_help },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int rc;
    if (make_file() < 0) {
        perror("mkstemp");
        return 2;
    }
    rc = cunit_run_suite("command lines", tests);
    remove_file();
    return rc;
}
