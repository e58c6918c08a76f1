/*
 * aarch64-user: runs an AArch64 Linux program on an x86-64 host.
 *
 * main() parses the command line (linux-user/options.c), sets up logging,
 * reserves the guest address space, loads the program
 * (linux-user/loader.c) and runs it (linux-user/cpu-loop.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>
#include "accel/exec.h"
#include "accel/user-fault.h"
#include "accel/user-mem.h"
#include "gdbstub/gdbstub.h"
#include "linux-user/binfmt.h"
#include "linux-user/cpu-loop.h"
#include "linux-user/elfload.h"
#include "linux-user/emul.h"
#include "linux-user/exec.h"
#include "linux-user/loader.h"
#include "linux-user/options.h"
#include "linux-user/procview.h"
#include "linux-user/signal.h"
#include "linux-user/syscall.h"
#include "target-arm/exec-target.h"
#include "target-arm/gdb-target.h"
#include "util/error.h"
#include "util/log.h"
#include "version.h"

extern char **environ;

/* The guest's environment: ours, with -U removals and -E additions. */
static char **guest_environment(const UserConfig *cfg)
{
    size_t n = 0, k = 0;
    char **env;

    while (environ[n]) {
        n++;
    }
    env = calloc(n + cfg->nb_env_set + 1, sizeof(char *));
    if (!env) {
        emu_fatal("out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        bool drop = false;
        size_t len = strcspn(environ[i], "=");
        for (int j = 0; j < cfg->nb_env_unset && !drop; j++) {
            drop = strlen(cfg->env_unset[j]) == len && !strncmp(environ[i], cfg->env_unset[j], len);
        }
        for (int j = 0; j < cfg->nb_env_set && !drop; j++) {
            drop = !strncmp(environ[i], cfg->env_set[j], len) && cfg->env_set[j][len] == '=';
        }
        if (!drop) {
            env[k++] = environ[i];
        }
    }
    for (int j = 0; j < cfg->nb_env_set; j++) {
        env[k++] = cfg->env_set[j];
    }
    env[k] = NULL;
    return env;
}

static const ArmCpuModel cpu_models[] = {
    [USER_CPU_CORTEX_A57] = ARM_CPU_CORTEX_A57,
    [USER_CPU_CORTEX_A72] = ARM_CPU_CORTEX_A72,
    [USER_CPU_MAX] = ARM_CPU_MAX,
};

/*
 * The emulator's own descriptors (code buffer, -D log, its own binary) are
 * hidden from the guest, which cannot close or dup onto them.  Shell
 * scripts use the low numbers freely ("exec 3>&1; exec 4>&1" in
 * debootstrap), so ours are pushed up to EMU_FD_FLOOR and above: while the
 * emulator sets itself up, every free descriptor below the floor is held by
 * a placeholder, and the kernel hands out the lowest free number.
 */
#define EMU_FD_FLOOR 1000

static int fd_floor_fds[EMU_FD_FLOOR];
static int fd_floor_count;

static void fd_floor_raise(void)
{
    int ph = eventfd(0, EFD_CLOEXEC);
    struct rlimit rl;

    if (ph < 0 || getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < EMU_FD_FLOOR + 64) {
        /* A small descriptor limit: better low numbers than none left for the guest. */
        if (ph >= 0) {
            close(ph);
        }
        return;
    }
    fd_floor_fds[fd_floor_count++] = ph;
    for (int fd = 3; fd < EMU_FD_FLOOR; fd++) {
        if (fd != ph && fcntl(fd, F_GETFD) < 0 && dup3(ph, fd, O_CLOEXEC) == fd) {
            fd_floor_fds[fd_floor_count++] = fd;
        }
    }
}

static void fd_floor_release(void)
{
    while (fd_floor_count) {
        close(fd_floor_fds[--fd_floor_count]);
    }
}

int main(int argc, char **argv)
{
    static CPUARMState env;
    static ExecCPU cpu;
    UserConfig cfg;
    ElfImage image;
    GuestProcess proc;
    LoadRequest req;
    EmuError err;
    ExecOptions eopts = { 0 };
    IRBackendConfig bcfg = { 0 };
    char **guest_argv;

    emu_set_progname("aarch64-user");
    if (binfmt_started_by_kernel(argv[0], getauxval(AT_FLAGS))) {
        /*
         * The kernel ran us for a binfmt_misc P entry: argv is
         * INTERPRETER FULL-PATH ARGV0 ARGS...; read it as "-0 ARGV0 FULL-PATH ARGS...".
         */
        char **v = calloc((size_t)argc + 2, sizeof(char *));
        if (!v || argc < 3) {
            emu_fatal("started by binfmt_misc with %d arguments (expected the program path and argv[0])",
                      argc - 1);
        }
        v[0] = argv[0];
        v[1] = (char *)"-0";
        v[2] = argv[2];
        v[3] = (char *)"--";
        v[4] = argv[1];
        for (int i = 3; i < argc; i++) {
            v[i + 2] = argv[i];
        }
        argc += 2;
        argv = v;
    }
    if (!user_parse_args(&cfg, argc, argv, &err)) {
        emu_fatal("%s", err.msg);
    }
    if (cfg.binfmt_action) {
        return binfmt_command(cfg.binfmt_action, cfg.binfmt_path, cfg.binfmt_credentials, BINFMT_DIR);
    }
    if (cfg.want_help) {
        user_print_help();
        return 0;
    }
    if (cfg.want_version) {
        EMU_PRINT_VERSION("aarch64-user");
        return 0;
    }
    if (cfg.want_cpu_help) {
        arm_print_cpu_models(stdout);
        return 0;
    }
    if (cfg.want_log_help) {
        log_print_help(stdout);
        return 0;
    }
    fd_floor_raise();
    if (!(cfg.log_append ? log_set_file_append : log_set_file)(cfg.log_path, &err) ||
        !log_set_dfilter(cfg.dfilter, &err)) {
        emu_fatal("%s", err.msg);
    }
    log_mask = cfg.log_items;
    if (log_enabled(LOG_STATS)) {
        atexit(exec_print_stats);
    }

    /* A native replacement under /emul runs instead, if there is one (issue #6). */
    emul_configure(&cfg);
    emul_redirect(cfg.program, cfg.argv0, cfg.guest_argv, guest_environment(&cfg));
    if (!elf_read_file(cfg.program, &image, &err)) {
        emu_fatal("%s", err.msg);
    }
    arm_set_cpu_model(cpu_models[cfg.cpu]);
    if (!guest_space_init(1ull << 46, &err) || !user_fault_init(&err)) {
        emu_fatal("%s", err.msg);
    }
    eopts.backend = cfg.use_interpreter ? &exec_backend_interp : &exec_backend_jit;
    eopts.nochain = log_enabled(LOG_NOCHAIN);
    bcfg.guest_base = guest_base;
    bcfg.guest_limit = guest_limit;
    if (!exec_init(&arm_exec_target, &eopts, &bcfg, &err)) {
        emu_fatal("%s", err.msg);
    }

    guest_argv = cfg.guest_argv;
    if (cfg.argv0) {
        guest_argv[0] = cfg.argv0;
    }
    memset(&req, 0, sizeof(req));
    req.path = cfg.program;
    req.execfn = cfg.program;
    req.argc = cfg.guest_argc;
    req.argv = guest_argv;
    req.envp = guest_environment(&cfg);
    req.stack_size = cfg.stack_size;
    req.hwcap = arm_cpu_hwcap();
    req.hwcap2 = arm_cpu_hwcap2();
    /* The root first: the loader looks up the ELF interpreter inside it. */
    syscall_set_root(cfg.root);
    if (!load_guest_program(&req, &image, &proc, &err)) {
        emu_fatal("%s", err.msg);
    }
    syscall_state.brk_start = syscall_state.brk_cur = proc.brk_start;
    procview_set_auxv(proc.auxv, proc.auxv_words);
    procview_set_cpu(cpu_models[cfg.cpu]);
    syscall_set_exe_path(cfg.program);
    /* Before the reservation below: it holds our own binary open for the guest's execve. */
    exec_configure(&cfg);
    fd_floor_release();
    /* The guest must not close or reuse the emulator's own descriptors. */
    syscall_reserve_cloexec_fds();
    if (cfg.log_path) {
        syscall_reserve_fd(fileno(log_file()));
    }

    arm_cpu_reset_user(&env, proc.entry, proc.sp);
    arm_cpu_user_new_keys(&env, 0x1f);   /* per-process PAuth keys, new at every exec */
    exec_cpu_init(&cpu, &env);
    if (!signal_init(&cpu, &err)) {
        emu_fatal("%s", err.msg);
    }
    if (cfg.gdb_port) {
        /* -g PORT: the CPU waits for gdb's first continue, before the first instruction. */
        GdbOptions gopts = { .port = (int)cfg.gdb_port, .start_stopped = true, .wait_connection = true };
        if (!gdbstub_start(&arm_gdb_target_user, &gopts, &err)) {
            emu_fatal("%s", err.msg);
        }
    }
    int status = cpu_loop(&cpu, &env);
    if (gdbstub_enabled) {
        gdbstub_report_exit(status);
    }
    return status;
}
