/*
 * The /emul redirect decision (linux-user/emul.c) against a temporary
 * directory standing in for /emul: an x86-64 ELF executable is taken, an
 * arm64 ELF, a script, a missing file, a non-executable file are not, and
 * AARCH64_EMUL=0, -emul off and -L turn the redirect off.  The cached stat
 * of the directory: once absent, still absent (one stat per process).
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "linux-user/emul.h"
#include "runner.h"

static char dir[64];
static char *const no_env[] = { (char *)"PATH=/bin", NULL };

static void put_file(const char *name, const void *data, size_t len, mode_t mode)
{
    char p[256];
    int fd;

    snprintf(p, sizeof(p), "%s%s", dir, name);
    fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_FATAL(write(fd, data, len) == (ssize_t)len);
    close(fd);
    chmod(p, mode);
}

static void put_elf(const char *name, uint16_t machine, uint16_t type, mode_t mode)
{
    Elf64_Ehdr eh;

    memset(&eh, 0, sizeof(eh));
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = type;
    eh.e_machine = machine;
    put_file(name, &eh, sizeof(eh), mode);
}

static int setup(void)
{
    char p[256];

    snprintf(dir, sizeof(dir), "/tmp/test-emul-XXXXXX");
    if (!mkdtemp(dir)) {
        return -1;
    }
    snprintf(p, sizeof(p), "%s/usr", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof(p), "%s/usr/bin", dir);
    mkdir(p, 0755);
    emul_set_dir(dir);
    return 0;
}

static bool lookup(const char *path, char *const *env, const char **why)
{
    char out[512];
    bool r = emul_lookup(path, env, out, sizeof(out), why);
    if (r) {
        char want[512];
        snprintf(want, sizeof(want), "%s%s", dir, path);
        CU_ASSERT_STRING_EQUAL(out, want);
    }
    return r;
}

static void test_x86_64_yes(void)
{
    const char *why = NULL;

    put_elf("/usr/bin/gcc", EM_X86_64, ET_DYN, 0755);
    put_elf("/usr/bin/make", EM_X86_64, ET_EXEC, 0755);
    CU_ASSERT_TRUE(lookup("/usr/bin/gcc", no_env, &why));
    CU_ASSERT_TRUE(lookup("/usr/bin/make", no_env, &why));
    CU_ASSERT_TRUE(lookup("/usr/bin/make", NULL, &why));
}

static void test_arm64_no(void)
{
    const char *why = NULL;

    put_elf("/usr/bin/ls", EM_AARCH64, ET_DYN, 0755);
    CU_ASSERT_FALSE(lookup("/usr/bin/ls", no_env, &why));
    CU_ASSERT_STRING_EQUAL(why, "not an x86-64 executable");
    /* An x86-64 shared object or relocatable file is no program either. */
    put_elf("/usr/bin/obj.o", EM_X86_64, ET_REL, 0755);
    CU_ASSERT_FALSE(lookup("/usr/bin/obj.o", no_env, &why));
    /* 32-bit x86 is not ours to run. */
    put_elf("/usr/bin/i386", EM_386, ET_EXEC, 0755);
    CU_ASSERT_FALSE(lookup("/usr/bin/i386", no_env, &why));
}

static void test_script_no(void)
{
    static const char script[] = "#!/bin/sh\necho hi\n";
    const char *why = NULL;

    put_file("/usr/bin/script", script, sizeof(script) - 1, 0755);
    CU_ASSERT_FALSE(lookup("/usr/bin/script", no_env, &why));
    CU_ASSERT_STRING_EQUAL(why, "not an x86-64 executable");
    put_file("/usr/bin/short", "\177EL", 3, 0755);
    CU_ASSERT_FALSE(lookup("/usr/bin/short", no_env, &why));
}

static void test_missing_no(void)
{
    const char *why = NULL;

    CU_ASSERT_FALSE(lookup("/usr/bin/nonexistent", no_env, &why));
    CU_ASSERT_STRING_EQUAL(why, "missing");
    /* A directory, and a program without the execute bit. */
    CU_ASSERT_FALSE(lookup("/usr/bin", no_env, &why));
    put_elf("/usr/bin/noexec", EM_X86_64, ET_DYN, 0644);
    /* Even root's access(X_OK) needs some execute bit. */
    CU_ASSERT_FALSE(lookup("/usr/bin/noexec", no_env, &why));
}

static void test_env_off(void)
{
    char *const off[] = { (char *)"HOME=/", (char *)"AARCH64_EMUL=0", NULL };
    char *const off_word[] = { (char *)"AARCH64_EMUL=off", NULL };
    char *const on[] = { (char *)"AARCH64_EMUL=1", NULL };
    char *const prefix_only[] = { (char *)"AARCH64_EMULX=0", NULL };
    const char *why = NULL;

    CU_ASSERT_FALSE(lookup("/usr/bin/gcc", off, &why));
    CU_ASSERT_STRING_EQUAL(why, "off (AARCH64_EMUL)");
    CU_ASSERT_FALSE(lookup("/usr/bin/gcc", off_word, &why));
    CU_ASSERT_TRUE(lookup("/usr/bin/gcc", on, &why));
    CU_ASSERT_TRUE(lookup("/usr/bin/gcc", prefix_only, &why));
    CU_ASSERT_TRUE(emul_env_disabled(off));
    CU_ASSERT_FALSE(emul_env_disabled(NULL));
}

