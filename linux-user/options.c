/* aarch64-user command line: see options.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "target-arm/exec-target.h"
#include "linux-user/options.h"
#include "util/accel-opt.h"
#include "util/file.h"
#include "util/log.h"
#include "util/options.h"
#include "util/parse.h"

enum {
    OPT_ROOT, OPT_CPU, OPT_SETENV, OPT_UNSETENV, OPT_ARGV0, OPT_STACK, OPT_LOG, OPT_LOGFILE, OPT_LOGAPPEND,
    OPT_GDB, OPT_STRACE, OPT_ACCEL, OPT_EMUL, OPT_HELP, OPT_HELP_SHORT, OPT_VERSION,
    OPT_BINFMT, OPT_BINFMT_PATH, OPT_BINFMT_CRED, OPT_DFILTER,
};

static const OptionDef user_options[] = {
    { "L", OPT_ROOT, true, "PATH", "guest root: prefix for the ELF interpreter and absolute paths" },
    { "cpu", OPT_CPU, true, "MODEL", "CPU model: cortex-a57, cortex-a72, max (default); 'help' lists" },
    { "E", OPT_SETENV, true, "VAR=VALUE", "set VAR in the guest's environment" },
    { "U", OPT_UNSETENV, true, "VAR", "remove VAR from the guest's environment" },
    { "0", OPT_ARGV0, true, "ARGV0", "argv[0] of the guest program (default: PROGRAM)" },
    { "s", OPT_STACK, true, "SIZE", "guest stack size (default 8M)" },
    { "d", OPT_LOG, true, "ITEM,...", "enable debug logs; '-d help' lists the items" },
    { "D", OPT_LOGFILE, true, "FILE", "write debug logs to FILE instead of stderr" },
    { "Dappend", OPT_LOGAPPEND, true, "FILE", "like -D, but append to FILE (a guest's execve passes this on)" },
    { "dfilter", OPT_DFILTER, true, "RANGE,...", "per-block logs only for blocks in START+SIZE, START-SIZE or START..END" },
    { "g", OPT_GDB, true, "PORT", "wait for gdb on TCP PORT" },
    { "strace", OPT_STRACE, false, NULL, "log the guest's system calls" },
    { "accel", OPT_ACCEL, true, "tcg[,backend=jit|interp]", "translator backend: x86-64 JIT (default) or the IR interpreter" },
    { "emul", OPT_EMUL, true, "on|off", "run native x86-64 replacements found under /emul (default on; AARCH64_EMUL=0 also turns it off)" },
    { "binfmt", OPT_BINFMT, true, "register|unregister|status", "manage the binfmt_misc entry for AArch64 ELF programs, then exit" },
    { "binfmt-path", OPT_BINFMT_PATH, true, "PATH", "interpreter to register (default: this program; must be static)" },
    { "binfmt-credentials", OPT_BINFMT_CRED, false, NULL, "register with the C flag (setuid programs run with their credentials)" },
    { "help", OPT_HELP, false, NULL, "print this help and exit" },
    { "h", OPT_HELP_SHORT, false, NULL, "print this help and exit" },
    { "version", OPT_VERSION, false, NULL, "print the version and exit" },
    { NULL, 0, false, NULL, NULL },
};

/* The -cpu names, indexed by UserCpuModel. */
static const char *const cpu_model_names[] = {
    [USER_CPU_CORTEX_A57] = "cortex-a57",
    [USER_CPU_CORTEX_A72] = "cortex-a72",
    [USER_CPU_MAX] = "max",
};

const char *user_cpu_model_name(UserCpuModel m)
{
    return cpu_model_names[m];
}

static bool parse_cpu(UserConfig *cfg, const char *arg, EmuError *err)
{
    if (!strcmp(arg, "help")) {
        cfg->want_cpu_help = true;
        return true;
    }
    /* MODEL[,PROP=VALUE...]: the properties are the target's (-cpu max,pauth-impdef=on). */
    const char *comma = strchr(arg, ',');
    size_t len = comma ? (size_t)(comma - arg) : strlen(arg);
    for (size_t i = 0; i < sizeof(cpu_model_names) / sizeof(cpu_model_names[0]); i++) {
        if (strlen(cpu_model_names[i]) == len && !strncmp(arg, cpu_model_names[i], len)) {
            cfg->cpu = (UserCpuModel)i;
            cfg->cpu_props = comma ? comma + 1 : NULL;
            return arm_cpu_parse_props(strcmp(cpu_model_names[i], "max") ? ARM_CPU_CORTEX_A57 : ARM_CPU_MAX,
                                       cfg->cpu_props, err);
        }
    }
    return emu_error_set(err, "-cpu: unknown CPU model '%s' (cortex-a57, cortex-a72 or max)", arg);
}

static bool valid_env_name(const char *s, size_t len)
{
    if (len == 0) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '=' || s[i] == '\0') {
            return false;
        }
    }
    return true;
}

bool user_parse_args(UserConfig *cfg, int argc, char **argv, EmuError *err)
{
    OptionScanner sc;
    const char *arg;
    int id;

    memset(cfg, 0, sizeof(*cfg));
    cfg->cpu = USER_CPU_MAX;
    cfg->stack_size = 8ull << 20;

    option_scanner_init(&sc, argc, argv, true);
    while ((id = option_next(&sc, user_options, &arg, err)) != OPTION_END) {
        uint64_t v;
        switch (id) {
        case OPTION_ERROR:
            return false;
        case OPT_ROOT:
            if (!file_check_directory(arg, "-L", err)) {
                return false;
            }
            free(cfg->root);
            cfg->root = strdup(arg);
            break;
        case OPT_CPU:
            if (!parse_cpu(cfg, arg, err)) {
                return false;
            }
            break;
        case OPT_SETENV: {
            const char *eq = strchr(arg, '=');
            if (!eq || !valid_env_name(arg, eq - arg)) {
                return emu_error_set(err, "-E: '%s' is not VAR=VALUE", arg);
            }
            if (cfg->nb_env_set == USER_MAX_ENV_EDITS) {
                return emu_error_set(err, "-E: too many environment edits (at most %d)", USER_MAX_ENV_EDITS);
            }
            cfg->env_set[cfg->nb_env_set++] = strdup(arg);
            break;
        }
        case OPT_UNSETENV:
            if (!valid_env_name(arg, strlen(arg))) {
                return emu_error_set(err, "-U: '%s' is not a variable name", arg);
            }
            if (cfg->nb_env_unset == USER_MAX_ENV_EDITS) {
                return emu_error_set(err, "-U: too many environment edits (at most %d)", USER_MAX_ENV_EDITS);
            }
            cfg->env_unset[cfg->nb_env_unset++] = strdup(arg);
            break;
        case OPT_ARGV0:
            free(cfg->argv0);
            cfg->argv0 = strdup(arg);
            break;
        case OPT_STACK:
            if (!parse_size(arg, 1, &v, err)) {
                EmuError detail = *err;
                return emu_error_set(err, "-s: %s", detail.msg);
            }
            if (v < (64u << 10) || v > (1ull << 32)) {
                return emu_error_set(err, "-s: stack size '%s' must be between 64K and 4G", arg);
            }
            cfg->stack_size = v;
            break;
        case OPT_LOG:
            if (!strcmp(arg, "help")) {
                cfg->want_log_help = true;
            } else {
                unsigned items;
                if (!log_parse_items(arg, &items, err)) {
                    return false;
                }
                cfg->log_items |= items;
                if (cfg->log_spec) {
                    char *joined;
                    if (asprintf(&joined, "%s,%s", cfg->log_spec, arg) < 0) {
                        return emu_error_set(err, "out of memory");
                    }
                    free(cfg->log_spec);
                    cfg->log_spec = joined;
                } else {
                    cfg->log_spec = strdup(arg);
                }
            }
            break;
        case OPT_LOGFILE:
        case OPT_LOGAPPEND:
            free(cfg->log_path);
            cfg->log_path = strdup(arg);
            cfg->log_append = id == OPT_LOGAPPEND;
            break;
        case OPT_DFILTER:
            if (!log_check_dfilter(arg, err)) {
                return false;
            }
            free(cfg->dfilter);
            cfg->dfilter = strdup(arg);
            break;
        case OPT_GDB:
            if (!parse_uint(arg, 1, 65535, "-g", &v, err)) {
                return false;
            }
            cfg->gdb_port = (unsigned)v;
            break;
        case OPT_STRACE:
            cfg->strace = true;
            cfg->log_items |= LOG_STRACE;
            break;
        case OPT_ACCEL:
            if (!parse_accel(arg, &cfg->use_interpreter, err)) {
                return false;
            }
            break;
        case OPT_EMUL:
            if (strcmp(arg, "on") && strcmp(arg, "off")) {
                return emu_error_set(err, "-emul: '%s' is not on or off", arg);
            }
            cfg->emul_off = !strcmp(arg, "off");
            break;
        case OPT_HELP:
        case OPT_HELP_SHORT:
            cfg->want_help = true;
            break;
        case OPT_VERSION:
            cfg->want_version = true;
            break;
        case OPT_BINFMT:
            if (strcmp(arg, "register") && strcmp(arg, "unregister") && strcmp(arg, "status")) {
                return emu_error_set(err, "--binfmt: unknown action '%s' (register, unregister or status)", arg);
            }
            free(cfg->binfmt_action);
            cfg->binfmt_action = strdup(arg);
            break;
        case OPT_BINFMT_PATH:
            free(cfg->binfmt_path);
            cfg->binfmt_path = strdup(arg);
            break;
        case OPT_BINFMT_CRED:
            cfg->binfmt_credentials = true;
            break;
        }
    }
    if (cfg->want_help || cfg->want_version || cfg->want_cpu_help || cfg->want_log_help ||
        cfg->binfmt_action) {
        return true;
    }
    if (cfg->binfmt_path || cfg->binfmt_credentials) {
        return emu_error_set(err, "--binfmt-path and --binfmt-credentials go with --binfmt register");
    }
    if (sc.index >= argc) {
        return emu_error_set(err, "no program to run (usage: aarch64-user [options] PROGRAM [ARGS...])");
    }
    cfg->program = argv[sc.index];
    cfg->guest_argc = argc - sc.index;
    cfg->guest_argv = argv + sc.index;
    return true;
}

void user_config_free(UserConfig *cfg)
{
    free(cfg->root);
    for (int i = 0; i < cfg->nb_env_set; i++) {
        free(cfg->env_set[i]);
    }
    for (int i = 0; i < cfg->nb_env_unset; i++) {
        free(cfg->env_unset[i]);
    }
    free(cfg->argv0);
    free(cfg->log_path);
    free(cfg->log_spec);
    free(cfg->dfilter);
    free(cfg->binfmt_action);
    free(cfg->binfmt_path);
    memset(cfg, 0, sizeof(*cfg));
}

void user_print_help(void)
{
    printf("Usage: aarch64-user [options] PROGRAM [ARGS...]\n"
           "Runs an AArch64 Linux program on this x86-64 host.\n\n"
           "Options:\n");
    option_print_help(stdout, user_options);
}