static void test_option_and_root_off(void)
{
    UserConfig cfg;
    const char *why = NULL;

    memset(&cfg, 0, sizeof(cfg));
    cfg.emul_off = true;
    emul_configure(&cfg);
    CU_ASSERT_FALSE(lookup("/usr/bin/gcc", no_env, &why));
    CU_ASSERT_STRING_EQUAL(why, "off (-emul off)");
    cfg.emul_off = false;
    cfg.root = (char *)"/some/root";
    emul_configure(&cfg);
    CU_ASSERT_FALSE(lookup("/usr/bin/gcc", no_env, &why));
    CU_ASSERT_STRING_EQUAL(why, "off with -L");
    cfg.root = NULL;
    emul_configure(&cfg);
    CU_ASSERT_TRUE(lookup("/usr/bin/gcc", no_env, &why));
}

static void test_relative_path(void)
{
    char cwd[512], sub[256];
    const char *why = NULL;

    CU_ASSERT_FATAL(getcwd(cwd, sizeof(cwd)) != NULL);
    /* ./gcc from /usr/bin is /usr/bin/gcc. */
    CU_ASSERT_FATAL(chdir("/usr/bin") == 0);
    put_elf("/usr/bin/rel", EM_X86_64, ET_DYN, 0755);
    {
        char out[512];
        CU_ASSERT_TRUE(emul_lookup("./rel", no_env, out, sizeof(out), &why));
        CU_ASSERT_STRING_EQUAL(out, strcat(strcpy(sub, dir), "/usr/bin/./rel"));
        CU_ASSERT_TRUE(emul_lookup("rel", no_env, out, sizeof(out), &why));
    }
    CU_ASSERT_FATAL(chdir(cwd) == 0);
}

static void test_redirect_runs_native(void)
{
    /* The hook execs the replacement with argv[0] replaced and the environment given. */
    char *const argv[] = { (char *)"orig0", (char *)"-c", (char *)"echo \"$0 $FOO\" > \"$OUT\"", NULL };
    char out[256], env_out[300], line[256];
    char *const env[] = { (char *)"FOO=bar", env_out, NULL };
    char shpath[256];
    FILE *f;
    pid_t pid;
    int st;

    /* A copy of the host's /bin/sh (an x86-64 executable) as the replacement for /bin/sh. */
    snprintf(shpath, sizeof(shpath), "%s/bin", dir);
    mkdir(shpath, 0755);
    snprintf(shpath, sizeof(shpath), "cp /bin/sh %s/bin/sh", dir);
    CU_ASSERT_FATAL(system(shpath) == 0);
    snprintf(out, sizeof(out), "%s/out.txt", dir);
    snprintf(env_out, sizeof(env_out), "OUT=%s", out);
    pid = fork();
    if (pid == 0) {
        emul_redirect("/bin/sh", "argv-zero", argv, env);
        _exit(99);
    }
    CU_ASSERT_FATAL(waitpid(pid, &st, 0) == pid);
    CU_ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    f = fopen(out, "r");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
    fclose(f);
    CU_ASSERT_STRING_EQUAL(line, "argv-zero bar\n");
    /* No replacement: returns (the caller emulates). */
    pid = fork();
    if (pid == 0) {
        emul_redirect("/bin/no-such-program", NULL, argv, env);
        _exit(42);
    }
    CU_ASSERT_FATAL(waitpid(pid, &st, 0) == pid);
    CU_ASSERT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 42);
}

static void test_dir_absent_cached(void)
{
    char gone[128], p[200];
    const char *why = NULL;
    char out[256];

    snprintf(gone, sizeof(gone), "%s-absent", dir);
    emul_set_dir(gone);
    CU_ASSERT_FALSE(emul_lookup("/usr/bin/gcc", no_env, out, sizeof(out), &why));
    CU_ASSERT_STRING_EQUAL(why, "no /emul");
    /* Created later: this process keeps its answer (one stat, cached). */
    snprintf(p, sizeof(p), "cp -a %s %s", dir, gone);
    CU_ASSERT_FATAL(system(p) == 0);
    CU_ASSERT_FALSE(emul_lookup("/usr/bin/gcc", no_env, out, sizeof(out), &why));
    emul_set_dir(gone);
    CU_ASSERT_TRUE(emul_lookup("/usr/bin/gcc", no_env, out, sizeof(out), &why));
    snprintf(p, sizeof(p), "rm -rf %s", gone);
    CU_ASSERT(system(p) == 0);
    emul_set_dir(dir);
}

static void test_cleanup(void)
{
    char p[128];

    snprintf(p, sizeof(p), "rm -rf %s", dir);
    CU_ASSERT(system(p) == 0);
    emul_set_dir(NULL);
}

static CU_TestInfo tests[] = {
    { "x86-64 ELF executable: native", test_x86_64_yes },
    { "arm64 ELF and other ELF: emulate", test_arm64_no },
    { "script: emulate", test_script_no },
    { "missing, directory, not executable: emulate", test_missing_no },
    { "AARCH64_EMUL=0: emulate", test_env_off },
    { "-emul off and -L: emulate", test_option_and_root_off },
    { "relative path from the working directory", test_relative_path },
    { "redirect execs with argv[0] and environment", test_redirect_runs_native },
    { "absent /emul: one cached stat", test_dir_absent_cached },
    { "cleanup", test_cleanup },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (setup() != 0) {
        perror("mkdtemp");
        return 1;
    }
    return cunit_run_suite("emul", tests);
}
